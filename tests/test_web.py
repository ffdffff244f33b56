"""The web app in-process: every page answers, has a JSON twin in the dossier's shapes, and is navigable."""

from __future__ import annotations

import itertools
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from dossier_sample import CONTRACT, HOSTILE_TITLE, build_sample_store
from storytrace.web import CONTENT_SECURITY_POLICY, WebOptions, create_app


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    db, dossier = build_sample_store(tmp_path_factory.mktemp("web"))
    assert dossier is not None
    return db, dossier


@pytest.fixture(scope="module")
def client(sample) -> TestClient:
    db, _ = sample
    return TestClient(create_app(db), base_url="http://127.0.0.1")


def _bare(identifier: str) -> str:
    return identifier[1:]


def _pages(dossier: dict[str, Any]) -> list[str]:
    pages = ["/", "/claims", "/entities", "/search?q=flood", "/docs"]
    pages += [f"/stories/{_bare(s['id'])}" for s in dossier["stories"]]
    pages += [f"/articles/{_bare(a['id'])}" for a in dossier["articles"]]
    pages += [f"/claims/{_bare(c['id'])}" for c in dossier["claims"]]
    pages += [f"/entities/{_bare(e['id'])}" for e in dossier["entities"]]
    pages += [f"/pairs/{_bare(r['source'])}/{_bare(r['target'])}" for r in dossier["reuse"]]
    return pages


class _Outline(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.headings: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in {"h1", "h2", "h3", "h4"}:
            self.headings.append(tag)


def test_every_page_answers_with_csp_and_semantic_structure(client, sample):
    _, dossier = sample
    for path in _pages(dossier):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert response.headers["content-type"].startswith("text/html")
        outline = _Outline()
        outline.feed(response.text)
        assert outline.headings.count("h1") == 1, path
        levels = [int(h[1]) for h in outline.headings]
        assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), (path, outline.headings)
        tags = [t for t, _ in outline.tags]
        assert "main" in tags and "nav" in tags and tags.count("script") == 1, path
        skip = next(a for t, a in outline.tags if t == "a")
        assert skip.get("href") == "#main", "the first link skips to the content"


def test_story_page_shows_graph_matrix_and_timeline(client, sample):
    _, dossier = sample
    html = client.get("/stories/1").text
    for view in ("graph", "matrix", "timeline"):
        assert f'data-view="{view}"' in html
    origin = next(a["id"] for a in dossier["articles"] if a["title"] == "River floods Kestrel Bay market")
    assert f'class="node origin" href="/articles/{_bare(origin)}"' in html
    assert "speaker conflict" in html and "value conflict" in html
    assert client.get("/stories/s1").text == html  # both id forms


def test_json_twins_carry_the_dossier_shapes(client, sample):
    _, dossier = sample
    index = client.get("/index.json").json()
    assert [s["id"] for s in index["stories"]] == ["s1", "s2"]
    story = client.get("/stories/1.json").json()
    assert story["story"] == dossier["stories"][0]
    assert {"summary", "timeline", "graph", "matrix", "quotes_by_speaker", "numbers", "pairs", "entities"} <= set(story)
    for article in dossier["articles"]:
        twin = client.get(f"/articles/{_bare(article['id'])}.json").json()
        assert CONTRACT["articles"] <= set(twin["article"])
        assert {k: twin["article"][k] for k in CONTRACT["articles"]} == {k: article[k] for k in CONTRACT["articles"]}
    for claim in dossier["claims"]:
        twin = client.get(f"/claims/{_bare(claim['id'])}.json").json()
        assert twin["claim"] == {k: claim[k] for k in CONTRACT["claims"]}
    for entity in dossier["entities"]:
        twin = client.get(f"/entities/{_bare(entity['id'])}.json").json()
        assert twin["entity"]["id"] == entity["id"] and twin["entity"]["name"] == entity["name"]
    edge = dossier["reuse"][0]
    pair = client.get(f"/pairs/{_bare(edge['target'])}/{_bare(edge['source'])}.json").json()
    assert (pair["source"]["id"], pair["target"]["id"]) == (edge["source"], edge["target"])
    assert pair["relation"] == edge["relation"] and len(pair["passages"]) == len(edge["passages"])
    assert [p["source_span"] for p in pair["passages"]] == [p["source_span"] for p in edge["passages"]]


def test_article_page_marks_passages_quotes_and_numbers(client, sample):
    _, dossier = sample
    origin = next(a for a in dossier["articles"] if a["title"] == "River floods Kestrel Bay market")
    html = client.get(f"/articles/{_bare(origin['id'])}").text
    assert re.search(r'<mark class="(?:\w+ )*number[^"]*" title="[^"]*n1[^"]*">About 1,200 residents</mark>', html)
    assert 'class="quote reused"' in html  # the quote sits in a passage shared with the hostile page
    assert '<mark class="reused"' in html


