"""What one worker does with one partition: each function reads Parquet, calls the in-process
kernels (readers, ``prepare_document``, ``document_keys``, ``shared_key_counts``, ``verify_pairs``,
``_Pile.relate``, ``article_claims``) and writes Parquet under a temporary name, then renames it.

Every function is module-level and takes plain values, so Dask can send it to any worker by name.
"""

from __future__ import annotations

import json
import logging
import os
import uuid
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from ..errors import LinkNotFollowedError, StorytraceError
from ..models import Article, RawDocument, Rejection
from ..normalize import document_hash
from ..settings import IngestOptions
from . import codec

__all__ = [
    "InputSpec",
    "boilerplate_part",
    "claims_part",
    "ingest_group",
    "keys_part",
    "normalize_part",
    "pairs_bucket",
    "read_articles",
    "relate_part",
    "verify_bucket",
    "write_table",
]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class InputSpec:
    """One input to read: a local file (``path``) or an fsspec URL (``url``)."""

    spec: str
    path: str | None = None
    url: str | None = None


# ---- Parquet helpers ----------------------------------------------------------------------------


def write_table(table: pa.Table, path: str | Path) -> None:
    """Write ``table`` to ``path`` atomically: a temporary name in the same folder, then a rename."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
    pq.write_table(table, temporary, compression="zstd")
    os.replace(temporary, target)


def _read(path: str | Path, columns: Sequence[str] | None = None) -> pa.Table:
    return pq.read_table(path, columns=list(columns) if columns is not None else None)


# ---- ingest -------------------------------------------------------------------------------------

_DOC_SCHEMA = pa.schema([("kind", pa.string()), ("digest", pa.string()), ("record", pa.string())])


def _items(spec: InputSpec, options: IngestOptions) -> Iterator[Any]:
    from ..ingest.sources import Source, read_bytes_as, read_source

    if spec.path is not None:
        yield from read_source(Source(spec.spec, "file", Path(spec.path)), options)
        return
    import fsspec

    assert spec.url is not None
    name = spec.url.rstrip("/").rsplit("/", 1)[-1]
    with fsspec.open(spec.url, "rb") as handle:
        if name.lower().endswith((".warc", ".warc.gz", ".arc", ".arc.gz")):
            from ..ingest.warc import read_warc

            yield from read_warc(handle, source=spec.spec, max_bytes=options.max_bytes)
            return
        data = handle.read(options.max_bytes + 1)
    if len(data) > options.max_bytes:
        from ..errors import TooLargeError

        raise TooLargeError(f"{spec.spec} is over the size cap of {options.max_bytes:,} bytes")
    yield from read_bytes_as(data, name=name, source=spec.spec, options=options)


def ingest_group(specs: Sequence[InputSpec], options: IngestOptions, out: str) -> int:
    """Read every input of one group with the ingest readers; write raw documents and rejections.

    Returns the number of rows written. Items that only link elsewhere are rejections (E112): a
    batch job does not fetch.
    """
    from ..ingest.pool import internal_rejection
    from ..ingest.records import Skipped, UrlRef, rejection_from_error

    kinds: list[str] = []
    digests: list[str] = []
    records: list[str] = []

    def reject(rejection: Rejection) -> None:
        kinds.append("rejection")
        digests.append("")
        records.append(codec.dumps(rejection))

    for spec in specs:
        produced = 0
        failed = False
        try:
            for item in _items(spec, options):
                produced += 1
                if isinstance(item, RawDocument):
                    kinds.append("document")
                    digests.append(document_hash(item))
                    records.append(codec.dumps(item))
                elif isinstance(item, Rejection):
                    reject(item)
                elif isinstance(item, UrlRef):
                    error = LinkNotFollowedError(f"item has only a link: {item.url}; a batch job does not fetch")
                    reject(rejection_from_error(error, source=item.source, locator=item.url))
                elif isinstance(item, Skipped):
                    produced -= 1
        except StorytraceError as error:
            failed = True
            reject(rejection_from_error(error, source=spec.spec))
        except Exception as exc:  # one unreadable input must not end the job
            logger.debug("unexpected error reading %s", spec.spec, exc_info=True)
            failed = True
            reject(internal_rejection(spec.spec, None, exc))
        if produced == 0 and not failed:
            from ..errors import NoArticleError

            reject(rejection_from_error(NoArticleError(f"{spec.spec}: no article and no record in it"), source=spec.spec))
    write_table(pa.table({"kind": kinds, "digest": digests, "record": records}, schema=_DOC_SCHEMA), out)
    return len(kinds)


# ---- normalize ----------------------------------------------------------------------------------

_ARTICLE_SCHEMA = pa.schema([
    ("ok", pa.bool_()), ("content_hash", pa.string()), ("outlet", pa.string()), ("text", pa.string()),
    ("raw", pa.string()), ("record", pa.string()), ("outlet_hint", pa.string()),
])  # fmt: skip
"""``outlet_hint``: the document's outlet as its container gave it (a CSV column, a feed item), the
outlet a local ingest's duplicate check compares (``ingest.run._publication_hash``), not the one the
normalizer may find in the text."""


def normalize_part(source: str, start: int, stop: int, min_words: int, out: str) -> int:
    """Extract (HTML) and normalize rows ``start:stop`` of one ingest file; rejections stay rows (ok=False)."""
    from ..ingest.pool import prepare_document

    table = _read(source).slice(start, stop - start)
    columns = table.to_pydict()
    rows: dict[str, list[Any]] = {name: [] for name in _ARTICLE_SCHEMA.names}
    for kind, digest, record in zip(columns["kind"], columns["digest"], columns["record"], strict=True):
        prepared: Article | Rejection
        hint = None
        if kind == "document":
            document = codec.loads(RawDocument, record)
            hint = document.outlet_hint
            prepared = prepare_document(document, digest, min_words)
        else:
            prepared = codec.loads(Rejection, record)
        if isinstance(prepared, Article):
            fields = json.loads(codec.dumps(prepared))
            text = fields.pop("text")
            raw = fields.pop("raw")
            rows["ok"].append(True)
            rows["content_hash"].append(prepared.content_hash)
            rows["outlet"].append(prepared.outlet)
            rows["text"].append(text)
            rows["raw"].append(raw)
            rows["record"].append(json.dumps(fields, ensure_ascii=False, separators=(",", ":")))
            rows["outlet_hint"].append(hint)
        else:
            rows["ok"].append(False)
            rows["content_hash"].append(None)
            rows["outlet"].append(None)
            rows["text"].append(None)
            rows["raw"].append(None)
            rows["record"].append(codec.dumps(prepared))
            rows["outlet_hint"].append(None)
    write_table(pa.table(rows, schema=_ARTICLE_SCHEMA), out)
    return len(rows["ok"])


def read_articles(
    path: str, ids: np.ndarray, rows: np.ndarray | None = None, *, with_raw: bool = False
) -> dict[int, Article]:
    """Articles of one normalize file by batch id (``ids[row]``; 0 = not an article or a duplicate).

    With ``rows``, only those rows are decoded. The raw document is read only ``with_raw`` (the
    store wants it; the reuse kernels do not).
    """
    table = _read(path, ["text", "record", *(["raw"] if with_raw else [])])
    chosen = np.flatnonzero(ids > 0) if rows is None else np.asarray(rows, dtype=np.int64)
    if len(chosen) == 0:
        return {}
    subset = table.take(pa.array(chosen)).to_pydict()
    raws = subset["raw"] if with_raw else [""] * len(chosen)
    articles: dict[int, Article] = {}
    for row, text, raw, record in zip(chosen, subset["text"], raws, subset["record"], strict=True):
        fields = json.loads(record)
        fields["text"] = text
        fields["raw"] = raw
        fields["id"] = int(ids[row])
        articles[int(ids[row])] = codec.from_dict(Article, fields)
    return articles


# ---- candidates: keys → shuffle by bucket → shared counts → shuffle by pair → verify -------------


def keys_part(path: str, ids: np.ndarray, n: int, buckets: int, out_dir: str, name: str) -> np.ndarray:
    """Band keys of every article of one normalize file, split by ``key % buckets`` into one file per bucket.

    Returns ``[(id, distinct n-grams)]`` rows as an (k, 2) array: the sizes the verify step needs.
    """
    from ..reuse.candidates import document_keys
    from ..reuse.tokens import tokenize

    texts = _read(path, ["text"]).column("text").to_pylist()
    keys: list[np.ndarray] = []
    owners: list[np.ndarray] = []
    sizes: list[tuple[int, int]] = []
    for row, text in enumerate(texts):
        article_id = int(ids[row])
        if article_id <= 0:
            continue
        distinct = document_keys(tokenize(text).words, n)
        keys.append(distinct)
        owners.append(np.full(len(distinct), article_id, dtype=np.int64))
        sizes.append((article_id, len(distinct)))
    all_keys = np.concatenate(keys) if keys else np.zeros(0, dtype=np.uint64)
    all_owners = np.concatenate(owners) if owners else np.zeros(0, dtype=np.int64)
    bucket_of = (all_keys % np.uint64(buckets)).astype(np.int64)
    order = np.argsort(bucket_of, kind="stable")
    all_keys, all_owners, bucket_of = all_keys[order], all_owners[order], bucket_of[order]
    bounds = np.searchsorted(bucket_of, np.arange(buckets + 1))
    for bucket in range(buckets):
        low, high = bounds[bucket], bounds[bucket + 1]
        table = pa.table({"key": all_keys[low:high], "owner": all_owners[low:high]})
        write_table(table, Path(out_dir) / f"bucket-{bucket:05d}" / f"{name}.parquet")
    return np.array(sizes, dtype=np.int64).reshape(-1, 2)


def pairs_bucket(bucket_dir: str, max_df: int, pair_buckets: int, out_dir: str, name: str) -> int:
    """All (key, article) rows of one bucket → shared-key counts per pair, split by ``first % pair_buckets``."""
    from ..reuse.candidates import shared_key_counts

    files = sorted(Path(bucket_dir).glob("*.parquet"))
    tables = [_read(f) for f in files]
    keys = np.concatenate([t.column("key").to_numpy() for t in tables]) if tables else np.zeros(0, np.uint64)
    owners = np.concatenate([t.column("owner").to_numpy() for t in tables]) if tables else np.zeros(0, np.int64)
    first, second, shared = shared_key_counts(keys, owners, max_df)
    target = first % pair_buckets
    for bucket in range(pair_buckets):
        chosen = target == bucket
        table = pa.table({"first": first[chosen], "second": second[chosen], "shared": shared[chosen]})
        write_table(table, Path(out_dir) / f"bucket-{bucket:05d}" / f"{name}.parquet")
    return len(shared)


def verify_bucket(bucket_dir: str, sizes: np.ndarray, options: Any, out: str) -> int:
    """Sum the shared counts of each pair over the key buckets, then keep pairs that pass ``verify_pairs``.

    ``sizes[id]`` is each article's number of distinct n-grams.
    """
    from ..reuse.candidates import verify_pairs

    tables = [_read(f) for f in sorted(Path(bucket_dir).glob("*.parquet"))]
    first = np.concatenate([t.column("first").to_numpy() for t in tables]) if tables else np.zeros(0, np.int64)
    second = np.concatenate([t.column("second").to_numpy() for t in tables]) if tables else np.zeros(0, np.int64)
    shared = np.concatenate([t.column("shared").to_numpy() for t in tables]) if tables else np.zeros(0, np.int64)
    total = int(sizes.shape[0])
    keys, inverse = np.unique(first * total + second, return_inverse=True)
    summed = np.bincount(inverse, weights=shared, minlength=len(keys)).astype(np.int64)
    first, second = keys // total, keys % total
    chosen, containment = verify_pairs(summed, sizes[first], sizes[second], options)
    write_table(pa.table({
        "first": first[chosen], "second": second[chosen], "shared": summed[chosen],
        "containment": containment[chosen].astype(np.float64),
    }), out)  # fmt: skip
    return int(chosen.sum())


# ---- reuse: outlet boilerplate, then relate each candidate pair ---------------------------------


_GramCounts = Counter[tuple[str, ...]]


def boilerplate_part(
    path: str, ids: np.ndarray, outlets: frozenset[str], seed: int
) -> dict[str, tuple[int, _GramCounts, _GramCounts]]:
    """For each wanted outlet: (articles of it in this file, n-gram counts over them, n-gram counts
    over their footers)."""
    from ..reuse.pairs import footer, outlet_gram_counts

    table = _read(path, ["outlet", "text"]).to_pydict()
    texts: dict[str, list[str]] = {}
    for row, (outlet, text) in enumerate(zip(table["outlet"], table["text"], strict=True)):
        if ids[row] > 0 and outlet and outlet.casefold() in outlets:
            texts.setdefault(outlet.casefold(), []).append(text)
    return {
        outlet: (len(found), outlet_gram_counts(found, seed), outlet_gram_counts(map(footer, found), seed))
        for outlet, found in texts.items()
    }


def merge_boilerplate(
    parts: Sequence[dict[str, tuple[int, _GramCounts, _GramCounts]]],
) -> dict[str, set[tuple[str, ...]]]:
    """Add up the per-file counts and keep each outlet's repeated n-grams (``boilerplate_grams``)."""
    from ..reuse.pairs import boilerplate_grams

    members: Counter[str] = Counter()
    counts: dict[str, _GramCounts] = {}
    footers: dict[str, _GramCounts] = {}
    for part in parts:
        for outlet, (found, grams, footer_grams) in part.items():
            members[outlet] += found
            counts.setdefault(outlet, Counter()).update(grams)
            footers.setdefault(outlet, Counter()).update(footer_grams)
    result = {outlet: boilerplate_grams(members[outlet], counts[outlet], footers[outlet]) for outlet in counts}
    return {outlet: grams for outlet, grams in result.items() if members[outlet] >= 2}


