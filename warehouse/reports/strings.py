"""The report's words in English and Chinese; metric names come from the KPI glossary."""

from __future__ import annotations

LANGS = ("en", "zh")

TEXT: dict[str, tuple[str, str]] = {
    # cover and running heads
    "title": ("Quarterly risk review", "季度风险评估报告"),
    "period": ("{quarter} · {start} – {end}", "{quarter} · {start} 至 {end}"),
    "scope.company": ("Whole company", "全公司"),
    "scope.user": ("Scope of {name}: {parts}", "{name} 的负责范围：{parts}"),
    "scope.channels": ("channels {values}", "渠道 {values}"),
    "scope.regions": ("regions {values}", "区域 {values}"),
    "scope.none": ("no channel or region assigned", "未分配渠道或区域"),
    "generated": ("Generated {at} ({zone}) · data version {version} · data as of {as_of}",
                  "生成于 {at}（{zone}）· 数据版本 {version} · 数据截至 {as_of}"),
    "page": ("Page", "第"),
    "no_data": ("There is no survey or complaint data for {quarter} in this scope, so this "
                "report has no figures. Choose a quarter that the loaded data covers.",
                "{quarter} 在此范围内没有调查或投诉数据，因此本报告没有数据。"
                "请选择已加载数据覆盖的季度。"),
    "none": ("None in this quarter.", "本季度无。"),
    # sections
    "s.summary": ("Executive summary", "执行摘要"),
    "s.kpis": ("KPI summary", "关键指标概览"),
    "s.risk": ("Risk matrix", "风险矩阵"),
    "s.alerts": ("Alerts of the quarter", "本季度预警"),
    "s.benchmarks": ("Competitor benchmarks", "竞争对手对标"),
    "s.weaknesses": ("Strategic weaknesses (gap over 15 %)", "战略短板（差距超过 15%）"),
    "s.pareto": ("Pareto of complaint categories", "投诉类别帕累托分析"),
    "s.improvements": ("Improvement list", "改进清单"),
    "s.about": ("About this report", "关于本报告"),
    # executive summary
    "sum.headline": ("Headline figures against the previous quarter",
                     "核心指标（与上季度相比）"),
    "sum.risks": ("The three largest risks", "三大风险"),
    "sum.no_risks": ("No risk item, alert or benchmark gap stands out in this quarter.",
                     "本季度没有突出的风险项、预警或对标差距。"),
    "sum.alerts": ("{n} alerts were active in the quarter ({red} red); {open} are still open.",
                   "本季度共有 {n} 条预警（红色 {red} 条）；仍有 {open} 条未关闭。"),
    "sum.improvements": ("The improvement list holds {n} open items; {overdue} are overdue.",
                         "改进清单中有 {n} 项未完成，其中 {overdue} 项已逾期。"),
    "sum.vital": ("{n} of {total} complaint categories make up 80 % of complaints; "
                  "“{top}” alone is {share} %.",
                  "{total} 个投诉类别中的 {n} 个占投诉总量的 80%；仅“{top}”就占 {share}%。"),
    "risk.alert": ("{rule} — {scope}: {value} against a limit of {limit} from {opened} "
                   "({level}, response level {response}, led by the {lead}); {outcome}",
                   "{rule}（{scope}）：自 {opened} 起为 {value}，限值 {limit}"
                   "（{level}，响应级别 {response}，由{lead}牵头）；{outcome}"),
    "risk.alert.open": ("still open.", "仍未关闭。"),
    "risk.alert.resolved": ("resolved on {resolved}; {recovery}",
                            "已于 {resolved} 解除；{recovery}"),
    "risk.item": ("{label} is the highest-scoring item on the risk matrix ({quadrant}): "
                  "probability {p}, impact {i} of 5, {affected} customers affected; "
                  "main driver: {driver}.",
                  "{label} 是风险矩阵中风险值最高的项（{quadrant}）：可能性 {p}，影响 {i}（满分 5），"
                  "受影响客户 {affected} 名；主要驱动因素：{driver}。"),
    "risk.item.next": ("{label} follows on the risk matrix ({quadrant}): probability {p}, "
                       "impact {i} of 5, {affected} customers affected.",
                       "{label} 紧随其后（{quadrant}）：可能性 {p}，影响 {i}（满分 5），"
                       "受影响客户 {affected} 名。"),
    "risk.gap": ("{metric}{at}: ours {ours} against {competitor} {theirs} ({gap} %), a "
                 "strategic weakness.",
                 "{metric}{at}：我方 {ours}，{competitor} 为 {theirs}（差距 {gap}%），属于战略短板。"),
    "risk.gap.at": (" at {touchpoint}", "（{touchpoint}）"),
    "risk.kpi": ("{metric} moved from {before} to {after} against the previous quarter.",
                 "{metric} 由上季度的 {before} 变为 {after}。"),
    # recovery words
    "recovered.yes": ("satisfaction recovered to its pre-incident level.",
                      "满意度已恢复到事件前水平。"),
    "recovered.no": ("satisfaction has not recovered to its pre-incident level.",
                     "满意度尚未恢复到事件前水平。"),
    "recovered.unknown": ("recovery to the pre-incident level is not known yet.",
                          "是否恢复到事件前水平尚不可知。"),
    # KPI table
    "kpi.metric": ("Metric", "指标"),
    "kpi.value": ("{quarter}", "{quarter}"),
    "kpi.previous": ("Previous quarter ({quarter})", "上季度（{quarter}）"),
    "kpi.year_ago": ("Same quarter last year ({quarter})", "去年同期（{quarter}）"),
    "kpi.delta": ("Change", "变化"),
    "kpi.n": ("n", "样本数"),
    "kpi.note": ("Changes are this quarter minus the compared quarter; green is better, red "
                 "worse. “—”: no data. The complaint rate is per 1,000 {basis}; it is compared "
                 "only on the same basis.",
                 "变化 = 本季度减去对比季度；绿色表示改善，红色表示变差。“—”：无数据。"
                 "投诉率为每千{basis}，仅在相同口径下比较。"),
    "basis.orders": ("orders", "订单"),
    "basis.active_customers_30d": ("active customers", "活跃客户"),
    "kpi.trend": ("Composite index, NPS and CSAT by month (the report's quarter shaded)",
                  "综合指数、NPS 与满意度月度走势（阴影为本报告季度）"),
    "chart.month": ("Month", "月份"),
    # risk matrix
    "risk.picture": ("Every risk item (touchpoint, complaint category or touchpoint × region) "
                     "sits in the cell of its probability and impact band; each cell shows how "
                     "many items it holds and the ranks (#) of the top items in the table below. "
                     "Quadrants: act now (high probability, high impact), prepare contingency "
                     "plans (low, high), automate and iterate (high, low), watch (low, low).",
                     "每个风险项（触点、投诉类别或触点 × 区域）按其可能性和影响等级落在对应单元格；"
                     "单元格显示其中的风险项数量以及下表中排名靠前项的排名（#）。象限：立即行动"
                     "（高可能性、高影响）、制定应急预案（低、高）、自动化并持续改进（高、低）、"
                     "持续观察（低、低）。"),
    "risk.top": ("Top {n} items by score (probability × impact)",
                 "风险值（可能性 × 影响）最高的 {n} 项"),
    "risk.rank": ("#", "排名"),
    "risk.label": ("Item", "风险项"),
    "risk.type": ("Type", "类型"),
    "risk.probability": ("Probability", "可能性"),
    "risk.impact": ("Impact (1–5)", "影响（1–5）"),
    "risk.score": ("Score", "风险值"),
    "risk.quadrant": ("Quadrant", "象限"),
    "risk.affected": ("Affected customers", "受影响客户"),
    "risk.drivers": ("Drivers", "驱动因素"),
    "risk.owner": ("Owner", "负责人"),
    "risk.status": ("Mitigation", "缓解状态"),
    "risk.axis.probability": ("Probability (1 rare … 5 frequent)", "可能性（1 罕见 … 5 频繁）"),
    "risk.axis.impact": ("Impact (1 minor … 5 severe)", "影响（1 轻微 … 5 严重）"),
    "type.touchpoint": ("touchpoint", "触点"),
    "type.category": ("complaint category", "投诉类别"),
    "type.touchpoint_region": ("touchpoint × region", "触点 × 区域"),
    "quadrant.act_now": ("act now", "立即行动"),
    "quadrant.prepare": ("prepare contingency plans", "制定应急预案"),
    "quadrant.automate": ("automate and iterate", "自动化并持续改进"),
    "quadrant.watch": ("watch", "持续观察"),
    "mitigation.open": ("open", "待处理"),
    "mitigation.in_progress": ("in progress", "处理中"),
    "mitigation.mitigated": ("mitigated", "已缓解"),
    "mitigation.accepted": ("accepted", "已接受"),
    # alerts
    "alerts.caption": ("Alerts active at any time in the quarter. The clock is the first task "
                       "of the response level (from the alert or its escalation); time to "
                       "acknowledge is measured against it. Times in {zone}.",
                       "本季度内任何时间处于活动状态的预警。时限为响应级别的第一项任务"
                       "（自预警或升级时起算）；确认用时与之比较。时间为 {zone}。"),
    "alerts.stats": ("{n} alerts; acknowledged within the clock: {met} of {n}; resolved: "
                     "{resolved}; median time to resolve {median}; recovered to baseline: "
                     "{recovered} of {resolved}.",
                     "共 {n} 条预警；在时限内确认：{met}/{n}；已解除：{resolved}；"
                     "解除用时中位数 {median}；恢复到基线：{recovered}/{resolved}。"),
    "alerts.timeline": ("Alerts over the quarter (bar: opened → resolved, or to the end of the "
                        "quarter while open)",
                        "本季度预警时间线（条形：触发 → 解除；未解除的延至季度末）"),
    "a.id": ("ID", "编号"),
    "a.rule": ("Rule", "规则"),
    "a.scope": ("Scope", "范围"),
    "a.level": ("Level", "级别"),
    "a.response": ("Response", "响应级别"),
    "a.opened": ("Opened", "触发时间"),
    "a.clock": ("Clock", "时限"),
    "a.ack": ("Acknowledged after", "确认用时"),
    "a.ack_ok": ("Within clock", "是否在时限内"),
    "a.resolved": ("Resolved after", "解除用时"),
    "a.recovered": ("Recovered", "已恢复"),
    "a.state": ("State", "状态"),
    "level.red": ("red", "红色"),
    "level.yellow": ("yellow", "黄色"),
    "state.firing": ("firing", "触发中"),
    "state.acknowledged": ("acknowledged", "已确认"),
    "state.resolved": ("resolved", "已解除"),
    "yes": ("yes", "是"),
    "no": ("no", "否"),
    "not_acknowledged": ("not acknowledged", "未确认"),
    "still_open": ("open", "未解除"),
    "lead.IV": ("service team", "客服团队"),
    "lead.III": ("department head", "部门负责人"),
    "lead.II": ("incident group", "事件处置小组"),
    "lead.I": ("chief executive", "最高管理者"),
    # benchmarks
    "b.caption": ("Our value in the quarter against each competitor's and the industry's average "
                  "over its months. Gap: how far we are behind (−) or ahead (+) of the best "
                  "competitor, in % of their value; the band is the industry mean ± 1.5 σ in "
                  "the quarter's last month.",
                  "本季度我方数值与各竞争对手及行业在该季度各月平均值的对比。差距：落后（−）或领先"
                  "（+）最佳竞争对手的幅度，以对方数值的百分比表示；区间为该季度最后一个月的"
                  "行业均值 ± 1.5σ。"),
    "b.metric": ("Metric", "指标"),
    "b.touchpoint": ("Touchpoint", "触点"),
    "b.ours": ("Ours", "我方"),
    "b.best": ("Best competitor", "最佳竞争对手"),
    "b.best_value": ("Their value", "对方数值"),
    "b.gap_best": ("Gap to best %", "与最佳差距 %"),
    "b.industry": ("Industry", "行业"),
    "b.gap_industry": ("Gap to industry %", "与行业差距 %"),
    "b.band": ("Industry band", "行业区间"),
    "b.competitor": ("Competitor", "竞争对手"),
    "b.theirs": ("Their value", "对方数值"),
    "b.gap": ("Gap %", "差距 %"),
    "b.overall": ("overall", "整体"),
    "b.chart": ("Gap to the best competitor per metric and touchpoint (below −15 %: strategic "
                "weakness)", "各指标与触点相对最佳竞争对手的差距（低于 −15% 为战略短板）"),
    "b.none": ("No benchmark data covers this quarter.", "没有覆盖本季度的对标数据。"),
    # pareto
    "p.caption": ("{n} of {total} categories (marked ●) make up 80 % of the quarter's {count} "
                  "complaints.", "{total} 个类别中的 {n} 个（标记 ●）占本季度 {count} 件投诉的 80%。"),
    "p.category": ("Category", "类别"),
    "p.complaints": ("Complaints", "投诉数"),
    "p.share": ("Share %", "占比 %"),
    "p.cumulative": ("Cumulative %", "累计 %"),
    "p.vital": ("Vital few", "关键少数"),
    # improvements
    "i.caption": ("Open items, and items finished or dropped since the quarter began. Affected "
                  "customers and complaints are counted in each item's window; expected gain "
                  "is complaints avoided per month if the item fell back to its baseline. "
                  "Overdue items (due date passed, not done) are marked.",
                  "未完成的项目，以及本季度开始后完成或放弃的项目。受影响客户与投诉数按各项目的"
                  "时间窗口统计；预期收益为回落到基线后每月可减少的投诉数。已逾期（超过截止日期且"
                  "未完成）的项目已标出。"),
    "i.title": ("Item", "改进项"),
    "i.source": ("Source", "来源"),
    "i.window": ("Window", "时间窗口"),
    "i.affected": ("Affected customers", "受影响客户"),
    "i.complaints": ("Complaints", "投诉数"),
    "i.gain": ("Expected gain / month", "预期收益/月"),
    "i.owner": ("Owner", "负责人"),
    "i.due": ("Due", "截止日期"),
    "i.status": ("Status", "状态"),
    "i.note": ("Note", "备注"),
    "i.overdue": ("overdue", "已逾期"),
    "i.none": ("The improvement list is empty for this scope.", "此范围内的改进清单为空。"),
    "status.open": ("open", "待处理"),
    "status.in_progress": ("in progress", "进行中"),
    "status.done": ("done", "已完成"),
    "status.dropped": ("dropped", "已放弃"),
    "source.category": ("complaint category", "投诉类别"),
    "source.risk_item": ("risk item", "风险项"),
    "source.alert": ("alert", "预警"),
    "source.manual": ("by hand", "手动"),
    # about
    "about.text": ("Every figure comes from the product's query API for this quarter and scope, "
                   "the same figures the dashboard shows for these dates. Dates are calendar "
                   "days in UTC. The report was generated from data version {version}.",
                   "所有数字均来自产品查询接口在本季度和本范围下的结果，与仪表板在相同日期下显示的"
                   "数字一致。日期为 UTC 日历日。本报告基于数据版本 {version} 生成。"),
    # scope words in alert scopes
    "dim.channel": ("channel", "渠道"),
    "dim.region": ("region", "区域"),
    "dim.product": ("product", "产品"),
    "dim.touchpoint": ("touchpoint", "触点"),
    "dim.all": ("whole company", "全公司"),
    # xlsx
    "x.about": ("About", "说明"),
    "x.key": ("Item", "项目"),
    "x.value": ("Value", "值"),
    "x.quarter": ("Quarter", "季度"),
    "x.scope": ("Scope", "范围"),
    "x.generated": ("Generated (UTC)", "生成时间（UTC）"),
    "x.version": ("Data version", "数据版本"),
    "x.lang": ("Language", "语言"),
    "x.as_of": ("Data as of (UTC)", "数据截至（UTC）"),
    "x.summary": ("Summary", "摘要"),
    "x.line": ("Text", "内容"),
    "x.metric_key": ("Metric key", "指标代码"),
    "x.opened_utc": ("Opened (UTC)", "触发时间（UTC）"),
    "x.due_utc": ("Clock due (UTC)", "时限（UTC）"),
    "x.ack_utc": ("Acknowledged (UTC)", "确认时间（UTC）"),
    "x.resolved_utc": ("Resolved (UTC)", "解除时间（UTC）"),
    "x.ack_hours": ("Hours to acknowledge", "确认用时（小时）"),
    "x.resolve_hours": ("Hours to resolve", "解除用时（小时）"),
    "x.clock_hours": ("Clock (hours)", "时限（小时）"),
    "x.band_low": ("Band low", "区间下限"),
    "x.band_high": ("Band high", "区间上限"),
    "x.weakness": ("Strategic weakness", "战略短板"),
    "x.window_start": ("Window start", "窗口开始"),
    "x.window_end": ("Window end", "窗口结束"),
    "x.gain_computed": ("Computed gain / month", "计算收益/月"),
    "x.overdue": ("Overdue", "已逾期"),
}

