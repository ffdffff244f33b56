"""Numeric claims and value conflicts found wrong on real piles (rev-h3), each on sentences written here."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CliInvoker, analyze_files
from storytrace.claims.quantities import extract_quantities
from storytrace.compare.conflicts import When, quantity_conflicts, sentence_years
from storytrace.compare.matching import QuantityItem, match_quantities
from storytrace.models import Quantity


def only(text: str, contains: str) -> Quantity:
    (found,) = [q for q in extract_quantities(text) if contains in q.text]
    return found


def item(number: int, article: int, text: str, contains: str) -> QuantityItem:
    return QuantityItem(id=f"n{number}", article=article, quantity=only(text, contains), story=1)


# ---- a fraction of a scale word is one amount ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "counted"),
    [
        ("The banks foreclosed on three-quarters of a million homeowners.", 750_000, "homeowners"),
        ("A quarter of a million people marched through the capital on Sunday.", 250_000, "people"),
        ("Two-thirds of a billion euros went unclaimed.", 2e9 / 3, None),
    ],
)
def test_a_fraction_of_a_million_is_one_amount_not_a_share_and_a_million(
    text: str, value: float, counted: str | None
) -> None:
    (quantity,) = extract_quantities(text)
    assert quantity.value == pytest.approx(value)
    assert quantity.unit in (None, "EUR") and quantity.qualifier == "exact"
    assert quantity.counted == counted


def test_a_fraction_of_a_billion_keeps_its_qualifier_and_currency_unit() -> None:
    (quantity,) = extract_quantities("The fund lost about a third of a billion dollars last year.")
    assert quantity.value == pytest.approx(1e9 / 3)
    assert quantity.qualifier == "approximately" and quantity.unit == "dollar"


def test_a_fraction_of_a_thing_is_still_a_share() -> None:
    quantity = only("A third of the residents left the town.", "third")
    assert quantity.unit == "fraction" and quantity.value == pytest.approx(1 / 3)


# ---- a hyphenated measure counts the thing it measures ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "counted", "printed"),
    [
        ("Prosecutors released the 48-page indictment on Tuesday.", "page indictment", "48-page indictment"),
        ("He took the 35-word oath on the steps of the Capitol.", "word oath", "35-word oath"),
        ("The 12-member jury deliberated for two days.", "member jury", "12-member jury"),
    ],
)
def test_a_hyphenated_measure_counts_the_noun_it_describes(text: str, counted: str, printed: str) -> None:
    quantity = only(text, printed.split("-")[0])
    assert quantity.counted == counted
    assert quantity.text == printed


def test_a_plain_count_keeps_its_noun() -> None:
    assert only("She read 40 pages of the report.", "40").counted == "pages"


def test_the_noun_of_another_figures_measure_is_not_counted() -> None:
    quantity = only("The aircraft dropped 24 500-pound bombs on the convoy.", "24")
    assert quantity.counted == "bombs"
    assert only("The nurses worked three 12-hour shifts in a row.", "three").counted == "shifts"


def test_two_page_counts_of_one_document_are_a_value_conflict() -> None:
    first = item(1, 1, "Among the charges in the 48-page indictment were trips abroad.", "48")
    second = item(2, 2, "The 47-page indictment lists trips abroad and school fees.", "47")
    other = item(3, 2, "The 12-count indictment was unsealed on Tuesday.", "12")
    (group,) = match_quantities([first, second, other])
    assert sorted(group) == ["n1", "n2"]  # pages of the indictment, not its counts
    (conflict,) = quantity_conflicts([first, second])[0]
    assert "48-page indictment" in conflict.detail and "47-page indictment" in conflict.detail


# ---- a vague plural is a floor -------------------------------------------------------------------------------


def test_thousands_and_a_larger_figure_are_no_conflict() -> None:
    vague = item(1, 1, "Thousands of elderly people will be forced to sell their homes.", "housands")
    total = item(2, 2, "More than 150,000 elderly people receive long-term nursing care.", "150,000")
    conflicts, notes = quantity_conflicts([vague, total])
    assert conflicts == []
    assert len(notes) == 1 and "floor" in notes[0]


def test_thousands_and_a_smaller_figure_still_conflict() -> None:
    vague = item(1, 1, "Thousands of protesters marched through the centre on Saturday.", "housands")
    small = item(2, 2, "About 300 protesters marched through the centre on Saturday.", "300")
    (conflict,) = quantity_conflicts([vague, small])[0]
    assert "300" in conflict.detail


def test_a_range_of_estimates_is_not_a_vague_plural() -> None:
    # "between 100 and 1,000" is an estimate with both ends: a figure above it contradicts it
    estimate = item(1, 1, "Between 100 and 1,000 fighters remain in the city.", "Between")
    larger = item(2, 2, "Some 5,000 fighters remain in the city.", "5,000")
    (conflict,) = quantity_conflicts([estimate, larger])[0]
    assert "5,000" in conflict.detail


# ---- numbers that name a section ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The pertinent statute is Section §6: Authority of Inspector General.",
        "Under § 12 of the act the agency must report.",
    ],
)
def test_a_section_number_is_no_amount(text: str) -> None:
    assert extract_quantities(text) == []


def test_a_measure_before_a_name_keeps_its_own_noun() -> None:
    quantity = only("A watchdog released a 29-page Federal Bureau of Investigation file on Monday.", "29")
    assert quantity.counted == "page"


# ---- a figure between "a" and a singular noun labels the thing -----------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Police received a 999 call reporting that a man had left the pub.",
        "A neighbour made a 911 call shortly after midnight.",
    ],
)
def test_an_emergency_number_is_no_count_of_calls(text: str) -> None:
    assert extract_quantities(text) == []


def test_calls_counted_in_the_plural_stay() -> None:
    assert only("The control room received 999 calls in an hour.", "999").counted == "calls"


def test_a_measure_after_a_without_a_hyphen_counts_the_noun_it_describes() -> None:
    assert only("He recited a 35 word oath on the steps.", "35").counted == "word oath"
    assert only("They rent a 3 bedroom house near the coast.", "3").counted == "bedroom house"


# ---- figures dated to different years state different times -------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "years"),
    [
        ("The 2010 census counted 308.7 million residents.", {2010}),
        ("In 2015, 2.1 million Syrian refugees lived in Turkey.", {2015}),
        ("On Jan. 15, 2018, officials said 300 people had left.", {2018}),
        ("Since 2014 the army has lost 300 soldiers.", set()),
        ("Between 2000 and 2014, 3 million people left.", set()),
        ("The county must build 2000 homes.", set()),
    ],
)
def test_the_years_a_sentence_dates_its_figures_to(sentence: str, years: set[int]) -> None:
    masked = [q.span for q in extract_quantities(sentence)]
    assert sentence_years(sentence, masked) == years


def test_a_figure_of_another_year_is_no_value_conflict() -> None:
    then = item(1, 1, "In 2015, 2.1 million Syrian refugees lived in Turkey.", "2.1")
    now = item(2, 2, "Turkey now hosts 3.6 million Syrian refugees.", "3.6")
    when = {"n1": When(years=frozenset({2015}), published=2015), "n2": When(years=frozenset(), published=2019)}
    conflicts, notes = quantity_conflicts([then, now], when=when)
    assert conflicts == []
    assert len(notes) == 1 and "different years" in notes[0]
    # the same figures with nothing to date them apart still conflict
    undated = {"n1": When(years=frozenset(), published=None), "n2": When(years=frozenset(), published=2019)}
    assert len(quantity_conflicts([then, now], when=undated)[0]) == 1
    same_year = {"n1": When(years=frozenset({2019}), published=2019), "n2": When(years=frozenset(), published=2019)}
    assert len(quantity_conflicts([then, now], when=same_year)[0]) == 1


CENSUS_FIRST = """Census count shows slower growth

