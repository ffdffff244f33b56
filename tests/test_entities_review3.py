"""Entities, third review: run-on names, phrases read as names, places typed as people, short forms
(docs/claims.md, "Entities: third review"). The texts are written for these tests; rule tests give the
mentions by hand, extraction tests run the real model."""

from __future__ import annotations

from conftest import entity_of, resolve
from storytrace.claims.entities import extract_mentions
from storytrace.models import Entity


def names(entities: list[Entity]) -> set[str]:
    return {n for e in entities for n in (e.name, *e.aliases)}


def test_two_organisations_run_together_are_split():
    entities = resolve(
        ("The Daily Lantern reported the ruling. The High Tribunal agreed. The High Tribunal sat late.",
         [("Daily Lantern", "ORG"), ("High Tribunal", "ORG"), ("High Tribunal", "ORG")]),
        ("A Daily Lantern High Tribunal reporter wrote it. The Daily Lantern said so.",
         [("Daily Lantern High Tribunal", "ORG"), ("Daily Lantern", "ORG")]),
    )
    assert "Daily Lantern High Tribunal" not in names(entities)
    assert {a for a, _ in entity_of(entities, "Daily Lantern").mentions} == {1, 2}
    assert {a for a, _ in entity_of(entities, "High Tribunal").mentions} == {1, 2}


def test_a_place_before_an_institution_is_no_run_on():
    entities = resolve(
        ("Northland courts are busy. The Grand Assembly met in Northland. The Northland Grand Assembly voted.",
         [("Northland", "GPE"), ("Grand Assembly", "ORG"), ("Northland", "GPE"), ("Northland Grand Assembly", "ORG")]),
    )
    assert "Northland Grand Assembly" in names(entities)


def test_a_name_run_into_its_venue_is_split():
    entities = resolve(
        ("Ahlberg spoke at the Sound Summit in Port Wessel. The Sound Summit ended. Port Wessel is quiet.",
         [("Sound Summit in Port Wessel", "LAW"), ("Sound Summit", "EVENT"), ("Port Wessel", "ORG")]),
    )
    assert "Sound Summit in Port Wessel" not in names(entities)
    assert len(entity_of(entities, "Sound Summit").mentions) == 2


def test_a_shouted_phrase_ending_in_a_link_word_is_no_name():
    texts = ("WE SAW A HUGE RISE OF 9,000 SWAP CONTRACTS OF WHICH MARCH SAW 8,000 CONTRACTS ISSUED AND MOVED TO PARIS.",
             "THE BANK SAID THE HUGE MOVEMENT ACROSS TO ZURICH IS NOT AS SEVERE AS IN SILVER.")
    for text in texts:
        found = [m.text for m in extract_mentions(text)]
        assert not any(name.split()[-1] in {"OF", "ACROSS", "BY", "TO"} for name in found), found


def test_a_city_the_ner_calls_a_person_is_a_place():
    entities = resolve(
        ("Talks broke down in Varnograd on Monday. Varnograd has refused the offer. Varnograd’s army advanced, "
         "and aid was sent to Varnograd.",
         [("Varnograd", "GPE"), ("Varnograd", "PERSON"), ("Varnograd", "PERSON"), ("Varnograd", "PERSON")]),
    )
    assert entity_of(entities, "Varnograd").type == "GPE"


def test_a_person_called_by_one_word_stays_a_person():
    entities = resolve(
        ("Teodor Varn won. In Varn the town, Varn the man spoke. Varn said he would stay.",
         [("Teodor Varn", "PERSON"), ("Varn", "GPE"), ("Varn", "PERSON"), ("Varn", "PERSON")]),
    )
    assert entity_of(entities, "Teodor Varn").type == "PERSON"


def test_a_first_name_used_alone_across_the_pile_joins_its_one_bearer():
    entities = resolve(
        ("The hymn praises Amadeo Sancto. Sermons on Amadeo followed.",
         [("Amadeo Sancto", "PERSON"), ("Amadeo", "PERSON")]),
        ("The faithful spoke of Amadeo. Amadeo taught patience.", [("Amadeo", "PERSON"), ("Amadeo", "PERSON")]),
    )
    assert len(entity_of(entities, "Amadeo Sancto").mentions) == 4


