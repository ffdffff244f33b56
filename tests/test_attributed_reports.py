"""A rewrite that says whose report it retells ("the Associated Press reported", "according to
Reuters") is derived from that report where the pile holds a copy of it: the credit decides the
direction and, with a sentence or more shared, the relation; the rewrite is then no independent
origin. Names that only look alike ("Ho said", "He said") are no credit.

Every text here is written for these tests.
"""

from __future__ import annotations

from dataclasses import replace

from storytrace.models import Article, Credit, RawDocument
from storytrace.normalize import normalize
from storytrace.provenance import attribution_to, decide_direction, independent_origins
from storytrace.reuse.pairs import ReuseOptions, find_reuse

BODY = [
    "HARBOR CITY (AP) — A cargo ship lost power and struck a pier in Harbor City's main port early Thursday, "
    "spilling about 40,000 gallons of fuel oil into the bay and forcing the closure of three beaches, the Coast "
    "Guard said.",
    "No one was injured in the crash, which happened just before 4 a.m. as the 900-foot vessel, the Northern Star, "
    "was being guided into the harbor by two tugboats, Coast Guard spokeswoman Lt. Karen Diaz said.",
    "\"The ship lost all propulsion and the tugs could not hold it,\" Diaz told The Associated Press. \"Our "
    "priority now is to contain the spill before the tide turns.\"",
    "Crews laid more than 2 miles of floating barriers around the ship by midmorning, and state wildlife officials "
    "said they had found at least a dozen oiled birds along the shore.",
    "The Northern Star, registered in Liberia, was carrying grain from the Pacific Northwest, according to the port "
    "authority. Its owner, Meridian Shipping, did not immediately respond to a request for comment.",
]
WIRE = "Cargo ship hits pier, spills fuel in Harbor City bay\n\n" + "\n\n".join(BODY) + "\n"
REWRITE = """Fuel spill from crippled freighter shuts Harbor City beaches

A grain freighter that lost its engines slammed into a pier at Harbor City's port before dawn on Thursday, leaking roughly 40,000 gallons of fuel oil into the bay, the Associated Press reported. Three beaches were closed.

No one was injured when the 900-foot Northern Star hit the pier while two tugboats were guiding it into the harbor just before 4 a.m., according to the Coast Guard.

"The ship lost all propulsion and the tugs could not hold it," Coast Guard Lt. Karen Diaz said.

Our reporter saw workers in boats dragging yellow booms across the water near the Fisherman's Wharf on Thursday afternoon, while residents watched from the seawall. "I've lived here thirty years and never seen anything like this," said Rosa Delgado, who runs a bait shop on the wharf.

The city's tourism office estimates that the beaches draw about 15,000 visitors on a summer weekend.
"""


def _article(number: int, text: str, outlet: str, credits: tuple[Credit, ...] = ()) -> Article:
    raw = RawDocument(source=f"{outlet}/{number}", source_kind="text", raw=text, raw_format="text")
    return replace(normalize(raw), id=number, outlet=outlet, credits=credits or normalize(raw).credits)


def test_a_rewrite_that_credits_the_wire_is_derived_from_its_copy() -> None:
    wire = _article(1, WIRE, "apnews.com")
    rewrite = _article(2, REWRITE, "bayobserver.example")
    assert attribution_to(rewrite, wire) == ("AP", "the Associated Press reported")  # the dateline's "(AP)"
    assert attribution_to(wire, rewrite) is None
    (pair,) = find_reuse([wire, rewrite], ReuseOptions())
    assert (pair.source, pair.target) == (1, 2)
    assert pair.relation == "partially_derived" and pair.direction_confidence > 0.8
    assert any("attributes its report to" in e and "the Associated Press reported" in e for e in pair.evidence)
    assert independent_origins([1, 2], [pair]) == 1


def test_the_wire_s_own_copy_quoting_someone_who_told_it_is_no_credit_of_another() -> None:
    """An AP story's "Diaz told The Associated Press" is AP's own reporting: two copies of the wire stay
    two copies, undecided."""
    first = _article(1, WIRE, "daily-one.example", (Credit(kind="copyright", name="The Associated Press", line="…"),))
    second = _article(2, WIRE.replace("Cargo ship hits pier", "Ship crash"), "daily-two.example",
                      (Credit(kind="copyright", name="The Associated Press", line="…"),))
    assert attribution_to(first, second) is None and attribution_to(second, first) is None
    direction = decide_direction(first, second, first_coverage=0.95, second_coverage=0.95)
    assert direction.confidence == 0.5 and not direction.attributed


def test_a_person_or_a_pronoun_that_said_something_is_no_outlet() -> None:
    source = _article(1, WIRE, "yahoo.com/news")
    other = _article(2, "The mayor spoke on Monday. Ho said the port would reopen. He said the spill was small.",
                      "miamiherald.com")
    assert attribution_to(other, source) is None
    assert attribution_to(source, other) is None
