"""UI text of the Settings page (thresholds, CSI weights, general settings)."""

STRINGS = {
    "settings.title": {"en": "Settings", "zh-CN": "设置"},
    "settings.caption": {
        "en": "Every default can be changed here; each change is kept with who made it and when.",
        "zh-CN": "所有默认值均可在此修改；每次修改都会记录修改人和时间。",
    },
    "settings.tab_thresholds": {"en": "Thresholds", "zh-CN": "阈值规则"},
    "settings.tab_weights": {"en": "CSI weights", "zh-CN": "CSI 权重"},
    "settings.tab_general": {"en": "General", "zh-CN": "常规"},
    "settings.read_only": {
        "en": "Your role can view these settings but not change them.",
        "zh-CN": "您的角色只能查看这些设置，不能修改。",
    },
    # thresholds
    "settings.rules": {"en": "Threshold rules", "zh-CN": "阈值规则"},
    "settings.kind_static": {"en": "static limit", "zh-CN": "静态阈值"},
    "settings.kind_relative_change": {"en": "change vs previous", "zh-CN": "环比变化"},
    "settings.kind_benchmark_gap": {"en": "gap to benchmark", "zh-CN": "对标差距"},
    "settings.kind_spc": {"en": "statistical (SPC)", "zh-CN": "统计过程控制"},
    "settings.kind_sustained": {"en": "sustained", "zh-CN": "持续偏离"},
    "settings.kind_spike": {"en": "spike", "zh-CN": "突增"},
    "settings.direction_above": {"en": "above the level", "zh-CN": "高于阈值"},
    "settings.direction_below": {"en": "below the level", "zh-CN": "低于阈值"},
    "settings.rule_pick": {"en": "Rule to edit", "zh-CN": "要编辑的规则"},
    "settings.yellow": {"en": "Yellow level", "zh-CN": "黄色阈值"},
    "settings.red": {"en": "Red level", "zh-CN": "红色阈值"},
    "settings.no_level": {"en": "no level", "zh-CN": "不设"},
    "settings.params": {"en": "Rule parameters (JSON)", "zh-CN": "规则参数（JSON）"},
    "settings.enabled": {"en": "Enabled", "zh-CN": "启用"},
    "settings.rule_save": {"en": "Save rule", "zh-CN": "保存规则"},
    "settings.rule_saved": {"en": "Rule {rule} saved.", "zh-CN": "规则 {rule} 已保存。"},
    "settings.rule_unchanged": {"en": "Nothing changed.", "zh-CN": "没有修改。"},
    "settings.rule_refused": {"en": "Not saved: {message}", "zh-CN": "未保存：{message}"},
    "settings.rule_history": {"en": "Changes to rules", "zh-CN": "规则修改记录"},
    "settings.no_rules": {
        "en": "The threshold rules are not available in this build yet.",
        "zh-CN": "此版本暂不提供阈值规则。",
    },
    # weights
    "settings.ahp": {"en": "Composite index weights (pairwise comparison)", "zh-CN": "综合指数权重（两两比较）"},
    "settings.ahp_help": {
        "en": "For each pair, how much more important is the left criterion than the right? "
        "1 = equal, 3 = moderately, 5 = strongly, 7 = very strongly, 9 = extremely (1/x: the other way round).",
        "zh-CN": "对每一对指标，左侧比右侧重要多少？1 = 同等，3 = 稍重要，5 = 明显重要，"
        "7 = 强烈重要，9 = 极端重要（1/x 表示反过来）。",
    },
    "settings.ahp_vs": {"en": "{a} vs {b}", "zh-CN": "{a} 对比 {b}"},
    "settings.weight": {"en": "Weight", "zh-CN": "权重"},
    "settings.criterion": {"en": "Criterion", "zh-CN": "指标"},
    "settings.cr": {"en": "Consistency ratio (CR)", "zh-CN": "一致性比率（CR）"},
    "settings.cr_ok": {
        "en": "CR = {cr} ≤ 0.10: the comparisons are consistent enough.",
        "zh-CN": "CR = {cr} ≤ 0.10：判断矩阵一致性可接受。",
    },
    "settings.cr_bad": {
        "en": "CR = {cr} > 0.10: the comparisons contradict each other. Revise them (e.g. if A > B "
        "and B > C, A should be > C) before saving.",
        "zh-CN": "CR = {cr} > 0.10：判断之间相互矛盾。请先修正（例如 A 比 B 重要、B 比 C 重要，"
        "则 A 应比 C 更重要）再保存。",
    },
    "settings.ahp_save": {"en": "Save weights", "zh-CN": "保存权重"},
    "settings.ahp_saved": {"en": "Weights saved.", "zh-CN": "权重已保存。"},
    # general
    "settings.language": {"en": "Default language", "zh-CN": "默认语言"},
    "settings.refresh": {"en": "Live refresh interval (seconds)", "zh-CN": "自动刷新间隔（秒）"},
    "settings.monitor": {"en": "Monitor interval (seconds)", "zh-CN": "监控评估间隔（秒）"},
    "settings.timezone": {"en": "Time zone", "zh-CN": "时区"},
    "settings.currency": {"en": "Currency", "zh-CN": "货币"},
    "settings.max_upload": {"en": "Upload limit (MB)", "zh-CN": "上传上限（MB）"},
    "settings.max_upload_note": {
        "en": "Upload limit: {mb} MB, set by the operator as server.maxUploadSize in "
        ".streamlit/config.toml (the server refuses anything larger).",
        "zh-CN": "上传上限：{mb} MB，由运维在 .streamlit/config.toml 的 server.maxUploadSize 中设置"
        "（服务器拒绝更大的文件）。",
    },
    "settings.general_save": {"en": "Save settings", "zh-CN": "保存设置"},
    "settings.general_saved": {"en": "Settings saved: {keys}.", "zh-CN": "设置已保存：{keys}。"},
    "settings.setting": {"en": "Setting", "zh-CN": "设置项"},
    "settings.value": {"en": "Value", "zh-CN": "值"},
    "settings.history": {"en": "Changes to settings", "zh-CN": "设置修改记录"},
}
