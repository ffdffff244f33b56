"""Quote rules beyond the hard-case suite (tests/test_quotes.py): a cue set off by commas inside the
clause it reports ("The bridge, the mayor said, will reopen in May." — the content is the whole
clause around the cue), people who speak for a person, and quotations continued across paragraphs
only with the same kind of mark."""

from __future__ import annotations

from pathlib import Path

import pytest

from storytrace.claims.quotes import extract_quotes, find_quote_marks, first_name_gender

INTRO = "Mayor Alma Ruiz and Senator Tom Baker visited the Alder Street bridge on Monday.\n\n"


def _reported(text: str) -> list[tuple[str, str | None, str | None]]:
    return [(q.text, q.speaker, q.cue) for q in extract_quotes(text) if not q.direct]


@pytest.mark.parametrize(
    ("sentence", "content", "speaker"),
    [
        ("The bridge, Ms. Ruiz said, will reopen to traffic in May after the repairs.",
         "The bridge, Ms. Ruiz said, will reopen to traffic in May after the repairs", "Alma Ruiz"),
        ("Even if the repairs run late, Mr. Baker said, the state will cover the cost of the detour.",
         "Even if the repairs run late, Mr. Baker said, the state will cover the cost of the detour", "Tom Baker"),
        ("The council, the mayor said on Tuesday, will vote on the contract next week.",
         "The council, the mayor said on Tuesday, will vote on the contract next week", "Alma Ruiz"),
    ],
    ids=["subject-cue-verb", "clause-cue-clause", "cue-with-adjunct"],
)
def test_a_cue_between_commas_reports_the_clause_around_it(sentence, content, speaker):
    text = INTRO + sentence
    found = _reported(text)
    assert (content, speaker, "said") in found
    # the clause is one quote, not a piece before the cue and another after it
    assert not [q for q in found if q[0] != content and q[0] in content]


def test_a_cue_after_the_clause_and_a_cue_with_its_own_complement_are_unchanged():
    text = INTRO + ("The bridge will reopen in May, Ms. Ruiz said.\n\n"
                    "Mr. Baker said that the state would cover the cost.")
    found = _reported(text)
    assert ("The bridge will reopen in May", "Alma Ruiz", "said") in found
    assert ("that the state would cover the cost", "Tom Baker", "said") in found


def test_commas_that_do_not_enclose_the_cue_are_not_parenthetical():
    # "said" closes the sentence: nothing after it to report as the rest of the clause.
    text = INTRO + "Traffic will move to Elm Street for the summer, Ms. Ruiz said."
    assert [q[0] for q in _reported(text)] == ["Traffic will move to Elm Street for the summer"]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("A spokesman for Mr. Baker said the state would pay.", "A spokesman for Mr. Baker"),
        ("Advisers to Ms. Ruiz say the vote will be close.", "Advisers to Ms. Ruiz"),
        ("People close to Mr. Baker said the state would pay.", "People close to Mr. Baker"),
        ("Friends of Ms. Ruiz said she was tired.", "Friends of Ms. Ruiz"),
    ],
    ids=["spokesman-for", "advisers-to", "close-to", "friends-of"],
)
def test_people_speaking_for_a_person_are_not_that_person(sentence, speaker):
    found = _reported(INTRO + sentence)
    assert [q[1] for q in found] == [speaker]


def test_the_person_a_source_names_still_speaks():
    text = INTRO + ("Jim Ortega, a spokesman for Mr. Baker, said the state would pay.\n\n"
                    "Ms. Ruiz's advisers said the vote would be close.\n\nMr. Baker told reporters the state would pay.")
    assert [q[1] for q in _reported(text)] == ["Jim Ortega", "Ms. Ruiz's advisers", "Tom Baker"]


def test_a_quotation_continues_into_the_next_paragraph_only_with_the_same_kind_of_mark():
    text = ('She waited.\n\n"Kevin was snoring.\n\n“Here he is, babe,” she said.\n\n'
            "“The first part goes on\n\n“and ends here,” he said.\n\n"
            '"A straight one goes on\n\n"and ends too," he said.')
    quoted = [text[m.start : m.end] for m in find_quote_marks(text)]
    # a stray straight mark before a curly quotation ends with its paragraph
    assert quoted[:2] == ["Kevin was snoring.", "Here he is, babe,"]
    assert quoted[2:] == ["The first part goes on\n\n“and ends here,", 'A straight one goes on\n\n"and ends too,']


