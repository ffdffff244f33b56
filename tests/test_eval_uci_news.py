"""UCI News Aggregator: reading the CSV, the headline story score on rows written here, the CLI command,
and a sensible figure on a slice of the shared half."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from storytrace.errors import EvalDataError
from storytrace.eval.uci_news import evaluate_uci_news, load_uci_news

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "uci_news"

ROWS = [
    ("Harbor Bridge closed after crack found in main span", "bridge", 1551657600000),
    ("Crack in Harbor Bridge span forces closure", "bridge", 1551661200000),
    ("Harbor Bridge crack: span closed for weeks", "bridge", 1551668400000),
    ("Late frost destroys valley apple blossoms", "frost", 1551657600000),
    ("Valley apple growers lose blossoms to late frost", "frost", ""),
]


def _write(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "news.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["ID", "TITLE", "URL", "PUBLISHER", "CATEGORY", "STORY", "HOSTNAME", "TIMESTAMP"])
        for number, (title, story, stamp) in enumerate(ROWS, start=1):
            writer.writerow([number, title, "", "Example", "t", story, "example.org", stamp])
    return folder


def test_load_reads_titles_stories_and_timestamps(tmp_path):
    items, gold = load_uci_news(_write(tmp_path))
    assert gold == ["bridge"] * 3 + ["frost"] * 2
    assert items[0].published == pytest.approx(1551657600000 / 86_400_000)
    assert items[4].published is None and items[0].text == ""


def test_story_score_on_rows_written_here(tmp_path):
    result = evaluate_uci_news(_write(tmp_path))
    assert (result["items"], result["gold_stories"], result["predicted_stories"]) == (5, 2, 2)
    assert result["bcubed_f1"] == 1.0


def test_eval_refuses_missing_or_broken_data(tmp_path):
    with pytest.raises(EvalDataError, match="csv"):
        evaluate_uci_news(tmp_path)
    (tmp_path / "x.csv").write_text("TITLE,PUBLISHER\nsomething,someone\n", encoding="utf-8")
    with pytest.raises(EvalDataError, match="STORY"):
        evaluate_uci_news(tmp_path)


def test_cli_prints_one_json_object(tmp_path, cli):
    result = cli("eval", "uci_news", "--data", _write(tmp_path), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output.strip().splitlines()[-1])["bcubed_f1"] == 1.0


@pytest.mark.shared
def test_story_score_on_a_shared_slice_is_sensible(tmp_path):
    paths = sorted(SHARED.glob("*.csv")) if SHARED.is_dir() else []
    if not paths:
        pytest.skip(f"../shared/data/uci_news not found at {SHARED}: shared evaluation data absent")
    lines = paths[0].read_text(encoding="utf-8").splitlines()[:800]
    (tmp_path / "slice.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = evaluate_uci_news(tmp_path)
    assert result["items"] == 799
    assert result["bcubed_f1"] >= 0.6, result
    assert result["gold_stories"] > 1 and result["predicted_stories"] > 1
