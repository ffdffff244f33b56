"""A fifth review of the quantities, read on PAC and PolNeAR: restricting post-modifiers kept in the counted
thing (and compared by the quantity matching), a bound after a sentence's first noun, buildings named with a
number and streets that modify a counted noun, counted phrases that took a verb or "worth" for the thing,
ages closed by a dash, "between the ages of", "Group of 20", possessives that the parse took for the object
of "of", a person's age stated with "is", suspended compounds and a year before "rates".

The sentences and articles are written for these tests; they copy the shapes found in the corpora, not their
words."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CliInvoker, analyze_files
from storytrace.claims.quantities import extract_quantities
from storytrace.compare.matching import QuantityItem, head_nouns, match_quantities
from storytrace.models import Quantity


def _texts(text: str) -> list[str]:
    return [q.text for q in extract_quantities(text)]


def _counted(text: str) -> list[str | None]:
    return [q.counted for q in extract_quantities(text)]


# ---- 1. restricting post-modifiers ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "printed", "counted"),
    [
        ("Only the 300 buses fitted with ramps can carry wheelchairs.", "300 buses", "buses fitted with ramps"),
        ("The county runs 45 clinics that offer late hours.", "45 clinics", "clinics that offer late hours"),
        ("The 12 vans with wheelchair lifts are new.", "12 vans", "vans with wheelchair lifts"),
    ],
    ids=["participle", "relative-clause", "with"],
)
def test_a_restricting_post_modifier_stays_in_the_counted_thing(text, printed, counted):
    (quantity,) = extract_quantities(text)
    assert quantity.counted == counted
    assert quantity.text == printed  # the quantity's own text stops at the noun


def test_a_comma_clause_or_a_place_is_no_restriction():
    assert _counted("Only the 300 buses fitted with ramps can carry wheelchairs.") == ["buses fitted with ramps"]
    assert _counted("The city's 4,000 buses run late.") == ["buses"]
    assert _counted("Some 300 volunteers, who had trained for weeks, arrived.") == ["volunteers"]
    assert _counted("The 2 million residents living in the valley wait.") == ["residents"]


def _item(number: int, article: int, text: str, value: float, counted: str) -> QuantityItem:
    quantity = Quantity(text=text, span=(0, len(text)), value=value, low=None, high=None, qualifier="exact",
                        unit=None, counted=counted)
    return QuantityItem(id=f"n{number}", article=article, quantity=quantity, story=1)


def test_a_restricted_count_is_not_the_same_thing_as_the_whole():
    from storytrace.compare.matching import restriction

    assert head_nouns("diesel buses fitted with ramps") == head_nouns("diesel buses")
    assert restriction("diesel buses fitted with ramps") == {"fitted", "ramp"}
    assert restriction("diesel buses") == frozenset()
    items = [
        _item(1, 1, "4,000 diesel buses", 4000, "diesel buses"),
        _item(2, 2, "300 diesel buses", 300, "diesel buses fitted with ramps"),
        _item(3, 3, "about 4,100 diesel buses", 4100, "diesel buses"),
        _item(4, 3, "310 diesel buses", 310, "diesel buses that carry ramps"),
    ]
    assert match_quantities(items) == [["n1", "n3"], ["n2", "n4"]]


FIRST = """Truck makers balk at the region's charging plan

Only a sliver of the region's 9,400 charging points can serve heavy trucks, a transport group said on Monday, as hauliers asked the regional council for money to build more.

The council said the money would come from next year's budget.
"""

SECOND = """Council promises money for truck chargers

The regional council said on Tuesday it would pay for new chargers after hauliers complained that the 640 charging points equipped to serve heavy trucks are not enough, out of about 5,200 charging points across the region.

The transport group welcomed the promise.
"""


def test_a_pile_does_not_set_a_restricted_count_against_the_whole(cli: CliInvoker, tmp_path: Path) -> None:
    dossier = analyze_files(cli, tmp_path, {"a.txt": FIRST, "b.txt": SECOND})
    conflicts = [c["detail"] for claim in dossier["claims"] for c in claim["conflicts"] if c["kind"] == "value"]
    assert not any("640" in detail for detail in conflicts), conflicts
    # the two totals ("the region's 9,400", "about 5,200 … across the region") are still one thing
    assert any("9,400" in detail and "5,200" in detail for detail in conflicts), conflicts


# ---- 2. a bound after a sentence's first noun -------------------------------------------------


def test_a_bound_after_a_capitalized_first_noun_is_kept():
    quantities = extract_quantities("Children 5 and under ride free.")
    assert [(q.value, q.qualifier, q.high) for q in quantities] == [(5.0, "at_most", 5.0)]
    assert _texts("Game 2 was a rout.") == []


# ---- 3. buildings and streets -----------------------------------------------------------------


def test_a_building_named_with_a_number_is_no_count():
    assert _texts("Four Lakeside Center reopened on Monday.") == []


def test_a_street_name_that_modifies_a_plural_noun_is_no_address():
    quantities = extract_quantities("The deal was led by two Main Street lenders.")
    assert [(q.value, q.counted) for q in quantities] == [(2.0, "Main Street lenders")]
    assert _texts("The office moved to 14 Main Street in May.") == []


# ---- 4. counted phrases that run wrong --------------------------------------------------------


def test_a_bound_after_a_noun_counts_no_verb():
    quantities = extract_quantities("Voters under 25 swing left.")
    assert [(q.text, q.counted) for q in quantities] == [("under 25", None)]


def test_a_bare_verb_after_a_causative_object_is_no_part_of_it():
    assert _counted("The producer had one young dancer spin around slowly.") == ["young dancer"]


def test_worth_is_no_thing_counted():
    assert _counted("Roughly $3 of every $4 worth of exports goes north.") == [None, None]


# ---- 5. an age closed by a dash ---------------------------------------------------------------


def test_an_age_after_a_name_closed_by_a_dash_is_no_amount():
    assert _texts("Dana Whitlock, 52 ― a nurse who lives nearby ― was hurt.") == []
    assert _texts("Dana Whitlock, 52 — a nurse — was hurt.") == []


# ---- further errors read on PAC and PolNeAR ---------------------------------------------------


def test_between_the_ages_of_is_a_range_of_ages():
    quantities = extract_quantities("We polled 900 adults between the ages of 25 and 40.")
    assert [(q.text, q.low, q.high, q.unit) for q in quantities][1:] == [
        ("between the ages of 25 and 40", 25.0, 40.0, "years old")
    ]


def test_group_of_a_number_is_a_name():
    assert _texts("Ministers met at a Group of 20 meeting in Rome.") == []
    assert _counted("Members of 20 committees voted.") == ["committees"]


def test_a_possessive_taken_for_the_object_of_of_gives_way_to_the_noun_after_it():
    text = "It was a hard operation for our navy of almost 4,000 of Norway’s finest fighting men and women at the harbor."
    assert _counted(text) == ["finest fighting men and women"]


def test_a_persons_age_stated_with_is_counts_no_name():
    assert _counted("Although Morales is 58, he runs daily.") == [None]
    assert _counted("The toll is 63, officials said.") == ["toll"]


def test_a_suspended_compound_is_no_counted_thing():
    quantities = extract_quantities("About 12 percent of fourth- through sixth-grade pupils were absent.")
    assert [(q.text, q.counted) for q in quantities] == [("About 12 percent", None)]


def test_a_year_before_rates_is_a_year():
    assert _texts("Regulators waited before insurers set their 2019 rates.") == []
