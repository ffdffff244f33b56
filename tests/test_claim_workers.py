"""The claim worker processes end with the process that started them, however it ends: a main
process killed outright (SIGKILL, or a SIGTERM nothing catches, as `timeout` sends) never shuts its
pool down, and its workers — each holding a spaCy pipeline — had waited on the task queue for ever."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

SCRIPT = """
import os, signal, sys, time
import psutil
from storytrace.compare.dossier import _claims_many

def meanwhile():
    # the workers are parsing now; list them (and the forkserver), then die without a word
    time.sleep(3)
    print(" ".join(str(p.pid) for p in psutil.Process().children(recursive=True)), flush=True)
    os.kill(os.getpid(), signal.SIGKILL)

if __name__ == "__main__":
    texts = [f"The mayor said on Monday that {n} homes were damaged." for n in range(2000)]
    _claims_many(texts, 2, None, meanwhile)
"""


def _alive(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


@pytest.mark.slow
def test_claim_workers_end_with_a_main_process_killed_outright(tmp_path: Path) -> None:
    script = tmp_path / "killed.py"
    script.write_text(SCRIPT, encoding="utf-8")
    printed = tmp_path / "pids.txt"
    with printed.open("w") as out:  # (a file, not a pipe: workers left behind would hold a pipe open)
        subprocess.run([sys.executable, str(script)], stdout=out, stderr=subprocess.DEVNULL, timeout=120,
                       env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    pids = [int(pid) for pid in printed.read_text().split()]
    assert len(pids) >= 3, pids  # the forkserver (and its resource tracker) and the two workers
    deadline = time.monotonic() + 30
    while [pid for pid in pids if _alive(pid)] and time.monotonic() < deadline:
        time.sleep(0.2)
    left = [pid for pid in pids if _alive(pid)]
    for pid in left:  # (leave nothing behind when the test fails)
        psutil.Process(pid).kill()
    assert not left


@pytest.mark.slow
def test_an_interrupted_pool_keeps_what_its_workers_had_finished() -> None:
    """Ctrl-C while the reuse stage runs and the workers parse: the claims the workers had finished are told
    to ``keep`` (``analyze`` writes them to the store), each with its text's position, before the pool goes."""
    from storytrace.compare.dossier import _claims_many, article_claims

    texts = [f"Mayor Helen Okafor said on Friday that {n} homes in Millbrook were flooded." for n in range(30)]
    kept: dict[int, object] = {}

    def meanwhile() -> None:
        # the workers load spaCy, then parse the 30 short texts: wait until they have been idle a while
        workers = psutil.Process().children(recursive=True)
        deadline, last, still = time.monotonic() + 90, -1.0, 0
        while time.monotonic() < deadline and still < 8:
            time.sleep(0.25)
            spent = sum(sum(p.cpu_times()[:2]) for p in workers if _alive(p.pid))
            still = still + 1 if spent == last and spent > 1.0 else 0
            last = spent
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        _claims_many(texts, 2, None, meanwhile, keep=lambda position, claims: kept.setdefault(position, claims))
    assert sorted(kept) == list(range(30))
    assert kept[7] == article_claims(texts[7])
