"""The reuse engine on the bundled sample pile against the gold a careful reader wrote."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from storytrace.models import RawDocument
from storytrace.normalize import normalize
from storytrace.reuse.pairs import find_reuse

ROOT = Path(__file__).resolve().parents[1]
GOLD = json.loads((Path(__file__).parent / "gold" / "mosul-2016-reuse.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def pile():
    paths = sorted((ROOT / "examples" / "mosul-2016").glob("*.txt"))
    articles = [
        replace(normalize(RawDocument(source=p.name, source_kind="text", raw=p.read_text(encoding="utf-8"),
                                      raw_format="text")), id=n + 1)
        for n, p in enumerate(paths)
    ]
    names = {a.id: a.source for a in articles}
    return articles, names, find_reuse(articles)


def test_exactly_the_related_pairs_are_found(pile):
    _, names, pairs = pile
    found = {frozenset((names[p.source], names[p.target])) for p in pairs}
    expected = {frozenset(r.get("pair") or (r["source"], r["target"])) for r in GOLD["related"]}
    assert found == expected


def test_unrelated_pairs_are_not_called_derived(pile):
    _, names, pairs = pile
    unrelated = {frozenset(pair) for pair in GOLD["unrelated"]}
    for p in pairs:
        assert frozenset((names[p.source], names[p.target])) not in unrelated


def test_shared_passages_carry_the_evidence_text(pile):
    articles, names, pairs = pile
    by_id = {a.id: a for a in articles}
    for gold in GOLD["related"]:
        members = frozenset(gold.get("pair") or (gold["source"], gold["target"]))
        pair = next(p for p in pairs if frozenset((names[p.source], names[p.target])) == members)
        shared_text = " ".join(by_id[pair.target].text[slice(*x.target_span)] for x in pair.passages)
        for snippet in gold["shared_verbatim"]:
            assert snippet in shared_text, snippet


def test_the_shared_quote_pair_is_shared_passages(pile):
    _, names, pairs = pile
    quote_pair = next(p for p in pairs if {names[p.source], names[p.target]} ==
                      {"001_3b33bb007194a988.txt", "002_e6ea2678bb7cae54.txt"})
    assert quote_pair.relation == "shared_passages"


def test_the_spun_copy_is_found_by_meaning(pile):
    articles, names, pairs = pile
    by_id = {a.id: a for a in articles}
    gold = next(r for r in GOLD["related"] if r.get("mode") == "paraphrase")
    pair = next(p for p in pairs if {names[p.source], names[p.target]} == {gold["source"], gold["target"]})
    assert pair.mode in {"paraphrase", "mixed"}
    assert any(x.kind == "paraphrase" for x in pair.passages)
    texts = " ".join(
        by_id[pair.source].text[slice(*x.source_span)] + " " + by_id[pair.target].text[slice(*x.target_span)]
        for x in pair.passages
    )
    found = [snippet for snippet in gold["shared_paraphrase"] if snippet in texts]
    # Measured: 2 of the 3 retold sentences align ("movement out of Mosul" does not: 001 quotes
    # Volesky at length, 000 sums him up in one clause). Recall of the gold must not fall below that.
    assert len(found) >= 2, found
    assert pair.target_coverage > 0.3


def test_the_spun_copy_is_wholly_derived_and_origins_collapse(pile):
    from storytrace.provenance import independent_origins

    articles, names, pairs = pile
    gold = next(r for r in GOLD["related"] if r.get("mode") == "paraphrase")
    pair = next(p for p in pairs if {names[p.source], names[p.target]} == {gold["source"], gold["target"]})
    assert pair.relation == gold["relation"] == "wholly_derived"
    assert any(e.startswith("rewritten copy:") for e in pair.evidence)
    assert independent_origins([a.id for a in articles], pairs) == GOLD["independent_origins"]