@pytest.mark.parametrize("cue", ["Ms. Ruiz then posted on Twitter, saying:", "Ms. Ruiz wrote on Twitter:"])
def test_a_cue_ending_with_a_colon_quotes_the_paragraph_after_it(cue):
    text = ("Mayor Alma Ruiz answered the council on Friday.\n\n"
            f"{cue}\n\n"
            "The bridge will reopen in May. Nobody will pay a toll!\n\n"
            "The council meets again next week.")
    quotes = [(q.text, q.speaker, q.direct) for q in extract_quotes(text)]
    assert ("The bridge will reopen in May. Nobody will pay a toll!", "Alma Ruiz", True) in quotes
    assert not any("council meets" in q[0] for q in quotes)


def test_a_colon_without_a_line_break_or_before_a_quotation_is_not_a_block_quote():
    text = ("Mayor Alma Ruiz answered the council on Friday.\n\n"
            "Ms. Ruiz said: the bridge will reopen in May.\n\n"
            "She added:\n\n“Nobody will pay a toll,” and left.\n\nThe council meets again next week.")
    quotes = [(q.text, q.direct) for q in extract_quotes(text)]
    assert ("Nobody will pay a toll", True) in quotes
    assert not any(q[0].startswith("“Nobody") or "council meets" in q[0] for q in quotes)


def test_she_skips_a_person_whose_first_name_is_a_man_s_when_the_article_says_nothing():
    text = ("Maria Lopez said the shelter on Elm Street was full. Donald Okafor said the roof leaked.\n\n"
            "“We need more beds before winter,” she said.")
    quotes = [(q.text, q.speaker) for q in extract_quotes(text)]
    assert ("We need more beds before winter", "Maria Lopez") in quotes


def test_the_article_s_own_evidence_wins_over_the_first_name():
    # "Ms." says the person is a woman, whatever her first name usually is.
    text = ("Maria Lopez said the shelter on Elm Street was full. Ms. Donald Okafor said she would visit it.\n\n"
            "“We need more beds before winter,” she said.")
    quotes = [(q.text, q.speaker) for q in extract_quotes(text)]
    assert ("We need more beds before winter", "Donald Okafor") in quotes


def test_first_name_gender_needs_a_listed_first_name_and_a_surname():
    assert first_name_gender("Donald Trump") == "m" and first_name_gender("Sen. Elizabeth Warren") == "f"
    assert first_name_gender("Trump") is None  # a single word may be a surname
    assert first_name_gender("Jordan Peele") is None  # given to both sexes
    assert first_name_gender("Zzyzx Quorn") is None


@pytest.mark.parametrize(
    ("sentence", "content", "speaker"),
    [
        ("Ms. Ruiz plans to visit the site again on Sunday, according to a city aide.",
         "Ms. Ruiz plans to visit the site again on Sunday", "a city aide"),
        ("A week before it filed for bankruptcy, the builder, which is based in Dayton, moved its cash to a "
         "new firm, according to the union.",
         "A week before it filed for bankruptcy, the builder, which is based in Dayton, moved its cash to a new firm",
         "the union"),
        ("Three workers were hurt when the old deck collapsed, according to the police.",
         "Three workers were hurt when the old deck collapsed", "the police"),
    ],
    ids=["plan-of-another", "long-clause", "institution"],
)
def test_according_to_reports_the_whole_clause_before_it(sentence, content, speaker):
    found = _reported(INTRO + sentence)
    assert found == [(content, speaker, "according to")]


