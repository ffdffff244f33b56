"""Entities, seventh review: the type users filter on — surnames and given names the NER typed a place,
people's full names typed an organisation (docs/claims.md, "Entities: seventh review"). The texts are
written for these tests and the mentions given by hand, with the labels the NER gives such names."""

from __future__ import annotations

from conftest import entity_of, resolve
from storytrace.models import Entity


def names(entities: list[Entity]) -> set[str]:
    return {n for e in entities for n in (e.name, *e.aliases)}


def test_a_surname_typed_a_place_is_the_person_named_in_its_article():
    # the NER types the lone surname GPE most of the time; one article never prints the full name
    entities = resolve(
        ("Dana Pelkovic spoke in Harlow on Monday. Pelkovic is the party's choice. Voters like Pelkovic.",
         [("Dana Pelkovic", "PERSON"), ("Pelkovic", "GPE"), ("Harlow", "GPE")]),
        ("Dana Pelkovic toured the plant. Pelkovic told workers that Pelkovic would be back.",
         [("Dana Pelkovic", "PERSON"), ("Pelkovic", "GPE")]),
        ("Governor Pelkovic spoke again. Pelkovic said little. Pelkovic left early.",
         [("Pelkovic", "GPE"), ("Pelkovic", "PERSON"), ("Pelkovic", "GPE")]),
    )
    person = entity_of(entities, "Dana Pelkovic")
    assert person.type == "PERSON"
    assert sum(m.text == "Pelkovic" for _, m in person.mentions) == 7
    assert not [e for e in entities if e.name == "Pelkovic"]


def test_a_place_named_like_a_person_stays_a_place():
    # guard (passes before the change too): the pile prints "in Harlow" in more articles than it names Jane
    # Harlow beside the lone word
    entities = resolve(
        ("Jane Harlow opened the fair. Harlow thanked the crowd.", [("Jane Harlow", "PERSON"), ("Harlow", "GPE")]),
        ("The fair in Harlow drew crowds. Harlow is a market town.", [("Harlow", "GPE")]),
        ("Rain fell in Harlow all week.", [("Harlow", "GPE")]),
    )
    place = [e for e in entities if e.name == "Harlow"]
    assert len(place) == 1 and place[0].type == "GPE"
    assert {article for article, _ in place[0].mentions} >= {2, 3}
    assert entity_of(entities, "Jane Harlow").type == "PERSON"


def test_a_word_of_its_own_elsewhere_is_not_a_persons_name():
    # guard: "Democrats" (NORP in many articles) is not the last word of one article's run-on "Sanders Democrats"
    entities = resolve(
        ("Battle lines are drawn between Republicans and Democrats, and Varga Democrats want more.",
         [("Democrats", "NORP"), ("Varga Democrats", "PERSON")]),
        ("Democrats met on Tuesday.", [("Democrats", "NORP")]),
        ("The Democrats lost the vote.", [("Democrats", "NORP")]),
    )
    assert len(entity_of(entities, "Democrats").mentions) == 3


def test_a_surname_printed_after_in_as_an_owner_is_still_the_person():
    # "a role in Machado's citizenship" says nothing of a place
    entities = resolve(
        ("Trump attacked Clara Ventosa on Friday. Trump had mocked Ventosa after the pageant. Clinton denied "
         "a role in Ventosa's citizenship hearing. Ventosa thanked her.",
         [("Clara Ventosa", "PERSON"), ("Ventosa", "GPE")]),
    )
    person = entity_of(entities, "Clara Ventosa")
    assert len(person.mentions) == 4 and person.type == "PERSON"


def test_a_given_name_typed_a_place_is_the_person_named_in_its_article():
    entities = resolve(
        ("Nadia Okafor, the mayor's daughter, gave a speech. Nadia said she would vote in May.",
         [("Nadia Okafor", "PERSON"), ("Nadia", "GPE"), ("May", "DATE")]),
    )
    person = entity_of(entities, "Nadia Okafor")
    assert "Nadia" in person.aliases and person.type == "PERSON"


def test_a_full_name_typed_an_organisation_is_a_person():
    # a known given name and a surname, typed ORG throughout (the NER's "Lester Holt"); its lone surname
    # then joins it
    entities = resolve(
        ("The moderator, Lester Vantreight, asked about taxes. Vantreight pressed the senator twice.",
         [("Lester Vantreight", "ORG"), ("Vantreight", "ORG")]),
        ("Lester Vantreight of the network said the debate ran long.", [("Lester Vantreight", "ORG")]),
    )
    person = entity_of(entities, "Lester Vantreight")
    assert person.type == "PERSON"
    assert "Vantreight" in person.aliases and len(person.mentions) == 3


