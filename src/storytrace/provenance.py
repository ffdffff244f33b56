"""Provenance: which side of a reuse pair is the source, and how many independent origins a set
of articles has once copies, syndication and rewrites are collapsed.

Direction evidence, strongest first; each piece votes for one side with a weight, and
``direction_confidence`` is the winning side's margin of the votes, smoothed (0.5 = unknown):

1. an explicit credit in one article naming the other's outlet ("syndicated from X",
   "appeared first on X", "the original source of this article is X", a wire dateline), or a
   report attributed in its text to the party whose copy the other is ("the Associated Press
   reported", "according to Reuters", "told the AP": :func:`attribution_to`);
2. publication dates (the earlier one is the source; unknown dates give no vote): times with a
   UTC offset on both sides decide, also on one day and across a date line; otherwise the days,
   when they differ (a time without a zone is of an unknown zone: it orders nothing on its day);
3. containment asymmetry: the side mostly made of the shared passages is the copy;
4. information loss: a copy rarely adds more than it keeps, so the longer side leans source.

Two copies of one wire (both carry the copy of a party that is neither article's outlet, or one
does and the other is the same text with no byline or credit, and neither credits the other) are
undecided, 0.5, whatever 2–4 say. Names compare through
:func:`storytrace.normalize.party_key` ("AP" and "The Associated Press" are one party).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from .models import Article, Reuse
from .normalize import WIRE_NAMES, party_key

__all__ = ["Direction", "attribution_to", "decide_direction", "derivation_components", "independent_origins"]

CREDIT_WEIGHT = 4.0
DATE_WEIGHT = 2.0
CONTAINMENT_WEIGHT = 1.0
LENGTH_WEIGHT = 0.5
PRIOR = 1.0
"""Votes the confidence is smoothed with: credit alone 0.83, credit and date 0.88, length alone 0.6."""

DERIVED = {"wholly_derived", "partially_derived"}


@dataclass(frozen=True, slots=True)
class Direction:
    source_is_first: bool
    confidence: float
    evidence: tuple[str, ...]
    attributed: bool = False
    """The target reports, in its own words, what the source's party reported ("the Associated
    Press reported", "according to Reuters", "told the AP"): :func:`attribution_to`."""


def _label(article: Article) -> str:
    return article.outlet or f"article {article.id}"


def _names_of(article: Article) -> set[str]:
    names = {article.outlet or ""}
    return {party_key(n) for n in names if n and len(party_key(n)) >= 2}


def _same_party(name: str, names: Iterable[str]) -> bool:
    """Whether a :func:`~storytrace.normalize.party_key` names one of ``names`` (or, for names of
    four characters or more, is part of one or contains one: "cnet" and "cnet news")."""
    return any(name == n or (len(n) >= 4 and (n in name or name in n)) for n in names)


def _credits_name(article: Article, other: Article) -> str | None:
    """The credit line of ``article`` naming ``other``'s outlet, if any."""
    other_names = _names_of(other)
    if not other_names:
        return None
    for credit in article.credits:
        if credit.kind == "copyright":
            continue
        if _same_party(party_key(credit.name), other_names):
            return f"credit line in {article.outlet or 'the copy'}: {credit.kind.replace('_', ' ')} {credit.name}"
    return None


def _third_party(article: Article, other: Article) -> str | None:
    """The name of a party ``article`` credits (a wire's copyright, "via", "from") that is the
    outlet of neither article, if any: then the two may share a source the pile does not hold."""
    names = _names_of(article) | _names_of(other)
    for credit in article.credits:
        name = party_key(credit.name)
        if len(name) >= 2 and not _same_party(name, names):
            return credit.name
    return None


_NAME = r"[A-Z][\w.&'’-]*(?:\s+(?:of\s+)?[A-Z][\w.&'’-]*){0,4}"
_ATTRIBUTING = re.compile(
    rf"\b(?:according\s+to|told|(?:first\s+)?reported\s+by|in\s+an\s+interview\s+with)\s+(?:the\s+)?(?P<after>{_NAME})"
    rf"|\b(?:the\s+)?(?P<before>{_NAME})\s+(?:first\s+)?(?:reported|reports|wrote|writes|said|says|quoted)\b"
)
"""A party named as the one that reported something: "the Associated Press reported", "according
to Reuters", "told the AP", "first reported by The Wall Street Journal"."""


_VIA = re.compile(rf"\bvia\s+(?:the\s+)?(?P<via>{_NAME})\s*(?:\)|:)")
"""A passage handed on from a party, the writer's pointer to where it comes from: "(via Politico):"
before a block quote of Politico's report, "… (via The Hill)"."""


