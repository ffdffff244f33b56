"""The batch job: stages over partitions on a Dask cluster, each checkpointed to Parquet.

Layout of the output folder::

    ingest/part-GGGGG.parquet            raw documents and rejections, one file per group of inputs
    normalize/part-GGGGG-KKKK.parquet    articles (or rejections) of ≤ partition-size documents
    normalize/index.parquet              batch id of every row (0: rejection or duplicate content)
    candidates/part-CCCCC.parquet        candidate pairs (first, second, shared, containment)
    reuse/part-RRRRR.parquet             related pairs (``Reuse`` records)
    claims/part-GGGGG-KKKK.parquet       quotes, quantities and mentions per article
    <stage>/_SUCCESS                     written last: the stage is complete and is skipped on a rerun

Parts are written under a temporary name and renamed, so a killed job leaves no half file: a rerun
skips finished stages and, inside an unfinished stage, the parts already written (except the
candidate shuffle, which restarts as a whole).
"""

from __future__ import annotations

import glob
import json
import re
import shutil
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from ..errors import BatchError, MissingPathError
from ..normalize import outlet_key, publication_hash
from ..reuse.pairs import ReuseOptions, paraphrase_applies
from ..settings import IngestOptions
from . import kernels
from .kernels import InputSpec

__all__ = ["STAGES", "BatchOptions", "BatchSummary", "StageResult", "expand_inputs", "run_batch", "start_client", "stop_client"]

STAGES = ("ingest", "normalize", "candidates", "reuse", "claims")
"""In order. ``reuse`` is alignment, classification and direction of each candidate pair (one kernel)."""

SUCCESS = "_SUCCESS"

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True, slots=True, kw_only=True)
class BatchOptions:
    partition_size: int = 1000
    """Documents per normalize partition (and so per keys / claims task)."""
    pairs_per_task: int = 5000
    """Candidate pairs related by one task."""
    group_bytes: int = 64 * 1024 * 1024
    """Inputs are read in groups of about this many bytes (one ingest task each)."""
    stop_after: str = "claims"
    ingest: IngestOptions = field(default_factory=IngestOptions)
    reuse: ReuseOptions = field(default_factory=ReuseOptions)

    def __post_init__(self) -> None:
        if self.stop_after not in STAGES:
            raise BatchError(f"unknown stage {self.stop_after!r}; stages: {', '.join(STAGES)}")
        if self.partition_size <= 0 or self.pairs_per_task <= 0:
            raise BatchError("partition size and pairs per task must be positive")


@dataclass(frozen=True, slots=True)
class StageResult:
    stage: str
    status: str
    """done | skipped (already complete in the output folder)"""
    seconds: float
    tasks: int
    rows: int


@dataclass(frozen=True, slots=True, kw_only=True)
class BatchSummary:
    output: str
    stages: tuple[StageResult, ...]
    documents: int
    articles: int
    rejections: int
    candidates: int
    pairs: int
    relations: dict[str, int]
    claims: int
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "output": self.output, "seconds": round(self.seconds, 3), "documents": self.documents,
            "articles": self.articles, "rejections": self.rejections, "candidates": self.candidates,
            "pairs": self.pairs, "relations": self.relations, "claims": self.claims,
            "stages": [{"stage": s.stage, "status": s.status, "seconds": round(s.seconds, 3), "tasks": s.tasks,
                        "rows": s.rows} for s in self.stages],
        }  # fmt: skip


# ---- inputs -------------------------------------------------------------------------------------

_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")


def expand_inputs(inputs: Sequence[str]) -> list[InputSpec]:
    """Local files, folders (recursively) and globs, and fsspec URLs (globs allowed), each once, in
    the order a local ingest reads them: the inputs as given, a folder as
    :func:`storytrace.ingest.sources.discover` walks it (its own files, then its subfolders), a
    glob's matches sorted. Batch ids follow this order, and with them which copy of a text read
    twice is kept and which of two undated copies is called the source."""
    from ..ingest.sources import discover

    specs: dict[str, InputSpec] = {}
    for given in inputs:
        if given.lower().startswith(("http://", "https://")):
            raise BatchError(f"{given}: a batch job reads files, not web pages",
                             hint="use 'storytrace ingest' to fetch URLs")
        if _URL.match(given) and not given.startswith("file://"):
            import fsspec

            fs, _, paths = fsspec.get_fs_token_paths(given)
            if not paths:
                raise MissingPathError(f"{given}: nothing matches")
            for path in sorted(paths):
                if fs.isdir(path):
                    continue
                url = fs.unstrip_protocol(path)
                specs.setdefault(url, InputSpec(url, url=url))
            continue
        local = given.removeprefix("file://")
        matches = sorted(glob.glob(local, recursive=True)) if glob.has_magic(local) else [local]
        if not matches:
            raise MissingPathError(f"{given}: nothing matches")
        for source in discover(matches):
            if source.kind == "stream":
                raise BatchError(f"{source.spec} is not a regular file (a pipe or device)",
                                 hint="a batch job reads files; use 'storytrace ingest' for a pipe")
            if source.kind != "file" or source.path is None:
                raise MissingPathError(f"{source.spec or repr(source.spec)}: no such file or folder")
            specs.setdefault(source.spec, InputSpec(source.spec, path=str(source.path)))
    return list(specs.values())


