"""Word tokens with character offsets: the unit every reuse kernel works on."""

from __future__ import annotations

import re
import unicodedata
import zlib
from dataclasses import dataclass

import numpy as np

__all__ = ["Tokens", "shingle_hashes", "tokenize"]

_WORD = re.compile(r"\w+(?:['’]\w+)*")


@dataclass(frozen=True, slots=True)
class Tokens:
    """Lower-cased, accent-folded words of a text with their ``[start, end)`` character offsets."""

    words: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def __len__(self) -> int:
        return len(self.words)

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Character span of tokens ``first..last`` (inclusive)."""
        return self.starts[first], self.ends[last]


def _fold(word: str) -> str:
    word = word.lower().replace("’", "'")
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def tokenize(text: str) -> Tokens:
    words: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for match in _WORD.finditer(text):
        words.append(_fold(match.group()))
        starts.append(match.start())
        ends.append(match.end())
    return Tokens(tuple(words), tuple(starts), tuple(ends))


_MASK = np.uint64(0xFFFFFFFFFFFFFFFF)
_PRIME = np.uint64(1099511628211)


def shingle_hashes(words: tuple[str, ...] | list[str], n: int) -> np.ndarray:
    """Stable 64-bit hashes of every run of ``n`` consecutive words (same value in every process)."""
    if len(words) < n:
        return np.zeros(0, dtype=np.uint64)
    codes = np.fromiter((zlib.crc32(w.encode("utf-8")) for w in words), dtype=np.uint64, count=len(words))
    codes = codes * np.uint64(2654435761) + np.uint64(1)
    out = np.zeros(len(words) - n + 1, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for offset in range(n):
            out = out * _PRIME + codes[offset : offset + len(out)]
    return out & _MASK
