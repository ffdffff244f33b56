"""A sequence tagger for attribution spans (source, cue, content), trained on PolNeAR *train*.

PolNeAR annotations are univocal (each token has at most one role), so an attribution layer is a
tag sequence. :func:`tag_paragraph` labels the tokens of one paragraph (a list of parsed
sentences) with ``B-``/``I-`` tags for ``SRC``, ``CUE`` and ``CON`` using a linear-chain CRF
(CRFsuite) over features of spaCy's parse: words, lemmas, tags, dependency relations, the path to
the nearest cue word above the token, quote marks, and the spans the rule-based extractor of
:mod:`storytrace.claims.quotes` found. :func:`decode` turns the tags into attributions.

The model file ``data/attribution.crfsuite`` and the cue lexicon ``data/cue_lemmas.txt`` are
written by ``scripts/train_attribution.py``; ``data/PROVENANCE-attribution.md`` records how.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import accumulate
from operator import add
from typing import Any

import numpy as np

__all__ = ["Attribution", "Columns", "cue_lexicon", "decode", "paragraph_features", "tag_paragraph", "token_columns"]

ROLES = ("SRC", "CUE", "CON")
_QUOTE_CHARS = set("“”\"«»„")


@cache
def cue_lexicon() -> frozenset[str]:
    """Lower-cased lemmas that often head a cue on PolNeAR train (see the provenance note)."""
    path = resources.files("storytrace.claims").joinpath("data/cue_lemmas.txt")
    if not path.is_file():
        return frozenset()
    return frozenset(w.strip() for w in path.read_text(encoding="utf-8").split() if w.strip())


@cache
def _tagger() -> Any:
    import pycrfsuite  # type: ignore[import-untyped]

    tagger = pycrfsuite.Tagger()
    path = resources.files("storytrace.claims").joinpath("data/attribution.crfsuite")
    with resources.as_file(path) as file:
        tagger.open(str(file))
    return tagger


@cache
def model_available() -> bool:
    """Whether the shipped CRF model is present (looked up once per process)."""
    return resources.files("storytrace.claims").joinpath("data/attribution.crfsuite").is_file()


def _is_cue(token: Any, lexicon: frozenset[str], verbs: frozenset[str]) -> bool:
    return bool(token.lower_ in lexicon or token.lemma_.lower() in lexicon or token.lower_ in verbs)


def _cue_above(token: Any, lexicon: frozenset[str], verbs: frozenset[str]) -> tuple[str, str, int, str] | None:
    """The nearest ancestor that is a cue word: (its lemma, the relation of the child below it, steps,
    the two relations below it)."""
    child, steps = token, 0
    path = [token.dep_]
    while child.head.i != child.i and steps < 8:
        head = child.head
        steps += 1
        lemma = head.lemma_.lower()
        if _is_cue(head, lexicon, verbs):
            return lemma, child.dep_, steps, ">".join(path[-2:][::-1])
        child = head
        path.append(child.dep_)
    return None


@dataclass(frozen=True, slots=True)
class Columns:
    """One parsed sentence's token attributes, read once into lists (a spaCy ``Token`` is made
    afresh at every ``doc[i]`` and every iteration, and each attribute read converts a string):
    the quote rules and :func:`paragraph_features` read these instead."""

    text: list[str]
    lower: list[str]
    lemma: list[str]
    """``lemma_.lower()``"""
    pos: list[str]
    tag: list[str]
    dep: list[str]
    head: list[int]
    ent_type: list[str]
    idx: list[int]
    is_title: list[bool]
    is_punct: list[bool]
    is_space: list[bool]


_COLUMNS_KEY = "storytrace_columns"


def token_columns(doc: Any) -> Columns:
    """The :class:`Columns` of a parsed doc (a sentence), made once and kept in ``doc.user_data``:
    the doc must not be annotated further after the first call.

    The attributes come from one ``doc.to_array`` call, not from a ``Token`` a token: its hashes
    are what ``Token.text``, ``lower_``, ``lemma_``, ``tag_``, ``dep_`` and ``ent_type_`` look up
    in the string store, ``pos_`` is the name of the ``POS`` id, the flags are the lexeme's, a
    token's head is ``i + HEAD`` unless its dependency label is missing (``Token.head`` is then
    the token itself), and a token starts where the one before it ends, after its trailing space
    (``doc.text`` is the tokens' ``text_with_ws`` joined; checked at the last token)."""
    cached: Columns | None = doc.user_data.get(_COLUMNS_KEY)
    if cached is not None:
        return cached
    count = len(doc)
    if count:
        columns = _read_columns(doc, count)
    else:
        columns = Columns(*([] for _ in range(12)))
    doc.user_data[_COLUMNS_KEY] = columns
    return columns


def _read_columns(doc: Any, count: int) -> Columns:
    """:func:`token_columns` of a doc of ``count`` (> 0) tokens."""
    attrs, pos_names = _array_attrs()
    array = doc.to_array(attrs)
    orth, lower, lemma, tag, dep, ent, pos, _, title, punct, space, spacy = array.T.tolist()
    relative = array[:, 7].view(np.int64).tolist()  # (HEAD is signed)
    texts, lemmas = _store_strings(doc.vocab.strings)
    strings = texts.__getitem__
    text = list(map(strings, orth))
    idx = list(accumulate(map(add, map(len, text), spacy), initial=doc[0].idx))
    idx.pop()
    if idx[-1] != doc[count - 1].idx:
        idx = [t.idx for t in doc]
    return Columns(
        text=text, lower=list(map(strings, lower)), lemma=list(map(lemmas.__getitem__, lemma)),
        pos=list(map(pos_names.__getitem__, pos)), tag=list(map(strings, tag)), dep=list(map(strings, dep)),
        head=[i + r if d else i for i, r, d in zip(range(count), relative, dep, strict=True)],
        ent_type=list(map(strings, ent)), idx=idx, is_title=list(map(bool, title)), is_punct=list(map(bool, punct)),
        is_space=list(map(bool, space)),
    )


@cache
def _array_attrs() -> tuple[list[int], dict[int, str]]:
    """The ``doc.to_array`` attributes :func:`_read_columns` reads, in its order, and spaCy's
    names of the ``POS`` ids."""
    from importlib import import_module

    attrs, parts_of_speech = import_module("spacy.attrs"), import_module("spacy.parts_of_speech")
    names = ("ORTH", "LOWER", "LEMMA", "TAG", "DEP", "ENT_TYPE", "POS", "HEAD", "IS_TITLE", "IS_PUNCT", "IS_SPACE", "SPACY")
    return [getattr(attrs, name) for name in names], parts_of_speech.NAMES


class _Strings(dict[int, str]):
    """A spaCy string store's strings by hash (lower-cased with ``lowered``), read from the store
    on demand: a store never changes the string of a hash it holds, so the entries stay exact;
    emptied past :data:`SIZE` entries."""

    SIZE = 200_000

    def __init__(self, store: Any, lowered: bool) -> None:
        super().__init__()
        self.store = store
        self.lowered = lowered

    def __missing__(self, key: int) -> str:
        if len(self) >= self.SIZE:
            self.clear()
        value: str = self.store[key]
        if self.lowered:
            value = value.lower()
        self[key] = value
        return value


_STORES: dict[int, tuple[Any, _Strings, _Strings]] = {}
"""By ``id`` of a string store: the store (kept, so that the id stays its own) and its
:class:`_Strings`, plain and lower-cased (for lemmas)."""


def _store_strings(store: Any) -> tuple[_Strings, _Strings]:
    """The :class:`_Strings` of ``store``, plain and lower-cased (a process has one or two)."""
    entry = _STORES.get(id(store))
    if entry is None or entry[0] is not store:
        if len(_STORES) >= 4:
            _STORES.clear()
        entry = _STORES[id(store)] = (store, _Strings(store, lowered=False), _Strings(store, lowered=True))
    return entry[1], entry[2]


_QMARK_TOKENS = frozenset(_QUOTE_CHARS | {"''", "``", "'"})


def paragraph_features(
    sentences: Sequence[Any], rule_roles: Sequence[Sequence[str]], in_quote: Sequence[Sequence[bool]],
    verbs: frozenset[str],
) -> list[list[str]]:
    """CRFsuite attribute lists, one per token of the paragraph's sentences in order.

    ``rule_roles`` gives each token's role in the rule-based attributions ("" when none) and
    ``in_quote`` whether it lies inside quote marks, both aligned with the sentences' tokens.
    (Each token's spaCy attributes are read once into lists, :func:`token_columns`: the features
    are those of :func:`_is_cue` and :func:`_cue_above`, computed over the lists.)
    """
    lexicon = cue_lexicon()
    base: list[list[str]] = []
    for sentence, roles, quoted in zip(sentences, rule_roles, in_quote, strict=True):
        columns = token_columns(sentence)
        lower, lemma, dep, pos, head = columns.lower, columns.lemma, columns.dep, columns.pos, columns.head
        tag, ent_type, is_title, text = columns.tag, columns.ent_type, columns.is_title, columns.text
        count = len(lower)
        cue = [lower[i] in lexicon or lemma[i] in lexicon or lower[i] in verbs for i in range(count)]
        has_cue = any(cue)
        sc = "sc=" + ("1" if has_cue else "0") + ("1" if any(quoted) else "0")
        cue_positions = [i for i, flag in enumerate(cue) if flag]
        last = count - 1
        for position in range(count):
            up = head[position]
            d = dep[position]
            feats = [
                "w=" + lower[position], "l=" + lemma[position], "p=" + pos[position], "t=" + tag[position],
                "d=" + d, "dh=" + d + "|" + pos[up], "hl=" + lemma[up],
                "ent=" + (ent_type[position] or "-"), "r=" + (roles[position] or "-"),
                "q=" + ("1" if quoted[position] else "0"),
                sc,
            ]
            if is_title[position]:
                feats.append("title")
            if text[position] in _QMARK_TOKENS:
                feats.append("qmark")
            if cue[position]:
                feats.append("cuelex")
                feats.append("cuelex|" + pos[position] + "|" + d)
            if position == 0:
                feats.append("BOS")
            if position == last:
                feats.append("EOS")
            if up != position and cue[up]:
                feats.append("hc=" + d)
            # the nearest ancestor that is a cue word (as _cue_above)
            child, steps, path, above = position, 0, [d], None
            while head[child] != child and steps < 8:
                parent = head[child]
                steps += 1
                if cue[parent]:
                    above = (lemma[parent], dep[child], steps, ">".join(path[-2:][::-1]))
                    break
                child = parent
                path.append(dep[child])
            if above is not None:
                feats.extend([f"a={above[1]}", f"al={above[0]}", f"ad={min(above[2], 4)}", f"a|d={above[1]}|{d}",
                              f"a2={above[3]}", f"al|a={above[0]}|{above[1]}"])
            else:
                feats.append("a=-")
            if cue_positions:
                # the nearest cue word, the earlier one on a tie (as min() over the positions in order)
                at = bisect.bisect_left(cue_positions, position)
                if at == len(cue_positions) or (at > 0 and position - cue_positions[at - 1] <= cue_positions[at] - position):
                    nearest = cue_positions[at - 1]
                else:
                    nearest = cue_positions[at]
                side = "b" if position < nearest else "a" if position > nearest else "c"
                feats.append(f"rel={side}{min(abs(position - nearest), 6)}")
                feats.append(f"rl={side}|{lemma[nearest]}")
            base.append(feats)
    features: list[list[str]] = []
    total = len(base)
    for index, feats in enumerate(base):
        if 2 <= index < total - 2:  # (the common case, in one list display)
            p2, p1, n1, n2 = base[index - 2], base[index - 1], base[index + 1], base[index + 2]
            features.append([
                *feats, f"bi={p1[0]}|{feats[0]}",
                f"-2:{p2[0]}", f"-2:{p2[1]}", f"-2:{p2[2]}", f"-2:{p2[3]}", f"-2:{p2[8]}", f"-2:{p2[9]}",
                f"-1:{p1[0]}", f"-1:{p1[1]}", f"-1:{p1[2]}", f"-1:{p1[3]}", f"-1:{p1[8]}", f"-1:{p1[9]}",
                f"1:{n1[0]}", f"1:{n1[1]}", f"1:{n1[2]}", f"1:{n1[3]}", f"1:{n1[8]}", f"1:{n1[9]}",
                f"2:{n2[0]}", f"2:{n2[1]}", f"2:{n2[2]}", f"2:{n2[3]}", f"2:{n2[8]}", f"2:{n2[9]}",
            ])
            continue
        out = list(feats)
        if index > 0:
            out.append(f"bi={base[index - 1][0]}|{feats[0]}")
        for shift in (-2, -1, 1, 2):
            other = index + shift
            if 0 <= other < total:
                neighbour = base[other]
                out.append(f"{shift}:{neighbour[0]}")
                out.append(f"{shift}:{neighbour[1]}")
                out.append(f"{shift}:{neighbour[2]}")
                out.append(f"{shift}:{neighbour[3]}")
                out.append(f"{shift}:{neighbour[8]}")
                out.append(f"{shift}:{neighbour[9]}")
            else:
                out.append(f"{shift}:pad")
        features.append(out)
    return features


def tag_paragraph(features: list[list[str]]) -> tuple[list[str], list[float]]:
    """The CRF's tags for one paragraph's features (``O``, ``B-SRC``, ``I-CON`` …) and the marginal
    probability of each tag."""
    if not features:
        return [], []
    tagger = _tagger()
    tags = list(tagger.tag(features))
    return tags, [float(tagger.marginal(tag, index)) for index, tag in enumerate(tags)]


@dataclass(frozen=True, slots=True)
class Attribution:
    """Token index ranges ``[start, end)`` into a paragraph's token sequence."""

    content: tuple[int, int]
    cue: tuple[int, int] | None
    source: tuple[int, int] | None
    confidence: float = 1.0
    """Mean marginal probability of the content's tags."""


def _runs(tags: Sequence[str]) -> list[tuple[str, int, int]]:
    runs: list[tuple[str, int, int]] = []
    for index, tag in enumerate(tags):
        if tag == "O":
            continue
        prefix, role = tag.split("-", 1)
        if runs and runs[-1][0] == role and runs[-1][2] == index and prefix == "I":
            runs[-1] = (role, runs[-1][1], index + 1)
        else:
            runs.append((role, index, index + 1))
    return runs


def decode(
    tags: Sequence[str], sentence_of: Sequence[int], punct: Sequence[bool], quoted: Sequence[bool],
    marginals: Sequence[float] | None = None, texts: Sequence[str] | None = None,
) -> list[Attribution]:
    """Attributions from a paragraph's tags.

    Content runs split only by a source and cue ("“A,” he said, “B”") or by punctuation are one
    content; each content takes the nearest cue of its sentence (else of the paragraph) and the
    source nearest that cue.
    """
    runs = _runs(tags)
    texts = texts if texts is not None else [""] * len(tags)
    contents: list[tuple[int, int]] = []
    for number, (role, start, end) in enumerate(runs):
        if role != "CON":
            continue
        if contents:
            last = contents[-1]
            gap = range(last[1], start)
            roles_between = {tags[i][2:] for i in gap if tags[i] != "O"}
            later_cue = any(
                r[0] == "CUE" and sentence_of[r[1]] == sentence_of[end - 1] for r in runs[number + 1 :]
            )
            new_sentence = sentence_of[last[1] - 1] != sentence_of[start] or any(
                texts[i] in {".", "?", "!"} for i in gap
            )
            joined = all(punct[i] for i in gap if tags[i] == "O") and len(gap) <= 12 and (
                (not roles_between and not (new_sentence and later_cue))
                or (quoted[last[1] - 1] and quoted[start] and not later_cue)
            ) and "CON" not in roles_between
            if joined:
                contents[-1] = (last[0], end)
                continue
        contents.append((start, end))
    cues = [(s, e) for role, s, e in runs if role == "CUE"]
    sources = [(s, e) for role, s, e in runs if role == "SRC"]
    found: list[Attribution] = []
    for content in contents:
        sentences = {sentence_of[i] for i in range(*content)}

        def distance(span: tuple[int, int], content: tuple[int, int] = content) -> int:
            if span[1] <= content[0]:
                return content[0] - span[1]
            if span[0] >= content[1]:
                return span[0] - content[1]
            return 0

        near = [c for c in cues if sentence_of[c[0]] in sentences] or cues
        cue = min(near, key=distance) if near else None
        source = None
        if sources:
            anchor = cue or content

            def from_anchor(span: tuple[int, int], anchor: tuple[int, int] = anchor) -> int:
                return min(abs(span[0] - anchor[1]), abs(anchor[0] - span[1]))

            same = [s for s in sources if sentence_of[s[0]] == sentence_of[anchor[0]]]
            if same:
                source = min(same, key=from_anchor)
        inside = [i for i in range(*content) if tags[i].endswith("CON")]
        confidence = sum(marginals[i] for i in inside) / len(inside) if marginals and inside else 1.0
        found.append(Attribution(content=content, cue=cue, source=source, confidence=confidence))
    return found
