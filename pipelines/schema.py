"""Canonical fields of an export kind: name, type, required flag, header aliases, description."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# Field types the staging SQL knows how to convert (see pipelines/sql/macros.sql).
TYPES = ("id", "text", "timestamp", "date", "period", "int", "number", "bool", "score")


@dataclass(frozen=True)
class FieldSpec:
    name: str
    type: str
    required: bool = False
    aliases: tuple[str, ...] = ()
    description: str = ""
    # Inclusive bounds of a score (values outside are rejected, never clipped).
    low: float | None = None
    high: float | None = None

    def __post_init__(self) -> None:
        if self.type not in TYPES:
            raise ValueError(f"unknown field type {self.type!r}")

    @property
    def accepted_headers(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class KindSpec:
    """One export kind: its warehouse table, natural key and fields."""

    name: str
    table: str
    key: tuple[str, ...]
    fields: tuple[FieldSpec, ...]
    description: str = ""
    extra_targets: tuple[str, ...] = field(default=())  # mapping targets besides fields
    position: int = 100  # where the kind appears in lists (the kind selector, CLI choices)
    # Groups of fields a metric needs, with what stays empty when a file has none of a group
    # ("rating" = any touchpoint rating column); the loader warns before loading such a file.
    metric_groups: tuple[tuple[tuple[str, ...], str], ...] = ()

    def field(self, name: str) -> FieldSpec:
        for spec in self.fields:
            if spec.name == name:
                return spec
        raise KeyError(name)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.required)

    @property
    def date_fields(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.type in ("timestamp", "date"))


_PUNCT = re.compile(r"[\s_\-./:()（）?？#*·、]+")


def header_key(header: str) -> str:
    """Headers compare case-, width- and punctuation-insensitively ("Customer ID" = "customer_id")."""
    text = unicodedata.normalize("NFKC", str(header)).strip().lower()
    return _PUNCT.sub("", text)
