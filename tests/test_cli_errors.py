"""The command line at its edges: bad --db and --out values, read-only stores, --story forms, duplicates,
--out - with the summary, entity types and a busy port. Every failure is one ``error: [E…]`` line (or a
usage error), never a traceback."""

from __future__ import annotations

import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner

from conftest import FERRY, ORCHARD, CliInvoker, article_text, write
from storytrace.cli import main
from storytrace.errors import StoreError, StoreNotWritableError
from storytrace.store import SCHEMA_VERSION, Store

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "mosul-2016"


@pytest.fixture(scope="module")
def analysed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """The sample pile analysed once: (store, dossier)."""
    db = tmp_path_factory.mktemp("analysed") / "pile.db"
    result = CliRunner().invoke(main, ["analyze", str(SAMPLE), "--db", str(db), "-q"])
    assert result.exit_code == 0, result.output
    with Store.open(db, create=False) as store:
        dossier = store.latest_dossier()
    assert dossier is not None
    return db, dossier


def unprivileged(tmp_path: Path) -> list[str]:
    """A command prefix under which file permissions apply. Root ignores them, so as root the command
    runs under setpriv without the capabilities that override them; skipped where that cannot be done."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: file permissions cannot be tested")
    prefix = [setpriv, "--bounding-set=-dac_override,-dac_read_search", "--inh-caps=-dac_override,-dac_read_search"]
    probe = tmp_path / "probe"
    probe.mkdir()
    probe.chmod(0o555)
    try:
        done = subprocess.run([*prefix, sys.executable, "-c", f"open({str(probe / 'x')!r}, 'w')"],
                              capture_output=True, timeout=60)
    finally:
        probe.chmod(0o755)
    if done.returncode == 0:
        pytest.skip("file permissions are not enforced here")
    return prefix


def storytrace(prefix: list[str], *args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*prefix, sys.executable, "-m", "storytrace", *map(str, args)], capture_output=True,
                          text=True, timeout=300)


def read_only(path: Path) -> None:
    for item in [path, *path.rglob("*")] if path.is_dir() else [path]:
        item.chmod(0o555 if item.is_dir() else 0o444)


def writable(path: Path) -> None:
    for item in [path, *path.rglob("*")] if path.is_dir() else [path]:
        item.chmod(0o755 if item.is_dir() else 0o644)


# ------------------------------------------------------------------------------------------------
# --db ''


DB_COMMANDS = {
    "ingest": ["a.txt"], "analyze": ["a.txt"], "articles": [], "rejections": [], "reuse": [], "diff": ["1", "2"],
    "entities": [], "stories": [], "claims": [], "quotes": [], "report": ["--out", "x.html"], "serve": [],
    "batch load": ["folder"],
}


def test_every_command_with_a_db_is_covered() -> None:
    def walk(group: click.Group, prefix: str) -> list[str]:
        found = []
        for name, command in group.commands.items():
            if isinstance(command, click.Group):
                found += walk(command, f"{prefix}{name} ")
            elif any(p.name == "db" for p in command.params):
                found.append(f"{prefix}{name}")
        return found

    assert sorted(walk(main, "")) == sorted(DB_COMMANDS)


@pytest.mark.parametrize("command", sorted(DB_COMMANDS))
@pytest.mark.parametrize("db", ["", " ", ":memory:"], ids=["empty", "blank", "memory"])
def test_an_empty_db_is_a_usage_error(tmp_path: Path, cli: CliInvoker, monkeypatch: pytest.MonkeyPatch,
                                      command: str, db: str) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "a.txt", article_text(FERRY))
    (tmp_path / "folder").mkdir()
    result = cli(*command.split(), "--db", db, *DB_COMMANDS[command])
    assert result.exit_code == 2, result.output
    assert "--db" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "folder"]


# ------------------------------------------------------------------------------------------------
# --out that cannot be written; a store path that cannot be


def test_analyze_out_below_a_file_fails_before_the_analysis(tmp_path: Path, cli: CliInvoker) -> None:
    source = write(tmp_path / "a.txt", article_text(FERRY))
    blocker = write(tmp_path / "dossier.html", "not a folder")
    db = tmp_path / "pile.db"
    for out in (blocker / "x.json", blocker / "sub" / "x.json"):
        result = cli("analyze", source, "--db", db, "--out", out)
        assert result.exit_code == 1
        assert result.stderr.startswith(f"error: [E800] cannot write {out}: {blocker} is a file, not a folder")
    assert not db.exists()  # refused before anything was ingested or analysed


def test_report_out_below_a_file_or_to_a_full_disk(analysed: tuple[Path, dict[str, Any]], tmp_path: Path,
                                                   cli: CliInvoker) -> None:
    db, _ = analysed
    blocker = write(tmp_path / "report.html", "not a folder")
    result = cli("report", "--db", db, "--out", blocker / "x.html")
    assert result.exit_code == 1 and "[E800]" in result.stderr and "is a file, not a folder" in result.stderr
    if Path("/dev/full").exists():
        full = cli("report", "--db", db, "--format", "md", "--out", "/dev/full")
        assert full.exit_code == 1
        assert full.stderr.strip() == "error: [E800] cannot write /dev/full: No space left on device"


def test_out_in_a_read_only_folder(analysed: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    prefix = unprivileged(tmp_path)
    db, _ = analysed
    folder = tmp_path / "shared"
    folder.mkdir()
    read_only(folder)
    try:
        report = storytrace(prefix, "report", "--db", db, "--out", folder / "x.html")
        fresh = tmp_path / "fresh.db"
        analyze = storytrace(prefix, "analyze", SAMPLE / "000_c224efd6a67e8e85.txt", "--db", fresh,
                             "--out", folder / "sub" / "x.json")
    finally:
        writable(folder)
    assert report.returncode == 1 and "Traceback" not in report.stderr
    assert report.stderr.startswith(f"error: [E800] cannot write {folder / 'x.html'}: permission denied")
    assert analyze.returncode == 1 and "[E800]" in analyze.stderr and "permission denied" in analyze.stderr
    assert not fresh.exists()  # checked before the analysis, not after it


def test_store_below_a_file(tmp_path: Path, cli: CliInvoker) -> None:
    blocker = write(tmp_path / "notes.txt", "not a folder")
    result = cli("ingest", write(tmp_path / "a.txt", article_text(FERRY)), "--db", blocker / "x.db")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: [E300] cannot create the store {blocker / 'x.db'}: {blocker} is a file")


@pytest.mark.parametrize("command", ["ingest", "analyze", "articles", "report", "serve"])
def test_a_db_that_is_a_folder_is_named_as_such(tmp_path: Path, cli: CliInvoker, command: str) -> None:
    """SQLite says "unable to open database file" (or "disk I/O error" when read-only) for a folder:
    the message says what is wrong and which path would do."""
    folder = tmp_path / "piles"
    folder.mkdir()
    inputs = {"ingest": [write(tmp_path / "a.txt", article_text(FERRY))], "report": ["--out", tmp_path / "r.html"]}
    result = cli(command, *inputs.get(command, []), "--db", folder)
    assert result.exit_code == 1
    assert result.stderr.strip() == (f"error: [E302] {folder} is a folder, not a store file "
                                     f"(give --db a file path, e.g. {folder / 'storytrace.db'})")
    assert list(folder.iterdir()) == []


def test_an_article_id_beyond_sqlite_integers_is_no_such_article(tmp_path: Path, cli: CliInvoker) -> None:
    db = tmp_path / "pile.db"
    cli("ingest", write(tmp_path / "a.txt", article_text(FERRY)), "--db", db, "-q")
    for first, second in (("1", "99999999999999999999"), ("99999999999999999999", "1")):
        result = cli("diff", "--db", db, first, second)
        assert result.exit_code == 1
        assert result.stderr.startswith(f"error: [E001] no article a99999999999999999999 in {db}")
    with Store.open(db, create=False) as store:
        assert store.article(2**63) is None and store.article(-(2**63) - 1) is None


# ------------------------------------------------------------------------------------------------
# analyze --out -


def test_analyze_out_dash_keeps_stdout_pure_json(analysed: tuple[Path, dict[str, Any]], cli: CliInvoker) -> None:
    db, _ = analysed
    result = cli("analyze", "--db", db, "--out", "-")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["schema"] == "storytrace.dossier/1"  # the whole of stdout
    assert "dossier stored in" in result.stderr and "independent origins" in result.stderr
    as_json = cli("analyze", "--db", db, "--out", "-", "--json")
    assert as_json.exit_code == 0
    assert json.loads(as_json.stdout)["schema"] == "storytrace.dossier/1"
    assert json.loads(as_json.stderr.strip().splitlines()[-1])["out"] == "-"


# ------------------------------------------------------------------------------------------------
# --story


def test_claims_takes_a_story_as_s1_or_1(analysed: tuple[Path, dict[str, Any]], cli: CliInvoker) -> None:
    db, dossier = analysed
    assert {c["story"] for c in dossier["claims"]} == {"s1"}
    named = json.loads(cli("claims", "--db", db, "--story", "s1", "--json").stdout)
    assert len(named) == len(dossier["claims"]) > 0
    for form in ("1", "S1", " s1 "):
        assert json.loads(cli("claims", "--db", db, "--story", form, "--json").stdout) == named
    assert cli("claims", "--db", db, "--story", "1").stdout == cli("claims", "--db", db, "--story", "s1").stdout


def test_claims_of_a_story_include_a_quote_filed_under_another(analysed: tuple[Path, dict[str, Any]],
                                                                tmp_path: Path, cli: CliInvoker) -> None:
    """A quote is matched across the pile: a claim filed under s1 that an article of s2 prints too is one
    of s2's claims (as ``report --story s2`` and the story page list it), not "no claims"."""
    db, dossier = analysed
    copy = tmp_path / "pile.db"
    shutil.copy(db, copy)
    dossier = json.loads(json.dumps(dossier))
    claim = dossier["claims"][0]
    moved = claim["articles"][-1]  # one of the articles printing it goes to a story of its own
    for story in dossier["stories"]:
        story["articles"] = [a for a in story["articles"] if a != moved]
    dossier["stories"].append({"id": "s9", "title": "A story of its own", "articles": [moved], "outlets": [],
                               "independent_origins": 1})
    for article in dossier["articles"]:
        article["story"] = "s9" if article["id"] == moved else article["story"]
    with Store.open(copy) as store:
        store.save_dossier(dossier)
    listed = json.loads(cli("claims", "--db", copy, "--story", "s9", "--json").stdout)
    assert [c["id"] for c in listed] == [c["id"] for c in dossier["claims"] if moved in c["articles"]]
    assert all(c["story"] == "s1" for c in listed) and listed
    assert cli("claims", "--db", copy, "--story", "s9").stdout.startswith(f"{claim['id']}  quote")
    assert len(json.loads(cli("claims", "--db", copy, "--story", "s1", "--json").stdout)) == len(dossier["claims"])


