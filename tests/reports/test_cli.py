"""`python -m warehouse report`: writes the file, says what it did, and bad input ends in one line."""

from __future__ import annotations

import json

import openpyxl
import pytest

from warehouse.__main__ import main

from .conftest import QUARTER


def run(capsys, *argv: str) -> tuple[int, str]:
    code = main(["report", *argv])
    return code, capsys.readouterr().out.strip()


def test_a_department_heads_xlsx_in_chinese(review_db, tmp_path, capsys):
    out = tmp_path / "east.xlsx"
    code, printed = run(capsys, "--quarter", QUARTER, "--scope-user", "east_head", "--lang", "zh",
                        "--out", str(out), "--db", str(review_db), "--json")
    assert code == 0
    result = json.loads(printed.splitlines()[-1])
    assert (result["format"], result["scope"], result["has_data"]) == ("xlsx", "east_head", True)
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[:3] == ["说明", "执行摘要", "关键指标概览"]
    assert book["关键指标概览"].freeze_panes == "A2"


def test_a_quarter_without_data_still_writes_a_pdf(review_db, tmp_path, capsys):
    out = tmp_path / "empty.pdf"
    code, printed = run(capsys, "--quarter", "2023Q4", "--out", str(out), "--db", str(review_db))
    assert code == 0 and "no data in this quarter" in printed
    assert out.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("argv, message", [
    (["--quarter", "Q3", "--out", "x.pdf"], "YYYYQn"),
    (["--quarter", QUARTER, "--scope-user", "nobody", "--out", "x.pdf"], "No enabled user"),
    (["--quarter", QUARTER, "--format", "pdf", "--out", "x.xlsx"], "does not end in .pdf"),
    (["--quarter", QUARTER, "--out", "/no/such/folder/x.pdf"], "does not exist"),
])
def test_bad_input_ends_in_one_line_saying_what_to_do(review_db, tmp_path, capsys, monkeypatch,
                                                      argv, message):
    monkeypatch.chdir(tmp_path)
    code, printed = run(capsys, *argv, "--db", str(review_db))
    assert code != 0 and message in printed and len(printed.splitlines()) == 1
