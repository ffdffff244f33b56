"""Claim matching, conflicts, independent origins and first appearance, on texts written here."""

from __future__ import annotations

import dataclasses

import pytest

from storytrace.compare.conflicts import (
    interval,
    person_key_from,
    quantity_conflicts,
    speaker_conflicts,
    wording_changes,
    wording_conflicts,
)
from storytrace.compare.matching import (
    QuantityItem,
    QuoteItem,
    alias_index,
    first_seen,
    head_nouns,
    independent_origins,
    match_quantities,
    match_quotes,
    quote_tokens,
    quotes_match,
)
from storytrace.models import Article, Passage, Quantity, Quote, Reuse


def quote(text: str, speaker: str | None = None, start: int = 0) -> Quote:
    return Quote(text=text, span=(start, start + len(text)), speaker=speaker, speaker_span=None, cue="said",
                 direct=True)


def qitem(number: int, article: int, text: str, speaker: str | None = None) -> QuoteItem:
    return QuoteItem(id=f"q{number}", article=article, quote=quote(text, speaker))


def quantity(text: str, value: float | None, qualifier: str = "exact", counted: str | None = None,
             low: float | None = None, high: float | None = None, unit: str | None = None) -> Quantity:
    return Quantity(text=text, span=(0, len(text)), value=value, low=low, high=high, qualifier=qualifier,
                    unit=unit, counted=counted)


def nitem(number: int, article: int, q: Quantity, story: int | None = 1) -> QuantityItem:
    return QuantityItem(id=f"n{number}", article=article, quantity=q, story=story)


FULL = ("For weeks now, Western media have been predicting a battle to the death inside the city, or a swift "
        "victory followed by inter-sectarian battles for the city.")


def test_quote_tokens_fold_case_and_drop_editorial_brackets():
    words = [t.norm for t in quote_tokens("The Islamic State [Daesh] threat … recedes, Ça va")]
    assert words == ["the", "islamic", "state", "threat", "…", "recedes", "ca", "va"]


def test_truncated_and_requoted_quotes_match_across_articles():
    items = [
        qitem(1, 1, FULL),
        qitem(2, 2, "“Western media have been predicting a battle to the death inside the city”"),
        qitem(3, 3, "We will not be responsible for the negative consequences of any operation."),
        qitem(4, 1, "Western media have been predicting a battle to the death inside the city"),
    ]
    assert match_quotes(items) == [["q1", "q2", "q4"]]


def test_a_fragment_printed_inside_two_statements_does_not_chain_them_into_one_claim():
    fragment = "would be advantageous to Republicans and Non-Hispanic Whites"
    first = ("The 2015 study found that drawing districts by citizen voting-age population " + fragment
             + " in the state legislature")
    second = ("Lawyers for the groups said the new files show the plan " + fragment
              + " had been hatched long before the department asked for it")
    items = [
        qitem(1, 1, first), qitem(2, 2, first.replace("The 2015 study", "A 2015 study")),
        qitem(3, 3, fragment),
        qitem(4, 4, second), qitem(5, 5, second.replace("Lawyers for", "Attorneys for")),
    ]
    groups = match_quotes(items)
    together = [g for g in groups if {"q1", "q4"} <= set(g) or {"q2", "q5"} <= set(g)]
    assert not together, groups
    assert ["q1", "q2"] in [sorted(set(g) - {"q3"}) for g in groups]
    assert ["q4", "q5"] in [sorted(set(g) - {"q3"}) for g in groups]
    assert sum("q3" in g for g in groups) == 1  # the fragment goes with one of them


def test_short_and_single_article_quotes_do_not_form_claims():
    items = [qitem(1, 1, "a swift victory"), qitem(2, 2, "a swift victory"), qitem(3, 3, FULL), qitem(4, 3, FULL)]
    assert match_quotes(items) == []


def test_quotes_only_match_inside_one_story_when_asked():
    items = [qitem(1, 1, FULL), qitem(2, 2, FULL)]
    assert match_quotes(items, same_story=lambda a, b: False) == []
    assert match_quotes(items, same_story=lambda a, b: True) == [["q1", "q2"]]


def test_wording_changes_ignore_truncation_and_ellipsis_but_not_changed_words():
    first = qitem(1, 1, "if Mosul falls, the entire Isis caliphate army could be directed against the government, "
                        "a scenario which might cause some satisfaction in Washington")
    second = qitem(2, 2, "the entire IS 'caliphate army' could be directed against the government, a scenario which "
                         "is likely to cause some satisfaction")
    assert wording_changes(first, second) == [("Isis", "IS"), ("might", "is likely to")]
    elided = qitem(3, 3, "if Mosul falls, the entire Isis caliphate army … a scenario which might cause some "
                         "satisfaction in Washington")
    assert wording_changes(first, elided) == []
    truncated = qitem(4, 4, "the entire Isis caliphate army could be directed")
    assert wording_changes(first, truncated) == []
    conflicts = wording_conflicts([first, second, elided])
    assert [c.kind for c in conflicts] == ["wording"]
    assert "“might” → “is likely to”" in conflicts[0].detail
    assert conflicts[0].members == ("q1", "q2")


