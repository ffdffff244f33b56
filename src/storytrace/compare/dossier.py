"""The dossier (``storytrace.dossier/1``, /work/shared/DESIGN.md section 3): every stage's findings
about one pile in one JSON-ready dict, with stable ids (``a<store id>``, ``s1``, ``q1``, ``n1``,
``e1``, ``c1``) and a deterministic order, so the same input gives the same file.

:func:`analyze_articles` runs the stages over stored articles: reuse and provenance, claims
(quotes, quantities, entities) per article, stories, claim matching, conflicts, independent
origins and first appearance. :func:`build_dossier` only assembles records already computed.
"""

from __future__ import annotations

import bisect
import os
import re
import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import suppress
from typing import TYPE_CHECKING, Any, TypeVar

from ..claims.entities import strip_titles
from ..language import UNDETERMINED, detect_language, is_english
from ..leads import lead_line
from ..models import Article, Claim, Entity, Mention, Quantity, Quote, Reuse
from ..provenance import independent_origins as pile_origins
from .cache import (
    AnalysisCache,
    ArticleClaims,
    StoredVectors,
    claims_from_json,
    claims_to_json,
    claims_version,
    text_key,
)
from .conflicts import (
    When,
    looks_like_a_name,
    person_key_from,
    quantity_conflicts,
    running_figure,
    sentence_years,
    speaker_conflicts,
    wording_conflicts,
)
from .matching import (
    QuantityItem,
    QuoteItem,
    alias_index,
    first_seen,
    independent_origins,
    match_quantities,
    match_quotes,
    quote_words,
)
from .templates import TemplateText, template_texts

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from ..reuse.pairs import ReuseOptions

__all__ = ["NO_CLAIMS", "SCHEMA", "ArticleClaims", "analyze_articles", "article_claims", "build_dossier", "negated_cue", "reuse_to_dict"]

SCHEMA = "storytrace.dossier/1"
POOL_THRESHOLD = 24
"""Claims are extracted in worker processes only for piles larger than this (spaCy loads per worker)."""
_CHUNK = 4
"""Texts per task of a claim worker (as ``pool.map``'s ``chunksize`` was)."""
SAVE_EVERY = 32
"""Extracted claims are written to the store's cache in batches of this many articles (and what is left when
the run stops), so an interrupted ``analyze`` keeps the articles it had read: the rerun extracts only the rest."""

Progress = Callable[[str, int, int], None]
_T = TypeVar("_T")


NO_CLAIMS = ArticleClaims(quotes=(), quantities=(), mentions=())
"""The claims of an article not read (one not in English: :func:`storytrace.language.is_english`)."""


def article_claims(text: str) -> ArticleClaims:
    """Quotes, quantities and entity mentions of one article's clean text.

    The sentences the quote stage parses (most of a news text) go through the full spaCy pipeline
    once; the entity stage takes their named entities from those docs, tagging only the rest, and the
    quantity stage their parses, parsing only the other sentences with a number.
    """
    from ..claims.entities import extract_mentions
    from ..claims.quantities import extract_quantities
    from ..claims.quotes import extract_quotes, parse_sentences

    parsed = parse_sentences(text)
    return ArticleClaims(
        quotes=tuple(extract_quotes(text, parsed=parsed)),
        quantities=tuple(extract_quantities(text, parsed={text[a:b]: doc for (a, b), doc in parsed.items()})),
        mentions=tuple(extract_mentions(text, parsed=parsed)),
    )


def _cached(claim_cache: AnalysisCache | None, keys: Sequence[str]) -> dict[str, ArticleClaims]:
    """The claims ``claim_cache`` holds for ``keys`` under the current :func:`claims_version`; an
    entry that does not read back is extracted again."""
    if claim_cache is None:
        return {}
    known: dict[str, ArticleClaims] = {}
    for key, payload in claim_cache.cached_claims(keys, claims_version()).items():
        try:
            known[key] = claims_from_json(payload)
        except (ValueError, TypeError, KeyError):
            continue
    return known


