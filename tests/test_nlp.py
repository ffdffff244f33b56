"""The shared spaCy pipeline: the memoised attribute ruler + lemmatizer gives the model's own annotations."""

from __future__ import annotations

from pathlib import Path

import spacy

from storytrace.claims.nlp import MODEL, MemoMorph, load_nlp, may_name, parse

ROOT = Path(__file__).resolve().parents[1]

# The model's two-word patterns ("gon na", "let 's", "ai n't", "y' all", "c'm on", "there is"), spaces,
# contractions, numbers and the same words twice (the second time from memory).
TRICKY = [
    "There is no deal, and there's no plan. It's gonna be hard, let's face it: we ain't done, y'all.",
    "C'mon, he said.  They were   told that  there are 3,000 troops.\n\nBut the minister said so.",
    "There is no deal, and there's no plan. It's gonna be hard, let's face it: we ain't done, y'all.",
    "The U.S.-led coalition's aircraft struck Mosul's outskirts; \"We will win,\" Gen. Smith said.",
]


def _annotations(doc: spacy.tokens.Doc) -> list[tuple[str, str, str, str, str, str, int]]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc]


def test_memoised_components_replace_the_ruler_and_lemmatizer():
    nlp = load_nlp()
    assert "storytrace_memo_morph" in nlp.pipe_names
    assert "attribute_ruler" not in nlp.pipe_names and "lemmatizer" not in nlp.pipe_names
    assert nlp.pipe_names.index("storytrace_memo_morph") == nlp.pipe_names.index("parser") + 1


def test_memoised_annotations_equal_the_model_s_own():
    reference = spacy.load(MODEL)
    texts = TRICKY + [
        path.read_text(encoding="utf-8") for path in sorted((ROOT / "examples" / "mosul-2016").glob("*.txt"))
    ]
    sentences = [s.text for text in texts for s in reference(text).sents]
    expected = [_annotations(doc) for doc in reference.pipe(sentences)]
    fast = load_nlp()
    for _ in range(2):  # first with an empty memory, then from memory
        assert [_annotations(doc) for doc in fast.pipe(sentences)] == expected


# The ruler's patterns that read a dependency label: "I"/"you"/"it" as subject or object, "but" as
# advmod, "have"/"do" as auxiliaries or main verbs, any auxiliary, a preposition as "mark", "that"/"which"
# as determiner or not — each word twice, in the other role the second time.
LABELLED = [
    "I told you that it was late, but you knew it. They gave it to me and I thanked them.",
    "But for the rain, we have had a good year; we had no choice but to wait. Do you have a car?",
    "She does not know which road to take, and he did what he could. Which road did you take?",
    "That plan failed because that is how it goes. If it rains, we stay; we stay if we must.",
    "He has a car and has driven it to work. They do their work and do not complain.",
]


def test_words_that_share_a_memory_entry_across_labels_keep_the_model_s_annotations():
    """The memory keys a word by the part of its dependency label the ruler's patterns read (for most
    words: auxiliary or not, "mark" or not, determiner or not): one entry serves many labels, and each
    token keeps its own label."""
    reference = spacy.load(MODEL, disable=["ner"])
    expected = [_annotations(doc) for doc in reference.pipe(LABELLED)]
    memo = MemoMorph(reference.get_pipe("attribute_ruler"), reference.get_pipe("lemmatizer"))
    with reference.select_pipes(disable=["attribute_ruler", "lemmatizer"]):
        docs = list(reference.pipe(LABELLED * 2))
    for doc in docs:
        memo(doc)
    assert [_annotations(doc) for doc in docs] == expected * 2
    # fewer entries than (word, tag, label) triples: labels that no pattern reads are not in the key
    triples = {(t.orth, t.tag, t.dep, t.is_space) for doc in docs for t in doc}
    assert len(memo.memory) < len(triples)


def test_memory_is_bounded():
    reference = spacy.load(MODEL, disable=["ner"])
    memo = MemoMorph(reference.get_pipe("attribute_ruler"), reference.get_pipe("lemmatizer"))
    memo.LIMIT = 20
    with reference.select_pipes(disable=["attribute_ruler", "lemmatizer"]):
        docs = list(reference.pipe(TRICKY))
    for doc in docs:
        memo(doc)
        assert len(memo.memory) <= memo.LIMIT + len(doc)
    expected = [_annotations(doc) for doc in reference.pipe(TRICKY)]
    assert [_annotations(doc) for doc in docs] == expected


