"""`storytrace analyze` on real messy piles from ../shared/data: the event piles (lots of wire copy)
and the FakeNewsCorpus sample. No crash, every dossier valid against the schema, wire copies
collapse into fewer origins than articles."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from storytrace.cli import main

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
SCHEMA = json.loads(resources.files("storytrace.compare").joinpath("dossier.schema.json").read_text(encoding="utf-8"))

pytestmark = [
    pytest.mark.shared,
    pytest.mark.slow,
    pytest.mark.skipif(not DATA.is_dir(), reason=f"shared data not found at {DATA}: these tests read ../shared/data"),
]

PILES = [
    ("census", ["event_piles/census_articles.csv", "--outlet-field", "publisher", "--date-field", "scrape_time"]),
    ("spotify", ["event_piles/spotify_articles.csv", "--outlet-field", "publisher", "--date-field", "scrape_time"]),
    ("fakenewscorpus", ["fakenewscorpus_sample/news_sample.csv", "--text-field", "content", "--outlet-field", "domain"]),
]


@pytest.mark.parametrize(("name", "arguments"), PILES, ids=[p[0] for p in PILES])
def test_analyze_completes_and_the_dossier_validates(tmp_path, name, arguments):
    source, *options = arguments
    out = tmp_path / f"{name}.json"
    result = CliRunner().invoke(
        main, ["analyze", str(DATA / source), *options, "--db", str(tmp_path / "pile.db"), "--out", str(out), "-q"]
    )
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    dossier = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(dossier, SCHEMA)
    summary = dossier["summary"]
    assert summary["articles"] >= 30
    if name != "fakenewscorpus":
        # event piles are mostly wire copy: origins collapse well below the article count
        assert summary["independent_origins"] < 0.8 * summary["articles"]
        assert any(claim["independent_origins"] < len(claim["articles"]) for claim in dossier["claims"])
