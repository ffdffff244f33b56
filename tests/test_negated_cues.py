"""A reported statement whose cue says it was *not* said ("did not ask", "declined to comment on")
makes no claim across articles; the quote stays listed."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CliInvoker, analyze_files
from storytrace.compare.dossier import negated_cue


@pytest.mark.parametrize(
    "cue",
    ["did not ask", "didn't say", "didn’t officially say", "did n’t pretend to offer", "declined", "refused",
     "has not yet revealed", "cannot say", "would never say", "no longer claims", "Declines"],
)
def test_cues_that_deny_the_saying_are_negated(cue: str) -> None:
    assert negated_cue(cue)


@pytest.mark.parametrize(
    "cue", [None, "", "said", "denied", "noted", "announced", "wants", "told", "warned", "Notably said", "knotted"]
)
def test_plain_cues_and_denials_are_not_negated(cue: str | None) -> None:
    assert not negated_cue(cue)


FIRST = """Census fight reaches the Supreme Court

WASHINGTON — Lawyers for the challengers sent the justices a letter on Thursday about the new files found on a strategist's hard drive. They did not ask the Supreme Court to take any specific action on the citizenship question.

The challengers said the files showed the question was meant to help one party in future redistricting fights.
"""

SECOND = """New files enter the census case

Lawyers for the challengers wrote to the Supreme Court on Thursday about files found after a strategist's death. They did not ask the Supreme Court to take any specific action on the citizenship question.

The challengers said the files showed the question was meant to help one party in future redistricting fights.
"""


def test_a_negated_report_printed_twice_is_no_claim(cli: CliInvoker, tmp_path: Path) -> None:
    dossier = analyze_files(cli, tmp_path, {"a.txt": FIRST, "b.txt": SECOND})
    negated = [q for q in dossier["quotes"] if "specific action" in q["text"]]
    assert len(negated) == 2 and all("not" in (q["cue"] or "") for q in negated), "still listed with the quotes"
    claim_texts = [c["text"] for c in dossier["claims"] if c["kind"] == "quote"]
    assert not any("specific action" in text for text in claim_texts)
    # the affirmative statement both print is still one claim of two articles
    assert any("files showed the question" in text for text in claim_texts)
