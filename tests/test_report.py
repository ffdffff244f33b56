"""Reports from a dossier: the views, and the HTML, Markdown and JSON files (storytrace report)."""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from dossier_sample import CONTRACT, HOSTILE_TITLE, build_sample_store, contract_problems
from storytrace.cli import main
from storytrace.errors import NoAnalysisError
from storytrace.report import build_report, load_dossier, render_html, render_json, render_markdown
from storytrace.report.markdown import escape
from storytrace.report.view import (
    DossierIndex,
    claim_matrix,
    derivation_graph,
    highlight_segments,
    numbers_side_by_side,
    pair_view,
    quotes_by_speaker,
    story_summary,
    timeline,
    word_diff,
)


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    db, dossier = build_sample_store(tmp_path_factory.mktemp("report"))
    assert dossier is not None
    return db, dossier


def _ids(dossier: dict[str, Any]) -> dict[str, str]:
    """Sample article key → dossier id, by outlet and date (ids depend on ingest order)."""
    by_title = {a["title"]: a["id"] for a in dossier["articles"]}
    return {
        "origin": by_title["River floods Kestrel Bay market"],
        "wire": by_title["Kestrel Bay flood forces 1,500 from homes"],
        "rewrite": by_title["Hundreds flee as Kestrel Bay river bursts"],
        "hostile": by_title[HOSTILE_TITLE],
    }


def test_sample_dossier_meets_the_contract(sample):
    _, dossier = sample
    assert dossier["schema"] == "storytrace.dossier/1"
    problems = [p for kind in CONTRACT for record in dossier[kind] for p in contract_problems(kind, record)]
    assert problems == []


def test_story_summary_counts_origins_after_collapsing_copies(sample):
    _, dossier = sample
    index = DossierIndex.build(dossier)
    ids = _ids(dossier)
    summary = story_summary(index, index.stories["s1"])
    assert summary["articles"] == 4
    assert len(summary["outlets"]) == 4 and summary["unattributed"] == 0
    # wire copies origin, rewrite copies wire; the hostile page only shares a quote: two origins.
    assert summary["origins"] == [ids["origin"], ids["hostile"]]
    assert summary["independent_origins"] == 2
    assert (summary["first_published"], summary["last_published"]) == ("2024-03-01", "2024-03-03")
    bridge = story_summary(index, index.stories["s2"])
    assert bridge["title"] == "Alder Street bridge closure"
    assert bridge["independent_origins"] == 2


def test_a_storys_dates_say_how_many_of_its_articles_are_undated(sample):
    """First and last published span the dated articles only; the summary says how many have no date, or
    "2024-03-01 to 2024-03-03" over four articles, two of them undated, reads as all four."""
    import copy

    _, original = sample
    dossier = copy.deepcopy(original)
    ids = _ids(dossier)
    for article in dossier["articles"]:
        if article["id"] in (ids["wire"], ids["hostile"]):
            article["published"] = None
            article.pop("published_time", None)
    index = DossierIndex.build(dossier)
    summary = story_summary(index, index.stories["s1"])
    assert summary["articles"] == 4 and summary["undated"] == 2
    assert story_summary(DossierIndex.build(original), DossierIndex.build(original).stories["s1"])["undated"] == 0
    html = render_html(dossier)
    story = html.split('id="s1"', 1)[1]
    assert "last published <span class=\"meta\">(2 undated)</span>" in story
    assert "(0 undated)" not in render_html(original)
    markdown = render_markdown(dossier).split("## Story s1", 1)[1]
    published = [line for line in markdown.splitlines() if line.startswith("- Published:")]
    assert published and published[0].startswith(f"- Published: {summary['first_published']}")
    assert published[0].endswith("(2 undated)")


def test_graph_layers_follow_the_derivation_chain(sample):
    _, dossier = sample
    index = DossierIndex.build(dossier)
    ids = _ids(dossier)
    graph = derivation_graph(index, index.stories["s1"])
    layer = {n["id"]: n["layer"] for n in graph["nodes"]}
    assert layer == {ids["origin"]: 0, ids["wire"]: 1, ids["rewrite"]: 2, ids["hostile"]: 0}
    origins = {n["id"] for n in graph["nodes"] if n["origin"]}
    assert origins == {ids["origin"], ids["hostile"]}
    kinds = {(e["source"], e["target"]): e["derived"] for e in graph["edges"]}
    assert kinds == {(ids["origin"], ids["wire"]): True, (ids["wire"], ids["rewrite"]): True,
                     (ids["origin"], ids["hostile"]): False}
    xs = {n["id"]: n["x"] for n in graph["nodes"]}
    assert xs[ids["origin"]] < xs[ids["wire"]] < xs[ids["rewrite"]]
    # no two boxes overlap
    boxes = [(n["x"], n["y"]) for n in graph["nodes"]]
    assert len(set(boxes)) == len(boxes)


def test_graph_survives_a_cycle_and_dangling_ids():
    dossier = {
        "articles": [{"id": "a1", "published": None}, {"id": "a2"}, {"id": "a3", "published": "not a date"}],
        "stories": [{"id": "s1", "articles": ["a1", "a2", "a3", "a404", None]}],
        "reuse": [
            {"source": "a1", "target": "a2", "relation": "wholly_derived", "passages": None},
            {"source": "a2", "target": "a1", "relation": "wholly_derived"},
            {"source": "a3", "target": "a9", "relation": "wholly_derived"},
            "not a record",
        ],
    }
    index = DossierIndex.build(dossier)
    graph = derivation_graph(index, index.stories["s1"])
    assert {n["id"] for n in graph["nodes"]} == {"a1", "a2", "a3"}
    assert len(graph["edges"]) == 2
    line = timeline(index, index.stories["s1"])
    assert line["undated"] is True and len(line["points"]) == 3
    html = render_html(dossier)
    assert "Derivation graph" in html


def test_timeline_places_articles_by_date_and_outlet(sample):
    _, dossier = sample
    index = DossierIndex.build(dossier)
    ids = _ids(dossier)
    line = timeline(index, index.stories["s1"])
    x = {p["id"]: p["x"] for p in line["points"]}
    assert x[ids["origin"]] < x[ids["wire"]] < x[ids["rewrite"]]
    assert {p["row"] for p in line["points"]} == {0, 1, 2, 3}
    assert [t["label"] for t in line["ticks"]] == ["2024-03-01", "2024-03-02", "2024-03-03"]
    bridge = timeline(index, index.stories["s2"])
    assert bridge["undated"] is True


def test_claim_matrix_marks_outlets_first_seen_and_conflicts(sample):
    _, dossier = sample
    index = DossierIndex.build(dossier)
    ids = _ids(dossier)
    matrix = claim_matrix(index, index.stories["s1"])
    rows = {r["claim"]: r for r in matrix["rows"]}
    assert set(rows) == {"c1", "c2", "c3"}
    assert rows["c1"]["outlets"] == 4 and rows["c1"]["conflict_kinds"] == ["speaker"]
    assert rows["c2"]["conflict_kinds"] == ["value"]
    assert rows["c3"]["conflict_kinds"] == []
    first = [c for c in rows["c2"]["cells"] if c["first"]]
    assert [c["articles"] for c in first] == [[ids["origin"]]]
    printed = {c["outlet"] for c in rows["c3"]["cells"] if c["articles"]}
    assert printed == {"Harbour Gazette", "Coastline Wire"}


