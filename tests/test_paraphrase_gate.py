"""The paraphrase layer's word gate: sentence pairs with no content word in common get no cosine,
and the reuse stage encodes only the sentences it needs, each once.

Every text here is written for these tests.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np
import pytest

from conftest import count_encoded
from storytrace.models import Article, RawDocument
from storytrace.normalize import normalize
from storytrace.reuse.pairs import ReuseOptions, find_reuse
from storytrace.reuse.paraphrase import gate_words, sentence_spans, shared_word_counts


def _article(number: int, text: str, outlet: str) -> Article:
    raw = RawDocument(source=f"{outlet}/{number}", source_kind="text", raw=text, raw_format="text")
    return replace(normalize(raw), id=number, outlet=outlet)


@pytest.fixture
def encoded(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every sentence the MiniLM encoder is given, in order."""
    return count_encoded(monkeypatch)


def test_gate_words_keep_content_words_and_numbers_only() -> None:
    text = "The mayor said that 150 homes in Riverton were flooded. It is what it is, he told us."
    spans = sentence_spans(text)
    first, second = gate_words(text, spans)
    assert first == {"mayor", "150", "homes", "riverton", "flooded"}
    assert second == frozenset()  # function words, a reporting verb, words under three letters


def test_gate_words_fold_case_and_possessives() -> None:
    text = "Okafor’s office CLOSED the bridge on Monday morning."
    assert gate_words(text, sentence_spans(text)) == (frozenset({"okafor", "office", "closed", "bridge", "monday",
                                                                  "morning"}),)


def test_shared_word_counts_count_each_pair() -> None:
    first = [frozenset({"bridge", "closed", "monday"}), frozenset({"flood"}), frozenset()]
    second = [frozenset({"bridge", "monday", "river"}), frozenset({"closed", "flood", "bridge"})]
    counts = shared_word_counts(first, second)
    assert counts.dtype == np.int32
    assert counts.tolist() == [[2, 2], [0, 1], [0, 0]]
    assert shared_word_counts([], second).shape == (0, 2)
    assert shared_word_counts(first, []).shape == (3, 0)


_REWRITE_SOURCE = """Riverton council votes to close the old bridge

The Riverton city council voted on Tuesday to close the old iron bridge over the Kell river to all traffic.
Engineers found deep cracks in two of its supporting piers during an inspection last month.
Mayor Ines Okafor said the closure would last at least until the spring, when repairs can begin.
Drivers will have to use the ring road, which adds about twenty minutes to a trip into the centre.
Shop owners near the bridge fear they will lose customers while it stays shut.
The council will hold a public meeting about the repairs on Thursday evening at the town hall.
"""

_REWRITE_TARGET = """Old Riverton bridge shut after inspection

Councillors in Riverton decided on Tuesday that the old iron bridge across the Kell river will be closed to every vehicle.
An inspection last month turned up deep cracks in two supporting piers of the bridge.
The bridge is to stay shut until spring at least, when repair work can start, according to Mayor Ines Okafor.
Motorists must now take the ring road, adding roughly twenty minutes to journeys into the centre.
Traders close to the bridge worry that customers will stay away while the closure lasts.
A public meeting on the repairs is planned for Thursday evening at the town hall.
"""


def test_a_rewritten_copy_is_still_found_with_the_gate(encoded: list[str]) -> None:
    articles = [_article(1, _REWRITE_SOURCE, "Riverton Daily"), _article(2, _REWRITE_TARGET, "Kell Valley News")]
    gated = find_reuse(articles, ReuseOptions())
    assert len(gated) == 1 and gated[0].relation == "wholly_derived"
    assert gated[0].mode in {"paraphrase", "mixed"}
    assert any(p.kind == "paraphrase" for p in gated[0].passages)
    ungated = find_reuse(articles, ReuseOptions(paraphrase_min_shared_words=0))
    assert [(r.relation, r.mode, r.target_coverage) for r in ungated] == [
        (r.relation, r.mode, r.target_coverage) for r in gated]


def _latest(number: int, entries: Sequence[str]) -> str:
    stamps = ["9:10 p.m.", "8:55 p.m.", "8:20 p.m.", "7:45 p.m.", "7:05 p.m.", "6:30 p.m."]
    body = "\n\n".join(f"{stamp}\n\n{entry}" for stamp, entry in zip(stamps, entries, strict=False))
    return f"The Latest: storm night number {number}\n\n{body}\n"


_SHARED_ENTRY = ("The county emergency office said power had been restored to most homes in the valley after the "
                 "storm brought down dozens of lines along the coast road.")


def test_lines_of_a_time_stamp_alone_are_no_paraphrase(encoded: list[str]) -> None:
    """Live blogs put a time stamp alone on a line; MiniLM scores two stamps 0.73-0.94, so without the
    gate every stamp "restated" the other blog's, and two blogs sharing one entry looked rewritten."""
    first = _latest(1, [
        "Firefighters pulled two hikers from the flooded canyon trail north of Arden late on Monday.",
        _SHARED_ENTRY,
        "School buses will not run on Tuesday in three districts, the transport office announced.",
        "A shelter opened in the Arden high school gym for families who had to leave their homes.",
        "Hail the size of golf balls smashed car windows across the eastern suburbs of Marlow.",
        "The weather service expects the rain to ease before dawn, with winds falling by morning.",
    ])
    second = _latest(2, [
        "A tree fell on a parked truck outside the Marlow library, but nobody was hurt there.",
        "Volunteers stacked sandbags along the creek behind the old mill until well after dark.",
        _SHARED_ENTRY,
        "The harbour master closed the marina to all boats until the swell drops next week.",
        "Two roads into Kestrel village remain under water and drivers are told to stay away.",
        "Bus services to the airport were cancelled for the evening by the regional operator.",
    ])
    articles = [_article(1, first, "Coast Post"), _article(2, second, "Valley Herald")]
    pairs = find_reuse(articles, ReuseOptions())
    stamps = {line for line in (first + second).splitlines() if line.endswith("p.m.")}
    assert not stamps & set(encoded)  # no stamp is encoded: none shares a word with any other line
    for reuse in pairs:
        for passage in reuse.passages:
            if passage.kind != "paraphrase":
                continue
            for text, (start, end) in ((first, passage.source_span), (second, passage.target_span)):
                assert text[start:end].strip() not in stamps
    assert all(r.relation == "shared_passages" for r in pairs)


def test_only_sentences_with_a_partner_are_encoded_and_a_copied_one_once(encoded: list[str]) -> None:
    source = _REWRITE_SOURCE + "\nThe annual goat show at the fairground drew a record crowd of breeders.\n"
    target = _REWRITE_TARGET + "\nA choir from Lisbon sang at the cathedral during the evening service.\n"
    third = _REWRITE_TARGET.replace("Old Riverton bridge shut after inspection", "Riverton shuts its old bridge")
    articles = [_article(1, source, "Riverton Daily"), _article(2, target, "Kell Valley News"),
                _article(3, third, "Kell Courier")]
    find_reuse(articles, ReuseOptions())
    assert encoded
    assert not any("goat show" in s or "choir from Lisbon" in s for s in encoded)
    assert len(encoded) == len(set(encoded))  # the sentences articles 2 and 3 share: encoded once
    assert any("Motorists must now take the ring road" in s for s in encoded)


def test_the_gate_option_is_checked() -> None:
    with pytest.raises(ValueError, match="paraphrase_min_shared_words"):
        ReuseOptions(paraphrase_min_shared_words=-1)
