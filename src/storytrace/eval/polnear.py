"""PolNeAR attribution relations: source, cue and content spans, scored span by span.

Data (``--data DIR``): ``<split>/text/*.txt`` and ``<split>/attributions/*_<annotator>.ann``
(brat: ``T`` lines ``Source|Cue|Content start end[;start end]``, ``E`` lines tying them); the
alphabetically first annotator file of each article is the gold. The extractor is the one
``analyze`` uses (:func:`storytrace.claims.quotes.extract_quotes`), run on each text file as it
is so that offsets agree with the annotation.

Scoring (EVAL.md): span-level precision/recall/F1. PolNeAR's annotation is univocal, so a
predicted quote nested inside another predicted content (a partial quotation inside a reported
clause, which ``extract_quotes`` also returns on its own with its speaker) is not scored twice:
only the outermost predictions count (:func:`univocal`). *exact*: same character span (fragments
joined), a direct quote's content taken with its quotation marks and the punctuation inside them
as PolNeAR marks it (:func:`content_span`; ``Quote.span`` holds the words only); *overlap*: word-level overlap of at least 50 % of the longer span. Predicted contents
are matched one-to-one to gold contents (best overlap first); a predicted source (or cue) is
scored only against the gold source (or cue) of the content it matched.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import EvalDataError
from ..models import Quote

__all__ = ["GoldAttribution", "content_span", "evaluate_polnear", "load_split", "read_ann", "univocal"]

Span = tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    source: Span | None
    cue: Span | None
    content: Span | None


def read_ann(text: str) -> list[GoldAttribution]:
    spans: dict[str, tuple[str, Span]] = {}
    relations: list[dict[str, str]] = []
    for line in text.splitlines():
        if line.startswith("T"):
            parts = line.split("\t")
            if len(parts) < 2:
                continue
            label, _, positions = parts[1].partition(" ")
            fragments = tuple(
                (int(a), int(b)) for a, b in (fragment.split() for fragment in positions.split(";") if fragment.strip())
            )
            spans[parts[0]] = (label, fragments)
        elif line.startswith("E"):
            parts = line.split("\t")
            if len(parts) < 2:
                continue
            roles = dict(item.split(":", 1) for item in parts[1].split() if ":" in item)
            relations.append(roles)
    gold = []
    for roles in relations:
        def get(role: str, roles: dict[str, str] = roles) -> Span | None:
            key = roles.get(role)
            return spans[key][1] if key in spans else None

        gold.append(GoldAttribution(source=get("Source"), cue=get("Cue"), content=get("Content")))
    return gold


def load_split(root: Path, split: str) -> list[tuple[str, str, list[GoldAttribution]]]:
    text_dir, ann_dir = root / split / "text", root / split / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise EvalDataError(f"{root / split} has no text/ and attributions/", hint="--data must be the PolNeAR folder")
    articles = []
    for text_path in sorted(text_dir.glob("*.txt")):
        annotations = sorted(ann_dir.glob(f"{text_path.stem}_*.ann"))
        if not annotations:
            continue
        articles.append(
            (text_path.stem, text_path.read_text(encoding="utf-8"), read_ann(annotations[0].read_text(encoding="utf-8")))
        )
    return articles


_WORD = re.compile(r"\w+")


def _words(text: str, span: Span) -> set[int]:
    return {m.start() for a, b in span for m in _WORD.finditer(text, a, b)}


def _overlaps(text: str, a: Span | None, b: Span | None) -> bool:
    if not a or not b:
        return False
    wa, wb = _words(text, a), _words(text, b)
    if not wa or not wb:
        return False
    return len(wa & wb) >= 0.5 * max(len(wa), len(wb))


def _exact(a: Span | None, b: Span | None) -> bool:
    if not a or not b:
        return False
    return (min(s for s, _ in a), max(e for _, e in a)) == (min(s for s, _ in b), max(e for _, e in b))


def _share(text: str, a: Span, b: Span) -> float:
    wa, wb = _words(text, a), _words(text, b)
    return len(wa & wb) / max(len(wa), len(wb), 1)


_OPENING = "\"“‘'«„"
_CLOSING = "\"”’'»‟"
_INSIDE_CLOSING = ",.?!;:—–-"
_DOUBLED = ("''", "``")  # quotation marks typed as two characters (``like this'')


def content_span(text: str, quote: Quote) -> tuple[int, int]:
    """A quote's content span the way PolNeAR marks it. storytrace's ``Quote.span`` of a direct
    quote holds the quoted words only; PolNeAR's content of ``"We will win," he said`` is
    ``"We will win,"`` — the quotation marks and the punctuation printed inside the closing mark
    belong to it. A direct quote's span is widened over an opening mark right before it and over
    inside punctuation plus a closing mark right after it (``''`` counts as one mark); reported speech is
    left as it is."""
    start, end = quote.span
    if not quote.direct:
        return start, end
    if text[max(start - 2, 0) : start] in _DOUBLED:
        start -= 2
    elif start > 0 and text[start - 1] in _OPENING:
        start -= 1
    after = end
    while after < len(text) and text[after] in _INSIDE_CLOSING:
        after += 1
    if text[after : after + 2] in _DOUBLED:
        end = after + 2
    elif after < len(text) and text[after] in _CLOSING:
        end = after + 1
    return start, end


def _match(
    text: str, predicted: list[Quote], gold: list[GoldAttribution], mode: str, *, widen: bool = True
) -> list[tuple[Quote, int]]:
    """One-to-one pairs of predicted and gold contents that match in ``mode``, best overlap first."""
    pairs = []
    for p, quote in enumerate(predicted):
        content: Span = (content_span(text, quote) if widen else quote.span,)
        for g, item in enumerate(gold):
            if mode == "exact" and _exact(content, item.content):
                pairs.append((1.0, p, g))
            elif mode == "overlap" and _overlaps(text, content, item.content):
                pairs.append((_share(text, content, item.content or ()), p, g))
    pairs.sort(key=lambda pair: (-pair[0], pair[1], pair[2]))
    used_p: set[int] = set()
    used_g: set[int] = set()
    matched = []
    for _, p, g in pairs:
        if p in used_p or g in used_g:
            continue
        used_p.add(p)
        used_g.add(g)
        matched.append((predicted[p], g))
    return matched


def univocal(quotes: list[Quote]) -> list[Quote]:
    """PolNeAR gives each token at most one attribution; a quote nested inside another predicted
    content (a partial quotation inside a reported clause, "Reuters reported that X said …") is
    part of that attribution there, so only the outermost predictions are scored."""
    return [q for q in quotes if not any(o is not q and o.span != q.span and o.span[0] <= q.span[0]
                                         and q.span[1] <= o.span[1] for o in quotes)]


def _prf(tp: int, predicted: int, gold: int) -> float:
    precision = tp / predicted if predicted else 0.0
    recall = tp / gold if gold else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def evaluate_polnear(
    data_dir: str | Path, *, split: str = "dev", progress: Callable[[int, int, str], None] | None = None
) -> dict[str, Any]:
    from ..claims.quotes import extract_quotes

    articles = load_split(Path(data_dir), split)
    runs: list[tuple[str, list[GoldAttribution], list[Quote]]] = []
    for done, (name, text, gold) in enumerate(articles, start=1):
        runs.append((text, [g for g in gold if g.content], [q for q in extract_quotes(text) if q.cue is not None]))
        if progress is not None:
            progress(done, len(articles), name[:40])
    projected = [(text, gold, univocal(predicted)) for text, gold, predicted in runs]
    scores = _score(projected)
    words_only = _score(projected, widen=False)
    unprojected = _score(runs)
    return {
        "articles": len(articles),
        "split": split,
        **scores,
        # The same without the univocal projection (every predicted quote scored, nested ones too).
        "content_f1_overlap_all": unprojected["content_f1_overlap"],
        "source_f1_overlap_all": unprojected["source_f1_overlap"],
        # Exact spans with Quote.span as it is (a direct quote's words without its quotation marks).
        "content_f1_exact_words": words_only["content_f1_exact"],
        "source_f1_exact_words": words_only["source_f1_exact"],
    }


def _score(runs: list[tuple[str, list[GoldAttribution], list[Quote]]], *, widen: bool = True) -> dict[str, Any]:
    counts = {key: 0 for key in ("content_exact", "content_overlap", "source_exact", "source_overlap", "cue_exact")}
    predicted_total = gold_total = predicted_sources = gold_sources = predicted_cues = gold_cues = 0
    for text, gold, predicted in runs:
        predicted_total += len(predicted)
        gold_total += len(gold)
        predicted_sources += sum(1 for q in predicted if q.speaker_span)
        gold_sources += sum(1 for g in gold if g.source)
        predicted_cues += sum(1 for q in predicted if q.cue_span)
        gold_cues += sum(1 for g in gold if g.cue)
        for mode in ("exact", "overlap"):
            for quote, match in _match(text, predicted, gold, mode, widen=widen):
                counts[f"content_{mode}"] += 1
                source: Span | None = (quote.speaker_span,) if quote.speaker_span else None
                if mode == "exact" and _exact(source, gold[match].source):
                    counts["source_exact"] += 1
                if mode == "overlap" and _overlaps(text, source, gold[match].source):
                    counts["source_overlap"] += 1
                cue: Span | None = (quote.cue_span,) if quote.cue_span else None
                if mode == "overlap" and _exact(cue, gold[match].cue):
                    counts["cue_exact"] += 1
    return {
        "content_f1_exact": _prf(counts["content_exact"], predicted_total, gold_total),
        "content_f1_overlap": _prf(counts["content_overlap"], predicted_total, gold_total),
        "source_f1_exact": _prf(counts["source_exact"], predicted_sources, gold_sources),
        "source_f1_overlap": _prf(counts["source_overlap"], predicted_sources, gold_sources),
        "cue_f1_exact": _prf(counts["cue_exact"], predicted_cues, gold_cues),
        "predicted": predicted_total,
        "gold": gold_total,
    }
