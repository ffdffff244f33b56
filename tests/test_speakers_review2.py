"""Who said what, a second careful reader's review: speakers that were wrong on the census, Spotify
and FakeNewsCorpus piles (a clause reported inside the content lending its subject, a pronoun or role
noun given a person its own clause names, a court case, a name run into the words after its
possessive, "whose", a woman introduced without a name). Invented sentences modelled on those errors."""

from __future__ import annotations

import pytest

from storytrace.claims.quotes import extract_quotes


def _speakers(text: str, cue: str) -> list[str | None]:
    """The speakers of the quotes whose cue contains ``cue``."""
    return [q.speaker for q in extract_quotes(text) if q.cue and cue in q.cue]


@pytest.mark.parametrize(
    ("text", "cue", "speaker"),
    [
        (
            "Tenant groups filed the complaint in March.\n\nThe challengers, including groups such as the Tenants "
            "Union and Legal Aid, say the new information shows the manager played a bigger role than he admitted.",
            "say",
            "The challengers, including groups such as the Tenants Union and Legal Aid",
        ),
        (
            "Separately in a letter to the judge on Thursday, the challengers say the evidence bolsters their "
            "argument that while the landlord contends the fee was added to comply with state law, the real reason "
            "was to push tenants out.",
            "say",
            "the challengers",
        ),
    ],
    ids=["information-shows", "landlord-contends"],
)
def test_a_clause_reported_inside_the_content_does_not_lend_its_subject(text, cue, speaker):
    assert _speakers(text, cue) == [speaker]


@pytest.mark.parametrize(
    ("text", "cue", "wrong", "right"),
    [
        (
            '"I feel great," Dan Price said after the check-up.\n\nThe doctor gave Mr. Price a clean bill of health '
            "and claimed he was fit to serve for seven more years.",
            "claimed",
            "Dan Price",
            "The doctor",
        ),
        (
            'Governor Ravi Naidu greeted the crowd in the capital on Monday. "It is a time of joy for every '
            'family," he said.\n\nChristmas is a joyful celebration of the birthday of Jesus Christ and of peace '
            "between people, he added.",
            "added",
            "Jesus Christ",
            "Ravi Naidu",
        ),
    ],
    ids=["role-noun-object", "pronoun-inverted-content"],
)
def test_a_pronoun_or_role_noun_is_nobody_its_own_clause_names(text, cue, wrong, right):
    assert _speakers(text, cue) == [right]
    assert wrong not in _speakers(text, cue)


@pytest.mark.parametrize(
    ("text", "cue", "speaker"),
    [
        # the inverted cue's content begins after the colon: the name before it is no part of it
        (
            "NY Times correspondent Adam Liptak talks about how the two new judges might change the court: \"It's "
            'not hard to write a decision striking down the law," he says.',
            "talks",
            "Adam Liptak",
        ),
        # a run-on caption: the name in an earlier part is no part of the content
        (
            "Professional: Kelly watched a professional first how to handle the two horses All smiles: Kelly "
            "appeared in jovial spirits as she checked out the set All that sparkles: She showcased her ring She "
            "said: 'I'm always the person who wants another drink.'",
            "said",
            "Kelly",
        ),
    ],
    ids=["colon-before-quote", "run-on-caption"],
)
def test_a_name_outside_the_content_still_resolves_the_pronoun(text, cue, speaker):
    assert _speakers(text, cue) == [speaker]


def test_a_comma_splice_is_no_content_of_the_pronouns_verb():
    text = (
        "Compare this to the life I imagine with Steve Baker, my neighbour.\n\nSo I come home to Steve, "
        "he gives me a kiss and asks how my day was."
    )
    assert _speakers(text, "asks") == ["Steve"]


def test_a_court_case_is_no_person_a_pronoun_stands_for():
    text = (
        "The phone rang in my office in January, and on the other end of the line was Stephanie Lee. The "
        "lawsuit was Common Cause v. Lewis at the time.\n\nShe said she had found four hard drives in her "
        "father's house."
    )
    assert "Common Cause v. Lewis" not in _speakers(text, "said")


def test_a_persons_name_ends_at_a_possessive_inside_it():
    text = (
        "The agencies are moving ahead with centres set up under President Obama’s Stronger Together "
        "program. The President touts this program as “fundamental” to children’s success."
    )
    assert _speakers(text, "touts") == ["Obama"]


@pytest.mark.parametrize(
    ("text", "cue", "speaker"),
    [
        (
            "R. Kelly has faced allegations for years. Recently a woman in Dallas filed a lawsuit against the singer, "
            "and she claimed he had given her a disease.",
            "claimed",
            "a woman in Dallas",
        ),
        (
            "Heiko Maas defended the law in Berlin last year. In May 2017, a 70-year-old Swedish woman from Dalarna "
            "was prosecuted for inciting hatred. She said that the fire had frightened her neighbours.",
            "said",
            "a 70-year-old Swedish woman from Dalarna",
        ),
    ],
    ids=["same-sentence", "next-sentence"],
)
def test_she_after_a_woman_introduced_without_a_name_is_that_woman(text, cue, speaker):
    assert _speakers(text, cue) == [speaker]


