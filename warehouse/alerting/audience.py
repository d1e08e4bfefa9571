"""Whose data a rule is judged on: the company's, and each department head's scope."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from warehouse.access.scope import SYSTEM, Viewer
from warehouse.storage import sqlfiles

COMPANY = ""  # the audience of alerts about the whole company's data


@dataclass(frozen=True)
class Audience:
    """Whose data a rule is judged on: the whole company, or one department head's scope."""

    channels: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        if not (self.channels or self.regions):
            return COMPANY
        return f"channels={','.join(self.channels)};regions={','.join(self.regions)}"

    @property
    def viewer(self) -> Viewer:
        if self.key == COMPANY:
            return SYSTEM
        return Viewer(f"audience:{self.key}", "dept_head", self.channels, self.regions)


def audience_of(viewer: Viewer) -> str:
    """The audience key of a viewer's own alerts ('' for everyone who sees the whole company)."""
    if not viewer.scoped:
        return COMPANY
    return Audience(viewer.channels, viewer.regions).key


def parse_audience(key: str) -> Audience:
    """The Audience an alert's audience key names ('' = the company)."""
    if not key:
        return Audience()
    parts = dict(p.split("=", 1) for p in key.split(";") if "=" in p)
    return Audience(tuple(v for v in parts.get("channels", "").split(",") if v),
                    tuple(v for v in parts.get("regions", "").split(",") if v))


def audience_viewer(key: str) -> Viewer:
    """Whose rows the series of an alert with audience KEY were read on."""
    return parse_audience(key).viewer


def audiences(con: duckdb.DuckDBPyConnection) -> list[Audience]:
    """The company, then every distinct scope of a department head who has one."""
    found = [Audience()]
    for row in sqlfiles.rows(con, "rules/head_scopes.sql"):
        audience = Audience(tuple(sorted(row["channels"] or ())),
                            tuple(sorted(row["regions"] or ())))
        if audience.key != COMPANY and audience not in found:
            found.append(audience)
    return found


def redundant(audience: Audience, frame: pd.DataFrame) -> pd.DataFrame:
    """A head of one channel (or one region) already sees the company's alert on that channel
    (region): within their audience that scope would be the same alert a second time."""
    for dim, values, other in (("channel", audience.channels, audience.regions),
                               ("region", audience.regions, audience.channels)):
        if len(values) == 1 and not other:
            frame = frame[frame["scope_dim"] != dim]
    return frame
