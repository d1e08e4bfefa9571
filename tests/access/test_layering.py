"""Layers stay apart (pipelines → warehouse ← dashboard) and no SQL is built from strings."""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# What the dashboard may import from pipelines: the loader's public face, not its internals.
PIPELINES_PUBLIC = {"pipelines", "pipelines.ingest", "pipelines.profiles", "pipelines.errors"}

# SQL that reads or changes data. "select … from" needs SQL punctuation or a clause after it so
# English ("Select a file from the list") does not count.
SQL = re.compile(
    r"\binsert\s+into\b|\bdelete\s+from\b|\bupdate\s+\w+\s+set\b|\bcreate\s+(or\s+replace\s+)?"
    r"(temp\s+)?(table|view|sequence|index)\b|\bdrop\s+(table|view)\b|\balter\s+table\b"
    r"|\bselect\b[^.;!?]*\bfrom\s+[\w.\"]+\s*(\bwhere\b|\bgroup\s+by\b|\border\s+by\b|\bjoin\b"
    r"|\blimit\b|\bas\b|[,)])|\bselect\s+(\*|count\s*\(|distinct\b|[\w.]+\s*,)|\bwhere\s+\w+\s*(=|<|>|in\b"
    r"|is\b|like\b)",
    re.IGNORECASE,
)


def _files(folder: str) -> list[Path]:
    return sorted(p for p in (ROOT / folder).rglob("*.py") if "__pycache__" not in p.parts)


def _tree(path: Path) -> ast.AST:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _imports(tree: ast.AST) -> list[tuple[int, str]]:
    """Modules imported by statement anywhere (also inside functions) or by import_module("…")."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
            # `from pipelines import demo` imports the submodule pipelines.demo
            found += [(node.lineno, f"{node.module}.{a.name}") for a in node.names
                      if node.module in {"pipelines", "warehouse", "warehouse.storage.db"}]
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in {"import_module", "__import__"} and isinstance(node.args[0].value, str):
                found.append((node.lineno, node.args[0].value))
    return found


def _top(module: str) -> str:
    return module.split(".")[0]


def _rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


def test_there_is_code_to_check():
    assert len(_files("warehouse")) > 5 and len(_files("dashboard")) > 3


def test_warehouse_never_imports_streamlit_or_pipelines():
    bad = [
        f"{_rel(p)}:{line} imports {module}"
        for p in _files("warehouse")
        for line, module in _imports(_tree(p))
        if _top(module) in {"streamlit", "pipelines", "dashboard"}
    ]
    assert not bad, "the warehouse must not depend on the UI or the loaders:\n" + "\n".join(bad)


def test_pipelines_never_imports_the_dashboard():
    bad = [
        f"{_rel(p)}:{line} imports {module}"
        for p in _files("pipelines")
        for line, module in _imports(_tree(p))
        if _top(module) in {"streamlit", "dashboard"}
    ]
    assert not bad, "\n".join(bad)


def test_dashboard_uses_only_the_public_face_of_pipelines_and_no_database_driver():
    bad = []
    for path in _files("dashboard"):
        for line, module in _imports(_tree(path)):
            if _top(module) == "pipelines" and module not in PIPELINES_PUBLIC:
                bad.append(f"{_rel(path)}:{line} imports {module} (public: {sorted(PIPELINES_PUBLIC)})")
            if _top(module) == "duckdb" or module in {"warehouse.storage.sqlfiles", "warehouse.storage.db.connect"}:
                # pages read through typed functions; a raw connection invites SQL
                bad.append(f"{_rel(path)}:{line} imports {module}: read through the warehouse API")
    assert not bad, "\n".join(bad)


def _strings(tree: ast.AST):
    """(line, text) of every string literal and of the literal parts of every f-string."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.lineno, node.value
        elif isinstance(node, ast.JoinedStr):
            parts = [v.value if isinstance(v, ast.Constant) else " x " for v in node.values]
            yield node.lineno, "".join(parts)


def test_dashboard_contains_no_sql():
    bad = [
        f"{_rel(p)}:{line}: {text[:60]!r}"
        for p in _files("dashboard")
        if "locales" not in p.parts  # UI text, not code
        for line, text in _strings(_tree(p))
        if SQL.search(text)
    ]
    assert not bad, "SQL belongs in warehouse/sql/*.sql behind the query API:\n" + "\n".join(bad)


# Every table and chart goes through one helper that puts missing values and dates in the
# reader's words: show_table ("—", not "None") and charts.show (Chinese month names).
SHOWN_THROUGH = {"dataframe": "dashboard/components/table_labels.py",
                 "plotly_chart": "dashboard/components/charts.py"}


def test_tables_and_charts_are_drawn_through_their_one_helper():
    bad = [
        f"{_rel(p)}:{node.lineno}: .{node.func.attr}( — use the helper in {home}"
        for p in _files("dashboard")
        for node in ast.walk(_tree(p))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
        and (home := SHOWN_THROUGH.get(node.func.attr)) and _rel(p) != home
    ]
    assert not bad, "\n".join(bad)


def _built_sql(tree: ast.AST):
    """SQL text assembled at run time: f-strings, % formatting, .format(), + with a non-literal."""
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr) and any(not isinstance(v, ast.Constant) for v in node.values):
            text = "".join(v.value if isinstance(v, ast.Constant) else " x " for v in node.values)
            if SQL.search(text):
                yield node.lineno, "f-string", text
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
            left = node.left
            if isinstance(left, ast.Constant) and isinstance(left.value, str) and SQL.search(left.value):
                yield node.lineno, "% formatting", left.value
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            sides = [node.left, node.right]
            literal = [s.value for s in sides if isinstance(s, ast.Constant) and isinstance(s.value, str)]
            if literal and len(literal) < 2 and any(SQL.search(text) for text in literal):
                yield node.lineno, "+ concatenation", literal[0]
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "format"
            and isinstance(node.func.value, ast.Constant)
            and isinstance(node.func.value.value, str)
            and SQL.search(node.func.value.value)
        ):
            yield node.lineno, ".format()", node.func.value.value