def test_she_after_an_unnamed_woman_is_still_a_woman_named_since():
    text = (
        "A woman in Dallas filed a lawsuit against the singer last year. The judge, Maria Ortega, dismissed "
        "it in May. She said the claims had no basis."
    )
    assert _speakers(text, "said") == ["Maria Ortega"]


def test_whose_speaks_for_the_noun_its_clause_modifies():
    text = "A Republican strategist, whose 2015 study showed that the change would help his party, died last year."
    assert _speakers(text, "showed") == ["A Republican strategist"]


def test_a_phrase_without_a_letter_is_no_speaker():
    text = "Why not give the mayor a call. 555-0142 then call your councillor and let them know what you think."
    assert all(s is None or any(c.isalpha() for c in s) for s in _speakers(text, "call"))


def test_one_name_beside_a_plural_is_not_who_the_plural_speaks_for():
    text = (
        "Kelly is accused of misconduct by several women, while the parents of one of his girlfriends, Joycelyn "
        "Savage, have claimed their daughter is “brainwashed” and controlled by the singer."
    )
    # (the quotation "brainwashed" inside the clause is theirs too, listed as a quote of its own)
    assert set(_speakers(text, "claimed")) == {"the parents of one of his girlfriends"}


def test_names_run_together_beside_a_plural_still_speak():
    assert _speakers("Two officials, Ann Lee and Bo Park, said the bridge would reopen in May.", "said") == ["Ann Lee"]


def test_a_hyphenated_role_does_not_hide_the_name_after_it():
    text = (
        "Speaking at the conference this week, Spotify's co-founder and CEO Daniel Ek said the company had "
        "rolled the policy out badly."
    )
    assert _speakers(text, "said") == ["Daniel Ek"]


COURT = "The Supreme Court agreed to take up the appeal and heard arguments in April.\n\n"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            COURT + "In the letter to the judge, the lawyers attached a copy of a deposition of Mark Neuman, who they "
            "say was the secretary's adviser on the matter.",
            "the lawyers",
        ),
        (
            "Several large companies said they would cut their business in the state. The governor says he fixed the "
            "law. Conservatives are not convinced, and they say the governor bowed to business.",
            "Conservatives",
        ),
        (
            COURT
            + "Tenants in the building were not told of the ruling. They say the landlord kept the letter from them.",
            "they",
        ),
    ],
    ids=["people-noun-since", "group-since", "other-plural-since"],
)
def test_they_is_not_a_group_that_spoke_before_other_plurals_took_the_subject(text, speaker):
    assert speaker in _speakers(text, "say")
    assert "The Supreme Court" not in _speakers(text, "say")
    assert "Several large companies" not in _speakers(text, "say")


@pytest.mark.parametrize(
    ("text", "cue", "speaker"),
    [
        (
            "Marco Bellini Jr. said on Monday that he is running for the state senate.\n\nBellini said the campaign "
            "would focus on schools and roads.",
            "focus",
            "Marco Bellini Jr.",
        ),
        (
            "U.S. District Judge Jesse M. Furman ruled against the administration in January.\n\nMost critically, "
            "Furman who sits on the US District Court for the Southern District of New York, said the stated "
            "rationale was a pretext.",
            "pretext",
            "Jesse M. Furman",
        ),
        (
            "Thomas Hofeller wrote the study in 2015. His daughter, Stephanie Hofeller, said she found the drives in "
            "his house.\n\nHofeller wrote that the change would help his party.",
            "help",
            "Thomas Hofeller",
        ),
    ],
    ids=["suffix-jr", "surname-tagged-org", "surname-shared-by-two"],
)
def test_a_surname_is_the_person_named_before_in_full(text, cue, speaker):
    assert [q.speaker for q in extract_quotes(text) if cue in q.text] == [speaker]


def test_a_heading_before_a_colon_is_no_speaker():
    text = (
        "The president will visit London next week.\n\nThe timing: “The dates for the ceremony are pretty fixed,” a "
        "senior administration official told reporters on a call."
    )
    assert "The timing" not in [q.speaker for q in extract_quotes(text)]


def test_a_transcripts_line_label_still_speaks():
    text = (
        "GROSS: So how did the court decide?\n\nLIPTAK: The court decided not to review the ruling.\n\n"
        "GROSS: And what happens next?"
    )
    assert [q.speaker for q in extract_quotes(text) if q.cue == ":"] == ["Gross", "Gross"]
