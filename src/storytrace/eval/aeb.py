"""Article-extraction benchmark (scrapinghub/article-extraction-benchmark) on our ingest path.

Each page goes through the same code as ``storytrace ingest``: reader → HTML extraction →
normalizer; the article's clean text is compared with the gold ``articleBody``.

Metric, as the benchmark defines it: tokens are ``\\w+`` runs; each text becomes a multiset of
4-token shingles; per page tp/fp/fn are counted and normalised to sum to 1; precision and recall
are averaged over pages (skipping pages where they are undefined) and F1 is taken of the averages.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import EvalDataError, StorytraceError

__all__ = ["aggregate", "evaluate_aeb", "shingle_scores"]

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


def evaluate_aeb(data_dir: str | Path, *, progress: Callable[[int, int, str], None] | None = None) -> dict[str, Any]:
    root = Path(data_dir)
    truth_path = root / "ground-truth.json"
    if not truth_path.is_file():
        raise EvalDataError(f"{truth_path} not found", hint="--data must hold ground-truth.json and html/")
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    scores: list[tuple[float, float, float]] = []
    failed = 0
    items = sorted(truth.items())
    for done, (key, gold) in enumerate(items, start=1):
        page = root / "html" / f"{key}.html.gz"
        if not page.is_file():
            raise EvalDataError(f"{page} not found")
        try:
            predicted = extract_body(page.read_bytes(), name=page.name, url=gold.get("url"))
        except StorytraceError:
            predicted, failed = "", failed + 1
        scores.append(shingle_scores(gold.get("articleBody", ""), predicted))
        if progress is not None:
            progress(done, len(items), key[:16])
    result: dict[str, Any] = {"pages": len(items), "no_article": failed}
    result.update(aggregate(scores))
    return result
