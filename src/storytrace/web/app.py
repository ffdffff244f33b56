"""The ASGI app behind ``storytrace serve``: HTML pages, each with a JSON twin, over the latest dossier.

Pages (``.json`` twins return the same view as data): ``/`` stories, ``/stories/{id}`` (timeline,
derivation graph, claim × outlet matrix, quotes, numbers, passages, entities), ``/articles/{id}``
(text with reused passages, quotes and numbers marked), ``/pairs/{source}/{target}`` (passages side
by side with word differences), ``/claims/{id}``, ``/entities`` and ``/entities/{id}``, ``/search``
(SQLite FTS5). OpenAPI at ``/openapi.json``, a script-free reference at ``/docs``.

Safety: article text is hostile input. Templates autoescape; every response carries a strict
Content-Security-Policy (scripts and styles only from ``/static``, nothing inline, no frames, no
plugins); links from articles are never rendered as links; ids are checked against a pattern and
static files come from a fixed list, so no route touches a path a client chose; bodies are capped;
the only write endpoint (``POST /api/ingest``) exists only with ``allow_writes`` and needs the token.
"""

from __future__ import annotations

import hmac
import json
import logging
import re
import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from html import escape as html_escape
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, Field

from ..errors import NoAnalysisError, StorytraceError, UsageError
from ..leads import lead_line
from ..report import load_dossier, stylesheet, template_environment
from ..report.view import (
    DossierIndex,
    article_view,
    claim_index,
    claim_view,
    entity_index,
    entity_view,
    normalize_id,
    pair_view,
    pile_totals,
    published_when,
    story_summary,
    story_view,
)

__all__ = ["CONTENT_SECURITY_POLICY", "HTTP_ERRORS", "WebOptions", "create_app", "error_body"]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
)
_ID = re.compile(r"[a-z]?\d{1,12}")
_STATIC_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".svg": "image/svg+xml"}
_LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
#: How often (seconds) the app looks for a newer analysis in the store.
_RELOAD_CHECK_SECONDS = 2.0
#: Cached views, pages and JSON twins (per analysis): three per story of a 500-story pile fit.
_VIEW_CACHE_SIZE = 4096
_MAX_SEARCH_LIMIT = 200
_WARM_SECONDS = 30.0
"""At start-up the story pages are rendered once, for at most this long, before the first request:
a first view then costs what a later one does (the pile's most-read pages)."""

#: Stable codes of the errors the HTTP layer answers itself (status → code, reason): the ``E9xx`` family,
#: next to the library's codes of :mod:`storytrace.errors` (E304 no_analysis answers 503 with its own
#: code; an upload's empty body is E102 empty_input). Codes never change meaning; new ones are appended.
HTTP_ERRORS: dict[int, tuple[str, str]] = {
    500: ("E900", "internal_error"),
    400: ("E901", "bad_request"),
    401: ("E902", "unauthorized"),
    404: ("E903", "not_found"),
    405: ("E904", "method_not_allowed"),
    413: ("E905", "body_too_large"),
    421: ("E906", "misdirected_request"),
    422: ("E907", "invalid_request"),
}

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
AsgiApp = Callable[[Scope, Receive, Send], Awaitable[None]]


@dataclass(frozen=True, slots=True, kw_only=True)
class WebOptions:
    """Options of the web app.

    ``allow_writes`` adds ``POST /api/ingest`` (off by default) and then requires ``token``;
    ``max_body_bytes`` caps every request body; ``allowed_hosts`` (None = any) is checked against the
    Host header, which keeps a loopback-only server out of reach of DNS-rebinding pages.
    """

    allow_writes: bool = False
    token: str | None = None
    max_body_bytes: int = 1024 * 1024
    allowed_hosts: frozenset[str] | None = _LOOPBACK_NAMES

    def __post_init__(self) -> None:
        if self.allow_writes and not self.token:
            raise UsageError("write endpoints need a token", hint="pass --token TOKEN (at least 16 characters)")
        if self.allow_writes and self.token is not None and len(self.token) < 16:
            raise UsageError(f"the token is {len(self.token)} characters; use at least 16")
        if self.max_body_bytes <= 0:
            raise UsageError(f"max_body_bytes must be positive, got {self.max_body_bytes}")

    @staticmethod
    def hosts_for(bind: str) -> frozenset[str] | None:
        """Host names to accept for a server bound to ``bind``: loopback names for a loopback bind, any otherwise."""
        return _LOOPBACK_NAMES if bind in _LOOPBACK_NAMES or bind.startswith("127.") else None


