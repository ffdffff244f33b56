"""A running figure — a lead between rivals, a tally dated "so far" or "going into" a moment, a poll's
reading — is true of one moment: two articles of different or unknown days that print two such figures
report two moments, not a disagreement (the 600-article pile's two undated AP live blogs of one primary
season, two weeks apart, had "a 26-delegate advantage" against "a 214-delegate advantage").

Every text here is written for these tests.
"""

from __future__ import annotations

from dataclasses import replace as swap

from storytrace.claims.quantities import extract_quantities
from storytrace.compare.dossier import build_dossier
from storytrace.compare.matching import QuantityItem
from storytrace.models import Article, Quantity


def article(article_id: int, published: str | None, text: str) -> Article:
    return Article(
        source=f"{article_id}.txt", locator=None, source_kind="text", url=None, title=None, byline=None,
        published=published, published_time=None, dateline=None, outlet=f"o{article_id}.example", credits=(),
        text=text, paragraphs=((0, len(text)),), words=len(text.split()), raw=text, raw_format="text",
        content_hash=str(article_id), text_hash=str(article_id), id=article_id,
    )


def value_conflicts(texts: dict[int, str], published: dict[int, str | None]) -> tuple[list[str], list[str]]:
    """(value conflict details, notes) of a one-story pile of the given texts."""
    arts = [article(n, published[n], t) for n, t in texts.items()]
    quantities = {n: tuple(extract_quantities(t)) for n, t in texts.items()}
    dossier = build_dossier(arts, reuses=[], stories=[list(texts)], quotes={}, quantities=quantities, entities=[])
    details = [x["detail"] for c in dossier["claims"] for x in c["conflicts"] if x["kind"] == "value"]
    notes = [note for c in dossier["claims"] for note in c["notes"]]
    return details, notes


LEADS = {
    1: "Going into the Lakeshore primary, Senator Alma Brandt held a 31-delegate advantage over her rival.",
    2: "Going into Tuesday's five contests, Senator Alma Brandt already held a 196-delegate advantage over her rival.",
}


def test_two_leads_of_undated_articles_are_two_moments() -> None:
    details, notes = value_conflicts(LEADS, {1: None, 2: None})
    assert details == []
    assert any("running figure" in note and "31" in note and "196" in note for note in notes), notes


def test_two_leads_of_one_day_still_conflict() -> None:
    details, _ = value_conflicts(LEADS, {1: "2016-03-15", 2: "2016-03-15"})
    assert len(details) == 1 and "31" in details[0] and "196" in details[0], details
    other_days, notes = value_conflicts(LEADS, {1: "2016-03-01", 2: "2016-03-15"})
    assert other_days == [] and any("2016-03-01; 2016-03-15" in note for note in notes), notes


POLLS = {
    1: "A Harbor Institute poll found that 48 percent of likely voters back the school levy.",
    2: "Only 39 percent of likely voters back the school levy, according to a survey by the county college.",
}


def test_two_poll_readings_of_undated_articles_are_two_moments() -> None:
    details, _ = value_conflicts(POLLS, {1: None, 2: None})
    assert details == []
    same_day, _ = value_conflicts(POLLS, {1: "2019-10-02", 2: "2019-10-02"})
    assert len(same_day) == 1, same_day


def test_a_count_that_is_no_running_figure_still_conflicts_in_undated_articles() -> None:
    texts = {
        1: "Rescuers pulled 212 Kestrel miners from the flooded shaft on Monday.",
        2: "Rescuers pulled 340 Kestrel miners from the flooded shaft, the mine's owner said.",
    }
    details, _ = value_conflicts(texts, {1: None, 2: None})
    assert len(details) == 1, details


def test_what_makes_a_running_figure() -> None:
    from storytrace.compare.conflicts import When, another_moment, quantity_conflicts, running_figure

    def q(text: str, counted: str, unit: str | None = None) -> Quantity:
        return Quantity(text=text, span=(0, len(text)), value=1.0, low=None, high=None, qualifier="exact",
                        unit=unit, counted=counted)

    assert running_figure(q("a 5-point lead", "point lead"), "Okafor holds a 5-point lead.")
    assert running_figure(q("42 cases", "cases"), "The county has confirmed 42 cases so far.")
    assert running_figure(q("48 percent", "likely voters", "percent"), "48 percent of likely voters back it, the poll found.")
    assert not running_figure(q("48 percent", "likely voters", "percent"), "48 percent of likely voters turned out.")
    assert not running_figure(q("1,500", "death toll"), "The death toll rose to 1,500 on Tuesday.")
    # one article's figures are of one moment, and so are two dated to one day
    running, plain = When(frozenset(), None, None, True), When(frozenset(), None, None, False)
    assert another_moment(running, plain) and not another_moment(plain, plain)
    assert not another_moment(When(frozenset(), 2016, "2016-03-15", True), When(frozenset(), 2016, "2016-03-15"))
    first = QuantityItem(id="n1", article=1, quantity=q("a 5-point lead", "point lead"))
    second = QuantityItem(id="n2", article=1, quantity=swap(q("a 9-point lead", "point lead"), value=9.0))
    conflicts, _ = quantity_conflicts([first, second], when={"n1": running, "n2": running})
    assert len(conflicts) == 1
