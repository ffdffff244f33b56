"""Quote marks and attributions: the hard cases."""

from __future__ import annotations

import re

import pytest

from storytrace.claims.quotes import extract_quotes, find_quote_marks


def _quoted(text: str) -> list[str]:
    return [text[m.start : m.end] for m in find_quote_marks(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He said “we will win” and left.", ["we will win"]),
        ('He said "we will win" and left.', ["we will win"]),
        ("Il a dit « nous gagnerons » hier.", [" nous gagnerons "]),
        ("“Outer ‘inner words here’ outer,” she said.", ["Outer ‘inner words here’ outer,"]),
    ],
    ids=["curly", "straight", "guillemets", "nested-single"],
)
def test_quote_marks(text, expected):
    assert _quoted(text) == expected


def test_multi_paragraph_quote_without_closing_mark_continues():
    text = ("“The first paragraph of the statement goes on\n\n"
            "“and the second paragraph ends it,” the minister said.\n\nThe next paragraph is plain.")
    quoted = _quoted(text)
    assert len(quoted) == 1
    assert quoted[0].startswith("The first paragraph") and quoted[0].endswith("ends it,")


def test_unbalanced_mark_stops_at_its_paragraph():
    text = "He said “this never closes.\n\nThis paragraph is plain text and must not be swallowed."
    quoted = _quoted(text)
    assert quoted == ["this never closes."]


@pytest.mark.parametrize("text", ["", "“", '"""', "“”", "\n\n“\n\n"], ids=["empty", "lone", "triple", "empty-pair", "lone-para"])
def test_odd_marks_never_crash(text):
    find_quote_marks(text)
    extract_quotes(text)


def test_direct_quote_with_postposed_cue_and_surname():
    text = ("Russian foreign minister Sergey Lavrov noted that the Pentagon has many advisers in the region.\n\n"
            "“Well, 5,000 advisers is a large number,” Lavrov added.")
    quotes = [q for q in extract_quotes(text) if q.direct]
    assert len(quotes) == 1
    quote = quotes[0]
    assert quote.text == "Well, 5,000 advisers is a large number"
    assert text[slice(*quote.span)] == quote.text
    assert quote.speaker == "Sergey Lavrov" and quote.cue == "added"


def test_title_is_kept_apart_and_channel_is_found():
    text = "Maj. Gen. Gary Volesky told reporters on Wednesday that the fighters had left the city."
    quote = extract_quotes(text)[0]
    assert quote.speaker == "Gary Volesky"
    assert quote.speaker_title == "Maj. Gen."
    assert quote.channel == "reporters"
    assert quote.text == "that the fighters had left the city" and not quote.direct


def test_according_to():
    text = "The real goal is to flood the region with fighters, according to the strategists."
    quote = extract_quotes(text)[0]
    assert quote.cue == "according to"
    assert quote.speaker_span is not None and text[slice(*quote.speaker_span)] == "the strategists"
    assert quote.text.startswith("The real goal")


def test_pronoun_resolves_to_the_last_speaker():
    text = ("Robert Fisk, a foreign correspondent, warned that the war could spread.\n\n"
            "“The real purpose is to push the fighters west,” he wrote.")
    quote = next(q for q in extract_quotes(text) if q.direct)
    assert quote.speaker == "Robert Fisk"


def _direct(text: str) -> list:
    return [q for q in extract_quotes(text) if q.direct]


def test_multi_paragraph_quote_keeps_its_speaker():
    text = ("Maria Ortega, the authority's director, spoke at length on Tuesday.\n\n"
            "“We have cut the budget twice already and the schools have felt it\n\n"
            "“and we will not cut it a third time,” Ortega said.\n\nThe council meets again in May.")
    quote = next(q for q in _direct(text) if "third time" in q.text)
    assert "cut the budget twice" in quote.text
    assert quote.speaker == "Maria Ortega"
    assert "council meets" not in quote.text


def test_unbalanced_quote_never_swallows_the_article():
    text = ("“This sentence opens a quote and never closes it, the mayor said on Monday.\n\n"
            "The second paragraph is plain reporting about the bridge.\n\n"
            "The third paragraph is plain too.")
    for quote in extract_quotes(text):
        assert "second paragraph" not in quote.text and "third paragraph" not in quote.text


