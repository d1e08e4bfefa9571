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
    "overview.no_delta": {
        "en": "no change shown: the previous period has no data on the same basis",
        "zh-CN": "不显示变化：上一周期没有相同口径的数据",
    },
    "overview.basis_short_orders": {"en": "orders", "zh-CN": "订单"},
    "overview.basis_short_active_customers_30d": {"en": "customers", "zh-CN": "活跃客户"},
    "overview.basis_orders": {"en": "per 1,000 orders", "zh-CN": "每千订单"},
    "overview.basis_active_customers_30d": {"en": "per 1,000 active customers / 30 days",
                                            "zh-CN": "每千活跃客户·30天"},
    "overview.csi_basis_differs_short": {"en": "other complaint basis",
                                         "zh-CN": "投诉率口径不同"},
    "overview.csi_basis_differs": {
        "en": "the segment filter cannot use orders (they carry no segment), so this index takes "
              "the complaint rate per active customer and is not comparable with the unfiltered one",
        "zh-CN": "细分筛选无法使用订单（订单不含细分），本指数的投诉率按活跃客户计算，"
                 "不能与未筛选的指数比较",
    },
    "overview.open_alerts": {"en": "Open alerts", "zh-CN": "未关闭预警"},
    "overview.no_open_alerts": {"en": "No open alerts.", "zh-CN": "当前没有未关闭的预警。"},
    "overview.red_count": {"en": "Red", "zh-CN": "红色"},
    "overview.yellow_count": {"en": "Yellow", "zh-CN": "黄色"},
    "overview.all_alerts": {"en": "All alerts", "zh-CN": "全部预警"},
    "overview.trends": {"en": "Trends (weekly)", "zh-CN": "趋势（按周）"},
    "overview.partial": {"en": "partial period (not all days counted)",
                         "zh-CN": "不完整周期（未计满全部天数）"},
}
