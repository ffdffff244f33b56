"""Two outlets that print different death tolls ("rose to 1,500", "climbed to 1,700") disagree on a
number: the figures count the subject whose level they state, so the dossier lists a value conflict.

Every text here is written for these tests.
"""

from __future__ import annotations

from pathlib import Path

from conftest import CliInvoker, analyze_files

FIRST = """Quake in Kestrel: death toll rises

KESTREL — The death toll from Monday's earthquake in the Kestrel valley rose to 1,500 on Tuesday, officials said, as rescuers searched the ruins of the old town for survivors.

The quake, which struck shortly after midnight, destroyed hundreds of homes and cut power to the whole valley.
"""

SECOND = """Kestrel earthquake: toll climbs as rescuers dig

The death toll from the earthquake that hit the Kestrel valley on Monday climbed to 1,700 on Tuesday, according to the regional government, while rescue teams kept digging through the ruins of the old town.

The quake struck shortly after midnight and flattened hundreds of homes.
"""


def test_two_death_tolls_that_differ_are_a_value_conflict(cli: CliInvoker, tmp_path: Path) -> None:
    dossier = analyze_files(cli, tmp_path, {"a.txt": FIRST, "b.txt": SECOND})
    tolls = {q["text"]: q["counted"] for q in dossier["quantities"] if q["value"] in (1500, 1700)}
    assert set(tolls.values()) == {"death toll"}
    conflicts = [c for claim in dossier["claims"] for c in claim["conflicts"] if c["kind"] == "value"]
    assert len(conflicts) == 1 and "1,500" in conflicts[0]["detail"] and "1,700" in conflicts[0]["detail"]
