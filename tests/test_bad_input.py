"""Bad input never crashes a run: each bad input is one line with a stable code and a row in
the store's rejections, the good article next to it is kept, and the exit status follows the
rules (non-zero only when nothing was ingested, or with --strict when anything was rejected)."""

from __future__ import annotations

import gzip
import json
import os
import socket
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import (
    FERRY,
    LIBRARY,
    NAV_ONLY_HTML,
    ORCHARD,
    RESERVOIR,
    CliInvoker,
    article_html,
    article_text,
    http_block,
    rss_feed,
    run_ingest,
    stored,
    stored_rejections,
    warc_file,
    warc_record,
    write,
)
from storytrace.errors import UnreadableInputError

Builder = Callable[[Path], object]


def put(name: str, content: str | bytes) -> Builder:
    """A builder writing ``content`` to ``name`` in the input folder."""
    return lambda folder: write(folder / name, content)


def crawl(gz: bool) -> tuple[bytes, int]:
    """A two-record crawl, and the offset where the second record starts."""
    first = warc_record(http_block(article_html(ORCHARD).encode()), uri=ORCHARD.url)
    second = warc_record(http_block(article_html(FERRY).encode()), uri=FERRY.url)
    return warc_file([first, second], gz=gz), len(warc_file([first], gz=gz))


def cut_warc(gz: bool, where: str) -> bytes:
    data, second = crawl(gz)
    offsets = {
        "in-content": second + (len(data) - second) * 2 // 3,
        "in-header": second + 60,
        "in-member-header": second + 5,
    }
    return data[: offsets[where]]


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def dossier_json(*, indent: int | None = None, sort_keys: bool = False) -> str:
    """A dossier as ``storytrace analyze --out`` writes it (``sort_keys``: as re-saved by another tool)."""
    article = {"id": "a1", "source": "in/ferry.txt", "title": FERRY.title, "outlet": FERRY.outlet,
               "text": "\n\n".join(FERRY.paragraphs), "words": 120}
    dossier = {"schema": "storytrace.dossier/1", "articles": [article], "stories": []}
    return json.dumps(dossier, indent=indent, sort_keys=sort_keys)


def sparse(path: Path, size: int) -> None:
    with path.open("wb") as handle:
        handle.truncate(size)


# Each case: (id, builder writing the bad input into the folder, expected code, expected reason,
# whether an article from the bad input itself is kept too, e.g. the complete record of a cut WARC).
CASES: list[tuple[str, Builder, str, str, int]] = [
    ("empty-html", put("empty.html", b""), "E102", "empty_input", 0),
    ("whitespace-txt", put("blank.txt", b" \r\n\t\n  \n"), "E102", "empty_input", 0),
    ("only-nul-bytes", put("nul.txt", b"\x00" * 512), "E102", "empty_input", 0),
    ("empty-gzip", put("page.html.gz", gzip.compress(b"")), "E102", "empty_input", 0),
    ("empty-warc", put("crawl.warc", b""), "E102", "empty_input", 0),
    ("png-named-html", put("photo.html", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4),
     "E103", "binary_input", 0),
    ("pdf-named-txt", put("report.txt", b"%PDF-1.4\n%\xc7\xec\x8f\xa2\n" + bytes(600)),
     "E103", "binary_input", 0),
    ("binary-without-suffix", put("blob", bytes(range(32)) * 64),
     "E103", "binary_input", 0),
    ("truncated-gzip", put("page.html.gz", gzip.compress(article_html(FERRY).encode())[:700]),
     "E105", "corrupt_archive", 0),
    ("warc-cut-in-content", put("crawl.warc", cut_warc(False, "in-content")),
     "E105", "corrupt_archive", 1),
    ("warc-cut-in-header", put("crawl.warc", cut_warc(False, "in-header")),
     "E105", "corrupt_archive", 1),
    ("warc-gz-cut-in-content", put("crawl.warc.gz", cut_warc(True, "in-content")),
     "E105", "corrupt_archive", 1),
    ("warc-gz-cut-in-member-header", put("crawl.warc.gz", cut_warc(True, "in-member-header")),
     "E105", "corrupt_archive", 1),
    ("warc-with-trailing-garbage", put("crawl.warc", crawl(False)[0] + b"<html>oops</html>\n"),
     "E105", "corrupt_archive", 2),
    ("text-named-warc", put("notes.warc", article_text(FERRY)),
     "E105", "corrupt_archive", 0),
    ("html-without-article", put("index.html", NAV_ONLY_HTML), "E106", "no_article", 0),
    ("too-few-words", put("short.txt", "Breaking news.\n"), "E106", "no_article", 0),
    ("over-default-size-cap", lambda d: sparse(d / "huge.html", 21 * 1024 * 1024), "E104", "too_large", 0),
    ("gzip-bomb", put("bomb.html.gz", gzip.compress(b" " * (21 * 1024 * 1024), 1)),
     "E104", "too_large", 0),
    ("json-not-records", put("numbers.json", "[1, 2, 3]"), "E108", "bad_record", 0),
    ("json-scalar", put("scalar.json", "42"), "E107", "unsupported_format", 0),
    ("jsonl-bad-line", put("rows.jsonl", "{broken\n"), "E108", "bad_record", 0),
    ("csv-row-without-text", put("rows.csv", "title,url\nA title,https://x.example/\n"),
     "E108", "bad_record", 0),
    ("xml-not-a-feed", put("sitemap.xml", '<?xml version="1.0"?><urlset><url/></urlset>'),
     "E109", "bad_feed", 0),
    ("dangling-symlink", lambda d: os.symlink(d / "gone.txt", d / "link.txt"), "E111", "unreadable", 0),
]  # fmt: skip


