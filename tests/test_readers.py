"""Readers: HTML, text/markdown, URL lists, WARC, feeds, CSV/TSV/JSONL/JSON, format detection."""

from __future__ import annotations

import gzip
import io
import json
import os
from pathlib import Path
from typing import Any

import pytest

from conftest import (
    FERRY,
    LIBRARY,
    ORCHARD,
    RESERVOIR,
    Story,
    article_html,
    article_markdown,
    article_text,
    atom_feed,
    full_item,
    http_block,
    request_record,
    rss_feed,
    run_ingest,
    stored,
    stored_rejections,
    warc_file,
    warc_record,
    warcinfo_record,
    write,
)
from storytrace.errors import (
    BadFeedError,
    CorruptArchiveError,
    MissingPathError,
    NoArticleError,
    TooLargeError,
    UnreadableInputError,
    UnsupportedFormatError,
)
from storytrace.ingest.html import extract_html
from storytrace.ingest.limits import deadline
from storytrace.ingest.records import Skipped, UrlRef
from storytrace.ingest.sources import Source, detect_format, discover, read_source, sniff
from storytrace.ingest.warc import read_warc
from storytrace.models import RawDocument, Rejection
from storytrace.normalize import normalize
from storytrace.settings import IngestOptions, TableFields


def items_of(path: Path, **options: Any) -> list[object]:
    return list(read_source(Source(str(path), "file", path), IngestOptions(**options)))


def only_document(path: Path) -> RawDocument:
    items = items_of(path)
    assert len(items) == 1
    assert isinstance(items[0], RawDocument)
    return items[0]


def body_of(story: Story) -> str:
    return "\n\n".join(story.paragraphs)


# ------------------------------------------------------------------------------------------------
# format detection


