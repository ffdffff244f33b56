"""NewsQuant: reading gold values, one-to-one value matching, the scores on a data set written here, the
CLI command, and a floor on the shared half."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storytrace.errors import EvalDataError
from storytrace.eval.newsquant import evaluate_newsquant, gold_values, match_sentence

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "newsquant"

ITEMS = [
    {  # two exact values, one approximate: all found
        "text": "The company hired 400 people and spent about $40 million, up 9.4 per cent.",
        "quantities": [
            {"value": "400", "unit": "people", "change": "=", "referred_concepts": "-"},
            {"value": "40000000", "unit": "$", "change": "~", "referred_concepts": "-"},
            {"value": "9.4", "unit": "per cent", "change": "up", "referred_concepts": "-"},
        ],
    },
    {  # a range and a bound
        "text": "Between 3,000 and 4,500 fighters remain, and more than 1 million civilians.",
        "quantities": [
            {"value": "3000-4500", "unit": "fighters", "change": "=", "referred_concepts": "-"},
            {"value": "1000000", "unit": "civilians", "change": ">", "referred_concepts": "-"},
        ],
    },
    {  # nothing to find; the year must not be predicted
        "text": "ISIS captured the city in 2014.",
        "quantities": [],
    },
    {  # the gold asks for something we do not read as a quantity ("one of"): a miss
        "text": "It was one of the most spectacular catches.",
        "quantities": [{"value": "1", "unit": "catches", "change": "=", "referred_concepts": "-"}],
    },
    {  # a qualifier we read differently from the gold: matched on value, wrong on qualifier
        "text": "The hunt takes five weeks.",
        "quantities": [{"value": "5", "unit": "weeks", "change": ">", "referred_concepts": "-"}],
    },
]


def _write(folder: Path, items: list[dict[str, object]]) -> Path:
    (folder / "NewsQuant.json").write_text(json.dumps(items), encoding="utf-8")
    return folder


def test_gold_values_read_ranges_negatives_and_changes():
    item = {"quantities": [
        {"value": "3000-4500", "change": "="}, {"value": "-1.3", "change": "down"}, {"value": "2.998E-08", "change": "~"},
        {"value": "212577-138285", "change": "="}, {"value": "0-60", "change": "="}, {"value": 7, "change": "<"},
        {"value": "n/a", "change": "="},
    ]}
    assert gold_values(item) == [
        ((3000.0, 4500.0), "range"), ((-1.3, -1.3), None), ((2.998e-08, 2.998e-08), "approximately"),
        ((138285.0, 212577.0), "range"), ((0.0, 60.0), "range"), ((7.0, 7.0), "at_most"),
    ]


def test_matching_is_one_to_one_and_prefers_the_same_qualifier():
    gold = [((5.0, 5.0), "at_least"), ((5.0, 5.0), "exact")]
    predicted = [((5.0, 5.0), "exact"), ((5.0, 5.0), "at_least"), ((6.0, 6.0), "exact")]
    assert sorted(match_sentence(gold, predicted)) == [(0, 1), (1, 0)]
    assert match_sentence([((5.0, 5.0), "exact")], [((5.0, 6.0), "range")]) == []
    assert match_sentence([((1.0, 1.0), "exact")] * 2, [((1.0, 1.0), "exact")]) == [(0, 0)]


def test_eval_runs_on_a_data_set_written_here(tmp_path):
    seen: list[tuple[int, int]] = []
    result = evaluate_newsquant(_write(tmp_path, ITEMS), progress=lambda done, total, _label: seen.append((done, total)))
    assert result["sentences"] == 5
    assert (result["gold"], result["predicted"], result["matched"]) == (7, 6, 6)
    assert result["value_precision"] == 1.0
    assert result["value_recall"] == pytest.approx(6 / 7, abs=1e-4)
    assert result["value_f1"] == pytest.approx(2 * (6 / 7) / (1 + 6 / 7), abs=1e-4)
    # "up" says which way a figure moved, not how exact it is: left out of the qualifier score
    assert result["qualifier_scored"] == 5
    assert result["qualifier_accuracy"] == pytest.approx(4 / 5, abs=1e-4)
    assert seen[-1] == (5, 5)


def test_eval_refuses_missing_or_broken_data(tmp_path):
    with pytest.raises(EvalDataError, match=r"NewsQuant\.json"):
        evaluate_newsquant(tmp_path)
    (tmp_path / "NewsQuant.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(EvalDataError):
        evaluate_newsquant(tmp_path)
    (tmp_path / "NewsQuant.json").write_text(json.dumps({"text": "a dict, not a list"}), encoding="utf-8")
    with pytest.raises(EvalDataError):
        evaluate_newsquant(tmp_path)


def test_cli_prints_one_json_object(tmp_path, cli):
    result = cli("eval", "newsquant", "--data", _write(tmp_path, ITEMS), "--json")
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output.strip().splitlines()[-1])
    assert scores["sentences"] == 5 and scores["value_precision"] == 1.0
    assert {"value_recall", "value_f1", "qualifier_accuracy"} <= scores.keys()


def test_cli_reports_missing_data_with_a_code(tmp_path, cli):
    result = cli("eval", "newsquant", "--data", tmp_path / "nowhere", "--json")
    assert result.exit_code == 1
    assert json.loads(result.output)["error"]["code"] == "E401"


@pytest.mark.shared
@pytest.mark.slow
def test_eval_on_shared_half_meets_the_floor():
    if not (SHARED / "NewsQuant.json").is_file():
        pytest.skip(f"../shared/data/newsquant not found at {SHARED}: shared evaluation data absent")
    result = evaluate_newsquant(SHARED)
    # Pinned floors: value F1 ≥ 0.92 (issue target 0.85; CQE 0.920, quantulum3 0.730) and qualifier accuracy
    # ≥ 0.95. Measured 0.948 F1 (P 0.951, R 0.945) and 0.980 qualifier accuracy when these were set.
    assert result["value_f1"] >= 0.92, result
    assert result["qualifier_accuracy"] >= 0.95, result
