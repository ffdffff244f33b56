"""A third review of the quantities read on the event piles and the FakeNewsCorpus sample: numbers that are
labels (bills, statutes, chapter and verse, list items, dates written with hyphens), ages that name groups,
names read as units or counted things, and two units read as counts ("twenty grand", "22 stone").

The sentences are written for these tests; they copy the shapes found in the piles, not their words."""

from __future__ import annotations

import pytest

from storytrace.claims.quantities import extract_quantities


def _texts(text: str) -> list[str]:
    return [q.text for q in extract_quantities(text)]


def _values(text: str) -> list[float | None]:
    return [q.value for q in extract_quantities(text)]


@pytest.mark.parametrize(
    "text",
    [
        "The House passed H.R. 4410 on a voice vote.",
        "The full text follows.\n\nH. R. 4410\n\nTo amend the Farm Act.",
        "Senators introduced S. 3120 last spring.",
        "The House adopted H.Res. 88 without debate.",
        "The rules in the Clean Water Act (33 U.S.C. 1251 et seq.) apply.",
        "Funds are counted as under 26 U.S.C. 501(c) of the code.",
        "as defined in 7 U.S.C. 2012-1 of the code.",
        "They cite the statute (12 U.S.C. 5301) often.",
    ],
    ids=["hr", "hr-spaced-line", "senate", "resolution", "et-seq", "subsection", "hyphenated-section", "bracketed"],
)
def test_bill_and_statute_numbers_are_labels(text):
    assert _texts(text) == []


def test_a_bare_statute_section_keeps_its_figure_but_not_the_title():
    # the section of a plain "See N U.S.C. N" stays a figure (tests/test_quantities.py reads it so), the
    # title number before the code never counts "U.S.C."
    assert _texts("See 15 U.S.C. 78 for the rules.") == ["78"]


def test_a_state_abbreviation_before_a_count_is_no_senate_bill():
    assert _texts("The U. S. 300 troops and the U.S. 200 advisers left.") == ["300 troops", "200 advisers"]


@pytest.mark.parametrize(
    "text",
    [
        "“Do not be afraid,” Mark 6: 50\n\nby a reader",
        "as it is written in 1 Corinthians 13:4-7 and elsewhere.",
        "2.a) The London fix report\n\n2 b) Trading overnight",
    ],
    ids=["verse-after-space", "verse-range", "sub-items"],
)
def test_chapter_verse_and_list_items_are_labels(text):
    assert _texts(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The rallies of 10-13, 10-14, and 10-15, 2018 drew crowds.",
        "The office was shut on 11-23 and 11-24 for the holiday.",
        "The filing dated 7-14, 2017 was late.",
    ],
    ids=["list-with-year", "list-of-one-month", "one-with-year"],
)
def test_dates_written_with_hyphens_are_no_ranges(text):
    assert _texts(text) == []


def test_ranges_with_hyphens_stay_ranges():
    quantities = extract_quantities("Classes for ages 3-5, 6-8 and 9-12 were full.")
    assert [(q.low, q.high) for q in quantities] == [(3, 5), (6, 8), (9, 12)]


def test_an_age_naming_a_group_is_no_amount():
    assert _texts("Free classes for 3- and 4-year-olds open in May.") == []
    assert _texts("Turnout among 18- to 24-year-olds fell.") == []
    assert _texts("The plan covers 4-year-olds.") == []
    # a person's age stays a figure, and a count of children of one age stays a count
    assert _values("A 65-year-old teacher and two 4-year-olds were hurt.") == [65, 2]


def test_a_capitalized_number_word_ending_a_name_is_no_ratio():
    quantities = extract_quantities("The fund bought Formula One in three separate deals over a decade.")
    assert [(q.value, q.counted) for q in quantities if q.unit != "decade"] == [(3, "separate deals")]
    assert [q.value for q in extract_quantities("One in three adults smoke.")] == [pytest.approx(1 / 3)]


def test_a_capitalized_unit_inside_a_sentence_is_a_name():
    assert _texts("Last week she told 48 Hours that she had left.") == []
    assert _texts("The interview lasted 48 hours in all.") == ["48 hours"]
    # units named after a person, and symbols, are capitalized anywhere
    assert [q.unit for q in extract_quantities("It fell to minus 40 Fahrenheit and a 50Mbps line.")] == ["°F", "Mbps"]


def test_a_headline_keeps_its_capitalized_units():
    assert [q.unit for q in extract_quantities("Talks Collapse After 48 Hours Of Debate\nThey met.")] == ["hour"]


def test_a_name_before_the_counted_noun_is_not_what_is_counted():
    quantities = extract_quantities("Her sermons became books, including 9 Los Angeles Times best-sellers.")
    assert [q.counted for q in quantities] == ["Los Angeles Times best-sellers"]


def test_grand_is_a_thousand_of_money():
    quantities = extract_quantities("Got forty grand or so to spare? He paid £3 grand for it.")
    assert [(q.value, q.unit, q.qualifier) for q in quantities] == [
        (40_000, "dollar", "approximately"),
        (3_000, "GBP", "exact"),
    ]
    # a compound with "grand" counts its noun
    assert [(q.value, q.counted) for q in extract_quantities("Three grand juries met.")] == [(3, "grand juries")]


def test_stone_is_a_british_weight():
    assert [(q.value, q.unit) for q in extract_quantities("He weighed 19 stone when he retired.")] == [(19, "stone")]
    assert [(q.value, q.unit) for q in extract_quantities("A 17-stone man sat down.")] == [(17, "stone")]
    # stones counted, and "one stone" of the proverb, are no weights
    assert [(q.value, q.unit) for q in extract_quantities("Two stone lions guard the gate.")] == [(2, None)]
    assert [q.unit for q in extract_quantities("She killed two birds with one stone.")] == [None, None]


@pytest.mark.parametrize(
    "text",
    [
        "Savers moved their 403(b) plans into gold.",
        "Groups under 501(c)(4) of the code may lobby.",
        "See Emerg Infect Dis 2011;17(2): 255-61 for details.",
        "Heats are run in Rounds 1, 2, & 3 this week, and on pages 4, 5 and 6 of the guide.",
        "Contents\n\n7.1 Alpha Dynamics Inc.\n\n7.2 Beta Optics Corp.\n7.10 Gamma Lasers",
    ],
    ids=["plan-section", "nested-subsection", "journal-citation", "label-list", "numbered-sections"],
)
def test_section_citation_and_listed_labels_are_no_amounts(text):
    assert _texts(text) == []


def test_a_listed_count_and_a_lone_decimal_heading_stay_figures():
    assert _values("They hired 4, 5 and 6 people in turn.") == [4, 5, 6]
    assert [
        q.value
        for q in extract_quantities("Contents\n7.1 Alpha Dynamics\n7.2 Beta Optics\n2.5 Million Jobs Lost\nThey met.")
    ] == [2_500_000]
