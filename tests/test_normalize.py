"""The normalizer on the bundled sample pile (gold file) and on the hard cases, one by one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storytrace.models import RawDocument
from storytrace.normalize import normalize

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "mosul-2016"
GOLD = json.loads((Path(__file__).parent / "gold" / "mosul-2016.json").read_text(encoding="utf-8"))["articles"]


def _text_document(raw: str, *, source: str = "paste.txt", raw_format: str = "text") -> RawDocument:
    return RawDocument(source=source, source_kind="text", raw=raw, raw_format=raw_format)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def sample() -> dict[str, object]:
    return {
        path.name: normalize(_text_document(path.read_text(encoding="utf-8"), source=str(path)))
        for path in sorted(SAMPLE.glob("*.txt"))
    }


@pytest.mark.parametrize("name", sorted(GOLD), ids=lambda n: n[:3])
def test_sample_metadata_matches_gold(sample, name):
    article, gold = sample[name], GOLD[name]
    assert article.title == gold["title"]
    assert article.byline == gold["byline"]
    assert article.published == gold["published"]
    assert article.outlet == gold["outlet"]
    assert article.dateline == gold["dateline"]
    assert sorted((c.kind, c.name) for c in article.credits) == sorted(tuple(c) for c in gold["credits"])


@pytest.mark.parametrize("name", sorted(GOLD), ids=lambda n: n[:3])
def test_sample_text_is_clean(sample, name):
    article, gold = sample[name], GOLD[name]
    assert article.text.startswith(gold["first_words"])
    assert article.text.endswith(gold["last_words"])
    for furniture in gold["furniture"]:
        assert furniture not in article.text, furniture
    for passage in gold["body"]:
        assert passage in article.text, passage
    # Word count within 2 % of a hand count of the body.
    assert abs(article.words - gold["words"]) <= 0.02 * gold["words"]


@pytest.mark.parametrize("name", sorted(GOLD), ids=lambda n: n[:3])
def test_offsets_point_into_clean_text(sample, name):
    article = sample[name]
    assert article.paragraphs, "no paragraphs"
    for start, end in article.paragraphs:
        paragraph = article.text[start:end]
        assert paragraph and paragraph == paragraph.strip()
        assert "\n\n" not in paragraph
    assert article.text == "\n\n".join(article.text[s:e] for s, e in article.paragraphs)


def test_raw_input_is_kept_whole(sample):
    for name, article in sample.items():
        assert article.raw == (SAMPLE / name).read_text(encoding="utf-8")


def test_removed_furniture_is_kept_for_audit(sample):
    article = sample["002_e6ea2678bb7cae54.txt"]
    reasons = {r.why for r in article.removed}
    assert {"page render timestamp", "page widget", "image credit", "image caption", "related links"} <= reasons


def test_normalize_is_deterministic(sample):
    path = SAMPLE / "004_fca2fb47be4de7fe.txt"
    again = normalize(_text_document(path.read_text(encoding="utf-8"), source=str(path)))
    assert again == sample[path.name]


@pytest.mark.parametrize(
    ("raw", "field", "expected"),
    [
        ("Headline here\n\nBy Jane Q. Doe\n\n" + "Body sentence goes on and on. " * 5, "byline", "Jane Q. Doe"),
        ("Headline here\n\nWritten by: John Smith and Ann Lee\n\n" + "Body text. " * 30, "byline", "John Smith and Ann Lee"),
        ("Headline\n\nBy [Maria Lopez](https://x.example/maria)\n\n" + "Body text here. " * 20, "byline", "Maria Lopez"),
        ("Headline\n\nPublished: March 3, 2021\n\n" + "Body text here. " * 20, "published", "2021-03-03"),
        ("Headline\n\nThe Daily Bugle, 4 July 2019\n\n" + "Body text here. " * 20, "outlet", "The Daily Bugle"),
        ("Headline\n\nThe Daily Bugle, 4 July 2019\n\n" + "Body text here. " * 20, "published", "2019-07-04"),
        ("Headline\n\n12:40 GMT 07 July 2020\n\n" + "Body text here. " * 20, "published", None),
        ("Headline\n\n" + "Body text here. " * 20 + "\n\nCopyright © 2022. All Rights Reserved.", "published", None),
        ("Headline\n\nPublished 03/04/2016\n\n" + "Body text here. " * 20, "published", None),
        ("Headline\n\nPublished 13/04/2016\n\n" + "Body text here. " * 20, "published", "2016-04-13"),
        ("LONDON (Reuters) - " + "Body text here. " * 20, "dateline", "LONDON"),
        ("A short title\n\n" + "Body text here. " * 20, "title", "A short title"),
        ("# Markdown title\n\nSome intro that is long enough to be a body paragraph of the article text here.",
         "title", "Markdown title"),
        ("May 30, 2019\n\nBy Ann Writer\n\nBOSTON (Reuters) - " + "Body text here. " * 20, "published", "2019-05-30"),
        ("May 30, 2019\n\nBy Ann Writer\n\nBOSTON (Reuters) - " + "Body text here. " * 20, "title", None),
        ("May 31, 2019, 9:52 PM UTC\n\nBy Ann Writer, professor at a law school\n\n" + "Body text here. " * 20,
         "published", "2019-05-31"),
        ("May 31, 2019, 9:52 PM UTC\n\nBy Ann Writer, professor at a law school\n\n" + "Body text here. " * 20,
         "byline", "Ann Writer"),
        ("Why Do Towns Keep Losing Their Papers? Maybe Because Nobody Pays.\n\n" + "Body text here. " * 20,
         "title", "Why Do Towns Keep Losing Their Papers? Maybe Because Nobody Pays."),
        ("This week, the mask came off.\n\n" + "Body text here. " * 20, "title", None),
        ("Share on Facebook Share on Twitter\n\nCouncil approves the new budget\n\n" + "Body text here. " * 20,
         "title", "Council approves the new budget"),
    ],
    ids=["by", "written-by-two", "markdown-link", "published-cue", "outlet-date-outlet", "outlet-date-date",
         "render-timestamp", "copyright-year", "ambiguous-numeric", "unambiguous-numeric", "wire-dateline",
         "first-line-title", "markdown-heading", "date-over-byline", "no-title-when-date-first",
         "clock-date-next-to-byline", "byline-role-dropped", "title-case-title-with-period", "lede-is-not-title",
         "share-widget-before-title"],
)
def test_header_fields(raw, field, expected):
    assert getattr(normalize(_text_document(raw)), field) == expected


@pytest.mark.parametrize(
    ("line", "kind", "name"),
    [
        ("This article was originally published on The Conversation.", "originally_published_by", "The Conversation"),
        ("This story first appeared in ProPublica", "originally_published_by", "ProPublica"),
        ("The post Some Title Here appeared first on Common Dreams.", "originally_published_by", "Common Dreams"),
        ("This Foo News article was syndicated from Bar Daily, and written by Ann Lee. Read the original article here.",
         "syndicated_from", "Bar Daily"),
        ("Republished with permission from Kaiser Health News.", "syndicated_from", "Kaiser Health News"),
        ("The original source of this article is Global Times", "originally_published_by", "Global Times"),
        ("Translated from Arabic by Sam Ali", "via", "Sam Ali"),
        ("© Associated Press 2019", "copyright", "Associated Press"),
        ("Copyright 2019 The Associated Press. All rights reserved. This material may not be published, broadcast, "
         "rewritten or redistributed.", "copyright", "The Associated Press"),
    ],
    ids=["originally", "first-appeared", "post-appeared", "syndicated", "republished", "original-source",
         "translated", "copyright", "copyright-notice"],
)
def test_credit_lines_become_credits_and_leave_the_body(line, kind, name):
    body = "The minister said the talks would resume next week in Geneva, officials confirmed on Monday."
    other = "Delegations from both sides are expected to arrive in Geneva by Sunday night, aides said."
    article = normalize(_text_document(f"Title of story\n\n{body}\n\n{other}\n\n{line}"))
    assert (kind, name) in [(c.kind, c.name) for c in article.credits]
    assert line not in article.text
    assert article.text.count("Geneva") == 2


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Title of story\n\nBy AMIR VERA, CNN\n\n{body}", ("via", "CNN", "byline")),
        ("Title of story\n\nBy Ann Lee and Sam Ali, Associated Press\n\n{body}",
         ("via", "Associated Press", "byline")),
        ("Title of story\n\nLabels and artists gathered outside the headquarters.\n\n(CNN)\n\n{body}",
         ("via", "CNN", "wire dateline")),
        ("Title of story\n\n(Reuters) - {body}", ("via", "Reuters", "wire dateline")),
        ("Title of story\n\n{body}\n\nCopyright 2018 by CNN NewSource. All rights reserved.",
         ("copyright", "CNN NewSource", None)),
    ],
    ids=["byline-network", "byline-wire-two-authors", "bare-agency-dateline", "agency-dateline-dash",
         "copyright-by"],
)
def test_a_wire_named_in_byline_opener_or_copyright_is_a_credit(raw, expected):
    body = "The minister said the talks would resume next week in Geneva, officials confirmed on Monday."
    article = normalize(_text_document(raw.format(body=body)))
    assert expected in [(c.kind, c.name, c.role) for c in article.credits]
    assert article.text.count("Geneva") == 1


@pytest.mark.parametrize(
    "raw",
    [
        "Title of story\n\nBy Ann Lee, Staff Writer\n\n{body}",
        "Title of story\n\n(Photo: Jo Bell) {body}",
        "Title of story\n\n(Updated) - {body}",
    ],
    ids=["byline-role", "photo-bracket", "bracket-not-a-wire"],
)
def test_a_byline_or_bracket_naming_no_wire_is_no_credit(raw):
    body = "The minister said the talks would resume next week in Geneva, officials confirmed on Monday."
    assert normalize(_text_document(raw.format(body=body))).credits == ()


def test_photo_copyright_is_an_image_credit_not_a_copyright_credit():
    body = "Body sentence of the article that is long enough to count as a real paragraph here."
    raw = f"Title\n\n{body}\n\nSoldiers walk past a ruined building in the old city\n© AP Photo / Hadi Mizban\n\n{body}"
    article = normalize(_text_document(raw))
    assert not article.credits
    assert "AP Photo" not in article.text
    assert "Soldiers walk past" not in article.text


def test_paragraph_broken_by_stray_blank_line_is_rejoined():
    raw = ("Title\n\nThe offensive has deepened regional conflicts and plunged the Middle\n\n"
           "East into a bloodbath that threatens to draw in the major powers.\n\nNext paragraph starts here.")
    article = normalize(_text_document(raw))
    assert "plunged the Middle East into a bloodbath" in article.text
    assert "Next paragraph starts here." in article.text


def test_hard_wrapped_text_is_joined_but_separate_lines_stay():
    wrapped = ("The battle to retake the city entered its second week on Monday as\n"
               "government forces pushed into the eastern suburbs, officials said in a\n"
               "statement released late on Sunday evening.")
    article = normalize(_text_document(f"A title for the story\n\n{wrapped}\n\nSecond paragraph is here and it is complete."))
    assert "Monday as government forces" in article.text
    assert len(article.paragraphs) == 2


def test_nul_and_control_characters_are_dropped():
    article = normalize(_text_document("Title\n\nA body\x00 paragraph with\x07 stray bytes in it, long enough to stay."))
    assert "\x00" not in article.text and "\x07" not in article.text
    assert "A body paragraph" in article.text


def test_empty_text_normalizes_to_empty_article():
    article = normalize(_text_document("   \n\n  "))
    assert article.text == "" and article.words == 0 and article.title is None


def test_a_date_is_not_a_credit():
    article = normalize(_text_document(
        "A headline for the story\n\nFirst published on May 31, 2019 / 10:50 AM\n\n" + "Body text here. " * 20
    ))
    assert not article.credits
    assert article.published == "2019-05-31"


def test_hard_wrap_after_a_hyphen_keeps_the_word_whole():
    raw = ("A title for the story\n\nThe rota of forty-\nsix volunteers now runs the lending desk, the homework\n"
           "club and a weekly reading group for children in the village hall.")
    assert "forty-six volunteers" in normalize(_text_document(raw)).text


BODY = ("Ferry services between the islands resumed on Thursday after two days of cancellations caused by "
        "gale-force winds, the operator said.\n\nPassengers were advised to check the timetable before travelling.")


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        ("---\ntitle: Ferries resume\ndate: 2016-10-17\nauthor: Jane Roe\nsource: Example Gazette\n---\n",
         ("Ferries resume", "2016-10-17", "Jane Roe", "Example Gazette", None)),
        ("---\r\nheadline: 'Ferries resume'\r\npublished: 2016-10-17T08:00:00Z\r\nbyline: Jane Roe\r\n"
         "publisher: Example Gazette\r\nlink: https://gazette.example/ferry\r\n...\r\n",
         ("Ferries resume", "2016-10-17T08:00:00Z", "Jane Roe", "Example Gazette", "https://gazette.example/ferry")),
        ("---\nlayout: post\nauthor:\n  name: Jane Roe\n  twitter: jroe\ndescription: >-\n  Services resume\n"
         "  after the storm\noutlet: Example Gazette\n---\n",
         (None, None, "Jane Roe", "Example Gazette", None)),
    ],
    ids=["jekyll", "crlf-quoted-dots", "nested-and-folded"],
)
def test_front_matter_is_read_and_leaves_the_text(front, expected):
    from storytrace.normalize import read_front_matter

    raw = front + "\n" + BODY + "\n"
    found = read_front_matter(raw)
    assert found is not None and raw[found.end :].strip() == BODY
    assert (found.title, found.date, found.byline, found.outlet, found.url) == expected
    article = normalize(_text_document(raw, raw_format="markdown"))
    assert article.text == BODY
    assert article.removed[0].why == "front matter"


@pytest.mark.parametrize(
    "raw",
    [
        "---\nEditor's note: this story was updated.\n---\n\n" + BODY,
        "---\ntitle: Ferries resume\n\n" + BODY,
        "---\n---\n\n" + BODY,
        "Ferries resume\n\n---\ntitle: not at the top\n---\n\n" + BODY,
    ],
    ids=["not-a-key", "never-closed", "empty", "not-at-the-top"],
)
def test_what_is_not_front_matter_stays(raw):
    from storytrace.normalize import read_front_matter

    assert read_front_matter(raw) is None
    assert not any(r.why == "front matter" for r in normalize(_text_document(raw, raw_format="markdown")).removed)


def test_a_wire_dateline_under_an_agency_line_is_a_credit():
    raw = ("Spotify backtracks on anti-hate policy following criticism\n\nThe Associated Press\n\n"
           "NEW YORK (AP) — Spotify is backpedaling on its recently announced anti-hate policy after some music "
           "industry players criticized it.\n\nThe company said in a blog post that it created confusion.")
    article = normalize(RawDocument(source="row", source_kind="jsonl", raw=raw, raw_format="text",
                                    outlet_hint="centurylink.net"))
    assert [(c.kind, c.name) for c in article.credits] == [("via", "AP")]
    assert article.dateline == "NEW YORK"


_HEADER_BODY = ("The council voted on Tuesday to approve the new harbour budget after a debate that lasted "
                "well into the night, officials said.\n\nA second paragraph follows here with more detail.")


@pytest.mark.parametrize(
    ("raw", "byline", "published_time", "opening"),
    [
        ("Council backs harbour budget after long debate\n\nMaria Ortiz, Bloomberg\n\n"
         "Published 10:31 am, Friday, June 1, 2018\n\nPhoto: Bloomberg Photo By Jon Lens\n\n{body}",
         "Maria Ortiz, Bloomberg", "2018-06-01T10:31", "The council voted"),
        ("Council backs harbour budget after long debate\n\nAnn Lee and Sam Ali, Associated Press\n\nUpdated\n\n"
         "1:52 pm CDT, Friday, May 31, 2019\n\nAUSTIN, Texas (AP) — {body}",
         "Ann Lee and Sam Ali, Associated Press", "2019-05-31T13:52-05:00", "AUSTIN, Texas (AP) —"),
        ("May 10, 2017, 12:56 AM UTC\n\n/ Source: Associated Press\n\nWASHINGTON — {body}",
         None, "2017-05-10T00:56+00:00", "WASHINGTON —"),
        ("Council backs harbour budget after long debate\n\nThe vote ends a year of wrangling over the port, the "
         "mayor says.\n\nby\n\n31 May 2018 4:05 pm BST\n\n{body}\n\nJon Lens/Getty Images for the council",
         None, "2018-05-31T16:05+01:00", "The vote ends"),
        ("Ann Writer\n\nMay 31, 2019 10:00AM (UTC)\n\n{body}", "Ann Writer", "2019-05-31T10:00+00:00",
         "The council voted"),
        ("Council backs harbour budget | Daily Planet\n\nHarbour Living Magazine\n\nCouncil backs harbour budget\n\n"
         "The Associated Press\n\nMay 31, 2018 12:01 PM\n\nNEW YORK — {body}",
         "The Associated Press", "2018-05-31T12:01", "NEW YORK —"),
    ],
    ids=["wire-byline-date-above-photo-credit", "wire-header-block", "date-above-source-line",
         "date-under-lone-by", "name-above-date", "repeated-title-masthead-wire-line"],
)
def test_printed_header_dates_and_bylines(raw, byline, published_time, opening):
    article = normalize(_text_document(raw.format(body=_HEADER_BODY)))
    assert article.byline == byline
    assert article.published_time == published_time
    assert article.published == published_time[:10]
    assert article.text.startswith(opening), article.text[:120]


def test_wire_header_block_leaves_the_text_as_byline_date_and_credit():
    raw = ("Council backs harbour budget after long debate\n\nAnn Lee and Sam Ali, Associated Press\n\nUpdated\n\n"
           "1:52 pm CDT, Friday, May 31, 2019\n\nAUSTIN, Texas (AP) — " + _HEADER_BODY)
    article = normalize(_text_document(raw))
    assert "Associated Press\n" not in article.text and "CDT" not in article.text
    assert ("via", "AP") in [(c.kind, c.name) for c in article.credits]
    assert len([c for c in article.credits if c.kind == "via"]) == 1  # the byline's wire is the dateline's


@pytest.mark.parametrize(
    ("furniture", "why"),
    [
        ("Our journalism takes a lot of time, effort, and hard work to produce. If you value it, please "
         "consider subscribing today.", "reader prompt"),
        ("Subscribe today to be the first to know about breaking news.", "reader prompt"),
        ("LATEST LOCAL VIDEOS\n\nFerry Timetable Changes Explained Harbour TV\n\nFive Walks Along The Coast Buzz 7\n\n"
         "Why Tides Are Higher This Spring Harbour TV", "related links"),
    ],
    ids=["journalism-prompt", "subscribe-today", "related-videos-block"],
)
def test_prompts_and_related_blocks_leave_the_body(furniture, why):
    raw = ("Council backs harbour budget after long debate\n\n" + _HEADER_BODY + "\n\n" + furniture +
           "\n\nThe mayor said the port would reopen in spring, after repairs to the breakwater are finished.")
    article = normalize(_text_document(raw))
    assert article.text.endswith("after repairs to the breakwater are finished.")
    for line in furniture.split("\n\n"):
        assert line not in article.text
    assert why in {r.why for r in article.removed}


@pytest.mark.parametrize("given", ["FacebookEmail Twitter Google+ LinkedIn Pinterest",
                                   "Mayor Ana Ruiz at the harbour (AP Photo/Jon Lens)",
                                   "The new ferry leaves the quay. (Jon Lens/Harbour Gazette)"])
def test_a_given_title_of_share_buttons_or_a_photo_caption_is_not_the_title(given):
    raw = "The council voted on Monday to rebuild the harbour wall before the winter storms arrive."
    article = normalize(RawDocument(source="row", source_kind="csv", raw=raw, raw_format="text", title_hint=given))
    assert article.title is None
    kept = normalize(RawDocument(source="row", source_kind="csv", raw=raw, raw_format="text",
                                 title_hint="Share prices fall as council votes on harbour wall"))
    assert kept.title == "Share prices fall as council votes on harbour wall"


@pytest.mark.parametrize("raw_format", ["markdown", "text"])
@pytest.mark.parametrize(("byline_line", "byline"), [("By Ann Lee, Harbour Gazette", "Ann Lee, Harbour Gazette"),
                                                     ("By Ann Lee", "Ann Lee")])
def test_a_byline_line_above_the_date_line_gives_both(raw_format, byline_line, byline):
    raw = (f"# Council backs harbour budget\n\n{byline_line}\n12 March 2024\n\n"
           "The council voted on Monday to rebuild the harbour wall before the winter storms arrive.")
    article = normalize(RawDocument(source="a.md", source_kind="text", raw=raw, raw_format=raw_format))
    assert (article.byline, article.published, article.outlet) == (byline, "2024-03-12", None)


@pytest.mark.parametrize(("line", "outlet", "byline"), [("Coastal News Online", "Coastal News Online", None),
                                                        ("Harbour Gazette", "Harbour Gazette", None),
                                                        ("Igor Derysh", None, "Igor Derysh")])
def test_a_publication_s_name_above_the_date_line_is_the_outlet_a_person_s_the_byline(line, outlet, byline):
    raw = (f"Fire at the docks\n\n{line}\n13 March 2024\n\n"
           "A fire destroyed a grain warehouse at the Port Elling harbour late on Monday night.")
    article = normalize(RawDocument(source="x.txt", source_kind="text", raw=raw, raw_format="text"))
    assert (article.outlet, article.byline, article.published) == (outlet, byline, "2024-03-13")


def test_a_title_read_from_the_text_is_held_to_the_same_test():
    raw = ("FacebookEmail Twitter Google+ LinkedIn Pinterest\n\n"
           "The council voted on Monday to rebuild the harbour wall before the winter storms arrive.")
    article = normalize(RawDocument(source="row", source_kind="csv", raw=raw, raw_format="text"))
    assert article.title is None and "Pinterest" not in article.text


_HARBOUR_LEDE = ("PORT ELLING — The council voted on Monday to rebuild the harbour wall before the winter storms "
                 "arrive, after engineers found cracks along its eastern side.")


@pytest.mark.parametrize(("date_line", "hint", "kind", "published", "published_time"), [
    # a scrape time two years after the date the page prints: the printed date is the publication
    ("May 10, 2017, 12:56 AM UTC", "2019-06-01T00:24:40-04:00", "csv", "2017-05-10", "2017-05-10T00:56+00:00"),
    # the same day, printed 28 minutes before the scrape (6:35 PM ET is 18:35-04:00)
    ("Updated 6:35 PM ET, Fri June 1, 2018", "2018-06-01T19:03:02-04:00", "jsonl", "2018-06-01",
     "2018-06-01T18:35-04:00"),
    # a date column earlier than the printed line (an update printed later) is kept
    ("Updated: June 3, 2018", "2018-06-01T09:00:00+00:00", "csv", "2018-06-01", "2018-06-01T09:00:00+00:00"),
    # metadata of a page or feed is not a table's column: it is kept
    ("May 10, 2017, 12:56 AM UTC", "2019-06-01T00:24:40-04:00", "feed", "2019-06-01", "2019-06-01T00:24:40-04:00"),
    # a date printed without its year, the day before the scrape: the year is the scrape's
    ("May 30 at 4:36 PM", "2019-05-31T07:58:00-04:00", "csv", "2019-05-30", "2019-05-30T16:36"),
    # three days before the scrape: which year is a guess, so the column stays
    ("May 28 at 4:36 PM", "2019-05-31T07:58:00-04:00", "csv", "2019-05-31", "2019-05-31T07:58:00-04:00"),
], ids=["years-later", "minutes-later", "update-later", "feed", "yearless-day-before", "yearless-days-before"])
def test_a_table_date_later_than_the_printed_date_is_not_the_publication(date_line, hint, kind, published,
                                                                         published_time):
    raw = f"Council backs harbour wall rebuild\n\n{date_line}\n\n{_HARBOUR_LEDE}"
    article = normalize(RawDocument(source="pile.csv", source_kind=kind, raw=raw, raw_format="text", date_hint=hint))
    assert (article.published, article.published_time) == (published, published_time)
    assert date_line not in article.text


@pytest.mark.parametrize(("title", "outlet", "byline", "expected"), [
    ("Ferry fares to rise in spring | Harbour Gazette", "harbourgazette.com", None, "Ferry fares to rise in spring"),
    ("Ferry fares to rise in spring | Editorial", "Harbour Gazette", "Editorial", "Ferry fares to rise in spring"),
    ("Ferry fares to rise in spring – Too soon?", "harbourgazette.com", None, "Ferry fares to rise in spring – Too soon?"),
    ("Harbour Gazette", "harbourgazette.com", None, None),
    ("Ann Lee", "harbourgazette.com", "Ann Lee", "Ann Lee"),  # an author's page
    ("Ferry fares &apos;to rise&apos; in spring", "harbourgazette.com", None, "Ferry fares 'to rise' in spring"),
    ("Opinion | Ferry Fares Should Not Rise in Spring", "harbourgazette.com", None,
     "Ferry Fares Should Not Rise in Spring"),
    ("Jon Lens | Harbour Gazette", "portnews.com", None, "Jon Lens | Harbour Gazette"),  # a photo credit
], ids=["outlet-domain", "byline", "subtitle", "site-name-only", "author-page", "entities", "section-label",
        "short-tail-no-label"])
def test_a_given_title_leaves_the_site_name_and_escaped_characters(title, outlet, byline, expected):
    raw = "The council voted on Monday to raise ferry fares from April, citing the rising cost of fuel."
    article = normalize(RawDocument(source="pile.csv", source_kind="csv", raw=raw, raw_format="text",
                                    title_hint=title, outlet_hint=outlet, byline_hint=byline))
    assert article.title == expected


@pytest.mark.parametrize(("hint", "byline", "wire"), [
    ("By TOM RIVERS, AP Auto Writer", "TOM RIVERS", "AP"),
    ("Analysis by Dana Holt, CNN Editor-at-large", "Dana Holt", "CNN"),
    ("Ann Lee, Senior Columnist, Jon Lens, Harbour Gazette Executive Editor", "Ann Lee, Jon Lens", None),
    ("Ann Lee, Because Without The Harbour, There Is No Town.", "Ann Lee", None),
    ("Because Without The Harbour, There Is No Town.", None, None),
    ("Friday, September, Ann Lee", "Ann Lee", None),
    ("Harbour Gazette Staff", "Harbour Gazette Staff", None),
    ("Ann Lee and Jon Lens, Associated Press", "Ann Lee and Jon Lens, Associated Press", "Associated Press"),
], ids=["wire-role", "cue-role", "roles", "slogan", "slogan-only", "date-words", "staff-alone", "kept"])
def test_a_given_byline_keeps_the_names_and_credits_the_wire(hint, byline, wire):
    raw = "The council voted on Monday to raise ferry fares from April, citing the rising cost of fuel."
    article = normalize(RawDocument(source="pile.csv", source_kind="csv", raw=raw, raw_format="text",
                                    byline_hint=hint))
    assert article.byline == byline
    assert [c.name for c in article.credits if c.role == "byline"] == ([wire] if wire else [])


@pytest.mark.parametrize(("line", "byline", "published"), [
    ("By Ann Lee / Harbour Gazette", "Ann Lee", None),
    ("by Ann Lee – harbourgazette.com", "Ann Lee", None),
    ("By Ann Lee and Jon Lens: April 4, 2016", "Ann Lee and Jon Lens", "2016-04-04"),
], ids=["slash-outlet", "dash-domain", "colon-date"])
def test_a_byline_line_with_its_outlet_or_date_leaves_the_text(line, byline, published):
    raw = f"Ferry fares to rise in spring\n\n{line}\n\n{_HARBOUR_LEDE}"
    article = normalize(RawDocument(source="a.txt", source_kind="text", raw=raw, raw_format="text"))
    assert (article.byline, article.published) == (byline, published)
    assert article.text == _HARBOUR_LEDE


_LAST_PARAGRAPH = "The mayor said the port would reopen in spring, after repairs to the breakwater are finished."


@pytest.mark.parametrize("furniture", [
    "___",
    "Story Continued Below",
    "You may also like...",
    "RSS Feed for Ann Lee",
    "Older articles by Ann Lee",
    "Follow the Harbour Gazette on Twitter | Like us on Facebook",
    "Please adhere to our commenting policy to avoid being banned. " + "We reserve the right to remove any "
    "comment and to ban any user at any time, and comments that contain spam, advertising, threats or abuse "
    "will be deleted without notice. " * 3,
], ids=["underscores", "continued-below", "also-like-ellipsis", "rss-feed", "older-articles", "follow-on",
        "comment-policy"])
def test_page_furniture_between_and_after_paragraphs_leaves_the_body(furniture):
    raw = f"Council backs harbour budget after long debate\n\n{_HARBOUR_LEDE}\n\n{furniture}\n\n{_LAST_PARAGRAPH}"
    for text in (raw, f"{raw}\n\n{furniture}"):
        article = normalize(_text_document(text))
        assert article.text == f"{_HARBOUR_LEDE}\n\n{_LAST_PARAGRAPH}"


def test_a_prayer_asking_for_help_is_text_a_plea_for_support_is_not():
    prayer = ("Help us to speak about others as our brothers and sisters.\n\n"
              "Help us to remove the anger from our words.")
    plea = "Help us deliver journalism that makes a difference in our community."
    article = normalize(_text_document(f"{_HARBOUR_LEDE}\n\n{prayer}\n\n{plea}\n\n{_LAST_PARAGRAPH}"))
    assert article.text == f"{_HARBOUR_LEDE}\n\n{prayer}\n\n{_LAST_PARAGRAPH}"


@pytest.mark.parametrize("raw_format", ["text", "html"])
def test_the_author_s_bio_at_the_end_leaves_the_body(raw_format):
    other = "Jon Lens is the harbour master and has run the port since 2009, through two earlier storms."
    bio = ("Ann Lee is an award-winning reporter who has covered the port for the Harbour Gazette for "
           "twelve years. She lives in Port Elling.")
    raw = f"{_HARBOUR_LEDE}\n\n{other}\n\n{_LAST_PARAGRAPH}\n\nAnn Lee\n\n{bio}"
    document = RawDocument(source="a", source_kind=raw_format, raw=raw, raw_format=raw_format,  # type: ignore[arg-type]
                           extracted_text=raw, byline_hint="Ann Lee, Because Without The Harbour, There Is No Town.")
    article = normalize(document)
    assert article.text == f"{_HARBOUR_LEDE}\n\n{other}\n\n{_LAST_PARAGRAPH}"
    assert [r.text for r in article.removed if r.why == "author bio"] == ["Ann Lee", bio]


def test_web_addresses_on_the_last_lines_leave_the_body_a_referenced_one_stays():
    source = "http://harbourgazette.example/2024/03/12/council-backs-harbour-budget/"
    article = normalize(_text_document(f"{_HARBOUR_LEDE}\n\n{_LAST_PARAGRAPH}\n\n{source}"))
    assert article.text == f"{_HARBOUR_LEDE}\n\n{_LAST_PARAGRAPH}"
    assert ("source link", source) in [(r.why, r.text) for r in article.removed]
    referenced = f"{_HARBOUR_LEDE}\n\nThe engineers' report is online:\n\n{source}"
    assert source in normalize(_text_document(referenced)).text


@pytest.mark.parametrize(("line", "wire"), [
    ("Jon Lens contributed reporting from Port Elling.", None),
    ("The Associated Press contributed to this report.", "The Associated Press"),
    ("Lens reported from Port Elling. Associated Press writer Ann Lee in Dover also contributed to this report.",
     "Associated Press"),
    ("Reuters contributed to this story.", "Reuters"),
    ("(Reporting by Ann Lee in Port Elling; Additional reporting by Jon Lens; Editing by Mary Holt)", None),
], ids=["reporter", "wire", "reported-from", "reuters", "reporting-by"])
def test_a_contributor_line_leaves_the_body_and_credits_its_wire(line, wire):
    kept = "The new design contributed to the harbour's rising costs, the engineers said in their report."
    article = normalize(_text_document(f"{_HARBOUR_LEDE}\n\n{kept}\n\n{line}"))
    assert article.text == f"{_HARBOUR_LEDE}\n\n{kept}"
    assert [c.name for c in article.credits if c.role == "contributor"] == ([wire] if wire else [])
    assert ("contributor line", line) in [(r.why, r.text) for r in article.removed]


@pytest.mark.parametrize("furniture", [
    "(Photo: Harbour Gazette/Ann Lee) The breakwater after the storm, seen from the old lighthouse.",
    "Expand | Collapse (Screenshot: YouTube) The mayor speaks to residents at the quay, March 12, 2024.",
    "(Ann Lee/Harbour Gazette)",
], ids=["photo-credit-first", "gallery-toggle", "chart-credit"])
def test_a_caption_opened_by_its_credit_and_a_lone_credit_leave_the_body(furniture):
    raw = f"{_HARBOUR_LEDE}\n\n{furniture}\n\n{_LAST_PARAGRAPH}"
    assert normalize(_text_document(raw)).text == f"{_HARBOUR_LEDE}\n\n{_LAST_PARAGRAPH}"


@pytest.mark.parametrize("title", ["Ferry fares to rise in spring", "Will Ferry Fares Rise in Spring for the 4-Year-Olds?"],
                         ids=["title", "sentence-like-title"])
def test_a_labelled_teaser_for_another_story_is_neither_title_nor_body(title):
    teaser = "Headline: Gold Prices Soar As Markets Tumble! Ferry Stocks Are Next!"
    raw = f"{title}\n\n{teaser}\n\n{_HARBOUR_LEDE}"
    for hint in (None, title):
        article = normalize(RawDocument(source="pile.csv", source_kind="csv", raw=raw, raw_format="text",
                                        title_hint=hint))
        assert (article.title, article.text) == (title, _HARBOUR_LEDE)
    alone = normalize(_text_document(f"{teaser}\n\n{_HARBOUR_LEDE}"))
    assert (alone.title, alone.text) == (None, _HARBOUR_LEDE)


def test_a_row_of_share_buttons_above_the_headline_leaves_and_the_headline_is_the_title():
    raw = f"FacebookEmail Twitter Google+ LinkedIn Pinterest WhatsApp\n\nFerry fares to rise in spring\n\n{_HARBOUR_LEDE}"
    article = normalize(_text_document(raw))
    assert (article.title, article.text) == ("Ferry fares to rise in spring", _HARBOUR_LEDE)


@pytest.mark.parametrize("line", [
    "Source: https://www.harbourgazette.example/2024/03/12/council-backs-harbour-budget-after-a-long-night-of-debate-"
    "in-the-old-town-hall/",
    "Originally published at www.harbourgazette.example",
], ids=["long-dated-url", "www"])
def test_a_credit_line_with_a_web_address_credits_the_site(line):
    article = normalize(_text_document(f"{_HARBOUR_LEDE}\n\n{_LAST_PARAGRAPH}\n\n{line}"))
    assert [(c.name, c.line) for c in article.credits] == [("harbourgazette.example", line)]
    assert article.text == f"{_HARBOUR_LEDE}\n\n{_LAST_PARAGRAPH}"


def test_a_wire_credited_by_its_dateline_and_a_contributor_line_keeps_the_dateline_credit():
    raw = (f"PORT ELLING (AP) — {_HARBOUR_LEDE.removeprefix('PORT ELLING — ')}\n\n{_LAST_PARAGRAPH}\n\n"
           "Associated Press writer Jon Lens in Dover contributed to this report.")
    article = normalize(_text_document(raw))
    assert [(c.name, c.role) for c in article.credits] == [("AP", "wire dateline")]


def test_an_opinion_page_header_gives_title_byline_and_date_and_leaves_the_body():
    # the section label glued to the headline, the sponsor slug, the headline again, a standfirst, the
    # byline, the author's one-line bio and the date, as an opinion page's header comes out of a scrape
    standfirst = "The council has waited long enough for its engineers. The storms will not wait."
    raw = ("Opinion |Should the Harbour Wall Be Rebuilt Before Winter?\n\nAdvertisement\n\nSupported by\n\n"
           "Should the Harbour Wall Be Rebuilt Before Winter?\n\n"
           f"{standfirst}\n\nBy Maria J. Lindqvist\n\n"
           "Ms. Lindqvist is a former harbour engineer and a lecturer in coastal engineering at Port Elling "
           "College.\n\nMarch 12, 2024\n\n" + _HARBOUR_LEDE + "\n\n" + _LAST_PARAGRAPH)
    article = normalize(_text_document(raw))
    assert article.title == "Should the Harbour Wall Be Rebuilt Before Winter?"
    assert article.byline == "Maria J. Lindqvist"
    assert article.published == "2024-03-12"
    # the standfirst is the author's own summary, printed with the article: it stays
    assert article.text == f"{standfirst}\n\n{_HARBOUR_LEDE}\n\n{_LAST_PARAGRAPH}"
    assert {r.why for r in article.removed} >= {"section label", "title", "title repeated", "author bio"}


@pytest.mark.parametrize("furniture", [
    "The breakwater after the storm, seen from the old lighthouse. (Ann M. Lee/Harbour Gazette)",
    "Residents watch the tide come over the quay in March. (JON P. LENS / HARBOUR GAZETTE/File 2019)",
    "Residents watch the tide come over the quay in March.CreditCreditAnn Lee/Harbour Gazette — Coastal Images",
    "The breakwater seen from a survey drone last winter. Credit: Port Elling Council/Coastal Survey",
], ids=["bracketed-credit", "capitals-and-slashes", "credit-label-run-on", "credit-label"])
def test_a_caption_closed_by_its_credit_leaves_the_body(furniture):
    raw = f"{_HARBOUR_LEDE}\n\n{furniture}\n\n{_LAST_PARAGRAPH}"
    article = normalize(_text_document(raw))
    assert article.text == f"{_HARBOUR_LEDE}\n\n{_LAST_PARAGRAPH}"
    assert ("image caption", furniture) in [(r.why, r.text) for r in article.removed]


@pytest.mark.parametrize("sentence", [
    "Support for rebuilding the wall rose to 61 percent (Harbour Gazette/Coastal Poll)",
    "The engineers' report was blunt. (Reuters/Ipsos)",
    "Nobody asked the port whether it would pay. Credit where it is due, the mayor did.",
], ids=["poll-source-in-sentence", "one-word-source", "credit-as-a-word"])
def test_a_sentence_closed_by_a_source_stays(sentence):
    raw = f"{_HARBOUR_LEDE}\n\n{sentence}\n\n{_LAST_PARAGRAPH}"
    assert normalize(_text_document(raw)).text == raw


@pytest.mark.parametrize("explainer", [
    "Analysis Interpretation of events that draws on evidence and data, and on how such events went before",
    "Perspective Discussion of a topic from a point of view, including accounts of the writer's own life",
    "Opinion A column or article from the opinion pages (printed on the editorial page).",
], ids=["analysis", "perspective", "opinion-with-full-stop"])
def test_a_letters_page_under_a_label_explainer_gives_headline_date_and_no_byline(explainer):
    # the label's explainer, the headline, a photo caption, the letters page where the byline goes and a
    # date without its year, as a letters page comes out of a scrape; the scrape the next morning
    first = ("In his March 9 letter, “Who pays for the wall,” Jon Lens argued that the port should pay for the "
             "repairs to the harbour wall.")
    raw = (f"{explainer}\n\nThe harbour wall is the council's duty, not the port's\n\n"
           "The harbour wall at Port Elling in March. (Ann Lee/Harbour Gazette)\n\nBy Letters to the Editor\n\n"
           f"March 11 at 4:36 PM\n\n{first}\n\nThe port does not own the wall. The council does.\n\nMaria Ortiz, Port Elling")
    document = RawDocument(source="pile.csv", source_kind="csv", raw=raw, raw_format="text",
                           date_hint="2024-03-12T07:58:00-04:00")
    article = normalize(document)
    assert article.title == "The harbour wall is the council's duty, not the port's"
    assert article.byline is None
    assert (article.published, article.published_time) == ("2024-03-11", "2024-03-11T16:36")
    assert article.text.startswith(first)
    assert ("label explainer", explainer) in [(r.why, r.text) for r in article.removed]


_COUNCIL_VOTE = "The council voted on Monday to rebuild the harbour wall before the winter storms arrive."


@pytest.mark.parametrize(("dateline", "place", "published", "published_time", "agency"), [
    ("Port Elling, Mar 12, 2024 / 04:26 am (HNS/Coastal Wire).-", "Port Elling", "2024-03-12", "2024-03-12T04:26",
     "HNS/Coastal Wire"),
    ("PORT ELLING, March 12, 2024 (Reuters) -", "PORT ELLING", "2024-03-12", None, "Reuters"),
    ("Rio de Janeiro, Tuesday, March 12, 2024 —", "Rio de Janeiro", "2024-03-12", None, None),
], ids=["title-case-place-clock-agency", "capitals-agency", "weekday-no-agency"])
def test_a_dateline_with_its_date_gives_place_date_and_agency(dateline, place, published, published_time, agency):
    article = normalize(_text_document(f"{dateline} {_COUNCIL_VOTE}\n\n{_LAST_PARAGRAPH}"))
    assert (article.dateline, article.published, article.published_time) == (place, published, published_time)
    assert [c.name for c in article.credits if c.role == "wire dateline"] == ([agency] if agency else [])
    assert article.text.startswith(dateline)  # the dateline is the lede's, as printed


def test_a_sentence_opening_with_a_date_is_no_dateline():
    raw = f"In a speech, Jan. 5, 2024 — a week before the vote — the mayor promised repairs.\n\n{_LAST_PARAGRAPH}"
    article = normalize(_text_document(raw))
    assert (article.dateline, article.published) == (None, None)


def test_a_wire_dateline_without_the_year_takes_it_from_the_scrape_the_next_day():
    raw = f"PORT ELLING, March 11 (Reuters) - {_COUNCIL_VOTE}\n\n{_LAST_PARAGRAPH}"
    article = normalize(RawDocument(source="pile.csv", source_kind="csv", raw=raw, raw_format="text",
                                    date_hint="2024-03-12T07:56:56-04:00"))
    assert (article.published, article.published_time) == ("2024-03-11", None)


@pytest.mark.parametrize(("line", "outlet", "byline", "credited"), [
    ("[March 12, 2024 - HarbourTimes.net]", "reposts.example", None, ["HarbourTimes.net"]),
    ("[March 12, 2024 - HarbourTimes.net]", "harbourtimes.net", None, []),  # the outlet's own
    ("news.portwatch.org / By: Ann Lee, AnnLeeWrites.com / 12 March 2024", "reposts.example", "Ann Lee",
     ["news.portwatch.org", "AnnLeeWrites.com"]),
], ids=["bracketed", "own-outlet", "slashes-with-byline"])
def test_a_source_and_date_line_gives_date_credits_and_byline(line, outlet, byline, credited):
    raw = f"Council backs harbour wall rebuild\n\n{line}\n\n{_HARBOUR_LEDE}\n\n{_LAST_PARAGRAPH}"
    article = normalize(RawDocument(source="pile.csv", source_kind="csv", raw=raw, raw_format="text",
                                    outlet_hint=outlet))
    assert (article.published, article.byline) == ("2024-03-12", byline)
    assert [c.name for c in article.credits if c.role == "source line"] == credited
    assert article.text == f"{_HARBOUR_LEDE}\n\n{_LAST_PARAGRAPH}"


def test_a_bracketed_date_with_a_note_is_no_source_line():
    line = "[Updated March 12, 2024 - see the correction below]"
    raw = f"Council backs harbour wall rebuild\n\n{line}\n\n{_HARBOUR_LEDE}"
    article = normalize(RawDocument(source="pile.csv", source_kind="csv", raw=raw, raw_format="text"))
    assert article.credits == () and line in article.text


_REPOST_OTHER = "Engineers will inspect the breakwater again in March, the harbour master said on Tuesday."


@pytest.mark.parametrize(("line", "byline", "credit"), [
    ("By Ann Lee / Harbour Gazette", "Ann Lee", ("originally_published_by", "Harbour Gazette")),
    ("By: ANN LEE / COASTAL LANTERN", "ANN LEE", ("originally_published_by", "COASTAL LANTERN")),
    ("By Ann Lee / Jon Lens", "Poster Account", None),
    ("This article was written by Ann Lee and originally published at Harbour Gazette.", "Ann Lee",
     ("originally_published_by", "Harbour Gazette")),
    ("This article was originally published by Ann Lee at her Harbour Blog.", "Ann Lee",
     ("originally_published_by", "Harbour Blog")),
    ("by Ann Lee, Harbour Blog:", "Ann Lee", ("originally_published_by", "Harbour Blog")),
    ("By Ann Lee’s HarbourBlog.com", "Ann Lee", ("originally_published_by", "HarbourBlog.com")),
    ("Authored by Ann Lee via HarbourGazette.com", "Ann Lee", ("via", "HarbourGazette.com")),
    ("Contributed by Ann Lee of www.harbourgazette.com.", "Ann Lee", ("syndicated_from", "harbourgazette.com")),
    ("Contributed by Harbour Gazette of www.harbourgazette.com.", "Poster Account",
     ("syndicated_from", "harbourgazette.com")),
    ("This article has been contributed by Harbour Gazette. Visit www.harbourgazette.com for more news.",
     "Poster Account", ("syndicated_from", "Harbour Gazette")),
], ids=["slash-outlet-word", "slash-site-on-page", "slash-second-author", "written-by-published-at",
        "published-by-at-her", "comma-blog", "possessive-site", "authored-via", "contributed-by-of", "contributed-by-outlet-of-site",
        "has-been-contributed"])
def test_a_repost_s_author_and_original_outlet_beat_the_poster(line, byline, credit):
    raw = f"Ferry fares to rise in spring\n\n{line}\n\n{_HARBOUR_LEDE}\n\n{_REPOST_OTHER}\n\n" \
          "Read more great articles here: http://coastallantern.org"
    article = normalize(RawDocument(source="pile.csv", source_kind="csv", raw=raw, raw_format="text",
                                    byline_hint="Poster Account", outlet_hint="repostshub.com"))
    assert article.byline == byline
    assert [(c.kind, c.name) for c in article.credits if c.kind != "copyright"] == ([credit] if credit else [])
    assert line not in article.text and article.text.startswith(_HARBOUR_LEDE)


def test_a_byline_naming_the_page_s_own_outlet_is_no_credit():
    raw = f"Ferry fares to rise in spring\n\nBy Ann Lee / Harbour Gazette\n\n{_HARBOUR_LEDE}"
    article = normalize(RawDocument(source="pile.csv", source_kind="csv", raw=raw, raw_format="text",
                                    byline_hint="Ann Lee", outlet_hint="harbourgazette.com"))
    assert article.byline == "Ann Lee" and article.credits == ()


def test_a_republished_line_with_its_copyright_notice_gives_both_credits():
    line = "Republished with permission from Harbour Gazette. Copyright (c) Harbour Gazette LLP, PS. All rights reserved."
    article = normalize(_text_document(f"Ferry fares to rise in spring\n\n{_HARBOUR_LEDE}\n\n{_REPOST_OTHER}\n\n{line}"))
    assert sorted((c.kind, c.name) for c in article.credits) == [
        ("copyright", "Harbour Gazette LLP"), ("syndicated_from", "Harbour Gazette")]
    assert "Republished" not in article.text


@pytest.mark.parametrize("line", ["06/01/2018", "Published 06/01/2018 10:31 AM", "Updated: 06/01/2018"])
def test_a_numeric_header_date_is_read_against_the_fetch_time_and_leaves_the_body(line):
    lede = "The council voted on Monday to rebuild the harbour wall before the winter storms arrive, the mayor said."
    raw = f"Harbour wall to be rebuilt\n\n{line}\n\n{lede}\n\nThe port had refused to pay for the repairs."
    fetched = normalize(RawDocument(source="crawl.csv", source_kind="csv", raw=raw, raw_format="text",
                                    fetched_at="2018-06-01T14:00:00-04:00"))
    assert fetched.published == "2018-06-01" and fetched.text.startswith(lede)
    unknown = normalize(RawDocument(source="crawl.csv", source_kind="csv", raw=raw, raw_format="text"))
    assert unknown.published is None  # without a fetch time the order is not guessed,
    assert unknown.text.startswith(lede)  # but the line is still no part of the article


@pytest.mark.parametrize(("line", "byline", "outlet", "credits"), [
    ("By Ana Lopez, Coast Post", "Ana Lopez", "Coast Post", []),
    ("By Mina Park, Northern Star", "Mina Park", "Northern Star", []),
    # a role, a wire's copy and a second author name no outlet
    ("By Ana Lopez, Staff Writer", "Ana Lopez", None, []),
    ("By JOHN MARSH, Associated Press", "JOHN MARSH, Associated Press", None, [("via", "Associated Press")]),
    ("By Ana Lopez, Tom Reed", "Ana Lopez, Tom Reed", None, []),
], ids=["outlet-word", "star", "role", "wire", "second-author"])
def test_a_byline_of_a_page_with_no_known_outlet_names_its_outlet(line, byline, outlet, credits):
    article = normalize(_text_document(f"Ferry fares to rise in spring\n\n{line}\n\n{_HARBOUR_LEDE}\n\n{_REPOST_OTHER}"))
    assert (article.byline, article.outlet) == (byline, outlet)
    assert [(c.kind, c.name) for c in article.credits if c.kind != "copyright"] == credits
    assert line not in article.text


_HEADER_BETWEEN = """Harbour board delays the ferry vote

