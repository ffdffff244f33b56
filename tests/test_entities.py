"""Entities: NER mentions, each alias rule, the alias file, speaker look-up, the CLI, and the gold of the
sample pile. Rule tests give the mentions by hand (so they test the rules, not spaCy's tagging of one
sentence); extraction tests run the real model."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from storytrace.claims.aliases import AliasGroup, AliasTable, load_aliases, parse_aliases
from storytrace.claims.entities import (
    NER_DISABLED,
    entity_for_name,
    extract_mentions,
    extract_mentions_many,
    join_split_institutions,
    name_key,
    resolve_entities,
    strip_titles,
)
from storytrace.claims.nlp import load_nlp
from storytrace.cli import main
from storytrace.errors import AliasFileError
from storytrace.models import Entity, Mention

ROOT = Path(__file__).resolve().parents[1]
GOLD = json.loads((Path(__file__).parent / "gold" / "mosul-2016-entities.json").read_text(encoding="utf-8"))


def mentions_of(text: str, *names: tuple[str, str]) -> list[Mention]:
    """Every whole-word occurrence of each (name, type) in ``text``, as NER would give them."""
    found: list[Mention] = []
    for name, label in sorted(names, key=lambda item: -len(item[0])):  # longest first: "Clinton" in "Bill Clinton"
        for match in re.finditer(rf"(?<![\w.]){re.escape(name)}(?![\w])", text):
            if not any(m.span[0] < match.end() and match.start() < m.span[1] for m in found):
                found.append(Mention(text=name, span=match.span(), type=label))
    return sorted(found, key=lambda m: m.span)


def resolve(
    *articles: tuple[str, list[tuple[str, str]]], aliases: AliasTable | None = None, outlets: tuple[str, ...] = ()
) -> list[Entity]:
    texts = {number: text for number, (text, _) in enumerate(articles, 1)}
    mentions = {number: mentions_of(text, *names) for number, (text, names) in enumerate(articles, 1)}
    if outlets:
        return resolve_entities(mentions, texts, aliases, outlets=outlets)
    return resolve_entities(mentions, texts, aliases)


def entity_of(entities: list[Entity], name: str) -> Entity:
    owners = [e for e in entities if name == e.name or name in e.aliases]
    assert len(owners) == 1, (name, owners)
    return owners[0]


def names_of(entity: Entity) -> set[str]:
    return {entity.name, *entity.aliases}


# ---------------------------------------------------------------------------------------------
# mentions (real model)

TEXT = (
    "The United Nations said on Monday that the U.N.'s envoy would travel to Kyiv. "
    "Ukrainian President Volodymyr Zelenskyy met Angela Merkel in Berlin, and the Kremlin's spokesman "
    "Dmitry Peskov said Russia would respond."
)


def test_ner_only_pipeline_finds_what_the_full_pipeline_finds():
    full = load_nlp()
    fast = load_nlp(disable=NER_DISABLED)
    assert fast.pipe_names == ["ner"]
    for text in (TEXT, (ROOT / "examples" / "mosul-2016" / "000_c224efd6a67e8e85.txt").read_text(encoding="utf-8")):
        assert [(e.start_char, e.end_char, e.label_) for e in full(text).ents] == [
            (e.start_char, e.end_char, e.label_) for e in fast(text).ents
        ]


def test_mentions_have_exact_spans_without_the_or_possessive():
    found = extract_mentions(TEXT)
    assert found, "no mentions"
    for mention in found:
        assert TEXT[mention.span[0] : mention.span[1]] == mention.text
        assert not mention.text.lower().startswith("the ")
        assert not mention.text.endswith(("'s", "’s"))
    texts = {m.text for m in found}
    assert {"United Nations", "Volodymyr Zelenskyy", "Dmitry Peskov"} <= texts
    assert "Kremlin" in texts  # "the Kremlin's" → "Kremlin"
    assert {m.type for m in found} <= {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "LAW",
                                       "WORK_OF_ART"}
    assert "Monday" not in texts  # dates are not entities


def test_batch_form_equals_one_by_one_and_handles_empty_and_long_texts():
    long_text = "\n\n".join([TEXT] * 400)  # > 50,000 characters: parsed in paragraph-aligned blocks
    texts = [TEXT, "", "   ", "no names here at all.", long_text]
    many = extract_mentions_many(texts)
    assert many[0] == extract_mentions(TEXT)
    assert many[1] == many[2] == many[3] == []
    assert len(many[4]) >= 0.9 * 400 * len(many[0])
    assert all(long_text[m.span[0] : m.span[1]] == m.text for m in many[4])


def test_no_mention_crosses_a_line_break():
    text = "Reporting by The Associated Press\n\nNEW YORK (AP) — Officials in New York said so.\nBarack Obama agreed."
    found = extract_mentions(text)
    assert found and all("\n" not in m.text and text[m.span[0] : m.span[1]] == m.text for m in found)


def test_a_split_arabic_particle_is_joined_back():
    text = "Fighters will be redeployed to take control over Deir ez-Zor and Palmyra, the source said."
    assert "Deir ez-Zor" in [m.text for m in extract_mentions(text)]


@pytest.mark.parametrize(
    ("span_text", "expected"),
    [
        ("the Kurdistan Democratic Party", "Kurdistan Democratic Party"),
        ("Bashar al-Assad's", "Bashar al-Assad"),
        ("Haider al-Abadi’s", "Haider al-Abadi"),
        ("ISIS’", "ISIS"),
        ("U.S.", "U.S."),
        ("Associated Press NEW YORK", "Associated Press"),  # a dateline NER glued to a name
        ("ADAM LIPTAK", "ADAM LIPTAK"),
        ("a Pulitzer Prize", "Pulitzer Prize"),  # an indefinite article NER took in
        ("an “Energy Czar", "Energy Czar"),
        ("A. Mark Neuman", "A. Mark Neuman"),  # an initial, not an article
        # a span that runs out of its name: the label stays with the part before the break
        ("Jayson Veley / Natural News", "Jayson Veley"),
        ("GEOFF MULVIHILL - Associated Press", "GEOFF MULVIHILL"),
        ("Federal Bureau of Investigation (FBI", "Federal Bureau of Investigation"),
        ("Daily Sheeple of www.TheDailySheeple.com", "Daily Sheeple"),
        ("Saul Alinsky’s “Rules for Radicals", "Saul Alinsky"),
        ("Islamic State (Daesh)", "Islamic State (Daesh)"),  # closed inside the span: kept
        ("Jay “Count Dracula” Powell", "Jay “Count Dracula” Powell"),
        ("Trump-Russia", "Trump-Russia"),  # an unspaced hyphen is part of the name
    ],
    ids=["the", "possessive", "curly-possessive", "bare-apostrophe", "dots-kept", "glued-dateline", "all-capitals",
         "indefinite-article", "article-and-quote-mark", "initial-a", "byline-slash-outlet", "byline-dash-outlet",
         "unclosed-bracket", "web-address", "unclosed-quote", "closed-bracket", "closed-quote", "hyphenated"],
)
def test_span_cleanup(span_text, expected):
    from storytrace.claims.entities import _clean_mention

    text = f"Before {span_text} after."
    mention = _clean_mention(text, 7, 7 + len(span_text), "ORG")
    assert mention is not None and mention.text == expected
    assert text[mention.span[0] : mention.span[1]] == expected


@pytest.mark.parametrize(
    "span_text", ["lone", "n’t", "red", "state", "fed"], ids=["lone", "contraction", "colour", "state", "fed"])
def test_a_span_without_a_capital_letter_is_no_name(span_text):
    """NER tags ordinary words now and then ("truly lone wolves", "they didn’t", "fed up"); as names
    they joined real ones ("lone" → Wa Lone, "state" → Deep State, "fed" → the Fed)."""
    from storytrace.claims.entities import _clean_mention

    text = f"Before {span_text} after."
    assert _clean_mention(text, 7, 7 + len(span_text), "PERSON") is None


@pytest.mark.parametrize("case", ["Common Cause v. Lewis", "Department of Commerce v. New York", "Roe v. Wade"],
                         ids=["people", "institution", "roe"])
def test_a_court_case_is_typed_law_whatever_its_parties(case):
    """NER types a case by its parties; as a PERSON, "Common Cause v. Lewis" took the "Lewis" of
    the pile for its surname."""
    from storytrace.claims.entities import _clean_mention

    text = f"The ruling in {case} stands."
    mention = _clean_mention(text, 14, 14 + len(case), "PERSON")
    assert mention is not None and mention.text == case and mention.type == "LAW"


def test_a_case_called_by_its_first_party_is_that_case():
    entities = resolve(
        ("Few expect the court to overturn Roe v. Wade soon. Roe was decided in 1973; Casey reaffirmed Roe.",
         [("Roe v. Wade", "LAW"), ("Roe", "LAW"), ("Casey", "PERSON")]),
        ("Activists asked whether Roe would survive.", [("Roe", "LAW")]),
        ("Jane Roe, whose real name was Norma McCorvey, died.", [("Jane Roe", "PERSON"), ("Norma McCorvey", "PERSON")]),
    )
    case = entity_of(entities, "Roe v. Wade")
    assert case.type == "LAW" and sorted({a for a, _ in case.mentions}) == [1, 2]
    assert entity_of(entities, "Jane Roe") is not case


def test_a_span_that_starts_with_a_web_address_is_no_name():
    from storytrace.claims.entities import _clean_mention

    span = "https://example.org/2017/11/the-page/ Email"
    text = f"Read {span} us."
    assert _clean_mention(text, 5, 5 + len(span), "PERSON") is None


def test_an_untagged_place_in_brackets_situates_the_name_before_it():
    """Once "Novus (US" is cut to "Novus", the "(US)" NER did not tag is a place the pile knows, not
    an acronym of Novus (it had made "Novus" an alias of the United States)."""
    entities = resolve(
        ("Key vendors include Novus (US) and Adisseo (France).", [("Novus", "ORG"), ("Adisseo", "ORG"),
                                                                  ("France", "GPE")]),
        ("US exports of feed additives rose.", [("US", "GPE")]),
    )
    assert names_of(entity_of(entities, "Novus")) == {"Novus"}


def test_an_untagged_name_in_square_brackets_still_declares_when_the_pile_tags_it_a_place():
    """NER tags "Daesh" GPE now and then; an editor's "[Daesh]" NER missed is still the group's alias."""
    entities = resolve(
        ('"The Islamic State [Daesh] threat recedes," he said.', [("Islamic State", "ORG")]),
        ("Daesh fighters left Mosul.", [("Daesh", "GPE"), ("Mosul", "GPE")]),
    )
    group = entity_of(entities, "Islamic State")
    assert [m.text for a, m in group.mentions if a == 1] == ["Islamic State", "Daesh"]


def test_end_to_end_on_three_articles_written_here():
    texts = {
        1: "Ukrainian President Volodymyr Zelenskyy met United Nations Secretary-General Antonio Guterres in Kyiv on "
           "Monday. Zelenskyy said the talks were useful.\n\nThe Islamic State of Iraq and the Levant (ISIL) claimed "
           "the attack, and the Kurdistan Workers' Party, also known as the PKK, denied any role.",
        2: "Speaking in Kyiv, Zelensky thanked the U.N. and its chief. Guterres promised more aid.\n\n"
           "U.N. officials said Russia and Ukraine traded blame.",
        3: "Mr. Zelenskiy told reporters in Kyiv that Russia would not win. The UN said Ukraine needed aid.",
    }
    found = extract_mentions_many(list(texts.values()))
    entities = resolve_entities(dict(zip(texts, found, strict=True)), texts)
    un = entity_of(entities, "United Nations")
    assert set(un.aliases) == {"U.N.", "UN"} and sorted({a for a, _ in un.mentions}) == [1, 2, 3]
    zelensky = entity_of(entities, "Volodymyr Zelenskyy")
    assert {"Zelensky", "Zelenskiy", "Zelenskyy"} <= set(zelensky.aliases) and zelensky.type == "PERSON"
    assert "Guterres" in entity_of(entities, "Antonio Guterres").aliases
    assert "ISIL" in entity_of(entities, "Islamic State of Iraq and the Levant").aliases  # NER split the name
    assert "PKK" in entity_of(entities, "Kurdistan Workers' Party").aliases


# ---------------------------------------------------------------------------------------------
# names


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Maj. Gen. Gary Volesky", "Gary Volesky"),
        ("President Bashar Assad", "Bashar Assad"),
        ("Prime Minister Haider al-Abadi", "Haider al-Abadi"),
        ("Lt. Col. Daniel L. Lewis", "Daniel L. Lewis"),
        ("Sheikh Tamim", "Tamim"),
        ("Sheikh", "Sheikh"),  # a surname on its own is never stripped away
        ("Salman Rafi Sheikh", "Salman Rafi Sheikh"),  # a trailing "Sheikh" is the surname
    ],
    ids=["maj-gen", "president", "prime-minister", "lt-col", "sheikh-title", "sheikh-alone", "sheikh-surname"],
)
def test_titles_are_stripped_from_person_names(raw, expected):
    assert strip_titles(raw) == expected


def test_titles_are_kept_in_organisation_names_but_a_trailing_rank_goes():
    assert strip_titles("General Motors", person=False) == "General Motors"
    assert strip_titles("U.S. Army Col", person=False) == "U.S. Army"


def test_name_keys_fold_spelling_differences():
    assert name_key("Zelensky") == name_key("Zelenskyy") == name_key("Zelenskiy") == name_key("Zelenskij".replace("j", "y"))
    assert name_key("U.N.") == name_key("UN")
    assert name_key("Sergey Lavrov") == name_key("Sergei Lavrov")
    assert name_key("Deir ez-Zor") == name_key("Deir Ezzor")
    assert name_key("Bashar al-Assad", drop_particles=True) == name_key("Bashar Assad", drop_particles=True)
    assert name_key("Erdoğan") == name_key("Erdogan")
    assert name_key("SAA") != name_key("SA")  # acronym letters are not collapsed


# ---------------------------------------------------------------------------------------------
# declared aliases

DECLARED = [
    ("Hayat Tahrir al-Sham, also known as HTS, took the city. HTS fighters stayed.", "Hayat Tahrir al-Sham", "HTS"),
    ("The Kurdistan Workers Party (PKK) denied it. The PKK said so.", "Kurdistan Workers Party", "PKK"),
    ('"The Islamic State [Daesh] threat recedes," he said.', "Islamic State", "Daesh"),
    ("Daesh, an acronym for the Islamic State in Arabic, lost ground.", "Daesh", "Islamic State"),
    ("Daesh, an acronym for Islamic State, lost ground.", "Daesh", "Islamic State"),
    ("The Levant Front, commonly known as Al-Jabha al-Shamiya, advanced.", "Levant Front", "Al-Jabha al-Shamiya"),
    ("Boko Haram, known in the region as Jama'atu Ahlis Sunna, struck again.", "Boko Haram", "Jama'atu Ahlis Sunna"),
    ("The Ukrainian Insurgent Army, also called UPA, fought on.", "Ukrainian Insurgent Army", "UPA"),
    ("The Organisation of Ukrainian Nationalists (called the Banderites) split.", "Organisation of Ukrainian Nationalists",
     "Banderites"),
    ("Al-Nusra a.k.a Jabhat Fath Al-Sham grew stronger.", "Al-Nusra", "Jabhat Fath Al-Sham"),
    ("Daesh (an Arabic acronym for the terrorist group commonly known in the West as ISIS or ISIL) held it.", "Daesh",
     "ISIL"),
]


@pytest.mark.parametrize(
    ("text", "first", "second"), DECLARED,
    ids=["also-known-as", "parentheses", "brackets", "acronym-for-the", "acronym-for", "commonly-known-as",
         "known-in-as", "also-called", "bracket-called", "aka", "parenthetical-or-list"],
)
def test_declared_aliases_join(text, first, second):
    entities = resolve((text, [(first, "ORG"), (second, "ORG")]))
    assert entity_of(entities, first) is entity_of(entities, second)


def test_a_declared_alias_ner_missed_is_taken_from_the_text():
    text = "Members of the Kurdistan Democratic Party (KDP) met. Daesh (known in the West as ISIS) retreated."
    entities = resolve((text, [("Kurdistan Democratic Party", "ORG"), ("Daesh", "GPE")]))
    assert "KDP" in entity_of(entities, "Kurdistan Democratic Party").aliases
    isis = entity_of(entities, "ISIS")
    assert isis is entity_of(entities, "Daesh")
    assert any(m.text == "ISIS" and text[m.span[0] : m.span[1]] == "ISIS" for _, m in isis.mentions)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("He flew from Irbil (Iraq) to Ankara.", [("Irbil", "GPE"), ("Iraq", "GPE")]),
        ("Robert Fisk (CounterPunch) disagreed.", [("Robert Fisk", "PERSON"), ("CounterPunch", "ORG")]),
        ("Obama called Putin on Monday.", [("Obama", "PERSON"), ("Putin", "PERSON")]),
        ("Spotify's chief, Kendrick Lamar, called Ek to complain.", [("Kendrick Lamar", "PERSON"), ("Ek", "PERSON")]),
        ("NEW YORK (AP) — The vote failed.", [("NEW YORK", "GPE"), ("AP", "ORG")]),
        ("Screenshot: YouTube (Google)", [("YouTube", "ORG"), ("Google", "ORG")]),
        ("Senator Lindsey Graham (R-S.C.) agreed.", [("Lindsey Graham", "PERSON")]),
    ],
    ids=["place-in-brackets", "affiliation-in-brackets", "called-as-a-verb", "comma-called-verb", "dateline-credit",
         "owner-in-parentheses", "party-and-state"],
)
def test_brackets_and_called_that_do_not_declare_an_alias(text, names):
    entities = resolve((text, names))
    first = entity_of(entities, names[0][0])
    assert first.aliases == ()
    if len(names) > 1:
        assert first is not entity_of(entities, names[1][0])


# ---------------------------------------------------------------------------------------------
# acronyms


def test_acronyms_with_and_without_dots_join_their_expansion_across_articles():
    entities = resolve(
        # one story: the articles share other names (Mosul, Iraqi), as an acronym and its expansion
        # must to be joined when no article prints both
        ("The United Nations warned of a crisis in Mosul as Iraqi forces advanced.",
         [("United Nations", "ORG"), ("Mosul", "GPE"), ("Iraqi", "NORP")]),
        ("U.N. officials said 1.5 million could flee Mosul before Iraqi troops arrive.",
         [("U.N.", "ORG"), ("Mosul", "GPE"), ("Iraqi", "NORP")]),
        ("Russia's UN draft failed.", [("UN", "ORG"), ("Russia", "GPE")]),
        ("The Islamic State of Iraq and the Levant held Raqqa. ISIL fighters left.",
         [("Islamic State of Iraq and the Levant", "ORG"), ("ISIL", "ORG"), ("Raqqa", "GPE")]),
    )
    un = entity_of(entities, "United Nations")
    assert un.name == "United Nations"
    assert set(un.aliases) == {"U.N.", "UN"}
    assert sorted({a for a, _ in un.mentions}) == [1, 2, 3]
    assert entity_of(entities, "ISIL") is entity_of(entities, "Islamic State of Iraq and the Levant")
    assert entity_of(entities, "Russia") is not un


def test_an_acronym_with_two_possible_expansions_in_the_pile_stays_apart():
    entities = resolve(
        ("The Democratic Party of Kurdistan met.", [("Democratic Party of Kurdistan", "ORG")]),
        ("The Danish People's Kingdom met.", [("Danish People's Kingdom", "ORG")]),
        ("The DPK said no.", [("DPK", "ORG")]),
    )
    assert entity_of(entities, "DPK").aliases == ()


def test_an_acronym_no_article_spells_out_joins_the_only_expansion_only_when_it_can_be_that_actor():
    entities = resolve(
        # an event pile: the expansion's article shares names with the acronym's
        ("The Syrian Arab Army retook Palmyra from Islamic State with Russian air cover.",
         [("Syrian Arab Army", "ORG"), ("Palmyra", "GPE"), ("Islamic State", "ORG"), ("Russian", "NORP")]),
        ("SAA troops entered Palmyra as Islamic State fighters withdrew.",
         [("SAA", "ORG"), ("Palmyra", "GPE"), ("Islamic State", "ORG")]),
        # unrelated pages: a channel is no event, two letters fit anything, no shared names
        ("What really happened during the Crystal Night Now, he asked.", [("Crystal Night Now", "EVENT")]),
        ("CNN reported the vote. Later CNN corrected it.", [("CNN", "ORG")]),
        ("Researchers at the Gladstone Institute in San Francisco grew the cells.",
         [("Gladstone Institute", "ORG"), ("San Francisco", "GPE")]),
        ("GI and GII variants were found in oysters from Baynes Sound.", [("GI", "ORG"), ("Baynes Sound", "LOC")]),
        ("Nordea Bank AB cut its forecast for Sweden.", [("Nordea Bank AB", "ORG"), ("Sweden", "GPE")]),
        ("The NBA fined the Lakers after the game in Los Angeles.",
         [("NBA", "ORG"), ("Lakers", "ORG"), ("Los Angeles", "GPE")]),
    )
    assert entity_of(entities, "SAA") is entity_of(entities, "Syrian Arab Army")
    for acronym in ("CNN", "GI", "NBA"):
        assert names_of(entity_of(entities, acronym)) == {acronym}


def test_aka_ending_a_word_declares_nothing():
    text = "The team built on senior investigator Shinya Yamanaka, MD, PhD, who found it in 2006."
    start = text.index("Shinya")
    mentions = [Mention(text="Shinya Yaman", span=(start, start + 12), type="PERSON"),
                Mention(text="MD", span=(text.index("MD"), text.index("MD") + 2), type="GPE")]
    entities = resolve_entities({1: mentions}, {1: text})
    assert entity_of(entities, "MD") is not entity_of(entities, "Shinya Yaman")


def test_a_name_written_as_one_word_or_hyphenated_is_the_same_name():
    entities = resolve(
        ("Spotify's RapCaviar playlist dropped him.", [("Spotify", "ORG"), ("RapCaviar", "ORG")]),
        ("Rap Caviar has 9 million followers; Al Qaeda and Asia-Pacific markets were named.",
         [("Rap Caviar", "ORG"), ("Al Qaeda", "ORG"), ("Asia-Pacific", "LOC")]),
        ("Al-Qaeda claimed it. Asia Pacific shares fell.", [("Al-Qaeda", "ORG"), ("Asia Pacific", "LOC")]),
    )
    assert names_of(entity_of(entities, "RapCaviar")) == {"RapCaviar", "Rap Caviar"}
    assert names_of(entity_of(entities, "Al-Qaeda")) == {"Al-Qaeda", "Al Qaeda"}
    assert names_of(entity_of(entities, "Asia Pacific")) == {"Asia Pacific", "Asia-Pacific"}


def test_a_group_tagged_inside_a_person_name_stays_the_group():
    """NER reads "Palestinian Al-Qaeda activist" as a person; "Al-Qaeda" of the same article is
    still the group the pile calls "al Qaeda", not that person's surname."""
    entities = resolve(
        ("The court did not deport Abu Qatada, Palestinian Al-Qaeda activist. Two Al-Qaeda members were jailed.",
         [("Abu Qatada", "PERSON"), ("Palestinian Al-Qaeda", "PERSON"), ("Al-Qaeda", "ORG")]),
        ("French forces fought al Qaeda in Mali.", [("al Qaeda", "ORG"), ("Mali", "GPE")]),
    )
    group = entity_of(entities, "al Qaeda")
    assert group is entity_of(entities, "Al-Qaeda") and group.type == "ORG"
    assert group is not entity_of(entities, "Palestinian Al-Qaeda")


