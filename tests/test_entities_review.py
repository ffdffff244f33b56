"""Entities: errors found by reading the entity lists of the event piles and the FakeNewsCorpus sample
(docs/claims.md, "Entities: what the review changed"). The texts are written for these tests; rule
tests give the mentions by hand, extraction tests run the real model."""

from __future__ import annotations

from conftest import entity_of, resolve
from storytrace.claims import entities as stage
from storytrace.claims.entities import extract_mentions, resolve_entities, strip_titles
from storytrace.models import Mention

# ---------------------------------------------------------------------------------------------
# "the Trump administration": the NER's ORG "Trump" made a second Trump


def test_a_name_the_ner_types_org_before_administration_is_the_person_of_that_name():
    signed = ("Donald Hartley signed the order.", [("Donald Hartley", "PERSON")])
    two = ("The Hartley administration appealed the ruling. Lawyers for the Hartley campaign agreed. "
           "The Taliban regime and the Hamas government were not consulted.")
    entities = resolve(
        signed, signed, signed,
        (two, [("Hartley", "ORG"), ("Taliban", "ORG"), ("Hamas", "ORG")]),
        ("Anna Hartley spoke.", [("Anna Hartley", "PERSON")]),
    )
    person = entity_of(entities, "Donald Hartley")
    assert person.type == "PERSON" and {a for a, _ in person.mentions} == {1, 2, 3, 4}
    assert entity_of(entities, "Anna Hartley").mentions[0][0] == 5
    # nobody in the pile is called so: an organisation's regime or government stays the organisation's
    assert entity_of(entities, "Taliban").type == "ORG" and entity_of(entities, "Hamas").type == "ORG"


def test_no_dominant_bearer_of_the_name_no_person_before_administration():
    entities = resolve(
        ("Melania Hartley spoke.", [("Melania Hartley", "PERSON")]),
        ("The Hartley administration appealed.", [("Hartley", "ORG")]),
    )
    assert {a for a, _ in entity_of(entities, "Melania Hartley").mentions} == {1}


def test_the_trump_administration_in_an_article_without_a_full_name_is_donald_trump():
    one = "Donald Trump said on Twitter that Trump would win the census case."
    two = ("The Trump administration wants to add the question to the census. Lawyers for the Trump "
           "administration argued in court on Tuesday.")
    texts = {1: one, 2: two}
    found = {article: extract_mentions(text) for article, text in texts.items()}
    entities = resolve_entities(found, texts)
    trumps = [e for e in entities if e.name.endswith("Trump")]
    assert len(trumps) == 1 and trumps[0].type == "PERSON", trumps
    assert {a for a, _ in trumps[0].mentions} == {1, 2}


# ---------------------------------------------------------------------------------------------
# "X and Y" run into one name


def test_two_names_joined_by_and_are_split_when_the_pile_prints_each_alone():
    one = ("Officials in the Labor Department and Treasury Department had said so. The Labor Department "
           "denied it. The Securities and Exchange Commission did not comment.")
    two = "The Treasury Department issued a statement. Bosnia and Herzegovina voted."
    entities = resolve(
        (one, [("Labor Department and Treasury Department", "ORG"), ("Labor Department", "ORG"),
               ("Securities and Exchange Commission", "ORG")]),
        (two, [("Treasury Department", "ORG"), ("Bosnia and Herzegovina", "GPE")]),
    )
    names = {e.name for e in entities}
    assert "Labor Department and Treasury Department" not in names
    assert len(entity_of(entities, "Labor Department").mentions) == 2
    assert len(entity_of(entities, "Treasury Department").mentions) == 2
    # names with "and" inside stay whole: the pile never prints both halves alone
    assert {"Securities and Exchange Commission", "Bosnia and Herzegovina"} <= names


# ---------------------------------------------------------------------------------------------
# the words around a mention retype an entity the NER types by turns


