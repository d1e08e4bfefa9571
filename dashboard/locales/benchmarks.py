"""UI text of the Benchmarks page."""

STRINGS = {
    "benchmarks.title": {"en": "Competitor benchmarks", "zh-CN": "竞品对标"},
    "benchmarks.caption": {
        "en": "Our figures against competitors and the industry; gaps over 15 % are strategic weaknesses.",
        "zh-CN": "我们与竞品及行业的对比；差距超过 15% 视为战略短板。",
    },
    "benchmarks.gaps": {"en": "Gap table", "zh-CN": "差距表"},
    "benchmarks.gap_flag": {
        "en": "{n} gaps over 15 % (highlighted).",
        "zh-CN": "{n} 项差距超过 15%（已高亮）。",
    },
    "benchmarks.metric": {"en": "Metric", "zh-CN": "指标"},
    "benchmarks.competitor": {"en": "Competitor", "zh-CN": "竞争对手"},
    "benchmarks.all_competitors": {"en": "All competitors and industry",
                                   "zh-CN": "全部竞争对手与行业"},
    "benchmarks.gaps_of": {"en": "Gap table: {metric}", "zh-CN": "差距表：{metric}"},
    "benchmarks.gap_sign": {
        "en": "Gap % = how far we are ahead (+) or behind (−) their value; the competitor-gap "
              "alert reports the same figure as \"% behind\".",
        "zh-CN": "差距% = 我们领先（+）或落后（−）对方数值的百分比；竞品差距预警以「落后%」"
                 "报告同一数值。",
    },
    "benchmarks.score": {"en": "Score (0–100, higher = better)",
                         "zh-CN": "得分（0–100，越高越好）"},
    "benchmarks.forecast_of": {
        "en": "12-month forecast: {metric} of {who}",
        "zh-CN": "未来 12 个月预测：{who} 的{metric}",
    },
    "benchmarks.forecast_model_damped_trend": {
        "en": "Damped additive trend (seasonality did not forecast the last year better); the "
              "band is the model's {interval} % prediction interval.",
        "zh-CN": "阻尼加法趋势模型（加入季节性未能更好地预测最近一年）；阴影为模型的 "
                 "{interval}% 预测区间。",
    },
    "benchmarks.forecast_model_damped_trend_seasonal": {
        "en": "Damped additive trend with seasonality (it forecast the last year better); the "
              "band is the model's {interval} % prediction interval.",
        "zh-CN": "含季节性的阻尼加法趋势模型（对最近一年的预测更准）；阴影为模型的 "
                 "{interval}% 预测区间。",
    },
    "benchmarks.interval_pct": {"en": "{interval} % interval", "zh-CN": "{interval}% 区间"},
    "benchmarks.touchpoint": {"en": "Touchpoint", "zh-CN": "触点"},
    "benchmarks.all_touchpoints": {"en": "All touchpoints", "zh-CN": "全部触点"},
    "benchmarks.overall": {"en": "Overall (company)", "zh-CN": "整体（全公司）"},
    "benchmarks.band": {
        "en": "Our {metric} inside the industry band (mean ± 1.5 σ)",
        "zh-CN": "我们的{metric}与行业区间（均值 ± 1.5σ）",
    },
    "benchmarks.ours": {"en": "Us", "zh-CN": "我们"},
    "benchmarks.industry": {"en": "industry", "zh-CN": "行业"},
    "benchmarks.industry_mean": {"en": "Industry mean", "zh-CN": "行业均值"},
    "benchmarks.band_area": {"en": "Industry ± 1.5 σ", "zh-CN": "行业 ± 1.5σ"},
    "benchmarks.outside": {"en": "Outside the band", "zh-CN": "超出区间"},
    "benchmarks.radar": {"en": "Across dimensions", "zh-CN": "多维度对比"},
    "benchmarks.forecast": {"en": "Forecast (12 periods)", "zh-CN": "趋势预测（12 期）"},
    "benchmarks.forecast_label": {"en": "Forecast", "zh-CN": "预测"},
    "benchmarks.history_label": {"en": "History", "zh-CN": "历史"},
    "benchmarks.interval": {"en": "Interval", "zh-CN": "区间"},
    "benchmarks.not_enough": {
        "en": "Not enough history for a forecast (at least 24 periods are needed).",
        "zh-CN": "历史数据不足，无法预测（至少需要 24 期）。",
    },
    "benchmarks.chart_failed": {
        "en": "This chart cannot be drawn for the current filters; try a longer period.",
        "zh-CN": "当前筛选条件下无法绘制此图；请尝试更长的时间范围。",
    },
    "benchmarks.none": {
        "en": "No benchmark data yet; load a benchmarks export on the Data page.",
        "zh-CN": "暂无对标数据；请在「数据」页面上传对标数据。",
    },
    "benchmarks.no_band": {
        "en": "No industry values for this metric in the chosen period.",
        "zh-CN": "所选期间内该指标没有行业数值。",
    },
}
