"""Entities, fourth review: a unit of a body printed whole, aliases of two people, things and outlets typed as
people, plurals of peoples and of names, capitals in bylines and shouted prose (docs/claims.md, "Entities:
fourth review"). The texts are written for these tests; rule tests give the mentions by hand, extraction tests
run the real model."""

from __future__ import annotations

from conftest import entity_of, resolve
from storytrace.claims.entities import entity_for_name, extract_mentions
from storytrace.models import Entity


def names(entities: list[Entity]) -> set[str]:
    return {n for e in entities for n in (e.name, *e.aliases)}


def test_a_unit_of_a_body_printed_whole_is_not_split():
    entities = resolve(
        ("The Harbour Ministry said the Harbour Ministry would answer. A Harbour Ministry Safety Review Board "
         "reported on the fire.",
         [("Harbour Ministry", "ORG"), ("Harbour Ministry Safety Review Board", "ORG")]),
        ("The Safety Review Board met twice. The Safety Review Board wrote a report.",
         [("Safety Review Board", "ORG")]),
    )
    assert "Harbour Ministry Safety Review Board" in names(entities)
    assert len(entity_of(entities, "Harbour Ministry").mentions) == 2


def test_two_organisations_run_together_are_still_split():
    entities = resolve(
        ("The Daily Lantern reported the ruling. The High Tribunal agreed. The High Tribunal sat late.",
         [("Daily Lantern", "ORG"), ("High Tribunal", "ORG")]),
        ("A Daily Lantern High Tribunal reporter wrote it. The Daily Lantern said so.",
         [("Daily Lantern High Tribunal", "ORG"), ("Daily Lantern", "ORG")]),
    )
    assert "Daily Lantern High Tribunal" not in names(entities)


def test_a_name_two_people_are_called_is_listed_under_one_at_most():
    entities = resolve(
        ("Judge Marta Hollis wrote the opinion. Hollis said the maps were unfair.",
         [("Marta Hollis", "PERSON"), ("Hollis", "PERSON")]),
        ("Marta Hollis dissented. Hollis was blunt. Hollis left early.", [("Marta Hollis", "PERSON"), ("Hollis", "PERSON")]),
        ("Hollis Varga drew the maps. This is where Hollis, Dr. Varga, lived.",
         [("Hollis Varga", "PERSON"), ("Hollis", "PERSON"), ("Varga", "PERSON")]),
    )
    owners = [e for e in entities if "Hollis" in e.aliases]
    assert len(owners) <= 1, owners
    # each article's own "Hollis" is still found where it was printed
    varga = entity_for_name(entities, "Hollis", 3)
    assert varga is not None and varga.name == "Hollis Varga"


def test_a_place_or_thing_the_ner_calls_a_person_is_no_person():
    entities = resolve(
        ("Radiation from the Kessfeld plant spread east. Since the Kessfeld meltdown, fish near Kessfeld are "
         "tested, and Kessfeld worries the region.",
         [("Kessfeld", "PERSON")]),
        ("The policy followed the #WeToo movement. Critics of #WeToo disagreed.", [("WeToo", "PERSON")]),
    )
    assert entity_of(entities, "Kessfeld").type != "PERSON"
    assert entity_of(entities, "WeToo").type != "PERSON"


def test_a_one_word_person_with_a_person_s_cue_stays_a_person():
    entities = resolve(
        ("The Quarle faction lost. Mr. Quarle said he would fight on. Quarle told aides to wait.",
         [("Quarle", "PERSON"), ("Quarle", "PERSON"), ("Quarle", "PERSON")]),
    )
    assert entity_of(entities, "Quarle").type == "PERSON"


def test_a_publication_printed_as_a_source_in_several_articles_is_an_organisation():
    entities = resolve(
        ("Ledgerline reported the vote on Monday.", [("Ledgerline", "PERSON")]),
        ("The senator told Ledgerline that she would run.", [("Ledgerline", "PERSON")]),
        ("The deal is dead, according to Ledgerline.", [("Ledgerline", "PERSON")]),
    )
    assert entity_of(entities, "Ledgerline").type == "ORG"


def test_a_plural_printed_beside_a_people_is_a_people_with_its_singular():
    entities = resolve(
        ("The plan would hurt Vestrans and Muslims, and Vestran communities objected.",
         [("Vestrans", "PERSON"), ("Muslims", "NORP"), ("Vestran", "ORG")]),
        ("It helps Republicans and Non-Ostrian Greys, the memo said. Non-Ostrian voters agreed.",
         [("Republicans", "NORP"), ("Non-Ostrian Greys", "ORG"), ("Non-Ostrian", "NORP")]),
    )
    vestrans = entity_of(entities, "Vestrans")
    assert vestrans.type == "NORP" and "Vestran" in (vestrans.name, *vestrans.aliases)
    assert entity_of(entities, "Non-Ostrian Greys").type == "NORP"


def test_the_plural_of_a_longer_name_is_a_common_noun():
    entities = resolve(
        ("The High Tribunal ruled. Several state High Tribunals disagree with the High Tribunal.",
         [("High Tribunal", "ORG"), ("High Tribunals", "ORG")]),
    )
    assert "High Tribunals" not in names(entities)
    assert len(entity_of(entities, "High Tribunal").mentions) == 2


def test_a_name_in_capitals_in_a_byline_is_a_person():
    found = extract_mentions("By ROSA QUINTERO and MIGUEL ARVELO - Associated Press DENVER (AP) — The vote was close.")
    assert ("MIGUEL ARVELO", "PERSON") in {(m.text, m.type) for m in found}


def test_a_person_run_into_an_abbreviation_is_split_off():
    entities = resolve(
        ("Former Ambassador to the U.S. Ysolde Marchetti gave an interview. The U.S. said nothing.",
         [("U.S. Ysolde Marchetti", "ORG"), ("U.S.", "GPE")]),
    )
    assert "U.S. Ysolde Marchetti" not in names(entities)
    assert entity_of(entities, "Ysolde Marchetti").type == "PERSON"


def test_shouted_prose_is_no_name():
    entities = resolve(
        ("THE ONSHORE KRONA CLOSED UP AGAINST THE DOLLAR. THE ONSHORE KRONA MUCH STRONGER TODAY. "
         "We track the krona daily.",
         [("ONSHORE KRONA", "ORG")]),
        ("In the Agencies\nBIG TWIST IN BRIDGE CASE: The council said the bridge case took a twist.",
         [("BIG TWIST IN BRIDGE CASE", "ORG")]),
    )
    assert not names(entities) & {"ONSHORE KRONA", "BIG TWIST IN BRIDGE CASE"}


def test_a_list_of_names_in_capitals_stays():
    entities = resolve(
        ("NOT AFFILIATED WITH THE STUDIO, NORDLIGHT PICTURES, OR ITS OWNERS. Pictures of the lights.",
         [("NORDLIGHT PICTURES", "ORG")]),
    )
    assert "NORDLIGHT PICTURES" in names(entities)


def test_a_word_a_sentence_start_capitalized_is_cut_off_a_name():
    entities = resolve(
        ("Voters restore what they can. Restore Kelvora, the group, met. Kelvora is a small town.",
         [("Restore Kelvora", "ORG"), ("Kelvora", "GPE")]),
    )
    assert "Restore Kelvora" not in names(entities)
    assert len(entity_of(entities, "Kelvora").mentions) == 2
