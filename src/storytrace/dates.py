"""Publication-date parsing for the formats news pages print. Ambiguity gives ``None``, never a guess.

A time of day is read before or after the date ("7:37 PM, May 30, 2019", "May 31, 2019 / 10:50 AM",
"10:31 am, Friday, June 1, 2018"), with the time zone the page prints ("6:35 PM ET", "1:52 pm CDT",
"10:00AM (UTC)") turned into a UTC offset. Zones that name more than one offset (IST: India,
Ireland or Israel) are not read: the time then has no offset, as when the page prints none.

A date printed without its year ("May 30 at 4:36 PM") is read only against a date known to be on
or just after it (:func:`place_yearless_date`), never on its own.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = ["ParsedDate", "find_date", "parse_iso_datetime", "place_yearless_date"]

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9,
    "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12,
    "december": 12,
}  # fmt: skip
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
#: Printed time-zone abbreviations: a fixed offset in hours, or (US "ET", "CT" …) the zone whose
#: offset on the printed date (daylight saving or not) is meant.
_ZONES: dict[str, float | str] = {
    "utc": 0, "gmt": 0, "z": 0, "bst": 1, "cet": 1, "cest": 2, "eet": 2, "eest": 3,
    "est": -5, "edt": -4, "cst": -6, "cdt": -5, "mst": -7, "mdt": -6, "pst": -8, "pdt": -7,
    "et": "America/New_York", "ct": "America/Chicago", "mt": "America/Denver", "pt": "America/Los_Angeles",
}  # fmt: skip
_ZONE = r"(?:\s*\(?(?P<zone>" + "|".join(sorted(_ZONES, key=len, reverse=True)) + r")\)?(?![\w]))?"
_CLOCK = r"(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::\d{2})?\s*(?P<ampm>[ap]\.?m\.?)?" + _ZONE
_TIME = r"(?:(?:\s*[,/|]|\s+at)?\s+" + _CLOCK + ")?"
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?\.?"

_PATTERNS = [
    re.compile(
        r"\b(?P<year>(?:19|20)\d{2})-(?P<month>\d{1,2})-(?P<day>\d{1,2})"
        r"(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?(?:\.\d+)?"
        r"(?P<tz>Z|[+-]\d{2}:?\d{2})?)?",
    ),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b{_TIME}", re.IGNORECASE),
    # The clock first ("7:37 PM, May 30, 2019", "10:31 am, Friday, June 1, 2018"); only with the
    # month first, as "07:21 GMT 07 July 2020" is how some pages print their render time.
    re.compile(rf"(?<![\d:]){_CLOCK}\s*,?\s+(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b{_TIME}", re.IGNORECASE),
    re.compile(r"\b(?P<year>(?:19|20)\d{2})/(?P<month>\d{1,2})/(?P<day>\d{1,2})\b"),
    re.compile(r"\b(?P<first>\d{1,2})[/.](?P<second_num>\d{1,2})[/.](?P<year>(?:19|20)\d{2})\b"),
]


@dataclass(frozen=True, slots=True, kw_only=True)
class ParsedDate:
    date: str
    """ISO date ``YYYY-MM-DD``."""
    time: str | None
    """Full ISO timestamp when the text gave a time of day."""
    start: int
    end: int
    has_clock: bool


def _month_number(value: str) -> int | None:
    if value.isdigit():
        return int(value)
    return _MONTHS.get(value.lower().rstrip("."))


def _valid(year: int, month: int, day: int, *, latest_year: int | None = None) -> dt.date | None:
    latest = latest_year or dt.date.today().year + 1
    if not 1900 <= year <= latest:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _zone_offset(zone: str, date: dt.date, hour: int, minute: int) -> str | None:
    """``+HH:MM`` for a printed zone abbreviation at that local date and time (``None``: unknown)."""
    value = _ZONES.get(zone.lower())
    if value is None:
        return None
    if isinstance(value, str):
        try:
            local = dt.datetime(date.year, date.month, date.day, hour, minute, tzinfo=ZoneInfo(value))
        except ZoneInfoNotFoundError:  # no time-zone database on this system
            return None
        offset = local.utcoffset()
        if offset is None:
            return None
        minutes = int(offset.total_seconds() // 60)
    else:
        minutes = int(value * 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _timestamp(groups: dict[str, str | None], date: dt.date) -> str | None:
    """The ISO timestamp of a match's clock groups on ``date`` (``None``: no clock, or an impossible one)."""
    hour, minute = groups.get("hour"), groups.get("minute")
    if hour is None or minute is None:
        return None
    hour_value = int(hour)
    ampm = (groups.get("ampm") or "").lower().replace(".", "")
    if ampm == "pm" and hour_value < 12:
        hour_value += 12
    if ampm == "am" and hour_value == 12:
        hour_value = 0
    if not (0 <= hour_value < 24 and 0 <= int(minute) < 60):
        return None
    time = f"{date.isoformat()}T{hour_value:02d}:{int(minute):02d}"
    if groups.get("second"):
        time += f":{groups['second']}"
    tz, zone = groups.get("tz"), groups.get("zone")
    if tz:
        time += "+00:00" if tz == "Z" else (tz if ":" in tz else f"{tz[:3]}:{tz[3:]}")
    elif zone:
        time += _zone_offset(zone, date, hour_value, int(minute)) or ""
    return time