@pytest.mark.parametrize(
    ("name", "head", "expected"),
    [
        ("story.html", b"<!doctype html>", ("html", False)),
        ("story.HTM", b"<html>", ("html", False)),
        ("story.html.gz", b"\x1f\x8b\x08\x00", ("html", True)),
        ("notes.txt", b"Some", ("text", False)),
        ("notes.md", b"# Ti", ("markdown", False)),
        ("crawl.warc", b"WARC", ("warc", False)),
        ("crawl.warc.gz", b"\x1f\x8b\x08\x00", ("warc", True)),
        ("feed.rss", b"<?xm", ("feed", False)),
        ("feed.atom", b"<?xm", ("feed", False)),
        ("export.jsonl", b'{"te', ("jsonl", False)),
        ("export.json", b"[{", ("json", False)),
        ("export.csv", b"text", ("csv", False)),
        ("export.tsv", b"text", ("tsv", False)),
        ("links.urls", b"http", ("text", False)),
        ("README", b"Read", (None, False)),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_detect_format_by_name(name: str, head: bytes, expected: tuple[str | None, bool]) -> None:
    assert detect_format(name, head) == expected


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", "warc"),
        (b'<?xml version="1.0"?>\n<rss version="2.0"><channel>', "feed"),
        (b'<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
        (b"<!DOCTYPE html><html><head>", "html"),
        (b"  \n<html lang='en'>", "html"),
        (b'{"text": "a"}\n{"text": "b"}\n', "jsonl"),
        (b'[{"text": "a"}]', "json"),
        (b"Just some words.\n", "text"),
    ],
    ids=["warc", "rss", "atom", "doctype", "html-tag", "jsonl", "json", "text"],
)
def test_sniff_unknown_names(data: bytes, expected: str) -> None:
    assert sniff(data) == expected


def test_discover_walks_folders_sorted_and_skips_hidden(tmp_path: Path) -> None:
    write(tmp_path / "b" / "two.txt", "x")
    write(tmp_path / "a" / "one.txt", "x")
    write(tmp_path / "a" / "deeper" / "three.html", "x")
    write(tmp_path / ".hidden" / "secret.txt", "x")
    write(tmp_path / "a" / ".DS_Store", "x")
    specs = [Path(s.spec).relative_to(tmp_path).as_posix() for s in discover([str(tmp_path)])]
    assert specs == ["a/one.txt", "a/deeper/three.html", "b/two.txt"]


def test_discover_kinds(tmp_path: Path) -> None:
    present = write(tmp_path / "here.txt", "x")
    kinds = [(s.spec, s.kind) for s in discover(["-", "https://example.org/a", str(present), str(tmp_path / "nope")])]
    assert kinds == [
        ("-", "stdin"),
        ("https://example.org/a", "url"),
        (str(present), "file"),
        (str(tmp_path / "nope"), "missing"),
    ]


def test_an_empty_path_is_refused_not_read_as_the_current_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(write(tmp_path / "here" / "story.txt", article_text(RESERVOIR)).parent)
    (source,) = discover([""])  # Path("") is "." : the old code walked the current folder
    assert source.kind == "missing"
    with pytest.raises(MissingPathError, match="empty path"):
        list(read_source(source, IngestOptions()))


def test_a_fifo_inside_a_folder_is_refused_without_being_opened(tmp_path: Path) -> None:
    write(tmp_path / "good.txt", article_text(RESERVOIR))
    os.mkfifo(tmp_path / "pipe")
    sources = list(discover([str(tmp_path)]))
    assert [Path(s.spec).name for s in sources] == ["good.txt", "pipe"]
    # Opening a FIFO nobody writes to blocks: the deadline turns a hang into a failure.
    with deadline(5), pytest.raises(UnreadableInputError, match=r"not a regular file \(a named pipe\)"):
        list(read_source(sources[1], IngestOptions()))


def test_a_pipe_named_on_its_own_is_read_as_a_stream() -> None:
    read_end, write_end = os.pipe()
    os.write(write_end, article_text(RESERVOIR).encode())
    os.close(write_end)
    try:
        (source,) = discover([f"/dev/fd/{read_end}"])  # what the shell passes for <(cat story.txt)
        assert source.kind == "stream"
        (document,) = read_source(source, IngestOptions())
    finally:
        os.close(read_end)
    assert isinstance(document, RawDocument)
    assert normalize(document).text == body_of(RESERVOIR)


@pytest.mark.skipif(not Path("/dev/urandom").exists(), reason="no /dev/urandom")
def test_an_endless_device_named_on_its_own_stops_at_the_size_cap() -> None:
    (source,) = discover(["/dev/urandom"])
    with deadline(10), pytest.raises(TooLargeError, match="size cap of 100,000 bytes"):
        list(read_source(source, IngestOptions(max_bytes=100_000)))


# ------------------------------------------------------------------------------------------------
# HTML


def test_html_page_is_extracted_without_boilerplate(tmp_path: Path) -> None:
    path = write(tmp_path / "reservoir.html", article_html(RESERVOIR))
    document = only_document(path)
    assert document.raw_format == "html"
    assert document.source_kind == "html"
    assert document.source == str(path)
    article = normalize(extract_html(document))
    assert article.text == body_of(RESERVOIR)
    for furniture in ("Subscribe", "Related stories", "Council tax", "Graniteweasel", "All rights reserved",
                      "Share on Facebook", "Privacy policy", "dataLayer"):  # fmt: skip
        assert furniture not in article.text
    assert article.title == RESERVOIR.title
    assert article.byline == RESERVOIR.author
    assert article.outlet == RESERVOIR.outlet
    assert article.published == RESERVOIR.date
    assert article.published_time == RESERVOIR.published
    assert article.url == RESERVOIR.url
    assert len(article.paragraphs) == len(RESERVOIR.paragraphs)
    start, end = article.paragraphs[2]
    assert article.text[start:end] == RESERVOIR.paragraphs[2]


@pytest.mark.parametrize("name", ["library.htm", "library.html.gz", "library.xhtml", "library-no-suffix"])
def test_html_variants_give_the_same_article(tmp_path: Path, name: str) -> None:
    page = article_html(LIBRARY).encode()
    path = write(tmp_path / name, gzip.compress(page) if name.endswith(".gz") else page)
    document = only_document(path)
    assert document.raw == page.decode()
    assert normalize(extract_html(document)).text == body_of(LIBRARY)


def test_html_metadata_from_meta_tags_without_jsonld(tmp_path: Path) -> None:
    path = write(tmp_path / "ferry.html", article_html(FERRY, jsonld=False, canonical=False))
    article = normalize(extract_html(only_document(path)))
    assert article.title == FERRY.title
    assert article.byline == FERRY.author
    assert article.outlet == FERRY.outlet
    assert article.published == FERRY.date
    assert article.url is None
    assert article.text == body_of(FERRY)


def test_html_in_windows_1252_declared_in_meta(tmp_path: Path) -> None:
    page = article_html(ORCHARD, charset="windows-1252").replace("Pellow Pippin", "Pellow Pippin \u2014 the \u201cbest\u201d")
    path = write(tmp_path / "orchard.html", page.encode("cp1252"))
    article = normalize(extract_html(only_document(path)))
    assert "Pellow Pippin \u2014 the \u201cbest\u201d" in article.text


@pytest.mark.parametrize(
    "page",
    [
        "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></body></html>",
        "<html><head><title>Empty</title></head><body></body></html>",
        "<html><body><script>var x = 1;</script><footer>Privacy</footer></body></html>",
    ],
    ids=["nav-only", "empty-body", "script-and-footer"],
)
def test_html_without_an_article_is_refused(tmp_path: Path, page: str) -> None:
    path = write(tmp_path / "index.html", page)
    summary = run_ingest([path], tmp_path / "pile.db")
    assert summary.stored == 0
    (rejection,) = summary.failures
    assert (rejection.code, rejection.reason, rejection.source) == ("E106", "no_article", str(path))


def test_text_file_that_is_html_is_read_as_html(tmp_path: Path) -> None:
    path = write(tmp_path / "saved-page.txt", article_html(RESERVOIR))
    document = only_document(path)
    assert document.raw_format == "html"
    assert normalize(extract_html(document)).title == RESERVOIR.title


@pytest.mark.parametrize(("headings", "title"), [
    (["Millbrook residents count the cost"], "Millbrook residents count the cost"),
    (["What the residents saw", "What the council said"], None),  # sections, not a headline
], ids=["one h2", "two h2"])
def test_a_page_without_head_or_h1_takes_its_only_h2_as_title(tmp_path: Path, headings: list[str],
                                                             title: str | None) -> None:
    """A page saved without its <head> (a reader-mode copy, a fragment) whose headline is an <h2>: the
    headline was lost, and the article named by its first sentence."""
    body = "".join(f"<h2>{h}</h2><p>{p}</p>" for h, p in zip(headings, RESERVOIR.paragraphs, strict=False))
    path = write(tmp_path / "saved.html", f"<html><body><div>{body}"
                 + "".join(f"<p>{p}</p>" for p in RESERVOIR.paragraphs[len(headings):]) + "</div></body></html>")
    article = normalize(extract_html(only_document(path)))
    assert article.title == title
    assert article.text.startswith(RESERVOIR.paragraphs[0])


# ------------------------------------------------------------------------------------------------
# text and markdown


def test_plain_text_article(tmp_path: Path) -> None:
    path = write(tmp_path / "ferry.txt", article_text(FERRY))
    document = only_document(path)
    assert (document.raw_format, document.source_kind) == ("text", "text")
    article = normalize(document)
    assert article.title == FERRY.title
    assert article.byline == FERRY.author
    assert article.outlet == FERRY.outlet
    assert article.published == FERRY.date
    assert article.text == body_of(FERRY)


def test_plain_text_with_crlf_and_hard_wrapping(tmp_path: Path) -> None:
    import textwrap

    wrapped = "\n\n".join(textwrap.fill(p, width=72, break_on_hyphens=False) for p in LIBRARY.paragraphs)
    path = write(tmp_path / "library.txt", (LIBRARY.title + "\n\n" + wrapped + "\n").replace("\n", "\r\n").encode())
    article = normalize(only_document(path))
    assert article.title == LIBRARY.title
    assert article.text == body_of(LIBRARY)


def test_markdown_article(tmp_path: Path) -> None:
    path = write(tmp_path / "orchard.md", article_markdown(ORCHARD))
    document = only_document(path)
    assert (document.raw_format, document.source_kind) == ("markdown", "markdown")
    article = normalize(document)
    assert article.title == ORCHARD.title
    assert article.byline == ORCHARD.author
    assert article.text == body_of(ORCHARD)
    assert "](" not in article.text and "*" not in article.text


FRONT_MATTER = (
    "---\n"
    'title: "Orchard: the harvest"\n'
    "date: 2016-10-17\n"
    "author: Jane Roe\n"
    "source: Example Gazette\n"
    "url: https://gazette.example/orchard\n"
    "tags:\n"
    "  - farming\n"
    "  - weather\n"
    "---\n"
)


def test_markdown_front_matter_gives_metadata_and_leaves_the_text(tmp_path: Path) -> None:
    text = FRONT_MATTER + "\n" + "\n\n".join(ORCHARD.paragraphs) + "\n"
    document = only_document(write(tmp_path / "orchard.md", text))
    assert (document.title_hint, document.date_hint, document.byline_hint, document.outlet_hint, document.url) == (
        "Orchard: the harvest", "2016-10-17", "Jane Roe", "Example Gazette", "https://gazette.example/orchard"
    )
    assert document.raw == text
    article = normalize(document)
    assert (article.title, article.published, article.byline, article.outlet, article.url) == (
        "Orchard: the harvest", "2016-10-17", "Jane Roe", "Example Gazette", "https://gazette.example/orchard"
    )
    assert article.text == body_of(ORCHARD)
    assert article.removed[0].why == "front matter" and "farming" in article.removed[0].text


def test_front_matter_source_that_is_a_url_is_the_url_not_the_outlet(tmp_path: Path) -> None:
    text = "---\nsource: https://gazette.example/orchard\nauthors: [Jane Roe, 'John Doe']\n---\n\n" + body_of(ORCHARD)
    document = only_document(write(tmp_path / "orchard.txt", text))
    assert (document.outlet_hint, document.url, document.byline_hint) == (
        None, "https://gazette.example/orchard", "Jane Roe, John Doe"
    )


@pytest.mark.parametrize("name", ["links.txt", "links.urls", "links.md"])
def test_url_list_files_become_urls(tmp_path: Path, name: str) -> None:
    urls = ["https://dalecourier.example/news/a", "http://westmoorgazette.example/b?x=1", "https://c.example/"]
    path = write(tmp_path / name, "\n".join(urls) + "\n\n")
    items = items_of(path)
    assert [type(i) for i in items] == [UrlRef, UrlRef, UrlRef]
    assert [i.url for i in items if isinstance(i, UrlRef)] == urls
    assert all(isinstance(i, UrlRef) and i.source == str(path) and not i.from_feed for i in items)


def test_text_mentioning_urls_is_not_a_url_list(tmp_path: Path) -> None:
    path = write(tmp_path / "notes.txt", article_text(FERRY) + "\nhttps://northernislespost.example/ferry\n")
    assert isinstance(only_document(path), RawDocument)


# ------------------------------------------------------------------------------------------------
# WARC


def crawl_records() -> list[bytes]:
    return [
        warcinfo_record(),
        request_record(RESERVOIR.url),
        warc_record(http_block(article_html(RESERVOIR).encode()), uri=RESERVOIR.url, record_id="<urn:uuid:r1>"),
        warc_record(
            http_block(b"\x89PNG\r\n\x1a\n" + bytes(300), content_type="image/png"),
            uri="https://dalecourier.example/logo.png",
        ),
        warc_record(http_block(b"<html><body>Not found</body></html>", status="404 Not Found"), uri="https://x.example/404"),
        warc_record(
            http_block(b"", status="301 Moved Permanently", headers=["Location: https://x.example/new"]),
            uri="https://x.example/old",
        ),
        warc_record(
            http_block(article_html(LIBRARY).encode(), encoding="gzip"),
            uri=LIBRARY.url,
            date="2024-02-02T08:00:00Z",
            record_id="<urn:uuid:r2>",
        ),
        warc_record(
            http_block(article_html(FERRY).encode("utf-8"), chunked=True), uri=FERRY.url, record_id="<urn:uuid:r3>"
        ),
        warc_record(
            article_html(ORCHARD).encode(),
            uri=ORCHARD.url,
            warc_type="resource",
            content_type="text/html",
            record_id="<urn:uuid:r4>",
        ),
    ]


@pytest.mark.parametrize("gz", [False, True], ids=["warc", "warc.gz"])
def test_warc_reader_yields_html_responses_with_uri_and_date(tmp_path: Path, gz: bool) -> None:
    path = write(tmp_path / ("crawl.warc.gz" if gz else "crawl.warc"), warc_file(crawl_records(), gz=gz))
    items = items_of(path)
    documents = [i for i in items if isinstance(i, RawDocument)]
    skipped = [i for i in items if isinstance(i, Skipped)]
    assert [d.url for d in documents] == [RESERVOIR.url, LIBRARY.url, FERRY.url, ORCHARD.url]
    assert [d.locator for d in documents] == ["<urn:uuid:r1>", "<urn:uuid:r2>", "<urn:uuid:r3>", "<urn:uuid:r4>"]
    assert [d.fetched_at for d in documents] == [
        "2024-02-01T10:20:30Z", "2024-02-02T08:00:00Z", "2024-02-01T10:20:30Z", "2024-02-01T10:20:30Z",
    ]  # fmt: skip
    assert all(d.source_kind == "warc" and d.raw_format == "html" and d.source == str(path) for d in documents)
    assert sorted(s.why for s in skipped) == ["HTTP status 301", "HTTP status 404", "content type image/png"]
    assert not [i for i in items if isinstance(i, Rejection)]
    # gzip and chunked bodies are decoded
    assert "Ashcombe library opened its doors" in documents[1].raw
    assert "Skarra" in documents[2].raw and "\r\n0\r\n" not in documents[2].raw


def test_warc_ingest_keeps_target_uri_and_crawl_date(tmp_path: Path) -> None:
    path = write(tmp_path / "crawl.warc.gz", warc_file(crawl_records(), gz=True))
    summary = run_ingest([path], tmp_path / "pile.db")
    assert len(summary.new) == 4
    assert summary.skipped_records == 3
    assert summary.failures == ()
    articles = {a.url: a for a in stored(tmp_path / "pile.db")}
    reservoir = articles[RESERVOIR.url]
    assert reservoir.fetched_at == "2024-02-01T10:20:30Z"
    assert reservoir.published == RESERVOIR.date  # from the page, never the crawl date
    assert reservoir.locator == "<urn:uuid:r1>"
    assert reservoir.source_kind == "warc"
    assert reservoir.text == body_of(RESERVOIR)
    assert articles[LIBRARY.url].text == body_of(LIBRARY)


def test_warc_crawl_date_places_a_date_the_page_prints_without_its_year(tmp_path: Path) -> None:
    lede = ("The harbour wall at Port Elling will be rebuilt before the winter storms, the council said on "
            "Monday after a vote of nine to two.")
    page = ("<html><head><title>Harbour wall to be rebuilt</title></head><body><article>"
            "<h1>Harbour wall to be rebuilt</h1><p>By Ann Lee</p><p>January 31 at 4:36 PM</p>"
            f"<p>{lede}</p><p>The port had refused to pay for the repairs since the spring.</p></article></body></html>")
    records = [warc_record(http_block(page.encode()), uri="https://harbour.example/wall", date="2024-02-01T10:20:30Z")]
    path = write(tmp_path / "crawl.warc", warc_file(records))
    run_ingest([path], tmp_path / "pile.db")
    (article,) = stored(tmp_path / "pile.db")
    assert article.fetched_at == "2024-02-01T10:20:30Z"
    assert (article.published, article.published_time) == ("2024-01-31", "2024-01-31T16:36")
    assert article.text.startswith(lede)


def test_warc_record_over_the_size_cap_is_refused_alone(tmp_path: Path) -> None:
    big = article_html(LIBRARY).replace("</article>", "<p>" + "padding words " * 5000 + "</p></article>")
    records = [
        warc_record(http_block(big.encode()), uri=LIBRARY.url),
        warc_record(http_block(article_html(RESERVOIR).encode()), uri=RESERVOIR.url),
    ]
    items = list(read_warc(io.BytesIO(warc_file(records)), source="crawl.warc", max_bytes=30_000))
    assert isinstance(items[0], Rejection) and items[0].code == "E104"
    assert isinstance(items[1], RawDocument) and items[1].url == RESERVOIR.url


def test_warc_record_with_a_bad_http_block_is_refused_alone() -> None:
    records = [
        warc_record(b"HTTP/1.1 200 OK no header end", uri="https://x.example/broken"),
        warc_record(http_block(article_html(RESERVOIR).encode()), uri=RESERVOIR.url),
    ]
    items = list(read_warc(io.BytesIO(warc_file(records)), source="crawl.warc", max_bytes=10**7))
    assert isinstance(items[0], Rejection) and items[0].code == "E105"
    assert isinstance(items[1], RawDocument) and items[1].url == RESERVOIR.url


def test_warc_with_only_request_records_has_no_articles() -> None:
    data = warc_file([warcinfo_record(), request_record(RESERVOIR.url)])
    with pytest.raises(NoArticleError):
        list(read_warc(io.BytesIO(data), source="requests.warc", max_bytes=10**7))


def test_warc_that_is_not_a_warc_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CorruptArchiveError):
        list(read_warc(io.BytesIO(b"this is a text file, not a crawl\n" * 20), source="x.warc", max_bytes=10**7))


