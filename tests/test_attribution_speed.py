"""The attribution features' fast paths give what the plain ones give.

:func:`attribution.token_columns` reads a doc's attributes with one ``to_array`` call (and token
offsets from the token lengths): they must be the tokens' own, for parsed docs and for unparsed,
retokenized and empty ones.
"""

from __future__ import annotations

from typing import Any

import pytest

from storytrace.claims import attribution, quotes
from storytrace.claims.attribution import token_columns

TEXT = (
    "“We will not stop,” said Maj. Gen. Gary Volesky, who leads the coalition’s ground forces. "
    "He added that “the city will be free” within weeks, according to Reuters.\n\n"
    "Officials said 3,000 fighters remain. The mayor, Ana Ruiz, told reporters: “We are ready.” "
    "“It is hard,” she said, “but we will win.”\n\n"
    "Analysts doubt it. ''Nobody knows,'' one of them wrote, and Ruiz declined to comment. "
    "The ministry denied the report, which it called “baseless,” in a statement on Tuesday."
)


def _token_attributes(doc: Any) -> list[list[Any]]:
    """The :class:`attribution.Columns` fields read token by token, as the plain version did."""
    return [
        [t.text for t in doc], [t.lower_ for t in doc], [t.lemma_.lower() for t in doc],
        [t.pos_ for t in doc], [t.tag_ for t in doc], [t.dep_ for t in doc],
        [t.head.i for t in doc], [t.ent_type_ for t in doc], [t.idx for t in doc],
        [t.is_title for t in doc], [t.is_punct for t in doc], [t.is_space for t in doc],
    ]


def _columns(doc: Any) -> list[list[Any]]:
    columns = token_columns(doc)
    return [getattr(columns, name) for name in attribution.Columns.__slots__]


def test_token_columns_of_unparsed_merged_and_empty_docs():
    from spacy.tokens import Doc

    parsed = next(iter(quotes.parse_sentences(TEXT).values()))
    vocab = parsed.vocab
    unparsed = Doc(vocab, words=["Hello", ",", "World", "!", "\n\n", "Über", "alles"],
                   spaces=[False, True, False, True, False, True, False])
    assert _columns(unparsed) == _token_attributes(unparsed)
    assert _columns(unparsed)[6] == list(range(len(unparsed)))  # no dependency label: its own head
    merged = Doc(vocab, words=["The", "New", "York", "mayor", "said", "so", "."],
                 spaces=[True, True, True, True, True, False, False],
                 heads=[3, 2, 3, 4, 4, 4, 4], deps=["det", "compound", "compound", "nsubj", "ROOT", "advmod", "punct"])
    with merged.retokenize() as retokenizer:
        retokenizer.merge(merged[1:3])
    assert _columns(merged) == _token_attributes(merged)
    assert [type(v) for v in _columns(merged)[9]] == [bool] * len(merged)
    empty = Doc(vocab, words=[])
    assert _columns(empty) == [[] for _ in range(12)]
    for doc in quotes.parse_sentences(TEXT).values():
        doc.user_data.pop("storytrace_columns", None)
        assert _columns(doc) == _token_attributes(doc)


def test_token_columns_after_the_string_cache_empties(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(attribution._Strings, "SIZE", 5)
    docs = list(quotes.parse_sentences(TEXT).values())
    texts, lemmas = attribution._store_strings(docs[0].vocab.strings)
    texts.clear()
    lemmas.clear()
    for doc in docs:
        doc.user_data.pop("storytrace_columns", None)
        assert _columns(doc) == _token_attributes(doc)
        assert len(texts) <= 5 and len(lemmas) <= 5