def _size(spec: InputSpec) -> int:
    if spec.path is not None:
        return Path(spec.path).stat().st_size
    import fsspec

    with fsspec.open(spec.url or spec.spec, "rb") as handle:
        size = getattr(handle, "size", None)
    return int(size or 1)


def _groups(specs: Sequence[InputSpec], group_bytes: int) -> list[list[InputSpec]]:
    groups: list[list[InputSpec]] = []
    current: list[InputSpec] = []
    total = 0
    for spec in specs:
        size = _size(spec)
        if current and total + size > group_bytes:
            groups.append(current)
            current, total = [], 0
        current.append(spec)
        total += size
    if current:
        groups.append(current)
    return groups


# ---- cluster ------------------------------------------------------------------------------------


def start_client(scheduler: str | None = None, *, workers: int = 0) -> Any:
    """A Dask client: connected to ``scheduler``, or on a new local cluster (processes, 1 thread each)."""
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            return Client(scheduler, timeout="20s")  # type: ignore[no-untyped-call]
        except OSError as exc:
            raise BatchError(f"could not reach the Dask scheduler at {scheduler}: {exc}") from exc
    import importlib.util

    from ..ingest.pool import default_workers

    dashboard = ":0" if importlib.util.find_spec("bokeh") is not None else None
    cluster = LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=workers or default_workers(), threads_per_worker=1, processes=True,
        dashboard_address=dashboard, memory_limit=0,
    )  # fmt: skip
    client: Any = Client(cluster)  # type: ignore[no-untyped-call]
    client._storytrace_cluster = cluster  # closed with the client by stop_client
    return client


def stop_client(client: Any) -> None:
    """Close ``client`` and, when :func:`start_client` started it, its local cluster."""
    cluster = getattr(client, "_storytrace_cluster", None)
    client.close()
    if cluster is not None:
        cluster.close()


def _wait(
    client: Any, futures: Sequence[Any], stage: str, progress: Progress | None, total: int, done: int | None = None
) -> list[Any]:
    """Results of ``futures`` in order; reports each one finished (``done``: steps before these)."""
    from distributed import as_completed

    done = total - len(futures) if done is None else done
    if progress is not None:
        progress(stage, done, total)
    for _ in as_completed(list(futures)):  # type: ignore[no-untyped-call]
        done += 1
        if progress is not None:
            progress(stage, done, total)
    return list(client.gather(list(futures)))


# ---- stages -------------------------------------------------------------------------------------


def _complete(folder: Path) -> dict[str, Any] | None:
    marker = folder / SUCCESS
    if not marker.is_file():
        return None
    loaded: dict[str, Any] = json.loads(marker.read_text(encoding="utf-8"))
    return loaded


def _finish(folder: Path, **facts: Any) -> None:
    temporary = folder / f".{SUCCESS}.tmp"
    temporary.write_text(json.dumps(facts, sort_keys=True), encoding="utf-8")
    temporary.replace(folder / SUCCESS)


def _rows(path: Path) -> int:
    return int(pq.ParquetFile(path).metadata.num_rows)


def _ingest(client: Any, out: Path, inputs: Sequence[str], options: BatchOptions, progress: Progress | None) -> int:
    folder = out / "ingest"
    folder.mkdir(parents=True, exist_ok=True)
    groups = _groups(expand_inputs(inputs), options.group_bytes)
    if not groups:
        raise BatchError("no input to read")
    names = [folder / f"part-{number:05d}.parquet" for number in range(len(groups))]
    todo = [(group, name) for group, name in zip(groups, names, strict=True) if not name.is_file()]
    futures = [client.submit(kernels.ingest_group, group, options.ingest, str(name), pure=False)
               for group, name in todo]  # fmt: skip
    _wait(client, futures, "ingest", progress, len(groups))
    rows = sum(_rows(name) for name in names)
    _finish(folder, parts=[n.name for n in names], rows=rows)
    return len(groups)