@dataclass(slots=True)
class _State:
    """The latest dossier of the store, reloaded when a newer analysis appears, with a cache of views."""

    db: str
    analysis: int = -1
    index: DossierIndex | None = None
    checked: float = 0.0
    views: OrderedDict[tuple[str, ...], Any] = field(default_factory=OrderedDict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def _latest_id(self) -> int:
        try:
            connection = sqlite3.connect(f"file:{quote(self.db)}?mode=ro", uri=True, timeout=5.0)
            try:
                row = connection.execute("SELECT max(id) FROM analyses").fetchone()
            finally:
                connection.close()
        except sqlite3.Error:
            return -1
        return int(row[0]) if row and row[0] is not None else -1

    def current(self) -> DossierIndex:
        now = time.monotonic()
        with self.lock:
            if self.index is not None and now - self.checked < _RELOAD_CHECK_SECONDS:
                return self.index
            self.checked = now
            latest = self._latest_id()
            if self.index is None or latest != self.analysis:
                dossier = load_dossier(self.db)  # raises NoAnalysisError when there is none
                self.index = DossierIndex.build(dossier)
                self.analysis = latest
                self.views.clear()
            return self.index

    def view(self, key: tuple[str, ...], build: Callable[[DossierIndex], Any]) -> Any:
        index = self.current()
        with self.lock:
            if key in self.views:
                self.views.move_to_end(key)
                return self.views[key]
        value = build(index)
        with self.lock:
            self.views[key] = value
            if len(self.views) > _VIEW_CACHE_SIZE:
                self.views.popitem(last=False)
        return value


class _Guard:
    """ASGI middleware: security headers on every response, Host check, and a cap on request bodies."""

    def __init__(self, app: AsgiApp, options: WebOptions) -> None:
        self.app = app
        self.options = options

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []),
                                      *(h for h in SECURITY_HEADERS if h[0] not in names)]
            await send(message)

        headers = {name.decode("latin-1").lower(): value.decode("latin-1") for name, value in scope["headers"]}
        if self.options.allowed_hosts is not None:
            host = headers.get("host", "")
            name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
            if name.lower() not in self.options.allowed_hosts:
                await _refuse(send_with_headers, scope, 421, "misdirected request: unknown Host header")
                return
        if scope["method"] == "HEAD":  # answer HEAD as GET without the body (link checkers, curl -I)
            scope = {**scope, "method": "GET"}
            plain_send = send_with_headers
            finished = False

            async def send_with_headers(message: Message) -> None:
                nonlocal finished
                if message["type"] == "http.response.body":
                    if finished:
                        return
                    finished = True
                    message = {"type": "http.response.body", "body": b"", "more_body": False}
                await plain_send(message)

        limit = self.options.max_body_bytes
        declared = headers.get("content-length")
        if declared is not None:
            if not declared.isdigit():
                await _refuse(send_with_headers, scope, 400, "bad Content-Length")
                return
            if int(declared) > limit:
                await _refuse(send_with_headers, scope, 413, f"request body over {limit} bytes")
                return
        if declared is None and "chunked" in headers.get("transfer-encoding", "").lower():
            # A body of unknown length is read here, up to the cap, before the app sees any of it.
            chunks: list[bytes] = []
            received = 0
            while True:
                message = await receive()
                if message["type"] != "http.request":
                    return  # the client went away
                received += len(message.get("body", b""))
                if received > limit:
                    await _refuse(send_with_headers, scope, 413, f"request body over {limit} bytes")
                    return
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    break
            replayed = False

            async def replay() -> Message:
                nonlocal replayed
                if not replayed:
                    replayed = True
                    return {"type": "http.request", "body": b"".join(chunks), "more_body": False}
                return await receive()

            await self.app(scope, replay, send_with_headers)
            return
        await self.app(scope, receive, send_with_headers)


