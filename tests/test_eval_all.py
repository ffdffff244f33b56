"""`storytrace eval all`: every evaluation found under one data folder, each acceptance figure next to its
goal; missing folders skipped and said so, broken data failing with its code (the other evaluations still
run: tests/test_eval_robust.py)."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import CliInvoker
from storytrace.eval.goals import EVALS, GOALS, goal_rows
from test_eval_newsquant import ITEMS, _write


def test_goal_rows_compare_each_figure_with_its_goal_and_leave_what_did_not_run_open() -> None:
    rows = goal_rows({"newsquant": {"value_f1": 0.9}, "basil": {"quote_recall": 0.79, "bcubed_f1": 0.95}},
                     {"allsides": "no folder x"})
    by_key = {(r["eval"], r["metric"]): r for r in rows}
    assert by_key["newsquant", "value_f1"]["met"] is True
    assert by_key["basil", "quote_recall"]["met"] is False  # 0.79 < 0.80
    assert by_key["basil", "bcubed_f1"]["met"] is True  # the goal itself is met
    assert by_key["basil", "speaker_accuracy"] == {"eval": "basil", "metric": "speaker_accuracy", "figure": None,
                                                  "goal": 0.85, "issue": 4, "met": None}
    assert by_key["allsides", "bcubed_f1"]["met"] is None
    assert not any(r["eval"] in {"meter", "aeb", "polnear", "uci_news"} for r in rows)  # neither run nor skipped
    assert {g.name for g in GOALS} == set(EVALS)


def test_eval_all_scores_what_it_finds_and_skips_the_rest(tmp_path: Path, cli: CliInvoker) -> None:
    (tmp_path / "newsquant").mkdir()
    _write(tmp_path / "newsquant", ITEMS)
    result = cli("eval", "all", "--data", tmp_path, "--json")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout.splitlines()[-1])
    alone = json.loads(cli("eval", "newsquant", "--data", tmp_path / "newsquant", "--json").stdout.splitlines()[-1])
    assert payload["results"] == {"newsquant": alone}  # the same figures as the evaluation run alone
    assert set(payload["skipped"]) == set(EVALS) - {"newsquant"}
    assert payload["skipped"]["meter"] == f"no folder {tmp_path / 'meter'}"
    (row,) = [r for r in payload["goals"] if r["eval"] == "newsquant"]
    assert row["figure"] == alone["value_f1"] and row["met"] == (alone["value_f1"] >= 0.85)

    text = cli("eval", "all", "--data", tmp_path, "--only", "newsquant").stdout
    lines = text.splitlines()
    assert lines[0].split() == ["eval", "metric", "figure", "goal", "met", "issue"]
    assert lines[1].split()[:3] == ["newsquant", "value_f1", f"{alone['value_f1']:.4f}"]
    assert lines[1].split()[3:] == ["≥", "0.85", "yes" if alone["value_f1"] >= 0.85 else "no", "#4"]
    assert lines[-1] == f"{int(alone['value_f1'] >= 0.85)} of 1 goals met"


def test_eval_all_refuses_a_missing_folder_and_reports_broken_data_with_its_code(
    tmp_path: Path, cli: CliInvoker
) -> None:
    missing = cli("eval", "all", "--data", tmp_path / "nowhere")
    assert missing.exit_code != 0 and "no folder" in missing.output
    (tmp_path / "newsquant").mkdir()
    (tmp_path / "newsquant" / "NewsQuant.json").write_text("{not json", encoding="utf-8")
    broken = cli("eval", "all", "--data", tmp_path, "--json")
    assert broken.exit_code != 0
    assert json.loads(broken.stdout.splitlines()[-1])["failed"]["newsquant"]["code"] == "E401"
