"""Fetching http(s) URLs against a local server: safety checks, redirects, caps, timeouts."""

from __future__ import annotations

import json
import socket
import time
from pathlib import Path
from typing import Any

import pytest

from conftest import (
    FERRY,
    HTML_TYPE,
    LIBRARY,
    ORCHARD,
    RESERVOIR,
    CliInvoker,
    LocalServer,
    Route,
    Story,
    rss_feed,
    run_ingest,
    stored,
    write,
)
from storytrace.errors import (
    FetchError,
    FetchFailedError,
    FetchTimeoutError,
    FetchTooLargeError,
    HttpStatusError,
    TooManyRedirectsError,
    UnsafeAddressError,
    UnsupportedSchemeError,
)
from storytrace.ingest import fetch as fetch_module
from storytrace.ingest.fetch import check_address, fetch_url
from storytrace.settings import FetchOptions

LOCAL = FetchOptions(allow_private=True, timeout=5.0)


def body_of(story: Story) -> str:
    return "\n\n".join(story.paragraphs)


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# ------------------------------------------------------------------------------------------------
# address and scheme checks


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/x",
        "http://127.8.9.10/",
        "http://localhost/",
        "http://[::1]/",
        "http://10.1.2.3/",
        "http://172.16.0.5/",
        "http://192.168.1.10:8080/admin",
        "http://169.254.169.254/latest/meta-data/",
        "http://0.0.0.0/",
        "http://224.0.0.1/",
        "http://[::ffff:127.0.0.1]/",
        "http://[fc00::1]/",
        "http://[fe80::1]/",
        "https://2130706433/",
    ],
    ids=[
        "loopback", "loopback-range", "localhost", "ipv6-loopback", "private-10", "private-172",
        "private-192", "cloud-metadata", "unspecified", "multicast", "ipv4-mapped-loopback",
        "ipv6-unique-local", "ipv6-link-local", "integer-ip",
    ],
)  # fmt: skip
def test_unsafe_addresses_are_refused(url: str) -> None:
    with pytest.raises(UnsafeAddressError) as caught:
        check_address(url, allow_private=False)
    assert caught.value.code == "E201"
    assert caught.value.reason == "unsafe_address"
    assert caught.value.hint is not None and "--allow-private" in caught.value.hint


@pytest.mark.parametrize("url", ["http://93.184.215.14/story", "https://[2606:4700:4700::1111]/"], ids=["v4", "v6"])
def test_public_addresses_pass_the_check(url: str) -> None:
    check_address(url, allow_private=False)  # numeric hosts: no DNS lookup, no connection


def test_allow_private_lets_loopback_through() -> None:
    check_address("http://127.0.0.1:9/x", allow_private=True)


@pytest.mark.parametrize(
    "url",
    ["ftp://example.org/story.html", "file:///etc/passwd", "gopher://example.org/", "data://text/plain,hi"],
    ids=["ftp", "file", "gopher", "data"],
)
@pytest.mark.parametrize("allow_private", [False, True], ids=["default", "allow-private"])
def test_non_http_schemes_are_refused(url: str, allow_private: bool) -> None:
    with pytest.raises(UnsupportedSchemeError) as caught:
        fetch_url(url, FetchOptions(allow_private=allow_private))
    assert caught.value.code == "E206"


@pytest.mark.parametrize("url", ["http:///no-host", "http://[::1/", "http://example.org:99999/"],
                         ids=["no-host", "bad-ipv6", "bad-port"])  # fmt: skip
def test_malformed_urls_fail_cleanly(url: str) -> None:
    with pytest.raises(FetchError) as caught:
        fetch_url(url, FetchOptions())
    assert caught.value.code.startswith("E2")


def test_loopback_server_refused_without_allow_private(http_server: LocalServer) -> None:
    before = len(http_server.requests)
    with pytest.raises(UnsafeAddressError):
        fetch_url(http_server.url("/news/reservoir.html"), FetchOptions())
    assert len(http_server.requests) == before  # refused before connecting


# ------------------------------------------------------------------------------------------------
# fetching


def test_fetch_page_with_real_user_agent(http_server: LocalServer) -> None:
    page = fetch_url(http_server.url("/news/reservoir.html"), LOCAL)
    assert page.status == 200
    assert page.url == http_server.url("/news/reservoir.html")
    assert page.content_type == "text/html"
    assert page.charset == "utf-8"
    assert RESERVOIR.paragraphs[0].split(",")[0].encode() in page.body
    assert page.date  # the server's Date header
    headers = http_server.requests_for("/news/reservoir.html")[-1]
    assert headers["user-agent"].startswith("Mozilla/5.0")
    assert "storytrace" in headers["user-agent"]
    assert "gzip" in headers["accept-encoding"]