def test_the_writer_s_words_between_two_quoted_parts_are_not_a_wording_change():
    whole = qitem(1, 1, "The whole goal with this was to make sure that we didn't have hate speech,\" Ek said. "
                        "\"It was never about punishing one individual.")
    continued = qitem(2, 2, "The whole goal with this was to make sure that we didn't have hate speech on the service,"
                            "\" he continued. \"It was never about punishing one individual.")
    assert wording_changes(whole, continued) == []
    # a word changed inside the quotation still counts, with the attribution in the middle left out
    changed = qitem(3, 3, "The whole aim with this was to make sure that we didn't have hate speech,\" Ek said "
                          "on Wednesday. \"It was never about punishing one individual.")
    assert wording_changes(whole, changed) == [("goal", "aim")]
    opened = qitem(4, 4, "“The whole goal with this was to make sure that we didn't have hate speech,” the chief "
                         "executive said. “It was always about punishing one individual.”")
    assert wording_changes(whole, opened) == [("never", "always")]


def test_printings_with_the_same_change_share_one_conflict_and_big_differences_are_not_wording():
    first = qitem(1, 1, "We will not be responsible for the negative consequences that will emerge from any operation")
    same_change = [qitem(n, n, "We will not be liable for the negative consequences that will emerge from any operation")
                   for n in (2, 3)]
    (conflict,) = wording_conflicts([first, *same_change])
    assert conflict.members == ("q1", "q2", "q3") and "“responsible” → “liable”" in conflict.detail
    rewritten = qitem(4, 4, "We will not be responsible for the damage and the years of chaos and ruin any operation that "
                            "leaves us out would bring to the negative consequences that will emerge")
    assert wording_conflicts([first, rewritten]) == []


def test_a_line_printed_word_for_word_in_the_reference_article_changed_nothing():
    # a transcript's station break, printed twice with other endings, in both transcripts
    breaks = ["If you're just joining us, my guest is Adam Liptak. He's the Supreme Court correspondent for the Times",
              "If you're just joining us, my guest is Adam Liptak, who covers the Supreme Court for the Times"]
    items = [qitem(1, 1, breaks[0]), qitem(2, 1, breaks[1]), qitem(3, 2, breaks[1]), qitem(4, 2, breaks[0])]
    assert wording_conflicts(items) == []
    changed = qitem(5, 3, breaks[0].replace("correspondent", "reporter"))
    (conflict,) = wording_conflicts([*items, changed])
    assert conflict.members == ("q1", "q5") and "“correspondent” → “reporter”" in conflict.detail
    # a printing that shares only a part of the changed one does not cancel the change
    parts = [qitem(6, 4, "The plan was hatched by the party's chief strategist to create an advantage"),
             qitem(7, 4, "This contradicts the testimony of officials"),
             qitem(8, 5, "The plan was hatched by party's chief strategist to create an advantage. "
                         "This contradicts the testimony of officials")]
    (conflict,) = wording_conflicts(parts)
    assert conflict.members == ("q6", "q8")


def test_a_surname_and_the_full_name_are_one_speaker():
    person = person_key_from({"donald trump": "e3"})
    items = [qitem(1, 1, FULL, "Trump"), qitem(2, 2, FULL, "Donald Trump")]
    assert speaker_conflicts(items, person) == []


def test_speaker_conflict_needs_two_different_named_people():
    person = person_key_from({"robert fisk": "e1", "fisk": "e1"})
    same = [qitem(1, 1, FULL, "Robert Fisk"), qitem(2, 2, FULL, "Fisk"), qitem(3, 3, FULL, "he")]
    assert speaker_conflicts(same, person) == []
    different = [*same, qitem(4, 4, FULL, "Salman Rafi Sheikh")]
    (conflict,) = speaker_conflicts(different, person)
    assert conflict.kind == "speaker"
    assert "Robert Fisk in a1, a2" in conflict.detail and "Salman Rafi Sheikh in a4" in conflict.detail
    assert set(conflict.members) == {"q1", "q2", "q4"}


def test_institutions_and_unknown_single_names_are_not_compared_as_speakers():
    person = person_key_from({"robert fisk": "e1"})
    items = [qitem(1, 1, FULL, "Robert Fisk"), qitem(2, 2, FULL, "The Justice Department"),
             qitem(3, 3, FULL, "Supreme Court"), qitem(4, 4, FULL, "Mark")]
    assert speaker_conflicts(items, person, not_people=frozenset({"supreme court"})) == []


