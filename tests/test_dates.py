"""Publication-date parsing: formats news pages print; ambiguity gives None."""

from __future__ import annotations

import pytest

from storytrace.dates import find_date, parse_iso_datetime, place_yearless_date


@pytest.mark.parametrize(
    ("text", "date", "time"),
    [
        ("October 20, 2016", "2016-10-20", None),
        ("Thursday, Oct. 20, 2016", "2016-10-20", None),
        ("20 October 2016", "2016-10-20", None),
        ("Sept 3rd, 2019 at 4:15 pm", "2019-09-03", "2019-09-03T16:15"),
        ("2016-10-20T07:21:00Z", "2016-10-20", "2016-10-20T07:21:00+00:00"),
        ("2016-10-20T07:21:00+0300", "2016-10-20", "2016-10-20T07:21:00+03:00"),
        ("2016/10/20", "2016-10-20", None),
        ("25/12/2018", "2018-12-25", None),
        ("12/25/2018", "2018-12-25", None),
    ],
    ids=["us", "weekday-abbrev", "day-first", "ordinal-pm", "iso-z", "iso-offset", "slashes-ymd", "dmy", "mdy"],
)
def test_dates_are_read(text, date, time):
    found = find_date(text)
    assert found is not None
    assert (found.date, found.time) == (date, time)


@pytest.mark.parametrize(
    "text",
    ["03/04/2016", "February 30, 2016", "in 2016", "", "Oct 20", "1850-01-01", "99/99/2016"],
    ids=["ambiguous", "impossible-day", "year-only", "empty", "no-year", "too-old", "nonsense"],
)
def test_no_date_when_in_doubt(text):
    assert find_date(text) is None


def test_parse_iso_datetime_accepts_none():
    assert parse_iso_datetime(None) is None
    assert parse_iso_datetime("  2020-01-02  ").date == "2020-01-02"


@pytest.mark.parametrize(
    ("text", "date", "time"),
    [
        ("Posted: 7:37 PM, May 30, 2019", "2019-05-30", "2019-05-30T19:37"),
        ("Published 10:31 am, Friday, June 1, 2018", "2018-06-01", "2018-06-01T10:31"),
        ("Updated 6:35 PM ET, Fri June 1, 2018", "2018-06-01", "2018-06-01T18:35-04:00"),
        ("Updated 6:35 PM ET, Fri January 5, 2018", "2018-01-05", "2018-01-05T18:35-05:00"),
        ("1:52 pm CDT, Friday, May 31, 2019", "2019-05-31", "2019-05-31T13:52-05:00"),
        ("March 4, 2019 / 10:50 AM", "2019-03-04", "2019-03-04T10:50"),
        ("Jun 01, 2018 | 12:55 PM", "2018-06-01", "2018-06-01T12:55"),
        ("March 4, 2019, 9:52 PM UTC", "2019-03-04", "2019-03-04T21:52+00:00"),
        ("March 4, 2019 10:00AM (UTC)", "2019-03-04", "2019-03-04T10:00+00:00"),
        ("31 May 2018 4:05 pm BST", "2018-05-31", "2018-05-31T16:05+01:00"),
        ("June 1, 2018 9:24 AM PDT", "2018-06-01", "2018-06-01T09:24-07:00"),
        ("March 4, 2019 8:00 a.m. ET", "2019-03-04", "2019-03-04T08:00-05:00"),
        ("March 4, 2019 at 10:00 IST", "2019-03-04", "2019-03-04T10:00"),
    ],
    ids=["clock-first", "clock-weekday-date", "et-summer", "et-winter", "cdt", "slash-clock", "pipe-clock",
         "utc", "utc-in-brackets", "bst", "pdt", "am-dots-et", "ambiguous-zone-no-offset"],
)
def test_printed_clock_and_zone_are_read(text, date, time):
    found = find_date(text)
    assert found is not None
    assert (found.date, found.time) == (date, time)


def test_clock_first_day_first_stays_unread():
    # "12:40 GMT 07 July 2020" is how some pages print their render time: the date, not the clock.
    found = find_date("12:40 GMT 07 July 2020")
    assert found is not None and found.time is None


@pytest.mark.parametrize(
    ("text", "reference", "date", "time"),
    [
        ("May 30 at 4:36 PM", "2019-05-31T07:58:00-04:00", "2019-05-30", "2019-05-30T16:36"),
        ("May 31 at 3:41 PM", "2019-05-31T18:20:17-04:00", "2019-05-31", "2019-05-31T15:41"),
        ("Updated: Dec. 31, 11:50 PM ET", "2020-01-01T08:00:00+00:00", "2019-12-31", "2019-12-31T23:50-05:00"),
        ("Friday, June 1", "2018-06-01", "2018-06-01", None),
    ],
    ids=["day-before", "same-day", "across-new-year", "no-clock"],
)
def test_a_yearless_date_takes_the_year_of_the_day_after_it(text, reference, date, time):
    placed = place_yearless_date(text, reference=find_date(reference))
    assert placed is not None
    assert (placed.date, placed.time) == (date, time)


@pytest.mark.parametrize(
    ("text", "reference"),
    [
        ("May 28 at 4:36 PM", "2019-05-31T07:58:00-04:00"),  # three days before: the year is a guess
        ("June 1 at 9:00 AM", "2019-05-31T07:58:00-04:00"),  # after the scrape: not its publication
        ("Feb 29 at 9:00 AM", "2019-03-01T07:58:00-04:00"),  # no such day that year
        ("Updated 4:36 PM", "2019-05-31T07:58:00-04:00"),
    ],
    ids=["days-before", "day-after", "impossible", "no-month-day"],
)
def test_a_yearless_date_far_from_its_reference_is_not_placed(text, reference):
    assert place_yearless_date(text, reference=find_date(reference)) is None


def test_a_numeric_date_of_unknown_order_is_read_against_when_the_page_was_fetched():
    fetched = parse_iso_datetime("2018-06-01T14:00:00-04:00")
    assert find_date("06/01/2018") is None  # June 1 or January 6: not guessed
    assert find_date("06/01/2018", reference=fetched).date == "2018-06-01"  # fetched that day
    assert find_date("01/06/2018", reference=fetched).date == "2018-06-01"  # printed day first
    assert find_date("05/31/2018", reference=fetched).date == "2018-05-31"  # unambiguous anyway
    assert find_date("07/01/2018", reference=fetched) is None  # neither reading on the day or the day before
    assert find_date("05/05/2018").date == "2018-05-05"  # the same either way
