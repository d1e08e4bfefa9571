"""UI text of the Voice-of-customer page."""

_COLUMNS = {
    "keyword": ("Keyword", "关键词"), "count": ("Texts", "条数"), "share": ("Share", "占比"),
    "background_share": ("Share elsewhere", "其他文本占比"), "ratio": ("× elsewhere", "倍数"),
    "z": ("Contrast (z)", "对比度（z）"), "category": ("Category", "类别"), "label_zh": ("中文名", "中文名"),
    "negative_share": ("Reads negative", "负面占比"), "key": ("Keyword / category", "关键词/类别"),
    "first_day": ("First fired", "首次触发"), "last_day": ("Last fired", "最后触发"),
    "days": ("Days fired", "触发天数"), "peak_day": ("Peak", "峰值日"), "level": ("Level", "级别"),
    "reason": ("Why it fired", "触发原因"), "source": ("Source", "来源"), "id": ("Ticket / response", "工单/答卷"),
    "created_at": ("When (UTC)", "时间（UTC）"), "channel": ("Channel", "渠道"), "region": ("Region", "区域"),
    "touchpoint": ("Touchpoint", "触点"), "product": ("Product", "产品"), "sentiment": ("Sentiment", "情感"),
    "tags": ("Tags", "标签"), "text": ("Text", "文本"),
}

