"""Quotes and reported speech, with speaker, cue and channel.

Stages, in order:

1. **quote marks** over the whole clean text: curly, straight and guillemet double quotes, and
   single quotes nested inside them; a paragraph that opens a quote and never closes it continues
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

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from ..models import Quote
from .nlp import load_nlp

__all__ = ["QuoteMark", "extract_quotes", "find_quote_marks", "reporting_verbs"]

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
    "declines attack attacked attacks blast blasted question questioned predict predicted"
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


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]+)*", text):
        spans.append((match.start(), match.end()))
    return spans


def find_quote_marks(text: str) -> list[QuoteMark]:
    """Direct quotations, multi-paragraph ones joined; never crosses a paragraph without a reason."""
    marks: list[QuoteMark] = []
    paragraphs = _paragraphs(text)
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
            if next_start is not None and text[next_start] in _OPEN and (carry is not None or quote_start - 1 == start):
                carry = quote_start if carry is None else carry
            else:
                marks.append(QuoteMark(quote_start, end, False))
                carry = None
            break
    return [m for m in marks if m.end > m.start and re.search(r"\w", text[m.start : m.end])]


def _next_opening(text: str, start: int, end: int) -> int | None:
    for index in range(start, end):
        char = text[index]
        if char in "“«„":
            return index
        if char == '"' and (index == start or not text[index - 1].isalnum()):
            return index
    return None


def _closing(text: str, start: int, end: int, closer: str) -> int | None:
    index = text.find(closer, start, end)
    if closer == "”" and index < 0:
        straight = text.find('"', start, end)
        return straight if straight >= 0 else None
    return index if index >= 0 else None


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
_ROLE_HEADS = {
    "minister", "general", "president", "official", "officials", "spokesman", "spokeswoman", "spokesperson",
    "analyst", "expert", "scholar", "source", "sources", "commander", "senator", "governor", "secretary",
    "ambassador", "mayor", "chief", "director", "colonel", "leader", "representative", "diplomat", "journalist",
    "correspondent", "author", "professor", "lawyer", "attorney", "judge", "officer", "police", "prosecutor",
    "man", "woman", "chairman", "witness", "resident",
}  # fmt: skip


@dataclass(slots=True)
class _Person:
    name: str
    start: int
    end: int


def _split_title(tokens: Sequence[Any]) -> tuple[str | None, list[Any]]:
    """Leading title words ("Maj. Gen.", "Russian Foreign Minister") apart from the name tokens."""
    index = 0
    while index < len(tokens) - 1 and (
        tokens[index].text.lower().rstrip(".") in _TITLE_WORDS
        or tokens[index].text.lower() in _TITLE_WORDS
        or (tokens[index].text == "." and index > 0)
    ):
        index += 1
    title = "".join(t.text_with_ws for t in tokens[:index]).strip() or None
    return title, [t for t in tokens[index:] if t.text != "."]


class _Speakers:
    """People named so far in the article, to resolve pronouns, role nouns and surnames."""

    def __init__(self) -> None:
        self.people: list[_Person] = []

    def add(self, name: str, start: int, end: int) -> None:
        self.people.append(_Person(name, start, end))

    def full_name(self, name: str, before: int) -> str:
        if len(name.split()) != 1:
            return name
        for person in reversed(self.people):
            if person.start < before and len(person.name.split()) > 1 and person.name.split()[-1] == name:
                return person.name
        return name

    def spoke(self, name: str, at: int) -> None:
        self.last_speaker = (name, at)

    def nearest(self, before: int) -> str | None:
        """The last person quoted shortly before, else the last person named before."""
        last = getattr(self, "last_speaker", None)
        if last is not None and 0 <= before - last[1] <= 1500:
            return str(last[0])
        candidates = [p for p in self.people if p.end <= before and len(p.name.split()) > 1]
        if not candidates:
            candidates = [p for p in self.people if p.end <= before]
        return candidates[-1].name if candidates else None


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    from ..reuse.paraphrase import split_sentences

    return split_sentences(text)


_CUE_HINT = re.compile(r"\baccording to\b", re.IGNORECASE)


def _worth_parsing(sentence: str, verbs: frozenset[str]) -> bool:
    if any(mark in sentence for mark in "“”\"«»"):
        return True
    if _CUE_HINT.search(sentence):
        return True
    return any(word in verbs for word in re.findall(r"[a-z]+", sentence.lower()))


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


def extract_quotes(text: str) -> list[Quote]:
    """Quotes and reported speech in an article's clean text, in text order."""
    marks = find_quote_marks(text)
    verbs = reporting_verbs()
    sentences = _sentence_spans(text)
    chosen = [(s, e) for s, e in sentences if _worth_parsing(text[s:e], verbs)]
    nlp = load_nlp()
    speakers = _Speakers()
    quotes: list[Quote] = []
    used_marks: set[int] = set()
    docs = nlp.pipe([text[s:e] for s, e in chosen], batch_size=32)
    parsed = list(zip(chosen, docs, strict=True))
    for (start, _end), doc in parsed:
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                _, name_tokens = _split_title(list(ent))
                if name_tokens:
                    name = " ".join(t.text for t in name_tokens).replace(" '", "'").rstrip("'s").strip()
                    speakers.add(speakers.full_name(name, start + ent.start_char), start + ent.start_char,
                                 start + ent.end_char)
        quotes.extend(_attributions(text, doc, start, marks, used_marks, speakers, verbs))
    # Quotes no cue claimed: unattributed direct quotes of at least two words still count.
    for index, mark in enumerate(marks):
        if index in used_marks or len(text[mark.start : mark.end].split()) < 2:
            continue
        quotes.append(
            Quote(text=text[mark.start : mark.end], span=(mark.start, mark.end), speaker=None, speaker_span=None,
                  cue=None, direct=True)
        )
    quotes.extend(_labelled_lines(text, quotes))
    quotes.sort(key=lambda q: q.span)
    return quotes


