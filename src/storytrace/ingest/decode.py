"""Bytes to text: size caps, gzip streams, binary detection, encoding detection.

Every failure raises an :class:`~storytrace.errors.InputError` subclass with a stable code.
"""

from __future__ import annotations

import codecs
import gzip
import io
import zlib
from typing import Protocol

from ..errors import BinaryInputError, CorruptArchiveError, EmptyInputError, TooLargeError

__all__ = [
    "CappedInflater",
    "decode_bytes",
    "gunzip_capped",
    "inflate_capped",
    "looks_binary",
    "read_capped",
    "sniff_charset",
]

_CHUNK = 1 << 16

# Signatures of binary formats people save next to articles by mistake.
_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or an Office document)",
    b"\x7fELF": "an executable",
    b"BZh": "a bzip2 archive",
    b"\xfd7zXZ": "an xz archive",
    b"Rar!": "a RAR archive",
    b"7z\xbc\xaf": "a 7-Zip archive",
    b"\x00\x00\x00\x18ftyp": "an MP4 video",
    b"RIFF": "a RIFF (audio/video) file",
    b"SQLite format 3": "an SQLite database",
}

_TEXT_CONTROL = {9, 10, 12, 13, 27}

#: Single-byte Latin code pages that charset-normalizer often picks for Western text it cannot
#: tell apart (French "crème" in Windows-1252 comes out as "crčme" under cp1257).
_LATIN_RIVALS = {
    "cp1250", "cp1254", "cp1257", "cp775", "cp850", "cp852", "iso8859_2", "iso8859_4", "iso8859_9",
    "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_15", "iso8859_16", "latin_1", "mac_iceland",
    "mac_latin2", "mac_roman", "mac_turkish",
}  # fmt: skip
_CP1252_MARGIN = 0.1


class Readable(Protocol):
    def read(self, size: int = ..., /) -> bytes: ...


def read_capped(stream: Readable, *, max_bytes: int, what: str) -> bytes:
    """Read a whole stream, refusing it as soon as it grows past ``max_bytes``."""
    buffer = io.BytesIO()
    total = 0
    while True:
        chunk = stream.read(_CHUNK)
        if not chunk:
            break
        total += len(chunk)
        if total > max_bytes:
            raise TooLargeError(
                f"{what} is larger than the size cap of {max_bytes:,} bytes",
                hint="raise it with --max-size",
            )
        buffer.write(chunk)
    return buffer.getvalue()


