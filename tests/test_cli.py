"""The command line: ingest / articles / rejections, --json shapes, --quiet, stdin, --help, speed."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import time
from pathlib import Path

import click
import pytest

from conftest import FERRY, LIBRARY, ORCHARD, RESERVOIR, STORIES, CliInvoker, article_html, article_text, stored, write
from storytrace.cli import main

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"


def pile(folder: Path) -> Path:
    for story in STORIES:
        write(folder / f"{story.slug}.txt", article_text(story))
    write(folder / "empty.html", b"")
    return folder


# ------------------------------------------------------------------------------------------------
# help and version


def all_commands() -> list[list[str]]:
    found: list[list[str]] = [[]]

    def walk(group: click.Group, prefix: list[str]) -> None:
        for name, command in group.commands.items():
            found.append([*prefix, name])
            if isinstance(command, click.Group):
                walk(command, [*prefix, name])

    walk(main, [])
    return found


@pytest.mark.parametrize("command", all_commands(), ids=lambda c: " ".join(c) or "storytrace")
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_of_every_command(cli: CliInvoker, command: list[str], flag: str) -> None:
    result = cli(*command, flag)
    assert result.exit_code == 0
    assert result.stdout.startswith(" ".join(["Usage: main", *command, "[OPTIONS]"]))  # CliRunner names it main
    assert "-h, --help" in result.stdout
    docstring = (main if not command else main.commands[command[0]]).help or ""
    if len(command) < 2:
        assert docstring.split("\n")[0].strip()[:40] in result.stdout


def test_ingest_help_lists_every_option(cli: CliInvoker) -> None:
    text = cli("ingest", "--help").stdout
    for option in ("--db", "--follow-links", "--allow-private", "--force", "--strict", "--max-size", "--timeout",
                   "--text-field", "--title-field", "--outlet-field", "--date-field", "--fetched-field", "--url-field",
                   "--id-field", "--quiet", "--json"):  # fmt: skip
        assert option in text


def test_version(cli: CliInvoker) -> None:
    from storytrace import __version__

    result = cli("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"storytrace, version {__version__}"


def test_help_is_fast() -> None:
    """``storytrace --help`` must not import the heavy libraries: best of 3 under 0.5 s."""
    script = BIN / "storytrace"
    assert script.exists()
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        completed = subprocess.run([str(script), "--help"], capture_output=True, check=True, timeout=30)
        timings.append(time.perf_counter() - started)
        assert b"Usage: storytrace" in completed.stdout
    assert min(timings) < 0.5, timings


def test_help_does_not_import_heavy_libraries() -> None:
    code = (
        "import sys\nfrom storytrace.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('trafilatura', 'lxml', 'rich', 'fastwarc', 'feedparser', 'httpx', 'charset_normalizer',"
        " 'sqlite3') if m in sys.modules]\nprint('HEAVY', heavy)\n"
    )
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=30)
    assert "HEAVY []" in completed.stdout


def test_python_dash_m(tmp_path: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "storytrace", "--help"], capture_output=True, text=True, timeout=30, cwd=tmp_path
    )
    assert completed.returncode == 0
    assert "Usage:" in completed.stdout and "ingest" in completed.stdout


# ------------------------------------------------------------------------------------------------
# ingest


def test_ingest_plain_output(tmp_path: Path, cli: CliInvoker) -> None:
    db = tmp_path / "pile.db"
    result = cli("ingest", pile(tmp_path / "in"), "--db", db)
    assert result.exit_code == 0
    assert result.stdout.startswith("4 new, 0 updated, 0 unchanged articles from 5 sources; 1 rejected (")
    assert result.stdout.rstrip().endswith(f"→ {db}")
    assert result.stderr.splitlines() == [f"rejected: {tmp_path / 'in' / 'empty.html'}: [E102] {tmp_path / 'in' / 'empty.html'} is empty"]
    again = cli("ingest", tmp_path / "in", "--db", db)
    assert again.exit_code == 0
    assert again.stdout.startswith("0 new, 0 updated, 4 unchanged articles from 5 sources; 1 rejected")


def test_ingest_json_shape(tmp_path: Path, cli: CliInvoker) -> None:
    db = tmp_path / "pile.db"
    result = cli("ingest", pile(tmp_path / "in"), "--db", db, "--json")
    assert result.exit_code == 0
    assert result.stderr == ""
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1
    payload = json.loads(lines[0])
    assert set(payload) == {
        "db", "sources", "new", "updated", "unchanged", "article_ids", "rejected", "duplicates", "storytrace_files", "links_not_followed",
        "skipped_records", "seconds",
    }  # fmt: skip
    assert payload["db"] == str(db)
    assert (payload["sources"], payload["new"], payload["updated"], payload["unchanged"]) == (5, 4, 0, 0)
    assert payload["article_ids"] == [1, 2, 3, 4]
    assert payload["links_not_followed"] == [] and payload["skipped_records"] == 0
    assert isinstance(payload["seconds"], float | int) and payload["seconds"] >= 0
    (rejected,) = payload["rejected"]
    assert set(rejected) == {"source", "locator", "code", "reason", "message"}
    assert (rejected["code"], rejected["reason"], rejected["locator"]) == ("E102", "empty_input", None)


def test_ingest_quiet(tmp_path: Path, cli: CliInvoker) -> None:
    folder = tmp_path / "in"
    write(folder / "a.txt", article_text(FERRY))
    quiet = cli("ingest", folder, "--db", tmp_path / "pile.db", "--quiet")
    assert quiet.exit_code == 0
    assert quiet.output == ""
    write(folder / "b.html", b"")
    short = cli("ingest", folder, "--db", tmp_path / "pile.db", "-q")
    assert short.exit_code == 0
    assert short.stdout == ""
    assert short.stderr.startswith("rejected: ") and "[E102]" in short.stderr
    assert len(short.stderr.splitlines()) == 1


def test_ingest_stdin_text(tmp_path: Path, cli: CliInvoker) -> None:
    db = tmp_path / "pile.db"
    result = cli("ingest", "-", "--db", db, "--json", input=article_text(LIBRARY).encode())
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["new"] == 1
    (article,) = stored(db)
    assert (article.source, article.source_kind) == ("-", "stdin")
    assert article.title == LIBRARY.title
    assert article.text == "\n\n".join(LIBRARY.paragraphs)


@pytest.mark.parametrize(
    ("payload", "title"),
    [
        (article_html(ORCHARD).encode(), ORCHARD.title),
        (gzip.compress(article_html(RESERVOIR).encode()), RESERVOIR.title),
        (json.dumps({"title": FERRY.title, "text": "\n\n".join(FERRY.paragraphs)}).encode() + b"\n", FERRY.title),
    ],
    ids=["html", "gzip-html", "jsonl"],
)
def test_ingest_stdin_formats(tmp_path: Path, cli: CliInvoker, payload: bytes, title: str) -> None:
    db = tmp_path / "pile.db"
    result = cli("ingest", "-", "--db", db, "--quiet", input=payload)
    assert result.exit_code == 0, result.output
    (article,) = stored(db)
    assert article.title == title


def test_ingest_empty_stdin(tmp_path: Path, cli: CliInvoker) -> None:
    result = cli("ingest", "-", "--db", tmp_path / "pile.db", "--json", input=b"")
    assert result.exit_code == 1
    (rejected,) = json.loads(result.stdout)["rejected"]
    assert (rejected["source"], rejected["code"]) == ("-", "E102")


def test_ingest_table_field_options(tmp_path: Path, cli: CliInvoker) -> None:
    rows = [
        {"uid": "n-7", "heading": ORCHARD.title, "story": " ### ".join(ORCHARD.paragraphs), "site": "Vale Chronicle",
         "when": "2021-10-09", "href": ORCHARD.url},
    ]  # fmt: skip
    path = write(tmp_path / "export.jsonl", "\n".join(json.dumps(r) for r in rows))
    db = tmp_path / "pile.db"
    result = cli(
        "ingest", path, "--db", db, "--text-field", "story", "--title-field", "heading", "--outlet-field", "site",
        "--date-field", "when", "--url-field", "href", "--id-field", "uid", "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    (article,) = stored(db)
    assert (article.title, article.outlet, article.published, article.url, article.external_id) == (
        ORCHARD.title, "Vale Chronicle", ORCHARD.date, ORCHARD.url, "n-7",
    )  # fmt: skip
    assert article.text == "\n\n".join(ORCHARD.paragraphs)


_LETTER_HEADER = "By Ann Lee\n\nMarch 11 at 4:36 PM\n\n"
_LETTER = ("The harbour wall at Port Elling will be rebuilt before the winter storms, the council said on Monday "
           "after a vote of nine to two.\n\nThe port had refused to pay for the repairs since the spring.")


def test_a_fetched_column_places_a_date_printed_without_its_year_and_is_never_the_publication_date(
    tmp_path: Path, cli: CliInvoker
) -> None:
    rows = [
        {"text": _LETTER_HEADER + _LETTER, "crawl": "2024-03-12T07:58:00-04:00"},  # printed the day before
        {"text": _LETTER.replace("nine to two", "eight to three"), "crawl": "2024-03-12T07:58:00-04:00"},  # none
        {"text": _LETTER_HEADER + _LETTER.replace("nine", "seven"), "crawl": "2024-04-20T07:58:00-04:00"},  # far off
    ]
    path = write(tmp_path / "crawl.jsonl", "\n".join(json.dumps(r) for r in rows))
    db = tmp_path / "pile.db"
    result = cli("ingest", path, "--db", db, "--fetched-field", "crawl", "--json")
    assert result.exit_code == 0, result.output
    placed, undated, far = sorted(stored(db), key=lambda a: a.id)
    assert (placed.published, placed.published_time) == ("2024-03-11", "2024-03-11T16:36")
    assert (undated.published, undated.published_time) == (None, None)  # a fetch is no publication
    assert (far.published, far.published_time) == (None, None)  # not the fetch's day or the day before
    assert {a.fetched_at for a in (placed, undated)} == {"2024-03-12T07:58:00-04:00"}
    # the usual names are read without the option
    renamed = write(tmp_path / "usual.jsonl", json.dumps({"text": _LETTER_HEADER + _LETTER, "scraped_at": "2024-03-11"}))
    other = tmp_path / "other.db"
    assert cli("ingest", renamed, "--db", other, "--quiet").exit_code == 0
    (article,) = stored(other)
    assert (article.published, article.fetched_at) == ("2024-03-11", "2024-03-11")


def test_analyze_again_in_the_folder_holding_its_store_dossier_and_reports(
    tmp_path: Path, cli: CliInvoker, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``storytrace analyze .`` twice, with the store, the dossier and the reports in that folder."""
    for story in (RESERVOIR, FERRY):
        write(tmp_path / f"{story.slug}.txt", article_text(story))
    monkeypatch.chdir(tmp_path)
    first = cli("analyze", ".", "--db", "storytrace.db", "--out", "dossier.json", "--workers", "1", "-q")
    assert first.exit_code == 0, first.output
    for fmt in ("html", "md"):
        assert cli("report", "--db", "storytrace.db", "--format", fmt, "--out", f"report.{fmt}").exit_code == 0
    again = cli("analyze", ".", "--db", "storytrace.db", "--out", "dossier.json", "--workers", "1")
    assert again.exit_code == 0, again.output
    assert sorted(a.title for a in stored(tmp_path / "storytrace.db")) == sorted([RESERVOIR.title, FERRY.title])
    # not failures: nothing is printed as rejected, each is listed as skipped, and --strict still succeeds
    assert not [line for line in again.stderr.splitlines() if line.startswith("rejected: ")]
    skipped = [line for line in again.stderr.splitlines() if line.startswith("skipped: ")]
    assert any("dossier.json" in line and "[E115]" in line for line in skipped)
    strict = cli("analyze", ".", "--db", "storytrace.db", "--out", "dossier.json", "--workers", "1", "-q", "--strict")
    assert strict.exit_code == 0, strict.output
    listed = json.loads(cli("rejections", "--db", "storytrace.db", "--json").stdout)
    refused = {Path(r["source"]).name: r for r in listed}
    # the -wal and -shm files of the store open during the run, its database, the dossier, the reports
    assert {"dossier.json", "report.html", "report.md", "storytrace.db", "storytrace.db-wal"} <= set(refused)
    assert set(refused) <= {"dossier.json", "report.html", "report.md", "storytrace.db", "storytrace.db-wal",
                            "storytrace.db-shm"}
    assert {r["code"] for r in refused.values()} == {"E115"}


