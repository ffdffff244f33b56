"""Conflict rules found on real piles (rev-h1), each on texts written here."""

from __future__ import annotations

from storytrace.compare.conflicts import person_key_from, speaker_conflicts, wording_changes, wording_conflicts
from storytrace.compare.matching import QuoteItem
from storytrace.models import Quote


def qitem(number: int, article: int, text: str, speaker: str | None = None) -> QuoteItem:
    quote = Quote(text=text, span=(0, len(text)), speaker=speaker, speaker_span=None, cue="said", direct=True)
    return QuoteItem(id=f"q{number}", article=article, quote=quote)


def test_a_british_spelling_is_not_a_wording_change():
    # a British outlet reprints an American statement in its own spelling: the same words
    american = qitem(1, 1, "Streaming platforms that promote abusers normalize violence and honor the wrong people "
                           "at the center of the scene")
    british = qitem(2, 2, "Streaming platforms that promote abusers normalise violence and honour the wrong people "
                          "at the centre of the scene")
    assert wording_conflicts([american, british]) == []
    # a changed word still counts, and a spelling rule never makes two words one ("four" / "for")
    changed = qitem(3, 3, "Streaming platforms that promote abusers excuse violence and honour the wrong people "
                          "at the centre of the scene")
    (conflict,) = wording_conflicts([american, changed])
    assert "“normalize” → “excuse”" in conflict.detail
    counted = qitem(4, 1, "We waited four hours at the gate before anyone told us anything at all")
    other = qitem(5, 2, "We waited for hours at the gate before anyone told us anything at all")
    (conflict,) = wording_conflicts([counted, other])
    assert "“four” → “for”" in conflict.detail


def test_a_lone_word_in_common_past_where_two_printings_part_is_not_a_change():
    # the two printings share "we have won before" and "do it again", then go separate ways; their "that"
    # at the end is a coincidence, not the place where "this is so much bigger" became "by making"
    first = qitem(1, 1, "We have won before and we'll do it again. This is so much bigger that politics")
    second = qitem(2, 2, "We have won before. We will do it again by making that difference")
    assert wording_changes(first, second) == [("and we'll", "We will")]
    # the same at the start: a lone "a" far back in the longer printing
    longer = qitem(3, 3, "That study had no role in a decision. These claims are an unfortunate attempt to derail "
                         "the court's review of this case")
    shorter = qitem(4, 4, "a attempt to derail the court's review of this case")
    assert wording_changes(longer, shorter) == []
    # a lone word where both printings end (or start) still closes the stretch: a changed word before it counts
    ends = qitem(5, 5, "We have won before and the economy is strong now")
    other_end = qitem(6, 6, "We have won before and the economy is weak now")
    assert wording_changes(ends, other_end) == [("strong", "weak")]


def test_words_a_speaker_quotes_inside_his_own_quote_are_not_credited_to_two_people():
    # the spokesman's statement quotes the motto; another article prints the motto as the president's
    person = person_key_from({"jay carney": "e1", "carney": "e1", "barack obama": "e2", "obama": "e2"})
    statement = qitem(1, 1, "the House has spent its time reaffirming a motto, ‘We hold these truths to be "
                            "self-evident,’ that nobody doubted", "Jay Carney")
    motto = qitem(2, 2, "We hold these truths to be self-evident", "Barack Obama")
    assert speaker_conflicts([statement, motto], person) == []
    # the same with double marks opened inside the quotation
    nested = qitem(3, 1, "the House has spent its time reaffirming “We hold these truths to be self-evident” as a "
                         "motto", "Jay Carney")
    assert speaker_conflicts([nested, motto], person) == []
    # the words printed as the quotation's own words still make the conflict
    plain = qitem(4, 1, "We hold these truths to be self-evident, and the House spent its time on that", "Jay Carney")
    (conflict,) = speaker_conflicts([plain, motto], person)
    assert conflict.kind == "speaker"
    # and so do words that continue a second quoted part after the writer's attribution
    parts = qitem(5, 1, "We did what we could,\" Carney said. \"We hold these truths to be self-evident", "Jay Carney")
    (conflict,) = speaker_conflicts([parts, motto], person)
    assert conflict.kind == "speaker"


