"""CSV/TSV, JSONL and JSON-array exports from other tools: one article per row.

Column names come from :class:`~storytrace.settings.TableFields` (``--text-field`` …) or the usual
names in order. A row without text is refused on its own, naming the columns it has; the file goes
on. A CSV file's delimiter (comma, tab, semicolon or pipe) is the one that splits its header row
into the most columns. A storytrace dossier (JSON) is refused whole: its articles are not records.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from ..errors import BadRecordError, StorytraceOutputError, TooComplexError, UnsupportedFormatError
from ..models import RawDocument
from ..settings import TableFields
from .feeds import html_fragment_to_text
from .records import Item, rejection_from_error

__all__ = ["dossier_refusal", "read_csv", "read_json", "read_jsonl"]

_HTML_SIGN = re.compile(r"<(?:p|div|br|article|span|h[1-6]|li|a)\b[^>]*>", re.IGNORECASE)

#: Delimiters a CSV export may use, in the order preferred when two split the header alike.
_DELIMITERS = (",", "\t", ";", "|")
_DOSSIER_SCHEMA = "storytrace.dossier/"
#: How many column names a "no text" refusal lists, and how much of each.
_SHOWN_COLUMNS, _SHOWN_NAME = 12, 40


def _loads(text: str) -> Any:
    """``json.loads`` that refuses absurd nesting with :class:`TooComplexError` (not a crash)."""
    try:
        return json.loads(text)
    except RecursionError as exc:
        raise TooComplexError("JSON nested too deeply to read") from exc


def dossier_refusal(source: str, schema: str) -> StorytraceOutputError:
    """The error for a dossier (``storytrace analyze --out``, ``report --format json``) read as input."""
    return StorytraceOutputError(
        f"{source} is a storytrace dossier ({schema}), not articles",
        hint="the articles it lists are in the store it was analysed from",
    )


def _refuse_dossier(value: Any, *, source: str) -> None:
    schema = value.get("schema") if isinstance(value, dict) else None
    if isinstance(schema, str) and schema.startswith(_DOSSIER_SCHEMA):
        raise dossier_refusal(source, schema)


def _pick(row: Mapping[str, Any], names: Iterable[str]) -> str | None:
    lowered = {str(k).lower(): v for k, v in row.items()}
    for name in names:
        value = row.get(name, lowered.get(name.lower()))
        if value is None:
            continue
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value if v)
        text = str(value).strip()
        if text:
            return text
    return None


def _date_value(value: str | None) -> str | None:
    """Dates as printed, or epoch seconds / milliseconds (as some exports store them)."""
    if value is None:
        return None
    if re.fullmatch(r"\d{9,13}(?:\.\d+)?", value):
        number = float(value)
        if number > 1e11:
            number /= 1000.0
        return dt.datetime.fromtimestamp(number, tz=dt.UTC).isoformat(timespec="seconds")
    return value


def _row_to_document(
    row: Mapping[str, Any], *, source: str, locator: str, kind: str, fields: TableFields
) -> RawDocument:
    text = _pick(row, fields.candidates("text"))
    if text is None:
        wanted = "/".join(fields.candidates("text"))
        raise BadRecordError(
            f"{source} {locator}: no text in column {wanted}; columns found: {_column_list(row)}",
            hint="choose it with --text-field",
        )
    external_id = _pick(row, fields.candidates("id"))
    is_html = bool(_HTML_SIGN.search(text[:5000]))
    if is_html:
        text = html_fragment_to_text(text)
    # Some exports join paragraphs with a marker instead of newlines.
    if " ### " in text and "\n" not in text:
        text = text.replace(" ### ", "\n\n")
    return RawDocument(
        source=source,
        locator=f"{locator} (id {external_id})" if external_id else locator,
        source_kind=kind,
        raw=text,
        raw_format="text",
        url=_pick(row, fields.candidates("url")),
        title_hint=_pick(row, fields.candidates("title")),
        byline_hint=_pick(row, fields.candidates("byline")),
        date_hint=_date_value(_pick(row, fields.candidates("date"))),
        outlet_hint=_pick(row, fields.candidates("outlet")),
        external_id=external_id,
        fetched_at=_date_value(_pick(row, fields.candidates("fetched"))),
    )


def _column_list(row: Mapping[str, Any]) -> str:
    """The row's column names as a user should see them: a header that was not split shows whole."""
    names = [str(name) for name in row if name is not None]  # None: the cells past the header (csv)
    if not names:
        return "none"
    shown = [repr(name if len(name) <= _SHOWN_NAME else name[: _SHOWN_NAME - 1] + "…") for name in names]
    more = len(shown) - _SHOWN_COLUMNS
    return ", ".join(shown[:_SHOWN_COLUMNS]) + (f" and {more} more" if more > 0 else "")