def test_db_from_environment(tmp_path: Path, cli: CliInvoker, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "env.db"
    monkeypatch.setenv("STORYTRACE_DB", str(db))
    assert cli("ingest", write(tmp_path / "a.txt", article_text(FERRY)), "-q").exit_code == 0
    assert [a.title for a in stored(db)] == [FERRY.title]
    assert json.loads(cli("articles", "--json").stdout)[0]["title"] == FERRY.title


@pytest.mark.parametrize(
    ("args", "exit_code", "message"),
    [
        (["ingest", "--db", "x.db"], 2, "Missing argument"),
        (["ingest", "a.txt", "--max-size", "lots"], 2, "Invalid value for '--max-size': 'lots' is not a size"),
        (["ingest", "a.txt", "--max-size", "0"], 2, "Invalid value for '--max-size': the size cap must be positive"),
        (["serve", "--max-body", "5 MiB please"], 2, "Invalid value for '--max-body': '5 MiB please' is not a size"),
        (["ingest", "a.txt", "--timeout", "0"], 1, "error: [E001]"),
        (["ingest", "a.txt", "--no-such-option"], 2, "No such option"),
        (["frobnicate"], 2, "No such command"),
    ],
    ids=["no-inputs", "bad-size", "zero-size", "bad-body-size", "zero-timeout", "unknown-option", "unknown-command"],
)
def test_usage_errors(tmp_path: Path, cli: CliInvoker, monkeypatch: pytest.MonkeyPatch, args: list[str], exit_code: int,
                      message: str) -> None:  # fmt: skip
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "a.txt", article_text(FERRY))
    result = cli(*args)
    assert result.exit_code == exit_code
    assert message in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "x.db").exists()


