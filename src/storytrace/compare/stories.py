"""Stories: incremental clustering of articles into events.

An article either joins the existing story it is most similar to or opens a new one (single pass,
in publication order for a pile). Stages, per article:

1. **terms**: the title (counted ``title_weight`` times) and the first ``lead_words`` words of the
   text, lower-cased, stop words dropped, plurals folded;
2. **TF-IDF vector** (sublinear term frequency, unit length) with document frequencies counted over
   the pile (:func:`cluster_stories` primes them with every article before clustering) or, for a
   :class:`StoryIndex` fed one article at a time, over the articles seen so far; ``background_documents``
   adds documents sharing none of the terms, so that in a pile of five the event's own name (in every
   article) still counts;
3. **score against every candidate story** (stories sharing a term, found through an inverted
   index: the article's ``candidate_terms`` heaviest terms are followed and the 16 stories they favour
   most are scored in full, plus any story sharing an entity): cosine with the story's centroid, plus ``entity_weight`` × the share of the article's
   entities already named in the story (only when both have entities), plus a date term: with
   d = min(1, gap / ``date_scale_days``), the gap being the distance in days from the article's date
   to the story's date range, ``date_bonus`` × (1 − d) − ``date_weight`` × d (only when both dates
   are known — an unknown date gives no signal);
4. **join** the best story when its score reaches ``threshold``, else open a new story;
5. pile mode only (``refine_passes`` > 0): once every article is placed, each is taken out of its
   story and put back where it now scores best — early articles, placed when few stories existed,
   get a second look.

Parameters are fitted by cross-validation on the shared halves of BASIL, AllSides and UCI News by
``scripts/fit_stories.py`` and shipped in ``stories_params.json``: one set for articles with text
(``text``) and one for headlines only (``headline``); see docs/stories.md.
"""

from __future__ import annotations

import datetime as dt
import heapq
import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..models import Article, Entity

__all__ = [
    "StoryIndex",
    "StoryItem",
    "StoryParams",
    "cluster_articles",
    "cluster_stories",
    "join_copies",
    "load_params",
    "story_params",
    "story_title",
    "terms",
]

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")

_STOP_WORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having he
    her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not
    now of off on once only or other our ours ourselves out over own same she should so some such than that the
    their theirs them themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself yourselves says said say
    new one two three first last year years day days week time may might must shall us get gets got make makes
    made like just still even back many much well way ago per via amid""".split()  # noqa: SIM905
)


_SHORTLIST = 16
"""Stories scored in full per article: the best by the heaviest terms' share of the cosine."""


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryParams:
    """Clustering parameters (see the module docstring for what each does)."""

    threshold: float = 0.3
    """Minimum score for an article to join a story."""
    title_weight: int = 2
    """How many times title terms count against lead terms."""
    lead_words: int = 60
    """How many words of the text (after the title) are read; 0 reads the title only."""
    entity_weight: float = 0.0
    date_weight: float = 0.3
    date_scale_days: float = 7.0
    date_bonus: float = 0.0
    """Added in full when the article's date falls inside the story's date range, fading to nothing at
    ``date_scale_days`` away (the penalty ``date_weight`` grows over the same distance)."""
    candidate_terms: int = 30
    """Candidate stories are those sharing one of the article's heaviest terms (or an entity); the score
    itself uses every term. Common words weigh little but sit in long posting lists: following them all
    is what made a pile of thousands slow."""
    background_documents: float = 0.0
    """Documents assumed beside the pile that share none of its terms: in a small pile a word every
    article uses (the event's own name) would otherwise weigh least of all."""
    refine_passes: int = 0
    """Pile mode: passes that move each article to the story that scores best once all are placed."""

    def __post_init__(self) -> None:
        if not 0.0 <= self.threshold <= 2.0:
            raise ValueError(f"threshold must lie in [0, 2], got {self.threshold}")
        if self.candidate_terms < 1:
            raise ValueError(f"candidate_terms must be at least 1, got {self.candidate_terms}")
        if self.title_weight < 0 or self.lead_words < 0:
            raise ValueError(f"title_weight and lead_words must be ≥ 0, got {self.title_weight}, {self.lead_words}")
        if self.date_scale_days <= 0:
            raise ValueError(f"date_scale_days must be positive, got {self.date_scale_days}")


@cache
def _shipped() -> dict[str, Any]:
    raw = resources.files(__package__).joinpath("stories_params.json").read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(raw)
    return loaded