def test_an_organisation_the_ner_calls_a_person_is_retyped_by_its_context():
    one = ("The papers are now with attorneys for Fair Ledger, the voting rights group suing the state. "
           "Fair Ledger, which filed the case in 2018, declined to comment.")
    two = "Anna Berg, president of Fair Ledger, said the maps were drawn in secret. Fair Ledger will appeal."
    three = "Fair Ledger won. Its lawyers met Fair Ledger staff."
    entities = resolve(
        (one, [("Fair Ledger", "PERSON"), ("Fair Ledger", "ORG")]),
        (two, [("Fair Ledger", "PERSON"), ("Fair Ledger", "PERSON"), ("Anna Berg", "PERSON")]),
        (three, [("Fair Ledger", "ORG"), ("Fair Ledger", "PERSON")]),
    )
    assert entity_of(entities, "Fair Ledger").type == "ORG"
    assert entity_of(entities, "Anna Berg").type == "PERSON"


def test_a_person_the_ner_calls_a_thing_by_turns_is_retyped_by_its_context():
    one = "The service removed R. Vance and rapper Zyntherion from its playlists."
    two = "Zyntherion, who denies the charges, is awaiting trial. The 20-year-old Zyntherion was arrested."
    three = "Fans of Zyntherion protested. Zyntherion music returned to the playlists."
    entities = resolve(
        (one, [("R. Vance", "PERSON"), ("Zyntherion", "WORK_OF_ART")]),
        (two, [("Zyntherion", "ORG"), ("Zyntherion", "NORP")]),
        (three, [("Zyntherion", "WORK_OF_ART"), ("Zyntherion", "PRODUCT")]),
    )
    assert entity_of(entities, "Zyntherion").type == "PERSON"


def test_context_does_not_retype_places_peoples_or_names_the_ner_is_sure_of():
    one = ("A judge of the Southern District of Ostrava, who ruled on Monday, sent the case to Ostrava, "
           "which appealed. A 47-year-old Danish migrant and a 30-year-old Danish woman were charged.")
    two = "Ostrava, which lies on the river, voted. Ostrava, which is old, did too. Danish officials agreed."
    entities = resolve(
        (one, [("Ostrava", "GPE"), ("Danish", "NORP")]),
        (two, [("Ostrava", "GPE"), ("Danish", "NORP")]),
    )
    assert entity_of(entities, "Ostrava").type == "GPE"
    assert entity_of(entities, "Danish").type == "NORP"


def test_a_name_before_a_noun_is_a_modifier_not_a_person():
    one = "Police raided the home of a 26-year-old Ostrava man. A 29-year-old Ostrava woman was fined."
    two = "The 20-year-old Ostrava student, the 31-year-old Ostrava nurse and Ostrava itself."
    entities = resolve((one, [("Ostrava", "GPE")]), (two, [("Ostrava", "GPE")]))
    assert entity_of(entities, "Ostrava").type == "GPE"


def test_kind_cue_reads_both_sides_of_a_mention():
    def cue(text: str, name: str) -> str | None:
        start = text.index(name)
        return stage.kind_cue(text, Mention(text=name, span=(start, start + len(name)), type="PERSON"))

    assert cue("the singer Ada Lune performed", "Ada Lune") == "PERSON"
    assert cue("Ada Lune, 38, performed", "Ada Lune") == "PERSON"
    assert cue("the advocacy group Open Rolls sued", "Open Rolls") == "ORG"
    assert cue("Open Rolls, which sued, lost", "Open Rolls") == "ORG"
    assert cue("Open Rolls president Dan Hu said", "Open Rolls") == "ORG"
    assert cue("the court may overturn Marsh, the 1992 decision", "Marsh") == "LAW"
    assert cue("the infamous Marsh decision", "Marsh") == "LAW"
    assert cue("Marsh's decision surprised them", "Marsh") is None  # somebody's decision
    assert cue("Open Rolls said", "Open Rolls") is None


