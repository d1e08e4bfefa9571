"""Strings of the Touchpoints page."""

STRINGS = {
    "touchpoints.title": {"en": "Touchpoints", "zh-CN": "触点分析"},
    "touchpoints.caption": {
        "en": "Each cell is one touchpoint in one channel, region or week. Grey cells have too "
              "few responses to judge; ✕ marks a threshold breach. Click a cell (or pick it "
              "below) to read the responses and complaints behind it.",
        "zh-CN": "每个格子代表某触点在某渠道、区域或周的表现。灰色格子样本过少，不做判断；"
                 "✕ 表示超出阈值。点击格子（或在下方选择）查看其背后的问卷回复和投诉。",
    },
    "touchpoints.metric": {"en": "Metric", "zh-CN": "指标"},
    "touchpoints.by": {"en": "Columns", "zh-CN": "列维度"},
    "touchpoints.by.channel": {"en": "Channel", "zh-CN": "渠道"},
    "touchpoints.by.region": {"en": "Region", "zh-CN": "区域"},
    "touchpoints.by.week": {"en": "Week", "zh-CN": "周"},
    "touchpoints.heatmap": {"en": "{metric} by touchpoint × {by}",
                            "zh-CN": "各触点 × {by}：{metric}"},
    "touchpoints.breach": {"en": "threshold breached", "zh-CN": "超出阈值"},
    "touchpoints.cell": {"en": "Cell to drill into", "zh-CN": "要下钻的格子"},
    "touchpoints.cell_placeholder": {"en": "Click a cell or choose one (worst first)",
                                     "zh-CN": "点击格子或在此选择（最差的在前）"},
    "touchpoints.drill": {"en": "Behind {touchpoint} · {col}", "zh-CN": "{touchpoint} · {col} 的明细"},
    "touchpoints.responses": {"en": "Survey responses ({n})", "zh-CN": "问卷回复（{n} 条）"},
    "touchpoints.complaints": {"en": "Complaints ({n})", "zh-CN": "投诉（{n} 条）"},
    "touchpoints.verbatims": {"en": "What customers wrote", "zh-CN": "客户原话"},
    "touchpoints.none_behind": {"en": "Nothing behind this cell for the current filters.",
                                "zh-CN": "当前筛选条件下此格子没有明细。"},
}
