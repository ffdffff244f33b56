"""Entities, fifth review: run-on names, headline and site furniture, things typed as people, words glued to a
name (docs/claims.md, "Entities: fifth review"). The texts are written for these tests; rule tests give the
mentions by hand, extraction tests run the real model."""

from __future__ import annotations

from conftest import entity_of, resolve
from storytrace.models import Entity


def names(entities: list[Entity]) -> set[str]:
    return {n for e in entities for n in (e.name, *e.aliases)}


def test_an_organisation_run_into_a_place_with_on_is_split():
    entities = resolve(
        ("For a decade Varley kept a desk at the Harbour Labour Council on Quillan Heights. He left in May.",
         [("Harbour Labour Council on Quillan Heights", "ORG")]),
        ("The Harbour Labour Council said the strike would go on.", [("Harbour Labour Council", "ORG")]),
    )
    assert "Harbour Labour Council on Quillan Heights" not in names(entities)
    assert len(entity_of(entities, "Harbour Labour Council").mentions) == 2


def test_an_organisation_on_a_subject_stays_whole():
    entities = resolve(
        ("The Harbour Labour Council on Foreign Relations met. The Harbour Labour Council is older. Its "
         "foreign relations were discussed.",
         [("Harbour Labour Council on Foreign Relations", "ORG"), ("Harbour Labour Council", "ORG")]),
    )
    assert "Harbour Labour Council on Foreign Relations" in names(entities)


def test_two_organisations_joined_by_and_are_split_when_the_text_prints_both_alone():
    entities = resolve(
        ("The firm defending Fair Ballot, Brannock & Vale, filed the papers. Lawyers for Fair Ballot spoke. "
         "Both Brannock & Vale and Fair Ballot declined to comment.",
         [("Fair Ballot", "ORG"), ("Brannock & Vale and Fair Ballot", "ORG")]),
    )
    assert "Brannock & Vale and Fair Ballot" not in names(entities)
    assert len(entity_of(entities, "Fair Ballot").mentions) == 3
    assert "Brannock & Vale" in names(entities)


def test_a_name_with_and_inside_stays_whole():
    entities = resolve(
        ("The Office of Fishing and Coastal Trade ruled. The Office of Fishing wrote back.",
         [("Office of Fishing and Coastal Trade", "ORG"), ("Office of Fishing", "ORG")]),
    )
    assert "Office of Fishing and Coastal Trade" in names(entities)


def test_an_interjection_is_cut_off_a_first_name():
    entities = resolve(
        ("Marisol Quent wrote to us. We answered her at once.\n\nForgive Marisol, but the letter was long. "
         "Marisol, we will forgive you.",
         [("Marisol Quent", "PERSON"), ("Forgive Marisol", "PERSON"), ("Marisol", "PERSON")]),
    )
    assert "Forgive Marisol" not in names(entities)
    assert len(entity_of(entities, "Marisol Quent").mentions) == 3


def test_a_first_name_before_a_surname_at_a_sentence_start_stays():
    entities = resolve(
        ("Will Tarrant, the mayor, spoke. We will see. Tarrant said the budget was short.",
         [("Will Tarrant", "PERSON"), ("Tarrant", "PERSON")]),
        ("Will Ondrey, the clerk, agreed.", [("Will Ondrey", "PERSON")]),
    )
    assert "Will Tarrant" in names(entities)


def test_a_headline_verb_run_into_a_name_is_cut_off():
    entities = resolve(
        ("Fans Ask Label to Drop Kessa, Orlin Vane From Tour The fans wrote a letter. The list includes Kessa "
         "and others. Will they drop anyone?",
         [("Drop Kessa", "ORG"), ("Orlin Vane", "PERSON")]),
    )
    assert "Drop Kessa" not in names(entities)
    assert "Kessa" in names(entities)


def test_a_word_printed_once_before_a_well_known_name_is_cut_off():
    entities = resolve(
        ("Quillo launched a store. Quillo sells songs, and Quillo is cheap. Avid Quillo users like it.",
         [("Quillo", "ORG"), ("Avid Quillo", "ORG")]),
    )
    assert "Avid Quillo" not in names(entities)
    assert len(entity_of(entities, "Quillo").mentions) == 4