@pytest.mark.parametrize(
    ("sentence", "content", "speaker", "cue"),
    [
        ("As Ms. Ruiz said on Monday, the bridge will reopen in May.", "the bridge will reopen in May", "Alma Ruiz", "said"),
        ("The state will pay for the repairs, as Mr. Baker noted in his letter.",
         "The state will pay for the repairs", "Tom Baker", "noted"),
        ("As Ms. Ruiz, a former engineer, argues in her column for the Kestrel Courier, the old deck cannot be saved.",
         "the old deck cannot be saved", "Alma Ruiz", "argues"),
    ],
    ids=["as-first", "as-after", "as-with-channel"],
)
def test_an_as_clause_attributes_the_clause_it_hangs_from(sentence, content, speaker, cue):
    assert _reported(INTRO + sentence) == [(content, speaker, cue)]


def test_an_as_clause_with_an_object_of_its_own_attributes_nothing_around_it():
    # "as" is "while" here, and the cue has its own object
    text = INTRO + "The crowd was quiet as Ms. Ruiz called for a minute of silence."
    assert not any(q[0].startswith("The crowd") for q in _reported(text))


@pytest.mark.parametrize(
    ("sentence", "speaker", "title"),
    [
        ("Jim Ortega, a spokesman for Mr. Baker, said the state would pay.", "Jim Ortega", "spokesman for Mr. Baker"),
        ("Baker campaign spokeswoman Lena Park said the state would pay.", "Lena Park", "Baker campaign spokeswoman"),
        ("Senator Tom Baker said the state would pay.", "Tom Baker", "Senator"),
        ("Lena Park said the state would pay.", "Lena Park", None),
    ],
    ids=["apposition", "modifiers", "strict-title-first", "none"],
)
def test_the_role_the_article_gives_a_named_speaker_is_kept_as_the_title(sentence, speaker, title):
    quotes = [q for q in extract_quotes(INTRO + sentence) if q.cue]
    assert [(q.speaker, q.speaker_title) for q in quotes] == [(speaker, title)]


def test_a_role_noun_is_not_given_to_somebody_merely_named():
    text = "Senator Tom Baker visited the Alder Street bridge on Monday.\n\nThe spokesman said the visit went well."
    assert _reported(text) == [("the visit went well", "The spokesman", "said")]


def test_a_role_noun_goes_on_with_the_person_quoted_just_before():
    text = ("Lena Park, a senior fellow at the Kestrel Institute, says the repairs will take a year.\n\n"
            "The scholar explains that the old deck cannot be saved.")
    assert [q[1] for q in _reported(text)] == ["Lena Park", "Lena Park"]


def test_an_as_clause_with_the_channel_after_the_cue_on_the_sample_pile():
    # "As Salman Rafi Sheikh, political analyst …, assumes in his article for New Eastern Outlook, US
    # military advisors … may seek to redirect Daesh fighters …" (examples/mosul-2016, 002): the main
    # clause is the content, not the channel phrase before it.
    path = Path(__file__).resolve().parents[1] / "examples" / "mosul-2016" / "002_e6ea2678bb7cae54.txt"
    quotes = [q for q in extract_quotes(path.read_text(encoding="utf-8")) if q.cue and q.cue.startswith("assumes")]
    assert [(q.text.replace("\xa0", " ")[:45], q.speaker) for q in quotes] == [
        ("US military advisors on the ground may seek t", "Salman Rafi Sheikh")]


def test_we_and_they_never_stand_for_one_named_person():
    text = ("Critics attacked R. Kelly and his label on Monday.\n\n"
            "\"Spotify recently shared a new policy,\" the company said in its post. \"And while we believe our "
            "intentions were good, the language was too vague.\"\n\n"
            "Mayor Ana Ruiz visited the bridge on Tuesday. They said the repairs would take a year.")
    quotes = extract_quotes(text)
    assert quotes
    assert not [q for q in quotes if q.speaker in {"R. Kelly", "Kelly", "Ana Ruiz", "Ruiz"}], \
        [(q.speaker, q.text) for q in quotes]
    repairs = next(q for q in quotes if "repairs" in q.text)
    assert repairs.speaker == "they"


def test_they_goes_to_the_organisation_that_spoke_just_before():
    text = ("The Springfield Transit Authority said on Monday that the line would close for a week. "
            "They said the repairs would cost $4 million.")
    repairs = next(q for q in extract_quotes(text) if "repairs" in q.text)
    assert repairs.speaker == "The Springfield Transit Authority"


