"""HTML extraction: main text through trafilatura, metadata from markup, dates only when stated."""

from __future__ import annotations

import json

import pytest

from storytrace.errors import NoArticleError
from storytrace.ingest.html import extract_html, structured_metadata
from storytrace.models import RawDocument
from storytrace.normalize import normalize

PARAGRAPHS = [
    "The regional water authority said on Tuesday that reservoir levels had fallen to their lowest point "
    "since records began, and that a hosepipe ban would start next month.",
    "“We have no choice,” said Maria Ortega, the authority’s director of operations, adding that rainfall "
    "over the summer had been less than half the long-term average.",
    "Farmers in the valley said the ban would hit them hardest, and called for compensation from the "
    "government before the restrictions begin.",
]


def page(*, head: str = "", body_extra: str = "", title: str = "Drought forces hosepipe ban | The Valley Post") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title>{head}</head><body>"
        "<header><nav><a href='/'>Home</a><a href='/news'>News</a><a href='/sport'>Sport</a>"
        "<a href='/weather'>Weather</a></nav></header>"
        f"<main><article><h1>Drought forces hosepipe ban across the valley</h1>{body_extra}{paragraphs}</article></main>"
        "<aside><h3>Most read</h3><ul><li><a href='/a'>Council tax to rise</a></li>"
        "<li><a href='/b'>New bridge opens</a></li></ul></aside>"
        "<footer><p>© 2024 The Valley Post. All rights reserved.</p><a href='/privacy'>Privacy</a></footer>"
        "</body></html>"
    )


def _extract(html: str, url: str | None = None) -> RawDocument:
    return extract_html(RawDocument(source="page.html", source_kind="html", raw=html, raw_format="html", url=url))


def test_json_ld_gives_full_metadata():
    ld = {
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": "Drought forces hosepipe ban",
        "datePublished": "2024-07-02T08:30:00+01:00", "author": [{"@type": "Person", "name": "R. J. Smith"},
                                                                 {"@type": "Person", "name": "Ann Lee"}],
        "publisher": {"@type": "Organization", "name": "The Valley Post"},
    }
    document = _extract(page(head=f"<script type='application/ld+json'>{json.dumps(ld)}</script>"))
    article = normalize(document)
    assert article.title == "Drought forces hosepipe ban"
    assert article.byline == "R. J. Smith, Ann Lee"
    assert article.published == "2024-07-02"
    assert article.published_time == "2024-07-02T08:30:00+01:00"
    assert article.outlet == "The Valley Post"
    assert "hosepipe ban would start next month" in article.text
    assert "Most read" not in article.text and "Privacy" not in article.text


def test_meta_tags_and_title_without_site_suffix():
    head = ("<meta property='article:published_time' content='2024-07-02T07:00:00Z'>"
            "<meta property='og:site_name' content='The Valley Post'><meta name='author' content='Ann Lee'>")
    article = normalize(_extract(page(head=head)))
    assert article.published == "2024-07-02"
    assert article.outlet == "The Valley Post"
    assert article.byline == "Ann Lee"
    assert article.title == "Drought forces hosepipe ban across the valley"


def test_placeholder_json_ld_date_is_ignored_and_no_date_is_guessed():
    ld = {"@type": "NewsArticle", "datePublished": "0001-01-01T00:00:00Z"}
    article = normalize(_extract(page(head=f"<script type='application/ld+json'>{json.dumps(ld)}</script>")))
    # The footer's copyright year is not a publication date.
    assert article.published is None


def test_url_date_is_used_when_markup_has_none():
    article = normalize(_extract(page(), url="https://valleypost.example/2024/07/02/drought-ban/"))
    assert article.published == "2024-07-02"


def test_byline_markup():
    extra = "<div class='byline'>By Maria Ortega</div>"
    assert normalize(_extract(page(body_extra=extra))).byline == "Maria Ortega"


def test_document_without_html_body_is_refused():
    with pytest.raises(NoArticleError):
        _extract("<html></html>")


@pytest.mark.parametrize(
    "html",
    ["<html><body><nav><a href='/'>Home</a></nav></body></html>", "<<<>>>",
     "<html><body><script>var a = 1;</script></body></html>"],
    ids=["nav-only", "garbage", "script-only"],
)
def test_page_without_article_is_rejected_by_ingest(tmp_path, html):
    from storytrace.ingest import ingest
    from storytrace.store import Store

    path = tmp_path / "page.html"
    path.write_text(html)
    with Store.open(tmp_path / "pile.db") as store:
        summary = ingest([str(path)], store)
        assert store.count() == 0
    assert [r.reason for r in summary.rejections] == ["no_article"]


def test_structured_metadata_survives_broken_json_ld():
    import lxml.html

    tree = lxml.html.fromstring("<html><head><script type='application/ld+json'>{not json</script>"
                                "<meta property='og:site_name' content='X Post'></head><body></body></html>")
    assert structured_metadata(tree)["outlet"] == "X Post"


@pytest.mark.parametrize(("og_title", "site_name", "expected"), [
    ("Drought forces hosepipe ban | TheValleyPost", "The Valley Post", "Drought forces hosepipe ban"),
    ("Drought forces hosepipe ban - valleypost.example", "The Valley Post", "Drought forces hosepipe ban"),
    # escaped twice, as some pages print it: the markup's escape, then the text's
    ("&amp;#8216;No choice&amp;#8217;: drought forces hosepipe&amp;nbsp;ban", "The Valley Post",
     "‘No choice’: drought forces hosepipe ban"),
    # a subtitle after a dash is the headline's own
    ("Drought forces hosepipe ban – farmers ask for help", "The Valley Post",
     "Drought forces hosepipe ban – farmers ask for help"),
], ids=["site-name", "domain", "entities", "subtitle"])
def test_the_title_leaves_the_site_name_and_escaped_characters(og_title, site_name, expected):
    head = f"<meta property='og:title' content='{og_title}'><meta property='og:site_name' content='{site_name}'>"
    article = normalize(_extract(page(head=head), url="https://valleypost.example/2024/07/02/drought-ban/"))
    assert article.title == expected


@pytest.mark.parametrize(("head", "published_time"), [
    # a template's trailing comma made the whole JSON-LD block unreadable
    ("<script type='application/ld+json'>{\"@type\": \"NewsArticle\", \"keywords\": [\"Water\", \"Drought\", ], "
     "\"datePublished\": \"2024-07-02T08:30:00-05:00\"}</script>", "2024-07-02T08:30:00-05:00"),
    # a meta tag named article:published, its itemprop a list of names
    ("<meta property='article:published' itemprop='datePublished dateCreated' content='2024-07-02T11:00:09.000Z'>",
     "2024-07-02T11:00:09+00:00"),
    # JSON-LD states the day only; a meta tag of the same day states the time
    ("<script type='application/ld+json'>{\"@type\": \"NewsArticle\", \"datePublished\": \"July 2, 2024\"}</script>"
     "<meta property='article:published_time' content='2024-07-02T11:21:08+00:00'>", "2024-07-02T11:21:08+00:00"),
], ids=["json-ld-trailing-comma", "article-published-itemprop-list", "json-ld-day-meta-time"])
def test_the_publication_time_the_markup_states_is_kept(head, published_time):
    article = normalize(_extract(page(head=head)))
    assert (article.published, article.published_time) == ("2024-07-02", published_time)
