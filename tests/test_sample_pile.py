"""End to end through the CLI on the bundled sample pile: what `make demo` prints matches the gold."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from storytrace.cli import main

ROOT = Path(__file__).resolve().parents[1]
GOLD = json.loads((Path(__file__).parent / "gold" / "mosul-2016.json").read_text(encoding="utf-8"))["articles"]


def test_ingest_and_list_the_sample_pile(tmp_path):
    runner = CliRunner()
    db = str(tmp_path / "pile.db")
    result = runner.invoke(main, ["ingest", str(ROOT / "examples" / "mosul-2016"), "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["new"] == 5 and summary["rejected"] == []
    listed = runner.invoke(main, ["articles", "--db", db, "--json"])
    assert listed.exit_code == 0, listed.output
    rows = {Path(row["source"]).name: row for row in json.loads(listed.output)}
    assert set(rows) == set(GOLD)
    for name, gold in GOLD.items():
        row = rows[name]
        for field in ("title", "byline", "published", "outlet", "dateline", "words"):
            assert row[field] == gold[field], (name, field)
        assert sorted((c["kind"], c["name"]) for c in row["credits"]) == sorted(tuple(c) for c in gold["credits"])


def test_table_shows_every_article(tmp_path):
    runner = CliRunner()
    db = str(tmp_path / "pile.db")
    assert runner.invoke(main, ["ingest", str(ROOT / "examples" / "mosul-2016"), "--db", db, "-q"]).exit_code == 0
    table = runner.invoke(main, ["articles", "--db", db], env={"COLUMNS": "200"})  # wide enough for whole titles
    assert table.exit_code == 0
    for title in ("Is the Battle for Mosul", "Jordan Shilton", "Global Research", "2016-10-20", "BBSNews"):
        assert title in table.output
