"""Writes the demo frames as the messy exports teams really send (Chinese headers, GBK, XLSX, ;)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

# Complaint tickets come from a Chinese help-desk system: Chinese headers, GBK, 2026/4/16 14:05.
COMPLAINT_HEADERS = {
    "ticket_id": "工单号",
    "created_at": "创建时间",
    "customer_id": "客户编号",
    "channel": "渠道",
    "region": "区域",
    "touchpoint": "触点",
    "product": "产品",
    "category": "投诉类别",
    "severity": "严重程度",
    "status": "状态",
    "first_response_at": "首次响应时间",
    "resolved_at": "解决时间",
    "escalated": "是否升级",
    "compensation_amount": "赔偿金额",
    "description": "投诉内容",
}
CRM_HEADERS = {"customer_id": "Customer ID", "lifetime_value": "Lifetime Value"}
SURVEY_HEADERS = {"response_id": "Response ID", "submitted_at": "Submitted At", "nps": "NPS",
                  "csat": "CSAT", "ces": "CES"}

# Rows a real survey export carries now and then; the loader must reject each with its reason.
BAD_SURVEY_ROWS = [
    {"response_id": "SR9000001", "nps": "11", "why": "nps above 10"},
    {"response_id": "SR9000002", "csat": "0", "why": "csat below 1"},
    {"response_id": "SR9000003", "ces": "9", "why": "ces above 7"},
    {"response_id": "SR9000004", "submitted_at": "unknown", "why": "not a date"},
]

FILES = {
    "crm": "crm_customers.csv",
    "survey": "survey_responses.csv",
    "complaints": "complaint_tickets.csv",
    "benchmarks": "benchmarks.xlsx",
    "ops": "ops_metrics.csv",
}


def _slash_time(values: pd.Series) -> pd.Series:
    """2026-04-16 14:05 → 2026/4/16 14:05 (how Chinese desktop exports write times)."""
    ts = pd.to_datetime(values)
    text = (
        ts.dt.year.astype("Int64").astype(str) + "/" + ts.dt.month.astype("Int64").astype(str) + "/"
        + ts.dt.day.astype("Int64").astype(str) + " " + ts.dt.strftime("%H:%M")
    )
    return text.where(ts.notna(), "")


def _complaints(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for col in ("created_at", "first_response_at", "resolved_at"):
        out[col] = _slash_time(out[col])
    out["escalated"] = out["escalated"].map({True: "是", False: "否"})
    out["product"] = out["product"].fillna("")
    return out.rename(columns=COMPLAINT_HEADERS)


def _survey(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    out["submitted_at"] = pd.to_datetime(out["submitted_at"]).dt.strftime("%Y-%m-%d %H:%M:%S")
    out["ces"] = out["ces"].map(lambda v: "" if pd.isna(v) else str(int(v)))
    template = out.iloc[len(out) // 2].to_dict()
    bad = []
    for row in BAD_SURVEY_ROWS:
        values = dict(template)
        values.update({k: v for k, v in row.items() if k != "why"})
        bad.append(values)
    out = pd.concat([out, pd.DataFrame(bad)], ignore_index=True)
    return out.rename(columns=SURVEY_HEADERS)


def write_exports(frames: dict[str, pd.DataFrame], folder: Path) -> dict[str, Path]:
    """One file per kind in `folder`, in load order; returns {kind: path}."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {kind: folder / name for kind, name in FILES.items()}
    frames["crm"].rename(columns=CRM_HEADERS).to_csv(paths["crm"], index=False, encoding="utf-8")
    _survey(frames["survey"]).to_csv(paths["survey"], index=False, encoding="utf-8-sig")
    _complaints(frames["complaints"]).to_csv(paths["complaints"], index=False, encoding="gbk")
    frames["benchmarks"].to_excel(paths["benchmarks"], index=False, sheet_name="benchmarks",
                                  engine="xlsxwriter")
    frames["ops"].to_csv(paths["ops"], index=False, sep=";", encoding="utf-8")
    return paths