def _claims_many(
    texts: Sequence[str], workers: int, progress: Progress | None, meanwhile: Callable[[], _T],
    keep: Callable[[int, ArticleClaims], None] | None = None,
) -> tuple[list[ArticleClaims], _T]:
    """Every text's :func:`article_claims`, in worker processes for a large pile; ``meanwhile``
    (the reuse stage) runs in this process while the workers parse. Returns the claims and what
    ``meanwhile`` returned. ``keep(position, claims)`` is told each text's claims as they are taken in,
    also, when the run is stopped (Ctrl-C, a failing reuse stage), those the workers had finished."""
    total = len(texts)
    told = keep or (lambda position, claims: None)
    if workers <= 1 or total <= POOL_THRESHOLD:
        other = meanwhile()
        inline: list[ArticleClaims] = []
        for done, text in enumerate(texts, start=1):
            inline.append(article_claims(text))
            told(done - 1, inline[-1])
            if progress:
                progress("claims", done, total)
        return inline, other
    import multiprocessing

    context = multiprocessing.get_context("forkserver" if os.name == "posix" else "spawn")
    # the workers end with this process even when it is killed outright (SIGKILL, an uncaught SIGTERM:
    # `timeout`), which never shuts the pool down: they would wait on its task queue for ever
    lifeline, lifeline_end = context.Pipe(duplex=False)
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_end_with_main,
                               initargs=(lifeline,))
    results: list[ArticleClaims] = []
    tasks: list[Future[list[ArticleClaims]]] = []
    try:
        tasks += [pool.submit(_claims_of, texts[start : start + _CHUNK]) for start in range(0, total, _CHUNK)]
        other = meanwhile()
        for task in tasks:
            for result in task.result():
                told(len(results), result)
                results.append(result)
                if progress:
                    progress("claims", len(results), total)
    except BaseException:
        # a failing reuse stage (or Ctrl-C) must not wait for the queued claims; what is finished is kept
        for number, task in enumerate(tasks):
            if task.done() and not task.cancelled() and task.exception() is None:
                for position, result in enumerate(task.result(), start=number * _CHUNK):
                    if position >= len(results):  # not taken in yet
                        told(position, result)
        pool.shutdown(wait=False, cancel_futures=True)
        lifeline_end.close()
        raise
    pool.shutdown()
    lifeline_end.close()
    return results, other


def _claims_of(texts: Sequence[str]) -> list[ArticleClaims]:
    """One task of a claim worker: the claims of a few texts."""
    return [article_claims(text) for text in texts]


def _end_with_main(lifeline: Connection) -> None:
    """Initializer of a claim worker: end it when the main process's end of ``lifeline`` closes (the main
    process ended, however it ended)."""
    threading.Thread(target=_wait_then_exit, args=(lifeline,), daemon=True).start()


def _wait_then_exit(lifeline: Connection) -> None:
    with suppress(EOFError, OSError):
        lifeline.recv_bytes()
    os._exit(1)