@pytest.mark.parametrize("gz", [False, True], ids=["warc", "warc.gz"])
def test_warc_cut_anywhere_is_never_silently_short(gz: bool) -> None:
    """Cut a crawl at every few bytes: unless the cut falls on a record boundary (or only drops a
    record's closing CRLFs), the reader must refuse the file or report the cut record."""
    records = [warcinfo_record(), warc_record(http_block(article_html(ORCHARD).encode()), uri=ORCHARD.url),
               warc_record(http_block(article_html(FERRY).encode()), uri=FERRY.url)]  # fmt: skip
    data = warc_file(records, gz=gz)
    boundaries = [len(warc_file(records[: n + 1], gz=gz)) for n in range(len(records))]
    silent = []
    for cut in range(1, len(data), 3):
        if any(boundary - 4 <= cut <= boundary for boundary in boundaries):
            continue
        try:
            items = list(read_warc(io.BytesIO(data[:cut]), source="cut.warc", max_bytes=10**7))
        except CorruptArchiveError:
            continue
        if not any(isinstance(i, Rejection) and i.code == "E105" for i in items):
            silent.append(cut)
    assert silent == []


def test_warc_gzipped_as_one_file_is_read_without_a_false_cut(tmp_path: Path) -> None:
    """`gzip crawl.warc` makes one gzip member of the whole crawl: FastWARC reads it, and its record
    positions then point into the compressed stream. A complete file must not be reported cut short
    (it was, as "a record header cut short", E105), and every record is still read."""
    records = crawl_records() + [
        warc_record(http_block(article_html(FERRY).encode()), uri=f"{FERRY.url}?copy={n}") for n in range(40)
    ]
    path = write(tmp_path / "crawl.warc.gz", gzip.compress(warc_file(records)))
    items = items_of(path)
    assert not [i for i in items if isinstance(i, Rejection)]
    assert len([i for i in items if isinstance(i, RawDocument)]) == 44