def test_page_furniture_labels_are_not_speakers():
    text = ("Markets rallied on Monday.\n\n"
            "Headline: Bitcoin & Blockchain Searches Exceed Trump! Blockchain Stocks Are Next!\n\n"
            "Posted: Monday, 4 June\n\n"
            "PENCE: Well, look, we will win.")
    quotes = extract_quotes(text)
    assert [(q.speaker, q.text) for q in quotes] == [("Pence", "Well, look, we will win.")]


def test_he_is_the_main_clause_s_subject_not_a_later_sentence_s_speaker():
    # "he" before a quote the rules attribute first must not take that quote's speaker, and the
    # subject of a subordinate clause ("when Mr. Ortiz kept interrupting") is not the antecedent.
    text = ("Governor Luis Ortiz and Senator Tom Hale met for their only debate on Monday. "
            "“We kept our promise,” Mr. Ortiz said.\n\n"
            "Mr. Hale tried to stay calm, nodding at the governor, but he lost his patience when "
            "Mr. Ortiz kept interrupting to defend his budget. “You have had your turn,” he told the governor. "
            "“Let me finish,” Mr. Ortiz replied.")
    speakers = {q.text.strip(" ,.”“"): q.speaker for q in extract_quotes(text)}
    assert speakers["You have had your turn"] == "Tom Hale", speakers
    assert speakers["Let me finish"] == "Luis Ortiz", speakers


def test_a_verb_of_the_mind_is_no_speech_a_pronoun_before_it_could_take():
    # "he wanted to cooperate" (a later sentence the rules may meet first) is not Trump speaking, so
    # the earlier "he refused" is still Obama's.
    text = ("Critics pressed President Obama for months. He was under enormous pressure from his own party, "
            "and he refused to send the weapons. It seemed clear from Donald Trump's campaign that he wanted "
            "to cooperate with Moscow.")
    refused = next(q for q in extract_quotes(text) if q.cue == "refused")
    assert refused.speaker == "Obama"


def test_the_company_is_the_organisation_the_article_is_about_not_the_outlet_it_told():
    text = ("Spotify reversed its hate content policy on Friday, weeks after Spotify removed two artists from its "
            "playlists. The move was first reported by Bloomberg News.\n\n"
            "“We created confusion and concern,” the company said in a blog post. Spotify also said it would "
            "keep removing hate content, the streaming service told The Harbour Times.")
    speakers = {q.text.strip(" ,.”“"): q.speaker for q in extract_quotes(text)}
    assert speakers["We created confusion and concern"] == "Spotify", speakers


def test_the_company_before_the_article_names_it_is_the_organisation_named_below():
    text = ("The streaming company announced on Friday that it would stop removing artists from its playlists. "
            "“We created confusion and concern,” Spotify said in a blog post. Spotify also said the policy on "
            "hate content stays.")
    first = next(q for q in extract_quotes(text) if q.cue == "announced")
    assert first.speaker == "Spotify"


def test_a_quotation_its_attribution_interrupts_is_listed_once_not_again_in_parts():
    # “A,” X said. “B.” — the rules read it as one quotation, the tagger as two parts: a reader must
    # find the words once in the list, not three times (both parts and the whole).
    text = ("Council member Rosa Delgado questioned the harbour master at Tuesday's hearing.\n\n"
            "“When you closed the north pier you left the ferry crews without a berth,” Delgado said of the "
            "closure. “I wonder if, now that you have reopened it, anyone will pay them back.”")
    direct = [q for q in extract_quotes(text) if q.direct]
    for words in ("you left the ferry crews without a berth", "anyone will pay them back"):
        holding = [q for q in direct if words in q.text]
        assert len(holding) == 1, [(q.text, q.speaker) for q in direct]
        assert holding[0].speaker == "Rosa Delgado"


def test_a_quotation_with_its_own_attribution_after_it_stays_a_quote_of_its_own():
    text = ("Council member Rosa Delgado questioned the harbour master at Tuesday's hearing.\n\n"
            "“The north pier was closed without notice,” Delgado noted. “Nobody told the crews,” she added.")
    direct = [(q.text, q.speaker, q.cue) for q in extract_quotes(text) if q.direct]
    assert direct == [("The north pier was closed without notice", "Rosa Delgado", "noted"),
                      ("Nobody told the crews", "Rosa Delgado", "added")]