def analyze_articles(
    articles: Sequence[Article],
    *,
    workers: int = 0,
    aliases: Any = None,
    reuse_options: ReuseOptions | None = None,
    progress: Progress | None = None,
    cache: AnalysisCache | None = None,
) -> dict[str, Any]:
    """Run every analysis stage over ``articles`` (which carry store ids) and return the dossier.
    ``reuse_options``: the reuse stage's (default ``ReuseOptions()``: the MiniLM paraphrase layer).
    ``cache``: where each article's claims and sentence embeddings are remembered between runs (the
    store): only the texts it does not know are extracted or encoded, and what is added to it."""
    from ..claims.entities import resolve_entities
    from ..reuse.pairs import ReuseOptions, find_reuse
    from .stories import cluster_articles, story_params

    articles = sorted(articles, key=lambda a: a.id or 0)
    workers = workers or (os.cpu_count() or 1)
    texts = [a.text for a in articles]
    keys = [text_key(text) for text in texts]
    # quotes, numbers and names are read in English (or undetermined) articles only
    languages = [detect_language(text) for text in texts]
    # pages whose text is their site's template are in no story, reuse pair or claim
    templates = template_texts(articles)
    templated = {article_id for template in templates for article_id in template.articles}
    read = [a for a in articles if a.id not in templated]
    known = _cached(cache, keys)
    encoder = (reuse_options or ReuseOptions()).paraphrase_encoder
    vectors = None if cache is None else StoredVectors(cache, encoder)

    def reuse() -> list[Reuse]:
        found = find_reuse(read, reuse_options, vectors=vectors,
                           progress=(lambda d, t: progress("reuse", d, t)) if progress else None)
        if vectors is not None:
            vectors.save()
        return found

    params = story_params(read)

    def reuse_and_stories() -> tuple[list[Reuse], list[list[int]] | None]:
        found = reuse()
        # Stories need the entities only when entities weigh in (not with the shipped parameters):
        # then they are clustered here, while the claim workers are still parsing, not after them.
        return found, None if params.entity_weight else cluster_articles(read, (), params)

    todo = sorted({key: index for index, key in reversed(list(enumerate(keys)))
                   if key not in known and is_english(languages[index])
                   and articles[index].id not in templated}.values())
    # The claim workers parse while this process finds the reuse and the stories (3 busy processes on 2 cores keep
    # both cores busy until the last stage).
    unsaved: dict[str, str] = {}

    def save() -> None:
        if cache is not None and unsaved:
            cache.save_claims(dict(unsaved), claims_version())
            unsaved.clear()

    def keep(position: int, result: ArticleClaims) -> None:
        if cache is not None:
            unsaved[keys[todo[position]]] = claims_to_json(result)
            if len(unsaved) >= SAVE_EVERY:
                save()

    try:
        fresh, (reuses, clustered) = _claims_many(
            [texts[index] for index in todo], workers, progress,
            meanwhile=reuse_and_stories, keep=keep,
        )
    except BaseException:
        save()  # an interrupted run keeps the claims it extracted: the rerun reads only the other articles
        raise
    save()
    found = {keys[index]: result for index, result in zip(todo, fresh, strict=True)}
    ids = [a.id or 0 for a in articles]
    claims = [NO_CLAIMS if article_id in templated else known[key] if key in known else found.get(key, NO_CLAIMS)
              for article_id, key in zip(ids, keys, strict=True)]
    mentions = outside_outlet_furniture(
        articles, {article_id: found.mentions for article_id, found in zip(ids, claims, strict=True)})
    # With the stories known already (entities unweighted), an acronym no article spells out is read
    # within its own story (resolve_entities' ``stories``).
    stories = None if clustered is None else _stories(clustered, reuses, templated)
    entities = resolve_entities(mentions, {a.id or 0: a.text for a in articles}, aliases,
                                outlets=outlet_names(articles),
                                stories=None if stories is None else _story_of(stories))
    if stories is None:
        stories = _stories(cluster_articles(read, entities, params), reuses, templated)
    if progress:
        progress("stories", 1, 1)
    return build_dossier(
        articles,
        reuses=reuses,
        stories=stories,
        quotes={article_id: found.quotes for article_id, found in zip(ids, claims, strict=True)},
        quantities={article_id: found.quantities for article_id, found in zip(ids, claims, strict=True)},
        entities=entities,
        languages=dict(zip(ids, languages, strict=True)),
        templates=templates,
    )


def _stories(clustered: list[list[int]], reuses: Sequence[Reuse], templated: set[int]) -> list[list[int]]:
    """The pile's stories: the clustered ones with copies joined to their source's, then one story per
    templated page."""
    from .stories import join_copies

    return [*join_copies(clustered, _derived_edges(reuses)), *([article_id] for article_id in sorted(templated))]


def _story_of(stories: Sequence[Sequence[int]]) -> dict[int, int]:
    """Article id → the index of its story."""
    return {article_id: number for number, members in enumerate(stories) for article_id in members}


def outlet_names(articles: Iterable[Article]) -> list[str]:
    """The names the pile's articles are published under or credited to, for the entity stage to type
    ORG: each article's outlet ("politico.com", "Global Research") and the outlets its credits name —
    syndication and first publication ("MintPress News"), wires and source lines ("AP",
    "sgtreport.com"). Not a copyright holder or a translator, often a person ("Copyright © Jordan
    Shilton", "Translated by Captain Ahab")."""
    found: dict[str, None] = {}
    for article in articles:
        if article.outlet:
            found[article.outlet] = None
        for credit in article.credits:
            if credit.kind in {"syndicated_from", "originally_published_by"} or (
                    credit.kind == "via" and credit.role != "translator"):
                found[credit.name] = None
    return list(found)