def test_a_lone_word_in_common_next_to_the_shared_stretch_still_anchors_a_change():
    # "just" left out between "that's" and "a bunch of malarkey"; "this" left out and two words added
    # between lone words near the end of the shorter printing
    first = qitem(1, 1, "With all due respect, that's just a bunch of malarkey. Not a single thing he said is accurate")
    second = qitem(2, 2, "That's a bunch of malarkey. Not a single thing he said is accurate")
    assert wording_changes(first, second) == [("just", "")]
    meeting = qitem(3, 3, "There should be no private meeting between this president and Putin. There needs to be "
                          "others in the room")
    other = qitem(4, 4, "There should be no private meeting between President Trump and Vladimir Putin")
    assert wording_changes(meeting, other) == [("this", ""), ("", "Trump"), ("", "Vladimir")]


def test_two_sentences_with_only_lone_words_in_common_are_not_one_changed_quote():
    # two sentences of one statement, joined in one claim through a third printing: "a", "to", "the"
    # in common are no stretch both print ("derail" left out)
    first = qitem(1, 1, "a desperate effort to derail the court's review of this case")
    second = qitem(2, 2, "That memo had no part in the request to add a question to the form,\" it said. \"The office "
                         "will answer these claims in its filing on Monday")
    assert wording_changes(first, second) == []


def test_a_part_the_reference_article_does_not_print_is_compared_with_an_earlier_printing():
    # the first article prints only the end of the statement; the second and third print it all, with
    # "debating" in one and "doing" in the other
    end = "I trust in God, but God wants to see us help ourselves by putting people back to work"
    first = qitem(1, 1, end)
    second = qitem(2, 2, "What have you guys been debating, John? You have been debating a coin for baseball. " + end)
    third = qitem(3, 3, "What have you guys been doing, John? You have been debating a coin for baseball. " + end)
    (conflict,) = wording_conflicts([first, second, third])
    assert conflict.members == ("q2", "q3") and "“debating” → “doing”" in conflict.detail
    # a printing that only undoes the second article's change against the first is not listed again
    changed = qitem(4, 2, "I trust in God, but God wants to see us help ourselves by putting folks back to work. "
                          "That is all I ask")
    restored = qitem(5, 3, end + ". That is all I ask")
    (conflict,) = wording_conflicts([first, changed, restored])
    assert conflict.members == ("q1", "q4") and "“people” → “folks”" in conflict.detail


def test_a_quotation_inside_a_quote_needs_its_own_marks_not_the_next_part_of_a_british_quote():
    person = person_key_from({"ann lee": "e1", "bob day": "e2"})
    # a quote in single marks: the words after the writer's "she said" are her next part, not a quotation
    # she quotes, so another article crediting them to someone else is a conflict
    parts = qitem(1, 1, "The village was kind to us,' she said. 'A few in this village made our lives a misery", "Ann Lee")
    other = qitem(2, 2, "A few in this village made our lives a misery", "Bob Day")
    (conflict,) = speaker_conflicts([parts, other], person)
    assert conflict.kind == "speaker"
    # she quotes what she told the police, in marks of its own: not a conflict
    told = qitem(3, 1, "I told them, 'My husband is dying, please stop the attack now'.", "Ann Lee")
    repeated = qitem(4, 2, "My husband is dying, please stop the attack now", "Bob Day")
    assert speaker_conflicts([told, repeated], person) == []
    # a few words of a long quotation inside the quote are not the whole of it
    long_inner = qitem(5, 1, "He wrote 'we will hold the line whatever it costs and whoever stands against us, for as "
                             "long as it takes' and signed it", "Ann Lee")
    piece = qitem(6, 2, "we will hold the line whatever", "Bob Day")
    (conflict,) = speaker_conflicts([long_inner, piece], person)
    assert conflict.kind == "speaker"


def test_letters_after_a_name_and_wire_headers_do_not_make_another_speaker():
    person = person_key_from({"adrian redgrave qc": "e1", "redgrave": "e2", "victor temple": "e3"})
    words = "in circumstances of almost unimaginable savagery and callousness"
    same = [qitem(1, 1, words, "Adrian Redgrave QC"), qitem(2, 2, words, "Redgrave")]
    assert speaker_conflicts(same, person) == []
    # a page header run into the name, or an article before a role, is no person to compare
    header = [qitem(3, 3, words, "COURTS Temple Nightlead TEMPLE"), qitem(4, 4, words, "A JUDGE")]
    assert speaker_conflicts([*same, *header], person) == []
    # a name printed all in capitals still is one
    (conflict,) = speaker_conflicts([*same, qitem(5, 5, words, "VICTOR TEMPLE")], person)
    assert "VICTOR TEMPLE in a5" in conflict.detail


