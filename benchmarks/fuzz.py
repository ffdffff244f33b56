"""Fuzz the ingest path: generated and mutated inputs through ``storytrace ingest``, batch by batch.

Seeds are generated here (pages with JSON-LD and meta tags, plain text, markdown, RSS, Atom,
WARC and WARC.gz crawls, CSV, TSV, JSONL, JSON exports; the stories are random words from a
small vocabulary, nothing copied from anywhere) and then mutated: byte flips, insertions,
deletions, truncation, splices of two seeds, gzip wrapping (also cut short, and gzip bombs),
re-encoding (UTF-16 with and without BOM, a wrong declared charset, overlong UTF-8, lone
surrogates), NUL and control bytes, pathological markup (deep nesting, unclosed tags, huge
attributes, runs of ``![`` or ``<http://``, entity expansion, combining-mark storms, deep JSON)
and renaming to another format's suffix (or none, so the format is sniffed).

Each batch is written to a folder and ingested into a fresh store with the library call the CLI
makes. Checked for every input: the run does not raise, the input ends up as an article or as
at least one rejection with a stable code (``E`` + 3 digits) and a reason, no rejection is
``E000 internal`` (an unexpected exception: counted as a crash), each stored article's
paragraph spans cut its clean text exactly, and no input takes longer than the per-document
time cap (plus :data:`SLACK` seconds).

    .venv/bin/python benchmarks/fuzz.py --count 10000 [--seed 7] [--time-limit 5] [--json]

Prints inputs tried, crashes, invariant violations, rejections by code, articles, timings.
Exit status 1 when anything failed.
"""

from __future__ import annotations

import argparse
import codecs
import gzip
import html
import json
import random
import re
import shutil
import sys
import tempfile
import time
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

#: Seconds an input may take past the time cap before it counts as a hang (store writes, jitter).
SLACK = 3.0

_WORDS = (
    "council", "harbour", "ferry", "reservoir", "bridge", "village", "mayor", "inspector", "board", "residents",
    "volunteers", "library", "budget", "million", "pounds", "engineers", "agency", "report", "meeting", "tuesday",
    "spring", "valley", "river", "dam", "wall", "vote", "officials", "police", "minister", "statement", "press",
    "court", "judge", "witness", "evidence", "hospital", "nurses", "strike", "wages", "school", "pupils",
    "teachers", "exam", "results", "flood", "warning", "storm", "road", "closed", "trains", "delayed", "station",
    "market", "prices", "farmers", "harvest", "orchard", "apples", "drought", "water", "supply", "pipeline",
    "contract", "company", "shares",
)  # fmt: skip
_NAMES = ("Imogen Vale", "Tobias Fernhill", "Rosalind Achebe", "Marek Solberg", "Ines Okafor", "Jun Arai")
_OUTLETS = ("The Dale Courier", "Westmoor Gazette", "Harbour Evening Post", "Northfield Times")


# ------------------------------------------------------------------------------------------------
# seeds


@dataclass(frozen=True)
class _Story:
    title: str
    author: str
    outlet: str
    date: str
    paragraphs: tuple[str, ...]


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(8, 22))]
    if rng.random() < 0.3:
        words.insert(rng.randrange(len(words)), f"{rng.randint(2, 9000):,}")
    text = " ".join(words)
    if rng.random() < 0.2:
        text = f"\u201c{text.capitalize()},\u201d {rng.choice(_NAMES)} said"
    return text[0].upper() + text[1:] + "."


def _story(rng: random.Random) -> _Story:
    paragraphs = tuple(
        " ".join(_sentence(rng) for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(2, 7))
    )
    title = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(4, 10))).capitalize()
    date = f"20{rng.randint(10, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return _Story(title, rng.choice(_NAMES), rng.choice(_OUTLETS), date, paragraphs)