def test_speaker_entities_join_transliterations():
    person = person_key_from({"sergey lavrov": "e1", "sergei lavrov": "e1"})
    items = [qitem(1, 1, FULL, "Sergey Lavrov"), qitem(2, 2, FULL, "Sergei Lavrov")]
    assert speaker_conflicts(items, person) == []


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        (quantity("more than 1 million", 1e6, "at_least", low=1e6), (1e6, float("inf"))),
        (quantity("as many as 1.5 million", 1.5e6, "at_most", high=1.5e6), (0.0, 1.5e6)),
        (quantity("some 5,000", 5000, "approximately"), (3750.0, 6250.0)),
        (quantity("5,000", 5000), (4750.0, 5250.0)),
        (quantity("4,321", 4321), (4320.5, 4321.5)),
        (quantity("6.5 million", 6.5e6), (6.45e6, 6.55e6)),
        (quantity("100", 100), (95.0, 105.0)),
        (quantity("51.1 percent", 51.1, unit="percent"), (51.05, 51.15)),
        (quantity("between 3,000 and 4,500", None, "range", low=3000, high=4500), (3000, 4500)),
    ],
)
def test_intervals(q, expected):
    assert interval(q) == pytest.approx(expected)


def test_value_conflicts_and_compatible_notes():
    items = [
        nitem(1, 1, quantity("more than 1 million civilians", 1e6, "at_least", "civilians", low=1e6)),
        nitem(2, 2, quantity("1.3 million civilians", 1.3e6, counted="civilians")),
        nitem(3, 3, quantity("some 100,000 civilians", 1e5, "approximately", "civilians")),
    ]
    conflicts, notes = quantity_conflicts(items)
    assert len(notes) == 1 and "compatible" in notes[0] and "1.3 million" in notes[0]
    assert [set(c.members) for c in conflicts] == [{"n1", "n3"}, {"n2", "n3"}]
    assert all(c.kind == "value" and "do not overlap" in c.detail for c in conflicts)


def test_figures_printed_to_the_million_that_differ_by_millions_conflict():
    # a18 and a31 of the Spotify pile: "75 million paying members" and "71 million paying members" were
    # noted as compatible (±5 % for a round number: 71.25–78.75 million and 67.45–74.55 million)
    items = [
        nitem(1, 1, quantity("75 million paying members", 75e6, counted="paying members")),
        nitem(2, 2, quantity("71 million paying members", 71e6, counted="paying members")),
        nitem(3, 3, quantity("74.9 million paying members", 74.9e6, counted="paying members")),
    ]
    conflicts, notes = quantity_conflicts(items)
    assert [c.members for c in conflicts] == [("n1", "n2"), ("n2", "n3")]
    assert conflicts[0].detail == ("“75 million paying members” in a1 (75 million) and “71 million paying members” "
                                   "in a2 (71 million) do not overlap")
    assert len(notes) == 1 and "74.9 million" in notes[0] and "compatible" in notes[0]


def test_head_nouns_cut_at_prepositions_and_split_conjuncts():
    assert head_nouns("Iraqi officers and volunteers") == ({"officer", "volunteer"}, {"iraqi"})
    heads, modifiers = head_nouns("Islamic State [Daesh] fighters from Mosul")
    assert modifiers == {"islamic", "state"} and len(heads) == 1


def test_quantities_match_on_head_and_modifier_or_entity_alias():
    aliases = alias_index({"Islamic State": ["ISIS", "Daesh"]})
    items = [
        nitem(1, 1, quantity("100 Special Forces troops", 100, counted="Special Forces troops")),
        nitem(2, 2, quantity("approximately 5,000 US special forces", 5000, "approximately", "US special forces")),
        nitem(3, 3, quantity("roughly 700 troops", 700, "approximately", "troops")),
        nitem(4, 2, quantity("more than 9,000 Daesh fighters", 9000, "at_least", "Daesh fighters", low=9000)),
        nitem(5, 3, quantity("thousands of ISIS fighters", None, "range", "ISIS fighters", 1000, 10000)),
        nitem(6, 4, quantity("5,000 special troops", 5000, counted="special troops"), story=2),
    ]
    assert match_quantities(items, entity_aliases=aliases) == [["n1", "n2"], ["n4", "n5"]]


def test_one_specific_figure_of_one_thing_in_one_story_is_one_claim_even_with_a_bare_noun():
    # the census pile: three outlets print Hofeller's "75,000 files", and "6.5 million people" who could go
    # uncounted; "files" and "people" alone share no modifier, so these were never compared
    items = [
        nitem(1, 1, quantity("more than 75,000 files", 75000, "at_least", "files", low=75000)),
        nitem(2, 2, quantity("some 75,000 files", 75000, "approximately", "files")),
        nitem(3, 3, quantity("75,000 files", 75000, counted="files")),
        nitem(4, 1, quantity("as many as 6.5 million people", 6.5e6, "at_most", "people", high=6.5e6)),
        nitem(5, 4, quantity("6.5 million people", 6.5e6, counted="people")),
        nitem(6, 5, quantity("6.5 million residents", 6.5e6, counted="residents")),
        # common figures of a bare noun stay apart: two people, 100 people, other stories, other units
        nitem(7, 1, quantity("two people", 2, counted="people")),
        nitem(8, 2, quantity("two people", 2, counted="people")),
        nitem(9, 3, quantity("100 people", 100, counted="people")),
        nitem(10, 4, quantity("100 people", 100, counted="people")),
        nitem(11, 6, quantity("75,000 files", 75000, counted="files"), story=2),
        nitem(12, 6, quantity("75,000 files a day", 75000, counted="files", unit="per day")),
        nitem(13, 6, quantity("74,000 files", 74000, counted="files")),
    ]
    assert match_quantities(items) == [["n1", "n2", "n3"], ["n4", "n5", "n6"]]