def test_claim_matrix_rows_say_who_said_a_quote_and_cells_what_each_article_printed(sample):
    """A reader of the matrix sees who is credited with a quote (most printings first, with counts
    when the printings disagree) and, in a number's row, the value each article printed beside it,
    so a number that drifts from outlet to outlet shows without opening the claim."""
    _, dossier = sample
    index = DossierIndex.build(dossier)
    ids = _ids(dossier)
    rows = {r["claim"]: r for r in claim_matrix(index, index.stories["s1"])["rows"]}
    assert rows["c1"]["said_by"] == [{"name": "Ines Okafor", "printings": 3}, {"name": "Tomas Reyes", "printings": 1}]
    assert rows["c2"]["said_by"] == []
    numbers = {c["outlet"]: c["numbers"] for c in rows["c2"]["cells"] if c["articles"]}
    assert numbers["Harbour Gazette"] == [{"article": ids["origin"], "value": "≈ 1,200"}]  # "About 1,200"
    assert numbers["Coastline Wire"] == [{"article": ids["wire"], "value": "≈ 1,500"}]
    assert all(c["numbers"] == [] for c in rows["c1"]["cells"])
    html = render_html(dossier)
    matrix = html.split('id="matrix-s1"', 1)[1].split("</table>", 1)[0]
    # (a space before what follows: the badge, the first-seen note)
    assert '<span class="said-by">— said by Ines Okafor (3), Tomas Reyes (1)</span> <' in matrix
    assert f'>{ids["origin"]}</a> <span class="cell-value">≈ 1,200</span>' in matrix
    markdown = render_markdown(dossier).split("## Story s1", 1)[1].split("### Quotes by speaker", 1)[0]
    assert "— said by Ines Okafor (3), Tomas Reyes (1)" in markdown
    assert f"{ids['origin']} (≈ 1,200)" in markdown


def test_a_matrix_cell_shows_every_value_its_article_printed_with_its_qualifier(sample):
    """An article printing two values of one number claim ("between 3,000 and 4,500 fighters" and later
    "more than 9,000 fighters") shows both in its cell, each once: the cell used to keep only the last, hiding a
    disagreement inside the one article; a qualifier is marked as the conflicts' detail marks it."""
    import copy

    _, original = sample
    dossier = copy.deepcopy(original)
    ids = _ids(dossier)
    claim = next(c for c in dossier["claims"] if c["id"] == "c2")
    first = next(q for q in dossier["quantities"] if q["id"] in claim["members"] and q["article"] == ids["origin"])
    more = dict(first, id="n900", text="more than 2,000 residents", value=2000.0, low=2000.0, high=None,
                qualifier="at_least")
    about = dict(first, id="n901", text="about 1,200 residents", value=1200.0, low=None, high=None,
                 qualifier="approximately")
    dossier["quantities"] += [more, about]
    claim["members"] = [*claim["members"], "n900", "n901"]
    index = DossierIndex.build(dossier)
    rows = {r["claim"]: r for r in claim_matrix(index, index.stories["s1"])["rows"]}
    numbers = {c["outlet"]: c["numbers"] for c in rows["c2"]["cells"] if c["articles"]}
    assert numbers["Harbour Gazette"] == [{"article": ids["origin"], "value": "≈ 1,200; ≥ 2,000"}]
    assert numbers["Coastline Wire"] == [{"article": ids["wire"], "value": "≈ 1,500"}]
    matrix = render_html(dossier).split('id="matrix-s1"', 1)[1].split("</table>", 1)[0]
    assert f'>{ids["origin"]}</a> <span class="cell-value">≈ 1,200; ≥ 2,000</span>' in matrix
    markdown = render_markdown(dossier).split("## Story s1", 1)[1].split("### Quotes by speaker", 1)[0]
    assert f"{ids['origin']} (≈ 1,200; ≥ 2,000)" in markdown


def test_quotes_grouped_by_speaker_and_numbers_side_by_side(sample):
    _, dossier = sample
    index = DossierIndex.build(dossier)
    groups = quotes_by_speaker(index, index.stories["s1"])
    assert [(g["speaker"], len(g["quotes"])) for g in groups] == [("Ines Okafor", 3), ("Tomas Reyes", 1)]
    numbers = numbers_side_by_side(index, index.stories["s1"])
    residents = next(g for g in numbers if g["claim"] == "c2")
    assert sorted(i["value"] for i in residents["items"]) == [1200, 1500, 1500]
    assert residents["conflicting"] == ["n1", "n2"]


def test_quotes_of_one_speaker_entity_form_one_group_whatever_the_spelling():
    dossier = {"schema": "storytrace.dossier/1",
               "articles": [{"id": "a1", "outlet": "Wire"}, {"id": "a2", "outlet": "Daily"}],
               "stories": [{"id": "s1", "title": "Talks", "articles": ["a1", "a2"]}],
               "entities": [{"id": "e1", "name": "Sergey Lavrov", "type": "PERSON", "aliases": ["Sergei Lavrov"]}],
               "quotes": [
                   {"id": "q1", "article": "a1", "text": "No deal", "speaker": "Sergei Lavrov", "speaker_entity": "e1"},
                   {"id": "q2", "article": "a2", "text": "Not yet", "speaker": "Sergey Lavrov", "speaker_entity": "e1"},
                   {"id": "q3", "article": "a2", "text": "We will see", "speaker": "Lavrov", "speaker_entity": "e1"},
                   {"id": "q4", "article": "a2", "text": "Later", "speaker": "Ana Ruiz", "speaker_entity": None},
                   {"id": "q5", "article": "a1", "text": "Maybe", "speaker": None, "speaker_entity": "e1"}]}
    index = DossierIndex.build(dossier)
    groups = quotes_by_speaker(index, index.stories["s1"])
    assert [(g["speaker"], g["entity"], g["printed_as"], [q["id"] for q in g["quotes"]]) for g in groups] == [
        ("Sergey Lavrov", "e1", ["Lavrov", "Sergei Lavrov"], ["q1", "q2", "q3"]),
        ("Ana Ruiz", None, [], ["q4"]),
        (None, None, [], ["q5"]),
    ]
    dossier["quotes"][0]["direct"], dossier["quotes"][1]["direct"] = True, False
    dossier["quotes"][0]["speaker_title"] = "Russian Foreign Minister"
    markdown = render_markdown(dossier)
    assert "#### Sergey Lavrov (also printed as Lavrov, Sergei Lavrov)" in markdown
    assert "“No deal” — Wire (a1, as Russian Foreign Minister, in quotation marks)" in markdown
    assert "- Not yet — Daily (a2, reported speech)" in markdown  # no quotation marks around reported speech
    html = render_html(dossier)
    assert "also printed as Lavrov, Sergei Lavrov" in html
    assert html.count("in quotation marks") == 1 and html.count("reported speech") == 1
    assert html.count("as Russian Foreign Minister") == 1


def test_word_diff_marks_only_the_changed_words():
    left, right = word_diff("About 1,200 residents were moved", "About 1,500 residents were moved")
    assert [s for s in left if s["changed"]] == [{"text": "1,200 ", "changed": True}]
    assert [s for s in right if s["changed"]] == [{"text": "1,500 ", "changed": True}]
    assert "".join(s["text"] for s in left) == "About 1,200 residents were moved"
    same_left, same_right = word_diff("a b  c", "a b\nc")
    assert not any(s["changed"] for s in same_left + same_right)


def test_pair_view_aligns_passages_from_either_end(sample):
    _, dossier = sample
    index = DossierIndex.build(dossier)
    ids = _ids(dossier)
    pair = pair_view(index, ids["wire"], ids["origin"])  # asked the other way round
    assert pair is not None
    assert (pair["source"]["id"], pair["target"]["id"]) == (ids["origin"], ids["wire"])
    first, second = pair["passages"]
    assert not any(s["changed"] for s in first["source_segments"])
    changed = [s["text"].strip() for s in second["source_segments"] if s["changed"]]
    assert changed == ["1,200"]
    assert pair_view(index, ids["origin"], ids["rewrite"]) is None


