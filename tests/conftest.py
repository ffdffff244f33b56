"""Shared fixtures: realistic inputs built by the tests themselves, and a local HTTP server.

Nothing here is copied from third-party data: the stories below are written for these tests,
and every page, feed, table and WARC file is generated from them at test time.
"""

from __future__ import annotations

import gzip
import html
import json
import re
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from storytrace.claims.entities import resolve_entities
from storytrace.cli import main
from storytrace.ingest import IngestSummary, ingest
from storytrace.models import Entity, Mention
from storytrace.settings import FetchOptions, IngestOptions
from storytrace.store import Store

# ------------------------------------------------------------------------------------------------
# stories


@dataclass(frozen=True)
class Story:
    slug: str
    title: str
    author: str
    outlet: str
    published: str
    """ISO timestamp with offset."""
    paragraphs: tuple[str, ...]

    @property
    def date(self) -> str:
        return self.published[:10]

    @property
    def url(self) -> str:
        return f"https://{self.outlet.lower().replace(' ', '')}.example/news/{self.slug}"

    def phrase(self) -> str:
        """A distinctive phrase of the body, for assertions."""
        return " ".join(self.paragraphs[0].split()[:8])


RESERVOIR = Story(
    slug="millbrook-reservoir",
    title="Millbrook reservoir to close after cracks found in dam wall",
    author="Imogen Vale",
    outlet="The Dale Courier",
    published="2023-03-14T09:30:00+00:00",
    paragraphs=(
        "The Harrowgate water board voted on Tuesday to close the old Millbrook reservoir after inspectors "
        "found cracks along the eastern dam wall, a decision that will leave some 4,200 households on a "
        "temporary supply for at least eight months.",
        "Board chair Rosalind Achebe said the vote was unanimous and that engineers had advised against any "
        "further delay. \u201cWe cannot ask people to live below a wall we no longer trust,\u201d she told "
        "reporters outside the council offices.",
        "Inspectors from the regional safety agency first reported the cracks in March, according to documents "
        "seen by this newspaper. Their report estimated repair costs at 11.5 million pounds, nearly double the "
        "figure the board had set aside in its annual budget.",
        "Residents of the valley villages below the dam said they had heard little from the board until this "
        "week. Several told a public meeting on Monday evening that they learned of the inspection from a "
        "local radio programme rather than from any official letter.",
        "The board said a pipeline from the neighbouring Kestrel Fell system would carry water to affected "
        "homes from next month, and that bills would not rise while the temporary arrangement lasted. Work on "
        "the dam itself is expected to begin in the spring.",
    ),
)

LIBRARY = Story(
    slug="ashcombe-library",
    title="Volunteers reopen Ashcombe library two years after council closure",
    author="Tobias Fernhill",
    outlet="Westmoor Gazette",
    published="2022-11-02T16:05:00+00:00",
    paragraphs=(
        "Ashcombe library opened its doors again on Saturday morning, two years after the county council "
        "closed it to save money, with a rota of forty-six volunteers now running the lending desk, the "
        "homework club and a weekly reading group for older residents.",
        "The building was bought from the council for a nominal sum by the Ashcombe Community Trust, which "
        "raised 212,000 pounds through a village appeal, a lottery grant and the sale of a painting donated "
        "by a retired art teacher who grew up on the high street.",
        "Trust secretary Marguerite Okafor said the first week had gone better than anyone expected, with "
        "more than three hundred books borrowed and a queue outside before the doors opened. She warned, "
        "however, that heating costs remain the trust's biggest worry this winter.",
        "The county council said it welcomed community groups taking over buildings it could no longer "
        "afford to run, and that a further eleven branch libraries were under review. Campaigners in two of "
        "those towns have already asked the trust for advice on how to raise the money.",
        "Children from the village primary school painted a mural of local wildlife along the back wall of "
        "the reading room, and the trust plans to add a small cafe in the spring if the winter accounts allow "
        "it, according to a leaflet handed out at the reopening.",
    ),
)