def test_an_organisation_named_after_a_person_stays_an_organisation():
    # guard: "Walter Energy" (the pile prints "energy" in lower case), "Helen Academy" (a body's word),
    # "Marcus Panthers" beside "Marcus County"
    entities = resolve(
        ("Walter Energy sold two mines. The energy market is weak. Helen Academy opened in the fall.",
         [("Walter Energy", "ORG"), ("Helen Academy", "ORG")]),
        ("The Marcus Panthers won at home in Marcus County.", [("Marcus Panthers", "ORG"), ("Marcus County", "GPE")]),
    )
    for name in ("Walter Energy", "Helen Academy", "Marcus Panthers"):
        assert entity_of(entities, name).type == "ORG", name


def test_an_epithet_before_a_given_name_is_cut_off():
    # "totally Crooked Hillary" beside "Hillary Clinton": the NER's PERSON (or a headline's WORK_OF_ART,
    # which had been propagated over the others) was an entity of its own
    entities = resolve(
        ("Senator Marla Quenby spoke. What of the fact that totally Sneaky Marla deleted the files? "
         "Nobody is sneaky all the time.",
         [("Marla Quenby", "PERSON"), ("Sneaky Marla", "PERSON")]),
        ("Trump made his first “Sneaky Marla” post in May. Marla Quenby did not answer.",
         [("Sneaky Marla", "WORK_OF_ART"), ("Marla Quenby", "PERSON")]),
    )
    assert "Sneaky Marla" not in names(entities)
    person = entity_of(entities, "Marla Quenby")
    assert len(person.mentions) == 4 and person.type == "PERSON"


def test_a_thing_named_with_a_persons_word_keeps_its_first_word():
    # guard: "Squawk Box" (the pile prints "box" in lower case) beside a "Dana Box"; "Osama Bin Laden"'s
    # "Bin Laden"
    entities = resolve(
        ("Dana Box told Squawk Box that the fund was sold. The box office was shut, a squawk from the gate. Bin Laden was dead, "
         "wrote Osama Bin Laden's biographer; the rubbish bin was full.",
         [("Dana Box", "PERSON"), ("Squawk Box", "PERSON"), ("Bin Laden", "PERSON"), ("Osama Bin Laden", "PERSON")]),
    )
    assert {"Squawk Box", "Bin Laden"} <= names(entities)


def test_a_place_typed_an_organisation_by_turns_is_a_place_when_printed_after_in():
    # the NER's "Ferguson": GPE 2, ORG 3, of which one is "in Brackley"
    entities = resolve(
        ("Brackley is calm today. Brackley police met the press. The mayor of Brackley spoke. Brackley residents "
         "were angry. Rain fell in Brackley.",
         [("Brackley", "GPE"), ("Brackley", "ORG"), ("Brackley", "GPE"), ("Brackley", "ORG"), ("Brackley", "ORG")]),
    )
    assert entity_of(entities, "Brackley").type == "GPE"


def test_an_organisation_typed_a_place_now_and_then_stays_an_organisation():
    # guard: no mention of the organisation after "in", "near" … (and "mutual" printed in lower case: no person)
    entities = resolve(
        ("Harmon Mutual is hiring. Harmon Mutual said profits rose. Analysts like Harmon Mutual, a mutual fund.",
         [("Harmon Mutual", "ORG"), ("Harmon Mutual", "GPE"), ("Harmon Mutual", "ORG")]),
    )
    assert entity_of(entities, "Harmon Mutual").type == "ORG"


def test_a_company_named_with_common_words_is_no_person():
    # the NER's "Patriot Coal": PERSON every time; "patriot" and "coal" are words the articles print in lower case
    text = ("Vale Coal, one of the region's largest coal companies, ran the mine. Vale sold its coal mines in "
            "2015, and Vale Coal's executives left. Vale's lawyer said the coal market was weak. The coal was "
            "cheap; a vale of coal towns lay below. Vale closed.")
    entities = resolve((text, [("Vale Coal", "PERSON"), ("Vale", "PERSON")]))
    assert entity_of(entities, "Vale Coal").type == "ORG"


def test_a_person_with_a_common_word_for_a_surname_stays_a_person():
    # guard: "Rice" capitalized more often than "rice" printed in lower case; the given name known
    text = ("Susan Rice spoke. Rice said the talks were over. Rice left; the rice harvest was poor. Mr. Rice "
            "did not attend. Rice, 54, declined to comment.")
    entities = resolve((text, [("Susan Rice", "PERSON"), ("Rice", "PERSON")]))
    assert entity_of(entities, "Susan Rice").type == "PERSON"


def test_a_word_cut_off_its_weekday_names_the_day():
    # the NER reads "Tuesday" as a date and keeps "Super" alone, typed GPE or ORG by turns
    entities = resolve(
        ("Sanders won three states on Super Tuesday. The super delegates waited.", [("Super", "GPE")]),
        ("The Super Tuesday contests were close.", [("Super", "ORG")]),
    )
    day = entity_of(entities, "Super Tuesday")
    assert day.type == "EVENT" and len(day.mentions) == 2
    assert "Super" not in names(entities)