def _normalize_plan(out: Path, size: int) -> list[tuple[Path, int, int, Path]]:
    plan = []
    parts = json.loads((out / "ingest" / SUCCESS).read_text(encoding="utf-8"))["parts"]
    for name in parts:
        source = out / "ingest" / name
        rows = _rows(source)
        stem = name.removesuffix(".parquet")
        for number, start in enumerate(range(0, max(rows, 1), size)):
            plan.append((source, start, min(rows, start + size), out / "normalize" / f"{stem}-{number:04d}.parquet"))
    return plan


def _normalize(client: Any, out: Path, options: BatchOptions, progress: Progress | None) -> int:
    folder = out / "normalize"
    folder.mkdir(parents=True, exist_ok=True)
    plan = _normalize_plan(out, options.partition_size)
    futures = [client.submit(kernels.normalize_part, str(source), start, stop, options.ingest.min_words, str(name),
                             pure=False)
               for source, start, stop, name in plan if not name.is_file()]  # fmt: skip
    _wait(client, futures, "normalize", progress, len(plan))
    # Batch ids in input order; the same content read twice keeps its first id (the store does the
    # same) — unless another outlet printed it: that is another publication, with a hash of its own
    # (normalize.publication_hash, as in a local ingest). The outlets compared are the documents'
    # (their outlet_hint), as in a local ingest, not one the normalizer found in the text; parts
    # written before that column existed have only the article's outlet.
    seen: set[str] = set()
    first_outlet: dict[str, str | None] = {}
    next_id = 1
    part_names: list[str] = []
    rows: list[int] = []
    ids: list[int] = []
    hashes: list[str | None] = []
    duplicate_of: list[int] = []
    first_id: dict[str, int] = {}
    duplicates = rejections = 0
    for _, _, _, name in plan:
        present = pq.read_schema(name).names
        outlet_column = "outlet_hint" if "outlet_hint" in present else "outlet"
        table = pq.read_table(name, columns=["ok", "content_hash", outlet_column]).to_pydict()
        for row, (ok, digest, outlet) in enumerate(
                zip(table["ok"], table["content_hash"], table[outlet_column], strict=True)):
            part_names.append(name.name)
            rows.append(row)
            key = ""
            if ok:
                first = first_outlet.setdefault(digest, outlet_key(outlet))
                key = publication_hash(digest, outlet_key(outlet), first)
            if ok and key not in seen:
                seen.add(key)
                first_id[key] = next_id
                ids.append(next_id)
                hashes.append(key)
                duplicate_of.append(0)
                next_id += 1
            else:
                duplicates += bool(ok)
                rejections += not ok
                ids.append(0)
                hashes.append(None)
                duplicate_of.append(first_id[key] if ok else 0)
    kernels.write_table(pa.table({"part": part_names, "row": rows, "id": ids, "content_hash": hashes,
                                  "duplicate_of": duplicate_of}), folder / "index.parquet")  # fmt: skip
    _finish(folder, parts=[name.name for *_, name in plan], articles=next_id - 1, duplicates=duplicates,
            rejections=rejections)  # fmt: skip
    return len(plan)


def publication_hashes(out: Path) -> dict[int, str]:
    """Batch id → the content hash its article is stored under (see :func:`_normalize`); empty for
    a job whose index predates the column (its articles keep the hash they were read with)."""
    table = pq.read_table(out / "normalize" / "index.parquet")
    if "content_hash" not in table.column_names:
        return {}
    columns = table.to_pydict()
    return {int(i): str(h) for i, h in zip(columns["id"], columns["content_hash"], strict=True) if i and h}


def duplicates(out: Path) -> dict[str, dict[int, int]]:
    """Normalize file name → {row: batch id of the article it repeats} for the articles read again
    in the job (the same content, the same outlet); empty for an index that predates the column."""
    table = pq.read_table(out / "normalize" / "index.parquet")
    if "duplicate_of" not in table.column_names:
        return {}
    columns = table.to_pydict()
    found: dict[str, dict[int, int]] = {}
    for part, row, first in zip(columns["part"], columns["row"], columns["duplicate_of"], strict=True):
        if first:
            found.setdefault(part, {})[int(row)] = int(first)
    return found


def _index(out: Path) -> list[tuple[Path, np.ndarray]]:
    """(normalize file, batch id of each of its rows) in order."""
    facts = _complete(out / "normalize")
    if facts is None:
        raise BatchError(f"{out}: the normalize stage has not finished")
    table = pq.read_table(out / "normalize" / "index.parquet").to_pydict()
    by_part: dict[str, list[int]] = {}
    for part, identifier in zip(table["part"], table["id"], strict=True):
        by_part.setdefault(part, []).append(identifier)
    return [(out / "normalize" / name, np.array(by_part.get(name, []), dtype=np.int64)) for name in facts["parts"]]


