"""Documents that "say" things: who issued them is the speaker, the document the channel ("the
company's blog post said" is the company's, in a blog post), and a document with no issuer named is
printed whole ("The lawsuit"), never as its head noun ("post")."""

from __future__ import annotations

import pytest

from storytrace.claims.quotes import extract_quotes

ACME = "Acme Corp. is scrapping its conduct policy after a backlash from musicians. "


def _attribution(text: str, words: str) -> tuple[str | None, str | None, str | None]:
    quote = next(q for q in extract_quotes(text) if words in q.text)
    return quote.speaker, quote.speaker_title, quote.channel


@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        (ACME + "Acme Corp. had announced the policy in May. “That is not what we are about,” the company’s blog "
         "post said.", "not what we are about", ("Acme Corp.", None, "blog post")),
        (ACME + "“We created confusion,” a statement from Acme Corp. said.", "confusion",
         ("Acme Corp.", None, "statement")),
        (ACME + "“We created confusion,” reads an announcement shared Friday on the Acme Corp. website.", "confusion",
         ("Acme Corp.", None, "announcement")),
        ("Mayor Alma Ruiz met the council on Monday. “The bridge will reopen in May,” a statement from Mayor Alma "
         "Ruiz said.", "reopen", ("Alma Ruiz", "Mayor", "statement")),
        ("The agency seized the money. A statement issued by the Justice Department said the proceeds were used to "
         "buy weapons.", "proceeds", ("the Justice Department", None, "statement")),
        ("Voters were asked in June. A Quinnipiac University poll found that most voters want the bridge rebuilt.",
         "most voters", ("Quinnipiac University", None, "poll")),
    ],
    ids=["possessor", "from", "owner-of-the-website", "person-with-title", "issued-by", "name-compounded"],
)
def test_who_issued_a_document_speaks_in_it(text, words, expected):
    assert _attribution(text, words) == expected


def test_a_document_with_no_issuer_named_is_printed_whole():
    text = "The bank was fined on Monday. The lawsuit says the bank misled investors about its loans."
    assert _attribution(text, "misled investors") == ("The lawsuit", None, None)
    # (spaCy tags "post" of "the blog post" a proper noun: still the phrase, not "post")
    text = "“We created confusion,” the blog post said."
    assert _attribution(text, "confusion")[0] == "the blog post"


def test_an_issuer_named_by_a_role_is_not_another_person_with_that_role():
    text = ("Prime Minister Tom Hale spoke on Monday. The banks were sanctioned, according to an announcement by "
            "the finance minister posted on the Interior Ministry website.")
    assert _attribution(text, "sanctioned") == ("the finance minister", None, "announcement")


@pytest.mark.parametrize(
    ("text", "channel"),
    [
        ("“A free press is critical to a free society,” Ana Ruiz said in a Twitter post.", "Twitter post"),
        ("Mayor Alma Ruiz said in a statement that the bridge would reopen in May.", "statement"),
        ("Sand was added in order to prop open the cracks, Tom Hale said.", None),
    ],
    ids=["in-a-twitter-post", "in-a-statement", "in-order-to"],
)
def test_the_document_a_speaker_spoke_in_is_the_channel(text, channel):
    quote = extract_quotes(text)[0]
    assert quote.channel == channel


def test_a_document_inside_a_reported_clause_reports_nothing_of_its_own():
    # "… said Ivanka Trump's statement didn't clarify the matter": the statement is what Mathur
    # spoke about; the rules' attribution on "clarify" (its document channel no outlet that carried
    # a nested quote) is not added beside hers
    text = ("Economist Aparna Mathur, who studies tax policy at the institute, said Ivanka Trump's statement "
            "didn't clarify the matter.")
    assert [(q.speaker, q.cue) for q in extract_quotes(text)] == [("Aparna Mathur", "said")]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("According to Thursday's filing, the department had used the data since 2017.", "Thursday's filing"),
        ("According to last week's report, prices rose 3 percent in March.", "last week's report"),
        ("According to Tuesday's court filing by the plaintiffs, the documents were withheld.", "the plaintiffs"),
    ],
)
def test_a_day_that_owns_a_document_did_not_issue_it(text: str, speaker: str) -> None:
    (quote,) = extract_quotes(text)
    assert quote.speaker == speaker