def test_warc_gzipped_as_one_file_cut_anywhere_is_never_silently_short() -> None:
    records = [warcinfo_record(), warc_record(http_block(article_html(ORCHARD).encode()), uri=ORCHARD.url),
               warc_record(http_block(article_html(FERRY).encode()), uri=FERRY.url)]  # fmt: skip
    data = gzip.compress(warc_file(records))
    silent = []
    for cut in range(1, len(data), 3):
        try:
            items = list(read_warc(io.BytesIO(data[:cut]), source="cut.warc.gz", max_bytes=10**7))
        except CorruptArchiveError:
            continue
        if not any(isinstance(i, Rejection) and i.code == "E105" for i in items):
            silent.append(cut)
    assert silent == []
    complete = list(read_warc(io.BytesIO(data), source="crawl.warc.gz", max_bytes=10**7))
    assert [i.url for i in complete if isinstance(i, RawDocument)] == [ORCHARD.url, FERRY.url]
    assert not [i for i in complete if isinstance(i, Rejection)]
    garbage = list(read_warc(io.BytesIO(data + b"not gzip at all"), source="crawl.warc.gz", max_bytes=10**7))
    assert [i.code for i in garbage if isinstance(i, Rejection)] == ["E105"]


def test_warc_sniffed_without_suffix(tmp_path: Path) -> None:
    path = write(tmp_path / "crawl-2024-02", warc_file(crawl_records()))
    documents = [i for i in items_of(path) if isinstance(i, RawDocument)]
    assert len(documents) == 4