def test_fetch_gzip_encoded_page(http_server: LocalServer) -> None:
    page = fetch_url(http_server.url("/news/library-gzip"), LOCAL)
    assert page.body.startswith(b"<!DOCTYPE html>")
    assert b"Ashcombe library opened its doors" in page.body


def test_fetch_follows_redirects_within_the_limit(http_server: LocalServer) -> None:
    page = fetch_url(http_server.url("/hop/5"), FetchOptions(allow_private=True, max_redirects=5))
    assert page.url == http_server.url("/news/orchard.html")
    assert page.requested_url == http_server.url("/hop/5")


@pytest.mark.parametrize(
    ("path", "max_redirects"),
    [("/hop/6", 5), ("/loop", 5), ("/hop/1", 0), ("/hop/3", 2)],
    ids=["six-hops", "loop", "none-allowed", "three-of-two"],
)
def test_too_many_redirects(http_server: LocalServer, path: str, max_redirects: int) -> None:
    with pytest.raises(TooManyRedirectsError) as caught:
        fetch_url(http_server.url(path), FetchOptions(allow_private=True, max_redirects=max_redirects))
    assert caught.value.code == "E204"


def test_every_redirect_hop_is_checked(http_server: LocalServer, monkeypatch: pytest.MonkeyPatch) -> None:
    checked: list[str] = []

    def fake_check(url: str, *, allow_private: bool, timeout: float = 10.0) -> list[str]:
        checked.append(url)
        if url.endswith("/hop/1"):  # pretend this hop resolves to a private address
            raise UnsafeAddressError(f"{url}: private")
        return ["127.0.0.1"]  # the address the connection is pinned to

    monkeypatch.setattr(fetch_module, "check_address", fake_check)
    with pytest.raises(UnsafeAddressError):
        fetch_url(http_server.url("/hop/3"), FetchOptions())
    assert checked == [http_server.url(p) for p in ("/hop/3", "/hop/2", "/hop/1")]


def test_redirect_to_another_scheme_is_refused(http_server: LocalServer) -> None:
    with pytest.raises(UnsupportedSchemeError):
        fetch_url(http_server.url("/to-ftp"), LOCAL)


def test_redirect_without_location_is_an_http_error(http_server: LocalServer) -> None:
    with pytest.raises(HttpStatusError) as caught:
        fetch_url(http_server.url("/no-location"), LOCAL)
    assert caught.value.code == "E205"
    assert "Location" in caught.value.message


@pytest.mark.parametrize(("path", "status"), [("/nothing-here", 404), ("/gone", 410), ("/server-error", 500)],
                         ids=["404", "410", "500"])  # fmt: skip
def test_http_error_status(http_server: LocalServer, path: str, status: int) -> None:
    with pytest.raises(HttpStatusError) as caught:
        fetch_url(http_server.url(path), LOCAL)
    assert caught.value.code == "E205"
    assert str(status) in caught.value.message


@pytest.mark.parametrize("path", ["/huge", "/huge-stream"], ids=["content-length", "streamed"])
def test_size_cap(http_server: LocalServer, path: str) -> None:
    with pytest.raises(FetchTooLargeError) as caught:
        fetch_url(http_server.url(path), FetchOptions(allow_private=True, max_bytes=1024 * 1024))
    assert caught.value.code == "E203"


def test_body_under_the_cap_is_fetched(http_server: LocalServer) -> None:
    page = fetch_url(http_server.url("/huge-stream"), FetchOptions(allow_private=True, max_bytes=4 * 1024 * 1024))
    assert len(page.body) > 3_000_000


def test_slow_server_times_out_as_a_whole(http_server: LocalServer) -> None:
    # One byte every 50 ms never trips a per-read timeout; the fetch as a whole must still stop.
    started = time.monotonic()
    with pytest.raises(FetchTimeoutError) as caught:
        fetch_url(http_server.url("/slow"), FetchOptions(allow_private=True, timeout=0.5))
    assert caught.value.code == "E207"
    assert time.monotonic() - started < 3.0


def test_connection_refused() -> None:
    with pytest.raises(FetchFailedError) as caught:
        fetch_url(f"http://127.0.0.1:{closed_port()}/story", LOCAL)
    assert caught.value.code == "E202"


# ------------------------------------------------------------------------------------------------
# URLs through the ingest run


