"""Who said what, a third careful reader's review: speakers that were wrong on the census, Spotify and
FakeNewsCorpus piles (a "they" after people named in a fronted prepositional phrase, a "he" pointing
ahead to the main clause's subject, a descriptor such as "the star" or "the 83-year-old" standing
for the person named just before, a name the tagger missed that the article describes as a
person's). Invented sentences modelled on those errors."""

from __future__ import annotations

from storytrace.claims.quotes import extract_quotes


def _speakers(text: str, cue: str) -> list[str | None]:
    """The speakers of the quotes whose cue contains ``cue``."""
    return [q.speaker for q in extract_quotes(text) if q.cue and cue in q.cue]


def test_they_after_people_named_in_a_fronted_prepositional_phrase():
    text = (
        "But landlords who back the new fee have rarely acknowledged any motive of profit. The emergence of "
        "the records could figure in the case.\n\nTo civil rights lawyers suing to block the fee, it is now clear "
        "that profit was at work all along. They assert in court filings that the manager wrote the rules."
    )
    assert _speakers(text, "assert") == ["civil rights lawyers"]


def test_a_pronoun_in_an_opening_clause_points_ahead_to_the_main_subject():
    text = (
        "Walter Brennan signed the charter in 1990. It is not only the council that bears blame here. As he has "
        "often tweeted, Mayor Gil Varga wants to limit the rights of the press."
    )
    assert _speakers(text, "tweeted") == ["Gil Varga"]


def test_a_pronoun_in_an_opening_clause_of_the_other_gender_does_not_point_ahead():
    text = (
        "Ann Lee spoke first, to a full hall. As she has often said, Mayor Paul Varga wants to limit the rights "
        "of the press."
    )
    assert _speakers(text, "said") == ["Ann Lee"]


def test_a_descriptor_as_the_cues_subject_is_the_person_named_before():
    text = (
        "Rita Moreno wrote on Friday that the twins should \"show some class.\"\n\n\"Rise to the occasion,\" "
        "added Moreno, who works for Rep. Stephen Fincher. The communications pro also took a shot at the "
        "mayor, writing \"your parents do not respect their positions very much.\""
    )
    assert _speakers(text, "writing") == ["Rita Moreno"]


def test_the_star_denies_is_the_singer_named_before():
    text = (
        "The service dropped the singer Dario Vance in May, a spokesman said. It returned a rapper to its "
        "playlists last week.\n\nDario Vance remains off the playlists. The star denies the allegations against him."
    )
    assert _speakers(text, "denies") == ["Dario Vance"]


def test_an_age_descriptor_is_a_mention_for_the_pronoun_after_it():
    text = (
        '"I know the Lord is with me," Luis Perez testified. He also shared the verse where the apostle Paul '
        'says, "the time for my departure is here." The 83-year-old began to cry as he thought about his '
        "family but he did say he still intends to complete the trips."
    )
    assert _speakers(text, "did say") == ["Luis Perez"]


def test_a_descriptor_of_the_other_gender_stays_as_printed():
    text = (
        "Howard Klein wrote the column on Monday. The week before, he faced a different kind of problem: Meryl "
        "Strand. The iconic actress slammed him in her speech at the awards."
    )
    assert "Howard Klein" not in _speakers(text, "slammed")


def test_a_pronoun_is_nobody_its_own_quotation_names():
    text = (
        "\u201cWe know how to win elections,\u201d Pelosi said.\n\nRydell said the party lost the workers who "
        "turned out to defeat Hillary Clinton weeks ago.\n\nPelosi did not agree with Rydell\u2019s assessment "
        "in a Monday interview. \u201cHe didn\u2019t even carry his district for Hillary Clinton, so I don\u2019t "
        "know why he\u2019s saying that,\u201d she said."
    )
    assert _speakers(text, "said") == ["Pelosi", "Rydell", "Pelosi"]


def test_a_one_word_name_the_tagger_misses_is_the_subject_a_descriptor_stands_for():
    text = (
        "\u201cWe were wrong,\u201d Vance said on Friday.\n\nOmar Reyes, the label\u2019s chief, said it dropped a "
        "rapper last week.\n\nVance remains off the playlists. The star denies the allegations against him."
    )
    assert _speakers(text, "denies") == ["Vance"]


def test_a_name_described_as_a_person_is_a_persons():
    text = (
        "Dario Vance has faced decades of abuse allegations, which he has denied. Zyzzix, a 20-year-old "
        "Florida rapper, was arrested in 2016 on battery charges; he has denied those allegations."
    )
    assert [q.speaker for q in extract_quotes(text) if q.text == "those allegations"] == ["Zyzzix"]
