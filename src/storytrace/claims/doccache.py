"""Parsed spaCy docs remembered by their exact text, across the articles a process reads.

A pile of news traces copies: the same sentence comes back in article after article (30 % of the
parsed characters of the event piles' first 100 articles repeat an earlier sentence). spaCy's
annotations of a text do not depend on the other texts of its batch, so a sentence parsed once
need not be parsed again: :class:`DocCache` hands back the doc made before. The rules only read
the docs, never change them, so one doc serves every article that has its text — but never two
spans of one answer (a text repeated within one call is parsed for each place), since the quote
rules tell the sentences of a paragraph apart by their docs.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from typing import Any

__all__ = ["DocCache"]


class DocCache:
    """The docs of the last texts parsed, up to ``max_tokens`` tokens in all (least recently used go
    first; ``max_tokens=0`` remembers nothing)."""

    def __init__(self, max_tokens: int) -> None:
        self.max_tokens = max_tokens
        self.docs: OrderedDict[str, Any] = OrderedDict()
        self.tokens = 0
        self.hits = 0
        self.misses = 0
        self._lock = threading.Lock()  # the bookkeeping only: parsing runs outside it

    def parse(self, texts: Sequence[str], parse: Callable[[list[str]], Iterable[Any]]) -> list[Any]:
        """The docs of ``texts`` in order: remembered ones, the others made by one call of ``parse``
        (which returns one doc per text it is given, in order)."""
        found: list[Any] = [None] * len(texts)
        served: set[str] = set()
        todo: list[int] = []
        with self._lock:
            for index, text in enumerate(texts):
                doc = self.docs.get(text) if text not in served else None
                if doc is None:
                    todo.append(index)
                else:
                    self.docs.move_to_end(text)
                    found[index] = doc
                    self.hits += 1
                served.add(text)
            self.misses += len(todo)
        if todo:
            made = list(parse([texts[index] for index in todo]))
            if len(made) != len(todo):
                raise ValueError(f"parse returned {len(made)} docs for {len(todo)} texts")
            with self._lock:
                for index, doc in zip(todo, made, strict=True):
                    found[index] = doc
                    self._keep(texts[index], doc)
        return found

    def _keep(self, text: str, doc: Any) -> None:
        if self.max_tokens <= 0 or text in self.docs or len(doc) > self.max_tokens:
            return
        self.docs[text] = doc
        self.tokens += len(doc)
        while self.tokens > self.max_tokens:
            _, old = self.docs.popitem(last=False)
            self.tokens -= len(old)

    def clear(self) -> None:
        with self._lock:
            self.docs.clear()
            self.tokens = 0
