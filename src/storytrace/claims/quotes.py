"""Quotes and reported speech, with speaker, cue and channel.

Stages, in order:

1. **quote marks** over the whole clean text: curly, straight and guillemet double quotes (single
   quotes nested inside them are part of them); single quotes where the article quotes with them
   (British style), never an apostrophe ("don't", "'90s", "nothin'"); a paragraph that opens a quote and never closes it continues
   into the next paragraph when that one opens with a quote mark (the multi-paragraph convention);
   an unbalanced mark ends at its paragraph's end, so it never swallows the rest of the article;
2. **sentences worth parsing**: only those with a quote, a reporting verb (the Gender Gap
   Tracker's list, MIT, plus a few) or "according to" go through spaCy;
3. **attribution** on the dependency parse: the cue is a reporting verb; the source is its subject
   (or the object of "according to"); the content is its clausal complement, a quote in the same
   sentence, or the quote paragraph after a colon;
4. **speakers**: titles ("Maj. Gen.", "Russian Foreign Minister") are kept apart from names; a
   pronoun or role noun ("he", "the minister") resolves to the nearest person named before it; a
   surname resolves to the full name used earlier;
5. **channel**: "told X", "X quoted Y", "in an interview with X", "wrote in X".
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence, Set
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from ..models import Quote
from . import attribution
from .attribution import cue_lexicon, token_columns
from .doccache import DocCache
from .nlp import parse

__all__ = ["QuoteMark", "extract_quotes", "find_quote_marks", "parse_sentences", "reporting_verbs", "reports_speech"]

# Added to the Gender Gap Tracker list: common cues it lacks, and (second part) the cues of
# attributions most often missed on the PolNeAR *train* split (content F1 overlap 0.443 → 0.455).
_EXTRA_VERBS = (
    "believe believed believes accuse accused accuses urge urged urges ask asked asks caution cautioned "
    "learn learned learnt stress stressed stresses underscore underscored underscores remark remarked remarks "
    "assume assumed assumes speculate speculated speculates concede conceded concedes recall recalled recalls "
    "vow vowed vows promise promised promises deny denied denies charge charged charges observe observed "
    "observes complain complained complains boast boasted boasts acknowledge "
    "call called calls calling show shows showed shown find found cite cited cites citing agree agreed agrees "
    "want wants wanted plan plans planned pledge pledged pledges criticize criticized criticizes decline declined "
    "declines attack attacked attacks blast blasted question questioned predict predicted quote quoted quotes quoting"
)


@cache
def reporting_verbs() -> frozenset[str]:
    """Verb forms that report speech: the Gender Gap Tracker list (MIT, ``claims/data``) plus a few."""
    text = resources.files("storytrace.claims").joinpath("data/quote_verbs.txt").read_text(encoding="utf-8")
    return frozenset(w.strip().lower() for w in text.split() + _EXTRA_VERBS.split() if w.strip())


# ------------------------------------------------------------------------------------------------
# 1. quote marks


@dataclass(frozen=True, slots=True)
class QuoteMark:
    """A quotation in the text: ``[start, end)`` of the words inside the marks."""

    start: int
    end: int
    closed: bool


_OPEN = {"“": "”", "«": "»", "„": "”", '"': '"'}


def reports_speech(cue: str | None) -> bool:
    """Whether a reported content's cue reports speech ("said", "told", "according to", a word of
    the Gender Gap Tracker's reporting-verb list): the attribution tagger, trained on PolNeAR, also
    marks feelings and expectations ("is expected [to rule by July]", "feels like […]"), which wire
    copies all print in the writer's own words."""
    if not cue:
        return False
    words = re.findall(r"[^\W\d_]+", cue.casefold())
    return "according" in words or any(word in reporting_verbs() and word not in _MENTAL_STATES for word in words)


# Verbs of the reporting-verb list that state a mind, not speech: "the administration wants [to
# include it]" is the writer's account, printed alike by every wire copy.
_MENTAL_STATES = frozenset({
    "want", "wants", "wanted", "wanting", "believe", "believes", "believed", "believing", "think", "thinks",
    "thought", "thinking", "feel", "feels", "felt", "feeling", "hope", "hopes", "hoped", "hoping", "know",
    "knows", "knew", "knowing", "fear", "fears", "feared", "fearing", "worry", "worries", "worried",
    "worrying", "wish", "wishes", "wished", "expect", "expects", "expected", "expecting", "assume", "assumes",
    "assumed", "suspect", "suspects", "suspected", "doubt", "doubts", "doubted",
})  # fmt: skip


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]+)*", text):
        spans.append((match.start(), match.end()))
    return spans


def find_quote_marks(text: str) -> list[QuoteMark]:
    """Direct quotations, multi-paragraph ones joined; never crosses a paragraph without a reason.
    Single marks are quotation marks in an article that uses them so (:data:`SINGLE_MARKS`)."""
    if DOUBLED_APOSTROPHES:
        text = _doubled_apostrophes(text)
    paragraphs = _paragraphs(text)
    doubles = _double_marks(text, paragraphs)
    if not SINGLE_MARKS or ("'" not in text and "‘" not in text):
        return doubles
    singles = _single_marks(text, paragraphs, doubles)
    outside = [m for m in doubles if not any(s.start <= m.start and m.end <= s.end for s in singles)]
    if not singles or len(singles) < len(outside):
        return doubles
    return sorted(outside + singles, key=lambda m: m.start)


def _double_marks(text: str, paragraphs: list[tuple[int, int]]) -> list[QuoteMark]:
    """Quotations in double marks (curly, straight, guillemets), as :func:`find_quote_marks` reads them."""
    marks: list[QuoteMark] = []
    carry: int | None = None  # start of a quote continuing from the previous paragraph
    for number, (start, end) in enumerate(paragraphs):
        position = start
        if carry is not None:
            # The continued quote reopens at this paragraph's first mark.
            if text[start] in _OPEN:
                position = start + 1
            else:
                carry = None
        while position < end:
            if carry is None:
                opening = _next_opening(text, position, end)
                if opening is None:
                    break
                quote_start, closer = opening + 1, _OPEN[text[opening]]
            else:
                quote_start, closer = carry, "”"
            close_at = _closing(text, quote_start if carry is None else position, end, closer)
            if close_at is not None:
                marks.append(QuoteMark(quote_start, close_at, True))
                carry = None
                position = close_at + 1
                continue
            # No closing mark in this paragraph.
            next_start = paragraphs[number + 1][0] if number + 1 < len(paragraphs) else None
            opener = text[(carry if carry is not None else quote_start) - 1]
            if next_start is not None and _OPEN.get(text[next_start]) == _OPEN.get(opener) and (
                    carry is not None or quote_start - 1 == start):
                # (the next paragraph reopens the quote with the same kind of mark: “…¶“…” or "…¶"…",
                # not a stray straight mark before a curly quotation)
                carry = quote_start if carry is None else carry
            else:
                marks.append(QuoteMark(quote_start, end, False))
                carry = None
            break
    return [m for m in marks if m.end > m.start and re.search(r"\w", text[m.start : m.end])]


SINGLE_MARKS = True
"""Read single marks as quotation marks (:func:`_single_marks`) in an article that quotes with them
at least as often as with double marks outside them, as British papers do ('We don't aim to play
judge and jury,' the company said). It changed the marks of 4 of the Spotify pile's 35 articles
(direct quotes 118 → 132: the Daily Mail's a10 0 → 8, its a35 1 → 6) and of 20 of the
FakeNewsCorpus sample's 250 (743 → 769; the AlterNet interview a169 2 → 14), and of no PolNeAR
article (American copy: single marks in headlines and nested quotations only), so PolNeAR and
BASIL scores are unchanged. The many single-mark terms of blogs ('special rights', 'proof') are
read as quotations then, as double-mark ones always were."""

_SINGLE_OPENERS = frozenset("'‘")
_SINGLE_CLOSERS = frozenset("'’")
_ELISION = re.compile(
    r"(?<![\w'‘’])['‘’](?:n['‘’](?!\w)|(?:em|til|cause|cos|cuz|bout|round|tis|twas|nuff|im|ya|kay|sup|ol|n)"
    r"(?![\w'‘’])|\d\d?s?(?!\w))",
    re.IGNORECASE,
)
"""Apostrophes at a word's edge that elide letters or digits ("rock 'n' roll", "'em", "'til", "the
'90s"): never a quotation mark."""
_BEFORE_OPENING = frozenset(" \t\n\u00a0([{—–\"“/")
_AFTER_CLOSING = frozenset(" \t\n\u00a0,.;:!?)]}—–\"”…")
_SPACES = frozenset(" \t\u00a0")


_SINGLE_MARK = re.compile(r"['‘’]")


def _single_candidates(text: str, start: int, end: int) -> tuple[list[int], list[tuple[int, bool]]]:
    """The single marks of a paragraph that may open a quotation (at a word's start: after a space,
    a bracket or a dash, before a letter) and that may close one (after a word or its punctuation,
    before a space or punctuation), each closing one with whether it is *sure*: after punctuation
    or before it ("jury,' the company said", "conduct'."). A mark after a letter before a space may
    be an apostrophe as well ("artists' ability", "nothin' to say"); one inside a word ("don't",
    "Spotify's") or eliding letters is neither."""
    elided = {i for m in _ELISION.finditer(text, start, end) for i in range(m.start(), m.end()) if text[i] in "'‘’"}
    openings: list[int] = []
    closings: list[tuple[int, bool]] = []
    for match in _SINGLE_MARK.finditer(text, start, end):  # (the marks only: the other characters are passed over)
        index, char = match.start(), match.group()
        if index in elided:
            continue
        before = text[index - 1] if index > start else "\n"
        after = text[index + 1] if index + 1 < end else "\n"
        if char in _SINGLE_OPENERS and before in _BEFORE_OPENING and not after.isspace() and after not in "'‘’\"”":
            openings.append(index)
        elif char in _SINGLE_CLOSERS and not before.isspace() and after in _AFTER_CLOSING:
            closings.append((index, not before.isalnum() or after not in _SPACES))
    return openings, closings


_NOT_LINE_BREAK = re.compile(r"[^\n]")


def _single_marks(text: str, paragraphs: list[tuple[int, int]], doubles: list[QuoteMark]) -> list[QuoteMark]:
    """Quotations in single marks outside the double-mark ones ``doubles`` (single marks inside
    those are nested quotations, part of the outer one). An opening mark closes at the first sure
    closing mark before the next opening mark, else at the first closing mark before it ("the
    policy 'created confusion' when it was announced and 'didn't …'"), else at the first sure
    one after; a quotation opening its paragraph and not closed there goes on when the next
    paragraph opens with a single mark (the multi-paragraph convention), else to the paragraph's
    end; an opening mark inside a paragraph that never closes is taken for an apostrophe."""
    chars = list(text)
    for mark in doubles:  # (the double quotations' words, not their marks, are hidden)
        # (every character but a line break, as one substitution over the stretch)
        chars[mark.start : mark.end] = _NOT_LINE_BREAK.sub("x", "".join(chars[mark.start : mark.end]))
    masked = "".join(chars)
    marks: list[QuoteMark] = []
    carry: int | None = None  # start of a quotation continuing from the previous paragraph
    for number, (start, end) in enumerate(paragraphs):
        openings, closings = _single_candidates(masked, start, end)
        position = start
        if carry is not None:
            if openings and openings[0] == start:
                position, openings = start + 1, openings[1:]
            else:
                carry = None
        while True:
            if carry is None:
                opening = next((at for at in openings if at >= position), None)
                if opening is None:
                    break
                quote_start = search = opening + 1
            else:
                quote_start, search = carry, position
            following = next((at for at in openings if at >= search), None)
            after = [(at, sure) for at, sure in closings if at >= search]
            before_next = [(at, sure) for at, sure in after if following is None or at < following]
            closing = next((at for at, sure in before_next if sure), None)
            if closing is None and before_next:
                closing = before_next[0][0]
            if closing is None:
                closing = next((at for at, sure in after if sure), None)
            if closing is not None:
                marks.append(QuoteMark(quote_start, closing, True))
                carry, position = None, closing + 1
                continue
            opened_here = carry is not None or quote_start - 1 == start
            next_start = paragraphs[number + 1][0] if number + 1 < len(paragraphs) else None
            if opened_here and next_start is not None and masked[next_start] in _SINGLE_OPENERS:
                carry = quote_start
            else:
                if opened_here:
                    marks.append(QuoteMark(quote_start, end, False))
                carry = None
            break
    return [m for m in marks if m.end > m.start and re.search(r"\w", text[m.start : m.end])]


DOUBLED_APOSTROPHES = True
"""Read two apostrophes as a double quotation mark (:func:`_doubled_apostrophes`). On the PolNeAR
dev split source F1 overlap 0.6413 → 0.6465 (even articles 0.6454 → 0.6503, odd 0.6359 → 0.6415),
content F1 overlap 0.6905 → 0.6962."""


def _doubled_apostrophes(text: str) -> str:
    """Two apostrophes used as a double quotation mark (''So,'' she said — the convention of some
    news archives; ‘‘So,’’ she said in curly ones, as the Boston Globe prints; ``So,'' she said, as
    wire feeds typed in TeX's way print) as one straight double quote, the offsets unchanged: an
    opening pair becomes ' "', a closing one '" '."""
    def mark(match: re.Match[str]) -> str:
        at = match.start()
        if match.group() != "''":
            return ' "' if match.group() in ("‘‘", "``") else '" '
        opening = at == 0 or not text[at - 1].strip() or text[at - 1] in "([{—-"
        return ' "' if opening else '" '

    if "''" not in text and "‘‘" not in text and "``" not in text:
        return text
    return re.sub(r"(?<!['‘’`])(?:''|‘‘|’’|``)(?!['‘’`])", mark, text)


def _next_opening(text: str, start: int, end: int) -> int | None:
    for match in _OPENING_CANDIDATE.finditer(text, start, end):  # (in text order, as a scan of every character)
        index = match.start()
        if match.group() != '"' or index == start or not text[index - 1].isalnum():
            return index
    return None


_OPENING_CANDIDATE = re.compile(r'[“«„"]')


def _closing(text: str, start: int, end: int, closer: str) -> int | None:
    index = text.find(closer, start, end)
    if closer == "”" and index < 0:
        straight = text.find('"', start, end)
        return straight if straight >= 0 else None
    if closer == '"' and index < 0 and MIXED_MARKS:
        # a straight mark closed with a curly one ("tradition”. “It's a long …”): the first curly
        # closing mark that no curly opening mark comes before
        curly = text.find("”", start, end)
        return curly if curly >= 0 and text.find("“", start, curly) < 0 else None
    return index if index >= 0 else None


MIXED_MARKS = True
"""A quotation opened with a straight mark and closed with a curly one (`it was a "tradition”. “It's a
long …”`) ends at that curly mark: it ran to the end of the paragraph, and the next quotation was read
as part of the writer's words before it (PAC)."""


# ------------------------------------------------------------------------------------------------
# 2–5. attribution


_TITLE_WORDS = {
    "mr", "mrs", "ms", "dr", "prof", "sir", "dame", "lord", "lady", "gen", "maj", "col", "lt", "capt", "sgt",
    "adm", "cmdr", "gov", "sen", "rep", "rev", "president", "minister", "secretary", "general", "major",
    "colonel", "lieutenant", "captain", "sergeant", "admiral", "commander", "governor", "senator",
    "representative", "chancellor", "prime", "foreign", "defense", "defence", "interior", "deputy", "chief",
    "spokesman", "spokeswoman", "spokesperson", "ambassador", "king", "queen", "prince", "princess", "pope",
    "judge", "justice", "mayor", "chairman", "chairwoman", "chair", "director", "former", "vice", "acting",
    "professor", "attorney", "u.s.", "us", "army", "retired", "state", "russian", "american", "british",
    "french", "german", "iraqi", "syrian", "turkish", "israeli", "chinese", "italian", "kurdish",
}  # fmt: skip
_PRONOUNS = {"he", "she", "they", "him", "her", "i", "we", "it"}
_ORG_HEADS = frozenset({
    "company", "firm", "service", "giant", "platform", "network", "startup", "corporation", "conglomerate",
    "retailer", "automaker", "carmaker", "airline", "bank", "lender", "insurer", "broadcaster", "publisher",
    "streamer", "manufacturer", "chipmaker", "supplier", "operator", "utility",
})
"""Heads of a definite noun phrase that name a business ("the company", "the streaming service",
"the tech giant"): as a speaker, the organisation the article is about (:meth:`_Speakers.topic_org`)."""
_MEDIA = re.compile(
    r"^(?:the\s+)?(?:AP|AFP|CNN|BBC|NPR|ABC|CBS|NBC|Reuters|Bloomberg|Associated Press|Agence France[- ]Presse)\b"
    r"|\b(?:Post|Times|News|Journal|Press|Herald|Tribune|Magazine|Gazette|Telegraph|Guardian|Radio|TV|"
    r"Television|Newspaper|Daily|Weekly|Review|Register|Chronicle|Observer|Reporter|Examiner|Wire)\b"
)
"""Outlets and wires: a channel, a credit or a dateline ("(CNN) —"), never "the company" of the story."""
_SAYING = frozenset({
    "say", "tell", "argue", "claim", "add", "ask", "write", "note", "insist", "allege", "contend", "assert",
    "testify", "warn", "deny", "accuse", "urge", "state", "explain", "complain", "respond", "reply", "announce",
    "acknowledge", "admit", "agree", "believe", "predict", "caution", "recommend", "report", "tweet", "post",
})  # fmt: skip
"""Lemmas of verbs by which people speak (not "show", "find", "reveal", by which documents "speak"):
a plural subject of one is whom a later "they" may stand for ("the lawyers told the judge … They also
said …", not "the files show … They asked …")."""
_NOT_PERSON_LABELS = frozenset({"ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"})
_GROUP_PRONOUNS = frozenset({"it", "we", "they"})
"""Pronouns that stand for an organisation or a group, which only resolve to a group that spoke."""
_INSTITUTION_HEADS = _ORG_HEADS | frozenset({
    "court", "ministry", "government", "agency", "department", "administration", "committee", "commission",
    "council", "board", "party", "campaign", "organization", "organisation", "union", "university", "college",
    "embassy", "office", "parliament", "legislature", "bureau", "institute", "foundation", "association",
    "federation", "league", "club", "team", "regime", "cabinet", "panel", "tribunal", "authority", "group",
})  # fmt: skip
"""Heads of a definite noun phrase that name an institution ("the court", "the ministry"): as the
subject of a clause, what a later "it said" may stand for (:meth:`_Speakers.institution`)."""
_ROLE_HEADS = {
    "person", "minister", "general", "president", "official", "officials", "spokesman", "spokeswoman", "spokesperson",
    "analyst", "expert", "scholar", "source", "sources", "commander", "senator", "governor", "secretary",
    "ambassador", "mayor", "chief", "director", "colonel", "leader", "representative", "diplomat", "journalist",
    "correspondent", "author", "professor", "lawyer", "attorney", "judge", "officer", "prosecutor",
    "man", "woman", "chairman", "witness", "resident", "fellow", "member", "economist", "researcher", "historian",
    "activist", "candidate", "nominee", "scientist", "strategist", "adviser", "advisor", "aide", "staffer",
    "lawmaker", "congressman", "congresswoman", "legislator", "politician", "executive", "founder", "host",
    "reporter", "writer", "pro", "veteran", "teacher", "doctor", "nurse", "owner", "worker", "student",
    "pope", "ceo", "chancellor", "king", "queen", "premier", "bishop", "cardinal", "sheriff", "coach",
}  # fmt: skip


@dataclass(slots=True)
class _Person:
    name: str
    start: int
    end: int
    roles: frozenset[str] = frozenset()
    subject: bool = False
    """Whether the mention is the subject of its clause (preferred antecedent of a pronoun)."""
    main: bool = False
    """Whether that clause is the sentence's main clause (preferred over a subordinate clause's subject:
    "Mr. Ryan tried …, but he showed his irritation when Mr. Biden kept interrupting")."""
    sentence: int = -1
    """Start offset of the mention's sentence."""
    aside: bool = False
    """Whether the mention is inside a relative clause or an apposition describing another person
    ("a deposition of A. Mark Neuman, who they say was Ross' expert adviser"): see ASIDE_PEOPLE."""
    listed: bool = False
    """Whether the mention is one of examples listed after "including" or "such as": see LISTED_PEOPLE."""
    words: int = field(init=False, repr=False, compare=False)
    """``len(name.split())``, and (below) ``_surname(name)``: made once, as the register is scanned
    for them on every lookup (exact: a person's ``name`` is never changed after it is added)."""
    surname: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.words = len(self.name.split())
        self.surname = _surname(self.name)


# Gender evidence for pronoun resolution: titles and role words that say it ("Ms. Lauten", "a
# spokeswoman"); he/his or she/her right after a subject mention adds more (see _gender_after).
_MALE_WORDS = frozenset({
    "mr", "sir", "lord", "king", "prince", "duke", "baron", "emperor", "pope", "father", "brother", "son",
    "husband", "uncle", "grandfather", "nephew", "boyfriend", "congressman", "spokesman", "chairman",
    "businessman", "councilman", "assemblyman", "alderman", "countryman", "statesman", "sportsman", "man",
    "actor", "widower", "monsignor",
})  # fmt: skip
_FEMALE_WORDS = frozenset({
    "mrs", "ms", "miss", "madam", "madame", "lady", "dame", "queen", "princess", "duchess", "baroness", "countess",
    "empress", "mother", "sister", "daughter", "wife", "aunt", "grandmother", "niece", "girlfriend",
    "congresswoman", "spokeswoman", "chairwoman", "businesswoman", "councilwoman", "assemblywoman",
    "alderwoman", "stateswoman", "sportswoman", "woman", "actress", "widow",
})  # fmt: skip
_MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
_FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})

# Names spaCy's small model often tags PERSON that are services or platforms, never speakers.
_NOT_PEOPLE = frozenset({
    "twitter", "facebook", "instagram", "youtube", "gmail", "google", "tiktok", "snapchat", "whatsapp",
    "linkedin", "reddit", "skype", "telegram", "tumblr", "pinterest", "wikipedia", "netflix", "hulu", "siri",
    "alexa", "android", "iphone", "ipad", "spotify", "uber", "lyft", "airbnb", "yahoo", "bing", "medicare",
    "medicaid", "obamacare", "covid", "brexit",
})  # fmt: skip


def _gender_of_words(words: Iterable[str]) -> str | None:
    found = {("m" if w in _MALE_WORDS else "f") for w in words if w in _MALE_WORDS or w in _FEMALE_WORDS}
    return found.pop() if len(found) == 1 else None


def _pronoun_gender(word: str) -> str | None:
    word = word.lower()
    return "m" if word in _MALE_PRONOUNS else "f" if word in _FEMALE_PRONOUNS else None


def _is_subject(token: Any) -> bool:
    """A subject, or a name in apposition to one or compounded into it ("the aide, Elizabeth Lauten")."""
    if token.dep_ in {"nsubj", "nsubjpass"}:
        return True
    return token.dep_ in {"appos", "compound", "conj"} and token.head.i != token.i and token.head.dep_ in {"nsubj", "nsubjpass"}


def _in_main_clause(token: Any) -> bool:
    """A subject (see :func:`_is_subject`) of the sentence's main clause or of a clause coordinated
    with it ("X tried …, but Y showed …"), not of a subordinate one ("when Z kept interrupting")."""
    subject = token.head if token.dep_ not in {"nsubj", "nsubjpass"} else token
    verb = subject.head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return bool(verb.dep_ == "ROOT")


def _gender_after(ent: Any) -> str | None:
    """He/she used later in the sentence of a subject mention, with no other person named between
    ("Pelosi said she …", "Ryan, who lost, said his …")."""
    if not _is_subject(ent.root):
        return None
    persons = [e for e in ent.doc.ents if e.label_ == "PERSON" and e.start >= ent.end]
    stop = persons[0].start if persons else len(ent.doc)
    verb = ent.root.head if ent.root.dep_ in {"nsubj", "nsubjpass"} else ent.root.head.head
    for token in ent.doc[ent.end : stop]:
        if OWN_VERB_OBJECTS and token.dep_ in {"dobj", "dative", "iobj"} and token.head.i == verb.i:
            continue  # somebody else: "Sen. Patrick Leahy asked her why …" says nothing of Leahy
        if OTHERS_VIEWS and token.dep_ == "poss" and _after_own_object(token, verb, ent.end):
            continue  # "Sonia Sotomayor asked the lawyer to explain his view": the lawyer's view
        gender = _pronoun_gender(token.lower_)
        if gender is not None:
            return gender
    return None


OTHERS_VIEWS = True
"""A possessive "his" or "her" after the person object of the subject's own verb ("Justice Sonia
Sotomayor asked Mississippi's solicitor general to explain his view …") belongs to that object and
says nothing of the subject's gender (PAC: it made Sotomayor a man, and her "she said" stayed
unresolved); and a first name given to one sex outweighs a single pronoun of the other, though not
a title or role word ("Ms.", "spokesman"; :meth:`_Speakers.gender`)."""


def _after_own_object(token: Any, verb: Any, start: int) -> bool:
    """Whether a person-like object of ``verb`` (a name, a role or any noun phrase for people)
    stands between ``start`` and ``token``."""
    for child in verb.children:
        if child.dep_ in {"dobj", "dative", "iobj"} and start <= child.i < token.i and (
                child.ent_type_ == "PERSON" or child.lower_ in _ROLE_HEADS or child.pos_ == "PROPN"):
            return True
    return False


OWN_VERB_OBJECTS = True
"""A "him" or "her" that is the object of the verb whose subject a name is ("Sen. Patrick Leahy asked
her why …") is somebody else, and says nothing of that person's gender: it made Leahy a woman, and a
"What she's saying:" right after his question his (PAC)."""


_ABBREVIATIONS = {
    "gen": "general", "maj": "major", "col": "colonel", "lt": "lieutenant", "capt": "captain", "sgt": "sergeant",
    "adm": "admiral", "gov": "governor", "sen": "senator", "rep": "representative", "prof": "professor",
    "dr": "doctor", "pres": "president", "cmdr": "commander",
}  # fmt: skip


def _roles_of(ent: Any) -> frozenset[str]:
    """Role words around a person mention: the title before it and the head of an apposition."""
    doc, roles = ent.doc, set()
    index = ent.start - 1
    while index >= 0 and index >= ent.start - 6:
        word = doc[index].text.lower().rstrip(".")
        if word not in _TITLE_WORDS and doc[index].text != ".":
            break
        roles.add(_ABBREVIATIONS.get(word, word))
        index -= 1
    for token in ent:
        roles.add(_ABBREVIATIONS.get(token.text.lower().rstrip("."), token.text.lower().rstrip(".")))
        for child in token.children:
            if child.dep_ == "appos" and child.i >= ent.end:
                roles.add(child.lemma_.lower())
    return frozenset(roles)


ROLES_AS_TITLES = True
"""Keep the role a source phrase gives a named speaker as the quote's ``speaker_title`` ("Lis
Smith, a spokeswoman for the Obama campaign" → "spokeswoman for the Obama campaign"; "Obama
campaign spokeswoman Lis Smith" → "Obama campaign spokeswoman"), so a reader sees on whose behalf
the words were said. Titles in the strict sense ("Maj. Gen.") come first."""

_LEADING_DETERMINERS = frozenset({"a", "an", "the"})


def _role_of(doc: Any, source: Any, ent: Any, subtree: Sequence[Any]) -> str | None:
    """The role a source phrase gives the person ``ent`` it names: a common-noun apposition ("X, a
    spokeswoman for Y"), or the words before the name when they end in a role noun ("Y campaign
    spokeswoman X"); ``None`` when it gives none."""
    def phrase(tokens: Sequence[Any]) -> str | None:
        words = list(tokens)
        while words and (words[0].lower_ in _LEADING_DETERMINERS or words[0].is_punct):
            words = words[1:]
        # (nor a conjunction left by the name it joined: "Spotify's co-founder and [CEO Daniel Ek]")
        while words and (words[-1].is_punct or words[-1].dep_ == "cc"):
            words = words[:-1]
        text = "".join(t.text_with_ws for t in words).strip()
        return text or None

    for anchor in (source, ent.root):
        appositions = [c for c in anchor.children if c.dep_ == "appos" and not (ent.start <= c.i < ent.end)]
        for number, child in enumerate(appositions):
            if child.pos_ != "NOUN":
                continue
            # a hyphenated noun is parsed as several appositions ("co", "-", "founder"): one role
            last = child
            for other in appositions[number + 1 :]:
                if other.i != last.right_edge.i + 1 or doc[last.right_edge.i].whitespace_:
                    break
                last = other
            role = phrase(doc[child.left_edge.i : last.right_edge.i + 1])
            if role is not None and len(role.split()) <= 15:
                return role
    return _role_before(ent, subtree)


def _role_before(ent: Any, subtree: Sequence[Any]) -> str | None:
    """The words of a source phrase before the name ``ent`` when they end in a role noun or title
    ("Obama campaign spokeswoman", "Former CIA Director", "Secretary of State"); else ``None``."""
    before = [t for t in subtree if t.i < ent.start]
    while before and (before[0].lower_ in _LEADING_DETERMINERS or before[0].is_punct):
        before = before[1:]
    if before and before[-1].i == ent.start - 1 and before[-1].lower_ in _ROLE_HEADS | _TITLE_WORDS:
        return "".join(t.text_with_ws for t in before).strip() or None
    return None


def _split_title(tokens: Sequence[Any]) -> tuple[str | None, list[Any]]:
    """Leading title words ("Maj. Gen.", "Russian Foreign Minister") apart from the name tokens."""
    index = 0
    while index < len(tokens) - 1 and (
        tokens[index].text.lower().rstrip(".") in _TITLE_WORDS
        or tokens[index].text.lower() in _TITLE_WORDS
        or (tokens[index].text == "." and index > 0)
    ):
        index += 1
    # never inside a hyphenated word ("Vice-President" is not the title "Vice" of "-President")
    while 0 < index < len(tokens) and "-" in (tokens[index].text, tokens[index - 1].text) \
            and not tokens[index - 1].whitespace_:
        index -= 1
    title = "".join(t.text_with_ws for t in tokens[:index]).strip() or None
    return title, [t for t in tokens[index:] if t.text != "."]


def _fits(person: _Person, gender: str | None) -> bool:
    """Whether a mention may stand for a person of ``gender``: not a "he" registered as a mention
    (:data:`PRONOUN_SUBJECTS`) for a "she", nor the reverse."""
    if gender is None or not person.roles & {"he", "she"}:
        return True
    return ("he" in person.roles) == (gender == "m")


