"""Crash safety: ``storytrace`` commands killed with SIGKILL at random points leave a sound store.

The harness (:func:`kill_at_random_points`) runs a command as a subprocess (in its own process
group, so its worker processes die with it), kills it after a random delay drawn within the time
an uninterrupted run takes, and checks the store after every kill: ``PRAGMA integrity_check``,
the full-text index's own integrity check, no article without its index row or with credits
pointing nowhere, no half-written analysis. Several kills follow each other on the same store
(a crash, a restart, another crash); then the command runs to completion and the result must
equal what an uninterrupted run gives. A new command gets crash-tested by adding a
:class:`Scenario` to :data:`SCENARIOS`.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import FERRY, LIBRARY, ORCHARD, RESERVOIR, Story, article_html, article_markdown, article_text, write

STORYTRACE = Path(sys.executable).with_name("storytrace")
SEEDS = (11, 23, 37, 41, 59)


# ------------------------------------------------------------------------------------------------
# the pile: a few hundred distinct documents, good and bad


def make_pile(folder: Path, *, size: int) -> dict[str, bool]:
    """``size`` inputs, each with distinct content: file → whether it should become an article."""
    rng = random.Random(5)
    stories = [RESERVOIR, LIBRARY, FERRY, ORCHARD]
    expected: dict[str, bool] = {}
    for index in range(size):
        story = stories[index % len(stories)]
        # Distinct content: a numbered sentence makes every copy its own article.
        paragraphs = (*story.paragraphs, f"This is report number {index} in the series, filed at {rng.randint(1, 23)} o'clock.")
        variant = Story(story.slug, f"{story.title} ({index})", story.author, story.outlet, story.published, paragraphs)
        kind = index % 10
        if kind in (0, 1, 2, 3):
            path = write(folder / f"{index:04d}.html", article_html(variant))
        elif kind in (4, 5):
            path = write(folder / f"{index:04d}.txt", article_text(variant))
        elif kind == 6:
            path = write(folder / f"{index:04d}.md", article_markdown(variant))
        elif kind == 7:
            path = write(folder / f"{index:04d}.png", b"\x89PNG\r\n\x1a\n" + bytes(rng.getrandbits(8) for _ in range(2048)))
        elif kind == 8:
            path = write(folder / f"{index:04d}.txt", f"Too short {index}.")
        else:
            path = write(folder / f"{index:04d}.html", f"<html><body><nav><a href='/{index}'>Home</a></nav></body></html>")
        expected[str(path)] = kind <= 6
    return expected


# ------------------------------------------------------------------------------------------------
# store checks


def store_problems(db: Path) -> list[str]:
    """Everything wrong with the store at ``db`` (empty list: sound)."""
    if not db.exists():
        return []
    connection = sqlite3.connect(db)
    try:
        problems: list[str] = []
        result = connection.execute("PRAGMA integrity_check").fetchall()
        if result != [("ok",)]:
            problems.append(f"integrity_check: {result[:5]}")
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "articles" not in tables:
            return problems  # killed before the schema was committed: an empty store
        try:
            connection.execute("INSERT INTO articles_fts(articles_fts) VALUES('integrity-check')")
        except sqlite3.DatabaseError as exc:
            problems.append(f"fts integrity-check: {exc}")
        articles = connection.execute("SELECT count(*) FROM articles").fetchone()[0]
        indexed = connection.execute("SELECT count(*) FROM articles_fts").fetchone()[0]
        if articles != indexed:
            problems.append(f"{articles} articles but {indexed} full-text rows")
        missing = connection.execute(
            "SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM articles_fts f WHERE f.rowid = a.id)"
        ).fetchone()[0]
        if missing:
            problems.append(f"{missing} articles without a full-text row")
        orphans = connection.execute(
            "SELECT count(*) FROM credits c WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = c.article_id)"
        ).fetchone()[0]
        if orphans:
            problems.append(f"{orphans} credits of no article")
        half = connection.execute(
            "SELECT count(*) FROM articles WHERE text = '' OR paragraphs = '' OR content_hash = ''"
        ).fetchone()[0]
        if half:
            problems.append(f"{half} half-written articles")
        if "analyses" in tables:
            for (dossier,) in connection.execute("SELECT dossier FROM analyses"):
                try:
                    json.loads(dossier)
                except ValueError:
                    problems.append("an analysis row that is not a whole dossier")
        return problems
    finally:
        connection.close()


def store_digest(db: Path) -> list[tuple[str, str, str]]:
    """(source, text hash, credits) of every article: equal digests mean the same articles."""
    connection = sqlite3.connect(db)
    try:
        rows = connection.execute(
            "SELECT a.source, a.text_hash, coalesce(group_concat(c.kind || ':' || c.name, '|'), '') "
            "FROM articles a LEFT JOIN credits c ON c.article_id = a.id GROUP BY a.id ORDER BY a.source"
        ).fetchall()
        return [(str(s), str(t), str(c)) for s, t, c in rows]
    finally:
        connection.close()


def accounted_sources(db: Path) -> tuple[set[str], set[str]]:
    connection = sqlite3.connect(db)
    try:
        articles = {row[0] for row in connection.execute("SELECT source FROM articles")}
        rejected = {row[0] for row in connection.execute("SELECT source FROM rejections")}
        return articles, rejected
    finally:
        connection.close()


# ------------------------------------------------------------------------------------------------
# the harness


def run(argv: list[str], *, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, capture_output=True, text=True, timeout=timeout, check=False)


def kill_at_random_points(
    argv: list[str], *, db: Path, seeds: tuple[int, ...], full_run_seconds: float
) -> list[tuple[int, float, list[str]]]:
    """Start ``argv``, SIGKILL its process group after a random delay, check the store; once per
    seed, on the same store. Returns (seed, delay, problems found) for each kill."""
    kills: list[tuple[int, float, list[str]]] = []
    for seed in seeds:
        delay = random.Random(seed).uniform(0.1, 0.95) * full_run_seconds
        process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
        try:
            process.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)
        assert process.stderr is not None
        stderr = process.stderr.read().decode("utf-8", "replace")
        process.stderr.close()
        assert "Traceback" not in stderr, stderr
        kills.append((seed, delay, store_problems(db)))
    return kills


@dataclass(frozen=True)
class Scenario:
    """A command to crash-test: ``prepare`` builds the pile (and any store it needs), ``argv``
    is the command, ``verify`` checks the store after the final, uninterrupted rerun against a
    reference store made without any kill."""

    name: str
    pile_size: int
    seeds: tuple[int, ...]
    prepare: Callable[[Path, Path], None]
    argv: Callable[[Path, Path], list[str]]
    verify: Callable[[Path, Path, Path, dict[str, bool]], None]


def _no_prepare(pile: Path, db: Path) -> None:
    return None


def _ingest_argv(pile: Path, db: Path) -> list[str]:
    return [str(STORYTRACE), "ingest", str(pile), "--db", str(db), "--quiet"]


def _verify_ingest(db: Path, reference: Path, pile: Path, expected: dict[str, bool]) -> None:
    articles, rejected = accounted_sources(db)
    assert articles | rejected == set(expected)  # every input accounted for …
    assert not articles & rejected  # … exactly once: an article or a rejection
    assert articles == {path for path, good in expected.items() if good}
    assert store_digest(db) == store_digest(reference)  # the same articles, credits and all


def _analyze_prepare(pile: Path, db: Path) -> None:
    result = run([str(STORYTRACE), "ingest", str(pile), "--db", str(db), "--quiet"])
    assert result.returncode == 0, result.stderr


def _analyze_argv(pile: Path, db: Path) -> list[str]:
    return [str(STORYTRACE), "analyze", "--db", str(db), "--quiet"]


def _verify_analyze(db: Path, reference: Path, pile: Path, expected: dict[str, bool]) -> None:
    connection = sqlite3.connect(db)
    try:
        (dossier,) = connection.execute("SELECT dossier FROM analyses ORDER BY id DESC LIMIT 1").fetchone()
        articles = connection.execute("SELECT count(*) FROM articles").fetchone()[0]
    finally:
        connection.close()
    assert len(json.loads(dossier)["articles"]) == articles == sum(expected.values())
    with sqlite3.connect(reference) as connection:
        (wanted,) = connection.execute("SELECT dossier FROM analyses ORDER BY id DESC LIMIT 1").fetchone()
    assert json.loads(dossier) == json.loads(wanted)  # the same dossier as an uninterrupted run


def _has_command(name: str) -> bool:
    result = run([str(STORYTRACE), "--help"], timeout=60)
    return f"  {name} " in result.stdout


SCENARIOS = [
    Scenario("ingest", 300, SEEDS, _no_prepare, _ingest_argv, _verify_ingest),
    # analyze runs spaCy over the pile (~10 s for 30 articles): a smaller pile, three kills.
    Scenario("analyze", 30, SEEDS[:3], _analyze_prepare, _analyze_argv, _verify_analyze),
]


@pytest.mark.slow
@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.name for s in SCENARIOS])
def test_sigkill_at_random_points_leaves_a_sound_store(tmp_path: Path, scenario: Scenario) -> None:
    if not _has_command(scenario.name):
        pytest.skip(f"storytrace {scenario.name} does not exist in this version")
    pile = tmp_path / "pile"
    expected = make_pile(pile, size=scenario.pile_size)
    reference = tmp_path / "reference.db"
    scenario.prepare(pile, reference)
    started = time.monotonic()
    result = run(scenario.argv(pile, reference))
    full_run = time.monotonic() - started
    assert result.returncode == 0, result.stderr

    db = tmp_path / "crashed.db"
    scenario.prepare(pile, db)
    kills = kill_at_random_points(scenario.argv(pile, db), db=db, seeds=scenario.seeds, full_run_seconds=full_run)
    assert [problems for _, _, problems in kills] == [[] for _ in scenario.seeds], kills

    final = run(scenario.argv(pile, db))
    assert final.returncode == 0, final.stderr
    assert "Traceback" not in final.stderr
    assert store_problems(db) == []
    scenario.verify(db, reference, pile, expected)