def test_ingest_url_stores_final_url_and_fetch_time(http_server: LocalServer, tmp_path: Path) -> None:
    db = tmp_path / "pile.db"
    summary = run_ingest([http_server.url("/hop/2")], db, allow_private=True)
    assert len(summary.new) == 1 and summary.failures == ()
    (article,) = stored(db)
    assert article.source == http_server.url("/hop/2")
    assert article.url == http_server.url("/news/orchard.html")
    assert article.source_kind == "url"
    assert article.fetched_at  # HTTP Date
    assert article.published == ORCHARD.date
    assert article.title == ORCHARD.title
    assert article.text == body_of(ORCHARD)
    again = run_ingest([http_server.url("/hop/2")], db, allow_private=True)
    assert (again.new, again.unchanged) == ((), (article.id,))


def test_ingest_latin1_page_and_plain_text(http_server: LocalServer, tmp_path: Path) -> None:
    db = tmp_path / "pile.db"
    summary = run_ingest([http_server.url("/news/ferry-latin1"), http_server.url("/plain.txt")], db, allow_private=True)
    assert len(summary.new) == 2, summary.failures
    latin1, plain = stored(db)
    assert "Skärra" in latin1.text
    assert plain.title == FERRY.title
    assert plain.text == body_of(FERRY)


def test_ingest_url_refused_without_allow_private(http_server: LocalServer, tmp_path: Path) -> None:
    summary = run_ingest([http_server.url("/news/reservoir.html")], tmp_path / "pile.db")
    assert summary.stored == 0
    (rejection,) = summary.failures
    assert (rejection.code, rejection.reason) == ("E201", "unsafe_address")


@pytest.mark.parametrize(
    ("path", "code"),
    [
        ("/nothing-here", "E205"),
        ("/hop/7", "E204"),
        ("/huge", "E203"),
        ("/to-ftp", "E206"),
        ("/empty", "E102"),
        ("/image.png", "E103"),
        ("/nav-only", "E106"),
    ],
    ids=["404", "redirects", "too-large", "scheme", "empty", "image", "no-article"],
)
def test_ingest_url_failures_are_rejections(http_server: LocalServer, tmp_path: Path, path: str, code: str) -> None:
    good = write(tmp_path / "good.txt", "\n\n".join(LIBRARY.paragraphs))
    summary = run_ingest([http_server.url(path), good], tmp_path / "pile.db", allow_private=True,
                         max_bytes=1024 * 1024)  # fmt: skip
    assert len(summary.new) == 1
    (rejection,) = summary.failures
    assert rejection.code == code
    assert rejection.source == http_server.url(path)


def test_url_list_file_is_fetched(http_server: LocalServer, tmp_path: Path) -> None:
    listing = write(tmp_path / "links.urls", http_server.url("/news/reservoir.html") + "\n" + http_server.url("/news/orchard.html"))
    summary = run_ingest([listing], tmp_path / "pile.db", allow_private=True)
    assert len(summary.new) == 2
    assert [a.title for a in stored(tmp_path / "pile.db")] == [RESERVOIR.title, ORCHARD.title]


def test_fetched_url_list_is_fetched(http_server: LocalServer, tmp_path: Path) -> None:
    summary = run_ingest([http_server.url("/urls.txt")], tmp_path / "pile.db", allow_private=True)
    assert sorted(a.title for a in stored(tmp_path / "pile.db")) == sorted([RESERVOIR.title, ORCHARD.title])
    assert len(summary.new) == 2


@pytest.mark.parametrize("follow", [False, True], ids=["listed", "followed"])
def test_feed_file_links_are_fetched_only_with_follow_links(
    http_server: LocalServer, tmp_path: Path, follow: bool
) -> None:
    link = http_server.url("/linked/library.html")
    feed = write(tmp_path / "courier.rss", rss_feed([{"title": "Library teaser", "link": link, "summary": "Short."}]))
    before = len(http_server.requests_for("/linked/library.html"))
    summary = run_ingest([feed], tmp_path / "pile.db", allow_private=True, follow_links=follow)
    fetched = len(http_server.requests_for("/linked/library.html")) - before
    if follow:
        assert fetched == 1
        (article,) = stored(tmp_path / "pile.db")
        assert article.text == body_of(LIBRARY)
        assert article.source == str(feed)
        assert article.url == link
        assert summary.links_not_followed == ()
    else:
        assert fetched == 0
        assert summary.stored == 0
        assert summary.links_not_followed == (link,)


