"""The metric glossary's labels: the one place metric names come from, in English and Chinese
(the dashboard and the quarterly report both read them)."""

# unit: how values read; better: which direction is good (for delta colours).
METRICS: dict[str, dict[str, str]] = {
    "responses": {"en": "Survey responses", "zh-CN": "调查回复数", "unit": "", "better": "higher"},
    "nps": {"en": "NPS", "zh-CN": "净推荐值 (NPS)", "unit": "", "better": "higher"},
    "csat_pct": {"en": "CSAT (top-2-box)", "zh-CN": "满意度 CSAT（前两档）", "unit": "%",
                 "better": "higher"},
    "csat_mean": {"en": "CSAT mean (of 10)", "zh-CN": "满意度均值（10分制）", "unit": "",
                  "better": "higher"},
    "ces": {"en": "CES (1–7)", "zh-CN": "费力度 CES（1–7）", "unit": "", "better": "higher"},
    "negative_rate_pct": {"en": "Negative-review rate", "zh-CN": "差评率", "unit": "%",
                          "better": "lower"},
    "complaints": {"en": "Complaints", "zh-CN": "投诉数", "unit": "", "better": "lower"},
    # ‰ = per 1,000 active customers
    "complaint_rate_per_1000": {"en": "Complaint rate", "zh-CN": "投诉率", "unit": "‰",
                                "better": "lower"},
    "frt_median_minutes": {"en": "First response (median)", "zh-CN": "首次响应时长（中位数）",
                           "unit": "min", "better": "lower"},
    "frt_p90_minutes": {"en": "First response (p90)", "zh-CN": "首次响应时长（P90）",
                        "unit": "min", "better": "lower"},
    "resolution_median_hours": {"en": "Resolution time (median)", "zh-CN": "解决时长（中位数）",
                                "unit": "h", "better": "lower"},
    "resolution_p90_hours": {"en": "Resolution time (p90)", "zh-CN": "解决时长（P90）",
                             "unit": "h", "better": "lower"},
    "sla_first_response_pct": {"en": "SLA: first response", "zh-CN": "SLA 首次响应达标率",
                               "unit": "%", "better": "higher"},
    "sla_resolution_pct": {"en": "SLA: resolution", "zh-CN": "SLA 解决达标率", "unit": "%",
                           "better": "higher"},
    "repeat_rate_pct": {"en": "Repeat complaint rate", "zh-CN": "重复投诉率", "unit": "%",
                        "better": "lower"},
    "escalation_rate_pct": {"en": "Escalation rate", "zh-CN": "升级率", "unit": "%",
                            "better": "lower"},
    "fcr_pct": {"en": "First-contact resolution", "zh-CN": "首次接触解决率", "unit": "%",
                "better": "higher"},
    "csi": {"en": "Composite index (CSI)", "zh-CN": "综合满意度指数", "unit": "",
            "better": "higher"},
}


def metric_label(metric: str, lang: str) -> str:
    """The glossary name of METRIC in LANG ("en", "zh" or "zh-CN"); the key itself when unknown."""
    entry = METRICS.get(metric)
    if entry is None:
        return metric
    return entry.get("zh-CN" if str(lang).lower().startswith("zh") else "en") or entry["en"]
