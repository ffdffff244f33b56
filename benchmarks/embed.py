"""Sentence-embedding cost: MiniLM settings, the static model vs MiniLM, and the reuse stage by mode.

    .venv/bin/python benchmarks/embed.py --data ../shared/data [--articles 60] [--settings] [--json]
    .venv/bin/python benchmarks/embed.py --data ../shared/data --pile 600 [--gate | --word-gate] [--json]
    .venv/bin/python benchmarks/embed.py --data ../shared/data --sample

Default: splits the first ``--articles`` FakeNewsCorpus sample articles into sentences (the reuse
engine's splitter) and embeds the same sentences with the static model and with the int8 MiniLM
(its defaults: one thread, batches of 4), in one process, reporting wall and CPU seconds and the
ratio — compared in the same run, so the box's load affects them alike. ``--settings`` adds
MiniLM at each (threads, batch size).

``--sample``: the same on the bundled sample pile (examples/mosul-2016), listing every pair.
``--pile N --gate``: whether the static model could pick the sentences worth running MiniLM on
(a "hybrid"): per static cut-off, how many sentences would still need MiniLM and what share of the
sentence pairs MiniLM puts at >= 0.7 the cut-off keeps.

``--pile N --word-gate``: the paraphrase layer's shared-word gate: per number of shared content words
asked for, how many sentences it would encode and what share of MiniLM's >= 0.7 sentence pairs it
keeps (lines of a time stamp alone counted apart).

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
import re
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

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


def pipeline_pile(data: Path, size: int) -> list[Any]:
    """The articles of benchmarks/pipeline.py's pile, normalized and numbered as ``analyze`` stores them."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from pipeline import build_pile
    from storytrace.models import RawDocument
    from storytrace.normalize import normalize

    return [
        replace(normalize(RawDocument(source=f"pile/{n}", source_kind="jsonl", raw=str(row["text"]), raw_format="text",
                                      title_hint=row["title"], outlet_hint=row["outlet"], date_hint=row["date"])), id=n + 1)
        for n, row in enumerate(build_pile(data, size))
    ]


def sample_pile() -> list[Any]:
    """The bundled sample pile (examples/mosul-2016), as tests/test_reuse_sample.py reads it."""
    from storytrace.models import RawDocument
    from storytrace.normalize import normalize

    paths = sorted((Path(__file__).resolve().parents[1] / "examples" / "mosul-2016").glob("*.txt"))
    return [replace(normalize(RawDocument(source=p.name, source_kind="text", raw=p.read_text(encoding="utf-8"),
                                          raw_format="text")), id=n + 1) for n, p in enumerate(paths)]


def compare_modes(articles: list[Any], *, show_pairs: bool = False) -> list[dict[str, object]]:
    from storytrace.reuse.pairs import ReuseOptions, find_reuse

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
        if show_pairs:
            row["relations"] = [f"{p.source}->{p.target} {p.relation} {p.mode} {p.target_coverage}" for p in pairs]
        rows.append(row)
    reference = results["minilm"]
    for row in rows:
        found = results[str(row["mode"])]
        flipped = relation = mode_only = 0
        for key, value in found.items():
            same = reference.get(key)
            if same is None and (key[1], key[0]) in reference:
                flipped += 1
                same = reference[key[1], key[0]]
            if same is None or same[0] != value[0]:
                relation += 1
            elif same[1] != value[1]:
                mode_only += 1
        relation += sum(key not in found and (key[1], key[0]) not in found for key in reference)
        row.update(vs_minilm_direction_flipped=flipped, vs_minilm_other_relation=relation,
                   vs_minilm_other_mode_only=mode_only)
    return rows


GATES = (0.63, 0.7, 0.75, 0.8)


def gate(articles: list[Any]) -> list[dict[str, object]]:
    """Could the static model pick the sentences worth running MiniLM on? Per static cut-off: the
    sentences with a partner at or above it in some candidate pair (they would need MiniLM) and the
    share of the sentence pairs MiniLM puts at >= 0.7 (the spun rule's cosine) that it keeps."""
    from storytrace.reuse.candidates import find_candidates
    from storytrace.reuse.pairs import ReuseOptions
    from storytrace.reuse.tokens import tokenize

    candidates = find_candidates((tokenize(a.text).words for a in articles), ReuseOptions().candidates)
    involved = sorted({c.first for c in candidates} | {c.second for c in candidates})
    static, minilm = StaticEncoder.load(), SentenceEncoder.load()
    coarse = {i: index_sentences(articles[i].text, static).vectors for i in involved}
    exact = {i: index_sentences(articles[i].text, minilm).vectors for i in involved}
    needed = {cut: {i: set[int]() for i in involved} for cut in GATES}
    kept = dict.fromkeys(GATES, 0)
    wanted = 0
    for c in candidates:
        near_exact = exact[c.first] @ exact[c.second].T >= 0.7
        near_coarse = coarse[c.first] @ coarse[c.second].T
        wanted += int(near_exact.sum())
        for cut in GATES:
            near = near_coarse >= cut
            needed[cut][c.first].update(near.any(axis=1).nonzero()[0].tolist())
            needed[cut][c.second].update(near.any(axis=0).nonzero()[0].tolist())
            kept[cut] += int((near_exact & near).sum())
    sentences = sum(len(coarse[i]) for i in involved)
    return [{"static_cut": cut, "candidate_pairs": len(candidates), "sentences": sentences,
             "sentences_needing_minilm": sum(len(v) for v in needed[cut].values()),
             "minilm_pairs_at_0.7": wanted, "kept": round(kept[cut] / max(wanted, 1), 3)} for cut in GATES]