def outside_outlet_furniture(
    articles: Sequence[Article], mentions: Mapping[int, Sequence[Mention]]
) -> dict[int, tuple[Mention, ...]]:
    """The mentions that do not lie in a paragraph printed word for word by at least
    :data:`OUTLET_FURNITURE_ARTICLES` articles of the same outlet — a widget line such as
    "Headline: Bitcoin & Blockchain Searches Exceed Trump! Blockchain Stocks Are Next!" on 130 pages
    of one site had made "Blockchain Stocks" the pile's fourth most-mentioned "person"."""
    printed: dict[tuple[str, str], set[int]] = defaultdict(set)
    for article in articles:
        if article.outlet and article.id is not None:
            for start, end in article.paragraphs:
                printed[(article.outlet.casefold(), article.text[start:end])].add(article.id)
    kept: dict[int, tuple[Mention, ...]] = {}
    for article in articles:
        found = tuple(mentions.get(article.id or 0, ()))
        if article.outlet and found:
            outlet = article.outlet.casefold()
            furniture = [(start, end) for start, end in article.paragraphs
                         if len(printed[(outlet, article.text[start:end])]) >= OUTLET_FURNITURE_ARTICLES]
            if furniture:
                found = tuple(m for m in found if not any(a <= m.span[0] < b for a, b in furniture))
        if article.id is not None:
            kept[article.id] = found
    return kept


def _paragraph_of(items: Sequence[QuantityItem], articles: Mapping[int, Article]) -> dict[str, int]:
    """Quantity id → the number of the paragraph of its article it starts in."""
    found: dict[str, int] = {}
    for item in items:
        article = articles.get(item.article)
        if article is None:
            continue
        start = item.quantity.span[0]
        found[item.id] = next((n for n, (a, b) in enumerate(article.paragraphs) if a <= start < b), -1)
    return found


class _Sentences:
    """The sentence around a span of an article's text; each article's sentence ends found once."""

    def __init__(self, articles: Mapping[int, Article]) -> None:
        self._articles = articles
        self._ends: dict[int, list[int]] = {}

    def around(self, article_id: int, span: tuple[int, int]) -> tuple[str, int] | None:
        """(the sentence holding ``span``, its start offset), or None for an unknown article."""
        article = self._articles.get(article_id)
        if article is None:
            return None
        ends = self._ends.get(article_id)
        if ends is None:
            ends = self._ends[article_id] = [m.end() for m in _SENTENCE_END.finditer(article.text)]
        at = bisect.bisect_right(ends, span[0])
        start = ends[at - 1] if at > 0 else 0
        stop = next((e for e in ends[at:] if e > span[1]), len(article.text) + 1) - 1
        return article.text[start:stop], start


def _said_of_shares(items: Sequence[QuantityItem], sentences: _Sentences) -> dict[str, frozenset[str]]:
    """Share id (a percentage or a fraction) → what its sentence says of the share: the rest of the
    sentence after it (see :func:`storytrace.compare.conflicts.predicate_words`)."""
    from .conflicts import SHARE_UNITS, predicate_words

    found: dict[str, frozenset[str]] = {}
    for item in items:
        around = sentences.around(item.article, item.quantity.span)
        if around is None or item.quantity.unit not in SHARE_UNITS:
            continue
        sentence, start = around
        found[item.id] = predicate_words(sentence[item.quantity.span[1] - start :])
    return found


def _when(
    items: Sequence[QuantityItem],
    sentences: _Sentences,
    articles: Mapping[int, Article],
    spans_of: Mapping[int, Sequence[tuple[int, int]]],
) -> dict[str, When]:
    """Quantity id → the years its sentence names (the figures of that sentence masked), its article's
    publication year and day, and whether it is a running figure (see
    :func:`storytrace.compare.conflicts.different_times`, :func:`~storytrace.compare.conflicts.another_moment`)."""
    found: dict[str, When] = {}
    for item in items:
        around = sentences.around(item.article, item.quantity.span)
        if around is None:
            continue
        sentence, start = around
        masked = [(a - start, b - start) for a, b in spans_of.get(item.article, ()) if start <= a < start + len(sentence)]
        article = articles.get(item.article)
        published = article.published if article is not None else None
        year = int(published[:4]) if published and published[:4].isdigit() else None
        day = published[:10] if published and re.fullmatch(r"\d{4}-\d\d-\d\d", published[:10]) else None
        found[item.id] = When(years=sentence_years(sentence, masked), published=year, day=day,
                              running=running_figure(item.quantity, sentence))
    return found