def _attributions(text: str) -> dict[str, str]:
    """Party key → the phrase that attributes a report to that party, as printed (the first one)."""
    found: dict[str, str] = {}
    for match in [*_ATTRIBUTING.finditer(text), *_VIA.finditer(text)]:
        groups = match.groupdict()
        name = groups.get("after") or groups.get("before") or groups.get("via") or ""
        key = party_key(name)
        if len(key) >= 2:
            found.setdefault(key, " ".join(match.group(0).split()).rstrip("):").rstrip())
    return found


def attribution_to(target: Article, source: Article) -> tuple[str, str] | None:
    """(the party, the phrase) when ``target`` attributes, in its text, a report to the party whose
    copy ``source`` is — ``source``'s outlet, or a wire ``source`` carries (its credit, byline,
    agency line or dateline) — and ``target`` is no copy of that party itself (an AP story's "she
    told The Associated Press" is AP's own reporting)."""
    own = _names_of(target) | set(_wire_marks(target))
    marks = _wire_marks(source)
    parties = _names_of(source) | set(marks)
    for key, phrase in _attributions(target.text).items():
        if _names_party(key, parties) and not _names_party(key, own):
            named = next((marks[k][0] for k in marks if _names_party(key, {k})), source.outlet or key)
            return named, phrase
    return None


def _names_party(key: str, parties: Iterable[str]) -> bool:
    """Whether a party key is one of ``parties`` or, at four characters or more, a run of whole
    words of one of them or the other way round ("new york times" and "the new york times
    magazine"); never a fragment of a word ("he" is not in "miamiherald com")."""
    words = key.split()
    for party in parties:
        if key == party:
            return True
        other = party.split()
        if len(key) >= 4 and len(party) >= 4 and (_runs_in(words, other) or _runs_in(other, words)):
            return True
    return False


def _runs_in(part: list[str], whole: list[str]) -> bool:
    return any(whole[i : i + len(part)] == part for i in range(len(whole) - len(part) + 1))


_OPENER_WORDS = 40
"""How far into the text a wire's mark counts as its credit ("NEW YORK (AP) —", "The Associated
Press May 31, 2018 12:01 PM NEW YORK …" from a flattened page header)."""


def _wire_marks(article: Article) -> dict[str, tuple[str, str]]:
    """Party key → (the party's name as printed, how ``article`` carries its copy): its credit
    lines (any party), and for the wires of :data:`~storytrace.normalize.WIRE_NAMES` also a byline
    naming the wire ("AMIR VERA, CNN"), an agency line opening the text ("Associated Press"), a
    dateline's "(AP) —" or the wire's full name ("The Associated Press") among the opening words."""
    marks: dict[str, tuple[str, str]] = {}
    for credit in article.credits:
        marks.setdefault(party_key(credit.name), (credit.name, f"credits {credit.name}"))
    for part in re.split(r",|\band\b|\|", article.byline or ""):
        name = re.sub(r"^by\s+", "", part.strip(), flags=re.IGNORECASE)
        if party_key(name) in WIRE_NAMES:
            marks.setdefault(party_key(name), (name, f"has the byline {article.byline}"))
    paragraphs = [article.text[start:end] for start, end in article.paragraphs[:3]] or article.text.split("\n\n")[:3]
    for paragraph in paragraphs:
        name = paragraph.strip()
        if party_key(name) in WIRE_NAMES and len(name.split()) <= 5:
            marks.setdefault(party_key(name), (name, f"opens with the agency line {name}"))
    opening = " ".join(article.text.split()[:_OPENER_WORDS])
    for name in re.findall(r"\(([^()\n]{1,40})\)\s*[—–-]", opening):
        if party_key(name) in WIRE_NAMES:
            marks.setdefault(party_key(name), (name, f"carries the dateline credit ({name})"))
    # a name in brackets is a photo credit ("(J. Scott Applewhite/Associated Press)"), not the story's;
    # a name the text attributes a report to ("…, the Associated Press reported") is another's source
    folded = f" {party_key(_ATTRIBUTING.sub(' ', re.sub(r'[(][^()]*[)]', ' ', opening)))} "
    for key, names in WIRE_NAMES.items():
        for name in names:
            if len(name.split()) >= 2 and f" {name} " in folded:
                marks.setdefault(key, (name.title(), f"names {name.title()} in its opening words"))
    return marks


COPY_SHARE = 0.8
"""A page at least this share of which lies in the passages it shares with another carries that
text (whole or trimmed), not a story of its own written around some of it."""

WIRE_STORY_SHARE = 0.5
"""An uncredited page that holds the whole of a credited wire copy (at least :data:`COPY_SHARE` of
the copy) and is at least this share that text is a longer version of the wire's story (wires
update their stories, subscribers trim them), not a story of its own written around it."""