@pytest.mark.parametrize("follow", [False, True], ids=["listed", "followed"])
def test_fetched_feed_links_are_fetched_with_follow_links(
    http_server: LocalServer, tmp_path: Path, follow: bool
) -> None:
    summary = run_ingest([http_server.url("/feed.xml")], tmp_path / "pile.db", allow_private=True, follow_links=follow)
    titles = sorted(a.title for a in stored(tmp_path / "pile.db"))
    if follow:
        assert titles == sorted([RESERVOIR.title, LIBRARY.title])
        assert summary.links_not_followed == ()
    else:
        assert titles == [RESERVOIR.title]
        assert summary.links_not_followed == (http_server.url("/linked/library.html"),)


def test_failed_feed_link_is_recorded_against_the_feed(http_server: LocalServer, tmp_path: Path) -> None:
    link = http_server.url("/gone")
    feed = write(tmp_path / "courier.rss", rss_feed([{"title": "Gone", "link": link}]))
    summary = run_ingest([feed], tmp_path / "pile.db", allow_private=True, follow_links=True)
    (rejection,) = summary.failures
    assert (rejection.code, rejection.source, rejection.locator) == ("E205", str(feed), link)


def test_cli_refuses_loopback_url(cli: CliInvoker, tmp_path: Path) -> None:
    result = cli("ingest", "http://127.0.0.1:9/x", "--db", tmp_path / "pile.db", "--json")
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    (rejected,) = payload["rejected"]
    assert (rejected["code"], rejected["reason"], rejected["source"]) == ("E201", "unsafe_address", "http://127.0.0.1:9/x")
    plain = cli("ingest", "http://127.0.0.1:9/x", "--db", tmp_path / "pile.db")
    assert plain.exit_code == 1
    assert "[E201]" in plain.stderr and "--allow-private" in plain.stderr


