"""Fetching http(s) URLs safely: overall timeout, size cap, redirect limit, real User-Agent, gzip.

Server-side request forgery is refused: for every hop (the URL and each redirect) the host is
resolved *once*, every address it resolves to must be public (not loopback, private,
link-local, multicast, reserved, unspecified, shared/CGNAT or otherwise non-global — IPv4
inside IPv6 (mapped, 6to4, NAT64, Teredo) is unwrapped first), and the connection is then made
**to that checked address** (Host header and TLS server name keep the host name). A second DNS
answer cannot swap in a private address (DNS rebinding), and numeric spellings
(``2130706433``, ``0177.0.0.1``, ``0x7f.1``) resolve to what they mean before the check.
``allow_private`` skips the address checks (not the scheme check).

Bodies are read raw and decoded (gzip/deflate) by :class:`~storytrace.ingest.decode.CappedInflater`,
so a compressed bomb stops at the size cap; one deadline covers DNS, every hop and the body.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit, urlunsplit

from ..errors import (
    FetchFailedError,
    FetchTimeoutError,
    FetchTooLargeError,
    HttpStatusError,
    InputError,
    TooManyRedirectsError,
    UnsafeAddressError,
    UnsupportedSchemeError,
)
from ..settings import FetchOptions
from .decode import CappedInflater

if TYPE_CHECKING:
    import httpx

__all__ = ["FetchedPage", "address_problem", "check_address", "fetch_url"]

_REDIRECTS = {301, 302, 303, 307, 308}

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

#: Seconds allowed for one DNS lookup when no overall deadline is tighter.
_DNS_TIMEOUT = 10.0

_NAT64 = ipaddress.ip_network("64:ff9b::/96")


@dataclass(frozen=True, slots=True, kw_only=True)
class FetchedPage:
    requested_url: str
    url: str
    """Final URL after redirects."""
    status: int
    content_type: str
    charset: str | None
    body: bytes
    date: str | None


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def address_problem(address: IPAddress) -> str | None:
    """What makes ``address`` unsafe to fetch from (``"loopback"``, ``"private"`` …), or None."""
    if isinstance(address, ipaddress.IPv6Address):
        inner = _embedded_ipv4(address)
        if inner is not None:
            problem = address_problem(inner)
            return f"{problem} (inside the IPv6 address)" if problem else None
    for attribute, label in (
        ("is_unspecified", "unspecified"),
        ("is_loopback", "loopback"),
        ("is_link_local", "link-local"),
        ("is_multicast", "multicast"),
        ("is_private", "private"),
        ("is_reserved", "reserved"),
        ("is_site_local", "site-local"),  # IPv6 fec0::/10, deprecated but still routed inside sites
    ):
        if getattr(address, attribute, False):
            return label
    if not address.is_global:
        return "non-public"  # shared address space (100.64/10), benchmarking, documentation …
    return None


def _resolve(host: str, port: int, timeout: float) -> list[str]:
    """Addresses of ``host`` (numeric hosts included, parsed as the C library parses them)."""
    answer: list[list[str]] = []
    failure: list[BaseException] = []

    def lookup() -> None:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
            answer.append([str(info[4][0]).split("%")[0] for info in infos])
        except (OSError, UnicodeError) as exc:
            failure.append(exc)

    worker = threading.Thread(target=lookup, name="storytrace-dns", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise FetchTimeoutError(f"host {host} did not resolve within {timeout:g} s")
    if failure:
        raise FetchFailedError(f"host {host} could not be resolved ({failure[0]})")
    addresses = list(dict.fromkeys(answer[0])) if answer else []
    if not addresses:
        raise FetchFailedError(f"host {host} has no address")
    return addresses


def check_address(url: str, *, allow_private: bool, timeout: float = _DNS_TIMEOUT) -> list[str]:
    """Refuse a URL whose scheme is not http(s) or whose host resolves to an unsafe address.

    Returns the checked addresses to connect to (empty with ``allow_private``: connect by name).
    A host with any unsafe address is refused, even if it has public ones too.
    """
    _, host, port = _parts(url)
    if allow_private:
        return []
    addresses = _resolve(host, port, timeout)
    for text in addresses:
        address = ipaddress.ip_address(text)
        problem = address_problem(address)
        if problem:
            what = f"{address} is" if _same_address(host, address) else f"{host} resolves to {address},"
            article = "an" if problem[0] in "aeiou" else "a"
            raise UnsafeAddressError(
                f"{url}: {what} {article} {problem} address: refused as unsafe",
                hint="pass --allow-private to fetch from your own network",
            )
    return addresses


def _same_address(host: str, address: IPAddress) -> bool:
    try:
        return ipaddress.ip_address(host.strip("[]")) == address
    except ValueError:
        return False


def _parts(url: str) -> tuple[str, str, int]:
    try:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        host = parts.hostname
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError as exc:  # "Invalid IPv6 URL", "Port out of range 0-65535"
        if url.split(":", 1)[0].lower() not in {"http", "https"}:
            raise UnsupportedSchemeError(f"{url}: only http and https URLs can be fetched") from exc
        raise FetchFailedError(f"{url}: not a valid URL ({exc})") from exc
    if scheme not in {"http", "https"}:
        raise UnsupportedSchemeError(f"{url}: only http and https URLs can be fetched")
    if not host:
        raise FetchFailedError(f"{url}: the URL has no host")
    return scheme, host, port


def _pinned(url: str, address: str) -> tuple[str, str, str]:
    """(URL with the host replaced by ``address``, Host header, TLS server name)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    shown_host = f"[{host}]" if ":" in host else host
    host_header = shown_host + (f":{parts.port}" if parts.port else "")
    target = f"[{address}]" if ":" in address else address
    netloc = target + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, "")), host_header, host