def test_nested_quote_stays_inside_the_outer_quote():
    text = "“They called it a ‘temporary measure’ three years ago,” said Tom Becker, a local farmer."
    quote = _direct(text)[0]
    assert quote.text == "They called it a ‘temporary measure’ three years ago"
    assert quote.speaker == "Tom Becker"


def test_partial_quote_inside_a_sentence():
    text = "Senator Jane Holloway called the proposal “a reckless gamble with public money” during the debate."
    quote = next(q for q in extract_quotes(text) if "reckless gamble" in q.text)
    assert quote.speaker == "Jane Holloway"


def test_role_noun_resolves_to_the_person_with_that_title():
    text = ("Maj. Gen. Gary Volesky said the first villages had been taken. Ahmed Salih, a shopkeeper, "
            "watched the convoys pass.\n\n"
            "The general also said that there are “indications” that the leaders have left the city.")
    quote = next(q for q in extract_quotes(text) if "indications" in q.text)
    assert quote.speaker == "Gary Volesky"


def test_minister_resolves_to_the_named_minister():
    text = ("Foreign Minister Anna Lind met her counterpart in Oslo on Friday.\n\n"
            "“We will not accept any delay,” the minister said.")
    assert _direct(text)[0].speaker == "Anna Lind"


def test_participle_cue_takes_the_subject_of_its_clause():
    text = ("President Barack Obama spoke yesterday, acknowledging at a press conference that "
            "“this will be a difficult fight.”")
    quote = next(q for q in extract_quotes(text) if "difficult fight" in q.text)
    assert quote.speaker == "Barack Obama"


@pytest.mark.parametrize(
    ("text", "speaker", "channel"),
    [
        ("“We will stay until the end,” Carlos Mendez told Politico on Monday.", "Carlos Mendez", "Politico"),
        ("RT quoted Sergey Lavrov as saying that the city was not encircled.", "Sergey Lavrov", "RT"),
        ("In an interview with CNN, Mayor Lisa Grant said that the bridge would reopen in May.", "Lisa Grant", "CNN"),
        ("Robert Fisk wrote in The Independent that the offensive would push the fighters west.",
         "Robert Fisk", "The Independent"),
        ("Reuters reported that Ahmed Nouri said the talks had failed.", "Ahmed Nouri", "Reuters"),
    ],
    ids=["told", "quoted", "interview-with", "wrote-in", "reported"],
)
def test_channels(text, speaker, channel):
    quote = next(q for q in extract_quotes(text) if q.speaker == speaker)
    assert quote.channel == channel


def test_pronoun_after_a_surname_gets_the_full_name():
    text = ("Hoshawi Babakr, a member of the party, spoke to reporters.\n\n"
            "“There was always some road left,” Babakr noted. “It is an old practice,” he added.")
    speakers = {q.text: q.speaker for q in _direct(text)}
    assert speakers["There was always some road left"] == "Hoshawi Babakr"
    assert speakers["It is an old practice"] == "Hoshawi Babakr"


def test_according_to_a_named_person():
    text = "The convoy left before dawn, according to Ahmed Nouri, a local official."
    quote = next(q for q in extract_quotes(text) if q.cue and q.cue.lower() == "according to")
    assert quote.speaker == "Ahmed Nouri"
    assert quote.text.startswith("The convoy left")


def test_relative_pronoun_speaks_for_its_noun_and_relative_clauses_do_not_name_the_speaker():
    text = ("“Run the nation like a business? God help us,” said Michael Bloomberg, who added that "
            "“the richest thing about him is his hypocrisy.”\n\n"
            "“Dress for the occasion,” added Lauten, who works for Rep. Stephen Fincher.")
    speakers = {q.text: q.speaker for q in _direct(text)}
    assert speakers["the richest thing about him is his hypocrisy."].endswith("Bloomberg")
    assert speakers["Dress for the occasion"] == "Lauten"


def _speaker_of(text: str, words: str) -> str | None:
    return next(q for q in extract_quotes(text) if words in q.text).speaker


def test_dateline_is_not_the_speaker():
    text = ("WASHINGTON -- President Daniel Morrow on Friday defended the surveillance program, saying that "
            "Congress was fully briefed.\n\n"
            "\"The program is lawful and it is limited in scope,\" he said during a speech in Denver.")
    assert _speaker_of(text, "lawful and it is limited") == "Daniel Morrow"