def article(article_id: int, published: str | None, published_time: str | None = None) -> Article:
    return Article(
        source=f"{article_id}.txt", locator=None, source_kind="text", url=None, title=None, byline=None,
        published=published, published_time=published_time, dateline=None, outlet=None, credits=(), text="x",
        paragraphs=((0, 1),), words=1, raw="x", raw_format="text", content_hash=str(article_id),
        text_hash=str(article_id), id=article_id,
    )


def test_first_seen_never_guesses():
    known = {1: article(1, "2016-10-20"), 2: article(2, "2016-10-19"), 3: article(3, None)}
    assert first_seen([1, 2], known)[0] == 2
    found, why = first_seen([1, 2, 3], known)
    assert found is None and "unknown" in why
    tied = {1: article(1, "2016-10-20"), 2: article(2, "2016-10-20")}
    assert first_seen([1, 2], tied)[0] is None
    timed = {1: article(1, "2016-10-20", "2016-10-20T09:00:00+00:00"),
             2: article(2, "2016-10-20", "2016-10-20T08:00:00+00:00")}
    assert first_seen([1, 2], timed)[0] == 2


def test_first_seen_does_not_put_a_date_alone_before_a_timed_article_of_that_day():
    # "2019-05-30" sorts before "2019-05-30T20:09" as text, but the first may have come out at 23:00
    mixed = {1: article(1, "2019-05-30", "2019-05-30T20:09"), 2: article(2, "2019-05-30")}
    found, why = first_seen([1, 2], mixed)
    assert found is None and "no time of day" in why
    # a later day never competes, with or without a time
    later = {1: article(1, "2019-05-30", "2019-05-30T20:09"), 2: article(2, "2019-05-31")}
    assert first_seen([1, 2], later) == (1, "published 2019-05-30T20:09")
    # times with and without a zone cannot be ordered; two zones can
    zones = {1: article(1, "2019-05-30", "2019-05-30T20:09"), 2: article(2, "2019-05-30", "2019-05-30T08:00:00+00:00")}
    assert first_seen([1, 2], zones)[0] is None
    offsets = {1: article(1, "2019-05-30", "2019-05-30T10:00:00-04:00"),
               2: article(2, "2019-05-30", "2019-05-30T13:00:00+00:00")}
    assert first_seen([1, 2], offsets)[0] == 2  # 13:00 UTC is before 14:00 UTC


def reuse(source: int, target: int, relation: str, passages: tuple[Passage, ...] = ()) -> Reuse:
    return Reuse(source=source, target=target, relation=relation, mode="verbatim", target_coverage=0.5,
                 source_coverage=0.5, direction_confidence=0.5, evidence=(), passages=passages)


def test_independent_origins_collapse_derived_members_only():
    members = [(1, (0, 10)), (2, (100, 110)), (3, (0, 10))]
    assert independent_origins(members, []) == 3
    assert independent_origins(members, [reuse(1, 2, "wholly_derived")]) == 2
    # a partial derivation counts only where a passage covers the member
    covering = Passage(source_span=(0, 50), target_span=(90, 120), kind="verbatim", score=1.0)
    elsewhere = dataclasses.replace(covering, source_span=(300, 350), target_span=(300, 350))
    assert independent_origins(members, [reuse(1, 2, "partially_derived", (covering,))]) == 2
    assert independent_origins(members, [reuse(1, 2, "partially_derived", (elsewhere,))]) == 3
    # shared quotes are not derivation
    assert independent_origins(members, [reuse(1, 3, "shared_passages", (covering,))]) == 3


def test_the_counted_noun_itself_is_not_a_shared_entity():
    aliases = alias_index({"Democrats": ["Democrats", "Democratic Party"], "Senate": ["Senate"]})
    items = [
        nitem(1, 1, quantity("33 Democrats", 33, counted="Democrats")),
        nitem(2, 2, quantity("10 Democrats", 10, counted="Democrats")),
        nitem(3, 2, quantity("33 Senate Democrats", 33, counted="Senate Democrats")),
        nitem(4, 3, quantity("33 Senate Democrats", 33, counted="Senate Democrats")),
    ]
    # "10 Democrats" shares only the counted noun with the others; "33 Democrats" joins "33 Senate Democrats"
    # through its figure, not through the entity (the same vote, as a BASIL story prints it)
    assert match_quantities(items, entity_aliases=aliases) == [["n1", "n3", "n4"]]
    # a counted phrase that names an entity besides its noun still matches on it
    fighters = [nitem(5, 1, quantity("9,000 fighters of the Democrats", 9000, counted="fighters of the Democrats")),
                nitem(6, 2, quantity("900 Democrats fighters", 900, counted="Democrats fighters"))]
    assert match_quantities(fighters, entity_aliases=aliases) == [["n5", "n6"]]


