"""Labels for untitled articles: the first sentence of prose, never a date line, a caption or a path."""

from __future__ import annotations

from storytrace.leads import lead_line
from storytrace.report.view import DossierIndex


def test_lead_line_skips_dates_captions_and_furniture_and_keeps_abbreviations():
    text = ("May 31, 2019 8:00 a.m. ET\n\n"
            "Speaker of the House Nancy Pelosi (D-Calif.) (AP Photo/Eric Risberg)\n\n"
            "Share\n\n"
            "In June, the U.S. Supreme Court will hear Mr. Ross's case. Dr. Lee disagreed with the plan.")
    assert lead_line(text) == "In June, the U.S. Supreme Court will hear Mr. Ross's case."
    assert lead_line("Short line\n\nAnother") == "Short line"
    assert lead_line("") == ""
    long = "The council said " + "very " * 60 + "much."
    assert lead_line(long).endswith("…") and len(lead_line(long)) <= 120


def test_untitled_report_rows_are_labelled_by_their_lead_not_their_path():
    dossier = {"articles": [
        {"id": "a1", "source": "/home/me/piles/rows.csv", "title": None,
         "text": "May 30, 2019\n\nThe Trump administration concealed evidence, lawyers said on Thursday in a filing."},
        {"id": "a2", "source": "/home/me/piles/rows.csv", "title": None, "text": ""},
    ], "stories": [], "reuse": [], "quotes": [], "quantities": [], "claims": [], "entities": []}
    index = DossierIndex.build(dossier)
    assert index.article_label("a1") == "The Trump administration concealed evidence, lawyers said on Thursday in a filing."
    assert index.article_label("a2") == "a2 (rows.csv)"


def test_markdown_of_an_undated_story_without_reuse_says_so_plainly():
    from storytrace.report import render_markdown

    # (two articles: a story of one is compact, with no dates line or reuse section: test_report)
    dossier = {"schema": "storytrace.dossier/1", "articles": [
        {"id": f"a{n}", "source": "/home/me/rows.csv", "title": None, "byline": None, "published": None,
         "outlet": "x.example", "credits": [], "words": 12, "story": "s1",
         "text": "The council said the bridge would reopen on Monday after repairs."} for n in (1, 2)],
        "stories": [{"id": "s1", "title": "Bridge", "articles": ["a1", "a2"]}], "reuse": [], "quotes": [],
        "quantities": [], "claims": [], "entities": []}
    text = render_markdown(dossier)
    assert "- Published: dates unknown" in text and "— to —" not in text
    assert "No reuse between the articles of this story." in text
    assert "~~struck~~" not in text
    assert "/home/me" not in text
