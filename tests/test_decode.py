"""Bytes to text: encodings, BOMs, NUL bytes, binary detection, size caps and gzip streams."""

from __future__ import annotations

import codecs
import gzip
import io

import pytest

from storytrace.errors import BinaryInputError, CorruptArchiveError, EmptyInputError, TooLargeError
from storytrace.ingest.decode import decode_bytes, gunzip_capped, looks_binary, read_capped, sniff_charset

FRENCH = (
    "Le café de la gare a rouvert ses portes: crème brûlée, déjà vu, à la carte — «très» bien. "
    "Naïve façade, où l'on mange à côté."
)
ENGLISH_QUOTES = "The mayor said: \u201cWe won\u2019t stop.\u201d The council \u2014 which meets on Tuesday \u2014 agreed."
GERMAN = "Der Bürgermeister von Köln sagte am Dienstag, dass die Straßenbahn künftig öfter fährt."
RUSSIAN = "Москва — столица России, крупнейший по численности населения город страны и его экономический центр."
POLISH = "Zażółć gęślą jaźń. W Szczebrzeszynie chrząszcz brzmi w trzcinie i Szczebrzeszyn z tego słynie."


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (FRENCH.encode("utf-8"), FRENCH),
        (codecs.BOM_UTF8 + FRENCH.encode("utf-8"), FRENCH),
        (codecs.BOM_UTF16_LE + FRENCH.encode("utf-16-le"), FRENCH),
        (codecs.BOM_UTF16_BE + FRENCH.encode("utf-16-be"), FRENCH),
        (ENGLISH_QUOTES.encode("utf-16-le"), ENGLISH_QUOTES),
        (ENGLISH_QUOTES.encode("utf-16-be"), ENGLISH_QUOTES),
        (FRENCH.encode("cp1252"), FRENCH),
        (GERMAN.encode("latin-1"), GERMAN),
        (RUSSIAN.encode("cp1251"), RUSSIAN),
        (POLISH.encode("cp1250"), POLISH),
    ],
    ids=[
        "utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le-no-bom", "utf16be-no-bom",
        "cp1252-undeclared", "latin1-undeclared", "cp1251-undeclared", "cp1250-undeclared",
    ],
)  # fmt: skip
def test_decode_detects_encoding(data: bytes, expected: str) -> None:
    assert decode_bytes(data, what="doc") == expected


@pytest.mark.parametrize(
    ("declared", "data", "expected"),
    [
        ("windows-1251", RUSSIAN.encode("cp1251"), RUSSIAN),
        ("cp1252", ENGLISH_QUOTES.encode("cp1252"), ENGLISH_QUOTES),
        # Labelled latin-1 but written with Windows-1252 quotes: browsers read it as Windows-1252.
        ("ISO-8859-1", ENGLISH_QUOTES.encode("cp1252"), ENGLISH_QUOTES),
        # UTF-8 saved under an old latin-1 or ASCII label is read as UTF-8, not as mojibake.
        ("ascii", FRENCH.encode("utf-8"), FRENCH),
        ("latin-1", FRENCH.encode("utf-8"), FRENCH),
        ("no-such-charset", FRENCH.encode("utf-8"), FRENCH),
    ],
    ids=[
        "declared-cp1251", "declared-cp1252", "latin1-label-is-cp1252", "utf8-labelled-ascii",
        "utf8-labelled-latin1", "unknown-label",
    ],
)
def test_decode_uses_declared_charset(declared: str, data: bytes, expected: str) -> None:
    assert decode_bytes(data, what="doc", declared=declared) == expected


def test_decode_reads_meta_charset() -> None:
    page = '<html><head><meta charset="windows-1251"></head><body><p>' + RUSSIAN + "</p></body></html>"
    assert decode_bytes(page.encode("cp1251"), what="page") == page


def test_decode_utf8_page_with_a_stale_windows_1252_meta() -> None:
    page = '<html><head><meta charset="windows-1252"></head><body><p>' + FRENCH + "</p></body></html>"
    assert decode_bytes(page.encode("utf-8"), what="page") == page


def test_decode_falls_back_to_latin1_when_detection_gives_up(monkeypatch: pytest.MonkeyPatch) -> None:
    class NoGuess:
        def __iter__(self):
            return iter(())

        def best(self) -> None:
            return None

    monkeypatch.setattr("charset_normalizer.from_bytes", lambda data: NoGuess())
    data = "Ålesund: smørbrød og kaffe, så klart. Ærlig talt!".encode("latin-1")
    assert decode_bytes(data, what="doc") == data.decode("latin-1")