def test_a_name_before_a_weekday_stays_the_name():
    # guard: "Harlan Tuesday signed" — a person's word; "Ostrava Tuesday" — a word never printed in lower case
    entities = resolve(
        ("President Mira Harlan signed the bill. Harlan Tuesday signed another. Talks in Ostrava Tuesday failed.",
         [("Mira Harlan", "PERSON"), ("Harlan", "ORG"), ("Ostrava", "GPE")]),
    )
    assert "Ostrava" in names(entities) and not [e for e in entities if e.name.endswith("Tuesday")]


# ---------------------------------------------------------------------------------------------
# the subject word of an office's title (extraction, the real model)


def test_the_subject_word_of_an_office_title_is_no_mention():
    from storytrace.claims.entities import extract_mentions

    # the NER types "State" and "Treasury" organisations here; every secretary of state, of the United
    # States or of a state, had then joined one "State" entity
    text = ("Former Secretary of State Hillary Clinton met Secretary of the Treasury Jacob Lew in Washington. "
            "In Maine, Secretary of State Matthew Dunlap tried to stop it; being a State Senator is not enough.")
    found = [(m.text, m.type) for m in extract_mentions(text)]
    assert ("Hillary Clinton", "PERSON") in found and ("Matthew Dunlap", "PERSON") in found
    assert not [name for name, _ in found if name in {"State", "Treasury"}], found


def test_a_department_or_a_state_named_outside_a_title_stays():
    from storytrace.claims.entities import extract_mentions

    text = ("The State Department said the secretary would travel. Commerce Secretary Wilbur Ross agreed, "
            "and the Treasury said it would pay.")
    found = {m.text for m in extract_mentions(text)}
    assert {"State Department", "Wilbur Ross"} <= found
    assert "Commerce" in found and "Treasury" in found, found


def test_the_times_is_the_paper_of_its_own_article_not_of_the_pile():
    entities = resolve(
        ("The Harbour Gazette found the letter. According to the Gazette, it was copied.",
         [("Harbour Gazette", "ORG"), ("Gazette", "ORG")]),
        ("The Gazette said nothing more.", [("Gazette", "ORG")]),
        ("The Harbour Gazette and the Gazette both ran it, said the Harbour Gazette.",
         [("Harbour Gazette", "ORG"), ("Gazette", "ORG"), ("Harbour Gazette", "ORG")]),
    )
    paper = entity_of(entities, "Harbour Gazette")
    assert {a for a, m in paper.mentions if m.text == "Gazette"} == {1, 3}
    alone = [e for e in entities if e.name == "Gazette"]
    assert len(alone) == 1 and {a for a, _ in alone[0].mentions} == {2}


def test_a_ministry_is_a_department_in_both_word_orders():
    # "ministry" is "ministri" as a name key: the department rules had never seen a ministry
    entities = resolve(
        ("The Ministry of Defence said on Monday that Defence had no record of the flight.",
         [("Ministry of Defence", "ORG"), ("Defence", "ORG")]),
        ("A Defence Ministry spokesman declined to comment.", [("Defence Ministry", "ORG")]),
    )
    ministry = entity_of(entities, "Ministry of Defence")
    assert {m.text for _, m in ministry.mentions} == {"Ministry of Defence", "Defence", "Defence Ministry"}
    assert len(entities) == 1


def test_a_department_subject_printed_as_a_name_joins_the_department_across_the_pile():
    # one article of three names the department; "Fisheries" is never a word in lower case here
    entities = resolve(
        ("The Department of Fisheries wrote the letter. Fisheries said it needed data.",
         [("Department of Fisheries", "ORG"), ("Fisheries", "ORG")]),
        ("Officials sent a letter to Fisheries on Monday.", [("Fisheries", "ORG")]),
        ("The plan that Fisheries approved was late.", [("Fisheries", "ORG")]),
    )
    department = entity_of(entities, "Department of Fisheries")
    assert {a for a, _ in department.mentions} == {1, 2, 3}


def test_a_department_subject_that_is_mostly_a_word_stays_apart_elsewhere():
    # "state" in lower case outnumbers the name: the other articles' "State" is not the department
    entities = resolve(
        ("The State Department wrote the letter. State said it needed data.",
         [("State Department", "ORG"), ("State", "ORG")]),
        ("Every state sued. The state of the state is poor. State agents came, state by state.",
         [("State", "ORG")]),
        ("The state and the state again: State employees asked the state.", [("State", "ORG")]),
    )
    department = entity_of(entities, "State Department")
    assert {a for a, _ in department.mentions} == {1}  # (the others' "State" is a word: no entity at all)
