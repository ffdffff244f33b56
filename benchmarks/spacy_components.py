"""CPU seconds of each spaCy component on real news sentences, for the installed spaCy build.

    .venv/bin/python benchmarks/spacy_components.py --data ../shared/data [--every 6] [--json]

Why: the same model (en_core_web_sm 3.8.0) runs its parser and NER ~2.5x slower under spaCy 3.8.7
and later builds than under 3.8.2-3.8.6, with the same tags, parses and entities (a perf profile of
the slow builds shows ~40 % of the NER's time taking and releasing the GIL inside the transition
loop). To compare builds, install another one beside the project and put it first on the path:

    .venv/bin/pip install --no-deps --target /tmp/spacy-3.8.18 spacy==3.8.18
    PYTHONPATH=/tmp/spacy-3.8.18 .venv/bin/python benchmarks/spacy_components.py --data ../shared/data

The sentences are those of every ``--every``-th article of benchmarks/pipeline.py's 600-article
pile (built at run time from the shared sets, never copied into the repo), split by the reuse
engine's splitter. Each component runs over all of them in turn (``pipe``, batches of 128), as the
model's own pipeline (``spacy.load``: no storytrace memoisation), one process; the two digests hash every
token's tag, part of speech, dependency, head and entity, and its lemma, so two builds can be checked
for the same output.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pipeline import build_pile


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="the shared data folder (../shared/data)")
    parser.add_argument("--every", type=int, default=6, help="take every N-th article of the 600-article pile")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    import spacy

    from storytrace.claims.nlp import MODEL
    from storytrace.reuse.paraphrase import split_sentences

    pile = build_pile(args.data, 600)[:: args.every]
    sentences = [str(row["text"])[a:b] for row in pile for a, b in split_sentences(str(row["text"]))]
    nlp = spacy.load(MODEL)
    docs = [nlp.make_doc(sentence) for sentence in sentences]
    seconds: dict[str, float] = {}
    for name, component in nlp.pipeline:
        started = time.process_time()
        docs = list(component.pipe(docs, batch_size=128))
        seconds[name] = round(time.process_time() - started, 2)
    parses, lemmas = hashlib.sha256(), hashlib.sha256()
    for doc in docs:
        for t in doc:
            parses.update(f"{t.tag_}|{t.pos_}|{t.dep_}|{t.head.i}|{t.ent_iob_}{t.ent_type_}\n".encode())
            lemmas.update(f"{t.lemma_}\n".encode())
    result = {
        "spacy": spacy.__version__, "sentences": len(sentences), "words": sum(len(d) for d in docs),
        "cpu_seconds": seconds, "total": round(sum(seconds.values()), 2),
        "entities": sum(len(d.ents) for d in docs),
        "digest_tags_parses_entities": parses.hexdigest()[:16], "digest_lemmas": lemmas.hexdigest()[:16],
    }
    print(json.dumps(result) if args.json else "\n".join(f"{k:>12}: {v}" for k, v in result.items()))


if __name__ == "__main__":
    main()