class _Speakers:
    """People named so far in the article, to resolve pronouns, role nouns and surnames."""

    def __init__(self) -> None:
        self.people: list[_Person] = []
        self.genders: dict[str, list[int]] = {}
        # Unnamed speakers by their role noun ("A spokesperson for Google"): (head, phrase, start).
        self.roles: list[tuple[str, str, int]] = []
        # Everybody who spoke so far: (name, where the words end, where they are first printed — the
        # mention or the words, whichever comes first) (see spoke, last_speaker_before).
        self.spoken: list[tuple[str, int, int]] = []
        self.groups: list[tuple[str, int]] = []
        # Plural sources that spoke ("Opponents have said", "the lawyers told the judge"), for "they".
        self.plurals: list[tuple[str, int]] = []
        # The article's quotations as sorted disjoint stretches (starts, ends): see in_quotation.
        self.quoted: tuple[list[int], list[int]] = ([], [])
        # Organisations named (in quotations too): (name, start).
        self.orgs: list[tuple[str, int]] = []
        self._org_names: tuple[int, frozenset[str]] = (0, frozenset())  # (see org_names)
        # Names the article gives organisations, places, works and the like: no person's (see person_like).
        self.not_people: set[str] = set()
        # Singular subjects that are no person, in text order (see institution): (name, start,
        # sentence start) of an organisation or institution ("Spotify", "the court"), (None, …) of
        # anything else.
        self.subjects: list[tuple[str | None, int, int]] = []
        # The signatures of embedded tweets ("— Daniel Strauss (@DanielStrauss4) May 31, 2018"): whom
        # they name signs a tweet, and is no antecedent of a later "he" (see _tweets).
        self.signatures: list[tuple[int, int]] = []
        # People a sentence introduces unnamed, by a gendered noun with "a" ("a woman in Dallas filed
        # a lawsuit"): (phrase, gender, start), for a "she" or "he" right after (see newcomer).
        self.newcomers: list[tuple[str, str, int]] = []
        # Plural nouns and organisations that were the subject of a main clause: (phrase, start, whether
        # it names people or a group) (see plural_since).
        self.plural_subjects: list[tuple[str, int, bool]] = []
        # Names the tagger took for no person's that the article describes as people's (see DESCRIBED_NAMES).
        self.described_names: set[str] = set()
        # The title words printed before each person's name ("dr", "sen"; see TITLED_SURNAMES).
        self.titles: dict[str, set[str]] = {}
        # People whose gender a title or role word gives ("Ms. Okafor"): no first name outweighs it.
        self.titled_genders: set[str] = set()
        # The title-case headlines parsed (see HEADLINE_NAMES): (start, end).
        self.headlines: list[tuple[int, int]] = []

    def add(
        self, name: str, start: int, end: int, roles: frozenset[str] = frozenset(), *, subject: bool = False,
        sentence: int = -1, gender: str | None = None, main: bool = False, aside: bool = False, listed: bool = False,
    ) -> None:
        self.people.append(_Person(name, start, end, roles, subject, main, sentence, aside or listed, listed))
        if _gender_of_words(roles) is not None:
            self.titled_genders.add(name)  # (a title or role word: "Ms.", "spokeswoman")
        gender = gender or _gender_of_words(roles)
        if gender is not None:
            self.note_gender(name, gender)

    def mention(self, name: str, start: int, end: int, *, subject: bool, sentence: int, main: bool,
                pronoun: str | None = None) -> None:
        """A pronoun resolved to ``name`` as a mention of that person, in text order among the people
        (see :data:`RESOLVED_MENTIONS`); says nothing of their gender."""
        at = bisect.bisect_left(self.people, start, key=lambda p: p.start)
        if at < len(self.people) and self.people[at].start == start:
            return  # (resolved once already: the rules and the tagger both ask)
        roles = frozenset({pronoun.lower()}) if pronoun else frozenset()
        self.people.insert(at, _Person(name, start, end, roles, subject, main, sentence, False))

    def note_gender(self, name: str, gender: str) -> None:
        counts = self.genders.setdefault(name, [0, 0])
        counts[0 if gender == "m" else 1] += 1

    def gender(self, name: str) -> str | None:
        """The gender the article gives a person ("m", "f"); when it says nothing, or as much for
        both, the one their first name almost always has (:func:`first_name_gender`); else ``None``."""
        counts = [0, 0]
        full = self.full_name(name, 1 << 60)
        for key in {name, full}:
            male, female = self.genders.get(key, (0, 0))
            counts[0] += male
            counts[1] += female
        if counts[0] != counts[1]:
            found = "m" if counts[0] > counts[1] else "f"
            if OTHERS_VIEWS and FIRST_NAMES and abs(counts[0] - counts[1]) == 1 and min(counts) == 0 \
                    and not {name, full} & self.titled_genders:
                # (one clue against a first name given to one sex is more likely a misreading)
                return first_name_gender(full) or found
            return found
        return first_name_gender(full) if FIRST_NAMES else None

    def full_name(self, name: str, before: int, gender: str | None = None, title: str | None = None) -> str:
        """The full name used earlier for a surname ("Lavrov" → "Sergey Lavrov"), of a compatible gender;
        with a ``title`` ("Dr."), the last such person the article gave that title, if any (see
        :data:`TITLED_SURNAMES`)."""
        if len(name.split()) != 1:
            return name
        words = _title_words(title) if TITLED_SURNAMES else set()
        if words:
            for person in reversed(self.people):
                if person.start < before and person.words > 1 and person.surname == name \
                        and words & self.titles.get(person.name, set()) and self.compatible(person.name, gender):
                    return person.name
        for person in reversed(self.people):
            if person.start < before and person.words > 1 and person.surname == name:
                if gender is not None and self.gender(person.name) not in (None, gender):
                    continue
                return self._without_suffix(person.name, before)
        return name

    def _without_suffix(self, name: str, before: int) -> str:
        """"Donald Trump" rather than "Donald Trump Jr." for a bare "Trump" when the article named both
        (see :data:`SUFFIXED_NAMES`)."""
        words = name.split()
        if not SUFFIXED_NAMES or len(words) < 3 or words[-1].lower().rstrip(".,") not in _SUFFIXES:
            return name
        father = " ".join(words[:-1]).rstrip(",")
        return father if any(p.name == father and p.start < before for p in self.people) else name

    def only_full_name(self, name: str, before: int, gender: str | None = None) -> str | None:
        """The one full name given before ``before`` whose surname is ``name`` (of a compatible
        gender); ``None`` when there is none or several ("Hofeller" after "Thomas Hofeller" and his
        daughter "Stephanie Hofeller")."""
        if len(name.split()) != 1:
            return None
        names = {p.name for p in self.people
                 if p.start < before and p.words > 1 and p.surname == name
                 and (gender is None or self.gender(p.name) in (None, gender))}
        return names.pop() if len(names) == 1 else None

    def spoke(self, name: str, at: int, mention: int | None = None) -> None:
        """A person who spoke, whom a later "he", "she" or "the spokesman" may stand for: only a name
        the article gives a person (or a surname of one), or a name of two to four capitalised words
        that is no organisation — never "Parents", "Spotify" or "Files recovered from the laptop of
        Martin Ossler", which a later "she said" or "he wrote" went to. ``at``: where the words end;
        ``mention``: where the speaker is named."""
        if not self.person_like(name):
            return
        where = at if mention is None else mention
        if HEADLINE_NAMES and any(low <= where < high for low, high in self.headlines) and not (
                first_name_gender(name) or any(p.name == name or p.surname == name for p in self.people)):
            return  # (a title-case headline's words: "Trump Vetoes Defense-Spending Bill, Calls It …")
        self.spoken.append((name, at, at if mention is None else min(at, mention)))

    def last_speaker_before(self, before: int) -> tuple[str, int] | None:
        """The person who spoke last (whose words end last) of those printed before ``before`` (see
        :data:`SPEAKERS_BEFORE`)."""
        known = [s for s in self.spoken if s[2] < before] if SPEAKERS_BEFORE else self.spoken
        if not known:
            return None
        name, at, _ = max(reversed(known), key=lambda s: s[1])
        return name, at

    def group_before(self, before: int, plural: bool = False) -> tuple[str, int] | None:
        """The last organisation or group (``plural``: plural noun) that spoke before ``before``."""
        spoken = self.plurals if plural else self.groups
        if not SPEAKERS_BEFORE:
            return spoken[-1] if spoken else None
        return next((g for g in reversed(spoken) if g[1] <= before), None)

    def person_like(self, name: str) -> bool:
        """A name the article gives a person, or a surname of one; else one to four capitalised words
        that name no organisation or outlet (a lone word not a plural: "Leach", not "Parents")."""
        if any(p.name == name or p.surname == name for p in self.people):
            return True
        words = name.split()
        if not 1 <= len(words) <= 4 or not all(w[:1].isupper() for w in words) or _MEDIA.search(name):
            return False
        if len(words) == 1 and re.search(r"[^su]s$", name):
            return False
        if ACRONYMS_NOT_PEOPLE and len(words) == 1 and re.fullmatch(r"[A-Z][A-Z0-9&]*(?:-[A-Z0-9&]+)*", name) and len(name) > 1:
            return False  # (an acronym: "C-SPAN", "NASA", "the FBI" — an organisation or outlet, never a "he")
        return name not in self.not_people

    def spoke_as_group(self, name: str, at: int) -> None:
        """An organisation or group that spoke ("the Obama campaign said"), for a later "it said" —
        not an outlet that reported something ("Reuters reported": "they argue" after it is not
        Reuters), nor a person the tagger took for an organisation."""
        if _MEDIA.search(name) or any(p.name == name or p.surname == name for p in self.people):
            return
        self.groups.append((name, at))

    def spoke_as_plural(self, name: str, at: int) -> None:
        """People named by a plural noun who spoke ("Opponents have said", "the lawyers told the
        judge"), for a later "they"."""
        self.plurals.append((name, at))

    def in_quotation(self, at: int) -> bool:
        starts, ends = self.quoted
        number = bisect.bisect_right(starts, at) - 1
        return number >= 0 and at < ends[number]

    def topic_org(self, before: int) -> str | None:
        """The organisation named most often before ``before`` (the first named of those tied, as a
        lede names what the story is about) — or in the whole article when none is named before ("the
        streaming company announced …" opening a story that names Spotify below): what "the
        company" of a news article is, rather than the outlet it told something to."""
        ordered = sorted(self.orgs, key=lambda o: o[1])
        named = [org for org in ordered if org[1] < before] or ordered
        counts = Counter(name for name, _ in named)
        if not counts:
            return None
        most = max(counts.values())
        return next(name for name, _ in named if counts[name] == most)

    def institution(self, before: int, sentence: int) -> tuple[str, int] | None:
        """What "it" at ``before`` (in the sentence starting at ``sentence``) stands for as a speaker:
        the organisation or institution that is the nearest singular subject other than a person
        before it ("Spotify is backtracking … it said", "the court reverses … But it says"), at most
        :data:`INSTITUTION_REACH` characters back — none when that subject is something else ("new
        reporting offers … It strongly suggests"), unless in the pronoun's own sentence, where it is
        mostly what "it" reports ("The policy created confusion, it said")."""
        index = bisect.bisect_left(self.subjects, before, key=lambda s: s[1])
        for name, at, start in reversed(self.subjects[:index]):
            if before - at > INSTITUTION_REACH:
                return None
            if name is not None:
                return name, at
            if start != sentence:
                return None
        return None

    def org_names(self) -> frozenset[str]:
        """The names of :attr:`orgs`, made again only when it has grown (exact: it is only ever
        extended, so its length tells its content)."""
        if self._org_names[0] != len(self.orgs):
            self._org_names = (len(self.orgs), frozenset(name for name, _ in self.orgs))
        return self._org_names[1]

    def role_mention(self, head: str, phrase: str, at: int) -> None:
        self.roles.append((head, phrase, at))

    def compatible(self, name: str, gender: str | None) -> bool:
        return gender is None or self.gender(name) in (None, gender)

    def _compatible_memo(self, name: str, gender: str | None, memo: dict[str, bool]) -> bool:
        """:meth:`compatible`, remembered in ``memo`` by name: for one scan of the register, during
        which nothing is added to it (the answer depends on the register, so ``memo`` must not
        outlive the scan). A person is usually mentioned many times: one answer per name."""
        found = memo.get(name)
        if found is None:
            found = memo[name] = self.compatible(name, gender)
        return found

    def nearest(
        self, before: int, role: str | None = None, gender: str | None = None, excluded: frozenset[str] = frozenset(),
    ) -> str | None:
        """For a role noun, the nearest person (or unnamed speaker) before with that role ("the general"
        → "Maj. Gen. X", "the spokesperson" → "A spokesperson for Google"); else the last person quoted
        shortly before, else the last person named before — of a compatible gender, and the subject of
        their sentence when it names several; never one of ``excluded`` (full names: the people the
        pronoun's own clause names, :func:`_named_in_clause`)."""
        if excluded:
            # (a person the mention's own clause names is somebody else: "The doctor gave Mr. Price a
            # clean bill of health and claimed …" is not Mr. Price's claim)
            return self._nearest_but(before, role, gender, excluded)
        newcomer = self.newcomer(before, gender) if role is None and UNNAMED_NEWCOMERS else None
        if newcomer is not None:
            return newcomer
        memo: dict[str, bool] = {}
        if role is not None:
            person = next(
                (p for p in reversed(self.people)
                 if p.end <= before and role in p.roles and before - p.end <= 5000 and self.compatible(p.name, gender)),
                None,
            )
            # "the person" (an anonymous source) is whichever unnamed speaker came last ("A Justice
            # Department representative said … “…,” the person said.")
            unnamed = next((r for r in reversed(self.roles)
                            if (r[0] == role or role == "person") and r[2] < before and before - r[2] <= 5000), None)
            if unnamed is not None and (person is None or unnamed[2] > person.start):
                return unnamed[1]
            if person is not None:
                return self.full_name(person.name, person.start + 1)
            # Otherwise only the person quoted just before ("Byman, a senior fellow, … Byman notes.
            # … the US scholar points out"), never somebody merely named ("President X visited …
            # The spokesman said" is the spokesman's).
            last = self.last_speaker_before(before)
            if last is not None and before - last[1] <= 1500 and self.compatible(last[0], gender):
                return last[0]
            return None
        named = [p for p in self.people if p.end <= before and self._compatible_memo(p.name, gender, memo) and _fits(p, gender)]
        last = self.last_speaker_before(before)
        if (last is not None and before - last[1] <= 1500 and self.compatible(last[0], gender)
                and self._nobody_named_since(named, last)):
            return last[0]
        if not named:
            return None
        latest = named[-1]
        subjects = [p for p in named if p.sentence == latest.sentence and p.sentence >= 0 and p.subject]
        subjects = [p for p in subjects if not p.aside] or subjects if ASIDE_PEOPLE else subjects
        others = [p for p in named if p.sentence == latest.sentence and p.sentence >= 0 and not p.aside] \
            if ASIDE_PEOPLE else []
        chosen = ([p for p in subjects if p.main] or subjects or others or [latest])[-1]
        return self.full_name(chosen.name, chosen.start + 1)

    def _nobody_named_since(self, named: list[_Person], last: tuple[str, int]) -> bool:
        """Whether none of ``named`` but the speaker ``last`` (name, where the words end) themself was
        named after their words (see :meth:`nearest`; asked only when that speaker may be the one)."""
        # (the speaker's own mention after their words, "…, according to Mr. Short", names nobody else)
        others = [p for p in named if not (ASIDE_PEOPLE and p.start >= last[1]
                                           and self.full_name(p.name, p.start + 1) == last[0])
                  and not (LISTED_PEOPLE and p.listed)]
        return not others or others[-1].start < last[1]

    def described(self, before: int, gender: str | None = None) -> str | None:
        """The person a descriptor at ``before`` stands for (see :data:`DESCRIPTORS`): the last person
        named as the subject of a main clause at most :data:`DESCRIPTOR_REACH` characters before, of a
        compatible gender, whose sentence makes no other person its main subject; else ``None``."""
        mains = [p for p in self.people if p.main and p.end <= before and before - p.end <= DESCRIPTOR_REACH]
        if not mains:
            return None
        latest = mains[-1]
        name = self.full_name(latest.name, latest.start + 1)
        if any(self.full_name(p.name, p.start + 1) != name for p in mains if p.sentence == latest.sentence):
            return None
        return name if self.compatible(name, gender) else None

    def plural_since(self, spoke: tuple[str, int], before: int) -> tuple[str, int, bool] | None:
        """The last plural noun or organisation other than ``spoke`` (a group that spoke, with its
        start) that was the subject of a main clause after it and before ``before``; ``None`` when
        there is none (see :data:`PLURALS_BETWEEN`)."""
        name, at = spoke
        return next((s for s in reversed(self.plural_subjects)
                     if at < s[1] < before and s[0].casefold() != name.casefold()), None)

    def plural_before(self, before: int) -> tuple[str, int, bool] | None:
        """The last plural noun or organisation that was the subject of a main clause before ``before``
        (see :data:`PLURAL_ANTECEDENTS`)."""
        return next((s for s in reversed(self.plural_subjects) if s[1] < before), None)

    def newcomer(self, before: int, gender: str | None) -> str | None:
        """The unnamed person a gendered "he" or "she" at ``before`` stands for: the last one introduced
        with "a" and a noun of that gender ("a woman in Dallas", "a 70-year-old Swedish woman") shortly
        before, when no person who may be meant was named or quoted since (see :data:`UNNAMED_NEWCOMERS`)."""
        if gender is None:
            return None
        found = next((n for n in reversed(self.newcomers) if n[2] < before), None)
        if found is None or found[1] not in (gender, "any") or before - found[2] > 1000:
            return None
        phrase, kind, at = found
        # (a newcomer of no gender gives way to anybody named since, whatever the gender the article
        # seems to give them)
        if any(at < p.start < before and (kind == "any" or self.compatible(p.name, gender)) and _fits(p, gender)
               for p in self.people):
            return None
        last = self.last_speaker_before(before)
        if last is not None and at < last[1] < before and self.compatible(last[0], gender):
            return None
        return phrase

    def _nearest_but(self, before: int, role: str | None, gender: str | None, excluded: frozenset[str]) -> str | None:
        """:meth:`nearest` among the people and speakers other than ``excluded`` (full names)."""
        def other(name: str, at: int) -> bool:
            return name not in excluded and self.full_name(name, at + 1) not in excluded

        kept = _Speakers()
        kept.people = [p for p in self.people if other(p.name, p.start)]
        kept.genders, kept.roles, kept.signatures, kept.newcomers = self.genders, self.roles, self.signatures, self.newcomers
        kept.spoken = [s for s in self.spoken if other(s[0], s[1])]
        resolved = kept.nearest(before, role, gender)
        return resolved if resolved is None or other(resolved, before) else None


SUFFIXED_NAMES = True
"""A bare surname shared by a father and a son the article names ("Donald Trump", "Donald Trump Jr.")
is the one named without the generational suffix, whoever was named last (PAC: "where Trump expressed
his loathing of sharks" went to Donald Trump Jr.)."""


TITLED_SURNAMES = True
"""A surname with a title ("Dr. Hofeller") is the person the article gave that title before ("Dr.
Thomas Hofeller"), and a "he" or "she" later in its sentence tells which of two people of that surname
it is: not simply the last one named (census pile: after "Thomas Hofeller" and his daughter
"Stephanie Hofeller", "Dr. Hofeller said, when they asked him …, he said" went to the daughter).
Courtesy titles ("Mr.", "Ms.") are left to the gender they give."""
_COURTESY = frozenset({"mr", "mrs", "ms", "miss", "sir", "dame", "lord", "lady", "former", "acting", "retired", "the"})


def _title_before(ent: Any) -> str | None:
    """The title words printed right before a name the tagger marked without them ("Dr." of "Dr. Thomas
    Hofeller")."""
    first = ent.start
    while first > 0 and (ent.doc[first - 1].lower_.rstrip(".") in _TITLE_WORDS or ent.doc[first - 1].text == "."):
        first -= 1
    return ent.doc[first : ent.start].text or None


def _title_words(title: str | None) -> set[str]:
    """The words of a title that tell people apart ("dr", "sen", "judge"), not courtesy titles."""
    if not title:
        return set()
    return {w for w in re.findall(r"[a-z]+", title.lower()) if w not in _COURTESY}


SPEAKERS_BEFORE = True
"""The person who spoke last, for a "he", "she" or role noun (and the group that spoke last, for
"it" or "they"), is the last printed before that word: not one quoted later in the same run of
parsed sentences, which the tagger's attributions are resolved after (PAC: "“…,” she said" went to
the Freedom from Religion Foundation's brief five paragraphs on; "He rejected the idea …" to a
senator first named at the end of the article)."""


FIRST_NAMES = True
"""Use the first-name prior (:func:`first_name_gender`) where the article gives no gender evidence.
On the PolNeAR dev split and BASIL, "he"/"she" speakers resolved to a person of the other listed
sex: 26 of 504 without it ("she said" → "Donald Trump"), 2 of 485 with it
(``scripts/check_pronoun_gender.py``)."""


@cache
def _first_names() -> dict[str, str]:
    table = resources.files("storytrace.claims").joinpath("data/first_names.tsv").read_text(encoding="utf-8")
    return dict(line.split("\t", 1) for line in table.splitlines() if "\t" in line)


@lru_cache(maxsize=8192)
def first_name_gender(name: str) -> str | None:
    """"m" or "f" when a full name ("Donald Trump", "Sen. Elizabeth Warren") starts with a first name
    given to one sex in at least 97 % of US births (claims/data/first_names.tsv, see
    PROVENANCE-first_names.md); ``None`` for a single word, an unlisted or a mixed name ("Jordan")."""
    words = [w for w in re.findall(r"[^\W\d_]+", name) if w.lower().rstrip(".") not in _TITLE_WORDS]
    if len(words) < 2:
        return None
    return _first_names().get(words[0].lower())


_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


@lru_cache(maxsize=16384)
def _surname(name: str) -> str:
    """The last word of a full name but a generational suffix: "Sabato" of "Antonio Sabato Jr.", so
    that "Sabato said" is a mention of him (it went unrecognised, and a later "he said" to somebody
    else)."""
    words = name.split()
    if not words:
        return name
    while len(words) > 2 and words[-1].lower().rstrip(".,") in _SUFFIXES:
        words.pop()
    words[-1] = words[-1].rstrip(",")
    return words[-1]


_WH_WORDS = frozenset({"who", "whom", "whoever", "what", "whatever", "which", "whichever"})
"""An interrogative or free relative opening a sentence ("Who agrees with Alito's decision may
matter"): no name, and no antecedent of a later "he" (PAC: "He states …" went to "Who")."""


ACRONYMS_NOT_PEOPLE = True
"""A lone all-capitals word ("C-SPAN", "NASA") that the article gives no person is an organisation or
an outlet: it is not registered as a person who spoke, so no later "he" or "she" stands for it (PAC:
"According to C-SPAN, the president was delivering a speech … in which he addressed …" gave the
quote to C-SPAN). Nor does the rules' "according to" source replace a "he" or "she" the tagger
found for a cue of its own when that source is no person (:func:`_model_quotes`)."""


def _is_name(speaker: str | None) -> bool:
    """A speaker that names somebody (not "He", "The minister", "a spokesman")."""
    if not speaker or not speaker[:1].isupper():
        return False
    first = speaker.split()[0].lower()
    return first not in _PRONOUNS and first not in {
        "the", "a", "an", "this", "that", "these", "those", "some", "all", "each", "both", "many", "most",
        "several", "few", "every", "any", "another", "other", "others", "one", "none", "no"} | _WH_WORDS


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    from ..reuse.paraphrase import split_sentences

    return split_sentences(text)


_CUE_HINT = re.compile(r"\baccording to\b", re.IGNORECASE)


_TITLED_NAME = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Gen|Col|Maj|Lt|Sen|Rep|Gov|President|Minister|Secretary|General|Senator|Governor|Mayor"
    r"|Ambassador|Chancellor|Professor|Judge|Colonel|Spokesman|Spokeswoman|Director|Chief)\.? +[A-Z][a-z]"
)


_DOUBLE_MARK = re.compile(r'[“”"«»]')


def _worth_parsing(sentence: str, verbs: frozenset[str]) -> bool:
    if _DOUBLE_MARK.search(sentence):
        return True
    if _TITLED_NAME.search(sentence):  # a titled name: later role nouns ("the minister") resolve to it
        return True
    if _CUE_HINT.search(sentence):
        return True
    return not verbs.isdisjoint(_LOWER_WORD.findall(sentence.lower()))


_LOWER_WORD = re.compile(r"[a-z]+")


_TEXT_KEY = "storytrace_text"


def _doc_text(doc: Any) -> str:
    """``doc.text``, made once and kept in ``doc.user_data`` (spaCy joins the tokens' texts again on
    every read; the rules read it several times a sentence) — or the text :func:`parse_sentences`
    parsed it from, which is the same (spaCy's tokenizer loses no character). Exact because a parsed
    doc is never changed afterwards (as :func:`~storytrace.claims.attribution.token_columns` assumes too)."""
    cached: str | None = doc.user_data.get(_TEXT_KEY)
    if cached is None:
        cached = doc.text
        doc.user_data[_TEXT_KEY] = cached
    return cached


def _span(tokens: Iterable[Any], offset: int) -> tuple[int, int]:
    items = list(tokens)
    return offset + items[0].idx, offset + items[-1].idx + len(items[-1].text)


def _subtree_span(token: Any, offset: int, *, exclude: Any = None) -> tuple[int, int]:
    tokens = [t for t in token.subtree if exclude is None or t.i not in exclude]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    while tokens and tokens[0].is_punct:
        tokens = tokens[1:]
    return _span(tokens, offset) if tokens else (offset + token.idx, offset + token.idx + len(token.text))


@dataclass(slots=True)
class _Paragraph:
    """One parsed paragraph: its sentences' offsets and docs, and the rule-based attributions in it."""

    offsets: list[int]
    docs: list[Any]
    rule_quotes: list[Quote]
    added_things: set[tuple[int, int]] = field(default_factory=set)
    """Cue spans of the rules' attributions on "add" with a thing for object (:data:`ADDED_THINGS`):
    features for the tagger as before, then dropped."""
    clauses: set[tuple[int, int]] = field(default_factory=set)
    """Spans of the rules' reported contents that are a whole clause around or before their cue
    ("The museum, Mr. Bush said, celebrated …", "X, according to Y", "As Z said, X"): they replace
    the tagger's pieces of them (:func:`_merge_rules`)."""


# Function words in the cue lexicon (parts of multi-word cues such as "has said"): features for the
# tagger, but too common to make a paragraph worth parsing on their own.
_NOT_SELECTING = frozenset({
    "about", "against", "already", "also", "back", "been", "did", "does", "further", "had", "has", "have",
    "herself", "often", "once", "out", "upon", "used", "was",
})  # fmt: skip


@cache
def _selecting_words() -> frozenset[str]:
    """The words that make a sentence worth parsing: reporting verbs and cue lemmas (bar function words)."""
    return reporting_verbs() | (cue_lexicon() - _NOT_SELECTING)


_Plan = tuple[list[list[tuple[int, int]]], list[bool]]
_last_plan: list[tuple[str, bool, _Plan]] = []
"""The last text's plan: :func:`parse_sentences` and :func:`_analyse` both need it."""


def _plan(text: str) -> _Plan:
    """The text's sentences in runs (paragraphs, or runs of a paragraph's sentences alike in being
    worth parsing) and, for each run, whether it is parsed. (Remembered for the last text: the
    caller must not change the lists.)"""
    if _last_plan and _last_plan[0][1] == SENTENCE_LEVEL and _last_plan[0][0] == text:
        return _last_plan[0][2]
    plan = _make_plan(text)
    _last_plan[:] = [(text, SENTENCE_LEVEL, plan)]
    return plan


def _single_mark_edges(text: str) -> list[int]:
    """The offsets of the single marks :func:`find_quote_marks` reads as quotation marks, sorted: a
    sentence with one is worth parsing as a sentence with a double mark is ("She confessed: 'I
    …" has no reporting verb of the list)."""
    if not SINGLE_MARKS or ("'" not in text and "‘" not in text):
        return []
    edges = [at for m in find_quote_marks(text) for at in (m.start - 1, m.end) if 0 <= at < len(text)]
    return sorted(at for at in edges if text[at] in "'‘’")


def _holds(offsets: list[int], start: int, end: int) -> bool:
    """Whether one of the sorted ``offsets`` lies in ``[start, end)``."""
    at = bisect.bisect_left(offsets, start)
    return at < len(offsets) and offsets[at] < end


def _make_plan(text: str) -> _Plan:
    words = _selecting_words()
    sentences = _sentence_spans(text)
    starts = [start for start, _ in _paragraphs(text)]
    groups: list[list[tuple[int, int]]] = []
    last = -2
    for start, end in sentences:
        number = bisect.bisect_right(starts, start) - 1
        if number == last and groups:
            groups[-1].append((start, end))
        else:
            groups.append([(start, end)])
        last = number
    singles = _single_mark_edges(text)
    flag_of = {(s, e): _worth_parsing(text[s:e], words) or _holds(singles, s, e) for s, e in sentences}
    if SENTENCE_LEVEL:
        split: list[list[tuple[int, int]]] = []
        for group in groups:
            flags = [flag_of[span] for span in group]
            for index, (span, flag) in enumerate(zip(group, flags, strict=True)):
                if index and flag == flags[index - 1]:
                    split[-1].append(span)
                else:
                    split.append([span])
        groups = split
    worth = [any(flag_of[span] for span in group) for group in groups]
    return groups, worth


def parse_sentences(text: str) -> dict[tuple[int, int], Any]:
    """The sentences of ``text`` the quote rules and the tagger read — those with quote marks,
    reporting verbs, cue words or titled names, about 85 % of a news text — parsed by the full
    spaCy pipeline, keyed by their ``(start, end)`` offsets. :func:`extract_quotes` takes them
    through ``parsed=``, and the entity stage reuses their named entities, so that an article goes
    through spaCy once (:func:`storytrace.compare.dossier.article_claims`). A sentence parsed for
    an earlier article keeps its doc (:data:`PARSED`)."""
    groups, worth = _plan(text)
    spans = [span for group, wanted in zip(groups, worth, strict=True) if wanted for span in group]
    sentences = [text[s:e] for s, e in spans]
    docs = PARSED.parse(sentences, parse)
    for sentence, doc in zip(sentences, docs, strict=True):
        # (the text the doc was parsed from, which spaCy's tokenizer keeps whole: ``doc.text``, see
        # _doc_text; a remembered doc was parsed from this very text too)
        doc.user_data.setdefault(_TEXT_KEY, sentence)
    return dict(zip(spans, docs, strict=True))


PARSED = DocCache(40_000)
"""The sentences :func:`parse_sentences` parsed lately, by their text (a copied sentence is parsed
once per process; ~1.4 kB a token)."""


PLATFORM_SUBJECTS = True
"""A platform or service the tagger calls a person's name or nothing (:data:`_NOT_PEOPLE`: Twitter,
Spotify …) that is the subject of a clause outside quotation marks counts as an organisation the article names, for "the
company" (PAC: "Twitter has quietly altered its policy … Twitter removed … The company had initially
adjusted" went to GLAAD, the one organisation the tagger saw)."""


def _analyse(
    text: str, marks: list[QuoteMark], speakers: _Speakers, used: set[int],
    parsed: dict[tuple[int, int], Any] | None = None,
) -> Iterator[_Paragraph]:
    """Parse the paragraphs worth parsing (unless ``parsed`` holds them: :func:`parse_sentences`)
    and run the rules on their sentences, in text order (a paragraph is yielded before the next
    one's rules run, so speakers are tracked in order)."""
    verbs = reporting_verbs()
    groups, worth = _plan(text)
    docs = parsed if parsed is not None else parse_sentences(text)
    speakers.quoted = _quoted_stretches(marks)
    speakers.signatures = [m.span() for m in _tweet_signatures(text)] if EMBEDDED_TWEETS else []
    # the organisations the whole article names (in quotations too: what the story is about)
    for (start, _), doc in sorted(docs.items()):
        speakers.orgs.extend((re.sub(r"\s*['’]s$", "", ent.text), start + ent.start_char)
                             for ent in doc.ents if ent.label_ == "ORG" and not _MEDIA.search(ent.text))
        if PLATFORM_SUBJECTS:
            # (a platform the tagger calls a person or nothing, as a subject: "Twitter removed a line")
            speakers.orgs.extend((t.text, start + t.idx) for t in _tokens_where(doc, token_columns(doc).lower, _NOT_PEOPLE)
                                 if t.lower_ in _NOT_PEOPLE and t.text[:1].isupper()
                                 and t.dep_ in {"nsubj", "nsubjpass"} and t.ent_type_ != "ORG"
                                 and not any(m.start <= start + t.idx < m.end for m in marks))
        speakers.not_people.update(re.sub(r"\s*['’]s$", "", ent.text) for ent in doc.ents if ent.label_ in _NOT_PERSON_LABELS)
    for group, parsed_group in zip(groups, worth, strict=True):
        if not parsed_group:
            count = len(speakers.people)
            if UNPARSED_NAMES:
                _unparsed_names(text, group, marks, speakers)
            _known_names(text, group[0][0], group[-1][1], marks, speakers)
            if TOPIC_NAMES:
                for sentence_start, sentence_end in group:
                    _topic_name(text, sentence_start, sentence_end, speakers)
            speakers.people[count:] = sorted(speakers.people[count:], key=lambda p: p.start)
            if PRONOUN_SUBJECTS:
                _unparsed_pronoun_subjects(text, group, speakers)
            if INSTITUTION_PRONOUNS:
                _unparsed_subjects(text, group, speakers)
            if UNNAMED_NEWCOMERS:
                _unparsed_newcomers(text, group, marks, speakers)
            continue
        paragraph = _Paragraph([s for s, _ in group], [docs[span] for span in group], [])
        for start, doc in zip(paragraph.offsets, paragraph.docs, strict=True):
            _register_people(doc, start, marks, speakers)
            paragraph.rule_quotes.extend(_attributions(text, doc, start, marks, used, speakers, verbs, paragraph.clauses,
                                                       paragraph.added_things))
            if PRONOUN_SUBJECTS:
                _register_pronoun_subjects(text, doc, start, speakers)
        yield paragraph


PRONOUN_SUBJECTS = True
""""he" or "she" as the subject of a sentence nobody is quoted in ("He studied law at Yale. He
later spent a year clerking for Chief Justice William Rehnquist. At one point, he urged …") is a
mention of the person it stands for, resolved as a speaker's pronoun is (:data:`RESOLVED_MENTIONS`):
the next "he" goes back to it, not to the justice named in passing (PAC: "he urged" and "he said"
went to Rehnquist, "He declared" to the founder of the school the subject spoke at). In a sentence
left unparsed, a "He" or "She" that opens it, or follows an opening phrase and its comma, is such a
subject."""
_OPENING_PRONOUN = re.compile(
    r"[ \t\u00a0]*(?:(?:And|But|Then|So|Yet|Still|Later|Now)[ \t\u00a0]+|[A-Z][\w'’-]*(?:[ \t\u00a0]+[\w'’-]+){0,4},[ \t\u00a0]+)?"
    r"(?P<pronoun>[Hh]e|[Ss]he)\b(?![-'’])"
)


def _pronoun_mention(speakers: _Speakers, pronoun: str, at: int, sentence: int, *, main: bool,
                     excluded: frozenset[str] = frozenset()) -> None:
    """Register a subject "he" or "she" at ``at`` as a mention of the person it stands for, if any."""
    if speakers.in_quotation(at):
        return
    resolved = speakers.nearest(at, None, _pronoun_gender(pronoun), excluded)
    if resolved and _is_name(resolved) and speakers.person_like(resolved):
        speakers.mention(resolved, at, at + len(pronoun), subject=True, sentence=sentence, main=main, pronoun=pronoun)


_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_INSTITUTION_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "attr"})


def _tokens_where(doc: Any, column: Sequence[str], values: Set[str], *, first: bool = False) -> Iterator[Any]:
    """The tokens of ``doc`` whose value in ``column`` (one of its :func:`token_columns`) is one of
    ``values`` (and the first token, with ``first``), in order: a loop over the doc that skips the
    others at once needs only these — spaCy makes a new token object on every ``doc[i]``."""
    for i, value in enumerate(column):
        if value in values or (first and i == 0):
            yield doc[i]


def _tokens_at(doc: Any, indices: Iterable[int]) -> Iterator[Any]:
    """The tokens of ``doc`` at ``indices``: a loop over the doc whose first checks the token columns
    answer (see :func:`_tokens_where`) makes only the tokens that pass them."""
    for i in indices:
        yield doc[i]


def _register_pronoun_subjects(text: str, doc: Any, start: int, speakers: _Speakers) -> None:
    """The subject "he"s and "she"s of a parsed sentence as mentions (see :data:`PRONOUN_SUBJECTS`)."""
    for token in _tokens_where(doc, token_columns(doc).lower, {"he", "she"}):
        if token.lower_ not in {"he", "she"} or token.dep_ not in {"nsubj", "nsubjpass"}:
            continue
        excluded = _named_in_clause(doc, token, start, speakers) if DISJOINT_REFERENCE else frozenset()
        _pronoun_mention(speakers, token.text, start + token.idx, start, main=_in_main_clause(token), excluded=excluded)


def _unparsed_pronoun_subjects(text: str, sentences: list[tuple[int, int]], speakers: _Speakers) -> None:
    """A "He" or "She" opening a sentence left unparsed, as a mention (see :data:`PRONOUN_SUBJECTS`)."""
    for sentence_start, sentence_end in sentences:
        match = _OPENING_PRONOUN.match(text, sentence_start, sentence_end)
        if match is not None:
            _pronoun_mention(speakers, match.group("pronoun"), match.start("pronoun"), sentence_start, main=True)


def _register_people(doc: Any, start: int, marks: list[QuoteMark], speakers: _Speakers) -> None:
    """The people a parsed sentence names outside quotations, with their roles, whether they are its
    subject and what it says of their gender; also known surnames the tagger did not mark — in text
    order (see ASIDE_PEOPLE)."""
    count = len(speakers.people)
    _register_people_unsorted(doc, start, marks, speakers)
    if TOPIC_NAMES:
        sentence = _doc_text(doc)
        _topic_name(sentence, 0, len(sentence), speakers, start)
    if ASIDE_PEOPLE:
        speakers.people[count:] = sorted(speakers.people[count:], key=lambda p: p.start)


TOPIC_NAMES = True
""""As for Kavanaugh, he also dissented …": the name a sentence opens with "As for" (or "As to") and
a comma, before "he" or "she", is the person that sentence is about, its subject for a pronoun, as if
"Kavanaugh" were the subject (PAC: the name was never registered, and "he" went to the judge named
before). A regex over the sentence's opening only."""
_TOPIC = re.compile(
    r"[\s\"“‘']*(?:(?:And|But|Now),?\s+)?[Aa]s\s+(?:for|to)\s+(?P<name>(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Judge|Justice)\.?\s+)?"
    r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’.-]+){0,2}),\s+(?P<pronoun>he|she)\b"
)


def _topic_name(text: str, start: int, end: int, speakers: _Speakers, offset: int = 0) -> None:
    """The person an "As for X, he …" sentence of ``text[start:end]`` is about, as its subject (see
    :data:`TOPIC_NAMES`); ``offset``: where ``text`` starts in the article."""
    match = _TOPIC.match(text, start, end)
    if match is None:
        return
    title, _, bare = match.group("name").rpartition(" ") if re.match(r"(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Judge|Justice)\b",
                                                                      match.group("name")) else ("", "", match.group("name"))
    at = offset + match.start("name")
    gender = _pronoun_gender(match.group("pronoun"))
    name = speakers.full_name(bare, at, gender)
    for person in speakers.people:
        if person.start == at or (title and person.start == at + len(title) + 1):
            person.subject = person.main = True
            return
    speakers.add(name, at, at + len(match.group("name")), subject=True, sentence=offset + start, main=True)


ASIDE_PEOPLE = True
"""The people a sentence names are kept in text order (the known surnames the tagger missed were
put after its names: "In the letter to Furman, the lawyers attached a deposition of A. Mark Neuman"
made Furman the last person named), and when none is a subject, a "he" after it stands for the last
one not named inside a relative clause or apposition about another person ("…of A. Mark Neuman, who
they say was Ross' expert adviser. He testified …" is Neuman's, not Ross's; census pile)."""


def _listed(token: Any) -> bool:
    """Whether ``token`` is in a list of examples after "including", "such as" or "like" (see
    :data:`LISTED_PEOPLE`)."""
    node = token
    while node.head.i != node.i:
        if node.dep_ == "prep" and (node.lower_ == "including" or (node.lower_ == "like" and node.head.tag_ == "NNS") or (
                node.lower_ == "as" and node.i > 0 and node.doc[node.i - 1].lower_ == "such")):
            return True
        node = node.head
    return False


def _aside(token: Any) -> bool:
    """Whether ``token`` lies in a relative clause or apposition hung on another person's name, or
    in what somebody says ("…, but argued that Trump was a “dangerous demagogue”")."""
    node = token
    while node.head.i != node.i:
        if node.dep_ in {"relcl", "appos", "acl"} and node.head.ent_type_ == "PERSON":
            return True
        if node.dep_ == "ccomp" and node.head.lemma_ in _SAYING:
            return True
        node = node.head
    return False


HEADLINE_NAMES = True
"""In a headline written in title case ("Trump Vetoes Defense-Spending Bill, Calls It ‘A Gift to
China’") every word is capitalised, and the tagger takes some for names: a word tagged a person's
there is a person only when something says so — a title before it, a first name given to one sex,
or the article having named that person already — and a source there ("Defense-Spending Bill" of
"Calls") is nobody a later "he" can stand for (PAC: "Spending Bill" took a later "he said")."""
_HEADLINE_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def _title_case_line(sentence: str) -> bool:
    """Whether a sentence is written in title case: at least four words other than short function
    words, all capitalised (see :data:`HEADLINE_NAMES`)."""
    count = 0
    for match in _HEADLINE_WORD.finditer(sentence):
        word = match.group()
        if word.lower() in _SMALL_WORDS:
            continue
        if not word[0].isupper():
            return False  # (as soon as one word is not capitalised: most sentences)
        count += 1
    return count >= 4


def _headline_person(ent: Any, speakers: _Speakers) -> bool:
    """Whether a name tagged a person's in a title-case headline has a person cue (see :data:`HEADLINE_NAMES`)."""
    text = re.sub(r"\s*['’]s$", "", ent.text)
    if _split_title(list(ent))[0] or _title_before(ent) or first_name_gender(text):
        return True
    return any(p.name == text or p.surname == text for p in speakers.people)


def _register_people_unsorted(doc: Any, start: int, marks: list[QuoteMark], speakers: _Speakers) -> None:
    covered: set[int] = set()
    headline = HEADLINE_NAMES and _title_case_line(_doc_text(doc))
    if headline:
        speakers.headlines.append((start, start + len(_doc_text(doc))))
    for ent in doc.ents:
        at = start + ent.start_char
        if ent.label_ != "PERSON" or any(m.start <= at < m.end for m in marks) or any(
                low <= at < high for low, high in speakers.signatures):
            continue
        covered.update(range(ent.start, ent.end))
        if not _person_like(ent) or (MODIFIER_NAMES and _modifies_noun(ent.root) and not ent.root.head.ent_type_):
            continue
        if headline and not _headline_person(ent, speakers):
            continue
        _, name_tokens = _split_title(_before_possessive(list(ent)))
        if not name_tokens:
            continue
        name = re.sub(r"\s*['’]s$", "", " ".join(t.text for t in name_tokens).replace(" '", "'")).strip()
        roles = _roles_of(ent)
        gender = _gender_of_words(roles) or _gender_after(ent)
        printed_title = _split_title(list(ent))[0] or (_title_before(ent) if TITLED_SURNAMES else None)
        full = speakers.full_name(name, at, gender, printed_title)
        if TITLED_SURNAMES and _title_words(printed_title):
            speakers.titles.setdefault(full, set()).update(_title_words(printed_title))
        subject = _is_subject(ent.root)
        speakers.add(full, at, start + ent.end_char, roles, subject=subject, sentence=start, gender=gender,
                     main=subject and _in_main_clause(ent.root), aside=ASIDE_PEOPLE and _aside(ent.root),
                     listed=LISTED_PEOPLE and _listed(ent.root))
    if DESCRIBED_NAMES:
        _register_described_names(doc, start, marks, speakers, covered)
    if ROLE_SUBJECTS:
        _register_role_subject(doc, start, marks, speakers)
    if DESCRIPTORS:
        _register_descriptor_subject(doc, start, marks, speakers)
    if UNNAMED_NEWCOMERS:
        _register_newcomers(doc, start, marks, speakers)
    if PLURALS_BETWEEN:
        _register_plural_subjects(doc, start, marks, speakers)
    if INSTITUTION_PRONOUNS:
        _register_institutions(doc, start, marks, speakers)
    known = {p.surname: p.name for p in speakers.people if p.words > 1}
    one_word = {p.name for p in speakers.people if p.words == 1 and p.name not in known
                and (ONE_WORD_NAMES or p.name in speakers.described_names)}
    known.update((name, name) for name in one_word)
    if not known:
        return
    columns = token_columns(doc)
    for i, (word, title, idx) in enumerate(zip(columns.text, columns.is_title, columns.idx, strict=True)):
        if not title or word not in known or i in covered:
            continue
        if word in one_word and word not in speakers.described_names and (
                not _is_subject(doc[i]) or doc[i].ent_type_ in _NOT_PERSON_LABELS):
            continue  # (a lone word is a person's as a subject the tagger left untagged only: not "the Trump administration")
        if MODIFIER_NAMES and _modifies_noun(doc[i]) and not doc[i].head.ent_type_:
            continue
        at = start + idx
        if any(m.start <= at < m.end for m in marks):
            continue
        subject = _is_subject(doc[i])
        speakers.add(known[word], at, at + len(word), subject=subject, sentence=start,
                     main=subject and _in_main_clause(doc[i]), aside=ASIDE_PEOPLE and _aside(doc[i]),
                     listed=LISTED_PEOPLE and _listed(doc[i]))


