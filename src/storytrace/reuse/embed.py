"""Sentence embeddings for the paraphrase layer: two encoders of all-MiniLM-L6-v2, both shipped.

- ``"minilm"`` (the default, :class:`SentenceEncoder`): the transformer itself, int8, run with
  onnxruntime (``scripts/export_minilm_onnx.py``, ``reuse/model/PROVENANCE.md``).
- ``"static"`` (:class:`StaticEncoder`): a static embedding model distilled from
  all-MiniLM-L6-v2 (``scripts/distill_static_minilm.py``, model2vec's method: every word piece of
  the vocabulary through the transformer, PCA to 256 dimensions, SIF weighting). A sentence's
  vector is the mean of its word pieces' rows, L2-normalised: a table look-up in numpy, ~30×
  cheaper than running the transformer (``benchmarks/embed.py``). How it was made and what it measures:
  ``reuse/model/PROVENANCE-static.md``. As good as MiniLM on MRPC and close on the Clough &
  Stevenson rewrites, but weaker on real rewritten articles (docs/reuse.md): an option, not the
  default.

Their cosines are on different scales, so each has its own fitted thresholds
(``storytrace.reuse.paraphrase.ENCODER_PARAMS``). Pick one with :func:`load_encoder` (in the
reuse stage: ``ReuseOptions.paraphrase_encoder``).

Nothing is downloaded at run time and torch is never needed: the run time is numpy + tokenizers
(+ onnxruntime for ``"minilm"``), all imported lazily so that ``import storytrace`` stays light.

A MiniLM embedding is what sentence-transformers computes for this model: the transformer's last
hidden states, mean-pooled over the attention mask, then L2-normalised; inputs are cut at 256 word
pieces (special tokens included). Dot products of embeddings are cosines.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Protocol

import numpy as np
import numpy.typing as npt

from ..errors import ModelMissingError

if TYPE_CHECKING:
    from tokenizers import Tokenizer

__all__ = [
    "DEFAULT_ENCODER", "DIMENSION", "ENCODERS", "MAX_TOKENS", "MODEL_FILE", "STATIC_DIMENSION", "STATIC_FILE",
    "STATIC_MAX_TOKENS", "TOKENIZER_FILE", "Encoder", "SentenceEncoder", "StaticEncoder", "load_encoder", "model_files",
]

DIMENSION = 384
MAX_TOKENS = 256
"""sentence-transformers' ``max_seq_length`` for all-MiniLM-L6-v2 (word pieces, [CLS]/[SEP] included)."""
MODEL_FILE = "minilm-l6-v2-int8.onnx"
TOKENIZER_FILE = "tokenizer.json"
STATIC_FILE = "minilm-l6-v2-static256.npy"
"""The static model: one float16 row per word piece of ``tokenizer.json``'s vocabulary (rows of
pieces the distillation left out, such as ``[unused0]``, are zero)."""
STATIC_DIMENSION = 256
STATIC_MAX_TOKENS = 512
"""model2vec's default cut for its static models (word pieces, no special tokens)."""
ENCODERS = ("static", "minilm")
DEFAULT_ENCODER = "minilm"
"""The default of :func:`load_encoder` and of the reuse stage. The static model is ~30× cheaper
per sentence, but on the bundled sample pile's rewritten copy it aligns 1 of the 3 sentences a
reader finds retold (MiniLM: 2), and on a 600-article pile it changes 12 of 458 pairs' relations
(figures and commands: docs/reuse.md)."""
_MODEL_PACKAGE = "storytrace.reuse"
_MODEL_FOLDER = "model"
_MAX_THREADS = 1
"""One intra-op thread: on this 2-core box a second thread bought nothing on real articles (60
FakeNewsCorpus articles, 2,408 sentences: 11.3 s wall with 2 threads vs 10.5 s with 1, batch 16)
and spins against the other stages' worker processes. Pass ``threads`` to override."""
BATCH_SIZE = 1
"""Sentences per model call. Small batches are much cheaper per sentence with the dynamically
quantised int8 model: the same 2,408 sentences took 6.8 CPU s at 1–4, 7.6 at 8, 11.2 at 16,
15.5 at 32 and 23.2 at 64 (one thread; ``benchmarks/embed.py``). One sentence a call costs ~4 %
more than four, but a sentence's vector is then its own (activations are quantised per call), so
the reuse stage can encode only the sentences it needs and a copied sentence once, and get the
same vectors whatever else it encodes."""


def model_files(names: Sequence[str] = (MODEL_FILE, TOKENIZER_FILE)) -> dict[str, Traversable]:
    """The shipped model files ``names`` (``importlib.resources`` traversables), checked to exist.

    Raises :class:`~storytrace.errors.ModelMissingError` naming the missing files.
    """
    folder = resources.files(_MODEL_PACKAGE).joinpath(_MODEL_FOLDER)
    found: dict[str, Traversable] = {}
    missing: list[str] = []
    for name in names:
        entry = folder.joinpath(name)
        if entry.is_file():
            found[name] = entry
        else:
            missing.append(name)
    if missing:
        raise ModelMissingError(
            f"the sentence-embedding model is missing from the installed package: {', '.join(missing)} "
            f"not found in {folder}",
            hint="reinstall storytrace, or rebuild the files with scripts/export_minilm_onnx.py "
            "(MiniLM, tokenizer) and scripts/distill_static_minilm.py (static model)",
        )
    return found