@pytest.mark.parametrize("folder", ["warehouse", "pipelines"])
def test_no_sql_is_built_by_formatting_strings(folder):
    bad = [
        f"{_rel(p)}:{line} builds SQL with {how}: {text[:70]!r}"
        for p in _files(folder)
        for line, how, text in _built_sql(_tree(p))
    ]
    assert not bad, "bind values as $parameters; names come from allow-lists:\n" + "\n".join(bad)


def test_the_checks_catch_what_they_are_meant_to():
    sample = ast.parse(
        "import streamlit\n"
        "from pipelines import demo\n"
        "m = importlib.import_module('pipelines.schema')\n"
        "a = f\"select * from complaints where region = '{r}'\"\n"
        "b = 'select count(*) from %s' % t\n"
        "c = 'delete from {}'.format(t)\n"
        "d = 'insert into t values (' + v\n"
        "e = f'Select a file from {folder}'\n"
        "g = 'Choose one from the list'\n"
    )
    assert {m for _, m in _imports(sample)} >= {"streamlit", "pipelines.demo", "pipelines.schema"}
    assert sorted(how for _, how, _ in _built_sql(sample)) == sorted(
        ["f-string", "% formatting", ".format()", "+ concatenation"])
    assert not SQL.search("Select a file from the list") and not SQL.search("Choose one from it")


def _module_graph() -> dict[str, set[str]]:
    """Project module -> the project modules it imports anywhere (also inside functions)."""
    modules = {}
    for top in ("warehouse", "pipelines", "dashboard"):
        for path in _files(top):
            parts = path.relative_to(ROOT).with_suffix("").parts
            modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        edges = set()
        for _line, target in _imports(_tree(path)):
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name and not name.startswith(target + "."):
                edges.add(target)
        graph[name] = edges
    return graph


def test_no_import_circles():
    graph = _module_graph()
    assert len(graph) > 100
    circles, done = [], set()

    def reach(start: str) -> set[str]:
        seen, todo = set(), [start]
        while todo:
            for nxt in graph[todo.pop()]:
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return seen

    for name in sorted(graph):
        if name in done:
            continue
        ring = {m for m in reach(name) if name in reach(m)}
        if ring:
            done |= ring
            circles.append(sorted(ring))
    assert circles == []


# Where the dashboard may call the warehouse without the wrapper: the wrapper itself, the web
# routes and their gate (requests outside any page run) and the language setting (its own
# short-lived cache, read by every formatted value).
WRAPPER_EXEMPT = ("dashboard/components/data.py", "dashboard/web/", "dashboard/i18n.py")


def _warehouse_names(tree: ast.AST) -> dict[str, object]:
    """Names a dashboard module binds to warehouse modules and functions (the loader in
    pipelines is the dashboard's other door, its own public face)."""
    import importlib

    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0 \
                and _top(node.module) == "warehouse":
            for alias in node.names:
                try:
                    module = importlib.import_module(node.module)
                    names[alias.asname or alias.name] = getattr(module, alias.name)
                except (ImportError, AttributeError):
                    names[alias.asname or alias.name] = importlib.import_module(
                        f"{node.module}.{alias.name}")
    return names


def _direct_warehouse_calls(path: Path) -> list[str]:
    """Calls of a warehouse function that takes `db` (it reads or changes the warehouse) made
    directly instead of handed to the wrapper (data.call / read_now / write / prefetch)."""
    import inspect
    import types

    tree = _tree(path)
    names = _warehouse_names(tree)
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func, target = node.func, None
        if isinstance(func, ast.Name):
            target = names.get(func.id)
        elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            owner = names.get(func.value.id)
            if isinstance(owner, types.ModuleType):
                target = getattr(owner, func.attr, None)
        if not callable(target) or isinstance(target, type):
            continue
        try:
            takes_db = "db" in inspect.signature(target).parameters
        except (TypeError, ValueError):
            continue
        if takes_db:
            found.append(f"{_rel(path)}:{node.lineno} {ast.unparse(func)}(…)")
    return found


def test_pages_reach_the_warehouse_only_through_the_wrapper():
    checked = [p for p in _files("dashboard") if not _rel(p).startswith(WRAPPER_EXEMPT)]
    direct = [hit for path in checked for hit in _direct_warehouse_calls(path)]
    assert direct == [], (
        "these dashboard calls run a warehouse function that reads or writes the warehouse "
        "without dashboard/components/data.py (call for cached reads, read_now for uncached "
        "ones, write for changes): " + "; ".join(direct))


def test_the_wrapper_check_catches_a_direct_call(tmp_path, monkeypatch):
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    page = tmp_path / "page.py"
    page.write_text(
        "from warehouse.alerting import alerts\n"
        "from warehouse.access.permissions import can\n"
        "from dashboard.components import data\n"
        "rows = alerts.list_alerts(viewer=None)\n"        # reads the warehouse: flagged
        "cached = data.call(alerts.list_alerts, viewer=None)\n"  # through the wrapper
        "allowed = can(None, 'acknowledge')\n",           # takes no db: a pure check
        encoding="utf-8")
    assert _direct_warehouse_calls(page) == ["page.py:4 alerts.list_alerts(…)"]
