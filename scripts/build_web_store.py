"""Build a large store with a dossier for the web benchmark (benchmarks/web.py).

    .venv/bin/python scripts/build_web_store.py --data ../shared/data --articles 10000 --db /tmp/web.db

Articles are generated at run time from the real text of ``DATA/event_piles/*.csv`` (never committed):
stories of ~20 articles, each with one origin article made of real sentences, then wire copies (the
origin's paragraphs, one number changed, a credit line added), partial rewrites (half the paragraphs,
the rest other real sentences) and independent reports (other sentences that repeat the origin's
quote). They are ingested through the normal ingest path (JSONL), and the dossier is built from what
the generator knows: the reuse edges and passage spans (found in the stored clean text), the quotes
and numbers it planted, the claims over them (with value conflicts where a copy changed a number),
and an entity per planted speaker. It is a dossier of the shape and size ``storytrace analyze``
writes — not analyze's output (spaCy over 10k articles takes far longer than a benchmark should).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from storytrace.ingest import ingest
from storytrace.settings import IngestOptions
from storytrace.store import Store

SPEAKERS = ["Amira Haddad", "Jonas Lindqvist", "Maria Oyelaran", "Chen Wei", "Tomasz Nowak", "Lucia Ferreira",
            "Idris Bello", "Hana Sato", "Pavel Ivanov", "Grace Mensah"]
STORY_SIZE = 20


def _sentences(data: Path) -> list[str]:
    csv.field_size_limit(10**9)
    found: list[str] = []
    for path in sorted((data / "event_piles").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                text = (row.get("text") or "").replace("###", ". ")
                for sentence in re.split(r"(?<=[.!?])\s+", text):
                    sentence = " ".join(sentence.split())
                    if 40 <= len(sentence) <= 400 and "“" not in sentence and '"' not in sentence:
                        found.append(sentence)
    if len(found) < 200:
        raise SystemExit(f"too few sentences under {data}/event_piles ({len(found)})")
    return found


def _paragraphs(rng: random.Random, sentences: list[str], count: int) -> list[str]:
    return [" ".join(rng.sample(sentences, rng.randint(2, 4))) for _ in range(count)]


def generate(data: Path, articles: int, seed: int = 7) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Rows to ingest, and per story the plan: which row copies which, and the planted quote and number."""
    rng = random.Random(seed)
    sentences = _sentences(data)
    outlets = [f"Outlet {chr(65 + i // 26)}{chr(65 + i % 26)}" for i in range(60)]
    rows: list[dict[str, Any]] = []
    plans: list[dict[str, Any]] = []
    start = dt.date(2024, 1, 1)
    story = 0
    while len(rows) < articles:
        story += 1
        size = min(STORY_SIZE, articles - len(rows))
        speaker = rng.choice(SPEAKERS)
        quote = rng.choice(sentences).rstrip(".")
        count = rng.randint(200, 9000)
        thing = rng.choice(["residents", "workers", "households", "students", "passengers", "voters"])
        day = start + dt.timedelta(days=rng.randint(0, 700))
        origin_paragraphs = [
            f"Officials said {count:,} {thing} were affected, the story {story} report said.",
            f"\u201c{quote},\u201d said {speaker}.",
            *_paragraphs(rng, sentences, rng.randint(3, 6)),
        ]
        members: list[dict[str, Any]] = []
        for position in range(size):
            kind = "origin" if position == 0 else rng.choice(["wire", "wire", "partial", "independent"])
            paragraphs = list(origin_paragraphs)
            value = count
            if kind == "wire":
                if rng.random() < 0.3:
                    value = count + rng.choice([-1, 1]) * rng.randint(10, 500)
                    paragraphs[0] = paragraphs[0].replace(f"{count:,}", f"{value:,}")
                paragraphs.append("This article was originally published by " + outlets[story % len(outlets)] + ".")
            elif kind == "partial":
                keep = paragraphs[: max(2, len(paragraphs) // 2)]
                paragraphs = keep + _paragraphs(rng, sentences, rng.randint(2, 4))
            elif kind == "independent":
                value = count
                paragraphs = [f"\u201c{quote},\u201d {speaker} told reporters.",
                              f"About {count:,} {thing} were affected.", *_paragraphs(rng, sentences, 4)]
            title = f"Story {story}: {rng.choice(sentences)[:70]}"
            outlet = rng.choice(outlets)
            paragraphs.append(f"Filed by the {outlet} desk as item {len(rows) + 1}.")  # no two rows alike
            rows.append({"id": f"w{len(rows)}", "title": title, "outlet": outlet,
                         "date": (day + dt.timedelta(days=position // 3)).isoformat(),
                         "text": "\n\n".join(paragraphs)})
            members.append({"row": len(rows) - 1, "kind": kind, "value": value, "paragraphs": paragraphs})
        plans.append({"story": story, "speaker": speaker, "quote": quote, "thing": thing, "members": members,
                      "origin_paragraphs": origin_paragraphs})
    return rows, plans


def _span(text: str, snippet: str) -> list[int] | None:
    start = text.find(snippet)
    return [start, start + len(snippet)] if start >= 0 else None


def build_dossier(store: Store, rows: list[dict[str, Any]], plans: list[dict[str, Any]]) -> dict[str, Any]:
    by_external = {a.external_id: a for a in store.articles()}
    articles: list[dict[str, Any]] = []
    stories: list[dict[str, Any]] = []
    reuse: list[dict[str, Any]] = []
    quotes: list[dict[str, Any]] = []
    quantities: list[dict[str, Any]] = []
    claims: list[dict[str, Any]] = []
    entities: dict[str, dict[str, Any]] = {}
    for plan in plans:
        ids: list[str] = []
        quote_members: list[str] = []
        number_members: list[tuple[str, int]] = []
        origin_id: str | None = None
        origin_text = ""
        for member in plan["members"]:
            stored = by_external.get(rows[member["row"]]["id"])
            if stored is None:
                continue
            aid = f"a{stored.id}"
            ids.append(aid)
            articles.append({
                "id": aid, "source": stored.source, "title": stored.title, "byline": stored.byline,
                "published": stored.published, "outlet": stored.outlet,
                "credits": [{"kind": c.kind, "name": c.name} for c in stored.credits], "words": stored.words,
                "text": stored.text,
            })
            text = stored.text
            if member["kind"] == "origin":
                origin_id, origin_text = aid, text
            elif origin_id is not None and member["kind"] in {"wire", "partial"}:
                passages = []
                for paragraph in plan["origin_paragraphs"]:
                    source_span, target_span = _span(origin_text, paragraph), _span(text, paragraph)
                    if source_span and target_span:
                        passages.append({"source_span": source_span, "target_span": target_span,
                                         "kind": "verbatim", "score": 1.0})
                shared = sum(p["target_span"][1] - p["target_span"][0] for p in passages)
                reuse.append({
                    "source": origin_id, "target": aid,
                    "relation": "wholly_derived" if member["kind"] == "wire" else "partially_derived",
                    "mode": "verbatim", "target_coverage": round(shared / max(1, len(text)), 3),
                    "direction_confidence": 0.8, "evidence": ["published earlier"], "passages": passages,
                })
            if span := _span(text, plan["quote"]):
                quote_id = f"q{len(quotes) + 1}"
                quotes.append({"id": quote_id, "article": aid, "text": plan["quote"], "span": span,
                               "speaker": plan["speaker"], "speaker_entity": f"e{SPEAKERS.index(plan['speaker']) + 1}",
                               "cue": "said", "channel": None, "direct": True})
                quote_members.append(quote_id)
                entity = entities.setdefault(plan["speaker"], {
                    "id": f"e{SPEAKERS.index(plan['speaker']) + 1}", "name": plan["speaker"], "type": "PERSON",
                    "aliases": [plan["speaker"].split()[-1]], "articles": []})
                entity["articles"].append(aid)
            number = f"{member['value']:,} {plan['thing']}"
            if span := _span(text, number):
                quantity_id = f"n{len(quantities) + 1}"
                quantities.append({"id": quantity_id, "article": aid, "text": number, "span": span,
                                   "value": member["value"], "low": None, "high": None, "qualifier": "exact",
                                   "unit": None, "counted": plan["thing"]})
                number_members.append((quantity_id, member["value"]))
        stories.append({"id": f"s{plan['story']}", "title": f"Story {plan['story']}", "articles": ids})
        independent = 1 + sum(1 for m in plan["members"] if m["kind"] == "independent")
        if len(quote_members) > 1:
            claims.append({"id": f"c{len(claims) + 1}", "kind": "quote", "members": quote_members,
                           "articles": [q["article"] for q in quotes if q["id"] in quote_members],
                           "independent_origins": independent, "first_seen": origin_id, "conflicts": []})
        if len(number_members) > 1:
            values = sorted({v for _, v in number_members})
            conflicts = []
            if len(values) > 1:
                conflicts.append({"kind": "value", "detail": f"{plan['thing']}: " + " vs ".join(f"{v:,}" for v in values),
                                  "members": [*[q for q, v in number_members if v != number_members[0][1]][:1], number_members[0][0]]})
            claims.append({"id": f"c{len(claims) + 1}", "kind": "quantity", "members": [q for q, _ in number_members],
                           "articles": [q["article"] for q in quantities if q["id"] in {m for m, _ in number_members}],
                           "independent_origins": independent, "first_seen": origin_id, "conflicts": conflicts})
    return {"schema": "storytrace.dossier/1", "articles": articles, "stories": stories, "reuse": reuse,
            "entities": list(entities.values()), "quotes": quotes, "quantities": quantities, "claims": claims}


def build(data: Path, db: Path, articles: int) -> dict[str, Any]:
    """Generate, ingest and analyse-by-construction; returns figures."""
    started = time.perf_counter()
    rows, plans = generate(data, articles)
    with tempfile.TemporaryDirectory() as folder:
        for first in range(0, len(rows), 500):  # files of 500 rows, well under the per-file size cap
            with (Path(folder) / f"pile-{first:06d}.jsonl").open("w", encoding="utf-8") as out:
                for row in rows[first : first + 500]:
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")
        with Store.open(db) as store:
            summary = ingest([folder], store, IngestOptions())
            dossier = build_dossier(store, rows, plans)
            store.save_dossier(dossier)
            stored = store.count()
    if stored < articles:
        raise SystemExit(f"only {stored} of {articles} articles were stored: {[r.message for r in summary.failures][:3]}")
    return {"db": str(db), "articles": stored, "new": len(summary.new), "rejected": len(summary.failures),
            "stories": len(dossier["stories"]), "reuse": len(dossier["reuse"]), "claims": len(dossier["claims"]),
            "seconds": round(time.perf_counter() - started, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"), help="shared data folder")
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--db", type=Path, required=True)
    arguments = parser.parse_args()
    if arguments.db.exists():
        sys.exit(f"{arguments.db} exists; remove it first")
    print(json.dumps(build(arguments.data, arguments.db, arguments.articles)))


if __name__ == "__main__":
    main()
