"""How often "he" / "she" speakers resolve to a person whose first name is listed with the other sex.

Reads the PolNeAR dev split and BASIL from ``--data`` (never copied), extracts the quotes, and for every
quote whose speaker mention is "he" or "she" and whose resolved speaker starts with a first name of
``claims/data/first_names.tsv`` counts a clash when that name is listed with the other sex. Run it with
``--no-prior`` to see the figure without the first-name prior (``quotes.FIRST_NAMES``).

    .venv/bin/python scripts/check_pronoun_gender.py --data ../shared/data [--no-prior]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from storytrace.claims import quotes
from storytrace.eval.basil import load_basil
from storytrace.eval.polnear import load_split


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--no-prior", action="store_true", help="resolve without the first-name prior")
    args = parser.parse_args()
    quotes.FIRST_NAMES = not args.no_prior
    texts = [text for _, text, _ in load_split(args.data / "polnear", "dev")]
    texts += [article.text for article in load_basil(args.data / "basil")]
    table = quotes._first_names()
    pronouns = listed = clashes = 0
    for text in texts:
        for quote in quotes.extract_quotes(text):
            if not quote.speaker or not quote.speaker_span:
                continue
            mention = text[quote.speaker_span[0] : quote.speaker_span[1]].lower()
            if mention not in {"he", "she"}:
                continue
            pronouns += 1
            words = quote.speaker.split()
            sex = table.get(words[0].lower()) if len(words) > 1 else None
            if sex is None:
                continue
            listed += 1
            clashes += (sex == "m") != (mention == "he")
    print(f"{pronouns} he/she speakers; {listed} resolved to a listed first name; {clashes} of those of the other sex")


if __name__ == "__main__":
    main()
