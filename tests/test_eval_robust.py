"""`storytrace eval` on data that differs from ours: the held-out half of each set scores the project later,
and one odd record there (a missing field, an empty body, a truncated gzip, a BOM, another encoding, a CSV
row out of line, an offset past the end of the text, a split laid out otherwise …) must cost that record,
not the figure.

The tests marked ``shared`` copy a handful of files of ../shared/data into ``tmp_path`` at test time, break
one record per kind of damage and check that the evaluation still gives figures — the same figures as on
the undamaged records alone — with the right ``skipped_items``. Nothing of the shared data is written here.
The other tests use tiny sets written below.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import CliInvoker
from storytrace.errors import EvalDataError
from storytrace.eval.aeb import evaluate_aeb
from storytrace.eval.allsides import evaluate_allsides
from storytrace.eval.basil import evaluate_basil, load_basil
from storytrace.eval.meter import evaluate_meter
from storytrace.eval.newsquant import evaluate_newsquant
from storytrace.eval.polnear import evaluate_polnear
from storytrace.eval.uci_news import evaluate_uci_news
from test_eval_newsquant import ITEMS
from test_eval_polnear import TEXT, _ann
from test_eval_uci_news import _write as write_uci

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"

SKIP_KEYS = {"skipped_items", "skipped_examples", "recoded_files", "recoded_examples"}


def shared_set(name: str) -> Path:
    """A set of ../shared/data (located as the other eval tests do), or a skip saying it is absent."""
    folder = SHARED / name
    if not folder.is_dir():
        pytest.skip(f"../shared/data/{name} not found at {folder}: shared evaluation data absent")
    return folder


def figures(result: dict[str, Any]) -> dict[str, Any]:
    """A result without its report of skipped records: what must not change when damaged records are added."""
    return {key: value for key, value in result.items() if key not in SKIP_KEYS}


BOM = "\ufeff"

# ------------------------------------------------------------------------------------------------
# mutated copies of the shared half


@pytest.mark.shared
def test_aeb_skips_damaged_pages_and_scores_the_others_as_before(tmp_path: Path) -> None:
    source = shared_set("aeb")
    truth = json.loads((source / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(truth)[:6]
    clean, damaged = tmp_path / "clean", tmp_path / "damaged"
    for folder, kept in ((clean, keys[:3]), (damaged, keys)):
        (folder / "html").mkdir(parents=True)
        for key in kept:
            shutil.copy(source / "html" / f"{key}.html.gz", folder / "html")
    (clean / "ground-truth.json").write_text(json.dumps({k: truth[k] for k in keys[:3]}), encoding="utf-8")
    page = damaged / "html" / f"{keys[3]}.html.gz"
    page.write_bytes(page.read_bytes()[: page.stat().st_size // 2])  # a truncated gzip
    gold = {key: dict(truth[key]) for key in keys}
    gold[keys[4]]["articleBody"] = ""  # an empty gold body
    (damaged / "html" / f"{keys[5]}.html.gz").unlink()  # a page that was never saved
    (damaged / "ground-truth.json").write_text(BOM + json.dumps(gold), encoding="utf-8")  # a BOM

    result = evaluate_aeb(damaged)
    assert result["skipped_items"] == 3, result["skipped_examples"]
    assert any("gzip" in example for example in result["skipped_examples"])
    assert figures(result) == figures(evaluate_aeb(clean)) and result["pages"] == 3


def _meter_rows(source: Path) -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in (source / "pairs.jsonl").read_text(encoding="utf-8").splitlines() if line]
    small = [row for row in rows if 1 <= len(row["pa_source_paths"]) <= 2]
    return small[:6]


def _copy_meter(source: Path, folder: Path, rows: list[dict[str, Any]]) -> None:
    for row in rows:
        for relative in (row["text_path"], *row["pa_source_paths"]):
            (folder / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source / relative, folder / relative)


@pytest.mark.shared
def test_meter_skips_broken_rows_and_missing_files(tmp_path: Path) -> None:
    source = shared_set("meter")
    rows = _meter_rows(source)
    clean, damaged = tmp_path / "clean", tmp_path / "damaged"
    _copy_meter(source, clean, rows[:3])
    (clean / "pairs.jsonl").write_text("\n".join(json.dumps(row) for row in rows[:3]), encoding="utf-8")
    _copy_meter(source, damaged, rows)
    respelt = {**rows[0], "label": rows[0]["label"].replace("_", "-").upper()}  # the same label, spelt otherwise
    (damaged / rows[4]["text_path"]).unlink()  # a story whose file is missing
    lines = [
        json.dumps(respelt), json.dumps(rows[1]), json.dumps(rows[2]),
        json.dumps(rows[3])[:40],  # a line cut short
        json.dumps(rows[4]),
        json.dumps({**rows[5], "label": "maybe_derived"}),  # a label the set does not have
    ]
    (damaged / "pairs.jsonl").write_text(BOM + "\n".join(lines) + "\n", encoding="utf-8")

    result = evaluate_meter(damaged)
    assert result["skipped_items"] == 3, result["skipped_examples"]
    assert [example.split(":")[1] for example in result["skipped_examples"]] == ["4", "5", "6"]
    assert figures(result) == figures(evaluate_meter(clean)) and result["n"] == 3


def _copy_polnear(source: Path, split_dir: Path, names: list[str]) -> None:
    (split_dir / "text").mkdir(parents=True)
    (split_dir / "attributions").mkdir(parents=True)
    for name in names:
        shutil.copy(source / "text" / f"{name}.txt", split_dir / "text")
        for annotation in (source / "attributions").glob(f"{name}_*.ann"):
            shutil.copy(annotation, split_dir / "attributions")


@pytest.mark.shared
@pytest.mark.slow
def test_polnear_reads_a_test_split_skips_bad_annotations_and_reads_crlf_with_a_bom(tmp_path: Path) -> None:
    source = shared_set("polnear") / "dev"
    names = sorted(path.stem for path in (source / "text").glob("*.txt"))[:6]
    clean, damaged = tmp_path / "clean", tmp_path / "damaged"
    _copy_polnear(source, clean / "test", names[:3])
    _copy_polnear(source, damaged / "test", names)  # laid out with test/ only, no dev/
    split = damaged / "test"
    first = split / "text" / f"{names[0]}.txt"
    first.write_bytes((BOM + first.read_text(encoding="utf-8")).replace("\n", "\r\n").encode("utf-8"))

    def annotation(name: str) -> Path:
        return sorted((split / "attributions").glob(f"{name}_*.ann"))[0]

    with annotation(names[3]).open("a", encoding="utf-8") as handle:
        handle.write("\nT999\tContent 999990 999999\tpast the end\n")  # an offset past the end of the text
    for path in (split / "attributions").glob(f"{names[4]}_*.ann"):
        path.unlink()  # an article without annotation
    with annotation(names[5]).open("a", encoding="utf-8") as handle:
        handle.write("\nT998\tCue twelve 14\tsaid\n")  # offsets that are not numbers

    result = evaluate_polnear(damaged)
    assert result["split"] == "test"
    assert result["skipped_items"] == 3, result["skipped_examples"]
    assert figures(result) == figures(evaluate_polnear(clean)) and result["articles"] == 3


@pytest.mark.shared
def test_newsquant_scores_a_file_cut_short_and_skips_entries_without_text_or_readable_gold(tmp_path: Path) -> None:
    source = shared_set("newsquant")
    items = json.loads((source / "NewsQuant.json").read_text(encoding="utf-8"))[:9]
    good = items[:8]
    clean, damaged = tmp_path / "clean", tmp_path / "damaged"
    clean.mkdir()
    damaged.mkdir()
    (clean / "NewsQuant.json").write_text(json.dumps(good), encoding="utf-8")
    broken = [*good[:4], {"quantities": []}, *good[4:6], {"text": good[0]["text"], "quantities": {"value": "1"}},
              *good[6:], items[8]]
    text = json.dumps(broken)
    cut = text[: len(text) - len(json.dumps(items[8])) // 2]  # the last entry cut in half
    (damaged / "NewsQuant.json").write_text(cut, encoding="utf-8")

    result = evaluate_newsquant(damaged)
    assert result["skipped_items"] == 3, result["skipped_examples"]
    assert "breaks off after 10 entries" in result["skipped_examples"][0]
    assert figures(result) == figures(evaluate_newsquant(clean)) and result["sentences"] == 8


def _basil_events(source: Path, count: int) -> list[Path]:
    """The articles of the first ``count`` events that hold a named, located quote (so quotes can be lost)."""
    stories = sorted({path.stem.rsplit("_", 1)[0] for path in (source / "articles").glob("*/*.json")})
    chosen: list[Path] = []
    for story in stories:
        paths = sorted((source / "articles").glob(f"*/{story}_*.json"))
        if len(paths) == 3:
            chosen += paths
        if len(chosen) >= 3 * count:
            break
    return chosen


@pytest.mark.shared
def test_basil_skips_broken_articles_and_lost_quotes_and_reads_a_new_year(tmp_path: Path) -> None:
    source = shared_set("basil")
    paths = _basil_events(source, 4)
    folder = tmp_path / "basil"
    for path in paths:
        for kind, name in (("articles", path.name), ("annotations", f"{path.stem}_ann.json")):
            if (source / kind / path.parent.name / name).is_file():
                (folder / kind / path.parent.name).mkdir(parents=True, exist_ok=True)
                shutil.copy(source / kind / path.parent.name / name, folder / kind / path.parent.name / name)
    before = {article.key: article for article in load_basil(folder)}
    with_quotes = [key for key, article in before.items() if article.quotes]
    assert len(with_quotes) >= 2, "the first events of the shared half hold too few quotes for this test"
    lost_annotation, lost_phrase = with_quotes[0], with_quotes[1]
    plain = [key for key in before if key not in (lost_annotation, lost_phrase)]
    no_body, broken, moved = plain[0], plain[1], plain[2]

    def article_path(key: str) -> Path:
        return folder / "articles" / f"{key}.json"

    def annotation_path(key: str) -> Path:
        year, stem = key.split("/")
        return folder / "annotations" / year / f"{stem}_ann.json"

    data = json.loads(article_path(no_body).read_text(encoding="utf-8"))
    del data["body-paragraphs"]
    article_path(no_body).write_text(json.dumps(data), encoding="utf-8")
    article_path(broken).write_text(article_path(broken).read_text(encoding="utf-8")[:100], encoding="utf-8")
    annotation_path(lost_annotation).write_text("{broken", encoding="utf-8")
    annotation = json.loads(annotation_path(lost_phrase).read_text(encoding="utf-8"))
    for phrase in annotation["phrase-level-annotations"]:
        speaker = str(phrase.get("speaker") or "")
        if str(phrase.get("quote")).lower() == "yes" and speaker.strip() and not speaker.lower().startswith("other"):
            phrase.update(txt="words that are nowhere in the article", start=10**6, end=10**6 + 37)
            break
    annotation_path(lost_phrase).write_text(json.dumps(annotation), encoding="utf-8")
    year, stem = moved.split("/")
    for kind, name in (("articles", f"{stem}.json"), ("annotations", f"{stem}_ann.json")):
        if (folder / kind / year / name).is_file():
            (folder / kind / "2031").mkdir(parents=True, exist_ok=True)
            shutil.move(folder / kind / year / name, folder / kind / "2031" / name)  # a year we never saw

    result = evaluate_basil(folder, part="quotes")
    assert result["skipped_items"] == 4, result["skipped_examples"]
    assert result["articles"] == len(before) - 2
    lost = len(before[lost_annotation].quotes) + 1 + len(before[no_body].quotes) + len(before[broken].quotes)
    assert result["quote_gold"] == sum(len(article.quotes) for article in before.values()) - lost
    assert f"2031/{stem}" in {article.key for article in load_basil(folder)}


@pytest.mark.shared
def test_allsides_skips_broken_lines_and_empty_articles(tmp_path: Path) -> None:
    source = shared_set("allsides_roundups")
    path = sorted(source.glob("*.jsonl"))[0]
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()[:8] if line.strip()]
    side = next(s for s in ("left", "center", "right") if isinstance(rows[5]["news"].get(s), dict))
    clean_rows = [row for number, row in enumerate(rows) if number not in (2, 4)]
    clean_rows[3] = {**rows[5], "news": {k: v for k, v in rows[5]["news"].items() if k != side}}
    (tmp_path / "clean").mkdir()
    (tmp_path / "clean" / "roundups.jsonl").write_text("\n".join(json.dumps(r) for r in clean_rows), encoding="utf-8")
    emptied = {**rows[5], "news": {**rows[5]["news"], side: {"newsTitle": "", "newBody": []}}}
    lines = [json.dumps(row) for row in rows]
    lines[2] = lines[2][:60]  # a line cut short
    lines[4] = json.dumps({key: value for key, value in rows[4].items() if key != "news"})  # no news object
    lines[5] = json.dumps(emptied)  # an article with neither title nor text
    (tmp_path / "damaged").mkdir()
    (tmp_path / "damaged" / "roundups.jsonl").write_bytes((BOM + "\r\n".join(lines) + "\r\n").encode("utf-8"))

    result = evaluate_allsides(tmp_path / "damaged")
    assert result["skipped_items"] == 3, result["skipped_examples"]
    assert figures(result) == figures(evaluate_allsides(tmp_path / "clean"))


@pytest.mark.shared
def test_uci_news_skips_rows_out_of_line_and_reads_a_lowercase_header_with_an_extra_column(tmp_path: Path) -> None:
    source = shared_set("uci_news")
    path = sorted(source.glob("*.csv"))[0]
    with path.open(encoding="utf-8", newline="") as handle:
        header, *rows = list(csv.reader(handle))[:61]
    title, story = header.index("TITLE"), header.index("STORY")
    head = [name.lower() for name in header] + ["EXTRA"]  # a lowercase header with a column more
    damaged_rows = [[*row, "x"] for row in rows]
    damaged_rows[10][title:title + 1] = ["first half", "second half"]  # an unquoted comma in a title
    damaged_rows[20][story] = ""  # no gold story
    damaged_rows[30] = damaged_rows[30][:-3]  # fields lost
    damaged_rows.insert(40, head)  # the header again (files joined)
    bad = {10, 20, 30}

    def write(folder: Path, head: list[str], body: list[list[str]], *, prefix: str = "") -> None:
        out = io.StringIO()
        csv.writer(out).writerows([head, *body])
        folder.mkdir()
        (folder / "news.csv").write_text(prefix + out.getvalue(), encoding="utf-8")

    write(tmp_path / "clean", header, [row for number, row in enumerate(rows) if number not in bad])
    write(tmp_path / "damaged", head, damaged_rows, prefix=BOM)

    result = evaluate_uci_news(tmp_path / "damaged")
    assert result["skipped_items"] == 4, result["skipped_examples"]
    assert figures(result) == figures(evaluate_uci_news(tmp_path / "clean")) and result["items"] == 57


# ------------------------------------------------------------------------------------------------
# sets written here


def test_a_csv_in_another_encoding_is_read_and_said_so(tmp_path: Path) -> None:
    folder = write_uci(tmp_path / "uci")
    path = folder / "news.csv"
    path.write_bytes(path.read_text(encoding="utf-8").replace("Harbor", "Café Harbor").encode("cp1252"))
    result = evaluate_uci_news(folder)
    assert result["items"] == 5 and result["skipped_items"] == 0
    assert result["recoded_files"] == 1 and result["recoded_examples"] == ["news.csv: read as cp1252"]


def test_examples_are_capped_at_five_and_a_set_with_nothing_usable_is_still_an_error(tmp_path: Path) -> None:
    items = [*ITEMS[:1], *({"text": ""} for _ in range(8))]
    (tmp_path / "NewsQuant.json").write_text(json.dumps(items), encoding="utf-8")
    result = evaluate_newsquant(tmp_path)
    assert result["sentences"] == 1 and result["skipped_items"] == 8
    assert result["skipped_examples"] == [f"NewsQuant.json: item {n}: no 'text'" for n in range(1, 6)]
    (tmp_path / "NewsQuant.json").write_text(json.dumps(items[1:]), encoding="utf-8")
    with pytest.raises(EvalDataError, match=r"8 skipped; first: NewsQuant\.json: item 0: no 'text'") as caught:
        evaluate_newsquant(tmp_path)
    assert caught.value.code == "E401"


def test_the_command_prints_the_skipped_items(tmp_path: Path, cli: CliInvoker) -> None:
    (tmp_path / "NewsQuant.json").write_text(json.dumps([*ITEMS, {"quantities": []}]), encoding="utf-8")
    text = cli("eval", "newsquant", "--data", tmp_path)
    assert text.exit_code == 0, text.output
    assert "1 item of the data skipped:\n  NewsQuant.json: item 5: no 'text'" in text.stdout
    payload = json.loads(cli("eval", "newsquant", "--data", tmp_path, "--json").stdout.splitlines()[-1])
    assert payload["skipped_items"] == 1 and payload["sentences"] == 5


def _polnear_split(root: Path, split: str) -> Path:
    (root / split / "text").mkdir(parents=True)
    (root / split / "attributions").mkdir(parents=True)
    (root / split / "text" / "story.txt").write_text(TEXT, encoding="utf-8")
    (root / split / "attributions" / "story_aaaa.ann").write_text(_ann(TEXT), encoding="utf-8")
    return root


def test_polnear_falls_back_to_test_by_default_only_and_names_the_splits_there(
    tmp_path: Path, cli: CliInvoker
) -> None:
    folder = _polnear_split(tmp_path / "held_out", "test")
    result = evaluate_polnear(folder)
    assert result["split"] == "test" and result["articles"] == 1 and result["content_f1_overlap"] == 1.0
    payload = json.loads(cli("eval", "polnear", "--data", folder, "--json").stdout.splitlines()[-1])
    assert payload["split"] == "test"
    with pytest.raises(EvalDataError, match="splits here: test"):
        evaluate_polnear(folder, split="dev")  # an explicit split stays strict
    strict = cli("eval", "polnear", "--data", folder, "--split", "dev", "--json")
    assert strict.exit_code == 1 and "splits here: test" in json.loads(strict.stdout)["error"]["message"]
    train_only = _polnear_split(tmp_path / "train_only", "train")
    with pytest.raises(EvalDataError, match="splits here: train"):
        evaluate_polnear(train_only)  # train is never scored unless asked for


def test_eval_all_reports_a_failed_evaluation_and_still_runs_the_others(tmp_path: Path, cli: CliInvoker) -> None:
    (tmp_path / "newsquant").mkdir()
    (tmp_path / "newsquant" / "NewsQuant.json").write_text("{not json", encoding="utf-8")
    write_uci(tmp_path / "uci_news")
    result = cli("eval", "all", "--data", tmp_path, "--json")
    assert result.exit_code == 1
    payload = json.loads(result.stdout.splitlines()[-1])
    assert payload["results"]["uci_news"]["bcubed_f1"] == 1.0
    failure = payload["failed"]["newsquant"]
    assert failure["code"] == "E401" and "NewsQuant.json" in failure["message"] and "hint" in failure
    (row,) = [r for r in payload["goals"] if r["eval"] == "newsquant"]
    assert row["figure"] is None and row["met"] is None
    text = cli("eval", "all", "--data", tmp_path)
    assert text.exit_code == 1
    assert "newsquant: failed [E401]" in text.stdout and "uci_news   bcubed_f1" in text.stdout


def test_eval_all_reports_a_crash_as_that_evaluations_failure(
    tmp_path: Path, cli: CliInvoker, monkeypatch: pytest.MonkeyPatch
) -> None:
    from storytrace.eval import goals

    def crash(folder: Path, progress: object) -> dict[str, Any]:
        raise RuntimeError("boom")

    monkeypatch.setitem(goals.EVALS, "newsquant", ("newsquant", crash))
    (tmp_path / "newsquant").mkdir()
    write_uci(tmp_path / "uci_news")
    result = cli("eval", "all", "--data", tmp_path, "--json")
    assert result.exit_code == 1
    payload = json.loads(result.stdout.splitlines()[-1])
    assert payload["failed"]["newsquant"]["code"] == "E400"
    assert "RuntimeError: boom" in payload["failed"]["newsquant"]["message"]
    assert payload["results"]["uci_news"]["bcubed_f1"] == 1.0


def test_help_mentions_the_skipped_items_and_what_eval_all_does_on_failure(cli: CliInvoker) -> None:
    for name in ("aeb", "meter", "polnear", "newsquant", "basil", "allsides", "uci_news"):
        assert "skipped_items" in cli("eval", name, "--help").stdout, name
    text = " ".join(cli("eval", "all", "--help").stdout.split())
    assert "skipped_items" in text and '"failed"' in text and "exits 1" in text
