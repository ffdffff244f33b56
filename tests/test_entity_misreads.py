"""Entities, eighth review: names a reader of the dossier sees are misread at once — a comparison glued
into a name, a contest's title cut to a "person", a place the NER types an organisation, things typed a
person by the given-name rule (docs/claims.md, "Eighth review"). The texts are written for these tests and
the mentions given by hand, with the labels the NER gives such names."""

from __future__ import annotations

from conftest import entity_of, resolve
from storytrace.models import Entity


def names(entities: list[Entity]) -> set[str]:
    return {n for e in entities for n in (e.name, *e.aliases)}


def test_a_comparison_glued_into_a_name_is_split():
    # the NER ran "Sith than Kylo" into one person, which then held every "Sith" and "Kylo" of the pile
    entities = resolve(
        ("Rey is a braver pilot than Poe, and a less whiny Sith than Kylo. Kylo sulks in every scene.",
         [("Rey", "PERSON"), ("Poe", "PERSON"), ("Sith than Kylo", "PERSON"), ("Kylo", "PERSON")]),
        ("Kylo returns in the sequel. A Sith never rests.", [("Kylo", "PERSON"), ("Sith", "PERSON")]),
    )
    assert "Sith than Kylo" not in names(entities)
    assert len(entity_of(entities, "Kylo").mentions) == 3
    assert len(entity_of(entities, "Sith").mentions) == 2


def test_a_verb_glued_between_two_names_is_split():
    entities = resolve(
        ("Hal Brenner said Brenner put Voss in charge, and Ida Voss agreed.",
         [("Hal Brenner", "PERSON"), ("Brenner put Voss", "ORG"), ("Ida Voss", "PERSON")]),
    )
    assert "Brenner put Voss" not in names(entities)
    assert len(entity_of(entities, "Hal Brenner").mentions) == 2
    assert len(entity_of(entities, "Ida Voss").mentions) == 2


def test_a_title_of_a_work_keeps_its_words():
    # guard (passes before the change too): works are named with any words
    entities = resolve(
        ("She starred in Braver Than Kylo, and in the film Kylo Is Back.",
         [("Kylo Is Back", "WORK_OF_ART"), ("Kylo", "PERSON")]),
    )
    assert entity_of(entities, "Kylo Is Back").type == "WORK_OF_ART"


def test_a_contest_title_after_a_former_miss_is_no_person():
    # the NER cuts "Miss" off the contest and types the rest a person; astronomers' "Cosmos" is not her
    entities = resolve(
        ("Trump mocked a former Miss Cosmos on Twitter. The former Miss Cosmos, Lena Varga, replied on Friday. "
         "Miss Varga said she would vote.",
         [("Trump", "PERSON"), ("Cosmos", "PERSON"), ("Cosmos", "PERSON"), ("Lena Varga", "PERSON"),
          ("Varga", "PERSON")]),
        ("Astronomers measured the age of the Cosmos again.", [("Cosmos", "ORG")]),
    )
    contest = entity_of(entities, "Miss Cosmos")
    assert contest.type == "EVENT" and len(contest.mentions) == 2
    assert entity_of(entities, "Cosmos").type == "ORG"
    assert len(entity_of(entities, "Lena Varga").mentions) == 2  # "Miss Varga" (no article before) is her


def test_a_place_whose_people_the_pile_names_is_a_place():
    # typed ORG more often than GPE; the pile prints its people ("Veldorian", "Veldorians")
    entities = resolve(
        ("Russia annexed Veldoria in 2014, and Veldoria voted in a referendum in Veldoria.",
         [("Russia", "GPE"), ("Veldoria", "ORG"), ("Veldoria", "ORG"), ("Veldoria", "GPE")]),
        ("The Veldorian people want Veldoria back. Veldorians marched.",
         [("Veldorian", "NORP"), ("Veldoria", "ORG"), ("Veldorians", "NORP")]),
    )
    assert entity_of(entities, "Veldoria").type == "GPE"


def test_an_organisation_typed_a_place_now_and_then_stays_one_without_a_people():
    # guard (passes before the change too): no people of its name in the pile
    entities = resolve(
        ("Kestrova hired new staff. Kestrova said profits rose in Kestrova's best year.",
         [("Kestrova", "ORG"), ("Kestrova", "ORG"), ("Kestrova", "GPE")]),
        ("Kestrova shares fell. The Veldorian market shrugged.", [("Kestrova", "ORG"), ("Veldorian", "NORP")]),
    )
    assert entity_of(entities, "Kestrova").type == "ORG"


def test_a_given_name_only_once_doubled_letters_fold_makes_no_person():
    # "Holy" is the table's "Holly" only once its doubled letter is folded: the school stays an organisation
    entities = resolve(
        ("We moved to Delaware, and just up the road was a little school I went to, Holy Trinity grade school.",
         [("Delaware", "GPE"), ("Holy Trinity", "ORG")]),
    )
    assert entity_of(entities, "Holy Trinity").type == "ORG"


def test_a_full_name_after_the_is_a_things():
    # "the Sandy Ridge massacre": a person's name takes no article
    entities = resolve(
        ("The bill got a majority of votes in the Senate after the Sandy Ridge massacre of 20 children.",
         [("Senate", "ORG"), ("Sandy Ridge", "ORG")]),
    )
    assert entity_of(entities, "Sandy Ridge").type == "ORG"


def test_a_companys_plural_head_noun_is_no_surname():
    entities = resolve(
        ("The agency changed its guidelines in order to please... Stella Airways. I guess it is fine.",
         [("Stella Airways", "ORG")]),
    )
    assert entity_of(entities, "Stella Airways").type == "ORG"


def test_a_full_name_typed_an_organisation_is_still_a_person():
    # guard (passes before the change too): the given-name rule still reads a host's name as a person's
    entities = resolve(
        ("The debate was moderated by host Ronan Pell at the university. Ronan Pell asked about taxes.",
         [("Ronan Pell", "ORG"), ("Ronan Pell", "ORG")]),
    )
    assert entity_of(entities, "Ronan Pell").type == "PERSON"


def test_a_statute_is_a_law_and_a_storm_an_event():
    # the NER types a statute's name ORG most of the time, and a storm's now and then
    entities = resolve(
        ("Congress passed the Harbour Safety and Ferry Act in May, weeks after Tropical Storm Wilma flooded the "
         "coast. The Harbour Safety and Ferry Act funds new docks.",
         [("Congress", "ORG"), ("Harbour Safety and Ferry Act", "ORG"), ("Tropical Storm Wilma", "ORG"),
          ("Harbour Safety and Ferry Act", "LAW")]),
    )
    assert entity_of(entities, "Harbour Safety and Ferry Act").type == "LAW"
    assert entity_of(entities, "Tropical Storm Wilma").type == "EVENT"
    assert entity_of(entities, "Congress").type == "ORG"