def test_a_short_quote_needs_most_of_its_words():
    items = [qitem(1, 1, "I think it's a blockbuster revelation"),
             qitem(2, 2, "Yeah, I think it's a fair jab if I do say so myself."),
             qitem(3, 3, "I know you're under duress"),
             qitem(4, 4, "Mr. Vice President, I know you're under a lot of duress to make up for lost ground")]
    assert match_quotes(items) == [["q3", "q4"]]
    assert not quotes_match(items[0], items[1]) and quotes_match(items[2], items[3])


def test_a_short_quote_matches_only_inside_its_story_when_stories_are_given():
    stock = "in a few weeks"
    long_quote = "Ultimately I suspect that once this simmers down in a few weeks, people will move on"
    items = [qitem(1, 1, long_quote), qitem(2, 2, stock + "."), qitem(3, 3, FULL), qitem(4, 4, FULL)]
    assert match_quotes(items) == [["q1", "q2"], ["q3", "q4"]]  # no stories given: words alone
    apart = {1: "s1", 2: "s2", 3: "s1", 4: "s2"}
    assert match_quotes(items, story_of=apart) == [["q3", "q4"]]  # a long quote matches across stories
    together = {1: "s1", 2: "s1", 3: "s1", 4: "s2"}
    assert match_quotes(items, story_of=together) == [["q1", "q2"], ["q3", "q4"]]


def test_reported_statements_of_opposite_polarity_are_two_claims():
    from dataclasses import replace as swap

    said = qitem(1, 1, "experts have said the citizenship question is not needed to enforce the Voting Rights Act")
    claimed = qitem(2, 2, "a draft letter claiming the citizenship question was needed to enforce the Voting Rights Act")
    reported = [swap(i, quote=swap(i.quote, direct=False)) for i in (said, claimed)]
    assert match_quotes(reported) == []
    # the same words, one reported, both without a negation: one claim
    plain = swap(claimed, id="q3", article=3)
    assert match_quotes([reported[1], plain]) == [["q2", "q3"]]
    # between direct quotes a dropped "not" is a wording change of one quote, not another claim
    direct = [qitem(4, 4, "We will not raise taxes on working families this year"),
              qitem(5, 5, "We will raise taxes on working families this year")]
    assert match_quotes(direct) == [["q4", "q5"]]


def test_a_quote_links_to_a_person_by_name_or_unique_surname_never_by_a_phrase_naming_them():
    from storytrace.compare.dossier import build_dossier
    from storytrace.models import Entity, Mention

    text = "Terry Gross spoke to Wilbur Ross. GROSS: Welcome back. An aide to Mr. Ross said the plan was set."
    arts = [article(1, "2019-05-30")]
    arts = [Article(**{**{f: getattr(arts[0], f) for f in arts[0].__dataclass_fields__}, "text": text})]
    quotes = {1: (quote("Welcome back", "Gross", text.index("Welcome")),
                  quote("the plan was set", "a top aide to Mr. Ross", text.index("the plan")),
                  quote("Terry Gross spoke", "Terry Gross", 0))}
    entities = [
        Entity(name="Terry Gross", type="PERSON", aliases=(), mentions=((1, Mention(text="Terry Gross", span=(0, 11), type="PERSON")),)),
        Entity(name="Wilbur Ross", type="PERSON", aliases=("Ross",),
               mentions=((1, Mention(text="Wilbur Ross", span=(21, 32), type="PERSON")),)),
    ]
    dossier = build_dossier(arts, reuses=[], stories=[[1]], quotes=quotes, quantities={}, entities=entities)
    names = {e["id"]: e["name"] for e in dossier["entities"]}
    linked = {q["speaker"]: names.get(q["speaker_entity"]) for q in dossier["quotes"]}
    assert linked == {"Gross": "Terry Gross", "a top aide to Mr. Ross": None, "Terry Gross": "Terry Gross"}


def test_shared_text_with_neither_cue_nor_speaker_makes_no_claim():
    from dataclasses import replace as swap

    from storytrace.compare.dossier import build_dossier

    prompt = "If you read and enjoy our journalism, please consider subscribing today"
    statement = "the company would no longer police the private conduct of the artists it promotes"
    arts = [swap(article(n, "2018-06-01"), text=f"{prompt}. The firm said {statement}.") for n in (1, 2)]

    def reported(text: str, cue: str | None) -> Quote:
        start = arts[0].text.index(text)
        return Quote(text=text, span=(start, start + len(text)), speaker=None, speaker_span=None, cue=cue, direct=False)

    quotes = {n: (reported(prompt, None), reported(statement, "said")) for n in (1, 2)}
    dossier = build_dossier(arts, reuses=[], stories=[[1, 2]], quotes=quotes, quantities={}, entities=[])
    texts = [c["text"] for c in dossier["claims"]]
    assert texts == [statement]


