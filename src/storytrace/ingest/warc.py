"""WARC crawls (``.warc``, ``.warc.gz``) with FastWARC: HTML response records become documents.

Each record keeps its target URI and its WARC-Date (a crawl time, never a publication date). The
size cap applies per record; a record cut short by truncation is refused and ends the file.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from ..errors import CorruptArchiveError, InputError, TooLargeError
from ..models import RawDocument
from .decode import decode_bytes
from .records import Item, Skipped, rejection_from_error

__all__ = ["parse_http_response", "read_warc"]

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
        try:
            import brotli  # type: ignore[import-not-found,import-untyped]

            body = brotli.decompress(body)
        except Exception as exc:
            raise CorruptArchiveError(f"brotli body could not be decoded: {exc}") from exc
        if len(body) > max_bytes:
            raise TooLargeError(f"decoded body is larger than the size cap of {max_bytes:,} bytes")
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
    try:
        if encoding == "deflate":
            inflater = zlib.decompressobj()
        else:
            inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        out = inflater.decompress(body, max_bytes + 1)
    except zlib.error:
        try:
            out = gzip.decompress(body)
        except (OSError, EOFError, zlib.error) as exc:
            raise CorruptArchiveError(f"{encoding} body could not be decoded: {exc}") from exc
    if len(out) > max_bytes:
        raise TooLargeError(f"decompressed body is larger than the size cap of {max_bytes:,} bytes")
    return out


def read_warc(stream: BinaryIO, *, source: str, max_bytes: int) -> Iterator[Item]:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    records = 0
    iterator = ArchiveIterator(
        stream,
        record_types=WarcRecordType.response | WarcRecordType.resource,
        parse_http=False,
        max_content_length=2**63 - 1,
    )
    for record in iterator:
        records += 1
        record_id = record.record_id or f"record {records}"
        uri = record.headers.get("WARC-Target-URI")
        date = record.headers.get("WARC-Date")
        try:
            declared = int(record.headers.get("Content-Length") or 0)
            if declared > max_bytes:
                record.reader.consume()
                raise TooLargeError(f"record {uri} is larger than the size cap of {max_bytes:,} bytes")
            block = record.reader.read(declared + 1)
            if len(block) < declared:
                raise CorruptArchiveError(
                    f"record {uri} is truncated: {len(block):,} of {declared:,} bytes (the file is cut short)"
                )
            if record.record_type == WarcRecordType.resource:
                status, headers = 200, {"content-type": record.headers.get("Content-Type", "")}
                body = block
            else:
                status, headers, body = parse_http_response(block, max_bytes=max_bytes)
            content_type = headers.get("content-type", "").split(";")[0].strip().lower()
            if status != 200:
                yield Skipped(source=source, locator=record_id, why=f"HTTP status {status}")
                continue
            if content_type not in _HTML_TYPES:
                yield Skipped(source=source, locator=record_id, why=f"content type {content_type}")
                continue
            charset = None
            for part in headers.get("content-type", "").split(";")[1:]:
                key, _, value = part.partition("=")
                if key.strip().lower() == "charset":
                    charset = value.strip().strip("\"'")
            html = decode_bytes(body, what=f"record {uri}", declared=charset)
            yield RawDocument(
                source=source,
                locator=record_id,
                source_kind="warc",
                raw=html,
                raw_format="html" if content_type != "text/plain" else "text",
                url=uri,
                fetched_at=date,
            )
        except CorruptArchiveError as error:
            yield rejection_from_error(error, source=source, locator=record_id)
            return
        except InputError as error:
            yield rejection_from_error(error, source=source, locator=record_id)
    if records == 0:
        raise CorruptArchiveError(f"{source} holds no readable WARC records")