def test_she_skips_a_man_named_in_between():
    text = ("Ms. Carla Mendes won the vote on Tuesday, beating Mr. Peter Hollis by a wide margin.\n\n"
            "Mendes did not agree with the assessment of Hollis in an interview on Monday.\n\n"
            "“He could not even carry his own district,” she said.")
    assert _speaker_of(text, "carry his own district") == "Carla Mendes"


def test_pronoun_prefers_the_subject_of_the_last_sentence_naming_people():
    text = ("In an interview on Monday, Paul Ryan also hammered Tom Reyes for what he called "
            "his “utter failure when it comes to creating jobs.”")
    assert _speaker_of(text, "utter failure") == "Paul Ryan"


def test_gender_from_pronouns_used_after_a_mention():
    text = ("Dana Whitlock said she would stay in the race. Robin Ashe said he would not endorse anybody.\n\n"
            "“We have the votes and we have the volunteers,” she told supporters.")
    assert _speaker_of(text, "We have the votes") == "Dana Whitlock"


def test_platform_names_are_not_speakers():
    text = ("Enter Ms. Elaine Porter, a former aide who describes herself on Twitter as a patriot and a cat lover.\n\n"
            "“Show a little class, at least in public,” she wrote above a photograph.")
    assert _speaker_of(text, "Show a little class") == "Elaine Porter"


def test_role_noun_resolves_to_an_earlier_unnamed_speaker():
    text = ("A spokesperson for Acme Mail says the company cares about privacy.\n\n"
            "“We hand over user data only when the law requires it,” the spokesperson said.")
    assert _speaker_of(text, "We hand over user data") == "A spokesperson for Acme Mail"


def test_campaign_speaks_as_a_group_and_its_spokeswoman_by_name():
    text = ("On Tuesday the Harmon campaign said that the budget plan “would end the program as we know it.”\n\n"
            "Harmon campaign spokeswoman Lisa Grant described the new ad as “dishonest and cynical.”\n\n"
            "“The plan cuts nothing,” Harmon's press secretary, Ben Ortiz, said in an email.")
    assert _speaker_of(text, "would end the program") == "the Harmon campaign"
    assert _speaker_of(text, "dishonest and cynical") == "Lisa Grant"
    assert _speaker_of(text, "The plan cuts nothing") == "Ben Ortiz"


def test_question_quote_before_a_short_attribution_sentence():
    text = ("The president spoke in Ohio on Tuesday.\n\n"
            "\"What have you been doing all year, Tom? Debating a coin for baseball?\" Morrow said. "
            "The resolution passed later that day.")
    assert _speaker_of(text, "Debating a coin for baseball") == "Morrow"


def test_quote_after_the_attribution_keeps_the_speaker_and_a_cue_inside_it_does_not_speak():
    text = ("\"What have you been doing, Tom?\" Daniel Morrow continued, calling out the Speaker of the House. "
            "\"You have been debating a coin. I trust in God, but God wants to see us help ourselves.\"")
    assert _speaker_of(text, "You have been debating a coin") == "Daniel Morrow"


def test_quote_paragraph_after_an_attributed_quote_continues_it():
    text = ("\"The coverage was a disgrace to journalism,\" Senator Ruth Keller went on to say.\n\n"
            "\"It has lost a tremendous amount of credibility.\"\n\n"
            "The newspaper stood by its story.")
    assert _speaker_of(text, "tremendous amount of credibility") == "Ruth Keller"


def test_reported_speech_inside_a_quote_does_not_become_the_last_speaker():
    text = ("Prime Minister Aaron Levy appeared on a Sunday show.\n\n"
            "\"President Clark has said that he is determined to stop the program,\" he said on the show. "
            "\"Being determined means you act before it is too late.\"")
    assert _speaker_of(text, "Being determined means") == "Aaron Levy"
    assert _speaker_of(text, "he is determined to stop") == "Aaron Levy"


def test_relative_pronoun_inside_a_relative_clause_with_its_own_subject():
    text = ("Michael Dunn, the former lawyer, was sentenced on Wednesday.\n\n"
            "He said he acted out of blind loyalty to Mr. Victor Hale, who he said "
            "“led me to choose a path of darkness over light.”")
    assert _speaker_of(text, "path of darkness") == "Michael Dunn"


