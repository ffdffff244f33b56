"""The web UI in real Chromium: walk stories → story → claim → pair → article with no console errors, the
story views are drawn, the keyboard works, and a hostile article stays inert. Screenshots go to
test-artifacts/browser/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dossier_sample import HOSTILE_TITLE

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture()
def page(browser: Any) -> Iterator[tuple[Any, list[str]]]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=True)
    tab = context.new_page()
    problems: list[str] = []
    tab.on("console", lambda message: problems.append(f"console {message.type}: {message.text}")
           if message.type in {"error", "warning"} else None)
    tab.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    tab.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    # A request cut short by the next navigation (net::ERR_ABORTED) is the test moving on, not a fault.
    tab.on("requestfailed", lambda request: problems.append(f"request failed: {request.url} {request.failure}")
           if "ERR_ABORTED" not in (request.failure or "") else None)
    yield tab, problems
    context.close()


def _shot(tab: Any, artifacts: Path, name: str) -> None:
    tab.screenshot(path=str(artifacts / f"{name}.png"), full_page=True)


def test_walk_stories_story_claim_pair_article(page, sample_server, artifacts):
    tab, problems = page
    base, _ = sample_server
    tab.goto(base + "/")
    assert tab.locator("h1").inner_text() == "Stories"
    _shot(tab, artifacts, "1-stories")
    tab.get_by_role("link", name="Kestrel Bay flood").click()
    tab.wait_for_url("**/stories/1")
    for view in ("graph", "matrix", "timeline"):
        figure = tab.locator(f'[data-view="{view}"]')
        assert figure.is_visible(), view
        box = figure.bounding_box()
        assert box and box["width"] > 200 and box["height"] > 60, (view, box)
    assert tab.locator('[data-view="graph"] .node').count() == 4
    assert tab.locator('[data-view="graph"] .node.origin').count() == 2
    assert tab.locator('[data-view="timeline"] circle').count() == 4
    assert tab.locator('[data-view="matrix"] tbody tr').count() == 3
    _shot(tab, artifacts, "2-story")
    tab.locator('[data-view="matrix"] a[href="/claims/2"]').click()
    tab.wait_for_url("**/claims/2")
    assert "value" in tab.locator("#conflicts-h + ul").inner_text()
    _shot(tab, artifacts, "3-claim")
    tab.locator("#pairs-h ~ ul a").first.click()
    tab.wait_for_url("**/pairs/**")
    assert tab.locator(".side").count() >= 1
    assert tab.locator("del.changed").count() >= 1 and tab.locator("ins.changed").count() >= 1
    _shot(tab, artifacts, "4-pair")
    tab.locator(".side a").first.click()
    tab.wait_for_url("**/articles/**")
    assert tab.locator("mark.reused").count() >= 1 and tab.locator("mark.number").count() >= 1
    _shot(tab, artifacts, "5-article")
    tab.goto(base + "/entities/1")
    tab.goto(base + "/search?q=bridge")
    assert tab.locator("main ol li").count() == 2
    tab.goto(base + "/docs")
    assert tab.locator("h1").inner_text() == "HTTP API"
    _shot(tab, artifacts, "6-docs")
    assert problems == []


def test_keyboard_navigation(page, sample_server):
    tab, problems = page
    base, _ = sample_server
    tab.goto(base + "/stories/1")
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.textContent") == "Skip to content"
    tab.keyboard.press("Enter")
    tab.keyboard.press("j")
    assert tab.evaluate("document.activeElement.tagName") == "H2"
    tab.keyboard.press("/")
    assert tab.evaluate("document.activeElement.id") == "q"
    tab.keyboard.type("flood")
    tab.keyboard.press("Enter")
    tab.wait_for_url("**/search?q=flood")
    # graph nodes are reachable with Tab
    tab.goto(base + "/stories/1")
    reached = set()
    for _ in range(60):
        tab.keyboard.press("Tab")
        reached.add(tab.evaluate("document.activeElement.getAttribute('class') || ''"))
    assert any("node" in name for name in reached)
    assert problems == []


def test_hostile_article_renders_inert(page, sample_server, artifacts):
    tab, problems = page
    base, dossier = sample_server
    hostile = next(a["id"] for a in dossier["articles"] if a["title"] == HOSTILE_TITLE)[1:]
    tab.goto(f"{base}/articles/{hostile}")
    assert tab.locator("h1").inner_text() == HOSTILE_TITLE  # shown as text
    assert tab.evaluate("document.scripts.length") == 1
    assert tab.evaluate("document.querySelectorAll('main img, main svg[onload], main [onerror]').length") == 0
    hrefs = tab.evaluate("Array.from(document.querySelectorAll('a')).map(a => a.getAttribute('href'))")
    assert not [h for h in hrefs if h and h.strip().lower().startswith("javascript")], hrefs
    assert "owned" not in tab.evaluate("document.body.innerText")[:20]
    _shot(tab, artifacts, "7-hostile-article")
    tab.goto(f"{base}/stories/1")
    tab.goto(f"{base}/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    assert problems == []


def test_offline_report_renders_styled_without_errors(page, sample_server, artifacts, tmp_path):
    """The single-file report opens from disk: its hashed inline style applies, nothing is blocked or fetched."""
    from storytrace.report import render_html

    tab, problems = page
    _, dossier = sample_server
    report = tmp_path / "dossier.html"
    report.write_text(render_html(dossier), encoding="utf-8")
    requests: list[str] = []
    tab.on("request", lambda request: requests.append(request.url))
    tab.goto(report.as_uri())
    assert "system-ui" in tab.evaluate("getComputedStyle(document.body).fontFamily")
    assert tab.evaluate("getComputedStyle(document.querySelector('.side')).display") == "grid"
    assert tab.locator('[data-view="graph"] .node.origin').count() == 4  # two origins in each story
    assert tab.evaluate("document.scripts.length") == 0
    assert requests == [report.as_uri()]
    _shot(tab, artifacts, "8-offline-report")
    assert problems == []


def _crowded_dossier() -> dict[str, Any]:
    """One story printed by 20 outlets with long, wide names, seven articles of one outlet on one day,
    and a claim printed by all of them (texts written for this test)."""
    text = "The Marsh Lane library reopens on Saturday after a two-year rebuild, the council said."
    outlets = [f"WWW.MMMM-Regional-Morning-Herald-{n:02d}.example" for n in range(1, 21)]
    articles = [{"id": f"a{n}", "outlet": outlets[n - 1], "published": f"2024-06-{n % 9 + 1:02d}", "text": text}
                for n in range(1, 21)]
    articles += [{"id": f"a{n}", "outlet": outlets[0], "published": "2024-06-09", "text": text}
                 for n in range(21, 28)]
    quotes = [{"id": f"q{n}", "article": f"a{n}", "text": "reopens on Saturday", "span": [27, 46]}
              for n in range(1, 28)]
    return {
        "schema": "storytrace.dossier/1",
        "articles": articles,
        "stories": [{"id": "s1", "title": "Marsh Lane library reopens", "articles": [a["id"] for a in articles]}],
        "reuse": [{"source": "a1", "target": f"a{n}", "relation": "wholly_derived"} for n in range(2, 12)],
        "quotes": quotes,
        "claims": [{"id": "c1", "kind": "quote", "members": [q["id"] for q in quotes],
                    "articles": [a["id"] for a in articles], "independent_origins": 10, "first_seen": "a1"}],
    }


def _open_crowded(page: tuple[Any, list[str]], folder: Path, artifacts: Path, name: str) -> Any:
    from storytrace.report import render_html

    tab, _ = page
    report = folder / "crowded.html"
    report.write_text(render_html(_crowded_dossier()), encoding="utf-8")
    tab.goto(report.as_uri())
    _shot(tab, artifacts, name)
    return tab


def test_crowded_timeline_keeps_labels_and_dots_inside_without_overlap(page, tmp_path, artifacts):
    tab = _open_crowded(page, tmp_path, artifacts, "9-crowded-timeline")
    labels = tab.evaluate("""[...document.querySelectorAll('#timeline-s1 .row-label')].map(t => t.getBBox().x)""")
    assert labels and min(labels) >= 0, labels
    dots = tab.evaluate("""(() => { const svg = document.querySelector('#timeline-s1 svg');
        return {width: svg.width.baseVal.value, dots: [...svg.querySelectorAll('.dot')].map(
            d => [d.cx.baseVal.value, d.cy.baseVal.value])}; })()""")
    for number, (x, y) in enumerate(dots["dots"]):
        assert 6 <= x <= dots["width"] - 6, (x, dots["width"])
        for other_x, other_y in dots["dots"][number + 1:]:
            assert (x - other_x) ** 2 + (y - other_y) ** 2 >= 12 ** 2, ((x, y), (other_x, other_y))
    assert page[1] == []


def test_crowded_graph_keeps_its_labels_inside_the_boxes(page, tmp_path, artifacts):
    tab = _open_crowded(page, tmp_path, artifacts, "9-crowded-graph")
    boxes = tab.evaluate("""[...document.querySelectorAll('#graph-s1 .node')].map(n => {
        const box = n.querySelector('rect').getBBox();
        return [...n.querySelectorAll('text')].map(t => {
            const b = t.getBBox(); return [b.x, b.x + b.width, box.x, box.x + box.width]; }); }).flat()""")
    assert boxes
    for text_left, text_right, box_left, box_right in boxes:
        assert box_left <= text_left and text_right <= box_right, (text_left, text_right, box_left, box_right)
    assert page[1] == []


def test_matrix_of_twenty_outlets_keeps_words_and_numbers_whole(page, tmp_path, artifacts):
    """The claim x outlet matrix of 20 outlets: headers and numbers are not broken letter by letter,
    no header is clipped, and the last column can be scrolled to."""
    tab = _open_crowded(page, tmp_path, artifacts, "9-crowded-matrix")
    cells = tab.evaluate("""(() => { const table = document.querySelector('#matrix-s1 table');
        const size = parseFloat(getComputedStyle(table).fontSize);
        const height = c => { const r = document.createRange(); r.selectNodeContents(c);
                              return r.getBoundingClientRect().height; };
        // a header of two words takes at most two lines; a number one
        const tall = [...table.querySelectorAll('thead th:not(.outlet-col)')].filter(
            c => height(c) > 3 * 1.6 * size).map(c => c.textContent);
        const words = [...table.querySelectorAll('td.count')].filter(
            c => height(c) > 1.6 * size).map(c => c.textContent);
        const clipped = [...table.querySelectorAll('th')].filter(c => c.scrollHeight > c.clientHeight + 1
            || c.scrollWidth > c.clientWidth + 1).map(c => c.textContent);
        const figure = table.closest('.figure');
        const last = table.querySelector('thead th:last-child').getBoundingClientRect().right;
        return {tall, clipped, words, reachable: last <= figure.getBoundingClientRect().left + figure.scrollWidth + 1,
                scrolls: getComputedStyle(figure).overflowX}; })()""")
    assert cells == {"tall": [], "clipped": [], "words": [], "reachable": True, "scrolls": "auto"}
    assert page[1] == []


def test_matrix_explanation_of_twenty_outlets_is_readable_without_scrolling(page, tmp_path, artifacts):
    """What a cell and the green mean is the first thing under 'Claims by outlet': with 20 outlets the
    table scrolls sideways, and its explanation must still be whole inside the visible part of the figure
    (as a centred caption of the wide table it started off-screen)."""
    tab = _open_crowded(page, tmp_path, artifacts, "9-crowded-matrix-explanation")
    found = tab.evaluate("""(() => { const figure = document.querySelector('#matrix-s1');
        const table = figure.querySelector('table');
        // the table's caption, or the paragraph that describes it
        const id = table.getAttribute('aria-describedby');
        const note = table.caption || (id && document.getElementById(id));
        if (!note) return {note: false};
        const r = document.createRange(); r.selectNodeContents(note);
        const text = r.getBoundingClientRect(), box = figure.getBoundingClientRect();
        return {note: true, wider: figure.scrollWidth > figure.clientWidth,
                inside: text.left >= box.left - 1 && text.right <= box.right + 1,
                says: note.textContent.includes('first seen')}; })()""")
    assert found == {"note": True, "wider": True, "inside": True, "says": True}
    assert page[1] == []


#: The words of a table's cells that are broken across lines (args: the table's selector, the indexes of
#: the columns whose data cells and row headers may wrap anywhere).
_BROKEN_WORDS = """([selector, free]) => {
    const table = document.querySelector(selector);
    const words = [];
    for (const cell of table.querySelectorAll('th, td')) {
        if ((cell.tagName === 'TD' || cell.scope === 'row') && free.includes(cell.cellIndex)) continue;
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
            const text = walker.currentNode.textContent;
            let at = 0;
            for (const word of text.split(/(\\s+)/)) {
                if (word.trim()) {
                    const r = document.createRange();
                    r.setStart(walker.currentNode, at); r.setEnd(walker.currentNode, at + word.length);
                    if (r.getClientRects().length > 1) words.push(word);
                }
                at += word.length;
            }
        }
    }
    return words; }"""


def _claim_page_with_long_printings(folder: Path) -> str:
    """The claim page of a quote printed at length by three outlets (text written for this test), its
    stylesheet inlined so the page can be laid out from a string."""
    from fastapi.testclient import TestClient

    from dossier_sample import build_sample_store
    from storytrace.report import stylesheet
    from storytrace.store import Store
    from storytrace.web import create_app

    db, _ = build_sample_store(folder)
    said = ("While we believe our intentions at the Marsh Lane library were good, the wording of the new "
            "lending rules was too vague, we created confusion and concern, and we did not spend enough time "
            "getting input from our own staff and the readers before sharing the new guidelines")
    articles = [{"id": f"a{n}", "outlet": f"regional-herald-{n}.example", "title": f"Library {n}", "text": said,
                 "words": 50, "published": "2024-06-01", "published_time": f"2024-06-01T1{n}:25:46-04:00",
                 "source": "x.txt", "locator": None, "url": None, "byline": None, "credits": []} for n in (1, 2, 3)]
    with Store.open(db) as store:
        store.save_dossier({
            "schema": "storytrace.dossier/1", "articles": articles,
            "stories": [{"id": "s1", "articles": ["a1", "a2", "a3"]}], "reuse": [], "entities": [],
            "quotes": [{"id": f"q{n}", "article": f"a{n}", "text": said, "speaker": "Library spokeswoman"}
                       for n in (1, 2, 3)],
            "quantities": [],
            "claims": [{"id": "c1", "kind": "quote", "members": ["q1", "q2", "q3"], "articles": ["a1", "a2", "a3"],
                        "independent_origins": 3, "first_seen": "a1", "conflicts": []}],
        })
    html = TestClient(create_app(db), base_url="http://127.0.0.1").get("/claims/1").text
    return html.replace('<link rel="stylesheet" href="/static/style.css">', f"<style>{stylesheet()}</style>")


def test_claim_members_table_keeps_ids_outlets_and_times_whole(page, tmp_path, artifacts):
    """Long printings take the width they need, but the member id, the outlet, the time and the speaker
    are not broken letter by letter (Spotify c2 read 'Me mb er', 'q18 8', 'Spotif y')."""
    tab, problems = page
    tab.route("**/*", lambda route: route.abort())  # the page is laid out from a string: nothing to fetch
    tab.set_content(_claim_page_with_long_printings(tmp_path))
    _shot(tab, artifacts, "10-claim-members")
    broken = tab.evaluate(_BROKEN_WORDS, ['section[aria-labelledby="members-h"] table', [3]])
    assert broken == []
    assert "first seen regional-herald-1.example (a1)" in tab.inner_text("main")
    assert problems == []


def test_story_and_claim_lists_keep_their_words_whole_on_a_phone(browser, sample_server, artifacts):
    """At 375 px the front page's and the claims page's tables keep numbers, dates and headers whole
    (they read 'A rt ic le s', '3 2', '20 18- 05-'); the tables scroll sideways in their box instead."""
    base, _ = sample_server
    context = browser.new_context(viewport={"width": 375, "height": 800})
    tab = context.new_page()
    try:
        for path, name, free in (("/", "11-phone-stories", [0]), ("/claims", "11-phone-claims", [0])):
            tab.goto(base + path)
            tab.screenshot(path=str(artifacts / f"{name}.png"), full_page=True)
            assert tab.evaluate(_BROKEN_WORDS, ["main table", free]) == [], path
            assert tab.evaluate("document.documentElement.scrollWidth") <= 375, path
    finally:
        context.close()


def test_report_navigation_stays_at_hand_deep_in_a_long_report(page, tmp_path, artifacts):
    """A report of many stories is hundreds of thousands of pixels tall (FakeNewsCorpus: 816,755): after
    following a link deep into it the navigation bar is still on screen, and the heading jumped to is not
    hidden under it."""
    from storytrace.report import render_html

    tab, problems = page
    text = "The Marsh Lane library reopens on Saturday after a two-year rebuild, the council said. " * 40
    articles = [{"id": f"a{n}", "outlet": f"Outlet {n}", "title": f"Library story {n}", "text": text}
                for n in range(1, 121)]
    # stories of two articles: a story of one is compact, and this report must be long
    dossier = {"schema": "storytrace.dossier/1", "articles": articles,
               "stories": [{"id": f"s{n}", "articles": [f"a{2 * n - 1}", f"a{2 * n}"]} for n in range(1, 61)]}
    report = tmp_path / "long.html"
    report.write_text(render_html(dossier), encoding="utf-8")
    tab.goto(report.as_uri())
    tab.locator('#stories a[href="#s50"]').click()
    found = tab.evaluate("""(() => {
        const nav = document.querySelector('header.site').getBoundingClientRect();
        const heading = document.getElementById('s50-h').getBoundingClientRect();
        return {scrolled: window.scrollY > 10000, navOnScreen: nav.top >= 0 && nav.bottom > 0 && nav.bottom < 200,
                headingBelowNav: heading.top >= nav.bottom - 1}; })()""")
    tab.screenshot(path=str(artifacts / "12-long-report-jump.png"))
    assert found == {"scrolled": True, "navOnScreen": True, "headingBelowNav": True}
    assert problems == []