def _default_threads() -> int:
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(cores, _MAX_THREADS))


class Encoder(Protocol):
    """What the paraphrase layer needs of a sentence encoder."""

    name: str
    dimension: int

    def encode(self, sentences: Sequence[str]) -> npt.NDArray[np.float32]:
        """Embeddings of ``sentences``, one float32 row each, unit length (dot product = cosine)."""
        ...


def load_encoder(name: str = DEFAULT_ENCODER, *, threads: int | None = None) -> Encoder:
    """The shipped encoder called ``name`` (one of :data:`ENCODERS`), loaded.

    ``threads`` is passed to :meth:`SentenceEncoder.load` (the static encoder needs none). Raises
    ``ValueError`` for an unknown name and :class:`~storytrace.errors.ModelMissingError` when the
    model files are not installed.
    """
    if name == "static":
        return StaticEncoder.load()
    if name == "minilm":
        return SentenceEncoder.load(threads=threads)
    raise ValueError(f"unknown sentence encoder {name!r}: expected one of {', '.join(ENCODERS)}")


class StaticEncoder:
    """Turns sentences into L2-normalised 256-dimensional float32 vectors by table look-up.

    A sentence's vector is the mean of the rows of its word pieces (the MiniLM tokenizer, lower-cased
    WordPiece, no ``[CLS]``/``[SEP]``, unknown pieces dropped, cut at 512 pieces), L2-normalised. A
    sentence with no known word piece (an empty string) gets the zero vector: cosine 0 with
    everything, so it never aligns. Loading takes ~0.1 s; ``encode`` is deterministic and a
    sentence's vector does not depend on the batch it is in.
    """

    name = "static"
    dimension = STATIC_DIMENSION

    def __init__(self, table: npt.NDArray[np.float32], tokenizer: Tokenizer) -> None:
        if table.ndim != 2 or table.shape[0] != tokenizer.get_vocab_size(with_added_tokens=True):
            raise ValueError(
                f"static table of shape {table.shape} does not fit a vocabulary of "
                f"{tokenizer.get_vocab_size(with_added_tokens=True)} word pieces"
            )
        self._table = table
        self._tokenizer = tokenizer
        self.dimension = int(table.shape[1])
        unknown = tokenizer.token_to_id("[UNK]")
        self._unknown = -1 if unknown is None else int(unknown)

    @classmethod
    def load(cls) -> StaticEncoder:
        """The static model shipped in the package.

        Raises :class:`~storytrace.errors.ModelMissingError` when its files are not installed.
        """
        files = model_files((STATIC_FILE, TOKENIZER_FILE))
        with files[STATIC_FILE].open("rb") as handle:
            return cls._build(handle, files[TOKENIZER_FILE].read_text(encoding="utf-8"))

    @classmethod
    def load_from(cls, table: Path, tokenizer: Path) -> StaticEncoder:
        """A static model from files outside the package (``scripts/distill_static_minilm.py``)."""
        with table.open("rb") as handle:
            return cls._build(handle, tokenizer.read_text(encoding="utf-8"))

    @classmethod
    def _build(cls, table: IO[bytes], tokenizer_json: str) -> StaticEncoder:
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_str(tokenizer_json)
        tokenizer.enable_truncation(max_length=STATIC_MAX_TOKENS)
        tokenizer.no_padding()
        rows = np.load(table, allow_pickle=False)
        return cls(np.ascontiguousarray(rows, dtype=np.float32), tokenizer)

    def encode(self, sentences: Sequence[str]) -> npt.NDArray[np.float32]:
        """Embeddings of ``sentences``, shape ``(len(sentences), 256)``, float32, unit length or zero."""
        if isinstance(sentences, str):
            raise TypeError("encode() takes a sequence of sentences, not one string")
        out = np.zeros((len(sentences), self.dimension), dtype=np.float32)
        if not sentences:
            return out
        encodings = self._tokenizer.encode_batch(list(sentences), add_special_tokens=False)
        ids = [np.asarray(e.ids, dtype=np.int64) for e in encodings]
        ids = [row[row != self._unknown] for row in ids]
        lengths = np.fromiter((len(row) for row in ids), dtype=np.int64, count=len(ids))
        present = np.flatnonzero(lengths)
        if present.size == 0:
            return out
        flat = np.concatenate([ids[i] for i in present])
        starts = np.concatenate(([0], np.cumsum(lengths[present])[:-1]))
        sums = np.add.reduceat(self._table[flat], starts, axis=0)  # the mean's scale cancels out
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        out[present] = sums / np.maximum(norms, 1e-12)
        return out


class SentenceEncoder:
    """Turns sentences into L2-normalised 384-dimensional float32 vectors.

    Load once (``SentenceEncoder.load()`` takes ~0.25 s) and reuse the encoder; each ``encode`` call
    uses all of the session's threads. Activations are quantised per batch, so with a ``batch_size``
    above 1 a sentence's vector varies very slightly (cosine > 0.99) with the batch it is encoded in;
    with the default (1) it does not.
    """

    name = "minilm"
    dimension = DIMENSION

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
