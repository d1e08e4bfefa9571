"""Strings of the Overview page."""

STRINGS = {
    "overview.title": {"en": "Overview", "zh-CN": "总览"},
    "overview.caption": {
        "en": "Where satisfaction risk is building: key figures against the previous period, "
              "open alerts and trends.",
        "zh-CN": "满意度风险在哪里累积：关键指标与上一周期对比、未关闭预警和趋势。",
    },
    "overview.kpis": {"en": "Key figures", "zh-CN": "关键指标"},
    "overview.vs_previous": {"en": "vs previous period", "zh-CN": "较上一周期"},
    "overview.tile_help": {
        "en": "n = {n}; previous period {previous}",
        "zh-CN": "样本 n = {n}；上一周期 {previous}",
    },
    "overview.open_alerts": {"en": "Open alerts", "zh-CN": "未关闭预警"},
    "overview.no_open_alerts": {"en": "No open alerts.", "zh-CN": "当前没有未关闭的预警。"},
    "overview.red_count": {"en": "Red", "zh-CN": "红色"},
    "overview.yellow_count": {"en": "Yellow", "zh-CN": "黄色"},
    "overview.all_alerts": {"en": "All alerts", "zh-CN": "全部预警"},
    "overview.trends": {"en": "Trends (weekly)", "zh-CN": "趋势（按周）"},
}