def test_search_uses_the_full_text_index(client, sample):
    _, _dossier = sample
    results = client.get("/search.json", params={"q": "Alder bridge"}).json()["results"]
    titles = {r["title"] for r in results}
    assert titles == {"Alder Street bridge closed for repairs", "Bridge closure brings detours"}
    assert all(r["stories"] == ["s2"] for r in results)
    # FTS syntax in the query is not an error
    for query in ['"unbalanced', "NEAR(", "a AND OR", "*", "title:x", "-"]:
        assert client.get("/search.json", params={"q": query}).status_code == 200
    too_long = client.get("/search.json", params={"q": "x" * 501})
    assert too_long.status_code == 422 and too_long.json()["error"]["reason"] == "invalid_request"
    assert client.get("/search", params={"limit": "many"}).status_code == 422
    assert HOSTILE_TITLE not in client.get("/search", params={"q": "flood"}).text


def test_missing_records_are_404_in_both_forms(client):
    for path in ("/stories/99", "/articles/999", "/claims/77", "/entities/88", "/pairs/1/5", "/nowhere"):
        assert client.get(path).status_code == 404, path
        twin = client.get(path + ".json")
        assert twin.status_code == 404
        if path != "/nowhere":
            assert twin.json()["error"]["reason"] == "not_found"


def test_openapi_and_offline_docs(client):
    spec = client.get("/openapi.json").json()
    for path in ("/stories/{story_id}", "/stories/{story_id}.json", "/articles/{article_id}.json", "/search.json",
                 "/claims/{claim_id}", "/pairs/{source}/{target}", "/entities/{entity_id}"):
        assert path in spec["paths"], path
    assert "/api/ingest" not in spec["paths"]  # writes are off by default
    docs = client.get("/docs").text
    assert "/stories/{story_id}.json" in docs
    assert "http://" not in docs.replace("http://127.0.0.1", "") and "https://" not in docs  # nothing remote


def test_store_without_analysis_answers_with_the_hint(tmp_path):
    db, _ = build_sample_store(tmp_path, analysed=False)
    client = TestClient(create_app(db), base_url="http://127.0.0.1")
    page = client.get("/")
    assert page.status_code == 503 and "storytrace analyze" in page.text
    twin = client.get("/index.json")
    assert twin.json()["error"]["code"] == "E304"


def test_newer_analysis_is_picked_up(tmp_path, monkeypatch):
    import storytrace.web.app as web_app
    from storytrace.store import Store

    monkeypatch.setattr(web_app, "_RELOAD_CHECK_SECONDS", 0.0)
    db, dossier = build_sample_store(tmp_path)
    assert dossier is not None
    client = TestClient(create_app(db, WebOptions()), base_url="http://127.0.0.1")
    assert len(client.get("/index.json").json()["stories"]) == 2
    with Store.open(db) as store:
        store.save_dossier({**dossier, "stories": dossier["stories"][:1]})
    assert len(client.get("/index.json").json()["stories"]) == 1


def test_cli_serve_refuses_an_unanalysed_store(tmp_path):
    from click.testing import CliRunner

    from storytrace.cli import main

    db, _ = build_sample_store(tmp_path, analysed=False)
    result = CliRunner().invoke(main, ["serve", "--db", str(db), "--port", "0"])
    assert result.exit_code == 1 and "E304" in result.output and "storytrace analyze" in result.output
    writes = CliRunner().invoke(main, ["serve", "--db", str(db), "--allow-writes"])
    assert writes.exit_code == 1


def test_json_twins_validate_against_the_dossier_schema(client, sample):
    """The records in the twins validate against the published JSON Schema of storytrace.dossier/1."""
    import json
    from importlib import resources

    import jsonschema

    schema = json.loads(resources.files("storytrace.compare").joinpath("dossier.schema.json").read_text("utf-8"))
    _, dossier = sample
    jsonschema.validate(dossier, schema)  # the hand-built sample itself meets the contract

    def check(record: dict[str, Any], kind: str) -> None:
        jsonschema.validate(record, {"$defs": schema["$defs"], "$ref": f"#/$defs/{kind}"})

    for article in dossier["articles"]:
        check(client.get(f"/articles/{_bare(article['id'])}.json").json()["article"], "article")
    for claim in dossier["claims"]:
        check(client.get(f"/claims/{_bare(claim['id'])}.json").json()["claim"], "claim")
    for story in dossier["stories"]:
        check(client.get(f"/stories/{_bare(story['id'])}.json").json()["story"], "story")
    report = client.get("/stories/1.json").json()
    assert report["story"]["articles"] == dossier["stories"][0]["articles"]


