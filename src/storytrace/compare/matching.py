"""Claim matching: the same quote or the same numeric claim as printed by different articles.

Quotes match when, after normalizing case, quote marks, punctuation, editorial brackets
("[Daesh]") and ellipses, most of the shorter quote's words appear in the longer one in order
(runs of at least two words): truncation, trimming and changed quote marks keep the match, a
reworded word or two in a long quote does too. Candidates come from an inverted index over word
trigrams, so a pile of thousands of quotes is never compared all against all. Matching pairs join
into groups strongest first (most words matched), and two groups join only when their longest
quotes match as well: a short phrase quoted inside two different statements ("advantageous to
Republicans and Non-Hispanic Whites") goes with one of them instead of chaining both into one claim
(on the census event pile such a chain had gathered 54 quotes of 21 articles).

Quantities match inside one story when they count the same thing: the head nouns of the counted
phrase agree (singular forms; a few generic classes such as troops/forces/soldiers), and the
phrases share a modifier ("special", "Iraqi") or an entity under any of its aliases ("ISIS",
"Daesh", "Islamic State"), or print the same specific figure ("some 75,000 files", "75,000 files":
see :func:`specific_figure`); units must agree. A bare head noun with a common figure ("700
troops", "two people") is too vague to join. A shared modifier does not join a phrase restricted by a
post-modifier to one restricted otherwise or not at all ("2,300 gas stations equipped to pump it", "150,000
gas stations": see :func:`restriction`).

Every group is then checked for the members that derive from one another
(:func:`independent_origins`) and for its earliest known appearance (:func:`first_seen`).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from ..models import Article, Quantity, Quote, Reuse

__all__ = [
    "QuantityItem",
    "QuoteItem",
    "Token",
    "first_seen",
    "head_nouns",
    "independent_origins",
    "match_quantities",
    "match_quotes",
    "quote_similarity",
    "quote_tokens",
    "quote_words",
    "quotes_match",
    "restriction",
    "restrictions_agree",
    "specific_figure",
]

MIN_QUOTE_WORDS = 4
"""A quote shorter than this (in words) is too common to be matched across articles."""
MIN_REPORTED_WORDS = 8
"""When either side is reported speech (the writer's words), this many words in order must match:
topical phrases ("a citizenship question on the census") recur across a story's articles."""
MIN_SHARE = 0.6
"""Share of the shorter quote's words that must be found in order in the longer one."""
SHORT_QUOTE_WORDS = 8
"""A quote shorter than this leaves little room for edits: at least :data:`SHORT_SHARE` of its words
must be found in order ("I think it's a blockbuster revelation" is not "I think it's a fair jab")."""
SHORT_SHARE = 0.8
MAX_POSTINGS = 300
"""Trigrams carried by more quotes than this are too common to propose candidates."""


@dataclass(frozen=True, slots=True, kw_only=True)
class QuoteItem:
    id: str
    article: int
    quote: Quote


@dataclass(frozen=True, slots=True, kw_only=True)
class QuantityItem:
    id: str
    article: int
    quantity: Quantity
    story: int | None = None


@dataclass(frozen=True, slots=True)
class Token:
    """A normalized word of a quote and where it sits in the quote's text."""

    norm: str
    start: int
    end: int


_WORD = re.compile(r"[^\W_]+(?:['’´`′][^\W_]+)*|…|\.\.\.|\[[^\]]{0,80}\]|(?<![^\W_])&(?![^\W_])")


@lru_cache(maxsize=100_000)
def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", re.sub("[’‘´`′]", "'", text.casefold()))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def quote_tokens(text: str) -> list[Token]:
    """Words of a quote, case- and accent-folded; an ellipsis becomes the token ``…``; editorial
    brackets ("[Daesh]", "[the army]") are dropped; an ampersand between words is the word "and"
    ("safe, effective, & our best defense": a tweet's "&" is printed "and" by the next outlet)."""
    return list(_quote_tokens(text))


@lru_cache(maxsize=1 << 16)
def _quote_tokens(text: str) -> tuple[Token, ...]:
    # Remembered by text: a pile's claim matching and conflict checks read each quote many times
    # (Token is frozen, so sharing the tuple's members is safe; callers get a fresh list).
    tokens: list[Token] = []
    for match in _WORD.finditer(text):
        word = match.group()
        if word.startswith("["):
            continue
        norm = "…" if word in {"…", "..."} else "and" if word == "&" else _fold(word)
        tokens.append(Token(norm, match.start(), match.end()))
    return tuple(tokens)


@lru_cache(maxsize=1 << 16)
def quote_words(text: str) -> tuple[str, ...]:
    """The words of :func:`quote_tokens` without the ellipses (what quotes are matched on)."""
    return tuple(t.norm for t in _quote_tokens(text) if t.norm != "…")


def quote_similarity(first: Sequence[str], second: Sequence[str]) -> tuple[float, int]:
    """(share of the shorter side's words matched in order in runs of ≥ 2 words, words matched).

    The words count only when one run is long enough to be the same quotation — at least
    :data:`MIN_RUN_WORDS` words or half the shorter side — rather than stock phrases strung together
    ("we want to … we want to" is not "We want to move forward, we want to do something")."""
    if not first or not second:
        return 0.0, 0
    short, long_ = (first, second) if len(first) <= len(second) else (second, first)
    if len(short) >= 2 and short == long_:
        return 1.0, len(short)
    matcher = SequenceMatcher(None, short, long_, autojunk=False)
    blocks = [block.size for block in matcher.get_matching_blocks() if block.size >= 2]
    if not blocks or max(blocks) < min(MIN_RUN_WORDS, -(-len(short) // 2)):
        return 0.0, 0
    matched = sum(blocks)
    return matched / len(short), matched


MIN_RUN_WORDS = 5
"""See :func:`quote_similarity`. On the 600-article pile of ``benchmarks/pipeline.py`` three false
claims joined different statements through stock phrases ("we want to", "I do think the",
"has not changed … on Social Security")."""


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        self.parent.setdefault(item, item)
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: str, b: str) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self.parent[max(root_a, root_b, key=_id_key)] = min(root_a, root_b, key=_id_key)


def _id_key(item_id: str) -> tuple[str, int]:
    digits = item_id.lstrip("abcdefghijklmnopqrstuvwxyz")
    return item_id[: len(item_id) - len(digits)], int(digits) if digits.isdigit() else 0


def _groups(union: _UnionFind, ids: Iterable[str]) -> list[list[str]]:
    grouped: dict[str, list[str]] = defaultdict(list)
    for item_id in ids:
        grouped[union.find(item_id)].append(item_id)
    return sorted((sorted(g, key=_id_key) for g in grouped.values()), key=lambda g: _id_key(g[0]))


def quotes_match(first: QuoteItem, second: QuoteItem, *, min_share: float = MIN_SHARE) -> bool:
    """Whether two quotes print the same words (the test :func:`match_quotes` applies to a pair)."""
    a = list(quote_words(first.quote.text))
    b = list(quote_words(second.quote.text))
    share, matched = quote_similarity(a, b)
    need = MIN_QUOTE_WORDS if first.quote.direct and second.quote.direct else MIN_REPORTED_WORDS
    return share >= _share_needed(a, b, min_share) and matched >= need


_NEGATIONS = frozenset({"not", "no", "never", "nor", "cannot", "neither", "nothing", "none", "nobody"})


def _negated(words: Sequence[str]) -> bool:
    """Whether a statement's words hold a negation ("not", "never", "isn't")."""
    return any(w in _NEGATIONS or w.endswith(("n't", "n’t")) for w in words)


def _share_needed(first: Sequence[str], second: Sequence[str], min_share: float) -> float:
    return max(min_share, SHORT_SHARE) if min(len(first), len(second)) < SHORT_QUOTE_WORDS else min_share


def match_quotes(
    items: Sequence[QuoteItem],
    *,
    same_story: Callable[[int, int], bool] | None = None,
    min_words: int = MIN_QUOTE_WORDS,
    min_share: float = MIN_SHARE,
    story_of: Mapping[int, str] | None = None,
) -> list[list[str]]:
    """Groups of quote ids (two or more, from at least two articles) that print the same words.

    ``same_story(a, b)`` may restrict matches to articles of one story. ``story_of`` (article →
    story) restricts only short quotes (under :data:`SHORT_QUOTE_WORDS` words) to their story: a
    stock phrase ("in a few weeks", "you're going to do") recurs inside other speakers' quotations
    in unrelated stories, while a long quotation is the same quote wherever it is printed.
    """
    words = {item.id: list(quote_words(item.quote.text)) for item in items}
    by_id = {item.id: item for item in items}
    postings: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for item in items:
        w = words[item.id]
        if len(w) < min_words:
            continue
        for gram in {tuple(w[i : i + 3]) for i in range(len(w) - 2)}:
            postings[(gram[0], gram[1], gram[2])].append(item.id)
    keys = {item.id: _id_key(item.id) for item in items}
    pairs: set[tuple[str, str]] = set()
    for ids in postings.values():
        if len(ids) < 2 or len(ids) > MAX_POSTINGS:
            continue
        for i, first in enumerate(ids):
            for second in ids[i + 1 :]:
                if by_id[first].article != by_id[second].article:
                    pairs.add((first, second) if keys[first] < keys[second] else (second, first))
    counts = {item_id: dict(Counter(w)) for item_id, w in words.items()}
    distinct = {item_id: frozenset(c) for item_id, c in counts.items()}

    def need(first: str, second: str) -> int:
        direct = by_id[first].quote.direct and by_id[second].quote.direct
        return min_words if direct else max(min_words, MIN_REPORTED_WORDS)

    negated = {item_id: _negated(w) for item_id, w in words.items()}

    def matching(first: str, second: str) -> int:
        """Words matched in order when the two quotes match, else 0."""
        if negated[first] != negated[second] and not (by_id[first].quote.direct and by_id[second].quote.direct):
            # "the question is not needed" is not "the question was needed": reported statements
            # of opposite polarity are two claims (between direct quotes it is a wording change)
            return 0
        if story_of is not None and min(len(words[first]), len(words[second])) < SHORT_QUOTE_WORDS:
            story = story_of.get(by_id[first].article)
            if story is None or story != story_of.get(by_id[second].article):
                return 0
        if words[first] == words[second]:  # the same words (a wire copy): the quickest case
            return len(words[first]) if len(words[first]) >= need(first, second) else 0
        # the words the two share bound the words matched in order: most pairs stop here
        a, b = counts[first], counts[second]
        shared = sum(min(a[word], b[word]) for word in distinct[first] & distinct[second])
        if shared < need(first, second) or shared < min_share * min(len(words[first]), len(words[second])):
            return 0
        share, matched = quote_similarity(words[first], words[second])
        wanted = _share_needed(words[first], words[second], min_share)
        return matched if share >= wanted and matched >= need(first, second) else 0

    edges = []
    for first, second in pairs:
        if same_story is not None and not same_story(by_id[first].article, by_id[second].article):
            continue
        matched = matching(first, second)
        if matched:
            direct = by_id[first].quote.direct and by_id[second].quote.direct
            edges.append((-matched, not direct, keys[first], keys[second], first, second))
    # Strongest matches first; two groups join only when their longest quotes match too, so a short
    # fragment printed inside two different statements cannot chain them into one claim.
    edges.sort()
    union = _UnionFind()
    longest: dict[str, str] = {}
    for _, _, _, _, first, second in edges:
        root_a, root_b = union.find(first), union.find(second)
        if root_a == root_b:
            continue
        rep_a, rep_b = longest.get(root_a, root_a), longest.get(root_b, root_b)
        if (rep_a, rep_b) != (first, second) and not matching(rep_a, rep_b):
            continue
        union.union(first, second)
        longest[union.find(first)] = min(rep_a, rep_b, key=lambda i: (-len(words[i]), keys[i]))
    return [
        group for group in _groups(union, [i.id for i in items])
        if len(group) >= 2 and len({by_id[m].article for m in group}) >= 2
    ]


# ---- quantities ------------------------------------------------------------------------------

_HEAD_CLASSES = (
    frozenset({"troop", "force", "soldier", "servicemember", "personnel"}),
    frozenset({"fighter", "militant", "jihadist", "insurgent", "combatant"}),
    frozenset({"civilian", "resident", "inhabitant", "people", "person"}),
    frozenset({"refugee", "displaced"}),
    frozenset({"death", "dead", "fatality", "killed"}),
)
_STOP_MODIFIERS = frozenset(
    ["a", "an", "the", "some", "of", "and", "or", "its", "their", "his", "her", "our", "other", "more", "than", "about", "nearly", "over", "up", "to", "at", "least", "most", "many", "few", "several", "new", "old", "local", "foreign", "total", "additional"]
)
_BREAK = re.compile(r"\b(?:of|from|in|at|on|to|with|for|who|which|that|by|under|into)\b", re.IGNORECASE)


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _head_class(head: str) -> str:
    for index, members in enumerate(_HEAD_CLASSES):
        if head in members:
            return f"class{index}"
    return head


_RESTRICTION = re.compile(
    r"\b(?:who|which|that|whose|where|with|without)\b"
    r"|(?:\b(?:people|children|men|women|police|staff)|[a-z][a-z][a-rt-z]s)\b(?P<participle>\s+[a-z]{2,}(?:ed|ing)\b)"
)
"""Where a counted phrase's restricting post-modifier starts: a relative pronoun, "with"/"without", or a
participle right after a plural noun ("gas stations equipped to pump it", "buses fitted with ramps")."""
_RESTRICTION_STOP = frozenset(
    {"it", "them", "they", "him", "her", "its", "their", "be", "been", "being", "is", "are", "was", "were",
     "have", "has", "had", "do", "does", "did", "can", "could", "will", "would", "may", "might", "not", "no",
     "this", "these", "those", "there", "here", "one", "all", "now", "still", "also", "who", "which", "that",
     "whose", "where", "with", "without", "from", "in", "on", "at", "to", "for", "by", "into", "under"}
)


def _split_restriction(counted: str) -> tuple[str, frozenset[str]]:
    """The folded counted phrase before its restricting post-modifier, and the content words of that
    modifier (empty when there is none): "gas stations equipped to pump it" → ("gas stations",
    {equipped, pump})."""
    folded = _fold(counted)
    match = _RESTRICTION.search(folded)
    if match is None:
        return folded, frozenset()
    start = match.start("participle") if match.group("participle") else match.start()
    words = re.findall(r"[^\W_]+", folded[start:])
    tail = frozenset(_singular(w) for w in words if w not in _STOP_MODIFIERS and w not in _RESTRICTION_STOP)
    return folded[:start], tail


def restriction(counted: str) -> frozenset[str]:
    """The content words of the counted phrase's restricting post-modifier (see :func:`_split_restriction`)."""
    return _split_restriction(counted)[1]


def restrictions_agree(first: frozenset[str], second: frozenset[str]) -> bool:
    """Two counted phrases with the same head count one thing only when both are unrestricted or their
    restrictions share a word: "2,300 gas stations equipped to pump it" are not "150,000 gas stations"."""
    return first == second or bool(first & second)


def head_nouns(counted: str) -> tuple[frozenset[str], frozenset[str]]:
    """(head-noun classes, modifier words) of a counted phrase: "Iraqi officers and volunteers"
    → ({officer, volunteer}, {iraqi}). The phrase is cut at its restricting post-modifier (see
    :func:`_split_restriction`) and at its first preposition or relative pronoun ("fighters from
    Mosul" → "fighters")."""
    phrase = _BREAK.split(_split_restriction(counted)[0])[0]
    phrase = re.sub(r"\[[^\]]*\]|[“”\"'’‘]", " ", phrase)
    heads: set[str] = set()
    modifiers: set[str] = set()
    for conjunct in re.split(r",|\band\b|\bor\b|&", phrase):
        words = re.findall(r"[^\W\d_]+", conjunct)
        if not words:
            continue
        heads.add(_head_class(_singular(words[-1])))
        modifiers.update(_singular(w) for w in words[:-1] if w not in _STOP_MODIFIERS and len(w) > 1)
    return frozenset(heads), frozenset(modifiers)


def _entity_keys(counted: str, alias_index: Mapping[str, str]) -> frozenset[str]:
    """The canonical names of the aliases that occur, as whole words, in the counted phrase — except
    a name that is only the counted noun itself: "10 Democrats" and "33 Senate Democrats" do not
    share an entity for being Democrats ("Democrats" is what both count, not a modifier)."""
    words = re.sub(r"[^a-z0-9]+", " ", _fold(counted)).split()
    heads = _head_words(counted)
    found = set()
    for start in range(len(words)):
        for end in range(start + 1, len(words) + 1):
            canonical = alias_index.get(" ".join(words[start:end]))
            if canonical is not None and not (end - start == 1 and words[start] in heads):
                found.add(canonical)
    return frozenset(found)


def _head_words(counted: str) -> set[str]:
    """The folded last word of each conjunct before the first preposition, as :func:`head_nouns`
    reads them (not singularised)."""
    phrase = re.sub(r"\[[^\]]*\]|[“”\"'’‘]", " ", _BREAK.split(_split_restriction(counted)[0])[0])
    heads = set()
    for conjunct in re.split(r",|\band\b|\bor\b|&", phrase):
        words = re.sub(r"[^a-z0-9]+", " ", conjunct).split()
        if words:
            heads.add(words[-1])
    return heads


def alias_index(names: Mapping[str, Sequence[str]]) -> dict[str, str]:
    """Folded alias → canonical name, from ``{canonical: [aliases…]}`` (the entities of the pile)."""
    index: dict[str, str] = {}
    for canonical, aliases in names.items():
        for name in (canonical, *aliases):
            key = re.sub(r"[^a-z0-9]+", " ", _fold(name)).strip()
            if len(key) >= 2:
                index.setdefault(key, canonical)
    return index


def specific_figure(quantity: Quantity) -> str | None:
    """The printed figure of a quantity when it is specific enough to identify a fact within one story
    (at least two significant digits, or 1,000 and more: "75,000", "6.5 million", "12"), else None
    ("two", "100", a range, a vague "thousands"). In one story, "more than 75,000 files", "some 75,000
    files" and "75,000 files" print one fact although "files" alone is too vague to join them."""
    value = quantity.value
    if value is None or quantity.qualifier == "range" or not math.isfinite(value) or abs(value) < 10:
        return None
    printed = f"{abs(value):.12g}"
    significant = len(printed.replace(".", "").strip("0"))
    return printed if significant >= 2 or abs(value) >= 1000 else None


def match_quantities(
    items: Sequence[QuantityItem], *, entity_aliases: Mapping[str, str] | None = None
) -> list[list[str]]:
    """Groups of quantity ids (two or more, from at least two articles, one story) that count the
    same thing."""
    entity_aliases = entity_aliases or {}
    features: dict[str, tuple[frozenset[str], frozenset[str], str | None, frozenset[str]]] = {}
    by_key: dict[tuple[int | None, str | None, str], list[str]] = defaultdict(list)
    by_id = {item.id: item for item in items}
    for item in items:
        counted = item.quantity.counted
        if not counted:
            continue
        heads, modifiers = head_nouns(counted)
        keys = modifiers | {f"entity:{e}" for e in _entity_keys(counted, entity_aliases)}
        figure = specific_figure(item.quantity)
        if not heads or not (keys or figure):
            continue
        features[item.id] = (heads, keys, figure, restriction(counted))
        for head in heads:
            by_key[(item.story, item.quantity.unit, head)].append(item.id)
    union = _UnionFind()
    for ids in by_key.values():
        for i, first in enumerate(ids):
            for second in ids[i + 1 :]:
                _, first_keys, first_figure, first_restriction = features[first]
                _, second_keys, second_figure, second_restriction = features[second]
                shared = bool(first_keys & second_keys) and restrictions_agree(first_restriction, second_restriction)
                if shared or (first_figure is not None and first_figure == second_figure):
                    union.union(first, second)
    return [
        group for group in _groups(union, list(features))
        if len(group) >= 2 and len({by_id[m].article for m in group}) >= 2
    ]


# ---- origins and first appearance ------------------------------------------------------------

_DERIVED = {"wholly_derived", "partially_derived"}


def _overlaps(span: tuple[int, int], other: tuple[int, int]) -> bool:
    return span[0] < other[1] and other[0] < span[1]


def independent_origins(
    members: Sequence[tuple[int, tuple[int, int]]], reuses: Iterable[Reuse]
) -> int:
    """How many independent origins a claim has: ``members`` are ``(article id, span)``; a member
    counts once with another when its article derives from the other's article (wholly, or
    partially through a passage covering the member's span), in either direction."""
    member_articles = {article for article, _ in members}
    parent = {article: article for article in member_articles}

    def find(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    spans: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for article, span in members:
        spans[article].append(span)
    for reuse in reuses:
        if reuse.relation not in _DERIVED or reuse.source not in parent or reuse.target not in parent:
            continue
        linked = reuse.relation == "wholly_derived" or any(
            _overlaps(span, passage.target_span) for passage in reuse.passages for span in spans[reuse.target]
        ) or any(_overlaps(span, passage.source_span) for passage in reuse.passages for span in spans[reuse.source])
        if linked:
            root_a, root_b = find(reuse.source), find(reuse.target)
            if root_a != root_b:
                parent[max(root_a, root_b)] = min(root_a, root_b)
    return len({find(article) for article in member_articles})


def _clock(article: Article) -> dt.datetime | None:
    """The article's publication time of day on its ``published`` date, or None when not stated."""
    if not article.published_time or article.published_time[:10] != article.published:
        return None
    try:
        return dt.datetime.fromisoformat(article.published_time)
    except ValueError:
        return None


def first_seen(article_ids: Iterable[int], articles: Mapping[int, Article]) -> tuple[int | None, str]:
    """(earliest article id, why). Unknown dates stay unknown: when any member's date is
    unknown, or the earliest cannot be told apart, the answer is None and ``why`` says so.

    When every article states a time with a UTC offset, the instants decide ("23:00 -05:00" on the
    30th comes after "01:00 +00:00" on the 31st). Otherwise days decide first, and on the earliest
    day times decide only when every article of that day states one with a UTC offset: a time
    without a zone may be any outlet's local time, and an article with a date alone may have come
    out at any hour of its day, so they tie with the others."""
    ids = sorted(set(article_ids))
    unknown = [i for i in ids if articles[i].published is None]
    if unknown:
        return None, f"publication date unknown for {len(unknown)} of {len(ids)} articles"
    instants = {i: _clock(articles[i]) for i in ids}
    if all(clock is not None and clock.tzinfo is not None for clock in instants.values()):
        return _earliest({i: clock for i, clock in instants.items() if clock is not None}, articles)
    earliest = min(str(articles[i].published) for i in ids)
    first_day = [i for i in ids if articles[i].published == earliest]
    if len(first_day) == 1:
        return first_day[0], f"published {_stamp(articles[first_day[0]])}"
    clocks = {i: _clock(articles[i]) for i in first_day}
    untimed = [i for i, clock in clocks.items() if clock is None]
    if untimed:
        return None, (f"{len(first_day)} articles share the earliest date ({earliest}) and {len(untimed)} "
                      "of them give no time of day; their order is unknown")
    timed = {i: clock for i, clock in clocks.items() if clock is not None}
    if any(clock.tzinfo is None for clock in timed.values()):
        return None, (f"{len(first_day)} articles share the earliest date ({earliest}), some times without "
                      "a time zone; their order is unknown")
    return _earliest(timed, articles)


def _earliest(timed: Mapping[int, dt.datetime], articles: Mapping[int, Article]) -> tuple[int | None, str]:
    first = min(timed.values())
    tied = [i for i, clock in timed.items() if clock == first]
    if len(tied) > 1:
        return None, f"{len(tied)} articles share the earliest time ({_stamp(articles[tied[0]])}); their order is unknown"
    return tied[0], f"published {_stamp(articles[tied[0]])}"


def _stamp(article: Article) -> str:
    return str(article.published_time) if _clock(article) is not None else str(article.published)
