"""A subject before a passive cue holds the view when a "that" clause follows (HOLDER_SUBJECTS)."""

from __future__ import annotations

from storytrace.claims.quotes import extract_quotes

CONVINCED = (
    "Robert Fisk, a veteran correspondent, has covered the region for decades. The fighters would "
    "abandon Mosul and flee to Raqqa, a stronghold they hold in Syria. Fisk is convinced that after "
    "the fall of Mosul, the army would invade Syria and start to fight government forces."
)


def test_the_holder_of_a_view_is_its_speaker_not_part_of_what_was_said():
    found = [q for q in extract_quotes(CONVINCED) if "invade Syria" in q.text]
    assert len(found) == 1
    quote = found[0]
    assert quote.text.startswith("that after the fall of Mosul")
    assert not quote.text.startswith("Fisk")
    assert quote.speaker == "Robert Fisk"
    assert quote.cue == "is convinced"


def test_a_subject_raised_into_an_infinitive_stays_in_the_content():
    text = ("The Supreme Court will hear the case this week. The court is expected to rule by June, "
            "lawyers for both sides said.")
    found = [q for q in extract_quotes(text) if "rule by June" in q.text]
    assert [q.text for q in found] == ["The court is expected to rule by June"]
