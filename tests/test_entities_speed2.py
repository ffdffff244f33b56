"""The fast paths of resolve_entities (second round) agree with the plain computations they replace."""

from __future__ import annotations

import random
import re
from collections import Counter

from storytrace.claims import entities as stage
from storytrace.claims.entities import Mention

_BEFORE_PATTERNS = (
    stage._AFTER_A_LINK, stage._LIST_AND, stage._PERSON_BEFORE, stage._GROUP_BEFORE, stage._CASE_BEFORE,
    stage._PLACE_BEFORE, stage._PLACE_OF,
)
_PIECES = (
    "and", "&", "in", "the", "The", "of", "for", "at", "president", "President", "think", "tank", "precedents",
    "such", "as", "reaffirmed", "senator", "Mr.", "Dr", "25-year-old", "city", "-city", "xcity", "group", "Ames",
    "Bly", "Cole", "Dunn", "near", ",", ";", ":", "said", "band", "members", "X", "overturned", "like",
)
_SPACES = (" ", " ", " ", "  ", "\t", " \t ", "\xa0", "\u2009", "\n")


def _random_before(rng: random.Random) -> str:
    words = [rng.choice(_PIECES) for _ in range(rng.randint(0, 9))]
    text = "".join(word + rng.choice(_SPACES) for word in words)
    return text if rng.random() < 0.8 else text.rstrip()


def test_tail_start_finds_what_the_whole_string_finds() -> None:
    rng = random.Random(7)
    for _ in range(20_000):
        before = _random_before(rng)
        tail = stage._tail_start(before)
        for pattern in _BEFORE_PATTERNS:
            assert bool(pattern.search(before, tail)) == bool(pattern.search(before)), (pattern.pattern, before)


def test_tail_start_keeps_the_longest_matches() -> None:
    # the alternatives with the most runs of spaces, behind a long prefix, in spaces and tabs
    for space in (" ", "\t", " \t  "):
        for pattern, cue in ((stage._LIST_AND, "and Ames Bly Cole"), (stage._GROUP_BEFORE, "President of the"),
                             (stage._GROUP_BEFORE, "think tank"), (stage._CASE_BEFORE, "precedents such as"),
                             (stage._PERSON_BEFORE, "senator ,"), (stage._AFTER_A_LINK, "in the"),
                             (stage._PLACE_OF, "city of"), (stage._AFTER_A_LINK, "the Ames,")):
            before = space.join(["one", "two", "three", "four", "five", *cue.split(" ")]) + space
            for text in (before, before.rstrip()):
                assert bool(pattern.search(text, stage._tail_start(text))) == bool(pattern.search(text)), text
            assert pattern.search(before, stage._tail_start(before)), (pattern.pattern, before)


def test_kind_cue_on_long_lines_reads_the_same() -> None:
    rng = random.Random(11)
    for _ in range(3_000):
        before = _random_before(rng)
        after = rng.choice((", who said", ", the advocacy group", " decision", "'s wife", ", California.", " — ", ""))
        text = before + "Ines Marlow" + after
        mention = Mention(text="Ines Marlow", span=(len(before), len(before) + 11), type="PERSON")
        start = mention.span[0]
        line = max(text.rfind("\n", 0, start) + 1, start - 60)
        whole = text[line:start]
        plain = {pattern.pattern: bool(pattern.search(whole)) for pattern in _BEFORE_PATTERNS}
        fast = {pattern.pattern: bool(pattern.search(whole, stage._tail_start(whole))) for pattern in _BEFORE_PATTERNS}
        assert plain == fast, whole
        stage.kind_cue(text, mention)


def test_printed_lower_is_every_lower_case_word() -> None:
    texts = {1: "the census-taker said census x-ray Census", 2: "a word, words;and more\nvote"}
    plain = {w for text in texts.values() for w in re.findall(r"(?<![\w\-])[a-z]+(?![\w\-])", text)}
    assert stage._PrintedLower()(texts) == plain


def test_title_case_line_is_one_answer_per_line() -> None:
    text = "Major Market Drivers & Restraints\nThe market grew, said Ames.\nPrice Trend Download Podcast\n"
    by_line: dict[int, set[bool]] = {}
    for at in range(len(text) + 1):
        by_line.setdefault(text.rfind("\n", 0, at) + 1, set()).add(stage._title_case_line(text, at))
    assert all(len(answers) == 1 for answers in by_line.values())


