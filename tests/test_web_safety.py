"""Web safety: hostile article text renders inert, every response carries the CSP, no route reads a path a
client chose, writes are off by default and token-protected when on, bodies are capped, and a short load
test against a real server on 127.0.0.1 sees no errors."""

from __future__ import annotations

import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from dossier_sample import HOSTILE_TITLE, build_sample_store
from storytrace.errors import UsageError
from storytrace.store import Store
from storytrace.web import CONTENT_SECURITY_POLICY, WebOptions, create_app

TOKEN = "correct-horse-battery-staple"


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    db, dossier = build_sample_store(tmp_path_factory.mktemp("safety"))
    assert dossier is not None
    return db, dossier


@pytest.fixture(scope="module")
def client(sample) -> TestClient:
    return TestClient(create_app(sample[0]), base_url="http://127.0.0.1")


def _hostile_id(dossier: dict[str, Any]) -> str:
    return next(a["id"] for a in dossier["articles"] if a["title"] == HOSTILE_TITLE)[1:]


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _assert_inert(html: str, where: str) -> None:
    parser = _Tags()
    parser.feed(html)
    scripts = [a for t, a in parser.tags if t == "script"]
    assert scripts == [{"src": "/static/app.js", "defer": None}], where
    assert not [t for t, _ in parser.tags if t in {"img", "iframe", "object", "embed", "form"} - {"form"}], where
    for tag, attrs in parser.tags:
        assert not [name for name in attrs if name.startswith("on")], (where, tag, attrs)
        assert "style" not in attrs, (where, tag)  # the CSP allows no inline style either
        for name in ("href", "src", "action", "xlink:href"):
            value = attrs.get(name)
            if value is not None:
                assert value.startswith(("/", "#", "url(#")), (where, tag, name, value)


def test_hostile_article_renders_inert_everywhere(client, sample):
    _, dossier = sample
    hostile = _hostile_id(dossier)
    origin = next(a["id"] for a in dossier["articles"] if a["title"] == "River floods Kestrel Bay market")[1:]
    for path in (f"/articles/{hostile}", "/stories/1", f"/pairs/{origin}/{hostile}", "/claims/1", "/entities",
                 "/entities/4", "/", "/search?q=Kestrel", "/search?q=%3Cscript%3Ealert(1)%3C/script%3E"):
        response = client.get(path)
        assert response.status_code == 200, path
        _assert_inert(response.text, path)
    page = client.get(f"/articles/{hostile}").text
    assert "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;" in page
    assert "&lt;b&gt;Evil&lt;/b&gt;" in page
    assert "[U+202E]" in page and "\u202e" not in page


def test_every_response_carries_the_security_headers(client):
    responses = [
        client.get("/"), client.get("/static/app.js"), client.get("/static/style.css"), client.get("/openapi.json"),
        client.get("/nothing"), client.get("/stories/1.json"), client.post("/"), client.post("/api/ingest"),
        client.get("/stories/1", headers={"host": "attacker.example"}),
        client.post("/search", content=b"x" * (2 * 1024 * 1024)),
    ]
    assert [r.status_code for r in responses] == [200, 200, 200, 200, 404, 200, 405, 404, 421, 413]
    for response in responses:
        assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["referrer-policy"] == "no-referrer"


@pytest.mark.parametrize("path", [
    "/static/../../../../etc/passwd", "/static/..%2f..%2f..%2fetc%2fpasswd", "/static/%2e%2e/%2e%2e/etc/passwd",
    "/static/..\\..\\pyproject.toml", "/static/", "/static/app.js%00.css", "/static/templates/base.html",
    "/articles/..%2f..%2fetc%2fpasswd", "/articles/../../etc/passwd", "/stories/%2e%2e", "/pairs/1/..%2f2",
    "/claims/1;drop", "/entities/e1/../../x", "/..%2f..%2fetc/passwd", "//etc/passwd", "/articles/-1",
    "/articles/99999999999999999999",
], ids=lambda p: p)
def test_no_path_traversal(client, path):
    response = client.get(path)
    assert response.status_code in {404, 400, 422}, (path, response.status_code)
    assert "root:" not in response.text and "[project]" not in response.text and "{% block" not in response.text