@pytest.mark.parametrize("story", ["s99", "99", "x"])
def test_an_unknown_story_is_the_same_error_everywhere(analysed: tuple[Path, dict[str, Any]], cli: CliInvoker,
                                                       story: str) -> None:
    db, _ = analysed
    expected = f"error: [E001] no story {story!r} in the latest analysis (stories: s1)"
    claims = cli("claims", "--db", db, "--story", story)
    report = cli("report", "--db", db, "--story", story, "--out", "-")
    assert (claims.exit_code, claims.stderr.strip()) == (1, expected)
    assert (report.exit_code, report.stderr.strip()) == (1, expected)
    error = json.loads(cli("claims", "--db", db, "--story", story, "--json").stdout)["error"]
    assert (error["code"], error["message"]) == ("E001", f"no story {story!r} in the latest analysis")


# ------------------------------------------------------------------------------------------------
# read-only stores


def test_a_read_only_open_writes_nothing(analysed: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    db = tmp_path / "copy.db"
    shutil.copyfile(analysed[0], db)
    before = db.read_bytes()
    with Store.open(db, create=False, read_only=True) as store:
        assert store.count() == 5 and store.latest_dossier() is not None
        with pytest.raises(StoreError, match="readonly"):  # SQLite itself refuses: mode=ro
            store.save_claims({"k": "[]"}, "v")
    assert db.read_bytes() == before


def test_a_read_only_store_that_needs_an_upgrade_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "old.db"
    with Store.open(db):
        pass
    with sqlite3.connect(db) as connection:
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    monkeypatch.setattr(os, "access", lambda *args, **kwargs: False)
    with pytest.raises(StoreNotWritableError, match="must be upgraded") as caught:
        Store.open(db, create=False, read_only=True)
    assert caught.value.code == "E305"


@pytest.mark.parametrize("lock", ["folder", "file"])
def test_read_commands_work_on_a_read_only_store(analysed: tuple[Path, dict[str, Any]], tmp_path: Path, lock: str) -> None:
    prefix = unprivileged(tmp_path)
    folder = tmp_path / "archive"
    folder.mkdir()
    db = folder / "pile.db"
    shutil.copyfile(analysed[0], db)
    read_only(folder if lock == "folder" else db)
    try:
        results = {
            " ".join(args): storytrace(prefix, *args, "--db", db)
            for args in (["articles"], ["stories"], ["claims"], ["claims", "--story", "1"], ["rejections"],
                         ["report", "--format", "md", "--out", "-"], ["diff", "1", "2"])
        }
        ingest = storytrace(prefix, "ingest", SAMPLE / "000_c224efd6a67e8e85.txt", "--db", db)
        new = storytrace(prefix, "ingest", SAMPLE / "000_c224efd6a67e8e85.txt", "--db", folder / "new.db")
    finally:
        writable(folder)
    for name, result in results.items():
        assert result.returncode == 0, (name, result.stderr)
        assert result.stdout.strip(), name
    assert "5 articles in" in results["articles"].stdout
    assert ingest.returncode == 1 and ingest.stderr.startswith("error: [E305]")
    if lock == "folder":
        assert new.returncode == 1
        assert new.stderr.startswith(f"error: [E305] cannot create the store {folder / 'new.db'}: permission denied")


# ------------------------------------------------------------------------------------------------
# duplicates


def test_ingest_lists_and_counts_duplicates(tmp_path: Path, cli: CliInvoker) -> None:
    folder = tmp_path / "in"
    write(folder / "a.txt", article_text(ORCHARD))
    write(folder / "b.txt", article_text(ORCHARD))
    result = cli("ingest", folder, "--db", tmp_path / "one.db")
    assert result.exit_code == 0
    assert "from 2 sources; 0 rejected, 1 duplicate (" in result.stdout
    assert result.stderr.splitlines() == [
        f"duplicate: {folder / 'b.txt'}: [E110] same content as {folder / 'a.txt'}, already read in this run"
    ]
    payload = json.loads(cli("ingest", folder, "--db", tmp_path / "two.db", "--json").stdout)
    assert payload["rejected"] == []
    assert [(d["source"], d["code"], d["reason"]) for d in payload["duplicates"]] == [
        (str(folder / "b.txt"), "E110", "duplicate")
    ]
    quiet = cli("ingest", folder, "--db", tmp_path / "three.db", "-q")
    assert quiet.exit_code == 0 and quiet.output == ""
    strict = cli("ingest", folder, "--db", tmp_path / "four.db", "--strict")
    assert strict.exit_code == 0  # a duplicate is not a failure


# ------------------------------------------------------------------------------------------------
# entities --type, serve on a busy port


def test_an_unknown_entity_type_is_refused(tmp_path: Path, cli: CliInvoker) -> None:
    result = cli("entities", "--db", tmp_path / "pile.db", "--type", "FOO")
    assert result.exit_code == 2
    assert "'FOO' is not an entity type" in result.output and "PERSON, ORG, GPE" in result.output


def test_serve_on_a_busy_port_fails_before_saying_it_serves(analysed: tuple[Path, dict[str, Any]],
                                                             cli: CliInvoker) -> None:
    db, _ = analysed
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = cli("serve", "--db", db, "--port", str(port))
    assert result.exit_code == 1
    assert "serving" not in result.output
    assert result.stderr.startswith(f"error: [E001] cannot listen on 127.0.0.1:{port}:")


def test_analyze_of_inputs_that_all_fail_says_so_and_leaves_no_empty_store(tmp_path: Path) -> None:
    db = tmp_path / "typo.db"
    missing = tmp_path / "crawl.warc"
    result = CliRunner().invoke(main, ["analyze", str(missing), "--db", str(db)])
    assert result.exit_code == 1
    assert "[E106] no article could be read from the inputs given (1 rejected, e.g. [E101]" in result.output
    assert not any(tmp_path.glob("typo.db*"))  # no empty store left behind


def test_analyze_of_failing_inputs_into_a_pile_warns_before_analysing_what_is_there(
        analysed: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    db, _ = analysed
    copy = tmp_path / "pile.db"
    shutil.copy(db, copy)
    result = CliRunner().invoke(main, ["analyze", str(tmp_path / "gone.txt"), "--db", str(copy)])
    assert result.exit_code == 0
    assert "warning: nothing was read from the inputs given (1 rejected" in result.output
    assert "analysing the 5 articles already in" in result.output


def test_ctrl_c_during_ingest_says_what_is_kept(tmp_path: Path, cli: CliInvoker, monkeypatch: pytest.MonkeyPatch) -> None:
    """Not click's bare "Aborted!": the user learns that the store is whole and how to finish."""
    import storytrace.ingest

    def interrupted(*args: Any, **kwargs: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr(storytrace.ingest, "ingest", interrupted)
    db = tmp_path / "pile.db"
    result = cli("ingest", write(tmp_path / "a.txt", article_text(FERRY)), "--db", db)
    assert result.exit_code == 130 and "Traceback" not in result.output
    assert result.stderr.strip() == (f"interrupted: the articles stored so far are kept in {db}; run the same command "
                                     "again to finish (what is stored is not read again)")
