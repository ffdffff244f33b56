"""METER evaluation: the data set's format, the metric, and a floor on the shared half."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storytrace.errors import EvalDataError
from storytrace.eval.meter import evaluate_meter, macro_f1, read_pa_text
from storytrace.reuse.classify import FEATURES, WINDOW, derivation_features, load_params, score_label
from storytrace.reuse.tokens import tokenize

SHARED_METER = Path(__file__).resolve().parents[2] / "shared" / "data" / "meter"

PA = """  ------------------------------------------------------------------------

                 11:56 02/11/99: Page 1 (HHH) COURTS Bridge
  ------------------------------------------------------------------------
BRIDGE COLLAPSE: ENGINEER BLAMES CUTS<
By Ann Writer, PA News<
An engineer told an inquiry today that budget cuts had delayed repairs to the
bridge that collapsed in March, killing two drivers.<
John Hale said ``we warned them three times'' before the collapse.<
"""

STORY_COPY = ('An engineer told an inquiry yesterday that budget cuts had delayed repairs to the bridge that '
              'collapsed in March, killing two drivers. John Hale said "we warned them three times".')
STORY_OWN = ("Residents of the valley held a vigil last night for the two drivers who died, and called on the "
             "council to publish every inspection report since 1990.")


def test_pa_text_loses_headers_and_line_marks():
    text = read_pa_text(PA)
    assert "11:56" not in text and "-----" not in text and "<" not in text
    assert "repairs to the bridge that collapsed in March" in text
    assert "“we warned them three times”" in text


def test_macro_f1():
    assert macro_f1(["a", "b"], ["a", "b"], ("a", "b")) == 1.0
    assert macro_f1(["a", "a"], ["b", "b"], ("a", "b")) == 0.0


def test_evaluate_meter_on_a_data_set_written_here(tmp_path):
    (tmp_path / "PA").mkdir()
    (tmp_path / "newspapers").mkdir()
    (tmp_path / "PA" / "bridge1.txt").write_text(PA, encoding="latin-1")
    (tmp_path / "newspapers" / "copy.txt").write_text(STORY_COPY, encoding="latin-1")
    (tmp_path / "newspapers" / "own.txt").write_text(STORY_OWN, encoding="latin-1")
    rows = [
        {"label": "wholly_derived", "text_path": "newspapers/copy.txt", "pa_source_paths": ["PA/bridge1.txt"],
         "domain": "courts", "date": "02.11.99", "catchline": "bridge"},
        {"label": "non_derived", "text_path": "newspapers/own.txt", "pa_source_paths": ["PA/bridge1.txt"],
         "domain": "courts", "date": "02.11.99", "catchline": "bridge"},
    ]
    (tmp_path / "pairs.jsonl").write_text("\n".join(json.dumps(r) for r in rows))
    result = evaluate_meter(tmp_path)
    assert result["n"] == 2
    assert result["confusion"]["wholly_derived"]["wholly_derived"] == 1
    assert result["confusion"]["non_derived"]["non_derived"] == 1
    assert result["accuracy"] == 1.0
    assert "grouped" in result["fitted"]["protocol"]


def test_containment_chars_weights_shared_words_by_length():
    source = tokenize("The council approved the bridge repairs")
    target = tokenize("the council rejected a plan")
    features, _ = derivation_features(target, [source])
    # distinct target words: the(3) council(7) rejected(8) a(1) plan(4); shared: the, council
    assert features["containment_1"] == pytest.approx(2 / 5)
    assert features["containment_chars"] == pytest.approx(10 / 23)
    empty, _ = derivation_features(tokenize(""), [source])
    assert empty["containment_chars"] == 0.0


def test_weakest_window_finds_the_stretch_written_without_the_source():
    source_words = [f"word{i:02d}" for i in range(60)]
    source = tokenize(" ".join(source_words))
    copied = tokenize(" ".join(source_words[:50]))
    features, _ = derivation_features(copied, [source])
    assert features["weakest_window"] == 1.0
    # a copy with one stretch of WINDOW new words in the middle: that window shares nothing
    fresh = [f"new{i:02d}" for i in range(WINDOW)]
    mixed = tokenize(" ".join(source_words[:25] + fresh + source_words[25:50]))
    features, _ = derivation_features(mixed, [source])
    assert features["weakest_window"] == 0.0
    assert features["containment_chars"] == pytest.approx(50 * 6 / (50 * 6 + WINDOW * 5))
    # shorter than a window: the whole target counts
    short = tokenize("word01 word02 other")
    features, _ = derivation_features(short, [source])
    assert features["weakest_window"] == pytest.approx(12 / 17)


def test_two_stage_params():
    params = {"derived": {"weights": {"containment_chars": 1.0, "weakest_window": -0.5}, "threshold": 0.4},
              "wholly": {"feature": "weakest_window", "threshold": 0.5}}
    assert score_label({"containment_chars": 0.8, "weakest_window": 0.9}, params) == ("non_derived", pytest.approx(0.35))
    assert score_label({"containment_chars": 0.9, "weakest_window": 0.6}, params)[0] == "wholly_derived"
    assert score_label({"containment_chars": 0.7, "weakest_window": 0.2}, params)[0] == "partially_derived"


def test_shipped_params_name_known_features_and_how_they_were_fitted():
    params = load_params()
    assert {*params["derived"]["weights"], params["wholly"]["feature"]} <= set(FEATURES)
    assert 0.0 < params["derived"]["threshold"] < 1.0 and 0.0 < params["wholly"]["threshold"] < 1.0
    fitted = params["fitted"]
    assert "grouped" in fitted["protocol"] and fitted["script"].startswith("scripts/fit_meter.py")
    assert 0.0 < fitted["cv_macro_f1_3class"] <= 1.0


def test_evaluate_meter_refuses_missing_data(tmp_path):
    with pytest.raises(EvalDataError):
        evaluate_meter(tmp_path)


@pytest.mark.shared
@pytest.mark.slow
def test_meter_on_the_shared_half_keeps_its_floor():
    if not (SHARED_METER / "pairs.jsonl").is_file():
        pytest.skip(f"../shared/data/meter not found at {SHARED_METER}: shared evaluation data absent")
    result = evaluate_meter(SHARED_METER)
    # Regression floor just under the measured figure (0.679 / 0.745 with the shipped parameters,
    # in-sample; held-out CV 0.661 / 0.730), not the goal (0.75 / 0.90), which is not met.
    assert result["macro_f1_3class"] >= 0.67 and result["macro_f1_binary"] >= 0.73, result