def find_date(text: str, *, reference: ParsedDate | None = None) -> ParsedDate | None:
    """The first unambiguous calendar date in ``text`` (with a time of day when printed).

    ``03/04/2016`` is refused (day/month order unknown); ``13/04/2016`` is read as 13 April. With a
    ``reference`` known to be on or just after the printed date (when the page was fetched), the
    reading that falls on its day or the day before is taken when only one does: ``06/01/2018``
    against 2018-06-01T14:00 is 1 June (the other reading, 6 January, is months off).
    """
    best: ParsedDate | None = None
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            groups = match.groupdict()
            year = int(groups["year"])
            if "first" in groups and groups.get("first") is not None:
                first, second = int(groups["first"]), int(groups["second_num"])
                if first > 12 >= second:
                    day, month = first, second
                elif second > 12 >= first:
                    month, day = first, second
                elif first != second and reference is not None:
                    near = _near_readings(year, ((first, second), (second, first)), reference)
                    if len(near) != 1:
                        continue
                    month, day = near[0]
                elif first == second:
                    month = day = first
                else:
                    continue
            else:
                month_value = _month_number(groups["month"])
                if month_value is None:
                    continue
                month, day = month_value, int(groups["day"])
            date = _valid(year, month, day)
            if date is None:
                continue
            found = ParsedDate(
                date=date.isoformat(),
                time=_timestamp(groups, date),
                start=match.start(),
                end=match.end(),
                has_clock=bool(re.search(r"\d{1,2}:\d{2}", text)),
            )
            if best is None or found.start < best.start:
                best = found
            break
    return best


def _near_readings(year: int, readings: tuple[tuple[int, int], ...], reference: ParsedDate) -> list[tuple[int, int]]:
    """The (month, day) readings of a numeric date that fall on ``reference``'s day or the day before."""
    reference_day = dt.date.fromisoformat(reference.date)
    near = []
    for month, day in readings:
        date = _valid(year, month, day)
        if date is not None and 0 <= (reference_day - date).days <= _YEARLESS_DAYS_BEFORE:
            near.append((month, day))
    return near


def parse_iso_datetime(value: str | None) -> ParsedDate | None:
    """Parse a metadata date (ISO 8601 or a printed date). ``None`` when it cannot be read."""
    if not value:
        return None
    return find_date(value.strip())


#: A month and day with no year after them, and the clock printed with them ("May 30 at 4:36 PM",
#: "Jan. 2, 11:05 AM ET"); a year right after means the date is a full one for :func:`find_date`.
_YEARLESS = re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!,?\s*(?:19|20)\d{{2}}\b){_TIME}", re.IGNORECASE)
#: How many days a yearless date may lie before the date it is placed against (see :func:`place_yearless_date`).
_YEARLESS_DAYS_BEFORE = 1


def place_yearless_date(text: str, *, reference: ParsedDate) -> ParsedDate | None:
    """A date printed without its year, in the year that puts it on ``reference``'s day or the day before.

    ``reference`` is a date known to be on or just after the printed one, such as the time a page was
    scraped: "May 30 at 4:36 PM" against 2019-05-31T07:58:00-04:00 is 2019-05-30T16:36, and
    "Dec 31 at 11:50 PM" against 2020-01-01 is 2019-12-31T23:50. Within a day the year is certain;
    further off, the printed date could be of any earlier year (or not the publication at all), so
    anything else — another day, no month and day, an impossible date — gives ``None``.
    """
    match = _YEARLESS.search(text)
    month = _month_number(match.group("month")) if match else None
    if match is None or month is None:
        return None
    day = int(match.group("day"))
    reference_day = dt.date.fromisoformat(reference.date)
    for year in (reference_day.year, reference_day.year - 1):
        date = _valid(year, month, day, latest_year=reference_day.year)
        if date is not None and 0 <= (reference_day - date).days <= _YEARLESS_DAYS_BEFORE:
            return ParsedDate(
                date=date.isoformat(),
                time=_timestamp(match.groupdict(), date),
                start=match.start(),
                end=match.end(),
                has_clock=match.group("hour") is not None,
            )
    return None
