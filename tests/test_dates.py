"""Publication-date parsing: formats news pages print; ambiguity gives None."""

from __future__ import annotations

import pytest

from storytrace.dates import find_date, parse_iso_datetime


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