def test_article_page_shows_url_and_locator_as_text(tmp_path):
    from storytrace.store import Store

    db, dossier = build_sample_store(tmp_path)
    assert dossier is not None
    first, *rest = dossier["articles"]
    hostile_url = "javascript:alert('url')//https://kestrel.example/flood"
    changed = {**dossier, "articles": [{**first, "url": hostile_url, "locator": "row 3 (id 610)"}, *rest[:-1]]}
    with Store.open(db) as store:
        store.save_dossier(changed)
        left_out = store.article(int(rest[-1]["id"][1:]))
    assert left_out is not None and left_out.locator
    client = TestClient(create_app(db), base_url="http://127.0.0.1")
    page = client.get(f"/articles/{first['id'][1:]}")
    assert "row 3 (id 610)" in page.text
    assert "javascript:alert(&#39;url&#39;)//https://kestrel.example/flood" in page.text
    outline = _Outline()
    outline.feed(page.text)
    assert not any((attrs.get("href") or "").startswith("javascript") for _, attrs in outline.tags)
    twin = client.get(f"/articles/{first['id'][1:]}.json").json()
    assert (twin["article"]["url"], twin["article"]["locator"]) == (hostile_url, "row 3 (id 610)")
    # an article stored after the analysis shows its own locator too
    stored = client.get(f"/articles/{rest[-1]['id'][1:]}.json").json()
    assert stored["article"]["locator"] == left_out.locator and "note" in stored
    assert left_out.locator in client.get(f"/articles/{rest[-1]['id'][1:]}").text


def test_an_id_of_another_kind_is_not_an_article(client, sample):
    _, dossier = sample
    number = dossier["articles"][0]["id"][1:]
    assert client.get(f"/articles/{number}").status_code == 200
    for prefix in ("s", "x", "c", "e", "q"):
        for path in (f"/articles/{prefix}{number}", f"/articles/{prefix}{number}.json"):
            response = client.get(path)
            assert response.status_code == 404, path
            assert "not in the latest analysis" not in response.text, path


def test_claim_page_says_why_first_seen_is_unknown(tmp_path):
    from storytrace.store import Store

    db, dossier = build_sample_store(tmp_path)
    assert dossier is not None
    claims = [{**c, "first_seen": None, "first_seen_note": "publication date unknown for 2 of 3 articles"}
              for c in dossier["claims"]]
    with Store.open(db) as store:
        store.save_dossier({**dossier, "claims": claims})
    client = TestClient(create_app(db), base_url="http://127.0.0.1")
    number = claims[0]["id"][1:]
    assert "first seen unknown (publication date unknown for 2 of 3 articles)" in client.get(f"/claims/{number}").text
    assert client.get(f"/claims/{number}.json").json()["first_seen_note"].startswith("publication date")


def _search_pile(folder: Path, count: int) -> Path:
    """``count`` short articles that all mention the Tarn Valley orchard (written for this test); the
    even ones have no title."""
    import json

    from storytrace.ingest import ingest
    from storytrace.settings import IngestOptions
    from storytrace.store import Store

    folder.mkdir(parents=True, exist_ok=True)
    pile = folder / "orchard.jsonl"
    with pile.open("w", encoding="utf-8") as out:
        for n in range(count):
            row: dict[str, Any] = {"text": (
                f"Pickers at the Tarn Valley orchard brought in crate number {n} of the late plums on "
                f"Thursday morning. The growers said harvest day {n} ran long because of the rain, and "
                f"the co-operative will sell the fruit at the market on Saturday {n}.")}
            if n % 2:
                row["title"] = f"Orchard harvest report {n}"
            out.write(json.dumps(row) + "\n")
    db = folder / "pile.db"
    with Store.open(db) as store:
        summary = ingest([str(pile)], store, IngestOptions(workers=1))
        assert len(summary.new) == count, summary.rejections
        store.save_dossier({"schema": "storytrace.dossier/1", "articles": [], "stories": [], "reuse": [],
                            "entities": [], "quotes": [], "quantities": [], "claims": []})
    return db


def test_search_says_when_the_list_is_cut_and_names_untitled_hits(tmp_path):
    client = TestClient(create_app(_search_pile(tmp_path, 21)), base_url="http://127.0.0.1")
    data = client.get("/search.json", params={"q": "orchard plums"}).json()
    assert len(data["results"]) == 20 and data["more"] is True
    page = client.get("/search", params={"q": "orchard plums"}).text
    assert 'id="results-h">20 results' not in page and "The first 20 results" in page
    assert 'href="/search?q=orchard+plums&amp;limit=40"' in page
    assert len(client.get("/search.json", params={"q": "orchard plums", "limit": 40}).json()["results"]) == 21
    assert client.get("/search.json", params={"q": "orchard plums", "limit": 40}).json()["more"] is False
    untitled = [r for r in data["results"] if not r["title"]]
    assert untitled and all(r["lead"].startswith("Pickers at the Tarn Valley orchard") for r in untitled)
    outline = _Outline()
    outline.feed(page)
    assert ">Pickers at the Tarn Valley orchard" in page
    for hit in untitled:
        assert f'>{hit["id"]}</a>' not in page  # never a bare id as the link text


