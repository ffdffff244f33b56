"""The sample pile's direct quotes (tests/gold/mosul-2016-quotes.json) are found with the right speaker."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from storytrace.claims.quotes import extract_quotes
from storytrace.cli import main
from storytrace.store import Store

ROOT = Path(__file__).resolve().parents[1]
GOLD = json.loads((Path(__file__).parent / "gold" / "mosul-2016-quotes.json").read_text(encoding="utf-8"))["articles"]


def _norm(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    db = tmp_path_factory.mktemp("pile") / "pile.db"
    result = CliRunner().invoke(main, ["ingest", str(ROOT / "examples" / "mosul-2016"), "--db", str(db), "-q"])
    assert result.exit_code == 0, result.output
    with Store.open(db, create=False) as store:
        return {Path(article.source).name: article.text for article in store.articles()}


@pytest.mark.parametrize("name", sorted(GOLD))
def test_every_gold_quote_is_found_with_its_speaker(ingested: dict[str, str], name: str) -> None:
    quotes = extract_quotes(ingested[name])
    problems = []
    for gold in GOLD[name]:
        holding = [q for q in quotes if _norm(gold["quote"]) in _norm(q.text)]
        if not holding:
            problems.append(f"not found: {gold['quote']!r}")
        elif not any(q.speaker == gold["speaker"] for q in holding):
            problems.append(f"{gold['quote']!r}: speaker {[q.speaker for q in holding]} != {gold['speaker']!r}")
    assert not problems, "\n".join(problems)