def test_decode_never_returns_replacement_characters_for_legacy_bytes() -> None:
    data = bytes(range(0xA0, 0x100)) + b" plain ascii words to make it look like text " * 3
    text = decode_bytes(data, what="doc")
    assert "\ufffd" not in text
    assert text.endswith("make it look like text ")


def test_decode_drops_nul_bytes() -> None:
    data = b"First line\x00 of text\x00\n\x00Second line."
    assert decode_bytes(data, what="doc") == "First line of text\nSecond line."


@pytest.mark.parametrize(
    "data",
    [b"", b"   \n\t\r\n  ", b"\x00" * 64, b"\x00 \x00\n\x00"],
    ids=["empty", "whitespace", "only-nul", "nul-and-whitespace"],
)
def test_decode_refuses_empty_input(data: bytes) -> None:
    with pytest.raises(EmptyInputError) as caught:
        decode_bytes(data, what="notes.txt")
    assert caught.value.code == "E102"
    assert caught.value.reason == "empty_input"
    assert "notes.txt" in caught.value.message


@pytest.mark.parametrize(
    ("data", "description"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "PNG"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(200), "JPEG"),
        (b"PK\x03\x04\x14\x00\x06\x00" + bytes(200), "ZIP"),
        (b"SQLite format 3\x00" + bytes(200), "SQLite"),
        (bytes(range(32)) * 40, "binary data"),
    ],
    ids=["pdf", "png", "jpeg", "zip", "sqlite", "control-bytes"],
)
def test_decode_refuses_binary(data: bytes, description: str) -> None:
    assert looks_binary(data) is not None
    with pytest.raises(BinaryInputError) as caught:
        decode_bytes(data, what="scan.html")
    assert caught.value.code == "E103"
    assert description in caught.value.message


@pytest.mark.parametrize(
    "data",
    [
        b"Tabs\tand\tform\x0cfeeds are fine in text.\r\n" * 20,
        ENGLISH_QUOTES.encode("utf-16-le"),
        b"Plain text with one stray \x1b escape and many ordinary words around it.",
    ],
    ids=["tabs-formfeeds", "utf16", "one-escape"],
)
def test_text_is_not_binary(data: bytes) -> None:
    assert looks_binary(data) is None


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b'<html><head><meta charset="ISO-8859-1">', "iso8859-1"),
        (b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">', "cp1251"),
        (b'<?xml version="1.0" encoding="koi8-r"?><rss>', "koi8-r"),
        (b"<meta charset=utf-8>", "utf-8"),
        (b'<meta charset="klingon-1">', None),
        (b"<html><body>no declaration</body></html>", None),
    ],
    ids=["meta-charset", "http-equiv", "xml-declaration", "unquoted", "unknown-name", "none"],
)
def test_sniff_charset(head: bytes, expected: str | None) -> None:
    assert sniff_charset(head) == expected


def test_read_capped_under_and_at_the_cap() -> None:
    data = b"x" * 1000
    assert read_capped(io.BytesIO(data), max_bytes=1000, what="f") == data


def test_read_capped_refuses_over_the_cap() -> None:
    with pytest.raises(TooLargeError) as caught:
        read_capped(io.BytesIO(b"x" * 1001), max_bytes=1000, what="big.txt")
    assert caught.value.code == "E104"
    assert "big.txt" in caught.value.message
    assert caught.value.hint is not None and "--max-size" in caught.value.hint


def test_gunzip_capped_round_trip() -> None:
    data = FRENCH.encode() * 100
    assert gunzip_capped(gzip.compress(data), max_bytes=len(data), what="f.gz") == data


def test_gunzip_capped_stops_a_decompression_bomb() -> None:
    bomb = gzip.compress(b"\x00" * (8 * 1024 * 1024))
    assert len(bomb) < 20_000
    with pytest.raises(TooLargeError) as caught:
        gunzip_capped(bomb, max_bytes=1024 * 1024, what="bomb.html.gz")
    assert "decompressed" in caught.value.message


@pytest.mark.parametrize(
    "data",
    [gzip.compress(FRENCH.encode() * 50)[:-12], gzip.compress(FRENCH.encode() * 50)[:40], b"\x1f\x8b\x08not gzip at all"],
    ids=["cut-trailer", "cut-early", "bad-header"],
)
def test_gunzip_capped_refuses_truncated_or_corrupt_streams(data: bytes) -> None:
    with pytest.raises(CorruptArchiveError) as caught:
        gunzip_capped(data, max_bytes=10**6, what="page.html.gz")
    assert caught.value.code == "E105"
    assert caught.value.reason == "corrupt_archive"
