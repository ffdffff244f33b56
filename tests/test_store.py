"""The SQLite store: migrations, refusals, idempotent re-ingest, --force, batch transactions."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import storytrace.store as store_module
from conftest import FERRY, LIBRARY, ORCHARD, RESERVOIR, STORIES, CliInvoker, article_text, run_ingest, stored, write
from storytrace.errors import NotAStoreError, SchemaTooNewError, StoreError, StoreMissingError
from storytrace.models import Rejection
from storytrace.normalize import NORMALIZER_VERSION
from storytrace.store import SCHEMA_VERSION, Store
from storytrace.store.schema import MIGRATIONS


def pragma(db: Path, name: str) -> object:
    with sqlite3.connect(db) as connection:
        return connection.execute(f"PRAGMA {name}").fetchone()[0]


def pile(folder: Path) -> list[Path]:
    """Four text articles, one per story."""
    return [write(folder / f"{story.slug}.txt", article_text(story)) for story in STORIES]


# ------------------------------------------------------------------------------------------------
# opening, migrations


def test_new_store_has_schema_and_wal(db_path: Path) -> None:
    with Store.open(db_path) as store:
        assert store.count() == 0
        assert store.integrity_ok()
    assert pragma(db_path, "user_version") == SCHEMA_VERSION == len(MIGRATIONS)
    assert pragma(db_path, "journal_mode") == "wal"
    with sqlite3.connect(db_path) as connection:
        names = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    assert {"articles", "credits", "rejections", "articles_fts"} <= names


def test_reopening_keeps_data_and_version(db_path: Path, tmp_path: Path) -> None:
    run_ingest(pile(tmp_path / "in"), db_path)
    for _ in range(2):
        with Store.open(db_path) as store:
            assert store.count() == 4
    assert pragma(db_path, "user_version") == SCHEMA_VERSION


def test_appended_migration_upgrades_an_existing_store(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_ingest(pile(tmp_path / "in"), db_path)
    added = "ALTER TABLE articles ADD COLUMN language TEXT;\nCREATE INDEX articles_language ON articles(language);"
    monkeypatch.setattr(store_module, "MIGRATIONS", (*MIGRATIONS, added))
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with Store.open(db_path) as store:
        assert store.count() == 4
    assert pragma(db_path, "user_version") == SCHEMA_VERSION + 1
    with sqlite3.connect(db_path) as connection:
        columns = [row[1] for row in connection.execute("PRAGMA table_info(articles)")]
    assert "language" in columns


def test_failed_migration_is_rolled_back(db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run_ingest(pile(tmp_path / "in"), db_path)
    broken = "CREATE TABLE extra (x TEXT);\nALTER TABLE no_such_table ADD COLUMN y TEXT;"
    monkeypatch.setattr(store_module, "MIGRATIONS", (*MIGRATIONS, broken))
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with pytest.raises(StoreError) as caught:
        Store.open(db_path)
    assert "migration" in caught.value.message
    assert pragma(db_path, "user_version") == SCHEMA_VERSION
    with sqlite3.connect(db_path) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert "extra" not in tables
        assert connection.execute("SELECT count(*) FROM articles").fetchone()[0] == 4


def test_schema_too_new_is_refused_and_left_alone(db_path: Path, cli: CliInvoker) -> None:
    Store.open(db_path).close()
    with sqlite3.connect(db_path) as connection:
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(SchemaTooNewError) as caught:
        Store.open(db_path)
    assert (caught.value.code, caught.value.reason) == ("E301", "schema_too_new")
    assert pragma(db_path, "user_version") == SCHEMA_VERSION + 1
    result = cli("articles", "--db", db_path)
    assert result.exit_code == 1
    assert "error: [E301]" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "content",
    [b"These are my notes, not a database.\n" * 20, b"SQLite format 3\x00" + b"\xff" * 200],
    ids=["text-file", "damaged-header"],
)
def test_file_that_is_not_a_store(tmp_path: Path, content: bytes, cli: CliInvoker) -> None:
    path = write(tmp_path / "notes.db", content)
    with pytest.raises(NotAStoreError) as caught:
        Store.open(path)
    assert (caught.value.code, caught.value.reason) == ("E302", "not_a_store")
    assert path.read_bytes() == content
    result = cli("ingest", write(tmp_path / "a.txt", article_text(FERRY)), "--db", path)
    assert result.exit_code == 1
    assert "error: [E302]" in result.stderr
    assert path.read_bytes() == content


def test_sqlite_file_of_another_application_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
        connection.execute("INSERT INTO invoices (total) VALUES (12.5)")
    with pytest.raises(NotAStoreError):
        Store.open(path)
    assert pragma(path, "journal_mode") == "delete"  # not switched to WAL behind its owner's back
    assert pragma(path, "user_version") == 0
    with sqlite3.connect(path) as connection:
        tables = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    assert tables == ["invoices"]


def test_missing_store_is_not_created_for_reading(tmp_path: Path, cli: CliInvoker) -> None:
    path = tmp_path / "sub" / "missing.db"
    with pytest.raises(StoreMissingError) as caught:
        Store.open(path, create=False)
    assert caught.value.code == "E303"
    for command in ("articles", "rejections"):
        result = cli(command, "--db", path)
        assert result.exit_code == 1
        assert "error: [E303]" in result.stderr
    assert not path.exists()


# ------------------------------------------------------------------------------------------------
# idempotence and --force


def test_reingesting_the_same_content_is_a_no_op(db_path: Path, tmp_path: Path) -> None:
    files = pile(tmp_path / "in")
    first = run_ingest(files, db_path)
    assert len(first.new) == 4
    before = {a.id: (a.content_hash, a.text) for a in stored(db_path)}
    second = run_ingest(files, db_path)
    assert second.new == () and second.updated == ()
    assert sorted(second.unchanged) == sorted(first.new)
    # the same content saved again with CRLF line ends is the same content
    for path in files:
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    third = run_ingest(files, db_path)
    assert third.new == () and sorted(third.unchanged) == sorted(first.new)
    assert {a.id: (a.content_hash, a.text) for a in stored(db_path)} == before


def test_same_file_twice_in_one_run_is_stored_once(db_path: Path, tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", article_text(LIBRARY))
    copy = write(tmp_path / "copy" / "a.txt", article_text(LIBRARY))
    summary = run_ingest([path, copy], db_path)
    assert len(summary.new) == 1
    assert len(stored(db_path)) == 1


def test_changed_content_is_a_new_article(db_path: Path, tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", article_text(LIBRARY))
    run_ingest([path], db_path)
    write(path, article_text(LIBRARY).replace("forty-six", "fifty-two"))
    summary = run_ingest([path], db_path)
    assert len(summary.new) == 1
    assert len(stored(db_path)) == 2


def credited(story_text: str) -> str:
    return story_text + "\nThis article was originally published on The Harrowgate Herald.\n"


def test_force_renormalizes_in_place_keeping_ids(db_path: Path, tmp_path: Path) -> None:
    files = [write(tmp_path / f"{s.slug}.txt", credited(article_text(s))) for s in STORIES]
    first = run_ingest(files, db_path)
    original = {a.id: a for a in stored(db_path)}
    assert all(len(a.credits) == 1 for a in original.values())
    # Rows written by an older normalizer: stale title, old version number.
    with sqlite3.connect(db_path) as connection:
        connection.execute("UPDATE articles SET title = 'Stale title', normalizer_version = 0")

    # Current rows, changed by hand: reading the files again leaves them; --force normalizes again.
    with sqlite3.connect(db_path) as connection:
        connection.execute("UPDATE articles SET normalizer_version = ?", (NORMALIZER_VERSION,))
    without_force = run_ingest(files, db_path)
    assert without_force.updated == () and sorted(without_force.unchanged) == sorted(first.new)
    assert {a.title for a in stored(db_path)} == {"Stale title"}

    forced = run_ingest(files, db_path, force=True)
    assert forced.new == () and forced.unchanged == ()
    assert sorted(forced.updated) == sorted(first.new)
    after = {a.id: a for a in stored(db_path)}
    assert after == original  # same ids, same articles, credits replaced (not duplicated)
    with sqlite3.connect(db_path) as connection:
        assert {row[0] for row in connection.execute("SELECT normalizer_version FROM articles")} == {
            NORMALIZER_VERSION
        }
        assert connection.execute("SELECT count(*) FROM credits").fetchone()[0] == 4
        connection.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
    with Store.open(db_path) as store:
        assert store.search("Stale") == []  # the index follows the rows
        assert [hit for hit, _ in store.search("Millbrook")] == [a.id for a in after.values() if a.title == RESERVOIR.title]
        assert store.integrity_ok()


def test_articles_an_older_normalizer_stored_are_normalized_again_when_read_again(
    db_path: Path, tmp_path: Path
) -> None:
    files = [write(tmp_path / f"{s.slug}.txt", credited(article_text(s))) for s in STORIES]
    first = run_ingest(files, db_path)
    original = {a.id: a for a in stored(db_path)}
    with sqlite3.connect(db_path) as connection:  # two rows as an older normalizer left them
        connection.execute("UPDATE articles SET title = 'Stale title', normalizer_version = ? WHERE id IN (?, ?)",
                           (NORMALIZER_VERSION - 1, *first.new[:2]))
        connection.execute("DELETE FROM credits WHERE article_id IN (?, ?)", first.new[:2])
    again = run_ingest(files, db_path)
    assert again.new == ()
    assert sorted(again.updated) == sorted(first.new[:2])
    assert sorted(again.unchanged) == sorted(first.new[2:])
    assert {a.id: a for a in stored(db_path)} == original  # same ids, titles and credits back
    with sqlite3.connect(db_path) as connection:
        assert {row[0] for row in connection.execute("SELECT normalizer_version FROM articles")} == {NORMALIZER_VERSION}
        assert connection.execute("SELECT count(*) FROM credits").fetchone()[0] == 4
    with Store.open(db_path) as store:
        assert store.search("Stale") == []
        assert store.stale_hashes([a.content_hash for a in original.values()]) == set()


def test_force_via_cli_reports_updated(db_path: Path, tmp_path: Path, cli: CliInvoker) -> None:
    path = write(tmp_path / "a.txt", article_text(ORCHARD))
    assert cli("ingest", path, "--db", db_path, "--quiet").exit_code == 0
    (article,) = stored(db_path)
    result = cli("ingest", path, "--db", db_path, "--force")
    assert result.exit_code == 0
    assert "0 new, 1 updated, 0 unchanged" in result.stdout
    (again,) = stored(db_path)
    assert again.id == article.id and again.text == article.text


# ------------------------------------------------------------------------------------------------
# batches and transactions


def test_failure_inside_a_batch_leaves_nothing_of_that_batch(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    files = pile(folder)  # four articles, in sorted order: ashcombe, island, millbrook, orchard
    write(folder / "zz-empty.txt", "")  # a rejection that belongs to the last batch
    real_values = store_module._article_values
    calls = {"n": 0}

    def failing_values(article, now):
        calls["n"] += 1
        if calls["n"] == 4:  # the second article of the second batch
            raise sqlite3.OperationalError("disk I/O error")
        return real_values(article, now)

    monkeypatch.setattr(store_module, "_article_values", failing_values)
    with pytest.raises(StoreError) as caught:
        run_ingest([folder], db_path, batch_size=2)
    assert "disk I/O error" in caught.value.message
    titles = sorted(a.title for a in stored(db_path))
    assert titles == sorted([LIBRARY.title, FERRY.title])  # the first batch only
    with Store.open(db_path) as store:
        assert store.rejections() == []
        assert store.integrity_ok()
        assert not store.search("Millbrook")  # no half article in the full-text index either
    with sqlite3.connect(db_path) as connection:
        assert connection.execute("SELECT count(*) FROM credits").fetchone()[0] == 0

    monkeypatch.setattr(store_module, "_article_values", real_values)
    summary = run_ingest([folder], db_path, batch_size=2)  # the store is usable afterwards
    assert len(summary.new) == 2 and len(summary.unchanged) == 2
    assert len(stored(db_path)) == len(files)


def test_store_failure_in_cli_is_one_error_line(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli
) -> None:
    def failing_values(article, now):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(store_module, "_article_values", failing_values)
    result = cli("ingest", write(tmp_path / "a.txt", article_text(FERRY)), "--db", db_path)
    assert result.exit_code == 1
    assert "error: [E300]" in result.stderr
    assert "Traceback" not in result.output


def test_write_batch_counts_and_rejections(db_path: Path, tmp_path: Path) -> None:
    run_ingest(pile(tmp_path / "in"), db_path)
    articles = stored(db_path)
    rejection = Rejection(source="x.bin", locator=None, code="E103", reason="binary_input", message="[E103] x")
    with Store.open(db_path) as store:
        result = store.write_batch(articles[:2], [rejection])
        assert result.inserted == () and result.updated == ()
        assert result.unchanged == (articles[0].id, articles[1].id)
        assert result.rejections == 1
        (saved,) = store.rejections()
    assert (saved.source, saved.code, saved.reason, saved.message) == ("x.bin", "E103", "binary_input", "[E103] x")
    assert saved.at.startswith("20") and "T" in saved.at


def test_article_round_trip(db_path: Path, tmp_path: Path) -> None:
    run_ingest([write(tmp_path / "r.txt", credited(article_text(RESERVOIR)))], db_path)
    (article,) = stored(db_path)
    assert article.id is not None
    with Store.open(db_path) as store:
        again = store.article(article.id)
        assert store.article(article.id + 100) is None
    assert again == article
    assert article.paragraphs and all(isinstance(span, tuple) for span in article.paragraphs)
    assert article.credits[0].kind == "originally_published_by"
    assert article.credits[0].name == "The Harrowgate Herald"
    assert article.removed  # title, byline and credit lines are kept with why