@pytest.mark.parametrize(("size", "cap"), [("2k", 2048), ("1.5KB", 1536), ("3000", 3000), ("1MiB", 1048576)])
def test_max_size_units(tmp_path: Path, cli: CliInvoker, size: str, cap: int) -> None:
    path = write(tmp_path / "a.txt", article_text(FERRY))
    result = cli("ingest", path, "--db", tmp_path / "pile.db", "--max-size", size, "--json")
    payload = json.loads(result.stdout)
    assert (payload["new"] == 1) == (path.stat().st_size <= cap)


# ------------------------------------------------------------------------------------------------
# articles and rejections


def test_articles_table_and_json(tmp_path: Path, cli: CliInvoker) -> None:
    db = tmp_path / "pile.db"
    cli("ingest", pile(tmp_path / "in"), "--db", db, "-q")
    table = cli("articles", "--db", db)
    assert table.exit_code == 0
    assert f"4 articles in {db}" in table.stdout
    for story in STORIES:
        assert story.date in table.stdout and story.author in table.stdout
    listing = json.loads(cli("articles", "--db", db, "--json").stdout)
    assert [a["id"] for a in listing] == [1, 2, 3, 4]
    assert set(listing[0]) == {
        "id", "source", "locator", "url", "title", "byline", "published", "published_time", "dateline", "outlet",
        "credits", "words",
    }  # fmt: skip
    by_title = {a["title"]: a for a in listing}
    assert set(by_title) == {s.title for s in STORIES}
    assert by_title[RESERVOIR.title]["outlet"] == RESERVOIR.outlet
    assert by_title[RESERVOIR.title]["published"] == RESERVOIR.date
    with_text = json.loads(cli("articles", "--db", db, "--json", "--text").stdout)
    assert {a["title"]: a["text"] for a in with_text}[FERRY.title] == "\n\n".join(FERRY.paragraphs)