def test_highlight_segments_stack_overlapping_marks():
    segments = highlight_segments("abcdefgh", [((1, 5), "reused", "a2"), ((3, 7), "quote", "q1")])
    assert [(s["text"], s["classes"]) for s in segments] == [
        ("a", []), ("bc", ["reused"]), ("de", ["quote", "reused"]), ("fg", ["quote"]), ("h", []),
    ]


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_html_report_is_one_inert_offline_file(sample):
    _, dossier = sample
    html = render_html(dossier)
    parser = _Collector()
    parser.feed(html)
    tags = [t for t, _ in parser.tags]
    assert "script" not in tags and "img" not in tags and "iframe" not in tags
    assert "link" not in tags  # CSS is inline
    for _, attrs in parser.tags:
        assert not any(name.startswith("on") for name in attrs), attrs
        for name in ("href", "src", "xlink:href"):
            value = attrs.get(name)
            if value:
                assert value.startswith("#"), f"{name}={value!r} leaves the file"
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert csp and "default-src 'none'" in csp.group(1) and "script-src" not in csp.group(1)
    # the one inline style is allowed by its hash, and is the stylesheet verbatim (not HTML-escaped)
    style = re.search(r"<style>(.*?)</style>", html, re.S)
    assert style and '"Segoe UI"' in style.group(1) and ".side > div" in style.group(1)
    digest = base64.b64encode(hashlib.sha256(style.group(1).encode()).digest()).decode()
    assert f"style-src 'sha256-{digest}'" in csp.group(1)
    assert "unsafe-inline" not in csp.group(1)
    # hostile text is shown as text
    assert "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;" in html
    assert "[U+202E]" in html and "\u202e" not in html  # bidi override made visible
    for view in ("graph-s1", "timeline-s1", "matrix-s1"):
        assert f'id="{view}"' in html
    assert html.count("<svg") == 4  # a graph and a timeline per story
    assert 'class="changed"' in html  # differences marked in the passages


def test_markdown_report_escapes_markup(sample):
    _, dossier = sample
    text = render_markdown(dossier)
    assert "## Story s1: Kestrel Bay flood" in text
    assert "<script>" not in text and "<img" not in text
    assert "&lt;script&gt;" in text
    assert "~~1,200~~" in text and "**1,500**" in text
    assert "speaker conflict" in text and "value conflict" in text
    assert escape("a|b\nc", cell=True) == "a\\|b c"
    assert escape("[x](javascript:alert(1))") == "\\[x\\](javascript:alert(1))"  # no link without its brackets
    # only what makes markup is escaped: dates, brackets of numbers and snake_case words read as printed
    assert escape("2016-10-20 (0.50) wholly_derived") == "2016-10-20 (0.50) wholly_derived"
    assert escape("# not a heading\n- nor an item\n1. nor a list") == "\\# not a heading\n\\- nor an item\n1\\. nor a list"


def test_markdown_report_says_what_every_conflict_is(sample):
    """A badge alone ("**speaker conflict**") does not say who is credited with what: the Markdown
    prints every conflict's detail, as the HTML does, in the story's claim matrix and under the claim."""
    _, dossier = sample
    text = render_markdown(dossier)
    story = text.split("## Story s1", 1)[1].split("## Story s2", 1)[0]
    matrix = story.split("### Claims by outlet", 1)[1].split("### Quotes by speaker", 1)[0]
    assert "- c1, speaker conflict: credited to Ines Okafor and to Tomas Reyes" in matrix
    assert "- c2, value conflict: 1,200 vs 1,500 residents moved" in matrix
    claims = text.split("## Claims", 1)[1].split("## Articles", 1)[0]
    assert "  - speaker conflict: credited to Ines Okafor and to Tomas Reyes" in claims
    assert "  - value conflict: at least 6 weeks vs 8 weeks of repairs" in claims


def test_markdown_graph_draws_no_arrow_for_an_undecided_direction(sample):
    """Direction confidence 0.5 is provenance's "unknown": the Markdown graph must not draw wire → rewrite
    as if the wire were known to be the source, and every edge shows its confidence."""
    _, dossier = sample
    ids = _ids(dossier)
    undecided = {**dossier, "reuse": [
        {**edge, "direction_confidence": 0.5} if (edge["source"], edge["target"]) == (ids["wire"], ids["rewrite"])
        else edge for edge in dossier["reuse"]
    ]}
    text = render_markdown(undecided)
    graph = text.split("### Derivation graph", 1)[1].split("### Claims by outlet", 1)[0]
    assert (f"- `{ids['wire']}` — `{ids['rewrite']}`: partially derived (paraphrase, 41% of the target); "
            "direction unknown (0.50)") in graph
    assert f"- `{ids['origin']}` → `{ids['wire']}`: wholly derived (verbatim, 86% of the target); direction 0.80" in graph
    assert f"`{ids['wire']}` → `{ids['rewrite']}`" not in graph
    assert f"#### Coastline Wire ({ids['wire']}) — Daily Lantern ({ids['rewrite']})" in text


def test_json_report_keeps_the_dossier_and_adds_views(sample):
    _, dossier = sample
    report = json.loads(render_json(dossier))
    for key in CONTRACT:
        assert report[key] == dossier[key]
    assert [s["summary"]["id"] for s in report["views"]["stories"]] == ["s1", "s2"]
    story = report["views"]["stories"][0]
    assert {"timeline", "graph", "matrix", "quotes_by_speaker", "numbers", "pair_views", "entities"} <= set(story)
    assert len(story["pair_views"]) == 3


def test_reports_are_deterministic(sample):
    _, dossier = sample
    for renderer in (render_html, render_markdown, render_json):
        assert renderer(dossier) == renderer(json.loads(json.dumps(dossier)))


def test_report_tolerates_a_sparse_dossier():
    sparse = {"schema": "storytrace.dossier/1", "articles": [{"id": "a1", "title": None, "text": None}],
              "stories": [{"id": "s1", "title": None, "articles": ["a1"]}], "claims": [
                  {"id": "c1", "kind": None, "members": ["q404"], "conflicts": None}],
              "reuse": [{"source": "a1", "target": "a2", "passages": [{"source_span": [5, 2]}, {"target_span": "x"}]}],
              "entities": [{"id": "e1", "aliases": None, "articles": None}]}
    for renderer in (render_html, render_markdown, render_json):
        assert renderer(sparse)
    index = DossierIndex.build(sparse)
    assert story_summary(index, index.stories["s1"])["title"] == "a1"  # no title anywhere: the id
    assert build_report({})["views"]["stories"] == []


def test_articles_without_an_outlet_are_not_counted_as_outlets():
    dossier = {"schema": "storytrace.dossier/1", "articles": [
        {"id": "a1", "outlet": "Kestrel Courier", "source": "a.html"},
        {"id": "a2", "outlet": None, "source": "/piles/flood/002_wire.txt"},
        {"id": "a3", "outlet": "", "source": "https://news.example.org/x"}],
        "stories": [{"id": "s1", "title": "Flood", "articles": ["a1", "a2", "a3"]}]}
    index = DossierIndex.build(dossier)
    summary = story_summary(index, index.stories["s1"])
    assert summary["outlets"] == ["Kestrel Courier"] and summary["unattributed"] == 2
    # the charts still keep the two unattributed articles apart, by file name and web host
    assert [index.outlet(a) for a in ("a1", "a2", "a3")] == ["Kestrel Courier", "[002_wire.txt]", "[news.example.org]"]
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", render_html(dossier)))
    assert "1 outlet + 2 unknown" in text and "2 articles name no outlet" in text
    assert "1 outlet (+ 2 unknown)" in text
    assert "- Outlets (1): Kestrel Courier; 2 without an outlet" in render_markdown(dossier)


def test_an_article_without_an_outlet_is_named_by_its_own_url_before_its_file():
    """Pages of one crawl (or rows of one CSV) with a link but no outlet: each is named by its page's host,
    not all by the crawl file's name (which made them one "outlet" in the matrix and the timeline)."""
    dossier = {"schema": "storytrace.dossier/1", "articles": [
        {"id": "a1", "outlet": None, "source": "/crawls/march.warc.gz", "url": "https://Harbour.example:8443/dam"},
        {"id": "a2", "outlet": None, "source": "/crawls/march.warc.gz", "url": "https://valley.example/dam"},
        {"id": "a3", "outlet": None, "source": "/exports/rows.csv", "url": None},
        {"id": "a4", "outlet": None, "source": "https://fetched.example/x", "url": "not a url"}],
        "stories": [{"id": "s1", "title": "Dam", "articles": ["a1", "a2", "a3", "a4"]}]}
    index = DossierIndex.build(dossier)
    assert [index.outlet(a) for a in ("a1", "a2", "a3", "a4")] == [
        "[harbour.example]", "[valley.example]", "[rows.csv]", "[fetched.example]"]


def test_cli_report_writes_each_format(sample, tmp_path):
    db, _ = sample
    runner = CliRunner()
    for fmt in ("html", "md", "json"):
        out = tmp_path / f"dossier.{fmt}"
        result = runner.invoke(main, ["report", "--db", str(db), "--format", fmt, "--out", str(out)])
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 1000
    assert json.loads((tmp_path / "dossier.json").read_text())["schema"] == "storytrace.dossier/1"