def test_app_over_an_unanalysed_store_serves_the_analysis_once_it_appears(tmp_path):
    """docs/web.md: the app answers 503 E304 with the hint, then the first analysis without a restart."""
    from dossier_sample import build_dossier
    from storytrace.store import Store

    db, _ = build_sample_store(tmp_path, analysed=False)
    client = TestClient(create_app(db), base_url="http://127.0.0.1")
    for path in ("/", "/stories/1", "/index.json"):
        response = client.get(path)
        assert response.status_code == 503 and "storytrace analyze" in response.text, path
    with Store.open(db) as store:
        store.save_dossier(build_dossier(store))
    assert client.get("/index.json").status_code == 200
    assert client.get("/stories/1").status_code == 200


def test_claims_page_lists_every_claim_conflicts_first_and_is_reachable_from_every_page(client, sample):
    _, dossier = sample
    twin = client.get("/claims.json").json()["claims"]
    assert sorted(c["id"] for c in twin) == sorted(c["id"] for c in dossier["claims"])
    conflicted = [bool(c["conflicts"]) for c in twin]
    assert conflicted == sorted(conflicted, reverse=True), "the claims with conflicts come first"
    by_id = {c["id"]: c for c in twin}
    for claim in dossier["claims"]:
        row = by_id[claim["id"]]
        assert row["independent_origins"] == claim["independent_origins"]
        assert row["first_seen"] == claim["first_seen"]
        assert [x["kind"] for x in row["conflicts"]] == [x["kind"] for x in claim["conflicts"]]
        assert row["articles"] == len(set(claim["articles"]))
    html = client.get("/claims").text
    for claim in dossier["claims"]:
        assert f'href="/claims/{_bare(claim["id"])}"' in html
    assert "speaker conflict" in html and "value conflict" in html
    for path in ("/", "/stories/1", "/entities"):
        assert '<a href="/claims">Claims</a>' in client.get(path).text, path
    # the front page counts the claims and the conflicts of each story and links to them
    front = client.get("/").text
    story = client.get("/index.json").json()["stories"][0]
    assert story["claims"] == 3 and story["conflicts"] == 2
    assert 'href="/stories/1#matrix-s1">2</a>' in front
    assert client.get("/index.json").json()["conflicts"] == sum(1 for c in dossier["claims"] if c["conflicts"])


def test_publication_times_are_shown_and_order_a_claims_printings(tmp_path):
    """Three printings of one day: the dossier's first_seen (a3, 09:24 in UTC-07:00 = 16:24 UTC) is earlier
    than a1 (12:51 UTC-04:00 = 16:51 UTC) although its clock reads earlier; a2 names no zone."""
    from storytrace.report import render_html, render_markdown
    from storytrace.store import Store

    db, dossier = build_sample_store(tmp_path)
    assert dossier is not None
    text = "Crews counted 40 boats at the regatta, said Ann Lee."
    times = {"a1": "2018-06-01T12:51:19-04:00", "a2": "2018-06-01T08:00", "a3": "2018-06-01T09:24-07:00"}
    timed = {
        "schema": "storytrace.dossier/1",
        "articles": [{"id": a, "outlet": f"Outlet {a}", "title": f"Boats {a}", "text": text, "words": 10,
                      "published": "2018-06-01", "published_time": t, "source": "x.txt", "locator": None,
                      "url": None, "byline": None, "credits": []} for a, t in times.items()],
        "stories": [{"id": "s1", "articles": list(times)}], "reuse": [], "entities": [],
        "quotes": [{"id": f"q{n}", "article": f"a{n}", "text": "we counted", "speaker": "Ann Lee"} for n in (1, 2, 3)],
        "quantities": [],
        "claims": [{"id": "c1", "kind": "quote", "members": ["q1", "q2", "q3"], "articles": list(times),
                    "independent_origins": 3, "first_seen": "a3", "conflicts": []}],
    }
    with Store.open(db) as store:
        store.save_dossier(timed)
    client = TestClient(create_app(db), base_url="http://127.0.0.1")
    members = client.get("/claims/1.json").json()["members"]
    assert [m["article"] for m in members] == ["a3", "a1", "a2"], "earliest first, a time without zone last"
    assert [m["when"] for m in members] == [
        "2018-06-01 09:24 UTC-07:00", "2018-06-01 12:51:19 UTC-04:00", "2018-06-01 08:00, zone not given"]
    page = re.sub(r"<[^>]+>", "", client.get("/claims/1").text)
    assert page.index("2018-06-01 09:24 UTC-07:00") < page.index("2018-06-01 12:51:19 UTC-04:00")
    assert "2018-06-01 12:51:19 UTC-04:00" in client.get("/articles/1").text
    assert "2018-06-01 09:24 UTC-07:00" in client.get("/stories/1").text  # the article list and timeline
    html = render_html(timed)
    assert "2018-06-01 09:24 UTC-07:00" in html.split('id="claims"', 1)[1].split('id="articles"', 1)[0]
    assert "2018-06-01 12:51:19 UTC-04:00" in html.split('id="articles"', 1)[1]
    assert "2018-06-01 08:00, zone not given" in render_markdown(timed)


