"""METER through the pile's "own words" gate (docs/reuse.md, stage 4).

``storytrace eval meter`` scores the classifier alone. In a pile a derived call also needs the
copy's own words — shared words outside quotation (``storytrace.reuse.quoted``) — to reach
``ReuseOptions.min_words_for_derived`` and ``min_coverage_for_derived``. This script applies that
gate to every METER story against its PA sources (lexical passages only, no sentence embeddings)
and prints 3-class and binary macro-F1 with and without it, and the stories it flips.

    .venv/bin/python scripts/pile_gate_on_meter.py --data ../shared/data/meter [--marks-only]

``--marks-only`` counts only words inside quotation marks as quotation (the gate before reporting
clauses and bare statements were added).
"""

from __future__ import annotations

import argparse
import json

from storytrace.claims.quotes import find_quote_marks
from storytrace.eval.meter import LABELS, load_meter, macro_f1
from storytrace.reuse.align import align_tokens, covered_tokens, to_passages
from storytrace.reuse.classify import classify_derivation
from storytrace.reuse.pairs import ReuseOptions
from storytrace.reuse.quoted import quote_frames, quoted_words, statement_words
from storytrace.reuse.tokens import tokenize


def _binary(labels: list[str]) -> list[str]:
    return ["derived" if label != "non_derived" else "non_derived" for label in labels]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", required=True)
    parser.add_argument("--marks-only", action="store_true")
    args = parser.parse_args()
    options = ReuseOptions()
    gold: list[str] = []
    plain: list[str] = []
    gated: list[str] = []
    flipped: list[tuple[str, str, str, int, int]] = []
    for item in load_meter(args.data):
        label = classify_derivation(item.target, item.sources).label
        target = tokenize(item.target)
        marks = find_quote_marks(item.target)
        inside = quoted_words(target, marks)
        quotation = set(inside) if args.marks_only else inside | quote_frames(item.target, target, marks)
        covered: set[int] = set()
        for text in item.sources:
            source = tokenize(text)
            matches = align_tokens(source, target, options.align)
            covered |= covered_tokens(matches, side="target")
            if matches and not args.marks_only:
                passages = to_passages(matches, source, target, options.align, source_text=text,
                                       target_text=item.target)
                quotation |= statement_words(
                    passages, source_tokens=source, target_tokens=target,
                    source_quoted=quoted_words(source, find_quote_marks(text)), target_quoted=inside,
                    source_text=text, min_words=options.align.min_words,
                )
        own = len(covered - quotation)
        decided = label
        if label != "non_derived" and (own < options.min_coverage_for_derived * len(target)
                                       or own < options.min_words_for_derived):
            decided = "non_derived"
            flipped.append((item.key, item.label, label, own, len(target)))
        gold.append(item.label)
        plain.append(label)
        gated.append(decided)
    print(json.dumps({
        "n": len(gold),
        "classifier": [round(macro_f1(gold, plain, LABELS), 4),
                       round(macro_f1(_binary(gold), _binary(plain), ("derived", "non_derived")), 4)],
        "gated": [round(macro_f1(gold, gated, LABELS), 4),
                  round(macro_f1(_binary(gold), _binary(gated), ("derived", "non_derived")), 4)],
        "flipped": len(flipped),
        "flipped_by_gold": {g: sum(1 for f in flipped if f[1] == g) for g in LABELS},
    }))
    for key, gold_label, label, own, words in flipped:
        print(f"{key}\tgold {gold_label}\tclassifier {label}\town {own} of {words} words")


if __name__ == "__main__":
    main()