def _wants_json(path: str) -> bool:
    """JSON paths: the twins (``….json``) and the API (``/api/…``); every other path is a page."""
    return path.endswith(".json") or path.startswith("/api/")


def error_body(status: int, message: str, *, reason: str | None = None, code: str | None = None,
               hint: str | None = None) -> dict[str, Any]:
    """The one error shape: ``{"error": {"status", "code", "reason", "message", "hint"}}``; an HTTP-level
    error without a library code gets its stable code and reason from :data:`HTTP_ERRORS`."""
    known_code, known_reason = HTTP_ERRORS.get(status, HTTP_ERRORS[500])
    return {"error": {"status": status, "code": code or known_code, "reason": reason or known_reason,
                      "message": message, "hint": hint}}


async def _refuse(send: Send, scope: Scope, status: int, text: str) -> None:
    """An error answered by the guard, before the app: JSON on JSON paths, a small page otherwise."""
    payload = error_body(status, text)
    if _wants_json(str(scope.get("path", ""))):
        body = json.dumps(payload).encode()
        media = b"application/json"
    else:
        title = f"{status}: {payload['error']['reason']}"
        body = (f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>{title} · storytrace</title>'
                f'<link rel="stylesheet" href="/static/style.css"></head><body><main><h1>{title}</h1>'
                f"<p>{html_escape(text)}</p></main></body></html>\n").encode()
        media = b"text/html; charset=utf-8"
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", media), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


class _App(FastAPI):
    """FastAPI with :class:`_Guard` outermost, so even the server-error page carries the headers."""

    def __init__(self, options: WebOptions, **kwargs: Any) -> None:
        self.web_options = options
        super().__init__(**kwargs)

    def build_middleware_stack(self) -> AsgiApp:
        return _Guard(super().build_middleware_stack(), self.web_options)


class ErrorDetail(BaseModel):
    status: int
    code: str = Field(description="stable code: E9xx for HTTP-level errors (see HTTP_ERRORS), else the library's "
                                  "(E304 no_analysis, …)")
    reason: str
    message: str
    hint: str | None = None


class ErrorResponse(BaseModel):
    """The one error shape of every JSON path."""

    error: ErrorDetail


_ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorResponse, "description": "No such record in the latest analysis, or no such page (E903)"},
    422: {"model": ErrorResponse, "description": "A parameter is invalid (E907)"},
    503: {"model": ErrorResponse, "description": "The store holds no analysis yet (E304, with the hint)"},
}


def _static_files() -> dict[str, tuple[bytes, str]]:
    """The fixed set of static files: name → (bytes, content type). No client-chosen path reaches the disk."""
    folder = resources.files("storytrace.web").joinpath("static")
    files = {"style.css": (stylesheet().encode(), _STATIC_TYPES[".css"])}
    for entry in folder.iterdir():
        suffix = Path(entry.name).suffix
        if entry.is_file() and suffix in _STATIC_TYPES:
            files[entry.name] = (entry.read_bytes(), _STATIC_TYPES[suffix])
    return files


def _web_url(kind: str, identifier: str, other: str | None = None) -> str:
    """Links between pages use the dossier's ids without their letter: /stories/1, /articles/3."""
    def bare(value: str) -> str:
        return quote(value[1:] if value[:1].isalpha() and value[1:].isdigit() else value, safe="")

    if kind == "pair":
        return f"/pairs/{bare(identifier)}/{bare(other or '')}"
    plural = {"article": "articles", "story": "stories", "claim": "claims", "entity": "entities"}[kind]
    return f"/{plural}/{bare(identifier)}"


def _fts_query(text: str) -> str:
    """User words as an FTS5 query of quoted terms (all must match): no FTS syntax reaches SQLite."""
    words = re.findall(r"\w+", text)[:16]
    return " ".join(f'"{w}"' for w in words)


