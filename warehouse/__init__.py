"""The warehouse: DuckDB storage, SQL models and the typed query API every page reads through."""

from __future__ import annotations

from warehouse.api import kpis

__all__ = ["kpis"]
