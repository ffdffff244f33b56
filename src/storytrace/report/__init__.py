"""Dossier reports: JSON, Markdown and one self-contained offline HTML file.

Stages: :func:`load_dossier` (the latest analysis in a store) → :func:`build_report` (the dossier
plus the views of :mod:`storytrace.report.view`) → :func:`render_json`, :func:`render_markdown` or
:func:`render_html`. The HTML file inlines its CSS and SVG, runs no script and loads nothing; its
own Content-Security-Policy forbids both, so hostile article text stays inert even if the
escaping were ever wrong.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Callable, Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from markupsafe import Markup

from ..errors import NoAnalysisError, UsageError
from .view import (
    DossierIndex,
    article_view,
    claim_index,
    claim_view,
    counted,
    edge_view,
    entity_index,
    format_number,
    noun,
    pair_view,
    pile_totals,
    quantity_value,
    relation_label,
    show_controls,
    spaced,
    story_summary,
    story_view,
)

__all__ = [
    "FORMATS",
    "build_report",
    "load_dossier",
    "other_pairs",
    "render",
    "render_html",
    "render_json",
    "render_markdown",
    "resolve_story_id",
    "story_subset",
    "stylesheet",
    "template_environment",
    "write_report",
]

Format = Literal["html", "md", "json"]
FORMATS: tuple[Format, ...] = ("html", "md", "json")
UrlFunction = Callable[..., str]


def load_dossier(db: str | Path) -> dict[str, Any]:
    """The dossier of the latest analysis in the store at ``db``.

    Raises :class:`~storytrace.errors.StoreMissingError` when there is no store and
    :class:`~storytrace.errors.NoAnalysisError` when the pile was never analysed.
    """
    from ..store import Store

    with Store.open(db, create=False, read_only=True) as store:
        dossier = store.latest_dossier()
    if dossier is None:
        raise NoAnalysisError(
            f"{db} has not been analysed yet", hint=f"run 'storytrace analyze --db {db}' first"
        )
    return dossier


def resolve_story_id(dossier: Mapping[str, Any], given: str) -> str:
    """The dossier's id of the story a user named as ``s3``, ``S3`` or ``3`` (every ``--story`` option).

    Raises :class:`~storytrace.errors.UsageError` when the dossier has no such story.
    """
    wanted = given.strip().lower()
    if wanted.isdigit():
        wanted = f"s{int(wanted)}"
    known = [str(s.get("id")) for s in dossier.get("stories") or [] if isinstance(s, dict)]
    if wanted not in known:
        shown = ", ".join(known[:10]) + (", …" if len(known) > 10 else "")
        raise UsageError(f"no story {given!r} in the latest analysis", hint=f"stories: {shown or 'none'}")
    return wanted


def story_subset(dossier: Mapping[str, Any], story_id: str) -> dict[str, Any]:
    """The dossier cut down to one story: its articles, the reuse between them, their quotes, numbers and
    entities, and the claims printed in them (members outside the story dropped). Still meets the contract.

    Raises :class:`~storytrace.errors.UsageError` when the dossier has no such story.
    """
    wanted = resolve_story_id(dossier, story_id)
    stories = [s for s in dossier.get("stories") or [] if isinstance(s, dict) and str(s.get("id")) == wanted]
    members = {str(a) for a in stories[0].get("articles") or []}

    def keep(key: str, test: Callable[[dict[str, Any]], bool]) -> list[dict[str, Any]]:
        return [r for r in dossier.get(key) or [] if isinstance(r, dict) and test(r)]

    quotes = keep("quotes", lambda q: str(q.get("article")) in members)
    quantities = keep("quantities", lambda n: str(n.get("article")) in members)
    kept_members = {str(r.get("id")) for r in quotes + quantities}
    claims = []
    for claim in keep("claims", lambda c: bool(members & {str(a) for a in c.get("articles") or []})):
        claims.append({**claim,
                       "members": [m for m in claim.get("members") or [] if str(m) in kept_members],
                       "articles": [a for a in claim.get("articles") or [] if str(a) in members]})
    entities = [
        {**e, "articles": [a for a in e.get("articles") or [] if str(a) in members]}
        for e in keep("entities", lambda e: bool(members & {str(a) for a in e.get("articles") or []}))
    ]
    subset = {
        **dossier,
        "articles": keep("articles", lambda a: str(a.get("id")) in members),
        "stories": stories,
        "reuse": keep("reuse", lambda r: str(r.get("source")) in members and str(r.get("target")) in members),
        "entities": entities, "quotes": quotes, "quantities": quantities, "claims": claims,
    }
    # the pile's summary would describe what the subset left out: count what it keeps
    subset["summary"] = {
        "articles": len(subset["articles"]), "stories": 1, "reuse_pairs": len(subset["reuse"]),
        "independent_origins": story_summary(DossierIndex.build(subset), stories[0])["independent_origins"],
        "claims": len(claims),
        "conflicts": {
            kind: sum(1 for c in claims for x in c.get("conflicts") or [] if isinstance(x, dict) and x.get("kind") == kind)
            for kind in ("speaker", "value", "wording")
        },
    }
    return subset


def build_report(dossier: Mapping[str, Any]) -> dict[str, Any]:
    """Deterministic (the same dossier gives the same report, byte for byte). The dossier (unchanged, so it still meets ``storytrace.dossier/1``) plus ``views``: per story the
    summary, timeline, derivation graph, claim matrix, quotes by speaker, numbers, aligned passages and
    entities; every claim resolved (the claims with conflicts first, then the most widely printed); the
    entity index."""
    index = DossierIndex.build(dossier)
    stories = []
    for story_id in index.story_order():
        view = story_view(index, story_id)
        if view is None:  # pragma: no cover - ids come from the index itself
            continue
        view["pair_views"] = [
            p for p in (pair_view(index, pair["source"], pair["target"]) for pair in view["pairs"]) if p is not None
        ]
        stories.append(view)
    # conflicts first, then the most widely printed (the order of the claims page of the web app)
    claims = [c for c in (claim_view(index, row["id"]) for row in claim_index(index)) if c is not None]
    return {
        **dossier,
        "views": {
            "stories": stories,
            "other_pairs": other_pairs(index, stories),
            "claims": claims,
            "entities": entity_index(index),
            "totals": pile_totals(index),
        },
    }


def other_pairs(index: DossierIndex, stories: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Pair views of the dossier's reuse edges that no story shows: the two articles are in different
    stories (or one is in none). Each carries ``source_stories`` and ``target_stories``. Together with the
    stories' ``pair_views`` every edge of the dossier's ``reuse`` list is shown once."""
    shown = {(p["source"]["id"], p["target"]["id"]) for s in stories for p in s.get("pair_views", [])}
    found = []
    for edge in index.reuse:
        source, target = str(edge.get("source")), str(edge.get("target"))
        if source == target or (source, target) in shown:
            continue
        view = edge_view(index, edge)
        key = (view["source"]["id"], view["target"]["id"])
        if key in shown:
            continue
        shown.add(key)
        found.append({**view, "source_stories": index.stories_of_article.get(key[0], []),
                      "target_stories": index.stories_of_article.get(key[1], [])})
    return found