def test_front_page_lists_the_stories_gathering_the_most_articles_first(tmp_path):
    from storytrace.store import Store

    db, dossier = build_sample_store(tmp_path)
    assert dossier is not None
    articles = [{"id": f"a{n}", "outlet": f"Outlet {n}", "title": f"Title {n}", "text": "Words.", "source": "x",
                 "published": None, "words": 1} for n in range(1, 6)]
    with Store.open(db) as store:
        store.save_dossier({**dossier, "articles": articles, "reuse": [], "quotes": [], "quantities": [],
                            "claims": [], "entities": [],
                            "stories": [{"id": "s1", "articles": ["a1"]}, {"id": "s2", "articles": ["a2", "a3", "a4"]},
                                        {"id": "s3", "articles": ["a5"]}]})
    client = TestClient(create_app(db), base_url="http://127.0.0.1")
    assert [s["id"] for s in client.get("/index.json").json()["stories"]] == ["s2", "s1", "s3"]
    front = client.get("/").text
    assert front.index('href="/stories/2"') < front.index('href="/stories/1"') < front.index('href="/stories/3"')


def _copies_dossier() -> dict[str, Any]:
    """a1 → a2 decided (a credit line), a1 — a3 two copies of one wire (direction 0.5), a2 and a3 share a passage."""
    text = "The ferry to Isle Marta stopped on Monday after a storm. The harbour master said crews would inspect it."
    passage = [{"source_span": [0, 40], "target_span": [0, 40], "kind": "verbatim", "score": 1.0}]

    def edge(source: str, target: str, relation: str, confidence: float, evidence: str) -> dict[str, Any]:
        return {"source": source, "target": target, "relation": relation, "mode": "verbatim",
                "target_coverage": 0.9, "source_coverage": 0.9, "direction_confidence": confidence,
                "evidence": [evidence], "passages": passage}

    return {
        "schema": "storytrace.dossier/1",
        "articles": [{"id": a, "outlet": o, "title": f"Ferry {a}", "text": text, "words": 19, "published": "2020-03-02",
                      "source": "x.txt", "locator": None, "url": None, "byline": None, "credits": []}
                     for a, o in (("a1", "Wire Desk"), ("a2", "Harbour Gazette"), ("a3", "Coast Daily"))],
        "stories": [{"id": "s1", "articles": ["a1", "a2", "a3"]}],
        "reuse": [edge("a2", "a3", "shared_passages", 0.6, "shared words"),
                  edge("a1", "a2", "wholly_derived", 0.9, "credit line in Harbour Gazette: via Wire Desk"),
                  edge("a1", "a3", "wholly_derived", 0.5, "both copies of Wire Desk (undecided)")],
        "entities": [], "quotes": [], "quantities": [], "claims": [],
    }