def test_report_without_analysis_tells_the_user_to_analyze(tmp_path):
    db, _ = build_sample_store(tmp_path, analysed=False)
    with pytest.raises(NoAnalysisError):
        load_dossier(db)
    result = CliRunner().invoke(main, ["report", "--db", str(db), "--out", str(tmp_path / "x.html")])
    assert result.exit_code == 1
    assert "E304" in result.output and "storytrace analyze" in result.output
    assert not (tmp_path / "x.html").exists()
    missing = CliRunner().invoke(main, ["report", "--db", str(tmp_path / "none.db"), "--out", str(tmp_path / "y")])
    assert missing.exit_code == 1 and "E303" in missing.output


def test_report_of_one_story(sample, tmp_path):
    db, dossier = sample
    ids = _ids(dossier)
    from storytrace.report import story_subset

    subset = story_subset(dossier, "1")
    assert [s["id"] for s in subset["stories"]] == ["s1"]
    assert {a["id"] for a in subset["articles"]} == set(ids.values())
    assert {c["id"] for c in subset["claims"]} == {"c1", "c2", "c3"}
    assert all(set(e["articles"]) <= set(ids.values()) for e in subset["entities"])
    problems = [p for kind in CONTRACT for record in subset[kind] for p in contract_problems(kind, record)]
    assert problems == []
    out = tmp_path / "s2.md"
    result = CliRunner().invoke(main, ["report", "--db", str(db), "--story", "s2", "--format", "md", "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "Story s2" in text and "Story s1" not in text and "Kestrel Bay flood" not in text
    missing = CliRunner().invoke(main, ["report", "--db", str(db), "--story", "s9", "--out", str(out)])
    assert missing.exit_code == 1 and "no story 's9'" in missing.output


def test_report_of_one_story_summarises_that_story(sample, tmp_path):
    """The JSON of one story must not keep the pile's counts (all its articles, claims and stories)."""
    db, dossier = sample
    pile = {**dossier, "summary": {"articles": 6, "stories": 2, "reuse_pairs": 3, "independent_origins": 4,
                                   "claims": 4, "conflicts": {"speaker": 1, "value": 2, "wording": 0}}}
    from storytrace.report import story_subset

    assert story_subset(pile, "s1")["summary"] == {
        "articles": 4, "stories": 1, "reuse_pairs": 3, "independent_origins": 2, "claims": 3,
        "conflicts": {"speaker": 1, "value": 1, "wording": 0},
    }
    out = tmp_path / "s2.json"
    result = CliRunner().invoke(main, ["report", "--db", str(db), "--story", "2", "--format", "json", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8"))["summary"] == {
        "articles": 2, "stories": 1, "reuse_pairs": 0, "independent_origins": 2, "claims": 1,
        "conflicts": {"speaker": 0, "value": 1, "wording": 0},
    }


_GENERATOR_META = '<meta name="generator" content="storytrace">'


@pytest.mark.parametrize(
    ("name", "render"),
    [
        ("report.html", render_html),
        ("report.md", render_markdown),
        ("report.json", render_json),
        ("dossier.json", lambda d: json.dumps(d, ensure_ascii=False, indent=1)),
        ("old-report.html", lambda d: render_html(d).replace(_GENERATOR_META, "")),
        ("old-report.md", lambda d: render_markdown(d).split("\n", 1)[1]),
    ],
    ids=["html", "md", "json", "dossier", "html-without-marker", "md-without-marker"],
)
def test_a_report_in_the_input_folder_is_not_read_back_as_articles(sample, tmp_path, name, render):
    """``storytrace analyze .`` then ``report`` into the same folder: the next analyze refuses the report."""
    from storytrace.ingest import ingest
    from storytrace.settings import IngestOptions
    from storytrace.store import Store

    _, dossier = sample
    path = tmp_path / name
    path.write_text(render(dossier), encoding="utf-8")
    with Store.open(tmp_path / "again.db") as store:
        summary = ingest([str(path)], store, IngestOptions(workers=1))
    assert summary.stored == 0
    assert [(r.code, r.source) for r in summary.rejections] == [("E115", str(path))]
    assert "storytrace" in summary.rejections[0].message


def test_reports_name_their_generator(sample):
    _, dossier = sample
    assert _GENERATOR_META in render_html(dossier).split("</head>", 1)[0]
    assert render_markdown(dossier).split("\n", 1)[0] == "<!-- generator: storytrace -->"


def _two_story_dossier() -> dict[str, Any]:
    """Two stories; the reuse a1 → a3 crosses them, a1 → a2 stays in s1. Texts written for this test."""
    first = "The ferry to Wren Island stops on Monday while the pier is rebuilt over the winter."
    return {
        "schema": "storytrace.dossier/1",
        "articles": [
            {"id": "a1", "title": "Wren Island ferry halted", "outlet": "Isle Post", "text": first},
            {"id": "a2", "title": "Ferry halted", "outlet": "Coast Wire", "text": first},
            {"id": "a3", "title": "Pier rebuild begins", "outlet": "Harbour Daily",
             "text": "Work starts on the pier. " + first},
        ],
        "stories": [{"id": "s1", "articles": ["a1", "a2"]}, {"id": "s2", "articles": ["a3"]}],
        "reuse": [
            {"source": "a1", "target": "a2", "relation": "wholly_derived",
             "passages": [{"source_span": [0, len(first)], "target_span": [0, len(first)]}]},
            {"source": "a1", "target": "a3", "relation": "partially_derived",
             "passages": [{"source_span": [0, len(first)], "target_span": [25, 25 + len(first)]}]},
        ],
    }


def test_html_report_shows_reuse_between_articles_of_different_stories():
    dossier = _two_story_dossier()
    html = render_html(dossier)
    sections = re.findall(r'<section id="pair-(a\d+)-(a\d+)"', html)
    assert sorted(sections) == [("a1", "a2"), ("a1", "a3")]  # every edge of the dossier, once
    cross = html.split('id="pair-a1-a3"', 1)[1].split("</section>", 1)[0]
    assert 'href="#s1"' in cross and 'href="#s2"' in cross
    # both articles link to the cross-story pair
    for article in ("a1", "a3"):
        block = html.split(f'<div id="{article}">', 1)[1].split("</div>", 1)[0]
        assert 'href="#pair-a1-a3"' in block, article
    report = build_report(dossier)
    assert [(p["source"]["id"], p["target"]["id"]) for p in report["views"]["other_pairs"]] == [("a1", "a3")]
    text = render_markdown(dossier)
    assert "## Reuse across stories" in text and "(a1) → Harbour Daily (a3)" in text


def test_html_report_shows_url_and_locator_as_text():
    dossier = _two_story_dossier()
    dossier["articles"][0].update(url="https://isle.example/ferry?a=1&b=2", locator="row 3 (id 610)",
                                  source="pile/ferries.csv")
    html = render_html(dossier)
    block = html.split('<div id="a1">', 1)[1].split("</details>", 1)[0]
    assert "pile/ferries.csv, row 3 (id 610)" in block
    assert "https://isle.example/ferry?a=1&amp;b=2" in block and 'href="https://' not in html


def test_origins_in_the_summary_and_the_graph_are_the_dossiers_count():
    """a1 → a2 ← a3: a2 was written from both, so a1, a2, a3 are one group of derived articles (one
    independent origin, as storytrace.provenance counts it); a4 stands alone. The summary, its origin
    list and the graph's green boxes all say 2, as the dossier does."""
    articles = [{"id": f"a{n}", "outlet": f"Outlet {n}", "published": f"2024-05-0{n}"} for n in range(1, 5)]
    dossier = {
        "articles": articles,
        "stories": [{"id": "s1", "articles": ["a1", "a2", "a3", "a4"], "independent_origins": 2}],
        "reuse": [{"source": "a1", "target": "a2", "relation": "wholly_derived"},
                  {"source": "a3", "target": "a2", "relation": "partially_derived"}],
    }
    index = DossierIndex.build(dossier)
    summary = story_summary(index, index.stories["s1"])
    graph = derivation_graph(index, index.stories["s1"])
    assert summary["origins"] == ["a1", "a4"]
    assert [n["id"] for n in graph["nodes"] if n["origin"]] == ["a1", "a4"]
    assert summary["independent_origins"] == 2
    # without the dossier's number, the view computes the same one
    del dossier["stories"][0]["independent_origins"]
    index = DossierIndex.build(dossier)
    assert story_summary(index, index.stories["s1"])["independent_origins"] == 2


def test_numbers_are_printed_like_the_conflict_lines():
    text = "Some 70 million listeners, 3,000 to 4,500 songs and 99 percent of plays."
    dossier = {
        "schema": "storytrace.dossier/1",
        "articles": [{"id": "a1", "outlet": "Tune Weekly", "text": text},
                     {"id": "a2", "outlet": "Chart Wire", "text": text}],
        "stories": [{"id": "s1", "articles": ["a1", "a2"]}],
        "quantities": [
            {"id": "n1", "article": "a1", "text": "70 million listeners", "value": 70000000.0, "counted": "listeners"},
            {"id": "n2", "article": "a2", "text": "70 million listeners", "value": 70000000.0, "counted": "listeners"},
            {"id": "n3", "article": "a1", "text": "3,000 to 4,500 songs", "low": 3000.0, "high": 4500.0,
             "qualifier": "range", "counted": "songs"},
            {"id": "n4", "article": "a2", "text": "99 percent", "value": 99.0, "unit": "percent", "counted": "songs"},
        ],
        "claims": [{"id": "c1", "kind": "quantity", "members": ["n1", "n2"], "articles": ["a1", "a2"]}],
    }
    for rendered in (render_html(dossier), render_markdown(dossier)):
        assert "70 million" in rendered and "3,000–4,500" in rendered and "99 percent" in rendered
        assert "70000000.0" not in rendered and "3000.0" not in rendered and "99.0" not in rendered


def test_format_number_and_quantity_value():
    from storytrace.report.view import format_number, quantity_value

    assert [format_number(v) for v in (70000000.0, 3000.0, 99.0, 2.5, 1234.5, 7, None)] == [
        "70 million", "3,000", "99", "2.5", "1,234.5", "7", "?"]
    assert quantity_value({"low": 3000.0, "high": 4500.0, "value": None}) == "3,000–4,500"
    assert quantity_value({"value": 99.0, "unit": "percent"}) == "99 percent"


def test_unknown_first_seen_says_why():
    dossier = _two_story_dossier()
    dossier["quotes"] = [{"id": f"q{n}", "article": f"a{n}", "text": "the pier is rebuilt"} for n in (1, 2)]
    dossier["claims"] = [{"id": "c1", "kind": "quote", "members": ["q1", "q2"], "articles": ["a1", "a2"],
                          "first_seen": None, "first_seen_note": "publication date unknown for 2 of 2 articles"}]
    index = DossierIndex.build(dossier)
    row = claim_matrix(index, index.stories["s1"])["rows"][0]
    assert row["first_seen_note"] == "publication date unknown for 2 of 2 articles"
    html = render_html(dossier)
    matrix = html.split('id="matrix-s1"', 1)[1].split("</table>", 1)[0]
    assert "first seen unknown: publication date unknown for 2 of 2 articles" in matrix
    claims = html.split('id="claims"', 1)[1].split("</section>", 1)[0]
    assert "unknown (publication date unknown for 2 of 2 articles)" in claims


def test_counts_of_one_are_singular():
    dossier = {
        "schema": "storytrace.dossier/1",
        "articles": [{"id": "a1", "outlet": "Isle Post", "words": 1, "text": "Closed."}],
        "stories": [{"id": "s1", "title": "Ferry", "articles": ["a1"], "independent_origins": 1}],
        "claims": [{"id": "c1", "kind": "quote", "members": [], "articles": ["a1"], "independent_origins": 1}],
        "entities": [{"id": "e1", "name": "Isle Post", "articles": ["a1"]}],
    }
    html = render_html(dossier)
    assert "Dossier: 1 story, 1 article</h1>" in html
    assert ">1 claim</a> · 1 entity." in html
    assert "<strong>1</strong> article</a></li>" in html and "<strong>1</strong> story</a></li>" in html
    assert "· 1 word ·" in html and "Claim: <a" in html
    assert 'one article: <a href="#a1">Isle Post (a1)</a> · undated · 1 claim</span>' in html
    for wrong in ("1 stories", "1 articles", "1 independent origins", "1 words", "1 entities", "1 claims"):
        assert wrong not in html, wrong
    text = render_markdown(dossier)
    assert "# Dossier: 1 story, 1 article" in text and "1 independent origin, first seen unknown)" in text
    for wrong in ("1 stories", "1 articles", "1 independent origins", "1 claims"):
        assert wrong not in text, wrong


def test_claims_in_natural_order_and_one_badge_per_conflict_kind():
    text = "Crews counted 40 boats, or 45 boats, or 50 boats at the regatta."
    dossier = {
        "schema": "storytrace.dossier/1",
        "articles": [{"id": f"a{n}", "outlet": f"Outlet {n}", "text": text} for n in (1, 2, 3)],
        "stories": [{"id": "s1", "articles": ["a1", "a2", "a3"]}],
        "quantities": [{"id": f"n{n}", "article": f"a{n}", "text": f"{35 + 5 * n} boats", "value": 35.0 + 5 * n,
                        "counted": "boats"} for n in (1, 2, 3)],
        "claims": [
            {"id": f"c{number}", "kind": "quantity", "members": ["n1", "n2", "n3"], "articles": ["a1", "a2", "a3"],
             "conflicts": [{"kind": "value", "detail": "40 and 50 do not overlap", "members": ["n1", "n3"]},
                           {"kind": "value", "detail": "45 and 50 do not overlap", "members": ["n2", "n3"]}]}
            for number in (100, 18, 2)
        ],
    }
    index = DossierIndex.build(dossier)
    assert [r["claim"] for r in claim_matrix(index, index.stories["s1"])["rows"]] == ["c2", "c18", "c100"]
    html = render_html(dossier)
    assert "value conflict</span> <span class=\"badge\">value conflict" not in html
    numbers = html.split("Numbers side by side", 1)[1].split("<table>", 1)[0]
    assert numbers.count("value conflict") == 1
    claims = html.split('<div id="c100">', 1)[1].split("</h3>", 1)[0]
    assert claims.count("value conflict") == 1
    text_md = render_markdown(dossier)
    assert "**value conflict** **value conflict**" not in text_md


def test_many_pairs_that_only_share_passages_are_listed_not_drawn_and_sources_come_first():
    ids = [f"a{n}" for n in range(1, 17)]
    reuse = [{"source": "a16", "target": "a15", "relation": "wholly_derived", "direction_confidence": 0.8}]
    reuse += [{"source": ids[i], "target": ids[j], "relation": "shared_passages"}
              for i in range(14) for j in range(i + 1, 14) if (i + j) % 3 == 0][:20]
    dossier = {"articles": [{"id": a, "published": None} for a in ids],
               "stories": [{"id": "s1", "articles": ids}], "reuse": reuse}
    index = DossierIndex.build(dossier)
    graph = derivation_graph(index, index.stories["s1"])
    assert [(e["source"], e["target"]) for e in graph["edges"]] == [("a16", "a15")]
    assert graph["shared_not_drawn"] == 20
    first_column = sorted((n for n in graph["nodes"] if n["layer"] == 0), key=lambda n: n["order"])
    assert first_column[0]["id"] == "a16"  # the source sits at the top, next to its copy
    html = render_html(dossier)
    # the note links to where they are listed
    assert '20 pairs that only share passages are not drawn: see <a href="#passages-s1">Reused passages</a>' in html
    assert '<h3 id="passages-s1">Reused passages</h3>' in html


def test_articles_no_line_joins_are_set_out_in_rows_below_the_linked_ones():
    """A pile of many outlets has many origins nobody copied: they used to stand one under another
    in the first column (twenty boxes of empty height); they now fill rows below the linked part."""
    ids = [f"a{n}" for n in range(1, 12)]
    reuse = [{"source": "a1", "target": "a2", "relation": "wholly_derived", "direction_confidence": 0.8},
             {"source": "a2", "target": "a3", "relation": "wholly_derived", "direction_confidence": 0.8}]
    dossier = {"articles": [{"id": a, "published": None} for a in ids],
               "stories": [{"id": "s1", "articles": ids}], "reuse": reuse}
    index = DossierIndex.build(dossier)
    graph = derivation_graph(index, index.stories["s1"])
    nodes = {n["id"]: n for n in graph["nodes"]}
    assert [nodes[a]["loose"] for a in ("a1", "a2", "a3")] == [False, False, False]
    loose = [n for n in graph["nodes"] if n["loose"]]
    assert len(loose) == 8
    top = graph["loose_top"]
    assert all(n["y"] >= top > nodes["a1"]["y"] + graph["box_height"] for n in loose)
    rows: dict[int, int] = {}
    for node in loose:
        rows[node["y"]] = rows.get(node["y"], 0) + 1
    assert sorted(rows.values()) == [4, 4]  # LOOSE_PER_ROW boxes a row (the graph has 3 columns)
    boxes = [(n["x"], n["y"]) for n in graph["nodes"]]
    assert len(set(boxes)) == len(boxes)
    # the edges still run between the boxes they join
    first = next(e for e in graph["edges"] if e["source"] == "a1")
    assert len(graph["edges"]) == 2
    assert first["path"].startswith(f"M{nodes['a1']['x'] + graph['box_width']},{nodes['a1']['y'] + graph['box_height'] / 2}")
    assert graph["height"] == top + 2 * 52 + 12 and graph["height"] < 12 * 2 + 9 * 52  # not a column of 9
    assert "set out in rows below the others" in render_html(dossier)
    # a story whose articles are all linked has no rows of loose boxes and no such note
    linked = {**dossier, "articles": dossier["articles"][:3], "stories": [{"id": "s1", "articles": ids[:3]}]}
    assert derivation_graph(DossierIndex.build(linked), DossierIndex.build(linked).stories["s1"])["loose_top"] is None
    assert "set out in rows below the others" not in render_html(linked)


def test_an_edge_that_skips_a_column_runs_past_the_boxes_in_it():
    """a1 → a2 → a3 and a1 → a3: the long edge used to cut straight through a2's box."""
    reuse = [{"source": "a1", "target": "a2", "relation": "wholly_derived", "direction_confidence": 0.8},
             {"source": "a2", "target": "a3", "relation": "wholly_derived", "direction_confidence": 0.8},
             {"source": "a1", "target": "a3", "relation": "partially_derived", "direction_confidence": 0.8}]
    dossier = {"articles": [{"id": a, "published": None} for a in ("a1", "a2", "a3")],
               "stories": [{"id": "s1", "articles": ["a1", "a2", "a3"]}], "reuse": reuse}
    index = DossierIndex.build(dossier)
    graph = derivation_graph(index, index.stories["s1"])
    nodes = {n["id"]: n for n in graph["nodes"]}
    assert [nodes[a]["layer"] for a in ("a1", "a2", "a3")] == [0, 1, 2]
    long = next(e for e in graph["edges"] if (e["source"], e["target"]) == ("a1", "a3"))
    segment = re.search(r" L([\d.]+),([\d.]+)", long["path"])
    assert segment is not None, long["path"]
    lane = float(segment.group(2))
    box = nodes["a2"]
    assert not box["y"] <= lane <= box["y"] + graph["box_height"]
    # the lane crosses a2's whole column: it starts before the box and ends after it
    start = re.search(r"C[\d.]+,[\d.]+ [\d.]+,[\d.]+ ([\d.]+),", long["path"])
    assert start is not None and float(start.group(1)) < box["x"] < box["x"] + graph["box_width"] < float(segment.group(1))
    # an edge between neighbouring columns is the plain curve
    short = next(e for e in graph["edges"] if (e["source"], e["target"]) == ("a1", "a2"))
    assert " L" not in short["path"]


def test_quotes_by_speaker_are_grouped_whatever_the_case_of_the_speaker():
    dossier = {
        "articles": [{"id": "a1"}, {"id": "a2"}], "stories": [{"id": "s1", "articles": ["a1", "a2"]}],
        "quotes": [{"id": "q1", "article": "a1", "text": "We are sorry", "speaker": "The company"},
                   {"id": "q2", "article": "a2", "text": "We will do better", "speaker": "the company"}],
    }
    index = DossierIndex.build(dossier)
    groups = quotes_by_speaker(index, index.stories["s1"])
    assert [(g["speaker"], len(g["quotes"])) for g in groups] == [("The company", 2)]


def test_a_claim_is_labelled_by_its_own_text_as_claims_and_the_json_print_it():
    from storytrace.report.view import claim_matrix

    dossier = {
        "articles": [{"id": "a1", "outlet": "o1"}, {"id": "a2", "outlet": "o2"}],
        "stories": [{"id": "s1", "articles": ["a1", "a2"]}],
        "quantities": [{"id": "n1", "article": "a1", "text": "Republicans and non-Hispanic Whites"},
                       {"id": "n2", "article": "a2", "text": "citizen voting age population"}],
        "claims": [{"id": "c1", "kind": "quantity", "text": "A switch to citizen voting age population",
                    "story": "s1", "members": ["n1", "n2"], "articles": ["a1", "a2"], "conflicts": []}],
    }
    index = DossierIndex.build(dossier)
    rows = claim_matrix(index, index.stories["s1"])["rows"]
    assert rows[0]["label"] == "A switch to citizen voting age population"


def test_quotes_of_one_organisation_under_its_names_are_one_speaker():
    dossier = {
        "articles": [{"id": "a1"}, {"id": "a2"}, {"id": "a3"}],
        "stories": [{"id": "s1", "articles": ["a1", "a2", "a3"]}],
        "entities": [{"id": "e1", "name": "United States Supreme Court", "type": "ORG",
                      "aliases": ["Supreme Court", "U.S. Supreme Court"]},
                     {"id": "e2", "name": "R. Kelly", "type": "PERSON", "aliases": ["Kelly"]}],
        "quotes": [{"id": "q1", "article": "a1", "text": "The question stays", "speaker": "the Supreme Court"},
                   {"id": "q2", "article": "a2", "text": "The case is moot", "speaker": "the U.S. Supreme Court"},
                   {"id": "q3", "article": "a3", "text": "I am happy", "speaker": "Kelly"}],
    }
    index = DossierIndex.build(dossier)
    groups = {g["speaker"]: len(g["quotes"]) for g in quotes_by_speaker(index, index.stories["s1"])}
    # a person is only ever grouped through the quote's own speaker_entity (Kelly may not be R. Kelly)
    assert groups == {"United States Supreme Court": 2, "Kelly": 1}


def test_claims_are_reachable_from_the_top_of_the_report_conflicts_first():
    text = "Crews counted 40 boats at the regatta, said Ann Lee."
    dossier = {
        "schema": "storytrace.dossier/1",
        "articles": [{"id": f"a{n}", "outlet": f"Outlet {n}", "text": text} for n in (1, 2, 3)],
        "stories": [{"id": "s1", "articles": ["a1", "a2", "a3"]}],
        "quotes": [{"id": f"q{n}", "article": f"a{n}", "text": "we counted", "speaker": "Ann Lee"} for n in (1, 2, 3)],
        "quantities": [{"id": f"n{n}", "article": f"a{n}", "text": f"{35 + 5 * n} boats", "value": 35.0 + 5 * n,
                        "counted": "boats"} for n in (1, 2, 3)],
        "claims": [
            {"id": "c1", "kind": "quote", "members": ["q1", "q2", "q3"], "articles": ["a1", "a2", "a3"],
             "independent_origins": 3, "conflicts": []},
            {"id": "c2", "kind": "quantity", "members": ["n1", "n3"], "articles": ["a1", "a3"],
             "independent_origins": 2,
             "conflicts": [{"kind": "value", "detail": "40 and 50 do not overlap", "members": ["n1", "n3"]}]},
        ],
    }
    index = DossierIndex.build(dossier)
    summary = story_summary(index, index.stories["s1"])
    assert (summary["claims"], summary["conflicts"]) == (2, 1)
    assert [c["claim"]["id"] for c in build_report(dossier)["views"]["claims"]] == ["c2", "c1"]
    html = render_html(dossier)
    nav = html.split("<nav", 1)[1].split("</nav>", 1)[0]
    assert 'href="#claims"' in nav
    stories = html.split('id="stories"', 1)[1].split("</section>", 1)[0]
    assert "2 claims" in stories and '<a href="#matrix-s1">1 with conflicts</a>' in stories
    claims = html.split('id="claims"', 1)[1]
    assert claims.index('<div id="c2">') < claims.index('<div id="c1">')
    md = render_markdown(dossier)
    section = md.split("\n## Claims\n", 1)[1]
    assert section.index("c2") < section.index("c1")


def test_stories_gathering_the_most_articles_come_first():
    """A pile of one-article stories (FakeNewsCorpus: 223 of 232) hides the few that several articles carried."""
    articles = [{"id": f"a{n}", "outlet": f"Outlet {n}", "title": f"Title {n}", "text": "Words."} for n in range(1, 7)]
    dossier = {
        "schema": "storytrace.dossier/1", "articles": articles,
        "stories": [{"id": "s1", "articles": ["a1"]}, {"id": "s2", "articles": ["a2"]},
                    {"id": "s10", "articles": ["a3", "a4"]}, {"id": "s3", "articles": ["a5", "a6"]}],
    }
    report = build_report(dossier)
    assert [s["summary"]["id"] for s in report["views"]["stories"]] == ["s3", "s10", "s1", "s2"]
    html = render_html(dossier)
    listed = re.findall(r'<li><a href="#(s\d+)">', html.split('id="stories"', 1)[1].split("</section>", 1)[0])
    assert listed == ["s3", "s10", "s1", "s2"]
    assert html.index('<article id="s3"') < html.index('<article id="s1"')
    md = render_markdown(dossier)
    headings = re.findall(r"^## Story (s\d+):", md, re.M)
    assert headings == ["s3", "s10", "s1", "s2"]


class _Headings(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.headings: list[tuple[int, str]] = []
        self._open: int | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if re.fullmatch(r"h[1-6]", tag):
            self._open = int(tag[1])
            self.headings.append((self._open, ""))

    def handle_endtag(self, tag: str) -> None:
        if re.fullmatch(r"h[1-6]", tag):
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            level, text = self.headings[-1]
            self.headings[-1] = (level, text + data)


def test_speakers_and_numbers_are_headed_under_their_section_in_the_html_report(sample):
    """A speaker (or a counted thing) sits one level under "Quotes by speaker" ("Numbers side by side"),
    not beside it: the report's outline and a screen reader's heading list show what belongs to what."""
    _, dossier = sample
    parser = _Headings()
    parser.feed(render_html(dossier))
    headings = parser.headings
    levels = [level for level, _ in headings]
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), "no heading level is skipped"
    for title in ("Quotes by speaker", "Numbers side by side"):
        at = [n for n, (_, text) in enumerate(headings) if text.strip() == title]
        assert at, title
        for n in at:
            section_level = headings[n][0]
            following = headings[n + 1]
            assert following[0] == section_level + 1, (title, following)


def test_markdown_names_relations_and_first_appearances_as_the_html_does(sample):
    _, dossier = sample
    md = render_markdown(dossier)
    html = render_html(dossier)
    assert "wholly\\_derived" not in md and "shared\\_passages" not in md
    assert "wholly derived" in md and "wholly derived" in html
    outlets = {a["id"]: a["outlet"] for a in dossier["articles"]}
    for claim in dossier["claims"]:
        if claim["first_seen"]:
            assert f"first seen {escape(outlets[claim['first_seen']], cell=True)} ({claim['first_seen']})" in md


def test_report_top_shows_the_piles_totals():
    """The dossier's summary at the top: articles, stories, reuse pairs, origins, claims, conflicts by kind,
    articles by language ('und' is undetermined); linked to the sections that list them."""
    dossier = {
        "schema": "storytrace.dossier/1",
        "articles": [{"id": f"a{n}", "outlet": f"Outlet {n}", "text": "Words."} for n in (1, 2, 3)],
        "stories": [{"id": "s1", "articles": ["a1", "a2"]}, {"id": "s2", "articles": ["a3"]}],
        "summary": {"articles": 3, "stories": 2, "reuse_pairs": 7, "independent_origins": 2, "claims": 5,
                    "languages": {"en": 2, "und": 1},
                    "conflicts": {"speaker": 1, "value": 2, "wording": 0}},
    }
    html = render_html(dossier)
    top = html.split("<main", 1)[1].split('<section id="stories"', 1)[0]
    block = top.split('aria-label="Totals of the pile"', 1)[1].split("</ul>", 1)[0]
    assert '<a href="#articles"><strong>3</strong> articles</a>' in block
    assert '<a href="#stories"><strong>2</strong> stories</a>' in block
    assert "<strong>7</strong> reuse pairs" in block and "<strong>2</strong> independent origins" in block
    assert '<a href="#claims"><strong>5</strong> claims</a>' in block
    assert '<a href="#claims"><strong>3</strong> conflicts</a>' in block
    assert "speaker 1 · value 2 · wording 0" in block
    assert "en 2 · und (undetermined) 1" in block
    assert build_report(dossier)["views"]["totals"]["languages"] == [{"code": "en", "articles": 2},
                                                                   {"code": "und", "articles": 1}]
    assert json.loads(render_json(dossier))["summary"] == dossier["summary"]  # the dossier is unchanged


def test_html_report_of_articles_without_a_language_field():
    """A dossier of before the language field (or a hand-made one) still renders: no language, no note."""
    dossier = {"schema": "storytrace.dossier/1", "articles": [{"id": "a1", "outlet": "Outlet", "text": "Words."}],
               "stories": [{"id": "s1", "articles": ["a1"]}]}
    html = render_html(dossier)
    assert 'id="a1"' in html and "Language:" not in html


def _one_article_stories_dossier() -> dict[str, Any]:
    """s1: two articles; s2: one article, with a quote, a number in a claim it shares (value conflict) with
    s1's a1, and a name."""
    text = "The quay is closed for 40 days, said Ann Lee of the harbour board."
    return {
        "schema": "storytrace.dossier/1",
        "articles": [{"id": f"a{n}", "outlet": f"Outlet {n}", "title": f"Quay {n}", "text": text, "words": 14,
                      "published": f"2024-05-0{n}", "language": "en"} for n in (1, 2, 3)],
        "stories": [{"id": "s1", "title": "Quay closes", "articles": ["a1", "a2"]},
                    {"id": "s2", "title": "Harbour board", "articles": ["a3"]}],
        "reuse": [{"source": "a1", "target": "a2", "relation": "wholly_derived", "direction_confidence": 0.9,
                   "passages": [{"source_span": [0, 20], "target_span": [0, 20]}]}],
        "quotes": [{"id": f"q{n}", "article": f"a{n}", "text": "The quay is closed for 40 days",
                    "speaker": "Ann Lee", "cue": "said", "direct": False} for n in (1, 3)],
        "quantities": [{"id": "n1", "article": "a1", "text": "40 days", "value": 40.0, "unit": "day"},
                       {"id": "n3", "article": "a3", "text": "30 days", "value": 30.0, "unit": "day"}],
        "claims": [{"id": "c1", "kind": "quantity", "members": ["n1", "n3"], "articles": ["a1", "a3"],
                    "independent_origins": 2,
                    "conflicts": [{"kind": "value", "detail": "40 and 30 days", "members": ["n1", "n3"]}]}],
        "entities": [{"id": "e1", "name": "Ann Lee", "type": "PERSON", "aliases": [], "articles": ["a1", "a3"]}],
    }


def test_a_story_of_one_article_is_compact_and_every_link_lands():
    """A one-article story (FakeNewsCorpus: 223 of 232) names its article, outlet, date, claims, quotes, numbers
    and names, without a timeline of one dot, a graph of one box, a matrix of one column or an entity table."""
    dossier = _one_article_stories_dossier()
    html = render_html(dossier)
    single = html.split('<article id="s2"', 1)[1].split("</article>", 1)[0]
    for absent in ("<svg", "<table class=\"matrix\"", "Timeline", "Derivation graph", "Reused passages", "<thead><tr><th scope=\"col\">Entity"):
        assert absent not in single, absent
    assert 'One article: <a href="#a3">Outlet 3 (a3)</a> · 2024-05-03 · 14 words' in single
    assert '<span id="matrix-s2">Claim: <a href="#c1">c1</a> quantity <span class="badge">value conflict</span>' in single
    quotes = single.split("Quotes by speaker", 1)[1].split("Numbers side by side", 1)[0]
    assert "The quay is closed for 40 days" in quotes and 'href="#a3"' not in quotes  # named once above
    assert "30 days" in single.split("Numbers side by side", 1)[1]
    assert 'Names: <a href="#e1">Ann Lee</a>' in single
    listed = html.split('id="stories"', 1)[1].split("</section>", 1)[0]
    assert ('<a href="#s2">Harbour board</a> <span class="meta">one article: <a href="#a3">Outlet 3 (a3)</a> · '
            '2024-05-03 · 1 claim, <a href="#matrix-s2">1 with conflicts</a></span>') in listed
    assert '<a href="#s1">Quay closes</a> <span class="meta">2 articles · 2 outlets' in listed
    full = html.split('<article id="s1"', 1)[1].split("</article>", 1)[0]
    assert 'id="timeline-s1"' in full and 'id="graph-s1"' in full and 'id="matrix-s1"' in full
    assert html.count("<svg") == 2
    # the entity index rows are the targets of the entity links
    assert '<th scope="row" id="e1">Ann Lee</th>' in html and '<div id="e1">' not in html
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    assert sorted(set(re.findall(r'href="#([^"]+)"', html)) - set(ids)) == []


def test_a_story_of_one_article_is_compact_in_markdown_too():
    """As in the HTML report: the one article named once, the sections that have something, no timeline,
    graph or reuse of one article; a story of several articles keeps every section."""
    markdown = render_markdown(_one_article_stories_dossier())
    single = markdown.split("## Story s2: Harbour board", 1)[1].split("\n## ", 1)[0]
    for absent in ("### Timeline", "### Derivation graph", "### Reused passages", "No reuse between",
                   "- Articles: 1"):
        assert absent not in single, absent
    assert "One article: `a3` Quay 3 — Outlet 3, 2024-05-03" in single
    assert "### Claims by outlet" in single and "value conflict" in single  # c1 reaches another story
    assert "The quay is closed for 40 days" in single.split("### Quotes by speaker", 1)[1]
    assert "30 days" in single.split("### Numbers side by side", 1)[1]
    assert "- Ann Lee, PERSON: a3" in single
    full = markdown.split("## Story s1: Quay closes", 1)[1].split("\n## ", 1)[0]
    for present in ("- Articles: 2", "### Timeline", "### Derivation graph", "### Claims by outlet",
                    "### Quotes by speaker", "### Numbers side by side", "### Reused passages", "### Entities"):
        assert present in full, present


def _one_day_dossier() -> dict[str, Any]:
    """Four outlets on 2024-05-01: a1 12:00 UTC-04:00 (16:00 UTC) before a2 11:00 UTC-07:00 (18:00 UTC)
    although a2's clock reads earlier; a3 printed 10:00 without a zone (orders nothing); a4 a date alone;
    a5 the next day; a6 undated."""
    times = {"a1": "2024-05-01T12:00-04:00", "a2": "2024-05-01T11:00-07:00", "a3": "2024-05-01T10:00",
             "a4": None, "a5": "2024-05-02T08:00+00:00", "a6": None}
    articles = [{"id": a, "outlet": f"Outlet {a[1]}", "title": f"Ferry {a}", "text": "The ferry is late.",
                 "published": (t or "2024-05-01")[:10] if a != "a6" else None, "published_time": t}
                for a, t in times.items()]
    return {"schema": "storytrace.dossier/1", "articles": articles,
            "stories": [{"id": "s1", "title": "Ferry", "articles": list(times)}]}


def test_timeline_places_articles_within_a_day_by_their_instant():
    """25 of the Spotify pile's story s2 articles share 2018-06-01: within a day the articles whose page gave
    a time with a zone are placed (and listed) by that instant, as first_seen compares them; a time without
    a zone or a date alone orders nothing (hollow, at the start of the day, listed apart); undated stay apart."""
    dossier = _one_day_dossier()
    index = DossierIndex.build(dossier)
    line = timeline(index, index.stories["s1"])
    x = {p["id"]: p["x"] for p in line["points"]}
    assert x["a3"] == x["a4"] < x["a1"] < x["a2"] < x["a5"] < x["a6"]
    assert {p["id"] for p in line["points"] if p["unordered"]} == {"a3", "a4"}
    assert line["undated"] is True and x["a6"] >= line["undated_x"]
    assert line["hour_ticks"] and all(x["a1"] <= t["x"] <= x["a2"] for t in line["hour_ticks"])
    assert [t["label"] for t in line["hour_ticks"]] == ["16:00", "17:00", "18:00"]
    [day] = line["days"]
    assert day["day"] == "2024-05-01" and day["open"] is True
    assert [(p["id"], p["utc"]) for p in day["ordered"]] == [("a1", "16:00 UTC"), ("a2", "18:00 UTC")]
    assert [p["id"] for p in day["unordered"]] == ["a3", "a4"]
    html = render_html(dossier)
    figure = html.split('id="timeline-s1"', 1)[1].split('<h3>Derivation graph', 1)[0]
    assert figure.count('class="dot loose"') == 2 and 'class="hour-label"' in figure
    order = figure.split('<ol class="day-order">', 1)[1].split("</ol>", 1)[0]
    assert order.index("(a1)") < order.index("(a2)") and "a3" not in order
    assert "Not ordered (a date alone or a time without a zone): " in figure
    assert "2024-05-01 10:00, zone not given" in figure


def test_timeline_table_lists_a_day_in_the_order_of_its_times():
    """The Markdown timeline (and every list in story order) puts 09:30 UTC before 10:00 UTC (and 11:05+01:00) on a day,
    whatever the article ids say; articles of that day without a zoned time follow them, undated ones last."""
    times = {"a1": "2025-03-14T10:00:00+00:00", "a2": None, "a3": "2025-03-14T09:30:00+00:00",
             "a4": "2025-03-14T11:05:00+01:00", "a5": "2025-03-13T23:00:00+00:00"}
    articles = [{"id": a, "outlet": f"Outlet {a}", "title": f"Dam breach {a}", "text": "The dam gave way.",
                 "published": (t or "2025-03-14")[:10], "published_time": t} for a, t in times.items()]
    articles.append({"id": "a6", "outlet": "Outlet a6", "title": "Dam breach a6", "text": "The dam gave way.",
                     "published": None, "published_time": None})
    dossier = {"schema": "storytrace.dossier/1", "articles": articles,
               "stories": [{"id": "s1", "title": "Dam", "articles": [a["id"] for a in articles]}]}
    index = DossierIndex.build(dossier)
    assert index.story_articles(index.stories["s1"]) == ["a5", "a3", "a1", "a4", "a2", "a6"]
    table = render_markdown(dossier).split("### Timeline", 1)[1].split("###", 1)[0]
    rows = [line.split("`")[1] for line in table.splitlines() if line.startswith("| 20") or "undated" in line]
    assert rows == ["a5", "a3", "a1", "a4", "a2", "a6"]


def test_markdown_report_top_shows_the_piles_totals():
    dossier = {
        "schema": "storytrace.dossier/1",
        "articles": [{"id": "a1", "outlet": "Outlet", "text": "Words."}],
        "stories": [{"id": "s1", "articles": ["a1"]}],
        "summary": {"articles": 1, "stories": 1, "reuse_pairs": 0, "independent_origins": 1, "claims": 2,
                    "languages": {"en": 1}, "conflicts": {"speaker": 0, "value": 1, "wording": 0}},
    }
    top = render_markdown(dossier).split("\n## ", 1)[0]
    assert ("Totals: 1 article · 1 story · 0 reuse pairs · 1 independent origin · 2 claims · "
            "1 conflict (speaker 0, value 1, wording 0) · languages: en 1") in top