def _speaker_of(text: str, words: str) -> str | None:
    return next(q.speaker for q in extract_quotes(text) if words in q.text)


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        ("Acme Corp said on Monday it would cut 200 jobs at its Ohio plant. As we reported last week, the plant "
         "has lost money since 2019.", "has lost money since 2019", "we"),
        ("Files recovered from the laptop of the late strategist Martin Ossler show that the plan began with "
         "him. The change would, he wrote, “help our side for a decade.”", "help our side for a decade",
         "Martin Ossler"),
        ("Lawyers for the tenants told the judge on Friday that the landlord had ignored the order, Reuters "
         "reported. They also said that the building had no heat in January.", "the building had no heat",
         "Lawyers for the tenants"),
        ("Opponents have said the new toll would drive trucks onto side streets. That would, they argue, cost "
         "the town more in repairs than the toll brings in.", "cost the town more in repairs", "Opponents"),
        ("Parents said the school had ignored their complaints for months. “Nobody answered our letters,” she "
         "said.", "Nobody answered our letters", "she"),
    ],
    ids=["we-is-the-writer", "he-is-a-person-not-the-files", "they-not-the-outlet", "they-plural-speakers",
         "she-not-a-plural-group"],
)
def test_pronouns_stand_for_speakers_of_their_kind(text, words, speaker):
    # "we" outside quotation marks is the writer's (as "I" is); "he"/"she" a person, never "Parents"
    # or "Files recovered from …"; "they" people named by a plural noun or a group, never an outlet
    assert _speaker_of(text, words) == speaker


def test_a_role_noun_subject_is_not_the_last_speaker_when_somebody_else_was_named_since():
    # "The governor" after "Mr. Holt will also use …" is Mr. Holt, not Mr. Baker quoted two paragraphs
    # up; so is the "he" that follows.
    text = ("Mr. Holt signed the order on Friday. “He knows he will lose in court,” Mr. Baker, a lawyer and "
            "critic of Mr. Holt, wrote on Twitter.\n\n"
            "The order, according to state officials, lets the governor move $3 million to the wall. Mr. Holt "
            "will also use money from a forfeiture fund.\n\n"
            "The governor opted not to touch flood relief money. “It didn’t sound too important to me,” he said.")
    assert _speaker_of(text, "It didn’t sound too important") == "Holt"


@pytest.mark.parametrize(
    ("sentence", "speaker", "title"),
    [
        ("Former Navy Secretary Ruth Alder said on Thursday that the contract was a mistake.", "Ruth Alder",
         "Former Navy Secretary"),
        ("U.S. District Judge Ellen Marsh said the order was unlawful.", "Ellen Marsh", "U.S. District Judge"),
        ("Secretary of State Paul Verne said the embassy would stay open.", "Paul Verne", "Secretary of State"),
        ("“The fee is a tax on the poor,” Dana Pike, the co-founder and executive director of Fair Fares, "
         "said in a statement.", "Dana Pike", "co-founder and executive director of Fair Fares"),
        ("“Rates will stay high this year,” says Omar Haddad, vice-chairman of Harbor Capital.", "Omar Haddad",
         "vice-chairman of Harbor Capital"),
    ],
    ids=["former-office", "court-title", "secretary-of", "hyphenated-role", "hyphenated-vice"],
)
def test_a_speaker_s_title_is_not_cut_at_its_first_word(sentence, speaker, title):
    # a reader who sees "Former", "U.S.", "Secretary" or "co" cannot tell on whose behalf the words were said
    (quote,) = [q for q in extract_quotes(sentence) if q.speaker == speaker]
    assert quote.speaker_title == title


