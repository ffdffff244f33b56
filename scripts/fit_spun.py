"""Fit the rewritten-copy ("spun") rule of the reuse engine on the Clough & Stevenson corpus.

Each answer is aligned sentence by sentence, by meaning and in order, to its source text; the
feature is the share of the answer's sentences aligned at cosine ≥ ``cos`` (as in the reuse stage,
sentence pairs without a content word in common get no cosine: ``ReuseOptions.paraphrase_min_shared_words``). Answers labelled
heavy / light / cut are rewritten from the source; ``non`` answers were written independently on
the same topic (the hard negative: same subject, same vocabulary). The (cos, share) pair is chosen
by stratified 5-fold cross-validation maximising balanced accuracy on the training folds; the
held-out folds' figure is printed, then the pair chosen on all the data — for one of the shipped
sentence encoders (``--encoder``; their cosines are on different scales, so each has its own grid
of cut-offs, fixed before fitting: MiniLM 0.60–0.75, the static model 0.70–0.90). The chosen pair
goes into ``storytrace.reuse.paraphrase.ENCODER_PARAMS``.

    .venv/bin/python scripts/fit_spun.py --data ../shared/data/clough_stevenson [--encoder static|minilm]
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

import numpy as np

from storytrace.reuse.embed import DEFAULT_ENCODER, ENCODERS, load_encoder
from storytrace.reuse.pairs import ReuseOptions
from storytrace.reuse.paraphrase import align_cosines, cosine_matrix, gate_words, index_sentences, shared_word_counts

GRIDS = {
    "minilm": (0.6, 0.65, 0.7, 0.75),
    "static": (0.7, 0.725, 0.75, 0.775, 0.8, 0.825, 0.85, 0.875, 0.9),
}
SHARES = tuple(round(0.1 + 0.025 * i, 3) for i in range(29))


def balanced_accuracy(rows: list[dict[str, float]], cos: float, share: float) -> float:
    pos = [r for r in rows if r["derived"]]
    neg = [r for r in rows if not r["derived"]]
    tpr = sum(r[str(cos)] >= share for r in pos) / max(1, len(pos))
    tnr = sum(r[str(cos)] < share for r in neg) / max(1, len(neg))
    return (tpr + tnr) / 2


def roc_auc(rows: list[dict[str, float]], cos: float) -> float:
    """ROC-AUC of the aligned share at ``cos`` for rewritten vs independent answers (no threshold)."""
    pos = [r[str(cos)] for r in rows if r["derived"]]
    neg = [r[str(cos)] for r in rows if not r["derived"]]
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / max(1, len(pos) * len(neg))


def best(rows: list[dict[str, float]], grid: tuple[float, ...]) -> tuple[float, float]:
    return max(((c, s) for c in grid for s in SHARES), key=lambda cs: (balanced_accuracy(rows, *cs), cs[1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", required=True, type=Path)
    parser.add_argument("--encoder", choices=ENCODERS, default=DEFAULT_ENCODER)
    args = parser.parse_args()
    grid = GRIDS[args.encoder]
    encoder = load_encoder(args.encoder)
    gate = ReuseOptions().paraphrase_min_shared_words
    rows: list[dict[str, float]] = []
    for line in (args.data / "clough_stevenson.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        source, target = index_sentences(record["source"], encoder), index_sentences(record["answer"], encoder)
        row: dict[str, float] = {"derived": float(record["label"] != "non")}
        # as the reuse stage sees them: sentence pairs without a content word in common get no cosine
        near = shared_word_counts(gate_words(record["source"], source.spans),
                                  gate_words(record["answer"], target.spans)) >= gate
        cosines = np.where(near, cosine_matrix(source, target), 0.0)
        for cos in grid:
            pairs = align_cosines(cosines, threshold=cos) if source.spans and target.spans else []
            row[str(cos)] = len({j for _, j, _ in pairs}) / max(1, len(target.spans))
        rows.append(row)
    rng = random.Random(13)
    pos = [r for r in rows if r["derived"]]
    neg = [r for r in rows if not r["derived"]]
    rng.shuffle(pos)
    rng.shuffle(neg)
    folds = [pos[i::5] + neg[i::5] for i in range(5)]
    held_out = []
    for i, test in enumerate(folds):
        train = [r for j, fold in enumerate(folds) if j != i for r in fold]
        cos, share = best(train, grid)
        held_out.append(balanced_accuracy(test, cos, share))
        print(f"fold {i}: chose cos {cos}, share {share}; held-out balanced accuracy {held_out[-1]:.3f}")
    cos, share = best(rows, grid)
    print(json.dumps({"cv_balanced_accuracy": round(sum(held_out) / len(held_out), 3), "cos": cos, "share": share,
                      "in_sample_balanced_accuracy": round(balanced_accuracy(rows, cos, share), 3),
                      "answers": len(rows), "encoder": args.encoder,
                      "roc_auc_by_cos": {str(c): round(roc_auc(rows, c), 3) for c in grid}}))


if __name__ == "__main__":
    main()