def test_an_undecided_direction_is_never_shown_as_who_copied_whom(tmp_path):
    """Two copies of one wire (direction confidence 0.5; 17 of the Spotify pile's 22 wholly derived pairs)
    do not say who copied whom: no arrowhead, no 'copied by' / 'taken from', a dash in the pair's title."""
    from storytrace.report import render_html
    from storytrace.store import Store

    db, _ = build_sample_store(tmp_path)
    dossier = _copies_dossier()
    with Store.open(db) as store:
        store.save_dossier(dossier)
    client = TestClient(create_app(db), base_url="http://127.0.0.1")
    graph = client.get("/stories/1.json").json()["graph"]["edges"]
    assert {(e["source"], e["target"]): e["directed"] for e in graph} == {
        ("a2", "a3"): True, ("a1", "a2"): True, ("a1", "a3"): False}
    story = client.get("/stories/1").text
    edges = re.findall(r'<a href="/pairs/(\d+)/(\d+)" aria-label="[^"]*">\s*<path ([^>]*)>', story)
    arrows = {(s, t): "marker-end" in attrs for s, t, attrs in edges}
    assert arrows == {("2", "3"): False, ("1", "2"): True, ("1", "3"): False}
    pairs = story.split('id="pairs-h"', 1)[1]
    assert pairs.index("Wire Desk (a1) → Harbour Gazette (a2)") < pairs.index("Shared passages only")
    assert "Wire Desk (a1) — Coast Daily (a3)</a> wholly derived, verbatim, 90% of a3, who copied whom undecided" in pairs
    assert "Harbour Gazette (a2) ↔ Coast Daily (a3)</a> shared passages only, verbatim, 90% of a3</li>" in pairs
    assert "Wire Desk (a1) → Harbour Gazette (a2)</a> wholly derived, verbatim, 90% of the target</li>" in pairs
    assert pairs.index("Wire Desk (a1) — Coast Daily (a3)") < pairs.index("Shared passages only")
    copy = client.get("/articles/3").text
    assert "taken from" not in copy and "copied by" not in copy
    assert "same text as (who copied whom undecided) <a href=\"/pairs/3/1\">Wire Desk (a1)</a>" in copy
    assert "shares passages with <a href=\"/pairs/3/2\">Harbour Gazette (a2)</a>" in copy
    assert "taken from <a href=\"/pairs/2/1\">Wire Desk (a1)</a>" in client.get("/articles/2").text
    assert "<h1>Wire Desk — Coast Daily</h1>" in client.get("/pairs/1/3").text
    assert "<h1>Wire Desk → Harbour Gazette</h1>" in client.get("/pairs/1/2").text
    html = render_html(dossier)
    assert "Wire Desk (a1) — Coast Daily (a3)</h4>" in html and "Wire Desk (a1) → Harbour Gazette (a2)</h4>" in html
    article = html.split('<div id="a3">', 1)[1].split("</details>", 1)[0]
    assert "taken from" not in article and "same text as (who copied whom undecided) Wire Desk (a1)" in article


def test_an_untitled_article_is_named_by_its_lead_line_not_its_bare_id(tmp_path):
    """Spotify a31 (cnet, no title) was listed on its story page as 'a31'."""
    from storytrace.report import render_html
    from storytrace.store import Store

    db, _ = build_sample_store(tmp_path)
    dossier = _copies_dossier()
    dossier["articles"][2]["title"] = None
    with Store.open(db) as store:
        store.save_dossier(dossier)
    client = TestClient(create_app(db), base_url="http://127.0.0.1")
    lead = "The ferry to Isle Marta stopped on Monday after a storm."
    story = client.get("/stories/1").text.split('id="articles-h"', 1)[1]
    assert f'<a href="/articles/3">{lead}</a> <span class="meta">(untitled, a3)</span>' in story
    assert f"a3: {lead}</a>" in client.get("/pairs/1/3").text
    assert f"Opens: “{lead}”" in client.get("/articles/3").text
    assert client.get("/stories/1.json").json()["articles"][2]["name"] == lead
    assert f'<h3>a3: (untitled) <span class="meta">{lead}</span></h3>' in render_html(dossier)


def test_a_conflict_names_the_outlets_that_disagree_not_member_ids(client, sample):
    _, dossier = sample
    members = {r["id"]: r for r in dossier["quotes"] + dossier["quantities"]}
    outlets = {a["id"]: a["outlet"] for a in dossier["articles"]}
    checked = 0
    for claim in dossier["claims"]:
        page = client.get(f"/claims/{_bare(claim['id'])}").text
        section = page.split('id="conflicts-h"', 1)[1].split("</section>", 1)[0]
        for conflict in claim["conflicts"]:
            for member in conflict["members"]:
                article = members[member]["article"]
                assert f'<a href="/articles/{_bare(article)}">{outlets[article]} ({article})</a>' in section
                assert f"{member})" not in section and f"({member}" not in section
                checked += 1
    assert checked >= 4


def test_a_numbers_qualifier_reads_as_words(tmp_path):
    """'More than 9,000 fighters' is qualified 'at least', not 'at_least' (sample pile, claim c7)."""
    from storytrace.report import render_html, render_markdown
    from storytrace.store import Store

    db, _ = build_sample_store(tmp_path)
    dossier = _copies_dossier()
    dossier["quantities"] = [
        {"id": "n1", "article": "a1", "text": "more than 90 passengers", "value": 90.0, "qualifier": "at_least",
         "counted": "passengers", "span": [0, 4]},
        {"id": "n2", "article": "a2", "text": "about 60 passengers", "value": 60.0, "qualifier": "approximately",
         "counted": "passengers", "span": [0, 4]}]
    dossier["claims"] = [{"id": "c1", "kind": "quantity", "members": ["n1", "n2"], "articles": ["a1", "a2"],
                          "independent_origins": 1, "first_seen": "a1", "conflicts": []}]
    with Store.open(db) as store:
        store.save_dossier(dossier)
    client = TestClient(create_app(db), base_url="http://127.0.0.1")
    pages = [client.get(p).text for p in ("/claims/1", "/articles/1", "/stories/1")]
    pages += [render_html(dossier), render_markdown(dossier)]
    for text in pages:
        assert "at least" in text and "at_least" not in text and "at\\_least" not in text