def _candidates(client: Any, out: Path, options: BatchOptions, progress: Progress | None) -> int:
    folder = out / "candidates"
    if folder.exists():
        shutil.rmtree(folder)  # the shuffle restarts as a whole
    folder.mkdir(parents=True)
    index = _index(out)
    articles = int(max((ids.max() for _, ids in index if len(ids)), default=0))
    buckets = max(1, min(32, len(index)))
    candidate_options = options.reuse.candidates
    keys_dir, pairs_dir = folder / "_keys", folder / "_pairs"
    steps = len(index) + 2 * buckets
    futures = [client.submit(kernels.keys_part, str(path), ids, candidate_options.n, buckets, str(keys_dir),
                             path.stem, pure=False)
               for path, ids in index]  # fmt: skip
    sizes = np.zeros(articles + 1, dtype=np.int64)
    for found in _wait(client, futures, "candidates", progress, steps, 0):
        sizes[found[:, 0]] = found[:, 1]
    futures = [client.submit(kernels.pairs_bucket, str(keys_dir / f"bucket-{b:05d}"), candidate_options.max_df,
                             buckets, str(pairs_dir), f"from-{b:05d}", pure=False)
               for b in range(buckets)]  # fmt: skip
    _wait(client, futures, "candidates", progress, steps, len(index))
    shutil.rmtree(keys_dir)
    [sizes_future] = client.scatter([sizes], broadcast=True)
    futures = [client.submit(kernels.verify_bucket, str(pairs_dir / f"bucket-{b:05d}"), sizes_future,
                             candidate_options, str(folder / f"part-{b:05d}.parquet"), pure=False)
               for b in range(buckets)]  # fmt: skip
    pairs = sum(_wait(client, futures, "candidates", progress, steps, len(index) + buckets))
    shutil.rmtree(pairs_dir)
    _finish(folder, parts=[f"part-{b:05d}.parquet" for b in range(buckets)], pairs=int(pairs))
    return steps


def _all_candidates(out: Path) -> np.ndarray:
    facts = _complete(out / "candidates")
    if facts is None:
        raise BatchError(f"{out}: the candidates stage has not finished")
    tables = [pq.read_table(out / "candidates" / name, columns=["first", "second"]) for name in facts["parts"]]
    if not tables:
        return np.zeros((0, 2), dtype=np.int64)
    first = np.concatenate([t.column("first").to_numpy() for t in tables])
    second = np.concatenate([t.column("second").to_numpy() for t in tables])
    pairs = np.stack([first, second], axis=1).astype(np.int64).reshape(-1, 2)
    return pairs[np.lexsort((pairs[:, 1], pairs[:, 0]))]


