"""Operational metrics in long format: keyed by date, metric, channel, region and product."""

from pipelines.schema import FieldSpec, KindSpec

SPEC = KindSpec(
    name="ops",
    table="ops_metrics",
    position=50,
    key=("date", "metric", "channel", "region", "product"),
    description="operational metrics, one value per row",
    fields=(
        FieldSpec("date", "timestamp", True, ("day", "time", "datetime", "日期", "时间"), "when the value applies"),
        FieldSpec("metric", "text", True, ("kpi", "measure", "指标", "指标名称"),
                  "return_rate, avg_answer_seconds, negative_mentions, rating_stars, …"),
        FieldSpec("value", "number", True, ("数值", "值"), "the metric's value"),
        FieldSpec("channel", "text", False, ("渠道",), "channel, empty for all"),
        FieldSpec("region", "text", False, ("area", "区域", "地区", "大区"), "region, empty for all"),
        FieldSpec("product", "text", False, ("产品", "商品"), "product, empty for all"),
    ),
)