def test_speech_reported_inside_a_quotation_is_not_a_quote_of_its_own():
    # "… to tell everybody that dad is sick …" is Marco Vidal's quotation, not a quote of "we"
    text = ("Evangelist Ramon Vidal, 81, has lung cancer, his family announced on Friday.\n\n"
            '"We wanted to record this video to tell everybody that dad is sick and that the work goes on," '
            "his son Marco Vidal said in the video.")
    holding = [(q.speaker, q.direct) for q in extract_quotes(text) if "dad is sick" in q.text]
    assert holding == [("Marco Vidal", True)]


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        ("Pope Clement published his annual message on Wednesday.\n\n"
         "“Journalism is not just a job; it is a mission,” the Pope wrote in his message.", "not just a job",
         "Clement"),
        ("Acme 's CEO says the company rolled out its new pricing policy the wrong way.", "the wrong way",
         "Acme 's CEO"),
        ("The Secretary of the Interior said on Friday that the park would reopen in May.", "would reopen",
         "The Secretary of the Interior"),
        ("Beijing said on Monday that the talks had failed. “We will not give up the islands,” the premier said.",
         "give up the islands", "the premier"),
    ],
    ids=["the-pope-is-the-pope-named", "company-s-ceo", "secretary-of", "a-place-is-no-premier"],
)
def test_a_role_written_with_a_capital_is_resolved_or_printed_whole(text, words, speaker):
    # not the bare title "Pope", "CEO" or "Secretary", and a role noun never goes to a place
    assert _speaker_of(text, words) == speaker


def test_two_curly_apostrophes_are_a_double_quotation_mark():
    # ‘‘…’’ (the Boston Globe's convention) as ''…'' and “…”: direct quotes, not reported clauses
    # running over the attribution
    text = ("Dale Ho, a lawyer for the challengers, filed the letter on Thursday.\n\n"
            "‘‘Witnesses misrepresented the origin of the question,’’ Ho said in a statement.\n\n"
            "The files show that the plan ‘‘would clearly be a disadvantage to the Democrats’’ in redistricting.")
    quoted = [text[m.start : m.end] for m in find_quote_marks(text)]
    assert quoted == ["Witnesses misrepresented the origin of the question,",
                      "would clearly be a disadvantage to the Democrats"]
    direct = [(q.text, q.speaker) for q in extract_quotes(text) if q.direct]
    assert ("Witnesses misrepresented the origin of the question", "Dale Ho") in direct


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The harbour board walked back its two-week-old “Fair Berths for All” policy, which touched off a row.",
         "Fair Berths for All"),
        ("It reminds me of a scene in the movie “Low Tide,” where the captain refuses to leave port.", "Low Tide"),
        ("The mayor said so on Monday on Channel 9's \"Harbour Talk Tonight.\"", "Harbour Talk Tonight."),
        ("Critics say the mayor’s “Bring Back the Boats” slogan promises too much.", "Bring Back the Boats"),
    ],
    ids=["policy-after", "movie-before", "show-after-possessive", "slogan-after"],
)
def test_a_name_in_title_case_beside_the_noun_it_names_is_not_a_quote(text, name):
    assert name not in [q.text for q in extract_quotes(text)]


def test_words_in_title_case_said_by_somebody_are_still_a_quote():
    text = "“We Will Rebuild Every Pier,” the mayor said on Monday, and the crowd cheered."
    assert [q.text for q in extract_quotes(text) if q.direct] == ["We Will Rebuild Every Pier"]


def test_a_title_does_not_end_with_the_conjunction_that_joined_the_name():
    sentence = "A self-made millionaire, Acme's co-founder and CEO Nadia Kerr said the two plants would merge."
    (quote,) = [q for q in extract_quotes(sentence) if q.speaker == "Nadia Kerr"]
    assert quote.speaker_title == "Acme's co-founder"


def test_a_signed_quotation_s_speaker_leaves_the_full_stop():
    text = ("Readers wrote to us about the new bridge.\n\n"
            "“It took ten years, but the town finally has its crossing.” ― Marta Oliveira.\n\n"
            "“The tolls are too high for families.” ― Dev R. Patel Jr.\n\nMore letters follow.")
    quotes = extract_quotes(text)
    signed = {q.speaker: text[q.speaker_span[0] : q.speaker_span[1]] for q in quotes if q.speaker_span}
    assert signed.get("Marta Oliveira") == "Marta Oliveira"  # was "Marta Oliveira." (span and name)
    assert signed.get("Dev R. Patel Jr.") == "Dev R. Patel Jr."  # the stop of "Jr." stays