_UNDECIDED = (" (undecided: two copies of one wire do not tell who copied whom; the more shared one is"
              " listed as the target)")


def _common_wire(
    first: Article, second: Article, label: Callable[[Article], str], *, first_coverage: float, second_coverage: float
) -> str | None:
    """Evidence that both articles are copies of one third party (a wire neither is the outlet
    of): each credits it, or carries its byline, agency line or dateline — or one does, and the
    other is a page with no byline and no credit of anyone that is mostly the same text (at least
    :data:`COPY_SHARE` of it shared: a wire's subscribers print its copy uncredited, and the
    scraper may drop the credit line), or that holds the whole copy and is at least
    :data:`WIRE_STORY_SHARE` that text (a longer version of the wire's story). Which copy was first, or longer, says nothing then about
    who copied whom."""
    outlets = _names_of(first) | _names_of(second)
    first_marks, second_marks = _wire_marks(first), _wire_marks(second)
    for key in sorted(first_marks.keys() & second_marks.keys()):
        if len(key) < 2 or _same_party(key, outlets):
            continue
        name = first_marks[key][0] if first_marks[key][1].startswith("credits") else second_marks[key][0]
        return f"both copies of {name}: {label(first)} {first_marks[key][1]}, {label(second)} {second_marks[key][1]}{_UNDECIDED}"
    for marked, marks, marked_share, bare, bare_marks, bare_share in (
        (first, first_marks, first_coverage, second, second_marks, second_coverage),
        (second, second_marks, second_coverage, first, first_marks, first_coverage),
    ):
        if bare_marks or bare.byline:
            continue
        if bare_share >= COPY_SHARE:
            how = f"is the same text ({bare_share:.0%} of it shared)"
        elif marked_share >= COPY_SHARE and bare_share >= WIRE_STORY_SHARE:
            how = (f"holds the whole copy ({marked_share:.0%} of {label(marked)} shared) and is mostly that text"
                   f" ({bare_share:.0%} of it shared)")
        else:
            continue
        for key in sorted(marks):
            if key in WIRE_NAMES and not _same_party(key, outlets):
                return (f"both copies of {marks[key][0]}: {label(marked)} {marks[key][1]}, {label(bare)} {how}"
                        f" with no byline or credit{_UNDECIDED}")
    return None


def _moment(article: Article) -> dt.datetime | None:
    """The publication time with its UTC offset, or None (no time, or no zone printed with it)."""
    if not article.published_time or article.published_time[:10] != article.published:
        return None
    try:
        moment = dt.datetime.fromisoformat(article.published_time)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def _publication_order(first: Article, second: Article) -> tuple[bool, tuple[str, str]] | None:
    """(whether ``first`` came out first, the two stamps compared), or None when unknown or equal."""
    first_moment, second_moment = _moment(first), _moment(second)
    if first_moment is not None and second_moment is not None:
        if first_moment == second_moment:
            return None
        return first_moment < second_moment, (str(first.published_time), str(second.published_time))
    if first.published and second.published and first.published != second.published:
        return first.published < second.published, (first.published, second.published)
    return None


def _credited_copy(first: Article, second: Article, first_coverage: float, second_coverage: float,
                   thirds: tuple[str | None, str | None]) -> Article | None:
    """The article containment would call the copy (the more shared one, and the shorter), when it
    credits a party neither article is (``thirds``: each one's, :func:`_third_party`) and the other
    article credits no such party."""
    if abs(first_coverage - second_coverage) < 0.1:
        return None
    second_is_copy = second_coverage > first_coverage
    copy, other = (second, first) if second_is_copy else (first, second)
    copy_third, other_third = (thirds[1], thirds[0]) if second_is_copy else thirds
    if copy.words >= other.words or not copy_third or other_third:
        return None
    return copy