Council to decide if the ferries keep running all winter

By Ann Lee, Coastline Wire Harbour Reporter

Posted: 7:37 PM, May 30, 2024

Copyright 2024 Coastline Wire

The council weighs whether the old ferry line should keep its winter timetable.

KESTREL BAY - Residents opposed to the harbour board's decision told the council on Thursday that they have new figures on ferry use.

Related stories

Harbour board faces another test over the winter ferries

The residents, including groups such as the Ferry Users Union, say the figures show the winter service carries more people than the board has said.
"""


def test_no_paragraph_is_joined_across_a_byline_and_related_headlines_go_with_their_label():
    """A second headline above the byline and the caption below the date line are two paragraphs (they
    were glued into one "sentence": "… all winter The council weighs …"), and a headline under
    "Related stories" is a link, not the start of the next paragraph."""
    article = normalize(RawDocument(source="t", source_kind="file", raw=_HEADER_BETWEEN, raw_format="text"))
    paragraphs = article.text.split("\n\n")
    assert "Council to decide if the ferries keep running all winter" in paragraphs
    assert "The council weighs whether the old ferry line should keep its winter timetable." in paragraphs
    assert "Harbour board faces another test" not in article.text
    assert paragraphs[-1].startswith("The residents, including groups")
    # a paragraph a stray blank line cut in two is still joined again
    broken = "The flood that followed the storm on Tuesday plunged the towns of the Middle\n\nEast into a week of cleaning up after the storm passed over the bay."
    raw = "Storm leaves the bay\n\nBy Ann Lee\n\n" + broken
    rejoined = normalize(RawDocument(source="t", source_kind="file", raw=raw, raw_format="text"))
    assert rejoined.text == broken.replace("\n\n", " ")


_GALLERY_PAGE = """Ferry line keeps its winter timetable