STRINGS = {
    **{f"voc.col.{name}": {"en": en, "zh-CN": zh} for name, (en, zh) in _COLUMNS.items()},
    "nav.voice": {"en": "Voice of customer", "zh-CN": "客户之声"},
    "voc.title": {"en": "Voice of customer", "zh-CN": "客户之声"},
    "voc.caption": {
        "en": "What complaints and survey comments say: the words that stand out, the problem "
              "categories, surges, sentiment over time and the verbatims behind each.",
        "zh-CN": "投诉与调研评论在说什么：突出的关键词、问题类别、激增、情感走势，以及背后的原话。",
    },
    "voc.source": {"en": "Texts", "zh-CN": "文本"},
    "voc.source.complaints": {"en": "Complaints", "zh-CN": "投诉"},
    "voc.source.responses": {"en": "Survey comments", "zh-CN": "调研评论"},
    "voc.source.all": {"en": "Both", "zh-CN": "全部"},
    "voc.tab.keywords": {"en": "Keywords", "zh-CN": "关键词"},
    "voc.tab.tags": {"en": "Categories", "zh-CN": "问题类别"},
    "voc.tab.surges": {"en": "Surges", "zh-CN": "激增"},
    "voc.tab.sentiment": {"en": "Sentiment", "zh-CN": "情感"},
    "voc.keywords_help": {
        "en": "Words these {n} texts use far more than the other {m} texts (any date): log-odds with an "
              "informative Dirichlet prior, so words every text shares drop out. Pick a row to read its texts.",
        "zh-CN": "这 {n} 条文本比其他 {m} 条文本（不限日期）明显更常用的词：带信息先验的对数几率比，"
                 "人人都用的模板词不会上榜。选中一行查看原文。",
    },
    "voc.keyword_trend": {"en": "Weekly share of texts mentioning the top keywords",
                          "zh-CN": "头部关键词每周提及占比"},
    "voc.tags_help": {
        "en": "{n} texts, {untagged} without a category. A category needs one of its specific terms "
              "(the dictionary is edited under Settings). Pick a row to read its texts.",
        "zh-CN": "共 {n} 条文本，其中 {untagged} 条无类别。类别需命中其专有词（词典在“设置”中编辑）。选中一行查看原文。",
    },
    "voc.tag_trend": {"en": "Texts per category and week", "zh-CN": "各类别每周文本数"},
    "voc.surges_help": {
        "en": "The surge rule checked at every midnight of the period: share of complaints in the last "
              "{window} h against the {baseline} days before, yellow at ×{yellow}, red at ×{red}, and "
              "unlikely by chance (Poisson p < {alpha}). Generic words never surge alone. Pick a row to "
              "read the complaints of its window.",
        "zh-CN": "在所选期间每天零点检查激增规则：最近 {window} 小时的投诉占比对比之前 {baseline} 天，"
                 "×{yellow} 为黄色、×{red} 为红色，且不太可能是偶然（泊松 p < {alpha}）。泛化词不会单独激增。"
                 "选中一行查看该时段的投诉。",
    },
    "voc.surges_category": {"en": "Category surges", "zh-CN": "类别激增"},
    "voc.surges_keyword": {"en": "Keyword surges", "zh-CN": "关键词激增"},
    "voc.surges_none": {"en": "No surge in this period.", "zh-CN": "此期间没有激增。"},
    "voc.surge_reason": {
        "en": "{current} of {texts} complaints in the {window} h before {day} ({share}) against {base} of "
              "{base_texts} before ({base_share}): ×{ratio}, p = {p}",
        "zh-CN": "{day} 前 {window} 小时 {texts} 条投诉中 {current} 条（{share}），此前 {base_texts} 条中 "
                 "{base} 条（{base_share}）：×{ratio}，p = {p}",
    },
    "voc.level.red": {"en": "red", "zh-CN": "红色"},
    "voc.level.yellow": {"en": "yellow", "zh-CN": "黄色"},
    "voc.sentiment_by": {"en": "By", "zh-CN": "维度"},
    "voc.by.channel": {"en": "Channel", "zh-CN": "渠道"},
    "voc.by.touchpoint": {"en": "Touchpoint", "zh-CN": "触点"},
    "voc.by.region": {"en": "Region", "zh-CN": "区域"},
    "voc.sentiment_mean": {"en": "Mean sentiment (−1 … 1)", "zh-CN": "平均情感（−1 … 1）"},
    "voc.sentiment_negative": {"en": "Share reading negative", "zh-CN": "负面占比"},
    "voc.week": {"en": "Week (from Monday, UTC)", "zh-CN": "周（周一起，UTC）"},
    "voc.method.model": {
        "en": "Chinese texts are scored by a model trained on {texts} labelled reviews ({sources}); English "
              "texts by the VADER and product lexicons.",
        "zh-CN": "中文文本由基于 {texts} 条标注评论（{sources}）训练的模型评分；英文文本由 VADER 与产品词典评分。",
    },
    "voc.method.lexicon": {
        "en": "The sentiment model is not built (run `make model`): every text is scored by the lexicons.",
        "zh-CN": "情感模型尚未构建（运行 `make model`）：所有文本均由词典评分。",
    },
    "voc.verbatims": {"en": "Verbatims", "zh-CN": "原话"},
    "voc.search": {"en": "Search the texts", "zh-CN": "搜索文本"},
    "voc.search_placeholder": {"en": "a word or phrase, Chinese or English…", "zh-CN": "中文或英文词语…"},
    "voc.drill.keyword": {"en": "Keyword “{value}”", "zh-CN": "关键词“{value}”"},
    "voc.drill.category": {"en": "Category “{value}”", "zh-CN": "类别“{value}”"},
    "voc.drill.window": {"en": "{start} – {end}", "zh-CN": "{start} 至 {end}"},
    "voc.drill.clear": {"en": "Show all", "zh-CN": "显示全部"},
    "voc.verbatims_count": {"en": "{matched} texts match; the newest {shown} are listed.",
                            "zh-CN": "共 {matched} 条匹配，列出最新 {shown} 条。"},
    "voc.verbatims_pick": {"en": "Pick a keyword, category or surge above, or search.",
                           "zh-CN": "在上方选择关键词、类别或激增，或直接搜索。"},
    "voc.none": {"en": "No texts match.", "zh-CN": "没有匹配的文本。"},
    "voc.source_value.complaint": {"en": "complaint", "zh-CN": "投诉"},
    "voc.source_value.response": {"en": "survey", "zh-CN": "调研"},
}