def test_a_quote_only_one_outlets_pages_print_is_furniture_not_a_claim():
    from dataclasses import replace as swap

    from storytrace.compare.dossier import build_dossier

    policy = "We reserve the right to remove any comment that is abusive, off topic or spam"
    statement = "We will not raise taxes on working families this year"
    text = f"“{policy}.” The minister said “{statement}.”"
    arts = [swap(article(n, "2018-06-01"), text=text, outlet="freepress.example" if n <= 3 else "daily.example")
            for n in (1, 2, 3, 4)]
    quotes = {n: (quote(policy, None, 1), quote(statement, "Smith", text.index(statement))) for n in (1, 2, 3, 4)}
    quotes[4] = quotes[4][1:]  # the other outlet prints only the minister's words
    dossier = build_dossier(arts, reuses=[], stories=[[1, 2, 3, 4]], quotes=quotes, quantities={}, entities=[])
    assert [c["text"] for c in dossier["claims"]] == [statement]


def test_no_value_conflict_inside_one_paragraph_or_between_shares_of_different_things():
    from storytrace.compare.conflicts import quantity_conflicts

    three = nitem(1, 1, quantity("three", 3, counted="nomination contests"))
    four = nitem(2, 1, quantity("four", 4, counted="nomination contests"))
    elsewhere = nitem(3, 2, quantity("four", 4, counted="nomination contests"))
    conflicts, _ = quantity_conflicts([three, four, elsewhere], paragraph={"n1": 0, "n2": 0, "n3": 0})
    # "won three of the previous four contests": one paragraph of a1; a2's four does conflict with a1's three
    assert [c.members for c in conflicts] == [("n1", "n3")]
    in_two_paragraphs, _ = quantity_conflicts([three, four], paragraph={"n1": 0, "n2": 5})
    assert [c.members for c in in_two_paragraphs] == [("n1", "n2")]
    voters = nitem(4, 1, quantity("52 percent", 52, unit="percent", counted="registered voters"))
    democrats = nitem(5, 2, quantity("74 percent", 74, unit="percent", counted="Democratic registered voters"))
    same = nitem(6, 3, quantity("61 percent", 61, unit="percent", counted="registered voters"))
    shares, _ = quantity_conflicts([voters, democrats, same])
    assert [c.members for c in shares] == [("n4", "n6")]
    # one poll story's several shares of one group are several answers
    other_answer = nitem(7, 1, quantity("16 percent", 16, unit="percent", counted="registered voters"))
    assert quantity_conflicts([voters, other_answer])[0] == []
    # a part is not the whole
    part = nitem(8, 2, quantity("three of the nomination contests", 3, counted="nomination contests"))
    whole = nitem(9, 1, quantity("four nomination contests", 4, counted="nomination contests"))
    assert quantity_conflicts([part, whole])[0] == []


def test_stock_phrases_strung_together_are_not_the_same_quote():
    schumer = qitem(1, 1, "We want to move forward, we want to do something")
    ryan = qitem(2, 2, "And we want to point that out. And we want to make sure people know it, he said")
    assert match_quotes([schumer, ryan]) == []
    # a quotation with two words changed by an editor is still one quote
    first = qitem(3, 3, "We will not be responsible for the negative consequences that will emerge from any operation")
    second = qitem(4, 4, "We will not be liable for the negative consequences that may emerge from any operation")
    assert match_quotes([first, second]) == [["q3", "q4"]]


def test_spelling_is_not_a_wording_change():
    first = qitem(1, 1, "Senator Reid said he's determined to pass the bill that we have got to pass this year")
    second = qitem(2, 2, "Sen. Reid said he is determined to pass the bill that we've got to pass this year")
    assert match_quotes([first, second]) == [["q1", "q2"]]
    assert wording_conflicts([first, second]) == []
    changed = qitem(3, 3, "Senator Reid said he's determined to kill the bill that we have got to pass this year")
    (conflict,) = wording_conflicts([first, changed])
    assert "“pass” → “kill”" in conflict.detail