def test_an_owner_and_a_name_it_owns_are_split_when_the_pile_prints_the_name_alone():
    entities = resolve(
        ("Washington Post’s Tara Bahrampour first reported the memo.", [("Washington Post’s Tara Bahrampour", "ORG")]),
        ("Tara Bahrampour of the Washington Post wrote that the Census Bureau objected.",
         [("Tara Bahrampour", "PERSON"), ("Washington Post", "ORG"), ("Census Bureau", "ORG")]),
        ("A dean at St. Peter’s University, and Angie’s List, agreed.",
         [("St. Peter’s University", "ORG"), ("Angie’s List", "ORG")]),
        ("The University declined to comment.", [("University", "ORG")]),
    )
    reporter, paper = entity_of(entities, "Tara Bahrampour"), entity_of(entities, "Washington Post")
    assert reporter.type == "PERSON" and sorted({a for a, _ in reporter.mentions}) == [1, 2]
    assert sorted({a for a, _ in paper.mentions}) == [1, 2]
    assert [m.text for a, m in reporter.mentions if a == 1] == ["Tara Bahrampour"]
    for whole in ("St. Peter’s University", "Angie’s List"):  # no evidence of two names: kept whole
        assert names_of(entity_of(entities, whole)) == {whole}


# ---------------------------------------------------------------------------------------------
# surnames