def test_articles_credits_in_json(tmp_path: Path, cli: CliInvoker) -> None:
    text = article_text(LIBRARY) + "\nThis article was originally published on The Ashcombe Advertiser.\n"
    db = tmp_path / "pile.db"
    cli("ingest", write(tmp_path / "a.txt", text), "--db", db, "-q")
    (article,) = json.loads(cli("articles", "--db", db, "--json").stdout)
    assert article["credits"] == [
        {"kind": "originally_published_by", "name": "The Ashcombe Advertiser", "role": None,
         "line": "This article was originally published on The Ashcombe Advertiser."},
    ]  # fmt: skip
    table = cli("articles", "--db", db).stdout
    assert "originally" in table and "Advertiser" in table  # the credits column (wrapped by the table)


def test_empty_store_listings(tmp_path: Path, cli: CliInvoker) -> None:
    db = tmp_path / "pile.db"
    cli("ingest", write(tmp_path / "empty.txt", b""), "--db", db)
    assert json.loads(cli("articles", "--db", db, "--json").stdout) == []
    assert "0 articles in" in cli("articles", "--db", db).stdout
    cli("ingest", write(tmp_path / "a.txt", article_text(FERRY)), "--db", tmp_path / "clean.db")
    assert cli("rejections", "--db", tmp_path / "clean.db").stdout.strip() == "no rejections"
    assert json.loads(cli("rejections", "--db", tmp_path / "clean.db", "--json").stdout) == []


def test_rejections_listing(tmp_path: Path, cli: CliInvoker) -> None:
    db = tmp_path / "pile.db"
    folder = pile(tmp_path / "in")
    write(folder / "photo.html", b"\x89PNG\r\n\x1a\n" + bytes(300))
    cli("ingest", folder, tmp_path / "missing.md", "--db", db, "-q")
    rows = json.loads(cli("rejections", "--db", db, "--json").stdout)
    assert [(r["code"], r["reason"]) for r in rows] == [
        ("E102", "empty_input"), ("E103", "binary_input"), ("E101", "missing_path"),
    ]  # fmt: skip
    assert set(rows[0]) == {"source", "locator", "code", "reason", "message", "at"}
    assert rows[2]["source"] == str(tmp_path / "missing.md")
    text = cli("rejections", "--db", db)
    assert text.exit_code == 0
    lines = text.stdout.splitlines()
    assert len(lines) == 3
    assert "E101 missing_path" in lines[2] and str(tmp_path / "missing.md") in lines[2]
    assert lines[0].startswith(rows[0]["at"])


def test_store_errors_with_json(tmp_path: Path, cli: CliInvoker) -> None:
    result = cli("articles", "--db", tmp_path / "missing.db", "--json")
    assert result.exit_code == 1
    error = json.loads(result.stdout)["error"]
    assert (error["code"], error["reason"]) == ("E303", "store_missing")
    assert error["hint"]