# ------------------------------------------------------------------------------------------------
# feeds


def test_rss_full_items_are_documents_and_link_only_items_are_urls(tmp_path: Path) -> None:
    feed = rss_feed([full_item(RESERVOIR), {"title": LIBRARY.title, "link": LIBRARY.url, "summary": "Short teaser."}])
    path = write(tmp_path / "courier.rss", feed)
    items = items_of(path)
    assert len(items) == 2
    document, link = items
    assert isinstance(document, RawDocument)
    assert document.source_kind == "feed"
    assert document.url == RESERVOIR.url
    assert document.title_hint == RESERVOIR.title
    assert document.byline_hint == RESERVOIR.author
    assert document.outlet_hint == "The Dale Courier"
    assert document.date_hint == "2023-03-14T09:30:00+00:00"
    article = normalize(document)
    assert article.text == body_of(RESERVOIR)
    assert article.published == "2023-03-14"
    assert isinstance(link, UrlRef)
    assert (link.url, link.from_feed, link.title, link.source) == (LIBRARY.url, True, LIBRARY.title, str(path))


def test_atom_entry_with_html_content(tmp_path: Path) -> None:
    path = write(tmp_path / "vale.atom", atom_feed(ORCHARD))
    (document,) = items_of(path)
    assert isinstance(document, RawDocument)
    article = normalize(document)
    assert article.text == body_of(ORCHARD)
    assert article.title == ORCHARD.title
    assert article.byline == ORCHARD.author
    assert article.published == ORCHARD.date
    assert article.url == ORCHARD.url


