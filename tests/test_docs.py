"""The README documents every environment variable; every metric is named in the README or glossary."""

from __future__ import annotations

import re
from pathlib import Path

from warehouse.config.settings import ENV_VARS
from warehouse.kpi.metrics import METRICS

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
GLOSSARY = (ROOT / "warehouse" / "docs" / "metrics.md").read_text(encoding="utf-8")


def _named(key: str, text: str) -> bool:
    # A whole identifier, so `ces` is not found inside "services".
    return re.search(rf"(?<![A-Za-z0-9_]){re.escape(key)}(?![A-Za-z0-9_])", text) is not None


def test_every_environment_variable_is_in_the_readme_settings_table() -> None:
    rows = {m.group(1) for m in re.finditer(r"^\| `(CXRISK_[A-Z_]+)` \|", README, re.MULTILINE)}
    assert sorted(set(ENV_VARS) - rows) == []
    assert sorted(rows - set(ENV_VARS)) == []  # no documented variable the code does not read


def test_every_metric_is_named_in_the_readme_or_the_glossary() -> None:
    missing = [key for key in METRICS if not (_named(key, README) or _named(key, GLOSSARY))]
    assert missing == []


def test_the_readme_opens_with_the_two_commands() -> None:
    first_block = README.split("```")[1]
    assert first_block.splitlines()[1].startswith("make run ")
    assert first_block.splitlines()[2].startswith("make test ")
