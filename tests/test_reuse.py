"""Reuse kernels: tokens, candidates, alignment spans, classification, pairs across a pile."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import pytest

from storytrace.models import Article, RawDocument
from storytrace.normalize import normalize
from storytrace.reuse.align import align_tokens, to_passages
from storytrace.reuse.candidates import CandidateOptions, find_candidates
from storytrace.reuse.classify import classify_derivation, score_label
from storytrace.reuse.pairs import ReuseOptions, boilerplate_grams, find_reuse, relate_pair
from storytrace.reuse.tokens import shingle_hashes, tokenize

WIRE = (
    "Ferry services between the northern islands resumed on Thursday after two days of cancellations caused by "
    "gale-force winds, the operator said. Around 3,000 passengers had been stranded on the mainland since Tuesday "
    "evening, when the first sailings were called off. The harbour master said the crossings would run to a "
    "reduced timetable until Saturday while engineers inspected the damaged pier at Kirkwall. Local shops reported "
    "shortages of fresh milk and bread, and the council opened a rest centre in the town hall for travellers who "
    "could not find rooms. Forecasters expect calmer weather over the weekend, although further gales are possible "
    "next week."
)
OTHER = (
    "The county council approved a budget of 4.2 million pounds for road repairs on Monday, after a debate that "
    "lasted more than three hours. Councillors who opposed the plan said it would delay work on the new library, "
    "while supporters argued that potholes had become a danger to cyclists across the district. The leader of the "
    "council said the first repairs would begin in the spring."
)


def _article(text: str, article_id: int, *, outlet: str | None = None, published: str | None = None,
             credits: tuple = ()) -> Article:
    article = normalize(RawDocument(source=f"a{article_id}.txt", source_kind="text", raw=text, raw_format="text"))
    return replace(article, id=article_id, outlet=outlet, published=published, credits=credits, title=None)


def test_tokens_keep_offsets_and_fold_case_and_accents():
    tokens = tokenize("Café owner’s STORY, told.")
    assert tokens.words == ("cafe", "owner's", "story", "told")
    assert [("Café owner’s STORY, told."[s:e]) for s, e in zip(tokens.starts, tokens.ends, strict=True)] == [
        "Café", "owner’s", "STORY", "told"]


def test_shingle_hashes_are_stable_and_distinguish_order():
    words = ("a", "b", "c", "d", "e", "f")
    first = shingle_hashes(words, 5)
    assert list(first) == list(shingle_hashes(list(words), 5)) and len(first) == 2
    assert shingle_hashes(("b", "a", "c", "d", "e"), 5)[0] != first[0]
    assert len(shingle_hashes(("a", "b"), 5)) == 0


def test_alignment_returns_exact_spans_in_both_texts():
    source = "Officials said the bridge will reopen on Friday after repairs to the main span are finished."
    target = "In other news, officials said the bridge will reopen on Friday after repairs, a spokesman added."
    matches = align_tokens(tokenize(source), tokenize(target))
    assert len(matches) == 1
    passage = to_passages(matches, tokenize(source), tokenize(target))[0]
    assert source[slice(*passage.source_span)] == "Officials said the bridge will reopen on Friday after repairs"
    assert target[slice(*passage.target_span)] == "officials said the bridge will reopen on Friday after repairs"
    assert passage.kind == "verbatim" and passage.score == 1.0


def test_alignment_tolerates_small_edits_and_reordered_paragraphs():
    first, second, third = WIRE.split(". ")[:3]
    edited = f"{third}. {first.replace('resumed', 'restarted')}. {second}."
    matches = align_tokens(tokenize(WIRE), tokenize(edited))
    covered = sum(m.target_last - m.target_first + 1 for m in matches)
    assert covered >= 0.9 * len(tokenize(edited))
    assert any(m.score < 1.0 for m in _passages_over(matches))


def _passages_over(matches):
    return matches


@pytest.mark.parametrize(
    ("source", "target"),
    [("", WIRE), (WIRE, ""), ("one two", "one two"), (WIRE, OTHER)],
    ids=["empty-source", "empty-target", "too-short", "unrelated"],
)
def test_alignment_edge_cases_find_nothing(source, target):
    assert align_tokens(tokenize(source), tokenize(target)) == []


def test_identical_texts_align_completely():
    matches = align_tokens(tokenize(WIRE), tokenize(WIRE))
    assert len(matches) == 1 and matches[0].matched == len(tokenize(WIRE))


def test_candidates_use_containment_so_a_short_copy_of_a_long_text_is_found():
    long_text = WIRE + " " + " ".join(f"Paragraph {n} adds background about island transport." for n in range(60))
    short = "Ferry services between the northern islands resumed on Thursday after two days of cancellations."
    found = find_candidates([tokenize(long_text).words, tokenize(short).words, tokenize(OTHER).words])
    assert [(c.first, c.second) for c in found] == [(0, 1)]
    assert found[0].containment > 0.5


def test_candidates_drop_ngrams_shared_by_too_many_articles():
    texts = [f"Story {n}: the quick brown fox jumps over the lazy dog near the river bank." for n in range(6)]
    options = CandidateOptions(max_df=5)
    assert find_candidates([tokenize(t).words for t in texts], options) == []


def test_classifier_labels_copy_partial_and_unrelated():
    assert classify_derivation(WIRE, [WIRE]).label == "wholly_derived"
    assert classify_derivation(OTHER, [WIRE]).label == "non_derived"
    partial = WIRE.split(". ")[0] + ". " + OTHER
    assert classify_derivation(partial, [WIRE]).label in {"partially_derived", "non_derived"}
    assert classify_derivation(partial, [WIRE]).score < classify_derivation(WIRE, [WIRE]).score


def test_score_label_follows_the_thresholds():
    params = {"weights": {"containment_1": 1.0}, "thresholds": {"partially": 0.5, "wholly": 0.8}}
    assert score_label({"containment_1": 0.9}, params)[0] == "wholly_derived"
    assert score_label({"containment_1": 0.6}, params)[0] == "partially_derived"
    assert score_label({"containment_1": 0.1}, params)[0] == "non_derived"


def test_pairs_across_a_pile_with_credit_direction():
    from storytrace.models import Credit

    original = _article(WIRE, 1, outlet="Island Times", published="2024-03-07")
    copy = _article("Syndicated. " + WIRE, 2, outlet="Mainland Daily", published="2024-03-07",
                    credits=(Credit(kind="syndicated_from", name="Island Times", line="From Island Times"),))
    unrelated = _article(OTHER, 3, outlet="County News")
    pairs = find_reuse([original, copy, unrelated])
    assert [(p.source, p.target) for p in pairs] == [(1, 2)]
    pair = pairs[0]
    assert pair.relation == "wholly_derived"
    assert pair.direction_confidence > 0.8
    assert any("Island Times" in e for e in pair.evidence)
    assert pair.passages and pair.target_coverage > 0.9


def test_same_outlet_boilerplate_is_not_reuse():
    footer = ("Sign up for the Valley Post morning briefing to get the stories that matter delivered to your inbox "
              "every weekday, and follow the Valley Post newsroom for live updates on local news and sport.")
    stories = [WIRE, OTHER, "A new cycle path along the canal opened on Sunday, linking three villages to the "
               "railway station, and the parish council said hundreds of residents used it on the first day."]
    pile = [_article(f"{story}\n\n{footer}", n + 1, outlet="Valley Post") for n, story in enumerate(stories)]
    assert find_reuse(pile) == []


def test_two_articles_of_one_outlet_sharing_only_their_footer_are_not_reuse():
    footer = ("Sign up for the Valley Post morning briefing to get the stories that matter delivered to your inbox "
              "every weekday, and follow the Valley Post newsroom for live updates on local news and sport.")
    pile = [_article(f"{story}\n\n{footer}", n + 1, outlet="Valley Post") for n, story in enumerate([WIRE, OTHER])]
    assert find_reuse(pile) == []
    assert relate_pair(*pile) is None


FOLLOW_UP = (
    "The harbour master at Kirkwall confirmed on Friday that the damaged pier had been repaired and that the full "
    "timetable would return on Monday, ending a week of disruption for island travellers.\n\n"
    + WIRE.replace(" Forecasters expect", "\n\nForecasters expect")
)


def test_an_outlets_update_of_its_own_story_is_reuse():
    # with two articles of an outlet, every trigram one copies from the other is in both: being
    # shared is no evidence of furniture
    first = _article(WIRE, 1, outlet="Valley Post", published="2023-01-12")
    update = _article(FOLLOW_UP, 2, outlet="Valley Post", published="2023-01-13")
    pairs = find_reuse([first, update])
    assert [(p.source, p.target) for p in pairs] == [(1, 2)]
    assert pairs[0].relation != "shared_passages" and pairs[0].target_coverage > 0.6
    pair = relate_pair(first, update)  # storytrace diff: a pile of the two
    assert pair is not None and pair.relation == pairs[0].relation


def test_boilerplate_of_an_outlet_with_two_articles_is_what_both_footers_share():
    counts = Counter({("a", "b", "c"): 2, ("b", "c", "d"): 1, ("x", "y", "z"): 2})
    footers = Counter({("x", "y", "z"): 2})
    assert boilerplate_grams(2, counts, footers) == {("x", "y", "z")}
    assert boilerplate_grams(2, counts) == set()
    assert boilerplate_grams(3, Counter({("a", "b", "c"): 3, ("x", "y", "z"): 2}), footers) == {("a", "b", "c")}
    assert boilerplate_grams(1, counts, footers) == set()


def test_a_passage_quoted_in_both_articles_is_a_quote():
    source = 'The minister told reporters: "We will not raise taxes on working families this year," and left.'
    target = 'Speaking on Monday, he said "we will not raise taxes on working families this year" to applause.'
    passages = to_passages(align_tokens(tokenize(source), tokenize(target)), tokenize(source), tokenize(target),
                           source_text=source, target_text=target)
    assert [p.kind for p in passages] == ["quote"]


def test_inside_quotation_handles_curly_marks_and_paragraphs():
    from storytrace.reuse.align import inside_quotation

    text = "He said “the city is not fully encircled” on Monday.\n\nThe city is not fully encircled, he said."
    quoted = text.index("the city")
    assert inside_quotation(text, quoted, quoted + len("the city is not fully encircled"))
    plain = text.rindex("The city")
    assert not inside_quotation(text, plain, plain + len("The city is not fully encircled"))


STATEMENT = ("“We have listened to the concerns of our passengers and staff, and we accept that the timetable we "
             "published last month did not give enough notice of the changes. From next week every cancelled "
             "sailing will be announced at least a day in advance, and those affected will be offered a full refund "
             "or a free crossing later in the season,” the operator said in a statement.")


def test_two_articles_quoting_one_statement_share_it_without_one_copying_the_other():
    first = _article("Passengers stranded by the winter storms on the islands have won a concession from the "
                     "ferry company after weeks of protests outside its offices in the harbour town.\n\n" + STATEMENT
                     + "\n\nCampaigners welcomed the move but said they would keep pressing for a new vessel.", 1)
    second = _article("A row over cancelled crossings ended on Friday when the operator of the island ferries "
                      "changed its rules, a month after the first complaints reached the regional assembly.\n\n"
                      + STATEMENT + "\n\nThe assembly's transport committee will review the service in June.", 2)
    pairs = find_reuse([first, second])
    assert pairs and all(p.relation == "shared_passages" for p in pairs)
    # the same narrative copied as well: derived
    copy = _article(first.text.replace("Campaigners welcomed", "Campaigners on the islands welcomed"), 3)
    assert any(p.relation != "shared_passages" for p in find_reuse([first, copy]))


def test_one_shared_phrase_in_a_short_article_is_not_a_copy():
    long = _article(WIRE, 1)
    stub = _article("Travel news. Ferry services between the northern islands resumed on Thursday. Subscribe to "
                    "read more of our reporting.", 2)
    assert all(p.relation == "shared_passages" for p in find_reuse([long, stub]))


def test_a_paraphrase_passage_made_of_the_outlets_boilerplate_is_dropped():
    from storytrace.models import Passage
    from storytrace.reuse.pairs import _mostly_boilerplate

    text = "Headline: Bitcoin & Blockchain Searches Exceed Trump! Blockchain Stocks Are Next! The mayor resigned today."
    tokens = tokenize(text)
    furniture = text[: text.index(" The mayor")]
    grams = {tuple(tokens.words[i : i + 3]) for i in range(len(tokenize(furniture).words) - 2)}
    line = Passage(source_span=(0, len(furniture)), target_span=(0, len(furniture)), kind="paraphrase", score=0.99)
    news = Passage(source_span=(0, 10), target_span=(text.index("The mayor"), len(text)), kind="paraphrase", score=0.8)
    assert _mostly_boilerplate(line, tokens, grams)
    assert not _mostly_boilerplate(news, tokens, grams)
    assert not _mostly_boilerplate(line, tokens, set())


FEATURE = (
    "For the people of the northern islands, the sea has always set the rhythm of the week. Fishermen read the "
    "sky before dawn, teachers plan lessons around the school boat, and the doctor keeps a bag packed for the "
    "evening plane.\n\n"
    "Ferry services between the northern islands resumed on Thursday after two days of cancellations caused by "
    "gale-force winds, the operator said.\n\n"
    "Margaret Sinclair, who has run the post office on Stronsay for thirty-one years, remembers winters when the "
    "boats stopped for a fortnight. Back then, she says, neighbours shared flour and paraffin without being asked, "
    "and nobody thought of it as an emergency.\n\n"
    "Around 3,000 passengers had been stranded on the mainland since Tuesday evening, when the first sailings were "
    "called off. Among them were a brass band returning from a competition in Glasgow and a wedding party whose "
    "ceremony had to be moved to a hotel ballroom.\n\n"
    "Younger islanders are less patient. Ewan Drever, a joiner who commutes to building sites on the mainland, "
    "lost four days of wages this month and wonders whether a fixed link will ever be built. Engineers priced a "
    "tunnel a decade ago; the estimate frightened every minister who read it.\n\n"
    "The harbour master said the crossings would run to a reduced timetable until Saturday while engineers "
    "inspected the damaged pier at Kirkwall.\n\n"
    "Tourism complicates the arithmetic. Summer visitors fill cabins and cafes, yet their bookings vanish whenever "
    "a storm warning appears on television, and guesthouse owners complain that cancellations arrive faster than "
    "the weather itself.\n\n"
    "Local shops reported shortages of fresh milk and bread, and the council opened a rest centre in the town hall "
    "for travellers who could not find rooms. Volunteers from the lifeboat crew carried blankets and soup.\n\n"
    "Historians note that the archipelago once depended on dozens of small sailing smacks, each owned by a family "
    "and named after a grandmother. Steam replaced them, then diesel, and every change concentrated the service in "
    "fewer, larger vessels that now cannot dock when the swell rises.\n\n"
    "Forecasters expect calmer weather over the weekend, although further gales are possible next week.\n\n"
    "Whatever ministers decide about tunnels or new hulls, Sinclair expects her counter to stay busy. Parcels, "
    "pensions and gossip still pass through it, she says, and the kettle never goes cold while the boats are tied up."
)


def test_a_long_story_built_around_a_whole_wire_copy_is_derived_from_it():
    # the wire's five sentences, interleaved with the writer's own material: only 27 % of the feature
    # is the wire's, and METER's classifier (the target's side only) calls it non-derived
    wire = _article(WIRE, 1, outlet="wire.example", published="2021-03-01")
    feature = _article(FEATURE, 2, outlet="islandweekly.example", published="2021-03-02")
    assert classify_derivation(feature.text, [wire.text]).label == "non_derived"
    reuse = relate_pair(wire, feature, ReuseOptions(paraphrase=False))
    assert reuse is not None and (reuse.source, reuse.target) == (1, 2)
    assert reuse.relation == "partially_derived"
    assert any(e.startswith("source taken in: 105 of the 105 words") for e in reuse.evidence)
    # two of the wire's sentences in the feature are shared passages, not the wire taken in
    kept = [p for p in FEATURE.split("\n\n") if not p.startswith(("The harbour", "Local shops", "Forecasters"))]
    partial = relate_pair(wire, _article("\n\n".join(kept), 2, outlet="islandweekly.example", published="2021-03-02"),
                          ReuseOptions(paraphrase=False))
    assert partial is not None and partial.relation == "shared_passages"


class _SameVectors:
    """A sentence encoder that finds every sentence the same as every other (cosine 1)."""

    name = "minilm"
    dimension = 4

    def encode(self, sentences):
        import numpy as np

        return np.tile(np.array([[1.0, 0.0, 0.0, 0.0]], dtype=np.float32), (len(sentences), 1))


_SHARED_FR = ("« Nous ne pouvons pas attendre une année de plus pour reconstruire la digue », a déclaré la maire "
              "Ines Okafor lundi soir devant le conseil municipal réuni en séance extraordinaire.")
_SHARED_EN = ("“We cannot wait another year to rebuild the harbour wall,” Mayor Ines Okafor told the council on "
              "Monday evening at an extraordinary meeting of its members.")


def test_sentences_are_compared_by_meaning_in_english_articles_only():
    from storytrace.reuse.pairs import _Pile

    french = [
        "Le conseil municipal a voté lundi la reconstruction de la digue du port avant les tempêtes de l'hiver. "
        f"{_SHARED_FR} Les habitants du quartier bas avaient signé une pétition pendant tout le printemps. "
        "Le chantier devrait durer au moins six mois, selon les ingénieurs de la ville. Les commerçants du quai "
        "s'inquiètent déjà de la baisse de leur chiffre d'affaires pendant les travaux de l'été prochain.",
        "Les pêcheurs du port craignent que les travaux ne bloquent leurs bateaux pendant des semaines entières. "
        f"{_SHARED_FR} La région financera une partie des travaux, selon le trésorier de la ville. "
        "Une réunion publique est prévue au début du mois prochain à la salle des fêtes. Les associations de "
        "riverains demandent depuis des années un plan complet pour protéger le front de mer.",
    ]
    english = [
        "The council voted on Monday to rebuild the harbour wall before the winter storms arrive in the bay. "
        f"{_SHARED_EN} Residents of the lower town had signed a petition all through the spring. "
        "The works should take at least six months, according to the town's engineers. Shopkeepers on the "
        "quay already fear a fall in their takings during the works next summer.",
        "Fishermen at the port fear the works will keep their boats in harbour for weeks on end this autumn. "
        f"{_SHARED_EN} The region will pay part of the cost, the town's treasurer said. "
        "A public meeting is planned early next month in the town hall. Residents' groups have asked for years "
        "for a full plan to protect the seafront.",
    ]
    for texts, restated in ((french, False), (english, True)):
        articles = [_article(text, number) for number, text in enumerate(texts, start=1)]
        pile = _Pile(articles, [0, 1], ReuseOptions(), encoder=_SameVectors())
        reuse = pile.relate(0, 1)
        assert reuse is not None  # the shared quotation is found word for word in both languages
        kinds = {p.kind for p in reuse.passages}
        assert ("paraphrase" in kinds) is restated, (texts[0][:20], kinds)