def test_cli_allow_private_fetches_local_server(cli: CliInvoker, http_server: LocalServer, tmp_path: Path) -> None:
    db = tmp_path / "pile.db"
    result = cli("ingest", http_server.url("/news/library-gzip"), "--db", db, "--allow-private", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["new"] == 1
    (article,) = stored(db)
    assert article.title == LIBRARY.title


def test_cli_timeout_option(cli: CliInvoker, http_server: LocalServer, tmp_path: Path) -> None:
    result = cli("ingest", http_server.url("/slow"), "--db", tmp_path / "pile.db", "--allow-private",
                 "--timeout", "0.3", "--json")  # fmt: skip
    assert result.exit_code == 1
    assert json.loads(result.stdout)["rejected"][0]["code"] == "E207"


# ------------------------------------------------------------------------------------------------
# hardening (issue #7): numeric spellings, IPv4 inside IPv6, DNS answers, DNS rebinding,
# redirects into the private network, compressed bombs, slow DNS


@pytest.mark.parametrize(
    "url",
    [
        "http://0177.0.0.1/", "http://0x7f.1/", "http://127.1/", "http://017700000001/", "http://0x7f000001/",
        "http://0/", "http://[::]/", "http://[::ffff:7f00:1]/", "http://[::ffff:169.254.169.254]/",
        "http://[2002:7f00:1::]/", "http://[64:ff9b::a00:1]/", "http://[fec0::1]/", "http://100.64.0.1/",
        "http://192.0.2.1/", "http://255.255.255.255/", "http://[ff02::1]/", "http://240.0.0.1/",
    ],
    ids=[
        "octal", "hex-short", "short-form", "octal-integer", "hex-integer", "zero", "ipv6-unspecified",
        "ipv4-mapped-hex", "ipv4-mapped-metadata", "6to4-loopback", "nat64-private", "ipv6-site-local",
        "shared-cgnat", "documentation", "broadcast", "ipv6-multicast", "reserved-class-e",
    ],
)  # fmt: skip
def test_numeric_spellings_and_embedded_ipv4_are_refused(url: str) -> None:
    with pytest.raises(UnsafeAddressError) as caught:
        check_address(url, allow_private=False)
    assert "refused as unsafe" in caught.value.message


def fake_resolver(monkeypatch: pytest.MonkeyPatch, answers: dict[str, list[list[str]]]) -> dict[str, int]:
    """Make ``host`` resolve to each list of addresses in turn (the last one repeats); other hosts
    (numeric ones, as when the connection is made to a pinned address) resolve as usual."""
    real = socket.getaddrinfo
    calls: dict[str, int] = {}

    def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(host, bytes):
            host = host.decode()
        if host in answers:
            calls[host] = calls.get(host, 0) + 1
            addresses = answers[host][min(calls[host], len(answers[host])) - 1]
            return [
                (socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "",
                 (a, int(port or 0), 0, 0) if ":" in a else (a, int(port or 0)))
                for a in addresses
            ]  # fmt: skip
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return calls


def trust_loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let 127.0.0.1 (the test server) pass as a public address, and nothing else."""
    real = fetch_module.address_problem

    def problem(address: Any) -> str | None:
        return None if str(address) == "127.0.0.1" else real(address)

    monkeypatch.setattr(fetch_module, "address_problem", problem)


@pytest.mark.parametrize(
    "addresses", [["10.20.30.40"], ["93.184.215.14", "192.168.0.7"], ["fd00::5"], ["::ffff:10.0.0.1"]],
    ids=["private", "public-and-private", "ipv6-unique-local", "mapped-private"],
)  # fmt: skip
def test_dns_answers_are_checked(monkeypatch: pytest.MonkeyPatch, addresses: list[str]) -> None:
    fake_resolver(monkeypatch, {"intranet.example": [addresses]})
    with pytest.raises(UnsafeAddressError) as caught:
        fetch_url("http://intranet.example/wiki", FetchOptions(timeout=5.0))
    assert "intranet.example resolves to" in caught.value.message


def test_dns_rebinding_cannot_swap_the_address(http_server: LocalServer, monkeypatch: pytest.MonkeyPatch) -> None:
    # First answer: the (trusted) test server; any later answer: a private address. The fetch
    # resolves once and connects to the checked address, so the second answer is never used.
    trust_loopback(monkeypatch)
    calls = fake_resolver(monkeypatch, {"rebind.example": [["127.0.0.1"], ["10.0.0.1"]]})
    url = f"http://rebind.example:{http_server.port}/news/reservoir.html"
    page = fetch_url(url, FetchOptions(timeout=5.0))
    assert page.status == 200 and page.url == url
    assert RESERVOIR.paragraphs[0].split(",")[0].encode() in page.body
    assert calls == {"rebind.example": 1}
    assert http_server.requests_for("/news/reservoir.html")[-1]["host"] == f"rebind.example:{http_server.port}"


def test_redirect_into_the_private_network_is_refused(http_server: LocalServer, monkeypatch: pytest.MonkeyPatch) -> None:
    trust_loopback(monkeypatch)
    http_server.add("/to-metadata", Route(status=302, headers=(("Location", "http://169.254.169.254/latest/"),)))
    http_server.add("/to-intranet", Route(status=302, headers=(("Location", "http://intranet.example/"),)))
    fake_resolver(monkeypatch, {"intranet.example": [["192.168.1.1"]]})
    for path in ("/to-metadata", "/to-intranet"):
        with pytest.raises(UnsafeAddressError):
            fetch_url(http_server.url(path), FetchOptions(timeout=5.0))
    page = fetch_url(http_server.url("/hop/2"), FetchOptions(timeout=5.0))  # safe redirects still work
    assert page.url == http_server.url("/news/orchard.html")


def test_compressed_bomb_from_a_server_stops_at_the_cap(http_server: LocalServer) -> None:
    import zlib

    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    bomb = b"".join(compressor.compress(b"\0" * (1 << 20)) for _ in range(200)) + compressor.flush()
    url = http_server.add("/bomb", Route(body=bomb, headers=(HTML_TYPE, ("Content-Encoding", "gzip"))))
    started = time.monotonic()
    with pytest.raises(FetchTooLargeError) as caught:
        fetch_url(url, FetchOptions(allow_private=True, timeout=10.0, max_bytes=2 * 1024 * 1024))
    assert "decoded body" in caught.value.message
    assert time.monotonic() - started < 5


def test_unrequested_content_encoding_is_refused(http_server: LocalServer) -> None:
    url = http_server.add("/zstd", Route(body=b"\x28\xb5\x2f\xfd" + b"x" * 50, headers=(HTML_TYPE, ("Content-Encoding", "zstd"))))
    with pytest.raises(FetchFailedError) as caught:
        fetch_url(url, LOCAL)
    assert "zstd" in caught.value.message


def test_slow_dns_counts_against_the_deadline(monkeypatch: pytest.MonkeyPatch) -> None:
    def slow(*args: Any, **kwargs: Any) -> Any:
        time.sleep(3)
        raise socket.gaierror("no answer")

    monkeypatch.setattr(socket, "getaddrinfo", slow)
    started = time.monotonic()
    with pytest.raises(FetchTimeoutError):
        fetch_url("http://slow-dns.example/", FetchOptions(timeout=0.5))
    assert time.monotonic() - started < 2