FERRY = Story(
    slug="island-ferry",
    title="Island ferry timetable cut as fuel costs climb",
    author="Ailsa MacRury",
    outlet="Northern Isles Post",
    published="2024-01-19T07:45:00+00:00",
    paragraphs=(
        "The only passenger ferry serving the island of Skarra will run four days a week instead of six from "
        "February, its operator announced on Thursday, blaming a sharp rise in fuel prices and the loss of a "
        "government route subsidy that ended in December.",
        "Islanders said the change would make it harder to reach hospital appointments on the mainland and "
        "would hurt the two fish processors that ship their catch on the morning sailing. Community council "
        "convener Hamish Tulloch called the decision a betrayal of a fragile place.",
        "The operator, Skerry Line, said its fuel bill had risen by 38 per cent in a year and that it had "
        "carried 17,400 passengers in 2023, about a fifth fewer than before the pandemic. It said it would "
        "restore the full timetable if a new subsidy could be agreed.",
        "A spokeswoman for the regional transport board said talks with the operator were continuing and that "
        "emergency medical crossings would still be available by arrangement with the coastguard, as they are "
        "on stormy days when the ferry cannot sail at all.",
        "The island school's head teacher said pupils who board on the mainland during the week would now "
        "travel home on Friday afternoons rather than Thursday evenings, which she said was a reasonable "
        "compromise given the circumstances facing the operator.",
    ),
)

ORCHARD = Story(
    slug="orchard-festival",
    title="Heritage apple varieties return to Pellow orchard festival",
    author="Delphine Arkwright",
    outlet="Vale Chronicle",
    published="2021-10-09T11:00:00+00:00",
    paragraphs=(
        "Growers brought more than ninety varieties of apple to the Pellow orchard festival on Saturday, "
        "including several that had not been seen in the valley for half a century, after a grafting project "
        "started by the parish council in 2016 produced its first full harvest.",
        "The project began when retired botanist Cyril Penhallow found a list of old local varieties in the "
        "church records and tracked down surviving trees in hedgerows and back gardens across three parishes, "
        "taking cuttings from each before the trees were lost.",
        "Visitors queued for juice pressed on an antique wooden press and for tastings led by the county "
        "fruit group, which awarded its prize for the best rediscovered variety to a small russet apple known "
        "locally as the Pellow Pippin.",
        "The parish council said it would plant another forty trees on common land this winter and offer free "
        "grafting lessons to schools. Organisers estimated that about two thousand people attended, roughly "
        "double the number at the last festival before the project started.",
        "Several growers said the revival had brought younger people into orchard work for the first time in "
        "a generation, and two new cider makers set up stalls at the festival using fruit from the restored "
        "trees, selling out before the middle of the afternoon.",
    ),
)

STORIES: tuple[Story, ...] = (RESERVOIR, LIBRARY, FERRY, ORCHARD)