def _poll_samples(items: Sequence[QuantityItem], sentences: _Sentences) -> frozenset[str]:
    """Ids of figures printed in a poll's method statement ("The poll … from 4,060 registered voters
    with a margin of error of …", "conducted … among 1,031 registered voters"): a sample size, which
    another poll's sample size (or a count of the group) does not contradict."""
    found: set[str] = set()
    for item in items:
        around = sentences.around(item.article, item.quantity.span)
        if around is not None and _POLL.search(around[0]) and _POLL_METHOD.search(around[0]):
            found.add(item.id)
    return frozenset(found)


_POLL = re.compile(r"\b(?:poll|polls|survey|surveys|study)\b", re.IGNORECASE)
_POLL_METHOD = re.compile(
    r"\b(?:conducted|margin\s+of\s+(?:sampling\s+)?error|sample|sampled|interviewed|interviews|respondents|"
    r"collected\s+data|questioned|polled)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?](?=[\"”’')\]]*(?:\s|$))|\n")


OUTLET_FURNITURE_ARTICLES = 3
"""A quote printed word for word by at least this many articles of one outlet and by no other
outlet is that outlet's page furniture (a comment policy, an advert, a share prompt), not a claim."""


def _without_outlet_furniture(items: Sequence[QuoteItem], articles: Mapping[int, Article]) -> list[QuoteItem]:
    """``items`` without the quotes that are one outlet's furniture (:data:`OUTLET_FURNITURE_ARTICLES`)."""
    printed: dict[tuple[str, ...], dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    keys: dict[str, tuple[str, ...]] = {}
    for item in items:
        key = quote_words(item.quote.text)
        keys[item.id] = key
        article = articles.get(item.article)
        outlet = (article.outlet or "").casefold() if article is not None else ""
        printed[key][outlet].add(item.article)
    furniture = {
        key for key, by_outlet in printed.items()
        if len(by_outlet) == 1 and "" not in by_outlet
        and len(next(iter(by_outlet.values()))) >= OUTLET_FURNITURE_ARTICLES
    }
    return [item for item in items if keys[item.id] not in furniture]


def _derived_edges(reuses: Sequence[Reuse]) -> list[tuple[int, int]]:
    """(source, target) of the pairs where one article was written from the other."""
    return [(r.source, r.target) for r in reuses if r.relation in ("wholly_derived", "partially_derived")]


# ---- assembly --------------------------------------------------------------------------------


def reuse_to_dict(reuse: Reuse) -> dict[str, Any]:
    return {
        "source": f"a{reuse.source}", "target": f"a{reuse.target}", "relation": reuse.relation, "mode": reuse.mode,
        "target_coverage": reuse.target_coverage, "source_coverage": reuse.source_coverage,
        "direction_confidence": reuse.direction_confidence, "evidence": list(reuse.evidence),
        "passages": [
            {"source_span": list(p.source_span), "target_span": list(p.target_span), "kind": p.kind, "score": p.score}
            for p in reuse.passages
        ],
    }


def _article_dict(article: Article, story: str | None, language: str | None, template: bool = False) -> dict[str, Any]:
    row = {
        "id": f"a{article.id}", "source": article.source, "locator": article.locator, "url": article.url,
        "title": article.title, "byline": article.byline, "published": article.published,
        "published_time": article.published_time, "outlet": article.outlet,
        "credits": [{"kind": c.kind, "name": c.name, "line": c.line} for c in article.credits],
        "words": article.words, "story": story, "language": language, "text": article.text,
    }
    if template:  # its text is its site's template (storytrace.compare.templates)
        row["template"] = True
    return row


def _story_title(members: Sequence[Article]) -> str:
    titled = [a for a in members if a.title]
    if not titled:
        return lead_line(members[0].text)
    # the most central title, without its site's name ("… | Miami Herald")
    from .stories import story_title

    return story_title([_without_site(a.title or "", a.outlet) for a in titled])


def _without_site(title: str, outlet: str | None) -> str:
    """``title`` without a trailing site name that names its outlet ("… | Miami Herald" on
    miamiherald.com, "… - CNN" on cnn.com)."""
    parts = re.split(r"\s+[|–—-]\s+", title)
    if len(parts) < 2 or not outlet:
        return title
    tail = "".join(re.findall(r"[^\W_]+", parts[-1].casefold()))
    site = "".join(re.findall(r"[^\W_]+", outlet.casefold().split("/")[0].rsplit(".", 1)[0]))
    if tail and site and len(parts[-1].split()) <= 4 and (tail in site or site in tail):
        return title[: title.rfind(parts[-1])].rstrip(" |–—-")
    return title


def build_dossier(
    articles: Sequence[Article],
    *,
    reuses: Sequence[Reuse],
    stories: Sequence[Sequence[int]],
    quotes: Mapping[int, Sequence[Quote]],
    quantities: Mapping[int, Sequence[Quantity]],
    entities: Sequence[Entity],
    languages: Mapping[int, str | None] | None = None,
    templates: Sequence[TemplateText] = (),
) -> dict[str, Any]:
    """Assemble the dossier from the stages' records. Deterministic for the same records.

    ``languages``: each article's :func:`~storytrace.language.detect_language` (detected here when not given).
    ``templates``: the pages whose text is their site's template (:func:`~.templates.template_texts`):
    flagged (``articles[].template``) and listed (``summary.templates``)."""
    by_id = {a.id or 0: a for a in articles}
    templated = {article_id for template in templates for article_id in template.articles}
    if languages is None:
        languages = {article_id: detect_language(article.text) for article_id, article in by_id.items()}
    story_of: dict[int, str] = {}
    story_rows = []
    ordered_stories = sorted((sorted(s) for s in stories if s), key=lambda s: s[0])
    for number, members in enumerate(ordered_stories, start=1):
        for article_id in members:
            story_of[article_id] = f"s{number}"
        member_articles = [by_id[i] for i in members if i in by_id]
        outlets = sorted({a.outlet for a in member_articles if a.outlet})
        story_reuses = [r for r in reuses if r.source in set(members) and r.target in set(members)]
        story_rows.append(
            {
                "id": f"s{number}", "title": _story_title(member_articles), "articles": [f"a{i}" for i in members],
                "outlets": outlets, "independent_origins": pile_origins(members, story_reuses),
            }
        )

    # entities, largest first
    ordered_entities = sorted(
        entities, key=lambda e: (-len({aid for aid, _ in e.mentions}), e.name.casefold(), e.type)
    )
    entity_rows = []
    entity_of_name: dict[str, str] = {}
    entity_in_article: dict[tuple[int, str], str] = {}
    for number, entity in enumerate(ordered_entities, start=1):
        entity_id = f"e{number}"
        entity_rows.append(
            {
                "id": entity_id, "name": entity.name, "type": entity.type, "aliases": list(entity.aliases),
                "articles": [f"a{i}" for i in sorted({aid for aid, _ in entity.mentions})],
                "mentions": len(entity.mentions),
            }
        )
        if entity.type == "PERSON":
            for name in (entity.name, *entity.aliases):
                entity_of_name.setdefault(name.casefold(), entity_id)
            for article_id, mention in entity.mentions:
                entity_in_article.setdefault((article_id, strip_titles(mention.text).casefold()), entity_id)
    # A surname alone ("GROSS:" heading a transcript line, never tagged by the NER) is the one
    # person of the pile whose full name ends in it, when only one does.
    by_surname: dict[str, set[str]] = defaultdict(set)
    for number, entity in enumerate(ordered_entities, start=1):
        if entity.type == "PERSON":
            for name in (entity.name, *entity.aliases):
                if len(name.split()) > 1:
                    by_surname[name.split()[-1].casefold()].add(f"e{number}")
    for surname, owners in by_surname.items():
        if len(owners) == 1:
            entity_of_name.setdefault(surname, next(iter(owners)))
    person = person_key_from(entity_of_name, entity_in_article)

    quote_items: list[QuoteItem] = []
    quote_rows = []
    for article_id in sorted(quotes):
        for quote in sorted(quotes[article_id], key=lambda q: q.span):
            item = QuoteItem(id=f"q{len(quote_items) + 1}", article=article_id, quote=quote)
            quote_items.append(item)
            # only a name links to a person: "a top aide to Mr. Ross" is not Ross
            speaker_key = person(quote.speaker, article_id) if quote.speaker and looks_like_a_name(quote.speaker) else None
            quote_rows.append(
                {
                    "id": item.id, "article": f"a{article_id}", "text": quote.text, "span": list(quote.span),
                    "speaker": quote.speaker,
                    "speaker_entity": speaker_key if speaker_key and speaker_key.startswith("e") else None,
                    "speaker_title": quote.speaker_title, "cue": quote.cue, "channel": quote.channel,
                    "direct": quote.direct,
                }
            )
    quantity_items: list[QuantityItem] = []
    quantity_rows = []
    for article_id in sorted(quantities):
        for quantity in sorted(quantities[article_id], key=lambda q: q.span):
            qitem = QuantityItem(
                id=f"n{len(quantity_items) + 1}", article=article_id, quantity=quantity,
                story=_story_number(story_of.get(article_id)),
            )
            quantity_items.append(qitem)
            quantity_rows.append(
                {
                    "id": qitem.id, "article": f"a{article_id}", "text": quantity.text, "span": list(quantity.span),
                    "value": quantity.value, "low": quantity.low, "high": quantity.high,
                    "qualifier": quantity.qualifier, "unit": quantity.unit, "counted": quantity.counted,
                }
            )

    claim_rows = _claims(
        by_id, reuses, story_of, quote_items, quantity_items, entities, person
    )
    return {
        "schema": SCHEMA,
        "articles": [_article_dict(by_id[i], story_of.get(i), languages.get(i), i in templated) for i in sorted(by_id)],
        "stories": story_rows,
        "reuse": [reuse_to_dict(r) for r in sorted(reuses, key=lambda r: (r.source, r.target))],
        "entities": entity_rows,
        "quotes": quote_rows,
        "quantities": quantity_rows,
        "claims": claim_rows,
        "summary": {
            "articles": len(by_id), "stories": len(story_rows), "reuse_pairs": len(reuses),
            "independent_origins": pile_origins(sorted(by_id), reuses),
            "claims": len(claim_rows),
            # articles by language ("und": undetermined); quotes, numbers and names come from "en" and "und"
            "languages": dict(sorted(Counter(languages.get(i) or UNDETERMINED for i in by_id).items())),
            # pages whose text is their site's template, not an article (in no story, pair or claim)
            "templates": [{"outlet": t.outlet, "text": t.text, "articles": [f"a{i}" for i in t.articles]}
                          for t in templates],
            "conflicts": {
                kind: sum(1 for c in claim_rows for x in c["conflicts"] if x["kind"] == kind)
                for kind in ("speaker", "value", "wording")
            },
        },
    }


def _story_number(story: str | None) -> int | None:
    return int(story[1:]) if story else None


def _claims(
    by_id: Mapping[int, Article],
    reuses: Sequence[Reuse],
    story_of: Mapping[int, str],
    quote_items: Sequence[QuoteItem],
    quantity_items: Sequence[QuantityItem],
    entities: Sequence[Entity],
    person: Callable[[str, int], str | None],
) -> list[dict[str, Any]]:
    quote_by_id = {q.id: q for q in quote_items}
    not_people = frozenset(
        re.sub(r"^the\s+", "", name.casefold()).strip()
        for e in entities if e.type != "PERSON" for name in (e.name, *e.aliases)
    )
    quantity_by_id = {q.id: q for q in quantity_items}

    # The same quoted words are the same quote whichever story prints them (a short phrase only
    # within its story); numbers need one event (quantities are matched inside a story only).
    records: list[tuple[Claim, dict[str, Any]]] = []
    # A reported "content" with neither a cue nor a speaker is shared text, not an attribution (a
    # subscription prompt, an appositive printed by every wire copy): it makes no claim.
    from ..claims.quotes import reports_speech

    attributed = [q for q in quote_items
                  if (q.quote.direct or reports_speech(q.quote.cue)) and not negated_cue(q.quote.cue)]
    attributed = _without_outlet_furniture(attributed, by_id)
    for group in match_quotes(attributed, story_of=story_of):
        members = [quote_by_id[m] for m in group]
        conflicts = [*speaker_conflicts(members, person, not_people=not_people), *wording_conflicts(members)]
        longest = max(members, key=lambda m: (len(m.quote.text), -int(m.id[1:])))
        records.append(
            _claim("quote", members, conflicts, [], by_id, reuses, story_of, text=spoken_words(longest.quote.text))
        )
    names = {e.name: list(e.aliases) for e in entities if e.type not in {"PERSON"}}
    sentences = _Sentences(by_id)
    spans_of: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for quantity_item in quantity_items:
        spans_of[quantity_item.article].append(quantity_item.quantity.span)
    for group in match_quantities(quantity_items, entity_aliases=alias_index(names)):
        qmembers = [quantity_by_id[m] for m in group]
        value_conflicts, notes = quantity_conflicts(qmembers, paragraph=_paragraph_of(qmembers, by_id),
                                                    said=_said_of_shares(qmembers, sentences),
                                                    samples=_poll_samples(qmembers, sentences),
                                                    when=_when(qmembers, sentences, by_id, spans_of))
        counted = max((m.quantity.counted or "" for m in qmembers), key=len)
        records.append(_claim("quantity", qmembers, value_conflicts, notes, by_id, reuses, story_of, text=counted))
    rows = []
    for number, (_claim_record, row) in enumerate(records, start=1):
        rows.append({"id": f"c{number}", **row})
    return rows


_NEGATED_CUE = re.compile(
    r"(?<![\w'’])(?:not|cannot|never|no\s+longer|neither|nor|declin(?:e|es|ed|ing)|refus(?:e|es|ed|ing))(?![\w'’])"
    r"|n[’']t(?!\w)",
    re.IGNORECASE,
)


def negated_cue(cue: str | None) -> bool:
    """Whether a quote's cue says the words were *not* said: "They did not ask [the Supreme Court to
    take any specific action]", "declined to comment on [the report]", "has not yet revealed [the
    full extent of the files]", "didn't say [whether …]". What follows such a cue is the writer's
    account of what somebody did not say, so it makes no claim (it is still listed with the quotes).
    A denial is a statement ("denied [that …]") and keeps its claim."""
    return bool(cue) and _NEGATED_CUE.search(cue or "") is not None


_ATTRIBUTION_INSIDE = re.compile(r"[,.?!]?[”\"]\s+[^“”\"\n]{2,250}?[,.:]\s+[“\"]")


def spoken_words(text: str) -> str:
    """A direct quotation as its speaker said it: the writer's attribution between two parts of one
    quotation ("…it,” Ek said Wednesday at the Code Conference. “The…") shown as " […] " — the claim's
    text is read as the speaker's words; the quote record keeps the span as printed."""
    return _ATTRIBUTION_INSIDE.sub(" […] ", text)


def _claim(
    kind: str,
    members: Sequence[QuoteItem] | Sequence[QuantityItem],
    conflicts: Sequence[Any],
    notes: Sequence[str],
    by_id: Mapping[int, Article],
    reuses: Sequence[Reuse],
    story_of: Mapping[int, str],
    *,
    text: str,
) -> tuple[Claim, dict[str, Any]]:
    spans = [(m.article, m.quote.span if isinstance(m, QuoteItem) else m.quantity.span) for m in members]
    article_ids = tuple(sorted({m.article for m in members}))
    origins = independent_origins(spans, reuses)
    first, why = first_seen(article_ids, by_id)
    claim = Claim(
        kind=kind, members=tuple(m.id for m in members), articles=article_ids, independent_origins=origins,
        first_seen=first, conflicts=tuple(conflicts),
    )
    outlets: dict[str, list[str]] = defaultdict(list)
    for m in members:
        outlets[by_id[m.article].outlet or f"a{m.article}"].append(m.id)
    row = {
        "kind": kind, "text": text, "story": story_of.get(article_ids[0]),
        "members": list(claim.members), "articles": [f"a{i}" for i in article_ids],
        "outlets": {name: ids for name, ids in sorted(outlets.items())},
        "independent_origins": origins,
        "first_seen": f"a{first}" if first is not None else None, "first_seen_note": why,
        "conflicts": [{"kind": c.kind, "detail": c.detail, "members": list(c.members)} for c in conflicts],
        "notes": list(notes),
    }
    return claim, row