_ENCODER: dict[str, Any] = {}


def _encoder(name: str) -> Any:
    """One sentence encoder of each kind per worker process, loaded on first use."""
    if name not in _ENCODER:
        from ..reuse.embed import load_encoder

        _ENCODER[name] = load_encoder(name, threads=1)
    return _ENCODER[name]


_REUSE_SCHEMA = pa.schema([
    ("source", pa.int64()), ("target", pa.int64()), ("relation", pa.string()), ("mode", pa.string()),
    ("target_coverage", pa.float64()), ("record", pa.string()),
])  # fmt: skip


def relate_part(
    pairs: np.ndarray,
    locations: dict[str, tuple[np.ndarray, np.ndarray]],
    boilerplate: dict[str, set[tuple[str, ...]]],
    options: Any,
    paraphrase: bool,
    out: str,
) -> int:
    """Relate each candidate pair (rows of ``pairs``: first, second) with ``_Pile.relate``.

    ``locations[path] = (rows, ids)``: where the articles of these pairs are stored.
    """
    from ..models import Reuse
    from ..reuse.pairs import _Pile

    articles: dict[int, Article] = {}
    for path, (rows, ids) in locations.items():
        lookup = np.zeros(int(rows.max()) + 1, dtype=np.int64)
        lookup[rows] = ids
        articles.update(read_articles(path, lookup, rows))
    involved = sorted(articles)
    pile = _Pile(articles, involved, options, boilerplate=boilerplate, paraphrase=paraphrase,
                 encoder=_encoder(options.paraphrase_encoder) if paraphrase else None)
    found: list[Reuse] = []
    for first, second in pairs.tolist():
        reuse = pile.relate(int(first), int(second))
        if reuse is not None:
            found.append(reuse)
    write_table(pa.table({
        "source": [r.source for r in found], "target": [r.target for r in found],
        "relation": [r.relation for r in found], "mode": [r.mode for r in found],
        "target_coverage": [r.target_coverage for r in found], "record": [codec.dumps(r) for r in found],
    }, schema=_REUSE_SCHEMA), out)  # fmt: skip
    return len(found)


# ---- claims -------------------------------------------------------------------------------------


def claims_part(path: str, ids: np.ndarray, out: str) -> int:
    """Quotes, quantities and entity mentions of every article of one normalize file (``article_claims``)."""
    from ..compare.dossier import NO_CLAIMS, article_claims
    from ..language import detect_language, is_english

    texts = _read(path, ["text"]).column("text").to_pylist()
    article_ids: list[int] = []
    records: list[str] = []
    for row, text in enumerate(texts):
        if ids[row] <= 0:
            continue
        article_ids.append(int(ids[row]))
        # quotes, numbers and names are read in English (or undetermined) articles only, as by analyze
        records.append(codec.dumps(article_claims(text) if is_english(detect_language(text)) else NO_CLAIMS))
    write_table(pa.table({"id": pa.array(article_ids, pa.int64()), "record": pa.array(records, pa.string())}), out)
    return len(records)
