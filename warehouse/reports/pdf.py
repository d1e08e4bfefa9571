"""The PDF: the report's sections as HTML (Jinja2 template) typeset by WeasyPrint."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path
from typing import Any

import jinja2
import pandas as pd

from warehouse.config.known_values import known_value
from warehouse.reports import charts, fmt
from warehouse.reports.content import TOP_RISK_ITEMS, ReportContent, in_language
from warehouse.reports.strings import text
from warehouse.reports.summary import HEADLINE, driver, largest_risks, scope_words

TEMPLATES = Path(__file__).parent / "templates"
MAX_DRIVERS = 3  # per risk item in the PDF (the XLSX lists them all)
_ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES),
                          autoescape=jinja2.select_autoescape(["html", "j2"]),
                          undefined=jinja2.StrictUndefined)


def short_version(token: str) -> str:
    """The data version as eight characters people can compare (the full token is in the XLSX
    and in the kept report's record)."""
    return hashlib.sha256(str(token).encode("utf-8")).hexdigest()[:8]


def _words(value, empty: str = fmt.DASH) -> str:
    """Text of a stored value; EMPTY when it is missing (None or NaN from a frame)."""
    return empty if fmt.missing(value) or str(value).strip() == "" else str(value)


def _image(data: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii")


def _tone(row: dict[str, Any], delta_key: str) -> str:
    """'good'/'bad' colour of a change ('' when neutral or unknown)."""
    delta, higher = row[delta_key], row["higher_is_better"]
    if delta is None or higher is None or delta == 0:
        return ""
    return "good" if (delta > 0) == higher else "bad"


def kpi_view(content: ReportContent, lang: str, label) -> list[dict[str, str]]:
    return [{
        "label": label(r["metric"]),
        "value": fmt.kpi(r["metric"], r["value"], lang),
        "previous": fmt.kpi(r["metric"], r["previous"], lang),
        "delta_previous": fmt.kpi_delta(r["metric"], r["delta_previous"], lang),
        "tone_previous": _tone(r, "delta_previous"),
        "year_ago": fmt.kpi(r["metric"], r["year_ago"], lang),
        "delta_year_ago": fmt.kpi_delta(r["metric"], r["delta_year_ago"], lang),
        "tone_year_ago": _tone(r, "delta_year_ago"),
    } for r in content.kpis]


def risk_view(content: ReportContent, lang: str) -> list[dict[str, Any]]:
    rows = []
    for rank, item in enumerate(content.risk.head(TOP_RISK_ITEMS).itertuples(), start=1):
        drivers = list(item.drivers) if item.drivers is not None else []
        rows.append({
            "rank": rank, "label": item.label, "type": text(lang, f"type.{item.item_type}"),
            "probability": fmt.share(item.probability), "impact": fmt.number(item.impact, 1),
            "score": fmt.number(item.score, 2),
            "quadrant": text(lang, f"quadrant.{item.quadrant}"),
            "affected": fmt.number(item.affected_customers, 0),
            "drivers": [driver(d, lang) for d in drivers[:MAX_DRIVERS]],
            "owner": _words(item.owner),
            "status": text(lang, f"mitigation.{item.status}") if item.status else fmt.DASH,
        })
    return rows


def alert_view(content: ReportContent, lang: str, zone: str) -> list[dict[str, Any]]:
    rows = []
    for a in content.alerts.itertuples():
        if a.ack_within_clock is None:
            ack_ok = text(lang, "not_acknowledged")
        else:
            ack_ok = text(lang, "yes" if a.ack_within_clock else "no")
        rows.append({
            "id": a.id, "rule": a.rule_name_zh if lang == "zh" else a.rule_name_en,
            "scope": scope_words(a.scope, lang), "level": text(lang, f"level.{a.level}"),
            "level_key": a.level,
            "response": f"{a.response_level} · {text(lang, f'lead.{a.response_level}')}",
            "opened": fmt.moment(a.opened_at, zone, lang),
            "clock": fmt.duration(a.clock_hours, lang),
            "ack": fmt.duration(a.ack_hours, lang), "ack_ok": ack_ok,
            "resolved": fmt.duration(a.resolve_hours, lang) if pd.notna(a.resolved_at)
            else text(lang, "still_open"),
            "recovered": fmt.DASH if a.recovered is None else text(lang, "yes" if a.recovered
                                                                   else "no"),
        })
    return rows


def alert_stats(content: ReportContent, lang: str) -> str:
    alerts = content.alerts
    resolved = alerts[alerts["resolved_at"].notna()]
    met = int(sum(1 for v in alerts["ack_within_clock"] if v is True))
    median = resolved["resolve_hours"].median() if not resolved.empty else None
    recovered = int(sum(1 for v in resolved["recovered"] if v is True))
    return text(lang, "alerts.stats", n=len(alerts), met=met, resolved=len(resolved),
                median=fmt.duration(median, lang), recovered=recovered)


def benchmark_view(content: ReportContent, lang: str, label) -> list[dict[str, Any]]:
    return [{
        "metric": label(r.metric), "touchpoint": r.touchpoint or text(lang, "b.overall"),
        "ours": fmt.number(r.ours, 1), "best": _words(r.best),
        "best_value": fmt.number(r.best_value, 1), "gap_best": fmt.signed(r.gap_best, 1),
        "industry": fmt.number(r.industry, 1), "gap_industry": fmt.signed(r.gap_industry, 1),
        "band": (f"{fmt.number(r.band_low, 1)} – {fmt.number(r.band_high, 1)}"
                 if not fmt.missing(r.band_low) else fmt.DASH),
        "weak": bool(r.gap_best is not None and not fmt.missing(r.gap_best) and r.gap_best < -15),
    } for r in content.benchmarks.itertuples()]


def weakness_view(content: ReportContent, lang: str, label) -> list[dict[str, Any]]:
    return [{
        "metric": label(r.metric), "touchpoint": r.touchpoint or text(lang, "b.overall"),
        "competitor": r.competitor, "ours": fmt.number(r.ours, 1),
        "theirs": fmt.number(r.theirs, 1), "gap": fmt.signed(r.gap_pct, 1),
    } for r in content.weaknesses.itertuples()]


def pareto_view(content: ReportContent) -> list[dict[str, Any]]:
    return [{"category": r.category, "complaints": fmt.number(r.complaints, 0),
             "share": fmt.number(r.share_pct, 1), "cumulative": fmt.number(r.cumulative_pct, 1),
             "vital": bool(r.vital_few)} for r in content.pareto.itertuples()]


def improvement_view(content: ReportContent, lang: str) -> list[dict[str, Any]]:
    rows = []
    for r in content.improvements.itertuples():
        rows.append({
            "title": r.title, "source": text(lang, f"source.{r.source_kind}"),
            "window": f"{fmt.day(r.window_start, lang)} – {fmt.day(r.window_end, lang)}",
            "affected": fmt.number(r.affected_customers, 0),
            "complaints": fmt.number(r.complaints, 0),
            "gain": fmt.number(r.expected_gain, 1), "owner": _words(r.owner),
            "due": fmt.day(r.due_date, lang), "status": text(lang, f"status.{r.status}"),
            "overdue": bool(r.overdue), "note": _words(r.note, ""),
        })
    return rows


def scope_text(content: ReportContent, lang: str) -> str:
    viewer = content.viewer
    if not viewer.scoped:
        return text(lang, "scope.company")
    parts = []
    if viewer.channels:
        parts.append(text(lang, "scope.channels",
                          values=", ".join(known_value("channel", c, lang) for c in viewer.channels)))
    if viewer.regions:
        parts.append(text(lang, "scope.regions",
                          values=", ".join(known_value("region", r, lang) for r in viewer.regions)))
    joined = ("; " if lang == "en" else "；").join(parts) or text(lang, "scope.none")
    return text(lang, "scope.user", name=viewer.name, parts=joined)


def context(content: ReportContent, lang: str, zone: str, label,
            timings: dict[str, float]) -> dict[str, Any]:
    """Everything the template shows, as text in LANG (charts as PNG data URLs)."""
    import time

    content = in_language(content, lang)
    q = content.quarter
    ctx: dict[str, Any] = {
        "lang": lang, "t": lambda key, **kw: text(lang, key, **kw),
        "quarter": str(q),
        "period": text(lang, "period", quarter=str(q), start=fmt.day(q.start, lang),
                       end=fmt.day(q.end, lang)),
        "scope": scope_text(content, lang),
        "generated": text(lang, "generated", at=fmt.moment(content.generated_at, zone, lang),
                          zone=zone, version=short_version(content.data_version),
                          as_of=fmt.moment(content.data_as_of, zone, lang)),
        "has_data": content.has_data, "version": short_version(content.data_version), "zone": zone,
    }
    if not content.has_data:
        return ctx
    kpis = kpi_view(content, lang, label)
    ctx["headline"] = [row for row, r in zip(kpis, content.kpis) if r["metric"] in HEADLINE]
    ctx["kpis"] = kpis
    basis = content.kpi("complaint_rate_per_1000")["basis"]
    ctx["kpi_note"] = text(lang, "kpi.note", basis=text(lang, f"basis.{basis}")
                           if basis else fmt.DASH)
    ctx["previous_q"], ctx["year_q"] = str(q.previous()), str(q.year_before())
    ctx["risks"] = largest_risks(content, lang, zone, label)
    alerts = content.alerts
    ctx["alert_line"] = text(lang, "sum.alerts", n=len(alerts),
                             red=int((alerts["level"] == "red").sum()) if len(alerts) else 0,
                             open=int(alerts["resolved_at"].isna().sum()) if len(alerts) else 0)
    items = content.improvements
    open_items = items[~items["status"].isin(("done", "dropped"))] if len(items) else items
    ctx["improvement_line"] = text(lang, "sum.improvements", n=len(open_items),
                                   overdue=int(open_items["overdue"].sum()) if len(items) else 0)
    pareto = content.pareto
    if not pareto.empty:
        vital = int(pareto["vital_few"].sum())
        ctx["pareto_line"] = text(lang, "sum.vital", n=vital, total=len(pareto),
                                  top=pareto["category"].iloc[0],
                                  share=fmt.number(pareto["share_pct"].iloc[0], 0))
        ctx["pareto_caption"] = text(lang, "p.caption", n=vital, total=len(pareto),
                                     count=fmt.number(pareto["complaints"].sum(), 0))
    began = time.perf_counter()
    labels = {key: label(key) for key in ("csi", "nps", "csat_pct")}
    ctx["trend_png"] = _image(charts.trend(content.trend, q, lang, labels)) \
        if not content.trend.dropna(subset=["value"]).empty else None
    ctx["risk_png"] = _image(charts.risk_grid(content.risk, TOP_RISK_ITEMS, lang)) \
        if not content.risk.empty else None
    ctx["alerts_png"] = _image(charts.alert_timeline(alerts, q, lang)) if len(alerts) else None
    ctx["bench_png"] = _image(charts.benchmark_gaps(content.benchmarks, lang, label)) \
        if content.benchmarks["gap_best"].notna().any() else None
    ctx["pareto_png"] = _image(charts.pareto(pareto, lang)) if not pareto.empty else None
    timings["charts"] = timings.get("charts", 0.0) + time.perf_counter() - began
    ctx["risk_top"] = text(lang, "risk.top", n=min(TOP_RISK_ITEMS, len(content.risk)))
    ctx["risk_rows"] = risk_view(content, lang)
    ctx["alert_rows"] = alert_view(content, lang, zone)
    ctx["alert_stats"] = alert_stats(content, lang) if len(alerts) else ""
    ctx["bench_rows"] = benchmark_view(content, lang, label)
    ctx["weak_rows"] = weakness_view(content, lang, label)
    ctx["pareto_rows"] = pareto_view(content)
    ctx["item_rows"] = improvement_view(content, lang)
    return ctx


def render(content: ReportContent, lang: str, zone: str, label,
           timings: dict[str, float]) -> bytes:
    """The PDF of CONTENT in LANG, times shown in ZONE."""
    import time

    from weasyprint import HTML

    ctx = context(content, lang, zone, label, timings)
    html = _ENV.get_template("report.html.j2").render(**ctx)
    began = time.perf_counter()
    pdf = HTML(string=html, base_url=str(TEMPLATES)).write_pdf()
    timings["pdf"] = timings.get("pdf", 0.0) + time.perf_counter() - began
    return pdf