def _html_page(story: _Story, rng: random.Random) -> str:
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in story.paragraphs)
    jsonld = json.dumps(
        {"@context": "https://schema.org", "@type": "NewsArticle", "headline": story.title,
         "datePublished": story.date + "T09:00:00Z", "author": {"@type": "Person", "name": story.author},
         "publisher": {"@type": "Organization", "name": story.outlet}}
    )  # fmt: skip
    charset = rng.choice(["utf-8", "utf-8", "iso-8859-1", "windows-1252"])
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="{charset}"><title>{html.escape(story.title)} | '
        f'{html.escape(story.outlet)}</title><meta property="og:site_name" content="{html.escape(story.outlet)}">'
        f'<script type="application/ld+json">{jsonld}</script></head><body><nav><a href="/">Home</a></nav>'
        f"<article><h1>{html.escape(story.title)}</h1><p class=\"byline\">By {html.escape(story.author)}</p>"
        f"{body}</article><footer>&copy; 2024 {html.escape(story.outlet)}</footer></body></html>"
    )


def _text(story: _Story) -> str:
    return f"{story.title}\n\nBy {story.author}\n\n{story.outlet}, {story.date}\n\n" + "\n\n".join(story.paragraphs)


def _markdown(story: _Story) -> str:
    paragraphs = list(story.paragraphs)
    paragraphs[0] = paragraphs[0].replace(" ", " [link](https://example.org/a) ", 1)
    return f"# {story.title}\n\n*By {story.author}*\n\n" + "\n\n".join(paragraphs) + "\n\n**Tags:** a, b\n"


def _rss(stories: list[_Story]) -> str:
    items = "".join(
        f"<item><title>{html.escape(s.title)}</title><link>https://news.example/{i}</link>"
        f"<pubDate>Tue, 14 Mar 2023 09:30:00 GMT</pubDate><dc:creator>{html.escape(s.author)}</dc:creator>"
        f"<content:encoded><![CDATA[{''.join(f'<p>{p}</p>' for p in s.paragraphs)}]]></content:encoded></item>"
        for i, s in enumerate(stories)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<channel><title>Feed</title>{items}</channel></rss>"
    )


def _atom(story: _Story) -> str:
    content = html.escape("".join(f"<p>{p}</p>" for p in story.paragraphs))
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
        f"<entry><title>{html.escape(story.title)}</title><link href=\"https://news.example/a\"/>"
        f"<id>tag:x,2024:a</id><updated>{story.date}T00:00:00Z</updated>"
        f'<content type="html">{content}</content></entry></feed>'
    )


def _warc_record(block: bytes, uri: str, rng: random.Random, kind: str = "response") -> bytes:
    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{rng.getrandbits(128):032x}>\r\n"
        f"WARC-Date: 2024-02-01T10:20:30Z\r\nWARC-Target-URI: {uri}\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(block)}\r\n\r\n"
    )
    return head.encode() + block + b"\r\n\r\n"


def _http(body: bytes, rng: random.Random) -> bytes:
    headers = ["HTTP/1.1 200 OK", "Content-Type: text/html; charset=utf-8"]
    if rng.random() < 0.3:
        body = gzip.compress(body)
        headers.append("Content-Encoding: gzip")
    headers.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(headers) + "\r\n\r\n").encode() + body


def _warc(stories: list[_Story], rng: random.Random, *, gz: bool) -> bytes:
    records = [_warc_record(_http(_html_page(s, rng).encode(), rng), f"https://news.example/{i}", rng)
               for i, s in enumerate(stories)]  # fmt: skip
    return b"".join(gzip.compress(r) for r in records) if gz else b"".join(records)


def _rows(stories: list[_Story]) -> list[dict[str, str]]:
    return [{"title": s.title, "text": "\n\n".join(s.paragraphs), "date": s.date, "outlet": s.outlet,
             "url": f"https://news.example/{i}"} for i, s in enumerate(stories)]  # fmt: skip


def _csv(stories: list[_Story], delimiter: str) -> str:
    import csv
    import io

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=["title", "text", "date", "outlet", "url"], delimiter=delimiter)
    writer.writeheader()
    writer.writerows(_rows(stories))
    return out.getvalue()