def test_surname_joins_the_full_name_within_and_across_articles():
    entities = resolve(
        ("Russian foreign minister Sergey Lavrov spoke. Lavrov added more.", [("Sergey Lavrov", "PERSON"),
                                                                             ("Lavrov", "PERSON")]),
        ("Lavrov warned Washington.", [("Lavrov", "PERSON"), ("Washington", "GPE")]),
    )
    lavrov = entity_of(entities, "Sergey Lavrov")
    assert names_of(lavrov) == {"Sergey Lavrov", "Lavrov"}
    assert sorted({a for a, _ in lavrov.mentions}) == [1, 2]


def test_people_sharing_a_surname_are_not_merged_when_ambiguous():
    entities = resolve(
        ("Bill Clinton and Hillary Clinton arrived. Clinton spoke first.",
         [("Bill Clinton", "PERSON"), ("Hillary Clinton", "PERSON"), ("Clinton", "PERSON")]),
        ("Clinton was in Iowa.", [("Clinton", "PERSON"), ("Iowa", "GPE")]),
        ("Daniel L. Lewis and Daniel L. Byman wrote. Byman disagreed.",
         [("Daniel L. Lewis", "PERSON"), ("Daniel L. Byman", "PERSON"), ("Byman", "PERSON")]),
    )
    bill, hillary = entity_of(entities, "Bill Clinton"), entity_of(entities, "Hillary Clinton")
    assert bill is not hillary
    assert names_of(bill) == {"Bill Clinton"} and names_of(hillary) == {"Hillary Clinton"}
    lone = [e for e in entities if e.name == "Clinton"]
    assert lone and all(e.aliases == () and e.type == "PERSON" for e in lone)
    assert entity_of(entities, "Daniel L. Lewis") is not entity_of(entities, "Daniel L. Byman")
    assert "Byman" in entity_of(entities, "Daniel L. Byman").aliases


def test_the_same_surname_picks_the_person_of_its_own_article():
    entities = resolve(
        ("Hillary Clinton spoke in Iowa. Clinton left.", [("Hillary Clinton", "PERSON"), ("Clinton", "PERSON")]),
        ("Bill Clinton spoke in Ohio. Clinton left.", [("Bill Clinton", "PERSON"), ("Clinton", "PERSON")]),
    )
    hillary, bill = entity_of(entities, "Hillary Clinton"), entity_of(entities, "Bill Clinton")
    assert [a for a, m in hillary.mentions if m.text == "Clinton"] == [1]
    assert [a for a, m in bill.mentions if m.text == "Clinton"] == [2]



def test_a_first_name_alone_is_the_full_name_of_its_own_article_not_a_surname_elsewhere():
    entities = resolve(
        ("R. Kelly was removed from playlists. Kelly denied it.", [("R. Kelly", "PERSON"), ("Kelly", "PERSON")]),
        ("Kelly Brook, 38, filmed an advert. Kelly and Jeremy Parisi left; Jeremy drove.",
         [("Kelly Brook", "PERSON"), ("Kelly", "PERSON"), ("Jeremy Parisi", "PERSON"), ("Jeremy", "PERSON")]),
    )
    brook, singer = entity_of(entities, "Kelly Brook"), entity_of(entities, "R. Kelly")
    assert [a for a, m in brook.mentions if m.text == "Kelly"] == [2]
    assert [a for a, m in singer.mentions if m.text == "Kelly"] == [1]
    assert names_of(entity_of(entities, "Jeremy Parisi")) == {"Jeremy Parisi", "Jeremy"}


def test_a_person_name_tagged_otherwise_does_not_carry_other_articles_to_that_person():
    entities = resolve(
        ("Melania Trump spoke. Trump smiled. TRUMP: Thank you.",
         [("Melania Trump", "PERSON"), ("Trump", "PERSON"), ("TRUMP", "ORG")]),
        ("The Trump administration appealed.", [("Trump", "ORG")]),
        ("Trump officials said no.", [("Trump", "ORG")]),
    )
    melania = entity_of(entities, "Melania Trump")
    assert sorted({a for a, _ in melania.mentions}) == [1]



def test_an_institution_is_one_entity_with_or_without_us_and_in_either_word_order():
    entities = resolve(
        ("The U.S. Department of Justice appealed. The U.S. Supreme Court will rule.",
         [("U.S. Department of Justice", "ORG"), ("U.S. Supreme Court", "ORG")]),
        ("The Justice Department said the Supreme Court should wait.",
         [("Justice Department", "ORG"), ("Supreme Court", "ORG")]),
        ("The Department of Justice and the U.S. Army disagreed; the Army declined.",
         [("Department of Justice", "ORG"), ("U.S. Army", "ORG"), ("Army", "ORG")]),
    )
    assert names_of(entity_of(entities, "Justice Department")) == {
        "U.S. Department of Justice", "Justice Department", "Department of Justice"}
    assert names_of(entity_of(entities, "Supreme Court")) == {"U.S. Supreme Court", "Supreme Court"}



def test_a_group_and_its_member_are_one_entity_and_full_names_decide_a_person():
    entities = resolve(
        ("Republicans objected. One Republican said no.", [("Republicans", "NORP"), ("Republican", "NORP")]),
        ("Thomas Hofeller drew the maps. Hofeller died. Hofeller left files. Hofeller wrote a study.",
         [("Thomas Hofeller", "PERSON"), ("Hofeller", "ORG")]),
    )
    assert names_of(entity_of(entities, "Republicans")) == {"Republicans", "Republican"}
    hofeller = entity_of(entities, "Thomas Hofeller")
    assert hofeller.type == "PERSON" and "Hofeller" in hofeller.aliases



def test_a_country_in_brackets_situates_a_company_and_a_currency_code_spells_no_initials():
    entities = resolve(
        ("Key players are Trumpf (U.S.), IPG Photonics Corporation (U.S.) and Phibro (US). The United States leads.",
         [("Trumpf", "ORG"), ("U.S.", "GPE"), ("IPG Photonics Corporation", "ORG"), ("Phibro", "ORG"), ("US", "GPE"),
          ("United States", "GPE")]),
        ("The U.S. State Department paid 5 million USD.", [("U.S. State Department", "ORG"), ("USD", "ORG")]),
    )
    for company in ("Trumpf", "IPG Photonics Corporation", "Phibro"):
        assert names_of(entity_of(entities, company)) == {company}
    assert names_of(entity_of(entities, "U.S. State Department")) == {"U.S. State Department"}



def test_a_middle_initial_does_not_split_a_person_unless_two_initials_are_printed():
    entities = resolve(
        ("Donald J. Trump signed it. M. Venkaiah Naidu spoke.", [("Donald J. Trump", "PERSON"), ("M. Venkaiah Naidu", "PERSON")]),
        ("Donald Trump and Venkaiah Naidu met.", [("Donald Trump", "PERSON"), ("Venkaiah Naidu", "PERSON")]),
        ("George H. W. Bush and George W. Bush were presidents; George Bush won in 1988.",
         [("George H. W. Bush", "PERSON"), ("George W. Bush", "PERSON"), ("George Bush", "PERSON")]),
    )
    assert names_of(entity_of(entities, "Donald J. Trump")) == {"Donald J. Trump", "Donald Trump"}
    assert names_of(entity_of(entities, "M. Venkaiah Naidu")) == {"M. Venkaiah Naidu", "Venkaiah Naidu"}
    assert entity_of(entities, "George H. W. Bush") is not entity_of(entities, "George W. Bush")



def test_the_commonest_spelling_names_an_entity_not_a_longer_typo():
    entities = resolve(
        ("XXXTentacion was dropped. XXXTentacion denied it. XXXTentacion appealed.", [("XXXTentacion", "PERSON")]),
        ("XXXTentacaion was dropped, XXXTentacion's lawyer said.", [("XXXTentacaion", "PERSON"), ("XXXTentacion", "PERSON")]),
    )
    assert entity_of(entities, "XXXTentacaion").name == "XXXTentacion"


# ---------------------------------------------------------------------------------------------
# transliteration variants and normalized names

UKRAINE = [("Ukraine", "GPE"), ("Kyiv", "GPE"), ("Russia", "GPE")]


def test_transliteration_variants_join_across_articles():
    entities = resolve(
        ("Zelensky met troops in Kyiv as Russia pressed on in Ukraine.", [("Zelensky", "PERSON"), *UKRAINE]),
        ("Zelenskyy said Ukraine would hold Kyiv against Russia.", [("Zelenskyy", "PERSON"), *UKRAINE]),
        ("Volodymyr Zelenskiy spoke.", [("Volodymyr Zelenskiy", "PERSON")]),
        ("Muammar Qaddafi ruled Libya. In Tripoli, Gaddafi was hated.",
         [("Muammar Qaddafi", "PERSON"), ("Gaddafi", "PERSON"), ("Libya", "GPE")]),
        ("Haidar Abadi launched the battle.", [("Haidar Abadi", "PERSON")]),
        ("Prime Minister Haider al-Abadi hoped so.", [("Haider al-Abadi", "PERSON")]),
    )
    zelensky = entity_of(entities, "Zelensky")
    assert names_of(zelensky) == {"Volodymyr Zelenskiy", "Zelensky", "Zelenskyy"}
    assert entity_of(entities, "Gaddafi") is entity_of(entities, "Muammar Qaddafi")
    assert entity_of(entities, "Haidar Abadi") is entity_of(entities, "Haider al-Abadi")
    assert entity_of(entities, "Haider al-Abadi").name == "Haider al-Abadi"