def test_static_files_are_a_fixed_list(client):
    assert client.get("/static/app.js").headers["content-type"].startswith("text/javascript")
    assert client.get("/static/style.css").text.startswith("/* storytrace")
    assert client.get("/static/__init__.py").status_code == 404


def test_writes_are_off_by_default(client):
    for method in ("post", "put", "delete"):
        response = getattr(client, method)("/api/ingest")
        assert response.status_code in {404, 405}
    assert "/api/ingest" not in client.get("/openapi.json").json()["paths"]


def test_writes_need_a_token_and_a_long_one():
    with pytest.raises(UsageError):
        WebOptions(allow_writes=True)
    with pytest.raises(UsageError):
        WebOptions(allow_writes=True, token="short")


def test_write_endpoint_checks_the_token_and_ingests(tmp_path):
    db, _ = build_sample_store(tmp_path)
    options = WebOptions(allow_writes=True, token=TOKEN, max_body_bytes=64 * 1024)
    client = TestClient(create_app(db, options), base_url="http://127.0.0.1")
    body = (b"Ferry service resumes\n\nThe Kestrel Bay ferry ran again on Sunday morning after the flood "
            b"waters fell, the harbour master said, with extra crossings planned.")
    assert client.post("/api/ingest", content=body).status_code == 401
    assert client.post("/api/ingest", content=body, headers={"authorization": "Bearer wrong"}).status_code == 401
    assert client.post("/api/ingest", content=body, headers={"authorization": TOKEN}).status_code == 401
    ok = client.post("/api/ingest", params={"name": "../../etc/ferry.txt"}, content=body,
                     headers={"authorization": f"Bearer {TOKEN}"})
    assert ok.status_code == 201, ok.text
    assert len(ok.json()["new"]) == 1
    assert not (tmp_path.parent / "etc").exists()
    found = client.get("/search.json", params={"q": "ferry harbour"}).json()["results"]
    assert [r["title"] for r in found] == ["Ferry service resumes"]
    # an article stored but not yet analysed still has a page
    assert client.get(f"/articles/{found[0]['id'][1:]}").status_code == 200
    big = client.post("/api/ingest", content=b"x" * (65 * 1024), headers={"authorization": f"Bearer {TOKEN}"})
    assert big.status_code == 413