def article_html(
    story: Story,
    *,
    charset: str = "utf-8",
    jsonld: bool = True,
    canonical: bool = True,
    extra_head: str = "",
) -> str:
    """A realistic news page: JSON-LD, og meta, nav, related links, comments and a footer."""
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": story.title,
        "datePublished": story.published,
        "author": [{"@type": "Person", "name": story.author}],
        "publisher": {"@type": "Organization", "name": story.outlet},
        "mainEntityOfPage": story.url,
    }
    title = html.escape(story.title)
    body = "\n".join(f"      <p>{html.escape(p, quote=False)}</p>" for p in story.paragraphs)
    head_ld = f'<script type="application/ld+json">{json.dumps(ld)}</script>' if jsonld else ""
    head_canonical = f'<link rel="canonical" href="{story.url}">' if canonical else ""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="{charset}">
  <title>{title} | {html.escape(story.outlet)}</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta property="og:type" content="article">
  <meta property="og:title" content="{title}">
  <meta property="og:site_name" content="{html.escape(story.outlet)}">
  <meta property="article:published_time" content="{story.published}">
  <meta name="author" content="{html.escape(story.author)}">
  {head_canonical}
  {head_ld}
  {extra_head}
  <script>window.dataLayer = window.dataLayer || []; dataLayer.push({{"section": "news"}});</script>
  <style>.byline {{ color: #555 }} nav ul {{ display: flex }}</style>
</head>
<body>
  <header class="site-header">
    <a class="logo" href="/">{html.escape(story.outlet)}</a>
    <nav><ul>
      <li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>
      <li><a href="/opinion">Opinion</a></li><li><a href="/subscribe">Subscribe</a></li>
    </ul></nav>
  </header>
  <main>
    <article>
      <h1>{title}</h1>
      <p class="byline">By <a href="/authors/x">{html.escape(story.author)}</a></p>
      <time datetime="{story.published}">{story.date}</time>
      <div class="article-body">
{body}
      </div>
      <div class="share"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
    </article>
    <aside class="related">
      <h3>Related stories</h3>
      <ul>
        <li><a href="/news/council-tax">Council tax set to rise again next spring</a></li>
        <li><a href="/news/flood">Flood warnings lifted across the dale</a></li>
      </ul>
    </aside>
    <section id="comments" class="comments">
      <h3>Comments (2)</h3>
      <div class="comment"><p>Graniteweasel: Nobody ever listens to us out here, it is always the same old story.</p></div>
      <div class="comment"><p>ValleyMum: Who pays for all of this in the meantime? Nobody has told us anything at all.</p></div>
    </section>
  </main>
  <footer>
    <p>&copy; 2024 {html.escape(story.outlet)}. All rights reserved.</p>
    <a href="/privacy">Privacy policy</a> <a href="/cookies">Cookie settings</a> <a href="/contact">Contact us</a>
  </footer>
</body>
</html>
"""


NAV_ONLY_HTML = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Section index</title></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<footer><a href="/privacy">Privacy</a></footer></body></html>
"""


def article_text(story: Story) -> str:
    """The story as a plain-text paste: title, byline, outlet/date line, paragraphs."""
    day = story.date
    head = f"{story.title}\n\nBy {story.author}\n\n{story.outlet}, {_long_date(day)}\n\n"
    return head + "\n\n".join(story.paragraphs) + "\n"


def article_markdown(story: Story) -> str:
    paragraphs = list(story.paragraphs)
    paragraphs[1] = paragraphs[1].replace("said", "[said](https://example.org/statement)", 1)
    return f"# {story.title}\n\n*By {story.author}*\n\n" + "\n\n".join(paragraphs) + "\n"


def _long_date(iso_day: str) -> str:
    import datetime as dt

    day = dt.date.fromisoformat(iso_day)
    return f"{day:%B} {day.day}, {day.year}"


# ------------------------------------------------------------------------------------------------
# WARC


def http_block(
    body: bytes,
    *,
    status: str = "200 OK",
    content_type: str = "text/html; charset=utf-8",
    headers: Sequence[str] = (),
    encoding: str | None = None,
    chunked: bool = False,
) -> bytes:
    """An HTTP/1.1 response as a crawler stores it in a WARC ``response`` record."""
    lines = [f"HTTP/1.1 {status}", f"Content-Type: {content_type}", *headers]
    if encoding == "gzip":
        body = gzip.compress(body)
        lines.append("Content-Encoding: gzip")
    if chunked:
        lines.append("Transfer-Encoding: chunked")
        size = 700
        pieces = [body[i : i + size] for i in range(0, len(body), size)]
        body = b"".join(f"{len(p):x}\r\n".encode() + p + b"\r\n" for p in pieces) + b"0\r\n\r\n"
    else:
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def warc_record(
    block: bytes,
    *,
    uri: str | None,
    warc_type: str = "response",
    date: str = "2024-02-01T10:20:30Z",
    record_id: str | None = None,
    content_type: str = "application/http; msgtype=response",
) -> bytes:
    """One WARC/1.0 record, written by hand (header block, CRLF, content block, CRLF CRLF)."""
    record_id = record_id or f"<urn:uuid:{uuid.uuid4()}>"
    lines = ["WARC/1.0", f"WARC-Type: {warc_type}", f"WARC-Record-ID: {record_id}", f"WARC-Date: {date}"]
    if uri:
        lines.append(f"WARC-Target-URI: {uri}")
    lines += [f"Content-Type: {content_type}", f"Content-Length: {len(block)}"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8") + block + b"\r\n\r\n"


def warcinfo_record() -> bytes:
    return warc_record(
        b"software: storytrace-tests\r\nformat: WARC File Format 1.0\r\n",
        uri=None,
        warc_type="warcinfo",
        content_type="application/warc-fields",
    )


def request_record(uri: str) -> bytes:
    host = uri.split("/")[2]
    block = f"GET /{uri.split('/', 3)[-1]} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: test\r\n\r\n".encode()
    return warc_record(block, uri=uri, warc_type="request", content_type="application/http; msgtype=request")


def warc_file(records: Sequence[bytes], *, gz: bool = False) -> bytes:
    """Concatenate records; for ``.warc.gz`` every record is its own gzip member, as crawlers write."""
    if gz:
        return b"".join(gzip.compress(record) for record in records)
    return b"".join(records)


# ------------------------------------------------------------------------------------------------
# feeds


def rss_feed(items: Sequence[dict[str, str]], *, title: str = "The Dale Courier") -> str:
    """RSS 2.0 with ``content:encoded`` for items that carry full content."""
    entries = []
    for item in items:
        parts = [f"<title>{html.escape(item['title'])}</title>"]
        if "link" in item:
            parts.append(f"<link>{html.escape(item['link'])}</link>")
            parts.append(f"<guid>{html.escape(item['link'])}</guid>")
        if "date" in item:
            parts.append(f"<pubDate>{item['date']}</pubDate>")
        if "author" in item:
            parts.append(f"<dc:creator>{html.escape(item['author'])}</dc:creator>")
        if "summary" in item:
            parts.append(f"<description>{html.escape(item['summary'])}</description>")
        if "content" in item:
            parts.append(f"<content:encoded><![CDATA[{item['content']}]]></content:encoded>")
        entries.append("    <item>\n      " + "\n      ".join(parts) + "\n    </item>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">\n  <channel>\n'
        f"    <title>{html.escape(title)}</title>\n    <link>https://dalecourier.example/</link>\n"
        "    <description>Local news</description>\n" + "\n".join(entries) + "\n  </channel>\n</rss>\n"
    )


def atom_feed(story: Story) -> str:
    content = html.escape("".join(f"<p>{p}</p>" for p in story.paragraphs))
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>{html.escape(story.outlet)}</title>
  <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
  <updated>{story.published}</updated>
  <entry>
    <title>{html.escape(story.title)}</title>
    <link href="{story.url}"/>
    <id>tag:example,2024:{story.slug}</id>
    <published>{story.published}</published>
    <updated>{story.published}</updated>
    <author><name>{html.escape(story.author)}</name></author>
    <content type="html">{content}</content>
  </entry>
</feed>
"""


def full_item(story: Story) -> dict[str, str]:
    return {
        "title": story.title,
        "link": story.url,
        "date": "Tue, 14 Mar 2023 09:30:00 GMT",
        "author": story.author,
        "summary": story.paragraphs[0][:90] + "…",
        "content": "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in story.paragraphs),
    }


# ------------------------------------------------------------------------------------------------
# local HTTP server


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = ()
    content_length: bool = True
    drip: float = 0.0
    """Seconds between single bytes of the body (a slow server)."""


class LocalServer:
    """A threaded ``http.server`` on 127.0.0.1 with fixed routes; records every request."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                with server._lock:
                    server.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
                route = server.routes.get(self.path)
                if route is None:
                    route = Route(status=404, body=b"<html><body><h1>Not found</h1></body></html>")
                try:
                    self.send_response(route.status)
                    for name, value in route.headers:
                        self.send_header(name, value)
                    if route.content_length:
                        self.send_header("Content-Length", str(len(route.body)))
                    self.end_headers()
                    if route.drip:
                        for index in range(len(route.body)):
                            self.wfile.write(route.body[index : index + 1])
                            self.wfile.flush()
                            time.sleep(route.drip)
                    else:
                        for start in range(0, len(route.body), 1 << 16):
                            self.wfile.write(route.body[start : start + (1 << 16)])
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, route: Route) -> str:
        self.routes[path] = route
        return self.url(path)

    def requests_for(self, path: str) -> list[dict[str, str]]:
        with self._lock:
            return [headers for p, headers in self.requests if p == path]


HTML_TYPE = ("Content-Type", "text/html; charset=utf-8")


def _serve_routes(server: LocalServer) -> None:
    add = server.add
    add("/news/reservoir.html", Route(body=article_html(RESERVOIR).encode(), headers=(HTML_TYPE,)))
    add(
        "/news/library-gzip",
        Route(
            body=gzip.compress(article_html(LIBRARY).encode()),
            headers=(HTML_TYPE, ("Content-Encoding", "gzip")),
        ),
    )
    add(
        "/news/ferry-latin1",
        Route(
            body=article_html(FERRY, charset="iso-8859-1").replace("Skarra", "Skärra").encode("latin-1"),
            headers=(("Content-Type", "text/html; charset=ISO-8859-1"),),
        ),
    )
    add("/news/orchard.html", Route(body=article_html(ORCHARD).encode(), headers=(HTML_TYPE,)))
    for hop in range(1, 8):
        target = "/news/orchard.html" if hop == 1 else f"/hop/{hop - 1}"
        add(f"/hop/{hop}", Route(status=302, headers=(("Location", target),)))
    add("/loop", Route(status=301, headers=(("Location", "/loop"),)))
    add("/to-ftp", Route(status=302, headers=(("Location", "ftp://127.0.0.1/pub/article.html"),)))
    add("/no-location", Route(status=302, body=b"moved", headers=(HTML_TYPE,)))
    add("/gone", Route(status=410, body=b"<html><body>gone</body></html>", headers=(HTML_TYPE,)))
    add("/server-error", Route(status=500, body=b"<html><body>oops</body></html>", headers=(HTML_TYPE,)))
    big = b"<html><body>" + b"<p>" + b"filler words " * 250_000 + b"</p></body></html>"
    add("/huge", Route(body=big, headers=(HTML_TYPE,)))
    add("/huge-stream", Route(body=big, headers=(HTML_TYPE,), content_length=False))
    add("/slow", Route(body=b"<html><body><p>" + b"x" * 200 + b"</p></body></html>", headers=(HTML_TYPE,), drip=0.05))
    add("/empty", Route(body=b"", headers=(HTML_TYPE,)))
    add("/nav-only", Route(body=NAV_ONLY_HTML.encode(), headers=(HTML_TYPE,)))
    add("/image.png", Route(body=b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, headers=(("Content-Type", "image/png"),)))
    add("/plain.txt", Route(body=article_text(FERRY).encode(), headers=(("Content-Type", "text/plain; charset=utf-8"),)))
    linked = "/linked/library.html"
    add(linked, Route(body=article_html(LIBRARY).encode(), headers=(HTML_TYPE,)))
    feed = rss_feed(
        [
            full_item(RESERVOIR),
            {"title": LIBRARY.title, "link": server.url(linked), "summary": "Volunteers reopen the library."},
        ]
    )
    add("/feed.xml", Route(body=feed.encode(), headers=(("Content-Type", "application/rss+xml"),)))
    urls = f"{server.url('/news/reservoir.html')}\n{server.url('/news/orchard.html')}\n"
    add("/urls.txt", Route(body=urls.encode(), headers=(("Content-Type", "text/plain"),)))


@pytest.fixture(scope="session")
def http_server() -> Iterator[LocalServer]:
    server = LocalServer()
    _serve_routes(server)
    server.thread.start()
    try:
        yield server
    finally:
        server.httpd.shutdown()
        server.httpd.server_close()


# ------------------------------------------------------------------------------------------------
# running ingest


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "pile.db"


def run_ingest(
    inputs: Sequence[str | Path],
    db: Path,
    *,
    allow_private: bool = False,
    max_redirects: int = 5,
    timeout: float = 5.0,
    **options: Any,
) -> IngestSummary:
    """Library-level ingest into the store at ``db``."""
    fetch = FetchOptions(
        allow_private=allow_private,
        max_redirects=max_redirects,
        timeout=timeout,
        max_bytes=options.get("max_bytes", FetchOptions().max_bytes),
    )
    with Store.open(db) as store:
        return ingest([str(p) for p in inputs], store, IngestOptions(fetch=fetch, **options))


def stored(db: Path) -> list[Any]:
    with Store.open(db, create=False) as store:
        return list(store.articles())


def stored_rejections(db: Path) -> list[Any]:
    with Store.open(db, create=False) as store:
        return store.rejections()


CliInvoker = Callable[..., Result]


@pytest.fixture
def cli() -> CliInvoker:
    """Invoke the CLI in-process; a Python exception escaping the command fails the test."""

    def invoke(*args: str | Path, input: bytes | str | None = None) -> Result:
        runner = CliRunner()
        result = runner.invoke(main, [str(a) for a in args], input=input, catch_exceptions=True)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise AssertionError(f"uncaught {result.exception!r}\n{result.output}") from result.exception
        return result

    return invoke


def analyze_files(cli: CliInvoker, tmp_path: Path, files: dict[str, str]) -> dict[str, Any]:
    """``analyze`` a pile of text files (name → content, written under ``tmp_path/pile``) on one
    worker; the dossier it writes."""
    pile = tmp_path / "pile"
    pile.mkdir()
    for name, content in files.items():
        (pile / name).write_text(content, encoding="utf-8")
    out = tmp_path / "dossier.json"
    assert cli("analyze", pile, "--db", tmp_path / "pile.db", "--out", out, "--workers", "1").exit_code == 0
    dossier: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return dossier


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def count_encoded(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every sentence the MiniLM sentence encoder is given from now on, in order (it still encodes)."""
    from storytrace.reuse.embed import SentenceEncoder

    encoded: list[str] = []
    real = SentenceEncoder.encode

    def counted(self: SentenceEncoder, sentences: Sequence[str], **options: Any) -> Any:
        encoded.extend(sentences)
        return real(self, sentences, **options)

    monkeypatch.setattr(SentenceEncoder, "encode", counted)
    return encoded


# --- entity rule tests (tests/test_entities_review*.py): mentions given by hand -----------------------


def mentions_of(text: str, *names: tuple[str, str]) -> list[Mention]:
    """Every whole-word occurrence of each (name, type) in ``text``, longest names first; a name given
    several times with different types takes them in turn (the NER typing one name differently)."""
    found: list[Mention] = []
    by_name: dict[str, list[str]] = {}
    for name, label in names:
        by_name.setdefault(name, []).append(label)
    for name in sorted(by_name, key=len, reverse=True):
        labels = by_name[name]
        for index, match in enumerate(re.finditer(rf"(?<![\w.]){re.escape(name)}(?![\w])", text)):
            if not any(m.span[0] < match.end() and match.start() < m.span[1] for m in found):
                found.append(Mention(text=name, span=match.span(), type=labels[index % len(labels)]))
    return sorted(found, key=lambda m: m.span)


def resolve(*articles: tuple[str, list[tuple[str, str]]]) -> list[Entity]:
    """The entities of articles given as (text, [(name, type) …]), resolved across them."""
    texts = {number: text for number, (text, _) in enumerate(articles, 1)}
    mentions = {number: mentions_of(text, *names) for number, (text, names) in enumerate(articles, 1)}
    return resolve_entities(mentions, texts)


def entity_of(entities: list[Entity], name: str) -> Entity:
    """The one entity named or also called ``name``."""
    owners = [e for e in entities if name == e.name or name in e.aliases]
    assert len(owners) == 1, (name, owners)
    return owners[0]