def test_a_double_barrelled_surname_printed_with_spaces_around_its_hyphen_is_one_speaker():
    person = person_key_from({})
    words = "the defendant had every chance to tell the police what happened that night"
    items = [qitem(1, 1, words, "Christopher Llewellyn-Jones QC"), qitem(2, 2, words, "Christopher Llewellyn - Jones QC")]
    assert speaker_conflicts(items, person) == []


def test_a_phrase_of_a_few_words_credited_to_two_people_is_no_speaker_conflict():
    person = person_key_from({"ann lee": "e1", "bob day": "e2"})
    # the witness's sentence and the same short phrase as a scare quote near another name
    said = qitem(1, 1, "I can see now that it was the worst decision of my life to go out on my own", "Ann Lee")
    scare = qitem(2, 2, "worst decision of my life", "Bob Day")
    assert speaker_conflicts([said, scare], person) == []
    # six words or more in common are the same words
    longer = qitem(3, 2, "it was the worst decision of my life", "Bob Day")
    (conflict,) = speaker_conflicts([said, longer], person)
    assert conflict.kind == "speaker"


def test_the_writer_s_words_between_parts_of_a_quote_in_single_or_wire_marks_are_not_a_change():
    double = qitem(1, 1, "This case is not about whether the crops are good or bad. It cannot be about which side is "
                         "right in one of the great debates of our time")
    single = qitem(2, 2, "This case is not about whether the crops are good or bad,' he said. 'It cannot be about "
                         "which side is right in one of the great debates of our time")
    assert wording_changes(double, single) == []
    wire = qitem(3, 3, "' said the judge.< ``This case is not about whether the crops are good or bad,'' he added. "
                       "``It cannot be about which side is right in one of the great debates of our time")
    assert wording_changes(double, wire) == []
    # a word changed inside the quotation still counts
    changed = qitem(4, 4, "This case is not about whether the crops are good or bad,' he said. 'It cannot be about "
                          "which side is correct in one of the great debates of our time")
    assert wording_changes(double, changed) == [("right", "correct")]


def test_a_number_in_figures_or_words_is_not_a_wording_change():
    words = qitem(1, 1, "Experts have never seen injuries of this severity caused by a fall of about five feet "
                        "from a carer's arms")
    figures = qitem(2, 2, "Experts have never seen injuries of this severity caused by a fall of about 5 ft from a "
                          "carer's arms")
    assert wording_conflicts([words, figures]) == []


def test_a_count_of_the_others_besides_someone_named_is_not_the_whole_count():
    from storytrace.compare.conflicts import quantity_conflicts
    from storytrace.compare.matching import QuantityItem
    from storytrace.models import Quantity

    def item(number: int, article: int, text: str, value: float, counted: str) -> QuantityItem:
        quantity = Quantity(text=text, span=(0, len(text)), value=value, qualifier="exact", counted=counted)
        return QuantityItem(id=f"n{number}", article=article, quantity=quantity, story=1)

    # "the chief judge and two other appeal judges" against "the three appeal judges": one bench of three
    others = item(1, 1, "two other appeal judges", 2, "other appeal judges")
    total = item(2, 2, "three appeal judges", 3, "appeal judges")
    assert quantity_conflicts([others, total])[0] == []
    extra = item(3, 3, "two more appeal judges", 2, "more appeal judges")
    assert quantity_conflicts([extra, total])[0] == []
    # the whole counts still disagree
    (conflict,), _ = quantity_conflicts([item(4, 4, "five appeal judges", 5, "appeal judges"), total])
    assert conflict.kind == "value"


def test_another_sentence_of_the_reference_article_is_not_a_word_for_word_printing():
    # the first article prints the question and the answer apart; the answer's change must not be
    # cancelled by the question, which shares no words with it but is about as long
    question = qitem(1, 1, "What were you doing to me? Why were you doing this to me?")
    answer = qitem(2, 1, "He shrugged and said, oh you remember that, do you? Well, don't worry, you won't remember "
                         "that later")
    other = qitem(3, 2, "Oh you remember that do you? Well, don't worry, you won't remember later")
    (conflict,) = wording_conflicts([question, answer, other])
    assert conflict.members == ("q2", "q3") and "“that” left out" in conflict.detail
