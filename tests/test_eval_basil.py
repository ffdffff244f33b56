"""BASIL: reading the format, locating gold quotes, surnames, the quote and story scores on a set written
here, the CLI command, and sensible figures on a slice of the shared half."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from storytrace.errors import EvalDataError
from storytrace.eval.basil import evaluate_basil, load_basil, surname

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "basil"

# Two events written for this test, each told by three outlets; phrase offsets are inside one sentence.
EVENTS: dict[str, list[dict[str, Any]]] = {
    "a1b2c3d4-0000-4000-8000-000000000001": [
        {
            "source": "nyt", "title": "Harbor bridge closes after crack found in main span", "date": "2019-03-04",
            "body-paragraphs": [
                ["The Harbor Bridge was closed to traffic on Monday after inspectors found a crack in its main span.",
                 "“We will not reopen it until engineers are certain it is safe,” Mayor Linda Okafor said."],
                ["Commuters faced long delays across the city."],
            ],
        },
        {
            "source": "fox", "title": "Mayor shuts Harbor Bridge over crack in span", "date": "2019-03-04",
            "body-paragraphs": [
                ["Mayor Linda Okafor shut the Harbor Bridge on Monday."],
                ["“Safety comes first,” Okafor told reporters, adding that repairs could take weeks."],
            ],
        },
        {
            "source": "hpo", "title": "Crack in Harbor Bridge span forces closure", "date": "2019-03-05",
            "body-paragraphs": [
                ["Engineers are examining a crack in the main span of the Harbor Bridge, closed since Monday.",
                 "Transit official Raj Patel said extra ferries would run all week."],
            ],
        },
    ],
    "a1b2c3d4-0000-4000-8000-000000000002": [
        {
            "source": "nyt", "title": "Orchard growers lose apple crop to late frost", "date": "2019-05-10",
            "body-paragraphs": [
                ["A late frost destroyed most of the apple blossoms in the valley this week.",
                 "“It is the worst season I have seen in forty years,” said grower Tomás Ruiz."],
            ],
        },
        {
            "source": "fox", "title": "Late frost wipes out valley apple blossoms", "date": "2019-05-11",
            "body-paragraphs": [["Growers in the valley said a late frost wiped out their apple blossoms."]],
        },
        {
            "source": "hpo", "title": "Apple growers count frost losses", "date": "2019-05-11",
            "body-paragraphs": [["Valley apple growers are counting their losses after a late frost."]],
        },
    ],
}


def _phrase(sentence: str, words: str, *, speaker: str, quote: str = "yes") -> dict[str, Any]:
    start = sentence.index(words)
    return {"txt": words, "start": start, "end": start + len(words), "quote": quote, "speaker": speaker}


ANNOTATIONS: dict[tuple[str, int], list[dict[str, Any]]] = {
    ("a1b2c3d4-0000-4000-8000-000000000001", 1): [
        _phrase(EVENTS["a1b2c3d4-0000-4000-8000-000000000001"][0]["body-paragraphs"][0][1],
                "“We will not reopen it until engineers are certain it is safe,”", speaker="Linda_Okafor"),
        # not a quote, and an unnamed speaker: both ignored
        _phrase(EVENTS["a1b2c3d4-0000-4000-8000-000000000001"][0]["body-paragraphs"][1][0],
                "long delays", speaker="", quote="no"),
    ],
    ("a1b2c3d4-0000-4000-8000-000000000001", 2): [
        _phrase(EVENTS["a1b2c3d4-0000-4000-8000-000000000001"][1]["body-paragraphs"][1][0],
                "Safety comes first", speaker="Linda_Okafor"),
    ],
    ("a1b2c3d4-0000-4000-8000-000000000002", 1): [
        _phrase(EVENTS["a1b2c3d4-0000-4000-8000-000000000002"][0]["body-paragraphs"][0][1],
                "It is the worst season I have seen in forty years", speaker="Tomás_Ruiz"),
        _phrase(EVENTS["a1b2c3d4-0000-4000-8000-000000000002"][0]["body-paragraphs"][0][0],
                "destroyed most of the apple blossoms", speaker="other_neutral"),
    ],
}


def write_basil(folder: Path) -> Path:
    for event, articles in EVENTS.items():
        for number, article in enumerate(articles, start=1):
            year = article["date"][:4]
            (folder / "articles" / year).mkdir(parents=True, exist_ok=True)
            (folder / "annotations" / year).mkdir(parents=True, exist_ok=True)
            record = {**article, "triplet-uuid": event, "uuid": f"{event[:-1]}{number}"}
            (folder / "articles" / year / f"{event}_{number}.json").write_text(json.dumps(record), encoding="utf-8")
            phrases = ANNOTATIONS.get((event, number), [])
            (folder / "annotations" / year / f"{event}_{number}_ann.json").write_text(
                json.dumps({"phrase-level-annotations": phrases, "triplet-uuid": event}), encoding="utf-8"
            )
    return folder


def test_load_rebuilds_the_text_and_locates_named_quotes(tmp_path):
    articles = load_basil(write_basil(tmp_path))
    assert len(articles) == 6
    first = articles[0]
    assert first.text.split("\n\n")[0].endswith("Mayor Linda Okafor said.")
    assert "\n\nCommuters faced" in first.text
    # only quote == yes with a named speaker; quote marks and the comma trimmed off the span
    assert [(q.text, q.speaker) for q in first.quotes] == [
        ("We will not reopen it until engineers are certain it is safe", "Linda_Okafor")
    ]
    assert first.text[first.quotes[0].span[0] : first.quotes[0].span[1]] == first.quotes[0].text
    assert sum(len(a.quotes) for a in articles) == 3
    assert {a.story for a in articles} == set(EVENTS)


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Michael_Steele", "steele"), ("Mr. Steele", "steele"), ("Ruth_Bader_Ginsburg", "ginsburg"),
     ("Raúl R. Labrador", "labrador"), ("Martin Luther King Jr.", "king"), ("Okafor's", "okafor"),
     ("Obama_campaign", "campaign"), ("the Obama campaign", "campaign"), ("Trump himself", "trump"), ("", "")],
    ids=["gold", "title", "three-part", "accent", "suffix", "possessive", "group", "group-prose", "reflexive", "empty"],
)
def test_surname(name, expected):
    assert surname(name) == expected


def test_quote_part_on_a_set_written_here(tmp_path):
    seen: list[tuple[int, int]] = []
    result = evaluate_basil(write_basil(tmp_path), part="quotes", progress=lambda d, t, _l: seen.append((d, t)))
    assert result["articles"] == 6
    assert result["quote_gold"] == 3 and result["quote_articles"] == 3
    # every one of these quotes sits in quote marks: the extractor finds all, with the speaker named
    assert result["quote_found"] == 3 and result["quote_recall"] == 1.0
    assert result["speaker_right"] == 3 and result["speaker_accuracy"] == 1.0
    assert seen[-1] == (3, 3)


def test_speakers_are_broken_down_by_gold_label(tmp_path, monkeypatch, cli):
    # the second Okafor quote annotated with a group as its speaker, as BASIL does for spokespeople
    group = dict(ANNOTATIONS)
    key = ("a1b2c3d4-0000-4000-8000-000000000001", 2)
    group[key] = [dict(group[key][0], speaker="Harbor_officials")]
    monkeypatch.setattr(__name__ + ".ANNOTATIONS", group)
    folder = write_basil(tmp_path)
    result = evaluate_basil(folder, part="quotes")
    assert result["speaker_right"] == 2 and result["quote_found"] == 3
    assert result["speaker_by_gold"] == {
        "Harbor_officials": {"found": 1, "right": 0},
        "Linda_Okafor": {"found": 1, "right": 1},
        "Tomás_Ruiz": {"found": 1, "right": 1},
    }
    printed = cli("eval", "basil", "--data", folder, "--part", "quotes")
    assert printed.exit_code == 0, printed.output
    lines = printed.output.splitlines()
    table = lines[lines.index("speakers right / found, by gold speaker:") + 1 :]
    assert table[0].split() == ["0", "/", "1", "Harbor_officials"]  # the labels with misses first
    assert {line.split()[-1] for line in table[1:3]} == {"Linda_Okafor", "Tomás_Ruiz"}


def test_story_part_and_the_default_all(tmp_path):
    result = evaluate_basil(write_basil(tmp_path), part="stories")
    assert "quote_recall" not in result
    assert (result["gold_stories"], result["predicted_stories"]) == (2, 2)
    assert result["bcubed_precision"] == result["bcubed_recall"] == result["bcubed_f1"] == 1.0
    both = evaluate_basil(tmp_path)
    assert both["bcubed_f1"] == 1.0 and both["quote_recall"] == 1.0


def test_eval_refuses_missing_or_broken_data(tmp_path):
    with pytest.raises(EvalDataError, match="articles"):
        evaluate_basil(tmp_path)
    (tmp_path / "articles" / "2019").mkdir(parents=True)
    with pytest.raises(EvalDataError):
        evaluate_basil(tmp_path)
    (tmp_path / "articles" / "2019" / "x_1.json").write_text("{broken", encoding="utf-8")
    with pytest.raises(EvalDataError):
        evaluate_basil(tmp_path)
    with pytest.raises(EvalDataError, match="part"):
        evaluate_basil(write_basil(tmp_path / "ok"), part="nonsense")


def test_cli_prints_one_json_object(tmp_path, cli):
    result = cli("eval", "basil", "--data", write_basil(tmp_path), "--part", "quotes", "--json")
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output.strip().splitlines()[-1])
    assert scores["quote_gold"] == 3 and {"quote_recall", "speaker_accuracy"} <= scores.keys()
    assert "bcubed_f1" not in scores
    result = cli("eval", "basil", "--data", tmp_path, "--json")
    scores = json.loads(result.output.strip().splitlines()[-1])
    assert {"quote_recall", "speaker_accuracy", "bcubed_precision", "bcubed_recall", "bcubed_f1"} <= scores.keys()


def test_cli_reports_missing_data_with_a_code(tmp_path, cli):
    result = cli("eval", "basil", "--data", tmp_path / "nowhere", "--json")
    assert result.exit_code == 1
    assert json.loads(result.output)["error"]["code"] == "E401"


def _shared_slice(tmp_path: Path, events: int) -> Path:
    if not (SHARED / "articles").is_dir():
        pytest.skip(f"../shared/data/basil not found at {SHARED}: shared evaluation data absent")
    stories = sorted({p.stem.rsplit("_", 1)[0] for p in (SHARED / "articles").glob("*/*.json")})[:events]
    for story in stories:
        for path in (SHARED / "articles").glob(f"*/{story}_*.json"):
            for kind, name in (("articles", path.name), ("annotations", f"{path.stem}_ann.json")):
                source = SHARED / kind / path.parent.name / name
                if source.is_file():
                    (tmp_path / kind / path.parent.name).mkdir(parents=True, exist_ok=True)
                    shutil.copy(source, tmp_path / kind / path.parent.name / name)
    return tmp_path


@pytest.mark.shared
def test_quote_part_on_a_shared_slice_is_sensible(tmp_path):
    result = evaluate_basil(_shared_slice(tmp_path, 12), part="quotes")
    assert result["articles"] == 36
    assert result["quote_gold"] > 0
    assert 0.0 < result["quote_recall"] <= 1.0
    assert result["speaker_right"] <= result["quote_found"] <= result["quote_gold"]


@pytest.mark.shared
@pytest.mark.slow
def test_quote_part_keeps_its_floor():
    if not (SHARED / "articles").is_dir():
        pytest.skip(f"{SHARED} not found: shared evaluation data absent")
    result = evaluate_basil(SHARED, part="quotes")
    # Just under the measured figures (recall 142/150 = 0.947, speaker accuracy 97/142 = 0.683). The
    # goal (0.85) is out of reach under BASIL's convention of group speakers (docs/claims.md).
    assert result["quote_recall"] >= 0.93 and result["speaker_accuracy"] >= 0.67, result


@pytest.mark.shared
def test_story_part_on_a_shared_slice_is_sensible(tmp_path):
    result = evaluate_basil(_shared_slice(tmp_path, 20), part="stories")
    assert (result["articles"], result["gold_stories"]) == (60, 20)
    # measured 0.99 on the whole half; a slice of 20 events must stay well clear of the trivial partitions
    assert result["bcubed_f1"] >= 0.9, result
