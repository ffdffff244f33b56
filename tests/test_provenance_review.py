"""Provenance review (PAC, BASIL and the two event piles): rules found by reading every derived
edge side by side. Articles here are invented, modelled on the errors found."""

from __future__ import annotations

from dataclasses import replace

from storytrace.models import Article, RawDocument
from storytrace.normalize import normalize
from storytrace.provenance import decide_direction
from storytrace.reuse.pairs import ReuseOptions, find_reuse, relate_pair

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
    "in Northmoor and that with an illness as contagious as whooping cough there is \"no doubt\" that children "
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


# Spotify pile: CenturyLink's trimmed AP copy ("NEW YORK (AP) —", 160 words, 98 % of it in Fox
# Business's page) had been the copy of Fox Business's uncredited, longer AP copy (64 % of it
# shared), 0.714 on containment and length alone.
def _wire_copy() -> Article:
    raw = ("PORTVILLE, Maine (AP) — Ferry crossings between the islands resumed on Thursday after two days of "
           "gales, the operator said.")
    article = normalize(RawDocument(source="wire.txt", source_kind="text", raw=raw, raw_format="text",
                                    outlet_hint="portal.example"))
    return replace(article, id=2, words=160)


def test_an_uncredited_longer_version_of_a_wire_copy_is_another_copy_of_the_wire():
    credited = _wire_copy()
    longer = replace(_article("Ferry crossings between the islands resumed on Thursday.", 1, "markets.example",
                              "2021-03-01"), words=247)
    direction = decide_direction(longer, credited, first_coverage=0.64, second_coverage=0.98)
    assert direction.confidence == 0.5
    assert direction.evidence[0].startswith("both copies of AP: portal.example credits AP,"
                                            " markets.example holds the whole copy")
    # a story written around the copy (the Daily Mail's rewrite, 689 words) is no copy of the wire, but
    # not the credited copy's source either: built on the wire's text too, undecided
    rewrite = replace(longer, words=689)
    around = decide_direction(rewrite, credited, first_coverage=0.3, second_coverage=0.98)
    assert around.confidence == 0.5 and not any(e.startswith("both copies of") for e in around.evidence)


# FakeNewsCorpus: two videos one poster put on beforeitsnews.com (155 articles of that outlet in the
# sample) end with the same five-sentence sermon; the sermon is in no third article of the outlet,
# so it was no furniture, and its five sentences "restated" the other's: wholly derived.
SIGNATURE = (
    "Are you ready for what comes next in this world? Preparing your soul is the most useful preparation "
    "of all. Every one of us has fallen short and needs forgiveness from above. No amount of good deeds can "
    "ever wash a person clean of that. Only grace offered freely can do it, and it is offered to you today."
)
POSTS = [
    "The harbour cranes stood idle all week while the dock workers argued over pay. Shipping lines diverted "
    "three container vessels to a port further north. The union says talks will resume on Monday.",
    "A meteor lit up the sky over the northern plains late on Saturday night. Farmers filmed the bright "
    "streak from their tractors and posted the clips online. Astronomers say fragments may have landed.",
]


def test_two_posts_of_one_outlet_ending_with_the_same_signature_are_not_reuse():
    outlet = "openboard.example"
    pile = [_article(f"{post}\n\nREAD THIS BEFORE YOU GO, FRIENDS AND NEIGHBOURS!\n\n{SIGNATURE}", n + 1, outlet, "2016-01-0" + str(n + 1)) for n, post in enumerate(POSTS)]
    pile.append(_article("The council approved a new budget for the town library and two parks on Tuesday. "
                         "Opening hours will be longer from the spring.", 3, outlet, "2016-01-03"))
    reuses = find_reuse(pile)
    assert not [r for r in reuses if r.relation in {"wholly_derived", "partially_derived"}]