def load_params(kind: str = "text") -> StoryParams:
    """The shipped parameters for ``kind`` — ``text`` (articles with a body) or ``headline``."""
    sets = _shipped()["params"]
    if kind not in sets:
        raise ValueError(f"no story parameters for {kind!r}; known: {', '.join(sorted(sets))}")
    return StoryParams(**sets[kind])


@lru_cache(maxsize=1 << 16)
def _fold(word: str) -> str:
    word = word.replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def terms(title: str, text: str, params: StoryParams) -> Counter[str]:
    """Term counts of an article as the clustering reads it (title weighted, lead words of the text)."""
    counts: Counter[str] = Counter()
    for raw in _WORD.findall(title.casefold()):
        word = _fold(raw)
        if len(word) > 1 and word not in _STOP_WORDS:
            counts[word] += params.title_weight
    if params.lead_words:
        for taken, raw in enumerate(_WORD.finditer(text), start=1):
            if taken > params.lead_words:
                break
            word = _fold(raw.group().casefold())
            if len(word) > 1 and word not in _STOP_WORDS:
                counts[word] += 1
    return counts


def _day_number(published: object) -> float | None:
    """Days since the epoch for a date or ISO string; ``None`` when unknown or unreadable."""
    if published is None or published == "":
        return None
    if isinstance(published, dt.datetime):
        return published.timestamp() / 86400.0
    if isinstance(published, dt.date):
        return float(published.toordinal() - 719163)
    if isinstance(published, (int, float)) and not isinstance(published, bool):
        return float(published)
    text = str(published).strip()
    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        from ..dates import parse_iso_datetime

        parsed = parse_iso_datetime(text)
        if parsed is None:
            return None
        moment = dt.datetime.fromisoformat(parsed.time or parsed.date)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.timestamp() / 86400.0


@dataclass(slots=True)
class _Member:
    article_id: str | int
    title: str
    vector: dict[str, float]
    heaviest: tuple[str, ...]
    names: frozenset[str]
    day: float | None
    story: int = -1


@dataclass(slots=True)
class _Story:
    centroid: dict[str, float] = field(default_factory=dict)
    norm_squared: float = 0.0
    entities: Counter[str] = field(default_factory=Counter)
    members: list[_Member] = field(default_factory=list)

    def day_range(self) -> tuple[float, float] | None:
        days = [m.day for m in self.members if m.day is not None]
        return (min(days), max(days)) if days else None