def test_feed_summary_counts_as_content_only_when_long(tmp_path: Path) -> None:
    long_summary = " ".join(FERRY.paragraphs)
    assert len(long_summary.split()) >= 120
    feed = rss_feed(
        [
            {"title": FERRY.title, "link": FERRY.url, "summary": long_summary},
            {"title": "Teaser", "link": "https://x.example/teaser", "summary": FERRY.paragraphs[0]},
        ]
    )
    items = items_of(write(tmp_path / "feed.xml", feed))
    assert isinstance(items[0], RawDocument) and items[0].url == FERRY.url
    assert isinstance(items[1], UrlRef) and items[1].url == "https://x.example/teaser"


def test_feed_item_without_content_or_link_is_refused_not_dropped(tmp_path: Path) -> None:
    feed = rss_feed([{"title": "Untitled teaser", "summary": "Nothing here."}, full_item(LIBRARY)])
    items = items_of(write(tmp_path / "feed.xml", feed))
    assert len(items) == 2
    assert isinstance(items[0], Rejection) and items[0].code == "E108"
    assert isinstance(items[1], RawDocument)


def test_xml_that_is_not_a_feed(tmp_path: Path) -> None:
    path = write(tmp_path / "sitemap.xml", '<?xml version="1.0"?><urlset><url><loc>https://x.example/</loc></url></urlset>')
    with pytest.raises(BadFeedError) as caught:
        items_of(path)
    assert caught.value.code == "E109"


