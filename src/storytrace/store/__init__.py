"""The article store: SQLite in WAL mode, versioned migrations, one writer, batch transactions.

A batch of articles and rejections is written in one transaction, so a crash never leaves half an
article. Re-ingesting content already stored is a no-op unless ``replace`` is set. SQLite failures
while writing (disk full, a lock held too long) are raised as :class:`StoreError` (``E300``).
Commands that only read open the store ``read_only`` (SQLite ``mode=ro``), so a store in a read-only
file or folder can still be listed and reported on.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import NotAStoreError, SchemaTooNewError, StoreError, StoreMissingError, StoreNotWritableError
from ..models import Article, Credit, Rejection, Removed
from ..normalize import NORMALIZER_VERSION
from .schema import MIGRATIONS, SCHEMA_VERSION

__all__ = ["SCHEMA_VERSION", "BatchResult", "Store"]


@dataclass(frozen=True, slots=True, kw_only=True)
class BatchResult:
    inserted: tuple[int, ...]
    updated: tuple[int, ...]
    unchanged: tuple[int, ...]
    rejections: int


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class Store:
    """One SQLite file. Open with :meth:`open`; use as a context manager."""

    def __init__(self, connection: sqlite3.Connection, path: str) -> None:
        self._db = connection
        self.path = path

    @classmethod
    def open(cls, path: str | Path, *, create: bool = True, read_only: bool = False) -> Store:
        """Open (and with ``create``, create or migrate) the store at ``path``.

        A file that is not a store is refused before anything is written to it. ``read_only``: the
        caller only reads, so nothing is written (a store in a read-only file or folder opens); a
        store whose schema is older than this storytrace's is upgraded first, which needs write
        access (:class:`StoreNotWritableError` otherwise).
        """
        target = str(path)
        read_only = read_only and target != ":memory:"
        if not target.strip():
            raise StoreMissingError("no store path given", hint="give --db PATH")
        if target != ":memory:" and Path(target).is_dir():
            # SQLite would only say "unable to open database file" or "disk I/O error"
            raise NotAStoreError(f"{target} is a folder, not a store file",
                                 hint=f"give --db a file path, e.g. {Path(target) / 'storytrace.db'}")
        exists = target == ":memory:" or Path(target).exists()
        if not exists and (not create or read_only):
            raise StoreMissingError(f"no store at {target}", hint="run 'storytrace analyze PATH_OR_URL… --db PATH' (or 'storytrace ingest') first")
        if not exists:
            _prepare_folder(target)
        elif not read_only and target != ":memory:" and not os.access(target, os.W_OK):
            raise StoreNotWritableError(
                f"{target} is read-only", hint="ingest and analyze write to the store; the listing commands "
                "(articles, stories, claims, report …) only read it"
            )
        try:
            connection = _connect(target, read_only=read_only)
        except sqlite3.Error as exc:
            raise NotAStoreError(f"{target} cannot be opened as a storytrace store: {exc}") from exc
        try:
            connection.row_factory = sqlite3.Row
            store = cls(connection, target)
            version = store._check()
            connection.execute("PRAGMA foreign_keys=ON")
            if read_only:
                if version < SCHEMA_VERSION:
                    connection.close()
                    return cls._upgrade(target, version)
                return store
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            store._migrate(version)
        except BaseException:
            connection.close()
            raise
        return store

    @classmethod
    def _upgrade(cls, target: str, version: int) -> Store:
        """Migrate a store a reader opened; refused (clearly) when the store may not be written."""
        location = Path(target)
        if not (os.access(location, os.W_OK) and os.access(location.parent, os.W_OK | os.X_OK)):
            raise StoreNotWritableError(
                f"{target} has schema version {version} and must be upgraded to version {SCHEMA_VERSION} "
                "before this storytrace can read it, which needs write access to the file and its folder",
                hint="run the command once where the store is writable, or on a writable copy",
            )
        return cls.open(target, create=False)

    def _check(self) -> int:
        """The schema version of the file; refuses files that are not (or not yet) ours to open."""
        try:
            version = int(self._db.execute("PRAGMA user_version").fetchone()[0])
            tables = self._db.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            if "readonly" in str(exc):  # a WAL store whose file or folder may not be written
                raise StoreNotWritableError(
                    f"{self.path} cannot be opened for writing: {exc}",
                    hint="ingest and analyze need write access to the store and its folder; "
                    "articles, stories, claims and report only read it",
                ) from exc
            raise NotAStoreError(f"{self.path} is not a storytrace store: {exc}") from exc
        if version > SCHEMA_VERSION:
            raise SchemaTooNewError(
                f"{self.path} has schema version {version}; this storytrace knows up to {SCHEMA_VERSION}",
                hint="upgrade storytrace",
            )
        if version == 0 and tables:
            raise NotAStoreError(f"{self.path} is an SQLite file with other tables, not a storytrace store")
        return version

    def _migrate(self, version: int) -> None:
        for number in range(version, SCHEMA_VERSION):
            self._db.execute("BEGIN IMMEDIATE")
            try:
                for statement in _split_sql(MIGRATIONS[number]):
                    self._db.execute(statement)
                self._db.execute(f"PRAGMA user_version = {number + 1}")
                self._db.execute("COMMIT")
            except BaseException as exc:
                if self._db.in_transaction:  # SQLite rolls back by itself after some errors
                    self._db.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise StoreError(
                        f"{self.path}: migration to schema version {number + 1} failed: {exc}"
                    ) from exc
                raise

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- writes -----------------------------------------------------------------------------

    def known_hashes(self, hashes: Sequence[str]) -> dict[str, int]:
        """Map of content hash → article id for the hashes already stored."""
        return {digest: int(value) for digest, value in self._by_hash("id", hashes).items()}

    def stale_hashes(self, hashes: Sequence[str]) -> set[str]:
        """The hashes among ``hashes`` stored by an older normalizer (``NORMALIZER_VERSION``): their
        articles are normalized again when read again, as if ``replace`` were given."""
        versions = self._by_hash("normalizer_version", hashes)
        return {digest for digest, version in versions.items() if int(version) < NORMALIZER_VERSION}

    def known_outlets(self, hashes: Sequence[str]) -> dict[str, str | None]:
        """Map of content hash → the stored article's outlet, for the hashes already stored."""
        return {digest: None if value is None else str(value) for digest, value in self._by_hash("outlet", hashes).items()}

    def _by_hash(self, column: str, hashes: Sequence[str]) -> dict[str, Any]:
        """Map of content hash → ``column`` of the stored article, for the hashes already stored."""
        found: dict[str, Any] = {}
        for start in range(0, len(hashes), 500):
            chunk = list(hashes[start : start + 500])
            marks = ",".join("?" * len(chunk))
            try:
                rows = self._db.execute(
                    f"SELECT {column} AS value, content_hash FROM articles WHERE content_hash IN ({marks})", chunk
                ).fetchall()
            except sqlite3.Error as exc:
                raise StoreError(f"{self.path}: could not read the store: {exc}") from exc
            found.update({row["content_hash"]: row["value"] for row in rows})
        return found

    def write_batch(
        self, articles: Sequence[Article], rejections: Sequence[Rejection], *, replace: bool = False
    ) -> BatchResult:
        """Write articles and rejections in one transaction.

        An article whose content is stored already replaces the stored one when ``replace`` is given
        or when the stored one was made by an older normalizer (:meth:`stale_hashes`); otherwise
        the stored one stays and is reported unchanged."""
        inserted: list[int] = []
        updated: list[int] = []
        unchanged: list[int] = []
        now = _now()
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: could not start a write: {exc}") from exc
        try:
            for article in articles:
                row = self._db.execute(
                    "SELECT id, normalizer_version FROM articles WHERE content_hash = ?", (article.content_hash,)
                ).fetchone()
                values = _article_values(article, now)
                if row is None:
                    cursor = self._db.execute(
                        f"INSERT INTO articles ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",
                        tuple(values.values()),
                    )
                    article_id = int(cursor.lastrowid or 0)
                    inserted.append(article_id)
                elif replace or int(row["normalizer_version"]) < NORMALIZER_VERSION:
                    article_id = int(row["id"])
                    assignments = ", ".join(f"{key} = ?" for key in values)
                    self._db.execute(
                        f"UPDATE articles SET {assignments} WHERE id = ?", (*values.values(), article_id)
                    )
                    self._db.execute("DELETE FROM credits WHERE article_id = ?", (article_id,))
                    updated.append(article_id)
                else:
                    unchanged.append(int(row["id"]))
                    continue
                self._db.executemany(
                    "INSERT INTO credits (article_id, kind, name, role, line) VALUES (?, ?, ?, ?, ?)",
                    [(article_id, c.kind, c.name, c.role, c.line) for c in article.credits],
                )
            self._db.executemany(
                "INSERT INTO rejections (source, locator, code, reason, message, at) VALUES (?, ?, ?, ?, ?, ?)",
                [(r.source, r.locator, r.code, r.reason, r.message, r.at or now) for r in rejections],
            )
            self._db.execute("COMMIT")
        except BaseException as exc:
            if self._db.in_transaction:  # SQLite rolls back by itself after some errors
                self._db.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise StoreError(f"{self.path}: the batch was not written (rolled back): {exc}") from exc
            raise
        return BatchResult(
            inserted=tuple(inserted), updated=tuple(updated), unchanged=tuple(unchanged), rejections=len(rejections)
        )

    def save_dossier(self, dossier: dict[str, Any]) -> int:
        """Store the dossier of one analysis run; returns its analysis id."""
        payload = json.dumps(dossier, ensure_ascii=False, sort_keys=True)
        try:
            self._db.execute("BEGIN IMMEDIATE")
            cursor = self._db.execute(
                "INSERT INTO analyses (created_at, articles, dossier) VALUES (?, ?, ?)",
                (_now(), len(dossier.get("articles", ())), payload),
            )
            self._db.execute("COMMIT")
        except sqlite3.Error as exc:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise StoreError(f"{self.path}: could not save the dossier: {exc}") from exc
        return int(cursor.lastrowid or 0)

    def save_claims(self, rows: Mapping[str, str], version: str) -> None:
        """Remember each article text's claims (``text_key`` → JSON) under the extractor ``version``;
        entries of other versions are dropped (they can never be read again)."""
        self._save_cached("claim_cache", "claims", rows, version)

    def save_vectors(self, rows: Mapping[str, bytes], version: str) -> None:
        """Remember each article text's sentence vectors under the encoder ``version``; entries of
        other versions are dropped."""
        self._save_cached("vector_cache", "vectors", rows, version)

    def _save_cached(self, table: str, column: str, rows: Mapping[str, Any], version: str) -> None:
        try:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.execute(f"DELETE FROM {table} WHERE version != ?", (version,))
            self._db.executemany(
                f"INSERT OR REPLACE INTO {table} (text_key, version, {column}) VALUES (?, ?, ?)",
                [(key, version, payload) for key, payload in rows.items()],
            )
            self._db.execute("COMMIT")
        except sqlite3.Error as exc:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise StoreError(f"{self.path}: could not save to {table}: {exc}") from exc

    # ---- reads ------------------------------------------------------------------------------

    def latest_dossier(self) -> dict[str, Any] | None:
        """The dossier of the latest analysis run, or None when the pile was never analysed."""
        row = self._db.execute("SELECT dossier FROM analyses ORDER BY id DESC LIMIT 1").fetchone()
        if row is None:
            return None
        loaded: dict[str, Any] = json.loads(row["dossier"])
        return loaded

    def cached_claims(self, keys: Iterable[str], version: str) -> dict[str, str]:
        """The remembered claims (JSON) of the given article text keys under ``version``."""
        return {key: str(value) for key, value in self._cached("claim_cache", "claims", keys, version).items()}

    def cached_vectors(self, keys: Iterable[str], version: str) -> dict[str, bytes]:
        """The remembered sentence vectors of the given article text keys under ``version``."""
        return {key: bytes(value) for key, value in self._cached("vector_cache", "vectors", keys, version).items()}

    def _cached(self, table: str, column: str, keys: Iterable[str], version: str) -> dict[str, Any]:
        wanted = list(dict.fromkeys(keys))
        found: dict[str, Any] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for row in self._db.execute(
                f"SELECT text_key, {column} FROM {table} WHERE version = ? AND text_key IN ({marks})",
                (version, *chunk),
            ):
                found[row["text_key"]] = row[column]
        return found

    def count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM articles").fetchone()[0])

    def articles(self) -> Iterator[Article]:
        credits = self._credits_by_article()
        for row in self._db.execute("SELECT * FROM articles ORDER BY id"):
            yield _row_to_article(row, credits.get(row["id"], ()))

    def article(self, article_id: int) -> Article | None:
        if not _SQLITE_MIN_INTEGER <= article_id <= _SQLITE_MAX_INTEGER:  # no such row (and SQLite would overflow)
            return None
        row = self._db.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            return None
        return _row_to_article(row, self._credits_by_article(article_id).get(article_id, ()))

    def rejections(self) -> list[Rejection]:
        rows = self._db.execute("SELECT * FROM rejections ORDER BY id")
        return [
            Rejection(
                source=r["source"], locator=r["locator"], code=r["code"], reason=r["reason"],
                message=r["message"], at=r["at"],
            )
            for r in rows
        ]

    def search(self, query: str, *, limit: int = 10) -> list[tuple[int, float]]:
        """Full-text search (FTS5 bm25): ``(article id, score)``, best first."""
        rows = self._db.execute(
            "SELECT rowid, bm25(articles_fts) AS score FROM articles_fts WHERE articles_fts MATCH ? "
            "ORDER BY score LIMIT ?",
            (query, limit),
        )
        return [(int(r["rowid"]), float(r["score"])) for r in rows]

    def integrity_ok(self) -> bool:
        return bool(self._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok")

    def _credits_by_article(self, article_id: int | None = None) -> dict[int, tuple[Credit, ...]]:
        query = "SELECT * FROM credits" + (" WHERE article_id = ?" if article_id is not None else "") + " ORDER BY id"
        rows = self._db.execute(query, () if article_id is None else (article_id,))
        grouped: dict[int, list[Credit]] = {}
        for r in rows:
            grouped.setdefault(r["article_id"], []).append(
                Credit(kind=r["kind"], name=r["name"], line=r["line"], role=r["role"])
            )
        return {key: tuple(value) for key, value in grouped.items()}


_SQLITE_MIN_INTEGER, _SQLITE_MAX_INTEGER = -(2**63), 2**63 - 1


def _prepare_folder(target: str) -> None:
    """Create the folder of a new store; a folder that cannot hold it is refused with the reason."""
    if target == ":memory:":
        return
    folder = Path(target).parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError) as exc:
        raise StoreError(
            f"cannot create the store {target}: {exc.filename or folder} is a file, not a folder",
            hint="give a --db path inside a folder",
        ) from exc
    except PermissionError as exc:
        raise StoreNotWritableError(
            f"cannot create the store {target}: permission denied to create {exc.filename or folder}",
            hint="give a --db path in a folder you may write to",
        ) from exc
    except OSError as exc:
        raise StoreError(f"cannot create the store {target}: {exc.strerror or exc}") from exc
    if not os.access(folder, os.W_OK | os.X_OK):
        raise StoreNotWritableError(
            f"cannot create the store {target}: permission denied in {folder}",
            hint="give a --db path in a folder you may write to",
        )