def test_a_pipeline_without_the_ruler_is_left_alone():
    nlp = load_nlp(disable=("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"))
    assert nlp.pipe_names == ["ner"]


def test_may_name_needs_a_capitalised_content_word():
    nlp = load_nlp()
    assert may_name(nlp("Iraqi forces advanced on the city."))
    assert may_name(nlp("He said the U.S. would help."))
    assert may_name(nlp("the talks, officials said, were led by Gen. Smith"))
    assert not may_name(nlp("But he said it would take weeks."))
    assert not may_name(nlp("The fighting was heavy, and I saw 3,000 people flee."))
    assert not may_name(nlp("Asked about the plan, they declined to comment."))


def test_parse_gives_the_full_pipeline_s_names_where_it_may_name():
    reference = spacy.load(MODEL)
    sentences = [
        "Ukrainian President Volodymyr Zelenskyy met Angela Merkel in Berlin.",
        "But he said it would take weeks.",
        "\u201cWe will win,\u201d said Maj. Gen. Najm al-Jabouri.",
        "",
    ]
    docs = parse(sentences)
    assert [d.text for d in docs] == sentences
    for doc, expected in zip(docs, reference.pipe(sentences), strict=True):
        assert _annotations(doc) == _annotations(expected)
        if may_name(doc):
            assert [(e.text, e.label_) for e in doc.ents] == [(e.text, e.label_) for e in expected.ents]
        else:
            assert list(doc.ents) == [] and all(t.ent_iob_ == "O" for t in doc)
    assert ("Volodymyr Zelenskyy", "PERSON") in [(e.text, e.label_) for e in docs[0].ents]


def test_the_installed_spacy_is_one_of_the_fast_builds():
    """spaCy 3.8.7 and later builds parse and tag entities ~2.5x slower than 3.8.2-3.8.6 with the
    same model and the same parses (docs/performance.md, "spaCy builds"); constraints.txt pins 3.8.6
    and pyproject.toml keeps the range below 3.8.7 where 3.8.6 has wheels (Python < 3.13)."""
    import sys

    import pytest

    if sys.version_info >= (3, 13):
        pytest.skip("no wheel of spaCy 3.8.2-3.8.6 for Python 3.13+: any 3.8 release is allowed there")
    major, minor, patch = (int(part) for part in spacy.__version__.split(".")[:3])
    assert (major, minor) == (3, 8) and 2 <= patch <= 6, spacy.__version__


def _thinc_ops_of(nlp: spacy.language.Language) -> set[str]:
    return {
        f"{type(node.ops).__name__}:{getattr(node.ops, 'use_blis', None)}"
        for _name, component in nlp.components
        if hasattr(getattr(component, "model", None), "walk")
        for node in component.model.walk()
    }


def test_matrix_products_go_through_numpy_on_one_thread_not_blis():
    """docs/performance.md: NumPy's BLAS on one thread does thinc's products in less time than blis."""
    assert _thinc_ops_of(spacy.load(MODEL)) == {"NumpyOps:True"}  # the stock pipeline uses blis
    assert _thinc_ops_of(load_nlp()) == {"OneThreadNumpyOps:False"}


def test_each_product_is_held_to_one_blas_thread(monkeypatch):
    import numpy
    from thinc.backends.ops import Ops
    from threadpoolctl import threadpool_info

    def blas_threads() -> list[int]:
        return [info["num_threads"] for info in threadpool_info() if info["user_api"] == "blas"]

    before = blas_threads()
    seen: list[int] = []
    original = Ops.gemm

    def watched(self, x, y, out=None, trans1=False, trans2=False):  # type: ignore[no-untyped-def]
        seen.extend(blas_threads())
        return original(self, x, y, out=out, trans1=trans1, trans2=trans2)

    monkeypatch.setattr(Ops, "gemm", watched)
    load_nlp()("The minister said 3,000 troops had crossed the river on Monday.")
    assert seen and set(seen) == {1}
    ops = next(node.ops for node in load_nlp().get_pipe("tok2vec").model.walk())
    x, y = numpy.arange(12, dtype="f").reshape(3, 4), numpy.arange(8, dtype="f").reshape(4, 2)
    assert numpy.array_equal(ops.gemm(x, y), x @ y)
    assert numpy.array_equal(ops.gemm(x, y.T, trans2=True), x @ y)
    out = numpy.zeros((3, 2), dtype="f")
    assert ops.gemm(x, y, out=out) is out and numpy.array_equal(out, x @ y)
    assert blas_threads() == before  # the limit holds only during a product
