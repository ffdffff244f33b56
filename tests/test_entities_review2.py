"""Entities, second review: names a reader can trust (docs/claims.md, "Entities: names a reader can
trust"). Mangled names (a name run together with a place, an office or an organisation), outlets that
lost their "The", departments called by their subject. The texts are written for these tests; rule
tests give the mentions by hand, extraction tests run the real model."""

from __future__ import annotations

from conftest import entity_of, resolve
from storytrace.claims.entities import entity_for_name, extract_mentions, resolve_entities
from storytrace.models import Entity


def names(entities: list[Entity]) -> set[str]:
    return {n for e in entities for n in (e.name, *e.aliases)}


# ---------------------------------------------------------------------------------------------
# a name run together with the name before or after it


def test_a_person_run_into_the_place_after_the_name_is_split():
    entities = resolve(
        ("Kenji Mori met the envoy. According to Kenji Mori Japan will pay. Mori left for Japan.",
         [("Kenji Mori Japan", "PERSON"), ("Kenji Mori", "PERSON"), ("Mori", "PERSON"), ("Japan", "GPE")]),
    )
    assert "Kenji Mori Japan" not in names(entities)
    assert len(entity_of(entities, "Kenji Mori").mentions) == 3
    assert len(entity_of(entities, "Japan").mentions) == 2


def test_a_surname_run_into_the_organisation_after_it_is_split():
    entities = resolve(
        ("A. Paul Brandt advised the secretary. Brandt wrote a draft.",
         [("A. Paul Brandt", "PERSON"), ("Brandt", "PERSON")]),
        ("Then he ghostwrote the Brandt Department of Energy letter. The Department of Energy denied it.",
         [("Brandt Department of Energy", "ORG"), ("Department of Energy", "ORG")]),
    )
    assert "Brandt Department of Energy" not in names(entities)
    assert {a for a, _ in entity_of(entities, "Department of Energy").mentions} == {2}
    assert {a for a, _ in entity_of(entities, "A. Paul Brandt").mentions} == {1, 2}


def test_a_common_word_run_into_a_surname_is_split():
    text = ("The census is near. The Census will ask about age. Officials of the Census said so. "
            "U.S. Census Halvorsen testified last week. John Halvorsen had led the census.")
    entities = resolve(
        (text, [("Census Halvorsen", "PERSON"), ("Census", "ORG"), ("John Halvorsen", "PERSON")]),
    )
    assert "Census Halvorsen" not in names(entities)
    assert len(entity_of(entities, "John Halvorsen").mentions) == 2


def test_a_first_name_that_is_also_a_thing_is_no_run_together_name():
    # "Georgia" is a place of the pile, but never printed in lower case: a first name, not a heading word
    entities = resolve(
        ("Georgia Lind spoke in Georgia. Lind said the vote in Georgia was close. Lind won.",
         [("Georgia Lind", "PERSON"), ("Lind", "PERSON"), ("Georgia", "GPE")]),
        ("A bill is a bill. The Bill passed. Bill Orme voted for the Bill. Senator Orme said so. Jane Orme agreed.",
         [("Bill Orme", "PERSON"), ("Bill", "LAW"), ("Orme", "PERSON"), ("Jane Orme", "PERSON")]),
    )
    assert "Georgia Lind" in names(entities) and "Bill Orme" in names(entities)


def test_an_organisation_the_ner_calls_a_person_is_no_person_run_into_a_place():
    # "Common Cause North Carolina" is one name; the NER calls "Common Cause" a person as often as not,
    # but its words are words the pile prints in lower case
    entities = resolve(
        ("Common Cause sued. A common cause. Common Cause North Carolina joined the suit in North Carolina.",
         [("Common Cause North Carolina", "ORG"), ("Common Cause", "PERSON"), ("North Carolina", "GPE")]),
    )
    assert "Common Cause North Carolina" in names(entities)


def test_a_title_inside_a_person_span_starts_the_name():
    text = "In July, the Chief Justice of Arland and Wessex Lord Pennant declared the law settled."
    found = extract_mentions(text)
    people = [m.text for m in found if m.type == "PERSON"]
    assert people and all(not p.startswith("Wessex") for p in people), found
    # a generation after the last name is no title's name
    from storytrace.claims.entities import _after_run_in_office

    name = "Martin Luther King Jr."
    assert _after_run_in_office(name, 0, len(name)) == 0
    office = "Commerce Secretary Wilbur Ross"
    assert office[_after_run_in_office(office, 0, len(office)) :] == "Secretary Wilbur Ross"


# ---------------------------------------------------------------------------------------------
# outlets keep their "The"; "the Times" is the paper the article names


def test_the_of_an_outlet_inside_a_sentence_is_kept():
    text = ("Aid for 200,000 migrants ends in May, The Hill reported on Monday. "
            "Senator Ann Hill said she would fight it.")
    found = extract_mentions(text)
    assert any(m.text == "The Hill" for m in found), found
    # at a sentence's start "The" is no part of the name, nor after a capitalized word (a lost full stop)
    assert all(m.text != "The Senate" for m in extract_mentions("The Senate voted on Tuesday."))
    found = extract_mentions("The news came from RT The Pentagon has disclosed the strikes.")
    assert all(not m.text.startswith("The ") for m in found), found


def test_a_name_with_its_the_is_not_taken_where_the_ner_missed_it():
    entities = resolve(
        ("Officials said so, The Pentagon confirmed. The Pentagon denied it later.", [("The Pentagon", "ORG")]),
        ("The Pentagon said the strikes went on. Then the Pentagon paused.", [("Pentagon", "ORG")]),
        ("Sources at the Pentagon agreed, and the Pentagon said so.", [("Pentagon", "ORG")]),
    )
    # "The Pentagon" at a sentence's start may be either; printed "the Pentagon" as often, it is "Pentagon"
    pentagon = entity_of(entities, "Pentagon")
    assert pentagon.name == "Pentagon" and len(pentagon.mentions) == 6
    assert all(m.text == "Pentagon" for a, m in pentagon.mentions if a > 1)