def test_people_named_in_a_relative_clause_of_the_source_do_not_speak():
    text = ("The complaint from Lisbon and Porto, where Paulo Reis was once the mayor, argues that the "
            "county has “opened a dangerous loophole” in the law.")
    speaker = _speaker_of(text, "dangerous loophole")
    assert speaker is not None and speaker.startswith("The complaint")


def test_a_tagged_content_extends_to_its_whole_constituent():
    from storytrace.claims.attribution import Attribution
    from storytrace.claims.nlp import load_nlp
    from storytrace.claims.quotes import _extended

    sentence = "The senator said that the plan would cut taxes for families in every state."
    doc = load_nlp()(sentence)
    offset = 40
    tokens = [(offset, doc, token) for token in doc]
    # The tagger marked "the plan would cut taxes" (tokens 4–8): the clause goes on to "state".
    item = Attribution(content=(4, 9), cue=(2, 3), source=(0, 2))
    start, end = _extended(tokens, item, (offset + doc[4].idx, offset + doc[8].idx + len(doc[8].text)))
    assert sentence[start - offset : end - offset] == "that the plan would cut taxes for families in every state"
    # A constituent that holds the cue or the source is not taken whole.
    whole = Attribution(content=(2, 9), cue=(2, 3), source=(0, 2))
    assert _extended(tokens, whole, (offset + 5, offset + 20)) == (offset + 5, offset + 20)


def test_quotation_after_a_colon_takes_the_speaker_of_its_sentence():
    text = ("Ms. Dana Whitlock wrote what she thought the candidates should have done: “Rise to the occasion. "
            "Act like the debate matters to you.”")
    assert _speaker_of(text, "Act like the debate matters") == "Dana Whitlock"


def test_inverted_cue_after_a_quotation_names_the_speaker():
    from storytrace.claims.quotes import _inverted_attribution
    from storytrace.models import Quote

    text = ("Dana Whitlock spoke first. \"Rise to the occasion. And do not make faces during the speech.\" "
            "added Whitlock, who works for a congressman.")
    start = text.index("Rise")
    end = text.index('." added') + 1
    bare = Quote(text=text[start:end], span=(start, end), speaker=None, speaker_span=None, cue=None, direct=True)
    named = Quote(text="x", span=(0, 1), speaker="Dana Whitlock", speaker_span=(0, 13), cue="spoke", direct=False)
    quote = _inverted_attribution(text, bare, [named, bare])
    assert quote is not None and quote.speaker == "Dana Whitlock" and quote.cue == "added"
    assert _inverted_attribution(text.replace("added", "before"), bare, [named, bare]) is None


def test_a_tagged_transcript_line_without_source_is_its_label_speakers():
    from storytrace.claims.quotes import _label_sources
    from storytrace.models import Quote

    text = ("The debate moderator opened the evening.\n\n"
            "WALLACE: Let us start with the breaking news on the budget story.\n\nThe candidates answered.")
    start = text.index("WALLACE")
    end = text.index("story.") + 6
    tagged = Quote(text=text[start:end], span=(start, end), speaker=None, speaker_span=None, cue="start",
                   cue_span=(start + 13, start + 18), direct=False)
    quote = _label_sources(text, [tagged])[0]
    assert quote.speaker == "Wallace" and text[slice(*quote.speaker_span)] == "WALLACE"
    plain = Quote(text="The candidates", span=(end + 2, end + 16), speaker=None, speaker_span=None, cue=None,
                  direct=False)
    assert _label_sources(text, [plain])[0].speaker is None


def test_doubled_apostrophes_are_a_double_quotation_mark():
    text = ("The mayor spoke at the harbour on Monday. ''We will rebuild every pier by spring,'' "
            "Mayor Ilse Varga said. The fishermen's union's plans were not discussed.")
    assert _quoted(text) == ["We will rebuild every pier by spring,"]
    quotes = [q for q in extract_quotes(text) if q.direct]
    assert [(q.text, q.speaker) for q in quotes] == [("We will rebuild every pier by spring", "Ilse Varga")]


