"""A small pile written for the report and web tests, and a hand-built dossier over it.

Six articles about two invented events. Story s1: a local paper's flood report (the origin), a wire
copy that changes a number, a rewrite that credits a quote to someone else, and a hostile page
(script tags, event handlers, ``javascript:`` links, a 6,300-character word, RTL and zero-width
characters) sharing one passage. Story s2: two independent reports of a bridge closure, one undated.

The dossier follows ``storytrace.dossier/1``; its spans are found in the stored clean text, so they
point at the right characters whatever the normalizer keeps.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from storytrace.ingest import ingest
from storytrace.settings import IngestOptions
from storytrace.store import Store

HOSTILE_TITLE = '<script>alert("title")</script> Flood <img src=x onerror=alert(1)>'
LONG_WORD = "Kestrel" * 900

ORIGIN = (
    "Floodwater reached the old market in Kestrel Bay on Friday night after the river broke its banks "
    "upstream of the ferry landing.\n\n"
    "About 1,200 residents were moved to the sports hall, the council said.\n\n"
    "\u201cWe have never seen the river rise this fast,\u201d said Mayor Ines Okafor, standing by the "
    "flooded quay.\n\n"
    "Volunteers filled 4,000 sandbags before dawn, and the coastguard sent two boats to the lower town. "
    "Schools will stay closed until Wednesday."
)
WIRE = (
    "Floodwater reached the old market in Kestrel Bay on Friday night after the river broke its banks "
    "upstream of the ferry landing.\n\n"
    "About 1,500 residents were moved to the sports hall, the council said.\n\n"
    "\u201cWe have never seen the river rise this fast,\u201d said Mayor Ines Okafor, standing by the "
    "flooded quay.\n\n"
    "Volunteers filled 4,000 sandbags before dawn. Schools will stay closed until Wednesday, officials added."
)
REWRITE = (
    "The river at Kestrel Bay burst its banks on Friday, flooding the old market and forcing hundreds "
    "from their homes.\n\n"
    "\u201cWe have never seen the river rise this fast,\u201d said spokesman Tomas Reyes.\n\n"
    "Some 1,500 residents spent the night in the sports hall. Forecasters expect more rain on Monday."
)
HOSTILE = (
    "Click <a href=\"javascript:alert('link')\">here</a> and [here](javascript:alert(2)) for the "
    "flood map.\n\n"
    "<script>document.body.innerHTML='owned'</script> <img src=x onerror=\"alert('img')\"> "
    "<svg onload=alert(3)></svg>\n\n"
    "\u201cWe have never seen the river rise this fast,\u201d said Mayor Ines Okafor.\n\n"
    "\u0645\u0631\u062d\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645 \u202ereversed text\u202c "
    "zero\u200bwidth \U0001f30a and more words here.\n\n"
    f"{LONG_WORD}\n\n"
    "The harbour stayed open. javascript:alert(4) is not a link."
)
BRIDGE_A = (
    "The Alder Street bridge in Kestrel Bay closed on Tuesday after inspectors found cracks in two "
    "supporting piers.\n\n"
    "Engineers said repairs would take at least 6 weeks. Some 9,000 drivers cross the bridge each day."
)
BRIDGE_B = (
    "Drivers face long detours in Kestrel Bay: the Alder Street bridge is shut while crews examine "
    "damaged piers.\n\n"
    "\u201cSafety comes first,\u201d said engineer Priya Natarajan. Repairs could take 8 weeks, she said."
)

ARTICLES: list[dict[str, Any]] = [
    {"key": "origin", "title": "River floods Kestrel Bay market", "outlet": "Harbour Gazette",
     "date": "2024-03-01", "text": ORIGIN},
    {"key": "wire", "title": "Kestrel Bay flood forces 1,500 from homes", "outlet": "Coastline Wire",
     "date": "2024-03-02", "text": WIRE},
    {"key": "rewrite", "title": "Hundreds flee as Kestrel Bay river bursts", "outlet": "Daily Lantern",
     "date": "2024-03-03", "text": REWRITE},
    {"key": "hostile", "title": HOSTILE_TITLE, "outlet": "<b>Evil</b> Outlet \u202eXSS",
     "date": "2024-03-03", "text": HOSTILE},
    {"key": "bridge_a", "title": "Alder Street bridge closed for repairs", "outlet": "Harbour Gazette",
     "date": "2024-04-09", "text": BRIDGE_A},
    {"key": "bridge_b", "title": "Bridge closure brings detours", "outlet": "Valley Post",
     "date": None, "text": BRIDGE_B},
]

QUOTE = "We have never seen the river rise this fast"


def _span(text: str, snippet: str) -> list[int]:
    start = text.index(snippet)
    return [start, start + len(snippet)]


def write_pile(folder: Path) -> Path:
    """The six articles as one JSONL file (title, outlet, date, text)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "sample.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for article in ARTICLES:
            row = {k: v for k, v in article.items() if k != "key" and v is not None}
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