def test_brackets_are_the_plain_scan() -> None:
    rng = random.Random(3)
    for _ in range(5_000):
        text = "".join(rng.choice(" \t\n([)]ab") for _ in range(rng.randint(0, 30)))
        plain = [(m.span(), m.group(1)) for m in stage._BRACKET.finditer(text)]
        assert [(m.span(), m.group(1)) for m in stage._brackets(text)] == plain, repr(text)


_CONNECTOR_PIECES = (
    "X", "Ames", ",", "(", "[", ")", "also", "commonly", "known", "referred", "to", "in", "the", "West", "as", "the",
    "aka", "a.k.a.", "called", "now", "formerly", "acronym", "for", "an", "Arabic", "short", "stands", "which", "of",
)


def test_connector_cores_are_in_every_match() -> None:
    rng = random.Random(5)
    for _ in range(20_000):
        text = "".join(rng.choice(_CONNECTOR_PIECES) + rng.choice((" ", " ", "  ", "\n", "")) for _ in range(8))
        for connector, core in zip(stage._CONNECTORS, stage._CONNECTOR_CORES, strict=True):
            if core is not None and connector.search(text):
                assert core.search(text), (connector.pattern, text)
        if stage._ACRONYM_FOR.search(text):
            assert stage._ACRONYM_CORE.search(text), text


def test_whole_text_patterns_match_their_plain_forms() -> None:
    plain = {
        "_LOWER_WORD_3": r"(?<![\w\-./@])[a-z]{3,}(?![\w\-@]|\.\w)",
        "_LOWER_RUN": r"(?<![\w\-])[a-z]+(?![\w\-])",
        "_LOWER_WORD": r"(?<![\w\-./@])[a-z]{4,}(?![\w\-@]|\.\w)",
        "_LOWER_PHRASE_WORD": r"(?<![\w\-./@])[a-z][\w'’-]*(?![\w\-@]|\.\w)",
        "_CAPITALIZED": r"(?<![\w\-])[A-Z]\S*",
    }
    rng = random.Random(9)
    texts = ["".join(rng.choice("abcdeAB-_ \n./@'’9é") for _ in range(rng.randint(0, 24))) for _ in range(20_000)]
    for name, pattern in plain.items():
        fast, slow = getattr(stage, name), re.compile(pattern)
        for text in texts:
            assert [m.span() for m in fast.finditer(text)] == [m.span() for m in slow.finditer(text)], (name, text)
            assert fast.findall(text) == slow.findall(text)


def test_sorted_address_forms_are_the_forms_sorted() -> None:
    for name in ("The New York Times", "Wall Street Journal", "Politico", "  the Hill ", "Bloomberg-News", ""):
        assert stage._sorted_address_forms(name) == tuple(sorted(stage._address_forms(name)))


def test_cued_kind_counts_each_context_once_over_nodes() -> None:
    cues = [{"": frozenset({"a", "b"}), "ORG": frozenset({"a"})}, {"": frozenset({"b", "c"}), "ORG": frozenset({"a", "c"})},
            {"": frozenset({"d"})}]
    # 4 contexts, 2 of them an organisation's: a "person" the words show to be an organisation, none a person
    assert stage._cued_kind("PERSON", Counter({"PERSON": 3}), cues) == "ORG"
    assert stage._cued_kind("PERSON", Counter({"PERSON": 3}), cues[1:2] + cues[2:]) == "ORG"
    assert stage._cued_kind("PERSON", Counter({"PERSON": 3}), cues[2:]) == "PERSON"


def _org(name: str, start: int) -> Mention:
    return Mention(text=name, span=(start, start + len(name)), type="ORG")


def test_acronyms_join_the_expansion_of_their_own_article() -> None:
    texts = {
        1: "The Kurdistan Democratic Party (KDP) met. The KDP said so.",
        2: "The KDP, the Kurdistan Democratic Party, and the Kurdish Development Program met.",
        3: "The KDP met.",
    }
    mentions = {
        1: [_org("Kurdistan Democratic Party", 4), _org("KDP", 32),
            _org("KDP", 46)],
        2: [_org("KDP", 4), _org("Kurdistan Democratic Party", 13),
            _org("Kurdish Development Program", 49)],
        3: [_org("KDP", 4)],
    }
    entities = stage.resolve_entities(mentions, texts)
    kdp = [e for e in entities if any(m.text == "KDP" and article == 1 for article, m in e.mentions)]
    assert len(kdp) == 1 and kdp[0].name == "Kurdistan Democratic Party"