def good_article(folder: Path) -> Path:
    return write(folder / "good.txt", article_text(RESERVOIR))


OWN_FILES = [
    ("sqlite-named-json", put("data.json", b"SQLite format 3\x00" + bytes(500)),
     "E115", "storytrace_output", 0),
    ("dossier-json", put("dossier.json", dossier_json(indent=1)), "E115", "storytrace_output", 0),
    ("dossier-json-keys-sorted", put("dossier.json", dossier_json(sort_keys=True)), "E115", "storytrace_output", 0),
    ("dossier-jsonl-line", put("dossier.jsonl", dossier_json(sort_keys=True) + "\n"), "E115", "storytrace_output", 0),
]  # fmt: skip


@pytest.mark.parametrize(("builder", "code", "reason", "kept"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_is_rejected_and_the_run_goes_on(
    tmp_path: Path, cli: CliInvoker, builder: Builder, code: str, reason: str, kept: int
) -> None:
    folder = tmp_path / "in"
    good = good_article(folder)
    builder(folder)
    db = tmp_path / "pile.db"
    result = cli("ingest", folder, "--db", db, "--json")
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    payload = json.loads(result.stdout)
    assert payload["new"] == 1 + kept
    codes = [(r["code"], r["reason"]) for r in payload["rejected"]]
    assert codes and set(codes) == {(code, reason)}
    assert all(r["source"] != str(good) and r["message"].startswith(f"[{code}]") for r in payload["rejected"])
    titles = [a.title for a in stored(db)]
    assert RESERVOIR.title in titles
    rows = stored_rejections(db)
    assert [(r.code, r.reason) for r in rows] == codes
    assert all(r.source.startswith(str(folder)) and r.at for r in rows)


@pytest.mark.parametrize(("builder", "code", "kept"), [(c[1], c[2], c[4]) for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_prints_one_line_per_rejection(tmp_path: Path, cli: CliInvoker, builder: Builder, code: str, kept: int) -> None:
    folder = tmp_path / "in"
    good_article(folder)
    builder(folder)
    result = cli("ingest", folder, "--db", tmp_path / "pile.db")
    assert result.exit_code == 0
    lines = [line for line in result.stderr.splitlines() if line.startswith("rejected: ")]
    assert lines and all(f"[{code}]" in line for line in lines)
    assert len(lines) == len(stored_rejections(tmp_path / "pile.db"))
    assert "Traceback" not in result.output and "E000" not in result.output
    assert result.stdout.startswith(f"{1 + kept} new, 0 updated, 0 unchanged articles from 2 sources")


def test_max_size_option(tmp_path: Path, cli: CliInvoker) -> None:
    folder = tmp_path / "in"
    good_article(folder)  # about 1.6 kB
    write(folder / "long.html", article_html(LIBRARY))  # about 5 kB
    result = cli("ingest", folder, "--db", tmp_path / "pile.db", "--max-size", "3k", "--json")
    assert result.exit_code == 0
    payload = json.loads(result.stdout)
    assert payload["new"] == 1
    assert [r["code"] for r in payload["rejected"]] == ["E104"]
    assert "3,072" in payload["rejected"][0]["message"]


def test_missing_path_next_to_a_good_file(tmp_path: Path, cli: CliInvoker) -> None:
    good = good_article(tmp_path)
    missing = tmp_path / "no-such-file.html"
    result = cli("ingest", missing, good, "--db", tmp_path / "pile.db", "--json")
    assert result.exit_code == 0
    (rejected,) = json.loads(result.stdout)["rejected"]
    assert (rejected["code"], rejected["reason"], rejected["source"]) == ("E101", "missing_path", str(missing))


def test_empty_path_is_refused_not_read_as_the_current_folder(
    tmp_path: Path, cli: CliInvoker, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = good_article(tmp_path / "in")
    monkeypatch.chdir(write(tmp_path / "cwd" / "other.txt", article_text(LIBRARY)).parent)
    result = cli("ingest", "", good, "--db", tmp_path / "pile.db", "--json")
    assert result.exit_code == 0
    payload = json.loads(result.stdout)
    assert payload["new"] == 1  # the good file, not the current folder's other.txt
    (rejected,) = payload["rejected"]
    assert (rejected["code"], rejected["source"]) == ("E101", "")
    assert "empty path" in rejected["message"]


def test_pipe_named_on_the_command_line_is_read(tmp_path: Path, cli: CliInvoker) -> None:
    """``storytrace ingest <(cat story.txt)``: the shell passes /dev/fd/N, a pipe fstat calls empty."""
    read_end, write_end = os.pipe()
    os.write(write_end, article_text(RESERVOIR).encode())
    os.close(write_end)
    try:
        result = cli("ingest", f"/dev/fd/{read_end}", "--db", tmp_path / "pile.db", "--json")
    finally:
        os.close(read_end)
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["new"] == 1 and payload["rejected"] == []
    assert [a.title for a in stored(tmp_path / "pile.db")] == [RESERVOIR.title]


def test_store_files_in_a_folder_are_rejected_not_read(tmp_path: Path, cli: CliInvoker) -> None:
    """A store's -wal/-shm/-journal files hold article text between binary headers: never articles."""
    folder = tmp_path / "in"
    good_article(folder)
    write(folder / "old.db", b"SQLite format 3\x00" + bytes(4080))
    for companion in ("old.db-wal", "old.db-shm", "old.db-journal"):
        write(folder / companion, article_text(FERRY))  # what the pages inside them look like
    write(folder / "notes.db-wal", article_text(LIBRARY))  # no database next to it: an ordinary name
    result = cli("ingest", folder, "--db", tmp_path / "pile.db", "--json")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["new"] == 2
    assert payload["rejected"] == []  # storytrace's own files are listed, not failures
    listed = json.loads(cli("rejections", "--db", tmp_path / "pile.db", "--json").stdout)
    rejected = {Path(r["source"]).name: (r["code"], r["message"]) for r in listed}
    assert sorted(rejected) == ["old.db", "old.db-journal", "old.db-shm", "old.db-wal"]
    assert {code for code, _ in rejected.values()} == {"E115"}
    assert "write-ahead log of the database old.db" in rejected["old.db-wal"][1]
    assert FERRY.title not in [a.title for a in stored(tmp_path / "pile.db")]


def test_unreachable_url_next_to_a_good_file(tmp_path: Path, cli: CliInvoker) -> None:
    good = good_article(tmp_path)
    url = f"http://127.0.0.1:{closed_port()}/story.html"
    result = cli("ingest", url, good, "--db", tmp_path / "pile.db", "--allow-private", "--timeout", "2", "--json")
    assert result.exit_code == 0
    (rejected,) = json.loads(result.stdout)["rejected"]
    assert (rejected["code"], rejected["reason"], rejected["source"]) == ("E202", "fetch_failed", url)


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good = good_article(tmp_path)
    secret = write(tmp_path / "secret.txt", article_text(LIBRARY))
    real_open = Path.open

    def guarded_open(self: Path, *args, **kwargs):
        if self == secret:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", guarded_open)
    summary = run_ingest([secret, good], tmp_path / "pile.db")
    assert len(summary.new) == 1
    (rejection,) = summary.failures
    assert (rejection.code, rejection.reason) == (UnreadableInputError.code, "unreadable")
    assert "permission denied" in rejection.message


def test_recoverable_input_is_stored_clean(tmp_path: Path) -> None:
    """Undecodable bytes, NUL bytes and UTF-16 are not rejections: the text is recovered."""
    cafe = article_text(ORCHARD).replace("cider makers", "cidre makers from the Café Crème")
    files = [
        write(tmp_path / "cp1252.txt", cafe.encode("cp1252")),
        write(tmp_path / "nul.txt", article_text(FERRY).replace(". ", ".\x00 ").encode()),
        write(tmp_path / "utf16.txt", article_text(LIBRARY).encode("utf-16")),
    ]
    summary = run_ingest(files, tmp_path / "pile.db")
    assert summary.failures == ()
    cp1252, nul, utf16 = stored(tmp_path / "pile.db")
    assert "Café Crème" in cp1252.text
    assert "\x00" not in nul.text and "\x00" not in nul.raw
    assert nul.text == "\n\n".join(FERRY.paragraphs)
    assert utf16.title == LIBRARY.title


def test_broken_feed_item_links_do_not_stop_the_feed(tmp_path: Path) -> None:
    feed = rss_feed([{"title": "No link, no content"}, {"title": "Linked", "link": "https://x.example/a"}])
    summary = run_ingest([write(tmp_path / "feed.rss", feed), good_article(tmp_path)], tmp_path / "pile.db")
    assert len(summary.new) == 1
    assert [r.code for r in summary.rejections] == ["E108", "E112"]
    assert [r.code for r in summary.failures] == ["E108"]


# ------------------------------------------------------------------------------------------------
# exit status


def all_bad(folder: Path) -> Path:
    write(folder / "empty.html", b"")
    write(folder / "photo.html", b"\x89PNG\r\n\x1a\n" + bytes(400))
    write(folder / "short.txt", "Too short.\n")
    return folder


def test_all_bad_exits_1(tmp_path: Path, cli: CliInvoker) -> None:
    folder = all_bad(tmp_path / "in")
    result = cli("ingest", folder, tmp_path / "missing.txt", "--db", tmp_path / "pile.db")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.startswith("rejected: ")]
    assert sorted(line.split("[E")[1][:3] for line in lines) == ["101", "102", "103", "106"]
    assert "0 new, 0 updated, 0 unchanged articles from 4 sources; 4 rejected" in result.stdout
    assert len(stored_rejections(tmp_path / "pile.db")) == 4


def test_strict_exits_1_when_anything_was_rejected(tmp_path: Path, cli: CliInvoker) -> None:
    folder = all_bad(tmp_path / "in")
    good_article(folder)
    db = tmp_path / "pile.db"
    assert cli("ingest", folder, "--db", db).exit_code == 0
    strict = cli("ingest", folder, "--db", db, "--strict", "--json")
    assert strict.exit_code == 1
    payload = json.loads(strict.stdout)
    assert payload["unchanged"] == 1 and len(payload["rejected"]) == 3


def test_strict_exits_0_when_nothing_was_rejected(tmp_path: Path, cli: CliInvoker) -> None:
    folder = tmp_path / "in"
    good_article(folder)
    write(folder / "two.md", f"# {LIBRARY.title}\n\n" + "\n\n".join(LIBRARY.paragraphs))
    result = cli("ingest", folder, "--db", tmp_path / "pile.db", "--strict")
    assert result.exit_code == 0
    assert "2 new" in result.stdout


def test_strict_ignores_links_not_followed(tmp_path: Path, cli: CliInvoker) -> None:
    feed = write(tmp_path / "feed.rss", rss_feed([{"title": "Only a link", "link": "https://x.example/story"}]))
    good = good_article(tmp_path)
    result = cli("ingest", feed, good, "--db", tmp_path / "pile.db", "--strict")
    assert result.exit_code == 0
    assert "1 feed item carries only a link" in result.stderr
    assert [r.code for r in stored_rejections(tmp_path / "pile.db")] == ["E112"]


def test_only_links_not_followed_is_nothing_ingested(tmp_path: Path, cli: CliInvoker) -> None:
    feed = write(tmp_path / "feed.rss", rss_feed([{"title": "Only a link", "link": "https://x.example/story"}]))
    result = cli("ingest", feed, "--db", tmp_path / "pile.db", "--json")
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    assert payload["rejected"] == [] and payload["links_not_followed"] == ["https://x.example/story"]


def test_a_feed_of_teasers_says_why_its_items_were_not_kept(tmp_path: Path, cli: CliInvoker) -> None:
    """Items whose summary is a paragraph of text are not "only a link" to the journalist who reads the
    feed: the rejection says the summary was taken for a teaser, and `analyze` (whose "no article could be
    read" points to the lines above) lists them as `ingest` does."""
    teaser = " ".join(["Floodwater reached the old market in Kestrel Bay on Friday night."] * 6)
    feed = write(tmp_path / "feed.rss", rss_feed([{"title": "Flood", "link": "https://x.example/flood", "summary": teaser}]))
    result = cli("analyze", feed, "--db", tmp_path / "pile.db")
    assert result.exit_code == 1
    assert "1 feed item carries only a link (or a teaser under 120 words, not the article)" in result.stderr
    assert "[E112] feed item has only a link and a summary of 66 words (under 120: a teaser" in result.stderr
    ingested = cli("ingest", feed, "--db", tmp_path / "other.db")
    assert "1 feed item carries only a link (or a teaser" in ingested.stderr
    assert [r.message for r in stored_rejections(tmp_path / "other.db")] == [
        "[E112] feed item has only a link and a summary of 66 words (under 120: a teaser, not the article): "
        "https://x.example/flood (rerun with --follow-links to fetch it)"]


@pytest.mark.parametrize(("builder", "code", "reason", "kept"), [c[1:] for c in OWN_FILES], ids=[c[0] for c in OWN_FILES])
def test_storytrace_files_among_the_inputs_are_listed_not_read_and_not_failures(
    tmp_path: Path, cli: CliInvoker, builder: Builder, code: str, reason: str, kept: int
) -> None:
    folder = tmp_path / "in"
    good_article(folder)
    builder(folder)
    db = tmp_path / "pile.db"
    result = cli("ingest", folder, "--db", db, "--json", "--strict")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["new"] == 1 + kept and payload["rejected"] == []
    listed = json.loads(cli("rejections", "--db", db, "--json").stdout)
    assert [(r["code"], r["reason"]) for r in listed] == [(code, reason)]


@pytest.mark.parametrize("notice", [
    "ERROR", "404 Not Found", "Page not found", "Sorry, this page isn't available.",
    "Oops! The page you were looking for could not be found.", "Access denied",
])
def test_an_error_page_kept_by_a_scrape_is_refused_as_no_article(tmp_path: Path, notice: str) -> None:
    rows = [
        {"text": f"{notice}\n\nMain error message here\n\nMore detailed message would go here to help the reader."},
        {"text": "Error in judgment costs council\n\nThe council admitted an error on Monday: it paid twice for the "
                 "repairs to the harbour wall at Port Elling, the treasurer said."},
    ]
    path = write(tmp_path / "scrape.jsonl", "\n".join(json.dumps(row) for row in rows))
    summary = run_ingest([path], tmp_path / "pile.db")
    (rejection,) = summary.failures
    assert (rejection.code, rejection.reason, rejection.locator) == ("E106", "no_article", "line 1")
    assert f"an error page, not an article (“{notice}”)" in rejection.message
    (article,) = stored(tmp_path / "pile.db")
    assert article.title == "Error in judgment costs council"  # an article about an error stays