def gunzip_capped(data: bytes, *, max_bytes: int, what: str) -> bytes:
    """Decompress gzip data while streaming, stopping at ``max_bytes`` (decompression bombs)."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            return read_capped(stream, max_bytes=max_bytes, what=f"{what} (decompressed)")
    except (EOFError, gzip.BadGzipFile, zlib.error, OSError) as exc:
        raise CorruptArchiveError(f"{what} is not a complete gzip stream: {exc}") from exc


class CappedInflater:
    """Incremental gzip / zlib / raw-deflate decoder that never produces more than ``max_bytes``.

    Output is produced in slices of at most 64 KiB per step (``max_length``), so a
    decompression bomb is stopped as soon as the total passes the cap, having held at most the
    cap plus one slice in memory. Concatenated gzip members are followed. ``encoding`` is
    ``gzip`` (also ``x-gzip``) or ``deflate`` (a zlib stream, or raw deflate as some servers send).
    """

    def __init__(self, encoding: str, *, max_bytes: int, what: str) -> None:
        self._gzip = encoding.lower() in {"gzip", "x-gzip"}
        self._max_bytes = max_bytes
        self._what = what
        self._total = 0
        self._started = False
        self._done = False
        # 32 + MAX_WBITS: zlib or gzip header, detected automatically.
        self._inflater = zlib.decompressobj(32 + zlib.MAX_WBITS)

    def _fresh(self, data: bytes) -> None:
        zlib_header = len(data) >= 2 and (data[0] & 0x0F) == 8 and (data[0] * 256 + data[1]) % 31 == 0
        if not self._gzip and not zlib_header and data[:2] != b"\x1f\x8b":
            self._inflater = zlib.decompressobj(-zlib.MAX_WBITS)  # raw deflate, no zlib header

    def feed(self, data: bytes) -> bytes:
        """Decode the next piece of the compressed stream; raises when the output passes the cap."""
        if self._done:
            return b""
        if not self._started and data:
            self._started = True
            self._fresh(data)
        out = bytearray()
        try:
            while True:
                chunk = self._inflater.decompress(data, _CHUNK)
                self._count(len(chunk))
                out += chunk
                data = self._inflater.unconsumed_tail
                if not self._inflater.eof:
                    if not data and len(chunk) < _CHUNK:
                        break  # all input consumed and no output pending
                    continue
                rest = self._inflater.unused_data
                if not (self._gzip and rest[:2] == b"\x1f\x8b"):
                    self._done = True  # trailing bytes after the stream are ignored, as browsers do
                    break
                self._inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
                data = rest
        except zlib.error as exc:
            raise CorruptArchiveError(f"{self._what}: compressed data could not be decoded ({exc})") from exc
        return bytes(out)

    def finish(self) -> bytes:
        """The rest of the output once all input was fed; raises if the stream was cut short."""
        if not self._started or self._done:
            return b""
        try:
            tail = self._inflater.flush()
        except zlib.error as exc:  # pragma: no cover - flush raises only on corrupt state
            raise CorruptArchiveError(f"{self._what}: compressed data could not be decoded ({exc})") from exc
        self._count(len(tail))
        if not self._inflater.eof:
            raise CorruptArchiveError(f"{self._what}: compressed data is cut short")
        return tail

    def _count(self, produced: int) -> None:
        self._total += produced
        if self._total > self._max_bytes:
            raise TooLargeError(
                f"{self._what} is larger than the size cap of {self._max_bytes:,} bytes once decompressed",
                hint="raise it with --max-size",
            )


def inflate_capped(
    data: bytes, *, encoding: str, max_bytes: int, what: str, allow_truncated: bool = False
) -> bytes:
    """Decode a whole gzip/deflate body while streaming, stopping at ``max_bytes``.

    ``allow_truncated`` keeps what a stream cut short decodes to (crawlers often store bodies
    cut at their own size limit) instead of refusing it.
    """
    inflater = CappedInflater(encoding, max_bytes=max_bytes, what=what)
    body = bytearray()
    for start in range(0, len(data), _CHUNK):
        body += inflater.feed(data[start : start + _CHUNK])
    try:
        body += inflater.finish()
    except CorruptArchiveError:
        if not allow_truncated or not body:
            raise
    return bytes(body)


def looks_binary(data: bytes) -> str | None:
    """Return a description when ``data`` is not text, else ``None``."""
    head = data[:64]
    for magic, description in _MAGIC.items():
        if head.startswith(magic):
            return description
    sample = data[:8192].replace(b"\x00", b"")
    if not sample:
        return None
    utf16 = _utf16_guess(data[:8192])
    if utf16:
        try:
            data[: 8192 - 2].decode(utf16)  # (an even cut: never inside a code unit)
            return None
        except UnicodeDecodeError:
            pass  # a BOM followed by bytes that are not UTF-16 (lone surrogates): judge the bytes
    control = sum(1 for byte in sample if byte < 32 and byte not in _TEXT_CONTROL)
    # Random bytes have ~10.5 % such bytes (27 of 256), real text in any 8-bit code page well
    # under 1 %: 5 % separates them even in a 2 KB sample (a 10 % threshold let some through).
    if control / len(sample) > 0.05:
        return "binary data"
    return None


def _utf16_guess(sample: bytes) -> str | None:
    if sample.startswith(codecs.BOM_UTF16_LE):
        return "utf-16"
    if sample.startswith(codecs.BOM_UTF16_BE):
        return "utf-16"
    if len(sample) >= 8:
        even_nul = sample[0::2].count(0) / max(1, len(sample[0::2]))
        odd_nul = sample[1::2].count(0) / max(1, len(sample[1::2]))
        if odd_nul > 0.6 and even_nul < 0.1:
            return "utf-16-le"
        if even_nul > 0.6 and odd_nul < 0.1:
            return "utf-16-be"
    return None


def sniff_charset(data: bytes) -> str | None:
    """A charset declared in an HTML/XML head (``<meta charset>``, ``encoding=``), if any."""
    import re

    match = re.search(
        rb"""(?:<meta[^>]+charset\s*=\s*["']?|encoding\s*=\s*["'])\s*([A-Za-z0-9_.:-]+)""",
        data[:4096],
        re.IGNORECASE,
    )
    if not match:
        return None
    name = match.group(1).decode("ascii", "replace").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_bytes(data: bytes, *, what: str, declared: str | None = None) -> str:
    """Decode document bytes to text.

    Order: BOM, UTF-16 without BOM, the declared charset (HTTP header or ``<meta>``; a latin-1,
    ASCII or windows-1252 label is read as browsers do: UTF-8 if it decodes, else windows-1252),
    strict UTF-8, charset-normalizer's best guess (windows-1252 preferred when rated about as
    well), and latin-1 as the last resort (it never fails).
    NUL bytes are dropped. Empty or binary input raises.
    """
    if not data.strip():
        raise EmptyInputError(f"{what} is empty")
    description = looks_binary(data)
    if description:
        raise BinaryInputError(f"{what} is {description}, not text")
    text = _decode(data, declared)
    text = text.replace("\x00", "")
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise EmptyInputError(f"{what} holds only NUL bytes or whitespace")
    return text


def _whatwg_windows_1252(name: str) -> bool:
    try:
        return codecs.lookup(name).name in {"iso8859-1", "ascii", "cp1252"}
    except LookupError:
        return False


def _decode(data: bytes, declared: str | None) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", "replace")
    utf16 = _utf16_guess(data[:8192])
    if utf16:
        try:
            return data.decode(utf16)
        except UnicodeDecodeError:
            return data.decode(utf16, "replace")
    for name in (declared, sniff_charset(data)):
        if name:
            # A page labelled latin-1 or ASCII is most often UTF-8 saved under an old label, else
            # Windows-1252 as browsers read it (WHATWG Encoding), so that its curly quotes and
            # dashes (0x80–0x9F) do not become C1 control characters or mojibake.
            for candidate in (("utf-8", "cp1252", name) if _whatwg_windows_1252(name) else (name,)):
                try:
                    return data.decode(candidate)
                except (UnicodeDecodeError, LookupError):
                    pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    matches = from_bytes(data[:200_000])
    best = matches.best()
    if best is not None and best.encoding:
        encoding = best.encoding
        if encoding in _LATIN_RIVALS:
            # Undeclared legacy Western text is Windows-1252 far more often than Baltic or Central
            # European code pages; prefer it when charset-normalizer rates it (almost) as well.
            for match in matches:
                if match.encoding == "cp1252" and match.chaos <= best.chaos + _CP1252_MARGIN:
                    encoding = "cp1252"
                    break
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            pass
    return data.decode("latin-1")