def _reuse(client: Any, out: Path, options: BatchOptions, progress: Progress | None) -> int:
    folder = out / "reuse"
    folder.mkdir(parents=True, exist_ok=True)
    index = _index(out)
    pairs = _all_candidates(out)
    involved = np.unique(pairs)
    paraphrase = paraphrase_applies(len(involved), options.reuse)
    # Where each article lives, and its outlet (boilerplate is counted over all of an outlet's articles).
    articles = int(max((ids.max() for _, ids in index if len(ids)), default=0))
    part_of = np.zeros(articles + 1, dtype=np.int64)
    row_of = np.zeros(articles + 1, dtype=np.int64)
    outlet_of: list[str | None] = [None] * (articles + 1)
    for number, (path, ids) in enumerate(index):
        present = np.flatnonzero(ids > 0)
        part_of[ids[present]] = number
        row_of[ids[present]] = present
        outlets = pq.read_table(path, columns=["outlet"]).column("outlet").to_pylist()
        for row in present.tolist():
            outlet = outlets[row]
            outlet_of[int(ids[row])] = outlet.casefold() if outlet else None
    wanted = frozenset(
        o for a, b in pairs.tolist() if (o := outlet_of[a]) is not None and o == outlet_of[b]
    )
    # Enough tasks to keep every worker busy; the chunk size is kept in a plan file so that a
    # resumed stage (perhaps on another number of workers) cuts the pairs as the first run did.
    plan = folder / "_plan.json"
    if plan.is_file():
        step = int(json.loads(plan.read_text(encoding="utf-8"))["pairs_per_task"])
    else:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        step = max(50, min(options.pairs_per_task, -(-len(pairs) // (4 * workers))))
        plan.write_text(json.dumps({"pairs_per_task": step}), encoding="utf-8")
    chunks = [pairs[start : start + step] for start in range(0, len(pairs), step)]
    names = [folder / f"part-{number:05d}.parquet" for number in range(len(chunks))]
    todo = [(chunk, name) for chunk, name in zip(chunks, names, strict=True) if not name.is_file()]
    total = len(chunks) + (len(index) if wanted and todo else 0)
    boilerplate: Any = {}
    if wanted and todo:
        parts = [client.submit(kernels.boilerplate_part, str(path), ids, wanted, options.reuse.align.seed, pure=False)
                 for path, ids in index]  # fmt: skip
        _wait(client, parts, "reuse", progress, total, 0)
        boilerplate = client.submit(kernels.merge_boilerplate, parts, pure=False)
    futures = []
    for chunk, name in todo:
        needed = np.unique(chunk)
        locations: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        for number in np.unique(part_of[needed]).tolist():
            members = needed[part_of[needed] == number]
            locations[str(index[number][0])] = (row_of[members], members)
        futures.append(client.submit(kernels.relate_part, chunk, locations, boilerplate, options.reuse, paraphrase,
                                     str(name), pure=False))  # fmt: skip
    _wait(client, futures, "reuse", progress, total, total - len(futures))
    rows = sum(_rows(name) for name in names)
    _finish(folder, parts=[n.name for n in names], pairs=rows, paraphrase=paraphrase, involved=len(involved))
    return len(chunks)


def _claims(client: Any, out: Path, options: BatchOptions, progress: Progress | None) -> int:
    folder = out / "claims"
    folder.mkdir(parents=True, exist_ok=True)
    index = _index(out)
    names = [folder / path.name for path, _ in index]
    futures = [client.submit(kernels.claims_part, str(path), ids, str(name), pure=False)
               for (path, ids), name in zip(index, names, strict=True) if not name.is_file()]  # fmt: skip
    _wait(client, futures, "claims", progress, len(index))
    _finish(folder, parts=[n.name for n in names], rows=sum(_rows(n) for n in names))
    return len(index)


def run_batch(
    inputs: Sequence[str],
    output: str | Path,
    *,
    client: Any,
    options: BatchOptions | None = None,
    progress: Progress | None = None,
) -> BatchSummary:
    """Run the stages up to ``options.stop_after`` on ``client``'s cluster; skip the ones already complete."""
    options = options or BatchOptions()
    out = Path(output)
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", str(output)):
        raise BatchError(f"{output}: the output folder must be a local (or mounted) path")
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    results: list[StageResult] = []
    last = STAGES.index(options.stop_after)
    for stage in STAGES[: last + 1]:
        folder = out / stage
        if _complete(folder) is not None:
            results.append(StageResult(stage, "skipped", 0.0, 0, 0))
            if progress:
                progress(stage, 1, 1)
            continue
        began = time.perf_counter()
        if stage == "ingest":
            tasks = _ingest(client, out, inputs, options, progress)
        elif stage == "normalize":
            tasks = _normalize(client, out, options, progress)
        elif stage == "candidates":
            tasks = _candidates(client, out, options, progress)
        elif stage == "reuse":
            tasks = _reuse(client, out, options, progress)
        else:
            tasks = _claims(client, out, options, progress)
        facts = _complete(folder) or {}
        rows = int(facts.get("rows", facts.get("articles", facts.get("pairs", 0))))
        results.append(StageResult(stage, "done", time.perf_counter() - began, tasks, rows))
    summary = summarize(out, results, time.perf_counter() - started)
    (out / "summary.json").write_text(json.dumps(summary.to_dict(), indent=2), encoding="utf-8")
    return summary


def summarize(out: Path, stages: Sequence[StageResult], seconds: float) -> BatchSummary:
    """Counts read back from the checkpoints of ``out``."""
    ingest = _complete(out / "ingest") or {}
    normalize = _complete(out / "normalize") or {}
    candidates = _complete(out / "candidates") or {}
    reuse = _complete(out / "reuse") or {}
    claims = _complete(out / "claims") or {}
    relations: Counter[str] = Counter()
    for name in reuse.get("parts", []):
        relations.update(pq.read_table(out / "reuse" / name, columns=["relation"]).column("relation").to_pylist())
    return BatchSummary(
        output=str(out), stages=tuple(stages), documents=int(ingest.get("rows", 0)),
        articles=int(normalize.get("articles", 0)), rejections=int(normalize.get("rejections", 0)),
        candidates=int(candidates.get("pairs", 0)), pairs=int(reuse.get("pairs", 0)),
        relations=dict(sorted(relations.items())), claims=int(claims.get("rows", 0)), seconds=seconds,
    )  # fmt: skip
