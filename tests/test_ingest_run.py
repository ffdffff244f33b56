"""The ingest run as a whole: duplicates inside one run, re-ingest, --strict semantics."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from storytrace.cli import main

STORY = (
    "Ferry services resume after storm\n\nBy Ann Lee\n\n"
    "Ferry services between the islands resumed on Thursday after two days of cancellations caused by "
    "gale-force winds, the operator said.\n\nPassengers were advised to check the timetable before travelling."
)


def test_same_content_twice_in_one_run_is_stored_once_and_listed(tmp_path: Path):
    (tmp_path / "a.txt").write_text(STORY)
    (tmp_path / "copy-of-a.txt").write_text(STORY)
    db = str(tmp_path / "pile.db")
    result = CliRunner().invoke(main, ["ingest", str(tmp_path / "a.txt"), str(tmp_path / "copy-of-a.txt"),
                                       "--db", db, "--json", "--strict"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["new"] == 1 and summary["rejected"] == []
    listed = CliRunner().invoke(main, ["rejections", "--db", db, "--json"])
    rows = json.loads(listed.output)
    assert [(r["code"], r["reason"]) for r in rows] == [("E110", "duplicate")]
    assert "a.txt" in rows[0]["message"] and rows[0]["source"].endswith("copy-of-a.txt")


def test_reingest_reports_unchanged_and_exits_zero(tmp_path: Path):
    (tmp_path / "a.txt").write_text(STORY)
    db = str(tmp_path / "pile.db")
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", str(tmp_path / "a.txt"), "--db", db, "-q"]).exit_code == 0
    again = runner.invoke(main, ["ingest", str(tmp_path / "a.txt"), "--db", db, "--json"])
    assert again.exit_code == 0
    assert json.loads(again.output)["unchanged"] == 1
