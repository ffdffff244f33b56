"""Train the attribution tagger (claims/data/attribution.crfsuite) on the PolNeAR *train* split.

Usage: .venv/bin/python scripts/train_attribution.py --data ../shared/data/polnear [--c1 3.0 --c2 0.01]

The defaults are the shipped model's (see claims/data/PROVENANCE-attribution.md).

1. Cue lexicon: alphabetic words that are (part of) an annotated cue at least ``--min-count`` times
   on train and a cue in at least ``--min-rate`` of their occurrences → ``data/cue_lemmas.txt``
   (whatever ``--out`` says: featurization reads that file; rewritten only when it changes, and
   not at all when ``--cache`` holds the features already).
2. Features: the paragraphs storytrace parses (:func:`storytrace.claims.quotes.paragraph_features`,
   the same code extraction runs), each token labelled ``B-``/``I-`` ``SRC``/``CUE``/``CON`` from the
   alphabetically first annotator's file, else ``O``.
3. CRFsuite L-BFGS with elastic-net regularization → ``data/attribution.crfsuite``.

Only the train split is read; the dev split scores the result (``storytrace eval polnear``).
"""

from __future__ import annotations

import argparse
import collections
import pickle
import re
import sys
import time
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "src" / "storytrace" / "claims" / "data"


def build_lexicon(articles: list[tuple[str, str, list[object]]], min_count: int, min_rate: float) -> list[str]:
    cue_counts: collections.Counter[str] = collections.Counter()
    all_counts: collections.Counter[str] = collections.Counter()
    for _, text, gold in articles:
        all_counts.update(w.lower() for w in re.findall(r"[A-Za-z]+", text))
        for item in gold:
            for start, end in getattr(item, "cue", None) or ():
                cue_counts.update(w.lower() for w in re.findall(r"[A-Za-z]+", text[start:end]))
    return sorted(
        w for w, n in cue_counts.items()
        if n >= min_count and n / max(all_counts[w], 1) >= min_rate and len(w) > 1
    )


def labelled(articles: list[tuple[str, str, list[object]]]) -> tuple[list[list[list[str]]], list[list[str]], int, int]:
    from storytrace.claims.quotes import paragraph_features

    xs: list[list[list[str]]] = []
    ys: list[list[str]] = []
    covered = total = 0
    for number, (_, text, gold) in enumerate(articles, start=1):
        role_at: dict[int, tuple[str, int]] = {}
        for ident, item in enumerate(gold):
            for role, spans in (("SRC", item.source), ("CUE", item.cue), ("CON", item.content)):  # type: ignore[attr-defined]
                for start, end in spans or ():
                    for position in range(start, end):
                        role_at[position] = (role, ident)
        gold_tokens = set()
        for paragraph, features in paragraph_features(text):
            tags: list[str] = []
            previous: tuple[str, int] | None = None
            for start, doc in zip(paragraph.offsets, paragraph.docs, strict=True):
                for token in doc:
                    at = start + token.idx
                    here = role_at.get(at)
                    if here is None:
                        tags.append("O")
                    else:
                        gold_tokens.add(at)
                        tags.append(("I-" if previous == here else "B-") + here[0])
                    previous = here
            xs.append(features)
            ys.append(tags)
        covered += len(gold_tokens)
        total += len({p for p in role_at if not text[p].isspace() and (p == 0 or text[p - 1].isspace() or not text[p - 1].isalnum())})
        if number % 50 == 0:
            print(f"  featurized {number}/{len(articles)}", file=sys.stderr)
    return xs, ys, covered, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--c1", type=float, default=3.0)
    parser.add_argument("--c2", type=float, default=0.01)
    parser.add_argument("--iterations", type=int, default=200)
    parser.add_argument("--min-count", type=int, default=3)
    parser.add_argument("--min-rate", type=float, default=0.1)
    parser.add_argument("--minfreq", type=int, default=3, help="drop attributes seen fewer times on train")
    parser.add_argument("--out", type=Path, default=DATA / "attribution.crfsuite")
    parser.add_argument("--cache", type=Path, help="pickle of the featurized train split (reused when present)")
    args = parser.parse_args()

    import pycrfsuite

    from storytrace.eval.polnear import load_split

    articles = load_split(args.data, "train")
    if args.cache is not None and args.cache.exists():
        xs, ys = pickle.loads(args.cache.read_bytes())
    else:
        lexicon = build_lexicon(articles, args.min_count, args.min_rate)  # type: ignore[arg-type]
        # The lexicon is part of the features (extraction reads the shipped file), so it is
        # rewritten only when train says otherwise, and the file is left alone when it is the same.
        lexicon_path = DATA / "cue_lemmas.txt"
        written = "\n".join(lexicon) + "\n"
        changed = not lexicon_path.is_file() or lexicon_path.read_text(encoding="utf-8") != written
        if changed:
            lexicon_path.write_text(written, encoding="utf-8")
        print(f"cue lexicon: {len(lexicon)} words ({'rewritten' if changed else 'unchanged'}: {lexicon_path})",
              file=sys.stderr)
        started = time.monotonic()
        xs, ys, covered, total = labelled(articles)  # type: ignore[arg-type]
        print(f"featurized {len(xs)} paragraphs in {time.monotonic() - started:.0f}s; "
              f"gold word starts in parsed paragraphs: {covered}/{total}", file=sys.stderr)
        if args.cache is not None:
            args.cache.write_bytes(pickle.dumps((xs, ys)))
    trainer = pycrfsuite.Trainer(verbose=False)
    for x, y in zip(xs, ys, strict=True):
        trainer.append(x, y)
    trainer.set_params({
        "c1": args.c1, "c2": args.c2, "max_iterations": args.iterations,
        "feature.possible_transitions": True, "feature.minfreq": args.minfreq,
    })
    started = time.monotonic()
    trainer.train(str(args.out))
    size = args.out.stat().st_size
    print(f"trained in {time.monotonic() - started:.0f}s; model {size / 1e6:.1f} MB", file=sys.stderr)


if __name__ == "__main__":
    main()