def test_an_expectation_printed_by_every_wire_copy_is_no_claim():
    from dataclasses import replace as swap

    from storytrace.compare.dossier import build_dossier

    expected = "to rule by July whether the question will be allowed on the census form"
    stated = "that the question would help enforce the Voting Rights Act of 1965"
    text = f"The Supreme Court is expected {expected}. The department said {stated}."
    arts = [swap(article(n, "2019-05-30"), text=text) for n in (1, 2)]

    def reported(content: str, cue: str) -> Quote:
        start = text.index(content)
        return Quote(text=content, span=(start, start + len(content)), speaker="the department", speaker_span=None,
                     cue=cue, direct=False)

    quotes = {n: (reported(expected, "is expected"), reported(stated, "said")) for n in (1, 2)}
    dossier = build_dossier(arts, reuses=[], stories=[[1, 2]], quotes=quotes, quantities={}, entities=[])
    assert [c["text"] for c in dossier["claims"]] == [stated]


def test_names_in_one_outlets_repeated_widget_line_are_not_mentions():
    from dataclasses import replace as swap

    from storytrace.compare.dossier import outside_outlet_furniture
    from storytrace.models import Mention

    widget = "Headline: Bitcoin & Blockchain Searches Exceed Trump! Blockchain Stocks Are Next!"
    arts = []
    for n, story in enumerate(["Mayor Ann Lee resigned.", "Judge Omar Diaz ruled.", "Chief Ken Wu retired."], start=1):
        text = f"{story}\n\n{widget}"
        arts.append(swap(article(n, "2019-01-01"), text=text, outlet="site.example",
                         paragraphs=((0, len(story)), (len(story) + 2, len(text)))))
    mentions = {a.id: (Mention(text=a.text.split()[1] + " " + a.text.split()[2].rstrip("."), span=(6, 14), type="PERSON"),
                       Mention(text="Blockchain Stocks", span=(a.text.index("Blockchain Stocks"), a.text.index("Blockchain Stocks") + 17),
                               type="PERSON")) for a in arts}
    kept = outside_outlet_furniture(arts, mentions)
    assert all([m.text for m in kept[a.id]] == [mentions[a.id][0].text] for a in arts)
    # two articles of the outlet are not enough to call a line furniture
    assert outside_outlet_furniture(arts[:2], mentions)[1] == mentions[1]


def test_a_mental_state_printed_by_every_wire_copy_is_no_claim():
    from dataclasses import replace as swap

    from storytrace.compare.dossier import build_dossier

    wish = "to include the citizenship question on every census form sent out next year"
    text = f"The administration wants {wish}. It said so on Friday."
    arts = [swap(article(n, "2019-05-30"), text=text) for n in (1, 2)]
    start = text.index(wish)
    quotes = {n: (Quote(text=wish, span=(start, start + len(wish)), speaker="The administration", speaker_span=None,
                        cue="wants", direct=False),) for n in (1, 2)}
    dossier = build_dossier(arts, reuses=[], stories=[[1, 2]], quotes=quotes, quantities={}, entities=[])
    assert dossier["claims"] == []


def test_shares_of_one_group_conflict_only_when_their_sentences_say_the_same_of_them():
    from dataclasses import replace as swap

    from storytrace.claims.quantities import extract_quantities
    from storytrace.compare.dossier import build_dossier

    texts = {
        1: "Exit polls found that about three-quarters of Republican voters support a ban on new pipelines.",
        2: "About 4 in 10 Republican voters want every federal office moved to Denver.",
        3: "Only about a third of Republican voters support a ban on new pipelines, the poll found.",
    }
    arts = [swap(article(n, "2019-05-30"), text=t, paragraphs=((0, len(t)),), outlet=f"o{n}.example")
            for n, t in texts.items()]
    quantities = {n: tuple(extract_quantities(t)) for n, t in texts.items()}
    assert all(q[0].counted == "Republican voters" for q in quantities.values()), quantities
    dossier = build_dossier(arts, reuses=[], stories=[[1, 2, 3]], quotes={}, quantities=quantities, entities=[])
    conflicts = [x for c in dossier["claims"] for x in c["conflicts"] if x["kind"] == "value"]
    assert len(conflicts) == 1, conflicts
    assert "a1" in conflicts[0]["detail"] and "a3" in conflicts[0]["detail"] and "a2" not in conflicts[0]["detail"]


def test_a_poll_s_sample_size_contradicts_no_other_figure():
    from dataclasses import replace as swap

    from storytrace.claims.quantities import extract_quantities
    from storytrace.compare.dossier import build_dossier

    texts = {
        1: "The poll collected data online from 4,060 registered voters with a margin of error of 2 points.",
        2: "The Harbor Poll was conducted by telephone among 1,031 registered voters last week.",
        3: "Officials said 1,200 registered voters were turned away at the polls in Kestrel County.",
        4: "Officials said 5,600 registered voters were turned away at the polls in Kestrel County.",
    }
    arts = [swap(article(n, "2019-05-30"), text=t, paragraphs=((0, len(t)),), outlet=f"o{n}.example")
            for n, t in texts.items()]
    quantities = {n: tuple(q for q in extract_quantities(t) if q.counted == "registered voters")
                  for n, t in texts.items()}
    assert all(len(q) == 1 for q in quantities.values()), quantities
    dossier = build_dossier(arts, reuses=[], stories=[[1, 2, 3, 4]], quotes={}, quantities=quantities, entities=[])
    conflicts = [x for c in dossier["claims"] for x in c["conflicts"] if x["kind"] == "value"]
    assert len(conflicts) == 1 and "a3" in conflicts[0]["detail"] and "a4" in conflicts[0]["detail"], conflicts