_LABEL = re.compile(r"^(?P<label>[A-Z][A-Za-z.'’\-]+(?: [A-Z][A-Za-z.'’\-]+){0,2}):[ \t]+(?P<content>\S.*)$")
_NOT_LABELS = {
    "update", "note", "photo", "source", "sources", "region", "theme", "editor", "editor's note", "watch", "read",
    "related", "video", "correction", "disclaimer", "tags", "image", "listen", "breaking", "exclusive", "opinion",
    "analysis", "q", "a", "question", "answer", "transcript", "live", "more",
}


def _labelled_lines(text: str, found: list[Quote]) -> list[Quote]:
    """Transcript and headline style: "PENCE: Well, look, …" or "Pence: Flowers Won’t Be at Debate"."""
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
        if not (label.isupper() or (len(words) <= 3 and all(w[:1].isupper() for w in words))):
            continue
        content = (start + match.start("content"), end)
        if any(_overlap(content, span) for span in taken):
            continue
        quotes.append(
            Quote(text=text[content[0] : content[1]], span=content, speaker=label.title() if label.isupper() else label,
                  speaker_span=(start, start + len(label)), cue=":", cue_span=(start + len(label), start + len(label) + 1),
                  direct=True)
        )
    return quotes


def _attributions(
    text: str, doc: Any, offset: int, marks: list[QuoteMark], used: set[int], speakers: _Speakers,
    verbs: frozenset[str],
) -> list[Quote]:
    found: list[Quote] = []
    sentence_start, sentence_end = offset, offset + len(doc.text)
    for token in doc:
        according = token.lower_ == "according" and any(c.lower_ == "to" for c in token.children)
        is_cue = token.pos_ in {"VERB", "AUX"} and token.lower_ in verbs and token.dep_ != "amod"
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
            subjects = [c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}]
            agents = [g for c in token.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            if token.lemma_.lower() == "quote":
                # "RT quoted Sergey Lavrov as saying": the object speaks; the subject is the channel.
                agents = [c for c in token.children if c.dep_ == "dobj"] or agents
            elif token.dep_ in {"advcl", "xcomp", "pcomp"} and token.head.lemma_.lower() == "quote":
                continue  # "as saying" belongs to the "quoted" cue
            source_token = (agents or subjects or [None])[0]
            if source_token is None:
                continue
            source_span = _subtree_span(source_token, offset)
            cue_span = (offset + token.idx, offset + token.idx + len(token.text))
            cue = token.text
            complements = [c for c in token.children if c.dep_ in {"ccomp", "xcomp", "conj"} and c.pos_ in {"VERB", "AUX"}]
            if token.dep_ in {"ccomp", "parataxis"} and token.head.i < token.i and not complements:
                complements = [token.head]
                content_span = _subtree_span(token.head, offset, exclude={t.i for t in token.subtree})
            elif complements:
                content_span = _subtree_span(complements[0], offset)
            else:
                content_span = None
        # A quotation in the sentence (not inside the source) is the content; else one after a colon.
        quote_index = _quote_in(marks, sentence_start, sentence_end, source_span, used)
        if quote_index is None and text[cue_span[1] : sentence_end].strip().endswith(":"):
            quote_index = _quote_after(marks, sentence_end, used)
        direct = False
        if quote_index is not None:
            mark = marks[quote_index]
            if content_span is None or _overlap(content_span, (mark.start, mark.end)) > 0 or cue == "according to":
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
        if speaker and speaker[:1].isupper():
            speakers.spoke(speaker, content_span[1])
        if direct:
            content_span = _trim(text, content_span)
        found.append(
            Quote(
                text=text[content_span[0] : content_span[1]],
                span=content_span,
                speaker=speaker,
                speaker_span=source_span,
                speaker_title=title,
                cue=cue,
                cue_span=cue_span,
                channel=_channel(token, doc),
                direct=direct,
            )
        )
    return found


def _trim(text: str, span: tuple[int, int]) -> tuple[int, int]:
    start, end = span
    while end > start and text[end - 1] in " ,;:":
        end -= 1
    while start < end and text[start] == " ":
        start += 1
    return start, end


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


def _quote_after(marks: list[QuoteMark], after: int, used: set[int]) -> int | None:
    for index, mark in enumerate(marks):
        if index not in used and after <= mark.start - 1 <= after + 4:
            return index
    return None


def _resolve_speaker(text: str, doc: Any, source: Any, offset: int, speakers: _Speakers) -> tuple[str | None, str | None]:
    # A named entity inside the source phrase wins ("Maria Ortega, the authority's director").
    subtree = list(source.subtree)
    inside = [ent for ent in doc.ents if ent.start >= subtree[0].i and ent.end <= subtree[-1].i + 1]
    for ent in inside:
        if ent.label_ == "PERSON":
            title, name_tokens = _split_title(list(doc[subtree[0].i : ent.end]))
            name = " ".join(t.text for t in name_tokens if t.i >= ent.start).strip() or ent.text
            name = re.sub(r"'s$", "", name)
            return speakers.full_name(name, offset + ent.start_char), title
    for ent in inside:
        if ent.label_ in {"ORG", "GPE", "NORP"} and ent.start <= source.i < ent.end:
            return ent.text, None
    head = source.lower_
    position = offset + source.idx
    if head in _PRONOUNS or (head in _ROLE_HEADS and source.pos_ == "NOUN"):
        resolved = speakers.nearest(position)
        if resolved:
            return resolved, None
    if source.pos_ == "PROPN":
        tokens = [t for t in subtree if t.pos_ == "PROPN" or t.text.endswith(".")]
        title, name_tokens = _split_title(tokens)
        if name_tokens:
            name = " ".join(t.text for t in name_tokens)
            return speakers.full_name(name, position), title
    phrase = " ".join(t.text for t in subtree).strip()
    return (phrase or None), None


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
    for child in cue.subtree:
        if child.lower_ in {"with", "in", "to"} and child.head.lower_ in {"interview", "wrote", "write", "writing"}:
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return _entity_or_text(obj, doc)
        if child.lower_ == "in" and child.head.i == cue.i and lemma in {"write", "say"}:
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.ent_type_ in {"ORG", "WORK_OF_ART", "GPE"}:
                    return _entity_or_text(obj, doc)
    return None


def _entity_or_text(token: Any, doc: Any) -> str:
    for ent in doc.ents:
        if ent.start <= token.i < ent.end:
            return str(ent.text)
    compound = [t for t in token.subtree if t.dep_ in {"compound"} or t.i == token.i]
    return " ".join(t.text for t in compound)