def build_dossier(store: Store) -> dict[str, Any]:
    """A contract-conformant dossier over the stored sample articles."""
    stored = {a.title: a for a in store.articles()}
    by_key = {spec["key"]: stored[spec["title"]] for spec in ARTICLES}
    aid = {key: f"a{article.id}" for key, article in by_key.items()}
    text = {key: article.text for key, article in by_key.items()}
    articles = [
        {"id": aid[key], "source": a.source, "title": a.title, "byline": a.byline, "published": a.published,
         "outlet": a.outlet, "credits": [{"kind": c.kind, "name": c.name} for c in a.credits],
         "words": a.words, "text": a.text}
        for key, a in by_key.items()
    ]
    first_para = "Floodwater reached the old market in Kestrel Bay on Friday night after the river broke its banks"
    reuse = [
        {"source": aid["origin"], "target": aid["wire"], "relation": "wholly_derived", "mode": "verbatim",
         "target_coverage": 0.86, "direction_confidence": 0.8,
         "evidence": ["published 1 day earlier", "<script>alert('evidence')</script>"],
         "passages": [
             {"source_span": _span(text["origin"], first_para), "target_span": _span(text["wire"], first_para),
              "kind": "verbatim", "score": 1.0},
             {"source_span": _span(text["origin"], "About 1,200 residents were moved to the sports hall"),
              "target_span": _span(text["wire"], "About 1,500 residents were moved to the sports hall"),
              "kind": "near_verbatim", "score": 0.9},
         ]},
        {"source": aid["wire"], "target": aid["rewrite"], "relation": "partially_derived", "mode": "paraphrase",
         "target_coverage": 0.41, "direction_confidence": 0.6, "evidence": ["published 1 day earlier"],
         "passages": [
             {"source_span": _span(text["wire"], "About 1,500 residents were moved to the sports hall"),
              "target_span": _span(text["rewrite"], "Some 1,500 residents spent the night in the sports hall"),
              "kind": "paraphrase", "score": 0.74},
         ]},
        {"source": aid["origin"], "target": aid["hostile"], "relation": "shared_passages", "mode": "verbatim",
         "target_coverage": 0.05, "direction_confidence": 0.0, "evidence": [],
         "passages": [
             {"source_span": _span(text["origin"], QUOTE), "target_span": _span(text["hostile"], QUOTE),
              "kind": "quote", "score": 1.0},
         ]},
    ]
    entities = [
        {"id": "e1", "name": "Ines Okafor", "type": "PERSON", "aliases": ["Mayor Okafor"],
         "articles": [aid["origin"], aid["wire"], aid["hostile"]]},
        {"id": "e2", "name": "Kestrel Bay", "type": "GPE", "aliases": [],
         "articles": [aid[k] for k in ("origin", "wire", "rewrite", "hostile", "bridge_a", "bridge_b")]},
        {"id": "e3", "name": "Tomas Reyes", "type": "PERSON", "aliases": [], "articles": [aid["rewrite"]]},
        {"id": "e4", "name": "<img src=x onerror=alert('entity')>", "type": "ORG", "aliases": ["javascript:alert(5)"],
         "articles": [aid["hostile"]]},
    ]
    quotes = []
    for number, (key, speaker, entity, cue) in enumerate([
        ("origin", "Ines Okafor", "e1", "said"), ("wire", "Ines Okafor", "e1", "said"),
        ("rewrite", "Tomas Reyes", "e3", "said"), ("hostile", "Ines Okafor", "e1", "said"),
    ], start=1):
        quotes.append({"id": f"q{number}", "article": aid[key], "text": QUOTE, "span": _span(text[key], QUOTE),
                       "speaker": speaker, "speaker_entity": entity, "cue": cue, "channel": None, "direct": True})
    quotes.append({"id": "q5", "article": aid["bridge_b"], "text": "Safety comes first",
                   "span": _span(text["bridge_b"], "Safety comes first"), "speaker": "Priya Natarajan",
                   "speaker_entity": None, "cue": "said", "channel": None, "direct": True})
    quantities = [
        {"id": "n1", "article": aid["origin"], "text": "About 1,200 residents",
         "span": _span(text["origin"], "About 1,200 residents"), "value": 1200, "low": None, "high": None,
         "qualifier": "approximately", "unit": None, "counted": "residents"},
        {"id": "n2", "article": aid["wire"], "text": "About 1,500 residents",
         "span": _span(text["wire"], "About 1,500 residents"), "value": 1500, "low": None, "high": None,
         "qualifier": "approximately", "unit": None, "counted": "residents"},
        {"id": "n3", "article": aid["rewrite"], "text": "Some 1,500 residents",
         "span": _span(text["rewrite"], "Some 1,500 residents"), "value": 1500, "low": None, "high": None,
         "qualifier": "approximately", "unit": None, "counted": "residents"},
        {"id": "n4", "article": aid["origin"], "text": "4,000 sandbags", "span": _span(text["origin"], "4,000 sandbags"),
         "value": 4000, "low": None, "high": None, "qualifier": "exact", "unit": None, "counted": "sandbags"},
        {"id": "n5", "article": aid["wire"], "text": "4,000 sandbags", "span": _span(text["wire"], "4,000 sandbags"),
         "value": 4000, "low": None, "high": None, "qualifier": "exact", "unit": None, "counted": "sandbags"},
        {"id": "n6", "article": aid["bridge_a"], "text": "at least 6 weeks",
         "span": _span(text["bridge_a"], "at least 6 weeks"), "value": 6, "low": None, "high": None,
         "qualifier": "at_least", "unit": "week", "counted": None},
        {"id": "n7", "article": aid["bridge_b"], "text": "8 weeks", "span": _span(text["bridge_b"], "8 weeks"),
         "value": 8, "low": None, "high": None, "qualifier": "exact", "unit": "week", "counted": None},
    ]
    claims = [
        {"id": "c1", "kind": "quote", "members": ["q1", "q2", "q3", "q4"],
         "articles": [aid["origin"], aid["wire"], aid["rewrite"], aid["hostile"]], "independent_origins": 1,
         "first_seen": aid["origin"],
         "conflicts": [{"kind": "speaker", "detail": "credited to Ines Okafor and to Tomas Reyes",
                        "members": ["q1", "q3"]}]},
        {"id": "c2", "kind": "quantity", "members": ["n1", "n2", "n3"],
         "articles": [aid["origin"], aid["wire"], aid["rewrite"]], "independent_origins": 1,
         "first_seen": aid["origin"],
         "conflicts": [{"kind": "value", "detail": "1,200 vs 1,500 residents moved", "members": ["n1", "n2"]}]},
        {"id": "c3", "kind": "quantity", "members": ["n4", "n5"], "articles": [aid["origin"], aid["wire"]],
         "independent_origins": 1, "first_seen": aid["origin"], "conflicts": []},
        {"id": "c4", "kind": "quantity", "members": ["n6", "n7"], "articles": [aid["bridge_a"], aid["bridge_b"]],
         "independent_origins": 2, "first_seen": None,
         "conflicts": [{"kind": "value", "detail": "at least 6 weeks vs 8 weeks of repairs", "members": ["n6", "n7"]}]},
    ]
    stories = [
        {"id": "s1", "title": "Kestrel Bay flood",
         "articles": [aid[k] for k in ("origin", "wire", "rewrite", "hostile")]},
        {"id": "s2", "title": "Alder Street bridge closure", "articles": [aid["bridge_a"], aid["bridge_b"]]},
    ]
    return {"schema": "storytrace.dossier/1", "articles": articles, "stories": stories, "reuse": reuse,
            "entities": entities, "quotes": quotes, "quantities": quantities, "claims": claims}


