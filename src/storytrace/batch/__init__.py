"""Batch jobs on a Dask cluster: the in-process kernels partition by partition, checkpointed to Parquet.

``storytrace batch run`` (:func:`run_batch`) and ``storytrace batch load`` (:func:`load_batch`);
docs/batch.md tells how it works and how to run it on a cluster.
"""

from __future__ import annotations

from .job import STAGES, BatchOptions, BatchSummary, StageResult, expand_inputs, run_batch, start_client, stop_client
from .load import LoadSummary, batch_articles, batch_reuse, load_batch

__all__ = [
    "STAGES",
    "BatchOptions",
    "BatchSummary",
    "LoadSummary",
    "StageResult",
    "batch_articles",
    "batch_reuse",
    "expand_inputs",
    "load_batch",
    "run_batch",
    "start_client",
    "stop_client",
]
