"""Direction rules and independent origins."""

from __future__ import annotations

import pytest

from storytrace.models import Article, Credit, RawDocument, Reuse
from storytrace.normalize import normalize, party_key
from storytrace.provenance import decide_direction, derivation_components, independent_origins


def _article(article_id: int, *, outlet: str | None = None, published: str | None = None, words: int = 500,
             credits: tuple[Credit, ...] = (), byline: str | None = None, text: str = "") -> Article:
    return Article(
        id=article_id, source=f"a{article_id}", locator=None, source_kind="text", url=None, title=None, byline=byline,
        published=published, published_time=None, dateline=None, outlet=outlet, credits=credits, text=text,
        paragraphs=(), words=words, raw="", raw_format="text", content_hash=str(article_id), text_hash=str(article_id),
    )


def test_a_credit_naming_the_other_outlet_decides():
    original = _article(1, outlet="MintPress News")
    copy = _article(2, outlet="BBSNews", credits=(Credit(kind="syndicated_from", name="MintPress News", line="…"),))
    direction = decide_direction(copy, original, first_coverage=0.9, second_coverage=0.9)
    assert direction.source_is_first is False
    assert direction.confidence > 0.8
    assert any("syndicated from MintPress News" in e for e in direction.evidence)


def test_credit_outweighs_an_earlier_date_on_the_copy():
    original = _article(1, outlet="Wire", published="2020-05-02")
    copy = _article(2, outlet="Paper", published="2020-05-01",
                    credits=(Credit(kind="originally_published_by", name="Wire", line="…"),))
    direction = decide_direction(original, copy, first_coverage=0.5, second_coverage=0.5)
    assert direction.source_is_first is True
    assert 0.5 < direction.confidence < 0.83


def test_earlier_publication_is_the_source():
    direction = decide_direction(_article(1, published="2021-01-03"), _article(2, published="2021-01-02"),
                                 first_coverage=0.4, second_coverage=0.4)
    assert direction.source_is_first is False and direction.confidence > 0.7


def test_the_mostly_copied_side_is_the_copy():
    direction = decide_direction(_article(1, words=900), _article(2, words=300), first_coverage=0.3,
                                 second_coverage=0.95)
    assert direction.source_is_first is True


def test_no_evidence_means_unknown():
    direction = decide_direction(_article(1), _article(2), first_coverage=0.5, second_coverage=0.5)
    assert direction.confidence == 0.5
    assert direction.evidence == ("no direction evidence",)


def _reuse(source: int, target: int, relation: str) -> Reuse:
    return Reuse(source=source, target=target, relation=relation, mode="verbatim", target_coverage=0.9,
                 source_coverage=0.9, direction_confidence=0.5, evidence=(), passages=())


def test_copies_of_copies_count_once_and_shared_quotes_do_not_merge():
    reuses = [_reuse(1, 2, "wholly_derived"), _reuse(2, 3, "partially_derived"), _reuse(3, 4, "shared_passages")]
    assert independent_origins([1, 2, 3, 4, 5], reuses) == 3
    assert independent_origins([1, 3], reuses) == 1
    assert independent_origins([], reuses) == 0
    components = derivation_components(reuses)
    assert components[1] == components[2] == components[3]


def test_a_credit_to_a_third_party_says_both_may_copy_it_without_deciding():
    tabloid = _article(1, outlet="dailymail.co.uk", words=689)
    wire_copy = _article(2, outlet="cbsnews.com", words=256,
                         credits=(Credit(kind="copyright", name="The Associated Press", line="© 2018 The Associated Press"),))
    direction = decide_direction(tabloid, wire_copy, first_coverage=0.3, second_coverage=0.86)
    assert any("credits The Associated Press" in e and "both may be copies" in e for e in direction.evidence)
    # the copy names its origin: the tabloid holding most of it (and more) was built on the wire's text
    # too, not the copy's source — containment and length give no vote, and nothing else decides
    assert direction.confidence == 0.5
    assert any("may be built on The Associated Press's text too (containment and length give no vote)" in e
               for e in direction.evidence)
    plain = decide_direction(tabloid, _article(2, outlet="cbsnews.com", words=256), first_coverage=0.3,
                             second_coverage=0.86)
    assert plain.source_is_first and plain.confidence > 0.5
    # the longer side crediting the wire is a wire copy the shorter may come from: the votes stand
    reverse = decide_direction(_article(1, outlet="cbsnews.com", words=689, credits=wire_copy.credits),
                               _article(2, outlet="dailymail.co.uk", words=256, byline="Ann Lee"), first_coverage=0.3,
                               second_coverage=0.86)
    assert reverse.source_is_first and reverse.confidence == plain.confidence
    # a credit naming one of the two outlets is no third party
    own = _article(3, outlet="The Associated Press", credits=(Credit(kind="copyright", name="The Associated Press", line="…"),))
    assert not any("both may be copies" in e for e in decide_direction(own, tabloid, first_coverage=0.5,
                                                                       second_coverage=0.5).evidence)


