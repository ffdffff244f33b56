"""Conflicts inside one claim: the same words credited to different people (``speaker``), the same
counted thing with incompatible values (``value``), and quoted words that changed between outlets
(``wording``). Each conflict says why in ``detail``.

Values are compared as intervals: an exact figure allows for rounding, half a unit of its last
printed digit ("6.5 million": ±50,000) but at most ±1 % (±5 % for a round number such as 5,000 or
100: 4,750–5,250), "about"/"some" ±25 %, "more than"/"at least" open above,
"up to"/"as many as" open below, a range (also a vague "thousands") its own ends. Overlapping
intervals are compatible: "more than 1 million" and "1.3 million" agree, and the claim's notes say
so; "100 troops" and "some 5,000 troops" do not. A vague plural is a floor ("thousands" does not
contradict "more than 150,000"), and figures dated to different years are not compared, nor running
figures (a lead, a tally "so far", a poll's reading) unless both articles were published on one day.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from difflib import SequenceMatcher

from ..models import Conflict, Quantity
from .matching import QuantityItem, QuoteItem, Token, quote_similarity, quote_tokens, quote_words, quotes_match

__all__ = [
    "When",
    "another_moment",
    "different_times",
    "interval",
    "looks_like_a_name",
    "person_key_from",
    "quantity_conflicts",
    "running_figure",
    "sentence_years",
    "speaker_conflicts",
    "surname_key",
    "wording_changes",
    "wording_conflicts",
]

MAX_PER_CLAIM = 20
"""At most this many wording conflicts are listed per claim (pairs of distinct wordings)."""

_PRONOUNS = frozenset(["he", "she", "they", "it", "i", "we", "you", "him", "her", "them", "who", "one"])


def _fmt(value: float) -> str:
    if value == math.inf:
        return "∞"
    if value >= 1_000_000 and value % 100_000 == 0:
        return f"{value / 1_000_000:g} million"
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"


def interval(quantity: Quantity) -> tuple[float, float] | None:
    """The values a printed quantity allows, or None when it has no number."""
    q = quantity.qualifier
    if q == "range" and quantity.low is not None and quantity.high is not None:
        return quantity.low, quantity.high
    if q == "at_least" and quantity.low is not None:
        return quantity.low, math.inf
    if q == "at_most" and quantity.high is not None:
        return 0.0, quantity.high
    value = quantity.value
    if value is None:
        return None
    if q == "approximately":
        return value * 0.75, value * 1.25
    magnitude = abs(value)
    digits = str(int(magnitude)) if magnitude == int(magnitude) else ""
    round_number = len(digits) - len(digits.rstrip("0")) >= 2
    slack = min(magnitude * (0.05 if round_number else 0.01), _last_place(magnitude) / 2)
    return value - slack, value + slack


def _last_place(magnitude: float) -> float:
    """The place of a figure's last printed significant digit: 1,000,000 for "75 million", 100,000 for
    "6.5 million", 0.1 for "51.1". A figure printed to the million was rounded to the nearest million at
    most: "75 million" and "71 million" cannot be one number (±5 % had made them overlap)."""
    exponent = Decimal(f"{magnitude:.12g}").normalize().as_tuple().exponent
    return 10.0 ** exponent if isinstance(exponent, int) else 0.0


def _describe(item: QuantityItem, span: tuple[float, float]) -> str:
    low, high = span
    if high == math.inf:
        bound = f"≥ {_fmt(low)}"
    elif low == 0.0:
        bound = f"≤ {_fmt(high)}"
    elif math.isclose(low, high, rel_tol=0.03):
        bound = _fmt((low + high) / 2)
    else:
        bound = f"{_fmt(low)}–{_fmt(high)}"
    return f"“{item.quantity.text}” in a{item.article} ({bound})"


def quantity_conflicts(
    items: Sequence[QuantityItem],
    *,
    paragraph: Mapping[str, int] | None = None,
    said: Mapping[str, frozenset[str]] | None = None,
    samples: frozenset[str] = frozenset(),
    when: Mapping[str, When] | None = None,
) -> tuple[list[Conflict], list[str]]:
    """(value conflicts, notes on compatible differing values) among the members of one claim.

    ``paragraph`` (quantity id → paragraph number in its article): two figures of one paragraph
    are not compared ("won three of the previous four contests" counts a part and its whole).
    Shares (percentages, fractions) conflict only across articles and when they are shares of the
    same printed thing: "52 percent of registered voters" and "74 percent of Democratic registered
    voters" answer two questions, as do one article's several shares of one group. ``said`` (share id
    → :func:`predicate_words` of its sentence): shares of one group conflict only when their sentences
    say the same of them ("three-quarters of Republican voters support a ban on …" and "4 in 10
    Republican voters want all immigrants … deported" are two answers of a poll). ``samples``: ids of
    figures a poll's method statement prints (its sample size), which contradict no other figure. A partitive
    ("three of the nomination contests") counts a part, not the whole, and a count of others or extra ones
    ("two other appeal judges", "thousands more elderly people") the rest besides some already named.
    A vague plural ("thousands of elderly people") is a floor, not a count: a figure below it contradicts
    it ("thousands of protesters" and "about 300 protesters"), a figure above it does not ("thousands of
    elderly people will be forced to sell their homes" and "more than 150,000 elderly people receive
    nursing care": an understatement, or a part of the whole), as "tens of thousands" and "hundreds of
    thousands" already meet at their ends. ``when`` (quantity id → :class:`When`): figures dated to
    different years state different times ("The 2010 census counted 308.7 million residents" and "the
    2020 census counted 331.4 million residents"; "In 2015, 2.1 million Syrian refugees lived in Turkey"
    and, in a 2019 article, "Turkey hosts 3.6 million Syrian refugees"), see :func:`different_times`;
    running figures of two articles (:attr:`When.running`) are compared only when both articles were
    published on one day, see :func:`another_moment`.
    """
    spans = [(item, interval(item.quantity)) for item in items]
    known = [(item, span) for item, span in spans if span is not None]
    conflicts: list[Conflict] = []
    notes: list[str] = []
    seen: set[tuple[tuple[float, float], tuple[float, float]]] = set()
    for i, (first, a) in enumerate(known):
        for second, b in known[i + 1 :]:
            if first.article == second.article and a == b:
                continue
            if first.id in samples or second.id in samples:
                continue  # a poll's sample size ("of 1,031 registered voters … margin of error")
            if first.article == second.article and paragraph is not None and first.id in paragraph \
                    and paragraph.get(first.id) == paragraph.get(second.id):
                continue
            if first.quantity.unit in _SHARES and second.quantity.unit in _SHARES and (
                    first.article == second.article
                    or _share_of(first.quantity.counted) != _share_of(second.quantity.counted)):
                continue  # several answers of one poll, or shares of different groups
            if first.quantity.unit in _SHARES and second.quantity.unit in _SHARES and said is not None \
                    and not same_predicate(said.get(first.id, frozenset()), said.get(second.id, frozenset())):
                continue  # two questions about one group
            if _PARTITIVE.match(first.quantity.text) or _PARTITIVE.match(second.quantity.text):
                continue  # "three of the nomination contests" counts a part of them
            if _relative(first.quantity) or _relative(second.quantity):
                continue  # "Lord Woolf and two other appeal judges" are three appeal judges
            key = (min(a, b), max(a, b))
            overlap = a[0] <= b[1] and b[0] <= a[1]
            if not overlap and when is not None and first.id in when and second.id in when \
                    and different_times(when[first.id], when[second.id]):
                if key not in seen:
                    seen.add(key)
                    notes.append(f"{_describe(first, a)} and {_describe(second, b)}: different years "
                                 f"({_years(when[first.id])}; {_years(when[second.id])}), not compared")
                continue
            if not overlap and when is not None and first.article != second.article and first.id in when \
                    and second.id in when and another_moment(when[first.id], when[second.id]):
                if key not in seen:
                    seen.add(key)
                    notes.append(f"{_describe(first, a)} and {_describe(second, b)}: a running figure (a lead, "
                                 f"a tally so far, a poll's reading) {_days(when[first.id], when[second.id])}, "
                                 "not compared")
                continue
            if not overlap and (_understated(first.quantity, a, b) or _understated(second.quantity, b, a)):
                if key not in seen:
                    seen.add(key)
                    notes.append(f"{_describe(first, a)} and {_describe(second, b)}: a vague plural is a floor, "
                                 "compatible")
                continue
            if overlap:
                if a != b and key not in seen and first.quantity.text != second.quantity.text:
                    seen.add(key)
                    notes.append(f"{_describe(first, a)} and {_describe(second, b)} overlap: compatible")
                continue
            conflicts.append(
                Conflict(
                    kind="value",
                    detail=f"{_describe(first, a)} and {_describe(second, b)} do not overlap",
                    members=(first.id, second.id),
                )
            )
    return conflicts, notes


_SHARES = frozenset({"percent", "fraction"})
SHARE_UNITS = _SHARES


@dataclass(frozen=True, slots=True)
class When:
    """The time a figure's sentence gives it: the years that sentence names (:func:`sentence_years`) and
    the publication year of its article (None when unknown)."""

    years: frozenset[int]
    published: int | None = None
    day: str | None = None
    """The article's publication date (``YYYY-MM-DD``), None when unknown."""
    running: bool = False
    """Whether the figure is a running one, true of one moment only (:func:`running_figure`)."""


def another_moment(first: When, second: When) -> bool:
    """Whether two figures of two articles, one of them a running figure, may state two moments: a lead, a
    tally "so far" or a poll's reading changes from day to day, so such figures are compared only when both
    articles were published on one known day. Two undated "The Latest" live blogs of one primary season
    ("Going into Super Tuesday, Clinton held a 26-delegate advantage" and, two weeks later, "… a 214-delegate
    advantage") state two moments; so do two undated reports of two polls. A count that is no running
    figure ("75 million paying members", a death toll that "rose to 1,500") is compared whatever the days."""
    if not (first.running or second.running):
        return False
    return first.day is None or first.day != second.day


def _days(first: When, second: When) -> str:
    if first.day is None or second.day is None:
        return "of an unknown day"
    return f"of two days ({first.day}; {second.day})"


_STANDINGS = frozenset(["lead", "leads", "advantage", "edge", "margin", "deficit"])
_TALLY = re.compile(
    r"\b(?:so\s+far|thus\s+far|to\s+date|as\s+of|going\s+into|heading\s+into|until\s+now|up\s+to\s+now)\b",
    re.IGNORECASE,
)
_POLL_READING = re.compile(r"\b(?:polls?|polling|polled|surveys?|surveyed)\b", re.IGNORECASE)


def running_figure(quantity: Quantity, sentence: str) -> bool:
    """Whether a figure is true of one moment only: a standing between rivals (its counted thing a lead,
    advantage, edge, margin or deficit: "a 26-delegate advantage"), a tally its sentence dates to a
    moment ("so far", "to date", "as of", "going into"), or a share its sentence reads from a poll or
    survey ("48 percent of likely voters back the levy, a Harbor poll found")."""
    words = re.findall(r"[^\W\d_]+", (quantity.counted or "").casefold())
    if words and words[-1] in _STANDINGS:
        return True
    if _TALLY.search(sentence):
        return True
    return quantity.unit in _SHARES and _POLL_READING.search(sentence) is not None


def different_times(first: When, second: When) -> bool:
    """Whether two figures are dated to different years: both sentences name years and none in common, or
    one names years and the other, naming none, was published in a year not among them ("in 2015" against
    an undated figure of a 2019 article: then and now). Undated figures of undated articles, and figures
    of one year, may conflict."""
    if first.years and second.years:
        return not first.years & second.years
    if first.years and second.published is not None:
        return second.published not in first.years
    if second.years and first.published is not None:
        return first.published not in second.years
    return False


def _years(when: When) -> str:
    if when.years:
        return ", ".join(str(y) for y in sorted(when.years))
    return f"published {when.published}"


_YEAR = re.compile(r"(?<![\w$£€.,/:-])(?P<year>(?:19|20)\d\d)(?![\w%/:-]|[.,]\d)")
_NOT_A_DATING = re.compile(
    r"\b(?:since|from|after|before|between|until|till|through|thru|to|and|or|than|born|aged?)\s+(?:early\s+|late\s+|mid-?)?$",
    re.IGNORECASE,
)


def sentence_years(sentence: str, masked: Sequence[tuple[int, int]] = ()) -> frozenset[int]:
    """The years a sentence dates its figures to: each 1900–2099 written alone ("in 2015", "the 2010
    census", "Jan. 15, 2018"), not one that opens or closes a span of time ("since 2014", "between 2000 and
    2014", "from 2009 to 2013"), nor one inside ``masked`` (offsets of the sentence's figures: "2000 homes"
    counts homes)."""
    found: set[int] = set()
    for match in _YEAR.finditer(sentence):
        if any(a <= match.start() < b for a, b in masked):
            continue
        if _NOT_A_DATING.search(sentence[max(0, match.start() - 20) : match.start()]):
            continue
        found.add(int(match.group("year")))
    return frozenset(found)


def _understated(quantity: Quantity, span: tuple[float, float], other: tuple[float, float]) -> bool:
    """Whether ``quantity`` is a vague plural and the other figure lies wholly above its range."""
    return _vague_plural(quantity) and other[0] > span[1]


def _vague_plural(quantity: Quantity) -> bool:
    """Whether a quantity is a vague plural ("thousands", "dozens of", "tens of thousands", "several
    hundred"): a range of one order of magnitude printed as such words, without a digit ("two or three",
    "between 3,000 and 4,500" are estimates, not impressions)."""
    low, high = quantity.low, quantity.high
    return quantity.qualifier == "range" and quantity.value is None and low is not None and high is not None \
        and low > 0 and math.isclose(high, low * 10) and not re.search(r"\d", quantity.text) \
        and _VAGUE_WORDS.match(quantity.text) is not None


_VAGUE_WORDS = re.compile(
    r"(?:[^\W\d_]+\s+){0,2}?(?:several|a\s+few|dozens|tens|hundreds|thousands|millions|billions|trillions)\b",
    re.IGNORECASE,
)


_PREDICATE_STOP = frozenset((
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "by", "with", "and", "or", "but", "than",
    "that", "this", "these", "those", "which", "who", "whom", "whose", "what", "is", "are", "was", "were",
    "be", "been", "being", "has", "have", "had", "do", "does", "did", "will", "would", "can", "could", "may",
    "might", "must", "shall", "should", "it", "its", "they", "them", "their", "he", "his", "she", "her",
    "we", "our", "you", "your", "me", "my", "not", "no", "so", "as", "if", "about", "into", "over", "under",
    "said", "say", "says", "saying", "according", "each", "all", "both", "every", "some", "any", "more",
    "most", "less", "least", "only", "also", "just", "percent", "per", "cent", "one", "two", "three", "four",
    "five", "six", "seven", "eight", "nine", "ten", "half", "third", "thirds", "quarter", "quarters", "out",
))  # fmt: skip


def predicate_words(clause: str, *, limit: int = 15) -> frozenset[str]:
    """The first ``limit`` content words of what a sentence says after a share ("… support a
    temporary ban on Muslims"), each cut to 5 letters so that "temporary" meets "temporarily"."""
    words = [w for w in re.findall(r"[^\W\d_]+", clause.casefold()) if w not in _PREDICATE_STOP and len(w) > 2]
    return frozenset(w[:5] for w in words[:limit])


def same_predicate(first: frozenset[str], second: frozenset[str]) -> bool:
    """Whether two shares' sentences say the same of them: at least 2 content words in common and at
    least 40 % of the shorter side's (empty sides — nothing said after the share — cannot tell)."""
    if not first or not second:
        return True
    common = len(first & second)
    return common >= 2 and common >= 0.4 * min(len(first), len(second))
_PARTITIVE = re.compile(r"^\S+(?:\s+\S+)?\s+of\s+(?:the|its|their|his|her|our|those|these)\b", re.IGNORECASE)


_RELATIVE = re.compile(r"^(?:other|more|additional|further|extra)\b", re.IGNORECASE)


def _relative(quantity: Quantity) -> bool:
    """Whether a figure counts the others or the extra ones besides some already named ("two other
    disabled residents", "thousands more elderly people", "175 additional delegates"), not the whole."""
    return bool(_RELATIVE.match((quantity.counted or "").strip()))


def _share_of(counted: str | None) -> str:
    return " ".join(re.findall(r"[^\W_]+", (counted or "").casefold()))


def speaker_conflicts(
    items: Sequence[QuoteItem],
    person: Callable[[str, int], str | None],
    *,
    not_people: frozenset[str] = frozenset(),
) -> list[Conflict]:
    """One conflict when the members credit the words to more than one person.

    ``person(name, article)`` gives a key for a speaker name (an entity id or a folded surname), or
    None when the name is not a person's (pronoun left unresolved, unknown speaker).
    ``not_people``: folded names known to be organisations, places or groups ("The Justice
    Department", "Supreme Court"), which are channels or institutions, not speakers to compare.
    A one-word speaker must be a known person (``person`` gives an entity id ``e…``).
    """
    by_person: dict[str, list[QuoteItem]] = {}
    names: dict[str, str] = {}
    for item in items:
        speaker = item.quote.speaker
        if not speaker or not looks_like_a_name(speaker) or _fold_name(speaker) in not_people:
            continue
        key = person(speaker, item.article)
        if key is None or (len(speaker.split()) == 1 and not key.startswith("e")):
            continue
        by_person.setdefault(key, []).append(item)
        names.setdefault(key, speaker)
    # "Trump" and "Donald Trump" are one person even when no entity joined them: one surname.
    for key in sorted(by_person, key=lambda k: -len(names[k])):
        if key not in by_person:
            continue
        for other in list(by_person):
            if other != key and surname_key(names[other]) == surname_key(names[key]):
                by_person[key].extend(by_person.pop(other))
    if len(by_person) < 2:
        return []
    # Only printings that share the words directly (not through a chain of overlapping quotes),
    # in different articles, credited to different people, make the conflict.
    involved: dict[str, set[str]] = {}
    keys = sorted(by_person)
    for i, first_key in enumerate(keys):
        for second_key in keys[i + 1 :]:
            for a in by_person[first_key]:
                for b in by_person[second_key]:
                    if a.article == b.article or not (a.quote.direct or b.quote.direct):
                        continue
                    if _speaks_for(a, b.quote.speaker or "") or _speaks_for(b, a.quote.speaker or ""):
                        continue  # "Jim Manley, a spokesman for Mr. Reid" issues Reid's statement
                    if quotes_match(a, b) and _shared_words(a, b) >= MIN_SPEAKER_WORDS \
                            and not (_quoted_inside(a, b) or _quoted_inside(b, a)):
                        involved.setdefault(first_key, set()).add(a.id)
                        involved.setdefault(second_key, set()).add(b.id)
    if len(involved) < 2:
        return []  # two readings of one article's attribution, or quotes joined only by a chain
    by_id = {m.id: m for g in by_person.values() for m in g}
    parts = [
        f"{names[key]} in {', '.join(sorted({f'a{by_id[m].article}' for m in ids}, key=_num))}"
        for key, ids in sorted(involved.items(), key=lambda kv: min(by_id[m].article for m in kv[1]))
    ]
    members = tuple(sorted((m for ids in involved.values() for m in ids), key=lambda m: int(m[1:]) if m[1:].isdigit() else 0))
    return [Conflict(kind="speaker", detail="the same words are credited to " + "; ".join(parts), members=members)]


_SPOKESPERSON = (r"(?:spokes(?:man|woman|person)|press\s+secretary|(?:communications|press)\s+director|"
                 r"(?:senior\s+)?(?:aide|adviser|advisor)|lawyer|attorney|counsel|chief\s+of\s+staff)")
_SPEAKS_FOR = re.compile(rf"\b{_SPOKESPERSON}\s+(?:for|to|of|at)\s+(?P<principal>.+)$", re.IGNORECASE)
_SPEAKS_FOR_POSSESSIVE = re.compile(rf"^(?P<principal>.+?)['’]s?\s+(?:\w+\s+)?{_SPOKESPERSON}\b", re.IGNORECASE)
_PRINCIPAL_TITLES = re.compile(r"^(?:the\s+|(?:mr|mrs|ms|dr|sen|rep|gov|gen|pres|president|senator|"
                               r"representative|governor|secretary)\.?\s+)+", re.IGNORECASE)


def _speaks_for(item: QuoteItem, other: str) -> bool:
    """Whether the quote's speaker is printed as the spokesperson, aide or lawyer of ``other`` (a person or
    an organisation): "Jim Manley, a spokesman for Mr. Reid" gives out Reid's statement, and an outlet that
    credits it to Reid does not contradict one that credits it to Manley."""
    title = item.quote.speaker_title or ""
    match = _SPEAKS_FOR.search(title) or _SPEAKS_FOR_POSSESSIVE.search(title)
    if not match or not other.strip():
        return False
    principal = _PRINCIPAL_TITLES.sub("", match.group("principal").strip(" ,.")).strip()
    return bool(principal) and surname_key(principal) == surname_key(other)


MIN_SPEAKER_WORDS = 6
"""Words two printings must share, in order, to credit the same words to two people: a phrase of four or
five words ("worst decision of my life", "rats in a trap") is often a scare quote that a writer puts
near the wrong name, or a phrase that several people use."""


def _shared_words(first: QuoteItem, second: QuoteItem) -> int:
    a = list(quote_words(first.quote.text))
    b = list(quote_words(second.quote.text))
    return quote_similarity(a, b)[1]


def _quoted_inside(short: QuoteItem, long: QuoteItem) -> bool:
    """Whether the words ``short`` shares with ``long`` are a quotation that ``long`` itself quotes
    (‘In God We Trust’, “a war of Obama’s choosing”): all inside one stretch of ``long`` in quote marks
    of its own, and at least half of that stretch. The long quote's speaker repeats the short one's
    words, so they are not the same words credited to two people."""
    stretches = _inner_quotations(long.quote.text)
    if not stretches:
        return False
    tokens = [t for t in quote_tokens(long.quote.text) if t.norm != "…"]
    words = [t.norm for t in quote_tokens(short.quote.text) if t.norm != "…"]
    matcher = SequenceMatcher(None, words, [t.norm for t in tokens], autojunk=False)
    shared = [tokens[j] for block in matcher.get_matching_blocks() for j in range(block.b, block.b + block.size)]
    for start, end in stretches:
        inside = [t for t in tokens if start <= t.start < end]
        if shared and all(start <= t.start < end for t in shared) and len(shared) >= 0.5 * len(inside):
            return True
    return False


def _inner_quotations(text: str) -> list[tuple[int, int]]:
    """Stretches of a direct quote's text inside quote marks of its own: a single-quoted phrase
    (‘…’, '…'), or a double-quoted one opened inside the quotation (“…”); in a quote that opens with a
    single mark (the British way), a double-quoted one. The writer's words between two quoted parts
    ('…," Ek said. "…', "…,' Ek said. '…") are not inside the quotation, and a single mark after
    such words opens the next part, not a quotation inside."""
    stretches: list[tuple[int, int]] = []
    stripped = text.lstrip()
    single = stripped.startswith(("'", "‘"))
    opening, closing = ("‘'", "’'") if single else ("“\"", "”\"")
    inside = not stripped.startswith(("“", '"', "'", "‘"))
    index = 0
    while index < len(text):
        char = text[index]
        if not inside:
            inside = char in opening
            index += 1
            continue
        if char in closing and not (char in "'’" and not _word_end(text, index)):
            inside = False
        elif char == "“" or (single and char == '"' and _word_start(text, index)) or (
                not single and (char == "‘" or (char == "'" and _word_start(text, index)))):
            if char in "‘'" and _PART_BOUNDARY.search(text, 0, index):
                index += 1
                continue  # "…,' he said. 'Next part": the writer's words came before
            close = _closing(text, index)
            stretches.append((index + 1, close))
            index = close
        index += 1
    return stretches


_PART_BOUNDARY = re.compile(r"[.,!?;:]['’]\s")


def _word_end(text: str, index: int) -> bool:
    """Whether the single mark at ``index`` closes a quotation (not an apostrophe inside a word)."""
    after = text[index + 1] if index + 1 < len(text) else " "
    return not after.isalpha()


def _word_start(text: str, index: int) -> bool:
    """Whether the mark at ``index`` opens a quotation: before a word, not inside one."""
    before = text[index - 1] if index else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    return not before.isalnum() and after.isalnum()


def _closing(text: str, index: int) -> int:
    """Where the quotation opened at ``index`` closes (the end of the text when it does not)."""
    marks = "”\"" if text[index] in "“\"" else "’'"
    for position in range(index + 1, len(text)):
        after = text[position + 1] if position + 1 < len(text) else " "
        if text[position] in marks and not after.isalpha():
            return position
    return len(text)


_TITLE_WORDS = frozenset(
    ["col", "gen", "lt", "maj", "sgt", "capt", "cpt", "adm", "dr", "mr", "mrs", "ms", "sen", "rep", "gov", "pres",
     "prof", "rev", "gen.", "col."]
)


def looks_like_a_name(speaker: str) -> bool:
    """Whether a speaker string can name a person: capitalized words only (not "U.S. troops"),
    not a pronoun, not opening with an article ("A JUDGE", "The specialist"), not ending in a title
    ("U.S. Army Col"), not a long capitalized word among others ("COURTS Grobbelaar Nightlead"; a name
    printed all in capitals, "BRUCE GROBBELAAR", is one)."""
    words = re.findall(r"[^\W\d_]+(?:[-'’.][^\W\d_]+)*\.?", speaker)
    if not words or speaker.casefold() in _PRONOUNS or words[0].casefold() in {"the", "a", "an"}:
        return False
    if any(len(w) >= 5 and w.isupper() for w in words) and not all(w.isupper() for w in words):
        return False  # a wire header run into a name ("COURTS Grobbelaar Nightlead GROBBELAAR")
    if any(w[0].islower() and w.casefold() not in {"al", "bin", "de", "van", "von", "der", "la", "le", "da", "el"}
           for w in words):
        return False
    return words[-1].rstrip(".").casefold() not in _TITLE_WORDS


def _fold_name(name: str) -> str:
    return re.sub(r"^the\s+", "", name.casefold()).strip()


def _num(label: str) -> int:
    return int(re.sub(r"\D", "", label) or 0)


def _gaps(tokens: Sequence[Token], text: str = "") -> tuple[list[Token], set[int]]:
    """The quoted words without ellipses, and the word positions an ellipsis — or the writer's words
    between two quoted parts ('…," Ek said. "…'), or an editorial bracket ("all of [the] senator's
    actions", "If [Democrats] don't") — stood before: the words another printing has there are not a
    change of the speaker's words."""
    outside = _narrative(text)
    brackets = [match.start() for match in _EDITORIAL.finditer(text)]
    words: list[Token] = []
    gaps: set[int] = set()
    previous_end = 0
    for token in tokens:
        if any(previous_end <= start < token.start for start in brackets):
            gaps.add(len(words))
        previous_end = token.end
        if token.norm == "…" or any(a <= token.start < b for a, b in outside):
            gaps.add(len(words))
        else:
            words.append(token)
    if any(start >= previous_end for start in brackets):
        gaps.add(len(words))
    return words, gaps


_EDITORIAL = re.compile(r"\[[^\]]{0,80}\]")


def _narrative(text: str) -> list[tuple[int, int]]:
    """Stretches of a direct quote's text outside its double quote marks: the attribution inside a
    quote printed in two parts. The text is taken to start inside the quotation unless it starts
    with an opening mark. A quote without double marks is read for single or wire marks
    (:func:`_single_mark_narrative`)."""
    stripped = text.lstrip()
    inside = not stripped.startswith(("“", '"'))
    stretches: list[tuple[int, int]] = []
    start = 0
    for index, char in enumerate(text):
        closes = char == "”" or (char == '"' and inside)
        opens = char == "“" or (char == '"' and not inside)
        if inside and closes:
            inside, start = False, index + 1
        elif not inside and opens:
            inside = True
            if index > start:
                stretches.append((start, index))
    if not inside and start < len(text):
        stretches.append((start, len(text)))
    if not any(mark in text for mark in "“”\""):
        stretches.extend(_single_mark_narrative(text))
    return stretches


# A quote printed in single marks ("…,' he said. '…") or in a wire's marks ("…,'' he said. ``…"): the
# writer's words run from a closing mark after punctuation to the next opening mark before a word.
_SINGLE_PART_BREAK = re.compile(r"(?<=[.,!?;:…])(?:''|['’])(?=\s)[^'‘’`\n]{1,120}?(?:``|['‘])(?=\w)")
_LEADING_NARRATIVE = re.compile(r"^\s*(?:''|['’])(?![\w])[^'‘’`]{0,300}?(?:``|['‘])(?=\w)")


def _single_mark_narrative(text: str) -> list[tuple[int, int]]:
    """The writer's words inside a quote printed in single or wire marks (:func:`_narrative` reads
    double marks): between two quoted parts, and before the first when the text opens with the closing
    mark of an earlier quotation ("' said Mrs Gee. ``I wanted …")."""
    stretches = [(m.start(), m.end()) for m in _SINGLE_PART_BREAK.finditer(text)]
    leading = _LEADING_NARRATIVE.match(text)
    if leading:
        stretches.append((leading.start(), leading.end()))
    return stretches


def _surface(text: str, tokens: Sequence[Token]) -> str:
    if not tokens:
        return ""
    return text[tokens[0].start : tokens[-1].end]


def _change(before: str, after: str) -> str:
    """One wording change as a reader says it: “a” → “b”, “a” left out, “b” added."""
    if not after:
        return f"“{before}” left out"
    if not before:
        return f"“{after}” added"
    return f"“{before}” → “{after}”"


def wording_changes(first: QuoteItem, second: QuoteItem) -> list[tuple[str, str]]:
    """Words that differ between two printings of one quote, inside the stretch both print.

    Truncation at either end, words elided with an ellipsis and the writer's words between two
    quoted parts ('…," Ek said. "…') are not changes.
    """
    a_words, a_gaps = _gaps(quote_tokens(first.quote.text), first.quote.text)
    b_words, b_gaps = _gaps(quote_tokens(second.quote.text), second.quote.text)
    codes = _alignment([t.norm for t in a_words], [t.norm for t in b_words])
    equal = [i for i, code in enumerate(codes) if code[0] == "equal"]
    # A lone word in common at either end of the shared stretch ("that", "a"), more than
    # :data:`MAX_EDGE_GAP` words on a side away from the next words in common, does not show where the two
    # printings meet unless both quotes start (or end) there: "… in the past. We will do it again by making
    # that differentiation" and "… and we'll do it again. This is so much bigger that politics" go separate
    # ways after "do it again", their "that" is a coincidence ("that's just a bunch of" / "That's a bunch
    # of" keeps its "that's").
    while len(equal) > 1 and _lone(codes[equal[0]]) and not (codes[equal[0]][1] == 0 and codes[equal[0]][3] == 0) \
            and _gap(codes[equal[0]], codes[equal[1]]) > MAX_EDGE_GAP:
        equal.pop(0)
    while len(equal) > 1 and _lone(codes[equal[-1]]) and not (
            codes[equal[-1]][2] == len(a_words) and codes[equal[-1]][4] == len(b_words)) \
            and _gap(codes[equal[-2]], codes[equal[-1]]) > MAX_EDGE_GAP:
        equal.pop()
    if not any(not _lone(codes[i]) for i in equal):
        return []  # only lone words in common ("a … to … the"): two different sentences of one claim
    changes: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in codes[equal[0] : equal[-1] + 1]:
        if tag == "equal":
            continue
        if (i1 == i2 and i1 in a_gaps) or (j1 == j2 and j1 in b_gaps):
            continue  # elided with an ellipsis on the shorter side
        if (i1 in a_gaps or j1 in b_gaps) and (i1 == i2 or j1 == j2):
            continue
        changes.append((_surface(first.quote.text, a_words[i1:i2]), _surface(second.quote.text, b_words[j1:j2])))
    return changes


def _alignment(first: Sequence[str], second: Sequence[str]) -> list[tuple[str, int, int, int, int]]:
    """The opcodes of two printings' words: aligned from the start, or from the end when that lets the
    words both print reach further into the shorter printing. A repeated word can be matched in two
    places; "with all speed and all urgency" against "with all speed and urgency, all crews are …"
    is "all" left out (the shorter printing ends at "urgency"), not "urgency" added before a lone
    "all" in common."""
    forward: list[tuple[str, int, int, int, int]] = list(
        SequenceMatcher(None, first, second, autojunk=False).get_opcodes())
    n, m = len(first), len(second)
    backward: list[tuple[str, int, int, int, int]] = [
        (tag, n - i2, n - i1, m - j2, m - j1)
        for tag, i1, i2, j1, j2 in reversed(
            SequenceMatcher(None, first[::-1], second[::-1], autojunk=False).get_opcodes())
    ]
    return backward if _reach(backward, n <= m) > _reach(forward, n <= m) else forward


def _reach(codes: Sequence[tuple[str, int, int, int, int]], first_is_shorter: bool) -> int:
    """How many words of the shorter printing lie between the first and the last words in common."""
    equal = [code for code in codes if code[0] == "equal"]
    if not equal:
        return 0
    return equal[-1][2] - equal[0][1] if first_is_shorter else equal[-1][4] - equal[0][3]


MAX_EDGE_GAP = 2
"""See :func:`wording_changes`: as in :func:`_small`, more words than this dropped or added on one side
without an ellipsis are another cut of the text."""


def _lone(code: tuple[str, int, int, int, int]) -> bool:
    """Whether an opcode of :func:`wording_changes` is one word in common."""
    return code[2] - code[1] < 2


def _gap(before: tuple[str, int, int, int, int], after: tuple[str, int, int, int, int]) -> int:
    """The most words on either side between two opcodes of words in common."""
    return max(after[1] - before[2], after[3] - before[4])


def wording_conflicts(items: Sequence[QuoteItem]) -> list[Conflict]:
    """Wording conflicts between direct quotes of one claim in different articles (reported
    speech is the writer's words, so its wording may change freely).

    Each direct quote is compared with the closest printing of the claim's reference article (the
    article of its first direct quote) and changed nothing if one of them prints it word for word;
    when the reference article prints none of it or only a part, unchanged, with the first earlier
    article that does. Printings with the same changes are listed in one conflict. A change only counts when it is
    small against the stretch both print (≤ :data:`MAX_CHANGED_WORDS` words a side, ≤ 30 % of
    the compared words): larger differences are different quotes or different span cuts.
    """
    direct = [item for item in items if item.quote.direct]
    if len(direct) < 2:
        return []
    # The reference article's printings (its first direct quote's article): a printing elsewhere is
    # compared with the one of them it differs from least, and one printed there word for word
    # changed nothing (a transcript repeats "If you're just joining us, my guest is …" with other
    # endings: each repeat is the same line in both transcripts, not one line changed).
    references = [item for item in direct if item.article == direct[0].article]
    grouped: dict[tuple[str, tuple[tuple[str, str], ...]], list[QuoteItem]] = {}
    by_id = {item.id: item for item in direct}
    for position, other in enumerate(direct):
        if other.article == direct[0].article:
            continue
        same, best = _closest(other, references)
        # A printing the reference article does not print (it prints another part of the statement) is
        # compared with the first earlier article that prints that part — unless its changes there only
        # undo that article's own changes against the reference article (listed already).
        earlier = [item.article for item in direct[:position] if item.article not in {direct[0].article, other.article}]
        for article in dict.fromkeys(earlier):
            if same or best is not None:
                break
            same, best = _closest(other, [item for item in direct if item.article == article])
            if best is not None and any(
                best[1] in members and tuple((b, a) for a, b in best[2]) == signature
                for (_, signature), members in grouped.items()
            ):
                same, best = True, None
        if best is not None:
            grouped.setdefault((best[1].id, tuple(best[2])), []).append(other)
    conflicts = []
    for (reference_id, signature), members in list(grouped.items())[:MAX_PER_CLAIM]:
        reference = by_id[reference_id]
        listed = "; ".join(_change(a, b) for a, b in signature[:8])
        more = f" (+{len(signature) - 8} more)" if len(signature) > 8 else ""
        where = ", ".join(dict.fromkeys(f"a{m.article}" for m in members))
        conflicts.append(
            Conflict(
                kind="wording",
                detail=f"the quote changed between a{reference.article} and {where}: {listed}{more}",
                members=(reference.id, *(m.id for m in members)),
            )
        )
    return conflicts


def _closest(
    other: QuoteItem, references: Sequence[QuoteItem]
) -> tuple[bool, tuple[int, QuoteItem, list[tuple[str, str]]] | None]:
    """(whether one of ``references`` prints ``other`` word for word, else the (size, reference, changes)
    of the reference it differs from least by a small change, or None)."""
    best: tuple[int, QuoteItem, list[tuple[str, str]]] | None = None
    for reference in references:
        changes = [change for change in wording_changes(reference, other) if not _same_words(*change)]
        if not changes:
            if quotes_match(reference, other) \
                    and len(quote_tokens(reference.quote.text)) >= 0.8 * len(quote_tokens(other.quote.text)):
                return True, None  # the same line, printed word for word
            continue  # it shares only a part of this printing, or nothing (another sentence of the claim)
        if _small(reference, other, changes):
            size = sum(max(len(quote_tokens(a)), len(quote_tokens(b))) for a, b in changes)
            if best is None or size < best[0]:
                best = (size, reference, list(changes))
    return False, best


MAX_CHANGED_WORDS = 6

_CONTRACTIONS = (("n't", " not"), ("'ve", " have"), ("'re", " are"), ("'m", " am"), ("'ll", " will"),
                 ("'d", " would"), ("he's", "he is"), ("she's", "she is"), ("it's", "it is"),
                 ("that's", "that is"), ("there's", "there is"), ("what's", "what is"), ("let's", "let us"))
_ABBREVIATIONS = {"sen": "senator", "rep": "representative", "gov": "governor", "gen": "general", "lt": "lieutenant",
                  "col": "colonel", "dr": "doctor", "st": "saint", "pres": "president", "dept": "department",
                  "govt": "government", "u.s": "united states", "us": "united states", "%": "percent",
                  "ft": "feet", "lb": "pounds", "lbs": "pounds", "mph": "miles per hour"}
_NUMBER_WORDS = {word: str(number) for number, word in enumerate((
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"))}


# British and American spellings of one word ("normalises" / "normalizes", "colour" / "color",
# "centre" / "center", "travelled" / "traveled", "catalogue" / "catalog"): (pattern, American form).
# Each needs a stem of at least three letters (four before a doubled "l") so that "four" / "for",
# "prise" / "prize" and "filled" / "filed" stay different words.
_SPELLINGS = (
    (re.compile(r"^(\w{3,})is(e|es|ed|ing|ation|ations|er|ers)$"), r"\1iz\2"),
    (re.compile(r"^(\w{3,})ys(e|es|ed|ing)$"), r"\1yz\2"),
    (re.compile(r"^(\w{3,})our(s|ed|ing|ite|ites|able|er|ers|ful)?$"), r"\1or\2"),
    (re.compile(r"^(\w{3,})tre(s|d)?$"), r"\1ter\2"),
    (re.compile(r"^(\w{4,})ll(ed|ing|er|ers|or|ors)$"), r"\1l\2"),
    (re.compile(r"^(\w{3,})ogue(s)?$"), r"\1og\2"),
    (re.compile(r"^(def|off|pret)ence(s)?$"), r"\1ense\2"),
)
_SPELLING_WORDS = {"programme": "program", "programmes": "programs", "grey": "gray", "judgement": "judgment",
                   "ageing": "aging", "cheque": "check", "cheques": "checks", "tyre": "tire", "tyres": "tires"}


def _american(word: str) -> str:
    """A word in its American spelling, as far as the few regular British / American differences go."""
    if word in _SPELLING_WORDS:
        return _SPELLING_WORDS[word]
    for pattern, replacement in _SPELLINGS:
        if pattern.match(word):
            return pattern.sub(replacement, word)
    return word


def _spelled_out(text: str) -> str:
    value = text.casefold().replace("’", "'")
    for short, full in _CONTRACTIONS:
        value = value.replace(short, full)
    words = [_american(_NUMBER_WORDS.get(w, _ABBREVIATIONS.get(w.strip("."), w))) for w in re.findall(r"[\w.%']+", value)]
    return re.sub(r"[^\w%]", "", "".join(words))


def _same_words(before: str, after: str) -> bool:
    """Whether a change is only spelling: an abbreviation, a contraction, a space, a British spelling
    or a number in figures ("Senator Reid" / "Sen. Reid", "he's determined" / "he is determined", "paid
    into" / "paid in to", "normalises" / "normalizes", "five feet" / "5 ft")."""
    return before != after and _spelled_out(before) == _spelled_out(after)


def _small(first: QuoteItem, second: QuoteItem, changes: Sequence[tuple[str, str]]) -> bool:
    changed = 0
    for before, after in changes:
        a, b = len(quote_tokens(before)), len(quote_tokens(after))
        if max(a, b) > MAX_CHANGED_WORDS or (min(a, b) == 0 and max(a, b) > 2):
            return False  # a long run dropped or added without an ellipsis: another cut of the text
        changed += max(a, b)
    shorter = min(len(quote_tokens(first.quote.text)), len(quote_tokens(second.quote.text)))
    return changed <= 0.3 * max(1, shorter)


def surname_key(name: str) -> str:
    """A speaker's folded surname: the fallback identity when no entity resolves the name. Letters after
    the name ("QC", "MP", "Jr", "III") are not the surname."""
    words = re.findall(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", name)
    while len(words) > 1 and words[-1].casefold() in _POSTNOMINALS:
        words.pop()  # "Adrian Redgrave QC" is Redgrave
    # a double-barrelled name goes by its last part: "Llewellyn-Jones" and "Llewellyn - Jones" are one
    return re.split(r"[-‐–]", words[-1])[-1].casefold() if words else name.casefold()


_POSTNOMINALS = frozenset(["qc", "kc", "mp", "msp", "mep", "jr", "sr", "ii", "iii", "iv", "phd", "md", "esq", "obe",
                           "mbe", "cbe", "kbe"])


def person_key_from(
    entity_of: Mapping[str, str], in_article: Mapping[tuple[int, str], str] | None = None
) -> Callable[[str, int], str | None]:
    """A ``person`` function for :func:`speaker_conflicts` from a map of folded name → entity id,
    falling back to the folded surname. ``in_article`` ((article id, folded name) → entity id: the
    names each entity is printed under in each article) is asked first: the "Kelly" of an article
    about Kelly Brook is her, whoever the pile's most printed Kelly is."""
    local = in_article or {}

    def person(name: str, article: int) -> str | None:
        folded = name.casefold()
        return (local.get((article, folded)) or entity_of.get(folded) or local.get((article, surname_key(name)))
                or entity_of.get(surname_key(name)) or f"surname:{surname_key(name)}")

    return person