def test_chunked_bodies_are_capped_while_streaming(sample):
    options = WebOptions(allow_writes=True, token=TOKEN, max_body_bytes=1024)
    client = TestClient(create_app(sample[0], options), base_url="http://127.0.0.1")

    def chunks():
        for _ in range(100):
            yield b"y" * 512

    response = client.post("/api/ingest", content=chunks(), headers={"authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 413
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY


def test_loopback_server_answers_only_loopback_host_names(client):
    for host in ("127.0.0.1:8000", "localhost", "[::1]:8000"):
        assert client.get("/", headers={"host": host}).status_code == 200, host
    for host in ("evil.example", "127.0.0.1.evil.example", "", "localhost.evil:80"):
        assert client.get("/", headers={"host": host}).status_code == 421, host
    assert WebOptions.hosts_for("0.0.0.0") is None


@pytest.mark.slow
def test_load_on_a_real_server_has_no_errors(sample):
    """A bounded load test on 127.0.0.1 (the long version is benchmarks/web.py: 50 clients for 30 s)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    import web as bench  # benchmarks/web.py

    db, _ = sample
    from concurrent.futures import ThreadPoolExecutor

    with bench.running_server(db) as base, ThreadPoolExecutor(1) as pool:
        # its own thread: the load client runs an asyncio loop, whatever loop this thread holds
        result = pool.submit(bench.load, base, ["/stories/1", "/", "/stories/1.json", "/articles/1", "/claims/1"],
                             clients=50, seconds=5.0).result()
    assert result["requests"] > 100
    assert result["errors"] == 0, result


def test_an_unexpected_error_keeps_the_headers_and_the_error_shape(sample, monkeypatch):
    import storytrace.web.app as web_app

    def broken(index, story_id):
        raise RuntimeError("<script>secret detail</script>")

    monkeypatch.setattr(web_app, "story_view", broken)
    client = TestClient(create_app(sample[0]), base_url="http://127.0.0.1", raise_server_exceptions=False)
    for path in ("/stories/1", "/stories/1.json"):
        response = client.get(path)
        assert response.status_code == 500
        assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert "secret detail" not in response.text
    assert client.get("/stories/1.json").json()["error"]["reason"] == "internal_error"


def test_head_answers_like_get_without_a_body(client):
    head, get = client.head("/stories/1"), client.get("/stories/1")
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-length"] == get.headers["content-length"]
    assert head.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert client.head("/nothing").status_code == 404


def test_raw_markup_in_dossier_text_stays_text(tmp_path):
    """A dossier may come from elsewhere: article text with raw <script>, event handlers and javascript: links
    (which the normalizer would have dropped) is still shown as text, with its marks in place."""
    import copy

    from dossier_sample import HOSTILE, QUOTE
    from storytrace.store import Store

    db, dossier = build_sample_store(tmp_path)
    assert dossier is not None
    raw = copy.deepcopy(dossier)
    hostile_id = _hostile_id(raw)
    article = next(a for a in raw["articles"] if a["id"] == f"a{hostile_id}")
    article["text"] = HOSTILE
    start = HOSTILE.index(QUOTE)
    for quote in raw["quotes"]:
        if quote["article"] == article["id"]:
            quote["span"] = [start, start + len(QUOTE)]
    for edge in raw["reuse"]:
        if edge["target"] == article["id"]:
            for passage in edge["passages"]:
                passage["target_span"] = [start, start + len(QUOTE)]
    with Store.open(db) as store:
        store.save_dossier(raw)
    client = TestClient(create_app(db), base_url="http://127.0.0.1")
    page = client.get(f"/articles/{hostile_id}").text
    _assert_inert(page, "raw hostile text")
    assert "&lt;script&gt;document.body.innerHTML=&#39;owned&#39;&lt;/script&gt;" in page
    assert "&lt;a href=&#34;javascript:alert(&#39;link&#39;)&#34;&gt;here&lt;/a&gt;" in page
    assert f'<mark class="quote reused" title="{raw["reuse"][2]["source"]}, q4">{QUOTE}</mark>' in page
    origin = raw["reuse"][2]["source"][1:]
    _assert_inert(client.get(f"/pairs/{origin}/{hostile_id}").text, "raw hostile pair")
    from storytrace.report import render_html, render_markdown

    html = render_html(raw)
    assert "<script" not in html and "<img" not in html and "<svg onload" not in html
    assert "&lt;script&gt;document.body.innerHTML" in html
    markdown = render_markdown(raw)
    assert "<script" not in markdown and "<a href" not in markdown


def test_errors_on_json_paths_have_the_json_shape_and_stable_codes(tmp_path):
    """413 and 421 (answered before the app) are JSON on JSON paths; every HTTP-level error has a
    stable code (E9xx), and the OpenAPI description documents that body, not FastAPI's default."""
    db, _ = build_sample_store(tmp_path)
    client = TestClient(create_app(db, WebOptions(allow_writes=True, token=TOKEN, max_body_bytes=1000)),
                        base_url="http://127.0.0.1")
    stable = {413: ("E905", "body_too_large"), 421: ("E906", "misdirected_request"), 404: ("E903", "not_found"),
              405: ("E904", "method_not_allowed"), 401: ("E902", "unauthorized"), 422: ("E907", "invalid_request")}
    answers = {
        413: client.post("/api/ingest", content=b"x" * 2000, headers={"authorization": f"Bearer {TOKEN}"}),
        421: client.get("/index.json", headers={"host": "rebind.example"}),
        404: client.get("/stories/99.json"),
        405: client.delete("/index.json"),
        401: client.post("/api/ingest", content=b"words"),
        422: client.get("/search.json", params={"limit": "many"}),
    }
    for status, response in answers.items():
        assert response.status_code == status
        assert response.headers["content-type"].startswith("application/json"), status
        error = response.json()["error"]
        assert set(error) == {"status", "code", "reason", "message", "hint"}
        assert (error["status"], error["code"], error["reason"]) == (status, *stable[status]), error
    empty = client.post("/api/ingest", content=b"", headers={"authorization": f"Bearer {TOKEN}"}).json()["error"]
    assert (empty["code"], empty["reason"]) == ("E102", "empty_input")
    page = client.get("/", headers={"host": "rebind.example"})
    assert page.status_code == 421 and page.headers["content-type"].startswith("text/html")
    api = client.get("/openapi.json").json()
    responses = api["paths"]["/stories/{story_id}.json"]["get"]["responses"]
    assert responses["404"]["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorResponse")
    assert responses["422"]["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorResponse")
    assert "HTTPValidationError" not in api.get("components", {}).get("schemas", {})


def test_upload_rejection_names_the_upload_and_the_servers_option(tmp_path):
    import gzip

    db, _ = build_sample_store(tmp_path)
    client = TestClient(create_app(db, WebOptions(allow_writes=True, token=TOKEN, max_body_bytes=1000)),
                        base_url="http://127.0.0.1")
    body = gzip.compress(b"The river rose again overnight. " * 200)  # small on the wire, 6,400 bytes inside
    assert len(body) < 1000
    response = client.post("/api/ingest", params={"name": "river.txt.gz"}, content=body,
                           headers={"authorization": f"Bearer {TOKEN}"})
    (rejection,) = response.json()["rejections"]
    assert rejection["reason"] == "too_large"
    assert "river.txt.gz" in rejection["message"] and "storytrace-upload-" not in rejection["message"]
    assert "--max-body" in rejection["message"] and "--max-size" not in rejection["message"]


def test_an_upload_is_kept_beside_the_store_under_its_name(tmp_path):
    db, _ = build_sample_store(tmp_path)
    options = WebOptions(allow_writes=True, token=TOKEN, max_body_bytes=64 * 1024)
    client = TestClient(create_app(db, options), base_url="http://127.0.0.1")
    auth = {"authorization": f"Bearer {TOKEN}"}
    body = (b"Ferry service resumes\n\nThe Kestrel Bay ferry ran again on Sunday morning after the flood "
            b"waters fell, the harbour master said, with extra crossings planned.")
    ok = client.post("/api/ingest", params={"name": "ferry.txt"}, content=body, headers=auth)
    assert ok.status_code == 201, ok.text
    kept = Path(str(db) + ".uploads") / "ferry.txt"
    assert kept.read_bytes() == body
    with Store.open(db, create=False, read_only=True) as store:
        article = store.article(int(ok.json()["new"][0][1:]))
    assert article is not None and article.source == str(kept)
    # another file of that name is kept beside it; one nothing could be read from is not kept
    other = client.post("/api/ingest", params={"name": "ferry.txt"}, content=body.replace(b"Sunday", b"Monday"),
                        headers=auth)
    assert other.status_code == 201 and (kept.parent / "ferry-2.txt").is_file()
    empty = client.post("/api/ingest", params={"name": "junk.bin"}, content=b"\x00\x01\x02" * 50, headers=auth)
    assert empty.json()["rejections"] and not (kept.parent / "junk.bin").exists()