def test_a_surname_the_ner_types_an_organisation_is_split_off_a_body():
    entities = resolve(
        ("B. Tomas Ferrow advised the agency. Tomas Ferrow wrote the draft. Ferrow denied it. Ferrow left.",
         [("B. Tomas Ferrow", "PERSON"), ("Tomas Ferrow", "PERSON"), ("Ferrow", "ORG"), ("Ferrow", "GPE")]),
        ("Tomas Ferrow met them. Ferrow spoke. He wrote the Ferrow Ministry of Trade letter. The Ministry of Trade "
         "replied, and the Ministry of Trade said no.",
         [("Tomas Ferrow", "PERSON"), ("Ferrow", "ORG"), ("Ferrow Ministry of Trade", "ORG"),
          ("Ministry of Trade", "ORG")]),
    )
    assert "Ferrow Ministry of Trade" not in names(entities)
    assert len(entity_of(entities, "Ministry of Trade").mentions) == 3


def test_a_city_named_for_a_person_keeps_its_newspaper():
    entities = resolve(
        ("George Calder founded the town. Calder is a quiet city. Calder voted on Monday, and Calder paid. "
         "The Calder Post reported it. The Post said so, and the Post was right.",
         [("George Calder", "PERSON"), ("Calder", "GPE"), ("Calder Post", "ORG"), ("Post", "ORG")]),
    )
    assert "Calder Post" in names(entities)


def test_a_thing_before_a_plural_role_is_no_person():
    entities = resolve(
        ("Traders bought Quorbit, Halden Bank’s analysts add. Quorbit is back to a $9k handle. Funds may not "
         "trade in Quorbit, and a rally in Quorbit is not unusual.",
         [("Quorbit", "PERSON")]),
    )
    assert entity_of(entities, "Quorbit").type != "PERSON"


def test_a_name_before_a_plural_role_in_a_list_stays_a_person():
    entities = resolve(
        ("The suit was filed by Ilse Marrow and Pernick, attorneys for the tenants. Pernick is in court.",
         [("Ilse Marrow", "PERSON"), ("Pernick", "PERSON")]),
    )
    assert entity_of(entities, "Pernick").type == "PERSON"


def test_a_word_after_the_and_a_bracketed_insertion_is_a_thing():
    entities = resolve(
        ("It was then that the [Vorn Order] Brethel rose again, and nativists won.", [("Brethel", "PERSON")]),
    )
    assert entity_of(entities, "Brethel").type != "PERSON"


def test_a_word_that_heads_an_organisation_s_name_is_no_person():
    entities = resolve(
        ("He met the head of the Quexit Party on Monday. A new party may form. Quexit has yet to happen.",
         [("Quexit Party", "ORG"), ("Quexit", "PERSON")]),
    )
    assert entity_of(entities, "Quexit").type != "PERSON"


def test_a_verbless_sentence_is_no_name():
    entities = resolve(
        ("Any tax on lemonade is a terrible idea. Quito Glum. (3) The mood was glum all week.",
         [("Quito Glum", "PERSON")]),
    )
    assert "Quito Glum" not in names(entities)


def test_a_full_name_as_a_caption_sentence_stays():
    entities = resolve(
        ("The photo was taken at noon. Orla Brennick. She won the race, and Brennick thanked fans.",
         [("Orla Brennick", "PERSON"), ("Brennick", "PERSON")]),
    )
    assert "Orla Brennick" in names(entities)


def test_a_plural_common_noun_at_a_sentence_start_is_no_name():
    entities = resolve(
        ("The map gave a swing of six seats. Swerves like these were the goal. A swerve is rare.",
         [("Swerves", "NORP")]),
    )
    assert "Swerves" not in names(entities)


def test_a_people_at_a_sentence_start_stays():
    entities = resolve(
        ("Vestrans voted early. Vestrans are a proud people.", [("Vestrans", "NORP")]),
    )
    assert "Vestrans" in names(entities)


def test_a_word_in_a_shouted_rubric_is_no_name():
    entities = resolve(
        ("Global Power\nINSIDE THE PRESIDENT’S ASIA TOUR: The visit will be long, with some talks.",
         [("ASIA", "ORG")]),
    )
    assert "ASIA" not in names(entities)


def test_an_acronym_typed_at_random_takes_its_spelled_out_name_s_type():
    entities = resolve(
        ("He met the Northern Angling Federation on Monday. The Northern Angling Federation (NAF) agreed. The NAF "
         "said yes, the NAF said so, and the NAF board met. Later the NAF wrote.",
         [("Northern Angling Federation", "ORG"), ("NAF", "GPE")]),
    )
    assert entity_of(entities, "NAF").type == "ORG"


def test_an_acronym_and_its_name_of_one_type_keep_it():
    entities = resolve(
        ("The Ostrian Republic (OR) voted. The OR said so. The Ostrian Republic is small.",
         [("Ostrian Republic", "GPE"), ("OR", "GPE")]),
    )
    assert entity_of(entities, "OR").type == "GPE"