Updated 1:45 pm, Friday, June 1, 2024

Photo: Ann Lee, Coastline Wire

Image 1 of 2

In this January 3, 2020 file photo, a ferry leaves Kestrel Bay in the snow. The harbour board said it would keep the winter timetable after residents protested. (Photo by Ann Lee/Coastline Wire, File) less

In this January 3, 2020 file photo, a ferry leaves Kestrel Bay in the snow. The harbour board said it would keep ... more

Image 2 of 2

FILE- This March 20, 2021 file photo shows the ferry pier in Kestrel Bay. The board said on Friday that the timetable “stays as it is.” less

Photo: Tom Reyes, Coastline Wire

Ferry line keeps its winter timetable

1 / 2

Back to Gallery

KESTREL BAY (AP) — The harbour board will keep the ferry line's winter timetable, it said on Friday.

Now Playing:

The board had planned to cut two crossings a day from December to March after a fall in passengers over the last three winters.
"""


def test_a_photo_gallery_above_the_article_leaves_the_body_and_its_dateline_opens_it():
    """A gallery page (captions printed whole with their "less" toggle, "Image 2 of 2", the headline
    again, "Back to Gallery") had been glued into the first paragraph, so the wire dateline under it
    was no credit; the video player's "Now Playing:" label stayed too."""
    article = normalize(RawDocument(source="t", source_kind="file", raw=_GALLERY_PAGE, raw_format="text"))
    assert article.text.startswith("KESTREL BAY (AP) — The harbour board will keep")
    assert "less" not in article.text.split() and "Gallery" not in article.text and "Now Playing" not in article.text
    assert [(c.name, c.role) for c in article.credits] == [("AP", "wire dateline")]
    assert article.title == "Ferry line keeps its winter timetable"
    assert article.text.endswith("over the last three winters.")


