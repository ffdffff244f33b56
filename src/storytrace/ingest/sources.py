"""From what the user typed (paths, folders, ``-``, URLs) to items, one reader per format.

Formats are chosen by file name (``.gz`` is looked through) and, for unknown names, by sniffing
the first bytes. The size cap applies to a whole file for documents (HTML, text, feeds, JSON)
and to each record for containers (WARC records); CSV/JSONL files are capped as a whole too.

A pipe or device named on its own (``<(cat a.txt)``, ``/dev/stdin``) is read as a stream, whole,
under the same cap; inside a folder, only regular files are opened (a FIFO would block). Files
storytrace writes itself (an SQLite store and its ``-wal``/``-shm``/``-journal`` files, a dossier,
a report) are refused with a reason wherever they turn up: ``analyze .`` run twice in the folder
holding them must not read them as articles.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..errors import (
    EmptyInputError,
    MissingPathError,
    StorytraceOutputError,
    TooLargeError,
    UnreadableInputError,
    UnsupportedFormatError,
)
from ..models import RawDocument
from ..settings import IngestOptions
from .decode import decode_bytes, gunzip_capped, looks_binary, read_capped
from .feeds import read_feed
from .records import Item, UrlRef
from .tables import dossier_refusal, read_csv, read_json, read_jsonl
from .text import read_text
from .warc import read_warc

__all__ = ["Source", "detect_format", "discover", "read_bytes_as", "read_source"]

_SUFFIXES = {
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html", ".php": "html", ".asp": "html",
    ".aspx": "html",
    ".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown", ".mdown": "markdown",
    ".warc": "warc", ".arc": "warc",
    ".rss": "feed", ".atom": "feed", ".xml": "feed", ".rdf": "feed",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
    ".csv": "csv", ".tsv": "tsv",
    ".urls": "text",
}  # fmt: skip

_SQLITE_MAGIC = b"SQLite format 3\x00"
#: Files SQLite keeps next to a database (while it is open, or after a crash): never opened.
_SQLITE_COMPANIONS = {"-wal": "write-ahead log", "-shm": "shared-memory index", "-journal": "rollback journal"}
#: The same files recognised by their first bytes (read from a pipe, or left without their database).
_SQLITE_COMPANION_MAGIC = {
    b"\x37\x7f\x06\x82": "an SQLite write-ahead log",
    b"\x37\x7f\x06\x83": "an SQLite write-ahead log",
    b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7": "an SQLite rollback journal",
}
_DOSSIER_HEAD = re.compile(rb'\A\s*\{\s*"schema"\s*:\s*"(storytrace\.dossier/[^"\\]{0,40})"')
#: ``storytrace report --format html`` names itself in a generator meta tag; reports written before
#: it did are known by their title.
_HTML_REPORT = re.compile(
    rb"""<meta\s+name=["']?generator["']?\s+content=["']?storytrace\b|<title>storytrace dossier: \d+ stor""",
    re.IGNORECASE,
)
#: ``storytrace report --format md``: a first-line comment, or (older reports) its heading and schema line.
_MARKDOWN_REPORT = re.compile(
    rb"\A\s*<!-- generator: storytrace\b|\A# Dossier: \d+ stories, \d+ articles\s+Schema storytrace\\?\.dossier/"
)
_SNIFF_BYTES = 4096


@dataclass(frozen=True, slots=True)
class Source:
    """One thing to read: a file, standard input, or a URL."""

    spec: str
    """As the user gave it (a file inside a folder: its path under that folder as given)."""
    kind: str
    """file | stream | stdin | url | missing. ``stream``: a pipe or device named on its own."""
    path: Path | None = None


def discover(inputs: Sequence[str]) -> Iterator[Source]:
    """Expand folders recursively (sorted, hidden entries skipped); keep URLs and ``-`` as they are.

    Every entry of a folder is a ``file`` (one that is not a regular file is refused when read,
    without being opened); a path named on its own that is not a regular file or a folder (a
    pipe, ``/dev/stdin``, a device) is a ``stream``. An empty string is ``missing``: ``Path("")``
    would be the current folder.
    """
    for spec in inputs:
        if spec == "-":
            yield Source(spec, "stdin")
        elif re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", spec):
            yield Source(spec, "url")
        elif not spec:
            yield Source(spec, "missing")
        else:
            path = Path(spec)
            if path.is_dir():
                for root, dirs, files in os.walk(path):
                    dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                    for name in sorted(files):
                        if not name.startswith("."):
                            yield Source(str(Path(root) / name), "file", Path(root) / name)
            elif path.exists():
                yield Source(spec, "file" if path.is_file() else "stream", path)
            else:
                yield Source(spec, "missing", path)


def detect_format(name: str, head: bytes) -> tuple[str | None, bool]:
    """(format, gzipped) from a file name and its first bytes."""
    lowered = name.lower()
    gzipped = head[:2] == b"\x1f\x8b"
    if lowered.endswith(".gz"):
        lowered = lowered[:-3]
    if lowered.endswith(".warc") or lowered.endswith(".arc"):
        return "warc", gzipped
    for suffix, fmt in _SUFFIXES.items():
        if lowered.endswith(suffix):
            return fmt, gzipped
    return None, gzipped


def sniff(data: bytes) -> str | None:
    start = data[:2048].lstrip().lower()
    if start.startswith(b"warc/"):
        return "warc"
    if start.startswith(b"<?xml") or start.startswith(b"<rss") or start.startswith(b"<feed"):
        if b"<rss" in data[:4096].lower() or b"<feed" in data[:4096].lower() or b"<rdf" in data[:4096].lower():
            return "feed"
        return "html"
    if start.startswith(b"<!doctype html") or start.startswith(b"<html") or b"<body" in data[:8192].lower():
        return "html"
    if start.startswith(b"{"):
        return "jsonl"
    if start.startswith(b"["):
        return "json"
    return "text"


def read_source(source: Source, options: IngestOptions, *, stdin: BinaryIO | None = None) -> Iterator[Item]:
    """Items of one source. Whole-source failures raise an :class:`InputError`."""
    if source.kind == "missing":
        if not source.spec:
            raise MissingPathError("an empty path names no file or folder", hint="give '.' for the current folder")
        raise MissingPathError(f"{source.spec}: no such file or folder")
    if source.kind == "url":
        yield UrlRef(source=source.spec, url=source.spec)
        return
    if source.kind == "stdin":
        stream = stdin
        if stream is None:
            import sys

            stream = sys.stdin.buffer
        data = read_capped(stream, max_bytes=options.max_bytes, what="standard input")
        yield from read_bytes_as(data, name="-", source="-", options=options, default_kind="stdin")
        return
    assert source.path is not None
    path = source.path
    try:
        if source.kind == "stream":
            # A pipe or device has no size to check first (fstat says 0): read it like stdin.
            with path.open("rb") as handle:
                data = read_capped(handle, max_bytes=options.max_bytes, what=source.spec)
        else:
            _refuse_special_file(path, what=source.spec)
            _refuse_sqlite_companion(path, what=source.spec)
            with path.open("rb") as handle:
                head = handle.read(_SNIFF_BYTES)
                fmt, _ = detect_format(path.name, head)
                size = os.fstat(handle.fileno()).st_size
                if size == 0:
                    raise EmptyInputError(f"{source.spec} is empty")
                # Before the size cap: a store or dossier over the cap is refused for what it is.
                _refuse_storytrace_output(head, what=source.spec)
                if fmt == "warc":
                    # WARC files are read record by record: the size cap applies to each record.
                    handle.seek(0)
                    yield from read_warc(handle, source=source.spec, max_bytes=options.max_bytes)
                    return
                if size > options.max_bytes:
                    raise TooLargeError(
                        f"{source.spec} is {size:,} bytes, over the size cap of {options.max_bytes:,}",
                        hint="raise it with --max-size",
                    )
                handle.seek(0)
                data = read_capped(handle, max_bytes=options.max_bytes, what=source.spec)
    except IsADirectoryError as exc:
        raise UnreadableInputError(f"{source.spec} is a folder") from exc
    except PermissionError as exc:
        raise UnreadableInputError(f"{source.spec}: permission denied") from exc
    except OSError as exc:
        raise UnreadableInputError(f"{source.spec}: {exc.strerror or exc}") from exc
    yield from read_bytes_as(data, name=path.name, source=source.spec, options=options)


def _refuse_special_file(path: Path, *, what: str) -> None:
    """A folder entry that is not a regular file is never opened: opening a FIFO blocks until
    someone writes to it, a device may never end."""
    mode = path.stat().st_mode
    if stat.S_ISDIR(mode):
        raise UnreadableInputError(f"{what} is a folder")
    if stat.S_ISREG(mode):
        return
    kinds = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
             (stat.S_ISBLK, "a block device"))  # fmt: skip
    kind = next((name for test, name in kinds if test(mode)), "a special file")
    raise UnreadableInputError(
        f"{what} is not a regular file ({kind}); it was not opened",
        hint="a pipe or device is read only when named on its own",
    )


def _refuse_sqlite_companion(path: Path, *, what: str) -> None:
    """``x.db-wal``, ``x.db-shm``, ``x.db-journal`` next to the SQLite database ``x.db``: refused
    unopened (the store being written in this very run keeps its ``-wal`` and ``-shm`` there)."""
    for suffix, kind in _SQLITE_COMPANIONS.items():
        if not path.name.endswith(suffix) or len(path.name) == len(suffix):
            continue
        database = path.with_name(path.name[: -len(suffix)])
        try:
            if not database.is_file():
                continue
            with database.open("rb") as handle:
                is_sqlite = handle.read(len(_SQLITE_MAGIC)) == _SQLITE_MAGIC
        except OSError:
            continue
        if is_sqlite:
            raise StorytraceOutputError(f"{what} is the SQLite {kind} of the database {database.name}, not an article")


def _refuse_storytrace_output(head: bytes, *, what: str) -> None:
    """Raise when the first bytes of a document show a file storytrace writes, never an article:
    an SQLite database (a store) or its companion files, a dossier or JSON report, an HTML or
    Markdown report."""
    if head.startswith(_SQLITE_MAGIC):
        raise StorytraceOutputError(f"{what} is an SQLite database (a storytrace store is one), not an article")
    for magic, description in _SQLITE_COMPANION_MAGIC.items():
        if head.startswith(magic):
            raise StorytraceOutputError(f"{what} is {description}, not an article")
    dossier = _DOSSIER_HEAD.match(head)
    if dossier:
        raise dossier_refusal(what, dossier.group(1).decode("ascii", "replace"))
    if _HTML_REPORT.search(head) or _MARKDOWN_REPORT.match(head.lstrip(b"\xef\xbb\xbf")):
        raise StorytraceOutputError(
            f"{what} is a report written by storytrace, not an article",
            hint="reports are written from the store; they are not read back",
        )


def read_bytes_as(
    data: bytes, *, name: str, source: str, options: IngestOptions, default_kind: str | None = None,
    content_type: str | None = None, charset: str | None = None, url: str | None = None,
    fetched_at: str | None = None,
) -> Iterator[Item]:
    """Read a whole in-memory document (a file, stdin, or an HTTP body) with the right reader."""
    fmt, gzipped = detect_format(name, data[:4])
    if gzipped:
        data = gunzip_capped(data, max_bytes=options.max_bytes, what=source)
        if fmt is None:
            fmt, _ = detect_format(name[:-3] if name.lower().endswith(".gz") else name, data[:4])
    if not data.strip(b" \t\r\n\x00"):
        raise EmptyInputError(f"{source} is empty" if data.strip() == b"" else f"{source} holds only NUL bytes")
    _refuse_storytrace_output(data[:_SNIFF_BYTES], what=source)
    if content_type:
        fmt = _format_from_content_type(content_type) or fmt
    if fmt is None:
        description = looks_binary(data)
        fmt = "binary" if description else sniff(data)
    if fmt == "warc":
        import io

        yield from read_warc(io.BytesIO(data), source=source, max_bytes=options.max_bytes)
        return
    if fmt == "feed":
        if looks_binary(data):
            decode_bytes(data, what=source)  # raises the right error
        yield from read_feed(data, source=source)
        return
    if fmt == "binary":
        decode_bytes(data, what=source)
        raise UnsupportedFormatError(f"{source}: format not recognised")
    text = decode_bytes(data, what=source, declared=charset)
    if fmt == "html":
        yield RawDocument(
            source=source,
            source_kind="url" if url else (default_kind or "html"),
            raw=text,
            raw_format="html",
            url=url,
            fetched_at=fetched_at,
            locator=url if url and url != source else None,
        )
    elif fmt in {"text", "markdown"}:
        if fmt == "text" and sniff(text[:4096].encode("utf-8", "replace")) == "html":
            yield from read_bytes_as(
                data, name=name + ".html", source=source, options=options, default_kind=default_kind,
                url=url, fetched_at=fetched_at,
            )
            return
        for item in read_text(text, source=source, markdown=fmt == "markdown", source_kind=default_kind):
            if isinstance(item, RawDocument) and url:
                from dataclasses import replace

                item = replace(item, url=url, fetched_at=fetched_at, source_kind="url")
            yield item
    elif fmt == "jsonl":
        yield from read_jsonl(text, source=source, fields=options.fields)
    elif fmt == "json":
        yield from read_json(text, source=source, fields=options.fields)
    elif fmt in {"csv", "tsv"}:
        yield from read_csv(text, source=source, fields=options.fields, delimiter="\t" if fmt == "tsv" else None)
    else:  # pragma: no cover - every format above is handled
        raise UnsupportedFormatError(f"{source}: unsupported format {fmt}")


def _format_from_content_type(content_type: str) -> str | None:
    content_type = content_type.lower()
    if content_type in {"text/html", "application/xhtml+xml"}:
        return "html"
    if content_type in {"application/rss+xml", "application/atom+xml", "application/rdf+xml"}:
        return "feed"
    if content_type in {"text/xml", "application/xml"}:
        return "feed"
    if content_type == "text/markdown":
        return "markdown"
    if content_type == "text/plain":
        return "text"
    if content_type in {"application/json"}:
        return "json"
    if content_type in {"text/csv"}:
        return "csv"
    return None
