"""Fetching http(s) URLs safely: overall timeout, size cap, redirect limit, real User-Agent, gzip.

Every hop's host is resolved first and refused when any address is loopback, private,
link-local, multicast, reserved or unspecified, unless ``allow_private`` is set.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from ..errors import (
    FetchFailedError,
    FetchTimeoutError,
    FetchTooLargeError,
    HttpStatusError,
    TooManyRedirectsError,
    UnsafeAddressError,
    UnsupportedSchemeError,
)
from ..settings import FetchOptions

__all__ = ["FetchedPage", "check_address", "fetch_url"]

_REDIRECTS = {301, 302, 303, 307, 308}


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


def _unsafe(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    for attribute, label in (
        ("is_loopback", "loopback"),
        ("is_private", "private"),
        ("is_link_local", "link-local"),
        ("is_multicast", "multicast"),
        ("is_reserved", "reserved"),
        ("is_unspecified", "unspecified"),
    ):
        if getattr(address, attribute):
            return label
    return None


def check_address(url: str, *, allow_private: bool) -> None:
    """Refuse a URL whose scheme is not http(s) or whose host resolves to an unsafe address."""
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
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchFailedError(f"{url}: host {host} could not be resolved ({exc})") from exc
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        label = _unsafe(address)
        if label:
            raise UnsafeAddressError(
                f"{url}: {host} resolves to {address}, a {label} address",
                hint="pass --allow-private to fetch from your own network",
            )


def fetch_url(url: str, options: FetchOptions) -> FetchedPage:
    """GET ``url``: every hop checked, at most ``max_redirects`` redirects, the body capped, and
    the whole fetch (all hops, the whole body) done within ``timeout`` seconds."""
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
            check_address(current, allow_private=options.allow_private)
            try:
                with client.stream("GET", current, timeout=httpx.Timeout(remaining())) as response:
                    if response.status_code in _REDIRECTS:
                        location = response.headers.get("location")
                        if not location:
                            raise HttpStatusError(f"{current}: redirect without a Location header")
                        current = urljoin(current, location)
                        continue
                    if response.status_code >= 400:
                        raise HttpStatusError(f"{current}: HTTP {response.status_code} {response.reason_phrase}")
                    declared = response.headers.get("content-length")
                    if declared and declared.isdigit() and int(declared) > options.max_bytes:
                        raise FetchTooLargeError(
                            f"{current}: {int(declared):,} bytes is over the size cap of {options.max_bytes:,}"
                        )
                    body = bytearray()
                    for chunk in response.iter_bytes():
                        body += chunk
                        if len(body) > options.max_bytes:
                            raise FetchTooLargeError(
                                f"{current}: body is over the size cap of {options.max_bytes:,} bytes"
                            )
                        remaining()
                    content_type = response.headers.get("content-type", "")
                    return FetchedPage(
                        requested_url=url,
                        url=str(response.url),
                        status=response.status_code,
                        content_type=content_type.split(";")[0].strip().lower(),
                        charset=response.charset_encoding,
                        body=bytes(body),
                        date=response.headers.get("date"),
                    )
            except httpx.TimeoutException as exc:
                raise FetchTimeoutError(f"{current}: timed out after {options.timeout:g} s") from exc
            except httpx.DecodingError as exc:
                raise FetchFailedError(f"{current}: body could not be decoded ({exc})") from exc
            except (httpx.HTTPError, httpx.InvalidURL) as exc:
                raise FetchFailedError(f"{current}: {exc.__class__.__name__}: {exc}") from exc
    raise TooManyRedirectsError(f"{url}: more than {options.max_redirects} redirects")
