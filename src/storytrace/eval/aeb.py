"""Article-extraction benchmark (scrapinghub/article-extraction-benchmark) on our ingest path.

Each page goes through the same code as ``storytrace ingest``: reader → HTML extraction →
normalizer; the article's clean text is compared with the gold ``articleBody``.

Metric, as the benchmark defines it: tokens are ``\\w+`` runs; each text becomes a multiset of
4-token shingles; per page tp/fp/fn are counted and normalised to sum to 1; precision and recall
are averaged over pages (skipping pages where they are undefined) and F1 is taken of the averages.

A page of a held-out half that is damaged — no gold body, no saved file, a truncated gzip, an empty
or binary file — is left out and counted (``skipped_items``, :mod:`storytrace.eval.robust`); a page
the extractor finds no article in still scores zero (``no_article``): that is the system's miss.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import (
    BinaryInputError,
    CorruptArchiveError,
    EmptyInputError,
    EvalDataError,
    StorytraceError,
    TooLargeError,
    UnreadableInputError,
)
from .robust import Skips, read_text

__all__ = ["AebPage", "aggregate", "evaluate_aeb", "load_aeb", "shingle_scores"]

_TOKEN = re.compile(r"\w+")
SHINGLE = 4


def _shingles(text: str, n: int = SHINGLE) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n])


def shingle_scores(gold: str, predicted: str) -> tuple[float, float, float]:
    """Normalised (tp, fp, fn) of one page."""
    gold_counts, predicted_counts = _shingles(gold), _shingles(predicted)
    tp = sum((gold_counts & predicted_counts).values())
    fp = sum((predicted_counts - gold_counts).values())
    fn = sum((gold_counts - predicted_counts).values())
    total = tp + fp + fn
    if total == 0:
        return 0.0, 0.0, 0.0
    return tp / total, fp / total, fn / total


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def aggregate(scores: list[tuple[float, float, float]]) -> dict[str, float]:
    precisions = [_precision(*s) for s in scores if s[0] + s[1] > 0]
    recalls = [_recall(*s) for s in scores if s[0] + s[2] > 0]
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def extract_body(data: bytes, *, name: str, url: str | None = None) -> str:
    """The clean text storytrace's ingest path gives for one saved page ('' when it finds none)."""
    from dataclasses import replace

    from ..ingest.html import extract_html
    from ..ingest.sources import read_bytes_as
    from ..models import RawDocument
    from ..normalize import normalize
    from ..settings import IngestOptions

    for item in read_bytes_as(data, name=name, source=name, options=IngestOptions()):
        if isinstance(item, RawDocument):
            document = replace(item, url=url) if url and item.raw_format == "html" else item
            if document.raw_format == "html":
                document = extract_html(document)
            return normalize(document).text
    return ""


@dataclass(frozen=True, slots=True)
class AebPage:
    """One page of the benchmark: its id, gold body, address and saved file."""

    key: str
    body: str
    url: str | None
    path: Path


_DAMAGED = (CorruptArchiveError, EmptyInputError, BinaryInputError, UnreadableInputError, TooLargeError)
"""Errors that say the saved page itself is broken (a truncated gzip, an empty or binary file): the page
is left out, whereas a page the extractor finds no article in is the system's miss and scores zero."""


def _page_file(root: Path, key: str) -> Path | None:
    for name in (f"{key}.html.gz", f"{key}.html"):
        if (root / "html" / name).is_file():
            return root / "html" / name
    return None


def load_aeb(data_dir: str | Path, skips: Skips | None = None) -> list[AebPage]:
    """The pages of ``ground-truth.json`` that have a gold body and a saved page (sorted by id); the
    others are noted in ``skips``. Raises :class:`EvalDataError` when the folder is not the benchmark's."""
    root = Path(data_dir)
    skips = skips if skips is not None else Skips(root)
    truth_path = root / "ground-truth.json"
    if not truth_path.is_file():
        raise EvalDataError(f"{truth_path} not found", hint="--data must hold ground-truth.json and html/")
    try:
        truth = json.loads(read_text(truth_path, skips))
    except (OSError, ValueError) as exc:
        raise EvalDataError(f"{truth_path} is not readable JSON ({exc})") from exc
    if not isinstance(truth, dict):
        raise EvalDataError(f"{truth_path} must map page ids to {{articleBody, url}}")
    pages: list[AebPage] = []
    for key, gold in sorted(truth.items()):
        body = gold.get("articleBody") if isinstance(gold, dict) else None
        if not isinstance(body, str) or not body.strip():
            skips.add(truth_path, f"page {key[:20]!r} has no articleBody")
            continue
        if not key or Path(key).name != key:
            skips.add(truth_path, f"page id {key[:20]!r} is not a file name")
            continue
        page = _page_file(root, key)
        if page is None:
            skips.add(root / "html" / f"{key}.html.gz", "page file not found")
            continue
        url = gold.get("url")
        pages.append(AebPage(key=key, body=body, url=url if isinstance(url, str) and url else None, path=page))
    return pages


def evaluate_aeb(data_dir: str | Path, *, progress: Callable[[int, int, str], None] | None = None) -> dict[str, Any]:
    """Score the ingest path on every usable page; damaged pages are skipped and counted (see ``_DAMAGED``)."""
    skips = Skips(data_dir)
    pages = load_aeb(data_dir, skips)
    scores: list[tuple[float, float, float]] = []
    failed = 0
    for done, page in enumerate(pages, start=1):
        if progress is not None:
            progress(done, len(pages), page.key[:16])
        try:
            predicted = extract_body(page.path.read_bytes(), name=page.path.name, url=page.url)
        except OSError as exc:
            skips.add(page.path, f"not readable ({exc.strerror or exc})")
            continue
        except _DAMAGED as exc:
            skips.add(page.path, exc.message)
            continue
        except StorytraceError:
            predicted, failed = "", failed + 1
        scores.append(shingle_scores(page.body, predicted))
    if not scores:
        raise skips.nothing_left("pages", hint="--data must hold ground-truth.json and html/<id>.html.gz")
    result: dict[str, Any] = {"pages": len(scores), "no_article": failed}
    result.update(aggregate(scores))
    result.update(skips.report())
    return result
