"""The memoised ruler + lemmatizer's shortcuts (nlp.MemoMorph) against the model's own components.

The memory learns the ruler's result once per (tag, label, spacing) for words its patterns do not
name, and the lemma once per (word, POS, morphology); the lemmatizer's index is read through sets.
Each shortcut must give exactly the stock pipeline's annotations.
"""

from __future__ import annotations

from pathlib import Path

import spacy

from storytrace.claims.nlp import MODEL, MemoMorph, load_nlp

ROOT = Path(__file__).resolve().parents[1]

# Words of one tag and label that share a ruler entry but not a lemma ("walked"/"talked", "cities"/
# "parties"), words the ruler names by text or by a regular expression ("nothin'", "is", "not"), case
# variants, whitespace runs, a two-word pattern ("gon na") and an expletive ("there are").
VARIED = [
    "She walked home and talked for hours; the cities and parties were quiet.",
    "Nothin' is certain, nuthin' was planned, and NOTHIN' changed: it is not over.",
    "They were running, he RAN, the Runners ran faster than the runners had run.",
    "There are  three   reasons,\n\nand there is one more: we're gonna win, I'm told.",
    "Better, best, worse, worst: the biggest cities grew bigger than the smaller ones.",
    "Dr. Smith's analyses of the mice's geese showed crises and phenomena.",
]


def _annotations(doc: spacy.tokens.Doc) -> list[tuple[str, str, str, str, int, str, str, int]]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.morph.key, t.lemma_, t.dep_, t.head.i) for t in doc]


def _fresh_memo(reference: spacy.language.Language) -> MemoMorph:
    return MemoMorph(reference.get_pipe("attribute_ruler"), reference.get_pipe("lemmatizer"))


def test_shared_ruler_entries_keep_each_word_s_own_annotations():
    reference = spacy.load(MODEL, disable=["ner"])
    expected = [_annotations(doc) for doc in reference.pipe(VARIED)]
    memo = _fresh_memo(reference)
    with reference.select_pipes(disable=["attribute_ruler", "lemmatizer"]):
        docs = list(reference.pipe(VARIED * 2))
    for doc in docs:
        memo(doc)
    assert [_annotations(doc) for doc in docs] == expected * 2
    # the ruler's memory is shared across words: fewer entries than the token memory
    assert len(memo.rules) < len(memo.memory)
    assert memo.lemmas


def test_the_examples_through_load_nlp_equal_the_stock_pipeline():
    texts = VARIED + [path.read_text(encoding="utf-8") for path in sorted((ROOT / "examples").glob("*/*.txt"))]
    reference = spacy.load(MODEL, disable=["ner"])
    sentences = [s.text for text in texts for s in reference(text).sents]
    expected = [_annotations(doc) for doc in reference.pipe(sentences)]
    fast = load_nlp()
    with fast.select_pipes(disable=["ner"]):
        assert [_annotations(doc) for doc in fast.pipe(sentences)] == expected


def test_the_ruler_s_named_words_are_read_from_its_patterns():
    reference = spacy.load(MODEL, disable=["ner"])
    named = MemoMorph._ruler_words(reference.get_pipe("attribute_ruler"))
    assert named is not None
    words, regexes = named
    assert {"is", "not", "n't", "that", "i", "gon", "na"} <= words
    assert any(regex.search("nothin'") for regex in regexes)
    memo = _fresh_memo(reference)
    strings = reference.vocab.strings
    assert memo._is_named(strings.add("nuthin'")) and memo._is_named(strings.add("whether"))
    assert not memo._is_named(strings.add("walked"))


def test_a_ruler_pattern_of_another_shape_makes_every_word_named():
    """A pattern reading LOWER by NOT_IN (or any attribute besides LOWER, TAG, DEP, IS_SPACE) could
    name any word: then the memory keys every word by its text, as before the shortcut."""
    reference = spacy.load(MODEL, disable=["ner"])
    ruler = reference.get_pipe("attribute_ruler")
    ruler.add([[{"LOWER": {"NOT_IN": ["walked"]}, "TAG": "VBD"}]], {"MORPH": "Tense=Past|VerbForm=Fin"})
    assert MemoMorph._ruler_words(ruler) is None
    ruler2 = spacy.load(MODEL, disable=["ner"]).get_pipe("attribute_ruler")
    ruler2.add([[{"SHAPE": "Xxxxx"}]], {"POS": "PROPN"})
    assert MemoMorph._ruler_words(ruler2) is None
    memo = MemoMorph(ruler, reference.get_pipe("lemmatizer"))
    assert memo._is_named(reference.vocab.strings.add("walked"))


def test_the_lemmatizer_index_as_sets_gives_the_same_lemmas():
    fast = load_nlp()
    lemmatizer = fast.get_pipe("storytrace_memo_morph").memo.lemmatizer
    index = lemmatizer.lookups.get_table("lemma_index")
    assert all(isinstance(words, frozenset) for words in index.values())
    stock = spacy.load(MODEL, disable=["ner"])
    assert all(isinstance(words, list) for words in stock.get_pipe("lemmatizer").lookups.get_table("lemma_index").values())
    text = ("ran running walked cities geese better best analyses taxes axes leaves saw bought wolves "
            "ties cared hoping studied fizzed Smiths unknownish glorped")
    fast_doc, stock_doc = fast(text), stock(text)
    assert [t.lemma_ for t in fast_doc] == [t.lemma_ for t in stock_doc]
