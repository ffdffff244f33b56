"""``storytrace batch load``: a batch job's articles and findings into a store.

Articles are written with :meth:`Store.write_batch` (content already stored keeps its id). The reuse
pairs and the per-article claims are not recomputed: their batch ids are mapped to store ids (by
content hash) and, with entities resolved and stories clustered here (both need the whole pile),
assembled into a dossier that is saved in the store, so ``report``, ``stories``, ``claims``,
``reuse`` and ``serve`` read it as if ``storytrace analyze`` had run.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from ..errors import BatchIncompleteError
from ..models import Article, Mention, Quantity, Quote, Rejection, Reuse
from ..store import Store
from . import codec, kernels
from .job import SUCCESS, _complete, _index, duplicates, publication_hashes

__all__ = ["LoadSummary", "batch_articles", "batch_reuse", "load_batch"]

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True, slots=True, kw_only=True)
class LoadSummary:
    articles: int
    new: int
    rejections: int
    pairs: int
    claims: bool
    analysis: int

    def to_dict(self) -> dict[str, Any]:
        return {"articles": self.articles, "new": self.new, "rejections": self.rejections, "pairs": self.pairs,
                "claims": self.claims, "analysis": self.analysis}  # fmt: skip


def batch_articles(folder: str | Path, *, with_raw: bool = False) -> dict[int, Article]:
    """The articles of a batch job's finished normalize stage, by batch id (raw documents left out unless asked)."""
    articles: dict[int, Article] = {}
    hashes = publication_hashes(Path(folder))
    for path, ids in _index(Path(folder)):
        articles.update({
            batch_id: replace(article, content_hash=hashes.get(batch_id, article.content_hash))
            for batch_id, article in kernels.read_articles(str(path), ids, with_raw=with_raw).items()
        })
    return articles


def batch_reuse(folder: str | Path) -> list[Reuse]:
    """The related pairs of a batch job's finished reuse stage (batch ids), by source then target."""
    out = Path(folder)
    facts = _complete(out / "reuse")
    if facts is None:
        raise BatchIncompleteError(f"{out}: no finished reuse stage (no reuse/{SUCCESS})")
    found = [codec.loads(Reuse, record) for name in facts["parts"]
             for record in pq.read_table(out / "reuse" / name, columns=["record"]).column("record").to_pylist()]
    return sorted(found, key=lambda r: (r.source, r.target))


def _duplicate(fields: dict[str, Any], first: Article) -> Rejection:
    """The rejection a local ingest records for an article read again in the same run (E110)."""
    from ..errors import DuplicateInputError
    from ..ingest.records import rejection_from_error

    where = first.source + (f" [{first.locator}]" if first.locator else "")
    error = DuplicateInputError(f"same content as {where}, already read in this run")
    return rejection_from_error(error, source=fields["source"], locator=fields.get("locator"))


def load_batch(folder: str | Path, store: Store, *, aliases: Any = None, progress: Progress | None = None) -> LoadSummary:
    """Write the articles of a finished batch job into ``store`` and save its dossier there."""
    from ..claims.entities import resolve_entities
    from ..compare.dossier import ArticleClaims, build_dossier, outlet_names, outside_outlet_furniture
    from ..compare.stories import cluster_articles, join_copies
    from ..compare.templates import template_texts

    out = Path(folder)
    if _complete(out / "normalize") is None:
        raise BatchIncompleteError(f"{out}: no finished normalize stage (no normalize/{SUCCESS})",
                                   hint="run 'storytrace batch run' to the end first")  # fmt: skip
    if _complete(out / "reuse") is None:
        raise BatchIncompleteError(f"{out}: no finished reuse stage (no reuse/{SUCCESS})",
                                   hint="rerun 'storytrace batch run' without --stop-after, or with --stop-after reuse")
    index = _index(out)
    hashes = publication_hashes(out)
    repeated = duplicates(out)
    batch_articles: dict[int, Article] = {}
    rejections: list[Rejection] = []
    new = 0
    for done, (path, ids) in enumerate(index, start=1):
        found = {  # stored under the hash the normalize stage gave it (another outlet's copy: its own)
            batch_id: replace(article, content_hash=hashes.get(batch_id, article.content_hash))
            for batch_id, article in kernels.read_articles(str(path), ids, with_raw=True).items()
        }
        batch_articles.update(found)
        table = pq.read_table(path, columns=["ok", "record"]).to_pydict()
        part_rejections = [codec.loads(Rejection, record)
                           for ok, record in zip(table["ok"], table["record"], strict=True) if not ok]  # fmt: skip
        part_rejections.extend(_duplicate(json.loads(table["record"][row]), batch_articles[first])
                               for row, first in sorted(repeated.get(path.name, {}).items()))  # fmt: skip
        rejections.extend(part_rejections)
        ordered = [replace(found[i], id=None) for i in sorted(found)]
        for start in range(0, len(ordered), 500):
            result = store.write_batch(ordered[start : start + 500], part_rejections if start == 0 else [])
            new += len(result.inserted)
        if progress:
            progress("load", done, len(index))
    known = store.known_hashes([a.content_hash for a in batch_articles.values()])
    store_id = {batch_id: known[a.content_hash] for batch_id, a in batch_articles.items()}
    articles = sorted((replace(a, id=store_id[i]) for i, a in batch_articles.items()), key=lambda a: a.id or 0)

    reuses = sorted((replace(r, source=store_id[r.source], target=store_id[r.target]) for r in batch_reuse(out)),
                    key=lambda r: (r.source, r.target))  # fmt: skip

    quotes: dict[int, tuple[Quote, ...]] = {}
    quantities: dict[int, tuple[Quantity, ...]] = {}
    mentions: dict[int, tuple[Mention, ...]] = {}
    claims_facts = _complete(out / "claims")
    if claims_facts is not None:
        for name in claims_facts["parts"]:
            table = pq.read_table(out / "claims" / name).to_pydict()
            for batch_id, record in zip(table["id"], table["record"], strict=True):
                found_claims = codec.loads(ArticleClaims, record)
                article_id = store_id[int(batch_id)]
                quotes[article_id] = found_claims.quotes
                quantities[article_id] = found_claims.quantities
                mentions[article_id] = found_claims.mentions
    if progress:
        progress("dossier", 0, 1)
    # pages whose text is their site's template: in no story, reuse pair or claim (as in analyze)
    templates = template_texts(articles)
    templated = {article_id for template in templates for article_id in template.articles}
    reuses = [r for r in reuses if r.source not in templated and r.target not in templated]
    for article_id in templated:
        quotes.pop(article_id, None)
        quantities.pop(article_id, None)
        mentions.pop(article_id, None)
    entities = resolve_entities(outside_outlet_furniture(articles, mentions), {a.id or 0: a.text for a in articles},
                                aliases, outlets=outlet_names(articles)) if mentions else []
    stories = [*join_copies(cluster_articles([a for a in articles if a.id not in templated], entities),
                            [(r.source, r.target) for r in reuses if r.relation in ("wholly_derived", "partially_derived")]),
               *([article_id] for article_id in sorted(templated))]
    dossier = build_dossier(articles, reuses=reuses, stories=stories, quotes=quotes, quantities=quantities,
                            entities=entities, templates=templates)  # fmt: skip
    analysis = store.save_dossier(dossier)
    if progress:
        progress("dossier", 1, 1)
    return LoadSummary(articles=len(articles), new=new, rejections=len(rejections), pairs=len(reuses),
                       claims=claims_facts is not None, analysis=analysis)  # fmt: skip