def fetch_url(url: str, options: FetchOptions) -> FetchedPage:
    """GET ``url``: every hop checked and pinned to its checked address, at most ``max_redirects``
    redirects, the (decoded) body capped, and the whole fetch done within ``timeout`` seconds."""
    import httpx

    current = url
    headers = {
        "User-Agent": options.user_agent,
        "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,text/plain;q=0.9,*/*;q=0.5",
        "Accept-Encoding": "gzip, deflate",
        "Accept-Language": "en;q=0.9,*;q=0.5",
    }
    deadline = time.monotonic() + options.timeout

    def remaining() -> float:
        left = deadline - time.monotonic()
        if left <= 0:
            raise FetchTimeoutError(f"{current}: no complete answer within {options.timeout:g} s")
        return left

    with httpx.Client(headers=headers, follow_redirects=False, trust_env=False) as client:
        for _ in range(options.max_redirects + 1):
            addresses = check_address(
                current, allow_private=options.allow_private, timeout=min(_DNS_TIMEOUT, remaining())
            )
            page, location = _get(client, current, addresses, remaining, options)
            if page is not None:
                return FetchedPage(
                    requested_url=url, url=current, status=page[0], content_type=page[1], charset=page[2],
                    body=page[3], date=page[4],
                )
            current = urljoin(current, location)
    raise TooManyRedirectsError(f"{url}: more than {options.max_redirects} redirects")


_Page = tuple[int, str, str | None, bytes, str | None]


def _get(
    client: httpx.Client, url: str, addresses: list[str], remaining: Callable[[], float], options: FetchOptions
) -> tuple[_Page | None, str]:
    """One hop: (page, "") or (None, redirect location). Tries each checked address in turn."""
    import httpx

    targets: list[tuple[str, dict[str, str], dict[str, str]]] = []
    for address in addresses[:4]:
        pinned, host_header, server_name = _pinned(url, address)
        targets.append((pinned, {"Host": host_header}, {"sni_hostname": server_name}))
    if not targets:  # allow_private: connect by name
        targets.append((url, {}, {}))
    for attempt, (target, extra_headers, extensions) in enumerate(targets, start=1):
        try:
            with client.stream(
                "GET", target, headers=extra_headers, extensions=extensions, timeout=httpx.Timeout(remaining())
            ) as response:
                return _answer(response, url, remaining, options)
        except httpx.ConnectError as exc:
            if attempt < len(targets):
                continue
            raise FetchFailedError(f"{url}: {exc.__class__.__name__}: {exc}") from exc
        except httpx.TimeoutException as exc:
            raise FetchTimeoutError(f"{url}: timed out after {options.timeout:g} s") from exc
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise FetchFailedError(f"{url}: {exc.__class__.__name__}: {exc}") from exc
    raise FetchFailedError(f"{url}: no address to connect to")  # pragma: no cover - targets is never empty


def _answer(
    response: httpx.Response, url: str, remaining: Callable[[], float], options: FetchOptions
) -> tuple[_Page | None, str]:
    if response.status_code in _REDIRECTS:
        location = response.headers.get("location")
        if not location:
            raise HttpStatusError(f"{url}: redirect without a Location header")
        return None, location
    if response.status_code >= 400:
        raise HttpStatusError(f"{url}: HTTP {response.status_code} {response.reason_phrase}")
    declared = response.headers.get("content-length")
    encoding = response.headers.get("content-encoding", "identity").strip().lower()
    if declared and declared.isdigit() and int(declared) > options.max_bytes and encoding in {"", "identity"}:
        raise FetchTooLargeError(f"{url}: {int(declared):,} bytes is over the size cap of {options.max_bytes:,}")
    inflater: CappedInflater | None = None
    if encoding in {"gzip", "x-gzip", "deflate"}:
        inflater = CappedInflater(encoding, max_bytes=options.max_bytes, what=f"{url} (decoded body)")
    elif encoding not in {"", "identity"}:
        raise FetchFailedError(f"{url}: the server sent an encoding that was not asked for ({encoding})")
    body = bytearray()
    received = 0
    try:
        for chunk in response.iter_raw():
            received += len(chunk)
            if received > options.max_bytes:
                raise FetchTooLargeError(f"{url}: body is over the size cap of {options.max_bytes:,} bytes")
            body += inflater.feed(chunk) if inflater is not None else chunk
            remaining()
        if inflater is not None:
            body += inflater.finish()
    except InputError as exc:  # the decoded body is too large or corrupt
        if exc.code == "E104":
            raise FetchTooLargeError(f"{url}: decoded body is over the size cap of {options.max_bytes:,} bytes") from exc
        raise FetchFailedError(f"{url}: body could not be decoded ({exc.message})") from exc
    content_type = response.headers.get("content-type", "")
    page = (
        response.status_code,
        content_type.split(";")[0].strip().lower(),
        response.charset_encoding,
        bytes(body),
        response.headers.get("date"),
    )
    return page, ""