def test_a_word_left_out_or_added_is_said_so():
    first = qitem(1, 1, "We will reopen the bridge to all traffic in May after the repairs")
    shorter = qitem(2, 2, "We will reopen the bridge to traffic in May after the repairs")
    (conflict,) = wording_conflicts([first, shorter])
    assert "“all” left out" in conflict.detail and "—" not in conflict.detail
    longer = qitem(3, 3, "We will reopen the old bridge to all traffic in May after the repairs")
    (conflict,) = wording_conflicts([first, longer])
    assert "“old” added" in conflict.detail


def test_a_speaker_is_the_person_printed_under_that_name_in_the_quote_s_own_article():
    from dataclasses import replace as swap

    from storytrace.compare.dossier import build_dossier
    from storytrace.models import Entity, Mention

    texts = {1: "R. Kelly was dropped. Kelly denied it.", 2: "R. Kelly lost fans.", 3: "R. Kelly sued.",
             4: "Kelly Brook filmed an advert. “I'm very happy right now,” Kelly said."}
    arts = [swap(article(n, "2019-05-30"), text=t, paragraphs=((0, len(t)),)) for n, t in texts.items()]

    def at(n: int, name: str, after: int = 0) -> tuple[int, Mention]:
        start = texts[n].index(name, after)
        return n, Mention(text=name, span=(start, start + len(name)), type="PERSON")

    # the pile's most printed Kelly is the singer; article 4's "Kelly" is Kelly Brook
    singer = Entity(name="R. Kelly", type="PERSON", aliases=("Kelly",),
                    mentions=(at(1, "R. Kelly"), at(1, "Kelly", 5), at(2, "R. Kelly"), at(3, "R. Kelly")))
    model = Entity(name="Kelly Brook", type="PERSON", aliases=("Kelly",),
                   mentions=(at(4, "Kelly Brook"), at(4, "Kelly", 20)))
    said = texts[4].index("I'm")
    quotes = {4: (Quote(text="I'm very happy right now,", span=(said, said + 25), speaker="Kelly",
                        speaker_span=at(4, "Kelly", 20)[1].span, cue="said", direct=True),)}
    dossier = build_dossier(arts, reuses=[], stories=[[1, 2, 3, 4]], quotes=quotes, quantities={},
                            entities=[singer, model])
    names = {e["id"]: e["name"] for e in dossier["entities"]}
    (quote,) = dossier["quotes"]
    assert names[quote["speaker_entity"]] == "Kelly Brook"


def test_first_seen_compares_instants_across_midnight_and_not_times_without_a_zone():
    # 23:00 in New York on the 30th is 04:00 UTC on the 31st: after 01:00 UTC on the 31st
    across = {1: article(1, "2019-05-30", "2019-05-30T23:00:00-05:00"),
              2: article(2, "2019-05-31", "2019-05-31T01:00:00+00:00")}
    assert first_seen([1, 2], across)[0] == 2
    # two outlets' local times without a zone cannot be ordered within a day
    local = {1: article(1, "2019-05-30", "2019-05-30T09:00"), 2: article(2, "2019-05-30", "2019-05-30T08:00")}
    found, why = first_seen([1, 2], local)
    assert found is None and "time zone" in why


def test_a_story_is_named_by_its_most_shared_title_for_its_length_without_the_site_name():
    from dataclasses import replace as swap

    from storytrace.compare.dossier import build_dossier

    titles = {
        1: ("Spotify reverses its hate content policy", "apnews.com"),
        2: ("Spotify reverses its hate content policy | Miami Herald", "miamiherald.com"),
        3: ("Spotify reverses hate content policy after an outcry from artists, labels, listeners and its own "
            "staff over a rule that was vague", "example.org"),
    }
    arts = [swap(article(n, "2018-06-01"), title=t, outlet=o) for n, (t, o) in titles.items()]
    dossier = build_dossier(arts, reuses=[], stories=[[1, 2, 3]], quotes={}, quantities={}, entities=[])
    assert dossier["stories"][0]["title"] == "Spotify reverses its hate content policy"


def test_a_claim_s_text_is_the_speaker_s_words_without_the_attribution_between_two_parts():
    from storytrace.compare.dossier import spoken_words

    printed = ("We have never seen anything like it at the docks,” said fire chief Anders Holm. “The wind pushed "
               "the flames straight towards the houses")
    assert spoken_words(printed) == ("We have never seen anything like it at the docks […] The wind pushed the "
                                     "flames straight towards the houses")
    assert spoken_words("He called it “a disaster” and “a shame” in one go") == (
        "He called it “a disaster” and “a shame” in one go")
