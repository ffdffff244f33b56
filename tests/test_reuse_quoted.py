"""Which words are quotation (storytrace.reuse.quoted), and pairs called derived only on the copy's
own words: shared quotes, their reporting clauses and statements one side prints bare do not count."""

from __future__ import annotations

from dataclasses import replace

import pytest

from storytrace.claims.quotes import find_quote_marks
from storytrace.models import Article, RawDocument
from storytrace.normalize import normalize
from storytrace.reuse.pairs import ReuseOptions, relate_pair
from storytrace.reuse.quoted import quote_frames
from storytrace.reuse.tokens import tokenize

LEXICAL = ReuseOptions(paraphrase=False)


def _article(text: str, article_id: int, outlet: str, published: str) -> Article:
    article = normalize(RawDocument(source=f"a{article_id}.txt", source_kind="text", raw=text, raw_format="text"))
    return replace(article, id=article_id, outlet=outlet, published=published, title=None)


def _frame_words(text: str) -> list[str]:
    tokens = tokenize(text)
    return [tokens.words[i] for i in sorted(quote_frames(text, tokens, find_quote_marks(text)))]


@pytest.mark.parametrize(
    ("text", "frame"),
    [
        ("\"We moved too fast,\" Priya Okafor said at the summit on Wednesday.",
         "priya okafor said at the summit on wednesday"),
        ("Okafor told reporters: \"We moved too fast.\"", "okafor told reporters"),
        ("The rules, the company said, covered \"the gravest controversies\" about an artist.", ""),
        ("\"We moved too fast.\" The labels were not convinced.", ""),
    ],
    ids=["quote-then-clause", "clause-then-quote", "partial-quote", "no-reporting-verb"],
)
def test_the_reporting_clause_of_a_direct_quotation_is_its_frame(text, frame):
    assert " ".join(_frame_words(text)) == frame


SUMMIT_REPORT = (
    "The chief executive of Lantern Music admitted on Wednesday that the streaming service had handled its new "
    "playlist rules badly, two weeks after it dropped three performers from its curated lists.\n\n"
    "\"We moved too fast and we did not explain the change to the artists who depend on us,\" Priya Okafor said "
    "at the Harbour Media Summit on Wednesday in Port Elling, Oregon.\n\n"
    "Several record labels had complained that the rules were vague and that a rumour could cost a singer a "
    "place on the most popular lists. Analysts at two banks said the dispute was unlikely to hurt subscriber "
    "numbers, which rose by a fifth last year.\n\n"
    "\"Nobody should lose a place on a playlist because of a rumour,\" Okafor said. The company will publish "
    "revised guidelines next month after meetings with managers and labels."
)

SUMMIT_BRIEF = (
    "Lantern Music's boss concedes the playlist rules were a mistake.\n\n"
    "\"We moved too fast and we did not explain the change to the artists who depend on us,\" Priya Okafor said "
    "at the Harbour Media Summit on Wednesday in Port Elling, Oregon.\n\n"
    "\"Nobody should lose a place on a playlist because of a rumour,\" Okafor said."
)


def test_a_shared_quote_with_its_reporting_clause_is_not_a_copy():
    # 16 shared words outside the marks, all of them "Priya Okafor said at the Harbour Media Summit …"
    reuse = relate_pair(_article(SUMMIT_REPORT, 1, "tunesdaily.example", "2022-05-04"),
                        _article(SUMMIT_BRIEF, 2, "citybeat.example", "2022-05-05"), LEXICAL)
    assert reuse is not None and reuse.target_coverage > 0.8
    assert reuse.relation == "shared_passages"


def test_copied_reporting_around_a_shared_quote_is_still_a_copy():
    copy = SUMMIT_BRIEF + (
        "\n\nSeveral record labels had complained that the rules were vague and that a rumour could cost a "
        "singer a place on the most popular lists."
    )
    reuse = relate_pair(_article(SUMMIT_REPORT, 1, "tunesdaily.example", "2022-05-04"),
                        _article(copy, 2, "citybeat.example", "2022-05-05"), LEXICAL)
    assert reuse is not None and reuse.relation != "shared_passages"


BLOG_QUOTED_BARE = (
    "Lantern Music has dropped its playlist conduct rules, according to a post on its company blog on Friday. "
    "It reads, in part:\n\n"
    "Lantern recently announced a policy on hateful conduct by performers. Our policy had two parts. The first "
    "concerned promotion in the rare cases of the gravest controversies about an artist. Many managers told us "
    "the wording was loose and left too much to guesswork. We worried that a rumour could cost a singer a place "
    "on a playlist and hurt a career. Some performers feared that mistakes made when they were young would be "
    "held against them.\n\n"
    "The rollback follows weeks of pressure from record labels, and critics on social media were quick to call "
    "it a surrender. Whether the reversal will calm the row is another matter: two campaign groups have already "
    "promised a boycott of the service."
)