def test_a_quotation_interrupted_by_its_attribution_is_one_quote():
    text = ("Councillor Ilse Varga opened the session. “The harbour will reopen,” Varga said, "
            "“but only after every pier has been inspected.”")
    direct = [q for q in extract_quotes(text) if q.direct]
    assert len(direct) == 1
    assert direct[0].text.startswith("The harbour will reopen") and direct[0].text.endswith("inspected.")
    assert direct[0].speaker is not None and direct[0].speaker.endswith("Varga") and direct[0].cue == "said"


def test_a_comma_after_the_attribution_of_a_new_sentence_is_not_joined():
    text = ("Councillor Ilse Varga opened the session. “The harbour will reopen,” Varga said, and left. "
            "Later the port authority said “nothing has been decided.”")
    direct = [q for q in extract_quotes(text) if q.direct]
    assert len(direct) == 2



def test_a_quotation_signed_with_a_dash_is_the_signers():
    text = ("Readers wrote in after the debate.\n\n"
            "“The moderators lost control of the evening.” ― Ana Ruiz “I changed the channel halfway "
            "through and never looked back.” ― Tomas Berg\n\nThe letters were edited for length.")
    direct = sorted((q for q in extract_quotes(text) if q.direct), key=lambda q: q.span)
    assert [(q.speaker, q.cue) for q in direct] == [("Ana Ruiz", "―"), ("Tomas Berg", "―")]
    assert text[direct[1].speaker_span[0] : direct[1].speaker_span[1]] == "Tomas Berg"


def test_seems_is_not_a_reporting_cue():
    text = ("The harbour reopened on Monday. Still, the lack of enthusiasm for the new mayor among fishermen "
            "seems to be a real issue for her council.")
    assert [q for q in extract_quotes(text) if q.cue is not None and q.cue.lower().startswith("seem")] == []


def test_a_dateline_is_not_part_of_the_speaker():
    quotes = extract_quotes("NEW YORK — Spotify's CEO says the company rolled out its new policy in the wrong way.")
    assert [q.speaker for q in quotes] == ["Spotify's CEO"]
    quotes = extract_quotes(
        "WASHINGTON — Challengers to the Trump administration's decision to add a citizenship question to the "
        "2020 census informed the Supreme Court on Thursday that they believe they have \"new evidence\".")
    assert quotes and all(q.speaker and "WASHINGTON" not in q.speaker and q.speaker != "Challengers Trump"
                          for q in quotes)


def test_an_expletive_it_and_lets_name_no_speaker():
    text = ("The Spotify logo, displayed on a tablet screen in Paris.\n\n"
            "It’s important to note that our policy had two parts.\n\n"
            "Adam Liptak, welcome back. Let's talk about how the right to an abortion is being challenged.")
    for quote in extract_quotes(text):
        if quote.cue and ("important" in quote.cue or "talk" in quote.cue):
            assert quote.speaker is None, quote


def test_a_title_case_label_is_a_speaker_only_when_it_names_a_person_of_the_article():
    text = ("Vice President Mike Pence spoke in Ohio on Monday, the campaign said.\n\n"
            "Pence: Flowers Won’t Be at Debate\n\n"
            "Screenshot: The playlist page as it looked on Friday\n\n"
            "Getting physical: The model clambered up the cart\n\n"
            "Mexico: Officials said talks would go on")
    speakers = {q.speaker for q in extract_quotes(text) if q.cue == ":"}
    assert speakers == {"Pence"}


def test_the_subject_of_a_clause_inside_reported_content_is_not_its_speaker():
    text = ("On Thursday, lawyers for groups including the ACLU said that the files show that a Justice Department "
            "official and a transition official for Trump testified falsely by hiding the consultant's role.")
    quotes = [q for q in extract_quotes(text) if q.cue == "said"]
    assert quotes and all(q.speaker == "lawyers for groups including the ACLU" for q in quotes)
    # a quotation interrupted by its attribution keeps it
    (quote,) = extract_quotes("“We will win,” John Smith said, “and we will win big.”")
    assert quote.speaker == "John Smith"


def test_a_caption_and_a_correction_label_are_not_speakers():
    text = ("The Spotify logo, displayed on a tablet screen in Paris.\n\n"
            "The company changed course on Friday. “We don’t aim to play judge and jury,” it said.\n\n"
            "Correction, June 1, 2018: This article originally stated that Spotify had rolled back its policy.")
    quotes = extract_quotes(text)
    assert not [q for q in quotes if q.speaker and "logo" in q.speaker]
    assert not [q for q in quotes if q.cue and q.cue.startswith("displayed")]
    stated = [q for q in quotes if q.cue and "stated" in q.cue]
    assert stated and all(q.speaker == "This article" for q in stated)