def render_json(dossier: Mapping[str, Any]) -> str:
    """The report as JSON: the dossier with its ``views``."""
    return json.dumps(build_report(dossier), ensure_ascii=False, indent=1)


def _report_url(kind: str, identifier: str, other: str | None = None) -> str:
    """Links inside the single-file report are anchors."""
    if kind == "pair":
        return f"#pair-{identifier}-{other}"
    return f"#{identifier}"


def _finalize(value: Any) -> Any:
    if isinstance(value, Markup):  # already rendered (a macro's output): its text was shown through here
        return value
    return show_controls(value) if isinstance(value, str) else value


def template_environment(url: UrlFunction, *extra: Any) -> Any:
    """A Jinja environment (autoescape on, undefined names fail loudly) over ``extra`` loaders and the
    report templates, with ``url(kind, id[, other])`` as a global."""
    import jinja2

    loaders = [*extra, jinja2.PackageLoader("storytrace.report", "templates")]
    environment = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_finalize,
    )
    environment.globals["url"] = url
    environment.filters["number"] = format_number
    environment.filters["quantity"] = quantity_value
    environment.filters["counted"] = counted
    environment.filters["noun"] = noun
    environment.filters["relation"] = relation_label
    environment.filters["spaced"] = spaced
    return environment


@cache
def stylesheet() -> str:
    """The one stylesheet of the report and the web pages."""
    return resources.files("storytrace.report").joinpath("templates/storytrace.css").read_text(encoding="utf-8")


def _style_hash() -> str:
    """CSP hash of the report's inline <style> block (its exact text, newlines included)."""
    digest = hashlib.sha256(f"\n{stylesheet()}\n".encode()).digest()
    return "sha256-" + base64.b64encode(digest).decode()


def render_html(dossier: Mapping[str, Any]) -> str:
    """One self-contained HTML file: inline CSS and SVG, no script, no network."""
    report = build_report(dossier)
    index = DossierIndex.build(dossier)
    environment = template_environment(_report_url)
    template = environment.get_template("report.html")
    return str(template.render(
        schema=dossier.get("schema"),
        css=Markup(stylesheet()),  # our own file, not article text: raw inside <style>
        style_hash=_style_hash(),
        stories=report["views"]["stories"],
        other_pairs=report["views"]["other_pairs"],
        claims=report["views"]["claims"],
        entities=report["views"]["entities"],
        totals=report["views"]["totals"],
        articles=list(index.articles),
        article_views=[v for v in (article_view(index, a) for a in index.articles) if v is not None],
    ))


def render_markdown(dossier: Mapping[str, Any]) -> str:
    """The report as Markdown (text from articles is escaped so it cannot become markup)."""
    from .markdown import markdown_report

    return markdown_report(build_report(dossier))


def render(dossier: Mapping[str, Any], fmt: str) -> str:
    """The report in ``fmt`` (html, md or json)."""
    if fmt == "html":
        return render_html(dossier)
    if fmt == "md":
        return render_markdown(dossier)
    if fmt == "json":
        return render_json(dossier)
    raise UsageError(f"unknown report format {fmt!r}", hint=f"use one of {', '.join(FORMATS)}")


def write_report(dossier: Mapping[str, Any], fmt: str, out: str | Path) -> Path:
    """Render and write the report; returns the path written."""
    target = Path(out)
    target.parent.mkdir(parents=True, exist_ok=True)
    text = render(dossier, fmt)
    target.write_text(text, encoding="utf-8")
    return target