def create_app(db: str | Path, options: WebOptions | None = None) -> FastAPI:
    """The web app over the store at ``db`` (read-only unless ``options.allow_writes``)."""
    import jinja2

    options = options or WebOptions()
    state = _State(db=str(db))
    environment = template_environment(_web_url, jinja2.PackageLoader("storytrace.web", "templates"))
    static = _static_files()
    app = _App(
        options,
        title="storytrace", version="1", docs_url=None, redoc_url=None, responses=_ERROR_RESPONSES,
        description="Trace a news story across outlets. Every HTML page has a JSON twin at the same path + .json.",
    )

    def error(request: Request, status: int, reason: str, message: str, *, hint: str | None = None,
              as_json: bool = False, code: str | None = None) -> Response:
        payload = error_body(status, message, reason=reason, code=code, hint=hint)
        if as_json or _wants_json(request.url.path):
            return JSONResponse(payload, status_code=status)
        html = environment.get_template("error.html").render(title=f"{status}: {reason}", error=payload["error"])
        return HTMLResponse(html, status_code=status)

    def page(template: str, data: dict[str, Any], *, title: str, key: tuple[str, ...] | None = None) -> HTMLResponse:
        """A rendered page; with ``key`` (pages that depend only on the dossier) rendered once per analysis."""
        def render(_: DossierIndex | None = None) -> bytes:
            return str(environment.get_template(template).render(title=title, **data)).encode()

        body = state.view(("html", template, *key), render) if key is not None else render()
        return HTMLResponse(body)

    def twin(data: Any, key: tuple[str, ...]) -> Response:
        """A JSON twin, serialized once per analysis."""
        body = state.view(("json", *key), lambda _: json.dumps(data, ensure_ascii=False).encode())
        return Response(body, media_type="application/json")

    def not_found(request: Request, kind: str, identifier: str) -> Response:
        return error(request, 404, "not_found", f"no {kind} {identifier!r} in the latest analysis")

    @app.exception_handler(NoAnalysisError)
    async def no_analysis(request: Request, exc: NoAnalysisError) -> Response:
        return error(request, 503, exc.reason, exc.message, hint=exc.hint, code=exc.code)

    @app.exception_handler(StorytraceError)
    async def storytrace_error(request: Request, exc: StorytraceError) -> Response:
        return error(request, 500, exc.reason, exc.message, hint=exc.hint, code=exc.code)

    @app.exception_handler(404)
    async def missing(request: Request, exc: Exception) -> Response:
        return error(request, 404, "not_found", f"no page at {request.url.path[:200]}")

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        logger.exception("unexpected error on %s", request.url.path[:200])
        return error(request, 500, "internal_error", "an unexpected error occurred; the server log has details")

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(f"{'.'.join(map(str, e.get('loc', ())))}: {e.get('msg', '')}" for e in exc.errors()[:5])
        return error(request, 422, "invalid_request", problems[:500])

    @app.exception_handler(405)
    async def not_allowed(request: Request, exc: Exception) -> Response:
        return error(request, 405, "method_not_allowed", f"{request.method} is not allowed here")

    def stories_data() -> dict[str, Any]:
        def build(index: DossierIndex) -> dict[str, Any]:
            return {"stories": [story_summary(index, index.stories[s]) for s in index.story_order()],
                    "articles": len(index.articles), "claims": len(index.claims),
                    "conflicts": sum(1 for c in index.claims.values() if c.get("conflicts")),
                    "entities": len(index.entities),
                    "totals": pile_totals(index),
                    "schema": index.dossier.get("schema")}
        return dict(state.view(("index",), build))

    @app.get("/index.json", summary="Stories (JSON)", tags=["stories"])
    def stories_json() -> dict[str, Any]:
        return stories_data()

    @app.get("/", response_class=HTMLResponse, summary="Stories", tags=["stories"])
    def stories_page() -> HTMLResponse:
        return page("index.html", stories_data(), title="Stories", key=("index",))

    def lookup(kind: str, raw: str, build: Callable[[DossierIndex, str], Any]) -> Any:
        if not _ID.fullmatch(raw):
            return None
        identifier = normalize_id(kind, raw)
        return state.view((kind, identifier), lambda index: build(index, identifier))

    @app.get("/stories/{story_id}.json", summary="One story (JSON)", tags=["stories"])
    def story_json(request: Request, story_id: str) -> Any:
        data = lookup("story", story_id, story_view)
        return twin(data, ("story", data["story"]["id"])) if data is not None else not_found(request, "story", story_id)

    @app.get("/stories/{story_id}", response_class=HTMLResponse, summary="One story", tags=["stories"])
    def story_page(request: Request, story_id: str) -> Response:
        data = lookup("story", story_id, story_view)
        if data is None:
            return not_found(request, "story", story_id)
        return page("story.html", data, title=data["summary"]["title"], key=(data["story"]["id"],))

    def article_data(raw: str) -> dict[str, Any] | None:
        data = lookup("article", raw, article_view)
        if data is not None or not _ID.fullmatch(raw):
            return data  # type: ignore[no-any-return]
        identifier = normalize_id("article", raw)
        if not identifier.startswith("a"):  # s1, x1: another kind's id, not an article's
            return None
        return _stored_article(state.db, identifier)

    @app.get("/articles/{article_id}.json", summary="One article (JSON)", tags=["articles"])
    def article_json(request: Request, article_id: str) -> Any:
        data = article_data(article_id)
        return data if data is not None else not_found(request, "article", article_id)

    @app.get("/articles/{article_id}", response_class=HTMLResponse, summary="One article", tags=["articles"])
    def article_page(request: Request, article_id: str) -> Response:
        data = article_data(article_id)
        if data is None:
            return not_found(request, "article", article_id)
        return page("article.html", data, title=data["article"]["title"] or data["article"]["id"],
                    key=None if "note" in data else (data["article"]["id"],))

    def pair_data(source: str, target: str) -> dict[str, Any] | None:
        if not (_ID.fullmatch(source) and _ID.fullmatch(target)):
            return None
        first, second = normalize_id("article", source), normalize_id("article", target)
        return state.view(("pair", first, second),  # type: ignore[no-any-return]
                          lambda index: pair_view(index, first, second))

    @app.get("/pairs/{source}/{target}.json", summary="Reuse between two articles (JSON)", tags=["pairs"])
    def pair_json(request: Request, source: str, target: str) -> Any:
        data = pair_data(source, target)
        return data if data is not None else not_found(request, "pair", f"{source}/{target}")

    @app.get("/pairs/{source}/{target}", response_class=HTMLResponse, summary="Reuse between two articles",
             tags=["pairs"])
    def pair_page(request: Request, source: str, target: str) -> Response:
        data = pair_data(source, target)
        if data is None:
            return not_found(request, "pair", f"{source}/{target}")
        return page("pair.html", {"pair": data}, title=f"{data['source']['id']} → {data['target']['id']}",
                    key=(data["source"]["id"], data["target"]["id"]))

    def claims_data() -> dict[str, Any]:
        return {"claims": state.view(("claims",), claim_index)}

    @app.get("/claims.json", summary="Every claim, conflicts first (JSON)", tags=["claims"])
    def claims_json() -> dict[str, Any]:
        return claims_data()

    @app.get("/claims", response_class=HTMLResponse, summary="Every claim, conflicts first", tags=["claims"])
    def claims_page() -> HTMLResponse:
        return page("claims.html", claims_data(), title="Claims", key=("claims",))

    @app.get("/claims/{claim_id}.json", summary="One claim (JSON)", tags=["claims"])
    def claim_json(request: Request, claim_id: str) -> Any:
        data = lookup("claim", claim_id, claim_view)
        return data if data is not None else not_found(request, "claim", claim_id)

    @app.get("/claims/{claim_id}", response_class=HTMLResponse, summary="One claim", tags=["claims"])
    def claim_page(request: Request, claim_id: str) -> Response:
        data = lookup("claim", claim_id, claim_view)
        if data is None:
            return not_found(request, "claim", claim_id)
        return page("claim.html", data, title=f"Claim {data['claim']['id']}", key=(data["claim"]["id"],))

    def entities_data() -> dict[str, Any]:
        return {"entities": state.view(("entities",), entity_index)}

    @app.get("/entities.json", summary="Entity index (JSON)", tags=["entities"])
    def entities_json() -> dict[str, Any]:
        return entities_data()

    @app.get("/entities", response_class=HTMLResponse, summary="Entity index", tags=["entities"])
    def entities_page() -> HTMLResponse:
        return page("entities.html", entities_data(), title="Entities", key=("entities",))

    @app.get("/entities/{entity_id}.json", summary="One entity (JSON)", tags=["entities"])
    def entity_json(request: Request, entity_id: str) -> Any:
        data = lookup("entity", entity_id, entity_view)
        return data if data is not None else not_found(request, "entity", entity_id)

    @app.get("/entities/{entity_id}", response_class=HTMLResponse, summary="One entity", tags=["entities"])
    def entity_page(request: Request, entity_id: str) -> Response:
        data = lookup("entity", entity_id, entity_view)
        if data is None:
            return not_found(request, "entity", entity_id)
        return page("entity.html", data, title=data["entity"]["name"], key=(data["entity"]["id"],))

    def search_data(q: str, limit: int) -> dict[str, Any]:
        from ..store import Store

        index = state.current()
        query = _fts_query(q)
        hits: list[dict[str, Any]] = []
        more = False
        if query:
            with Store.open(state.db, create=False, read_only=True) as store:
                found = store.search(query, limit=limit + 1)  # one more than shown: is the list cut?
                more = len(found) > limit
                for article_id, score in found[:limit]:
                    key = f"a{article_id}"
                    record = index.articles.get(key)
                    if record is None:
                        stored = store.article(article_id)
                        title = stored.title if stored else None
                        outlet = stored.outlet if stored else None
                        published = stored.published if stored else None
                        text = stored.text if stored else None
                    else:
                        title, outlet, published = record.get("title"), record.get("outlet"), record.get("published")
                        text = record.get("text")
                    lead = lead_line(text) if isinstance(text, str) and text.strip() else None
                    hits.append({"id": key, "title": title, "lead": lead, "outlet": outlet, "published": published,
                                 "score": round(score, 4), "stories": index.stories_of_article.get(key, [])})
        wider = min(_MAX_SEARCH_LIMIT, limit * 2)
        return {"query": q, "limit": limit, "results": hits, "more": more,
                "more_url": f"/search?{urlencode({'q': q, 'limit': wider})}" if more and wider > limit else None}

    @app.get("/search.json", summary="Full-text search (JSON)", tags=["search"])
    def search_json(q: str = Query("", max_length=500), limit: int = Query(20, ge=1, le=_MAX_SEARCH_LIMIT)) -> dict[str, Any]:
        return search_data(q, limit)

    @app.get("/search", response_class=HTMLResponse, summary="Full-text search", tags=["search"])
    def search_page(q: str = Query("", max_length=500), limit: int = Query(20, ge=1, le=_MAX_SEARCH_LIMIT)) -> HTMLResponse:
        return page("search.html", search_data(q, limit), title=f"Search: {q}" if q else "Search")

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs_page() -> HTMLResponse:
        return page("docs.html", {"api": app.openapi(), "writes": options.allow_writes}, title="HTTP API")

    @app.get("/static/{name}", include_in_schema=False)
    def static_file(request: Request, name: str) -> Response:
        found = static.get(name)
        if found is None:
            return error(request, 404, "not_found", "no such static file")
        body, media_type = found
        return Response(body, media_type=media_type, headers={"cache-control": "public, max-age=3600"})

    if options.allow_writes:
        _add_write_routes(app, state, options, error)

    def warm() -> None:
        """Render the story pages (and their JSON twins) once before serving."""
        deadline = time.monotonic() + _WARM_SECONDS
        try:
            index = state.current()
        except StorytraceError:
            return  # nothing analysed yet: pages answer with the hint
        for story_id in index.story_order()[: _VIEW_CACHE_SIZE // 4]:  # the biggest (slowest) first
            if time.monotonic() > deadline:
                break
            data = lookup("story", story_id, story_view)
            if data is not None:
                page("story.html", data, title=data["summary"]["title"], key=(data["story"]["id"],))
                twin(data, ("story", data["story"]["id"]))

    app.router.on_startup.append(warm)
    return app


def _add_write_routes(app: FastAPI, state: _State, options: WebOptions, error: Callable[..., Response]) -> None:
    from ..ingest import ingest
    from ..settings import IngestOptions
    from ..store import Store

    @app.post("/api/ingest", summary="Add one document to the store (needs --allow-writes and the token)",
              tags=["writes"], responses={
                  400: {"model": ErrorResponse, "description": "The body is empty (E102)"},
                  401: {"model": ErrorResponse, "description": "No valid bearer token (E902)"},
                  413: {"model": ErrorResponse, "description": "The body is over --max-body (E905)"}})
    async def ingest_document(request: Request, name: str = Query("upload.txt", max_length=100)) -> Response:
        given = request.headers.get("authorization", "")
        expected = f"Bearer {options.token}"
        if not hmac.compare_digest(given.encode(), expected.encode()):
            return error(request, 401, "unauthorized", "a valid 'Authorization: Bearer TOKEN' header is needed")
        safe_name = re.sub(r"[^A-Za-z0-9._-]", "_", Path(name).name).lstrip(".") or "upload.txt"
        body = await request.body()
        if not body:
            return error(request, 400, "empty_input", "the request body is empty", code="E102")
        # Kept beside the store (STORE.uploads/NAME): the article's source names a file that is still there.
        path = _upload_path(Path(state.db), safe_name, body)
        folder = str(path.parent)
        path.write_bytes(body)
        with Store.open(state.db, create=False) as store:
            summary = ingest([str(path)], store, IngestOptions(workers=1, max_bytes=options.max_body_bytes))
        if not summary.stored:
            path.unlink(missing_ok=True)  # nothing read from it: not kept
        return JSONResponse({
            "new": [f"a{i}" for i in summary.new], "unchanged": [f"a{i}" for i in summary.unchanged],
            "rejections": [{"code": r.code, "reason": r.reason, "message": _upload_message(r.message, folder, safe_name)}
                           for r in summary.rejections],
            "note": "run 'storytrace analyze' to bring new articles into the dossier",
        }, status_code=201 if summary.new else 200)


def _upload_path(db: Path, name: str, body: bytes) -> Path:
    """Where an upload is kept: ``STORE.uploads/NAME``, or ``NAME-2``, ``NAME-3`` … when a different
    file already has that name (the same bytes again reuse the file)."""
    folder = db.with_name(db.name + ".uploads")
    folder.mkdir(exist_ok=True)
    stem, suffix = name.split(".", 1) if "." in name else (name, "")
    for number in range(1, 10_000):
        candidate = folder / (name if number == 1 else f"{stem}-{number}" + (f".{suffix}" if suffix else ""))
        if not candidate.exists() or candidate.read_bytes() == body:
            return candidate
    raise StorytraceError(f"too many uploads named {name}")


def _upload_message(message: str, folder: str, name: str) -> str:
    """A rejection of an upload in the words of the web app: the file by the name the client gave, not
    its temporary path, and the server's own option (``--max-body``, not ingest's ``--max-size``)."""
    return message.replace(str(Path(folder) / name), name).replace(folder, "upload").replace("--max-size", "--max-body")


def _stored_article(db: str, article_id: str) -> dict[str, Any] | None:
    """An article that is in the store but not in the latest dossier: its text, nothing marked."""
    from ..store import Store

    with Store.open(db, create=False, read_only=True) as store:
        article = store.article(int(article_id[1:]))
    if article is None:
        return None
    return {
        "article": {
            "id": article_id, "source": article.source, "locator": article.locator, "url": article.url,
            "title": article.title, "byline": article.byline, "language": None,
            "published": article.published, "outlet": article.outlet, "words": article.words,
            "when": published_when({"published": article.published, "published_time": article.published_time}),
            "credits": [{"kind": c.kind, "name": c.name} for c in article.credits], "text": article.text,
        },
        "segments": [{"text": article.text, "start": 0, "classes": [], "refs": []}],
        "pairs": [], "quotes": [], "quantities": [], "stories": [], "entities": [],
        "note": "not in the latest analysis: run 'storytrace analyze' to include it",
    }