def test_a_court_case_called_by_one_party_is_no_person():
    one = ("The court may overturn Marsh, the 1992 decision. The right was reaffirmed in Marsh, and justices "
           "leaned on Marsh again. Judge Ada Lune wrote that Marsh stands.")
    two = "Lawyers said the court would not overrule Marsh. Ada Lune, 61, agreed."
    entities = resolve((one, [("Marsh", "PERSON"), ("Ada Lune", "PERSON")]),
                       (two, [("Marsh", "PERSON"), ("Ada Lune", "PERSON")]))
    assert entity_of(entities, "Marsh").type == "LAW"
    assert entity_of(entities, "Ada Lune").type == "PERSON"


# ---------------------------------------------------------------------------------------------
# a company with and without its legal form


def test_a_company_is_one_entity_with_and_without_its_legal_form():
    one = "Streamly Technology SA walked back its policy. Streamly said on Monday it would listen."
    two = ("Quarry Corporation and Ajito Co., Inc. reported. Quarry shares rose; Ajito fell. "
           "The Carver Group hired Ann Carver. Carver Group staff agreed.")
    entities = resolve(
        (one, [("Streamly Technology SA", "ORG"), ("Streamly", "ORG")]),
        (two, [("Quarry Corporation", "ORG"), ("Quarry", "ORG"), ("Ajito Co., Inc.", "ORG"), ("Ajito", "ORG"),
               ("Carver Group", "ORG"), ("Ann Carver", "PERSON")]),
    )
    streamly = entity_of(entities, "Streamly")
    assert streamly.name == "Streamly" and streamly.aliases == ("Streamly Technology SA",)  # no legal form
    assert entity_of(entities, "Quarry") is entity_of(entities, "Quarry Corporation")
    assert entity_of(entities, "Ajito") is entity_of(entities, "Ajito Co., Inc.")
    # a person is not the company named after her, nor her surname alone the company
    assert entity_of(entities, "Ann Carver") is not entity_of(entities, "Carver Group")


def test_a_surname_alone_typed_org_is_not_the_company_named_after_the_person():
    entities = resolve(("John Palesta lobbied. The Palesta Group was paid. Palesta denied it.",
                        [("John Palesta", "PERSON"), ("Palesta Group", "ORG"), ("Palesta", "ORG")]))
    assert entity_of(entities, "Palesta") is entity_of(entities, "John Palesta")
    assert entity_of(entities, "Palesta Group") is not entity_of(entities, "John Palesta")


def test_a_one_word_names_network_is_a_channel_of_its_own():
    entities = resolve(("The NBL Network aired it. The NBL fined him. The Fox Trade Network, or Fox Trade, did not.",
                        [("NBL Network", "ORG"), ("NBL", "ORG"), ("Fox Trade Network", "ORG"), ("Fox Trade", "ORG")]))
    assert entity_of(entities, "NBL") is not entity_of(entities, "NBL Network")
    assert entity_of(entities, "Fox Trade") is entity_of(entities, "Fox Trade Network")


def test_a_name_and_company_is_not_a_company():
    entities = resolve(("Obama & Co. lied, said Obama.", [("Obama & Co.", "ORG"), ("Obama", "ORG")]))
    assert entity_of(entities, "Obama") is not entity_of(entities, "Obama & Co.")


def test_an_irish_head_of_government_is_a_title():
    assert strip_titles("Taoiseach Leo Varadkar") == "Leo Varadkar"
    assert strip_titles("Tanaiste Simon Coveney") == "Simon Coveney"


def test_a_role_in_apposition_makes_a_name_printed_once_a_person():
    one = ('"Act now," Maren Holt, co-director of Standing Together, told the radio. '
           "Pell Rivers, an Arnold & Pike attorney representing the group, agreed.")
    two = "In Ostrava, a reporter for the Daily Ledger said so. Night Vane, a leader in tritium lights, grew."
    entities = resolve(
        (one, [("Maren Holt", "WORK_OF_ART"), ("Standing Together", "ORG"), ("Pell Rivers", "ORG")]),
        (two, [("Ostrava", "GPE"), ("Daily Ledger", "ORG"), ("Night Vane", "ORG")]),
    )
    assert entity_of(entities, "Maren Holt").type == "PERSON"
    assert entity_of(entities, "Pell Rivers").type == "PERSON"
    assert entity_of(entities, "Ostrava").type == "GPE"  # after "In": a place, whoever speaks after it
    assert entity_of(entities, "Night Vane").type == "ORG"  # a leader in its trade is no role of a person