def test_speech_in_a_transcript_line_is_the_labelled_speakers():
    text = ("GROSS: Where is Roe most vulnerable?\n\n"
            "LIPTAK: Listen. It's not hard to write a decision striking down Roe, and we've already sketched out "
            "how that would work. All you need to do is to say it's built on quicksand.\n\n"
            "LIPTAK: The president said \"we will comply\" and he did.")
    speakers = {q.text[:20]: q.speaker for q in extract_quotes(text)}
    assert "All" not in speakers.values()
    assert speakers["It's not hard to wri"] == "Liptak"
    assert speakers["we will comply"] == "The president"


def test_a_first_person_in_narrative_is_the_writer_and_in_a_transcript_line_the_label():
    text = ("President Obama spoke again on Tuesday. Ronald Reagan knew better.\n\n"
            "I think the deal is a disaster for the country.\n\n"
            "LIPTAK: Well. I think the court will get there, quite likely, because the votes are there.")
    speakers = {q.text[:12]: q.speaker for q in extract_quotes(text) if q.cue == "think"}
    assert speakers == {"the deal is ": "I", "the court wi": "Liptak"}


def test_a_one_word_reported_content_is_not_a_quote():
    text = "We are expected to announce the results on Monday, the board said. It appears that the vote was close."
    assert all(len(q.text.split()) >= 2 for q in extract_quotes(text) if not q.direct)


def test_speaker_names_keep_their_printed_spelling():
    quotes = extract_quotes("“We stand together,” said union president Jean-Pierre Chevenement. "
                            "“I say stay on strike,” Donald Trump’s lawyer added.")
    speakers = {q.speaker for q in quotes}
    assert {"Jean-Pierre Chevenement", "Donald Trump’s lawyer"} <= speakers
    assert not [s for s in speakers if s and (" - " in s or " ’s" in s)]


def test_a_title_or_term_in_quotation_marks_is_not_a_quote():
    text = ("The network aired a special called “Shrinkage and Growth” on Monday. The so-called “long-form census” "
            "was dropped in 2010. “We will win,” she said.")
    texts = [q.text for q in extract_quotes(text)]
    assert "We will win" in texts and "Shrinkage and Growth" not in texts and "long-form census" not in texts


def test_a_role_noun_beside_a_name_speaks_for_that_person():
    text = ("The union wrote to the court on Thursday in a letter signed by Dale Ho, director of the group's voting "
            "rights project and a lawyer who argued against adding the question before the top court.")
    argued = [q for q in extract_quotes(text) if q.cue and q.cue.startswith("argued")]
    assert argued and all(q.speaker == "Dale Ho" for q in argued)


def test_the_person_is_the_anonymous_speaker_just_before():
    text = ('A Justice Department representative said the allegations were a "last-ditch effort to derail the case."'
            '\n\n"The Department looks forward to responding in greater detail to these baseless accusations," '
            'the person said.')
    speakers = {q.text[:14]: q.speaker for q in extract_quotes(text)}
    assert speakers["The Department"] == "A Justice Department representative"


def test_you_in_a_transcript_line_is_the_other_speaker():
    text = ("LIPTAK: Chief Justice Roberts is not a friend of Roe, but is also an incrementalist.\n\n"
            "GROSS: And you say it's really Kavanaugh who's going to be deciding that.")
    said = [q for q in extract_quotes(text) if q.cue == "say"]
    assert said and all(q.speaker == "Liptak" for q in said)


def test_he_after_a_role_noun_subject_is_that_person_not_the_last_name_printed():
    text = ("President Donald Trump was sworn in on Friday. “This American carnage stops right here,” he said.\n\n"
            "The president addressed a packed crowd of spectators on a mild day, after taking the oath of office "
            "along with Vice President Mike Pence. The speech did not delve into policy details.\n\n"
            "“When you open your heart to patriotism, there is no room for prejudice,” he said.")
    speakers = {q.text[:9]: q.speaker for q in extract_quotes(text) if q.direct}
    assert speakers == {"This Amer": "Donald Trump", "When you ": "Donald Trump"}
    # no title printed: the person quoted just before is the role noun's
    untitled = text.replace("President Donald Trump was sworn in", "Donald Trump was sworn in as president")
    speakers = {q.text[:9]: q.speaker for q in extract_quotes(untitled) if q.direct}
    assert speakers == {"This Amer": "Donald Trump", "When you ": "Donald Trump"}