def test_a_first_name_shared_by_two_people_stays_apart():
    entities = resolve(
        ("Amadeo Sancto and Amadeo Ruiz met. Amadeo left.",
         [("Amadeo Sancto", "PERSON"), ("Amadeo Ruiz", "PERSON"), ("Amadeo", "PERSON")]),
        ("Amadeo arrived late.", [("Amadeo", "PERSON")]),
    )
    assert len(entity_of(entities, "Amadeo Sancto").mentions) == 1
    assert len(entity_of(entities, "Amadeo Ruiz").mentions) == 1


def test_a_clipped_short_form_joins_the_organisation_it_clips():
    entities = resolve(
        ("The Monetary Reserve raised rates. The Mon will meet again.",
         [("Monetary Reserve", "ORG"), ("Mon", "ORG")]),
        ("Traders expect the Mon to pause, the Monetary Reserve said.", [("Mon", "ORG"), ("Monetary Reserve", "ORG")]),
        ("The Mon is watched closely.", [("Mon", "ORG")]),
    )
    assert len(entity_of(entities, "Monetary Reserve").mentions) == 5


def test_a_clipped_word_of_two_organisations_joins_neither():
    entities = resolve(
        ("The Monetary Reserve and the Monetary Board met. The Mon said nothing.",
         [("Monetary Reserve", "ORG"), ("Monetary Board", "ORG"), ("Mon", "ORG")]),
        ("The Monetary Board spoke. The Mon was silent.", [("Monetary Board", "ORG"), ("Mon", "ORG")]),
        ("The Monetary Reserve spoke. The Mon was silent.", [("Monetary Reserve", "ORG"), ("Mon", "ORG")]),
    )
    assert len(entity_of(entities, "Mon").mentions) == 3


def test_a_department_subject_alone_joins_the_department_its_article_names():
    entities = resolve(
        ("The Department of Fisheries wrote. Fisheries declined to comment.",
         [("Department of Fisheries", "ORG"), ("Fisheries", "ORG")]),
        ("A letter went to Fisheries.", [("Fisheries", "ORG")]),
        ("Fisheries was named in the suit.", [("Fisheries", "ORG")]),
        ("Fisheries were mentioned.", [("Fisheries", "ORG")]),
    )
    department = entity_of(entities, "Department of Fisheries")
    assert (1, "Fisheries") in {(a, m.text) for a, m in department.mentions}


def test_a_word_the_ner_took_for_a_person_is_no_entity():
    entities = resolve(
        ("What is Quillwort? Quillwort is a plant. Gardeners grow quillwort in ponds, and quillwort likes shade.",
         [("Quillwort", "PERSON"), ("Quillwort", "PERSON")]),
    )
    assert "Quillwort" not in names(entities)


def test_a_person_called_by_a_word_with_a_cue_stays():
    entities = resolve(
        ("The council met and Hope, 52, said the hope of the town was the harbour. Voters asked Hope, who smiled, "
         "and hope grew.",
         [("Hope", "PERSON"), ("Hope", "PERSON")]),
    )
    assert entity_of(entities, "Hope").type == "PERSON"


def test_a_department_subject_listed_with_ordinary_words_stays_apart():
    entities = resolve(
        ("The Department of Harbors wrote. Grants go to Harbors, local, and tribal bodies.",
         [("Department of Harbors", "ORG"), ("Harbors", "ORG")]),
        ("Harbors, ports and docks need money.", [("Harbors", "ORG")]),
        ("Harbors were busy.", [("Harbors", "ORG")]),
    )
    assert len(entity_of(entities, "Department of Harbors").mentions) == 1


def test_a_word_beginning_one_article_s_longer_name_is_no_clipped_form():
    entities = resolve(
        ("Staff at Rosewood Partners said White would not comment.", [("Rosewood Partners", "ORG"), ("White", "ORG")]),
    )
    assert len(entity_of(entities, "Rosewood Partners").mentions) == 1
