"""Competitor and industry benchmarks: keyed by period, competitor, metric and touchpoint."""

from pipelines.schema import FieldSpec, KindSpec

SPEC = KindSpec(
    name="benchmarks",
    table="benchmarks",
    position=40,
    key=("period", "competitor", "metric", "touchpoint"),
    description="competitor / industry benchmark values per period",
    fields=(
        FieldSpec("period", "period", True, ("month", "quarter", "year", "期间", "周期", "月份", "季度"),
                  "2025-03, 2025Q1, 2025, or a date; stored as the first day"),
        FieldSpec("competitor", "text", True,
                  ("brand", "company", "competitor name", "竞争对手", "竞品", "对手", "品牌"),
                  "competitor name, 'industry' or 'us'"),
        FieldSpec("metric", "text", True, ("kpi", "measure", "指标", "指标名称"), "nps / csat / ces / …"),
        FieldSpec("value", "number", True, ("score", "数值", "值", "得分"), "the metric's value"),
        FieldSpec("touchpoint", "text", False, ("touch point", "触点", "接触点"), "touchpoint, empty for overall"),
        FieldSpec("source", "text", False, ("data source", "来源", "数据来源"), "e.g. ACSI, J.D. Power"),
    ),
)