# A share box as news sites print it under the headline (invented text): the share buttons, the
# "Post to Facebook" dialog with a preview of the page (title and summary again, then the link), its
# buttons and confirmations.
_SHARE_DIALOG_PAGE = "\n\n".join([
    "FacebookEmail Twitter Google+ LinkedIn Pinterest",
    "Harbour board keeps the winter ferry timetable",
    "The board voted to keep the reduced crossings until April despite complaints from island traders",
    "Post to Facebook",
    "Harbour board keeps the winter ferry timetable   The board voted to keep the reduced crossings until "
    "April despite complaints from island traders    Check out this story on example-gazette.com: "
    "https://www.example-gazette.com/story/news/2019/05/31/ferry-timetable/123456/",
    "CancelSend",
    "A link has been sent to your friend's email address.",
    "Posted!",
    "A link has been posted to your Facebook feed.",
    "Join the Conversation",
])


def test_a_share_dialog_with_its_page_preview_leaves_the_body():
    """The dialog's preview (title and summary again, then "Check out this story on …: <link>"), its
    buttons and confirmations were the body of a census-pile page whose article text was only its summary."""
    article = normalize(RawDocument(source="t", source_kind="file", raw=_SHARE_DIALOG_PAGE, raw_format="text"))
    assert article.title == "Harbour board keeps the winter ferry timetable"
    assert article.text == ("The board voted to keep the reduced crossings until April despite complaints from "
                            "island traders")
    assert {r.why for r in article.removed} >= {"share dialog", "page widget", "reader prompt"}


