"""Where attribution spans begin and end, as PolNeAR marks them: the reported clause around a partial
quotation, the comma closing a source's apposition, the linking word before a reported content.
Sentences written for these tests; the shared PolNeAR dev split, when present, checks the figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from storytrace.claims.quotes import clause_around_quotation, extract_quotes, tidy_source_span
from storytrace.eval.polnear import evaluate_polnear

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear"


def _spanned(text: str, piece: str) -> tuple[int, int]:
    start = text.index(piece)
    return start, start + len(piece)


def test_a_partial_quotation_keeps_the_clause_around_it_and_stays_a_quote_of_its_own():
    text = "Sen. Ana Ruiz called the budget “reckless, cruel and a betrayal of every family in this city.”\n"
    quotes = extract_quotes(text)
    reported = [q for q in quotes if not q.direct]
    direct = [q for q in quotes if q.direct]
    assert [q.text for q in reported] == [
        "the budget “reckless, cruel and a betrayal of every family in this city.”"
    ], quotes
    assert [q.text for q in direct] == ["reckless, cruel and a betrayal of every family in this city."], quotes
    assert reported[0].speaker == direct[0].speaker and reported[0].cue == direct[0].cue == "called"


def test_the_subject_before_a_partial_quotation_belongs_to_the_reported_clause():
    text = "The mayor says the new bridge “will open before the winter, whatever it costs.”\n"
    quotes = extract_quotes(text)
    assert "the new bridge “will open before the winter, whatever it costs.”" in [q.text for q in quotes], quotes
    assert "will open before the winter, whatever it costs." in [q.text for q in quotes if q.direct], quotes


def test_clause_around_quotation_needs_words_of_its_own():
    text = "She said that “we will win.” He called the plan “a disaster” on Monday."
    inner = _spanned(text, "we will win.")
    # a complementizer and the marks add nothing: no second quote
    assert clause_around_quotation(text, _spanned(text, "that “we will win.”"), inner) is None
    assert clause_around_quotation(text, inner, inner) is None
    clause = _spanned(text, "the plan “a disaster”")
    assert clause_around_quotation(text, clause, _spanned(text, "a disaster")) == clause
    # words after the closing mark count too
    later = _spanned(text, "“a disaster” on Monday")
    assert clause_around_quotation(text, later, _spanned(text, "a disaster")) == later
    # a clause that does not hold the quotation is not one around it
    assert clause_around_quotation(text, _spanned(text, "He called"), inner) is None


def test_the_comma_closing_a_sources_apposition_belongs_to_the_source():
    text = "“We have no money left,” Ann Lee, the finance officer, told the council on Monday.\n"
    quotes = [q for q in extract_quotes(text) if q.speaker_span is not None]
    assert quotes, quotes
    assert text[slice(*quotes[0].speaker_span)] == "Ann Lee, the finance officer,"


def test_tidy_source_span_takes_the_closing_comma_only_after_an_apposition():
    text = "Ann Lee, 54, a nurse, said so. Ann Lee, meanwhile, left. Ann Lee said so."
    assert text[slice(*tidy_source_span(text, _spanned(text, "Ann Lee, 54, a nurse")))] == "Ann Lee, 54, a nurse,"
    # no comma inside: the comma after the name opens something else
    plain = text.index("Ann Lee, meanwhile")
    assert tidy_source_span(text, (plain, plain + len("Ann Lee"))) == (plain, plain + len("Ann Lee"))
    # no comma after it: unchanged
    last = text.rindex("Ann Lee")
    assert tidy_source_span(text, (last, last + len("Ann Lee"))) == (last, last + len("Ann Lee"))


def test_a_reported_content_leaves_out_the_word_linking_it_to_the_sentence_before():
    text = "The council met on Monday.\n\nBut the library will close next year, according to the finance officer.\n"
    reported = [q for q in extract_quotes(text) if not q.direct]
    assert [q.text for q in reported] == ["the library will close next year"], reported


def test_a_direct_quote_keeps_its_first_word():
    text = "“And we will not stop there,” the mayor said.\n"
    assert [q.text for q in extract_quotes(text)] == ["And we will not stop there"]


def test_polnear_dev_exact_figures_keep_their_floor():
    if not (SHARED / "dev").is_dir():
        pytest.skip(f"{SHARED} not found: shared evaluation data absent")
    result = evaluate_polnear(SHARED)
    # measured 0.541 / 0.522 / 0.585 exact (0.519 / 0.496 / 0.585 before these boundary rules); cue 0.5883 →
    # 0.5832 since cues are cut to their verb group ("said Thursday night:" → "said", "said in its
    # statement" → "said" with the statement as channel: docs/claims.md, eighth speaker review), where
    # PolNeAR's gold cue often keeps the time or the document
    assert result["content_f1_exact"] >= 0.535, result
    assert result["source_f1_exact"] >= 0.515, result
    assert result["cue_f1_exact"] >= 0.580, result
    assert result["content_f1_overlap"] >= 0.709 and result["source_f1_overlap"] >= 0.663, result


def test_no_clause_across_a_sentence_or_after_a_comma_or_before_a_complementizer():
    text = "He spoke of the city. “It is hard,” he said. She said of the plan, “It works.” He told Ann that “we win.”"
    hard = _spanned(text, "It is hard,")
    assert clause_around_quotation(text, _spanned(text, "the city. “It is hard,”"), hard) is None
    works = _spanned(text, "It works.")
    assert clause_around_quotation(text, _spanned(text, "the plan, “It works.”"), works) is None
    # the addressee before "that" is not the clause's: only "that" is left, which adds nothing
    assert clause_around_quotation(text, _spanned(text, "Ann that “we win.”"), _spanned(text, "we win.")) is None


def test_a_clause_around_two_quotations_does_not_hide_either():
    text = "The minister described “open access” for farm goods as “a betrayal of every farmer in the land.”\n"
    direct = [q.text for q in extract_quotes(text) if q.direct]
    assert "open access" in direct, direct


def test_a_headline_after_its_speakers_label_leaves_out_the_lines_full_stop():
    text = (
        "Vice President Mike Pence spoke in Ohio on Monday, the campaign said.\n\n"
        "Pence: Flowers Won’t Be at Debate.\n\n"
        "PENCE: We will be there.\n"
    )
    labelled = [q.text for q in extract_quotes(text) if q.cue == ":"]
    assert "Flowers Won’t Be at Debate" in labelled, labelled
    # a transcript line in capitals is a sentence spoken: its stop stays
    assert "We will be there." in labelled, labelled


def test_a_quotation_closing_on_its_own_punctuation_ends_the_clause():
    text = "She added: “Nobody will pay a toll,” and left. He called it “a disgrace,” and sat down."
    nobody = _spanned(text, "Nobody will pay a toll,")
    assert clause_around_quotation(text, _spanned(text, "“Nobody will pay a toll,” and left"), nobody) is None
    disgrace = _spanned(text, "a disgrace,")
    assert clause_around_quotation(text, _spanned(text, "it “a disgrace,” and sat down"), disgrace) == _spanned(
        text, "it “a disgrace,”"
    )


def test_an_article_alone_before_a_quotation_is_no_clause():
    text = "We now see the “principal benefit,” they wrote."
    benefit = _spanned(text, "principal benefit,")
    assert clause_around_quotation(text, _spanned(text, "the “principal benefit,”"), benefit) is None
