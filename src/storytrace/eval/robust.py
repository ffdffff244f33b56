"""What the loaders share so that one odd record in a held-out half costs that record, not the figure.

The figures of EVAL.md are scored later on the held-out half of each set: folders of the same layout
that we have never seen. A record there may be damaged in ways ours are not (a missing field, an empty
body, a file in another encoding, a truncated gzip, an offset past the end of the text …). A loader
passes over such a record, notes where and why in a :class:`Skips`, and the result carries the count
(``skipped_items``) and the first few reasons (``skipped_examples``) so that a lower figure can be told
apart from lost data. Only a folder that is wrong, or one where nothing usable is left, is an
:class:`~storytrace.errors.EvalDataError`.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import EvalDataError

__all__ = ["MAX_EXAMPLES", "Skip", "Skips", "decode", "read_text"]

MAX_EXAMPLES = 5
"""How many skipped items the result names: enough to see what went wrong, short enough to read."""


@dataclass(frozen=True, slots=True)
class Skip:
    """One record a loader passed over: where it is (``file`` or ``file:line``) and why."""

    where: str
    why: str

    def __str__(self) -> str:
        return f"{self.where}: {self.why}"


class Skips:
    """The records passed over while reading one data folder (paths shown relative to it)."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        self.items: list[Skip] = []
        self.recoded: list[Skip] = []

    def _where(self, path: str | Path, line: int | None) -> str:
        path = Path(path)
        try:
            shown = path.relative_to(self.root).as_posix()
        except ValueError:
            shown = path.as_posix()
        return shown if line is None else f"{shown}:{line}"

    def add(self, path: str | Path, why: str, *, line: int | None = None) -> None:
        """Note that the record at ``path`` (``line``) is left out of the score, and why."""
        self.items.append(Skip(self._where(path, line), why))

    def note_recoded(self, path: str | Path, encoding: str) -> None:
        """Note that ``path`` was not UTF-8 and was read as ``encoding`` (it is scored, not skipped)."""
        self.recoded.append(Skip(self._where(path, None), f"read as {encoding}"))

    def __len__(self) -> int:
        return len(self.items)

    def report(self) -> dict[str, Any]:
        """The keys a result carries: always the skipped count and examples; recoded files when any."""
        out: dict[str, Any] = {
            "skipped_items": len(self.items),
            "skipped_examples": [str(skip) for skip in self.items[:MAX_EXAMPLES]],
        }
        if self.recoded:
            out["recoded_files"] = len(self.recoded)
            out["recoded_examples"] = [str(skip) for skip in self.recoded[:MAX_EXAMPLES]]
        return out

    def nothing_left(self, what: str, *, hint: str | None = None) -> EvalDataError:
        """The error for a folder where every record was skipped (or there was none): says how many
        were passed over and the first reason, so the user sees what is wrong with the data."""
        message = f"no usable {what} under {self.root}"
        if self.items:
            message += f" ({len(self.items)} skipped; first: {self.items[0]})"
        return EvalDataError(message, hint=hint)


_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode(data: bytes) -> tuple[str, str]:
    """Text of a data file and the encoding it was read in: UTF-8 (a byte-order mark dropped), UTF-16
    when its mark says so, else Windows-1252 / Latin-1 — a held-out file saved by another tool is read
    rather than lost. Never fails: a record garbled past reading fails its own parse and is skipped
    alone, not with its whole file."""
    for mark, encoding in _BOMS:
        if data.startswith(mark):
            return data.decode(encoding, errors="replace"), encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def read_text(path: Path, skips: Skips | None = None) -> str:
    """:func:`decode` on a file, noting in ``skips`` when it was not plain UTF-8 (a mark counts as UTF-8).
    Raises :class:`OSError` when the file cannot be read, for the caller to skip it."""
    text, encoding = decode(path.read_bytes())
    if skips is not None and encoding not in ("utf-8", "utf-8-sig"):
        skips.note_recoded(path, encoding)
    return text
