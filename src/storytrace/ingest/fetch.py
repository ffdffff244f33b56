"""Fetching http(s) URLs safely: timeout, size cap, redirect limit, real User-Agent, gzip.

Every hop's host is resolved first and refused when any address is loopback, private,
link-local, multicast, reserved or unspecified, unless ``allow_private`` is set.
"""

from __future__ import annotations

import ipaddress
import socket
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
    parts = urlsplit(url)
    if parts.scheme.lower() not in {"http", "https"}:
        raise UnsupportedSchemeError(f"{url}: only http and https URLs can be fetched")
    host = parts.hostname
    if not host:
        raise FetchFailedError(f"{url}: the URL has no host")
    if allow_private:
        return
    try:
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    except ValueError as exc:
        raise FetchFailedError(f"{url}: bad port ({exc})") from exc
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchFailedError(f"{url}: host {host} could not be resolved ({exc})") from exc
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        label = _unsafe(address)
        if label:
            raise UnsafeAddressError(
                f"{url}: {host} resolves to {address}, a {label} address",
                hint="pass --allow-private to fetch from your own network",
            )


def fetch_url(url: str, options: FetchOptions) -> FetchedPage:
    import httpx

    current = url
    headers = {
        "User-Agent": options.user_agent,
        "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,text/plain;q=0.9,*/*;q=0.5",
        "Accept-Encoding": "gzip, deflate",
        "Accept-Language": "en;q=0.9,*;q=0.5",
    }
    timeout = httpx.Timeout(options.timeout)
    with httpx.Client(headers=headers, timeout=timeout, follow_redirects=False, trust_env=False) as client:
        for _ in range(options.max_redirects + 1):
            check_address(current, allow_private=options.allow_private)
            try:
                with client.stream("GET", current) as response:
                    if response.is_redirect:
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
            except httpx.HTTPError as exc:
                raise FetchFailedError(f"{current}: {exc.__class__.__name__}: {exc}") from exc
    raise TooManyRedirectsError(f"{url}: more than {options.max_redirects} redirects")