class StoryIndex:
    """Stories built one article at a time: :meth:`add` returns the story index the article joined."""

    def __init__(self, params: StoryParams | None = None) -> None:
        self.params = params or load_params("text")
        self._document_frequency: Counter[str] = Counter()
        self._documents = 0
        self._primed: dict[str | int, Counter[str]] = {}
        self._stories: list[_Story] = []
        self._postings: dict[str, list[int]] = {}
        self._entity_postings: dict[str, set[int]] = {}
        self._ranges: list[tuple[float, float] | None] = []

    def prime(self, article_id: str | int, title: str, text: str = "") -> None:
        """Count an article's terms into the document frequencies ahead of :meth:`add` (pile mode)."""
        counts = terms(title, text, self.params)
        self._document_frequency.update(counts.keys())
        self._documents += 1
        self._primed[article_id] = counts

    @property
    def stories(self) -> list[list[str | int]]:
        """Member article ids of each story, in the order stories were opened (empty ones left out)."""
        return [[m.article_id for m in story.members] for story in self._stories if story.members]

    def _vector(self, counts: Counter[str]) -> dict[str, float]:
        documents = max(self._documents, 1) + self.params.background_documents
        vector = {
            term: (1.0 + math.log(count)) * (math.log((documents + 1) / (self._document_frequency[term] + 1)) + 1.0)
            for term, count in counts.items()
        }
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        return {term: v / norm for term, v in vector.items()}

    def _best(self, member: _Member) -> tuple[int, float, float]:
        """The best story for ``member`` as (index, score, dot with its centroid); index -1 when none shares a term."""
        params = self.params
        partial: dict[int, float] = {}
        vector = member.vector
        for term in member.heaviest:
            weight = vector[term]
            for story_index in self._postings.get(term, ()):
                partial[story_index] = partial.get(story_index, 0.0) + weight * self._stories[story_index].centroid[term]
        candidates = set(heapq.nsmallest(_SHORTLIST, partial, key=lambda i: (-partial[i], i)))
        if params.entity_weight:
            for name in member.names:
                candidates.update(self._entity_postings.get(name, ()))
        dots: dict[int, float] = {}
        for story_index in candidates:
            centroid = self._stories[story_index].centroid
            dots[story_index] = sum(weight * centroid.get(term, 0.0) for term, weight in vector.items())
        best, best_score, best_dot = -1, -math.inf, 0.0
        names, day = member.names, member.day
        for story_index, dot in dots.items():
            story = self._stories[story_index]
            if story.norm_squared <= 1e-12:
                continue
            score = dot / math.sqrt(story.norm_squared)
            if names and story.entities and params.entity_weight:
                score += params.entity_weight * sum(1 for n in names if story.entities[n] > 0) / len(names)
            day_range = self._ranges[story_index]
            if day is not None and day_range is not None:
                distance = min(1.0, max(day_range[0] - day, day - day_range[1], 0.0) / params.date_scale_days)
                score += params.date_bonus * (1.0 - distance) - params.date_weight * distance
            if score > best_score or (score == best_score and story_index < best):
                best, best_score, best_dot = story_index, score, dot
        return best, best_score, best_dot

    def _join(self, member: _Member, best: int, dot: float) -> int:
        if best < 0:
            best, dot = len(self._stories), 0.0
            self._stories.append(_Story())
            self._ranges.append(None)
        story = self._stories[best]
        story.norm_squared += 2.0 * dot + 1.0
        for term, weight in member.vector.items():
            if term not in story.centroid:
                story.centroid[term] = weight
                self._postings.setdefault(term, []).append(best)
            else:
                story.centroid[term] += weight
        for name in member.names:
            if story.entities[name] <= 0:
                self._entity_postings.setdefault(name, set()).add(best)
        story.entities.update(member.names)
        story.members.append(member)
        member.story = best
        if member.day is not None:
            old = self._ranges[best]
            self._ranges[best] = (member.day, member.day) if old is None else (
                min(old[0], member.day), max(old[1], member.day))
        return best

    def _leave(self, member: _Member, story_index: int) -> None:
        story = self._stories[story_index]
        dot = sum(weight * story.centroid[term] for term, weight in member.vector.items())
        story.norm_squared = max(0.0, story.norm_squared - 2.0 * dot + 1.0)
        for term, weight in member.vector.items():
            story.centroid[term] -= weight  # the posting stays; a zero weight adds nothing
        story.entities.subtract(member.names)
        story.members.remove(member)
        if not story.members:
            story.norm_squared = 0.0
        self._ranges[story_index] = story.day_range()

    def add(
        self,
        article_id: str | int,
        title: str,
        text: str = "",
        published: object = None,
        entities: Iterable[str] = (),
    ) -> int:
        """Put one article in a story; return the story's index (new stories get the next index)."""
        primed = self._primed.pop(article_id, None)
        if primed is not None:
            counts = primed
        else:
            counts = terms(title or "", text or "", self.params)
            self._document_frequency.update(counts.keys())
            self._documents += 1
        vector = self._vector(counts)
        heaviest = sorted(vector, key=lambda term: (-vector[term], term))[: self.params.candidate_terms]
        member = _Member(
            article_id=article_id,
            title=title or "",
            vector=vector,
            heaviest=tuple(heaviest),
            names=frozenset(name.casefold().strip() for name in entities if name and name.strip()),
            day=_day_number(published),
        )
        best, score, dot = self._best(member)
        return self._join(member, best if score >= self.params.threshold else -1, dot)

    def refine(self, passes: int = 1) -> int:
        """Revisit every article: move it to the story that now scores best for it (or a story of its own
        when none reaches the threshold). Returns how many moves were made."""
        moves = 0
        for _ in range(passes):
            moved = 0
            # each article once per pass, in the order placed; a group that moves together could
            # otherwise chase itself into ever new stories
            for member in [m for story in self._stories for m in story.members]:
                origin = member.story
                self._leave(member, origin)
                best, score, dot = self._best(member)
                target = best if score >= self.params.threshold else -1
                if target == -1 and not self._stories[origin].members:
                    target, dot = origin, 0.0  # alone again: stay in the same (now empty) story
                self._join(member, target, dot)
                moved += member.story != origin
            moves += moved
            if not moved:
                break
        return moves

    def titles(self, story: int) -> list[str]:
        return [m.title for m in self._stories[story].members]


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryItem:
    """One article as the clustering sees it."""

    title: str
    text: str = ""
    published: object = None
    """ISO date/timestamp string, date, datetime or epoch days; ``None`` when unknown."""
    entities: tuple[str, ...] = ()