The 2020 census counted 331.4 million U.S. residents, the Census Bureau said on Monday, the slowest growth
since the 1930s as births fell and immigration slowed.

Officials said the count would shape the House seats of every state.
"""

CENSUS_SECOND = """Census count: growth slowest since the 1930s

A decade earlier the 2010 census counted 308.7 million U.S. residents, the Census Bureau said on Monday as it
released the new count, which showed the slowest growth since the 1930s.

Officials said the count would shape the House seats of every state.
"""


def test_two_censuses_are_no_value_conflict_in_the_dossier(cli: CliInvoker, tmp_path: Path) -> None:
    dossier = analyze_files(cli, tmp_path, {"a.txt": CENSUS_FIRST, "b.txt": CENSUS_SECOND})
    (claim,) = [c for c in dossier["claims"] if c["kind"] == "quantity" and len(c["members"]) == 2]
    assert claim["conflicts"] == []
    assert any("different years" in note for note in claim["notes"])


def test_a_measured_thing_keeps_no_coordinated_noun() -> None:
    assert only("The school has a 500-seat auditorium and a pool.", "500").counted == "seat auditorium"


@pytest.mark.parametrize(
    "text", ["It passed on a 134-to-63 vote.", "The House passed it in a 220-to-190 party-line vote."]
)
def test_a_hyphenated_tally_is_no_amount(text: str) -> None:
    assert extract_quantities(text) == []


def test_a_hyphenated_range_stays_a_range() -> None:
    quantity = only("He faces a 5-to-10-year sentence.", "5-to-10")
    assert (quantity.low, quantity.high, quantity.unit) == (5, 10, "year")
