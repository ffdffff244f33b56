"""Views over a dossier (``storytrace.dossier/1``): the shapes the reports and the web pages show.

Pure functions from the dossier dict to plain JSON-able dicts. The dossier is read defensively:
any optional field may be null or missing, and records that are not objects are skipped, so a
partial or newer dossier still renders. Nothing here escapes text — the templates do (autoescape),
and the Markdown writer escapes its own output.

Views, in the order a story page shows them: :func:`story_summary`, :func:`timeline`,
:func:`derivation_graph`, :func:`claim_matrix`, :func:`quotes_by_speaker`,
:func:`numbers_side_by_side`, :func:`pair_view` (aligned passages with differences),
:func:`entity_index`. :func:`story_view` bundles them.
"""

from __future__ import annotations

import datetime as dt
import difflib
import itertools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from ..leads import lead_line
from ..models import Reuse
from ..provenance import derivation_components

__all__ = [
    "DERIVED_RELATIONS",
    "DossierIndex",
    "article_view",
    "cell_value",
    "claim_index",
    "claim_matrix",
    "claim_view",
    "counted",
    "derivation_graph",
    "direction_known",
    "edge_view",
    "entity_index",
    "entity_view",
    "format_number",
    "highlight_segments",
    "normalize_id",
    "noun",
    "numbers_side_by_side",
    "pair_view",
    "published_when",
    "quantity_value",
    "quotes_by_speaker",
    "relation_label",
    "show_controls",
    "spaced",
    "story_summary",
    "story_view",
    "timeline",
    "word_diff",
]

#: Reuse relations that make the target a derivative of the source (an edge of the derivation graph).
DERIVED_RELATIONS = frozenset({"wholly_derived", "partially_derived"})

#: How the pages name a reuse relation (the JSON keeps the dossier's own names).
RELATION_LABELS = {"wholly_derived": "wholly derived", "partially_derived": "partially derived",
                   "shared_passages": "shared passages only"}


def spaced(value: Any) -> str:
    """A keyword of the dossier for a reader: ``at_least`` → "at least" (none → "")."""
    text = _text(value)
    return text.replace("_", " ") if text else ""


def relation_label(relation: Any) -> str:
    """A reuse relation for a reader: ``wholly_derived`` → "wholly derived"; none → "reuse"."""
    text = _text(relation)
    return RELATION_LABELS.get(text, text.replace("_", " ")) if text else "reuse"


def direction_known(edge: Mapping[str, Any]) -> bool:
    """Whether the analysis decided which article of a pair came from which: a direction confidence of
    0.5 or less is provenance's "unknown" (no evidence, or two copies of one wire, whose order says
    nothing about who copied whom). An edge without a confidence keeps the dossier's source → target."""
    value = edge.get("direction_confidence")
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return True
    return value > 0.5

_PREFIXES = {"article": "a", "story": "s", "claim": "c", "entity": "e", "quote": "q", "quantity": "n"}

#: Width of a box of the derivation graph; its two lines of text are cut to fit inside (see :func:`_fit`).
_BOX_WIDTH = 200
_CLAIM_LABEL_CHARS = 140
#: Beyond this many articles a story's graph and timeline are not drawn (the page says so).
MAX_DRAWN_ARTICLES = 300


_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def show_controls(text: str) -> str:
    """Bidirectional control characters made visible (``[U+202E]``): in untrusted text they can
    reorder what a reader sees (the "Trojan Source" trick), and they spill over into the page around them."""
    return _BIDI_CONTROLS.sub(lambda m: f"[U+{ord(m.group()):04X}]", text)


