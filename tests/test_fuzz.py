"""Property tests (hypothesis) for every reader and the normalizer, and the fuzz run of
``benchmarks/fuzz.py`` at a small count (the 10,000-input run is a command: see docs/hardening.md).

The property: whatever bytes or text come in, a reader either yields items or raises an error of
the :class:`~storytrace.errors.StorytraceError` tree — never anything else — and every article
the normalizer makes has paragraph spans that cut its clean text exactly.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import random
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FERRY, LIBRARY, ORCHARD, RESERVOIR, article_html, article_markdown, article_text
from storytrace.errors import StorytraceError
from storytrace.ingest.decode import decode_bytes, gunzip_capped, inflate_capped
from storytrace.ingest.feeds import html_fragment_to_text, read_feed
from storytrace.ingest.html import extract_html
from storytrace.ingest.records import Skipped, UrlRef
from storytrace.ingest.sources import read_bytes_as
from storytrace.ingest.tables import read_csv, read_json, read_jsonl
from storytrace.ingest.text import read_text
from storytrace.ingest.warc import read_warc
from storytrace.models import RawDocument, Rejection
from storytrace.normalize import count_words, normalize
from storytrace.settings import IngestOptions, TableFields

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import fuzz

PROPERTY = settings(
    max_examples=120, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow],
)  # fmt: skip
OPTIONS = IngestOptions(max_bytes=1024 * 1024)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")

SEEDS: list[bytes] = [
    article_html(RESERVOIR).encode(), article_text(FERRY).encode(), article_markdown(ORCHARD).encode(),
    fuzz._rss([fuzz._story(random.Random(1))]).encode(),
    fuzz._warc([fuzz._story(random.Random(2))], random.Random(3), gz=False),
    fuzz._csv([fuzz._story(random.Random(4))], ",").encode(),
    json.dumps({"articles": [{"title": LIBRARY.title, "text": "\n\n".join(LIBRARY.paragraphs)}]}).encode(),
]  # fmt: skip


def only_storytrace_errors(read: Callable[[], Iterable[Any]]) -> list[Any]:
    """Run a reader to the end; an error from outside the StorytraceError tree fails the test."""
    try:
        return list(read())
    except StorytraceError:
        return []


def check_article_invariants(document: RawDocument) -> None:
    article = normalize(document)
    pieces = []
    position = 0
    for start, end in article.paragraphs:
        assert position <= start < end <= len(article.text)
        pieces.append(article.text[start:end])
        position = end
    assert "\n\n".join(pieces) == article.text
    assert all(piece == piece.strip() and piece for piece in pieces)
    assert not CONTROL.search(article.text)
    assert article.words == count_words(article.text)
    assert all(removed.text for removed in article.removed)


# ------------------------------------------------------------------------------------------------
# strategies

MARKUP = st.sampled_from(
    ["<p>", "</p>", "<div>", "</div>", "<br>", "<h1>", "</h1>", "<script>", "</script>", "<!--", "-->",
     "<article>", "</article>", "&amp;", "&#0;", "&#x110000;", "<a href='x'>", "</a>", "<table><tr><td>",
     "<meta charset='utf-16'>", "<?xml version='1.0'?>", "<![CDATA[", "]]>", "<", ">", "\"", "\x00", "\r"]
)  # fmt: skip
WORDS = st.sampled_from([*fuzz._WORDS, "By Imogen Vale", "©", "Copyright 2024", "Share", "Read more", "\u200b"])
MD = st.sampled_from(["# ", "## ", "*", "**", "_", "[", "](", ")", "![", "<http://", ">", "`", "---", "> ", "- ",
                      "\\", "  \n", "\n", "\n\n", "==="])  # fmt: skip

html_text = st.lists(st.one_of(MARKUP, WORDS, st.text(max_size=20)), max_size=80).map(" ".join)
markdown_text = st.lists(st.one_of(MD, WORDS, st.text(max_size=12)), max_size=120).map("".join)
prose = st.lists(st.one_of(WORDS, st.sampled_from(["\n", "\n\n", ". ", ", ", "\t", "\u00a0"]), st.text(max_size=10)),
                 max_size=150).map(" ".join)  # fmt: skip


@st.composite
def mutated_seed(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(0, 6))):
        action = draw(st.integers(0, 3))
        position = draw(st.integers(0, len(data)))
        if action == 0 and data:
            data[min(position, len(data) - 1)] = draw(st.integers(0, 255))
        elif action == 1:
            data[position:position] = draw(st.binary(max_size=40))
        elif action == 2:
            del data[position : position + draw(st.integers(1, 500))]
        else:
            data = data[:position]
    return bytes(data)


any_bytes = st.one_of(st.binary(max_size=2000), mutated_seed())


# ------------------------------------------------------------------------------------------------
# readers


@PROPERTY
@given(data=any_bytes)
def test_decode_bytes_gives_text_or_an_input_error(data: bytes) -> None:
    try:
        text = decode_bytes(data, what="x")
    except StorytraceError:
        return
    assert isinstance(text, str) and "\x00" not in text and text.strip()


@PROPERTY
@given(data=any_bytes, wrap=st.booleans(), cut=st.integers(0, 4000))
def test_gzip_decoding_only_raises_input_errors(data: bytes, wrap: bool, cut: int) -> None:
    packed = gzip.compress(data)[:cut] if wrap else data
    for decode in (
        lambda: gunzip_capped(packed, max_bytes=10_000, what="x"),
        lambda: inflate_capped(packed, encoding="gzip", max_bytes=10_000, what="x"),
        lambda: inflate_capped(packed, encoding="deflate", max_bytes=10_000, what="x", allow_truncated=True),
    ):
        try:
            out = decode()
        except StorytraceError:
            continue
        assert len(out) <= 10_000


SUFFIXES = ["page.html", "notes.txt", "notes.md", "feed.rss", "crawl.warc", "crawl.warc.gz", "rows.csv", "rows.tsv",
            "rows.jsonl", "rows.json", "page.html.gz", "blob"]  # fmt: skip


@PROPERTY
@given(data=any_bytes, name=st.sampled_from(SUFFIXES), gz=st.booleans())
def test_every_format_reads_or_refuses_cleanly(data: bytes, name: str, gz: bool) -> None:
    if gz and name.endswith(".gz"):
        data = gzip.compress(data)
    items = only_storytrace_errors(lambda: read_bytes_as(data, name=name, source=name, options=OPTIONS))
    for item in items:
        assert isinstance(item, RawDocument | Rejection | UrlRef | Skipped)
        if isinstance(item, Rejection):
            assert re.fullmatch(r"E\d{3}", item.code) and item.reason and item.code != "E000"
        if isinstance(item, RawDocument):
            assert isinstance(item.raw, str)


@PROPERTY
@given(data=st.one_of(st.binary(max_size=3000), mutated_seed()))
def test_warc_reader(data: bytes) -> None:
    only_storytrace_errors(lambda: read_warc(io.BytesIO(data), source="x.warc", max_bytes=100_000))
    only_storytrace_errors(lambda: read_warc(io.BytesIO(gzip.compress(data)), source="x.warc.gz", max_bytes=100_000))


@PROPERTY
@given(data=st.one_of(st.binary(max_size=3000), mutated_seed(), html_text.map(str.encode)))
def test_feed_reader(data: bytes) -> None:
    feed = b'<?xml version="1.0"?><rss version="2.0"><channel><item><description>' + data
    only_storytrace_errors(lambda: read_feed(data, source="x.rss"))
    only_storytrace_errors(lambda: read_feed(feed, source="x.rss"))


@PROPERTY
@given(text=st.one_of(st.text(max_size=2000), prose, html_text))
def test_table_readers(text: str) -> None:
    fields = TableFields()
    only_storytrace_errors(lambda: read_csv(text, source="x.csv", fields=fields))
    only_storytrace_errors(lambda: read_csv(text, source="x.tsv", fields=fields, delimiter="\t"))
    only_storytrace_errors(lambda: read_jsonl(text, source="x.jsonl", fields=fields))
    only_storytrace_errors(lambda: read_json(text, source="x.json", fields=fields))
    row = json.dumps({"title": text[:50], "text": text, "date": text[:13]})
    only_storytrace_errors(lambda: read_jsonl(row + "\n" + row, source="x.jsonl", fields=fields))


@PROPERTY
@given(text=st.one_of(st.text(max_size=2000), prose, markdown_text))
def test_text_reader(text: str) -> None:
    for item in read_text(text, source="x.txt", markdown=False):
        assert isinstance(item, RawDocument | UrlRef)


@PROPERTY
@given(page=html_text)
def test_html_extraction_only_raises_input_errors(page: str) -> None:
    for raw in (page, f"<html><body><article>{page}</article></body></html>", article_html(FERRY).replace("<p>", page, 2)):
        document = RawDocument(source="x.html", source_kind="html", raw=raw, raw_format="html")
        try:
            extracted = extract_html(document)
        except StorytraceError:
            continue
        assert extracted.extracted_text
        check_article_invariants(extracted)


@PROPERTY
@given(fragment=html_text)
def test_html_fragments_become_text(fragment: str) -> None:
    assert isinstance(html_fragment_to_text(fragment), str)


# ------------------------------------------------------------------------------------------------
# the normalizer


@PROPERTY
@given(text=st.one_of(st.text(max_size=3000), prose, markdown_text), fmt=st.sampled_from(["text", "markdown"]))
def test_normalizer_spans_stay_valid(text: str, fmt: str) -> None:
    check_article_invariants(RawDocument(source="x", source_kind=fmt, raw=text, raw_format=fmt))  # type: ignore[arg-type]


@PROPERTY
@given(prefix=prose, suffix=markdown_text, story=st.sampled_from([RESERVOIR, LIBRARY, FERRY, ORCHARD]))
def test_normalizer_on_real_articles_with_noise(prefix: str, suffix: str, story: Any) -> None:
    raw = prefix + "\n\n" + article_text(story) + "\n\n" + suffix
    check_article_invariants(RawDocument(source="x", source_kind="text", raw=raw, raw_format="text"))
    check_article_invariants(RawDocument(source="x", source_kind="markdown", raw=raw, raw_format="markdown"))


# ------------------------------------------------------------------------------------------------
# the fuzz run


def test_fuzz_run_small() -> None:
    report = fuzz.run_fuzz(300, seed=3, time_limit=5.0)
    assert report.inputs == 300
    assert report.ok, report.failures[:10]
    assert report.articles > 0 and len(report.rejections_by_code) >= 5


@pytest.mark.slow
def test_fuzz_run_larger() -> None:
    # The long fuzz run. make test: 2,000 inputs (about a minute); the full run is the same test with
    # STORYTRACE_FUZZ_COUNT=10000 (or `.venv/bin/python benchmarks/fuzz.py --count 10000`, docs/hardening.md).
    count = int(os.environ.get("STORYTRACE_FUZZ_COUNT", "2000"))
    report = fuzz.run_fuzz(count, seed=19, time_limit=5.0)
    assert report.inputs == count
    assert report.ok, report.failures[:10]
