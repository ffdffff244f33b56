"""Provenance review (PAC, BASIL and the two event piles): rules found by reading every derived
edge side by side. Articles here are invented, modelled on the errors found."""

from __future__ import annotations

from dataclasses import replace

from storytrace.models import Article, RawDocument
from storytrace.normalize import normalize
from storytrace.provenance import decide_direction
from storytrace.reuse.pairs import ReuseOptions, relate_pair

LEXICAL = ReuseOptions(paraphrase=False)


def _article(text: str, article_id: int, outlet: str, published: str) -> Article:
    article = normalize(RawDocument(source=f"a{article_id}.txt", source_kind="text", raw=text, raw_format="text"))
    return replace(article, id=article_id, outlet=outlet, published=published, title=None)


# PAC: the Washington Times put the governor's office's emailed statement in indirect speech
# ("saying that he believes vaccines are …") where HuffPost quoted it; People printed a speech with a
# lost closing quotation mark where the Daily Wire quoted it. Both had been "partially derived".
STATEMENT_QUOTED = (
    "Governor Ellis Varga of Northmoor said on Monday that families should keep some say over school "
    "vaccinations, drawing criticism from doctors across the state.\n\n"
    "His spokesman sent a clarification by email later in the day. \"The governor believes that school "
    "vaccinations protect every child in Northmoor and that with an illness as contagious as whooping cough "
    "there is no doubt that children must be vaccinated before they enter a classroom,\" the email said.\n\n"
    "Doctors at the state medical society said they welcomed the clarification but would keep pressing "
    "lawmakers for a stricter rule before the next school year begins in the autumn."
)

STATEMENT_INDIRECT = (
    "Governor Ellis Varga backtracked on vaccines.\n\n"
    "His office later sent a note saying the governor believes that school vaccinations protect every child "
    "in Northmoor and that with an illness as contagious as whooping cough there is no doubt that children "
    "must be vaccinated before they enter a classroom.\n\n"
    "Parents at two rural schools had asked for exemptions."
)


def test_words_the_source_quotes_are_the_speakers_in_the_target_too():
    source = _article(STATEMENT_QUOTED, 1, "The Daily Ledger", "2024-03-04")
    target = _article(STATEMENT_INDIRECT, 2, "Capital Courier", "2024-03-04")
    reuse = relate_pair(source, target, LEXICAL)
    assert reuse is not None and reuse.source == 1 and reuse.target == 2
    # the only text they share is the governor's statement: one quotes it, the other retells it
    assert reuse.relation == "shared_passages"


def test_a_copy_of_the_writers_own_words_stays_derived():
    own = STATEMENT_QUOTED.split("\n\n")
    copy = "\n\n".join(["Vaccine row in Northmoor.", own[0], own[2]])
    reuse = relate_pair(_article(STATEMENT_QUOTED, 1, "The Daily Ledger", "2024-03-04"),
                        _article(copy, 2, "Capital Courier", "2024-03-05"), LEXICAL)
    assert reuse is not None and reuse.relation in {"wholly_derived", "partially_derived"}


# PAC: Townhall block-quoted Politico's report after "(via Politico):" — no credit line the normalizer
# finds — and the pair had been Townhall → Politico, direction 0.5.
BLOG = (
    "The president is said to be furious about the bridge money. He told senators he wants all of it at once "
    "(via Capitol Wire):\n\n"
    "In a closed meeting on Monday the president complained to senators about the $2 billion the Senate plans "
    "to send this autumn, according to two people in the room.\n\n"
    "Is that bad news for the party before the elections? Of course it is, but voters like a fighter."
)
REPORT = (
    "In a closed meeting on Monday the president complained to senators about the $2 billion the Senate plans "
    "to send this autumn, according to two people in the room.\n\n"
    "The figure came from the budget office, which submitted the request earlier this year."
)


def test_a_passage_handed_on_via_an_outlet_points_at_its_source():
    blog = _article(BLOG, 1, "Townsquare", "2024-06-19")
    report = _article(REPORT, 2, "Capitol Wire", "2024-06-19")
    direction = decide_direction(blog, report, first_coverage=0.45, second_coverage=0.45)
    assert direction.source_is_first is False and direction.confidence > 0.8
    assert any("via Capitol Wire" in e for e in direction.evidence)
    # "via" a medium or a platform names no outlet of the pile
    chat = _article(BLOG.replace("(via Capitol Wire):", "(via email):"), 1, "Townsquare", "2024-06-19")
    assert not any("attributes" in e for e in decide_direction(chat, report, first_coverage=0.45,
                                                                 second_coverage=0.45).evidence)