WORD_GATES = (1, 2, 3)
_STAMP = re.compile(r"\s*\d{1,2}(?::\d\d)?\s*[ap]\.?m\.?\s*", re.IGNORECASE)


def word_gate(articles: list[Any]) -> list[dict[str, object]]:
    """The paraphrase layer's word gate (``ReuseOptions.paraphrase_min_shared_words``): per number of
    shared content words asked for, the sentences of the candidate pairs' articles that have a
    partner sharing that many (and so would be encoded; distinct texts in brackets) and the share of
    the sentence pairs MiniLM puts at >= 0.7 (the rewritten-copy rule's cosine) it keeps — lines of
    a time stamp alone ("9:10 p.m.") counted apart."""
    from storytrace.reuse.candidates import find_candidates
    from storytrace.reuse.pairs import ReuseOptions
    from storytrace.reuse.paraphrase import gate_words, shared_word_counts
    from storytrace.reuse.tokens import tokenize

    candidates = find_candidates((tokenize(a.text).words for a in articles), ReuseOptions().candidates)
    involved = sorted({c.first for c in candidates} | {c.second for c in candidates})
    minilm = SentenceEncoder.load()
    index = {i: index_sentences(articles[i].text, minilm) for i in involved}
    words = {i: gate_words(articles[i].text, index[i].spans) for i in involved}
    stamp = {i: np.array([bool(_STAMP.fullmatch(articles[i].text[a:b])) for a, b in index[i].spans], dtype=bool)
             for i in involved}
    needed: dict[int, dict[int, set[int]]] = {k: {i: set() for i in involved} for k in WORD_GATES}
    kept = dict.fromkeys(WORD_GATES, 0)
    wanted = stamps = 0
    for c in candidates:
        near_exact = index[c.first].vectors @ index[c.second].vectors.T >= 0.7
        stamped = stamp[c.first][:, None] | stamp[c.second][None, :]
        stamps += int((near_exact & stamped).sum())
        near_exact &= ~stamped
        wanted += int(near_exact.sum())
        shared = shared_word_counts(words[c.first], words[c.second])
        for k in WORD_GATES:
            near = shared >= k
            needed[k][c.first].update(near.any(axis=1).nonzero()[0].tolist())
            needed[k][c.second].update(near.any(axis=0).nonzero()[0].tolist())
            kept[k] += int((near_exact & near).sum())
    sentences = sum(len(index[i].spans) for i in involved)
    rows: list[dict[str, object]] = []
    for k in WORD_GATES:
        texts = [articles[i].text[slice(*index[i].spans[n])] for i in involved for n in needed[k][i]]
        rows.append({"min_shared_words": k, "candidate_pairs": len(candidates), "sentences": sentences,
                     "sentences_to_encode": len(texts), "distinct_sentences_to_encode": len(set(texts)),
                     "minilm_pairs_at_0.7": wanted, "time_stamp_pairs_at_0.7": stamps,
                     "kept": round(kept[k] / max(wanted, 1), 4)})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--settings", action="store_true", help="also time MiniLM at each (threads, batch size)")
    parser.add_argument("--pile", type=int, default=0, help="time find_reuse per encoder on a pile of N")
    parser.add_argument("--gate", action="store_true", help="with --pile: could the static model gate MiniLM?")
    parser.add_argument("--word-gate", action="store_true",
                        help="with --pile: what the shared-word gate of the paraphrase layer encodes and keeps")
    parser.add_argument("--sample", action="store_true", help="find_reuse per encoder on the bundled sample pile")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if args.sample:
        rows = compare_modes(sample_pile(), show_pairs=True)
    elif args.pile and args.word_gate:
        rows = word_gate(pipeline_pile(args.data, args.pile))
    elif args.pile and args.gate:
        rows = gate(pipeline_pile(args.data, args.pile))
    elif args.pile:
        rows = compare_modes(pipeline_pile(args.data, args.pile))
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
