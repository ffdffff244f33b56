"""scripts/check_meter_ceiling.py: the gold derived share of METER's token-annotated stories and the threshold search
that turns it into the ceiling figures of docs/reuse.md. All inputs are written here (no METER text)."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from storytrace.eval.meter import LABELS, macro_f1

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"

ANNOTATED = """<!DOCTYPE meterdocument SYSTEM "meter.dtd" [
]>

<meterdocument filename="/x/harbour12_post.sgml" newspaper="post" domain="courts" classification="partially-derived" date="02.03.00" catchline="harbour">

<body>
<Verbatim PAsource="" >A harbour master was fined </Verbatim>
<Rewrite PAsource="" >yesterday for letting &amp; a ferry sail </Rewrite>
<New PAsource="" >

Neighbours said the quay had been closed for weeks.</New>
<Rewrite PAsource="" >The court heard <Verbatim PAsource="">he ignored two warnings</Verbatim> from the coastguard.</Rewrite>
Stray words here
<New PAsource="" />
</body>
</meterdocument>
"""
# Verbatim: 5 + 4 = 9 words; Rewrite: "yesterday for letting a ferry sail" 6 + "The court heard" 3 + "from the coastguard" 3
# = 12 ("&amp;" is no word); New: 9; untagged: "Stray words here" 3 (the DOCTYPE is no text).

UNCLASSIFIED = """<meterdocument classification="non-derived" catchline="harbour">
<body>
<unclassified>
A harbour master was fined yesterday.
</unclassified>
</body>
</meterdocument>
"""


@pytest.fixture(scope="module")
def ceiling() -> ModuleType:
    sys.path.insert(0, str(SCRIPTS))
    try:
        return importlib.import_module("check_meter_ceiling")
    finally:
        sys.path.remove(str(SCRIPTS))


def test_share_counts_words_by_innermost_tag_and_leaves_untagged_text_out(ceiling: ModuleType) -> None:
    annotation = ceiling.parse_annotation(ANNOTATED)
    assert (annotation.verbatim, annotation.rewrite, annotation.new, annotation.untagged) == (9, 12, 9, 3)
    assert annotation.classification == "partially_derived"
    assert annotation.share == pytest.approx(21 / 30)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (UNCLASSIFIED, "no token-level tags"),
        ("<body><Verbatim>fined two days</Rewrite></body>", "</rewrite> closes <verbatim>"),
        ("<body><New>fined</New> two</Verbatim></body>", "</verbatim> closes no open token tag"),
        ("<body><Rewrite>fined <New>two days</New></body>", "<rewrite> is never closed"),
        ("<body><Verbatim PAsource=''> </Verbatim><New>&amp;</New></body>", "hold no words"),
    ],
)
def test_unusable_annotation_is_a_clear_error(ceiling: ModuleType, text: str, reason: str) -> None:
    with pytest.raises(ceiling.AnnotationError, match=reason):
        ceiling.parse_annotation(text)


def test_unreadable_file_is_an_annotation_error(ceiling: ModuleType, tmp_path: Path) -> None:
    with pytest.raises(ceiling.AnnotationError, match="not readable"):
        ceiling.read_annotation(tmp_path)  # a directory
    latin = tmp_path / "story.sgml"
    latin.write_bytes(ANNOTATED.replace("harbour master", "caf\xe9 owner").encode("latin-1"))
    assert ceiling.read_annotation(latin).verbatim == 9


def test_three_class_search_finds_the_separating_thresholds(ceiling: ModuleType) -> None:
    shares = np.array([0.1, 0.2, 0.3, 0.35, 0.5, 0.6, 0.9, 0.95, 1.0])
    gold = np.array([2, 2, 2, 1, 1, 1, 0, 0, 0])
    score, low, high = ceiling.best_three(shares, gold)
    assert score == 1.0
    assert (low, high) == pytest.approx((0.325, 0.75))


def test_three_class_search_is_the_exhaustive_optimum(ceiling: ModuleType) -> None:
    rng = np.random.default_rng(7)
    gold = rng.integers(0, 3, 40)
    shares = np.round(np.clip(0.8 - 0.3 * gold + rng.normal(0, 0.25, 40), 0, 1), 2)
    score, low, high = ceiling.best_three(shares, gold)
    cuts = ceiling.cut_points(shares)
    brute = max(
        macro_f1([LABELS[g] for g in gold], [LABELS[p] for p in ceiling.label_three(shares, lo, hi)], LABELS)
        for i, lo in enumerate(cuts)
        for hi in cuts[i:]
    )
    assert score == pytest.approx(brute)
    assert ceiling.f1_three(gold, ceiling.label_three(shares, low, high)) == pytest.approx(brute)
    assert brute < 1.0


def test_binary_search_finds_the_best_single_cut(ceiling: ModuleType) -> None:
    # non-derived at 0.1, 0.2, 0.7; derived (partially / wholly) at 0.3, 0.6, 0.9. Cutting at 0.25 gets one
    # non-derived wrong: F1 derived 6/7, non-derived 4/5; every other cut does worse.
    shares = np.array([0.1, 0.2, 0.7, 0.3, 0.6, 0.9])
    gold = np.array([2, 2, 2, 1, 1, 0])
    score, cut = ceiling.best_binary(shares, gold)
    assert cut == pytest.approx(0.25)
    assert score == pytest.approx((6 / 7 + 4 / 5) / 2)


def test_cross_validation_fits_thresholds_on_the_other_folds_only(ceiling: ModuleType) -> None:
    # Two story groups whose shares are shifted: each is labelled with thresholds learnt on the other.
    shares = np.array([0.1, 0.5, 0.9, 0.6, 0.8, 0.95])
    gold = np.array([2, 1, 0, 2, 1, 0])
    groups = ["a", "a", "a", "b", "b", "b"]
    three, two = ceiling.cross_validated(shares, gold, groups, seed=13, folds=2)
    # trained on b: partially from 0.7, wholly from 0.875; trained on a: 0.3 and 0.7 (derived from 0.3).
    assert three.tolist() == [2, 2, 0, 1, 0, 0]
    assert two.tolist() == [1, 1, 0, 0, 0, 0]


def test_folds_never_split_a_group(ceiling: ModuleType) -> None:
    groups = [f"courts/0{i % 4}.03.00/story{i % 20}" for i in range(60)]
    folds = ceiling.fold_numbers(groups, seed=1)
    assert len({(g, f) for g, f in zip(groups, folds, strict=True)}) == len(set(groups))
    assert len(set(folds.tolist())) == 10


def test_stories_join_the_pairs_label_and_count_skips(ceiling: ModuleType, tmp_path: Path) -> None:
    rows = []
    for name, label, annotated in [
        ("harbour12_post", "partially_derived", ANNOTATED.replace("partially-derived", "non-derived")),
        ("harbour14_mail", "non_derived", UNCLASSIFIED),
        ("harbour15_sun", "wholly_derived", None),
    ]:
        text = tmp_path / "newspapers/rawtexts/courts/02.03.00/harbour" / f"{name}.txt"
        text.parent.mkdir(parents=True, exist_ok=True)
        text.write_text("A harbour master was fined yesterday.\n", encoding="latin-1")
        row = {
            "label": label,
            "domain": "courts",
            "date": "02.03.00",
            "catchline": "harbour",
            "text_path": text.relative_to(tmp_path).as_posix(),
            "pa_source_paths": ["PA/rawtexts/courts/02.03.00/harbour/harbour1.txt"],
        }
        if annotated is not None:
            path = tmp_path / "newspapers/annotated/courts/02.03.00/harbour" / f"{name}.sgml"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(annotated, encoding="latin-1")
            row["annotated_path"] = path.relative_to(tmp_path).as_posix()
        rows.append(row)
    source = tmp_path / "PA/rawtexts/courts/02.03.00/harbour/harbour1.txt"
    source.parent.mkdir(parents=True, exist_ok=True)
    source.write_text("A harbour master was fined today. <\n", encoding="latin-1")
    (tmp_path / "pairs.jsonl").write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")

    stories, items, skipped, disagreements = ceiling.load_stories(tmp_path)
    assert [(story.label, story.group) for story in stories] == [("partially_derived", "courts/02.03.00/harbour")]
    assert stories[0].share == pytest.approx(21 / 30)
    assert len(items) == 3
    assert skipped == {"no token-level tags (Verbatim / Rewrite / New)": 1, "no annotated_path": 1}
    assert disagreements == 1
