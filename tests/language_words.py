"""English words on a Chinese page that should not be there: what the zh scans of the browser
(tests/browser/test_chinese_browser.py) and of the tables (tests/dashboard/test_zh_tables.py)
leave out, and the words they count."""

from __future__ import annotations

import re

import duckdb

# Kept as they are in Chinese business writing.
ACRONYMS = {"NPS", "CSAT", "CES", "CSI", "SLA", "CSV", "XLSX", "PDF", "UTC", "AHP", "SPC", "FCR",
            "CR", "MB", "ID", "API", "SMTP", "URL", "CLI", "JSON", "Top", "CNY",
            "I", "II", "III", "IV"}  # response levels
# The language switch names the other language in its own words; the display zone's name.
OWN_NAMES = {"English", "Asia", "Shanghai"}
# Written by Streamlit, which has no Chinese: the skip link for screen readers, a date box's
# placeholder.
STREAMLIT_OWN = {"Skip", "to", "main", "content", "yyyy", "mm", "dd"}
# The data the user loaded: values of these columns are theirs, in whatever language.
DATA_COLUMNS = {
    "complaints": ("channel", "region", "touchpoint", "product", "customer_id", "ticket_id"),
    "survey_responses": ("channel", "region", "touchpoint", "segment", "customer_id",
                         "response_id"),
    "survey_ratings": ("touchpoint",),
    "customers": ("region", "channel", "segment", "customer_id"),
    "benchmarks": ("competitor", "touchpoint", "source"),
    "ops_metrics": ("channel", "region", "product"),
    "users": ("name",),
    "batches": ("file_name",),
}
# The texts people wrote: their words count as data only where a page shows texts or words
# drawn from them.
TEXT_COLUMNS = {"complaints": ("description",), "survey_responses": ("comment",)}
WORD = re.compile(r"[A-Za-z][A-Za-z'-]*[A-Za-z]")  # two letters or more


def allowed_words(db, *, texts: bool = False) -> set[str]:
    """Lower-cased words allowed on a zh page of the warehouse DB (TEXTS: and the words of the
    loaded texts)."""
    words = set(ACRONYMS | OWN_NAMES | STREAMLIT_OWN)
    con = duckdb.connect(str(db), read_only=True)
    try:
        for table, columns in {**DATA_COLUMNS, **(TEXT_COLUMNS if texts else {})}.items():
            for column in columns:
                for (value,) in con.execute(
                        f"select distinct {column} from {table} where {column} is not null"
                ).fetchall():
                    words.update(WORD.findall(str(value)))
    finally:
        con.close()
    return {w.lower() for w in words}


def stray(text: str, allowed: set[str]) -> list[str]:
    """The English words of TEXT outside ALLOWED, sorted."""
    return sorted({w for w in WORD.findall(text) if w.lower() not in allowed})