def make_seed(rng: random.Random) -> tuple[str, bytes]:
    """One generated, well-formed input: (file suffix, bytes)."""
    kind = rng.choice(["html", "html", "html", "text", "markdown", "rss", "atom", "warc", "warc.gz", "csv",
                       "tsv", "jsonl", "json", "html.gz"])  # fmt: skip
    stories = [_story(rng) for _ in range(rng.randint(1, 3))]
    if kind in {"html", "html.gz"}:
        data = _html_page(stories[0], rng).encode("utf-8")
        return (".html.gz", gzip.compress(data)) if kind == "html.gz" else (".html", data)
    if kind == "text":
        return ".txt", _text(stories[0]).encode()
    if kind == "markdown":
        return ".md", _markdown(stories[0]).encode()
    if kind == "rss":
        return ".rss", _rss(stories).encode()
    if kind == "atom":
        return ".atom", _atom(stories[0]).encode()
    if kind in {"warc", "warc.gz"}:
        return "." + kind, _warc(stories, rng, gz=kind == "warc.gz")
    if kind in {"csv", "tsv"}:
        return "." + kind, _csv(stories, "," if kind == "csv" else "\t").encode()
    if kind == "jsonl":
        return ".jsonl", "\n".join(json.dumps(r) for r in _rows(stories)).encode()
    return ".json", json.dumps({"articles": _rows(stories)}).encode()


# ------------------------------------------------------------------------------------------------
# mutations

_SUFFIXES = (".html", ".txt", ".md", ".rss", ".xml", ".warc", ".warc.gz", ".csv", ".tsv", ".jsonl", ".json",
             ".html.gz", "", ".bin")  # fmt: skip

_BOMB_CACHE: dict[int, bytes] = {}


def _bomb(size: int) -> bytes:
    if size not in _BOMB_CACHE:
        compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
        block = b"\0" * (1 << 20)
        parts = [compressor.compress(block) for _ in range(size >> 20)]
        _BOMB_CACHE[size] = b"".join(parts) + compressor.flush()
    return _BOMB_CACHE[size]