def decide_direction(
    first: Article, second: Article, *, first_coverage: float, second_coverage: float
) -> Direction:
    """Which of two related articles is the source.

    ``first_coverage`` is the share of ``first``'s words inside passages shared with ``second``
    (and the other way round).
    """
    def label(article: Article) -> str:
        # two articles of one outlet ("62% of canadafreepress.com is shared vs 21% of
        # canadafreepress.com") are told apart by their ids
        same = (first.outlet or "").casefold() == (second.outlet or "").casefold()
        return f"{_label(article)} (a{article.id})" if same and article.outlet else _label(article)

    votes = {True: 0.0, False: 0.0}  # True: first is the source
    evidence: list[str] = []
    credit = _credits_name(second, first)
    if credit:
        votes[True] += CREDIT_WEIGHT
        evidence.append(credit)
    credit = _credits_name(first, second)
    if credit:
        votes[False] += CREDIT_WEIGHT
        evidence.append(credit)
    attributed = False
    for source, target in ((first, second), (second, first)):
        found = attribution_to(target, source)
        if found is not None:
            votes[source is first] += CREDIT_WEIGHT
            attributed = True
            evidence.append(f"{label(target)} attributes its report to {found[0]} (“{found[1]}”), whose copy"
                            f" {label(source)} is")
    if attributed and votes[True] == votes[False]:
        attributed = False  # each attributes to the other: no side
    if not evidence:
        # neither names the other: two copies of one wire are undecided whatever else says
        wire = _common_wire(first, second, label, first_coverage=first_coverage, second_coverage=second_coverage)
        if wire:
            # no side wins; the more shared one is shown as the copy, so its relation (a wholly
            # copied page) is the one classified
            return Direction(first_coverage <= second_coverage, 0.5, (wire,))
    thirds = (_third_party(first, second), _third_party(second, first))
    for article, third in zip((first, second), thirds, strict=True):
        if third:
            evidence.append(f"{label(article)} credits {third}, which is neither article's outlet: "
                            f"both may be copies of {third} (no vote)")
    order = _publication_order(first, second)
    if order is not None:
        earlier_first, (first_stamp, second_stamp) = order
        votes[earlier_first] += DATE_WEIGHT
        earlier, later = (first, second) if earlier_first else (second, first)
        earlier_stamp, later_stamp = (first_stamp, second_stamp) if earlier_first else (second_stamp, first_stamp)
        evidence.append(f"{label(earlier)} published {earlier_stamp}, before {label(later)} ({later_stamp})")
    # The article the containment and length would call the copy names where it comes from: a wire
    # neither article is (the other does not credit it). Then the other holding most of it and more
    # says the other was built on that wire's text too, not that it was the copy's source (a tabloid's
    # 689-word story around the AP copy a network site prints whole, "© The Associated Press").
    credited_copy = _credited_copy(first, second, first_coverage, second_coverage, thirds)
    if credited_copy is not None:
        other, wire = (second, thirds[0]) if credited_copy is first else (first, thirds[1])
        evidence.append(f"{label(credited_copy)} credits {wire} and {label(other)} holds most of it:"
                        f" {label(other)} may be built on {wire}'s text too (containment and length give no vote)")
    if abs(first_coverage - second_coverage) >= 0.1 and credited_copy is None:
        second_is_copy = second_coverage > first_coverage
        votes[second_is_copy] += CONTAINMENT_WEIGHT
        copy, other = (second, first) if second_is_copy else (first, second)
        copy_share, other_share = (second_coverage, first_coverage) if second_is_copy else (first_coverage, second_coverage)
        evidence.append(
            f"containment: {copy_share:.0%} of {label(copy)} is shared vs {other_share:.0%} of {label(other)}"
            f" (favours {label(other)} as source)"
        )
    if first.words != second.words and max(first.words, second.words) >= 1.2 * min(first.words, second.words) \
            and credited_copy is None:
        longer, shorter = (first, second) if first.words > second.words else (second, first)
        votes[longer is first] += LENGTH_WEIGHT
        evidence.append(
            f"information loss: {label(longer)} has {longer.words} words, {label(shorter)} {shorter.words}"
            f" (weakly favours {label(longer)} as source)"
        )
    total = votes[True] + votes[False]
    if total == 0 or votes[True] == votes[False]:
        return Direction(True, 0.5, tuple(evidence) or ("no direction evidence",))
    winner = votes[True] > votes[False]
    # Laplace-smoothed share of the votes: one weak hint alone stays close to 0.5.
    confidence = (votes[winner] - votes[not winner] + PRIOR) / (votes[winner] - votes[not winner] + 2 * PRIOR)
    # the attribution counts for the relation only when it points the way the votes do
    target = second if winner else first
    source = first if winner else second
    return Direction(winner, round(confidence, 3), tuple(evidence),
                     attributed=attributed and attribution_to(target, source) is not None)


def derivation_components(reuses: Iterable[Reuse]) -> dict[int, int]:
    """Article id → representative id, joining articles linked by a derivation (not shared quotes)."""
    parent: dict[int, int] = {}

    def find(node: int) -> int:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for reuse in reuses:
        if reuse.relation in DERIVED:
            root_a, root_b = find(reuse.source), find(reuse.target)
            if root_a != root_b:
                parent[max(root_a, root_b)] = min(root_a, root_b)
    return {node: find(node) for node in list(parent)}


def independent_origins(article_ids: Sequence[int], reuses: Iterable[Reuse]) -> int:
    """How many independent origins a set of articles has: copies, syndication and rewrites of one
    another count once."""
    components = derivation_components(reuses)
    return len({components.get(article_id, article_id) for article_id in set(article_ids)})
