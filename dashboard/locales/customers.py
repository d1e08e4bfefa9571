"""UI text of the Customers page."""

STRINGS = {
    "customers.title": {"en": "Customers at risk", "zh-CN": "流失风险客户"},
    "customers.caption": {
        "en": "Customers flagged for churn risk, by value tier, with the reason for each flag.",
        "zh-CN": "按价值等级列出有流失风险的客户，并说明每个标记的原因。",
    },
    "customers.tiers": {"en": "Customers by value tier", "zh-CN": "各价值等级客户数"},
    "customers.tier": {"en": "Value tier", "zh-CN": "价值等级"},
    "customers.tier_all": {"en": "All tiers", "zh-CN": "全部等级"},
    "customers.tier_high": {"en": "High (> 10,000)", "zh-CN": "高（> 10,000）"},
    "customers.tier_mid": {"en": "Mid (1,000–10,000)", "zh-CN": "中（1,000–10,000）"},
    "customers.tier_low": {"en": "Low (≤ 1,000)", "zh-CN": "低（≤ 1,000）"},
    "customers.tier_word_high": {"en": "high", "zh-CN": "高"},
    "customers.tier_word_mid": {"en": "mid", "zh-CN": "中"},
    "customers.tier_word_low": {"en": "low", "zh-CN": "低"},
    "customers.tier_word_unknown": {"en": "unknown", "zh-CN": "未知"},
    "customers.tier_unknown": {"en": "Unknown value", "zh-CN": "价值未知"},
    "customers.customers": {"en": "Customers", "zh-CN": "客户数"},
    "customers.at_risk_count": {"en": "{n} at risk of churning", "zh-CN": "其中 {n} 位有流失风险"},
    "customers.list": {"en": "Churn-risk list", "zh-CN": "流失风险名单"},
    "customers.reason_help": {
        "en": "Inactive ≥ 30 days; average order value down ≥ 50 %; "
        "or behaviour more than 2 σ from the customer's own baseline.",
        "zh-CN": "连续 30 天以上未活跃；平均订单金额下降 ≥ 50%；或行为偏离自身基线超过 2σ。",
    },
    "customers.currency_note": {"en": "Money values in {currency}.", "zh-CN": "金额单位：{currency}。"},
    "customers.none": {
        "en": "No customer is flagged for churn risk within these filters.",
        "zh-CN": "在当前筛选条件下没有被标记为流失风险的客户。",
    },
    "customers.unavailable": {
        "en": "Customer figures are not available yet; load a CRM export on the Data page.",
        "zh-CN": "暂无客户数据；请在「数据」页面上传 CRM 导出文件。",
    },
}