def _pathological(rng: random.Random, scale: int) -> bytes:
    n = scale
    choices: list[Callable[[], bytes]] = [
        lambda: b"<div>" * n + b"<p>deep words here for the page</p>" + b"</div>" * n,
        lambda: b"<table><tr><td>" * (n // 3),
        lambda: b'<a href="' + b"x" * (n * 20) + b'">link</a>',
        lambda: b"![" * n,
        lambda: b"<http://" * n,
        lambda: b"[a](" * n,
        lambda: b"*a" * n,
        lambda: b"#\n" * n,
        lambda: b"\n" * n,
        lambda: b"<!--" + b"x" * n,
        lambda: b"<script>" + b"var a = 1;" * n,
        lambda: b"[" * n + b"]" * n,
        lambda: b"{\"a\":" * n + b"1" + b"}" * n,
        lambda: ("e" + "".join(chr(0x300 + rng.randrange(0x70)) for _ in range(n))).encode(),
        lambda: b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
        + b"".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'.encode() for i in range(8))
        + b']><rss version="2.0"><channel><item><title>&i;</title><description>&i;</description></item></channel></rss>',
        lambda: b"\xe2\x80\xae" * n + b"right to left",
        lambda: b"By " + b"John Smith and " * (n // 4),
        lambda: b"\r" * n + b"x",
        lambda: ("x " * 30 + "\n").encode() * (n // 10),
        lambda: b'"' * n,
        lambda: b"\xc0\x80" * n,
        lambda: b"\xed\xa0\x80" * n,
    ]
    return rng.choice(choices)()


def mutate(rng: random.Random, suffix: str, data: bytes, other: bytes) -> tuple[str, bytes, str]:
    """(suffix, bytes, mutation name): one or more random mutations of a seed."""
    names: list[str] = []
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        choice = rng.randrange(17)
        buffer = bytearray(data)
        if choice == 0 and buffer:
            for _ in range(rng.randint(1, 20)):
                buffer[rng.randrange(len(buffer))] ^= 1 << rng.randrange(8)
            names.append("bitflip")
        elif choice == 1:
            for _ in range(rng.randint(1, 10)):
                at = rng.randrange(len(buffer) + 1)
                buffer[at:at] = bytes(rng.getrandbits(8) for _ in range(rng.randint(1, 64)))
            names.append("insert")
        elif choice == 2 and buffer:
            at = rng.randrange(len(buffer))
            del buffer[at : at + rng.randint(1, 4096)]
            names.append("delete")
        elif choice == 3:
            buffer = buffer[: rng.randrange(len(buffer) + 1)]
            names.append("truncate")
        elif choice == 4 and buffer:
            start = rng.randrange(len(buffer))
            piece = buffer[start : start + rng.randint(1, 2048)]
            at = rng.randrange(len(buffer) + 1)
            buffer[at:at] = piece * rng.randint(1, 50)
            names.append("duplicate")
        elif choice == 5:
            cut = rng.randrange(len(buffer) + 1)
            buffer = buffer[:cut] + bytearray(other[rng.randrange(len(other) + 1) :])
            names.append("splice")
        elif choice == 6:
            packed = gzip.compress(bytes(buffer))
            if rng.random() < 0.3:
                packed = packed[: rng.randrange(len(packed) + 1)]
                names.append("gzip-cut")
            else:
                names.append("gzip")
            buffer = bytearray(packed)
            suffix = rng.choice([suffix + ".gz", suffix, ".gz"]) if not suffix.endswith(".gz") else suffix
        elif choice == 7:
            text = bytes(buffer).decode("utf-8", "replace")
            encoding = rng.choice(["utf-16", "utf-16-le", "utf-16-be", "utf-32", "latin-1", "cp1252", "shift_jis",
                                   "koi8-r", "utf-8-sig"])  # fmt: skip
            buffer = bytearray(text.encode(encoding, "replace"))
            names.append(f"encode-{encoding}")
        elif choice == 8:
            declared = rng.choice([b"utf-16", b"shift_jis", b"x-unknown", b"utf-7", b"iso-2022-jp", b"ebcdic-cp-us"])
            buffer = bytearray(re.sub(rb"utf-8|UTF-8", declared, bytes(buffer), count=2))
            names.append("wrong-charset")
        elif choice == 9:
            for _ in range(rng.randint(1, 30)):
                at = rng.randrange(len(buffer) + 1)
                buffer[at:at] = bytes([rng.choice([0, 1, 7, 8, 11, 12, 27, 127, 0x85, 0xA0])]) * rng.randint(1, 200)
            names.append("control-bytes")
        elif choice == 10:
            at = rng.randrange(len(buffer) + 1)
            buffer[at:at] = _pathological(rng, rng.choice([200, 2000, 20_000, 100_000]))
            names.append("pathological")
        elif choice == 11:
            suffix = rng.choice(_SUFFIXES)
            names.append("rename")
        elif choice == 12:
            buffer = bytearray(_bomb(rng.choice([8, 32]) << 20))
            suffix = rng.choice([".html.gz", ".txt.gz", ".gz", ".json.gz", ""])
            names.append("gzip-bomb")
        elif choice == 13:
            buffer = bytearray(rng.getrandbits(8) for _ in range(rng.randint(0, 4096)))
            names.append("random-bytes")
        elif choice == 14:
            buffer = bytearray(b"\0" * rng.randint(1, 5000)) if rng.random() < 0.5 else bytearray()
            names.append("nul-or-empty")
        elif choice == 15:
            buffer = bytearray(bytes(buffer).replace(b"\n", b"\r") if rng.random() < 0.5 else bytes(buffer).replace(b"\n", b""))
            names.append("line-ends")
        else:
            buffer = bytearray(codecs.BOM_UTF8 + bytes(buffer)) if rng.random() < 0.5 else bytearray(codecs.BOM_UTF16_LE + bytes(buffer))
            names.append("bom")
        data = bytes(buffer)
    return suffix, data, "+".join(names) or "none"


# ------------------------------------------------------------------------------------------------
# run


@dataclass
class FuzzReport:
    inputs: int = 0
    seeds_unmutated: int = 0
    crashes: int = 0
    """Exceptions escaping ingest, plus E000 internal rejections (an unexpected exception inside)."""
    unaccounted: int = 0
    """Inputs that became neither an article nor a rejection."""
    bad_rejections: int = 0
    """Rejections without a stable code or a reason."""
    invariant_violations: int = 0
    """Stored articles whose paragraph spans do not cut their clean text exactly (or other checks)."""
    hangs: int = 0
    """Inputs that took longer than the time cap plus SLACK."""
    articles: int = 0
    rejections_by_code: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    max_input_seconds: float = 0.0
    p99_input_seconds: float = 0.0
    slowest: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.crashes or self.unaccounted or self.bad_rejections or self.invariant_violations or self.hangs)


def _check_article(article: object) -> str | None:
    text: str = article.text  # type: ignore[attr-defined]
    spans = article.paragraphs  # type: ignore[attr-defined]
    position = 0
    pieces = []
    for start, end in spans:
        if not (position <= start < end <= len(text)):
            return f"span {start}-{end} out of order or bounds (text {len(text)})"
        pieces.append(text[start:end])
        position = end
    if "\n\n".join(pieces) != text:
        return "paragraph spans do not rebuild the text"
    if re.search(r"[\x00-\x08\x0b\x0e-\x1f\x7f]", text):
        return "control character in clean text"
    if any(p != p.strip() or "\n\n" in p for p in pieces):
        return "paragraph with outer whitespace or a blank line inside"
    return None


def run_fuzz(
    count: int, *, seed: int = 7, time_limit: float = 5.0, max_bytes: int = 4 * 1024 * 1024, batch: int = 250,
    workers: int = 1, progress: Callable[[str], None] | None = None,
) -> FuzzReport:
    """Fuzz ``count`` inputs; see the module docstring."""
    from storytrace.ingest import ingest
    from storytrace.settings import FetchOptions, IngestOptions
    from storytrace.store import Store

    rng = random.Random(seed)
    report = FuzzReport()
    codes: Counter[str] = Counter()
    durations: list[tuple[float, str]] = []
    options = IngestOptions(
        max_bytes=max_bytes, workers=workers, time_limit=time_limit, fetch=FetchOptions(timeout=2.0),
    )
    seeds = [make_seed(rng) for _ in range(64)]
    started = time.perf_counter()
    root = Path(tempfile.mkdtemp(prefix="storytrace-fuzz-"))
    try:
        done = 0
        while done < count:
            folder = root / f"batch-{done:06d}"
            folder.mkdir()
            names: dict[str, str] = {}
            for index in range(done, min(count, done + batch)):
                if rng.random() < 0.1:
                    suffix, data = make_seed(rng)
                    seeds[rng.randrange(len(seeds))] = (suffix, data)
                    mutation = "none"
                    report.seeds_unmutated += 1
                else:
                    suffix, data = rng.choice(seeds)
                    suffix, data, mutation = mutate(rng, suffix, data, rng.choice(seeds)[1])
                path = folder / f"{index:06d}{suffix}"
                path.write_bytes(data)
                names[str(path)] = mutation
            clock = [time.perf_counter()]

            def tick(
                done_sources: int, total: int, spec: str, clock: list[float] = clock, names: dict[str, str] = names
            ) -> None:
                now = time.perf_counter()
                durations.append((now - clock[0], f"{Path(spec).name} ({names.get(spec, '?')})"))
                clock[0] = now

            db = root / f"fuzz-{done:06d}.db"
            try:
                with Store.open(db) as store:
                    ingest([str(folder)], store, options, progress=tick)
            except Exception as exc:  # noqa: BLE001 - the one thing that must never happen, counted
                report.crashes += 1
                report.failures.append(f"batch {done}: ingest raised {exc!r}")
            with Store.open(db) as store:
                articles = list(store.articles())
                rejections = store.rejections()
            accounted: set[str] = set()
            for article in articles:
                accounted.add(article.source)
                problem = _check_article(article)
                if problem:
                    report.invariant_violations += 1
                    report.failures.append(f"{article.source} ({names.get(article.source)}): {problem}")
            for rejection in rejections:
                accounted.add(rejection.source)
                codes[rejection.code] += 1
                if not re.fullmatch(r"E\d{3}", rejection.code) or not rejection.reason:
                    report.bad_rejections += 1
                    report.failures.append(f"{rejection.source}: rejection without code/reason {rejection}")
                if rejection.code == "E000":
                    report.crashes += 1
                    report.failures.append(f"{rejection.source} ({names.get(rejection.source)}): {rejection.message}")
            for spec, mutation in names.items():
                if spec not in accounted:
                    report.unaccounted += 1
                    report.failures.append(f"{spec} ({mutation}): neither an article nor a rejection")
            report.articles += len(articles)
            report.inputs += len(names)
            done += len(names)
            shutil.rmtree(folder, ignore_errors=True)
            for leftover in root.glob(f"fuzz-{done - len(names):06d}.db*"):
                leftover.unlink()
            if progress is not None:
                progress(f"{done}/{count} inputs, {report.crashes} crashes, {time.perf_counter() - started:.0f} s")
    finally:
        shutil.rmtree(root, ignore_errors=True)
    report.seconds = round(time.perf_counter() - started, 2)
    times = sorted(d for d, _ in durations)
    if times:
        report.max_input_seconds = round(times[-1], 3)
        report.p99_input_seconds = round(times[min(len(times) - 1, int(len(times) * 0.99))], 3)
    report.slowest = [f"{d:.2f} s {name}" for d, name in sorted(durations, reverse=True)[:5]]
    report.hangs = sum(1 for d, _ in durations if d > time_limit + SLACK)
    report.rejections_by_code = dict(sorted(codes.items()))
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=10_000, help="inputs to try")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--time-limit", type=float, default=5.0, help="per-document time cap (seconds)")
    parser.add_argument("--max-size", type=int, default=4 * 1024 * 1024, help="size cap in bytes")
    parser.add_argument("--workers", type=int, default=1, help="extraction workers (1: inline, per-input timing)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    report = run_fuzz(
        args.count, seed=args.seed, time_limit=args.time_limit, max_bytes=args.max_size, workers=args.workers,
        progress=None if args.json else lambda line: print(line, file=sys.stderr, flush=True),
    )
    if args.json:
        print(json.dumps({**asdict(report), "ok": report.ok}, indent=1))
    else:
        print(f"inputs tried        {report.inputs:,} ({report.seeds_unmutated:,} unmutated seeds)")
        print(f"crashes             {report.crashes}")
        print(f"unaccounted inputs  {report.unaccounted}")
        print(f"bad rejections      {report.bad_rejections}")
        print(f"invariant failures  {report.invariant_violations}")
        print(f"hangs (> cap + {SLACK:g} s) {report.hangs}")
        print(f"articles stored     {report.articles:,}")
        print("rejections by code  " + ", ".join(f"{c} {n:,}" for c, n in report.rejections_by_code.items()))
        print(f"time                {report.seconds:.1f} s ({report.inputs / max(report.seconds, 1e-9):.0f} inputs/s); "
              f"per input max {report.max_input_seconds:.2f} s, p99 {report.p99_input_seconds:.3f} s")
        print("slowest             " + "; ".join(report.slowest))
        for line in report.failures[:30]:
            print("FAIL " + line)
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
