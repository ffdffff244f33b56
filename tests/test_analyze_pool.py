"""analyze's claim workers: they parse while the main process runs the reuse stage."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from storytrace.compare import dossier
from storytrace.compare.dossier import POOL_THRESHOLD, article_claims

ROOT = Path(__file__).resolve().parents[1]
TEXT = (ROOT / "examples" / "mosul-2016" / "000_c224efd6a67e8e85.txt").read_text(encoding="utf-8")


def test_workers_give_what_one_process_gives_and_run_the_other_stage_meanwhile() -> None:
    texts = [TEXT[: 400 + 37 * i] for i in range(POOL_THRESHOLD + 2)]
    stages: list[str] = []
    found, other = dossier._claims_many(texts, 2, lambda stage, done, total: stages.append(stage),
                                        meanwhile=lambda: "reuse done")
    assert other == "reuse done"
    assert found == [article_claims(text) for text in texts]
    assert stages.count("claims") == len(texts)


def test_a_failing_reuse_stage_does_not_wait_for_the_queued_claims() -> None:
    texts = [TEXT] * 200  # minutes of claims on this box

    def failing() -> None:
        raise RuntimeError("reuse failed")

    started = time.perf_counter()
    with pytest.raises(RuntimeError, match="reuse failed"):
        dossier._claims_many(texts, 2, None, meanwhile=failing)
    assert time.perf_counter() - started < 5.0
