"""The user's alias file: names that are one actor, and names that must stay apart.

A YAML file of this shape (``examples/aliases.yaml`` is a documented example)::

    entities:                      # each item: one actor and every name it goes by
      - name: Islamic State        # canonical name shown for the entity
        type: ORG                  # optional: overrides the type spaCy's majority gives
        aliases: [ISIS, ISIL, Daesh, Islamic State of Iraq and the Levant]
    distinct:                      # each item: names that must end in different entities
      - [Daniel Lewis, Daniel Byman]

Names are matched case-insensitively, titles and a leading "the" ignored. :func:`load_aliases`
raises :class:`~storytrace.errors.AliasFileError` (E601) with the place of the problem when the
file cannot be read, is not YAML, or does not have this shape.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import AliasFileError

__all__ = ["ENTITY_TYPES", "AliasGroup", "AliasTable", "load_aliases", "parse_aliases"]

#: The spaCy labels kept as entities (dates, numbers, money … are quantities, not actors).
ENTITY_TYPES = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART")

_HINT = "see examples/aliases.yaml for the expected shape"


@dataclass(frozen=True, slots=True, kw_only=True)
class AliasGroup:
    """One actor declared by the user: its canonical name, optional type, and other names."""

    name: str
    type: str | None = None
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name followed by the aliases."""
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True, kw_only=True)
class AliasTable:
    """Aliases to add (``groups``) and names to keep apart (``distinct``)."""

    groups: tuple[AliasGroup, ...] = ()
    distinct: tuple[tuple[str, ...], ...] = ()


def load_aliases(path: str | Path) -> AliasTable:
    """Read and check an alias file (YAML). Raises :class:`AliasFileError` on any problem."""
    import yaml

    where = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise AliasFileError(f"cannot read the alias file {where}: {exc}", hint=_HINT) from exc
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise AliasFileError(f"{where} is not valid YAML: {exc}", hint=_HINT) from exc
    return parse_aliases(data, where=where)


def parse_aliases(data: Any, *, where: str = "alias file") -> AliasTable:
    """Check already-parsed YAML data and build the table (``None`` or ``{}`` is an empty table)."""
    if data is None:
        return AliasTable()
    if not isinstance(data, dict):
        raise AliasFileError(f"{where}: the top level must be a mapping with 'entities' and/or 'distinct'", hint=_HINT)
    unknown = sorted(str(key) for key in data if key not in ("entities", "distinct"))
    if unknown:
        raise AliasFileError(f"{where}: unknown key(s) {', '.join(unknown)}", hint="allowed: entities, distinct")
    groups = tuple(_group(item, f"{where}: entities[{index}]") for index, item in enumerate(_list(data, "entities", where)))
    distinct = []
    for index, item in enumerate(_list(data, "distinct", where)):
        place = f"{where}: distinct[{index}]"
        if not isinstance(item, list) or len(item) < 2:
            raise AliasFileError(f"{place} must be a list of at least two names", hint=_HINT)
        distinct.append(tuple(_name(value, f"{place}[{position}]") for position, value in enumerate(item)))
    return AliasTable(groups=groups, distinct=tuple(distinct))


def _list(data: dict[Any, Any], key: str, where: str) -> list[Any]:
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise AliasFileError(f"{where}: '{key}' must be a list, not {type(value).__name__}", hint=_HINT)
    return value


def _name(value: Any, place: str) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise AliasFileError(f"{place} must be a name (a string), not {type(value).__name__}", hint=_HINT)
    name = " ".join(str(value).split())
    if not name:
        raise AliasFileError(f"{place} is an empty name", hint=_HINT)
    return name


def _group(item: Any, place: str) -> AliasGroup:
    if not isinstance(item, dict):
        raise AliasFileError(f"{place} must be a mapping with 'name' and 'aliases'", hint=_HINT)
    unknown = sorted(str(key) for key in item if key not in ("name", "type", "aliases"))
    if unknown:
        raise AliasFileError(f"{place}: unknown key(s) {', '.join(unknown)}", hint="allowed: name, type, aliases")
    if "name" not in item:
        raise AliasFileError(f"{place} has no 'name'", hint=_HINT)
    name = _name(item["name"], f"{place}.name")
    kind = item.get("type")
    if kind is not None and kind not in ENTITY_TYPES:
        raise AliasFileError(f"{place}.type is {kind!r}", hint=f"one of {', '.join(ENTITY_TYPES)}")
    raw = item.get("aliases") or []
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list):
        raise AliasFileError(f"{place}.aliases must be a list of names", hint=_HINT)
    aliases = tuple(_name(value, f"{place}.aliases[{position}]") for position, value in enumerate(raw))
    return AliasGroup(name=name, type=kind, aliases=aliases)