def _delimiter(header: str) -> str:
    """The delimiter that splits the header row into the most columns (quotes respected)."""

    def columns(delimiter: str) -> int:
        try:
            return len(next(csv.reader([header], delimiter=delimiter), []))
        except csv.Error:
            return 0

    return max(_DELIMITERS, key=lambda d: (columns(d), -_DELIMITERS.index(d)))


def _rows_to_items(
    rows: Iterator[tuple[str, Mapping[str, Any] | Exception]], *, source: str, kind: str, fields: TableFields
) -> Iterator[Item]:
    for locator, row in rows:
        if isinstance(row, Exception):
            error = BadRecordError(f"{source} {locator}: {row}")
            yield rejection_from_error(error, source=source, locator=locator)
            continue
        try:
            yield _row_to_document(row, source=source, locator=locator, kind=kind, fields=fields)
        except BadRecordError as error:
            yield rejection_from_error(error, source=source, locator=locator)


def read_csv(text: str, *, source: str, fields: TableFields, delimiter: str | None = None) -> Iterator[Item]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    if delimiter is None:
        delimiter = _delimiter(text.split("\n", 1)[0].rstrip("\r"))
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    if not reader.fieldnames:
        raise UnsupportedFormatError(f"{source} has no CSV header row")

    def rows() -> Iterator[tuple[str, Mapping[str, Any] | Exception]]:
        index = 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                index += 1
                yield f"row {index}", exc
                continue
            index += 1
            yield f"row {index}", row

    yield from _rows_to_items(rows(), source=source, kind="csv", fields=fields)


def read_jsonl(text: str, *, source: str, fields: TableFields) -> Iterator[Item]:
    first = next((line for line in text.splitlines() if line.strip()), "")
    try:
        _refuse_dossier(_loads(first), source=source)
    except ValueError:
        # Not one object per line: perhaps one pretty-printed JSON document (sniffed by its "{").
        try:
            _loads(text)
        except ValueError:
            pass
        else:
            yield from read_json(text, source=source, fields=fields)
            return

    def rows() -> Iterator[tuple[str, Mapping[str, Any] | Exception]]:
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                value = _loads(line)
            except TooComplexError as exc:
                yield f"line {number}", ValueError(exc.message)
                continue
            except ValueError as exc:
                yield f"line {number}", ValueError(f"not JSON ({exc})")
                continue
            if not isinstance(value, dict):
                yield f"line {number}", ValueError("not a JSON object")
                continue
            yield f"line {number}", value

    yield from _rows_to_items(rows(), source=source, kind="jsonl", fields=fields)


def read_json(text: str, *, source: str, fields: TableFields) -> Iterator[Item]:
    try:
        value = _loads(text)
    except ValueError as exc:
        # Perhaps JSON Lines saved as .json.
        if "\n{" in text.strip():
            yield from read_jsonl(text, source=source, fields=fields)
            return
        raise UnsupportedFormatError(f"{source} is not valid JSON: {exc}") from exc
    _refuse_dossier(value, source=source)
    if isinstance(value, dict):
        for key in ("articles", "items", "data", "results", "records"):
            if isinstance(value.get(key), list):
                value = value[key]
                break
        else:
            value = [value]
    if not isinstance(value, list):
        raise UnsupportedFormatError(f"{source}: expected a JSON array of objects")

    def rows() -> Iterator[tuple[str, Mapping[str, Any] | Exception]]:
        for number, item in enumerate(value, start=1):
            if isinstance(item, dict):
                yield f"item {number}", item
            else:
                yield f"item {number}", ValueError("not a JSON object")

    yield from _rows_to_items(rows(), source=source, kind="jsonl", fields=fields)