def test_evidence_tells_two_articles_of_one_outlet_apart():
    first, second = _article(1, outlet="canadafreepress.com", words=900), _article(2, outlet="canadafreepress.com", words=300)
    direction = decide_direction(first, second, first_coverage=0.21, second_coverage=0.62)
    assert any("62% of canadafreepress.com (a2) is shared vs 21% of canadafreepress.com (a1)" in e
               for e in direction.evidence)


@pytest.mark.parametrize(
    ("names", "key"),
    [
        (("AP", "The Associated Press", "Associated Press", "apnews.com"), "associated press"),
        (("Reuters", "Thomson Reuters", "reuters.com"), "reuters"),
        (("AFP", "Agence France-Presse", "Agence France Presse"), "agence france presse"),
        (("Bloomberg", "Bloomberg News", "bloomberg.com"), "bloomberg"),
        (("CNN", "cnn.com", "CNN Newsource"), "cnn"),
        (("The Dale Courier",), "the dale courier"),
    ],
    ids=["ap", "reuters", "afp", "bloomberg", "cnn", "not-a-wire"],
)
def test_the_names_of_one_wire_compare_as_one_party(names, key):
    assert {party_key(name) for name in names} == {key}


def _ap_copy(article_id: int, outlet: str, credit: str, words: int) -> Article:
    return _article(article_id, outlet=outlet, words=words, published=f"2021-03-0{article_id}",
                    credits=(Credit(kind="copyright", name=credit, line=f"© 2021 {credit}"),))


def test_two_copies_crediting_one_wire_are_undecided_whatever_the_other_votes_say():
    # a longer, earlier, less-copied page and a short copy: every other vote favours the first
    long_copy = _ap_copy(1, "harbourtimes.example", "The Associated Press", 400)
    short_copy = _ap_copy(2, "valleynews.example", "AP", 150)
    direction = decide_direction(long_copy, short_copy, first_coverage=0.6, second_coverage=0.97)
    assert direction.confidence == 0.5
    assert direction.source_is_first  # undecided, the more shared copy is listed as the target
    assert any("both copies of The Associated Press" in e for e in direction.evidence)
    assert not any("favours" in e for e in direction.evidence)


@pytest.mark.parametrize(
    ("byline", "text"),
    [
        ("The Associated Press", "Ferry crossings resume after the storm."),
        (None, "Associated Press\n\nPORTVILLE — Ferry crossings resume after the storm."),
        (None, "PORTVILLE (AP) — Ferry crossings resume after the storm."),
    ],
    ids=["byline", "agency-line", "dateline"],
)
def test_a_wire_credit_and_the_wires_mark_on_the_other_copy_make_both_copies(byline, text):
    credited = _ap_copy(1, "harbourtimes.example", "Associated Press", 400)
    marked = _article(2, outlet="valleynews.example", words=150, published="2021-03-02", byline=byline, text=text)
    direction = decide_direction(credited, marked, first_coverage=0.6, second_coverage=0.97)
    assert direction.confidence == 0.5
    assert any(e.startswith("both copies of Associated Press") for e in direction.evidence)


def test_an_uncredited_page_carrying_a_credited_wire_copy_is_another_copy_of_the_wire():
    # the bare page was fetched earlier and is mostly the shared text: dates and containment made
    # it the source of the credited copy
    credited = _ap_copy(2, "harbourtimes.example", "The Associated Press", 750)
    bare = _article(1, outlet="valleynews.example", words=430, published="2021-03-01",
                    text="PORTVILLE — Ferry crossings resume after the storm.")
    direction = decide_direction(bare, credited, first_coverage=0.85, second_coverage=0.48)
    assert direction.confidence == 0.5
    assert direction.source_is_first is False  # undecided, the more shared page is listed as the target
    assert direction.evidence == (
        "both copies of The Associated Press: harbourtimes.example credits The Associated Press, valleynews.example is"
        " the same text (85% of it shared) with no byline or credit (undecided: two copies of one wire do not tell"
        " who copied whom; the more shared one is listed as the target)",)