def _connect(target: str, *, read_only: bool) -> sqlite3.Connection:
    if not read_only or target == ":memory:":
        return sqlite3.connect(target, timeout=30.0, isolation_level=None)
    location = Path(target).resolve()
    uri = f"{location.as_uri()}?mode=ro"
    connection = sqlite3.connect(uri, uri=True, timeout=30.0, isolation_level=None)
    try:
        connection.execute("PRAGMA user_version").fetchone()
        return connection
    except sqlite3.OperationalError:
        connection.close()
        # A store in WAL mode whose folder may not be written: readers need a shared-memory file
        # beside it that SQLite cannot create. Without a write-ahead log holding changes not yet in
        # the file, nobody can be writing it, and it reads as immutable.
        wal = location.with_name(f"{location.name}-wal")
        if os.access(location.parent, os.W_OK):
            raise
        if wal.exists() and wal.stat().st_size > 0:
            raise StoreNotWritableError(
                f"{target} has changes in {wal.name} not yet merged into it, and its folder may not be written",
                hint="open the store once where its folder is writable",
            ) from None
    return sqlite3.connect(f"{uri}&immutable=1", uri=True, timeout=30.0, isolation_level=None)


def _split_sql(script: str) -> list[str]:
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements


def _article_values(article: Article, now: str) -> dict[str, object]:
    return {
        "source": article.source,
        "locator": article.locator,
        "source_kind": article.source_kind,
        "url": article.url,
        "title": article.title,
        "byline": article.byline,
        "published": article.published,
        "published_time": article.published_time,
        "dateline": article.dateline,
        "outlet": article.outlet,
        "text": article.text,
        "paragraphs": json.dumps(article.paragraphs),
        "words": article.words,
        "raw": article.raw,
        "raw_format": article.raw_format,
        "content_hash": article.content_hash,
        "text_hash": article.text_hash,
        "removed": json.dumps([{"text": r.text, "why": r.why} for r in article.removed], ensure_ascii=False),
        "external_id": article.external_id,
        "fetched_at": article.fetched_at,
        "normalizer_version": NORMALIZER_VERSION,
        "ingested_at": now,
    }


def _row_to_article(row: sqlite3.Row, credits: tuple[Credit, ...]) -> Article:
    return Article(
        id=row["id"],
        source=row["source"],
        locator=row["locator"],
        source_kind=row["source_kind"],
        url=row["url"],
        title=row["title"],
        byline=row["byline"],
        published=row["published"],
        published_time=row["published_time"],
        dateline=row["dateline"],
        outlet=row["outlet"],
        credits=credits,
        text=row["text"],
        paragraphs=tuple(tuple(p) for p in json.loads(row["paragraphs"])),  # type: ignore[misc]
        words=row["words"],
        raw=row["raw"],
        raw_format=row["raw_format"],
        content_hash=row["content_hash"],
        text_hash=row["text_hash"],
        removed=tuple(Removed(text=r["text"], why=r["why"]) for r in json.loads(row["removed"])),
        external_id=row["external_id"],
        fetched_at=row["fetched_at"],
    )
