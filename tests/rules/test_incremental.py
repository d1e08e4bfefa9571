"""After a load the monitor reads only the periods the new rows touch: its alerts, their history,
the watermarks and the evaluation log are exactly those of a full evaluation of a copy of the
same warehouse that reads every period again."""

from __future__ import annotations

import shutil
from datetime import date, datetime, timedelta
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from pipelines.__main__ import main as pipelines_main
from warehouse.alerting import evaluation, incremental, monitor
from warehouse.alerting.rule_series import SOURCES, load_series
from warehouse.alerting.rules import load_rules
from warehouse.storage.db import connect
from warehouse.storage.readers import close_cached_readers

HEADER = ("ticket_id,created_at,customer_id,product,channel,region,touchpoint,category,severity,"
          "status,first_response_at,resolved_at,description")


def _row(key: str, at: datetime, product: str, i: int) -> str:
    answered = at + timedelta(minutes=20 + 13 * (i % 9))
    resolved = at + timedelta(hours=2 + i % 30)
    return (f"{key},{at:%Y-%m-%dT%H:%M:%S}+00:00,C{i % 37},{product},"
            f"{['App', 'Phone', 'Web'][i % 3]},{['East', 'West', 'North'][i % 3]},delivery,"
            f"{['late parcel', 'refund'][i % 2]},{['high', 'low', 'urgent'][i % 3]},closed,"
            f"{answered:%Y-%m-%dT%H:%M:%S}+00:00,{resolved:%Y-%m-%dT%H:%M:%S}+00:00,text {i}")


def _file(folder: Path, name: str, per_day: dict[tuple[date, str], int],
          extra: list[str] = ()) -> Path:
    lines, i = [HEADER, *extra], 0
    for (day, product), n in per_day.items():
        for k in range(n):
            at = datetime.combine(day, datetime.min.time()) + timedelta(minutes=30 + 41 * k)
            lines.append(_row(f"{name}-{day:%m%d}-{product}-{k}", at, product, i))
            i += 1
    path = folder / f"{name}.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _load(db, path: Path) -> None:
    close_cached_readers()
    assert pipelines_main(["ingest", "complaints", str(path), "--db", str(db), "--no-evaluate",
                           "--json"]) == 0
    close_cached_readers()


def _state(db) -> tuple:
    close_cached_readers()
    con = duckdb.connect(str(db), read_only=True)
    try:
        return (
            con.execute("select * exclude (created_at) from alerts order by alert_id").fetchall(),
            con.execute("select * exclude (recorded_at) from alert_events "
                        "order by event_id").fetchall(),
            con.execute("select * from rule_watermarks order by rule_id").fetchall(),
            con.execute("select * exclude (eval_id, evaluated_at) from rule_evaluations "
                        "order by eval_id").fetchall(),
        )
    finally:
        con.close()


@pytest.fixture
def reads_made(monkeypatch) -> list:
    made = []

    class Spy(incremental.Reads):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            made.append(self)

    monkeypatch.setattr(evaluation.incremental, "Reads", Spy)
    incremental.forget()
    yield made
    incremental.forget()


def test_a_cycle_after_a_load_equals_a_full_evaluation_of_the_same_data(tmp_path, tmp_db,
                                                                        reads_made):
    first_day = date(2026, 3, 2)
    history = {}
    for d in range(56):  # eight weeks, two products, a yellow day and a red one in them
        day = first_day + timedelta(days=d)
        history[(day, "Router")] = 2 + d % 3 + (6 if d == 20 else 0) + (21 if d == 33 else 0)
        history[(day, "Kettle")] = 1 + d % 2
    _load(tmp_db, _file(tmp_path, "H", history))
    first = monitor.cycle(tmp_db, now=datetime(2026, 4, 27, 0, 30))
    assert first["errors"] == [] and first["opened"] >= 1

    # late rows for a judged day (20 April), a new week with a burst about one product, and a
    # ticket of 10 March sent again with a later time (its before-image is in an old period)
    late = {(date(2026, 4, 20), "Kettle"): 24}
    week = {(date(2026, 4, 27) + timedelta(days=d), p): 3 for d in range(7)
            for p in ("Router", "Kettle")}
    week[(date(2026, 5, 2), "Kettle")] = 30
    moved = [_row("H-0310-Router-0", datetime(2026, 4, 28, 9), "Router", 5)]
    _load(tmp_db, _file(tmp_path, "N", {**late, **week}, extra=moved))
    oracle = tmp_path / "oracle.duckdb"
    shutil.copy(tmp_db, oracle)

    now = datetime(2026, 5, 4, 0, 30)
    after = monitor.cycle(tmp_db, now=now)
    assert after["errors"] == []
    kept = reads_made[-1]
    assert kept.partial > 0 and kept.full == 0  # the load's periods only, nothing in full
    # every series the rules read is row for row what reading every period gives (the moved
    # ticket's old period included)
    close_cached_readers()
    with connect(tmp_db) as con:
        again = incremental.Reads(tmp_db, evaluation.sources_now(con), keep=True)
        for rule in load_rules(con, enabled_only=True):
            if "complaints" in SOURCES[rule.metric]:
                pd.testing.assert_frame_equal(load_series(again.wrap(con), rule),
                                              load_series(con, rule), check_exact=True)
    assert again.reused > 0 and again.full == again.partial == 0

    incremental.forget()
    full = evaluation.evaluate(oracle, now=now, user="monitor", log_unchanged=False,
                               upgrade=False)
    assert full["errors"] == [] and reads_made[-1].full > 0 and reads_made[-1].partial == 0
    assert (after["opened"], after["escalated"], after["resolved"]) == (
        full["opened"], full["escalated"], full["resolved"])
    assert after["opened"] >= 1  # the burst and the late day are judged, not skipped
    assert _state(tmp_db) == _state(oracle)


def test_an_undo_reads_everything_again(tmp_path, tmp_db, reads_made):
    days = {(date(2026, 3, 2) + timedelta(days=d), "Router"): 2 for d in range(14)}
    _load(tmp_db, _file(tmp_path, "A", days))
    monitor.cycle(tmp_db, now=datetime(2026, 3, 16, 1))
    _load(tmp_db, _file(tmp_path, "B", {(date(2026, 3, 16), "Router"): 30}))
    close_cached_readers()
    con = duckdb.connect(str(tmp_db), read_only=True)
    batch = con.execute("select max(batch_id) from batches").fetchone()[0]
    con.close()
    monitor.cycle(tmp_db, now=datetime(2026, 3, 17, 1))
    assert reads_made[-1].partial > 0
    assert pipelines_main(["undo", str(batch), "--db", str(tmp_db)]) == 0
    oracle = tmp_path / "oracle.duckdb"
    shutil.copy(tmp_db, oracle)
    now = datetime(2026, 3, 17, 2)
    monitor.cycle(tmp_db, now=now)
    assert reads_made[-1].partial == 0 and reads_made[-1].full > 0
    incremental.forget()
    evaluation.evaluate(oracle, now=now, user="monitor", log_unchanged=False, upgrade=False)
    assert _state(tmp_db) == _state(oracle)