STATEMENT_QUOTED = (
    "Lantern Music has abandoned its rules on hateful conduct, a month after it dropped three performers from "
    "its playlists.\n\n"
    "The policy had two parts, the company said, which concerned promotion \"in the rare cases of the gravest "
    "controversies about an artist\" and the removal of hateful content.\n\n"
    "Managers had complained, and Lantern worried that a rumour could cost a singer a place on a playlist and "
    "hurt a career. \"Some performers feared that mistakes made when they were young would be held against "
    "them,\" the company said."
)


@pytest.mark.parametrize("paraphrase", [False, True], ids=["lexical", "with-paraphrase"])
def test_a_statement_printed_bare_by_one_and_quoted_by_the_other_is_not_a_copy(paraphrase):
    # the blog post block-quotes the company's statement ("It reads, in part:"); the news story
    # quotes bits of it and gives the rest as "the company said"
    reuse = relate_pair(_article(BLOG_QUOTED_BARE, 1, "popweekly.example", "2022-06-03"),
                        _article(STATEMENT_QUOTED, 2, "citybeat.example", "2022-06-04"),
                        ReuseOptions(paraphrase=paraphrase))
    assert reuse is not None and (reuse.source, reuse.target) == (1, 2)
    assert reuse.relation == "shared_passages"


def test_a_paragraph_with_its_own_quotation_marks_is_no_bare_statement():
    # the same words, but the blog quotes the statement itself: its paragraph is its own reporting
    # around a quote, and the news story's unquoted copy of that reporting is a copy
    source = BLOG_QUOTED_BARE.replace(
        "Lantern recently announced a policy on hateful conduct by performers. Our policy had two parts.",
        "Lantern recently announced a policy on hateful conduct by performers. \"Our policy had two parts,\" "
        "the company wrote.",
    )
    target = STATEMENT_QUOTED.replace("\"Some performers", "Some performers").replace("them,\" the", "them, the")
    reuse = relate_pair(_article(source, 1, "popweekly.example", "2022-06-03"),
                        _article(target, 2, "citybeat.example", "2022-06-04"), LEXICAL)
    assert reuse is not None and reuse.relation != "shared_passages"


BRIDGE_STATEMENT = (
    "\u201cWe cannot take risks with people\u2019s lives, and the inspection left us no choice but to act before the "
    "winter storms arrive,\u201d council leader Mary Holt said. \u201cBuses and bicycles will still be allowed to cross "
    "while we raise the money for a full repair, which could take two years. We know this will be hard for "
    "families on the eastern shore, and we will put on extra ferries at peak hours.\u201d"
)
BRIDGE_POST = (
    "Portville council voted on Tuesday to close the old harbour bridge to cars from next month, after engineers "
    "warned that its steel supports were badly corroded. Repairs on a smaller footbridge nearby finished in May."
    "\n\n" + BRIDGE_STATEMENT + "\n\n"
    "The bridge, built in 1911, carries about 12,000 vehicles a day. Shopkeepers in the old town said they feared "
    "losing trade, and a petition against the closure had gathered 800 signatures by Tuesday evening."
)
BRIDGE_HERALD = (
    "Portville is closing its old harbour bridge to cars next month, the council decided Tuesday, citing engineers' "
    "warnings about corroded steel supports. Residents of the eastern shore had long asked for a second crossing."
    "\n\n" + BRIDGE_STATEMENT + "\n\n"
    "Commuters who drive across each morning will have to take the ring road, adding twenty minutes to their trip. "
    "The ferry company said it could add two sailings an hour if the council paid for the crews."
)


def test_two_reports_restating_one_lead_and_quoting_one_statement_are_not_a_copy():
    # each writes its own lead on the council's decision (one sentence the other restates, cosine
    # 0.88) and quotes the council leader's statement: nothing else is shared
    reuse = relate_pair(_article(BRIDGE_POST, 1, "portville-post.example", "2021-03-01"),
                        _article(BRIDGE_HERALD, 2, "coastal-herald.example", "2021-03-02"))
    assert reuse is not None and (reuse.source, reuse.target) == (1, 2)
    assert [p.kind for p in reuse.passages] == ["paraphrase", "quote"]
    assert reuse.relation == "shared_passages"
    # a second sentence restating the post's own reporting makes a rewrite of it
    rewrite = BRIDGE_HERALD.replace("The ferry company said",
                                    "Built in 1911, the bridge carries some 12,000 cars daily. The ferry company said")
    reuse = relate_pair(_article(BRIDGE_POST, 1, "portville-post.example", "2021-03-01"),
                        _article(rewrite, 2, "coastal-herald.example", "2021-03-02"))
    assert reuse is not None and [p.kind for p in reuse.passages] == ["paraphrase", "quote", "paraphrase"]
    assert reuse.relation == "partially_derived"
