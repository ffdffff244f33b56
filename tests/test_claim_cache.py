"""Remembered claims and sentence vectors: analysing a pile again extracts and encodes only new
texts, with the same dossier."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import numpy as np
import pytest

from conftest import CliInvoker, count_encoded
from storytrace.compare import cache, dossier
from storytrace.compare.cache import claims_from_json, claims_to_json, claims_version, text_key
from storytrace.compare.dossier import article_claims
from storytrace.reuse import pairs
from storytrace.reuse.paraphrase import sentence_spans

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "mosul-2016"


def sample_texts() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in sorted(SAMPLE.glob("*.txt"))]


def test_claims_read_back_exactly_as_extracted() -> None:
    for text in sample_texts()[:3]:
        extracted = article_claims(text)
        assert extracted.quotes and extracted.mentions
        assert claims_from_json(claims_to_json(extracted)) == extracted


def test_the_version_is_stable_and_the_key_is_the_text_s() -> None:
    assert claims_version() == claims_version() and len(claims_version()) == 32
    assert text_key("a") != text_key("a ") and len(text_key("a")) == 64


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []

    def counted(text: str) -> dossier.ArticleClaims:
        seen.append(text)
        return article_claims(text)

    monkeypatch.setattr(dossier, "article_claims", counted)
    return seen


def _pile(folder: Path, count: int) -> tuple[Path, Path]:
    """A folder with the first ``count`` sample-pile articles, and a store path beside it."""
    pile = folder / "pile"
    pile.mkdir()
    for path in sorted(SAMPLE.glob("*.txt"))[:count]:
        shutil.copy(path, pile / path.name)
    return pile, folder / "pile.db"


def _analyze(cli: CliInvoker, db: Path, out: Path, *inputs: Path) -> str:
    result = cli("analyze", *inputs, "--db", db, "--out", out, "--workers", "1", "--json")
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


def test_a_second_analysis_extracts_only_new_articles_and_gives_the_same_dossier(
    cli: CliInvoker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pile, db = _pile(tmp_path, 4)
    seen = _counting(monkeypatch)
    encoded = count_encoded(monkeypatch)
    first = _analyze(cli, db, tmp_path / "one.json", pile)
    assert len(seen) == 4 and encoded  # the sample pile's pairs go through the paraphrase layer
    seen.clear()
    encoded.clear()
    again = _analyze(cli, db, tmp_path / "two.json")
    assert seen == [] and encoded == [] and again == first
    # one more article: only it is extracted, and the dossier is the one a fresh store gives
    last = sorted(SAMPLE.glob("*.txt"))[4]
    seen.clear()
    grown = _analyze(cli, db, tmp_path / "three.json", last)
    assert len(seen) == 1
    monkeypatch.undo()
    fresh = _analyze(cli, tmp_path / "fresh.db", tmp_path / "fresh.json", pile, last)
    assert json.loads(grown)["summary"]["articles"] == 5
    assert grown == fresh


def test_an_interrupted_analysis_keeps_the_claims_it_had_extracted(
    cli: CliInvoker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C in the claims stage (the longest): the articles read so far are remembered, so the rerun reads
    only the others, and its dossier is an uninterrupted run's. They were thrown away: the claims were
    written to the store only once the whole pile was read."""
    pile, db = _pile(tmp_path, 5)
    read: list[str] = []

    def interrupted(text: str) -> dossier.ArticleClaims:
        if len(read) == 3:
            raise KeyboardInterrupt
        read.append(text)
        return article_claims(text)

    monkeypatch.setattr(dossier, "article_claims", interrupted)
    stopped = cli("analyze", pile, "--db", db, "--workers", "1")
    assert stopped.exit_code == 130
    assert stopped.stderr.strip() == (f"interrupted: the articles stored and the claims extracted so far are kept in {db}; "
                                      "run the same command again to finish (what is stored is not read again)")
    with sqlite3.connect(db) as connection:
        remembered = {row[0] for row in connection.execute("SELECT text_key FROM claim_cache")}
        assert connection.execute("SELECT count(*) FROM analyses").fetchone() == (0,)
    assert remembered == {text_key(text) for text in read} and len(remembered) == 3
    seen = _counting(monkeypatch)
    again = _analyze(cli, db, tmp_path / "again.json")
    assert len(seen) == 2 and not {text_key(text) for text in seen} & remembered
    monkeypatch.undo()
    assert again == _analyze(cli, tmp_path / "fresh.db", tmp_path / "fresh.json", pile)


def test_a_new_extractor_version_or_a_damaged_entry_extracts_again(
    cli: CliInvoker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pile, db = _pile(tmp_path, 2)
    first = _analyze(cli, db, tmp_path / "one.json", pile)
    with sqlite3.connect(db) as connection:
        keys = [row[0] for row in connection.execute("SELECT text_key FROM claim_cache ORDER BY text_key")]
        assert len(keys) == 2
        connection.execute("UPDATE claim_cache SET claims = '{not json' WHERE text_key = ?", (keys[0],))
    seen = _counting(monkeypatch)
    assert _analyze(cli, db, tmp_path / "two.json") == first
    assert len(seen) == 1  # the damaged entry only

    monkeypatch.setattr(cache, "claims_version", lambda: "another-extractor")
    monkeypatch.setattr(dossier, "claims_version", lambda: "another-extractor")
    seen.clear()
    assert _analyze(cli, db, tmp_path / "three.json") == first
    assert len(seen) == 2
    with sqlite3.connect(db) as connection:
        versions = {row[0] for row in connection.execute("SELECT version FROM claim_cache")}
    assert versions == {"another-extractor"}  # entries of the old version are dropped


class _Remembered:
    def __init__(self) -> None:
        self.vectors: dict[str, object] = {}

    def get(self, text: str, dimension: int) -> object:
        return self.vectors.get(text)

    def put(self, text: str, vectors: object) -> None:
        self.vectors[text] = vectors


def test_find_reuse_with_remembered_vectors_gives_the_same_pairs_without_encoding(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from dataclasses import replace

    from storytrace.models import RawDocument
    from storytrace.normalize import normalize

    articles = [
        replace(normalize(RawDocument(source=path.name, source_kind="text", raw=path.read_text(encoding="utf-8"),
                                      raw_format="text")), id=number)
        for number, path in enumerate(sorted(SAMPLE.glob("*.txt")), start=1)
    ]
    plain = pairs.find_reuse(articles)
    memory = _Remembered()
    first = pairs.find_reuse(articles, vectors=memory)
    assert first == plain and memory.vectors
    # a remembered vector table of the wrong shape is not used
    text = next(iter(memory.vectors))
    rows = memory.vectors[text]
    assert isinstance(rows, np.ndarray)
    # only the sentences worth a cosine were encoded (a row of NaN: not encoded)
    known = [text[a:b] for (a, b), row in zip(sentence_spans(text), rows, strict=True) if not np.isnan(row[0])]
    assert known
    memory.vectors[text] = rows[:1]
    encoded = count_encoded(monkeypatch)
    assert pairs.find_reuse(articles, vectors=memory) == plain
    assert sorted(encoded) == sorted(set(known))