def cluster_stories(items: Sequence[StoryItem], params: StoryParams | None = None) -> list[list[int]]:
    """Cluster a pile: document frequencies over the whole pile, then one pass in publication order
    (articles without a date after the dated ones, each group in input order). Returns the stories as
    sorted lists of item positions, ordered by their first member."""
    index = StoryIndex(params)
    for position, item in enumerate(items):
        index.prime(position, item.title, item.text)
    days = [_day_number(item.published) for item in items]
    order = sorted(range(len(items)), key=lambda i: (days[i] is None, days[i] or 0.0, i))
    for position in order:
        item = items[position]
        index.add(position, item.title, item.text, days[position], item.entities)
    if index.params.refine_passes:
        index.refine(index.params.refine_passes)
    stories = [sorted(int(member) for member in members) for members in index.stories]
    return sorted(stories, key=lambda members: members[0])


def story_title(titles: Sequence[str]) -> str:
    """The most representative member title: the one sharing the most terms with the others for its
    length (summed cosine of the term sets: a long title does not win on its many words; ties: first)."""
    present = [title.strip() for title in titles if title and title.strip()]
    if not present:
        return ""
    params = StoryParams(lead_words=0, title_weight=1)
    bags = [set(terms(title, "", params)) for title in present]
    scores = [
        sum(len(bag & other) / math.sqrt(len(bag) * len(other)) for j, other in enumerate(bags) if j != i and other)
        if bag else 0.0
        for i, bag in enumerate(bags)
    ]
    return present[max(range(len(present)), key=lambda i: (round(scores[i], 9), -i))]


def story_params(articles: Sequence[Article]) -> StoryParams:
    """The shipped parameters :func:`cluster_articles` uses for ``articles``: ``headline`` when every
    article is no more than its headline, else ``text``. With their ``entity_weight`` at 0 (both
    shipped sets) entities neither score nor pick a candidate story, so the stories do not depend on
    them and ``analyze`` clusters while the claim workers are still parsing."""
    headline_only = all(len((a.text or "").split()) <= len((a.title or "").split()) + 3 for a in articles)
    return load_params("headline" if headline_only and articles else "text")


def cluster_articles(
    articles: Sequence[Article], entities: Sequence[Entity] = (), params: StoryParams | None = None
) -> list[list[int]]:
    """Stories of stored articles (their ``id``s), with resolved entities as the entity signal.

    Articles with no text beyond a headline use the ``headline`` parameters when they are all like
    that; otherwise the ``text`` parameters.
    """
    names: dict[int, set[str]] = {}
    for entity in entities:
        for article_id, _mention in entity.mentions:
            names.setdefault(article_id, set()).add(entity.name)
    if params is None:
        params = story_params(articles)
    items = [
        StoryItem(
            title=a.title or "",
            text=a.text or "",
            published=a.published_time or a.published,
            entities=tuple(sorted(names.get(a.id or 0, ()))),
        )
        for a in articles
    ]
    ids = [a.id or 0 for a in articles]
    return [[ids[i] for i in members] for members in cluster_stories(items, params)]


def join_copies(stories: Sequence[Sequence[int]], derived: Iterable[tuple[int, int]]) -> list[list[int]]:
    """Stories with each article that sits alone in its story but is derived from, or the source
    of, articles of exactly one other story moved into that story (in story order; two lone
    articles of which one copies the other become one story).

    ``derived``: (source, target) article ids of the derivation edges (wholly or partially
    derived). A page too short for the text clustering (a 100-word teaser built from a wire
    story) is about what it copies; a copy relation says more than shared vocabulary.
    """
    story_of = {article: number for number, members in enumerate(stories) for article in members}
    linked: dict[int, set[int]] = {}
    for source, target in derived:
        if source in story_of and target in story_of:
            linked.setdefault(source, set()).add(target)
            linked.setdefault(target, set()).add(source)
    moved = [list(members) for members in stories]
    for number in range(len(moved)):
        if len(moved[number]) != 1:
            continue
        article = moved[number][0]
        others = {story_of[n] for n in linked.get(article, ())} - {number}
        if len(others) == 1:
            target = next(iter(others))
            moved[number] = []
            moved[target].append(article)
            story_of[article] = target
    return [sorted(members) for members in moved if members]


def params_with(params: StoryParams, values: Mapping[str, Any]) -> StoryParams:
    """A copy of ``params`` with some fields changed (used by the fitting script)."""
    return replace(params, **values)