def test_the_graph_links_to_the_pairs_it_does_not_draw(tmp_path):
    from storytrace.store import Store

    db, _ = build_sample_store(tmp_path)
    dossier = _copies_dossier()
    text = dossier["articles"][0]["text"]
    dossier["articles"] = [{**dossier["articles"][0], "id": f"a{n}", "outlet": f"Outlet {n}", "text": text}
                           for n in range(1, 9)]
    dossier["stories"] = [{"id": "s1", "articles": [a["id"] for a in dossier["articles"]]}]
    dossier["reuse"] = [{"source": f"a{i}", "target": f"a{j}", "relation": "shared_passages", "passages": []}
                        for i in range(1, 9) for j in range(i + 1, 9)][:14]
    with Store.open(db) as store:
        store.save_dossier(dossier)
    page = TestClient(create_app(db), base_url="http://127.0.0.1").get("/stories/1").text
    assert '14 pairs that only share passages are not drawn: see <a href="#shared-h">Shared passages only</a>' in page
    assert '<h3 id="shared-h">Shared passages only (14)</h3>' in page


def test_printings_timed_with_zones_are_ordered_by_their_instants_across_days(tmp_path):
    """As first_seen is (docs/compare.md): "23:00 -05:00" on the 30th comes after "01:00 +00:00" on the 31st."""
    from storytrace.store import Store

    db, _ = build_sample_store(tmp_path)
    dossier = _copies_dossier()
    stamps = {"a1": ("2020-03-30", "2020-03-30T23:00-05:00"), "a2": ("2020-03-31", "2020-03-31T01:00+00:00"),
              "a3": ("2020-03-31", "2020-03-31T02:00+00:00")}
    for article in dossier["articles"]:
        article["published"], article["published_time"] = stamps[article["id"]]
    dossier["quotes"] = [{"id": f"q{n}", "article": f"a{n}", "text": "crews would inspect it", "speaker": "harbour master"}
                         for n in (1, 2, 3)]
    dossier["claims"] = [{"id": "c1", "kind": "quote", "members": ["q1", "q2", "q3"], "articles": ["a1", "a2", "a3"],
                          "independent_origins": 2, "first_seen": "a2", "conflicts": []}]
    with Store.open(db) as store:
        store.save_dossier(dossier)
    members = TestClient(create_app(db), base_url="http://127.0.0.1").get("/claims/1.json").json()["members"]
    assert [m["article"] for m in members] == ["a2", "a3", "a1"]


def test_independent_origins_are_explained_where_they_are_counted(client, sample):
    from storytrace.report import render_html

    _, dossier = sample
    for text in (client.get("/claims/1").text, client.get("/claims").text, render_html(dossier)):
        assert "Independent origins: the articles that printed a claim, counting once each group" in text


def test_an_articles_pairs_list_who_copied_whom_before_shared_passages(tmp_path):
    from storytrace.report import render_html
    from storytrace.store import Store

    db, _ = build_sample_store(tmp_path)
    dossier = _copies_dossier()
    dossier["reuse"] = [dossier["reuse"][0], dossier["reuse"][2], dossier["reuse"][1]]  # shared, undecided, decided
    with Store.open(db) as store:
        store.save_dossier(dossier)
    client = TestClient(create_app(db), base_url="http://127.0.0.1")
    for number, expected in (("3", ["a1", "a2"]), ("2", ["a1", "a3"])):
        assert [p["other"] for p in client.get(f"/articles/{number}.json").json()["pairs"]] == expected
    page = client.get("/articles/3").text
    assert page.index("same text as (who copied whom undecided)") < page.index("shares passages with")
    report = render_html(dossier).split('<div id="a3">', 1)[1].split("</details>", 1)[0]
    assert report.index("same text as") < report.index("shares passages with")