def test_a_sentence_inviting_readers_to_check_a_story_stays():
    text = ("Ferries resume on Monday\n\nThe harbour board said crossings would resume on Monday. Readers can check out "
            "this story on example-gazette.com: the board's timetable is printed in full.\n\nMore crossings follow in May.")
    article = normalize(RawDocument(source="t", source_kind="file", raw=text, raw_format="text"))
    assert "check out this story on example-gazette.com" in article.text


def test_a_byline_behind_a_section_label_and_a_dash_is_the_byline():
    """A news portal prints the wire's byline behind its section label ("news now The Associated Press —
    By …"): the line had stayed in the body, glued to the dateline paragraph, so the text opened with
    it, and neither the byline nor the dateline's AP credit was read (census pile)."""
    raw = "\n\n".join([
        "Harbour board keeps the winter ferry timetable",
        "news now The Associated Press — By ANN LEE and BO PARK - Associated Press",
        "FILE - In this May 1, 2018, file photo, the ferry Osprey leaves the harbour. ",
        "PORTVILLE, Maine (AP) — The harbour board voted on Thursday to keep the reduced winter crossings until "
        "April, despite complaints from island traders.",
        "The board said the timetable would be reviewed in the spring.",
    ])
    article = normalize(RawDocument(source="t", source_kind="file", raw=raw, raw_format="text",
                                    outlet_hint="portal.example"))
    assert article.byline == "ANN LEE and BO PARK"
    assert article.text.startswith("PORTVILLE, Maine (AP) — The harbour board voted")
    assert ("AP", "wire dateline") in [(c.name, c.role) for c in article.credits]