MODIFIER_NAMES = True
"""A name that only modifies a common noun ("Trump administration officials said", "the Obama
campaign's spokesman", "a pair of green Converse sneakers") is no mention of a person: a later "he"
is not theirs (AllSides, PAC: "“…,” he said" after "Obama campaign officials" went to Obama, "he
explained" to "Converse"). In a sentence not parsed, a known surname before a word of
:data:`_MODIFIED_HEAD` is such a modifier."""
_MODIFIED_HEAD = re.compile(
    r"(?:['’]s)?[ \t\u00a0]+(?:administration|campaign|officials|aides?|allies|supporters|loyalists|camp|era|"
    r"presidency|team|family|foundation|organization|white house|spokes(?:man|woman|person))\b",
    re.IGNORECASE,
)


def _modifies_noun(token: Any) -> bool:
    """A name's head word that only modifies a common noun ("Trump" of "Trump administration
    officials", "Obama" of "the Obama campaign's spokesman")."""
    return token.dep_ in {"compound", "nmod", "amod"} and token.head.pos_ == "NOUN" and token.head.i != token.i


DESCRIBED_NAMES = True
"""A name the tagger does not take for a person's but the article describes as one, by an apposition
with a person noun ("XXXTentacion, a 20-year-old Florida rapper, was arrested …; he has denied
those allegations"), is a person's: a mention of them (a "he" right after is theirs, not R. Kelly's,
named a sentence before), as are its later mentions."""


def _describes_person(token: Any) -> bool:
    """Whether an apposition's head is a noun for a person, with "a", "an" or "the": a role,
    a descriptor, a gendered noun, or anything "N-year-old" ("a 20-year-old Florida rapper")."""
    if token.tag_ != "NN" or not token.text.islower():
        return False
    if not any(c.dep_ == "det" and c.lower_ in {"a", "an", "the"} for c in token.children):
        return False
    aged = any(_AGED.fullmatch("".join(t.text for t in c.subtree)) for c in token.children if c.dep_ == "amod")
    return aged or token.lower_ in _ROLE_HEADS | _DESCRIPTOR_HEADS | _MALE_WORDS | _FEMALE_WORDS


def _register_described_names(
    doc: Any, start: int, marks: list[QuoteMark], speakers: _Speakers, covered: set[int],
) -> None:
    """The names a parsed sentence describes as people's (see :data:`DESCRIBED_NAMES`)."""
    # (only a proper noun with an apposition after it can pass the checks below)
    columns = token_columns(doc)
    described = {head for i, (dep, head) in enumerate(zip(columns.dep, columns.head, strict=True)) if dep == "appos" and i > head}
    for token in _tokens_at(doc, sorted(i for i in described if columns.tag[i] == "NNP")):
        if token.tag_ != "NNP" or token.i in covered or token.dep_ in {"compound", "appos"}:
            continue
        if not any(c.dep_ == "appos" and c.i > token.i and _describes_person(c) for c in token.children):
            continue
        words = [t for t in token.subtree if t.i <= token.i and (t.i == token.i or t.dep_ == "compound")]
        if any(t.tag_ != "NNP" for t in words) or [t.i for t in words] != list(range(words[0].i, token.i + 1)):
            continue
        at = start + words[0].idx
        name = _join_tokens(words)
        if any(m.start <= at < m.end for m in marks) or _MEDIA.search(name):
            continue
        subject = _is_subject(token)
        speakers.described_names.add(name)
        speakers.add(name, at, start + token.idx + len(token.text), subject=subject, sentence=start,
                     main=subject and _in_main_clause(token))


UNNAMED_NEWCOMERS = True
"""A person a sentence introduces without a name, as the subject, by "a" and a gendered noun ("Recently
a woman in Dallas filed a lawsuit against the singer, and she claimed …", "a 70-year-old Swedish woman
was prosecuted … She did not like …") is whom the next "she" (or "he") stands for, unless a person of
that gender is named or quoted in between: not the last person named before, of no known gender (the
singer "R. Kelly", "Heiko Maas" got those words)."""


UNNAMED_ANY_GENDER = True
"""A person a sentence introduces as its subject by "a", "another" or "one" and a noun of no gender
("Another network staffer was even more blunt. “…,” she sighed") is whom the next "he" or "she" stands
for, as a gendered newcomer is (see :data:`UNNAMED_NEWCOMERS`): the words stay unnamed, not lent to the
last person named (PAC: the network's chief executive got the staffer's sigh)."""
_UNNAMED_NOUNS = frozenset({
    "staffer", "insider", "employee", "aide", "official", "source", "worker", "producer", "executive",
    "anchor", "staff", "operative", "strategist", "adviser", "advisor", "colleague", "friend", "neighbor",
    "neighbour", "witness", "resident", "voter", "student", "teacher", "nurse", "doctor", "officer", "agent",
    "analyst", "member", "attendee", "participant", "protester", "supporter", "critic", "observer",
    "lawmaker", "legislator", "reporter", "journalist", "correspondent", "person", "parent", "customer",
})  # fmt: skip


def _register_newcomers(doc: Any, start: int, marks: list[QuoteMark], speakers: _Speakers) -> None:
    columns = token_columns(doc)
    for token in _tokens_at(doc, [i for i, (dep, pos, word) in enumerate(zip(columns.dep, columns.pos, columns.text, strict=True))
                                  if dep in _SUBJECT_DEPS and pos == "NOUN" and word.islower()]):
        if token.dep_ not in {"nsubj", "nsubjpass"} or token.pos_ != "NOUN" or not token.text.islower():
            continue
        gender = _gender_of_words([token.lower_])
        determiners = {"a", "an", "another"}
        if gender is None and UNNAMED_ANY_GENDER and token.lower_ in _UNNAMED_NOUNS:
            gender, determiners = "any", {"a", "an", "another", "one"}
        if gender is None or not any((c.dep_ == "det" and c.lower_ in determiners)
                                     or (c.dep_ == "nummod" and c.lower_ == "one") for c in token.children):
            continue
        at = start + token.idx
        if any(m.start <= at < m.end for m in marks) or any(t.ent_type_ == "PERSON" for t in token.subtree):
            continue
        aside = {t.i for c in token.children if c.dep_ in {"relcl", "acl", "appos"} for t in c.subtree}
        words = [t for t in token.subtree if t.i not in aside]
        while words and words[-1].is_punct:
            words.pop()
        speakers.newcomers.append((_join_tokens(words), gender, at))


_GENDERED_NOUNS = "|".join(sorted(w for w in _MALE_WORDS | _FEMALE_WORDS if len(w) > 3 and w.isalpha()))
_NEWCOMER = re.compile(
    rf"(?:^|[,;]\s+)(?P<phrase>[Aa]n?\s+(?:[\w’'-]+\s+){{0,4}}?(?:{_GENDERED_NOUNS}|man)"
    r"(?:\s+(?:from|in|of)\s+[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?)?)(?![\w’'-])(?!\s*['’]s\b)"
)
"""A gendered noun with "a" opening a sentence or a clause after a comma ("In May 2017, a 70-year-old
Swedish woman from Dalarna was prosecuted …"): most likely its subject, in a sentence not parsed."""


_UNNAMED_NEWCOMER = re.compile(
    r"(?P<phrase>(?:[Aa]n?|[Aa]nother|[Oo]ne)\s+(?:[\w’'-]+\s+){0,3}?(?:"
    + "|".join(sorted(_UNNAMED_NOUNS)) + r"))(?![\w’'-])(?!\s*['’]s\b)(?=\s+(?:was|is|had|has|said|says|told|\w+ed)\b)"
)
"""A noun of no gender with "a", "another" or "one" opening a sentence left unparsed, before its verb
("Another network staffer was even more blunt"): see :data:`UNNAMED_ANY_GENDER`."""


def _unparsed_newcomers(text: str, sentences: list[tuple[int, int]], marks: list[QuoteMark], speakers: _Speakers) -> None:
    """The unnamed people sentences left unparsed introduce (see :data:`UNNAMED_NEWCOMERS`)."""
    for start, end in sentences:
        opening = _UNNAMED_NEWCOMER.match(text, start + len(text[start:end]) - len(text[start:end].lstrip())) \
            if UNNAMED_ANY_GENDER else None
        if opening is not None and opening.end() <= end and not any(m.start <= opening.start() < m.end for m in marks):
            speakers.newcomers.append((opening.group("phrase"), "any", opening.start()))
        for match in _NEWCOMER.finditer(text, start, end):
            at = match.start("phrase")
            gender = _gender_of_words(w.lower() for w in match.group("phrase").split())
            if gender is not None and not any(m.start <= at < m.end for m in marks):
                speakers.newcomers.append((match.group("phrase"), gender, at))


PLURALS_BETWEEN = True
""""they" stands for the last group or plural that spoke only when no other plural noun or
organisation has been the subject of a main clause since; else for that subject when it names people
or a group ("the scientists documented … They say …", "the lawyers attached …, who they say …"),
or it stays "they": "Challengers … informed
the Supreme Court …. They point to …" is not the Supreme Court's (named in the headline, it had
"spoken" last), "the lawyers attached a copy of a deposition of X, who they say …" not the Supreme
Court's either, "The interest group Common Cause was involved … They then found …" not Commerce's."""


