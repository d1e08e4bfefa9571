"""A realistic demo year with scripted incidents, loaded through the real loader."""

from pipelines.demo.generate import generate_demo
from pipelines.demo.incidents import incidents
from pipelines.demo.tables import build_tables

__all__ = ["build_tables", "generate_demo", "incidents"]
