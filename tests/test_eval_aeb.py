"""The aeb metric (4-shingle P/R/F1 as the benchmark defines it) and the eval on the shared half."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from storytrace.errors import EvalDataError
from storytrace.eval.aeb import aggregate, evaluate_aeb, shingle_scores

SHARED_AEB = Path(__file__).resolve().parents[2] / "shared" / "data" / "aeb"


def test_identical_texts_score_one():
    tp, fp, fn = shingle_scores("one two three four five six", "one two three four five six")
    assert (tp, fp, fn) == (1.0, 0.0, 0.0)
    assert aggregate([(tp, fp, fn)])["f1"] == 1.0


def test_extra_and_missing_text_lower_precision_and_recall():
    gold = "the minister said the talks would resume next week in geneva"
    predicted = "the minister said the talks would resume next week share this article on facebook now"
    tp, fp, fn = shingle_scores(gold, predicted)
    assert 0 < tp < 1 and fp > 0 and fn > 0
    scores = aggregate([(tp, fp, fn)])
    assert scores["precision"] < 1 and scores["recall"] < 1


def test_nothing_extracted_scores_zero_recall():
    assert aggregate([shingle_scores("a b c d e f g", "")])["recall"] == 0.0


def _page(body: str) -> bytes:
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    html = (
        "<html><head><title>Council votes on budget | Town Crier</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a> <a href='/sport'>Sport</a></nav>"
        f"<article><h1>Council votes on budget</h1>{paragraphs}</article>"
        "<footer>Copyright 2020 Town Crier. All rights reserved. Privacy policy.</footer></body></html>"
    )
    return gzip.compress(html.encode())


def test_eval_runs_on_a_dataset_written_here(tmp_path):
    body = ("The town council voted on Tuesday to approve a budget of 4.2 million pounds for next year, "
            "after a debate that lasted more than three hours.\n\n"
            "Councillors who opposed the plan said it would cut library opening hours across the district, "
            "while supporters argued the savings were needed to keep council tax flat.")
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "p1.html.gz").write_bytes(_page(body))
    (tmp_path / "ground-truth.json").write_text(json.dumps({"p1": {"articleBody": body, "url": "https://x.example/a"}}))
    result = evaluate_aeb(tmp_path)
    assert result["pages"] == 1
    assert result["f1"] > 0.9


def test_eval_refuses_a_folder_without_ground_truth(tmp_path):
    with pytest.raises(EvalDataError):
        evaluate_aeb(tmp_path)


@pytest.mark.shared
@pytest.mark.slow
def test_eval_on_shared_half_meets_the_floor():
    if not (SHARED_AEB / "ground-truth.json").is_file():
        pytest.skip(f"../shared/data/aeb not found at {SHARED_AEB}: shared evaluation data absent")
    result = evaluate_aeb(SHARED_AEB)
    # Pinned floor (issue #2): f1 ≥ 0.95. Measured 0.967 when this floor was set.
    assert result["f1"] >= 0.95, result