# Phrases of warehouse.risk.matrix.drivers, in Chinese (pattern -> template on its groups).
DRIVER_PATTERNS_ZH: list[tuple[str, str]] = [
    (r"^(\d+) of (\d+) active customers complained$", "{1} 名活跃客户中有 {0} 名投诉"),
    (r"^(\d+%) of (\d+) ratings negative$", "{1} 条评分中 {0} 为负面"),
    (r"^severity mix ([\d.]+) \(0 low … 1 urgent\) \(\+([\d.]+) impact\)$",
     "严重程度构成 {0}（0 低 … 1 紧急）（影响 +{1}）"),
    (r"^high-value customers (\d+%) of those affected \(\+([\d.]+) impact\)$",
     "受影响客户中高价值客户占 {0}（影响 +{1}）"),
    (r"^escalated (\d+%) of complaints \(\+([\d.]+) impact\)$", "{0} 的投诉被升级（影响 +{1}）"),
    (r"^compensation ([\d.,]+) per complaint \(\+([\d.]+) impact\)$",
     "每件投诉赔偿 {0}（影响 +{1}）"),
]


def lang_of(lang: str | None) -> str:
    """'zh', 'zh-CN', 'zh_cn' -> 'zh'; anything English -> 'en'."""
    text = str(lang or "en").strip().lower()
    if text.startswith("zh"):
        return "zh"
    if text.startswith("en"):
        return "en"
    raise ValueError(f"unknown report language {lang!r}; use zh or en")


def text(lang: str, key: str, **kw) -> str:
    en, zh = TEXT[key]
    chosen = zh if lang == "zh" else en
    return chosen.format(**kw) if kw else chosen