def test_feed_ingest_lists_links_without_follow_links(tmp_path: Path) -> None:
    feed = rss_feed([full_item(RESERVOIR), {"title": LIBRARY.title, "link": LIBRARY.url}])
    summary = run_ingest([write(tmp_path / "feed.rss", feed)], tmp_path / "pile.db")
    assert len(summary.new) == 1
    assert summary.links_not_followed == (LIBRARY.url,)
    assert summary.failures == ()
    (rejection,) = stored_rejections(tmp_path / "pile.db")
    assert (rejection.code, rejection.reason, rejection.locator) == ("E112", "link_not_followed", LIBRARY.url)


# ------------------------------------------------------------------------------------------------
# tables


def table_rows() -> list[dict[str, str]]:
    return [
        {"id": "a1", "title": RESERVOIR.title, "text": body_of(RESERVOIR), "publisher": RESERVOIR.outlet,
         "date": RESERVOIR.date, "url": RESERVOIR.url},
        {"id": "a2", "title": LIBRARY.title, "text": body_of(LIBRARY), "publisher": LIBRARY.outlet,
         "date": LIBRARY.date, "url": LIBRARY.url},
    ]  # fmt: skip


def csv_text(rows: list[dict[str, str]], delimiter: str = ",") -> str:
    import csv

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), delimiter=delimiter)
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def check_table_articles(items: list[object], kind: str) -> None:
    documents = [i for i in items if isinstance(i, RawDocument)]
    assert len(documents) == 2
    first = documents[0]
    assert first.source_kind == kind
    assert first.external_id == "a1"
    assert first.url == RESERVOIR.url
    article = normalize(first)
    assert (article.title, article.outlet, article.published) == (RESERVOIR.title, RESERVOIR.outlet, RESERVOIR.date)
    assert article.text == body_of(RESERVOIR)
    assert normalize(documents[1]).text == body_of(LIBRARY)


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("export.csv", csv_text(table_rows()), "csv"),
        ("export.tsv", csv_text(table_rows(), delimiter="\t"), "csv"),
        ("export-tabs.csv", csv_text(table_rows(), delimiter="\t"), "csv"),
        ("export-semicolons.csv", csv_text(table_rows(), delimiter=";"), "csv"),
        ("export-pipes.csv", csv_text(table_rows(), delimiter="|"), "csv"),
        ("export.jsonl", "\n".join(json.dumps(r) for r in table_rows()) + "\n", "jsonl"),
        ("export.ndjson", "\n".join(json.dumps(r) for r in table_rows()), "jsonl"),
        ("export.json", json.dumps(table_rows(), indent=2), "jsonl"),
        ("wrapped.json", json.dumps({"articles": table_rows(), "count": 2}), "jsonl"),
    ],
    ids=["csv", "tsv", "csv-with-tabs", "csv-with-semicolons", "csv-with-pipes", "jsonl", "ndjson", "json-array", "json-articles-key"],
)
def test_table_formats_with_default_columns(tmp_path: Path, name: str, content: str, kind: str) -> None:
    check_table_articles(items_of(write(tmp_path / name, content)), kind)