def test_a_pair_without_a_decided_direction_names_no_source_or_target(tmp_path):
    from storytrace.report import render_html
    from storytrace.store import Store

    db, _ = build_sample_store(tmp_path)
    dossier = _copies_dossier()
    with Store.open(db) as store:
        store.save_dossier(dossier)
    client = TestClient(create_app(db), base_url="http://127.0.0.1")
    decided = client.get("/pairs/1/2").text
    assert "<h4>Source <a" in decided and "<h4>Target <a" in decided and "words only in the target" in decided
    for path, title, why in (("/pairs/1/3", "Wire Desk — Coast Daily", "undecided"),
                             ("/pairs/2/3", "Harbour Gazette ↔ Coast Daily", "neither was written from the other")):
        page = client.get(path).text
        assert f"<h1>{title}</h1>" in page and why in page
        assert "Source" not in page.split("</h1>", 1)[1] and "target" not in page.split("</h1>", 1)[1].lower()
    html = render_html(dossier)
    assert "Harbour Gazette (a2) ↔ Coast Daily (a3)</h4>" in html
    shared = html.split('id="pair-a2-a3"', 1)[1].split("</section>\n</section>", 1)[0]
    assert "Source <a" not in shared and "Target <a" not in shared


def test_front_page_shows_the_piles_totals_linked_where_a_page_lists_them(tmp_path):
    """The dossier's summary: articles, stories, reuse pairs, origins, claims, conflicts by kind, articles by
    language ('und' is undetermined); stories, claims and conflicts link to where they are listed."""
    from storytrace.store import Store

    summary = {"articles": 3, "stories": 2, "reuse_pairs": 7, "independent_origins": 2, "claims": 5,
               "languages": {"en": 2, "und": 1}, "conflicts": {"speaker": 1, "value": 2, "wording": 0}}
    dossier = {
        "schema": "storytrace.dossier/1",
        "articles": [{"id": f"a{n}", "outlet": f"Outlet {n}", "text": "Words."} for n in (1, 2, 3)],
        "stories": [{"id": "s1", "articles": ["a1", "a2"]}, {"id": "s2", "articles": ["a3"]}],
        "summary": summary,
    }
    with Store.open(tmp_path / "pile.db") as store:
        store.save_dossier(dossier)
    client = TestClient(create_app(tmp_path / "pile.db"), base_url="http://127.0.0.1")
    totals = client.get("/index.json").json()["totals"]
    assert {k: totals[k] for k in ("articles", "stories", "reuse_pairs", "independent_origins", "claims")} == {
        "articles": 3, "stories": 2, "reuse_pairs": 7, "independent_origins": 2, "claims": 5}
    assert totals["conflicts"] == summary["conflicts"]
    assert totals["languages"] == [{"code": "en", "articles": 2}, {"code": "und", "articles": 1}]
    front = client.get("/").text
    block = front.split('aria-label="Totals of the pile"', 1)[1].split("</ul>", 1)[0]
    assert "<strong>3</strong> articles" in block
    assert '<a href="#stories-h"><strong>2</strong> stories</a>' in block
    assert "<strong>7</strong> reuse pairs" in block
    assert '<a href="/claims"><strong>2</strong> independent origins</a>' in block
    assert '<a href="/claims"><strong>5</strong> claims</a>' in block
    assert '<a href="/claims#conflicts-h"><strong>3</strong> conflicts</a>' in block
    assert "speaker 1 · value 2 · wording 0" in block
    assert "en 2 · und (undetermined) 1" in block


def test_story_page_of_one_article_is_compact(tmp_path):
    """A story of one article names its article, claims (the front page's conflict link lands on them), quotes,
    numbers and names; no timeline of one dot, graph of one box, matrix of one column or empty reuse list."""
    from storytrace.store import Store
    from test_report import _one_article_stories_dossier

    dossier = _one_article_stories_dossier()  # the report's compact-story pile, served
    with Store.open(tmp_path / "pile.db") as store:
        store.save_dossier(dossier)
    client = TestClient(create_app(tmp_path / "pile.db"), base_url="http://127.0.0.1")
    assert 'href="/stories/2#matrix-s2"' in client.get("/").text
    page = client.get("/stories/2").text
    for absent in ("<svg", "Timeline", "Derivation graph", "Claims by outlet", "Reuse pairs", "No reuse"):
        assert absent not in page, absent
    assert '<a href="/articles/3">Quay 3</a> <span class="meta">Outlet 3 (a3) · 2024-05-03 · 14 words</span>' in page
    claims = page.split('id="matrix-s2"', 1)[1].split("</p>", 1)[0]
    assert '<a href="/claims/3">c1</a>' not in claims and '<a href="/claims/1">c1</a>' in claims
    assert "value conflict" in claims
    quotes = page.split('id="quotes-h"', 1)[1].split("</section>", 1)[0]
    assert "The quay is closed for 40 days" in quotes and "/articles/3" not in quotes
    assert "30 days" in page.split('id="numbers-h"', 1)[1] and '<a href="/entities/1">Ann Lee</a>' in page
    full = client.get("/stories/1").text
    assert 'id="timeline-s1"' in full and 'id="graph-s1"' in full
