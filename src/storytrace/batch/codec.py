"""Records ⇄ JSON for Parquet columns: the frozen dataclasses of :mod:`storytrace.models`, field by field."""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from functools import cache
from typing import Any, TypeVar, get_args, get_origin

__all__ = ["dumps", "from_dict", "loads"]

T = TypeVar("T")


def dumps(record: Any) -> str:
    """One record (a dataclass) as compact JSON."""
    return json.dumps(dataclasses.asdict(record), ensure_ascii=False, separators=(",", ":"))


def loads(cls: type[T], text: str) -> T:
    """The record of type ``cls`` that :func:`dumps` wrote."""
    return from_dict(cls, json.loads(text))


@cache
def _hints(cls: type[Any]) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _convert(kind: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in get_args(kind) if a is not type(None)]
        return _convert(options[0], value) if len(options) == 1 else value
    if origin is tuple:
        args = get_args(kind)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_convert(args[0], item) for item in value)
        return tuple(_convert(arg, item) for arg, item in zip(args, value, strict=True))
    if dataclasses.is_dataclass(kind) and isinstance(kind, type):
        return from_dict(kind, value)
    return value


def from_dict(cls: type[T], data: dict[str, Any]) -> T:
    """Build ``cls`` from a dict of its fields, turning lists back into tuples and nested records."""
    hints = _hints(cls)  # type: ignore[arg-type]
    values = {name: _convert(hints[name], value) for name, value in data.items() if name in hints}
    return cls(**values)
