"""Sentence embeddings for the paraphrase layer: all-MiniLM-L6-v2, int8, run with onnxruntime.

The model ships inside the package (``reuse/model/``; how it was made and what it measures:
``reuse/model/PROVENANCE.md``, made by ``scripts/export_minilm_onnx.py``). Nothing is downloaded
at run time and torch is never needed: the run time is numpy + onnxruntime + tokenizers, all
imported lazily so that ``import storytrace`` stays light.

An embedding is what sentence-transformers computes for this model: the transformer's last hidden
states, mean-pooled over the attention mask, then L2-normalised; inputs are cut at 256 word pieces
(special tokens included). Dot products of embeddings are cosines.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from importlib import resources
from importlib.resources.abc import Traversable
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from ..errors import ModelMissingError

if TYPE_CHECKING:
    from tokenizers import Tokenizer

__all__ = ["DIMENSION", "MAX_TOKENS", "MODEL_FILE", "TOKENIZER_FILE", "SentenceEncoder", "model_files"]

DIMENSION = 384
MAX_TOKENS = 256
"""sentence-transformers' ``max_seq_length`` for all-MiniLM-L6-v2 (word pieces, [CLS]/[SEP] included)."""
MODEL_FILE = "minilm-l6-v2-int8.onnx"
TOKENIZER_FILE = "tokenizer.json"
_MODEL_PACKAGE = "storytrace.reuse"
_MODEL_FOLDER = "model"
_MAX_THREADS = 1
"""One intra-op thread: on this 2-core box a second thread bought nothing on real articles (60
FakeNewsCorpus articles, 2,408 sentences: 11.3 s wall with 2 threads vs 10.5 s with 1, batch 16)
and spins against the other stages' worker processes. Pass ``threads`` to override."""
BATCH_SIZE = 4
"""Sentences per model call. Small batches are much cheaper per sentence with the dynamically
quantised int8 model: the same 2,408 sentences took 6.8 CPU s at 1–4, 7.6 at 8, 11.2 at 16,
15.5 at 32 and 23.2 at 64 (one thread; ``benchmarks/embed.py``)."""


def model_files() -> dict[str, Traversable]:
    """The shipped model and tokenizer (``importlib.resources`` traversables), checked to exist.

    Raises :class:`~storytrace.errors.ModelMissingError` naming the missing files.
    """
    folder = resources.files(_MODEL_PACKAGE).joinpath(_MODEL_FOLDER)
    found: dict[str, Traversable] = {}
    missing: list[str] = []
    for name in (MODEL_FILE, TOKENIZER_FILE):
        entry = folder.joinpath(name)
        if entry.is_file():
            found[name] = entry
        else:
            missing.append(name)
    if missing:
        raise ModelMissingError(
            f"the sentence-embedding model is missing from the installed package: {', '.join(missing)} "
            f"not found in {folder}",
            hint="reinstall storytrace, or rebuild the files with scripts/export_minilm_onnx.py",
        )
    return found


def _default_threads() -> int:
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(cores, _MAX_THREADS))


class SentenceEncoder:
    """Turns sentences into L2-normalised 384-dimensional float32 vectors.

    Load once (``SentenceEncoder.load()`` takes ~0.25 s) and reuse the encoder; each ``encode`` call
    uses all of the session's threads. Activations are quantised per batch, so a sentence's vector
    varies very slightly (cosine > 0.99) with the batch it is encoded in.
    """

    def __init__(self, session: Any, tokenizer: Tokenizer) -> None:
        self._session = session
        self._tokenizer = tokenizer
        self._input_names = {entry.name for entry in session.get_inputs()}

    @classmethod
    def load(cls, *, threads: int | None = None) -> SentenceEncoder:
        """The model shipped in the package. ``threads`` defaults to the usable cores (at most 4).

        Raises :class:`~storytrace.errors.ModelMissingError` when the model files are not installed.
        """
        import onnxruntime
        from tokenizers import Tokenizer

        files = model_files()
        tokenizer = Tokenizer.from_str(files[TOKENIZER_FILE].read_text(encoding="utf-8"))
        # The shipped tokenizer.json is the upstream one (fixed padding and truncation at 128): cut
        # where sentence-transformers cuts, and pad in encode(), each batch to its longest sentence.
        tokenizer.enable_truncation(max_length=MAX_TOKENS)
        tokenizer.no_padding()

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads if threads is not None else _default_threads()
        options.inter_op_num_threads = 1
        options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.log_severity_level = 3
        session = onnxruntime.InferenceSession(
            files[MODEL_FILE].read_bytes(), sess_options=options, providers=["CPUExecutionProvider"]
        )
        return cls(session, tokenizer)

    def encode(self, sentences: Sequence[str], *, batch_size: int = BATCH_SIZE) -> npt.NDArray[np.float32]:
        """Embeddings of ``sentences``, shape ``(len(sentences), 384)``, float32, unit length.

        Sentences are batched by length (less padding); the rows come back in input order.
        """
        if isinstance(sentences, str):
            raise TypeError("encode() takes a sequence of sentences, not one string")
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        out = np.zeros((len(sentences), DIMENSION), dtype=np.float32)
        if not sentences:
            return out
        encodings = self._tokenizer.encode_batch(list(sentences), add_special_tokens=True)
        lengths = np.fromiter((len(e.ids) for e in encodings), dtype=np.int64, count=len(encodings))
        order = np.argsort(-lengths, kind="stable")
        for start in range(0, len(order), batch_size):
            rows = order[start : start + batch_size]
            ids = np.zeros((len(rows), int(lengths[rows].max())), dtype=np.int64)  # 0 is [PAD]
            mask = np.zeros_like(ids)
            for k, row in enumerate(rows):
                ids[k, : lengths[row]] = encodings[row].ids
                mask[k, : lengths[row]] = 1
            out[rows] = self._embed(ids, mask)
        return out

    def _embed(self, ids: npt.NDArray[np.int64], mask: npt.NDArray[np.int64]) -> npt.NDArray[np.float32]:
        feeds: dict[str, npt.NDArray[np.int64]] = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._input_names:
            feeds["token_type_ids"] = np.zeros_like(ids)
        feeds = {name: value for name, value in feeds.items() if name in self._input_names}
        hidden: npt.NDArray[np.float32] = np.asarray(self._session.run(None, feeds)[0], dtype=np.float32)
        weights = mask.astype(np.float32)[:, :, None]
        pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        normalised: npt.NDArray[np.float32] = (pooled / np.maximum(norms, 1e-12)).astype(np.float32)
        return normalised
