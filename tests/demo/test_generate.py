"""generate_demo with the loader stubbed: load order, if_empty on an empty warehouse, undo."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

import pipelines.ingest
from pipelines.demo import generate_demo

END = date(2026, 6, 30)


@dataclass
class _Result:
    batch_id: int
    kind: str

    def as_dict(self) -> dict:
        return {"batch_id": self.batch_id, "kind": self.kind}


@pytest.fixture
def loader(monkeypatch):
    calls: dict[str, list] = {"ingest": [], "undo": [], "fail_on": None}

    def ingest_file(kind, path, *, db=None, user="cli", file_name=None, progress=None, **_):
        if kind == calls["fail_on"]:
            raise RuntimeError("disk full")
        calls["ingest"].append((kind, path.name, user, file_name, path.exists()))
        return _Result(len(calls["ingest"]), kind)

    def undo_batch(batch_id, *, db=None, user="cli"):
        calls["undo"].append((batch_id, user))
        return {}

    monkeypatch.setattr(pipelines.ingest, "ingest_file", ingest_file)
    monkeypatch.setattr(pipelines.ingest, "undo_batch", undo_batch)
    return calls


def test_an_empty_warehouse_gets_every_export_in_order(loader, tmp_db, tmp_path):
    summary = generate_demo(db=tmp_db, end=END, if_empty=True, files_dir=tmp_path / "files")
    assert summary["status"] == "loaded"
    assert [c[0] for c in loader["ingest"]] == ["crm", "survey", "complaints", "benchmarks", "ops"]
    assert all(user == "demo" and name == file_name and exists
               for _, name, user, file_name, exists in loader["ingest"])
    assert summary["batches"] == {"crm": 1, "survey": 2, "complaints": 3, "benchmarks": 4,
                                  "ops": 5}
    assert summary["start"] == "2025-07-01" and summary["end"] == "2026-06-30"
    assert [i["key"] for i in summary["incidents"]] == [
        "delivery_breakdown", "app_release_bug", "refund_degradation", "competitor_ahead"]
    assert sorted(p.name for p in (tmp_path / "files").iterdir()) == [
        "benchmarks.xlsx", "complaint_tickets.csv", "crm_customers.csv", "ops_metrics.csv",
        "survey_responses.csv"]


def test_a_failed_load_takes_back_the_files_already_loaded(loader, tmp_db):
    loader["fail_on"] = "complaints"
    with pytest.raises(RuntimeError, match="disk full"):
        generate_demo(db=tmp_db, end=END)
    assert loader["undo"] == [(2, "demo"), (1, "demo")]


def test_progress_only_moves_forward(loader, tmp_db):
    seen = []
    generate_demo(db=tmp_db, end=END, progress=lambda share, message: seen.append(share))
    assert seen[0] == 0.0 and seen[-1] == 1.0
    assert seen == sorted(seen)
