"""One text printed by several outlets is several publications, not a duplicate input."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from click.testing import CliRunner

from storytrace.cli import main

STORY = ("Ferry services between the islands resumed on Thursday after two days of cancellations caused by "
         "gale-force winds, the operator said. Passengers were advised to check the timetable before travelling, "
         "and the harbour master said the crossings would run to a reduced timetable until Saturday.")


def _csv(path: Path, rows: list[tuple[str, str]]) -> str:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["publisher", "url", "text"])
        for outlet, url in rows:
            writer.writerow([outlet, url, STORY])
    return str(path)


def _ingest(*args: str) -> dict:
    result = CliRunner().invoke(main, ["ingest", *args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_identical_rows_from_different_outlets_are_kept_and_stable_on_reingest(tmp_path: Path):
    db = str(tmp_path / "pile.db")
    first = _csv(tmp_path / "wire.csv", [("Island Times", ""), ("Mainland Daily", ""), ("Mainland Daily", ""),
                                         ("Coast Herald", "")])
    summary = _ingest(first, "--db", db)
    assert summary["new"] == 3  # the second Mainland Daily row is the same publication read twice
    listed = CliRunner().invoke(main, ["articles", "--db", db, "--json"])
    assert sorted(a["outlet"] for a in json.loads(listed.output)) == ["Coast Herald", "Island Times", "Mainland Daily"]
    rejected = json.loads(CliRunner().invoke(main, ["rejections", "--db", db, "--json"]).output)
    assert [r["code"] for r in rejected] == ["E110"]
    # read again, with one more outlet: only that one is new
    more = _csv(tmp_path / "more.csv", [("Mainland Daily", ""), ("Valley Post", "")])
    again = _ingest(first, more, "--db", db)
    assert again["new"] == 1 and again["unchanged"] == 5  # every row but Valley Post is stored


def test_an_unknown_outlet_on_either_side_is_the_same_document(tmp_path: Path):
    db = str(tmp_path / "pile.db")
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    assert _ingest(str(tmp_path / "story.txt"), "--db", db)["new"] == 1
    rows = tmp_path / "rows.csv"
    with rows.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([["publisher", "text"], ["Island Times", STORY]])
    assert _ingest(str(rows), "--db", db)["unchanged"] == 1


def test_a_repost_credits_its_author_and_outlet_over_the_table_s_poster(tmp_path: Path):
    db = str(tmp_path / "pile.db")
    rows = tmp_path / "reposts.csv"
    with rows.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([["domain", "authors", "content"],
                                      ["repostshub.com", "Poster Account", f"By Ann Lee / Island Times\n\n{STORY}"]])
    assert _ingest(str(rows), "--db", db, "--text-field", "content", "--outlet-field", "domain")["new"] == 1
    [article] = json.loads(CliRunner().invoke(main, ["articles", "--db", db, "--json"]).output)
    assert article["byline"] == "Ann Lee"
    assert [(c["kind"], c["name"]) for c in article["credits"]] == [("originally_published_by", "Island Times")]
