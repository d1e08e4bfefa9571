"""The executive summary: the three largest risks of the quarter in plain words, from the data."""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd

from warehouse.config.known_values import known_value
from warehouse.reports import fmt
from warehouse.reports.content import ReportContent
from warehouse.reports.strings import DRIVER_PATTERNS_ZH, text

RESPONSE_RANK = {"I": 4, "II": 3, "III": 2, "IV": 1}
LEVEL_RANK = {"red": 2, "yellow": 1}
HEADLINE = ("csi", "nps", "csat_pct", "complaints", "complaint_rate_per_1000",
            "sla_first_response_pct")


def driver(phrase: str, lang: str) -> str:
    """A risk-matrix driver phrase in the report's language (as written when no pattern fits)."""
    if lang != "zh":
        return phrase
    for pattern, template in DRIVER_PATTERNS_ZH:
        match = re.match(pattern, phrase)
        if match:
            return template.format(*match.groups())
    return phrase


def scope_words(scope: str, lang: str) -> str:
    """An alert scope ('region=East · …', 'all') with its dimension in words."""
    if scope == "all":
        return text(lang, "dim.all")
    head, sep, rest = scope.partition(" · ")
    dim, eq, value = head.partition("=")
    if eq and f"dim.{dim}" in _DIMS:
        value = known_value(dim, value, lang)
        head = f"{text(lang, f'dim.{dim}')} {value}" if lang == "en" else \
            f"{text(lang, f'dim.{dim}')}：{value}"
    return head + (sep + rest if sep else "")


_DIMS = {"dim.channel", "dim.region", "dim.product", "dim.touchpoint"}


def _severest_alerts(alerts: pd.DataFrame) -> pd.DataFrame:
    """Alerts ordered from the most severe: response level, colour, how far past the limit."""
    if alerts.empty:
        return alerts

    def overshoot(row) -> float:
        value, limit = row["value"], row["limit"]
        if fmt.missing(value) or fmt.missing(limit) or limit == 0:
            return 0.0
        return abs(float(value) / float(limit))

    ranked = alerts.assign(
        _response=alerts["response_level"].map(RESPONSE_RANK).fillna(0),
        _level=alerts["level"].map(LEVEL_RANK).fillna(0),
        _over=alerts.apply(overshoot, axis=1))
    return ranked.sort_values(["_response", "_level", "_over"], ascending=False)


def _alert_sentence(alert, content: ReportContent, lang: str, zone: str) -> str:
    rule = alert["rule_name_zh"] if lang == "zh" else alert["rule_name_en"]
    if pd.notna(alert["resolved_at"]):
        recovery = {True: "recovered.yes", False: "recovered.no"}.get(alert["recovered"],
                                                                      "recovered.unknown")
        outcome = text(lang, "risk.alert.resolved", resolved=fmt.day(alert["resolved_at"], lang),
                       recovery=text(lang, recovery))
    else:
        outcome = text(lang, "risk.alert.open")
    return text(lang, "risk.alert", rule=rule, scope=scope_words(alert["scope"], lang),
                value=fmt.number(alert["value"], 1), limit=fmt.number(alert["limit"], 1),
                opened=fmt.day(alert["opened_at"], lang), level=text(lang, f"level.{alert['level']}"),
                response=alert["response_level"],
                lead=text(lang, f"lead.{alert['response_level']}"), outcome=outcome)


def _item_sentence(item, lang: str, key: str) -> str:
    drivers = list(item["drivers"]) if item["drivers"] is not None else []
    return text(lang, key, label=item["label"], quadrant=text(lang, f"quadrant.{item['quadrant']}"),
                p=fmt.share(item["probability"]), i=fmt.number(item["impact"], 1),
                affected=fmt.number(item["affected_customers"], 0),
                driver=driver(drivers[0], lang) if drivers else fmt.DASH)


def _gap_sentence(gap, lang: str, metric_label: Callable[[str], str]) -> str:
    at = text(lang, "risk.gap.at", touchpoint=gap["touchpoint"]) if gap["touchpoint"] else ""
    return text(lang, "risk.gap", metric=metric_label(gap["metric"]), at=at,
                ours=fmt.number(gap["ours"], 1), competitor=gap["competitor"],
                theirs=fmt.number(gap["theirs"], 1), gap=fmt.number(gap["gap_pct"], 1))


def _kpi_sentences(content: ReportContent, lang: str, metric_label) -> list[str]:
    """KPIs that got worse against the previous quarter, the largest relative change first."""
    worse = []
    for row in content.kpis:
        delta, before = row["delta_previous"], row["previous"]
        if delta is None or not before or row["higher_is_better"] is None:
            continue
        bad = -delta if row["higher_is_better"] else delta
        if bad > 0:
            worse.append((bad / abs(before), row))
    worse.sort(key=lambda pair: pair[0], reverse=True)
    return [text(lang, "risk.kpi", metric=metric_label(row["metric"]),
                 before=fmt.kpi(row["metric"], row["previous"], lang),
                 after=fmt.kpi(row["metric"], row["value"], lang)) for _, row in worse]


def largest_risks(content: ReportContent, lang: str, zone: str,
                  metric_label: Callable[[str], str], count: int = 3) -> list[str]:
    """Up to COUNT sentences: the most severe alert, the highest risk-matrix item and the widest
    strategic weakness, each the first of its kind; a kind with nothing to say gives its place
    to the next of the others (the next alert, item, weakness), then to the KPIs that got worse."""
    alerts = [_alert_sentence(a, content, lang, zone)
              for _, a in _severest_alerts(content.alerts).iterrows()]
    risk = content.risk
    items = [_item_sentence(item, lang, "risk.item" if i == 0 else "risk.item.next")
             for i, (_, item) in enumerate(risk.head(count).iterrows())] if not risk.empty else []
    gaps = [_gap_sentence(g, lang, metric_label) for _, g in content.weaknesses.iterrows()] \
        if not content.weaknesses.empty else []
    queues = [alerts, items, gaps]
    chosen: list[str] = []
    while len(chosen) < count and any(queues):
        for queue in queues:
            if queue and len(chosen) < count:
                chosen.append(queue.pop(0))
    for sentence in _kpi_sentences(content, lang, metric_label):
        if len(chosen) >= count:
            break
        chosen.append(sentence)
    return chosen
