"""WARC crawls (``.warc``, ``.warc.gz``) with FastWARC: HTML response records become documents.

Each record keeps its target URI and its WARC-Date (a crawl time, never a publication date). The
size cap applies per record; a record cut short by truncation is refused and ends the file, and
so does a file that is cut inside a record header or gzip member (which FastWARC passes over).
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import Any, BinaryIO

from ..errors import CorruptArchiveError, InputError, NoArticleError, TooLargeError
from ..models import RawDocument
from .decode import decode_bytes, inflate_capped
from .records import Item, Skipped, rejection_from_error

__all__ = ["SKIP_FACTOR", "parse_http_response", "read_warc"]

_TAIL_CHUNK = 1 << 16
#: The first bytes of a gzip member: its magic number and the deflate method.
_GZIP_MEMBER = b"\x1f\x8b\x08"

#: A compressed WARC record declaring more than this many times the size cap ends the file: it
#: cannot be skipped without inflating it (about a second per gigabyte).
SKIP_FACTOR = 16

_HTML_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "")


def parse_http_response(block: bytes, *, max_bytes: int) -> tuple[int, dict[str, str], bytes]:
    """Split an HTTP response block into status, headers (lower-cased) and decoded body."""
    head, separator, body = block.partition(b"\r\n\r\n")
    if not separator:
        head, separator, body = block.partition(b"\n\n")
    if not separator:
        raise CorruptArchiveError("HTTP response block has no header/body separator")
    lines = head.decode("latin-1").splitlines()
    status_parts = lines[0].split() if lines else []
    status = int(status_parts[1]) if len(status_parts) >= 2 and status_parts[1].isdigit() else 0
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name:
            headers[name.strip().lower()] = value.strip()
    if "chunked" in headers.get("transfer-encoding", "").lower():
        body = _dechunk(body)
    encoding = headers.get("content-encoding", "").lower().strip()
    if encoding in {"gzip", "x-gzip", "deflate"}:
        body = _inflate(body, encoding, max_bytes=max_bytes)
    elif encoding == "br":
        body = _unbrotli(body, max_bytes=max_bytes)
    return status, headers, body


def _dechunk(body: bytes) -> bytes:
    out = bytearray()
    position = 0
    while position < len(body):
        end = body.find(b"\r\n", position)
        if end < 0:
            break
        size_text = body[position:end].split(b";")[0].strip()
        try:
            size = int(size_text, 16)
        except ValueError:
            return body  # not actually chunked
        if size == 0:
            break
        out += body[end + 2 : end + 2 + size]
        position = end + 2 + size + 2
    return bytes(out)


def _inflate(body: bytes, encoding: str, *, max_bytes: int) -> bytes:
    # Streaming and capped (a gzip bomb inside a record stops at the cap); a body cut short by
    # the crawler keeps what it decodes to.
    return inflate_capped(body, encoding=encoding, max_bytes=max_bytes, what="record body", allow_truncated=True)


def _unbrotli(body: bytes, *, max_bytes: int) -> bytes:
    """Brotli, decoded in bounded steps and stopped at the cap (brotli bombs reach 1:1000s)."""
    try:
        import brotli  # type: ignore[import-not-found,import-untyped]
    except ImportError as exc:
        raise CorruptArchiveError("a brotli-encoded body cannot be decoded (brotli is not installed)") from exc
    out = bytearray()
    try:
        decompressor = brotli.Decompressor()
        for start in range(0, max(1, len(body)), _TAIL_CHUNK):
            piece = body[start : start + _TAIL_CHUNK]
            while True:
                chunk = decompressor.process(piece, output_buffer_limit=_TAIL_CHUNK)
                piece = b""
                out += chunk
                if len(out) > max_bytes:
                    raise TooLargeError(f"decoded body is larger than the size cap of {max_bytes:,} bytes")
                if not chunk and decompressor.can_accept_more_data():
                    break
    except brotli.error as exc:
        raise CorruptArchiveError(f"brotli body could not be decoded: {exc}") from exc
    return bytes(out)


def read_warc(stream: BinaryIO, *, source: str, max_bytes: int) -> Iterator[Item]:
    """Documents of the HTML (and plain-text) response and resource records of a WARC file.

    Problems with one record (too large, bad HTTP block, undecodable body) refuse that record and
    go on; a file cut short (or with garbage after its last record) is refused from there on.
    """
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    records = 0
    documents = 0
    last_pos: int | None = None
    last_id = "start of file"
    gzipped = _starts_with_gzip(stream)
    iterator = ArchiveIterator(stream, parse_http=False, max_content_length=2**63 - 1)
    try:
        for record in iterator:
            records += 1
            last_pos = record.stream_pos
            record_id = record.record_id or f"record {records}"
            last_id = record_id
            declared = _content_length(record)
            if gzipped and declared > SKIP_FACTOR * max_bytes:
                # Skipping a compressed record means inflating it: a record declaring gigabytes
                # (a decompression bomb) would cost seconds per gigabyte. Stop reading here.
                too_large = TooLargeError(
                    f"{source}: record declares {declared:,} bytes, over {SKIP_FACTOR} × the size cap; "
                    "the rest of the file is not read",
                    hint="raise it with --max-size",
                )
                yield rejection_from_error(too_large, source=source, locator=record_id)
                return
            if record.record_type not in (WarcRecordType.response, WarcRecordType.resource):
                if record.record_type == WarcRecordType.unknown and not record.headers.get("WARC-Type"):
                    break  # a header cut short: reported by the tail check below
                continue
            documents += 1
            item, truncated = _record_item(record, record_id=record_id, source=source, max_bytes=max_bytes)
            yield item
            if truncated:
                return
    except OSError as exc:  # FastWARC: "Invalid WARC header", "Gzip decompression error"
        error = CorruptArchiveError(f"{source}: unreadable WARC data after {last_id} ({exc})")
        if records == 0:
            raise error from exc
        yield rejection_from_error(error, source=source, locator=last_id)
        return
    if records == 0:
        raise CorruptArchiveError(f"{source} holds no readable WARC records")
    problem = _tail_problem(stream, last_pos)
    if problem:
        yield rejection_from_error(
            CorruptArchiveError(f"{source}: {problem} after {last_id} (the file is cut short)"),
            source=source,
            locator=last_id,
        )
    elif documents == 0:
        raise NoArticleError(f"{source} holds no response or resource records")


def _content_length(record: Any) -> int:
    value = (record.headers.get("Content-Length") or "0").strip()
    return int(value) if value.isdigit() else 0


def _starts_with_gzip(stream: BinaryIO) -> bool:
    if not stream.seekable():
        return True  # cannot tell: assume the cautious case
    position = stream.tell()
    head = stream.read(2)
    stream.seek(position)
    return head == b"\x1f\x8b"


def _record_item(record: Any, *, record_id: str, source: str, max_bytes: int) -> tuple[Item, bool]:
    """One response/resource record → its item, and whether the record was cut short."""
    from fastwarc.warc import WarcRecordType

    uri = record.headers.get("WARC-Target-URI")
    date = record.headers.get("WARC-Date")
    try:
        declared = _content_length(record)
        if declared > max_bytes:
            record.reader.consume()
            raise TooLargeError(f"record {uri} is larger than the size cap of {max_bytes:,} bytes")
        block = record.reader.read(declared + 1)
        if len(block) < declared:
            error = CorruptArchiveError(
                f"record {uri} is truncated: {len(block):,} of {declared:,} bytes (the file is cut short)"
            )
            return rejection_from_error(error, source=source, locator=record_id), True
        headers: dict[str, str]
        if record.record_type == WarcRecordType.resource:
            status, headers = 200, {"content-type": record.headers.get("Content-Type") or ""}
            body = block
        else:
            status, headers, body = parse_http_response(block, max_bytes=max_bytes)
        content_type = headers.get("content-type", "").split(";")[0].strip().lower()
        if status != 200:
            return Skipped(source=source, locator=record_id, why=f"HTTP status {status}"), False
        if content_type not in _HTML_TYPES:
            return Skipped(source=source, locator=record_id, why=f"content type {content_type}"), False
        charset = None
        for part in headers.get("content-type", "").split(";")[1:]:
            key, _, value = part.partition("=")
            if key.strip().lower() == "charset":
                charset = value.strip().strip("\"'")
        html = decode_bytes(body, what=f"record {uri}", declared=charset)
        document = RawDocument(
            source=source,
            locator=record_id,
            source_kind="warc",
            raw=html,
            raw_format="html" if content_type != "text/plain" else "text",
            url=uri,
            fetched_at=date,
        )
        return document, False
    except InputError as error:
        return rejection_from_error(error, source=source, locator=record_id), False


def _tail_problem(stream: BinaryIO, last_pos: int | None) -> str | None:
    """FastWARC stops quietly at a record whose header (or gzip member) is cut short: look at
    what follows the last record it returned, and say what is wrong there, if anything."""
    if last_pos is None or not stream.seekable():
        return None
    try:
        stream.seek(0)
        whole_file_gzip = stream.read(3) == _GZIP_MEMBER
        stream.seek(last_pos)
        head = stream.read(3)
        stream.seek(last_pos)
        if head == _GZIP_MEMBER:
            return _gzip_tail_problem(stream)
        if whole_file_gzip:
            # One gzip member holds many records (`gzip crawl.warc`): FastWARC's position of a record
            # is then where its reader had got to in the compressed file, not where the record starts,
            # so the file is checked as a whole instead.
            stream.seek(0)
            return _gzip_stream_problem(stream)
        return _plain_tail_problem(stream, last_pos)
    except OSError:
        return None


def _gzip_stream_problem(stream: BinaryIO) -> str | None:
    """What is wrong with a gzipped file read from its start, if anything: a member cut short or
    damaged, or data after the last member that is not one. Inflated in bounded slices and thrown away."""
    pending = b""
    while True:
        data = pending or stream.read(_TAIL_CHUNK)
        if not data:
            return None
        if len(data) < 3:
            data += stream.read(_TAIL_CHUNK)
        if not data.startswith(_GZIP_MEMBER):
            return "data that is not a gzip member" if data.strip(b"\r\n\x00") else None
        _, problem, pending = _inflate_member(stream, data)
        if problem is not None:
            return problem


def _gzip_tail_problem(stream: BinaryIO) -> str | None:
    members = 0
    pending = b""
    while True:
        data = pending or stream.read(_TAIL_CHUNK)
        if not data:
            return None
        if len(data) < 2:
            data += stream.read(_TAIL_CHUNK)
        if members >= 1 and not data.startswith(b"\x1f\x8b"):
            return "data that is not a gzip member" if data.strip(b"\r\n\x00") else None
        produced, problem, pending = _inflate_member(stream, data)
        if problem is not None:
            return problem
        members += 1
        if members >= 2 and produced:
            return "a record that could not be read"


def _inflate_member(stream: BinaryIO, data: bytes) -> tuple[int, str | None, bytes]:
    """Inflate the gzip member starting at ``data`` (more read from ``stream`` as needed) in bounded
    slices that are thrown away: the bytes it inflates to, what is wrong with it (cut short, damaged)
    or None, and the bytes read past its end."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    produced = 0
    try:
        while True:
            produced += len(inflater.decompress(data, _TAIL_CHUNK))
            while inflater.unconsumed_tail and not inflater.eof:
                produced += len(inflater.decompress(inflater.unconsumed_tail, _TAIL_CHUNK))
            if inflater.eof:
                return produced, None, inflater.unused_data
            data = stream.read(_TAIL_CHUNK)
            if not data:
                return produced, "a gzip member cut short", b""
    except zlib.error as exc:
        return produced, f"a damaged gzip member ({exc})", b""


def _plain_tail_problem(stream: BinaryIO, last_pos: int) -> str | None:
    head = stream.read(_TAIL_CHUNK)
    end = head.find(b"\r\n\r\n")
    if end < 0:
        return "a record header cut short"
    length = 0
    for line in head[:end].split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length" and value.strip().isdigit():
            length = int(value.strip())
    record_end = last_pos + end + 4 + length
    if stream.seek(0, 2) < record_end:
        return "a record cut short"
    stream.seek(record_end)
    rest = stream.read(_TAIL_CHUNK)
    if rest.strip(b"\r\n"):
        return "a record that could not be read"
    return None