def build_sample_store(folder: Path, *, analysed: bool = True) -> tuple[Path, dict[str, Any] | None]:
    """Ingest the sample pile into ``folder/pile.db``; with ``analysed``, save the dossier too."""
    db = folder / "pile.db"
    source = write_pile(folder / "input")
    with Store.open(db) as store:
        summary = ingest([str(source)], store, IngestOptions(workers=1))
        assert len(summary.new) == len(ARTICLES), summary.rejections
        dossier = build_dossier(store) if analysed else None
        if dossier is not None:
            store.save_dossier(dossier)
    return db, dossier


# The fields storytrace.dossier/1 requires of each record (DESIGN.md section 3).
CONTRACT: dict[str, set[str]] = {
    "articles": {"id", "source", "title", "byline", "published", "outlet", "credits", "words", "text"},
    "stories": {"id", "title", "articles"},
    "reuse": {"source", "target", "relation", "mode", "target_coverage", "direction_confidence", "evidence",
              "passages"},
    "entities": {"id", "name", "type", "aliases", "articles"},
    "quotes": {"id", "article", "text", "span", "speaker", "speaker_entity", "cue", "channel", "direct"},
    "quantities": {"id", "article", "text", "span", "value", "low", "high", "qualifier", "unit", "counted"},
    "claims": {"id", "kind", "members", "articles", "independent_origins", "first_seen", "conflicts"},
}


def contract_problems(kind: str, record: dict[str, Any]) -> list[str]:
    """Fields of the contract missing from ``record`` of ``kind``."""
    return [f"{kind}.{name} missing" for name in sorted(CONTRACT[kind] - set(record))]
