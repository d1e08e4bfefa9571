"""The staging and merge scripts that live beside each export kind, run by the one SQL loader."""

from __future__ import annotations

from pathlib import Path

from warehouse.storage.sqlfiles import SqlFolder

PIPELINES_DIR = Path(__file__).parent
SCRIPTS = SqlFolder(PIPELINES_DIR)
source = SCRIPTS.load
statements = SCRIPTS.statements
run = SCRIPTS.run