def test_a_sentence_with_a_dash_before_by_is_no_byline():
    raw = ("Ferries resume\n\nThe board met on Monday — By the end of the meeting the timetable had been agreed "
           "by all members.\n\nCrossings resume in May.")
    article = normalize(RawDocument(source="t", source_kind="file", raw=raw, raw_format="text"))
    assert article.byline is None and "By the end of the meeting" in article.text


def test_markdown_list_items_stay_apart_and_wrapped_lines_still_join():
    """A reporter's notes in Markdown: each item of a bullet or numbered list is a line of its own, not one
    paragraph running "… in hospital. - Breach width …" together; a soft-wrapped line still joins, and a line
    wrapped before a number ("… in\n2012. The …") is not taken for an item."""
    raw = ("# Notes: Darrow dam breach\n\n"
           "Call with the county fire service on\nSaturday morning.\n\n"
           "- Spokesman Luis Grant said five people were treated in hospital.\n"
           "- Breach width given as 45 metres by the fire service,\n  40 by the water authority.\n"
           "* Nobody answered at the governor's office.\n\n"
           "1. Check the $15 million figure.\n2. Ask the [authority](https://water.example) for the 1998 report.\n\n"
           "The dam was last upgraded in\n1998. The authority said so in\n2012. Nobody checked.\n")
    article = normalize(_text_document(raw, raw_format="markdown"))
    assert article.title == "Notes: Darrow dam breach"
    assert article.text.split("\n\n") == [
        "Call with the county fire service on Saturday morning.",
        "- Spokesman Luis Grant said five people were treated in hospital.",
        "- Breach width given as 45 metres by the fire service, 40 by the water authority.",
        "* Nobody answered at the governor's office.",
        "1. Check the $15 million figure.",
        "2. Ask the authority for the 1998 report.",
        "The dam was last upgraded in 1998. The authority said so in 2012. Nobody checked.",
    ]


@pytest.mark.parametrize("offer", [
    "Get unlimited access for $1 a week.",
    "Already a subscriber? Log in.",
    "Start your free trial today.",
    "Unlock this article: subscribe for £4.99 a month.",
    "You have reached your limit of free articles this month.",
    "This article is only available to subscribers.",
])
def test_a_paywall_offer_under_a_teaser_is_not_article_text(offer):
    """A saved paywalled page keeps the teaser and the offer under it: the offer is no sentence of the story
    (its "$1" would be a number of the story's claims)."""
    teaser = "A section of the Darrow River dam gave way early on Friday, flooding the lower town of Millbrook."
    article = normalize(_text_document(f"Inside the Darrow dam failure\n\n{teaser}\n\n{offer}"))
    assert article.text == teaser
    assert [r.why for r in article.removed if r.text == offer] == ["reader prompt"]