def test_a_hyphenated_name_the_parser_splits_into_several_subjects_is_one_speaker():
    # the parser makes "al", "-" and "Abadi" three subjects of "said": the speaker is the whole name
    text = ("The army retook several villages around the city on Monday, Prime Minister Haider al-Abadi said on "
            "Tuesday.")
    (quote,) = extract_quotes(text)
    assert (quote.speaker, quote.speaker_title, quote.cue) == ("Haider al-Abadi", "Prime Minister", "said")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“We are close to a deal,” a source said.", "a source"),
        ("“We are close to a deal,” one source told the newspaper.", "one source"),
        ("Sources said the talks between the two unions had stalled on Monday.", "Sources"),
        ("“The plan failed from the start,” the author wrote.", "the author"),
        ("“Nobody checked the figures,” the editor said.", "the editor"),
        ("“You paid into Medicare for years,” the advertisement says.", "the advertisement"),
        ("“Costs will double by 2030,” the analysis says.", "the analysis"),
    ],
)
def test_words_that_can_be_page_labels_are_speakers_when_they_are_subjects(text: str, speaker: str) -> None:
    """"source", "author", "editor", "advertisement", "analysis", "video" … are page labels when
    printed as one ("Advertisement:", "Correction, June 1:"); as the subject of a cue they speak —
    an anonymous source above all."""
    (quote,) = extract_quotes(text)
    assert quote.speaker == speaker


def test_page_labels_stay_labels_wherever_they_are_printed() -> None:
    text = ("The mapmaker died last year. ### Advertisement: ### Neuman, a friend of the mapmaker, testified that "
            "the question was needed to enforce the law.\n\n"
            "EDITOR'S NOTE: The only point I would add to this article is that the rally is over.\n\n"
            "### Correction, June 1, 2018: This article originally stated that the company had dropped its policy.")
    speakers = {q.speaker for q in extract_quotes(text)}
    assert not {s for s in speakers if s and re.search(r"advertisement|editor|correction", s, re.IGNORECASE)}
    assert "Neuman" in speakers and "This article" in speakers


@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        ("“We need help from the state,” added the mayor.", "the mayor", "added"),
        ("“We need help from the state,” urged the mayor.", "the mayor", "urged"),
        ("“It is far too late for that,” countered a spokesman for the opposition.",
         "a spokesman for the opposition", "countered"),
        ("“It is far too late for that,” quipped Ms. Lee.", "Lee", "quipped"),
        ("“We need help from the state,” pleaded the mayor.", "the mayor", "pleaded"),
    ],
)
def test_an_inverted_attribution_after_a_quotation_names_its_speaker(text: str, speaker: str, cue: str) -> None:
    (quote,) = extract_quotes(text)
    assert (quote.speaker, quote.cue, quote.direct) == (speaker, cue, True)
    assert quote.speaker_span is not None and text[quote.speaker_span[0] : quote.speaker_span[1]].endswith(
        speaker.split()[-1])


def test_an_inverted_role_noun_stands_for_the_person_with_that_role() -> None:
    text = ("Mayor Ines Okafor opened the meeting. “We will rebuild the bridge,” Okafor said.\n\n"
            "The council then voted to close the road for a year.\n\n"
            "“We need help from the state,” added the mayor.")
    quote = next(q for q in extract_quotes(text) if "help from the state" in q.text)
    assert quote.speaker is not None and quote.speaker.endswith("Okafor") and quote.cue == "added"



def test_a_phrase_of_place_or_time_alone_is_no_reported_content() -> None:
    text = ("Rebel fighters pushed toward Kestrel on Monday. \"We will not surrender a single street of this city,\" "
            "Defence Minister Omar Farouk said in the capital, according to state television.")
    quotes = extract_quotes(text)
    assert not [q for q in quotes if q.text.strip() == "in the capital"]
    assert any(q.direct and q.speaker == "Omar Farouk" for q in quotes)
