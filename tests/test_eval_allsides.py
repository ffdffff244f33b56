"""AllSides roundups: reading the format, dates from addresses, the story score on roundups written here,
the CLI command, and a sensible figure on a slice of the shared half."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from storytrace.errors import EvalDataError
from storytrace.eval.allsides import date_from_url, evaluate_allsides, load_allsides

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "allsides_roundups"


def _article(title: str, body: list[str], link: str = "https://example.org/news/item") -> dict[str, Any]:
    return {"newsSource": "Example", "newsTitle": title, "newBody": body, "newsLink": link}


ROUNDUPS = [
    {"id": 1, "news": {
        "left": _article("Harbor Bridge closed after crack found in main span",
                         ["The Harbor Bridge was closed on Monday after inspectors found a crack in its main span."],
                         "https://example.org/2019/03/04/bridge-closed"),
        "center": _article("Crack in Harbor Bridge span forces closure",
                           ["Engineers are examining a crack in the main span of the Harbor Bridge, closed Monday."]),
        "right": _article("Harbor Bridge shut as engineers study cracked span",
                          ["Inspectors shut the Harbor Bridge after finding a cracked main span, engineers said."]),
    }},
    {"id": 2, "news": {
        "left": _article("Late frost destroys valley apple blossoms",
                         ["A late frost destroyed most apple blossoms in valley orchards this week."]),
        "right": _article("Valley apple growers lose blossoms to frost",
                          ["Apple growers in the valley lost their blossoms to a late frost."]),
    }},
    {"id": 3, "news": {}},
]


def _write(folder: Path, roundups: list[dict[str, Any]] = ROUNDUPS) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "roundups.jsonl").write_text("\n".join(json.dumps(r) for r in roundups) + "\n", encoding="utf-8")
    return folder


def test_load_reads_every_side_and_the_roundup_label(tmp_path):
    items, gold = load_allsides(_write(tmp_path))
    assert len(items) == 5
    assert gold == ["roundups.jsonl:1"] * 3 + ["roundups.jsonl:2"] * 2
    assert items[0].published == "2019-03-04" and items[1].published is None
    assert items[0].text.startswith("The Harbor Bridge was closed")


@pytest.mark.parametrize(
    ("url", "expected"),
    [("https://www.nytimes.com/2021/10/15/world/europe/x.html", "2021-10-15"),
     ("https://www.cnn.com/2021/10/5/politics/x/index.html", "2021-10-05"),
     ("https://www.nationalreview.com/2021/10/defending-x/", None),
     ("https://qz.com/2074464/italys-new-mandate/", None),
     ("https://example.org/2021/13/40/bad", None), ("", None)],
    ids=["full", "one-digit-day", "month-only", "no-date", "impossible", "empty"],
)
def test_date_from_url(url, expected):
    assert date_from_url(url) == expected


def test_story_score_on_roundups_written_here(tmp_path):
    result = evaluate_allsides(_write(tmp_path))
    assert (result["items"], result["gold_stories"]) == (5, 2)
    assert result["predicted_stories"] == 2
    assert result["bcubed_precision"] == result["bcubed_recall"] == result["bcubed_f1"] == 1.0


def test_eval_refuses_missing_or_broken_data(tmp_path):
    with pytest.raises(EvalDataError):
        evaluate_allsides(tmp_path / "nowhere")
    with pytest.raises(EvalDataError, match="jsonl"):
        evaluate_allsides(tmp_path)
    (tmp_path / "bad.jsonl").write_text("{not json\n", encoding="utf-8")
    with pytest.raises(EvalDataError, match="not JSON"):
        evaluate_allsides(tmp_path)
    (tmp_path / "bad.jsonl").write_text(json.dumps({"id": 1}) + "\n", encoding="utf-8")
    with pytest.raises(EvalDataError, match="news"):
        evaluate_allsides(tmp_path)


def test_cli_prints_one_json_object(tmp_path, cli):
    result = cli("eval", "allsides", "--data", _write(tmp_path), "--json")
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output.strip().splitlines()[-1])
    assert scores["bcubed_f1"] == 1.0 and scores["items"] == 5


@pytest.mark.shared
def test_story_score_on_a_shared_slice_is_sensible(tmp_path):
    paths = sorted(SHARED.glob("*.jsonl")) if SHARED.is_dir() else []
    if not paths:
        pytest.skip(f"../shared/data/allsides_roundups not found at {SHARED}: shared evaluation data absent")
    lines = paths[0].read_text(encoding="utf-8").splitlines()[:60]
    (tmp_path / "slice.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = evaluate_allsides(tmp_path)
    assert result["items"] > 100
    # a slice of 60 roundups is easier than the whole half (fewer stories on the same topics): a floor
    # well below the measured figure, and all-in-one / all-apart must both be beaten
    assert result["bcubed_f1"] >= 0.7, result
    assert result["bcubed_precision"] > 0.5 and result["bcubed_recall"] > 0.5
