"""A speaker that is a name is the name a reader sees, not one capitalised word of it
(POSSESSIVE_INSTITUTIONS, CONNECTED_TITLES, MASTHEADS_AT_SENTENCE_START)."""

from __future__ import annotations

from storytrace.claims.quotes import extract_quotes


def _speakers(text: str) -> list[str | None]:
    return [q.speaker for q in extract_quotes(text)]


def test_an_institution_after_a_possessive_name_is_the_whole_name():
    text = ("Prosecutors moved on Monday. The U.S. Attorney’s Office for the District of Columbia has filed "
            "notice with the Court that it is moving forward with the prosecution of 59 defendants.")
    assert _speakers(text) == ["U.S. Attorney’s Office"]


def test_an_institution_after_a_possessive_name_speaks_after_its_quotation():
    text = ("“Family bills paid with campaign funds were called a charitable gift,” the press release "
            "from the State Attorney’s Office said as an example.")
    assert "Office" not in _speakers(text)
    assert "State Attorney’s Office" in _speakers(text)


def test_a_title_joined_by_of_is_one_name():
    text = ("The board noted the Code of Conduct for U.S. judges says that a “judge should not publicly "
            "endorse or oppose a candidate for public office.”")
    speakers = _speakers(text)
    assert "Code" not in speakers
    assert "Code of Conduct" in speakers


def test_a_masthead_printed_with_the_keeps_it_at_a_sentence_start():
    text = ("Congress left town on Friday without a deal, The Hill reported. The Hill noted the wall has "
            "emerged as the biggest obstacle in getting a funding bill passed.")
    assert _speakers(text) == ["The Hill", "The Hill"]


def test_the_at_a_sentence_start_is_no_masthead_of_its_own():
    text = ("Officials spoke on Monday.\n\nThe Pentagon has disclosed that it carried out several ground "
            "operations in Yemen.")
    assert _speakers(text) == ["Pentagon"]
