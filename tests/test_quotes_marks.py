"""Single quotation marks as an article's main marks (British style: 'We don't aim to play judge and
jury,' the company said.) — and the apostrophes that never open or close a quotation."""

from __future__ import annotations

import pytest

from storytrace.claims.quotes import extract_quotes, find_quote_marks


def _quoted(text: str) -> list[str]:
    return [text[m.start : m.end] for m in find_quote_marks(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("'We don't aim to play judge and jury,' the company said.", ["We don't aim to play judge and jury,"]),
        ("‘We don’t aim to play judge and jury,’ the company said.", ["We don’t aim to play judge and jury,"]),
        ("'The artists' managers were never asked,' Ms Hale said.", ["The artists' managers were never asked,"]),
        ("'I ain't seen nothin' like it,' wrote Punch.", ["I ain't seen nothin' like it,"]),
        ("The policy 'created confusion' when it was announced and the firm 'didn't spend enough time', it said.",
         ["created confusion", "didn't spend enough time"]),
        ("It is 'moving away from a conduct policy'. The label's boss agreed.", ["moving away from a conduct policy"]),
        ("'He was like, \"You had one an hour ago\",' she said.", ['He was like, "You had one an hour ago",']),
        ("Spotify's '90s playlists and rock 'n' roll covers don't sell, the artists' agents say 'em all.", []),
    ],
    ids=["straight", "curly", "plural-possessive-inside", "dropped-g-inside", "two-partial-quotes",
         "partial-before-full-stop", "double-nested-in-single", "apostrophes-only"],
)
def test_single_marks_quote_in_an_article_that_quotes_with_them(text, expected):
    assert _quoted(text) == expected


def test_single_marks_stay_apostrophes_and_nested_quotes_where_double_marks_quote():
    # American copy: double marks quote; a single-mark term beside them is not read as a quotation,
    # and a single-mark quotation inside double marks stays part of the outer one.
    text = ("Mr. Cole called the plan “a disaster” on Monday.\n\n"
            "“They called it a ‘temporary measure’ three years ago,” he said of the 'minor' changes.")
    assert _quoted(text) == ["a disaster", "They called it a ‘temporary measure’ three years ago,"]


def test_a_single_mark_quotation_goes_on_into_the_next_paragraph():
    text = ("'When platforms promote abusers, they let them reap the profits.\n\n"
            "'This normalises violence against women,' Shaunna Hale said.\n\nThe group meets in June.")
    quoted = _quoted(text)
    assert len(quoted) == 1
    assert quoted[0].startswith("When platforms") and quoted[0].endswith("against women,")


def test_an_opening_mark_that_never_closes_inside_a_paragraph_is_an_apostrophe():
    # ("the 'burbs" is no elision the rules know: no closing mark follows, so no quotation)
    assert _quoted("Families moved to the 'burbs in the spring.\n\n'It was quiet,' Tom Hale said.") == ["It was quiet,"]


def test_british_quotes_are_direct_with_their_speakers():
    text = ("Spotify is backtracking on its hate policy after criticism from the music industry.\n\n"
            "'We don't aim to play judge and jury,' Jonathan Prince, a Spotify spokesman, said.\n\n"
            "'Whoa. Are they censoring the music? I ain't seen nothin' like it,' wrote Terrence Henderson, "
            "the label's co-president, on Twitter.\n\n"
            "Women's group UltraViolet was not happy. 'This normalises violence against women,' Shaunna Hale, "
            "its director, said.")
    direct = {q.text: q.speaker for q in extract_quotes(text) if q.direct}
    assert direct == {
        "We don't aim to play judge and jury": "Jonathan Prince",
        "Whoa. Are they censoring the music? I ain't seen nothin' like it": "Terrence Henderson",
        "This normalises violence against women": "Shaunna Hale",
    }
    # (and no reported "content" swallowing its own attribution: "… jury,' the company")
    assert not [q for q in extract_quotes(text) if not q.direct and "'" in q.text]


def test_a_quotation_right_after_the_cue_and_a_colon_is_its_content():
    # Photo captions run into the sentence; the parser gives "said" the caption's clause as its
    # complement, but the words in marks after "said:" are what she said.
    text = ("Singer Carla Brook, 38, said she was happy to be back at the stables in Chester on Tuesday.\n\n"
            "All smiles: Brook checked out the set as the crew got ready Walk around: She held a bottle of water "
            "while she chatted to the crew She said: 'I'm always the one who wants another coffee, and he'll be "
            "like, \"You had one an hour ago\".'")
    quote = next(q for q in extract_quotes(text) if "another coffee" in q.text)
    assert quote.direct and quote.speaker == "Carla Brook"
    assert quote.text.startswith("I'm always the one")


def test_a_sentence_with_single_marks_is_parsed_without_a_listed_reporting_verb():
    # ("confessed" is no verb of the reporting list: the sentence is read for its quotation marks)
    text = ("Singer Carla Brook, 38, said she was happy to be back at the stables in Chester on Tuesday.\n\n"
            "She confessed: 'I can go three days without brushing my teeth. He keeps me on the straight and narrow.'")
    quote = next(q for q in extract_quotes(text) if "brushing my teeth" in q.text)
    assert quote.direct and quote.speaker == "Carla Brook" and quote.cue is not None


def test_backticks_and_two_apostrophes_are_double_marks_as_wire_feeds_type_them() -> None:
    text = ("Stephen Thornton, chief executive of the trust, said: ``It seems the minister has not listened "
            "to us.''\n\nHe added: ``We will keep trying.''")
    marks = find_quote_marks(text)
    assert [text[m.start : m.end] for m in marks] == ["It seems the minister has not listened to us.",
                                                      "We will keep trying."]
    assert [q.speaker for q in extract_quotes(text) if q.direct] == ["Stephen Thornton", "Stephen Thornton"]