def test_an_outlet_with_its_the_is_not_a_surname_and_meets_itself_without_it():
    entities = resolve(
        ("The cuts will go ahead, The Ridge reported. Mary Ridge, a teacher, objected.",
         [("The Ridge", "ORG"), ("Mary Ridge", "PERSON")]),
        ("Ridge first reported the cuts on Monday. The Ridge named no source.", [("Ridge", "ORG")]),
    )
    outlet = entity_of(entities, "The Ridge")
    assert outlet.type == "ORG" and {a for a, _ in outlet.mentions} == {1, 2}
    assert outlet.name == "The Ridge"
    assert {a for a, _ in entity_of(entities, "Mary Ridge").mentions} == {1}
    assert entity_for_name(entities, "The Ridge") is outlet


def test_the_times_is_the_newspaper_its_article_names():
    entities = resolve(
        ("The Arden Valley Times found the letter. According to the Times, the paragraph was copied.",
         [("Arden Valley Times", "ORG"), ("Times", "ORG")]),
        ("As the Times put it, trading was chaotic, the Arden Valley Times wrote.",
         [("Times", "ORG"), ("Arden Valley Times", "ORG")]),
    )
    paper = entity_of(entities, "Arden Valley Times")
    assert "Times" in paper.aliases and len(paper.mentions) == 4


def test_the_times_stays_apart_where_an_article_names_no_paper():
    # which Times the second article means, nothing says: its Times stays apart, while the first
    # article's is the paper that article names (it had stayed with the second's, unjoined)
    entities = resolve(
        ("The Arden Valley Times found the letter. According to the Times, the paragraph was copied.",
         [("Arden Valley Times", "ORG"), ("Times", "ORG")]),
        ("As the Times put it, trading was chaotic.", [("Times", "ORG")]),
    )
    alone = [e for e in entities if e.name == "Times"]
    assert len(alone) == 1 and {a for a, _ in alone[0].mentions} == {2}
    assert {a for a, _ in entity_of(entities, "Arden Valley Times").mentions} == {1}
    assert len(entity_of(entities, "Arden Valley Times").mentions) == 2


def test_the_times_of_an_article_naming_two_papers_joins_neither():
    entities = resolve(
        ("The Arden Valley Times and the Harbour Times both ran it. According to the Times, it was copied.",
         [("Arden Valley Times", "ORG"), ("Harbour Times", "ORG"), ("Times", "ORG")]),
        ("The Harbour Times found the letter first.", [("Harbour Times", "ORG")]),
    )
    assert len(entity_of(entities, "Arden Valley Times").mentions) == 1
    assert {a for a, _ in entity_of(entities, "Harbour Times").mentions} == {1, 2}
    assert len(entity_of(entities, "Harbour Times").mentions) == 2
    assert {a for a, _ in entity_of(entities, "Times").mentions} == {1}


# ---------------------------------------------------------------------------------------------
# a department called by its subject


def test_a_department_called_by_its_subject_joins_the_department():
    entities = resolve(
        ("The Department of Fisheries wrote the letter. In that letter, Fisheries said it needed data. "
         "Later Fisheries Secretary Lee Bram said so.",
         [("Department of Fisheries", "ORG"), ("Fisheries", "ORG"), ("Lee Bram", "PERSON")]),
        ("The Fisheries Department appealed, and Fisheries lost.",
         [("Fisheries Department", "ORG"), ("Fisheries", "ORG")]),
        ("The Department of State spoke. Church and State were apart.",
         [("Department of State", "ORG"), ("State", "ORG")]),
        ("Each State may sue.", [("State", "ORG")]),
        ("A draft letter went to Fisheries.", [("Fisheries", "ORG")]),
    )
    # most articles that print "Fisheries" alone name the department: the word is the department
    department = entity_of(entities, "Department of Fisheries")
    assert {a for a, _ in department.mentions} == {1, 2, 5} and len(department.mentions) == 6
    # a state of another article is no department: the word stays apart everywhere
    assert {a for a, _ in entity_of(entities, "State").mentions} == {3, 4}


# ---------------------------------------------------------------------------------------------
# an office taken into the name of its body


def test_an_office_before_its_body_is_no_part_of_the_body_name():
    text = "Gramm was also the former Chair of the Commodity Futures Trading Commission (CFTC) from 1988 to 1993."
    orgs = [m.text for m in extract_mentions(text) if m.type == "ORG"]
    assert "Commodity Futures Trading Commission" in orgs, orgs
    entities = resolve_entities({1: extract_mentions(text)}, {1: text})
    assert "CFTC" in entity_of(entities, "Commodity Futures Trading Commission").aliases
    # an office of a place is left as the NER read it: the rest is no body
    from storytrace.claims.entities import _OFFICE_OF

    assert _OFFICE_OF.match("President of the United States") is not None


def test_an_office_before_a_body_its_acronym_spells_is_no_part_of_the_body_name():
    # the NER cut the body's name ("Workers Party"); the acronym's bracket takes the capitalized run before it
    entities = resolve(
        ("Lan Vo, General Secretary of the Workers Party of Arland (WPA), was received in Beijing.",
         [("Lan Vo", "PERSON"), ("Workers Party", "ORG"), ("WPA", "ORG"), ("Beijing", "GPE")]),
    )
    assert "General Secretary of the Workers Party of Arland" not in names(entities)
    assert "WPA" in entity_of(entities, "Workers Party of Arland").aliases
