"""The XLSX: one sheet per section, real numbers and dates, frozen headers, sized columns."""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pandas as pd
import xlsxwriter

from warehouse.reports import fmt
from warehouse.reports.content import ReportContent
from warehouse.reports.strings import text
from warehouse.reports.summary import driver, largest_risks, scope_words

MAX_WIDTH = 60


@dataclass(frozen=True)
class Column:
    header: str
    key: str
    kind: str = "text"  # text | int | num | num2 | date | datetime | bool


def _width(value: Any) -> int:
    """Display width: a CJK character takes two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in str(value))


class Book:
    def __init__(self) -> None:
        self.buffer = io.BytesIO()
        # text stays text: "=…" is never a formula and "http…" never a link
        self.book = xlsxwriter.Workbook(self.buffer, {
            "in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
            "default_date_format": "yyyy-mm-dd"})
        self.formats = {
            "header": self.book.add_format({"bold": True, "bg_color": "#E8EEF5",
                                            "bottom": 1, "text_wrap": True, "valign": "top"}),
            "int": self.book.add_format({"num_format": "#,##0"}),
            "num": self.book.add_format({"num_format": "#,##0.0"}),
            "num2": self.book.add_format({"num_format": "#,##0.00"}),
            "date": self.book.add_format({"num_format": "yyyy-mm-dd"}),
            "datetime": self.book.add_format({"num_format": "yyyy-mm-dd hh:mm"}),
            "text": self.book.add_format({"valign": "top"}),
            "bool": self.book.add_format({"align": "center"}),
        }
        self.names: set[str] = set()

    def sheet(self, name: str, columns: list[Column], rows: list[dict[str, Any]]) -> None:
        """A sheet with a header row (frozen, filterable) and one row per record."""
        name = name[:31]
        self.names.add(name)
        ws = self.book.add_worksheet(name)
        widths = [max(8, min(MAX_WIDTH, _width(c.header) + 2)) for c in columns]
        for j, column in enumerate(columns):
            ws.write_string(0, j, column.header, self.formats["header"])
        for i, row in enumerate(rows, start=1):
            for j, column in enumerate(columns):
                value = row.get(column.key)
                widths[j] = max(widths[j], min(MAX_WIDTH, self._write(ws, i, j, column, value)))
        for j, width in enumerate(widths):
            ws.set_column(j, j, width)
        ws.freeze_panes(1, 0)
        if rows:
            ws.autofilter(0, 0, len(rows), len(columns) - 1)

    def _write(self, ws, i: int, j: int, column: Column, value: Any) -> int:
        """Write one cell in its kind; returns the width it needs."""
        style = self.formats.get(column.kind, self.formats["text"])
        if fmt.missing(value) if not isinstance(value, (list, tuple)) else False:
            ws.write_blank(i, j, None, style)
            return 0
        if column.kind in ("int", "num", "num2"):
            number = float(value)
            ws.write_number(i, j, int(number) if column.kind == "int" else number, style)
            return len(f"{number:,.2f}") + 2
        if column.kind == "bool":
            ws.write_boolean(i, j, bool(value), style)
            return 6
        if column.kind in ("date", "datetime"):
            moment = pd.Timestamp(value).to_pydatetime()
            if column.kind == "date":
                moment = datetime.combine(moment.date() if isinstance(moment, datetime)
                                          else moment, datetime.min.time())
            ws.write_datetime(i, j, moment.replace(tzinfo=None), style)
            return 12 if column.kind == "date" else 17
        shown = "; ".join(map(str, value)) if isinstance(value, (list, tuple)) else str(value)
        ws.write_string(i, j, shown, style)
        return _width(shown) + 2

    def close(self) -> bytes:
        self.book.close()
        return self.buffer.getvalue()


def _about(content: ReportContent, lang: str, scope: str) -> list[dict[str, Any]]:
    q = content.quarter
    rows = [
        {"key": text(lang, "x.quarter"), "value": str(q)},
        {"key": "start", "value": q.start.isoformat()},
        {"key": "end", "value": q.end.isoformat()},
        {"key": text(lang, "x.scope"), "value": scope},
        {"key": text(lang, "x.generated"), "value": f"{content.generated_at:%Y-%m-%d %H:%M:%S}"},
        {"key": text(lang, "x.version"), "value": content.data_version},
        {"key": text(lang, "x.as_of"),
         "value": f"{content.data_as_of:%Y-%m-%d %H:%M:%S}" if content.data_as_of else fmt.DASH},
        {"key": text(lang, "x.lang"), "value": lang},
    ]
    if not content.has_data:
        rows.append({"key": text(lang, "x.summary"), "value": text(lang, "no_data", quarter=str(q))})
    return rows


def render(content: ReportContent, lang: str, zone: str, label, scope: str) -> bytes:
    """The XLSX of CONTENT in LANG (times are UTC, as stored; the About sheet says so)."""
    t = lambda key, **kw: text(lang, key, **kw)
    book = Book()
    book.sheet(t("x.about"), [Column(t("x.key"), "key"), Column(t("x.value"), "value")],
               _about(content, lang, scope))
    if not content.has_data:
        return book.close()
    q = content.quarter
    summary = [{"n": i, "line": s} for i, s in
               enumerate(largest_risks(content, lang, zone, label), start=1)]
    book.sheet(t("s.summary"), [Column("#", "n", "int"), Column(t("x.line"), "line")], summary)

    kpis = [{**r, "label": label(r["metric"])} for r in content.kpis]
    book.sheet(t("s.kpis"), [
        Column(t("kpi.metric"), "label"), Column(t("x.metric_key"), "metric"),
        Column(str(q), "value", "num2"),
        Column(t("kpi.previous", quarter=str(q.previous())), "previous", "num2"),
        Column(t("kpi.delta"), "delta_previous", "num2"),
        Column(t("kpi.year_ago", quarter=str(q.year_before())), "year_ago", "num2"),
        Column(t("kpi.delta") + " ", "delta_year_ago", "num2"),
        Column("basis", "basis")], kpis)

    trend = content.trend.dropna(subset=["value"])
    book.sheet(t("kpi.trend")[:31] if lang == "en" else "月度走势", [
        Column(t("kpi.metric"), "label"), Column(t("chart.month"), "period", "date"),
        Column(t("x.value"), "value", "num2")],
        [{**r, "label": label(r["metric"])} for r in trend.to_dict("records")])

    risk = [{**r, "rank": i, "type": t(f"type.{r['item_type']}"),
             "quadrant_label": t(f"quadrant.{r['quadrant']}"),
             "probability_pct": 100.0 * r["probability"],
             "drivers_text": [driver(d, lang) for d in (r["drivers"] or [])],
             "status_label": t(f"mitigation.{r['status']}") if r.get("status") else None}
            for i, r in enumerate(content.risk.to_dict("records"), start=1)]
    book.sheet(t("s.risk"), [
        Column(t("risk.rank"), "rank", "int"), Column(t("risk.label"), "label"),
        Column(t("risk.type"), "type"), Column("item_id", "item_id"),
        Column(t("risk.probability") + " %", "probability_pct", "num2"),
        Column(t("risk.impact"), "impact", "num2"), Column(t("risk.score"), "score", "num2"),
        Column(t("risk.quadrant"), "quadrant_label"), Column("row", "row", "int"),
        Column("col", "col", "int"), Column(t("risk.affected"), "affected_customers", "int"),
        Column("n", "n", "int"), Column(t("risk.drivers"), "drivers_text"),
        Column(t("risk.owner"), "owner"), Column(t("risk.status"), "status_label")], risk)

    alerts = [{**a, "rule_name": a["rule_name_zh"] if lang == "zh" else a["rule_name_en"],
               "scope_text": scope_words(a["scope"], lang), "level_label": t(f"level.{a['level']}"),
               "state_label": t(f"state.{a['state']}"), "lead": t(f"lead.{a['response_level']}")}
              for a in content.alerts.to_dict("records")]
    book.sheet(t("s.alerts"), [
        Column(t("a.id"), "id", "int"), Column(t("a.rule"), "rule_name"), Column("rule", "rule"),
        Column(t("a.scope"), "scope_text"), Column(t("a.level"), "level_label"),
        Column(t("a.state"), "state_label"), Column(t("a.response"), "response_level"),
        Column("lead", "lead"), Column(t("x.opened_utc"), "opened_at", "datetime"),
        Column(t("x.due_utc"), "due_at", "datetime"),
        Column(t("x.clock_hours"), "clock_hours", "num2"),
        Column(t("x.ack_utc"), "acknowledged_at", "datetime"),
        Column(t("x.ack_hours"), "ack_hours", "num2"),
        Column(t("a.ack_ok"), "ack_within_clock", "bool"),
        Column(t("x.resolved_utc"), "resolved_at", "datetime"),
        Column(t("x.resolve_hours"), "resolve_hours", "num2"),
        Column(t("a.recovered"), "recovered", "bool"), Column("value", "value", "num2"),
        Column("limit", "limit", "num2")], alerts)

    bench = [{**b, "metric_label": label(b["metric"]),
              "touchpoint_text": b["touchpoint"] or t("b.overall")}
             for b in content.benchmarks.to_dict("records")]
    book.sheet(t("s.benchmarks"), [
        Column(t("b.metric"), "metric_label"), Column(t("b.touchpoint"), "touchpoint_text"),
        Column(t("b.ours"), "ours", "num2"), Column(t("b.best"), "best"),
        Column(t("b.best_value"), "best_value", "num2"), Column(t("b.gap_best"), "gap_best", "num2"),
        Column(t("b.industry"), "industry", "num2"),
        Column(t("b.gap_industry"), "gap_industry", "num2"),
        Column(t("x.band_low"), "band_low", "num2"), Column(t("x.band_high"), "band_high", "num2"),
        Column(t("x.weakness"), "weakness", "bool")], bench)

    weak = [{**w, "metric_label": label(w["metric"]),
             "touchpoint_text": w["touchpoint"] or t("b.overall")}
            for w in content.weaknesses.to_dict("records")]
    book.sheet(t("s.weaknesses")[:31] if lang == "en" else "战略短板", [
        Column(t("b.metric"), "metric_label"), Column(t("b.touchpoint"), "touchpoint_text"),
        Column(t("b.competitor"), "competitor"), Column(t("b.ours"), "ours", "num2"),
        Column(t("b.theirs"), "theirs", "num2"), Column(t("b.gap"), "gap_pct", "num2")], weak)

    book.sheet(t("s.pareto")[:31] if lang == "en" else "投诉帕累托", [
        Column(t("p.category"), "category"), Column(t("p.complaints"), "complaints", "int"),
        Column(t("p.share"), "share_pct", "num2"),
        Column(t("p.cumulative"), "cumulative_pct", "num2"),
        Column(t("p.vital"), "vital_few", "bool")], content.pareto.to_dict("records"))

    items = [{**i, "source": t(f"source.{i['source_kind']}"), "status_label": t(f"status.{i['status']}")}
             for i in content.improvements.to_dict("records")]
    book.sheet(t("s.improvements"), [
        Column("ID", "item_id", "int"), Column(t("i.title"), "title"),
        Column(t("i.source"), "source"), Column("source_ref", "source_ref"),
        Column(t("x.window_start"), "window_start", "date"),
        Column(t("x.window_end"), "window_end", "date"),
        Column(t("i.affected"), "affected_customers", "int"),
        Column(t("i.complaints"), "complaints", "int"),
        Column(t("x.gain_computed"), "gain_computed", "num2"),
        Column(t("i.gain"), "expected_gain", "num2"), Column(t("i.owner"), "owner"),
        Column(t("i.due"), "due_date", "date"), Column(t("i.status"), "status_label"),
        Column(t("x.overdue"), "overdue", "bool"), Column(t("i.note"), "note")], items)
    return book.close()


