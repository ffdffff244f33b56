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
as PolNeAR marks it (:func:`content_span`; ``Quote.span`` holds the words only); *overlap*: word-level overlap of at least 50 % of the longer span.
A quotation interrupted by its own attribution is read in two fragments, without the source and cue
it marks inside its span (:func:`content_fragments`), as PolNeAR marks it. Predicted contents
are matched one-to-one to gold contents (best overlap first); a predicted source (or cue) is
scored only against the gold source (or cue) of the content it matched.

Without ``--split`` the ``dev`` split is scored, or ``test`` in a folder that has no ``dev/`` (a
held-out half may be laid out that way; the result's ``split`` says which). An article of a held-out
half without an annotation file, with an unreadable one, or whose offsets do not fit its text (past
its end, or covering other words than brat wrote beside them) is left out and counted
(``skipped_items``, :mod:`storytrace.eval.robust`); a text with a byte-order mark or CRLF line ends is
read the way its offsets were counted.
"""

from __future__ import annotations

import glob
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import EvalDataError
from ..models import Quote
from .robust import Skips, decode, read_text

__all__ = [
    "DEFAULT_SPLITS",
    "GoldAttribution",
    "TextBound",
    "choose_split",
    "content_fragments",
    "content_span",
    "evaluate_polnear",
    "load_split",
    "parse_ann",
    "read_ann",
    "splits_in",
    "univocal",
]

Span = tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    source: Span | None
    cue: Span | None
    content: Span | None


@dataclass(frozen=True, slots=True)
class TextBound:
    """One brat ``T`` line: its label, its character fragments and the text brat wrote beside them."""

    label: str
    span: Span
    surface: str | None


def parse_ann(text: str) -> tuple[dict[str, TextBound], list[dict[str, str]]]:
    """The ``T`` lines by id and the role maps of the ``E`` lines of a brat file. A line too short to
    hold an annotation is passed over (a covered text with a line break continues on the next line);
    a ``T`` line whose offsets are not numbers raises :class:`ValueError`."""
    spans: dict[str, TextBound] = {}
    relations: list[dict[str, str]] = []
    for line in text.splitlines():
        if line.startswith("T"):
            parts = line.split("\t")
            if len(parts) < 2:
                continue
            label, _, positions = parts[1].partition(" ")
            try:
                fragments = tuple(
                    (int(a), int(b))
                    for a, b in (fragment.split() for fragment in positions.split(";") if fragment.strip())
                )
            except ValueError:
                raise ValueError(f"{parts[0]} has unreadable offsets {positions!r}") from None
            spans[parts[0]] = TextBound(label, fragments, parts[2] if len(parts) > 2 else None)
        elif line.startswith("E"):
            parts = line.split("\t")
            if len(parts) < 2:
                continue
            roles = dict(item.split(":", 1) for item in parts[1].split() if ":" in item)
            relations.append(roles)
    return spans, relations


def _attributions(spans: dict[str, TextBound], relations: list[dict[str, str]]) -> list[GoldAttribution]:
    gold = []
    for roles in relations:
        def get(role: str, roles: dict[str, str] = roles) -> Span | None:
            key = roles.get(role)
            return spans[key].span if key in spans else None

        gold.append(GoldAttribution(source=get("Source"), cue=get("Cue"), content=get("Content")))
    return gold


def read_ann(text: str) -> list[GoldAttribution]:
    """The attributions (source, cue, content spans) of a brat file; see :func:`parse_ann`."""
    return _attributions(*parse_ann(text))


DEFAULT_SPLITS = ("dev", "test")
"""The split scored when none is asked for: ``dev``, or ``test`` in a folder laid out without ``dev/``."""


def _has_split(root: Path, split: str) -> bool:
    return (root / split / "text").is_dir() and (root / split / "attributions").is_dir()


def splits_in(root: Path) -> list[str]:
    """The splits a PolNeAR folder holds (sub-folders with ``text/`` and ``attributions/``)."""
    if not root.is_dir():
        return []
    return sorted(path.name for path in root.iterdir() if _has_split(root, path.name))


def _missing_split(root: Path, split: str | None) -> EvalDataError:
    """The error for a split that is not there, naming the splits that are."""
    present = splits_in(root)
    found = f"splits here: {', '.join(present)}" if present else "no split with text/ and attributions/ here"
    if not root.is_dir():
        message = f"{root} not found"
    elif split is not None:
        message = f"{root / split} has no text/ and attributions/ ({found})"
    else:
        message = f"{root} has neither {' nor '.join(f'{name}/' for name in DEFAULT_SPLITS)} ({found})"
    hint = "choose one with --split" if present else "--data must be the PolNeAR folder"
    return EvalDataError(message, hint=hint)


def choose_split(root: Path, split: str | None) -> str:
    """The split to score: ``split`` when given (strictly), else the first of :data:`DEFAULT_SPLITS`
    the folder holds (a held-out half may be laid out with ``test/`` only)."""
    for name in (split,) if split is not None else DEFAULT_SPLITS:
        if _has_split(root, name):
            return name
    raise _missing_split(root, split)


def _newlines(text: str) -> str:
    """Line ends as ``Path.read_text`` gives them (universal newlines)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _matches(text: str, spans: dict[str, TextBound]) -> int:
    """How many ``T`` lines cover, in ``text``, the words brat wrote beside them."""
    count = 0
    for bound in spans.values():
        if not bound.surface or any(not 0 <= a <= b <= len(text) for a, b in bound.span):
            continue
        count += " ".join(text[a:b] for a, b in bound.span).startswith(bound.surface)
    return count


def _aligned(raw: str, mark: bool, spans: dict[str, TextBound]) -> str:
    """The article text the offsets were counted on. Read as before (universal newlines) unless the file
    has a byte-order mark or carriage returns: then each reading is tried and the one under which most
    ``T`` lines cover the words written beside them wins (ties: the usual reading)."""
    candidates = [("\ufeff" if mark else "") + _newlines(raw)]
    if mark or "\r" in raw:
        candidates += [_newlines(raw), raw, "\ufeff" + raw]
    if len(candidates) == 1:
        return candidates[0]
    return max(candidates, key=lambda text: _matches(text, spans))


def _offsets_problem(text: str, spans: dict[str, TextBound]) -> str | None:
    """Why the annotation does not fit the text (an offset past its end, or most ``T`` lines covering
    other words than brat wrote beside them), or ``None``."""
    for key, bound in spans.items():
        for a, b in bound.span:
            if not 0 <= a <= b <= len(text):
                return f"{key} points past the end of the text ({a}-{b}, text has {len(text)} characters)"
    written = sum(1 for bound in spans.values() if bound.surface)
    if written and _matches(text, spans) * 2 < written:
        return "the offsets do not match the text (another version of the article?)"
    return None


def _article(text_path: Path, ann_dir: Path, skips: Skips) -> tuple[str, str, list[GoldAttribution]] | None:
    """One article with the gold of its alphabetically first annotator, or ``None`` (noted in ``skips``)."""
    annotations = sorted(ann_dir.glob(f"{glob.escape(text_path.stem)}_*.ann"))
    if not annotations:
        skips.add(text_path, "no annotation file")
        return None
    try:
        raw, encoding = decode(text_path.read_bytes())
    except (OSError, ValueError) as exc:
        skips.add(text_path, f"not readable ({exc})")
        return None
    if encoding not in ("utf-8", "utf-8-sig"):
        skips.note_recoded(text_path, encoding)
    try:
        spans, relations = parse_ann(read_text(annotations[0], skips))
    except (OSError, ValueError) as exc:
        skips.add(annotations[0], f"not readable ({exc})")
        return None
    text = _aligned(raw, encoding == "utf-8-sig", spans)
    if not text.strip():
        skips.add(text_path, "empty text")
        return None
    problem = _offsets_problem(text, spans)
    if problem is not None:
        skips.add(annotations[0], problem)
        return None
    return text_path.stem, text, _attributions(spans, relations)


def load_split(
    root: Path, split: str, skips: Skips | None = None
) -> list[tuple[str, str, list[GoldAttribution]]]:
    """The articles of one split: ``(name, text, gold)``. An article without an annotation file, with
    an unreadable or empty one, or whose offsets do not fit its text is left out and noted in ``skips``."""
    skips = skips if skips is not None else Skips(root)
    text_dir, ann_dir = root / split / "text", root / split / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise _missing_split(root, split)
    articles = []
    for text_path in sorted(text_dir.glob("*.txt")):
        article = _article(text_path, ann_dir, skips)
        if article is not None:
            articles.append(article)
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


def content_fragments(text: str, quote: Quote, *, widen: bool = True) -> Span:
    """A quote's content as PolNeAR marks it, in fragments: :func:`content_span` (or ``Quote.span``
    without ``widen``), less the quote's own source and cue when they lie inside it. A quotation
    interrupted by its attribution ("“A,” said Kevin Barrett, a lawyer at …, “B.”") is one storytrace
    quote whose span runs over the attribution; PolNeAR's content is the two quoted parts, and the
    source and cue between them are the attribution's other spans, not its content."""
    start, end = content_span(text, quote) if widen else quote.span
    inside = [s for s in (quote.speaker_span, quote.cue_span) if s is not None and start < s[0] and s[1] < end]
    if not inside:
        return ((start, end),)
    cut_start, cut_end = min(s[0] for s in inside), max(s[1] for s in inside)
    left = start + len(text[start:cut_start].rstrip())
    right = cut_end
    while right < end and not (text[right].isalnum() or text[right] in _OPENING or text[right : right + 2] in _DOUBLED):
        right += 1  # the attribution's comma or full stop and the spaces before the quotation goes on
    return tuple(span for span in ((start, left), (right, end)) if span[0] < span[1])


def _match(
    text: str, predicted: list[Quote], gold: list[GoldAttribution], mode: str, *, widen: bool = True
) -> list[tuple[Quote, int]]:
    """One-to-one pairs of predicted and gold contents that match in ``mode``, best overlap first."""
    pairs = []
    for p, quote in enumerate(predicted):
        content: Span = content_fragments(text, quote, widen=widen)
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
    data_dir: str | Path, *, split: str | None = None, progress: Callable[[int, int, str], None] | None = None
) -> dict[str, Any]:
    """Score the extractor on one split: ``split`` if given, else ``dev`` (``test`` when there is no ``dev/``)."""
    from ..claims.quotes import extract_quotes

    root = Path(data_dir)
    split = choose_split(root, split)
    skips = Skips(root)
    articles = load_split(root, split, skips)
    if not articles:
        raise skips.nothing_left(f"articles in {split}/", hint="--data must be the PolNeAR folder")
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
        **skips.report(),
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
