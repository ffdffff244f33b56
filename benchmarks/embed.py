"""Sentence-embedding cost: MiniLM settings, the static model vs MiniLM, and the reuse stage by mode.

    .venv/bin/python benchmarks/embed.py --data ../shared/data [--articles 60] [--settings] [--json]
    .venv/bin/python benchmarks/embed.py --data ../shared/data --pile 600 [--json]

Default: splits the first ``--articles`` FakeNewsCorpus sample articles into sentences (the reuse
engine's splitter) and embeds the same sentences with the static model and with the int8 MiniLM
(its defaults: one thread, batches of 4), in one process, reporting wall and CPU seconds and the
ratio — compared in the same run, so the box's load affects them alike. ``--settings`` adds
MiniLM at each (threads, batch size).

``--pile N``: the pile of ``benchmarks/pipeline.py`` (N real articles from the shared sets, built at
run time, never copied into the repo), normalized as ``analyze`` does, then ``find_reuse`` on it
once without the paraphrase layer and once with each sentence encoder (``minilm``, ``static``), in
one process: wall seconds (models loaded inside the timing) and, against the MiniLM run, how many
pairs are reported in the other direction, how many get another relation, and how many only another
mode.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from storytrace.reuse.embed import SentenceEncoder, StaticEncoder
from storytrace.reuse.paraphrase import index_sentences

csv.field_size_limit(10**9)
SETTINGS = ((1, 1), (1, 4), (1, 8), (1, 16), (1, 64), (2, 4), (2, 64))
ENCODERS = ("minilm", "static")


def _time(encoder: Any, texts: list[str]) -> dict[str, float]:
    cpu, wall = time.process_time(), time.perf_counter()
    sentences = sum(len(index_sentences(text, encoder).spans) for text in texts)
    return {"sentences": sentences, "wall_s": round(time.perf_counter() - wall, 3),
            "cpu_s": round(time.process_time() - cpu, 3)}


def compare_encoders(texts: list[str], settings: bool) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    if settings:
        for threads, batch in SETTINGS:
            encoder = SentenceEncoder.load(threads=threads)
            encode = encoder.encode
            encoder.encode = lambda s, batch_size=batch, _encode=encode: _encode(s, batch_size=batch_size)  # type: ignore[method-assign]
            rows.append({"encoder": "minilm", "threads": threads, "batch": batch, **_time(encoder, texts)})
    minilm = _time(SentenceEncoder.load(), texts)
    static = _time(StaticEncoder.load(), texts)
    rows.append({"encoder": "minilm", "threads": 1, "batch": 4, **minilm})
    rows.append({"encoder": "static", **static})
    rows.append({"ratio_cpu_minilm_over_static": round(minilm["cpu_s"] / max(static["cpu_s"], 1e-9), 1),
                 "ratio_wall_minilm_over_static": round(minilm["wall_s"] / max(static["wall_s"], 1e-9), 1)})
    return rows


def compare_modes(data: Path, size: int) -> list[dict[str, object]]:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from pipeline import build_pile  # the pile of benchmarks/pipeline.py
    from storytrace.models import RawDocument
    from storytrace.normalize import normalize
    from storytrace.reuse.pairs import ReuseOptions, find_reuse

    articles = [
        replace(normalize(RawDocument(source=f"pile/{n}", source_kind="jsonl", raw=str(row["text"]), raw_format="text",
                                      title_hint=row["title"], outlet_hint=row["outlet"], date_hint=row["date"])), id=n + 1)
        for n, row in enumerate(build_pile(data, size))
    ]
    rows: list[dict[str, object]] = []
    results: dict[str, dict[tuple[int, int], tuple[str, str]]] = {}
    for mode in ("off", *ENCODERS):
        options = ReuseOptions(paraphrase=False) if mode == "off" else ReuseOptions(paraphrase_encoder=mode)
        started = time.perf_counter()
        pairs = find_reuse(articles, options)
        seconds = time.perf_counter() - started
        results[mode] = {(p.source, p.target): (p.relation, p.mode) for p in pairs}
        row: dict[str, object] = {"mode": mode, "articles": len(articles), "seconds": round(seconds, 2),
                                  "pairs": len(pairs),
                                  "derived": sum(p.relation != "shared_passages" for p in pairs)}
        rows.append(row)
    reference = results["minilm"]
    for row in rows:
        found = results[str(row["mode"])]
        flipped = relation = mode_only = 0
        for key, value in found.items():
            same = reference.get(key)
            if same is None:
                flipped += 1
                same = reference.get((key[1], key[0]))
            if same is None or same[0] != value[0]:
                relation += 1
            elif same[1] != value[1]:
                mode_only += 1
        relation += sum(key not in found and (key[1], key[0]) not in found for key in reference)
        row.update(vs_minilm_direction_flipped=flipped, vs_minilm_other_relation=relation,
                   vs_minilm_other_mode_only=mode_only)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--settings", action="store_true", help="also time MiniLM at each (threads, batch size)")
    parser.add_argument("--pile", type=int, default=0, help="time find_reuse per paraphrase mode on a pile of N")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if args.pile:
        rows = compare_modes(args.data, args.pile)
    else:
        with (args.data / "fakenewscorpus_sample" / "news_sample.csv").open(encoding="utf-8", newline="") as handle:
            texts = [row["content"] for row in csv.DictReader(handle)][: args.articles]
        rows = compare_encoders(texts, args.settings)
    if args.json:
        print(json.dumps(rows))
    else:
        for row in rows:
            print(row)


if __name__ == "__main__":
    main()