def test_a_name_situated_in_a_region_is_a_place():
    one = "Ek spoke at the conference on Wednesday in Palo Verde Heights, California. The firm left."
    two = ("The show, which is taking place this week in Palo Verde Heights, California, ended. "
           "Shares fell in Vexor, Apple and Google, and in Vexor, Apple, Google. Vexor rose.")
    entities = resolve(
        (one, [("Palo Verde Heights", "ORG")]),
        (two, [("Palo Verde Heights", "ORG"), ("Vexor", "ORG")]),
    )
    assert entity_of(entities, "Palo Verde Heights").type == "GPE"
    assert entity_of(entities, "Vexor").type == "ORG"  # a list, not a place and its region


def test_what_a_person_has_too_is_no_cue_of_an_organisation():
    one = "Lawyers for Ines Marlow appealed. A spokesman for Ines Marlow declined. Marlow's employees left."
    two = ("Attorneys for Ines Marlow said so, and a spokeswoman for Ines Marlow agreed. Ines Marlow, the "
           "party's candidate, spoke. The post was on Ines Marlow's website.")
    entities = resolve((one, [("Ines Marlow", "PERSON"), ("Marlow", "PERSON")]),
                       (two, [("Ines Marlow", "PERSON")]))
    assert entity_of(entities, "Ines Marlow").type == "PERSON"
    assert stage.kind_cue(one, Mention(text="Ines Marlow", span=(12, 23), type="PERSON")) is None


def test_a_city_the_ner_calls_a_person_is_a_place_by_its_dateline_and_its_city_of() -> None:
    texts = {
        1: ("KESTREL — Government forces dug in around the northern city of Kestrel on Monday as rebel fighters "
            "closed in, military officials said."),
        2: "Rebel fighters pushed toward Kestrel on Monday, coming within about 10 kilometres of the city.",
    }
    mentions = {
        1: [Mention(text="KESTREL", span=(0, 7), type="PERSON"),
            Mention(text="Kestrel", span=(texts[1].index("Kestrel on"), texts[1].index("Kestrel on") + 7),
                    type="PERSON")],
        2: [Mention(text="Kestrel", span=(texts[2].index("Kestrel"), texts[2].index("Kestrel") + 7), type="PERSON")],
    }
    (kestrel,) = resolve_entities(mentions, texts)
    assert (kestrel.name, kestrel.type) == ("Kestrel", "GPE")


def test_a_first_name_alone_spelt_like_another_s_surname_is_not_that_surname() -> None:
    """"Barack" and "Barrack" share a key once doubled letters fold: "Barack and Bibi", with Barack Obama
    in the pile, must not join Tom Barrack. "Barrack" itself still does, and so does a surname spelt as
    printed."""
    texts = {1: "Barack Obama met Tom Barrack on Monday. Barrack said the deal was good.",
             2: "Barack and Bibi spoke by phone on Tuesday about the talks.",
             3: "Obama said the talks would go on."}

    def mention(article: int, name: str) -> Mention:
        at = texts[article].index(name)
        return Mention(text=name, span=(at, at + len(name)), type="PERSON")

    found = resolve_entities({1: [mention(1, "Barack Obama"), mention(1, "Tom Barrack"), mention(1, "Barrack")],
                              2: [mention(2, "Barack"), mention(2, "Bibi")], 3: [mention(3, "Obama")]}, texts)
    by_name = {e.name: e for e in found}
    assert {a for a, _ in by_name["Tom Barrack"].mentions} == {1}
    assert {a for a, _ in by_name["Barack Obama"].mentions} == {1, 3}