def test_table_custom_column_names(tmp_path: Path) -> None:
    rows = [
        {"uid": r["id"], "heading": r["title"], "story": r["text"], "site": r["publisher"], "when": r["date"],
         "href": r["url"]}
        for r in table_rows()
    ]  # fmt: skip
    fields = TableFields(text="story", title="heading", outlet="site", date="when", url="href", id="uid")
    items = items_of(write(tmp_path / "custom.csv", csv_text(rows)), fields=fields)
    check_table_articles(items, "csv")
    # without the field names, the rows have no text column
    refused = items_of(write(tmp_path / "custom2.csv", csv_text(rows)))
    assert [i.code for i in refused if isinstance(i, Rejection)] == ["E108", "E108"]


def test_a_row_without_text_names_the_columns_found(tmp_path: Path) -> None:
    # A delimiter that is not recognised leaves the header as one column: the message shows it.
    path = write(tmp_path / "colons.csv", "id:publisher:text\na1:Gazette:" + RESERVOIR.paragraphs[0] + "\n")
    (rejection,) = items_of(path)
    assert isinstance(rejection, Rejection) and rejection.code == "E108"
    assert "no text in column text/" in rejection.message
    assert "columns found: 'id:publisher:text'" in rejection.message


def test_table_bad_rows_are_refused_alone(tmp_path: Path) -> None:
    lines = [
        json.dumps(table_rows()[0]),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"title": "No text here", "text": "   "}),
        json.dumps(table_rows()[1]),
    ]
    items = items_of(write(tmp_path / "export.jsonl", "\n".join(lines)))
    assert [type(i).__name__ for i in items] == ["RawDocument", "Rejection", "Rejection", "Rejection", "RawDocument"]
    rejections = [i for i in items if isinstance(i, Rejection)]
    assert [(r.code, r.reason, r.locator) for r in rejections] == [
        ("E108", "bad_record", "line 2"),
        ("E108", "bad_record", "line 3"),
        ("E108", "bad_record", "line 4"),
    ]


def test_table_cells_with_html_epoch_dates_and_paragraph_markers(tmp_path: Path) -> None:
    rows = [
        {"text": "".join(f"<p>{p}</p>" for p in FERRY.paragraphs), "title": FERRY.title, "date": "1705650300"},
        {"text": " ### ".join(ORCHARD.paragraphs), "title": ORCHARD.title, "date": "1633777200000"},
    ]
    items = items_of(write(tmp_path / "export.json", json.dumps(rows)))
    ferry, orchard = (normalize(i) for i in items if isinstance(i, RawDocument))
    assert ferry.text == body_of(FERRY)
    assert ferry.published == "2024-01-19"
    assert orchard.text == body_of(ORCHARD)
    assert orchard.published == "2021-10-09"


def test_pretty_printed_json_object_without_suffix(tmp_path: Path) -> None:
    path = write(tmp_path / "export-object", json.dumps(table_rows()[0], indent=2))
    (document,) = items_of(path)
    assert isinstance(document, RawDocument)
    assert normalize(document).text == body_of(RESERVOIR)


@pytest.mark.parametrize(
    ("name", "content"),
    [("numbers.json", "[1, 2, 3]"), ("scalar.json", "42"), ("broken.json", '{"text": "unfinished')],
    ids=["array-of-numbers", "scalar", "broken"],
)
def test_json_that_is_not_records(tmp_path: Path, name: str, content: str) -> None:
    path = write(tmp_path / name, content)
    try:
        items = items_of(path)
    except UnsupportedFormatError as error:
        assert error.code == "E107"
    else:
        assert items and all(isinstance(i, Rejection) and i.code == "E108" for i in items)


def test_table_ingest_stores_every_row(tmp_path: Path) -> None:
    summary = run_ingest([write(tmp_path / "export.csv", csv_text(table_rows()))], tmp_path / "pile.db")
    assert len(summary.new) == 2
    articles = stored(tmp_path / "pile.db")
    assert [a.external_id for a in articles] == ["a1", "a2"]
    assert [a.locator for a in articles] == ["row 2 (id a1)", "row 3 (id a2)"]
