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


def test_the_readme_states_each_setting_as_the_options_table_defines_it() -> None:
    """Meaning and default are written once (warehouse/config/settings.py OPTIONS)."""
    from warehouse.config.settings import OPTIONS, readme_default

    for option in OPTIONS:
        row = f"| `{option.env}` | {option.meaning} | {readme_default(option)} |"
        assert row in README, f"README settings row should read: {row}"


def test_every_environment_variable_the_code_reads_is_an_option() -> None:
    code = "\n".join(p.read_text(encoding="utf-8") for folder in ("warehouse", "pipelines", "dashboard")
                     for p in (ROOT / folder).rglob("*.py"))
    read = set(re.findall(r"""environ(?:\.get\(|\[)\s*["'](CXRISK_[A-Z_]+)""", code))
    assert read <= set(ENV_VARS), sorted(read - set(ENV_VARS))


def test_every_metric_is_named_in_the_readme_or_the_glossary() -> None:
    missing = [key for key in METRICS if not (_named(key, README) or _named(key, GLOSSARY))]
    assert missing == []


def test_the_readme_opens_with_the_two_commands() -> None:
    first_block = README.split("```")[1]
    assert first_block.splitlines()[1].startswith("make run ")
    assert first_block.splitlines()[2].startswith("make test ")


def test_every_file_a_recipe_names_exists() -> None:
    """The README's "Where a change goes" recipes name real files (placeholders like <kind> aside)."""
    recipes = README.split("### Where a change goes", 1)[1].split("\n## ", 1)[0]
    named = set(re.findall(r"`((?:pipelines|warehouse|dashboard|tests|bench)/[^`\s]+)`", recipes))
    assert len(named) >= 15
    missing = [path for path in sorted(named)
               if "<" not in path and "NNN" not in path and not (ROOT / path).exists()]
    assert missing == []


def test_every_linked_document_exists() -> None:
    for doc in [ROOT / "README.md", *ROOT.glob("*/README.md"), *ROOT.glob("*/*/README.md")]:
        for link in re.findall(r"\]\(([^)#]+)\)", doc.read_text(encoding="utf-8")):
            if not link.startswith("http"):
                assert (doc.parent / link).exists(), f"{doc.relative_to(ROOT)} links to {link}"


def test_the_code_cites_the_repository_docs_not_an_outside_spec() -> None:
    """Maintainers read warehouse/docs/; a section number of a document outside the repo helps no one."""
    cited = [f"{p.relative_to(ROOT)}" for folder in ("warehouse", "pipelines", "dashboard", "tests", "bench")
             for p in (ROOT / folder).rglob("*") if p.suffix in (".py", ".sql", ".md")
             and "SPEC " + "§" in p.read_text(encoding="utf-8")]
    assert cited == []
