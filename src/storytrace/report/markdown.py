"""The dossier report as Markdown: the same sections as the HTML file, as text and tables.

Article text is untrusted: :func:`escape` turns every character Markdown (or HTML inside Markdown)
could read as markup into an escaped or entity form, and table cells never break their row.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from .view import counted, published_when, quantity_value, relation_label, show_controls, spaced

__all__ = ["escape", "markdown_report"]

#: First line of every Markdown report: storytrace ingest knows its own reports by it and refuses them.
_GENERATOR = "<!-- generator: storytrace -->"

_SPECIAL = re.compile(r"([\\`*\[\]|~]|(?<![^\W_])_|_(?![^\W_]))")
"""Characters that make markup wherever they stand (emphasis, code, links, table cells, strikethrough;
an underscore only at a word's edge: "wholly_derived" stays as it is)."""
_LINE_START = re.compile(r"(?m)^(\s*)([#>+\-=])")
_LIST_NUMBER = re.compile(r"(?m)^(\s*\d+)([.)])")
"""What makes markup only at the start of a line: a heading, a quote, a list item, a rule."""


def _published(summary: Mapping[str, Any]) -> str:
    first, last = summary.get("first_published"), summary.get("last_published")
    if not first:
        return "- Published: dates unknown"
    undated = summary.get("undated") or 0
    more = f" ({undated} undated)" if undated else ""
    if not last or last == first:
        return f"- Published: {escape(first)}{more}"
    return f"- Published: {escape(first)} to {escape(last)}{more}"


def escape(text: Any, *, cell: bool = False) -> str:
    """Markdown-safe text: HTML characters as entities, markup characters backslash-escaped.

    With ``cell``, line breaks become spaces so a table row stays one row.
    """
    if text is None:
        return "—"
    value = show_controls(str(text)).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    value = _SPECIAL.sub(r"\\\1", value)
    value = _LIST_NUMBER.sub(r"\1\\\2", _LINE_START.sub(r"\1\\\2", value))
    if cell:
        value = " ".join(value.split())
    return value


def _anchor(identifier: str) -> str:
    return f"`{str(identifier).replace('`', '')}`"


def _segments(parts: Iterable[Mapping[str, Any]], marker: str) -> str:
    out = []
    for part in parts:
        text = escape(part.get("text"), cell=True)
        out.append(f"{marker}{text}{marker}" if part.get("changed") and text.strip() else text)
    return " ".join(out)


def _value(item: Mapping[str, Any]) -> str:
    return quantity_value(item)


def _confidence(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _direction_known(value: Any) -> bool:
    """Whether the direction of a pair was decided: 0.5 (or less) is provenance's "unknown" (no evidence,
    or two copies of one wire). A pair without a confidence keeps the dossier's source → target."""
    confidence = _confidence(value)
    return confidence is None or confidence > 0.5


def _direction(value: Any) -> str:
    """The direction confidence as the report prints it: "; direction 0.80", "; direction unknown (0.50)"."""
    confidence = _confidence(value)
    if confidence is None:
        return ""
    return f"; direction {confidence:.2f}" if confidence > 0.5 else f"; direction unknown ({confidence:.2f})"


def _pair(lines: list[str], pair: Mapping[str, Any], level: str = "####") -> None:
    source, target = pair["source"], pair["target"]
    arrow = "→" if _direction_known(pair.get("direction_confidence")) else "—"
    lines += [f"{level} {escape(source['outlet'] or 'unknown outlet')} ({escape(source['id'])}) {arrow} "
              f"{escape(target['outlet'] or 'unknown outlet')} ({escape(target['id'])})", "",
              f"{escape(relation_label(pair['relation']))}, {escape(pair['mode'] or '?')}"
              f"{escape(_direction(pair.get('direction_confidence')))}", ""]
    if "source_stories" in pair:
        lines += [f"Source in {', '.join(escape(s) for s in pair['source_stories']) or 'no story'}; "
                  f"target in {', '.join(escape(s) for s in pair['target_stories']) or 'no story'}.", ""]
    for evidence in pair["evidence"]:
        lines.append(f"- {escape(evidence, cell=True)}")
    for passage in pair["passages"]:
        lines += ["", f"Passage {passage['number']} ({escape(passage['kind'] or '?')}):", "",
                  f"> source: {_segments(passage['source_segments'], '~~')}", ">",
                  f"> target: {_segments(passage['target_segments'], '**')}"]
    lines.append("")


def _story(lines: list[str], view: Mapping[str, Any]) -> None:
    summary = view["summary"]
    lines += [f"## Story {escape(summary['id'])}: {escape(summary['title'])}", ""]
    if summary["articles"] == 1 and len(view["timeline"]["points"]) == 1:
        _lone_story(lines, view)
        return
    lines += [
        f"- Articles: {summary['articles']}",
        f"- Outlets ({len(summary['outlets'])}): {escape(', '.join(summary['outlets'])) or 'none named'}"
        + (f"; {summary['unattributed']} without an outlet" if summary.get("unattributed") else ""),
        f"- Independent origins: {summary['independent_origins']}"
        + (f" ({', '.join(escape(o) for o in summary['origins'])})" if summary.get("origins") else ""),
        _published(summary),
        "",
        "### Timeline",
        "",
        "| date | outlet | article |",
        "| --- | --- | --- |",
    ]
    for point in view["timeline"]["points"]:
        lines.append(f"| {escape(point['when'] or 'undated')} | {escape(point['outlet'], cell=True)} | "
                     f"{_anchor(point['id'])} {escape(point['label'], cell=True)} |")
    lines += ["", "### Derivation graph", ""]
    graph = view["graph"]
    origins = [n["id"] for n in graph["nodes"] if n["origin"]]
    lines.append(f"Origins: {', '.join(_anchor(o) for o in origins) or '—'}")
    lines.append("")
    if graph["edges"]:
        lines += ["`a` → `b`: b was written from a; `a` — `b`: which one was written from the other is unknown; "
                  "`a` ↔ `b`: passages shared, neither derived from the other.", ""]
    for edge in graph["edges"]:
        decided = _direction_known(edge.get("direction_confidence"))
        arrow = "↔" if not edge["derived"] else "→" if decided else "—"
        coverage = edge.get("target_coverage")
        share = f", {round(coverage * 100)}% of the target" if isinstance(coverage, (int, float)) else ""
        lines.append(f"- {_anchor(edge['source'])} {arrow} {_anchor(edge['target'])}: "
                     f"{escape(relation_label(edge['relation']))} ({escape(edge['mode'] or '?')}{share})"
                     f"{escape(_direction(edge.get('direction_confidence')))}")
    if not graph["edges"]:
        lines.append("No reuse between these articles.")
    lines.append("")
    _matrix_section(lines, view)
    lines.append("")
    _quotes_section(lines, view)
    _numbers_section(lines, view)
    lines += ["### Reused passages", ""]
    if view.get("pair_views"):
        lines += ["Words only in the source are ~~struck~~; words only in the target are **bold**.", ""]
    else:
        lines += ["No reuse between the articles of this story.", ""]
    for pair in view.get("pair_views", []):
        _pair(lines, pair)
    _entities_section(lines, view)


def _said_by(row: Mapping[str, Any]) -> str:
    """What a quote row of the claim matrix adds: " — said by X (2), Y (1)" (three names at most, as the HTML)."""
    speakers = row.get("said_by") or []
    if not speakers:
        return ""
    counted = len(speakers) > 1
    names = ", ".join(escape(s["name"], cell=True) + (f" ({s['printings']})" if counted else "") for s in speakers[:3])
    more = f" and {len(speakers) - 3} more" if len(speakers) > 3 else ""
    return f" — said by {names}{more}"


def _matrix_section(lines: list[str], view: Mapping[str, Any]) -> None:
    lines += ["### Claims by outlet", ""]
    matrix = view["matrix"]
    if matrix["rows"]:
        lines.append("| claim | independent origins | " + " | ".join(escape(o, cell=True) for o in matrix["outlets"]) + " |")
        lines.append("| --- | --- | " + " | ".join("---" for _ in matrix["outlets"]) + " |")
        for row in matrix["rows"]:
            badges = "".join(f" **{escape(kind)} conflict**" for kind in row["conflict_kinds"])
            cells = []
            for cell in row["cells"]:
                shown = {item["article"]: item["value"] for item in cell.get("numbers", [])}
                names = ", ".join(escape(a) + (f" ({escape(shown[a], cell=True)})" if a in shown else "")
                                  for a in cell["articles"])
                cells.append((f"{names} (first)" if cell["first"] else names) or "·")
            origins_count = row["independent_origins"] if row["independent_origins"] is not None else "—"
            lines.append(f"| {escape(row['claim'])} {escape(row['label'], cell=True)}{_said_by(row)}{badges} | "
                         f"{origins_count} | " + " | ".join(cells) + " |")
        # a badge alone does not say what disagrees: each conflict's detail under the table, as the HTML does
        details = [f"- {escape(row['claim'])}, {escape(conflict['kind'] or '')} conflict: "
                   f"{escape(conflict['detail'], cell=True)}"
                   for row in matrix["rows"] for conflict in row["conflicts"] if conflict.get("detail")]
        if details:
            lines += ["", "Conflicts:", "", *details]
    else:
        lines.append("No quote or number was matched across articles in this story.")


def _quotes_section(lines: list[str], view: Mapping[str, Any]) -> None:
    lines += ["### Quotes by speaker", ""]
    for group in view["quotes_by_speaker"]:
        printed = f" (also printed as {escape(', '.join(group['printed_as']))})" if group.get("printed_as") else ""
        lines += [f"#### {escape(group['speaker'] or 'Unattributed')}{printed}", ""]
        for quote in group["quotes"]:
            direct = quote.get("direct")
            kind = ", in quotation marks" if direct is True else ", reported speech" if direct is False else ""
            role = f", as {escape(quote['title'], cell=True)}" if quote.get("title") else ""
            cue = role + kind + (f", {escape(quote['cue'])}" if quote.get("cue") else "")
            # quotation marks only around words the article prints as a quotation
            words = escape(quote["text"], cell=True)
            shown = words if direct is False else f"“{words}”"
            lines.append(f"- {shown} — {escape(quote['outlet'], cell=True)} ({escape(quote['article'])}{cue})")
        lines.append("")
    if not view["quotes_by_speaker"]:
        lines += ["No quotes found.", ""]


def _numbers_section(lines: list[str], view: Mapping[str, Any]) -> None:
    lines += ["### Numbers side by side", ""]
    for group in view["numbers"]:
        badges = "".join(f" **{escape(kind)} conflict**" for kind in group.get("conflict_kinds", []))
        lines += [f"#### {escape(group['label'], cell=True)}{badges}", "", "| outlet | value | qualifier | as printed |",
                  "| --- | --- | --- | --- |"]
        for item in group["items"]:
            lines.append(f"| {escape(item['outlet'], cell=True)} ({escape(item['article'])}) | {escape(_value(item))} | "
                         f"{escape(spaced(item['qualifier']) or None)} | {escape(item['text'], cell=True)} |")
        for conflict in group["conflicts"]:
            if conflict.get("detail"):
                lines.append(f"\n> {escape(conflict['detail'], cell=True)}")
        lines.append("")
    if not view["numbers"]:
        lines += ["No number is printed by more than one article.", ""]


def _entities_section(lines: list[str], view: Mapping[str, Any]) -> None:
    lines += ["### Entities", ""]
    for entity in view["entities"]:
        aliases = f" (also {escape(', '.join(entity['aliases']), cell=True)})" if entity["aliases"] else ""
        lines.append(f"- {escape(entity['name'], cell=True)}{aliases}, {escape(entity['type'])}: "
                     f"{', '.join(escape(a) for a in entity['articles'])}")
    lines.append("")


def _lone_story(lines: list[str], view: Mapping[str, Any]) -> None:
    """A story of one article, compact as the HTML report shows it: the article, then only the
    sections that have something (no timeline, graph or reuse of one article)."""
    (point,) = view["timeline"]["points"]
    lines += [f"One article: {_anchor(point['id'])} {escape(point['label'], cell=True)} — "
              f"{escape(point['outlet'], cell=True)}, {escape(point['when'] or 'undated')}", ""]
    if view["matrix"]["rows"]:  # claims its quotes or numbers share with articles of other stories
        _matrix_section(lines, view)
        lines.append("")
    if view["quotes_by_speaker"]:
        _quotes_section(lines, view)
    if view["numbers"]:
        _numbers_section(lines, view)
    if view["entities"]:
        _entities_section(lines, view)
    if not (view["matrix"]["rows"] or view["quotes_by_speaker"] or view["numbers"] or view["entities"]):
        lines += ["No quotes, numbers or names found.", ""]


def _totals_line(totals: Mapping[str, Any]) -> str:
    """The pile's totals in one line (as the HTML report's top shows them)."""
    def count(value: Any, singular: str, plural: str | None = None) -> str:
        return counted(value if value is not None else "?", singular, plural)

    conflicts = totals.get("conflicts") or {}
    parts = [
        count(totals.get("articles"), "article"), count(totals.get("stories"), "story", "stories"),
        count(totals.get("reuse_pairs"), "reuse pair"), count(totals.get("independent_origins"), "independent origin"),
        count(totals.get("claims"), "claim"),
        count(sum(conflicts.values()), "conflict") + " (" + ", ".join(f"{k} {v}" for k, v in conflicts.items()) + ")",
    ]
    if totals.get("template_pages"):
        parts.append(count(totals.get("template_pages"), "template page") + " (their site's template, not articles)")
    languages = totals.get("languages") or []
    if languages:
        parts.append("languages: " + ", ".join(
            f"{x['code']}{' (undetermined)' if x['code'] == 'und' else ''} {x['articles']}" for x in languages))
    return "Totals: " + escape(" · ".join(parts))


def markdown_report(report: Mapping[str, Any]) -> str:
    """Markdown for a report built by :func:`storytrace.report.build_report`."""
    views = report["views"]
    articles = [a for a in report.get("articles", []) if isinstance(a, dict)]
    lines = [
        _GENERATOR,
        f"# Dossier: {counted(len(views['stories']), 'story', 'stories')}, {counted(len(articles), 'article')}",
        "",
        f"Schema {escape(report.get('schema'))}; {escape(counted(len(report.get('claims') or []), 'claim'))}.",
        "",
    ]
    totals = views.get("totals")
    if totals:
        lines += [_totals_line(totals), ""]
    for view in views["stories"]:
        _story(lines, view)
    lines += ["## Reuse across stories", ""]
    if not views.get("other_pairs"):
        lines += ["None: all reuse is between articles of one story.", ""]
    for pair in views.get("other_pairs", []):
        _pair(lines, pair, "###")
    lines += ["## Claims", ""]
    for claim in views["claims"]:
        record = claim["claim"]
        conflicts = "".join(f" **{escape(kind)} conflict**" for kind in claim.get("conflict_kinds", []))
        origins = escape(counted(record["independent_origins"], "independent origin"))
        first = record.get("first_seen")
        seen = (f"first seen {escape(claim.get('first_seen_outlet') or 'unknown outlet', cell=True)} ({escape(first)})"
                if first else "first seen unknown" + (f" ({escape(claim['first_seen_note'], cell=True)})"
                                                      if claim.get("first_seen_note") else ""))
        lines.append(f"- {escape(record['id'])} ({escape(record['kind'])}, {origins}, {seen}){conflicts}: "
                     f"{escape(claim['label'], cell=True)}")
        for conflict in record.get("conflicts", []):
            if conflict.get("detail"):
                lines.append(f"  - {escape(conflict['kind'] or '')} conflict: {escape(conflict['detail'], cell=True)}")
    lines += ["", "## Articles", "", "| id | outlet | published | title | words |", "| --- | --- | --- | --- | --- |"]
    for article in articles:
        lines.append(f"| {escape(article.get('id'))} | {escape(article.get('outlet'), cell=True)} | "
                     f"{escape(published_when(article))} | {escape(article.get('title'), cell=True)} | "
                     f"{escape(article.get('words'))} |")
    lines += ["", "## Entity index", ""]
    for entity in views["entities"]:
        lines.append(f"- {escape(entity['name'], cell=True)} ({escape(entity['type'])}): "
                     f"{', '.join(escape(a) for a in entity['articles'])}")
    return "\n".join(lines) + "\n"