def format_number(value: Any) -> str:
    """A number as the conflict lines print it: ``70000000.0`` → "70 million", ``3000.0`` → "3,000",
    ``99.0`` → "99", ``2.5`` → "2.5". Anything that is not a finite number is shown as text."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return "?" if value is None else str(value)
    if value != value or value in (float("inf"), float("-inf")):
        return "?" if value != value else ("∞" if value > 0 else "-∞")
    if abs(value) >= 1_000_000 and value % 100_000 == 0:
        return f"{value / 1_000_000:g} million"
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.4f}".rstrip("0").rstrip(".")


def noun(count: Any, singular: str, plural: str | None = None) -> str:
    """``singular`` for a count of 1, else ``plural`` (``singular + "s"`` unless given)."""
    return singular if count == 1 else (plural or singular + "s")


def counted(count: Any, singular: str, plural: str | None = None) -> str:
    """"1 story", "2 stories", "1 independent origin"."""
    return f"{count} {noun(count, singular, plural)}"


def quantity_value(item: Mapping[str, Any]) -> str:
    """The value of a quantity for a reader: its range ("3,000–4,500"), else its value, with its unit."""
    low, high, value, unit = item.get("low"), item.get("high"), item.get("value"), _text(item.get("unit"))
    if low is not None and high is not None:
        shown = f"{format_number(low)}–{format_number(high)}"
    elif value is not None:
        shown = format_number(value)
    else:
        shown = "?"
    return f"{shown} {unit}" if unit else shown


_QUALIFIER_MARKS = {"at_least": "≥ ", "at_most": "≤ ", "approximately": "≈ "}


def cell_value(item: Mapping[str, Any]) -> str:
    """A quantity's value as a cell of the claim matrix shows it: :func:`quantity_value` marked by its
    qualifier ("≥ 9,000" for "more than 9,000", "≈ 5,000" for "some 5,000"), since the cell, unlike
    the lists, does not show the printed words, and the qualifier is what makes two numbers compatible
    or not (the conflicts' ``detail`` uses the same marks)."""
    mark = _QUALIFIER_MARKS.get(_text(item.get("qualifier")) or "", "")
    if mark and item.get("low") is not None and item.get("high") is not None and item.get("low") != item.get("high"):
        mark = ""  # a range says its own bounds
    return mark + quantity_value(item)


def normalize_id(kind: str, raw: str) -> str:
    """``"3"`` → ``"a3"`` for kind ``article``; ids already prefixed are returned unchanged."""
    prefix = _PREFIXES[kind]
    return f"{prefix}{raw}" if raw.isdigit() else raw


def _text(value: Any) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else str(value)


def _records(dossier: Mapping[str, Any], key: str) -> list[dict[str, Any]]:
    value = dossier.get(key)
    if not isinstance(value, list):
        return []
    return [item for item in value if isinstance(item, dict)]


def _ids(value: Any) -> list[str]:
    if not isinstance(value, list):
        return []
    return [str(item) for item in value if item is not None]


def _span(value: Any, length: int) -> tuple[int, int] | None:
    """A ``[start, end)`` span clamped into ``[0, length]``; None when missing or malformed."""
    if not isinstance(value, (list, tuple)) or len(value) != 2:
        return None
    start, end = value
    if not isinstance(start, int) or not isinstance(end, int) or isinstance(start, bool) or isinstance(end, bool):
        return None
    start, end = max(0, min(start, length)), max(0, min(end, length))
    return (start, end) if end > start else None


def _fit(text: str, size: float, width: float = _BOX_WIDTH - 16) -> str:
    """``text`` cut (with an ellipsis) so that its estimated width at ``size`` px fits ``width``."""
    flat = " ".join(show_controls(text).split())
    if _text_width(flat, size) <= width:
        return flat
    while flat and _text_width(flat + "…", size) > width:
        flat = flat[:-1]
    return flat.rstrip() + "…"


def _shorten(text: str | None, limit: int) -> str:
    if not text:
        return ""
    flat = " ".join(show_controls(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


@dataclass(slots=True)
class DossierIndex:
    """Lookups over one dossier, built once."""

    dossier: Mapping[str, Any]
    articles: dict[str, dict[str, Any]] = field(default_factory=dict)
    stories: dict[str, dict[str, Any]] = field(default_factory=dict)
    entities: dict[str, dict[str, Any]] = field(default_factory=dict)
    quotes: dict[str, dict[str, Any]] = field(default_factory=dict)
    quantities: dict[str, dict[str, Any]] = field(default_factory=dict)
    claims: dict[str, dict[str, Any]] = field(default_factory=dict)
    reuse: list[dict[str, Any]] = field(default_factory=list)
    reuse_by_article: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    quotes_by_article: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    quantities_by_article: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    claim_of_member: dict[str, str] = field(default_factory=dict)
    claims_of_article: dict[str, list[str]] = field(default_factory=dict)
    reuse_position: dict[int, int] = field(default_factory=dict)
    ordered: dict[int, tuple[Mapping[str, Any], list[str]]] = field(default_factory=dict)
    """Memo of :meth:`story_articles` (keyed by the story record; the record is kept to pin its id)."""
    stories_of_article: dict[str, list[str]] = field(default_factory=dict)
    entity_of_name: dict[str, str] = field(default_factory=dict)
    """Folded name or alias (without a leading "the") → the entity printed under it most (first listed)."""

    @classmethod
    def build(cls, dossier: Mapping[str, Any]) -> DossierIndex:
        index = cls(dossier=dossier)
        for key, table in (
            ("articles", index.articles), ("stories", index.stories), ("entities", index.entities),
            ("quotes", index.quotes), ("quantities", index.quantities), ("claims", index.claims),
        ):
            for record in _records(dossier, key):
                if record.get("id") is not None:
                    table[str(record["id"])] = record
        for edge in _records(dossier, "reuse"):
            source, target = _text(edge.get("source")), _text(edge.get("target"))
            if source is None or target is None:
                continue
            index.reuse_position[id(edge)] = len(index.reuse)
            index.reuse.append(edge)
            index.reuse_by_article.setdefault(source, []).append(edge)
            if target != source:
                index.reuse_by_article.setdefault(target, []).append(edge)
        for quote in index.quotes.values():
            index.quotes_by_article.setdefault(str(quote.get("article")), []).append(quote)
        for quantity in index.quantities.values():
            index.quantities_by_article.setdefault(str(quantity.get("article")), []).append(quantity)
        for claim_id, claim in index.claims.items():
            articles = dict.fromkeys(_ids(claim.get("articles")))
            for member in _ids(claim.get("members")):
                index.claim_of_member.setdefault(member, claim_id)
                articles[str(index.member(member).get("article"))] = None
            for article_id in articles:
                index.claims_of_article.setdefault(article_id, []).append(claim_id)
        for story_id, story in index.stories.items():
            for article_id in _ids(story.get("articles")):
                index.stories_of_article.setdefault(article_id, []).append(story_id)
        for entity_id, entity in index.entities.items():
            for name in [entity.get("name"), *(entity.get("aliases") or [])]:
                if isinstance(name, str) and name.strip():
                    index.entity_of_name.setdefault(_name_key(name), entity_id)
        return index

    def outlet(self, article_id: str) -> str:
        """The outlet of an article; when unknown, the host of its URL or its file name in brackets
        (so two unattributed articles stay apart in the matrix and the timeline). The URL is the page's
        own (a WARC record's target, a CSV row's link column) before the fetched address: a crawl's
        pages are not all from one outlet named after the crawl file."""
        article = self.articles.get(article_id, {})
        outlet = _text(article.get("outlet"))
        if outlet:
            return outlet
        source = _text(article.get("source")) or ""
        for address in (_text(article.get("url")) or "", source):
            parts = urlsplit(address)
            if parts.scheme in {"http", "https"} and parts.hostname:
                return f"[{parts.hostname}]"
        name = source.replace("\\", "/").rsplit("/", 1)[-1]
        return f"[{name}]" if name else "unknown outlet"

    def article_label(self, article_id: str) -> str:
        """The title; for an untitled article its first sentence of prose, else its id and file name
        (never a whole local path: many rows of one CSV would all read the same)."""
        article = self.articles.get(article_id, {})
        title = _text(article.get("title"))
        if title:
            return title
        text = _text(article.get("text"))
        if text:
            return lead_line(text)
        source = (_text(article.get("source")) or "").replace("\\", "/").rsplit("/", 1)[-1]
        return f"{article_id} ({source})" if source else article_id

    def story_articles(self, story: Mapping[str, Any]) -> list[str]:
        """The story's article ids that the dossier describes, earliest first (undated last; within a day,
        those whose time carries its zone by that time, the others after them: :func:`_chronological`, so
        the timeline's table never lists 10:00 before 09:30)."""
        key = id(story)
        cached = self.ordered.get(key)
        if cached is None or cached[0] is not story:
            ids = [a for a in dict.fromkeys(_ids(story.get("articles"))) if a in self.articles]
            ids.sort(key=lambda a: _chronological(self, a))
            cached = (story, ids)
            self.ordered[key] = cached
        return list(cached[1])

    def story_order(self) -> list[str]:
        """Story ids, the stories gathering the most articles first (ties in natural id order): in a pile
        of many one-article stories, the few that several outlets carried are the ones to read."""
        return sorted(self.stories, key=lambda s: (-len(self.story_articles(self.stories[s])), _natural(s)))

    def claims_in(self, article_ids: Iterable[str]) -> list[dict[str, Any]]:
        """Claims printed (by a member or by their article list) in any of ``article_ids``, in dossier order."""
        found = {c for a in article_ids for c in self.claims_of_article.get(a, ())}
        return [claim for claim_id, claim in self.claims.items() if claim_id in found]

    def _member(self, member_id: str) -> dict[str, Any]:
        return self.quotes.get(member_id) or self.quantities.get(member_id) or {}

    def member(self, member_id: str) -> dict[str, Any]:
        """A quote or quantity record by id (empty when unknown)."""
        return self._member(member_id)


def _natural(identifier: str) -> tuple[tuple[int, int, str], ...]:
    """Sort key in natural order: c2 < c18 < c100 (digits compare as numbers)."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part)
                 for part in re.split(r"(\d+)", identifier) if part)


def _numeric(identifier: str) -> int:
    digits = re.sub(r"\D", "", identifier)
    return int(digits) if digits else 0


def _date(article: Mapping[str, Any]) -> dt.date | None:
    value = _text(article.get("published"))
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _stamp(article: Mapping[str, Any]) -> tuple[str | None, dt.datetime | None]:
    """The publication date and time as a reader sees them ("2018-06-01 09:24 UTC-07:00"; "2018-05-31
    12:01, zone not given"; the date alone when no time of that day is known) and the moment in UTC
    when the time carries its zone (the only times the analysis orders articles by, see
    :mod:`storytrace.provenance`)."""
    published = _text(article.get("published"))
    stamp = _text(article.get("published_time"))
    if not published or not stamp or stamp[:10] != published[:10] or _date(article) is None:
        return published, None
    try:
        moment = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return published, None
    clock = stamp[11:].split("+")[0].split("-")[0].split("Z")[0].split(".")[0]
    if not clock:
        return published, None
    if moment.tzinfo is None:
        return f"{published[:10]} {clock}, zone not given", None
    offset = moment.utcoffset() or dt.timedelta()
    minutes = int(offset.total_seconds() // 60)
    zone = "UTC" if minutes == 0 else f"UTC{'+' if minutes > 0 else '-'}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    return f"{published[:10]} {clock} {zone}", moment.astimezone(dt.UTC)


def published_when(article: Mapping[str, Any]) -> str | None:
    """The publication date with its time of day when the dossier has one (see :func:`_stamp`)."""
    return _stamp(article)[0]


# ---- story views --------------------------------------------------------------------------------


def _article_brief(index: DossierIndex, article_id: str) -> dict[str, Any]:
    article = index.articles.get(article_id, {})
    return {
        "id": article_id,
        "title": _text(article.get("title")),
        "name": _shorten(index.article_label(article_id), 160) if article_id in index.articles else article_id,
        "outlet": _text(article.get("outlet")),
        "outlet_label": index.outlet(article_id),
        "published": _text(article.get("published")),
        "when": published_when(article),
        "words": article.get("words"),
        "source": _text(article.get("source")),
    }


def _derived_edges(index: DossierIndex, members: set[str]) -> list[dict[str, Any]]:
    """Reuse edges with both ends in ``members`` (dossier order)."""
    seen: dict[int, tuple[int, dict[str, Any]]] = {}
    for article_id in members:
        for position, edge in enumerate(index.reuse_by_article.get(article_id, ())):
            if (str(edge.get("source")) in members and str(edge.get("target")) in members
                    and str(edge.get("source")) != str(edge.get("target"))):
                seen.setdefault(id(edge), (position, edge))
    return sorted((edge for _, edge in seen.values()), key=lambda e: index.reuse_position.get(id(e), 0))


def _origins(index: DossierIndex, article_ids: list[str]) -> list[str]:
    """The independent origins of a story: one article per group of its articles joined by derivation,
    computed by :func:`storytrace.provenance.derivation_components` — the function the dossier's own
    ``independent_origins`` count comes from, so the two always agree. A group's origin is its earliest
    article (date, then id) that no article of the story was written from (its earliest article when a
    cycle leaves none). ``article_ids`` are in :meth:`DossierIndex.story_articles` order."""
    members = set(article_ids)
    position = {article_id: number for number, article_id in enumerate(article_ids)}
    derived = [e for e in _derived_edges(index, members) if e.get("relation") in DERIVED_RELATIONS]
    components = derivation_components(
        Reuse(source=position[str(e.get("source"))], target=position[str(e.get("target"))],
              relation=str(e.get("relation")), mode="", target_coverage=0.0, source_coverage=0.0,
              direction_confidence=0.0, evidence=(), passages=())
        for e in derived
    )
    targets = {str(e.get("target")) for e in derived}
    chosen: dict[int, str] = {}
    for article_id in article_ids:  # earliest first
        group = components.get(position[article_id], position[article_id])
        current = chosen.get(group)
        if current is None or (current in targets and article_id not in targets):
            chosen[group] = article_id
    return [a for a in article_ids if a in set(chosen.values())]


def story_summary(index: DossierIndex, story: Mapping[str, Any]) -> dict[str, Any]:
    """Articles, outlets and independent origins of one story.

    ``outlets`` are the outlets the articles name; ``unattributed`` counts the articles naming none
    (the charts keep those apart by file name or web host, see :meth:`DossierIndex.outlet`, but they
    are not counted as outlets).

    Independent origins: one per group of the story's articles joined by derivation (wholly or
    partially derived edges), so copies, syndication and rewrites of one another count once — the
    dossier's own computation (:func:`_origins`). ``origins`` are the articles the graph outlines in
    green. A story-level ``independent_origins`` in the dossier, when present, wins.

    ``claims`` counts the claims printed in the story's articles, ``conflicts`` those of them with a
    conflict (speaker, value or wording). ``first_published`` / ``last_published`` span the dated
    articles; ``undated`` counts the others.
    """
    article_ids = index.story_articles(story)
    origins = _origins(index, article_ids)
    given = story.get("independent_origins")
    named = [_text(index.articles.get(a, {}).get("outlet")) for a in article_ids]
    dates = [d for d in (_date(index.articles[a]) for a in article_ids) if d is not None]
    claims = index.claims_in(article_ids)
    return {
        "id": str(story.get("id")),
        "title": _text(story.get("title")) or (index.article_label(article_ids[0]) if article_ids else str(story.get("id"))),
        "articles": len(article_ids),
        "outlets": sorted({o for o in named if o}),
        "unattributed": sum(1 for o in named if not o),
        "independent_origins": given if isinstance(given, int) and not isinstance(given, bool) else len(origins),
        "origins": origins,
        "first_published": min(dates).isoformat() if dates else None,
        "last_published": max(dates).isoformat() if dates else None,
        # (the dates above are of the dated articles only: "2016-10-20 to 2016-10-20" over five articles, four
        # of them undated, read as a story of one day)
        "undated": len(article_ids) - len(dates),
        "claims": len(claims),
        "conflicts": sum(1 for c in claims if _conflicts(c)),
    }


def derivation_graph(index: DossierIndex, story: Mapping[str, Any]) -> dict[str, Any]:
    """The derivation graph of a story with a layered layout (origins in the first column).

    Layer = length of the longest derivation chain from an origin (cycles, which a correct graph
    has none of, are cut where met); within a layer nodes are ordered by the mean position of their
    sources (barycentre), which keeps edges short and crossings few.
    """
    article_ids = index.story_articles(story)[:MAX_DRAWN_ARTICLES]
    members = set(article_ids)
    edges = _derived_edges(index, members)
    origins = set(_origins(index, index.story_articles(story))) & members
    parents: dict[str, list[str]] = {a: [] for a in article_ids}
    for edge in edges:
        if edge.get("relation") in DERIVED_RELATIONS:
            parents[str(edge["target"])].append(str(edge["source"]))
    layer: dict[str, int] = {}
    visiting: set[str] = set()

    def depth(node: str) -> int:
        if node in layer:
            return layer[node]
        visiting.add(node)
        result = 0
        for parent in parents[node]:
            if parent not in visiting:  # a cycle: cut it here
                result = max(result, depth(parent) + 1)
        visiting.discard(node)
        layer[node] = result
        return result

    for node in article_ids:
        depth(node)
    columns: dict[int, list[str]] = {}
    for node in article_ids:
        columns.setdefault(layer[node], []).append(node)
    order: dict[str, int] = {}
    children = {a: sum(1 for p in parents.values() for parent in p if parent == a) for a in article_ids}
    for number in sorted(columns):
        column = columns[number]
        if number == 0:  # sources at the top, next to what they fed; origins nobody copied below
            column.sort(key=lambda n: (-children[n], article_ids.index(n)))
        else:
            column.sort(key=lambda n: (
                sum(order.get(p, 0) for p in parents[n]) / max(1, len(parents[n])), article_ids.index(n)
            ))
        for place, node in enumerate(column):
            order[node] = place
    column_width, row_height, box_width, box_height, margin = 290, 52, _BOX_WIDTH, 40, 12
    nodes = []
    for node in article_ids:
        published = _text(index.articles[node].get("published"))
        day = published[:10] if published and _date(index.articles[node]) else (published or "undated")
        sub = f"{node} · {day}" + (" · origin" if node in origins else "")
        nodes.append({
            **_article_brief(index, node),
            "label": _fit(index.outlet(node), 12),
            "sublabel": _fit(sub, 11),
            "layer": layer[node],
            "order": order[node],
            "origin": node in origins,
            "x": margin + layer[node] * column_width,
            "y": margin + order[node] * row_height,
        })
    # Many pairs that only share passages (quotes of one statement, one wire's stock phrases) hide the
    # derivations behind a web of dashes: past MAX_DRAWN_SHARED they are listed, not drawn.
    shared_count = sum(1 for e in edges if e.get("relation") not in DERIVED_RELATIONS)
    shown = [e for e in edges if shared_count <= MAX_DRAWN_SHARED or e.get("relation") in DERIVED_RELATIONS]
    linked = {str(e["source"]) for e in shown} | {str(e["target"]) for e in shown}
    loose_top = _grid_loose_nodes(nodes, linked, column_width, row_height, margin)
    position: dict[str, dict[str, Any]] = {n["id"]: n for n in nodes}
    drawn = []
    for edge in shown:
        source, target = position[str(edge["source"])], position[str(edge["target"])]
        derived = edge.get("relation") in DERIVED_RELATIONS
        x1, y1 = source["x"] + box_width, source["y"] + box_height / 2
        x2, y2 = target["x"], target["y"] + box_height / 2
        if target["x"] <= source["x"]:  # same column (shared passages, or a cut cycle): bow to the right
            x1, x2 = source["x"] + box_width, target["x"] + box_width
            bend = x1 + 40
            path = f"M{x1},{y1} C{bend},{y1} {bend},{y2} {x2},{y2}"
        elif (lane := _lane(nodes, source, target, row_height, box_height)) is not None:
            # a derivation over a column or more: along a free lane past the boxes in between, not through them
            xa = margin + (source["layer"] + 1) * column_width - 20
            xb = margin + (target["layer"] - 1) * column_width + box_width + 20
            ma, mb = (x1 + xa) / 2, (xb + x2) / 2
            path = f"M{x1},{y1} C{ma},{y1} {ma},{lane} {xa},{lane} L{xb},{lane} C{mb},{lane} {mb},{y2} {x2},{y2}"
        else:
            middle = (x1 + x2) / 2
            path = f"M{x1},{y1} C{middle},{y1} {middle},{y2} {x2},{y2}"
        drawn.append({
            "source": source["id"], "target": target["id"], "relation": _text(edge.get("relation")),
            "mode": _text(edge.get("mode")), "target_coverage": edge.get("target_coverage"),
            "direction_confidence": edge.get("direction_confidence"),
            "derived": derived, "directed": direction_known(edge), "path": path,
        })
    width = margin * 2 + max((n["x"] for n in nodes), default=margin) - margin + box_width + 48
    height = margin * 2 + max((n["y"] for n in nodes), default=margin) - margin + row_height
    return {"nodes": nodes, "edges": drawn, "width": width, "height": height, "loose_top": loose_top,
            "box_width": box_width, "box_height": box_height,
            "shared_not_drawn": shared_count if shared_count > MAX_DRAWN_SHARED else 0,
            "truncated": len(index.story_articles(story)) > MAX_DRAWN_ARTICLES}


def _lane(
    nodes: list[dict[str, Any]], source: Mapping[str, Any], target: Mapping[str, Any], row_height: int, box_height: int,
) -> float | None:
    """The height at which an edge that skips a column or more crosses the columns between its ends
    without running through their boxes: the middle of a row none of them fills, or of a gap
    between rows, whichever is nearest the edge's two ends (``None`` when it skips no column with a
    box in it: the plain curve then crosses nothing)."""
    if source.get("loose") or target.get("loose") or target["layer"] - source["layer"] < 2:
        return None
    between = [n for n in nodes if not n.get("loose") and source["layer"] < n["layer"] < target["layer"]]
    if not between:
        return None
    top = float(min(n["y"] - n["order"] * row_height for n in between))  # the first row's top (the margin)
    filled = {n["order"] for n in between}
    rows = max(filled) + 2
    gap = (row_height - box_height) / 2
    lanes = [top + r * row_height - gap for r in range(rows + 1)]
    lanes += [top + r * row_height + box_height / 2 for r in range(rows + 1) if r not in filled]
    wanted = float(source["y"] + target["y"]) / 2 + box_height / 2
    return min(lanes, key=lambda y: (abs(y - wanted), y))


LOOSE_PER_ROW = 4
"""Articles that no drawn line joins to another are set out in rows of this many boxes (at least as
many as the graph has columns) below the linked ones, not one under another in the first column."""


def _grid_loose_nodes(
    nodes: list[dict[str, Any]], linked: set[str], column_width: int, row_height: int, margin: int,
) -> int | None:
    """Move the nodes that no drawn edge touches (independent articles nobody copied: on a pile of
    many outlets, most of them) into rows below the linked ones, in their first-column order: a
    column of twenty lone boxes made the figure mostly empty height. Marks every node ``loose``;
    returns the top of the rows (``None`` when there are none)."""
    loose = sorted((n for n in nodes if n["id"] not in linked), key=lambda n: n["order"])
    for node in nodes:
        node["loose"] = node["id"] not in linked
    if not loose:
        return None
    kept = [n for n in nodes if not n["loose"]]
    columns = max((n["layer"] for n in kept), default=0) + 1
    per_row = max(columns, min(LOOSE_PER_ROW, len(loose)))
    # the linked nodes keep their layers; their rows close up where loose nodes left gaps
    for layer in {n["layer"] for n in kept}:
        for place, node in enumerate(sorted((n for n in kept if n["layer"] == layer), key=lambda n: n["order"])):
            node["order"], node["y"] = place, margin + place * row_height
    rows = max((n["order"] for n in kept), default=-1) + 1
    top = margin + rows * row_height + (row_height // 2 if rows else 0)
    for number, node in enumerate(loose):
        node["order"] = rows + number
        node["x"] = margin + (number % per_row) * column_width
        node["y"] = top + (number // per_row) * row_height
    return top


MAX_DRAWN_SHARED = 12
"""Pairs that only share passages a story's graph draws at most (dashed); past that it draws none
and says how many it left out (they stay in the story's reuse list)."""


def _text_width(text: str, size: float) -> float:
    """A generous estimate of the drawn width of ``text`` at ``size`` px in a sans-serif font (the SVG
    layout is computed here, without a browser): wide letters count more than narrow ones."""
    wide = sum(1 for c in text if c.isupper() or c in "mwMW@%" or ord(c) > 0x2E80)
    return (len(text) * 0.6 + wide * 0.35) * size


#: Timeline dots: radius 6, so centres 14 px apart never touch; at most this many dots of one outlet
#: and day side by side, further ones on a new line below (the outlet's row grows).
_DOT_STEP = 14
_DOTS_PER_LINE = 6
#: Timeline days: over at most this many days a day of many articles with a time and zone gets a wider slot
#: (at least _DAY_WIDTH px a day, _TIMED_STEP px per timed article, the plot at most _WIDEST_PLOT px wide).
_UNEVEN_DAYS = 14
_DAY_WIDTH = 90
_TIMED_STEP = 26
_WIDEST_PLOT = 1100


def _utc_clock(moment: dt.datetime, day: dt.date) -> str:
    """An instant as a UTC clock, with its UTC date when that is not the day the page printed."""
    clock = moment.strftime("%H:%M:%S" if moment.second else "%H:%M")
    return f"{clock} UTC" if moment.date() == day else f"{moment.date().isoformat()} {clock} UTC"


def _hour_ticks(start: dt.datetime, end: dt.datetime, most: int) -> list[dt.datetime]:
    """Whole UTC hours between two instants, at a step that gives at most ``most`` of them."""
    hours = (end - start).total_seconds() / 3600
    step = next((s for s in (1, 2, 3, 4, 6, 12, 24) if hours / s <= most - 1), 24)
    tick = start.replace(minute=0, second=0, microsecond=0)
    while tick < start or tick.hour % step:
        tick += dt.timedelta(hours=1)
    found = []
    while tick <= end:
        found.append(tick)
        tick += dt.timedelta(hours=step)
    return found


def timeline(index: DossierIndex, story: Mapping[str, Any]) -> dict[str, Any]:
    """Articles placed by publication date (x) and outlet (row); undated articles in a last column.

    Each day of the story's span has a slot. Within the slot of a day, the articles whose page gave a time
    with its zone are placed by that instant (the analysis compares only such times, as for ``first_seen``),
    with UTC hour ticks when the slot is wide enough; an article with a date alone or a time without a zone
    orders nothing and sits at the start of its day's slot (``unordered``, drawn hollow). ``days`` lists, for
    each day with several articles, some with an instant, those earliest first, then the others.

    The label column is as wide as the longest (shortened) outlet label, so no label is cut at the
    left edge; dots of one outlet never overlap (one that would sits beside it, up to six side by side,
    then on a further line of the outlet's row), and the drawing is as wide as its rightmost dot."""
    article_ids = index.story_articles(story)[:MAX_DRAWN_ARTICLES]
    outlets = sorted({index.outlet(a) for a in article_ids})
    labels = {name: _shorten(name, 24) for name in outlets}
    dated = {a: d for a in article_ids if (d := _date(index.articles[a])) is not None}
    moments = {a: m for a in dated if (m := _stamp(index.articles[a])[1]) is not None}
    left = round(max([60.0, *(_text_width(label, 12) + 16 for label in labels.values())]))
    top, plot_width, row_height, undated_gap = 28, 520, 30, 70
    first = min(dated.values(), default=None)
    last = max(dated.values(), default=None)
    span_days = (last - first).days if first and last else 0
    by_day: dict[dt.date, list[str]] = {}
    for article_id, day in dated.items():
        by_day.setdefault(day, []).append(article_id)
    # the slot of each day: over a fortnight or less a day of many timed articles is wider, so their instants
    # stay apart (Spotify story s2: 25 of 32 articles on 2018-06-01); over a longer span days are equal
    slots = [first + dt.timedelta(days=n) for n in range(span_days + 1)] if first else []
    if first and span_days <= _UNEVEN_DAYS:
        need = {day: max(0.0, _TIMED_STEP * sum(1 for a in by_day.get(day, []) if a in moments) - _DAY_WIDTH)
                for day in slots}
        plot_width = round(min(_WIDEST_PLOT, max(plot_width, _DAY_WIDTH * len(slots) + sum(need.values()))))
        spare = plot_width - _DAY_WIDTH * len(slots)
        total = sum(need.values())
        widths = {day: _DAY_WIDTH + (spare * need[day] / total if total else spare / len(slots)) for day in slots}
    else:
        widths = {day: plot_width / (span_days + 1) for day in slots}
    starts: dict[dt.date, float] = {}
    edge = float(left)
    for day in slots:
        starts[day] = edge
        edge += widths[day]

    def x_of(day: dt.date) -> float:
        return starts.get(day, float(left))
    wanted: dict[str, float] = {}
    hour_ticks: list[dict[str, Any]] = []
    days: list[dict[str, Any]] = []
    for day in sorted(by_day):
        members = by_day[day]
        timed = sorted((a for a in members if a in moments), key=lambda a: (moments[a], _numeric(a)))
        loose = [a for a in members if a not in moments]
        slot = widths[day]
        pad = min(_DOT_STEP, slot / 4)
        start = x_of(day) + pad + (2 * _DOT_STEP if loose and timed and slot > 6 * _DOT_STEP else 0)
        width = max(0.0, x_of(day) + slot - pad - start)
        low, high = (moments[timed[0]], moments[timed[-1]]) if timed else (None, None)
        for article_id in loose:
            wanted[article_id] = x_of(day) + pad
        for article_id in timed:
            share = (moments[article_id] - low).total_seconds() / (high - low).total_seconds() if low and high and high > low else 0.0
            wanted[article_id] = start + share * width
        if low and high and high > low and width >= 120:
            for tick in _hour_ticks(low, high, max(2, min(6, int(width // 60)))):
                hour_ticks.append({"x": round(start + (tick - low).total_seconds() / (high - low).total_seconds() * width, 1),
                                   "label": tick.strftime("%H:%M")})
        if len(members) > 1 and timed:
            days.append({
                "day": day.isoformat(),
                "ordered": [{**_article_brief(index, a), "utc": _utc_clock(moments[a], day)} for a in timed],
                "unordered": [_article_brief(index, a) for a in sorted(loose, key=_numeric)],
                "articles": len(members), "open": False,
            })
    if days:  # the day of the most articles is listed open
        max(days, key=lambda d: (d["articles"], -len(d["unordered"])))["open"] = True
    undated = [a for a in article_ids if a not in dated]
    # a dot that would touch an earlier one of its outlet moves beside it (up to six side by side), else to a
    # further line of the outlet's row
    most_shift = (_DOTS_PER_LINE - 1) * _DOT_STEP
    lines_of: dict[str, list[float]] = {name: [] for name in outlets}
    place: dict[str, tuple[str, float, int]] = {}
    provisional_undated = left + plot_width + undated_gap
    order = sorted(article_ids, key=lambda a: (a not in dated, wanted.get(a, provisional_undated), _chronological(index, a)))
    for article_id in order:
        outlet = index.outlet(article_id)
        desired = wanted.get(article_id, provisional_undated)
        lines = lines_of[outlet]
        for number, right in enumerate(lines):
            if right + _DOT_STEP <= desired + most_shift:
                x = max(desired, right + _DOT_STEP)
                lines[number] = x
                place[article_id] = (outlet, x, number)
                break
        else:
            lines.append(desired)
            place[article_id] = (outlet, desired, len(lines) - 1)
    dated_right = max((x for a, (_, x, _) in place.items() if a in dated), default=left + plot_width / 2)
    undated_x = max(provisional_undated, dated_right + 40)
    shift = undated_x - provisional_undated
    row_top: dict[str, float] = {}
    y = float(top)
    for name in outlets:
        row_top[name] = y
        y += row_height + (max(1, len(lines_of[name])) - 1) * _DOT_STEP
    rows_bottom = y
    points = []
    for article_id in article_ids:
        outlet, x, line = place[article_id]
        if article_id not in dated:
            x += shift
        points.append({
            **_article_brief(index, article_id),
            "x": round(x, 1), "y": row_top[outlet] + row_height / 2 + line * _DOT_STEP,
            "row": outlets.index(outlet),
            "label": _shorten(index.article_label(article_id), 60),
            # hollow only beside dots that are placed by their instant
            "unordered": bool(moments) and article_id in dated and article_id not in moments,
        })
    ticks = []
    if first and last:
        count = min(5, span_days + 1)
        for step in range(count):
            day = first + dt.timedelta(days=round(step * span_days / max(1, count - 1)))
            ticks.append({"x": round(x_of(day), 1), "label": day.isoformat()})
    right_edge = max([undated_x + 20, *(p["x"] + 12 for p in points)])
    hours = 16 if hour_ticks else 0
    height = round(max(rows_bottom, top + row_height) + 30 + hours)
    return {
        "outlets": [{"name": name, "y": row_top[name] + row_height / 2, "label": labels[name]} for name in outlets],
        "points": points, "ticks": ticks, "undated": bool(undated),
        "hour_ticks": hour_ticks, "hour_y": height - 24, "axis_bottom": height - 24 - hours,
        "days": days, "unordered": any(p["unordered"] for p in points),
        "undated_x": undated_x, "axis_end": right_edge,
        "left": left, "right": left + plot_width, "top": top,
        "width": round(right_edge + 40), "height": height,
    }


def _claim_label(index: DossierIndex, claim: Mapping[str, Any]) -> str:
    """The claim's own text (what ``claims`` and the JSON print), else its first printing's."""
    own = _text(claim.get("text"))
    if own:
        return _shorten(own, _CLAIM_LABEL_CHARS)
    for member in _ids(claim.get("members")):
        text = _text(index.member(member).get("text"))
        if text:
            return _shorten(text, _CLAIM_LABEL_CHARS)
    return str(claim.get("id"))


def _conflicts(claim: Mapping[str, Any]) -> list[dict[str, Any]]:
    found = claim.get("conflicts")
    if not isinstance(found, list):
        return []
    return [
        {"kind": _text(c.get("kind")), "detail": _text(c.get("detail")), "members": _ids(c.get("members"))}
        for c in found if isinstance(c, dict)
    ]


def _kinds(conflicts: list[dict[str, Any]]) -> list[str]:
    """The kinds of a claim's conflicts, each once (a badge per kind, not per conflict)."""
    return sorted({c["kind"] or "conflict" for c in conflicts})


def _said_by(index: DossierIndex, claim: Mapping[str, Any], articles: set[str]) -> list[dict[str, Any]]:
    """Who the story's printings of a quote claim credit, most printings first: the resolved
    entity's name where there is one ("Sergei Lavrov" for "Lavrov"), else the speaker as printed;
    unattributed printings are left out. A row of the claim matrix names them, so that a reader
    sees who said it without opening the claim."""
    counts: dict[str, int] = {}
    for member in _ids(claim.get("members")):
        quote = index.quotes.get(member)
        if quote is None or str(quote.get("article")) not in articles:
            continue
        speaker = _text(quote.get("speaker"))
        if not speaker:
            continue
        entity = _text(quote.get("speaker_entity"))
        name = _text(index.entities.get(entity, {}).get("name")) if entity else None
        shown = name or speaker
        key = next((k for k in counts if k.casefold() == shown.casefold()), shown)
        counts[key] = counts.get(key, 0) + 1
    return [{"name": name, "printings": count} for name, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def _printed_values(index: DossierIndex, claim: Mapping[str, Any], articles: set[str]) -> dict[str, list[dict[str, str]]]:
    """For a quantity claim, the value each article of the story printed, by outlet (what a cell of
    the claim matrix shows beside the article: a number that drifts is seen at a glance); empty for
    other claims."""
    if claim.get("kind") != "quantity":
        return {}
    printed: dict[str, list[str]] = {}  # article -> its values, in member order, each once
    for member in _ids(claim.get("members")):
        quantity = index.quantities.get(member)
        if quantity is None or str(quantity.get("article")) not in articles:
            continue
        values = printed.setdefault(str(quantity.get("article")), [])
        if (value := cell_value(quantity)) not in values:
            values.append(value)
    found: dict[str, list[dict[str, str]]] = {}
    for article_id, values in printed.items():
        # an article printing two values of one claim shows both ("3,000–4,500; ≥ 9,000"): the
        # disagreement may be inside the one article, and a cell showing the last alone hid it
        found.setdefault(index.outlet(article_id), []).append({"article": article_id, "value": "; ".join(values)})
    for cell in found.values():
        cell.sort(key=lambda item: _numeric(item["article"]))
    return found


def claim_matrix(index: DossierIndex, story: Mapping[str, Any]) -> dict[str, Any]:
    """Rows: the story's claims; columns: its outlets; a cell lists the articles of that outlet that printed it."""
    article_ids = index.story_articles(story)
    members = set(article_ids)
    outlets = sorted({index.outlet(a) for a in article_ids})
    rows: list[dict[str, Any]] = []
    for claim in index.claims_in(article_ids):
        printed: dict[str, list[str]] = {}
        for member in _ids(claim.get("members")):
            article_id = _text(index.member(member).get("article"))
            if article_id in members:
                printed.setdefault(index.outlet(article_id), []).append(article_id)
        for article_id in _ids(claim.get("articles")):
            if article_id in members and article_id not in printed.get(index.outlet(article_id), []):
                printed.setdefault(index.outlet(article_id), []).append(article_id)
        first_seen = _text(claim.get("first_seen"))
        conflicts = _conflicts(claim)
        kind = _text(claim.get("kind"))
        values = _printed_values(index, claim, members)
        rows.append({
            "claim": str(claim.get("id")),
            "kind": kind,
            "label": _claim_label(index, claim),
            "said_by": _said_by(index, claim, members) if kind == "quote" else [],
            "independent_origins": claim.get("independent_origins"),
            "first_seen": first_seen,
            "first_seen_note": _text(claim.get("first_seen_note")),
            "conflicts": conflicts,
            "conflict_kinds": _kinds(conflicts),
            "outlets": sum(1 for o in outlets if printed.get(o)),
            "cells": [
                {"outlet": o, "articles": sorted(set(printed.get(o, [])), key=_numeric),
                 "first": first_seen in printed.get(o, []),
                 "numbers": values.get(o, [])}
                for o in outlets
            ],
        })
    rows.sort(key=lambda r: (-r["outlets"], _natural(r["claim"])))
    return {"outlets": outlets, "outlet_labels": [_shorten(o, 32) for o in outlets], "rows": rows}


def _name_key(name: str) -> str:
    return re.sub(r"^the\s+", "", " ".join(name.casefold().split()))


def quotes_by_speaker(index: DossierIndex, story: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The story's quotes grouped by speaker (unattributed last), each with its outlet and claim.

    Quotes whose speakers resolve to one entity form one group under the entity's name ("Sergei
    Lavrov" and "Sergey Lavrov"); ``printed_as`` lists the other spellings the articles used.
    """
    groups: dict[tuple[str, str], dict[str, Any]] = {}
    for article_id in index.story_articles(story):
        for quote in index.quotes_by_article.get(article_id, []):
            speaker = _text(quote.get("speaker"))
            entity = _text(quote.get("speaker_entity")) if speaker else None
            if speaker and entity is None:  # an organisation named so ("the U.S. Supreme Court" = "Supreme Court")
                found = index.entity_of_name.get(_name_key(speaker))
                entity = found if found and index.entities[found].get("type") != "PERSON" else None
            key = ("entity", entity) if entity else ("name", (speaker or "").casefold())  # "The company" = "the company"
            name = _text(index.entities.get(entity, {}).get("name")) if entity else None
            group = groups.setdefault(key, {
                "speaker": name or speaker, "entity": entity, "printed_as": [], "quotes": [],
            })
            if speaker and speaker.casefold() != (group["speaker"] or "").casefold() and speaker not in group["printed_as"]:
                group["printed_as"].append(speaker)
            group["quotes"].append({
                "id": str(quote.get("id")), "text": _text(quote.get("text")) or "", "article": article_id,
                "outlet": index.outlet(article_id), "title": _text(quote.get("speaker_title")), "cue": _text(quote.get("cue")),
                "channel": _text(quote.get("channel")), "direct": quote.get("direct"),
                "claim": index.claim_of_member.get(str(quote.get("id"))),
            })
    for group in groups.values():
        group["printed_as"].sort()
    return sorted(groups.values(), key=lambda g: (g["speaker"] is None, -len(g["quotes"]), g["speaker"] or ""))


def _quantity_item(index: DossierIndex, quantity: Mapping[str, Any]) -> dict[str, Any]:
    article_id = str(quantity.get("article"))
    return {
        "id": str(quantity.get("id")), "article": article_id, "outlet": index.outlet(article_id),
        "text": _text(quantity.get("text")) or "", "value": quantity.get("value"), "low": quantity.get("low"),
        "high": quantity.get("high"), "qualifier": _text(quantity.get("qualifier")), "unit": _text(quantity.get("unit")),
        "counted": _text(quantity.get("counted")),
    }


def numbers_side_by_side(index: DossierIndex, story: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Numbers of the story compared across outlets: one group per quantity claim, then per counted thing."""
    article_ids = index.story_articles(story)
    members = set(article_ids)
    groups = []
    grouped: set[str] = set()
    for claim in index.claims_in(article_ids):
        if claim.get("kind") != "quantity":
            continue
        items = [
            _quantity_item(index, index.quantities[m]) for m in _ids(claim.get("members"))
            if m in index.quantities and str(index.quantities[m].get("article")) in members
        ]
        if not items:
            continue
        grouped.update(item["id"] for item in items)
        conflicts = _conflicts(claim)
        groups.append({
            "label": next((i["counted"] for i in items if i["counted"]), None) or _claim_label(index, claim),
            "claim": str(claim.get("id")), "conflicts": conflicts, "conflict_kinds": _kinds(conflicts),
            "conflicting": sorted({m for c in conflicts for m in c["members"]}), "items": items,
        })
    by_counted: dict[str, list[dict[str, Any]]] = {}
    for article_id in article_ids:
        for quantity in index.quantities_by_article.get(article_id, []):
            if str(quantity.get("id")) in grouped:
                continue
            counted = _text(quantity.get("counted"))
            if counted:
                by_counted.setdefault(" ".join(counted.lower().split()), []).append(_quantity_item(index, quantity))
    for label, items in sorted(by_counted.items()):
        if len({i["article"] for i in items}) > 1:  # a number printed by one article compares with nothing
            groups.append({"label": label, "claim": None, "conflicts": [], "conflict_kinds": [], "conflicting": [],
                           "items": items})
    return groups


def entity_index(index: DossierIndex, article_ids: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """Entities (of the given articles, or all), most widely printed first."""
    wanted = set(article_ids) if article_ids is not None else None
    found = []
    for entity in index.entities.values():
        articles = _ids(entity.get("articles"))
        if wanted is not None:
            articles = [a for a in articles if a in wanted]
            if not articles:
                continue
        aliases = entity.get("aliases")
        found.append({
            "id": str(entity.get("id")), "name": _text(entity.get("name")) or str(entity.get("id")),
            "type": _text(entity.get("type")),
            "aliases": [str(a) for a in aliases] if isinstance(aliases, list) else [],
            "articles": sorted(articles, key=_numeric),
        })
    return sorted(found, key=lambda e: (-len(e["articles"]), e["name"].lower()))


# ---- pairs and passages ---------------------------------------------------------------------------

_WORD = re.compile(r"\S+\s*")


def word_diff(left: str, right: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Word-level differences: each side as segments ``{"text", "changed"}`` (changed = not in the other)."""
    left_words, right_words = _WORD.findall(left), _WORD.findall(right)
    # Compare words without their trailing spaces so a re-wrapped line is not a change.
    matcher = difflib.SequenceMatcher(
        None, [w.strip() for w in left_words], [w.strip() for w in right_words], autojunk=False
    )
    left_out: list[dict[str, Any]] = []
    right_out: list[dict[str, Any]] = []

    def add(out: list[dict[str, Any]], words: list[str], changed: bool) -> None:
        if not words:
            return
        text = "".join(words)
        if out and out[-1]["changed"] == changed:
            out[-1]["text"] += text
        else:
            out.append({"text": text, "changed": changed})

    leading_left = left[: len(left) - len(left.lstrip())]
    leading_right = right[: len(right) - len(right.lstrip())]
    if leading_left:
        left_out.append({"text": leading_left, "changed": False})
    if leading_right:
        right_out.append({"text": leading_right, "changed": False})
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        add(left_out, left_words[i1:i2], tag != "equal")
        add(right_out, right_words[j1:j2], tag != "equal")
    return left_out, right_out


def _passages(edge: Mapping[str, Any]) -> list[Any]:
    found = edge.get("passages")
    return found if isinstance(found, list) else []


def _find_pair(index: DossierIndex, first: str, second: str) -> dict[str, Any] | None:
    for edge in index.reuse_by_article.get(first, []):
        ends = {str(edge.get("source")), str(edge.get("target"))}
        if ends == {first, second}:
            return edge
    return None


#: Longest passage shown whole in a side-by-side view; longer ones are cut (the page says so).
_MAX_PASSAGE_CHARS = 4000


def pair_view(index: DossierIndex, first: str, second: str) -> dict[str, Any] | None:
    """The reuse edge between two articles (either order) with its passages side by side and word differences."""
    edge = _find_pair(index, first, second)
    return None if edge is None else edge_view(index, edge)


def edge_view(index: DossierIndex, edge: Mapping[str, Any]) -> dict[str, Any]:
    """One reuse edge with its passages side by side and word differences (see :func:`pair_view`)."""
    source_id, target_id = str(edge.get("source")), str(edge.get("target"))
    source_text = _text(index.articles.get(source_id, {}).get("text")) or ""
    target_text = _text(index.articles.get(target_id, {}).get("text")) or ""
    passages = []
    raw_passages = _passages(edge)
    for number, passage in enumerate(p for p in raw_passages if isinstance(p, dict)):
        source_span = _span(passage.get("source_span"), len(source_text))
        target_span = _span(passage.get("target_span"), len(target_text))
        left = source_text[source_span[0]:source_span[1]] if source_span else ""
        right = target_text[target_span[0]:target_span[1]] if target_span else ""
        cut = len(left) > _MAX_PASSAGE_CHARS or len(right) > _MAX_PASSAGE_CHARS
        left_segments, right_segments = word_diff(left[:_MAX_PASSAGE_CHARS], right[:_MAX_PASSAGE_CHARS])
        passages.append({
            "number": number + 1, "kind": _text(passage.get("kind")), "score": passage.get("score"),
            "source_span": list(source_span) if source_span else None,
            "target_span": list(target_span) if target_span else None,
            "source_segments": left_segments, "target_segments": right_segments, "cut": cut,
        })
    evidence = edge.get("evidence")
    return {
        "source": _article_brief(index, source_id), "target": _article_brief(index, target_id),
        "relation": _text(edge.get("relation")), "mode": _text(edge.get("mode")),
        "target_coverage": edge.get("target_coverage"), "source_coverage": edge.get("source_coverage"),
        "direction_confidence": edge.get("direction_confidence"), "directed": direction_known(edge),
        "derived": edge.get("relation") in DERIVED_RELATIONS,
        "evidence": [str(e) for e in evidence] if isinstance(evidence, list) else [],
        "passages": passages,
    }


def story_view(index: DossierIndex, story_id: str) -> dict[str, Any] | None:
    """Everything a story page shows, or None when the dossier has no such story."""
    story = index.stories.get(story_id)
    if story is None:
        return None
    article_ids = index.story_articles(story)
    members = set(article_ids)
    pairs = [
        {"source": str(e.get("source")), "target": str(e.get("target")), "relation": _text(e.get("relation")),
         "mode": _text(e.get("mode")), "target_coverage": e.get("target_coverage"),
         "direction_confidence": e.get("direction_confidence"),
         "source_outlet": index.outlet(str(e.get("source"))), "target_outlet": index.outlet(str(e.get("target"))),
         "derived": e.get("relation") in DERIVED_RELATIONS, "directed": direction_known(e)}
        for e in _derived_edges(index, members)
    ]
    # who was written from whom first (the graph's arrows), then the pairs that only share passages
    pairs.sort(key=lambda p: not p["derived"])
    return {
        "story": {**story, "id": story_id, "title": _text(story.get("title")), "articles": _ids(story.get("articles"))},
        "summary": story_summary(index, story),
        "articles": [_article_brief(index, a) for a in article_ids],
        "timeline": timeline(index, story),
        "graph": derivation_graph(index, story),
        "matrix": claim_matrix(index, story),
        "quotes_by_speaker": quotes_by_speaker(index, story),
        "numbers": numbers_side_by_side(index, story),
        "pairs": pairs,
        "entities": entity_index(index, article_ids),
    }


# ---- single records ---------------------------------------------------------------------------------


def highlight_segments(text: str, marks: list[tuple[tuple[int, int], str, str]]) -> list[dict[str, Any]]:
    """Cut ``text`` at every mark boundary: segments ``{"text", "classes", "refs"}``.

    ``marks`` are ``(span, css class, reference id)``; overlapping marks stack their classes.
    """
    cuts = {0, len(text)}
    for (start, end), _, _ in marks:
        cuts.update((start, end))
    bounds = sorted(c for c in cuts if 0 <= c <= len(text))
    segments = []
    for start, end in itertools.pairwise(bounds):
        covering = [(cls, ref) for (s, e), cls, ref in marks if s <= start and end <= e]
        segments.append({
            "text": text[start:end], "start": start,
            "classes": sorted({cls for cls, _ in covering}), "refs": sorted({ref for _, ref in covering}),
        })
    return segments


#: The fields of an article in storytrace.dossier/1 (present, null when unknown, in every article view).
_ARTICLE_FIELDS = ("id", "source", "locator", "url", "title", "byline", "published", "outlet", "credits", "words",
                   "language", "text")


def article_view(index: DossierIndex, article_id: str) -> dict[str, Any] | None:
    """One article: its metadata, its text with reused passages, quotes and numbers marked, and its pairs."""
    article = index.articles.get(article_id)
    if article is None:
        return None
    text = _text(article.get("text")) or ""
    marks: list[tuple[tuple[int, int], str, str]] = []
    pairs = []
    for edge in index.reuse_by_article.get(article_id, []):
        side = "source_span" if str(edge.get("source")) == article_id else "target_span"
        other = str(edge.get("target")) if side == "source_span" else str(edge.get("source"))
        for passage in _passages(edge):
            if isinstance(passage, dict) and (span := _span(passage.get(side), len(text))):
                marks.append((span, "reused", other))
        pairs.append({
            "source": str(edge.get("source")), "target": str(edge.get("target")),
            "other": other, "other_outlet": index.outlet(other), "other_title": index.article_label(other),
            "direction": "source" if side == "source_span" else "target",
            "derived": edge.get("relation") in DERIVED_RELATIONS, "directed": direction_known(edge),
            "relation": _text(edge.get("relation")), "mode": _text(edge.get("mode")),
            "target_coverage": edge.get("target_coverage"),
        })
    # who this article was written from or for first, then the undecided copies, then shared passages
    pairs.sort(key=lambda p: (not p["derived"], not p["directed"]))
    quotes = []
    for quote in index.quotes_by_article.get(article_id, []):
        if span := _span(quote.get("span"), len(text)):
            marks.append((span, "quote", str(quote.get("id"))))
        quotes.append({
            "id": str(quote.get("id")), "text": _text(quote.get("text")), "speaker": _text(quote.get("speaker")),
            "claim": index.claim_of_member.get(str(quote.get("id"))),
        })
    quantities = []
    for quantity in index.quantities_by_article.get(article_id, []):
        if span := _span(quantity.get("span"), len(text)):
            marks.append((span, "number", str(quantity.get("id"))))
        quantities.append({**_quantity_item(index, quantity),
                           "claim": index.claim_of_member.get(str(quantity.get("id")))})
    credits = article.get("credits")
    record = {key: article.get(key) for key in _ARTICLE_FIELDS}
    return {
        "article": {
            **article, **record, "id": article_id, "text": text, "when": published_when(article),
            "credits": [c for c in credits if isinstance(c, dict)] if isinstance(credits, list) else [],
        },
        "lead": _shorten(lead_line(text), 160) if text.strip() else None,
        "segments": highlight_segments(text, marks),
        "pairs": pairs,
        "quotes": quotes,
        "quantities": quantities,
        "stories": index.stories_of_article.get(article_id, []),
        "entities": [e for e in entity_index(index, [article_id])],
    }


def _chronological(index: DossierIndex, article_id: str | None) -> tuple[Any, ...]:
    """Sort key: dated before undated, by day, then by the time of day where it has a zone (the times
    the analysis itself compares), then by article id."""
    article = index.articles.get(article_id or "", {})
    day = _date(article)
    moment = _stamp(article)[1]
    return (day is None, day or dt.date.min, moment is None, moment or dt.datetime.min.replace(tzinfo=dt.UTC),
            _numeric(article_id or ""))


def claim_view(index: DossierIndex, claim_id: str) -> dict[str, Any] | None:
    """One claim: every member with its article, outlet and publication time (earliest first), conflicts
    resolved to their members."""
    claim = index.claims.get(claim_id)
    if claim is None:
        return None
    members = []
    for member_id in _ids(claim.get("members")):
        record = index.member(member_id)
        article_id = _text(record.get("article"))
        members.append({
            "id": member_id, "kind": "quote" if member_id in index.quotes else "quantity",
            "text": _text(record.get("text")), "speaker": _text(record.get("speaker")),
            "value": record.get("value"), "low": record.get("low"), "high": record.get("high"),
            "unit": _text(record.get("unit")), "qualifier": _text(record.get("qualifier")),
            "article": article_id, "outlet": index.outlet(article_id) if article_id else None,
            "published": _text(index.articles.get(article_id or "", {}).get("published")),
            "when": published_when(index.articles.get(article_id or "", {})),
        })
    moments = {m["article"]: _stamp(index.articles.get(m["article"] or "", {}))[1] for m in members}
    if members and all(moments.values()):
        # every printing states its time with a zone: the instants decide across days too, as they do
        # for first_seen ("23:00 -05:00" on the 30th comes after "01:00 +00:00" on the 31st)
        members.sort(key=lambda m: (moments[m["article"]], _numeric(m["article"] or "")))
    else:
        members.sort(key=lambda m: _chronological(index, m["article"]))
    article_ids = list(dict.fromkeys(_ids(claim.get("articles")) + [m["article"] for m in members if m["article"]]))
    pairs = [
        {"source": str(e.get("source")), "target": str(e.get("target")), "relation": _text(e.get("relation")),
         "source_outlet": index.outlet(str(e.get("source"))), "target_outlet": index.outlet(str(e.get("target"))),
         "derived": e.get("relation") in DERIVED_RELATIONS, "directed": direction_known(e)}
        for e in _derived_edges(index, set(article_ids))
    ]
    pairs.sort(key=lambda p: not p["derived"])
    return {
        "claim": {
            "id": claim_id, "kind": _text(claim.get("kind")), "members": _ids(claim.get("members")),
            "articles": _ids(claim.get("articles")), "independent_origins": claim.get("independent_origins"),
            "first_seen": _text(claim.get("first_seen")), "conflicts": _conflicts(claim),
        },
        "first_seen_note": _text(claim.get("first_seen_note")),
        "first_seen_outlet": index.outlet(first) if (first := _text(claim.get("first_seen"))) else None,
        "conflict_printings": [
            [{"member": m, "article": a, "outlet": index.outlet(a) if a else None}
             for m in conflict["members"] for a in [_text(index.member(m).get("article"))]]
            for conflict in _conflicts(claim)
        ],
        "conflict_kinds": _kinds(_conflicts(claim)),
        "label": _claim_label(index, claim),
        "members": members,
        "pairs": pairs,
        "stories": sorted({s for a in article_ids for s in index.stories_of_article.get(a, [])}, key=_numeric),
    }


def claim_index(index: DossierIndex) -> list[dict[str, Any]]:
    """Every claim of the dossier in one list, the way a fact-checker reads them: the claims with conflicts
    first, then the most widely printed; each with its kind, label, independent origins, how many
    articles and outlets printed it, its first article, its conflicts and its stories."""
    rows: list[dict[str, Any]] = []
    for claim_id, claim in index.claims.items():
        articles = list(dict.fromkeys(
            _ids(claim.get("articles"))
            + [a for m in _ids(claim.get("members")) if (a := _text(index.member(m).get("article")))]
        ))
        known = [a for a in articles if a in index.articles]
        conflicts = _conflicts(claim)
        rows.append({
            "id": claim_id, "kind": _text(claim.get("kind")), "label": _claim_label(index, claim),
            "independent_origins": claim.get("independent_origins"),
            "articles": len(articles), "outlets": len({index.outlet(a) for a in known}),
            "first_seen": _text(claim.get("first_seen")),
            "first_seen_outlet": index.outlet(first) if (first := _text(claim.get("first_seen"))) else None,
            "conflicts": conflicts, "conflict_kinds": _kinds(conflicts),
            "stories": sorted({s for a in articles for s in index.stories_of_article.get(a, [])}, key=_numeric),
        })
    rows.sort(key=lambda r: (not r["conflicts"], -r["outlets"], -r["articles"], _natural(r["id"])))
    return rows


def entity_view(index: DossierIndex, entity_id: str) -> dict[str, Any] | None:
    """One entity: its aliases, the articles naming it, and the quotes it is credited with."""
    entity = index.entities.get(entity_id)
    if entity is None:
        return None
    record = next(e for e in entity_index(index) if e["id"] == entity_id)
    quotes = [
        {"id": str(q.get("id")), "text": _text(q.get("text")), "article": _text(q.get("article")),
         "outlet": index.outlet(str(q.get("article"))), "claim": index.claim_of_member.get(str(q.get("id")))}
        for q in index.quotes.values() if _text(q.get("speaker_entity")) == entity_id
    ]
    return {
        "entity": record,
        "articles": [_article_brief(index, a) for a in record["articles"] if a in index.articles],
        "quotes": quotes,
    }


# ---- the pile as a whole -------------------------------------------------------------------------

CONFLICT_KINDS = ("speaker", "value", "wording")


def _count(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def pile_totals(index: DossierIndex) -> dict[str, Any]:
    """The pile's totals as the dossier's ``summary`` states them (articles, stories, reuse pairs,
    independent origins, claims, conflicts by kind, articles by language; ``und`` = undetermined;
    ``template_pages``: pages whose text is their site's template).
    A count the summary lacks is counted from the records where that is the same thing, else None.
    ``languages`` is a list of ``{"code", "articles"}``, the most common first (ties by code)."""
    raw = index.dossier.get("summary")
    summary: Mapping[str, Any] = raw if isinstance(raw, Mapping) else {}
    conflicts_raw = summary.get("conflicts")
    conflicts: dict[str, int] = {}
    for kind in CONFLICT_KINDS:
        stated = _count(conflicts_raw.get(kind)) if isinstance(conflicts_raw, Mapping) else None
        conflicts[kind] = stated if stated is not None else sum(
            1 for c in index.claims.values() for x in _conflicts(c) if x.get("kind") == kind)
    languages_raw = summary.get("languages")
    if isinstance(languages_raw, Mapping):
        languages = {str(k): n for k, v in languages_raw.items() if (n := _count(v)) is not None}
    else:
        found = [_text(a.get("language")) for a in index.articles.values()]
        languages = {}
        if any(found):
            for code in found:
                languages[code or "und"] = languages.get(code or "und", 0) + 1

    def given(key: str, fallback: int | None) -> int | None:
        value = _count(summary.get(key))
        return value if value is not None else fallback

    return {
        "articles": given("articles", len(index.articles)),
        "stories": given("stories", len(index.stories)),
        "reuse_pairs": given("reuse_pairs", len(index.reuse)),
        "independent_origins": given("independent_origins", None),
        "claims": given("claims", len(index.claims)),
        "conflicts": conflicts,
        "languages": [{"code": code, "articles": n}
                      for code, n in sorted(languages.items(), key=lambda kv: (-kv[1], kv[0]))],
        # pages whose text is their site's template, not an article (storytrace.compare.templates)
        "template_pages": sum(1 for a in index.articles.values() if a.get("template") is True),
    }