@pytest.mark.parametrize(
    ("byline", "credit", "bare_share"),
    [
        (None, "The Associated Press", 0.3),  # a story written around some of the wire's copy
        ("Jo Bell", "The Associated Press", 0.85),  # a reporter's own story the wire may have taken up
        (None, "Harbour Photo Agency", 0.85),  # a party that is no wire
    ],
    ids=["rewrite", "bylined", "not-a-wire"],
)
def test_a_page_is_no_uncredited_wire_copy_when_it_is_written_around_it_bylined_or_the_party_no_wire(
        byline, credit, bare_share):
    credited = _ap_copy(2, "harbourtimes.example", credit, 750)
    bare = _article(1, outlet="valleynews.example", words=430, published="2021-03-01", byline=byline)
    direction = decide_direction(bare, credited, first_coverage=bare_share, second_coverage=0.48)
    assert not any(e.startswith("both copies") for e in direction.evidence)
    assert direction.confidence != 0.5


def test_a_credit_to_the_wires_other_name_names_the_other_outlet():
    wire = _article(1, outlet="apnews.com", words=300)
    copy = _article(2, outlet="riverside.example", words=300, credits=(Credit(kind="via", name="The Associated Press", line="Via: The Associated Press"),))
    direction = decide_direction(copy, wire, first_coverage=0.9, second_coverage=0.9)
    assert direction.source_is_first is False and direction.confidence > 0.8
    assert not any("both copies" in e for e in direction.evidence)


def test_a_wire_in_a_photo_credit_does_not_make_a_wire_copy():
    credited = _ap_copy(1, "harbourtimes.example", "Associated Press", 400)
    column = _article(2, outlet="valleynews.example", words=150, published="2021-03-02",
                      text="Ferries wait at the quay. (Jo Bell/Associated Press)\n\nThe storm showed how fragile the crossings are.")
    direction = decide_direction(credited, column, first_coverage=0.2, second_coverage=0.3)
    assert not any("both copies" in e for e in direction.evidence)


def test_a_byline_naming_the_network_credits_its_outlet():
    raw = ("Ferry crossings resume\n\nBy JANE DOE, CNN\n\nFerry crossings between the islands resumed on "
           "Thursday after two days of gales, the operator said.")
    affiliate = normalize(RawDocument(source="affiliate.txt", source_kind="text", raw=raw, raw_format="text",
                                      outlet_hint="riverside-tv.example"))
    network = _article(1, outlet="cnn.com", words=300)
    direction = decide_direction(affiliate, network, first_coverage=0.7, second_coverage=0.7)
    assert direction.source_is_first is False and direction.confidence > 0.8
    assert any("via CNN" in e for e in direction.evidence)


def _timed(article_id: int, published_time: str) -> Article:
    from dataclasses import replace

    return replace(_article(article_id, published=published_time[:10]), published_time=published_time)


@pytest.mark.parametrize(
    ("first_time", "second_time", "source_is_first"),
    [
        ("2019-05-31T09:00-04:00", "2019-05-31T21:52+00:00", True),
        ("2019-05-31T23:30-05:00", "2019-06-01T01:00+00:00", False),  # 04:30 UTC on June 1: the later one
    ],
    ids=["same-day-by-clock", "across-the-date-line"],
)
def test_times_with_offsets_decide_the_date_vote(first_time, second_time, source_is_first):
    direction = decide_direction(_timed(1, first_time), _timed(2, second_time), first_coverage=0.4,
                                 second_coverage=0.4)
    assert direction.source_is_first is source_is_first and direction.confidence > 0.7
    assert any(first_time in e and second_time in e for e in direction.evidence)


def test_times_without_a_zone_give_no_vote_on_one_day():
    direction = decide_direction(_timed(1, "2019-05-31T09:00"), _timed(2, "2019-05-31T21:52"), first_coverage=0.4,
                                 second_coverage=0.4)
    assert direction.confidence == 0.5 and not any("published" in e for e in direction.evidence)