def test_a_speaker_span_closes_the_bracket_it_opens():
    text = ("“This bill will not pass the Senate,” Rep. Gwen Alvarez (D-Wis.) said Friday. "
            "She spoke after the vote.")
    quote = next(q for q in extract_quotes(text) if q.direct)
    assert quote.speaker_span is not None
    assert text[quote.speaker_span[0] : quote.speaker_span[1]] == "Rep. Gwen Alvarez (D-Wis.)"


@pytest.mark.parametrize(
    "sentence",
    [
        # inside a noun phrase after an article, in an aside of the cue's clause
        "The band was dropped from the festival. The singer, accused of running a 'fan cult', was taken off "
        "the bill, the organisers said.",
        # after a preposition, a modifier of the writer's noun
        "The league said it would fine clubs for \"unsporting\" conduct next season.",
        # after an article inside the reported clause
        "Officials said the new road was a \"nightmare\" for the families on Elm Street.",
    ],
)
def test_a_short_quoted_term_inside_the_cue_s_clause_is_not_its_content(sentence: str) -> None:
    quotes = extract_quotes(sentence)
    short = [q for q in quotes if q.direct and len(q.text.split()) <= 3]
    assert short == []  # was "fan cult" by the organisers, "unsporting" by the league, "nightmare" by officials
    assert any(not q.direct and q.speaker for q in quotes)  # the clause stays, reported


@pytest.mark.parametrize(
    ("sentence", "quoted"),
    [
        ("\"Disgraceful,\" the coach said after the match.", "Disgraceful"),
        ("The coach called the referee's decision \"a disgrace.\"", "a disgrace."),
        ("The coach criticised the rules, which he described as too \"vague.\"", "vague."),
    ],
)
def test_a_short_quotation_the_cue_governs_stays_a_quote(sentence: str, quoted: str) -> None:
    assert quoted in [q.text for q in extract_quotes(sentence) if q.direct and q.speaker]


@pytest.mark.parametrize(
    "sentence",
    [
        "These revelations show that the mayor misled the council about the contract.",
        "Her work suggests that the river has been drying up for a decade.",
        "The survey's findings indicate that the old bridge was unsafe for lorries.",
    ],
)
def test_a_thing_that_speaks_for_no_one_is_not_a_source(sentence: str) -> None:
    assert [q for q in extract_quotes(sentence) if not q.direct] == []  # was credited to the thing


def test_findings_of_a_named_issuer_keep_their_source() -> None:
    quotes = extract_quotes("The committee's findings show that the old bridge was unsafe for lorries.")
    assert [q.speaker for q in quotes if not q.direct] == ["The committee's findings"]


def test_a_verbless_subject_before_its_cue_is_not_a_content_of_its_own() -> None:
    text = ("The county council met on Monday to discuss the bridge. "
            "The regional court is expected to rule on the closure by the end of June.")
    reported = [q.text for q in extract_quotes(text) if not q.direct]
    assert "The regional court" not in reported  # was a content of its own beside "to rule on …"
    assert any(r.startswith("The regional court is expected to rule") for r in reported)


def test_a_short_quotation_with_its_own_article_is_the_source_s_words():
    # a partial quote of a whole noun phrase, article inside the marks, stays a direct quote of the
    # speaker (the scare-quote rule had dropped it: the preposition "to" stands before it)
    text = ("Last month, Col. Dana Whitfield told reporters that the siege of the port could lead to "
            "“a Verdun-style stalemate.” The army declined to comment.")
    quotes = [q for q in extract_quotes(text) if q.direct]
    assert [(q.text, q.speaker) for q in quotes] == [("a Verdun-style stalemate.", "Dana Whitfield")]
    # an article outside the marks still makes a term of the writer's phrase
    text = "The label dropped the singer, accused of running a “sex cult,” the company said on Monday."
    assert not [q for q in extract_quotes(text) if q.direct and q.text.startswith("sex cult")]