def test_close_spellings_without_support_or_of_other_types_stay_apart():
    entities = resolve(
        ("Qaddafi spoke in Libya.", [("Qaddafi", "PERSON"), ("Libya", "GPE")]),
        ("Gaddafi was seen at a concert in Paris.", [("Gaddafi", "PERSON"), ("Paris", "GPE")]),
        ("Iraqi forces entered Iraq.", [("Iraqi", "NORP"), ("Iraq", "GPE")]),
        ("Kurds in Kurdistan.", [("Kurds", "NORP"), ("Kurdistan", "GPE")]),
    )
    assert entity_of(entities, "Qaddafi") is not entity_of(entities, "Gaddafi")  # no shared context
    assert entity_of(entities, "Iraqi") is not entity_of(entities, "Iraq")


def test_majority_type_wins_and_case_variants_join():
    entities = resolve(
        ("Daesh fighters left. Daesh lost.", [("Daesh", "ORG")]),
        ("Daesh retreated to Raqqa.", [("Daesh", "GPE"), ("Raqqa", "GPE")]),
        ("ISIS fighters and Isis leaders.", [("ISIS", "ORG"), ("Isis", "PERSON")]),
    )
    assert entity_of(entities, "Daesh").type == "ORG"
    assert entity_of(entities, "Isis") is entity_of(entities, "ISIS")
    assert entity_of(entities, "ISIS").type == "ORG"


def test_a_multiword_name_ner_missed_elsewhere_is_propagated():
    texts = {1: "Islamic State fighters fled.", 2: "The Islamic State will seek revenge, Islamic leaders said."}
    mentions = {1: [Mention(text="Islamic State", span=(0, 13), type="ORG")],
                2: [Mention(text="Islamic", span=(4, 11), type="NORP"), Mention(text="Islamic", span=(42, 49),
                                                                               type="NORP")]}
    entities = resolve_entities(mentions, texts)
    islamic_state = entity_of(entities, "Islamic State")
    assert [(a, m.span) for a, m in islamic_state.mentions] == [(1, (0, 13)), (2, (4, 17))]
    assert entity_of(entities, "Islamic").mentions == ((2, Mention(text="Islamic", span=(42, 49), type="NORP")),)


def test_titles_are_stripped_in_entity_names():
    text = "Maj. Gen. Gary Volesky said so. Gen. Gary Volesky added. Volesky left."
    entities = resolve((text, [("Maj. Gen. Gary Volesky", "PERSON"), ("Gen. Gary Volesky", "PERSON"),
                              ("Volesky", "PERSON")]))
    volesky = entity_of(entities, "Gary Volesky")
    assert volesky.name == "Gary Volesky" and volesky.aliases == ("Volesky",)
    assert len(volesky.mentions) == 3


# ---------------------------------------------------------------------------------------------
# the alias file


def test_alias_file_adds_aliases_and_overrides_name_and_type(tmp_path):
    path = tmp_path / "aliases.yaml"
    path.write_text(
        "entities:\n  - name: Islamic State\n    type: ORG\n    aliases: [Daesh, ISIS, Islamic State of Iraq]\n",
        encoding="utf-8",
    )
    table = load_aliases(path)
    assert table.groups == (AliasGroup(name="Islamic State", type="ORG", aliases=("Daesh", "ISIS",
                                                                                  "Islamic State of Iraq")),)
    articles = (("Daesh lost Raqqa.", [("Daesh", "GPE"), ("Raqqa", "GPE")]),
                ("ISIS fighters left.", [("ISIS", "ORG")]))
    plain = resolve(*articles)
    assert entity_of(plain, "Daesh") is not entity_of(plain, "ISIS")
    entities = resolve(*articles, aliases=table)
    joined = entity_of(entities, "Daesh")
    assert joined is entity_of(entities, "ISIS")
    assert joined.name == "Islamic State" and joined.type == "ORG"
    assert "Islamic State of Iraq" in joined.aliases  # declared, even if never printed


def test_alias_file_splits_names_the_rules_joined():
    articles = (("Russian foreign minister Sergey Lavrov spoke. Lavrov added.",
                 [("Sergey Lavrov", "PERSON"), ("Lavrov", "PERSON")]),
                ("Sergei Lavrov replied.", [("Sergei Lavrov", "PERSON")]))
    plain = resolve(*articles)
    assert entity_of(plain, "Sergey Lavrov") is entity_of(plain, "Sergei Lavrov")
    table = parse_aliases({"distinct": [["Sergey Lavrov", "Sergei Lavrov"]]})
    entities = resolve(*articles, aliases=table)
    assert entity_of(entities, "Sergey Lavrov") is not entity_of(entities, "Sergei Lavrov")
    assert "Lavrov" in entity_of(entities, "Sergey Lavrov").aliases
    both = AliasTable(groups=(AliasGroup(name="Sergey Lavrov", aliases=("Sergei Lavrov",)),), distinct=table.distinct)
    entities = resolve(*articles, aliases=both)  # distinct wins over a group too
    assert entity_of(entities, "Sergey Lavrov") is not entity_of(entities, "Sergei Lavrov")


def test_the_example_alias_file_loads():
    table = load_aliases(ROOT / "examples" / "aliases.yaml")
    assert table.groups and table.distinct


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("entities: [1", "not valid YAML"),
        ("- just\n- a list\n", "top level must be a mapping"),
        ("entity:\n  - name: X\n", "unknown key"),
        ("entities:\n  - aliases: [X]\n", "has no 'name'"),
        ("entities:\n  - name: X\n    type: PERSONS\n", "type is 'PERSONS'"),
        ("entities:\n  - name: X\n    aliases: {a: b}\n", "aliases must be a list"),
        ("distinct:\n  - [only one]\n", "at least two names"),
        ("entities:\n  - name: ''\n", "empty name"),
        ("entities: oops\n", "must be a list"),
    ],
    ids=["not-yaml", "list-at-top", "unknown-key", "no-name", "bad-type", "aliases-mapping", "distinct-single",
         "empty-name", "entities-scalar"],
)
def test_malformed_alias_files_raise_a_clear_error(tmp_path, content, fragment):
    path = tmp_path / "aliases.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(AliasFileError) as caught:
        load_aliases(path)
    assert caught.value.code == "E601" and caught.value.reason == "alias_file"
    assert fragment in caught.value.message


def test_missing_alias_file_and_empty_alias_file(tmp_path):
    with pytest.raises(AliasFileError, match="cannot read"):
        load_aliases(tmp_path / "absent.yaml")
    (tmp_path / "empty.yaml").write_text("# nothing yet\n", encoding="utf-8")
    assert load_aliases(tmp_path / "empty.yaml") == AliasTable()


# ---------------------------------------------------------------------------------------------
# looking up a speaker


def test_entity_for_name_finds_speakers_in_every_form():
    entities = resolve(
        ("Russian foreign minister Sergey Lavrov spoke. Lavrov added.", [("Sergey Lavrov", "PERSON"),
                                                                       ("Lavrov", "PERSON")]),
        ("Hillary Clinton and Bill Clinton came to Iowa.", [("Hillary Clinton", "PERSON"), ("Bill Clinton", "PERSON"),
                                                           ("Iowa", "GPE")]),
        ("Hillary Clinton spoke.", [("Hillary Clinton", "PERSON")]),
    )
    lavrov = entity_of(entities, "Sergey Lavrov")
    for query in ("Lavrov", "Sergey Lavrov", "Sergei Lavrov", "Foreign Minister Sergey Lavrov",
                  "Russian foreign minister Sergey Lavrov", "Lavrov's"):
        assert entity_for_name(entities, query) is lavrov, query
    assert entity_for_name(entities, "Clinton") is None  # two people
    assert entity_for_name(entities, "Clinton", article_id=3) is entity_of(entities, "Hillary Clinton")
    assert entity_for_name(entities, "Angela Merkel") is None
    assert entity_for_name(entities, "Alexei Lavrov") is None  # another first name: another person
    assert entity_for_name(entities, "S. Lavrov") is lavrov
    assert entity_for_name(entities, "he") is None and entity_for_name(entities, "the minister") is None
    assert entity_for_name(entities, "") is None


# ---------------------------------------------------------------------------------------------
# the sample pile: gold and CLI


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("entities") / "pile.db")
    result = CliRunner().invoke(main, ["ingest", str(ROOT / "examples" / "mosul-2016"), "--db", db, "-q"])
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture(scope="module")
def sample_pile(sample_db):
    from storytrace.store import Store

    with Store.open(sample_db, create=False) as store:
        texts = {a.id: a.text for a in store.articles() if a.id is not None}
    found = extract_mentions_many(list(texts.values()))
    return texts, dict(zip(texts, found, strict=True))


@pytest.fixture(scope="module")
def sample_entities(sample_pile):
    texts, mentions = sample_pile
    return resolve_entities(mentions, texts)


def test_copies_of_articles_do_not_change_the_entities(sample_pile, sample_entities):
    texts, mentions = sample_pile
    copies = 6
    many_texts = {copy * 100 + a: text for copy in range(copies) for a, text in texts.items()}
    many_mentions = {copy * 100 + a: found for copy in range(copies) for a, found in mentions.items()}
    entities = resolve_entities(many_mentions, many_texts)
    assert sorted((e.name, e.type, e.aliases) for e in entities) == sorted(
        (e.name, e.type, e.aliases) for e in sample_entities
    )
    assert sum(len(e.mentions) for e in entities) == copies * sum(len(e.mentions) for e in sample_entities)


@pytest.mark.parametrize("group", GOLD["groups"], ids=[g["actor"] for g in GOLD["groups"]])
def test_each_gold_actor_is_one_entity_with_all_its_names(sample_entities, group):
    owners = {id(e): e for e in sample_entities for name in group["names"] if name in names_of(e)}
    assert len(owners) == 1, (group["actor"], [(e.name, e.aliases) for e in owners.values()])
    entity = next(iter(owners.values()))
    assert set(group["names"]) <= names_of(entity), (group["actor"], names_of(entity))


def test_distinct_gold_actors_are_not_merged(sample_entities):
    actors = [g["names"][0] for g in GOLD["groups"]] + GOLD["distinct"]
    owners = [entity_of(sample_entities, name) for name in actors]
    assert len({id(e) for e in owners}) == len(actors), [
        (a, e.name) for a, e in zip(actors, owners, strict=True) if sum(o is e for o in owners) > 1
    ]