PLURAL_ANTECEDENTS = True
""""they" with no group that spoke shortly before stands for the people the last plural subject of a
main clause named (or, in the pronoun's own sentence, the nearest subject before it — any other
subject there keeps "they"), in its sentence or the one before and within :data:`PLURAL_REACH` characters (a
sentence between may be one left unparsed, whose subjects nobody registered), when that subject names
people or a group
("The challengers notified the high court … They did not ask …", "Democrats have a different idea:
they prefer …"); when the last plural subject names things ("the files show … they …") it stays
"they". People are a role noun, an institution, a nationality or group, or a noun of
:data:`_PEOPLE_NOUNS` (plaintiffs, challengers, critics …), which also count as people for
:data:`PLURALS_BETWEEN`."""
PLURAL_REACH = 400
_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s+(?=[\"“‘(]*[A-Z])")
_PEOPLE_NOUNS = frozenset({
    "challenger", "plaintiff", "defendant", "opponent", "critic", "supporter", "protester", "protestor",
    "demonstrator", "advocate", "voter", "parent", "investigator", "regulator", "petitioner", "litigant",
    "appellant", "organizer", "organiser", "user", "fan", "customer", "employee", "investor", "trader",
    "physician", "citizen", "immigrant", "migrant", "farmer", "people", "optimist",
    "pessimist", "conservative", "liberal", "progressive", "republican", "democrat", "proponent",
    "backer", "detractor", "skeptic", "sceptic", "believer", "follower", "listener", "viewer", "reader",
    "artist", "musician", "singer", "athlete", "player", "victim", "survivor", "patient", "scholar", "expert",
    "lawyer", "attorney", "senator", "lawmaker", "official", "leader", "founder", "author", "researcher",
    "scientist", "economist", "analyst", "activist", "student", "teacher", "worker", "officer",
})  # fmt: skip


def _subject_before(pronoun: Any) -> Any:
    """The nearest subject of any clause before ``pronoun`` in its sentence, other than another
    "they" ("they don't call it annexed, they call it …"); ``None`` when there is none. Subjects of
    subordinate clauses count here ("Few modern Americans have experienced …, so they question it"):
    only main clauses were registered (:func:`_register_plural_subjects`)."""
    return next((t for t in reversed(pronoun.doc[: pronoun.i]) if t.dep_ in {"nsubj", "nsubjpass"}
                 and t.lower_ != "they"), None)


def _names_people(token: Any) -> bool:
    """Whether ``token`` is a plural noun naming people or a group (see :data:`PLURAL_ANTECEDENTS`)."""
    return token.tag_ in {"NNS", "NNPS"} and token.ent_type_ != "PERSON" and (
        token.lemma_.lower() in _ROLE_HEADS | _INSTITUTION_HEADS | _PEOPLE_NOUNS or token.ent_type_ in {"NORP", "ORG"})


def _plural_phrase(token: Any) -> str:
    """A plural subject's words, without a relative clause or apposition on it."""
    aside = {t.i for c in token.children if c.dep_ in {"relcl", "acl", "appos"} for t in c.subtree}
    return _join_tokens([t for t in token.subtree if t.i not in aside])


def _register_plural_subjects(doc: Any, start: int, marks: list[QuoteMark], speakers: _Speakers) -> None:
    # (what the checks below may pass: a plural noun, a fronted one a "pobj" (_fronted_plural), or an
    # organisation as a subject)
    columns = token_columns(doc)
    plural = [i for i, (dep, tag, ent) in enumerate(zip(columns.dep, columns.tag, columns.ent_type, strict=True))
              if (dep == "pobj" and tag in {"NNS", "NNPS"}) or (dep in _SUBJECT_DEPS and (tag in {"NNS", "NNPS"} or ent == "ORG"))]
    for token in _tokens_at(doc, plural):
        if FRONTED_PLURALS and _fronted_plural(token):
            at = start + token.idx
            if not any(m.start <= at < m.end for m in marks):
                aside = {t.i for c in token.children if c.dep_ in {"relcl", "acl", "appos"} for t in c.subtree}
                speakers.plural_subjects.append((_join_tokens([t for t in token.subtree if t.i not in aside]), at, True))
            continue
        if token.dep_ not in {"nsubj", "nsubjpass"} or not _in_main_clause(token):
            continue
        at = start + token.idx
        if any(m.start <= at < m.end for m in marks):
            continue
        if token.tag_ in {"NNS", "NNPS"} and token.pos_ in {"NOUN", "PROPN"} and token.ent_type_ != "PERSON":
            aside = {t.i for c in token.children if c.dep_ in {"relcl", "acl", "appos"} for t in c.subtree}
            people = token.lemma_.lower() in _ROLE_HEADS | _INSTITUTION_HEADS or token.ent_type_ in {"NORP", "ORG"} or (
                PLURAL_ANTECEDENTS and token.lemma_.lower() in _PEOPLE_NOUNS)
            speakers.plural_subjects.append((_join_tokens([t for t in token.subtree if t.i not in aside]), at, people))
        elif token.ent_type_ == "ORG" and not _MEDIA.search(token.text):
            ent = next((e for e in doc.ents if e.start <= token.i < e.end), None)
            if ent is not None:
                speakers.plural_subjects.append((re.sub(r"\s*['’]s$", "", ent.text), at, True))


FRONTED_PLURALS = True
"""People named by a plural noun that a preposition opening the sentence governs ("To civil
liberties lawyers suing to block the question, it's now clear …. They assert …", "For many
economists, …") are what the sentence is about, as a subject would be: a "they" right after
stands for them (:data:`PLURALS_BETWEEN`), not for the Republicans who spoke two sentences before."""


def _fronted_plural(token: Any) -> bool:
    """A plural noun naming people (a role or institution noun, or a nationality or group) that is
    the object of a preposition opening its sentence and hung on the main verb (see
    :data:`FRONTED_PLURALS`)."""
    prep = token.head
    if token.dep_ != "pobj" or prep.dep_ != "prep" or prep.head.dep_ != "ROOT" or prep.i > prep.head.i:
        return False
    if any(not t.is_punct for t in token.doc[: prep.i]):
        return False
    people = token.lemma_.lower() in _ROLE_HEADS | _INSTITUTION_HEADS or token.ent_type_ in {"NORP"}
    return people and token.tag_ in {"NNS", "NNPS"} and token.ent_type_ != "PERSON"


ROLE_SUBJECTS = True
"""A sentence whose subject is a bare role noun naming a known person ("The president addressed the
crowd … along with Vice President Mike Pence.") registers that person as its subject, so a later
"he" goes to the president, not to the last name printed."""


DESCRIPTORS = True
"""A definite noun phrase that describes a person by their age, fame or trade ("The 83-year-old
began to cry …", "The star denies the allegations", "The communications pro also took a shot at
…, writing “…”") stands for the person the text is about just before: the last person named as the
subject of a main clause shortly before (:meth:`_Speakers.described`), when that sentence names
no other — as the speaker of its cue, and as a mention of that person for a "he" or "she" after it
(not "the apostle Paul" whom a relative clause in between quoted). Else it stays as printed."""

_DESCRIPTOR_HEADS = frozenset({
    "star", "superstar", "pro", "veteran", "singer", "rapper", "actor", "actress", "musician", "comedian",
    "billionaire", "mogul", "tycoon", "celebrity", "entrepreneur", "businessman", "businesswoman",
    "songwriter", "rocker", "athlete", "evangelist", "preacher", "pastor", "philosopher", "poet", "novelist",
})  # fmt: skip
"""Heads of a definite noun phrase that describe a person the article named rather than introduce
another one (see :data:`DESCRIPTORS`; "the spokesman", "the official" are somebody else)."""
_ROLES_NOT_DESCRIPTORS = frozenset(_ROLE_HEADS - _DESCRIPTOR_HEADS)
DESCRIPTOR_REACH = 600
"""How far back (characters) the person a descriptor stands for may have been named."""
_AGED = re.compile(r"\d+-year-old")


def _descriptor(words: Sequence[Any]) -> bool:
    """Whether ``words`` (a noun phrase's tokens) are "the" and a person descriptor, with at most three
    modifiers and no name: "The star", "The communications pro", "The 83-year-old"."""
    if not 2 <= len(words) <= 6 or words[0].lower_ != "the" or any(t.ent_type_ in {"PERSON", "ORG", "GPE"}
                                                                     for t in words):
        return False
    rest = "".join(t.text_with_ws for t in words[1:]).strip()
    if _AGED.fullmatch(rest):
        return True
    last = words[-1]
    return last.text.islower() and last.lower_ in _DESCRIPTOR_HEADS and len(words) <= 5


def _register_descriptor_subject(doc: Any, start: int, marks: list[QuoteMark], speakers: _Speakers) -> None:
    """A descriptor that is the subject of the main clause (see :data:`DESCRIPTORS`) is a mention of
    the person it stands for."""
    columns = token_columns(doc)
    for token in _tokens_at(doc, [i for i, (dep, head) in enumerate(zip(columns.dep, columns.head, strict=True))
                                  if dep in _SUBJECT_DEPS and columns.dep[head] == "ROOT"]):
        if token.dep_ not in {"nsubj", "nsubjpass"} or token.head.dep_ != "ROOT" or token.lower_ in _ROLES_NOT_DESCRIPTORS:
            continue
        # (the tokens of those children's subtrees by index: a token equals another of its doc at
        # the same index)
        aside = {t.i for c in token.children if c.dep_ in {"relcl", "acl", "appos", "prep"} for t in c.subtree}
        words = [t for t in token.subtree if t.i not in aside]
        at = start + words[0].idx
        if not _descriptor(words) or speakers.in_quotation(at) or any(m.start <= at < m.end for m in marks):
            continue
        name = speakers.described(at, _gender_of_words(t.lower_ for t in words))
        if name is not None:
            speakers.add(name, at, start + token.idx + len(token.text), subject=True, sentence=start, main=True)


def _register_role_subject(doc: Any, start: int, marks: list[QuoteMark], speakers: _Speakers) -> None:
    columns = token_columns(doc)
    for token in _tokens_at(doc, [i for i, (dep, head, word) in enumerate(zip(columns.dep, columns.head, columns.lower, strict=True))
                                  if dep == "nsubj" and columns.dep[head] == "ROOT" and word in _ROLE_HEADS]):
        if token.dep_ != "nsubj" or token.head.dep_ != "ROOT" or token.lower_ not in _ROLE_HEADS:
            continue
        at = start + token.idx
        if any(m.start <= at < m.end for m in marks) or not token.text.islower():
            continue
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
            continue
        if any(t.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"} for t in token.subtree):
            continue
        # a person printed with that role ("President Donald Trump"), else the person quoted just
        # before if a person ("“…,” he said. The president addressed …"), never a group that spoke
        person = next((p for p in reversed(speakers.people)
                       if p.end <= at and token.lower_ in p.roles and at - p.end <= 5000), None)
        name = speakers.full_name(person.name, person.start + 1) if person is not None else None
        last = speakers.last_speaker_before(at)
        if name is None and last is not None and at - last[1] <= 1500 and any(
                p.name == last[0] for p in speakers.people) and not any(
                p.name != last[0] and last[1] <= p.start < at for p in speakers.people):
            # (not when somebody else was named since: "“…,” Mr. Conway wrote. … Mr. Trump will also
            # use … The president opted not to …" is Mr. Trump)
            name = last[0]
        if name is not None:
            speakers.add(name, at, at + len(token.text), subject=True, sentence=start, main=True)


INSTITUTION_PRONOUNS = True
""""it" as the subject of a cue ("…, it said in a blog post", "But it says, at the same time, …")
stands for the organisation or institution that was the nearest singular non-person subject before
it (:meth:`_Speakers.institution`), when no group spoke shortly before; and "its" of a speaker's
phrase ("its CEO said") for that organisation too ("Spotify's CEO"). Not an "it" inside a quotation."""
INSTITUTION_REACH = 500
"""How far back (characters) the subject "it" stands for may be."""


def _register_institutions(doc: Any, start: int, marks: list[QuoteMark], speakers: _Speakers) -> None:
    """The subjects of a parsed sentence that are no person, outside quotations, for a later "it":
    an organisation or place named ("Spotify", "NATO", "Vietnam"; not an outlet) or an institution
    ("the court", "the company": the article's company), the subject of any clause; or, as the
    subject of the sentence's main clause, anything else ("the report", "new reporting", "the
    advocates", "I"), which a later "it" stands for or which the text has turned to. People ("he",
    "Ms. X", "the minister") and "it" itself are passed over."""
    orgs = speakers.org_names()
    # (a subject, an "attr" of "there is", or the opening token: what the conditions below may pass)
    for token in _tokens_where(doc, token_columns(doc).dep, _INSTITUTION_DEPS, first=True):
        # (a name the article gives an organisation elsewhere, whatever the tagger made of it here:
        # "Spotify is backtracking" opening an article, tagged a verb)
        named = token.ent_type_ == "" and token.text in orgs and token.text[:1].isupper()
        # ("There was this agreement …": what there is stands as a subject)
        there = token.dep_ == "attr" and any(c.dep_ == "expl" for c in token.head.children)
        # (such a name opening the sentence is its subject, whatever the parser hung it from:
        # "Spotify made a mistake by …, its CEO said", the name taken for a verb's clause)
        opening = token.i == 0 and (named or token.ent_type_ in {"ORG", "GPE"})
        if token.dep_ not in {"nsubj", "nsubjpass", "csubj"} and not there and not opening:
            continue
        at = start + token.idx
        if any(m.start <= at < m.end for m in marks) or token.ent_type_ in {"PERSON", "NORP"}:
            continue
        if token.lower_ in _ROLE_HEADS or token.lower_ in _PERSON_PRONOUNS or token.tag_ in {"WP", "WDT", "EX"}:
            continue
        name: str | None = None
        if named:
            name = token.text
        elif token.ent_type_ in {"ORG", "GPE"}:
            ent = next((e for e in doc.ents if e.start <= token.i < e.end), None)
            if ent is None or _MEDIA.search(ent.text):
                continue  # an outlet reports, it is not what "it" stands for
            name = re.sub(r"\s*['’]s$", "", ent.text)
        elif token.lower_ in _INSTITUTION_HEADS and token.tag_ == "NN" and token.text.islower() and any(
                c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in token.children):
            topic = speakers.topic_org(at) if token.lower_ in _ORG_HEADS else None
            phrase = _join_tokens([t for t in token.subtree if t.i == token.i or (
                t.i < token.i and t.dep_ in {"det", "amod", "compound"})])
            name = topic or re.sub(r"^(The|This|That) ", lambda m: m.group(1).lower() + " ", phrase)
        elif not _in_main_clause(token):
            continue
        if name is not None and any(p.name == name or p.surname == name for p in speakers.people):
            continue  # a person the tagger took for an organisation here ("Pelosi defeated …")
        speakers.subjects.append((name, at, start))


def _unparsed_subjects(text: str, sentences: list[tuple[int, int]], speakers: _Speakers) -> None:
    """What sentences left unparsed are about, for a later "it" (see :func:`_register_institutions`):
    one opening with the name of an organisation the article names is about it ("Kelvar employs 900
    people."), one opening with "It" goes on about what the text was about, any other turns to
    something else ("The warehouses employ 900 people." — "It said …" after it is not Kelvar's)."""
    names = sorted({name for name, _ in speakers.orgs}, key=len, reverse=True)
    for start, end in sentences:
        opening = text[start:end].lstrip()
        at = start + len(text[start:end]) - len(opening)
        if re.match(r"(?:It|Its|He|She|His|Her)\b", opening):
            continue
        name = next((n for n in names if opening.startswith(n) and not opening[len(n) : len(n) + 1].isalnum()), None)
        speakers.subjects.append((name, at, start))


_PERSON_PRONOUNS = frozenset({"it", "he", "she", "him", "her", "who", "whom", "that", "which"})
"""Subjects passed over when looking for what "it" stands for: "it" itself (a chain of them stands
for one thing), a person, a relative pronoun."""


_CASE_NAME = re.compile(r"\s(?:v|vs)\.?\s")
"""" v. " of a court case's name ("Common Cause v. Lewis"), which the tagger may call a person."""


def _person_like(ent: Any) -> bool:
    """Not a platform spaCy took for a person ("on Twitter"), a dateline ("WASHINGTON —") nor a
    court case ("Common Cause v. Lewis": a later "she said" went to it)."""
    if ent.text.lower() in _NOT_PEOPLE or not ent.text[:1].isupper() or _CASE_NAME.search(ent.text):
        return False
    following = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    return not (ent.text.isupper() and following is not None and following.text in {"--", "—", "–", "-", "(", ":"})


def _before_possessive(tokens: list[Any]) -> list[Any]:
    """A person entity's tokens before a possessive inside it: "Obama" of the entity "Obama’s
    Stronger" ("President Obama’s Stronger Together program"), which was taken for a person named
    "Obama ’s Stronger" and given "The President touts …")."""
    cut = next((i for i, t in enumerate(tokens) if i > 0 and t.text in {"'s", "’s"} and i < len(tokens) - 1), None)
    return tokens if cut is None else tokens[:cut]


def _known_names(text: str, start: int, end: int, marks: list[QuoteMark], speakers: _Speakers) -> None:
    """In a paragraph not parsed, a surname of somebody named before is a mention of them (so
    that a later "she said" resolves to the person the article was last about)."""
    known = {p.surname: p for p in speakers.people if p.words > 1}
    if ONE_WORD_NAMES:
        known.update((p.name, p) for p in speakers.people if p.words == 1 and p.name not in known)
    if not known:
        return
    for match in re.finditer(r"\b[A-Z][a-z'’\-]+\b", text[start:end]):
        word = match.group()
        base = re.sub(r"['’]s$", "", word) if UNPARSED_NAMES else word
        person = known.get(word) or known.get(base)
        possessive = person is not None and word not in known
        at = start + match.start()
        if person is not None and MODIFIER_NAMES and _MODIFIED_HEAD.match(text, start + match.end()):
            continue
        if person is not None and not any(m.start <= at < m.end for m in marks):
            # A surname opening a sentence is most likely its subject.
            sentence = max(start, text.rfind(". ", start, at) + 2)
            opening = sentence == at or (ONE_WORD_NAMES and _NAME_WORDS.fullmatch(text[sentence:at]) is not None)
            after = start + match.end()
            if person.words == 1 and not possessive and (
                    not opening or re.match(r"[ \t\u00a0]+[A-Z]", text[after : after + 2])):
                continue  # (a lone name only as the sentence's opening, not "Obama European Socialism")
            speakers.add(person.name, at, at + len(base if possessive else word), person.roles, subject=opening,
                         sentence=sentence, main=opening,
                         listed=LISTED_PEOPLE and not opening and _listed_in(text[sentence:end], at - sentence))


LISTED_PEOPLE = True
"""People named only as examples of a group ("a number of Trump's endorsed candidates—including
Doug Mastriano and Blake Masters—won their primaries", "lawmakers such as A and B") are named in
passing: a "he said" after that sentence is still the person quoted just before (PAC: it went to
the last listed name). They stay mentions when nobody spoke shortly before."""
_LISTING = re.compile(r"\b(?:including|such as|among them)\b")
_ASIDE_END = re.compile(r"[ \t\u00a0]?[—–][ \t\u00a0]?|[ \t\u00a0]--[ \t\u00a0]|\)|;")


def _listed_in(sentence: str, at: int) -> bool:
    """Whether ``at`` in ``sentence`` follows "including", "such as" … with no dash, bracket or
    semicolon closing that list in between (see :data:`LISTED_PEOPLE`)."""
    found = max(_LISTING.finditer(sentence, 0, at), key=lambda m: m.start(), default=None)
    return found is not None and _ASIDE_END.search(sentence, found.end(), at) is None


UNPARSED_NAMES = True
"""In a sentence not parsed (no quotation, cue or titled name: "Charles Guy Rodney Leach was born in
…", "Ted Cruz isn't shy."), two to four capitalised words starting with a first name of one sex
(:func:`first_name_gender`) are a person newly named — the sentence's subject when they open it — so
that a later "he said" or "Leach said" finds them, not someone named before them. A scan of the
capitalised words only: those sentences stay unparsed. A one-word name the article gave a person
is a mention of them there as a possessive too ("The veto was Trump’s second. He issued …")."""
_NAME_RUN = re.compile(r"(?<![\w'’.-])([A-Z][a-z]+)((?:[ \u00a0]+(?:[A-Z]\.|[A-Z][a-z]*[a-z'’-][\w'’-]*)){1,3})(?![\w'’-])")
_NOT_FIRST_NAMES = frozenset({
    "will", "may", "mark", "grant", "chase", "bill", "rose", "june", "april", "august", "faith", "hope", "joy",
    "summer", "dawn", "guy", "pat", "sue", "rob", "miles", "dean", "page", "king", "major", "young", "love",
    "lane", "hunter", "wade", "price", "christian", "pierce", "royal", "sterling", "justice", "story",
    "art", "mercedes", "jordan", "hill", "ford", "lincoln", "jefferson", "madison", "houston", "austin",
    "washington", "virginia", "georgia", "carolina", "dakota", "florence", "paris", "victoria", "eden", "judge",
})  # fmt: skip
_PLACE_WORDS = frozenset({
    "street", "avenue", "road", "square", "park", "bridge", "center", "centre", "hospital", "school", "airport",
    "station", "hall", "county", "city", "island", "river", "lake", "mountain", "memorial", "award", "prize",
    "act", "law", "bill", "day", "stadium", "arena", "library", "museum", "church", "fund", "trust", "inc",
    "corp", "company", "co", "group", "news", "times", "post", "show",
})  # fmt: skip


def _unparsed_names(text: str, sentences: list[tuple[int, int]], marks: list[QuoteMark], speakers: _Speakers) -> None:
    """The people newly named in sentences not parsed (see :data:`UNPARSED_NAMES`)."""
    known = {p.name for p in speakers.people} | {p.surname for p in speakers.people}
    for start, end in sentences:
        sentence = text[start:end]
        for match in _NAME_RUN.finditer(sentence):
            first = match.group(1)
            if first.lower() in _NOT_FIRST_NAMES or first.lower() not in _first_names():
                continue
            name = match.group(0).replace("\u00a0", " ")
            words = name.split()
            if words[-1].lower().strip("'’") in _INSTITUTION_HEADS | _PLACE_WORDS | _ROLE_HEADS or re.search(r"['’]s?$", name):
                continue
            if name in known or name in speakers.not_people or _MEDIA.search(name) or any(name in o for o, _ in speakers.orgs):
                continue
            at = start + match.start()
            if any(m.start <= at < m.end for m in marks):
                continue
            opening = not sentence[: match.start()].strip(" \t\u00a0\"“‘'(")
            speakers.add(name, at, at + len(name), subject=opening, sentence=start, main=opening,
                         gender=first_name_gender(name), listed=LISTED_PEOPLE and _listed_in(sentence, match.start()))


ONE_WORD_NAMES = True
"""A one-word name the article gave a person ("Pelosi", "Leach") is a mention of them where the
tagger does not mark it (in a sentence not parsed, or parsed: "Pelosi did not agree …" tagged
nothing), as a surname is; and in a sentence not parsed a surname after the other words of the name opening the
sentence ("Dario Vance remains off the playlists.", "Charles Guy Rodney Leach was born …") is its
subject, as a surname opening it is: so that "Pelosi did not agree with Ryan's assessment. “…,”
she said" and "The star denies …" after such a sentence find that person, not one named earlier
or inside a quotation."""
_NAME_WORDS = re.compile(r"(?:[A-Z][\w'’-]*\.?[ \t\u00a0]+){1,3}")


def _token_roles(paragraph: _Paragraph, quotes: list[Quote]) -> list[list[str]]:
    roles = []
    for start, doc in zip(paragraph.offsets, paragraph.docs, strict=True):
        if not quotes:
            roles.append([""] * len(doc))
            continue
        row = []
        for idx in token_columns(doc).idx:
            at = start + idx
            role = ""
            for quote in quotes:
                if quote.cue_span and quote.cue_span[0] <= at < quote.cue_span[1]:
                    role = "cue"
                elif quote.speaker_span and quote.speaker_span[0] <= at < quote.speaker_span[1]:
                    role = "src"
                elif quote.span[0] <= at < quote.span[1]:
                    role = "con-d" if quote.direct else "con-r"
                if role:
                    break
            row.append(role)
        roles.append(row)
    return roles


def _in_quote(paragraph: _Paragraph, marks: list[QuoteMark]) -> list[list[bool]]:
    """For each token of the paragraph, whether it lies in a quotation or on its marks (within one
    character of a :class:`QuoteMark`)."""
    starts, ends = _quoted_stretches(marks)
    rows = []
    for start, doc in zip(paragraph.offsets, paragraph.docs, strict=True):
        row = []
        for idx in token_columns(doc).idx:
            at = start + idx
            number = bisect.bisect_right(starts, at) - 1
            row.append(number >= 0 and at < ends[number])
        rows.append(row)
    return rows


def _quoted_stretches(marks: list[QuoteMark]) -> tuple[list[int], list[int]]:
    """The union of the marks' ``[start - 1, end + 1)`` as sorted disjoint stretches (starts, ends)."""
    starts: list[int] = []
    ends: list[int] = []
    for low, high in sorted((m.start - 1, m.end + 1) for m in marks):
        if low >= high:
            continue
        if ends and low <= ends[-1]:
            ends[-1] = max(ends[-1], high)
        else:
            starts.append(low)
            ends.append(high)
    return starts, ends


def paragraph_features(text: str) -> list[tuple[_Paragraph, list[list[str]]]]:
    """The tagger's input for each parsed paragraph of ``text`` (used by training and by extraction)."""
    marks = find_quote_marks(text)
    speakers = _Speakers()
    paragraphs = _analyse(text, marks, speakers, set())
    return [
        (p, attribution.paragraph_features(p.docs, _token_roles(p, p.rule_quotes), _in_quote(p, marks),
                                           reporting_verbs()))
        for p in paragraphs
    ]


def extract_quotes(text: str, *, parsed: dict[tuple[int, int], Any] | None = None) -> list[Quote]:
    """Quotes and reported speech in an article's clean text, in text order. ``parsed``: the
    article's :func:`parse_sentences`, when the caller has them already (else they are made)."""
    marks = find_quote_marks(text)
    speakers = _Speakers()
    used_marks: set[int] = set()
    quotes: list[Quote] = []
    rules: list[Quote] = []
    clauses: set[tuple[int, int]] = set()
    use_model = attribution.model_available()
    sentences: list[tuple[int, Any]] = []  # (offset, doc) of every parsed sentence, in text order
    for paragraph in _analyse(text, marks, speakers, used_marks, parsed):
        sentences.extend(zip(paragraph.offsets, paragraph.docs, strict=True))
        rule_quotes = _without_added_things(paragraph, marks, used_marks)
        rules.extend(rule_quotes)
        clauses |= paragraph.clauses
        if not use_model:
            quotes.extend(rule_quotes)
            continue
        in_quote = _in_quote(paragraph, marks)
        features = attribution.paragraph_features(
            paragraph.docs, _token_roles(paragraph, paragraph.rule_quotes), in_quote, reporting_verbs(),
        )
        tags, marginals = attribution.tag_paragraph(features)
        paragraph.rule_quotes = rule_quotes
        quotes.extend(_model_quotes(text, paragraph, tags, marginals, marks, used_marks, speakers, rules, in_quote))
    # Direct quotes the rules attribute and the tagger missed, and quotations nested in a tagged
    # content ("Reuters reported that X said …") keep their own speaker.
    if use_model:
        _merge_rules(text, quotes, rules, clauses)
    # Quotes no cue claimed: unattributed direct quotes of at least two words still count.
    for index, mark in enumerate(marks):
        if index in used_marks or len(text[mark.start : mark.end].split()) < 2:
            continue
        if any(_overlap((mark.start, mark.end), q.span) for q in quotes):
            continue
        quotes.append(
            Quote(text=text[mark.start : mark.end], span=(mark.start, mark.end), speaker=None, speaker_span=None,
                  cue=None, direct=True)
        )
    # a tagged content with neither cue nor source that holds one quotation ("“We need help,” added
    # the mayor" tagged whole) is that quotation, which an inverted attribution may claim
    quotes = [_unclaimed_quotation(text, q, marks) for q in quotes]
    if SIGNED_QUOTES:
        quotes = _signed(text, quotes)
    if EMBEDDED_TWEETS:
        quotes = _tweets(text, quotes)
    quotes = _label_sources(text, quotes)
    quotes.extend(_labelled_lines(text, quotes, _people_words(speakers)))
    quotes = _continuations(text, quotes, speakers)
    if TRANSCRIPT_TURNS:
        quotes = _transcript_turns(text, quotes, speakers)
    if HEADINGS_SPEAK_NOT:
        quotes = _without_heading_speakers(text, quotes, _people_words(speakers))
    if SHOUTED_SPEAKERS:
        quotes = [_shouted_speaker(text, q) for q in quotes]
    best: dict[tuple[int, int], Quote] = {}
    for quote in quotes:  # one quote per span: the attributed one
        kept = best.get(quote.span)
        if kept is None or (quote.speaker is not None, quote.cue is not None) > (kept.speaker is not None, kept.cue is not None):
            best[quote.span] = quote
    ordered = sorted(best.values(), key=lambda q: q.span)
    if JOIN_INTERRUPTED:
        # A "reported" content that is all inside a quotation is that direct quote.
        ordered = [
            _replace(q, direct=True) if not q.direct and any(m.start <= q.span[0] and q.span[1] <= m.end for m in marks)
            else q for q in ordered
        ]
    joined = _join_interrupted(text, ordered) if JOIN_INTERRUPTED else ordered
    listed = [q for q in _without_self_attributed(joined) if not _named_in_marks(text, q)]
    if THING_SPEAKERS:
        listed = [q for q in listed if q.direct or not _thing_speaker(q.speaker)]
    if UNSOURCED_CONTENTS:
        listed = [q for q in listed if q.direct or q.cue is not None or q.speaker is not None]
    if BARE_ADJUNCTS:
        listed = [q for q in listed if q.direct or not _bare_adjunct(q.text)]
    if BARE_THINGS:
        listed = [q for q in listed if q.direct or not _bare_thing(_content_tokens(q.span, sentences))]
    if GENERIC_SPEAKERS:
        listed = [kept for kept in (_generic_speaker(text, q) for q in listed) if kept is not None]
    final = _without_speech_inside_quotations(listed) if SPEECH_INSIDE_QUOTATIONS else listed
    final = [_without_linking_word(text, q) for q in final]
    if TRAILING_FUNCTION_WORDS:
        final = [_without_trailing_word(text, q) for q in final]
    if SPEAKERS_INSIDE_MARKS:
        final = [_speaker_outside_marks(text, q) for q in final]
    if SPEAKERS_OUTSIDE_QUOTATIONS:
        final = _speakers_outside_quotations(text, final, marks)
    if COORDINATED_QUOTATIONS:
        final = _coordinated_quotations(text, final)
    if VERB_GROUP_CUES:
        final = [_verb_group_cue(text, q) for q in final]
    if SPEAKER_EDGES:
        final = [_without_edge_symbols(text, q) for q in final]
    return [q if q.speaker_span is None else _replace(q, speaker_span=tidy_source_span(text, q.speaker_span))
            for q in final]


COORDINATED_QUOTATIONS = True
"""Two quotations joined by "and" or "but" alone are said by the same speaker: in "saying they
should “try showing a little class” and “dress like you deserve respect, not a spot at a bar.”" the
first had been left with nobody once the higher cue ("wrote an open letter …") gave the sentence's
quotations to "saying", which took one of them (:func:`_coordinated_quotations`)."""

_COORDINATION = re.compile(r"[\s,]*(?:and|but)\s*", re.IGNORECASE)
# (not "or": "Have you seen “Cheap supplements 4 you” or “Register in my program …”" lists examples)


def _coordinated_quotations(text: str, quotes: list[Quote]) -> list[Quote]:
    """Direct quotes with no speaker that are joined to an attributed direct quote by a bare "and" (see
    :data:`COORDINATED_QUOTATIONS`), given that quote's speaker, cue and channel."""
    direct = sorted((q for q in quotes if q.direct), key=lambda q: q.span)
    given: dict[tuple[int, int], Quote] = {}
    for index, quote in enumerate(direct):
        if quote.speaker is not None:
            continue
        for other in (direct[index + 1] if index + 1 < len(direct) else None,
                      direct[index - 1] if index > 0 else None):
            if other is None or other.speaker is None:
                continue
            first, second = sorted((quote, other), key=lambda q: q.span)
            between = text[first.span[1] : second.span[0]].strip("\"'“”‘’ ")
            if _COORDINATION.fullmatch(between) and (other.cue_span is None or not (
                    first.span[1] <= other.cue_span[0] < second.span[0])):
                given[quote.span] = _replace(quote, speaker=other.speaker, speaker_span=other.speaker_span,
                                             speaker_title=other.speaker_title, cue=other.cue,
                                             cue_span=other.cue_span, channel=other.channel)
                break
    return [given.get(q.span, q) if q.direct and q.speaker is None else q for q in quotes]


VERB_GROUP_CUES = True
"""A cue is the reporting verb group a reader looks for ("said", "has said", "did not ask"), not the
words the tagger ran it on into: a time ("said Thursday night:", "reported Sunday", "ruled in 2016",
"said last year"), the document or medium it was said in ("said in its statement", "assert in court
filings", "said in the deposition" — which becomes the channel when the quote had none, or only a
pronoun taken from another verb: "him"), a document written or issued ("wrote a separate opinion",
"released an extraordinary joint statement") and the trailing colon, comma or dash. A document with a
participle after it ("filed a letter explaining", "statement saying") leaves the participle as the
cue and the document as the channel. Only the cue's ends are cut, by pattern; the words left always
hold a letter (:func:`_verb_group_cue`).

With :data:`SAYING_ADJUNCTS`, also where and how it was said after a verb of saying."""

SAYING_ADJUNCTS = True
"""A verb of saying followed by a phrase of where, when or how it was said ("said at a recent news
conference", "said during a town hall", "said Monday afternoon on the Senate floor", "said with a gotcha
smile", "acknowledging at a joint press conference with") is cut to the verb group a reader looks for
("said"): the phrase is no part of the cue (600-article pile: 32 quotes). Phrasal particles stay:
"of", "about" and "to" never open the phrase ("said of", "pointed to"), and the phrase has a word after its
preposition ("remarked on" stays); nor is a phrase cut whose last word is a participle that introduces the
content ("said at a news conference announcing …"), which is the content's verb (:func:`_cut_cue`)."""

_WEEKDAYS = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_PERIODS = r"(?:week|month|year|weekend|morning|afternoon|evening|night|spring|summer|fall|autumn|winter)"
_TIME_TAIL = re.compile(
    rf"\s+(?:(?:on|in|at|late|early)\s+)?(?:(?:late|early)\s+)?(?:"
    rf"today|tonight|yesterday|(?:this|last|next)\s+{_PERIODS}|(?:later|earlier)(?:\s+(?:this|that)\s+{_PERIODS})?"
    rf"|{_WEEKDAYS}(?:\s+{_PERIODS})?|(?<=in\s){_MONTHS}|{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|{_MONTHS},?\s+\d{{4}}|\d{{4}})$")
_DOCUMENT_WORDS = (
    r"(?:statements?|interviews?|letters?|e-?mails?|filings?|depositions?|tweets?|posts?|releases?|memos?"
    r"|speech|speeches|op-eds?|columns?|essays?|videos?|podcasts?|broadcasts?|testimony|hearings?"
    r"|affidavits?|complaints?|lawsuits?|briefs?|motions?|notes?|messages?|reports?|opinions?|rulings?"
    r"|films?|documentar(?:y|ies)|books?|articles?|announcements?|editorials?|newsletters?|episodes?|programs?"
    r"|Twitter|Facebook|Instagram|YouTube|TikTok|television|TV|radio)")
_DETERMINER = r"(?:(?:a|an|the|its|his|her|their|our|my|this|that|one)\s+)?"
_CHANNEL_TAIL = re.compile(
    rf"\s+(?:in|on|during|via|through)\s+(?P<channel>{_DETERMINER}(?:[\w’'-]+\s+){{0,3}}?{_DOCUMENT_WORDS}"
    rf"(?:\s+(?:with|to)\s+[A-Z][\w.&’'-]*(?:\s+[A-Z][\w.&’'-]*){{0,3}})?)"
    rf"(?:\s+(?:released|issued|posted|published|sent))?$")
_WRITTEN_TAIL = re.compile(
    rf"^(?P<verb>(?:[\w’'-]+\s+){{0,2}}?(?:wrote|writes|write|writing|issued|issues|released|releases|penned|pens"
    rf"|published|publishes|posted|posts))\s+(?P<channel>(?:a|an|the|its|his|her|their|this|that)\s+(?:[\w’'-]+\s+){{0,3}}?"
    rf"{_DOCUMENT_WORDS})$")
_DOCUMENT_PARTICIPLE = re.compile(
    rf"^(?:(?:[\w’'-]+\s+){{1,3}}?(?:a|an|the|its|his|her|their)\s+)?(?P<channel>(?:[\w’'-]+\s+){{0,2}}?"
    rf"{_DOCUMENT_WORDS})\s+"
    rf"(?:[\w’'-]+\s+){{0,3}}?(?P<verb>(?:saying|explaining|observing|stating|noting|claiming|calling|arguing"
    rf"|announcing|asserting|adding|accusing|urging|warning|declaring|insisting|describing))$")
_PRONOUN_CHANNELS = frozenset({"him", "her", "them", "me", "us", "you", "it"})
_SAYING_ADJUNCT = re.compile(
    r"^(?P<verb>(?:[\w’'-]+\s+){0,2}?(?:said|says|say|saying|told|tells|tell|wrote|writes|added|adds|adding"
    r"|stated|states|declared|declares|acknowledged|acknowledges|acknowledging|noted|notes|explained|explains"
    r"|remarked|remarks|insisted|insists|argued|argues|replied|replies|responded|responds))"
    r"(?:\s+[\w’'-]+){0,3}?\s+(?:at|during|over|following|through|with|after|before|via|in|on)\s+\S.*$")


def _cut_cue(cue: str) -> tuple[str, str | None, bool]:
    """``cue`` without the time, document and punctuation at its ends (see :data:`VERB_GROUP_CUES`),
    the document named there (its words less the determiner), and whether the words kept begin later
    in ``cue`` than its first word (only for a document's participle)."""
    channel = None
    kept = cue
    while True:
        before = kept
        kept = re.sub(r"[\s,:;—–-]+$", "", kept)
        kept = _TIME_TAIL.sub("", kept)
        match = _CHANNEL_TAIL.search(kept)
        if match is not None and match.start() > 0:
            channel = channel or _without_determiner(match.group("channel"))
            kept = kept[: match.start()]
        if kept == before:
            break
    written = _WRITTEN_TAIL.match(kept)
    if written is not None:
        return written.group("verb"), channel or _without_determiner(written.group("channel")), False
    participle = _DOCUMENT_PARTICIPLE.match(kept)
    if participle is not None:
        return participle.group("verb"), channel or _without_determiner(participle.group("channel")), True
    if SAYING_ADJUNCTS:
        adjunct = _SAYING_ADJUNCT.match(kept)
        if adjunct is not None and not _ends_in_participle(kept):
            return adjunct.group("verb"), channel, False
    return kept, channel, False


_ING_NOUNS = frozenset({"morning", "evening", "meeting", "briefing", "hearing", "building", "gathering",
                        "spring", "thing", "wedding", "ceiling", "ring", "sitting", "screening", "ruling"})


def _ends_in_participle(cue: str) -> bool:
    """Whether ``cue`` ends in a lower-case "-ing" word that is no noun of an occasion ("announcing", not
    "morning" or "briefing"): the content's own verb (see :data:`SAYING_ADJUNCTS`)."""
    last = cue.split()[-1]
    return last.endswith("ing") and last.islower() and last not in _ING_NOUNS


def _without_determiner(phrase: str) -> str:
    return re.sub(rf"^{_DETERMINER}", "", phrase).strip()


def _verb_group_cue(text: str, quote: Quote) -> Quote:
    """``quote`` with its cue cut to the reporting verb group (see :data:`VERB_GROUP_CUES`)."""
    cue = quote.cue
    if not cue or (" " not in cue.strip() and not re.search(r"[\s,:;—–-]$", cue)):
        return quote
    kept, channel, moved = _cut_cue(cue)
    if kept == cue or not re.search(r"[^\W\d_]", kept):
        return quote
    span = quote.cue_span
    if span is not None and text[span[0] : span[1]] == cue:
        start = span[0] + (cue.rfind(kept) if moved else 0)
        span = (start, start + len(kept))
    keep_channel = quote.channel is not None and quote.channel.casefold() not in _PRONOUN_CHANNELS
    return _replace(quote, cue=kept, cue_span=span, channel=quote.channel if keep_channel else channel or quote.channel)


SPEAKER_EDGES = True
"""A speaker begins with a letter, digit, bracket, quotation, handle's "@" or hashtag's "#": an emoji or stray punctuation the
tagger took along at its start ("🚨New docs", ",'' plaintiffs’ lawyers") is left out of the speaker
and its span (:func:`_without_edge_symbols`)."""


def _without_edge_symbols(text: str, quote: Quote) -> Quote:
    """``quote`` with symbols and punctuation cut from the start of its speaker (see
    :data:`SPEAKER_EDGES`); a quotation mark opening a quotation the speaker closes stays."""
    speaker, span = quote.speaker, quote.speaker_span
    if not speaker or speaker[0].isalnum():
        return quote
    cut = 0
    while cut < len(speaker) and not speaker[cut].isalnum() and speaker[cut] not in "([":
        if speaker[cut] in _CLOSERS and re.search(r"\w.*" + re.escape(_CLOSERS[speaker[cut]]), speaker[cut + 1 :]):
            break
        if speaker[cut] in "@#" and speaker[cut + 1 : cut + 2].isalnum():
            break  # a handle or hashtag
        cut += 1
    rest = speaker[cut:].lstrip()
    if not rest or rest == speaker or not re.search(r"[^\W\d_]", rest):
        return quote
    if span is not None and text[span[0] : span[1]].startswith(speaker[: len(speaker) - len(rest)]):
        span = (span[0] + len(speaker) - len(rest), span[1])
    return _replace(quote, speaker=rest, speaker_span=span)


_CLOSERS = {'"': '"', "“": "”", "‘": "’", "'": "'"}


SPEAKERS_INSIDE_MARKS = True
"""A speaker span that crosses a quotation's edge — one of its quotation marks without the other:
"This is so bad,” one CNN on-air talent told", "the art of saying “no" — is cut at that mark, keeping
the side toward the cue ("one CNN on-air talent"); nothing left that names anything, no speaker
(:func:`_speaker_outside_marks`). A speaker that holds a whole quotation ("The “groundbreaking”
study") stays."""

SPEAKERS_OUTSIDE_QUOTATIONS = True
"""A speaker span that lies inside a quotation the quote itself is not in names a word of someone's
quoted words, not who spoke: "President Trump, who said “Border Coyotes, Drug Dealers and Human
Traffickers are treated better,” and questioned “who alerted CNN to be there?”" gave the second
quotation to "Human Traffickers". Only a closed quotation with curly marks counts, and only with no double
quotation mark between it and the speaker (an unclosed mark runs to its paragraph's end, and marks of
two styles — “…" — can pair across the attribution between two quotations). Such a quote takes the speaker of the quote before it in the same
sentence when the cues are joined ("said … and questioned"), else it has none
(:func:`_speakers_outside_quotations`). Speech reported inside a quotation ("“He told me, ‘go’”") keeps
its speaker: the quote is in the same quotation."""

_DOUBLE_MARK = re.compile(r"[\"“”«»„]")
_JOINED_CUES = re.compile(r"\s(?:and|but|then)\s")


def _curly(text: str, mark: QuoteMark) -> bool:
    """Whether a quotation opens and closes with marks that say which way they face (“…”, «…»): straight
    marks pair by guesswork, and a wrong pair puts an attribution inside a quotation."""
    return mark.start > 0 and text[mark.start - 1] in "“«„" and mark.end < len(text) and text[mark.end] in "”»"


_SENTENCE_END = re.compile(r"[.!?][”\"’')\]]*\s+(?=[“\"‘(\[]?[A-Z])|\n")


def _speakers_outside_quotations(text: str, quotes: list[Quote], marks: Sequence[QuoteMark]) -> list[Quote]:
    """See :data:`SPEAKERS_OUTSIDE_QUOTATIONS`."""
    out: list[Quote] = []
    for quote in quotes:
        span = quote.speaker_span
        if span is None or not any(
                m.closed and m.start <= span[0] and span[1] <= m.end and _curly(text, m)
                and not (m.start <= quote.span[0] and quote.span[1] <= m.end)
                and not _DOUBLE_MARK.search(text, m.start, span[0]) and not _DOUBLE_MARK.search(text, span[1], m.end)
                for m in marks):
            out.append(quote)
            continue
        before = next((q for q in reversed(out) if q.span[1] <= quote.span[0] and q.speaker is not None
                       and q.speaker_span is not None and q.direct == quote.direct), None)
        if before is not None and _JOINED_CUES.search(text, before.span[1], quote.span[0]) \
                and not _SENTENCE_END.search(text, max(before.span[1] - 1, 0), quote.span[0]):
            out.append(_replace(quote, speaker=before.speaker, speaker_span=before.speaker_span,
                                speaker_title=before.speaker_title))
        else:
            out.append(_replace(quote, speaker=None, speaker_span=None, speaker_title=None))
    return out


_PAIRED_OPENING, _PAIRED_CLOSING = "“«„", "”»"


def _unbalanced_marks(piece: str) -> list[int]:
    """Offsets in ``piece`` of the quotation marks that are not paired inside it."""
    stack: list[int] = []
    loose: list[int] = []
    straight: list[int] = []
    for offset, char in enumerate(piece):
        if char in _PAIRED_OPENING:
            stack.append(offset)
        elif char in _PAIRED_CLOSING:
            if stack:
                stack.pop()
            else:
                loose.append(offset)
        elif char == '"':
            straight.append(offset)
    if len(straight) % 2:
        loose.append(straight[-1] if straight[0] == 0 or not loose else straight[0])
    return sorted(loose + stack)


def _speaker_outside_marks(text: str, quote: Quote) -> Quote:
    """``quote`` with its speaker span cut at a quotation mark it does not pair (see
    :data:`SPEAKERS_INSIDE_MARKS`)."""
    span = quote.speaker_span
    if span is None:
        return quote
    piece = text[span[0] : span[1]]
    marks = _unbalanced_marks(piece)
    if not marks:
        printed = _unbalanced_marks(quote.speaker or "")
        if not printed or quote.speaker is None:
            return quote
        # the span is clean but the name was built across a mark ("This is so bad,” one CNN on-air
        # talent"): the name's part that the span holds
        part = next((p for p in (quote.speaker[printed[-1] + 1 :], quote.speaker[: printed[0]])
                     if re.search(r"[^\W\d_]{2}", p) and p.strip(" ,.;:") in piece), None)
        return _replace(quote, speaker=part.strip(" ,.;:")) if part else quote
    before = _trimmed(text, span[0], span[0] + marks[0])
    after = _trimmed(text, span[0] + marks[-1] + 1, span[1])
    speaker = quote.speaker or ""
    if speaker and not _unbalanced_marks(speaker):
        # a clean name (resolved, or the mention's own words): only the span is cut, to its side
        side = next((part for part in (before, after) if speaker in text[part[0] : part[1]]), None)
        return quote if side is None else _replace(quote, speaker_span=side)
    # the speaker printed with the mark: the side toward the cue, if it names anything
    cue_after = quote.cue_span is None or quote.cue_span[0] >= span[1]
    start, end = after if cue_after else before
    if not re.search(r"[^\W\d_]{2}", text[start:end]):
        return _replace(quote, speaker=None, speaker_span=None, speaker_title=None)
    return _replace(quote, speaker=text[start:end], speaker_span=(start, end))


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` without the spaces and punctuation at its edges (a closing bracket or the
    stop of an abbreviation stays)."""
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not (text[end - 1].isalnum() or text[end - 1] in ".)"):
        end -= 1
    return start, end


HEADINGS_SPEAK_NOT = True
"""A label before a colon is a speaker only as a person's: a name the article gives a person, or the
label of two lines or more (a transcript's "GROSS:", "TS:") or one word in capitals ("PENCE:"); else it
is a heading ("The timing: “The
dates for D-Day are pretty fixed,” a senior administration official told reporters", "Canada: …",
"SHANGHAI GOLD FIX: …", "RESULT: …") and the quote keeps no speaker from it."""

_LINE_LABEL = re.compile(r"(?m)^[ \t\"“'‘]*([^\W\d_][^:\n]{0,40}?):[ \t]")


LONG_HEADINGS = True
"""A heading of more than :data:`LABEL_WORDS` words before a colon ("BIDEN ADMIN ACCUSED OF
‘STONEWALLING’ GOP ON KEY AFGHANISTAN WITHDRAWAL CABLE: ‘IT RAISES MY SUSPICION’", a related-story
link) is a headline, not a speaker's label, even when it holds a person's name (PAC: the quotation
after it was "Biden"'s); a label of a few words naming a person ("Pence: Flowers Won’t Be at
Debate") still is one."""
LABEL_WORDS = 3


def _without_heading_speakers(text: str, quotes: list[Quote], people: frozenset[str]) -> list[Quote]:
    """``quotes`` with the speakers a heading gave on a colon cue taken away (see :data:`HEADINGS_SPEAK_NOT`)."""
    labels = Counter(label.strip().casefold() for label in _LINE_LABEL.findall(text))
    out = []
    for quote in quotes:
        span = quote.speaker_span
        if quote.speaker is None or span is None or (quote.cue or "").strip() != ":" \
                or not text[span[1] : span[1] + 3].lstrip(" \t").startswith(":"):
            out.append(quote)
            continue
        printed = text[span[0] : span[1]].strip()
        label = printed.casefold()
        # (one word in capitals is a transcript's way to name who speaks: "PENCE: Well, look, …")
        short = not LONG_HEADINGS or len(label.split()) <= LABEL_WORDS
        if labels[label] >= 2 or (short and any(word in people for word in label.split())) \
                or (printed.isupper() and " " not in printed):
            out.append(quote)
            continue
        out.append(_replace(quote, speaker=None, speaker_span=None, speaker_title=None))
    return out


TRAILING_FUNCTION_WORDS = True
"""A speaker's name does not end with a lower-case preposition, article or conjunction the tagger
ran its name on into ("“VICTORY!” tweeted Friends of the Earth on April 3" gave "Friends of the
Earth on"; PAC): the word leaves the speaker and its span."""
_TRAILING_WORD = re.compile(r"[ \t\u00a0]+(?:on|in|at|of|for|to|by|with|from|the|a|an|and|or)$")


def _without_trailing_word(text: str, quote: Quote) -> Quote:
    """``quote`` without a function word ending its speaker's name (see :data:`TRAILING_FUNCTION_WORDS`)."""
    speaker = quote.speaker
    if speaker is None or not speaker[:1].isupper():
        return quote
    match = _TRAILING_WORD.search(speaker)
    if match is None or not match.start():
        return quote
    span = quote.speaker_span
    if span is not None and text[span[0] : span[1]].rstrip().endswith(match.group().strip()):
        printed = text[span[0] : span[1]].rstrip()
        span = (span[0], span[0] + len(printed) - len(match.group().strip()))
        span = (span[0], span[0] + len(text[span[0] : span[1]].rstrip()))
    return _replace(quote, speaker=speaker[: match.start()], speaker_span=span)


_LINKING_WORD = re.compile(r"(?:(?:but|and|yet)[ \t\u00a0]+|(?:still|however|in fact|meanwhile),[ \t\u00a0]*)(?=\w)", re.IGNORECASE)


def _without_linking_word(text: str, quote: Quote) -> Quote:
    """A reported content without the word that links its sentence to the one before ("[But] the
    goal is not revenue, according to …", "[Still,] the plan …"): the writer's, not the source's,
    and PolNeAR leaves it out of the content. A direct quote keeps its words as printed."""
    if quote.direct:
        return quote
    start, end = quote.span
    found = _LINKING_WORD.match(text, start, end)
    if found is None:
        return quote
    return _replace(quote, span=(found.end(), end), text=text[found.end() : end])


THING_SPEAKERS = True
"""A reported content whose source is a thing that speaks for no one ("These revelations show …",
"Her work suggests …", "the report's findings indicate …" with no issuer named) is the writer's
inference, not a claim: dropped (:func:`_thing_speaker`). Census pile 863 -> 856 quotes ("These
revelations", "New evidence", "the idea"), FakeNewsCorpus sample 2752 -> 2747 ("Their latest findings",
"My mind", "much more evidence"), Spotify pile 377 -> 376 ("The lack of …"). PolNeAR dev and BASIL
unchanged (0.7095/0.6647; recall 0.960, speaker accuracy 0.6875)."""

_THINGS = frozenset({
    "revelation", "revelations", "finding", "findings", "evidence", "work", "lack", "mind", "move", "idea",
    "ideas",
})  # fmt: skip


def _thing_speaker(speaker: str | None) -> bool:
    """Whether a speaker is a thing of :data:`_THINGS`, owned by nobody or by a document only."""
    if not speaker:
        return False
    phrase = re.split(r"\s+(?:of|in|from|about|on)\s+", speaker)[0]
    words = phrase.split()
    if not words or words[-1].casefold() not in _THINGS:
        return False
    owners = [w for w in words[:-1] if w.endswith(("'s", "’s", "s'", "s’"))]
    return all(re.sub(r"['’]s?$", "", w).casefold() in _DOCUMENTS for w in owners)


UNSOURCED_CONTENTS = True
"""Drop a reported content with neither a cue nor a source: the tagger sometimes marks a clause as
content in a paragraph where it finds no cue ("XXXtentacion, [who had a Top 10 pop hit], …", a
blog's own sentences); nobody is reported to have said it. Spotify pile 9, census pile 3,
FakeNewsCorpus sample 157 such quotes -> 0. PolNeAR scores only quotes with a cue (unchanged)."""


BARE_ADJUNCTS = True
"""A reported content that is only a short phrase of place or time ("Farouk said in the capital,
according to state television" → "in the capital"; "are expected in those areas") reports nothing:
dropped (:func:`_bare_adjunct`). FakeNewsCorpus sample and event piles: 2 such contents."""
_ADJUNCT = re.compile(r"(?:in|at|on|during|after|before|from|near|outside|inside|over|later|earlier)\b", re.IGNORECASE)


def _bare_adjunct(text: str) -> bool:
    """Whether a content is a phrase of place or time alone: at most four words, no comma, opening
    with a preposition such as "in", "at", "on", "during"."""
    words = text.split()
    return 0 < len(words) <= 4 and "," not in text and _ADJUNCT.match(text.strip()) is not None


BARE_THINGS = True
"""A reported content that is one noun phrase and nothing more, where nothing in the sentence makes
it something said, is dropped (:func:`_bare_thing`): the subject of a predicate the tagger took
for a cue ("[The Supreme Court] appears …", "[That view] is shared", "[The move] is seen as …"),
and a short topic after "about", "on", "over", "regarding" or "concerning" ("wrote about [the
war]", "suggested commenting on [the matter]", "was calling really about [another legal matter]").
A clause ("said [Congress wins]"), an infinitive ("threatened [to boycott the service]"), a
gerund ("thought about [leaving his family]") and a small clause ("called [it unfair]", "considers
[Kaine her political mentor]") stay. So does a thing a cue acts on ("praised [the company's
decision]", "announced [the policy]"): PolNeAR annotates most of those as contents (on its train
split 485 of 618 such contents of at most six words overlap a gold content), and dropping the
short ones cost 0.006 of dev content F1 overlap. Measured in docs/claims.md (2026-11-25)."""
TOPIC_WORDS = 4
"""A topic after a preposition is dropped when it has at most this many words: longer ones are
mostly annotated by PolNeAR ("is raising questions about [his microphone problems during Monday's
debate]"), and dropping them at any length (with "of" among the prepositions) cost 0.004 of dev content F1
overlap."""
_NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
_TOPIC_PREPOSITIONS = frozenset({"about", "on", "over", "regarding", "concerning"})


def _content_tokens(span: tuple[int, int], sentences: Sequence[tuple[int, Any]]) -> list[Any]:
    """The tokens (no punctuation or spaces) of the parsed sentences ``sentences`` (``(offset, doc)``
    in text order) that begin inside ``span``; empty when the span lies in no parsed sentence."""
    found: list[Any] = []
    first = max(bisect.bisect_right([offset for offset, _ in sentences], span[0]) - 1, 0)
    for offset, doc in sentences[first:]:
        if offset >= span[1]:
            break
        columns = token_columns(doc)
        for i, at in enumerate(columns.idx):
            if span[0] <= offset + at < span[1] and not (columns.is_punct[i] or columns.is_space[i]):
                found.append(doc[i])
    return found


def _bare_thing(tokens: Sequence[Any]) -> bool:
    """Whether a reported content's ``tokens`` are one noun phrase that reports nothing (see
    :data:`BARE_THINGS`): a single token heads them all (adjuncts the tagger took along aside), it
    is a noun, name, pronoun or number and no small clause's predicate, and it is the subject of
    the word it hangs on, or the object of a topic preposition in a content of at most
    :data:`TOPIC_WORDS` words. A clause, an infinitive or a gerund has a verb at its head."""
    if not tokens:
        return False
    inside = {(id(t.doc), t.i) for t in tokens}
    heads = [t for t in tokens if (t.head.i == t.i or (id(t.doc), t.head.i) not in inside) and not _adjunct(t)]
    if len(heads) != 1 or heads[0].pos_ not in _NOMINAL or _predicate(heads[0]):
        return False
    head = heads[0]
    if head.dep_ in {"nsubj", "nsubjpass"}:
        return True
    return len(tokens) <= TOPIC_WORDS and (
        (head.dep_ == "pobj" and head.head.lower_ in _TOPIC_PREPOSITIONS) or _after_topic_preposition(tokens[0]))


def _after_topic_preposition(first: Any) -> bool:
    """Whether the word before a content's first token is a topic preposition ("was calling really
    about [another legal matter]", where the parser hangs "about" on the noun, not the noun on it)."""
    if first.i == 0:
        return False
    before = first.doc[first.i - 1]
    return before.lower_ in _TOPIC_PREPOSITIONS and before.pos_ == "ADP"


_ADJUNCT_DEPS = frozenset({"prep", "npadvmod", "advmod", "cc", "mark", "punct"})


def _adjunct(token: Any) -> bool:
    """Whether a head of a content is an adjunct the tagger took along from outside the noun phrase
    ("praised the decision [on Tuesday]", "[that] the reason", "[also] …"): a preposition, a time
    phrase, an adverb, a conjunction, a complementizer. Not "as", which makes a small clause
    ("described the chairman [as gaffe-prone]")."""
    return token.dep_ in _ADJUNCT_DEPS and not (token.dep_ == "prep" and token.lower_ == "as")


def _predicate(token: Any) -> bool:
    """Whether a nominal head is the predicate of a small clause ("considers [Kaine her political
    mentor]": a subject below it, or a clausal complement of the cue)."""
    return token.dep_ in {"ccomp", "xcomp", "oprd", "attr", "acomp"} or any(
        child.dep_ in {"nsubj", "nsubjpass"} for child in token.children)


THAT_SAID = True
""""That said, …" (or "This said, …") links the writer's sentences: no statement of "That" (PAC)."""

GENERIC_SPEAKERS = True
"""A generic or dummy pronoun is nobody's voice (:func:`_generic_speaker`): "one wonders", "no one has
suggested", "everyone thinks", a question's "who" ("Who's to say …?": census pile 2, FakeNewsCorpus
sample 2 more, PolNeAR unchanged) and the reader's "you" ("You might've thought …", "as you can tell",
"if you feel …", the filler "you know") are dropped; "you said that …" (an interviewer to the
interviewee) stays. The dummy
"it" of "it could be argued", "it was said that …" or "it appears that …" is no speaker (the content
stays, with none), and of "it's important to note", "it sounds like", "it goes to show" it reports
nothing (dropped). FakeNewsCorpus sample 100 quotes dropped, 6 speakers cleared; census pile 6
dropped; Spotify pile 1 dropped, 2 cleared. PolNeAR dev content/source F1 overlap 0.7100/0.6642 ->
0.7089/0.6636 (its annotators mark the reader's "you" — "Let's say you think …" — and "No one
expected" as sources); BASIL unchanged (0.960 / 0.6875)."""

_EVERYONE = frozenset({"one", "no one", "no-one", "nobody", "anyone", "anybody", "everyone", "everybody"})
_HYPOTHETICAL = frozenset({
    "can", "could", "would", "might", "may", "should", "must", "will", "shall", "ll", "d", "ca", "wo",
})  # fmt: skip
_GENERIC_CLAUSE = re.compile(
    r"(?:\b(?:if|when|whenever|unless|once|do|does|did|would|could|can|will|should|are|were|have|had)"
    r"|[?!])[ \t\u00a0]*$", re.IGNORECASE)
_YOU_KNOW = re.compile(r"[ \t\u00a0]+know\b(?![ \t\u00a0]+(?:that|what|how|whether|if)\b)")  # "You know, …", "as you know"
_BE = frozenset({"is", "was", "be", "been", "being", "are", "were", "s"})
_IRREGULAR_PARTICIPLES = frozenset({
    "said", "told", "thought", "known", "shown", "held", "felt", "written", "taken", "given", "seen", "heard",
    "understood", "made", "found", "meant", "put", "read", "spoken", "sent", "set",
})  # fmt: skip
_SEEMING_VERBS = frozenset({"seem", "seems", "seemed", "appear", "appears", "appeared"})
_DUMMY_IT_PHRASES = re.compile(
    r"^(?:sounds|sound|sounded)\b|^(?:goes|go|went|going) to show\b|^(?:makes|make|made|making) (?:no )?sense\b"
    r"|^(?:looks|look|looked) like\b|^(?:turns|turn|turned) out\b|^(?:stands|stand|stood) to reason\b")


def _words_of(phrase: str | None) -> list[str]:
    return re.findall(r"[^\W\d_]+", (phrase or "").casefold())


def _asks(text: str, at: int) -> bool:
    """Whether the sentence going on at ``at`` ends with a question mark."""
    end = re.compile(r"[.!?](?=[”\"’')\]]*(?:\s|$))|\n").search(text, at)
    return end is not None and text[end.start()] == "?"


def _generic_speaker(text: str, quote: Quote) -> Quote | None:
    """``quote`` without a generic or dummy pronoun for its speaker: ``None`` when what it reports
    is nobody's statement, else ``quote`` (its speaker taken away for a dummy "it").

    * "one", "no one", "nobody", "anyone", "everyone" …: a generalisation of the writer's, and the
      "who" of a question;
    * "you" the reader: unless the cue reports speech ("you said that …", "as you mentioned"), is
      not hypothetical ("can", "would", "might've") and does not follow "if", "when", "do" … ("as
      you say, Terry," stays);
    * the dummy "it" of a passive or seeming cue ("it could be argued that …", "it was said that …",
      "it appears that …"): no speaker, the content stays; of "it is", "it sounds like", "it goes to
      show", "it makes sense" nothing is reported.
    """
    if quote.direct or not quote.speaker:
        return quote
    # the mention as printed ("Everyone I interviewed" is the reporter's sources, not everyone)
    mention = text[quote.speaker_span[0] : quote.speaker_span[1]] if quote.speaker_span else quote.speaker
    speaker = re.sub(r"^(?:whatever|whoever|however)\s+", "", mention.casefold())  # "whatever one feels"
    if speaker in _EVERYONE and not mention.isupper():  # (not "PLoS ONE")
        return None
    if (THAT_SAID and speaker in {"that", "this"} and quote.cue_span is not None
            and re.match(r"said\s*,", text[quote.cue_span[0] : quote.cue_span[0] + 8], re.IGNORECASE)):
        return None  # "That said, Cruz is worth watching": a linking phrase, nobody's statement
    if speaker == "who" and quote.speaker_span is not None and _asks(text, quote.speaker_span[1]):
        return None  # a question's "who" ("Who's to say she …?", "Who would not want to …?") asks
    cue = _words_of(quote.cue)
    if speaker == "you" and quote.speaker.casefold() == "you":  # (not resolved: "Grassley, you might remember, …")
        if quote.speaker_span is not None and quote.cue_span is not None and quote.speaker_span[1] <= quote.cue_span[0]:
            cue = _words_of(text[quote.speaker_span[1] : quote.cue_span[0]]) + cue  # "you [can] tell"
        before = text[max(0, quote.speaker_span[0] - 20) : quote.speaker_span[0]] if quote.speaker_span else ""
        if (not reports_speech(quote.cue) or any(word in _HYPOTHETICAL for word in cue)
                or _GENERIC_CLAUSE.search(before) is not None
                or (quote.speaker_span is not None and _YOU_KNOW.match(text, quote.speaker_span[1]) is not None)):
            return None
        return quote
    if speaker == "it" and cue:
        verbs = [word for word in cue if word not in _HYPOTHETICAL and word not in {"not", "n", "t", "just", "also"}]
        passive = any(
            word in _BE and (following.endswith(("ed", "en")) or following in _IRREGULAR_PARTICIPLES)
            for word, following in itertools.pairwise(verbs)
        )
        if passive or (verbs and verbs[0] in _SEEMING_VERBS and not reports_speech(quote.cue)):
            # (PolNeAR marks "it appeared that …" with no source; "it appeared to suggest …" keeps
            # its speaker: the report "it" stands for suggests)
            return _replace(quote, speaker=None, speaker_span=None, speaker_title=None)
        if verbs and (verbs[0] in _BE or _DUMMY_IT_PHRASES.match(" ".join(verbs)) is not None):
            return None
    return quote


SPEECH_INSIDE_QUOTATIONS = True
"""Drop speech reported inside a quotation (:func:`_without_speech_inside_quotations`): in the three
analysed piles (fakenewscorpus sample, spotify, census) it removed 8 such quotes credited to "we",
"All", "the government" or "Files on those drives". PolNeAR dev content/source F1 overlap unchanged
(0.7080/0.6631; unprojected 0.6899/0.6464 -> 0.6910/0.6474); BASIL unchanged."""


def _without_speech_inside_quotations(quotes: list[Quote]) -> list[Quote]:
    """Drop a quote lying inside another direct quote whose cue lies inside that quotation too: the
    quoted speaker reporting speech (“We made this video to tell the world that dad is ill,” Kevin
    said — not a quote of "we" to "the world"), whose words the quotation already lists."""
    direct = [q for q in quotes if q.direct]
    return [
        q for q in quotes
        if q.cue_span is None or not any(
            d is not q and d.span != q.span and _inside(q.span, d.span) and _inside(q.cue_span, d.span) for d in direct)
    ]


_NAMING = re.compile(r"(?:\b(?:so-called|called|dubbed|named|titled|entitled|nicknamed|known as|the words?|"
                     r"the terms?|the phrase|the slogan|the hashtag|the label)\s*[“\"‘']?)$", re.IGNORECASE)


_WORKS = (r"movie|film|documentary|book|novel|memoir|song|album|single|show|series|programm?e|playlist|podcast|"
          r"episode|segment|column|essay|poem|play|musical|exhibition|tab|button|menu|policy|campaign|initiative|"
          r"slogan|motto|notion|movement|award|prize|act|bill|rule|doctrine|agenda|hats?|tour|rally|operation|"
          r"project|study|report|style|label|category|plan|strategy|conference|summit|festival|meme")
_WORK_BEFORE = re.compile(rf"(?:\b(?:{_WORKS})s?|['’]s)[ \t]+[“\"‘]$", re.IGNORECASE)
_WORK_AFTER = re.compile(rf"[,.]?[”\"’]?[ \t]+(?:{_WORKS})s?\b", re.IGNORECASE)
_TITLE_CASE_WORD = re.compile(r"[A-Z0-9#@][\w'’.!?&:-]*")
_SMALL_WORDS = frozenset({"a", "an", "the", "and", "or", "of", "in", "on", "for", "to", "at", "by", "with", "from"})

NAMES_OF_WORKS = True
"""Keep a name in title case beside the noun it names out of the quotes (:func:`_named_in_marks`):
in the three analysed piles (fakenewscorpus sample, spotify, census) it dropped 13 such 'quotes',
none said by anyone, 6 of them credited to a speaker ("Contact" to "it", "The Corporation" to
"you", "Make America Great Again" to "People"). PolNeAR dev content/source F1 overlap 0.7080/0.6631
→ 0.7085/0.6637; BASIL unchanged."""


def _named_in_marks(text: str, quote: Quote) -> bool:
    """A title or a term in quotation marks, not something said: a special called “Shrinkage”, the
    so-called “long-form” census, the hashtag “#MuteRKelly” (three words at most); and a name in
    title case (six words at most) right after or before the noun it names — the movie “Contact,”
    Newsmax TV's "America Talks Live," its “Hate Content and Hateful Conduct” policy, Trump’s “Make
    America Great Again” notion."""
    if not quote.direct:
        return False
    words = re.findall(r"\w+", quote.text)
    if len(words) <= 3 and _NAMING.search(text[max(0, quote.span[0] - 30) : quote.span[0]]) is not None:
        return True
    if not NAMES_OF_WORKS or not 1 <= len(words) <= 6 or not _title_case(quote.text):
        return False
    return (_WORK_BEFORE.search(text[max(0, quote.span[0] - 30) : quote.span[0]]) is not None
            or _WORK_AFTER.match(text, quote.span[1], quote.span[1] + 30) is not None)


def _title_case(words: str) -> bool:
    """Every word capitalised but small function words ("Hate Content and Hateful Conduct")."""
    tokens = words.strip(" ,.!?;:").split()
    return bool(tokens) and all(
        _TITLE_CASE_WORD.fullmatch(token) is not None or (index and token in _SMALL_WORDS)
        for index, token in enumerate(tokens))


def _without_self_attributed(quotes: list[Quote]) -> list[Quote]:
    """Drop a reported "content" that holds its own cue and a direct quote of the same speaker
    (“A,” X said in a statement. “B.” tagged as one content): that quote is the attribution. Drop
    too a reported content of fewer than :data:`MIN_REPORTED_WORDS` words ("[We] are expected",
    "[it] appears"): a subject, not something said."""
    direct = [q for q in quotes if q.direct]
    return [
        q for q in quotes
        if (q.direct and not _swallows_another(q, direct))
        or (not q.direct and (q.cue_span is None or not _inside(q.cue_span, q.span)
                              or not any(d.speaker == q.speaker and _overlap(d.span, q.span) for d in direct))
            and len(re.findall(r"\w+", q.text)) >= MIN_REPORTED_WORDS)
    ]


def _swallows_another(quote: Quote, direct: list[Quote]) -> bool:
    """Whether a direct quote runs over another speaker's quotation (“A,” said X. “B,” Y added.
    read as one quote of X's): it holds its own cue and a direct quote credited to someone else."""
    if quote.cue_span is None or not _inside(quote.cue_span, quote.span):
        return False
    return any(
        other is not quote and other.span != quote.span and _inside(other.span, quote.span)
        and other.speaker is not None and other.speaker != quote.speaker
        for other in direct
    )


MIN_REPORTED_WORDS = 2
"""Reported contents of one word ("[We] are expected", "[it] appears") are dropped. On the PolNeAR
dev split content F1 overlap 0.7078 → 0.7080, source 0.6642 → 0.6637 (18 fewer predictions); a
floor of 3 words lowered both (0.7050, 0.6603): PolNeAR marks many two-word contents."""


JOIN_INTERRUPTED = True
"""Join a direct quotation its own attribution interrupts within a sentence (:func:`_join_interrupted`).
On the PolNeAR dev split (with :data:`DOUBLED_APOSTROPHES`) it raised both halves' source F1
overlap: even articles 0.6500 → 0.6503, odd 0.6407 → 0.6415. Joining across sentences too
(“A,” he said. “B.”) lowered the even half (0.6497), so it is not done."""


def _replace(quote: Quote, **changes: Any) -> Quote:
    return dataclasses.replace(quote, **changes)


def _join_interrupted(text: str, quotes: list[Quote]) -> list[Quote]:
    """One attribution, one quote: two neighbouring direct quotes of one sentence with the same
    source and cue, whose gap holds nothing but that source, the cue and punctuation (“A,” she
    said, “B.”), are one quotation interrupted by its attribution, and become one quote."""
    out: list[Quote] = []
    for quote in quotes:
        if any(_inside(quote.span, q.span) for q in out):
            out.append(quote)  # nested in a quote before: not a neighbour
            continue
        previous = next((q for q in reversed(out) if not _inside(q.span, quote.span)), None)
        cue = previous.cue_span or quote.cue_span if previous is not None else None
        if (previous is None or cue is None or not (previous.direct and quote.direct)
                or previous.speaker_span is None or previous.speaker_span != quote.speaker_span
                or (None not in (previous.cue_span, quote.cue_span) and previous.cue_span != quote.cue_span)
                or not previous.span[1] <= cue[0] < cue[1] <= quote.span[0]):
            out.append(quote)
            continue
        gap = list(text[previous.span[1] : quote.span[0]])
        for span in (previous.speaker_span, cue):
            for at in range(max(span[0], previous.span[1]), min(span[1], quote.span[0])):
                gap[at - previous.span[1]] = " "
        if re.search(r"[\w.!?:\n]", "".join(gap)):
            out.append(quote)
            continue
        span = (previous.span[0], quote.span[1])
        out[out.index(previous)] = Quote(
            text=text[span[0] : span[1]], span=span, speaker=previous.speaker or quote.speaker,
            speaker_span=previous.speaker_span, speaker_title=previous.speaker_title or quote.speaker_title,
            cue=previous.cue if previous.cue_span is not None else quote.cue, cue_span=cue,
            channel=previous.channel or quote.channel, direct=True,
        )
    return out


SIGNED_QUOTES = True
"""Give a quotation signed with a dash and a name (“…” ― Ana Ruiz) to that name (:func:`_signed`). On
the PolNeAR dev split source F1 overlap 0.6465 → 0.6529: the odd half 0.6415 → 0.6564 (one article
of readers' signed comments), the even half unchanged (0.6503, no signed quotation there)."""

_SIGNATURE = re.compile(
    r"[”\"]?[ \t\u00a0]*(?P<dash>[―—–]|--)[ \t\u00a0]*"
    r"(?P<name>[A-Z][\w.’'\-]*(?:[ \u00a0][A-Z][\w.’'\-]*){0,3})[ \t\u00a0]*(?=[“\"]|\n|$)"
)


def _signed(text: str, quotes: list[Quote]) -> list[Quote]:
    """A quotation signed with a dash and a name (“…” ― Ana Ruiz), as readers' letters and
    epigraphs are: the name after the dash is its speaker, whatever the parse said."""
    out = []
    for quote in quotes:
        end = quote.span[1]
        while end < len(text) and text[end] in "”\"’'.,!? ":
            end += 1
        match = _SIGNATURE.match(text, end) if quote.direct else None
        if match is None or "\n" in text[quote.span[1] : match.start("dash")]:
            out.append(quote)
            continue
        name = tidy_source_span(text, match.span("name"))
        out.append(dataclasses.replace(
            quote, speaker=text[name[0] : name[1]].replace("\u00a0", " "), speaker_span=name,
            speaker_title=None, cue=match.group("dash"), cue_span=match.span("dash"), channel=None,
        ))
    return out


EMBEDDED_TWEETS = True
"""Give an embedded tweet's text to the account that signed it (:func:`_tweets`). In the
FakeNewsCorpus sample (6 signed tweets in 5 of 250 articles) it gave each tweet's text to its
author, and took from the author two quotations they quoted (Missouri's governor's email, "“I am
certainly …” - @MichaelWolffNYC") and from speakers named after the signature two quotes inside
a tweet. PolNeAR dev and BASIL unchanged (PolNeAR's one embedded tweet is discarded by its
annotators, and the tweet quote has no cue)."""

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
_TWEET_SIGNATURE = re.compile(
    r"(?:[ \t\u00a0]*(?:pic\.twitter\.com|https?://t\.co)/\w+)*[ \t\u00a0]*(?P<dash>[—–―]|--?)[ \t\u00a0]*"
    r"(?P<name>[^\s(@—–―-][^\n(@—–―]{0,60}?)[ \t\u00a0]*\(@(?P<handle>\w{1,15})\)[ \t\u00a0]*"
    rf"(?P<date>{_MONTH}[ \u00a0]\d{{1,2}},?[ \u00a0]\d{{4}})"
)
"""The signature an embedded tweet ends with, as the embed prints it: a dash, the account's name,
its handle in brackets and the date ("— Daniel Strauss (@DanielStrauss4) January 16, 2018"), after
the tweet's picture link if any."""


def _tweet_signatures(text: str) -> list[re.Match[str]]:
    """The :data:`_TWEET_SIGNATURE` matches of ``text``; none at once when it holds no "(@", which
    every signature has (the regex tries every position of the text otherwise)."""
    if "(@" not in text:
        return []
    return list(_TWEET_SIGNATURE.finditer(text))


def _tweets(text: str, quotes: list[Quote]) -> list[Quote]:
    """An embedded tweet — its text from its paragraph's start (or the previous tweet's signature) to
    its signature — is a direct quote of the account's name (not its handle), through a tweet, with
    no cue: no word of the article reports it (PolNeAR's annotators discard embedded tweets, so its
    scores, which count quotes with a cue, leave them out too). A quotation inside
    it is someone else's, quoted by the author: it keeps no speaker named in the signature or
    outside the tweet (it had the signature's name, or the tagger's pick after it); a quotation
    that is the whole tweet is replaced by the tweet; a reported content running out of the tweet
    into the article is dropped."""
    signatures = _tweet_signatures(text)
    if not signatures:
        return quotes
    starts = [start for start, _ in _paragraphs(text)]
    tweets: list[Quote] = []
    previous = 0
    for match in signatures:
        number = bisect.bisect_right(starts, match.start()) - 1
        span = _trim(text, (max(starts[number] if number >= 0 else 0, previous), match.start()))
        previous = match.end()
        if len(re.findall(r"\w+", text[span[0] : span[1]])) < 2:
            continue
        name = tidy_source_span(text, match.span("name"))
        tweets.append(Quote(
            text=text[span[0] : span[1]], span=span, speaker=text[name[0] : name[1]].replace("\u00a0", " "),
            speaker_span=name, cue=None, channel="tweet", direct=True,
        ))
    if not tweets:
        return quotes
    signed = [m.span() for m in signatures]
    out = []
    for quote in quotes:
        tweet = next((t for t in tweets if _inside(quote.span, t.span)), None)
        astray = quote.speaker_span is not None and (
            any(_overlap(quote.speaker_span, s) for s in signed) or (tweet is not None and not _inside(quote.speaker_span, tweet.span)))
        if tweet is None:
            if not quote.direct and any(_overlap(quote.span, t.span) for t in tweets):
                continue  # (the tweet and the article after it read as one content)
            out.append(_replace(quote, speaker=None, speaker_span=None, speaker_title=None, channel=None)
                       if astray else quote)
            continue
        if quote.direct and not re.search(
                r"\w", text[tweet.span[0] : quote.span[0]] + text[quote.span[1] : tweet.span[1]]):
            continue  # the tweet in quotation marks: the tweet itself
        if astray:
            cue_inside = quote.cue_span is not None and _inside(quote.cue_span, tweet.span)
            quote = _replace(quote, speaker=None, speaker_span=None, speaker_title=None, channel=None,
                             cue=quote.cue if cue_inside else None, cue_span=quote.cue_span if cue_inside else None)
        out.append(quote)
    return out + tweets


def _continuations(text: str, quotes: list[Quote], speakers: _Speakers | None = None) -> list[Quote]:
    """A direct quote with no speaker that goes on from an attributed one keeps its speaker: after
    the attribution in the same paragraph ("“A,” he said. “B.”", with anything between ending at
    the cue), or as a paragraph of its own after a paragraph that ends with an attributed quote."""
    paragraphs = _paragraphs(text)
    starts = [start for start, _ in paragraphs]

    def paragraph_of(at: int) -> int:
        return bisect.bisect_right(starts, at) - 1

    attributed = sorted((q for q in quotes if q.direct and q.speaker and q.cue_span), key=lambda q: q.span)
    out = []
    for quote in quotes:
        if not quote.direct or quote.speaker is not None:
            out.append(quote)
            continue
        number = paragraph_of(quote.span[0])
        before = [q for q in attributed if q.span[1] <= quote.span[0]]
        previous = before[-1] if before else None
        source = None
        # “A,” Obama said — a cue right after the quotation whose attribution went to a part of it
        # (not a quote holding this one: a tweet's signature does not sign a quotation in the tweet)
        for other in attributed:
            between = text[quote.span[1] : other.cue_span[0]] if other.cue_span else "\n"
            if _inside(quote.span, other.span):
                continue
            if 0 <= len(between) <= 60 and "\n" not in between and not re.search(r"[.!?]\s", between) \
                    and (other.speaker_span is None or other.speaker_span[0] >= quote.span[1]):
                source = other
                break
        if source is None and previous is not None and previous.cue_span is not None:
            here = paragraph_of(previous.span[0]) == number
            postposed = previous.span[1] <= previous.cue_span[0] < quote.span[0]
            if here and postposed:
                source = previous
            elif paragraph_of(previous.span[1]) == number - 1 and here is False:
                start, end = paragraphs[number]
                whole = not text[start : quote.span[0]].strip(" “\"‘'") and not text[quote.span[1] : end].strip(" ”\"’'.,")
                last_end = paragraphs[number - 1][1]
                ends = previous.cue_span[0] >= previous.span[1] or not text[previous.span[1] : last_end].strip(" ”\"’'.,")
                later = [q for q in quotes if previous.span[1] <= q.span[0] < start and q.cue is not None]
                if whole and ends and not later:
                    source = previous
        if source is None:
            # “…:” — a quotation introduced by a colon after an attribution in the same sentence
            # ("Ms. Lauten wrote what she thought they should do: “Rise to the occasion.”").
            lead = text[starts[number] : quote.span[0]].rstrip(" “\"‘'")
            if lead.endswith(":"):
                colon = starts[number] + len(lead) - 1
                source = next(
                    (q for q in sorted(quotes, key=lambda q: -q.span[0])
                     if q.speaker and q.cue_span and starts[number] <= q.cue_span[0] < colon
                     and not re.search(r"[.!?][”\"’']?\s", text[q.cue_span[1] : colon])),
                    None,
                )
        if source is None:
            named = _inverted_attribution(text, quote, quotes, speakers)
            if named is not None:
                out.append(named)
                continue
            out.append(quote)
            continue
        out.append(Quote(text=quote.text, span=quote.span, speaker=source.speaker, speaker_span=source.speaker_span,
                         speaker_title=source.speaker_title, cue=quote.cue, cue_span=quote.cue_span, direct=True))
    return out


_INVERTED = re.compile(r",?[”\"’']?\s*,?\s*(?P<verb>[a-z]+)\s+(?P<name>(?:Mr\.|Mrs\.|Ms\.|Dr\.)?\s?[A-Z][\w’'\-]+(?:\s[A-Z][\w’'\-]+){0,2})")
# "…,” added the mayor. / "…,” countered a spokesman for the city.": a determiner and a role phrase
# up to the end of the clause
_INVERTED_ROLE = re.compile(
    r",?[”\"’']?\s*,?\s*(?P<verb>[a-z]+)\s+(?P<name>(?:the|a|an|one|another)\s+[a-z][\w’'\-]*(?:\s+[\w’'\-]+){0,5}?)"
    r"(?=\s*(?:[.,;!?]|$))")


def _inverted_attribution(text: str, quote: Quote, quotes: list[Quote], speakers: _Speakers | None = None) -> Quote | None:
    """“…,” added Lauten — when the parser missed the inverted cue after a quotation: a reporting
    verb and a capitalised name right after the closing mark (the full name where another quote
    of the article gives it)."""
    match = _INVERTED.match(text, quote.span[1], quote.span[1] + 80)
    if match is None or not _inverted_cue(match.group("verb")):
        role = _INVERTED_ROLE.match(text, quote.span[1], quote.span[1] + 80)
        if role is None or not _inverted_cue(role.group("verb")):
            return None
        return Quote(text=quote.text, span=quote.span, speaker=_role_holder(role.group("name"), quote.span[0], speakers),
                     speaker_span=(role.start("name"), role.end("name")), cue=role.group("verb"),
                     cue_span=(role.start("verb"), role.end("verb")), direct=True)
    name = re.sub(r"^(?:Mr|Mrs|Ms|Dr)\.\s?", "", match.group("name")).strip()
    surname = name.split()[-1]
    full = next((q.speaker for q in quotes if q.speaker and _surname(q.speaker) == surname and len(q.speaker.split()) > 1),
                name)
    return Quote(text=quote.text, span=quote.span, speaker=full, speaker_span=(match.start("name"), match.end("name")),
                 cue=match.group("verb"), cue_span=(match.start("verb"), match.end("verb")), direct=True)


_INVERTED_SPEECH = frozenset({
    "pleaded", "countered", "cried", "quipped", "retorted", "shouted", "yelled", "screamed", "whispered", "joked",
    "snapped", "interjected", "muttered", "sighed", "exclaimed", "mused", "boasted", "bragged", "fumed", "groaned",
    "scoffed", "chimed", "gushed", "marveled", "marvelled", "lamented", "hollered", "barked", "conceded",
})  # fmt: skip
"""Verbs of speaking that only an inverted attribution right after a quotation makes cues ("“…,”
quipped Ms. Lee"): the tagger's reporting-verb list (its features) leaves them out."""


def _inverted_cue(verb: str) -> bool:
    return verb in reporting_verbs() or verb in _INVERTED_SPEECH


def _unclaimed_quotation(text: str, quote: Quote, marks: Sequence[QuoteMark]) -> Quote:
    """A reported content the tagger found with neither cue nor source that holds exactly one
    quotation of two or more words followed by an inverted attribution ("“…,” added the mayor"):
    that quotation, direct, for :func:`_continuations` to attribute (else ``quote``)."""
    if quote.direct or quote.cue is not None or quote.speaker is not None:
        return quote
    inside = [m for m in marks if quote.span[0] <= m.start and m.end <= quote.span[1] + 1
              and len(text[m.start : m.end].split()) >= 2]
    if len(inside) != 1:
        return quote
    mark = inside[0]
    found = Quote(text=text[mark.start : mark.end], span=(mark.start, mark.end), speaker=None, speaker_span=None,
                  cue=None, direct=True)
    # only when an attribution follows it (else a title or scare quote the tagger took in)
    return found if _inverted_attribution(text, found, []) is not None else quote


def _role_holder(phrase: str, at: int, speakers: _Speakers | None) -> str:
    """The speaker a role phrase after a quotation stands for ("the mayor": the nearest person
    named before with that role, as for a role noun the parser made a subject), else the phrase."""
    words = phrase.split()
    if speakers is None or len(words) != 2 or words[0] != "the":
        return phrase
    return speakers.nearest(at, role=words[1].casefold()) or phrase


MIN_CONFIDENCE = 0.5
"""Tagged contents whose tags have a lower mean marginal probability are dropped (chosen on the two
halves of the PolNeAR dev split: 0.5 raised both halves' content F1 over 0; 0.6 added nothing)."""
EXTEND_CONTENT = True
"""A tagged reported content that is part of one syntactic constituent (holding neither the cue nor
the source) grows to the whole constituent, as PolNeAR annotates it ("the plan would cut taxes" →
"that the plan would cut taxes for families in every state"). On the PolNeAR dev split it raised
both halves (even and odd articles) with the previous tagger (c1 = 0.3): content F1 0.674 → 0.677
and 0.655 → 0.670, source F1 0.618 → 0.622 and 0.586 → 0.600; with the shipped one (c1 = 3) it is
neutral (content 0.693 → 0.691 and 0.687 → 0.689)."""
CONJOINED_REPORTS = True
"""A reported content ends before ", and" / ", but" + a conjoined clause with its own subject whose
verb is itself a report (one by which people speak, or tagged a cue with a tagged source): "leading
participants acknowledged the fighting could take months, and aid organizations issued dire
warnings" reports two things, by two sources; the parse makes the second clause a conjunct of the
first content's verb (or of its cue), so the tagger's content, its grown subtree
(:data:`EXTEND_CONTENT`) and the rules' content ran on, and the run-on rule then lent its speaker
to the second content. A conjoined clause with another verb ("…, and unemployment is falling")
stays in the content, as PolNeAR often keeps it (:func:`_conjoined_reports`). PolNeAR content /
source F1 overlap: dev 0.7106 / 0.6679 → 0.7112 / 0.6692, train 0.7399 / 0.6856 → 0.7396 / 0.6851."""
LINKING_CUES = frozenset({"seem", "display", "picture", "photograph"})
"""Lemmas of cues the tagger finds that report no speech ("the plan seems to be working"): its
attributions on them are dropped. On the PolNeAR dev split source F1 overlap 0.6529 → 0.6540 (even
articles 0.6503 → 0.6515, odd 0.6564 → 0.6572); adding "appear" lowered the even half's content F1.
A photo caption's participle ("The Spotify logo, displayed on a tablet screen in Paris", "X,
pictured in 2016") is no speech either: the caption's subject then became a "group" that later
"we" and "it" were credited to."""
NOT_SPEECH_CUES = True
"""Drop the tagger's attributions on cues that report no speech (:func:`_reports_nothing`): 39 on
the FakeNewsCorpus sample ("is projected", "is known for", "was called", "appears to be", "has been
accused of"), 5 on the Spotify pile ("is backtracking on", "was later accused of"). PolNeAR dev
content/source F1 overlap 0.7085/0.6637 → 0.7086/0.6640, exact 0.5176/0.4957 → 0.5184/0.4960;
BASIL unchanged. Left in, as PolNeAR marks them: "is expected" (dropping it cost 0.0002 of content
overlap), "appeared to suggest", and active "expects", "called" ("called it a disgrace")."""
_NOT_SPEECH_LEMMAS = frozenset({"backtrack"})
_SEEMING = frozenset({"appear"})
_PASSIVE_NOT_SPEECH = frozenset({"project", "estimate", "know", "consider", "regard", "view", "see", "call", "accuse"})


def _reports_nothing(cue: Sequence[Any]) -> bool:
    """Whether a tagged cue reports no speech: a change of course ("Spotify is backtracking on"),
    seeming to be ("the EU appears to be unable to …"; not "appeared to suggest", which PolNeAR
    marks), or a passive of estimating, knowing, naming or accusing with nobody to do it ("is
    projected to grow", "is known for", "was called", "has been accused of"; not "is known by
    …") — unless another word of the cue reports speech ("appeared at first to be deceptive … by
    claiming")."""
    for token in cue:
        if token.lower_ in reporting_verbs() and token.lemma_.lower() not in _PASSIVE_NOT_SPEECH | _SEEMING \
                and not (ADDED_THINGS and _adds_thing(token)) \
                and not _likens_or_gives(token.lemma_.lower(), list(token.children)):
            return False
    for token in cue:
        lemma = token.lemma_.lower()
        if lemma in _NOT_SPEECH_LEMMAS:
            return True
        if ADDED_THINGS and _adds_thing(token):
            return True  # (no other word of the cue reports speech: the loop above found none)
        children = list(token.children)
        if _likens_or_gives(lemma, children):
            return True
        if lemma in _SEEMING and any(c.dep_ == "xcomp" and c.lemma_.lower() == "be" for c in children):
            return True
        if lemma in _PASSIVE_NOT_SPEECH and token.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in children) \
                and not any(c.dep_ == "agent" for c in children):
            return True
    return False


def _likens_or_gives(lemma: str, children: Sequence[Any]) -> bool:
    """Whether a "remind" likens ("X reminds us of the houseguest who won't leave": an object and "of",
    no clause) or an "offer" gives ("jokingly offered the man a job": someone to give to) — no speech."""
    if any(c.dep_ in {"ccomp", "xcomp"} for c in children):
        return False
    if lemma == "remind":
        return any(c.dep_ == "prep" and c.lower_ == "of" for c in children)
    return lemma == "offer" and any(c.dep_ in {"dative", "iobj"} for c in children)


ADDED_THINGS = True
""""Add" with a direct object adds a thing, not words: "advocated adding the question on the ground it
would give an advantage to “Republicans …”", "a pre-existing commitment to adding a citizenship
question", "adding insult to injury" are no cues (the tagger's attribution on one is dropped, and the
rules take no quotation for it); "adding that …", "“…,” he added" and "he added: …" stay
(:func:`_adds_thing`)."""


def _without_added_things(paragraph: _Paragraph, marks: list[QuoteMark], used: set[int]) -> list[Quote]:
    """The rules' attributions of ``paragraph`` but those on "add" with a thing for object (see
    :data:`ADDED_THINGS`); the quotations those had taken are free again for another cue, or to be
    listed with no speaker. (They stay among the tagger's features: what it was trained with.)"""
    if not paragraph.added_things:
        return paragraph.rule_quotes
    kept = []
    for quote in paragraph.rule_quotes:
        if quote.cue_span not in paragraph.added_things:
            kept.append(quote)
        elif quote.direct:
            used.difference_update(i for i, m in enumerate(marks) if m.start <= quote.span[0] and quote.span[1] <= m.end)
    return kept


def _adds_thing(token: Any) -> bool:
    """Whether ``token`` is a form of "add" with a direct object that is a thing added, not words
    ("she added the words, ''Hillary Clinton''" is speech)."""
    return token.lemma_.lower() == "add" and any(
        child.dep_ == "dobj" and child.lemma_.lower() not in _WORDS_ADDED for child in token.children)


_WORDS_ADDED = frozenset({"word", "line", "comment", "remark", "note", "caveat", "quip", "phrase", "sentence",
                          "thought", "point", "that", "this"})


ADJECTIVAL_CUES = True
"""Drop the tagger's attribution whose cue is a participle modifying a noun of its content ("its
recently announced [anti-hate policy]", "dropped alleged [sexual harasser R. Kelly's music]"): the
noun phrase is a thing, not something said, and the source the tagger gave it is the subject of
another clause ("… after some music industry players criticized it") (:func:`_modifies_content`)."""


def _modifies_content(cue: Sequence[Any], content: Sequence[Any]) -> bool:
    """Whether every reporting verb of ``cue`` (else every verb) is a participle modifying (``amod``)
    a token of ``content``."""
    inside = {(id(t.doc), t.i) for t in content}
    verbs = [t for t in cue if t.lower_ in reporting_verbs()] or [
        t for t in cue if t.pos_ in {"VERB", "AUX"} or t.tag_ in {"VBN", "VBG", "VBD"}]
    return bool(verbs) and all(
        t.dep_ == "amod" and t.tag_ in {"VBN", "VBG"} and (id(t.head.doc), t.head.i) in inside for t in verbs)


SENTENCE_LEVEL = True
"""Parse only the sentences worth parsing (runs of them form the tagger's sequences), not every
sentence of a paragraph that has one: 15–20 % less CPU for 0.002 content F1 on PolNeAR dev."""


def _merge_rules(text: str, quotes: list[Quote], rules: list[Quote], clauses: set[tuple[int, int]]) -> None:
    """Add the rules' quotes the tagger missed: direct quotes with a speaker, also a partial quotation
    inside a tagged reported clause ("… could lead to “an Aleppo-style quagmire”" is a quote of its
    own); "“A,” he said. “B”" as one quote replaces the tagger's parts of it; quotes nested in a
    tagged content whose channel the rules found ("Reuters reported that X said …"); and a reported
    content that is a whole clause around or before its cue (``clauses``) replaces the tagger's
    pieces of it."""
    for rule in rules:
        if rule.speaker_span is None or any(rule.span == q.span for q in quotes):
            continue
        if rule.direct:
            # (also the tagger's parts of “A,” she said. “B.”, each less than half of the whole: listed
            # beside it, they printed the same words twice)
            covering = [
                q for q in quotes
                if q.direct and (_overlap(rule.span, q.span) >= 0.5 * (rule.span[1] - rule.span[0])
                                 or _inside(q.span, (rule.span[0] - 2, rule.span[1] + 2)))
            ]
            if not covering:
                quotes.append(rule)
            elif rule.cue_span is not None and any(
                    _inside(q.span, rule.span) and q.span[0] > rule.cue_span[1] and _cue_right_after(text, q)
                    for q in covering):
                # “A,” he noted. “B,” he added. — the last part has an attribution of its own right after
                # it (the rules joined the quotation after theirs): the parts are two quotes
                continue
            elif all(_inside(q.span, (rule.span[0] - 2, rule.span[1] + 2)) and q.direct and q.speaker in (rule.speaker, None)
                     for q in covering):
                for q in covering:
                    quotes.remove(q)
                quotes.append(rule)
        elif rule.channel is not None and rule.cue_span is not None and not _channel_in_source(text, rule) and any(
            _inside(rule.cue_span, q.span) for q in quotes
        ):
            quotes.append(rule)
        elif not rule.direct and rule.span in clauses:
            # "The museum, Mr. Bush said, celebrated …" / "X, according to Y": the clause around or
            # before the cue is the content; the tagger stops at the cue or takes a verb of X for one.
            overlapping = [q for q in quotes if _overlap(rule.span, q.span) > 0]
            if all(not q.direct and (_inside(q.span, rule.span) or _same_cue(q, rule)) for q in overlapping):
                for q in overlapping:
                    quotes.remove(q)
                quotes.append(rule)


def _channel_in_source(text: str, quote: Quote) -> bool:
    """Whether the quote's channel is the document its source phrase names ("statement" of "Ivanka
    Trump's statement didn't clarify …", :func:`_document_channel`), not an outlet that carried it."""
    if quote.channel is None or quote.speaker_span is None:
        return False
    return quote.channel in text[quote.speaker_span[0] : quote.speaker_span[1]]


def _cue_right_after(text: str, quote: Quote) -> bool:
    """Whether ``quote``'s cue follows its closing mark in the same sentence (“B,” he added).
    (Not a cue further on: the tagger sometimes gives the second part of “A,” X said. “B.” a verb
    of the next paragraph.)"""
    if quote.cue_span is None or quote.cue_span[0] < quote.span[1]:
        return False
    between = text[quote.span[1] : quote.cue_span[0]]
    return len(between) <= 40 and "\n" not in between and re.search(r"[.!?][”\"’']?\s", between) is None


def _same_cue(quote: Quote, rule: Quote) -> bool:
    """Whether the tagger's ``quote`` hangs on the cue the rules' ``rule`` does (the same attribution)
    and runs into the words between that cue and the rule's clause ("As X assumes in his article for
    Y, Z …": the tagger's "his article for Y, Z" for the clause "Z …")."""
    if quote.cue_span is None or rule.cue_span is None or _overlap(quote.cue_span, rule.cue_span) == 0:
        return False
    if rule.cue_span[1] <= rule.span[0]:
        between = (rule.cue_span[1], rule.span[0])
    elif rule.span[1] <= rule.cue_span[0]:
        between = (rule.span[1], rule.cue_span[0])
    else:
        return False
    return _overlap(quote.span, between) > 0


ACCORDING_TO = True
""""X, according to Y" reports the clause X: the rules' content replaces the tagger's pieces inside it
(the tagger often takes a verb of X for the cue: "Ms. Ruiz plans to visit …, according to a city
aide" is the aide's, not Ms. Ruiz's plan). PolNeAR source F1 overlap, dev halves (even / odd) 0.6546 /
0.6642 → 0.6555 / 0.6691; content up on both."""

PARENTHETICAL = True
"""Read a cue set off by commas inside the clause it reports ("The museum, Mr. Bush said,
celebrated …") as reporting the whole clause (:func:`_parenthetical`, :func:`_split_subject`), and
let that clause replace the tagger's pieces of it. Checked on both halves of the PolNeAR dev split
and of the train split (the rule is not learnt, so train is a fair check): source F1 overlap dev
even 0.6515 → 0.6540, odd 0.6572 → 0.6605; train even 0.6711 → 0.6727, odd 0.6913 → 0.6925;
content F1 overlap rose on all four halves too."""


def _model_quotes(
    text: str, paragraph: _Paragraph, tags: list[str], marginals: list[float], marks: list[QuoteMark], used: set[int],
    speakers: _Speakers, rules: list[Quote], quoted: list[list[bool]] | None = None,
) -> list[Quote]:
    tokens = _FlatTokens(paragraph)
    sentence_of = [number for number, doc in enumerate(paragraph.docs) for _ in range(len(doc))]
    columns = [token_columns(doc) for doc in paragraph.docs]
    punct = [p or s for c in columns for p, s in zip(c.is_punct, c.is_space, strict=True)]
    found = []
    in_quote = [flag for row in (quoted if quoted is not None else _in_quote(paragraph, marks)) for flag in row]
    paragraph_end = paragraph.offsets[-1] + len(_doc_text(paragraph.docs[-1]))
    words = [word for c in columns for word in c.text]
    items = list(attribution.decode(tags, sentence_of, punct, in_quote, marginals, words))
    subjects = _subjects_joined(items, tokens, in_quote) if SUBJECT_CONTENTS else {}
    items = [item for item in items if id(item) not in subjects or subjects[id(item)] is not None]
    stops = _conjoined_reports(paragraph, tags, in_quote) if CONJOINED_REPORTS else []
    if stops:
        rules = [_cut_rule(text, rule, stops) for rule in rules]
    for item in items:
        if item.confidence < MIN_CONFIDENCE:
            continue
        if item.cue is not None and any(t.lemma_.lower() in LINKING_CUES for _, _, t in tokens[item.cue[0] : item.cue[1]]):
            continue
        if PARTICIPLE_CUES and item.cue is not None and any(
                _participle_modifier(t) for _, _, t in tokens[item.cue[0] : item.cue[1]]):
            continue
        if NOT_SPEECH_CUES and item.cue is not None and _reports_nothing([t for _, _, t in tokens[item.cue[0] : item.cue[1]]]):
            continue
        content = _char_span(tokens, item.content)
        if ADJECTIVAL_CUES and item.cue is not None and _modifies_content(
                [t for _, _, t in tokens[item.cue[0] : item.cue[1]]], [t for _, _, t in tokens[item.content[0] : item.content[1]]]):
            continue
        if EXTEND_CONTENT:
            content = _extended(tokens, item, content)
        content = _cut_at(text, content, stops)
        tagged = content
        direct = False
        for index, mark in enumerate(marks):
            shared = _overlap(content, (mark.start, mark.end))
            if shared >= 0.5 * (content[1] - content[0]):
                used.add(index)
                direct = True
                # The whole quotation when the content covers its part in this paragraph (a
                # multi-paragraph quote is one quote).
                portion = min(mark.end, paragraph_end) - max(mark.start, paragraph.offsets[0])
                if shared >= 0.8 * portion:
                    content = _trim(text, (mark.start, mark.end))
        rule = next((q for q in reversed(rules) if _overlap(q.span, content) > 0), None)
        # (only for a reported content clause, "that …": a quotation's attribution may sit between
        # its parts, and a content the tagger began at the source — "Sergey Lavrov as saying that
        # …" — still names it)
        reported = not any(_overlap(content, (m.start, m.end)) for m in marks) and re.match(
            r"(?:that|whether|if)\b", text[content[0] : content[1]], re.IGNORECASE) is not None
        if reported and rule is not None and rule.speaker_span is not None and _inside(rule.speaker_span, content):
            # the rules' quote is a clause reported inside this content, its speaker a subject there
            rule = dataclasses.replace(rule, speaker=None, speaker_span=None, speaker_title=None)
        item_cue = _char_span(tokens, item.cue) if item.cue is not None else None
        if (NESTED_ATTRIBUTIONS and rule is not None and item_cue is not None
                and _nested_attribution(rule, content, item_cue)):
            rule = dataclasses.replace(rule, speaker=None, speaker_span=None, speaker_title=None)
        cue_span = _char_span(tokens, item.cue) if item.cue else (rule.cue_span if rule else None)
        cue = text[cue_span[0] : cue_span[1]] if cue_span else (rule.cue if rule else None)
        if direct and cue_span is not None and _inside(cue_span, content):
            # "… but God wants to see us …" inside the quotation does not name its speaker.
            found.append(Quote(text=text[content[0] : content[1]], span=content, speaker=None, speaker_span=None,
                               cue=cue, cue_span=cue_span, direct=True))
            continue
        speaker = title = channel = document = None
        source_span = None
        # a source tagged inside the content is a subject of the reported clause ("lawyers said
        # that the files show that [an official] testified falsely"), not who spoke
        tagged_source = item.source if item.source is not None and (not reported or not _inside(
            _char_span(tokens, item.source), content)) else None
        if (SOURCES_OF_OTHER_CUES and tagged_source is not None and item_cue is not None and item.cue is not None
                and any(_source_of_other_cue(text, r, _char_span(tokens, tagged_source), item_cue) for r in rules)
                and _subject_below(tokens[tagged_source[0] : tagged_source[1]], tokens[item.cue[0] : item.cue[1]])):
            tagged_source = None
        if tagged_source is not None:
            source_span = _char_span(tokens, tagged_source)
            start, doc, _ = tokens[tagged_source[0]]
            inside = [t for _, _, t in tokens[tagged_source[0] : tagged_source[1]]]
            tops = [t for t in inside if not (inside[0].i <= t.head.i <= inside[-1].i) or t.head.i == t.i] or inside[:1]
            # "Mr. Trump, who he said …": the cue's own subject, not a relative pronoun before it.
            cue_tokens = {(id(d), t.i) for _, d, t in tokens[item.cue[0] : item.cue[1]]} if item.cue else set()
            root = next((t for t in tops if t.dep_ in {"nsubj", "nsubjpass"} and (id(t.doc), t.head.i) in cue_tokens),
                        tops[0])
            speaker, title = _resolve_speaker(text, doc, root, start, speakers)
            document = _document_channel(root)
        elif rule is not None and rule.speaker_span is not None:
            source_span, speaker, title = rule.speaker_span, rule.speaker, rule.speaker_title
        elif item.cue is not None:
            # The tagger found no source: the cue's grammatical subject, unless it lies in the content.
            start, doc, cue_token = tokens[item.cue[0]]
            subject = next(iter(_subjects(cue_token)), None)
            subject = subject if subject is not None else _inherited_subject(cue_token)
            if subject is not None:
                span = _subtree_span(subject, start)
                if not _overlap(span, content):
                    source_span = span
                    speaker, title = _resolve_speaker(text, doc, subject, start, speakers)
                    document = _document_channel(subject)
        document_span = source_span
        if rule is not None and rule.direct and direct and rule.speaker_span is not None:
            # The rules' attribution of a quotation (speaker, title) wins.
            speaker, title = rule.speaker, rule.speaker_title
            source_span = rule.speaker_span
        elif rule is not None and rule.speaker and (speaker is None or not _is_name(speaker)) and speaker not in {"I", "we"} \
                and not (OTHER_CUES_KEEP_SOURCE and speaker is not None and _nearer_cue(item_cue, rule, content)) \
                and not (ACRONYMS_NOT_PEOPLE and speaker is not None and speaker.lower() in {"he", "she"}
                         and not speakers.person_like(rule.speaker)) \
                and not (ACCORDING_CHANNELS and speaker is not None and rule.cue == "according to" and item.cue is not None
                         and any(_says(t) and _subjects(t) for _, _, t in tokens[item.cue[0] : item.cue[1]])):
            # (not the writer's "we" or "I": an overlapping rule is another attribution)
            speaker, title = rule.speaker, rule.speaker_title
        if item.cue is not None:
            start, doc, cue_token = tokens[item.cue[0]]
            channel = _channel(cue_token, doc)
            spoken_by = _speaking_verb(cue_token.head, reporting_verbs()) if (
                ACCORDING_CHANNELS and cue_token.lower_ == "according" and cue_token.head.i != cue_token.i) else None
            subject = next(iter(_subjects(spoken_by)), None) if spoken_by is not None else None
            if spoken_by is not None and subject is not None:
                # "Defendants told …, according to the lawsuit": the defendants, as the lawsuit reports
                source_span = _subtree_span(subject, start)
                speaker, title = _resolve_speaker(text, doc, subject, start, speakers)
                cue_span = (start + spoken_by.idx, start + spoken_by.idx + len(spoken_by.text))
                cue = spoken_by.text
                channel = _channel(spoken_by, doc) or _according_channel(spoken_by, doc)
        if ACCORDING_CHANNELS and channel is None and item.cue is not None:
            # "… responded …, according to a reporter": where the words are reported
            channel = next((c for c in (_according_channel(t, t.doc) for _, _, t in tokens[item.cue[0] : item.cue[1]]
                                        if t.pos_ in {"VERB", "AUX"}) if c is not None), None)
            tail = re.search(r",?\s*according to " + re.escape(channel) + r"\W*$", text[content[0] : content[1]]) if channel else None
            if tail is not None and tail.start() > 0:
                content = _trim(text, (content[0], content[0] + tail.start()))
        if channel is None and document is not None and source_span == document_span:
            channel = document  # "the company's blog post said": the company's, in a blog post
        if channel is None and rule is not None:
            channel = rule.channel
        if rule is not None and rule.channel and speaker == rule.channel and rule.speaker:
            # "RT quoted Sergey Lavrov as saying": the rules know RT is the channel.
            speaker, title, source_span = rule.speaker, rule.speaker_title, rule.speaker_span
        spoken = item.cue is not None and tokens[item.cue[0]][2].pos_ in {"VERB", "AUX"}
        if speaker is not None and _is_name(speaker) and (direct or (spoken and reports_speech(cue))):
            speakers.spoke(speaker, content[1], source_span[0] if source_span is not None else None)
        first = subjects.get(id(item))
        if first is not None:
            # the verbless subject before the cue begins the content (the speaker found as before)
            content = (_char_span(tokens, (first, first + 1))[0], content[1])
        quote = Quote(text=text[content[0] : content[1]], span=content, speaker=speaker, speaker_span=source_span,
                      speaker_title=title, cue=cue, cue_span=cue_span, channel=channel, direct=direct)
        found.append(quote)
        if PARTIAL_QUOTATIONS and direct and speaker is not None:
            around = clause_around_quotation(text, tagged, content)
            if around is not None and _one_quotation(around, marks) and not any(
                    span is not None and _overlap(span, around) for span in (cue_span, source_span)):
                found.append(_replace(quote, text=text[around[0] : around[1]], span=around, direct=False))
    # A cue the tagger found without a content: the rules' attribution on that cue, if any.
    cues = [tokens.offset(i) for i, tag in enumerate(tags) if tag == "B-CUE"]
    for quote in paragraph.rule_quotes:
        if quote.cue_span is None or any(_overlap(quote.span, q.span) for q in found):
            continue
        if any(quote.cue_span[0] <= at < quote.cue_span[1] for at in cues):
            found.append(quote)
    return found


MASTHEAD_THE = True
"""A capitalized "The" inside a sentence before an organisation the NER tagged without it is the name's:
"…, The Hill reported" is "The Hill", not "Hill" (600-article pile: 6 quotes), as the entities read it;
at a sentence's start "The" may be anybody's article ("The Pentagon said" stays "Pentagon"), unless the
article prints "The" with that name inside a sentence elsewhere (see :data:`MASTHEADS_AT_SENTENCE_START`)."""

MASTHEADS_AT_SENTENCE_START = True
"""A sentence opening with "The" and an organisation the tagger marks without it has the name's "The" when
the same article also prints "The" and that name after a word or comma ("…, The Hill reported. ¶ The Hill
noted …" is "The Hill" both times; the second had been "Hill", 600-article pile: 2 quotes)."""


def _with_masthead_the(doc: Any, ent: Any, text: str = "") -> str:
    """The organisation ``ent``'s name, with a capitalized "The" right before it inside its sentence, or at
    its start when ``text`` (the article) prints "The" and the name inside a sentence (see
    :data:`MASTHEAD_THE`)."""
    before = doc[ent.start - 1] if ent.start > 0 else None
    if before is not None and before.text == "The" and ent.label_ == "ORG" and not ent.text.startswith("The ") and (
            before.i > before.sent.start or (MASTHEADS_AT_SENTENCE_START and _masthead_in(text, str(ent.text)))):
        return f"The {ent.text}"
    return str(ent.text)


def _masthead_in(text: str, name: str) -> bool:
    """Whether ``text`` prints "The" and ``name`` after a word or comma, inside a sentence (see
    :data:`MASTHEADS_AT_SENTENCE_START`)."""
    # (on one line: "from RT ¶ The Pentagon has disclosed" opens a paragraph)
    return re.search(rf"[\w,][^\S\n]+The[^\S\n]+{re.escape(name)}\b", text) is not None


SOURCES_OF_OTHER_CUES = True
"""A source the tagger gives a cue is not that cue's when it is the subject of another cue of the rules
whose reported content runs from it to a comma right before the cue, and the parse hangs its clause below
the cue (:func:`_subject_below`): in "New docs show [that the architect of GOP gerrymandering was behind …], said it “would clearly be
a disadvantage to the Democrats”" (a tweet quoted in an article of the 600-article pile) the documents
show, and the architect said; "New docs" had been given the quotation. The cue then has the speaker its
own clause gives it, or none (:func:`_source_of_other_cue`). "Representative Jim Jordan, …, asked if …,
said, “…”" keeps Jordan, the subject of "said"."""


def _source_of_other_cue(text: str, rule: Quote, source: tuple[int, int], cue: tuple[int, int]) -> bool:
    """Whether ``source`` is the speaker of the rules' attribution ``rule`` on another cue than ``cue``,
    whose reported content runs from after the source up to a comma right before ``cue`` (see
    :data:`SOURCES_OF_OTHER_CUES`)."""
    return (rule.speaker_span is not None and rule.cue_span is not None and not rule.direct
            and _overlap(rule.speaker_span, source) > 0 and not _overlap(rule.cue_span, cue)
            and source[1] <= rule.cue_span[0] and rule.span[1] <= cue[0]
            and re.fullmatch(r"[ \t]*,[ \t]*", text[rule.span[1] : cue[0]]) is not None)


def _subject_below(source: Sequence[tuple[int, Any, Any]], cue: Sequence[tuple[int, Any, Any]]) -> bool:
    """Whether a token of ``source`` is the subject of a clause before the cue that the parse hangs below a
    token of ``cue`` as its complement ("[New docs show that …], said it": what "said" would report), so
    that it is no subject of the cue's ("Representative Jim Jordan, …, asked if …, said, “…”" is parsed
    the other way round, "said" below "asked": Jordan keeps the quotation)."""
    heads = {(id(doc), token.i) for _, doc, token in cue}
    return any(token.dep_ in {"nsubj", "nsubjpass"} and token.head.dep_ == "ccomp"
               and (id(doc), token.head.head.i) in heads and token.head.i < token.head.head.i
               for _, doc, token in source)


NESTED_ATTRIBUTIONS = True
"""The rules' attribution whose cue and speaker both lie inside the tagger's content, on another cue
than the tagger's, is a clause reported within that content ("the challengers say [the new
information shows …]", "They also say that [… a letter requesting that Commerce add …]"): its
speaker is no candidate for the content's own speaker ("the new information", "Commerce" were
given to the challengers' words). Census pile: 5 such speakers."""


def _nested_attribution(rule: Quote, content: tuple[int, int], cue: tuple[int, int]) -> bool:
    """Whether ``rule`` is an attribution inside ``content`` on a cue other than ``cue``, the
    tagger's cue of that content (see :data:`NESTED_ATTRIBUTIONS`)."""
    return (rule.cue_span is not None and rule.speaker_span is not None and not _overlap(rule.cue_span, cue)
            and _inside(rule.cue_span, content) and _inside(rule.speaker_span, content))


OTHER_CUES_KEEP_SOURCE = True
"""The source the tagger found for its cue is not replaced by the speaker of a rules' attribution on
another cue that merely overlaps the content: "Kelly is accused of misconduct by several women, while
the parents of one of his girlfriends … have claimed their daughter is “brainwashed” …" is the
parents' claim, not the women's (the rules took the quotation for what "accused" reports) — when
the tagger's cue stands nearer the content than the rules' one. With no source of its own, on the same
cue or farther off ("Darrell Issa described, “I've never seen …” … one can see"), the rules' speaker
still fills in."""


def _nearer_cue(cue: tuple[int, int] | None, rule: Quote, content: tuple[int, int]) -> bool:
    """Whether ``cue`` (the tagger's) is another cue than the rules' attribution ``rule`` and nearer
    the content (see :data:`OTHER_CUES_KEEP_SOURCE`)."""
    if cue is None or rule.cue_span is None or _overlap(rule.cue_span, cue) or _inside(cue, rule.span):
        # (the tagger's attribution inside what the rules' one reports is theirs to give: "The evidence
        # suggests that …, the ACLU said")
        return False

    def gap(span: tuple[int, int]) -> int:
        return max(content[0] - span[1], span[0] - content[1], 0)

    return gap(cue) < gap(rule.cue_span)


PARTIAL_QUOTATIONS = True
"""A tagged content that holds a quotation and words of the reported clause around it ("Pataki says
[Kasich “has a track record …”]", "Rubio called [the statement “offensive and outlandish.”]") is
that clause, as PolNeAR marks it, listed beside the quotation itself (a quote of its own, whose
words the dossier matches across outlets): snapped to the quotation alone it lost who or what the
speaker was talking about. The same already held when the quotation was under half the clause.
Only for a quotation whose speaker is known: a clause without one is a row the reader cannot place
("they should “…” and “…”" with no speaker; the quotations themselves are still listed)."""

_COMPLEMENTIZERS = frozenset({"that", "whether", "if"})


def _one_quotation(clause: tuple[int, int], marks: Sequence[QuoteMark]) -> bool:
    """Whether ``clause`` holds a single quotation: around two ("… “comprehensive access” for goods,
    which means “…”") it would hide the one the content was not snapped to, which is listed on its
    own only when no quote overlaps it."""
    return sum(1 for mark in marks if _overlap(clause, (mark.start, mark.end))) == 1


_CLAUSE_WORD = re.compile(r"\w+(?:['’]\w+)*")
_SENTENCE_END = re.compile(r"[.!?][”\"’']?\s")
_OPENING_MARKS = " \t\u00a0\"“‘'«„"
_CLOSING_MARKS = frozenset("\"”’'»")
_CLOSING_PUNCTUATION = frozenset(",;:.!?")


def clause_around_quotation(text: str, clause: tuple[int, int], quotation: tuple[int, int]) -> tuple[int, int] | None:
    """The reported clause ``clause`` holds around ``quotation`` (the quoted words, without their
    marks) when it reaches beyond it by words of its own in the same sentence, else None.

    A complementizer alone ("said that “…”"), marks and punctuation are not enough: that clause
    would print the quotation again with nothing added. Words before a complementizer are the
    cue's, not the clause's ("told [the prime minister] that “…”": the clause starts at "that").
    A quotation opened after a comma or colon ("said of the attack, “…”") or across a sentence end
    is a quotation of its own, not part of a clause; one that closes on its own punctuation ends the
    clause ("“Nobody will pay,” and left": the words after it are the writer's)."""
    if not (clause[0] <= quotation[0] and quotation[1] <= clause[1]) or clause == quotation:
        return None
    start, end = clause
    if _SENTENCE_END.search(text, start, quotation[0]) or _SENTENCE_END.search(text, quotation[1] - 1, end):
        return None
    before = text[start : quotation[0]].rstrip(_OPENING_MARKS)
    if before.endswith((",", ":", ";")):
        return None
    words = list(_CLAUSE_WORD.finditer(text, start, quotation[0]))
    joining = [w for w in words if w.group().casefold() in _COMPLEMENTIZERS]
    if joining:
        start = joining[-1].start()
        words = [w for w in words if w.start() > start]
    close = quotation[1]
    while close < end and text[close] in _CLOSING_PUNCTUATION:
        close += 1
    if (close > quotation[1] or text[quotation[1] - 1] in _CLOSING_PUNCTUATION) and text[close : close + 1] in _CLOSING_MARKS:
        # “…,” and left — punctuation inside the closing mark ends the quoted clause there
        end = close
        while end < clause[1] and text[end] in _CLOSING_MARKS:
            end += 1
    after = _CLAUSE_WORD.search(text, quotation[1], end)
    # an article alone ("The “principal benefit,”") names nothing the quotation does not
    own = [w for w in words if w.group().casefold() not in _LEADING_DETERMINERS]
    return (start, end) if own or after is not None else None


class _FlatTokens(Sequence[tuple[int, Any, Any]]):
    """A paragraph's tokens in one sequence of ``(sentence start, doc, token)``, the tokens made
    only when asked for."""

    def __init__(self, paragraph: _Paragraph) -> None:
        self.offsets = paragraph.offsets
        self.docs = paragraph.docs
        self.where: list[tuple[int, int]] = [
            (number, i) for number, doc in enumerate(paragraph.docs) for i in range(len(doc))
        ]
        # The items made so far, by index: the rules ask for the same cue and content tokens many
        # times. (Exact: a token object only reads its doc, which is never changed after parsing.)
        self.made: list[tuple[int, Any, Any] | None] = [None] * len(self.where)

    def __len__(self) -> int:
        return len(self.where)

    def _item(self, index: int) -> tuple[int, Any, Any]:
        made = self.made[index]
        if made is None:
            number, i = self.where[index]
            doc = self.docs[number]
            made = self.made[index] = (self.offsets[number], doc, doc[i])
        return made

    def offset(self, index: int) -> int:
        """The character offset of token ``index`` in the text."""
        number, i = self.where[index]
        return self.offsets[number] + token_columns(self.docs[number]).idx[i]

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [self._item(i) for i in range(*index.indices(len(self.where)))]
        return self._item(index + len(self.where) if index < 0 else index)


SUBJECT_CONTENTS = True
"""The tagger's reported content that is the verbless subject before its cue ("[The court] is
expected [to rule by June]") joins the cue's content after it (:func:`_subjects_joined`): alone it
was a fragment, "The court", listed as a claim (PolNeAR marks the subject in the content). Not a
pronoun ("it appeared that …") nor a clause's start ("As President Obama appears set to …"). Reported
contents of one to three words: census pile 22 -> 18, FakeNewsCorpus sample 82 -> 79 (27 fragments
joined); Spotify pile unchanged. PolNeAR dev content/source overlap 0.7095/0.6647 -> 0.7100/0.6647;
BASIL unchanged. (Dropping such fragments instead lowered PolNeAR content overlap to 0.7091.)"""


def _subjects_joined(items: list[Any], tokens: Sequence[tuple[int, Any, Any]], in_quote: list[bool]) -> dict[int, int | None]:
    """For each verbless content before its cue that the same cue's content after it takes in: the
    fragment's ``id`` -> None (dropped), the taking item's ``id`` -> the fragment's first token."""
    joined: dict[int, int | None] = {}
    for item in items:
        if item.cue is None or item.source is not None or item.content[1] > item.cue[0]:
            continue
        words = [t for _, _, t in tokens[item.content[0] : item.content[1]]]
        if (any(in_quote[item.content[0] : item.content[1]]) or any(t.pos_ in {"VERB", "AUX"} for t in words)
                or not any(t.pos_ in {"NOUN", "PROPN"} for t in words) or words[0].pos_ in {"SCONJ", "ADP"}):
            # ("it appeared that …": no subject; "As President Obama appears set to …": he acts)
            continue
        after = next((o for o in items if o is not item and o.cue == item.cue and o.source is None
                      and o.content[0] >= item.cue[1] and id(o) not in joined), None)
        if after is None:
            continue
        joined[id(item)] = None
        if not (HOLDER_SUBJECTS and _finite_complement(tokens, after.content)):
            joined[id(after)] = item.content[0]
    return joined


HOLDER_SUBJECTS = True
"""A subject before a passive cue whose content after it is a "that" clause holds the view; it is
not part of the content: "[Fisk] is convinced [that after the fall of Mosul, the army would invade
Syria]" listed "Fisk is convinced that after …" as what was said (the sample pile). With an
infinitive ("[The court] is expected [to rule by June]") the subject is part of the content and the
two stay joined (:data:`SUBJECT_CONTENTS`). The fragment is dropped either way; the content after
the cue then finds its speaker as any content the tagger gave no source: the cue's subject."""


def _finite_complement(tokens: Sequence[tuple[int, Any, Any]], content: tuple[int, int]) -> bool:
    """Whether the content begins with "that" introducing its clause (a finite complement)."""
    if content[0] >= content[1]:
        return False
    first = tokens[content[0]][2]
    return bool(first.lower_ == "that" and first.dep_ == "mark")


_CONJOINED_CUES = _SAYING | {"call"}
"""Lemmas of a conjoined clause's verb that make it a report of its own (see :data:`CONJOINED_REPORTS`)."""


def _conjoined_reports(paragraph: _Paragraph, tags: Sequence[str], in_quote: Sequence[bool]) -> list[int]:
    """The character offsets of the commas of ", and/but" (outside quotation marks) before a
    conjoined clause with its own subject that is a report: its verb one by which people speak, or
    tagged the cue of a (not pronoun) subject tagged its source ("…, and he accepted" goes on
    telling), and no "that" of its own ("…, and that he agreed …" is the same report's). A
    reported content running on over them ends there (see :data:`CONJOINED_REPORTS`)."""
    stops = []
    base = 0
    for offset, doc in zip(paragraph.offsets, paragraph.docs, strict=True):
        for token in doc:
            if token.dep_ != "conj" or token.pos_ not in {"VERB", "AUX"} or in_quote[base + token.i]:
                continue
            subjects = [c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i < token.i]
            if not subjects:
                continue
            if any(c.dep_ == "mark" for c in token.children):
                continue  # "…, and that he agreed to …": a second clause of the same report
            tagged = (tags[base + token.i] == "B-CUE" and tags[base + subjects[0].i].endswith("-SRC")
                      and subjects[0].pos_ != "PRON")
            if not (tagged or token.lemma_.lower() in _CONJOINED_CUES):
                continue
            edge = token.left_edge.i
            if edge >= 2 and doc[edge - 1].lower_ in {"and", "but"} and doc[edge - 2].text == ",":
                stops.append(offset + doc[edge - 2].idx)
        base += len(doc)
    return stops


def _cut_at(text: str, span: tuple[int, int], stops: Sequence[int]) -> tuple[int, int]:
    """``span`` ended before the first of ``stops`` strictly inside it."""
    inside = [stop for stop in stops if span[0] < stop < span[1]]
    return _trim(text, (span[0], min(inside))) if inside else span


def _cut_rule(text: str, rule: Quote, stops: Sequence[int]) -> Quote:
    """A rules' reported content ended before a conjoined report (see :data:`CONJOINED_REPORTS`)."""
    if rule.direct:
        return rule
    span = _cut_at(text, rule.span, stops)
    return rule if span == rule.span else dataclasses.replace(rule, text=text[span[0] : span[1]], span=span)


def _extended(tokens: Sequence[tuple[int, Any, Any]], item: Any, content: tuple[int, int]) -> tuple[int, int]:
    """``content`` (the character span of ``item.content``) grown to the subtree of its tokens' one
    head when that subtree holds neither the cue nor the source (see :data:`EXTEND_CONTENT`)."""
    inside = [t for _, _, t in tokens[item.content[0] : item.content[1]]]
    if not inside or any(t.doc is not inside[0].doc for t in inside):
        return content
    first, last = inside[0].i, inside[-1].i
    tops = [t for t in inside if not (first <= t.head.i <= last) or t.head.i == t.i]
    if len(tops) != 1:
        return content
    subtree = list(tops[0].subtree)
    lo, hi = subtree[0].i, subtree[-1].i
    blocked: set[tuple[int, int]] = set()
    for span in (item.cue, item.source):
        if span is not None:
            blocked.update((id(t.doc), t.i) for _, _, t in tokens[span[0] : span[1]])
    if any((id(t.doc), t.i) in blocked for t in subtree):
        return content
    doc = inside[0].doc
    while hi > lo and doc[hi].is_punct:
        hi -= 1
    offset = tokens[item.content[0]][0]
    start = min(content[0], offset + doc[lo].idx)
    end = max(content[1], offset + doc[hi].idx + len(doc[hi].text))
    return start, end


_KEPT_STOPS = frozenset({"jr", "sr", "inc", "co", "corp", "ltd", "bros", "st", "esq"})


def tidy_source_span(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """A speaker span without the sentence's full stop the tagger or a signature took along
    ("― Carla Sanchez." → "Carla Sanchez"; not the stop of "Jr." or of an initial) or trailing
    spaces, and with the bracket it opened closed ("Rep. Gwen Moore (D-Wis." → "… (D-Wis.)"). The
    comma closing an apposition stays ("Phil Lovas, the state's campaign chairman,"), as PolNeAR
    marks sources: cutting it cost 0.009 of source exact F1 on its dev split; a span that stops
    right before it takes it (:func:`_apposition_closed`)."""
    start, end = span
    while end > start and text[end - 1].isspace():
        end -= 1
    end = _apposition_closed(text, start, end)
    piece = text[start:end]
    if piece.count("(") > piece.count(")"):
        if text[end : end + 1] == ")":
            end += 1
    elif end > start and text[end - 1] == ".":
        word = re.search(r"([^\W\d_]+)\.$", piece)
        dotted = re.search(r"(?:^|[\s(])(?:[^\W\d_]\.)+$", piece)
        if word is not None and dotted is None and word.group(1).casefold() not in _KEPT_STOPS:
            end -= 1
    return (start, end) if end > start else span


def _apposition_closed(text: str, start: int, end: int) -> int:
    """The end of a source phrase that holds an apposition or an age set off by a comma, taken over
    the comma that closes it ("Graham, a former candidate[,] told CBS"; "Clinton, 35, the daughter of
    …[,] said"): PolNeAR marks the source with both commas. (The tagger and the parse stop before it.)"""
    if end < len(text) and text[end] == "," and "," in text[start:end]:
        return end + 1
    return end


def _char_span(tokens: Sequence[tuple[int, Any, Any]], span: tuple[int, int]) -> tuple[int, int]:
    first_start, _, first = tokens[span[0]]
    last_start, _, last = tokens[span[1] - 1]
    return first_start + first.idx, last_start + last.idx + len(last.text)


_LABEL = re.compile(r"^(?P<label>[A-Z][A-Za-z.'’\-]+(?: [A-Z][A-Za-z.'’\-]+){0,2}):[ \t]+(?P<content>\S.*)$")
_NOT_LABELS = {
    "update", "note", "photo", "source", "sources", "region", "theme", "editor", "editor's note", "watch", "read",
    "related", "video", "correction", "disclaimer", "tags", "image", "listen", "breaking", "exclusive", "opinion",
    "analysis", "q", "a", "question", "answer", "transcript", "live", "more",
    # page furniture ("Headline: Bitcoin & Blockchain Searches Exceed Trump!", on 130 pages of one site)
    "headline", "headlines", "title", "subtitle", "caption", "credit", "credits", "advertisement", "sponsored",
    "posted", "published", "updated", "category", "categories", "topics", "keywords", "author", "date", "location",
    "summary", "highlights", "trending", "featured", "via", "share", "comments", "warning", "alert",
}


def _capital_labels(text: str) -> dict[int, tuple[str, int, int]]:
    """Paragraph start → (label, where it is printed, paragraph end), for the paragraphs a speaker label
    in capitals opens ("WALLACE: Let's start …"; page labels such as "UPDATE:" left out)."""
    found: dict[int, tuple[str, int, int]] = {}
    for start, end in _paragraphs(text):
        opening = len(text[start:end]) - len(text[start:end].lstrip(" \"“'"))
        match = _LABEL.match(text[start + opening : end])
        if match and match.group("label").isupper() and match.group("label").lower() not in _NOT_LABELS:
            found[start] = (match.group("label"), start + opening, end)
    return found


def _label_sources(text: str, quotes: list[Quote]) -> list[Quote]:
    """A quote with no source that opens a transcript line ("WALLACE: Let's start …", the tagger's
    content) is the labelled speaker's."""
    lines = _capital_labels(text)
    if not lines:
        return quotes
    labels = {start: (label, at) for start, (label, at, _) in lines.items()}
    ends = {start: end for start, (_, _, end) in lines.items()}
    out = []
    for quote in quotes:
        # a content that opens the line right after "NAME:" is NAME's, whatever the tagger read
        # inside it ("LIPTAK: Listen. … All you need to do is to say …" is not "All"'s)
        found = next(((label, at) for start, (label, at) in labels.items()
                      if (quote.speaker_span is None and start <= quote.span[0] <= at + len(label) + 3)
                      or (quote.speaker_span is not None and at + len(label) < quote.span[0] < quote.speaker_span[0]
                          and quote.speaker_span[1] <= ends[start] and not quote.direct)
                      # "LIPTAK: I think the court …": the first person of a transcript line
                      or (quote.speaker == "I" and quote.speaker_span is not None
                          and start <= quote.speaker_span[0] < ends[start])), None)
        if found is None and quote.speaker in {"you", "You"} and quote.speaker_span is not None:
            # "GROSS: And you say it's really Kavanaugh …": the one the line's speaker talks to, the
            # other speaker of the lines before
            line = next((start for start in labels if start <= quote.speaker_span[0] < ends[start]), None)
            if line is not None:
                found = next(((label, at) for start, (label, at) in sorted(labels.items(), reverse=True)
                              if start < line and label != labels[line][0]), None)
        if found is None:
            out.append(quote)
            continue
        label, at = found
        out.append(Quote(text=quote.text, span=quote.span, speaker=label.title(), speaker_span=(at, at + len(label)),
                         speaker_title=None, cue=quote.cue, cue_span=quote.cue_span, channel=quote.channel,
                         direct=quote.direct))
    return out


TRANSCRIPT_TURNS = True
"""In a transcript (lines opened by speaker labels in capitals: two labels or more, one of them
twice), a labelled speaker is named in full when the article names the person ("LIPTAK:" after "my
guest Adam Liptak" is Adam Liptak), and "I" in a paragraph without a label is whoever holds the turn:
the speaker of the last labelled paragraph before it (an answer running over several paragraphs:
"LIPTAK: The law had two pieces. …" then "And I think the court is likely to take …"); "you" there
is the other speaker ("But, you know, as you say, Terry, …")."""


def _transcript_labels(text: str) -> dict[int, tuple[str, int]]:
    """Paragraph start → (label, where it is printed), for the paragraphs a transcript label opens;
    empty when the text is no transcript (see :data:`TRANSCRIPT_TURNS`)."""
    labels = {start: (label, at) for start, (label, at, _) in _capital_labels(text).items()}
    counts = Counter(label for label, _ in labels.values())
    return labels if len(counts) >= 2 and max(counts.values()) >= 2 else {}


def _transcript_turns(text: str, quotes: list[Quote], speakers: _Speakers) -> list[Quote]:
    """Transcript speakers named in full, and "I" given to the speaker whose turn it is (see
    :data:`TRANSCRIPT_TURNS`)."""
    labels = _transcript_labels(text)
    if not labels:
        return quotes
    starts = sorted(labels)
    paragraph_starts = [start for start, _ in _paragraphs(text)]

    def name_of(label: str) -> str:
        if len(label.split()) > 1:
            return label.title()
        longer = {other.title() for other, _ in labels.values() if other.split()[-1] == label and other != label}
        if len(longer) == 1:  # "ADAM LIPTAK:" opens the interview, "LIPTAK:" the later turns
            return longer.pop()
        return speakers.only_full_name(label.title(), len(text)) or label.title()

    out = []
    for quote in quotes:
        span = quote.speaker_span
        if span is None:
            out.append(quote)
            continue
        labelled = next((label for start, (label, at) in labels.items() if span == (at, at + len(label))), None)
        if labelled is not None:
            out.append(_replace(quote, speaker=name_of(labelled), speaker_title=None))
            continue
        if quote.speaker not in {"I", "you", "You"}:
            out.append(quote)
            continue
        paragraph = paragraph_starts[bisect.bisect_right(paragraph_starts, span[0]) - 1]
        turn = bisect.bisect_right(starts, span[0]) - 1
        if paragraph in labels or turn < 0:
            out.append(quote)  # (a labelled line's "I" and "you" are settled: _label_sources)
            continue
        holder = labels[starts[turn]][0]
        if quote.speaker == "I":
            out.append(_replace(quote, speaker=name_of(holder), speaker_title=None))
            continue
        # "you" is the one the turn's speaker talks to: the other speaker of the turns before
        other = next((labels[start][0] for start in reversed(starts[:turn]) if labels[start][0] != holder), None)
        out.append(quote if other is None else _replace(quote, speaker=name_of(other), speaker_title=None))
    return out


def _people_words(speakers: _Speakers) -> frozenset[str]:
    """The folded names, and their words, of the people the article names."""
    found: set[str] = set()
    for person in speakers.people:
        folded = person.name.casefold()
        found.add(folded)
        found.update(folded.split())
    return frozenset(found)


def _labelled_lines(text: str, found: list[Quote], people: frozenset[str] = frozenset()) -> list[Quote]:
    """Transcript and headline style: "PENCE: Well, look, …" or "Pence: Flowers Won’t Be at Debate".
    A label in capitals (a transcript) is a speaker; one in title case only when it names a person
    the article names (``people``): "Screenshot:", "Now Playing:", "Mexico:" or a photo caption's
    "Getting physical:" are not."""
    taken = [q.span for q in found]
    quotes = []
    for start, end in _paragraphs(text):
        match = _LABEL.match(text[start:end])
        if not match:
            continue
        label = match.group("label")
        words = label.split()
        if label.lower() in _NOT_LABELS or words[0].lower() in _NOT_LABELS:
            continue
        if not (label.isupper() or (len(words) <= 3 and all(w[:1].isupper() for w in words)
                                    and (label.casefold() in people or words[-1].casefold() in people))):
            continue
        content = (start + match.start("content"), end)
        if any(_overlap(content, span) for span in taken):
            continue
        if not label.isupper():
            content = _headline_words(text, content)
        quotes.append(
            Quote(text=text[content[0] : content[1]], span=content, speaker=label.title() if label.isupper() else label,
                  speaker_span=(start, start + len(label)), cue=":", cue_span=(start + len(label), start + len(label) + 1),
                  direct=True)
        )
    return quotes


def _headline_words(text: str, content: tuple[int, int]) -> tuple[int, int]:
    """A headline's words after its speaker's label ("Pence: Flowers Won’t Be at Debate.") without the
    full stop the clean text closes the line with: a headline has none, and PolNeAR's content stops
    before it. (A transcript line's own sentence keeps its stop.)"""
    start, end = content
    if end - start > 1 and text[end - 1] == "." and text[end - 2] != ".":
        return start, end - 1
    return content


def _attributions(
    text: str, doc: Any, offset: int, marks: list[QuoteMark], used: set[int], speakers: _Speakers,
    verbs: frozenset[str], clauses: set[tuple[int, int]] | None = None, added: set[tuple[int, int]] | None = None,
) -> list[Quote]:
    """The rules' attributions in one parsed sentence; the spans of reported contents that are a
    whole clause around or before their cue are added to ``clauses``, the cue spans of "add" with a
    thing for object to ``added`` (:data:`ADDED_THINGS`)."""
    found: list[Quote] = []
    sentence_start, sentence_end = offset, offset + len(_doc_text(doc))
    columns = token_columns(doc)
    candidates = [
        i for i, (lower, pos, dep) in enumerate(zip(columns.lower, columns.pos, columns.dep, strict=True))
        if lower == "according" or (pos in {"VERB", "AUX"} and lower in verbs and dep != "amod")
    ]
    for i in candidates:
        token = doc[i]
        according = token.lower_ == "according" and any(c.lower_ == "to" for c in token.children)
        as_clause = False
        is_cue = token.pos_ in {"VERB", "AUX"} and token.lower_ in verbs and token.dep_ != "amod"
        if PARTICIPLE_CUES and is_cue and _participle_modifier(token):
            continue
        if not (is_cue or according):
            continue
        if according:
            to = next(c for c in token.children if c.lower_ == "to")
            objects = [c for c in to.children if c.dep_ == "pobj"]
            if not objects:
                continue
            source_token = objects[0]
            source_span = _subtree_span(source_token, offset)
            cue_span = (offset + token.idx, offset + to.idx + len(to.text))
            cue = "according to"
            head = token.head
            exclude = {t.i for t in token.subtree}
            content_span = _subtree_span(head, offset, exclude=exclude) if head is not token else None
        else:
            subjects = _subjects(token)
            agents = [g for c in token.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            if token.lemma_.lower() == "quote":
                # "RT quoted Sergey Lavrov as saying": the object speaks; the subject is the channel.
                agents = [c for c in token.children if c.dep_ == "dobj"] or agents
            elif token.dep_ in {"advcl", "xcomp", "pcomp"} and token.head.lemma_.lower() == "quote":
                continue  # "as saying" belongs to the "quoted" cue
            source_token = (agents or subjects or [None])[0]
            if source_token is None:
                # "…, acknowledging that …" / "Byman notes, adding that …": the subject of the verb above.
                source_token = _inherited_subject(token)
            if source_token is None:
                continue
            source_span = _subtree_span(source_token, offset)
            cue_span = (offset + token.idx, offset + token.idx + len(token.text))
            cue = token.text
            complements = [c for c in token.children if c.dep_ in {"ccomp", "xcomp", "conj"} and c.pos_ in {"VERB", "AUX"}]
            if token.lemma_.lower() == "quote":
                # "quoted X as saying that …": the content is what "saying" introduces.
                saying = [t for t in token.subtree if t.lemma_.lower() == "say" and t.i > token.i]
                complements = [c for t in saying[:1] for c in t.children if c.dep_ == "ccomp"] or complements
            split = _split_subject(token, subjects, complements) if PARENTHETICAL else None
            if PARENTHETICAL and not complements and _parenthetical(token):
                # "A, he said, B.": the clause around the cue is the content.
                complements = [token.head]
                content_span = _subtree_span(token.head, offset)
            elif split is not None:
                # "The council, the mayor said, will vote …": from the clause's subject to its end;
                # the subject next to the cue speaks.
                content_span = (_subtree_span(split, offset)[0], _subtree_span(complements[0], offset)[1])
                if source_token is split:
                    source_token = subjects[-1]
                    source_span = _subtree_span(source_token, offset)
            elif token.dep_ in {"ccomp", "parataxis"} and token.head.i < token.i and not complements:
                complements = [token.head]
                content_span = _subtree_span(token.head, offset, exclude={t.i for t in token.subtree})
            elif AS_CLAUSES and not complements and _as_clause(token):
                # "As Ms. Ruiz said on Monday, the bridge will reopen" / "…, as he noted.": the clause
                # the as-clause hangs from is the content.
                as_clause = True
                complements = [token.head]
                content_span = _subtree_span(token.head, offset, exclude={t.i for t in token.subtree})
            elif complements:
                content_span = _subtree_span(complements[0], offset)
            else:
                content_span = None
        # A quotation in the sentence (not inside the source) is the content; else one after a colon.
        quote_index = _quote_in(marks, sentence_start, sentence_end, source_span, used)
        if (NEARER_CUES and quote_index is not None and content_span is None
                and _under_nearer_cue(doc, token, candidates, offset, marks[quote_index])):
            quote_index = None
        # A cue inside a quotation reports speech within it: the quotation is not its content.
        quoted_cue = any(m.start <= cue_span[0] < m.end for m in marks)
        if quote_index is not None and marks[quote_index].start <= cue_span[0] < marks[quote_index].end:
            quote_index = None
        if ACCORDING_CHANNELS and quote_index is not None and according and _spoken_inside(
                doc, offset, marks[quote_index], exclude, verbs):
            # "According to C-SPAN, the mayor gave a talk in which he described it as a “danger”": the
            # quotation is what "he described", not C-SPAN's words
            quote_index = None
        after_colon = False
        if quote_index is None and text[cue_span[1] : sentence_end].strip().endswith(":"):
            quote_index = _quote_after(marks, sentence_end, used)
            after_colon = True
        if quote_index is None and content_span is None and not quoted_cue:
            # “What have you been debating?” Obama said. — the splitter ends the sentence at the "?".
            quote_index = _quote_before(text, marks, sentence_start, cue_span, used)
        direct = False
        if BLOCK_QUOTES and after_colon and quote_index is None and content_span is None and not quoted_cue:
            # "…, saying:¶Justice X has embarrassed all …" — a tweet or letter set as its own paragraph.
            block = _block_after(text, sentence_end, marks)
            if block is not None:
                content_span, direct = block, True
        if (QUOTED_TERMS and quote_index is not None and not after_colon
                and _quoted_term(text, doc, offset, marks[quote_index], token)):
            # "…, accused of running a 'sex cult', the company said": a quoted term inside the cue's
            # clause is the writer's wording, not what the source said; the clause (if any) is the content.
            quote_index = None
        if quote_index is not None:
            mark = marks[quote_index]
            # (also a quotation right after the cue and a colon, whatever clause the parser gave the cue:
            # "… sparkling ring She said: 'I'm always …'" parsed with "showcased" as its complement)
            if (content_span is None or _overlap(content_span, (mark.start, mark.end)) > 0 or cue == "according to"
                    or after_colon or re.fullmatch(r"\s*:\s*", text[cue_span[1] : mark.start - 1]) is not None):
                used.add(quote_index)
                content_span = (mark.start, mark.end)
                direct = True
                # “A,” he said. “B …” — the quote goes on after the attribution in the same paragraph.
                following = _quote_after(marks, sentence_end, used)
                if mark.end < cue_span[0] and following is not None and "\n\n" not in text[mark.end : marks[following].start]:
                    used.add(following)
                    content_span = (mark.start, marks[following].end)
        if content_span is None or content_span[1] <= content_span[0]:
            continue
        speaker, title = _resolve_speaker(text, doc, source_token, offset, speakers)
        adds = ADDED_THINGS and added is not None and is_cue and _adds_thing(token)
        if speaker is not None and _is_name(speaker) and not quoted_cue and (direct or reports_speech(cue)) and not adds:
            speakers.spoke(speaker, content_span[1], offset + source_token.idx)
        if adds and added is not None:
            added.add(cue_span)  # (nobody spoke: a later "they" or "it" is not them for this)
        if direct:
            content_span = _trim(text, content_span)
        elif clauses is not None and (
                as_clause
                or (PARENTHETICAL and content_span[0] < cue_span[0] and cue_span[1] < content_span[1])
                or (ACCORDING_TO and cue == "according to")):
            clauses.add(content_span)
        found.append(
            Quote(
                text=text[content_span[0] : content_span[1]],
                span=content_span,
                speaker=speaker,
                speaker_span=source_span,
                speaker_title=title,
                cue=cue,
                cue_span=cue_span,
                channel=_channel(token, doc) or _document_channel(source_token)
                or (_according_channel(token, doc) if ACCORDING_CHANNELS and not according else None),
                direct=direct,
            )
        )
    return found


NEARER_CUES = True
"""A cue with no clause of its own does not take a quotation of its sentence that another cue below
it governs: "They point to a 2015 study written by Dr. Thomas Hofeller, …, who wrote that using …
would be “advantageous to Republicans and Non-Hispanic Whites.”" is Hofeller's (cue "wrote"), not
"they"'s (cue "point"), which had only picked the sentence's one quotation up; the nearer cue then
takes it (:func:`_under_nearer_cue`)."""


def _under_nearer_cue(doc: Any, cue: Any, candidates: Sequence[int], offset: int, mark: QuoteMark) -> bool:
    """Whether ``mark`` opens in the subtree of another speech cue of ``candidates`` that hangs below
    ``cue`` in the parse and has a subject of its own (or one inherited: "who wrote") that may speak: a
    pronoun other than a thing's "that" or "which", a proper noun, a name tagged as a person,
    organisation, group or place, or a noun of people or an institution ("the parents", "the group")."""
    for index in candidates:
        other = doc[index]
        if other.i == cue.i or other.lower_ == "according" or other.lemma_.lower() in _MENTAL_LEMMAS:
            continue
        if cue not in other.ancestors:
            continue
        subject = next(iter(_subjects(other)), None) or _inherited_subject(other)
        if subject is None or not (subject.pos_ in {"PRON", "PROPN"} or subject.ent_type_ in _SPEAKING_ENTITIES
                                   or subject.lemma_.lower() in _SPEAKING_NOUNS):
            continue  # ("Abe, Trump said after the meeting has agreed “to …”": no meeting speaks)
        if subject.lower_ in {"that", "which"}:
            continue  # ("released a letter from his doctor that says …": the letter, issued by the subject)
        start, end = _subtree_span(other, offset)
        if start <= mark.start < end:  # (the sentence's full stop inside the marks hangs from the root)
            return True
    return False


_SPEAKING_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
_SPEAKING_NOUNS = frozenset(_ROLE_HEADS | _INSTITUTION_HEADS | _PEOPLE_NOUNS)
_MENTAL_LEMMAS = frozenset({"want", "believe", "think", "feel", "hope", "know", "fear", "worry", "wish", "expect",
                            "assume", "suspect", "doubt"})


SHOUTED_SPEAKERS = True
"""A speaker in an all-capitals line ("EXPERTS SAY RENT CONTROL WILL NOT FIX …") is printed as the
article prints those words elsewhere outside capitals ("experts", "Trump"); a speaker the article
never prints so is nobody's name — the quote keeps no speaker (:func:`_shouted_speaker`)."""


def _shouted_speaker(text: str, quote: Quote) -> Quote:
    """``quote`` with a speaker set in capitals in an all-capitals line re-cased (see
    :data:`SHOUTED_SPEAKERS`)."""
    speaker, span = quote.speaker, quote.speaker_span
    if not speaker or span is None or not speaker.isupper() or not re.search(r"[A-Z]{2}", speaker):
        return quote
    line_start = text.rfind("\n", 0, span[0]) + 1
    line_end = text.find("\n", span[1])
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    if not line.isupper() or len(line.split()) < 3:
        return quote
    pattern = re.compile(r"(?<![\w-])" + r"\s+".join(re.escape(w) for w in speaker.split()) + r"(?![\w-])", re.IGNORECASE)
    printed = next((m.group() for m in pattern.finditer(text) if not m.group().isupper()), None)
    if printed is None:
        return _replace(quote, speaker=None, speaker_span=None, speaker_title=None)
    return _replace(quote, speaker=re.sub(r"\s+", " ", printed))


PARTICIPLE_CUES = True
"""A passive participle with "being" and no finite verb of its own ("The drawdown being announced will
cut …", which the parser reads as "the drawdown" being announced, with "will cut …" its complement)
modifies a noun: it is no reporting cue, and the noun no speaker (:func:`_participle_modifier`)."""

_FINITE_TAGS = frozenset({"VBZ", "VBD", "VBP", "MD"})


def _participle_modifier(token: Any) -> bool:
    """Whether ``token`` is a passive participle that only modifies a noun ("being announced")."""
    if token.tag_ != "VBN" or token.lemma_.lower() == "quote":
        return False
    children = list(token.children)
    if not any(c.dep_ == "auxpass" and c.lower_ == "being" for c in children):
        return False
    return not any(c.dep_ in {"aux", "auxpass"} and c.tag_ in _FINITE_TAGS for c in children)


ACCORDING_CHANNELS = True
""""X told Y …, according to the lawsuit" / "The White House responded …, according to a reporter": when
the clause "according to" hangs from (or a clause above it) has a speaking cue with a subject of its
own, that subject spoke what its cue reports, and the phrase after "according to" is where that is
reported — the quote's channel, never a competing speaker of those words (:func:`_speaking_verb`,
:func:`_according_channel`). The whole clause, subject and cue included, stays a report of the
"according to" source (the lawsuit says the defendants told …: no conflict; PolNeAR annotates it so,
and dropping it cost source F1 overlap 0.6667 -> 0.6651). And a
quotation that a speaking cue with its own subject governs inside the clause ("According to C-SPAN,
the president gave a speech in which he addressed … as a 'clear and present change'") is that cue's,
not the "according to" source's (:func:`_spoken_inside`)."""


def _speaking_verb(head: Any, verbs: frozenset[str]) -> Any:
    """``head`` or the nearest clause above it (within three steps) whose verb reports speech and has a
    subject of its own, or ``None``."""
    node, steps = head, 0
    while steps < 3:
        if (node.pos_ in {"VERB", "AUX"} and node.lower_ in verbs and node.dep_ != "amod" and _says(node)
                and any(c.dep_ in {"nsubj", "nsubjpass"} for c in node.children)):
            return node
        if node.head.i == node.i or node.dep_ not in {"ccomp", "xcomp", "conj", "advcl"}:
            return None
        node, steps = node.head, steps + 1
    return None


def _says(token: Any) -> bool:
    """Whether ``token`` is a verb by which people speak (:data:`_SAYING`; not "plans", "believes")."""
    return token.lemma_.lower() in _SAYING and token.lemma_.lower() != "believe" and reports_speech(token.lower_)


def _spoken_inside(doc: Any, offset: int, mark: QuoteMark, exclude: set[int], verbs: frozenset[str]) -> bool:
    """Whether a speaking verb with a subject of its own (outside the "according to" phrase) governs
    the quotation ``mark``."""
    for token in doc:
        if token.i in exclude or not (token.pos_ in {"VERB", "AUX"} and token.lower_ in verbs and token.dep_ != "amod"):
            continue
        if not reports_speech(token.lower_) or not any(c.dep_ in {"nsubj", "nsubjpass"} for c in token.children):
            continue
        inside = [t for t in token.subtree if t.i != token.i and mark.start <= offset + t.idx < mark.end]
        if inside:
            return True
    return False


def _has_word(doc: Any, word: str) -> bool:
    """Whether a token of ``doc`` is ``word`` (lower-cased), read from its token columns."""
    return word in token_columns(doc).lower


def _according_channel(cue: Any, doc: Any) -> str | None:
    """The phrase after an "according to" that hangs from ``cue`` or from a clause below it (see
    :data:`ACCORDING_CHANNELS`), or ``None``."""
    if not _has_word(cue.doc, "according"):
        return None  # (none in the cue's doc: none in its subtree, which the loop below looks in)
    for token in cue.subtree:
        if token.lower_ != "according" or token.i == cue.i:
            continue
        speaking = _speaking_verb(token.head, frozenset({cue.lower_}))
        if speaking is None or speaking.i != cue.i:
            continue
        to = next((c for c in token.children if c.lower_ == "to"), None)
        obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        if obj is not None:
            return str(doc[obj.left_edge.i : obj.right_edge.i + 1].text)
    return None


QUOTED_TERMS = True
"""A quotation of one to three words that is only part of a phrase of the cue's clause — inside a noun
phrase, a modifier, after an article or preposition outside the marks — is not the cue's content
(:func:`_quoted_term`): the clause is, or there is no quote. Short quotations the cue governs ("called
it 'a disgrace'", "described as 'vague'", "said Spotify 'screwed up'") stay quotes. Short direct
quotes with a cue: Spotify pile 19 -> 13, census 31 -> 17, FakeNewsCorpus sample 128 -> 75 (gone:
"sex cult" by Spotify, "questionable" by Spotify, "hard-to-count" by the Census Bureau, …). PolNeAR
dev content/source overlap 0.7086/0.6640 -> 0.7095/0.6647; BASIL unchanged."""

OTHER_VERBS_TERMS = True
"""A short quotation that is the object of a verb other than the cue, outside the cue's clause (and
not the verb the cue's clause hangs from: "as X said, Biden showed 'passion'"), is no content of
the cue's either (:func:`_quoted_term`): "Acme made a mistake by playing “moral police” when it
yanked … and accused …" is no quote of "it accused". Spotify pile 361 -> 358 quotes,
FakeNewsCorpus sample 2477 -> 2473 (scare quotes); census, PolNeAR dev and BASIL unchanged."""

_TERM_DEPS = frozenset({"pobj", "amod", "compound", "nmod", "poss", "appos", "npadvmod", "nummod"})


def _quoted_term(text: str, doc: Any, offset: int, mark: QuoteMark, cue: Any) -> bool:
    """Whether a short quotation in the cue's sentence is a term of the writer's clause (a scare quote
    or a quoted name), not the whole of what the cue reports."""
    if len(re.findall(r"\w+(?:['’\-]\w+)*", text[mark.start : mark.end])) > 3:
        return False
    inside = [t for t in doc if mark.start <= offset + t.idx < mark.end and not t.is_punct]
    if not inside:
        return False
    within = {t.i for t in inside}
    root = next((t for t in inside if t.head.i not in within or t.head.i == t.i), inside[0])
    before = next((t for t in reversed(doc[: inside[0].i]) if not t.is_punct and not t.is_space), None)
    if (before is not None and before.lower_ == "as" and before.head.i == cue.i) or (root.head.lower_ == "as" and root.head.head.i == cue.i):
        # "which he described as too 'vague'": what the cue calls it
        return False
    if inside[0].pos_ == "DET" and inside[0].head.i in within:
        # "… could lead to “an Aleppo-style quagmire”": a whole noun phrase quoted with its own
        # article is the source's words (a partial quote), not a term of the writer's phrase
        return False
    if before is not None and (before.pos_ == "ADP" or (before.pos_ == "DET" and before.head.i in within)):
        # "called the plan a 'disaster'", "accused of running a 'sex cult'": the article or
        # preposition outside the marks makes the quotation part of a phrase of the writer's
        return True
    if OTHER_VERBS_TERMS and root.head.pos_ == "VERB" and root.head.i != cue.i and cue not in list(root.ancestors) and (
            root.dep_ in {"dobj", "attr", "oprd"}) and cue.head.i != root.head.i:
        # "Acme made a mistake by playing 'moral police' when it … and accused …": the object of
        # another verb, outside the cue's clause, is no content of the cue's (but "as X said, Biden
        # showed 'passion'" is X's: the cue's clause hangs from that verb)
        return True
    if (root.head.i == cue.i and root.dep_ not in _TERM_DEPS) or (inside[0].pos_ == "DET" and inside[0].head.i == root.i):
        # "He called it 'a disgrace'", "'Disgusting,' he said": the quotation is what the cue governs
        # (a whole noun phrase with its own article, whatever the parser hangs it from)
        return False
    # "… bar artists for 'questionable' conduct": a modifier or a part of a noun phrase; not a
    # predicate the source chose ("Ek acknowledged that Spotify 'screwed up'", "… was 'vague'")
    return root.dep_ in _TERM_DEPS or root.head.pos_ in {"NOUN", "PROPN", "ADP"}


_ASIDE_MARKS = frozenset({",", "—", "–", "--"})


def _parenthetical(token: Any) -> bool:
    """A cue set off by commas inside the clause it reports ("The museum, Mr. Bush said, celebrated
    …", "Even if it fails, he said, the work is done"): parataxis to a verb after it, with a comma
    (or dash) before its subject and after the cue and its adjuncts ("said on Tuesday,")."""
    if token.dep_ != "parataxis" or token.head.i <= token.i:
        return False
    subjects = _subjects(token)
    if not subjects:
        return False
    left = min(min(s.left_edge.i for s in subjects), token.i)
    right = token.i
    for child in token.children:
        if child.i > token.i and child.dep_ not in {"punct", "advcl", "ccomp", "xcomp", "conj", "parataxis"}:
            right = max(right, child.right_edge.i)
    doc = token.doc
    return left > 0 and doc[left - 1].text in _ASIDE_MARKS and right + 1 < len(doc) and doc[right + 1].text in _ASIDE_MARKS


AS_CLAUSES = True
"""A cue heading an as-clause ("As Ms. Ruiz said, the bridge will reopen", "…, as he noted")
attributes the clause it hangs from, and that clause replaces the tagger's pieces of it. PolNeAR
source F1 overlap, dev halves (even / odd) 0.6555 / 0.6691 → 0.6549 / 0.6732 (one source fewer on
the even half), train halves 0.6737 / 0.6938 → 0.6744 / 0.6945; content up on all four."""


def _as_clause(token: Any) -> bool:
    """A cue heading an as-clause of another verb ("As X said, …", "…, as X noted") — not one with an
    object of its own ("as she called for a vote", "as The Daily Beast called them '…'": "as" there
    is "while", or the words are the object)."""
    children = list(token.children)
    return (token.dep_ == "advcl" and token.head.i != token.i and token.head.pos_ in {"VERB", "AUX"}
            and any(c.dep_ == "mark" and c.lower_ == "as" for c in children)
            and not any(c.dep_ in {"dobj", "dative", "attr", "oprd"}
                        or (c.dep_ == "prep" and c.lower_ in {"for", "upon"} and c.i == token.i + 1)
                        for c in children))


def _split_subject(token: Any, subjects: list[Any], complements: list[Any]) -> Any:
    """"The council, the mayor said, will vote …" parsed with both "council" and "mayor" as subjects
    of "said" and "vote" as its complement: the first subject, set off by a comma, is the
    complement's (returned); else None."""
    if len(subjects) < 2 or not complements:
        return None
    first, second, complement = subjects[0], subjects[-1], complements[0]
    if not first.i < second.i < token.i < complement.i:
        return None
    doc = token.doc
    after_first, before_complement = first.right_edge.i + 1, complement.left_edge.i - 1
    if after_first >= second.left_edge.i or before_complement <= token.i:
        return None
    return first if doc[after_first].text in _ASIDE_MARKS and doc[before_complement].text in _ASIDE_MARKS else None


def _trim(text: str, span: tuple[int, int]) -> tuple[int, int]:
    start, end = span
    while end > start and text[end - 1] in " ,;:":
        end -= 1
    while start < end and text[start] == " ":
        start += 1
    return start, end


def _inside(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return b[0] <= a[0] and a[1] <= b[1]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _quote_in(
    marks: list[QuoteMark], start: int, end: int, source: tuple[int, int], used: set[int]
) -> int | None:
    best = None
    for index, mark in enumerate(marks):
        if index in used or mark.end <= start or mark.start >= end:
            continue
        if _overlap((mark.start, mark.end), source):
            continue
        if best is None or (mark.end - mark.start) > (marks[best].end - marks[best].start):
            best = index
    return best


def _quote_before(
    text: str, marks: list[QuoteMark], sentence_start: int, cue_span: tuple[int, int], used: set[int]
) -> int | None:
    """A quotation ending right before a short attribution sentence ("Obama said.")."""
    if len(text[sentence_start : cue_span[1]].split()) > 6:
        return None
    for index, mark in enumerate(marks):
        if index not in used and 0 <= sentence_start - mark.end <= 3 and not text[mark.end : sentence_start].strip("”\"’' ") \
                and "\n" not in text[mark.end : sentence_start]:
            return index
    return None


BLOCK_QUOTES = True
"""A cue ending its paragraph with a colon, followed by a paragraph without quote marks, quotes that
paragraph (:func:`_block_after`)."""


def _block_after(text: str, after: int, marks: list[QuoteMark]) -> tuple[int, int] | None:
    """The paragraph right after ``after`` when ``after`` ends a paragraph (what follows starts after
    a line break), holds no quotation and has at least three words; else None."""
    gap = re.match(r"[ \t]*\n\s*", text[after:])
    if gap is None:
        return None
    start = after + gap.end()
    end = text.find("\n\n", start)
    end = len(text) if end < 0 else end
    if end <= start or text[start] in _OPEN or any(start <= m.start - 1 < end or start < m.end <= end for m in marks):
        return None
    span = _trim(text, (start, end))
    return span if len(text[span[0] : span[1]].split()) >= 3 else None


def _quote_after(marks: list[QuoteMark], after: int, used: set[int]) -> int | None:
    for index, mark in enumerate(marks):
        if index not in used and after <= mark.start - 1 <= after + 4:
            return index
    return None


PLURAL_APPOSITIONS = True
"""One person's name in apposition to a plural noun is not who the plural speaks for: "the parents of
one of his girlfriends, Joycelyn Savage, have claimed …" is the parents' claim (the name, parsed as
their apposition, is the girlfriend's); the speaker is the phrase without it. Names run together
("two officials, Ann Lee and Bo Park, said") still speak."""


def _lone_name_beside_plural(ent: Any) -> bool:
    root = ent.root
    return bool(root.dep_ == "appos" and root.head.tag_ in {"NNS", "NNPS"} and root.head.pos_ == "NOUN"
                and not any(c.dep_ == "conj" for c in root.children))


def _hyphenated(token: Any) -> bool:
    """A word right after a dash with no space ("founder" of "co-founder", parsed as subjects of
    its own), whose phrase goes on ("Spotify's co-founder and CEO Daniel Ek pointed to …": the
    source was "Spotify's co")."""
    return token.i > 0 and token.doc[token.i - 1].text in _DASHES and not token.doc[token.i - 1].whitespace_


CONNECTED_NAMES = True
"""An organisation's name with "of", "from" or "for" inside it ("The Freedom from Religion Foundation
argues", "the Committee for Responsible Budgets said") is the whole name when what follows the small
word is an organisation's: the speaker was "Freedom" (PAC). Not a person's place ("Smith of Texas"),
nor a title's ("The Secretary of the Interior" stays whole)."""


WHOLE_ORG_NAMES = True
"""A source that is the last words of an organisation's name with "of", "for" or "from" inside
("the Court of Arbitration for Sport, which ruled …": the relative clause hangs on "Sport") is the
whole name the tagger marks, without its article (PAC: the speaker was "Sport")."""


def _whole_org_name(doc: Any, first: int, last: int) -> str | None:
    """The whole organisation name of which the name run ``first``–``last`` is the tail after a
    connecting word, or ``None`` (see :data:`WHOLE_ORG_NAMES`)."""
    if first == 0 or doc[first - 1].lower_ not in {"of", "for", "from", "and", "&"}:
        return None
    ent = next((e for e in doc.ents if e.label_ in {"ORG", "FAC"} and e.start < first and last < e.end), None)
    if ent is None:
        return None
    begin = ent.start + (1 if doc[ent.start].lower_ in {"the", "a", "an"} else 0)
    words = list(doc[begin : ent.end])
    if not words or not words[0].text[:1].isupper() or _MEDIA.search(ent.text):
        return None
    return re.sub(r"\s*['’]s$", "", _join_tokens(words))


def _connected_name_end(doc: Any, last: int, named: set[int]) -> int:
    """Where a name run ending at ``last`` ends when it goes on through "of", "from" or "for" (and
    "a" or "the") into an organisation's name (see :data:`CONNECTED_NAMES`)."""
    at = last + 1
    if at >= len(doc) or doc[at].lower_ not in {"of", "from", "for"} or doc[at].head.i != last:
        return last
    at += 1
    while at < len(doc) and doc[at].lower_ in {"a", "an", "the"}:
        at += 1
    end = at
    while end < len(doc) and end in named:
        end += 1
    if end == at or not (doc[end - 1].ent_type_ == "ORG" or doc[end - 1].lower_ in _INSTITUTION_HEADS):
        return last
    return end - 1


def _connected_title_end(doc: Any, last: int, named: set[int]) -> int:
    """Where a one-word name at ``last`` after "the" ends when it goes on through "of" into
    capitalised words, none of them (nor it) marked as a name by the tagger (see
    :data:`CONNECTED_TITLES`)."""
    at = last + 1
    if last == 0 or doc[last - 1].lower_ != "the" or doc[last].ent_type_ or at >= len(doc) \
            or doc[at].lower_ != "of" or doc[at].head.i != last:
        return last
    end = at + 1
    while end < len(doc) and end in named and not doc[end].ent_type_ and doc[end].text[:1].isupper():
        end += 1
    return last if end == at + 1 else end - 1


SURNAMES_AS_ORGS = True
"""A source the tagger calls an organisation that is the surname of a person named before in full
("Marco Bellini Jr. said … ¶ Bellini said …", "Furman, who sits on the US District Court, said") is
that person (:meth:`_Speakers.full_name`), not a group named "Bellini" or "Furman"."""

RELATIVE_POSSESSORS = True
""""whose" owning a source (a document's issuer: "A Republican strategist, whose 2015 study showed …")
stands for the noun the relative clause modifies, as "who" does; the speaker was "whose" (census pile
a22, twice)."""


PARTY_DESCRIPTORS = True
""""The Arizona Democrat said" describes a person by party (and state): the person named as the
subject just before (see :data:`DESCRIPTORS`), else the whole phrase — never "Democrat", the party
word the tagger marks as a nationality or group (PAC)."""
_PARTY_MEMBERS = frozenset({"democrat", "republican", "independent", "libertarian"})

POSSESSIVE_NAMES = True
"""A name with a possessive inside ("the Women’s March said") is the whole name, not its last word
"March" (PAC), when the tagger marks it as a name other than a person's (or, with
:data:`POSSESSIVE_INSTITUTIONS`, marks nothing and the last word is an institution's)."""

POSSESSIVE_INSTITUTIONS = True
"""A capitalised institution word after a possessive name the tagger marks as nobody's ("The U.S.
Attorney’s Office said", "the Governor’s Office") is the whole name: the speaker had been "Office"
(600-article pile: 4 quotes)."""

CONNECTED_TITLES = True
"""A capitalised word after "the" that the tagger marks as no name, joined by "of" to capitalised words
it marks as none either ("the Code of Conduct for U.S. judges says"), is one name, the words' title:
the speaker had been "Code" (600-article pile: 3 quotes). A name the tagger marks ("Smith of Texas",
"the District of Columbia") is left to :data:`CONNECTED_NAMES`."""


COORDINATED_SPEAKERS = True
"""A subject of several people joined by "and" ("Sens. Ann Lee, Bo Park and Cy Dunn Smith released a
statement saying: …") is all of them, printed as the article joins them ("Ann Lee, Bo Park and Cy Dunn
Smith"), not the first one alone (BASIL: a statement by five senators went to the first). The joined
string is no single person's name ("and" is in it), so the dossier's speaker-conflict check, which
compares names only, sets it aside rather than opposing it to one of the people in it."""


_NAME_IN_LIST = r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}"
_NAME_LIST = re.compile(rf"({_NAME_IN_LIST})((?:,\s+{_NAME_IN_LIST})*),?\s+and\s+({_NAME_IN_LIST})")
_PLURAL_TITLES = frozenset({"sens", "reps", "govs", "drs", "messrs", "senators", "representatives", "judges",
                            "justices", "former", "u.s.", "us", "state", "republican", "democratic"})


def _coordinated_people(source: Any, persons: Sequence[Any], speakers: _Speakers, offset: int) -> str | None:
    """The names of the people a subject joins with "and" (the subject's words are names only, of two
    words or more or known people's), as "A, B and C"; ``None`` when the subject is one person or
    joins anything else (see :data:`COORDINATED_SPEAKERS`)."""
    if not any(t.dep_ == "conj" for t in source.subtree) or not any(t.lower_ == "and" for t in source.subtree):
        return None
    tokens = list(source.subtree)
    while tokens and (tokens[0].lower_.rstrip(".") in _TITLE_WORDS | _PLURAL_TITLES or tokens[0].text == "."):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    if not tokens:
        return None
    phrase = source.doc.text[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)]
    match = _NAME_LIST.fullmatch(phrase)
    if match is None:
        return None
    names = [match.group(1), *(n.strip() for n in match.group(2).split(",") if n.strip()), match.group(3)]
    start = offset + tokens[0].idx
    known = {p.name for p in speakers.people} | {p.surname for p in speakers.people}
    if any(len(n.split()) < 2 and n not in known for n in names):
        return None
    full = list(dict.fromkeys(speakers.full_name(re.sub(r"\s*['’]s$", "", n), start) for n in names))
    return ", ".join(full[:-1]) + " and " + full[-1] if len(full) > 1 else None


MEMBERS_OF_PLACES = True
"""A person's name followed by "of" and a place, as lawmakers are printed ("Hensarling of Texas said",
tagged as one organisation's name), is that person, by the full name given before: not a speaker
"Hensarling of Texas" (BASIL, PAC)."""
_OF_PLACE = re.compile(r"((?:[A-Z][\w'’.-]*\s+){0,2}[A-Z][\w'’-]*)\s+of\s+((?:[A-Z][\w.]*\s*){1,3})")


def _member_of_place(name: str, at: int, speakers: _Speakers) -> str | None:
    """The person ``name`` ("Hensarling of Texas") stands for when it is a known person's name or
    surname, "of" and capitalised words (see :data:`MEMBERS_OF_PLACES`); else ``None``."""
    match = _OF_PLACE.fullmatch(name.strip())
    if match is None:
        return None
    person = match.group(1)
    if not any(p.name == person or p.surname == person for p in speakers.people if p.start < at):
        return None
    return speakers.full_name(person, at)


RELATIVE_CONJUNCTS = True
"""A second relative clause joined to the first ("Ron DeSantis, who still trails … and who has yet to
announce a bid") speaks for the same noun: the speaker was "who" (PAC)."""

POSSESSORS_SPEAK_NOT = True
"""A person printed as the possessor inside a common-noun source ("Sixteen of Thomas’s teammates, who
wrote an open letter arguing …") is not the speaker: the teammates are (PAC: Lia Thomas got the
letter written against her)."""


def _possessor(ent: Any) -> bool:
    """Whether a name ends with a possessive marker hung on it ("Thomas’s")."""
    return any(c.dep_ == "case" and c.lower_ in {"'s", "’s", "'", "’"} for c in ent.root.children)


RELATIVE_ATTRIBUTES = True
"""A relative "who" on a noun that a copula says its subject is ("Hofeller was the first person who
suggested to him to add the question") speaks for that subject, not for "the first person", which
went on to the last unnamed or quoted person (census pile)."""


def _relative_antecedent(token: Any) -> Any:
    """The noun a relative clause holding ``token`` ("whose") modifies; ``None`` when there is none."""
    node = token
    for _ in range(4):
        if node.head.i == node.i:
            return None
        if node.dep_ == "relcl":
            return node.head
        node = node.head
    return None


def _printed_as_label(token: Any) -> bool:
    """Whether a word of :data:`_NOT_LABELS` stands as a page label: followed by a colon ("###
    Advertisement: ###", "Update: …"), in capitals ("EDITOR'S NOTE"), or the first word of its
    sentence followed by a comma or a dash ("Correction, June 1, 2018: This article …") — not a
    subject such as "a source said", "Sources said", "the author wrote" or "the video says"."""
    if token.lower_ not in _NOT_LABELS:
        return False
    after = token.doc[token.i + 1].text if token.i + 1 < len(token.doc) else ""
    if after == ":" or (token.text.isupper() and len(token.text) > 1):
        return True
    first = next((t for t in token.sent if t.is_alpha), None)
    return first is not None and first.i == token.i and after in {",", *_DASHES}


PLACE_ASIDES = True
"""A place set off by commas after a speaker ("Two plaintiffs, near Lansing, said …", "The
officials, in Geneva, said …") says where they are, not who they are: the speaker is "Two
plaintiffs" (PAC: the phrase with the place)."""
_PLACE_PREPOSITIONS = frozenset({"near", "in", "at", "outside", "from", "inside", "around"})


def _place_aside(doc: Any, source: Any) -> set[int]:
    """The tokens (with their commas) of a prepositional phrase of place set off by commas right
    after ``source`` (see :data:`PLACE_ASIDES`)."""
    found: set[int] = set()
    for child in source.children:
        if child.dep_ != "prep" or child.lower_ not in _PLACE_PREPOSITIONS or child.i < 2 or child.i <= source.i:
            continue
        objects = [c for c in child.children if c.dep_ == "pobj"]
        words = list(child.subtree)
        before, after = child.i - 1, words[-1].i + 1
        if doc[before].text != "," or after >= len(doc) or doc[after].text != ",":
            continue
        if not any(t.ent_type_ in {"GPE", "LOC", "FAC"} for t in words) and not any(o.pos_ == "PROPN" for o in objects):
            continue
        found |= {before, after} | {t.i for t in words}
    return found


TIME_ASIDES = True
"""When the words after a speaker are a time the parser hung on it ("Stone on Friday said …", "The
senator last week told …"), they say when, not who: the speaker is "Stone" (600-article pile: "Stone on
Friday", 3 quotes)."""


_YEAR = re.compile(r"(?:1[89]|20)\d\d")


def _time_aside(source: Any) -> set[int]:
    """The tokens of a phrase of time after ``source`` that the parser made its dependent: "on Friday" (a
    preposition whose object is a date, a time or a year), "last week" (a date as an adverb); see
    :data:`TIME_ASIDES`."""
    found: set[int] = set()
    for child in source.children:
        if child.i <= source.i:
            continue
        words = list(child.subtree)
        when = all(t.ent_type_ in {"DATE", "TIME"} or _YEAR.fullmatch(t.text) for t in words if t.i != child.i)
        # (not a preposition the NER ran a name over: "Friends of the Earth on" ORG is cut at its "on" later)
        dated = child.dep_ == "prep" and child.lower_ in {"on", "in", "at", "during"} and not child.ent_type_ and any(
            c.dep_ == "pobj" for c in child.children)
        if when and (dated or (child.dep_ == "npadvmod" and child.ent_type_ in {"DATE", "TIME"})):
            found |= {t.i for t in words}
    return found


def _resolve_speaker(text: str, doc: Any, source: Any, offset: int, speakers: _Speakers) -> tuple[str | None, str | None]:
    if _printed_as_label(source):
        # "Correction, June 1: This article originally stated …": the label is not who speaks
        others = [c for c in source.head.children
                  if c.dep_ in {"nsubj", "nsubjpass"} and c.i != source.i and c.lower_ not in _NOT_LABELS]
        if not others:
            return None, None
        source = others[0]
    if source.lower_ == "whose" and RELATIVE_POSSESSORS:
        # "A Republican strategist, whose 2015 study showed …": the strategist's study
        source = _relative_antecedent(source) or source
    # "said Bloomberg, who added that …": a relative pronoun speaks for the noun it modifies.
    clause = source.head
    while RELATIVE_CONJUNCTS and clause.dep_ == "conj" and clause.head.i != clause.i and source.lower_ == "who":
        clause = clause.head  # "DeSantis, who trails … and who has yet to announce"
    if source.lower_ in {"who", "which", "that"} and clause.dep_ == "relcl" and clause.head.i != clause.i:
        source = clause.head
        if RELATIVE_ATTRIBUTES and source.pos_ == "NOUN" and source.dep_ == "attr" and source.head.lemma_ == "be":
            # "Hofeller was the first person who suggested …": the person the noun says the subject is
            subject = next((c for c in source.head.children if c.dep_ == "nsubj" and c.i < source.i), None)
            if subject is not None and (subject.ent_type_ == "PERSON" or subject.pos_ == "PROPN"):
                source = subject
        # "… signed by Dale Ho, director of the project and a lawyer who argued …": the role noun
        # stands beside the person it describes
        node, steps = source, 0
        while source.pos_ == "NOUN" and node.dep_ in {"appos", "conj"} and node.head.i != node.i and steps < 3:
            node, steps = node.head, steps + 1
            if node.ent_type_ == "PERSON":
                source = node
                break
    issuer = _document_issuer(source) if DOCUMENT_ISSUERS else None
    if issuer is not None:
        # "the company's blog post said", "a statement from Spotify": who issued the document speaks
        # (the document is the quote's channel: _document_channel)
        return _issuer_speaker(text, doc, issuer, offset, speakers)
    # A dateline the parser hung on the subject is not part of it ("WASHINGTON — Challengers to …").
    dateline = _dateline_tokens(source)  # (once: it depends on ``source`` alone)
    subtree = [t for t in source.subtree if t.i not in dateline] or list(source.subtree)
    # A hyphenated name the parser split into several subjects of one verb ("Prime Minister Haider
    # al-Abadi said": "al", "-" and "Abadi" each a subject) is one subject.
    while subtree[-1].i + 1 < len(doc):
        after = doc[subtree[-1].i + 1]
        if after.dep_ != source.dep_ or after.head.i != source.head.i or after.i == source.head.i \
                or not (after.text in _DASHES or after.ent_type_ == "PERSON" or _hyphenated(after)):
            break
        subtree.extend(t for t in after.subtree if t.i > subtree[-1].i)
    # Not the people of a relative clause or an apposition ("Lauten, who works for Rep. X", "the
    # lawsuit from Nebraska, where marijuana is outlawed").
    aside = {t.i for c in subtree if c.i != source.i and c.dep_ in {"relcl", "acl", "appos"} for t in c.subtree}
    if PLACE_ASIDES:
        aside |= _place_aside(doc, source)
    if TIME_ASIDES:
        aside |= _time_aside(source)
    inside = [
        ent for ent in doc.ents
        if ent.start >= subtree[0].i and ent.end <= subtree[-1].i + 1 and not any(i in aside for i in range(ent.start, ent.end))
    ]
    # The person the source names ("Maria Ortega, the authority's director"), not one named in a
    # modifier ("Obama campaign spokeswoman Lis Smith", "Obama's press secretary", "the Obama campaign").
    persons = [ent for ent in inside if ent.label_ == "PERSON" and _person_like(ent)]
    own = [ent for ent in persons if ent.start <= source.i < ent.end]
    # Nor the person a common noun is of, for or close to ("a spokesman for Mr. Obama", "advisers
    # to the senator X", "friends of Y"): they speak, not the person they serve.
    served = {t.i for c in source.children if c.dep_ in {"prep", "amod"} for t in c.subtree} if source.pos_ == "NOUN" else set()
    persons = own or [ent for ent in persons if not _modifier(ent) and ent.start not in served
                      and not (POSSESSORS_SPEAK_NOT and source.pos_ == "NOUN" and _possessor(ent))]
    if PLURAL_APPOSITIONS:
        persons = [ent for ent in persons if not _lone_name_beside_plural(ent)]
    coordinated = _coordinated_people(source, persons, speakers, offset) if COORDINATED_SPEAKERS and own else None
    if coordinated is not None:
        return coordinated, None
    if persons:
        ent = persons[0]
        title, name_tokens = _split_title(list(doc[subtree[0].i : ent.end]))
        name = _join_tokens([t for t in name_tokens if t.i >= ent.start]) or ent.text
        name = re.sub(r"\s*['’]s$", "", name)
        if ROLES_AS_TITLES and title is None:
            title = _role_of(doc, source, ent, subtree)
        elif ROLES_AS_TITLES and any(t.i < ent.start and not t.is_punct for t in name_tokens):
            # The title words stop before the name ("Former" of "Former CIA Director Michael Hayden",
            # "U.S." of "U.S. District Judge Jesse Furman"): all the words before the name.
            title = _role_before(ent, subtree) or title
        gender = _gender_of_words(t.lower_.rstrip(".") for t in subtree)
        if gender is None and TITLED_SURNAMES and len(name.split()) == 1 \
                and speakers.full_name(name, offset + ent.start_char) != name \
                and speakers.only_full_name(name, offset + ent.start_char) is None:
            gender = _gender_after(ent)  # (two people of that surname: "he" or "she" after tells which)
        return speakers.full_name(name, offset + ent.start_char, gender, title), title
    # "Col. Daniel L. Lewis" parsed as "Col" + a new sentence: the person right after a title.
    if all(t.lower_.rstrip(".") in _TITLE_WORDS or t.lower_ in _TITLE_WORDS or t.is_punct for t in subtree):
        following = [ent for ent in doc.ents if ent.label_ == "PERSON" and subtree[-1].i < ent.start <= subtree[-1].i + 2]
        if following:
            title = " ".join(t.text for t in subtree if not t.is_punct or t.text == ".").replace(" .", ".")
            return speakers.full_name(following[0].text, offset + following[0].start_char), title or None
    # A person in apposition to a source that is not one ("BuzzFeed's editor, Ben Smith",
    # "WASHINGTON -- President Barack Obama").
    for child in source.children:
        if child.dep_ != "appos":
            continue
        for ent in doc.ents:
            if (ent.label_ == "PERSON" and ent.start <= child.i < ent.end and _person_like(ent)
                    and not (PLURAL_APPOSITIONS and _lone_name_beside_plural(ent))):
                title, name_tokens = _split_title(list(ent))
                name = re.sub(r"\s*['’]s$", "", _join_tokens(name_tokens) or ent.text)
                return speakers.full_name(name, offset + ent.start_char), title
    if (PARTY_DESCRIPTORS and source.lower_ in _PARTY_MEMBERS and source.ent_type_ == "NORP"
            and any(c.dep_ == "det" and c.lower_ == "the" for c in source.children)):
        # "the Arizona Democrat said": a person the article named, described by party (and state)
        words = [t for t in subtree if t.i not in aside and not t.is_punct]
        described = speakers.described(offset + words[0].idx) if not speakers.in_quotation(offset + source.idx) else None
        return described or _join_tokens(words), None
    for ent in inside:
        if ent.label_ in {"ORG", "GPE", "NORP"} and ent.start <= source.i < ent.end:
            member = _member_of_place(ent.text, offset + ent.start_char, speakers) if MEMBERS_OF_PLACES else None
            if member is not None:
                return member, None
            full = speakers.only_full_name(ent.text, offset + ent.start_char, _gender_after(ent)) \
                if SURNAMES_AS_ORGS else None
            if full is not None:
                # a person's surname the tagger took for an organisation ("Bellini said", "Furman,
                # who sits on …, said"): the person, by the full name given before
                return full, None
            name = _with_masthead_the(doc, ent, text) if MASTHEAD_THE else ent.text
            speakers.spoke_as_group(name, offset + source.idx)
            return name, None
    head = source.lower_
    position = offset + source.idx
    if head in {"'s", "’s"} or (head == "it" and (
            source.dep_ == "expl" or source.head.lemma_ == "be" or source.head.lower_ in {"'s", "’s"}
            or any(c.dep_ == "acomp" for c in source.head.children))):
        # "Let's talk about …", "It's important to note that …": nobody is named
        return None, None
    if head in {"i", "me"}:
        # the writer (or, in a transcript, the labelled speaker: _label_sources), never the last
        # person the text named ("I don't know why Trump doesn't make this point" is not Trump's)
        return "I", None
    if head in _GROUP_PRONOUNS:
        # An organisation that spoke shortly before, never one person ("“…,” the company said.
        # “While we believe …”" is not the last person named); "they" also people named by a plural
        # noun ("Opponents have said … That would, they argue, …"). Outside quotation marks "we" is
        # the writer's own ("As we reported last week, …"), as "I" is.
        if head == "we" and not speakers.in_quotation(position):
            return head, None
        governing = _governing_plural(source) if head == "they" and GOVERNING_PLURALS else None
        if governing is not None:
            return _resolve_speaker(text, doc, governing, offset, speakers)
        candidates = [speakers.group_before(position)] + ([speakers.group_before(position, True)] if head == "they" else [])
        recent = [c for c in candidates if c is not None and 0 <= position - c[1] <= 1500]
        if not recent and head == "it" and INSTITUTION_PRONOUNS and not speakers.in_quotation(position):
            # else the organisation or institution that was the subject just before ("Spotify is
            # backtracking … , it said in a blog post", "the court reverses … But it says"), not
            # for an "it" inside a quotation, which the quoted speaker's words resolve
            institution = speakers.institution(position, offset)
            recent = [institution] if institution is not None else []
        chosen = max(recent, key=lambda c: c[1]) if recent else None
        if chosen is None and head == "they" and PLURAL_ANTECEDENTS:
            # nobody spoke shortly before: the people a plural subject just named ("Democrats have a
            # different idea: they prefer …"), when no other plural took the subject since
            own = _subject_before(source)
            if own is not None:
                return (_plural_phrase(own) if _names_people(own) else head), None
            plural = speakers.plural_before(position)
            if plural is not None and plural[2] and position - plural[1] <= PLURAL_REACH and len(
                    _SENTENCE_END.findall(text, plural[1], position)) <= 1:
                return plural[0], None
        if chosen is not None and head == "they" and PLURALS_BETWEEN:
            since = speakers.plural_since(chosen, position)
            if since is not None:
                # (other people or another organisation took the subject since: "they" are them, when
                # the noun names people or a group, else nobody known)
                return (since[0] if since[2] else head), None
        return (chosen[0] if chosen is not None else head), None
    # "the minister", "the US scholar" resolve; "Pentagon officials" and "a spokesman" do not.
    bare = any(t.dep_ == "det" and t.lower_ in {"the", "this", "that"} for t in source.children) and not any(
        t.ent_type_ in {"PERSON", "ORG"} for t in subtree if t.i not in aside
    )
    indefinite = any(t.dep_ == "det" and t.lower_ in {"a", "an", "another", "one"} for t in source.children)
    # (a role may be written with a capital: "the Pope wrote", "the President said")
    role = head in _ROLE_HEADS and source.tag_ in {"NN", "NNP"} and (
        source.text.islower() or (source.text.istitle() and _only_entity_is_itself(source, subtree)))
    bare = bare or (role and not source.text.islower() and any(
        t.dep_ == "det" and t.lower_ == "the" for t in source.children) and _only_entity_is_itself(source, subtree))
    if head in _ORG_HEADS and bare and source.text.islower() and source.tag_ in {"NN", "NNP"}:
        # "the company said", "the streaming service announced": the organisation the article is about
        org = speakers.topic_org(position)
        if org is not None:
            speakers.spoke_as_group(org, position)
            return org, None
    if head in _PRONOUNS or (role and bare):
        gender = _pronoun_gender(head) or _gender_of_words([head] + [t.lower_ for t in source.children])
        ahead = _cataphoric(doc, source, offset, speakers, gender) if CATAPHORA else None
        if ahead is not None:
            return ahead, None
        excluded = _named_in_clause(doc, source, offset, speakers) if DISJOINT_REFERENCE else frozenset()
        if OWN_QUOTATION_NAMES:
            excluded |= _named_in_own_quotation(text, position, speakers)
        resolved = speakers.nearest(position, head if head in _ROLE_HEADS else None, gender, excluded)
        if (RESOLVED_MENTIONS and resolved and head in {"he", "she"} and _is_name(resolved)
                and speakers.person_like(resolved) and not speakers.in_quotation(position)):
            speakers.mention(resolved, position, position + len(source.text), subject=_is_subject(source),
                             sentence=offset, main=_is_subject(source) and _in_main_clause(source))
        if resolved:
            return resolved, None
    if source.pos_ == "PROPN" and not _is_document(source):
        # (a document the tagger calls a name, "the blog post", is printed whole below, not as "post")
        # the run of name words around the head, not every capitalised word of the phrase
        # ("Challengers to the Trump administration's decision" is not "Challengers Trump")
        named = {t.i for t in subtree if t.i not in aside and (t.pos_ == "PROPN" or t.text.endswith("."))}
        first = last = source.i
        while first - 1 in named:
            first -= 1
        if POSSESSIVE_NAMES and first >= 2 and doc[first - 1].dep_ == "case" and doc[first - 2].i in named \
                and doc[first - 2].dep_ == "poss" and doc[first - 2].head.i == source.i \
                and doc[first - 2].ent_type_ != "PERSON" and (source.ent_type_ not in {"", "PERSON"} or (
                    POSSESSIVE_INSTITUTIONS and source.ent_type_ == "" and source.lower_ in _INSTITUTION_HEADS)):
            # "the Women’s March said": the name with its possessive, not "March"
            named |= {first - 1}
            first -= 2
            while first - 1 in named:
                first -= 1
        while last + 1 in named:
            last += 1
        if CONNECTED_NAMES and doc[first].lower_.rstrip(".") not in _TITLE_WORDS | _ROLE_HEADS:
            last = _connected_name_end(doc, last, named)
            if CONNECTED_TITLES and last == first == source.i:
                last = _connected_title_end(doc, last, named)
            named |= set(range(first, last + 1))
        whole = _whole_org_name(doc, first, last) if WHOLE_ORG_NAMES else None
        if whole is not None:
            return whole, None
        tokens = [t for t in subtree if first <= t.i <= last and t.i in named]
        title, name_tokens = _split_title(tokens)
        if POSSESSIVE_INSTITUTIONS and name_tokens and name_tokens[0].dep_ == "case":
            # "the U.S. Attorney’s Office": the title word owns the institution, it is no title of it
            title, name_tokens = None, tokens
        # a role is no name: "Spotify 's CEO says", "the U.S. President declares" print the phrase,
        # not "CEO" or "President"
        if name_tokens and not (len(name_tokens) == 1 and name_tokens[0].lower_ in _ROLE_HEADS | _TITLE_WORDS):
            name = _join_tokens(name_tokens)
            member = _member_of_place(name, position, speakers) if MEMBERS_OF_PLACES else None
            return member or speakers.full_name(name, position), title
    words = [t for t in subtree if t.i not in aside]
    while words and words[-1].is_punct:
        words.pop()
    phrase = _join_tokens(words)
    member = _member_of_place(phrase, position, speakers) if MEMBERS_OF_PLACES else None
    if member is not None:
        return member, None
    if (INSTITUTION_PRONOUNS and len(words) > 1 and words[0].lower_ == "its" and words[0].dep_ == "poss"
            and not speakers.in_quotation(position)):
        # "its CEO said": the CEO of the organisation that was the subject just before ("Spotify's CEO")
        institution = speakers.institution(position, offset)
        if institution is not None:
            phrase = f"{institution[0]}'s {_join_tokens(words[1:])}"
    if DESCRIPTORS and _descriptor(words) and not speakers.in_quotation(position):
        described = speakers.described(offset + words[0].idx, _gender_of_words(t.lower_ for t in words))
        if described is not None:
            return described, None
    if role and phrase and indefinite:
        # "A spokesperson for Google says …": a later "the spokesperson" is this speaker.
        speakers.role_mention(head, phrase, position)
    elif phrase and source.pos_ == "NOUN" and any(t.ent_type_ in {"ORG", "PERSON", "NORP", "GPE"} for t in words):
        speakers.spoke_as_group(phrase, position)  # "the Obama campaign said"
    elif phrase and source.tag_ in {"NNS", "NNPS"} and source.dep_ == "nsubj" and source.head.lemma_.lower() in _SAYING:
        speakers.spoke_as_plural(phrase, position)  # "Opponents have said", "the lawyers told"
    # (a phrase without a letter names nobody: "1-202-225-5871 then call your congressman")
    return (phrase if re.search(r"[^\W\d_]", phrase) else None), None


RESOLVED_MENTIONS = True
""""he" or "she" resolved to a person (as a speaker) is a mention of that person where it stands, the
subject of its clause if it is: a later "he" after a sentence that names somebody else only in passing
goes back to it, not to the other ("he endorsed House Speaker Paul D. Ryan's reelection … he also
endorsed Sens. …" went to Ryan; PAC)."""


GOVERNING_PLURALS = True
""""they" as the subject of a clause that another verb's plural subject reports, believes or
argues ("Challengers … informed the Supreme Court on Thursday that they believe they have “new
evidence”", "The tenants and their lawyers told the judge that they would appeal") is that subject:
not left as "they" (census pile), nor a group that spoke earlier."""


def _governing_plural(source: Any) -> Any:
    """The plural subject (a plural noun, nouns joined by "and", or "they") of the verb whose
    complement clause ``source`` ("they") is the subject of; else ``None``."""
    if source.dep_ not in {"nsubj", "nsubjpass"}:
        return None
    clause = source.head
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ != "ccomp" or clause.head.i == clause.i:
        return None
    subject = next((c for c in clause.head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None or subject.i > source.i:
        return None
    if subject.lower_ == "they" or (subject.tag_ in {"NNS", "NNPS"} and subject.pos_ in {"NOUN", "PROPN"}):
        return subject
    if subject.pos_ in {"NOUN", "PROPN"} and any(c.dep_ == "conj" for c in subject.children):
        return subject
    return None


CATAPHORA = True
""""he" or "she" as the subject of a clause opening the sentence before its main clause ("As he
has frequently tweeted out, President Trump wants to limit …", "When she spoke to reporters,
Warren said …") stands for the person named as the main clause's subject right after, of a
compatible gender — the writer points ahead — not for the last person named before (Barack
Obama, two paragraphs up)."""


def _cataphoric(doc: Any, source: Any, offset: int, speakers: _Speakers, gender: str | None) -> str | None:
    """The person the pronoun ``source`` points ahead to (see :data:`CATAPHORA`), else ``None``."""
    verb = source.head
    if source.lower_ not in {"he", "she"} or verb.i == source.i or verb.dep_ != "advcl":
        return None
    main = verb.head
    if main.i < verb.i or main.dep_ != "ROOT" or any(not t.is_punct for t in doc[: verb.left_edge.i]):
        return None
    right = verb.right_edge.i
    subject = next((c for c in main.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i > right), None)
    ent = subject and next((e for e in doc.ents if e.label_ == "PERSON" and e.start <= subject.i < e.end), None)
    if ent is None or not _person_like(ent):
        return None
    _, tokens = _split_title(list(ent))
    name = speakers.full_name(re.sub(r"\s*['’]s$", "", _join_tokens(tokens) or ent.text), offset + ent.start_char)
    return name if speakers.compatible(name, gender) else None


OWN_QUOTATION_NAMES = True
"""A pronoun or role noun that speaks a quotation is nobody that quotation names ("“He didn't even
carry his district for Hillary Clinton, so I don't know why he's saying that,” she said" is not
Hillary Clinton's but Pelosi's, named before it): a speaker speaks of herself as "I", so a person
named in her own words is somebody else."""
_BETWEEN_CUE_AND_QUOTATION = re.compile(r"[\s,:;—–-]*")


def _named_in_own_quotation(text: str, at: int, speakers: _Speakers) -> frozenset[str]:
    """The people (full names and names as known) named in the quotation the pronoun or role noun at
    ``at`` speaks: the one closing right before it ("“…,” she said") or opening after it in its
    sentence ("She said: “…”") (see :data:`OWN_QUOTATION_NAMES`)."""
    starts, ends = speakers.quoted
    index = bisect.bisect_right(starts, at) - 1
    spans = []
    if index >= 0 and ends[index] <= at and _BETWEEN_CUE_AND_QUOTATION.fullmatch(text, ends[index], at):
        spans.append((starts[index], ends[index]))
    if index + 1 < len(starts) and starts[index + 1] - at < 120 and not re.search(r"[.!?]\s", text[at : starts[index + 1]]):
        spans.append((starts[index + 1], ends[index + 1]))
    names: set[str] = set()
    for low, high in spans:
        quoted = text[max(low, 0) : high]
        printed: dict[str, bool] = {}  # (whether ``quoted`` prints a name: one search per name)
        for person in speakers.people:
            if person.start >= at:
                continue
            full = speakers.full_name(person.name, person.start + 1)
            # (by the name as the article gave it, not a surname alone: "“My husband Bill Clinton …,”
            # she said" may be Hillary Clinton's)
            if any(_printed_in(name, quoted, printed) for name in {person.name, full}):
                names.update({person.name, full})
    return frozenset(names)


def _printed_in(name: str, quoted: str, memo: dict[str, bool]) -> bool:
    """Whether ``quoted`` prints ``name`` as a whole word, remembered in ``memo`` (for one ``quoted``)."""
    found = memo.get(name)
    if found is None:
        found = memo[name] = re.search(rf"\b{re.escape(name)}\b", quoted) is not None
    return found


DISJOINT_REFERENCE = True
"""A pronoun or role noun that is the subject of a cue never stands for a person its own clause names
after it — an object, a complement, the content it reports, before the cue too when the cue is
inverted ("X, he added"): "He also said Trump's aides …" is not Trump's, "The doctor gave Mr. Price
a clean bill of health and claimed …" not Mr. Price's, "Christmas celebrates the birthday of Jesus
Christ, he added" not Jesus Christ's (a subject does not corefer with a name it c-commands; the
writer would have written "he" there)."""


_CLAUSE_EDGES = frozenset({":", ";", "“", "”", '"', "‘", "’", "'"})


def _named_in_clause(doc: Any, source: Any, offset: int, speakers: _Speakers) -> frozenset[str]:
    """The full names (and the names as printed) of the people named in the clause whose subject is
    ``source``, after it, and in the content before an inverted cue (see :data:`DISJOINT_REFERENCE`)."""
    verb = source.head
    if verb.i == source.i:
        return frozenset()
    right = source.right_edge.i  # (once: spaCy finds the edge again on every read)
    after = {t.i for t in verb.subtree if t.i > right}
    # The content before an inverted cue is its complement too ("X, he added", parsed "added" → ccomp
    # X, or X → parataxis "added"): only its words after a colon, a semicolon or a quotation mark
    # (the parser hangs the sentence before "…: “A,” he says" there too), and not a subject of it
    # ("Liptak talks about …: “A,” he says", "Dr. Hofeller said, …, he said": an attribution
    # run on, not a name the pronoun c-commands).
    before: set[int] = set()
    # (only a cue's: "I come home to Steve, he gives me a kiss" splices two sentences)
    for c in verb.children if reports_speech(verb.text) else ():
        if c.dep_ in {"ccomp", "parataxis"} and c.i < source.i:
            before |= {t.i for t in c.subtree}
    if verb.dep_ in {"parataxis", "ccomp"} and verb.head.i < verb.i and reports_speech(verb.text):
        own = {t.i for t in verb.subtree}
        before |= {t.i for t in verb.head.subtree if t.i not in own}
    edge = max((i for i in before if i < source.i and doc[i].text in _CLAUSE_EDGES), default=-1)
    subjects = {t.i for i in before if doc[i].dep_ in {"nsubj", "nsubjpass"} for t in doc[i].subtree}
    after |= {i for i in before if edge < i < source.i and i not in subjects}
    names: set[str] = set()
    for ent in doc.ents:
        if ent.label_ != "PERSON" or not any(i in after for i in range(ent.start, ent.end)) or not _person_like(ent):
            continue
        _, tokens = _split_title(list(ent))
        name = re.sub(r"\s*['’]s$", "", _join_tokens(tokens) or ent.text)
        names.update({name, speakers.full_name(name, offset + ent.start_char)})
    return frozenset(names)


DOCUMENT_ISSUERS = True
"""A document that "says" speaks for who issued it when its phrase names them
(:func:`_document_issuer`): "the company's blog post said" is the company's (the article's
company, as "the company said" is), "a statement from Mayor Alma Ruiz" is Alma Ruiz's, and the
document is the quote's channel ("blog post", "statement"), as it is of "X said in a statement";
the speaker's span stays the whole phrase, as PolNeAR marks sources. Quotes credited to a document
phrase: Spotify pile 10 → 5 (those left name no issuer: "a blog post", "the post"), FakeNewsCorpus
sample 65 → 48; quotes with a document as channel 2 → 30 and 4 → 34. PolNeAR dev and BASIL
unchanged."""

_DOCUMENTS = frozenset({
    "statement", "post", "announcement", "release", "letter", "memo", "memorandum", "report", "study", "email",
    "e-mail", "tweet", "filing", "complaint", "lawsuit", "suit", "notice", "message", "communique", "communiqué",
    "declaration", "ruling", "order", "survey", "poll", "update", "editorial", "op-ed", "column", "essay",
    "article", "paper", "petition", "motion", "indictment", "brief", "affidavit", "video", "advisory",
    "bulletin", "guidance", "newsletter", "proposal", "circular", "decree", "verdict",
})  # fmt: skip
"""Nouns of documents, which "say", "read" or "state" what whoever issued them wrote. (Not
"documents": "These latest FBI documents show …", records released under a court order, are no
statement of the FBI's.)"""
_ISSUING = frozenset({"issue", "release", "publish", "post", "send", "sign", "share", "file", "submit",
                      "distribute", "write", "put", "circulate", "upload"})
_OWN_PAGES = frozenset({"website", "site", "blog", "page", "account", "feed", "channel", "newsroom", "newsletter"})
_NAMED_ISSUERS = frozenset({"ORG", "PERSON", "GPE", "NORP", "FAC"})


def _is_document(token: Any) -> bool:
    """A document noun in lower case ("post", not the Post of a newspaper's name)."""
    return bool(token.text.islower() and (token.lower_ in _DOCUMENTS or token.lemma_.lower() in _DOCUMENTS))


_TIME_WORDS = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday",
    "tomorrow", "tonight", "week", "month", "year", "weekend", "morning", "evening", "night", "day", "decade",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december",
})  # fmt: skip


def _document_issuer(source: Any) -> Any:
    """The token naming who issued the document ``source`` names, when its phrase names them: the
    possessor ("the company's blog post", "Ruiz's statement"), a name compounded with it ("a DEA
    statement"), the object of "from" or "by" ("a statement from Spotify", "a report by the
    agency"), the agent of a participle ("a statement issued by the Justice Department") or the owner
    of the page it went up on ("an announcement shared Friday to the Spotify website"); else
    ``None`` ("the lawsuit", "a post published to its blog": a pronoun is not resolved here)."""
    if not _is_document(source):
        return None
    before = [c for c in source.children if c.i < source.i]
    for child in before:
        # (a time is no issuer: "Thursday's filing", "last week's report", "2017's survey")
        if child.dep_ == "poss" and child.pos_ != "PRON" and child.ent_type_ not in {"DATE", "TIME"} \
                and child.lower_ not in _TIME_WORDS:
            return child
    for child in source.children:
        if child.i < source.i:
            continue
        if child.dep_ == "prep" and child.lower_ in {"from", "by"}:
            # (a place it came from is no issuer: "the complaint from Lisbon and Porto, where …";
            # a place that filed it is: "a complaint by Vermont")
            issuer = next((c for c in child.children if c.dep_ == "pobj" and c.pos_ != "PRON" and not (
                child.lower_ == "from" and c.ent_type_ in {"GPE", "LOC"})), None)
            if issuer is not None:
                return issuer
        if child.dep_ == "acl" and child.lemma_.lower() in _ISSUING:
            for part in child.children:
                objects = [c for c in part.children if c.dep_ == "pobj"]
                if part.dep_ == "agent" and objects and objects[0].pos_ != "PRON":
                    return objects[0]
                if part.dep_ == "prep" and part.lower_ in {"on", "to", "in"} and objects and \
                        objects[0].lower_ in _OWN_PAGES:
                    owner = [c for c in objects[0].children if c.i < objects[0].i and (
                        (c.dep_ == "poss" and c.pos_ != "PRON") or (c.dep_ == "compound" and c.ent_type_ in _NAMED_ISSUERS))]
                    if owner:
                        return owner[-1]
    # (a platform is where it went up, not who wrote it: "a Twitter post")
    named = [c for c in before if c.dep_ == "compound" and c.ent_type_ in _NAMED_ISSUERS and c.lower_ not in _NOT_PEOPLE]
    return named[-1] if named else None


def _issuer_speaker(text: str, doc: Any, issuer: Any, offset: int, speakers: _Speakers) -> tuple[str | None, str | None]:
    """Who issued a document, as a speaker: the organisation's name as the text prints it ("the
    Office of National Statistics", not "Office"), a role noun as it stands ("the finance minister",
    never resolved to another minister named before), else as any source resolves (a person's full
    name and title, "the company" as the article's company)."""
    # (its own words, not a clause about it: "the finance minister [uploaded on the Interior Ministry website]")
    aside = {t.i for c in issuer.subtree if c.i != issuer.i and c.dep_ in {"relcl", "acl", "appos"} for t in c.subtree}
    own = [t for t in issuer.subtree if t.i not in aside and t.dep_ != "case"]
    position = offset + issuer.idx
    if issuer.dep_ == "compound":
        # "a New York Times/CBS News poll", "A Quinnipiac University poll": the whole name before the
        # document's own words
        run = _name_run(issuer)
        name = _join_tokens(run)
        if any(t.ent_type_ == "PERSON" for t in run):
            return speakers.full_name(name, position), None
        speakers.spoke_as_group(name, position)
        return name, None
    while own and own[-1].is_punct:
        own.pop()
    if any(c.dep_ == "conj" for c in issuer.children):
        # "a study by Harvard and the University of California": both
        return _join_tokens(own) or None, None
    if issuer.ent_type_ in _NAMED_ISSUERS - {"PERSON"}:
        entity = next((e for e in doc.ents if e.start <= issuer.i < e.end), None)
        words = [t for t in own if entity is not None and entity.start <= t.i < entity.end]
        while words and words[-1].is_punct:
            words.pop()
        if words:
            name = _join_tokens(words)
            speakers.spoke_as_group(name, position)
            return name, None
    if issuer.lower_ in _ROLE_HEADS and not any(t.ent_type_ in {"PERSON", "ORG"} for t in own):
        return _join_tokens(own) or None, None
    speaker, title = _resolve_speaker(text, doc, issuer, offset, speakers)
    return (re.sub(r"\s*['’]s?$", "", speaker) or None if speaker else None), title


def _name_run(token: Any) -> list[Any]:
    """The run of name tokens (proper nouns, named entities but dates, and the "/", "&" or "-" between
    them) that ends at ``token``, a name compounded with a document ("USC Dornsife/Los Angeles Times
    Daybreak" of "The USC Dornsife/Los Angeles Times Daybreak tracking poll")."""
    doc = token.doc

    def name_like(t: Any) -> bool:
        return bool(t.pos_ == "PROPN" or (t.ent_type_ and t.ent_type_ not in {"DATE", "TIME", "CARDINAL", "ORDINAL"}))

    start = token.i
    while start > 0 and (name_like(doc[start - 1]) or (
            doc[start - 1].text in {"/", "&", "-"} and start > 1 and name_like(doc[start - 2]))):
        start -= 1
    while start < token.i and doc[start].pos_ == "DET":  # (not "The" the tagger put in the name)
        start += 1
    return list(doc[start : token.i + 1])


def _document_channel(source: Any) -> str | None:
    """The name of the document a source phrase names with its issuer (:func:`_document_name`); else
    ``None``."""
    issuer = _document_issuer(source) if source is not None and DOCUMENT_ISSUERS else None
    return None if issuer is None else _document_name(source, issuer)


def _document_name(document: Any, issuer: Any = None) -> str:
    """A document's name as a channel: the document noun and the words compounded with it ("blog
    post", "press release", "Twitter post", "social media video"), not its issuer's ("statement" of
    "a DEA statement") nor a describing adjective ("statement" of "a defiant statement")."""
    theirs = {t.i for t in issuer.subtree} if issuer is not None else set()
    if issuer is not None and issuer.dep_ == "compound":
        theirs |= {t.i for t in _name_run(issuer)}
    # (nor a date, "a Friday statement", nor, beside a named issuer, the rest of the name: "a
    # Rasmussen Daily Tracking poll")
    compounds = [c for c in document.children if c.dep_ == "compound" and c.i < document.i and c.i not in theirs
                 and c.ent_type_ not in {"DATE", "TIME"} and not (issuer is not None and c.ent_type_)]
    start = min((c.left_edge.i for c in compounds), default=document.i)
    while start < document.i and start in theirs:
        start += 1
    return str(document.doc[start : document.i + 1].text)


_IN_DOCUMENT = frozenset({"say", "write", "add", "announce", "state", "note", "explain", "tell", "respond", "reply"})
"""Lemmas of cues whose "in a statement" names the document the words were given in."""


def _only_entity_is_itself(source: Any, subtree: Sequence[Any]) -> bool:
    """Whether no person or organisation is named in the source phrase but, at most, its head word
    itself (spaCy tags "the Pope" a PERSON)."""
    return not any(t.ent_type_ in {"PERSON", "ORG"} and t.i != source.i for t in subtree)


def _join_tokens(tokens: Sequence[Any]) -> str:
    """Tokens as the text prints them ("AFL-CIO Local #1", "Jean-Pierre", "Trump’s"): a token's own
    trailing space between neighbours, one space where tokens were left out."""
    parts: list[str] = []
    for index, token in enumerate(tokens):
        parts.append(token.text)
        if index + 1 < len(tokens):
            parts.append(token.whitespace_ if tokens[index + 1].i == token.i + 1 else " ")
    return "".join(parts).strip()


def _modifier(ent: Any) -> bool:
    """A name that only modifies the head of its phrase ("Obama" in "the Obama campaign")."""
    root = ent.root
    return root.dep_ in {"poss", "compound", "nmod", "amod"} and not (ent.start <= root.head.i < ent.end)


def _channel(cue: Any, doc: Any) -> str | None:
    lemma = cue.lemma_.lower()
    if lemma == "tell":
        for child in cue.children:
            if child.dep_ in {"dobj", "dative", "iobj"}:
                return _entity_or_text(child, doc)
    if lemma == "quote":
        for child in cue.children:
            if child.dep_ == "nsubj":
                return _entity_or_text(child, doc)
    # "Reuters reported that X said …" / "X said …, Reuters reported": the reporting outlet.
    for ancestor in list(cue.ancestors)[:3]:
        if ancestor.lemma_.lower() in {"report", "quote"}:
            for child in ancestor.children:
                if child.dep_ == "nsubj" and (child.ent_type_ in {"ORG", "GPE", "PERSON", "WORK_OF_ART"}):
                    return _entity_or_text(child, doc)
    for child in cue.children:
        if child.lemma_.lower() == "report" and child.dep_ in {"parataxis", "ccomp", "advcl", "conj"}:
            subject = next((c for c in child.children if c.dep_ == "nsubj"), None)
            if subject is not None:
                return _entity_or_text(subject, doc)
    if not _channel_preposition(cue, lemma):
        return None  # (the loop below would find nothing)
    for child in cue.subtree:
        if child.lower_ in {"with", "in", "to"} and child.head.lower_ in {"interview", "wrote", "write", "writing"}:
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return _entity_or_text(obj, doc)
        if child.lower_ == "in" and child.head.i == cue.i and lemma in {"write", "say"}:
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.ent_type_ in {"ORG", "WORK_OF_ART", "GPE"}:
                    return _entity_or_text(obj, doc)
        if child.lower_ == "in" and child.head.i == cue.i and lemma in _IN_DOCUMENT:
            # "said in a statement", "In a blog post, Spotify said": the document
            # (with a determiner: "in order to" names no order)
            for obj in child.children:
                if obj.dep_ == "pobj" and DOCUMENT_ISSUERS and _is_document(obj) and any(
                        c.dep_ in {"det", "poss"} for c in obj.children):
                    return _document_name(obj)
    return None


def _channel_preposition(cue: Any, lemma: str) -> bool:
    """Whether the doc of ``cue`` has a token the last loop of :func:`_channel` may stop at: "with",
    "in" or "to" hung on a writing word, or "in" hung on the cue itself (when ``lemma`` allows one).
    Read from the token columns, without making token objects; the loop then checks that such a
    token is in the cue's subtree, in spaCy's order (so a ``False`` here only skips a loop that
    would have found nothing)."""
    columns = token_columns(cue.doc)
    in_cue = lemma in {"write", "say"} or lemma in _IN_DOCUMENT
    lower, head = columns.lower, columns.head
    for i, word in enumerate(lower):
        if word not in {"with", "in", "to"}:
            continue
        if lower[head[i]] in {"interview", "wrote", "write", "writing"} or (word == "in" and in_cue and head[i] == cue.i):
            return True
    return False


def _entity_or_text(token: Any, doc: Any) -> str:
    for ent in doc.ents:
        if ent.start <= token.i < ent.end:
            before = doc[ent.start - 1] if ent.start > 0 else None
            return f"The {ent.text}" if before is not None and before.text == "The" else str(ent.text)
    # the word and the compound words right before it ("the Fox News crew": "Fox News crew"), not the
    # compounds of words further down its subtree ("a crowd in snowy Windham, New Hampshire" had given
    # "crowd snowy New")
    start = token.i
    while start > 0:
        before = doc[start - 1]
        if before.text in {"-", "‑"} and not before.whitespace_ and start > 1 and not doc[start - 2].whitespace_:
            before = doc[start - 2]  # "The Star-Ledger": a hyphen inside the name
        if not (before.dep_ == "compound" or (before.dep_ == "det" and before.text == "The")) \
                or not _attached_within(before, token):
            break
        start = before.i
    return str(doc[start : token.i + 1].text)


def _attached_within(word: Any, head: Any) -> bool:
    """Whether ``word`` hangs from ``head`` through words between them (a compound chain)."""
    node, steps = word, 0
    while node.i != head.i and steps < 6:
        if node.head.i == node.i or not (node.i < node.head.i <= head.i):
            return False
        node, steps = node.head, steps + 1
    return bool(node.i == head.i)


def _inherited_subject(token: Any) -> Any:
    """The subject of the clause a participle or conjoined cue hangs from ("…, adding that")."""
    child, steps = token, 0
    while child.dep_ in {"advcl", "xcomp", "conj", "pcomp", "acl"} and child.head.i != child.i and steps < 3:
        child, steps = child.head, steps + 1
        subjects = _subjects(child)
        if subjects:
            return subjects[0]
    return None


def _subjects(token: Any) -> list[Any]:
    """The subjects of a verb, without a dateline parsed as one ("WASHINGTON -- President X said")."""
    found = [c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"} and not _dateline(c)]
    if len(found) > 1:
        # "Mr. Trump, who he said led me …": the relative pronoun belongs to the clause inside.
        found = [c for c in found if c.lower_ not in {"who", "which", "that"}] or found
        # "Correction, June 1: This article originally stated …": a page label is not the subject.
        found = [c for c in found if not _printed_as_label(c)] or found
    return found


_DASHES = frozenset({"--", "—", "–", "-"})


def _dateline_tokens(token: Any) -> set[int]:
    """The tokens of a dateline opening the sentence of ``token`` ("NEW YORK —", "WASHINGTON (AP) --"):
    upper-case words, commas and a bracketed agency before a dash."""
    sent = token.sent
    for t in sent:
        if t.text in _DASHES:
            return set(range(sent.start, t.i + 1)) if t.i > sent.start else set()
        if not (t.text.isupper() or t.text in {",", "(", ")", "."} or t.is_space):
            return set()
    return set()


def _dateline(token: Any) -> bool:
    after = token.i + 1
    return (token.text.isupper() and len(token.text) > 1 and after < len(token.doc)
            and token.doc[after].text in {"--", "—", "–", "-"} and next(token.subtree).i == token.sent.start)
