"""Versioned schema migrations. ``PRAGMA user_version`` holds the version reached.

Append a migration to change the schema; never edit a released one.
"""

from __future__ import annotations

__all__ = ["MIGRATIONS", "SCHEMA_VERSION"]

MIGRATIONS: tuple[str, ...] = (
    # 1: articles, credits, rejections, full-text index.
    """
    CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        locator TEXT,
        source_kind TEXT NOT NULL,
        url TEXT,
        title TEXT,
        byline TEXT,
        published TEXT,
        published_time TEXT,
        dateline TEXT,
        outlet TEXT,
        text TEXT NOT NULL,
        paragraphs TEXT NOT NULL,
        words INTEGER NOT NULL,
        raw TEXT NOT NULL,
        raw_format TEXT NOT NULL,
        content_hash TEXT NOT NULL UNIQUE,
        text_hash TEXT NOT NULL,
        removed TEXT NOT NULL,
        external_id TEXT,
        fetched_at TEXT,
        normalizer_version INTEGER NOT NULL,
        ingested_at TEXT NOT NULL
    );
    CREATE INDEX articles_text_hash ON articles(text_hash);
    CREATE INDEX articles_outlet ON articles(outlet);
    CREATE TABLE credits (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        role TEXT,
        line TEXT NOT NULL
    );
    CREATE INDEX credits_article ON credits(article_id);
    CREATE TABLE rejections (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        locator TEXT,
        code TEXT NOT NULL,
        reason TEXT NOT NULL,
        message TEXT NOT NULL,
        at TEXT NOT NULL
    );
    CREATE INDEX rejections_source ON rejections(source);
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content='articles', content_rowid='id'
    );
    CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
    END;
    CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
    END;
    CREATE TRIGGER articles_fts_update AFTER UPDATE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
    END;
    """,
    # 2: analyses: each `storytrace analyze` run stores its dossier (JSON, storytrace.dossier/1);
    # reports and the web app read the latest one.
    """
    CREATE TABLE analyses (
        id INTEGER PRIMARY KEY,
        created_at TEXT NOT NULL,
        articles INTEGER NOT NULL,
        dossier TEXT NOT NULL
    );
    """,
    # 3: claim_cache: each article text's claims (quotes, quantities, mentions; JSON) under the
    # extractor's version, so that analysing again only extracts new texts (compare/cache.py).
    """
    CREATE TABLE claim_cache (
        text_key TEXT NOT NULL,
        version TEXT NOT NULL,
        claims TEXT NOT NULL,
        PRIMARY KEY (text_key, version)
    ) WITHOUT ROWID;
    """,
    # 4: vector_cache: each article text's sentence embeddings (float32 bytes) under the encoder's
    # version, so that analysing again only encodes new texts (compare/cache.py).
    """
    CREATE TABLE vector_cache (
        text_key TEXT NOT NULL,
        version TEXT NOT NULL,
        vectors BLOB NOT NULL,
        PRIMARY KEY (text_key, version)
    ) WITHOUT ROWID;
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)