def test_cli_lists_entities_with_aliases_and_filters_by_type(sample_db, tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["entities", "--db", sample_db, "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [r["id"] for r in rows] == [f"e{i}" for i in range(1, len(rows) + 1)]
    lavrov = next(r for r in rows if r["name"] == "Sergey Lavrov")
    assert lavrov["type"] == "PERSON" and set(lavrov["aliases"]) == {"Lavrov", "Sergei Lavrov"}
    assert lavrov["articles"] == ["a1", "a2", "a5"]
    people = json.loads(runner.invoke(main, ["entities", "--db", sample_db, "--json", "--type", "person"]).output)
    assert people and all(r["type"] == "PERSON" for r in people)
    table = runner.invoke(main, ["entities", "--db", sample_db, "--type", "PERSON"])
    assert table.exit_code == 0 and "Sergey Lavrov  aka Lavrov; Sergei Lavrov" in table.output
    with_file = runner.invoke(main, ["entities", "--db", sample_db, "--json", "--aliases",
                                     str(ROOT / "examples" / "aliases.yaml")])
    islamic_state = next(r for r in json.loads(with_file.output) if r["name"] == "Islamic State")
    assert "Islamic State of Iraq and the Levant" in islamic_state["aliases"]
    bad = tmp_path / "bad.yaml"
    bad.write_text("entities: [1", encoding="utf-8")
    failed = runner.invoke(main, ["entities", "--db", sample_db, "--json", "--aliases", str(bad)])
    assert failed.exit_code == 1
    assert json.loads(failed.output)["error"]["code"] == "E601"
    missing = runner.invoke(main, ["entities", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 1


# ---------------------------------------------------------------------------------------------
# the shared event piles (read at test time; only names are written here)

EVENT_PILES = ROOT.parent / "shared" / "data" / "event_piles"


@pytest.mark.shared
@pytest.mark.slow
def test_event_piles_join_known_aliases_and_keep_namesakes_apart():
    import csv

    if not EVENT_PILES.is_dir():
        pytest.skip(f"../shared/data/event_piles not found at {EVENT_PILES}: shared data absent")
    csv.field_size_limit(2**31 - 1)
    texts: list[str] = []
    for name in ("census_articles.csv", "spotify_articles.csv"):
        with (EVENT_PILES / name).open(encoding="utf-8", errors="replace", newline="") as handle:
            texts.extend((row.get("text") or "").replace(" ### ", "\n\n") for row in csv.DictReader(handle))
    by_id = dict(enumerate(texts, 1))
    entities = resolve_entities(dict(enumerate(extract_mentions_many(texts), 1)), by_id)
    for full, short in (("American Civil Liberties Union", "ACLU"), ("Department of Justice", "DOJ"),
                        ("Thomas Hofeller", "Hofeller"), ("Wilbur Ross", "Ross"), ("United States", "U.S.")):
        assert short in entity_of(entities, full).aliases, (full, short)
    assert entity_of(entities, "Wilbur Ross") is not entity_of(entities, "William Ross")
    assert entity_of(entities, "Donald Trump") is not entity_of(entities, "Melania Trump")
    assert entity_of(entities, "New York") is not entity_of(entities, "Associated Press")
    for entity in entities:  # a dateline or photo credit in parentheses declares nothing
        assert not ({"AP", "Reuters", "Getty Images"} & set(entity.aliases) and entity.type in {"GPE", "PERSON"})


def test_mentions_from_the_quote_parse_match_a_whole_text_pass():
    from storytrace.claims.quotes import parse_sentences

    for path in sorted((ROOT / "examples" / "mosul-2016").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        parsed = parse_sentences(text)
        assert parsed, path.name
        assert all(text[s:e] == doc.text for (s, e), doc in parsed.items())
        reused = extract_mentions(text, parsed=parsed)
        whole = extract_mentions(text)
        for mention in reused:
            assert text[mention.span[0] : mention.span[1]] == mention.text
        assert reused == sorted(reused, key=lambda m: m.span)
        # sentence by sentence the NER sees a few words less context: nearly the same names
        same = len(set(reused) & set(whole))
        assert same >= 0.9 * max(len(whole), len(reused)), (path.name, set(reused) ^ set(whole))
    assert extract_mentions("", parsed={}) == []


def test_cli_entities_after_an_analysis_are_the_dossiers(tmp_path):
    from dossier_sample import build_sample_store

    db, dossier = build_sample_store(tmp_path)
    assert dossier is not None
    listed = json.loads(CliRunner().invoke(main, ["entities", "--db", str(db), "--json"]).output)
    assert [(r["id"], r["name"], r["articles"]) for r in listed] == [
        (e["id"], e["name"], e["articles"]) for e in dossier["entities"]]


def test_title_case_us_is_the_pronoun_not_the_country():
    found = [m.text for m in extract_mentions("Contact Us. About Us. Many of Us went to the US last year.")]
    assert "Us" not in found and "US" in found


def test_a_surname_printed_often_before_the_article_s_only_full_name_is_not_that_person():
    # "Trump" throughout, then "first lady Melania Trump" once: the "Trump"s are not hers; a headline's
    # single "Ruiz" before "Mayor Ana Ruiz" still is.
    entities = resolve(
        ("Trump met the queen. Trump praised May. Critics of Trump protested. On Monday Trump and first lady "
         "Melania Trump arrive in London. Trump then flies on.", [("Trump", "PERSON"), ("Melania Trump", "PERSON")]),
        ("President Donald Trump spoke in Ohio. Trump left.", [("Donald Trump", "PERSON"), ("Trump", "PERSON")]),
        ("Ruiz wins. Mayor Ana Ruiz won the vote on Sunday. Ruiz thanked voters.",
         [("Ruiz", "PERSON"), ("Ana Ruiz", "PERSON")]),
    )
    melania = entity_of(entities, "Melania Trump")
    assert [a for a, m in melania.mentions if m.text == "Trump"] == []
    ruiz = entity_of(entities, "Ana Ruiz")
    assert [m.text for a, m in ruiz.mentions].count("Ruiz") == 2


def test_a_lone_surname_goes_to_the_full_name_most_of_the_pile_prints():
    entities = resolve(
        ("President Donald Trump spoke.", [("Donald Trump", "PERSON")]),
        ("Donald Trump left Ohio.", [("Donald Trump", "PERSON")]),
        ("Donald Trump flew home.", [("Donald Trump", "PERSON")]),
        ("First lady Melania Trump visited a school.", [("Melania Trump", "PERSON")]),
        ("Trump signed the order on Friday.", [("Trump", "PERSON")]),
    )
    donald = entity_of(entities, "Donald Trump")
    assert 5 in {a for a, _ in donald.mentions}
    assert "Trump" not in entity_of(entities, "Melania Trump").aliases


@pytest.mark.parametrize(("raw", "kept"), [("Associated Press writer", "Associated Press"),
                                           ("Reuters reporter", "Reuters"), ("Bank of America", "Bank of America"),
                                           ("Joan Solsman/CNET", "Joan Solsman"), ("AC/DC", "AC/DC")])
def test_a_role_word_or_a_slashed_credit_run_into_a_name_is_cut_off(raw, kept):
    from storytrace.claims.entities import _clean_mention

    mention = _clean_mention(raw, 0, len(raw), "ORG")
    assert mention is not None and mention.text == kept


def test_an_institution_the_ner_cut_at_its_for_is_one_name_with_its_acronym():
    # The model tags "[U.S. Agency] for [International Development]" as two organisations; the
    # acronym then matched neither ("UAID" without the dotted U.S.'s two letters).
    text = ("The U.S. Agency for International Development said on Monday it would send aid. "
            "USAID officials said the money would arrive within a week.")
    mentions = extract_mentions(text)
    assert "U.S. Agency for International Development" in [m.text for m in mentions]
    entities = resolve_entities({1: tuple(mentions)}, {1: text})
    usaid = [e for e in entities if e.name == "U.S. Agency for International Development"]
    assert usaid and "USAID" in usaid[0].aliases


def test_two_organisations_either_side_of_for_are_joined_only_after_an_institution_head():
    text = "Ford and Toyota said Google for Education would not change."
    mentions = [Mention(text="Google", span=(21, 27), type="ORG"), Mention(text="Education", span=(32, 41), type="ORG")]
    assert join_split_institutions(text, mentions) == mentions
    text = "The Institute for Fiscal Studies said taxes would rise."
    cut = [Mention(text="The Institute", span=(0, 13), type="ORG"), Mention(text="Fiscal Studies", span=(18, 32), type="ORG")]
    assert [m.text for m in join_split_institutions(text, cut)] == ["The Institute for Fiscal Studies"]


# ---------------------------------------------------------------------------------------------
# page furniture


@pytest.mark.parametrize(
    ("text", "left_out"),
    [
        ("The Department looks forward to responding, a Justice Department spokeswoman said.", "Department"),
        ("The Agency said on Tuesday that the Committee would meet.", "Agency"),
        ("TERRY GROSS, HOST:\n\nThis is FRESH AIR. I\'m Terry Gross.", "HOST"),
        ("Ross spoke to reporters on Tuesday.CreditCreditMandel Ngan/Agence France-Presse — Getty Images",
         "Mandel Ngan"),
        ("Speaker Nancy Pelosi (D-Calif.) at the Capitol. (AP Photo/Eric Risberg)", "AP Photo"),
    ],
    ids=["department", "agency", "transcript-role", "glued-credit", "photo-credit"],
)
def test_page_furniture_and_generic_nouns_are_no_entities(text, left_out):
    found = [m.text for m in extract_mentions(text)]
    assert not any(name == left_out or name.startswith(("Credit", left_out + "/")) for name in found), found


def test_a_generic_noun_is_kept_as_a_persons_name_and_inside_an_institutions_name():
    from storytrace.claims.entities import _without_generic_nouns

    mentions = [Mention(text="Court", span=(0, 5), type="PERSON"), Mention(text="Department", span=(10, 20), type="ORG"),
                Mention(text="Justice Department", span=(30, 48), type="ORG")]
    assert [m.text for m in _without_generic_nouns(mentions)] == ["Court", "Justice Department"]


# ---------------------------------------------------------------------------------------------
# longer and suffixed names


def test_a_name_with_a_married_name_added_is_the_same_person():
    entities = resolve(
        ("His daughter, Stephanie Hofeller Lizon, was estranged. Stephanie Hofeller called me.",
         [("Stephanie Hofeller Lizon", "PERSON"), ("Stephanie Hofeller", "PERSON")]),
        ("The lawyers asked Stephanie Hofeller Lizon for the drives. Lizon turned them over.",
         [("Stephanie Hofeller Lizon", "PERSON"), ("Lizon", "PERSON")]),
        ("Stephanie Hofeller gave the drives to the plaintiffs.", [("Stephanie Hofeller", "PERSON")]),
        ("Prime Minister Shinzo Abe Japan and Shinzo Abe met. Japan agreed.",
         [("Shinzo Abe Japan", "PERSON"), ("Shinzo Abe", "PERSON"), ("Japan", "GPE")]),
    )
    hofeller = entity_of(entities, "Stephanie Hofeller Lizon")
    assert names_of(hofeller) == {"Stephanie Hofeller Lizon", "Stephanie Hofeller", "Lizon"}
    assert {a for a, _ in hofeller.mentions} == {1, 2, 3}
    # (the run-together name is split into the person and the place: tests/test_entities_review2.py)
    assert "Shinzo Abe Japan" not in names_of(entity_of(entities, "Shinzo Abe"))


def test_a_generation_suffix_joins_the_plain_name_unless_the_pile_shows_two_people():
    context = [("Thomas Hofeller", "PERSON"), ("Census Bureau", "ORG")]
    entities = resolve(
        ("Thomas Hofeller advised Commerce Secretary Wilbur L. Ross Jr. on the Census Bureau question.",
         [("Wilbur L. Ross Jr.", "PERSON"), *context]),
        ("Wilbur Ross told the Census Bureau that Thomas Hofeller was not involved.", [("Wilbur Ross", "PERSON"), *context]),
        ("Donald Trump Jr. said his father Donald Trump would win.",
         [("Donald Trump Jr.", "PERSON"), ("Donald Trump", "PERSON")]),
        ("Donald Trump Jr. spoke in Ohio.", [("Donald Trump Jr.", "PERSON"), ("Ohio", "GPE")]),
    )
    assert names_of(entity_of(entities, "Wilbur Ross")) == {"Wilbur L. Ross Jr.", "Wilbur Ross"}
    assert entity_of(entities, "Donald Trump Jr.") is not entity_of(entities, "Donald Trump")


def test_a_shouted_or_sentence_initial_common_word_is_no_entity():
    entities = resolve(
        ("LISTEN TO ARTICLE\n\nSpotify said it would listen to artists.", [("LISTEN", "ORG"), ("Spotify", "ORG")]),
        ("And SUBSCRIBE to stay connected! Subscribe today.", [("SUBSCRIBE", "EVENT"), ("Subscribe", "EVENT")]),
        ("Readers can subscribe online; those who subscribe get the weekend paper.", []),
        ("NATO said the TRUMP plan would fail. Trump denied it; he did not trump anyone.",
         [("NATO", "ORG"), ("TRUMP", "PERSON"), ("Trump", "PERSON")]),
    )
    names = {name for entity in entities for name in names_of(entity)}
    assert not names & {"LISTEN", "SUBSCRIBE", "Subscribe"}
    assert {"Spotify", "NATO", "TRUMP", "Trump"} <= names


# ---------------------------------------------------------------------------------------------
# outlets and platforms


def test_an_outlet_of_the_pile_is_an_organisation_whatever_the_ner_typed_it():
    entities = resolve(
        ("Bloomberg reported last week that the label had complained.", [("Bloomberg", "GPE")]),
        ("Politico reported the memo. POLITICO obtained a copy.", [("Politico", "PERSON"), ("POLITICO", "ORG")]),
        ("The NY Times said so first.", [("NY Times", "ORG")]),
        ("The New York Times found the files.", [("New York Times", "ORG")]),
        ("Syracuse lawmakers met on Monday.", [("Syracuse", "GPE")]),
        outlets=("bloomberg.com", "www.politico.com", "nytimes.com/section/politics", "syracuse.com"),
    )
    assert entity_of(entities, "Bloomberg").type == "ORG"
    politico = entity_of(entities, "Politico")
    assert politico.type == "ORG" and names_of(politico) == {"Politico", "POLITICO"}
    assert names_of(entity_of(entities, "New York Times")) == {"New York Times", "NY Times"}
    assert entity_of(entities, "Syracuse").type == "GPE"  # the city, never printed as a source


def test_an_outlets_web_address_spelled_as_initials_needs_a_press_name():
    """"wsj.com" is The Wall Street Journal (its initials, and a journal); "cnn.com" is not the "Crystal
    Night Now" of a glued heading, nor "nbc.com" a "National Baptist Convention"."""
    entities = resolve(
        ("The Wall Street Journal reported the merger.", [("Wall Street Journal", "ORG")]),
        ("WSJ editors declined to comment.", [("WSJ", "ORG")]),
        ("What Really Happened During the Crystal Night Now let us look.", [("Crystal Night Now", "ORG")]),
        ("CNN said the vote was close.", [("CNN", "ORG")]),
        ("She spoke at the National Baptist Convention in Kansas City.", [("National Baptist Convention", "ORG")]),
        ("NBC aired the debate.", [("NBC", "ORG")]),
        outlets=("wsj.com", "cnn.com", "nbc.com"),
    )
    assert names_of(entity_of(entities, "Wall Street Journal")) == {"Wall Street Journal", "WSJ"}
    assert names_of(entity_of(entities, "CNN")) == {"CNN"}
    assert names_of(entity_of(entities, "NBC")) == {"NBC"}


def test_a_person_named_like_an_outlet_stays_a_person():
    entities = resolve(
        ("Michael Bloomberg spoke in Iowa. Bloomberg said he would spend more.",
         [("Michael Bloomberg", "PERSON"), ("Bloomberg", "PERSON"), ("Iowa", "GPE")]),
        ("Ann Coulter wrote a new column.", [("Ann Coulter", "PERSON")]),
        outlets=("bloomberg.com", "anncoulter.com"),
    )
    assert names_of(entity_of(entities, "Michael Bloomberg")) == {"Michael Bloomberg", "Bloomberg"}
    assert entity_of(entities, "Michael Bloomberg").type == "PERSON"
    assert entity_of(entities, "Ann Coulter").type == "PERSON"


def test_a_publication_or_platform_the_ner_calls_a_person_is_an_organisation():
    entities = resolve(
        ("Col. Daniel Lewis told Politico reporters that the battle would be long.",
         [("Daniel Lewis", "PERSON"), ("Politico", "PERSON")]),
        ("Lewis said so in a Sept. 17 report for Politico.", [("Lewis", "PERSON"), ("Politico", "PERSON")]),
        ("The mayor posted on Twitter that he would resign. His Twitter feed went quiet.", [("Twitter", "PERSON")]),
        ("Critics replied on Twitter within minutes.", [("Twitter", "PERSON")]),
        ("Kelly told Smith that the deal was off. Smith reported it to the board.",
         [("Kelly", "PERSON"), ("Smith", "PERSON")]),
    )
    assert entity_of(entities, "Politico").type == "ORG"
    twitter = entity_of(entities, "Twitter")
    assert twitter.type == "ORG" and len(twitter.mentions) == 3
    assert entity_of(entities, "Smith").type == "PERSON"  # "X reported" is a source only for an outlet


def test_entities_resolved_afresh_type_and_join_the_pile_s_outlets(tmp_path):
    # `entities --aliases` resolves from the stored articles: the outlet names reach it as in analyze,
    # so "NY Times" joins "New York Times" through the outlet nytimes.com (it had stayed apart).
    first = tmp_path / "a.txt"
    first.write_text("---\ntitle: Court weighs census files\noutlet: nytimes.com\ndate: 2019-05-30\n---\n"
                     "The New York Times obtained the files on Thursday. Lawyers for the challengers said the "
                     "files showed the question was added for partisan reasons.\n", encoding="utf-8")
    second = tmp_path / "b.txt"
    second.write_text("---\ntitle: Files at the heart of census case\noutlet: Harbour Gazette\ndate: 2019-05-31\n---\n"
                      "As the NY Times reported on Thursday, the files were found on a hard drive. The Commerce "
                      "Department has denied the claim.\n", encoding="utf-8")
    aliases = tmp_path / "aliases.yaml"
    aliases.write_text("# none\n", encoding="utf-8")
    db = str(tmp_path / "pile.db")
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", str(first), str(second), "--db", db, "-q"]).exit_code == 0
    result = runner.invoke(main, ["entities", "--db", db, "--aliases", str(aliases), "--json"])
    assert result.exit_code == 0, result.output
    times = [e for e in json.loads(result.output) if e["name"] == "New York Times"]
    assert times and "NY Times" in times[0]["aliases"] and times[0]["type"] == "ORG"


def test_an_outlet_s_news_desk_is_that_outlet():
    # "Bloomberg News" and "Bloomberg" of bloomberg.com had stayed two entities
    entities = resolve(
        ("Bloomberg reported last week that the label had complained.", [("Bloomberg", "ORG")]),
        ("The deal was first reported by Bloomberg News on Friday.", [("Bloomberg News", "ORG")]),
        ("Harbour Media said the station would close.", [("Harbour Media", "ORG")]),
        outlets=("bloomberg.com", "harbourgazette.example"),
    )
    assert names_of(entity_of(entities, "Bloomberg")) == {"Bloomberg", "Bloomberg News"}
    assert names_of(entity_of(entities, "Harbour Media")) == {"Harbour Media"}  # no outlet of that name


def test_a_surname_the_ner_read_as_a_place_joins_the_full_name_of_its_article() -> None:
    entities = resolve(
        ("The singer Odalys Brenneke won an award. Critics praised Brenneke's new record.",
         [("Odalys Brenneke", "PERSON"), ("Brenneke", "GPE")]),
        ("The novelist Tomas Ferrault spoke. Readers quoted Ferrault at length.",
         [("Tomas Ferrault", "PERSON"), ("Ferrault", "NORP")]),
    )
    brenneke = entity_of(entities, "Odalys Brenneke")
    assert brenneke.type == "PERSON" and "Brenneke" in brenneke.aliases and len(brenneke.mentions) == 2
    ferrault = entity_of(entities, "Tomas Ferrault")
    assert ferrault.type == "PERSON" and "Ferrault" in ferrault.aliases


def test_a_place_named_like_a_person_of_its_article_stays_a_place() -> None:
    # printed alone in an article without the person: a place of its own
    entities = resolve(
        ("Congressman Jim Varnell met the envoy. Varnell signed the pact.",
         [("Jim Varnell", "PERSON"), ("Varnell", "GPE")]),
        ("Troops crossed into Varnell overnight.", [("Varnell", "GPE")]),
    )
    assert entity_of(entities, "Jim Varnell").aliases == ()
    assert entity_of(entities, "Varnell").type == "GPE"
    # printed after "in" in its own article: the place the person is in
    entities = resolve(
        ("Governor Ana Corvell toured the floods in Corvell on Monday.",
         [("Ana Corvell", "PERSON"), ("Corvell", "GPE")]),
    )
    assert entity_of(entities, "Ana Corvell").aliases == ()
    assert entity_of(entities, "Corvell").type == "GPE"


def test_an_outlet_and_its_reporter_read_as_one_name_are_split() -> None:
    entities = resolve(
        ("The envoy told the Harbor Ledger’s Imelda Soto that talks had stalled.",
         [("Harbor Ledger’s Imelda Soto", "ORG")]),
        ("A minister spoke to Quillwire’s Dara Venn on Monday. Ships crossed the Pacific.",
         [("Quillwire’s Dara Venn", "ORG"), ("Pacific", "LOC")]),
        ("Storms moved out over the Pacific.", [("Pacific", "LOC")]),
        ("Analysts at Moody’s Investors Service cut the rating; investors sold.",
         [("Moody’s Investors Service", "ORG")]),
        ("The Pacific’s Pearl Lagoon was calm, as lagoons are.", [("Pacific’s Pearl Lagoon", "LOC")]),
    )
    assert entity_of(entities, "Imelda Soto").type == "PERSON"
    assert entity_of(entities, "Harbor Ledger").type == "ORG"
    assert entity_of(entities, "Dara Venn").type == "PERSON"
    assert entity_of(entities, "Quillwire").type == "ORG"
    # printed in lower case in the pile: words, not a person's name
    assert entity_of(entities, "Moody’s Investors Service").type == "ORG"
    # a LOC span is no outlet's reporter
    assert entity_of(entities, "Pacific’s Pearl Lagoon").type == "LOC"
    # the owner printed alone only as something else is left out, not joined to it
    assert len(entity_of(entities, "Pacific").mentions) == 2


@pytest.mark.parametrize(
    ("before", "span_text", "expected"),
    [
        ("support for the people’", "s Grand Hall", "Grand Hall"),
        ("the lawyers' client'", "s Terms", "Terms"),
        ("the fears of", "this New Trade War", "New Trade War"),
        ("we keep", "our Charter of Rights", "Charter of Rights"),
        ("they praised", "their Harbor Council", "Harbor Council"),
        ("a visit to", "Our Lady of Lourdes", "Our Lady of Lourdes"),
        ("the", "sWorld Fair", "sWorld Fair"),
    ],
    ids=["possessive-s", "straight-apostrophe-s", "demonstrative", "our", "their", "capital-our-kept", "no-space"],
)
def test_a_leading_pronoun_or_a_possessives_s_is_cut_off(before, span_text, expected):
    """NER sometimes begins a name with the "s" of the possessive before it (the people’[s White House])
    or with a lower-case determiner ([this New Cold War], [our Declaration of Independence])."""
    from storytrace.claims.entities import _clean_mention

    glue = "" if before.endswith(("’", "'")) else " "
    text = f"{before}{glue}{span_text} now."
    start = text.index(span_text)
    mention = _clean_mention(text, start, start + len(span_text), "ORG")
    assert mention is not None and mention.text == expected


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The tour opened in May. Marta Quill/Getty Images for Lumen hide caption", "Marta Quill"),
        ("A singer on stage. (Photo by Tobias Renn/Invision/AP, File)", "Tobias Renn"),
        ("Storm clouds over a lake. Credit: Ida Moravec Wikimedia Commons", "Ida Moravec"),
        ("The summit began. (AP Photo/Olle Brandt)", "Olle Brandt"),
        ("Rain fell. Photo courtesy of Nadia Okoye", "Nadia Okoye"),
    ],
    ids=["slash-agency", "photo-by", "credit-colon", "ap-photo-slash", "courtesy-of"],
)
def test_a_photographers_credit_is_no_mention(text, name):
    """A caption's photo credit names who took the picture, not an actor of the story."""
    from storytrace.claims.entities import _clean_mention

    start = text.index(name)
    assert _clean_mention(text, start, start + len(name), "PERSON") is None


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Reported by Joan Solsman/CNET on Monday.", "Joan Solsman"),
        ("Voters credit Ana Ruiz with the win.", "Ana Ruiz"),
        ("The photo shows Ana Ruiz at the rally.", "Ana Ruiz"),
    ],
    ids=["byline-outlet", "credit-verb", "photo-subject"],
)
def test_a_name_near_a_photo_word_is_still_a_mention(text, name):
    from storytrace.claims.entities import _clean_mention

    start = text.index(name)
    mention = _clean_mention(text, start, start + len(name), "PERSON")
    assert mention is not None and mention.text == name


def test_a_phrase_of_a_title_case_line_made_of_ordinary_words_is_no_name() -> None:
    entities = resolve(
        ("Major Market Drivers And Price Trend Outlook\n\nThe price of grain rose as market drivers and a "
         "major trend in outlook shifted.",
         [("Major Market Drivers", "ORG"), ("Price Trend", "ORG")]),
        ("Supreme Court Rules On Harbor Fees\n\nThe Supreme Court ruled. The court set fees and rules.",
         [("Supreme Court", "ORG")]),
        ("Whispers Of Rain Tops The Charts\n\nThe song is about rain and whispers.",
         [("Whispers Of Rain", "WORK_OF_ART")]),
        ("Voters Back Velmar Growers Union Plan\n\nGrowers and a union of voters met.",
         [("Velmar Growers Union", "ORG")]),
    )
    found = {e.name for e in entities}
    assert "Major Market Drivers" not in found and "Price Trend" not in found
    # printed in running text too: a name
    assert len(entity_of(entities, "Supreme Court").mentions) == 2
    # a title is named with ordinary words by nature
    assert "Whispers Of Rain" in found
    # a word the pile never prints in lower case makes it a name
    assert "Velmar Growers Union" in found


def test_a_generation_suffix_stays_apart_when_its_article_also_names_the_plain_person():
    """An article about "Donald Trump Jr." that calls his father "Trump" (the pile's Donald Trump) shows
    two people, though it never prints the father's full name; the surname beside a "Jr." name that
    came first is still that person's own ("Ross" after "Wilbur L. Ross Jr.")."""
    context = [("Roger Stone", "PERSON"), ("WikiLeaks", "ORG")]
    entities = resolve(
        ("Trump told Roger Stone to call WikiLeaks, Trump said. Trump denied it. Later Donald Trump Jr. "
         "messaged WikiLeaks too.",
         [("Trump", "PERSON"), ("Roger Stone", "PERSON"), ("WikiLeaks", "ORG"), ("Trump", "PERSON"),
          ("Trump", "PERSON"), ("Donald Trump Jr.", "PERSON"), ("WikiLeaks", "ORG")]),
        ("Donald Trump praised Roger Stone after WikiLeaks published the emails.",
         [("Donald Trump", "PERSON"), *context]),
        ("President Donald Trump said Roger Stone never spoke to WikiLeaks.", [("Donald Trump", "PERSON"), *context]),
    )
    assert entity_of(entities, "Donald Trump Jr.") is not entity_of(entities, "Donald Trump")
    assert 1 in {a for a, _ in entity_of(entities, "Donald Trump").mentions}  # the father's "Trump"
    ross = resolve(
        ("Commerce Secretary Wilbur L. Ross Jr. met Thomas Hofeller. Ross said the Census Bureau agreed.",
         [("Wilbur L. Ross Jr.", "PERSON"), ("Thomas Hofeller", "PERSON"), ("Ross", "PERSON"),
          ("Census Bureau", "ORG")]),
        ("Wilbur Ross told the Census Bureau that Thomas Hofeller was not involved.",
         [("Wilbur Ross", "PERSON"), ("Census Bureau", "ORG"), ("Thomas Hofeller", "PERSON")]),
    )
    assert names_of(entity_of(ross, "Wilbur Ross")) == {"Wilbur L. Ross Jr.", "Wilbur Ross", "Ross"}


def test_an_acronym_no_article_spells_out_joins_a_lone_name_of_its_own_story_only():
    """In a pile of many stories, articles of different stories share the news's common names (here
    "Donald Trump" and "United States"): an acronym nobody spells out ("CNN") is not the name with its
    initials that one article of another story prints ("Crystal Night Now", an ORG to NER in a glued
    heading), while within one story it still is ("SAA", "Syrian Arab Army"), and so is a name several
    articles print ("Federal Emergency Management Agency")."""
    articles = (
        ("What Really Happened During the Crystal Night Now, asked a Donald Trump voter in the United States.",
         [("Crystal Night Now", "ORG"), ("Donald Trump", "PERSON"), ("United States", "GPE")]),
        ("CNN said Donald Trump would visit the United States border.",
         [("CNN", "ORG"), ("Donald Trump", "PERSON"), ("United States", "GPE")]),
        ("The Syrian Arab Army retook Palmyra from Islamic State with Russian air cover.",
         [("Syrian Arab Army", "ORG"), ("Palmyra", "GPE"), ("Islamic State", "ORG"), ("Russian", "NORP")]),
        ("SAA troops entered Palmyra as Islamic State fighters withdrew.",
         [("SAA", "ORG"), ("Palmyra", "GPE"), ("Islamic State", "ORG")]),
        ("The Federal Emergency Management Agency sent Donald Trump a report on the United States coast.",
         [("Federal Emergency Management Agency", "ORG"), ("Donald Trump", "PERSON"), ("United States", "GPE")]),
        ("The Federal Emergency Management Agency said Donald Trump toured the United States coast.",
         [("Federal Emergency Management Agency", "ORG"), ("Donald Trump", "PERSON"), ("United States", "GPE")]),
        ("FEMA told Donald Trump that United States aid was ready.",
         [("FEMA", "ORG"), ("Donald Trump", "PERSON"), ("United States", "GPE")]),
    )
    texts = {number: text for number, (text, _) in enumerate(articles, 1)}
    mentions = {number: mentions_of(text, *names) for number, (text, names) in enumerate(articles, 1)}
    alone = resolve_entities(mentions, texts)  # no stories known: the shared names decide
    assert entity_of(alone, "CNN") is entity_of(alone, "Crystal Night Now")
    by_story = resolve_entities(mentions, texts, stories={1: 0, 2: 1, 3: 2, 4: 2, 5: 3, 6: 4, 7: 5})
    assert names_of(entity_of(by_story, "CNN")) == {"CNN"}
    assert entity_of(by_story, "SAA") is entity_of(by_story, "Syrian Arab Army")
    assert entity_of(by_story, "FEMA") is entity_of(by_story, "Federal Emergency Management Agency")


def test_a_formal_and_a_familiar_given_name_are_one_person_when_the_articles_share_context():
    """One outlet prints "Charles E. Schumer" and "Richard J. Durbin", another "Chuck Schumer" and "Dick
    Durbin"; a "Jr." name with no plain twin in the pile is the familiar name's person too ("Joseph R.
    Biden Jr." and "Joe Biden"), one with a twin is not ("Donald Trump Jr." beside "Donald Trump")."""
    senate = [("Senate", "ORG"), ("Mitch McConnell", "PERSON")]
    entities = resolve(
        ("Charles E. Schumer and Richard J. Durbin met Mitch McConnell in the Senate; Joseph R. Biden Jr. "
         "watched.",
         [("Charles E. Schumer", "PERSON"), ("Richard J. Durbin", "PERSON"), *senate,
          ("Joseph R. Biden Jr.", "PERSON")]),
        ("Chuck Schumer told the Senate that Mitch McConnell and Dick Durbin agreed with Joe Biden.",
         [("Chuck Schumer", "PERSON"), *senate, ("Dick Durbin", "PERSON"), ("Joe Biden", "PERSON")]),
        # another story: a Mike Flynn of a local paper, nothing in common with Michael T. Flynn's articles
        ("Coach Mike Flynn praised the Tigers after the game in Akron.",
         [("Mike Flynn", "PERSON"), ("Tigers", "ORG"), ("Akron", "GPE")]),
        ("Michael T. Flynn spoke to the Senate; Mitch McConnell listened.",
         [("Michael T. Flynn", "PERSON"), *senate]),
        ("Donald Trump Jr. and Donald Trump met in the Senate with Mitch McConnell.",
         [("Donald Trump Jr.", "PERSON"), ("Donald Trump", "PERSON"), *senate]),
        ("Don Trump spoke to the Senate; Mitch McConnell listened.", [("Don Trump", "PERSON"), *senate]),
    )
    assert names_of(entity_of(entities, "Charles E. Schumer")) == {"Charles E. Schumer", "Chuck Schumer"}
    assert names_of(entity_of(entities, "Richard J. Durbin")) == {"Richard J. Durbin", "Dick Durbin"}
    assert names_of(entity_of(entities, "Joseph R. Biden Jr.")) == {"Joseph R. Biden Jr.", "Joe Biden"}
    assert entity_of(entities, "Mike Flynn") is not entity_of(entities, "Michael T. Flynn")
    assert entity_of(entities, "Don Trump") is not entity_of(entities, "Donald Trump Jr.")
    assert entity_of(entities, "Mitch McConnell").aliases == ()  # no formal "Mitchell" in the pile


def test_short_forms_of_given_names():
    from storytrace.claims.entities import _short_form_of, name_key

    def short(a: str, b: str) -> bool:
        return _short_form_of(name_key(a)[0], name_key(b)[0])

    assert short("Chuck", "Charles") and short("Charles", "Chuck")
    assert short("Bill", "Will")  # both William
    assert short("Bobby", "Robert") and short("Jack", "Jacob") and short("Jack", "John")
    assert not short("Jack", "James") and not short("Charles", "Charles") and not short("Ann", "Anna")


def test_two_given_names_of_one_surname_are_two_people_whatever_joins_their_surnames():
    """The rules join one-word names across articles before reading them as surnames: one article's
    "Wilson" for Darren Wilson and another's for Joe Wilson had made the two men one person. A word run
    into a name ("Crooked Hillary Clinton") is no given name and keeps nobody apart."""
    entities = resolve(
        ("Darren Wilson shot Michael Brown in Ferguson. Wilson resigned.",
         [("Darren Wilson", "PERSON"), ("Michael Brown", "PERSON"), ("Ferguson", "GPE"), ("Wilson", "ORG")]),
        ("Joe Wilson shouted at Obama in Congress. Wilson apologized.",
         [("Joe Wilson", "PERSON"), ("Obama", "PERSON"), ("Congress", "ORG"), ("Wilson", "ORG")]),
    )
    assert entity_of(entities, "Darren Wilson") is not entity_of(entities, "Joe Wilson")
    # each article's lone "Wilson" (ORG) is the Wilson it names (ninth review: no join by spelling across
    # articles naming two different Wilsons; before, both "Wilson"s went with the one met first)
    assert {a for a, m in entity_of(entities, "Darren Wilson").mentions if m.text == "Wilson"} == {1}
    assert {a for a, m in entity_of(entities, "Joe Wilson").mentions if m.text == "Wilson"} == {2}


def test_who_is_kept_apart_by_given_name():
    from storytrace.claims.entities import _different_people, _Name, name_key

    def names(*written: str) -> dict:
        return {(number, name): _Name((number, name), name, "PERSON", name_key(name), name_key(name, drop_particles=True))
                for number, name in enumerate(written, 1)}

    apart = _different_people(names("Darren Wilson", "Joe Wilson", "Wilson"))
    assert set(apart) == {(1, "Darren Wilson"), (2, "Joe Wilson")}
    assert set(_different_people(names("Patrick Smith", "Patricia Smith"))) == {(1, "Patrick Smith"), (2, "Patricia Smith")}
    for together in (("Universe Alicia Machado", "Alicia Machado"), ("Chuck Schumer", "Charles E. Schumer"),
                     ("Viktor Orban", "Victor Orban"), ("Wilbur L. Ross Jr.", "Wilbur Ross"),
                     ("Melania Trump", "Melania Knauss"), ("Thomas Woodrow Wilson", "Woodrow Wilson")):
        assert _different_people(names(*together)) == {}, together


def test_a_word_run_into_a_full_name_is_cut_off():
    entities = resolve(
        ("Billionaire Donald Trump bought the tower.", [("Billionaire Donald Trump", "PERSON")]),
        ("Donald Trump, a billionaire, spoke. Prices rose.", [("Donald Trump", "PERSON")]),
        ("Rose Marie Smith and Marie Smith are sisters.", [("Rose Marie Smith", "PERSON"), ("Marie Smith", "PERSON")]),
    )
    trump = entity_of(entities, "Donald Trump")
    assert names_of(trump) == {"Donald Trump"} and {a for a, _ in trump.mentions} == {1, 2}
    assert trump.mentions[0][1].span == (12, 24)  # "Donald Trump" of "Billionaire Donald Trump"
    assert entity_of(entities, "Rose Marie Smith") is not entity_of(entities, "Marie Smith")  # "Rose" is a given name


def test_the_alias_file_and_the_text_join_two_given_names_the_given_name_rule_keeps_apart():
    """Two known given names of one surname are kept apart only as a default: the alias file's group
    ("Ted Cruz" with "Rafael Cruz", "Dan Quayle" with "James Danforth Quayle") and an article's own
    declaration ("Rafael Edward Cruz, known as Ted Cruz") still make one person, and a third given name
    of the surname ("Heidi Cruz") stays apart from both."""
    senate = [("Senate", "ORG"), ("Mitch McConnell", "PERSON")]
    table = AliasTable(groups=(AliasGroup(name="Ted Cruz", type="PERSON", aliases=("Rafael Cruz",)),
                               AliasGroup(name="Dan Quayle", type="PERSON", aliases=("James Danforth Quayle",))))
    entities = resolve(
        ("Rafael Cruz and James Danforth Quayle spoke in the Senate with Mitch McConnell.",
         [("Rafael Cruz", "PERSON"), ("James Danforth Quayle", "PERSON"), *senate]),
        ("Ted Cruz and Dan Quayle spoke in the Senate with Mitch McConnell; Heidi Cruz listened.",
         [("Ted Cruz", "PERSON"), ("Dan Quayle", "PERSON"), ("Heidi Cruz", "PERSON"), *senate]),
        aliases=table,
    )
    assert names_of(entity_of(entities, "Ted Cruz")) == {"Ted Cruz", "Rafael Cruz"}
    assert names_of(entity_of(entities, "Dan Quayle")) == {"Dan Quayle", "James Danforth Quayle"}
    assert names_of(entity_of(entities, "Heidi Cruz")) == {"Heidi Cruz"}
    declared = resolve(("Rafael Edward Cruz, known as Ted Cruz, spoke in the Senate.",
                        [("Rafael Edward Cruz", "PERSON"), ("Ted Cruz", "PERSON"), ("Senate", "ORG")]))
    assert names_of(entity_of(declared, "Ted Cruz")) == {"Rafael Edward Cruz", "Ted Cruz"}


def test_a_person_called_by_the_middle_name_is_not_kept_apart_from_the_full_name():
    """"Thomas Woodrow Wilson" holds "Woodrow": the given-name rule does not split him from "Woodrow
    Wilson" when their articles' "Wilson"s join them (as before the rule), while "Edith Wilson" stays
    apart from both."""
    senate = [("Senate", "ORG"), ("Mitch McConnell", "PERSON")]
    entities = resolve(
        ("Thomas Woodrow Wilson spoke to the Senate. Wilson said Mitch McConnell agreed.",
         [("Thomas Woodrow Wilson", "PERSON"), ("Wilson", "ORG"), *senate]),
        ("Woodrow Wilson spoke to the Senate. Wilson said Mitch McConnell agreed.",
         [("Woodrow Wilson", "PERSON"), ("Wilson", "ORG"), *senate]),
        ("Edith Wilson spoke to the Senate. Mitch McConnell agreed.", [("Edith Wilson", "PERSON"), *senate]),
    )
    assert names_of(entity_of(entities, "Woodrow Wilson")) == {"Thomas Woodrow Wilson", "Woodrow Wilson", "Wilson"}
    assert names_of(entity_of(entities, "Edith Wilson")) == {"Edith Wilson"}


def test_a_familiar_name_does_not_join_two_people_through_itself():
    """A familiar name joined to one formal name is not joined to a second one that name cannot be: not
    "John N. Kennedy" after "John F. Kennedy" ("Jack Kennedy"), not "Michael E. Johnson" after "Michael T.
    Johnson" ("Mike Johnson"); and "Don Trump Jr." is "Donald Trump Jr."'s, not the father's whom one
    article prints beside his son."""
    senate = [("Senate", "ORG"), ("Mitch McConnell", "PERSON")]
    entities = resolve(
        ("John F. Kennedy and John N. Kennedy were in the Senate with Mitch McConnell.",
         [("John F. Kennedy", "PERSON"), ("John N. Kennedy", "PERSON"), *senate]),
        ("Jack Kennedy spoke in the Senate; Mitch McConnell listened.", [("Jack Kennedy", "PERSON"), *senate]),
        ("Michael T. Johnson spoke in the Senate with Mitch McConnell.", [("Michael T. Johnson", "PERSON"), *senate]),
        ("Michael E. Johnson spoke in the Senate with Mitch McConnell.", [("Michael E. Johnson", "PERSON"), *senate]),
        ("Mike Johnson spoke in the Senate; Mitch McConnell listened.", [("Mike Johnson", "PERSON"), *senate]),
        ("Donald Trump and Donald Trump Jr. met Mitch McConnell in the Senate.",
         [("Donald Trump", "PERSON"), ("Donald Trump Jr.", "PERSON"), *senate]),
        ("Don Trump Jr. spoke in the Senate; Mitch McConnell listened.", [("Don Trump Jr.", "PERSON"), *senate]),
    )
    assert entity_of(entities, "Jack Kennedy") is entity_of(entities, "John F. Kennedy")
    assert names_of(entity_of(entities, "John N. Kennedy")) == {"John N. Kennedy"}
    assert entity_of(entities, "Michael T. Johnson") is not entity_of(entities, "Michael E. Johnson")
    assert names_of(entity_of(entities, "Donald Trump Jr.")) == {"Donald Trump Jr.", "Don Trump Jr."}
    assert names_of(entity_of(entities, "Donald Trump")) == {"Donald Trump"}


def test_a_short_form_of_two_names_joins_the_one_of_its_own_article():
    """"Pat" is short for Patrick and for Patricia, whose names write alike to the spelling-variant test
    but are of two sexes: they stay two people, and the "Pat Smith" of Patrick Smith's article is his."""
    senate = [("Senate", "ORG"), ("Mitch McConnell", "PERSON")]
    entities = resolve(
        ("Patrick Smith and Pat Smith spoke in the Senate with Mitch McConnell.",
         [("Patrick Smith", "PERSON"), ("Pat Smith", "PERSON"), *senate]),
        ("Patricia Smith spoke in the Senate; Mitch McConnell listened.", [("Patricia Smith", "PERSON"), *senate]),
    )
    assert names_of(entity_of(entities, "Patrick Smith")) == {"Patrick Smith", "Pat Smith"}
    assert names_of(entity_of(entities, "Patricia Smith")) == {"Patricia Smith"}


def test_a_news_agency_s_initials_address_is_its_name():
    """Initials alone in a web address need a word of the press in the name; the agencies' and foreign
    broadcasters' own words count: afp.com is Agence France-Presse (so "AFP" of another article too),
    dw.com Deutsche Welle."""
    entities = resolve(
        ("Agence France-Presse reported that Emmanuel Macron visited Lyon.",
         [("Agence France-Presse", "ORG"), ("Emmanuel Macron", "PERSON"), ("Lyon", "GPE")]),
        ("Olaf Scholz spoke in Berlin, AFP said. Deutsche Welle reported it too.",
         [("Olaf Scholz", "PERSON"), ("Berlin", "GPE"), ("AFP", "ORG"), ("Deutsche Welle", "ORG")]),
        ("DW said Olaf Scholz met Rishi Sunak.", [("DW", "ORG"), ("Olaf Scholz", "PERSON"), ("Rishi Sunak", "PERSON")]),
        outlets=("afp.com", "dw.com"),
    )
    assert names_of(entity_of(entities, "Agence France-Presse")) == {"Agence France-Presse", "AFP"}
    assert names_of(entity_of(entities, "Deutsche Welle")) == {"Deutsche Welle", "DW"}


def test_names_of_another_script_are_not_one_actor():
    """A name written in another script had an empty key, so an article's "习近平", "李克强" and "金正恩"
    (and "Владимир Путин") were one person; each is its own now, and one name printed in two articles
    is still one."""
    entities = resolve(
        ("习近平 met 李克强 and 金正恩 in Beijing. Владимир Путин came too.",
         [("习近平", "PERSON"), ("李克强", "PERSON"), ("金正恩", "PERSON"), ("Beijing", "GPE"), ("Владимир Путин", "PERSON")]),
        ("习近平 spoke in Beijing.", [("习近平", "PERSON"), ("Beijing", "GPE")]),
    )
    assert names_of(entity_of(entities, "习近平")) == {"习近平"}
    assert {a for a, _ in entity_of(entities, "习近平").mentions} == {1, 2}
    for name in ("李克强", "金正恩", "Владимир Путин"):
        assert names_of(entity_of(entities, name)) == {name}
    assert name_key("Søren Kierkegaard") == ("sren", "kierkegard")  # a Latin word keeps its key


def test_a_blank_mention_is_ignored():
    assert resolve_entities({1: [Mention(text=" ", span=(0, 1), type="PERSON")]}, {1: " x"}) == []
    kept = resolve_entities({1: [Mention(text="", span=(0, 0), type="ORG"), Mention(text="Oslo", span=(2, 6), type="GPE")]},
                            {1: "x Oslo"})
    assert [e.name for e in kept] == ["Oslo"]
