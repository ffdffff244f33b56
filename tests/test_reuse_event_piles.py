"""Wire copies carried by many outlets collapse into fewer origins (shared event piles)."""

from __future__ import annotations

from pathlib import Path

import pytest

from storytrace.ingest import ingest
from storytrace.provenance import independent_origins
from storytrace.reuse.pairs import ReuseOptions, find_reuse
from storytrace.settings import IngestOptions, TableFields
from storytrace.store import Store

PILES = Path(__file__).resolve().parents[2] / "shared" / "data" / "event_piles"


@pytest.mark.shared
@pytest.mark.slow
@pytest.mark.parametrize("name", ["census_articles.csv", "spotify_articles.csv"], ids=["census", "spotify"])
def test_wire_copies_collapse_into_fewer_origins(tmp_path, name):
    path = PILES / name
    if not path.is_file():
        pytest.skip(f"{path} not found: shared evaluation data absent")
    with Store.open(tmp_path / "pile.db") as store:
        summary = ingest([str(path)], store, IngestOptions(fields=TableFields(outlet="publisher")))
        assert not summary.failures
        articles = list(store.articles())
    pairs = find_reuse(articles, ReuseOptions(paraphrase=False))
    derived = [p for p in pairs if p.relation == "wholly_derived"]
    assert derived, "no wire copy found"
    origins = independent_origins([a.id for a in articles if a.id is not None], pairs)
    assert origins < len(articles)
    # A wire copy is nearly all shared text; the engine must show it.
    assert all(p.target_coverage >= 0.5 for p in derived)
