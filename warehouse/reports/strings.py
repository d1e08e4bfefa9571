"""The report's words in English and Chinese; metric names come from the KPI glossary."""

from __future__ import annotations

LANGS = ("en", "zh")

TEXT: dict[str, dict[str, str]] = {
    "title": {
        "en": "Quarterly risk review",
        "zh": "季度风险评估报告",
    },
    "period": {
        "en": "{quarter} · {start} – {end}",
        "zh": "{quarter} · {start} 至 {end}",
    },
    "scope.company": {
        "en": "Whole company",
        "zh": "全公司",
    },
    "scope.user": {
        "en": "Scope of {name}: {parts}",
        "zh": "{name} 的负责范围：{parts}",
    },
    "scope.channels": {
        "en": "channels {values}",
        "zh": "渠道 {values}",
    },
    "scope.regions": {
        "en": "regions {values}",
        "zh": "区域 {values}",
    },
    "scope.none": {
        "en": "no channel or region assigned",
        "zh": "未分配渠道或区域",
    },
    "generated": {
        "en": "Generated {at} ({zone}) · data version {version} · data as of {as_of}",
        "zh": "生成于 {at}（{zone}）· 数据版本 {version} · 数据截至 {as_of}",
    },
    "page": {
        "en": "Page",
        "zh": "第",
    },
    "no_data": {
        "en": ("There is no survey or complaint data for {quarter} in this "
                       "scope, so this report has no figures. Choose a quarter that the "
                       "loaded data covers."),
        "zh": "{quarter} 在此范围内没有调查或投诉数据，因此本报告没有数据。请选择已加载数据覆盖的季度。",
    },
    "none": {
        "en": "None in this quarter.",
        "zh": "本季度无。",
    },
    "s.summary": {
        "en": "Executive summary",
        "zh": "执行摘要",
    },
    "s.kpis": {
        "en": "KPI summary",
        "zh": "关键指标概览",
    },
    "s.risk": {
        "en": "Risk matrix",
        "zh": "风险矩阵",
    },
    "s.alerts": {
        "en": "Alerts of the quarter",
        "zh": "本季度预警",
    },
    "s.benchmarks": {
        "en": "Competitor benchmarks",
        "zh": "竞争对手对标",
    },
    "s.weaknesses": {
        "en": "Strategic weaknesses (gap over 15 %)",
        "zh": "战略短板（差距超过 15%）",
    },
    "s.pareto": {
        "en": "Pareto of complaint categories",
        "zh": "投诉类别帕累托分析",
    },
    "s.improvements": {
        "en": "Improvement list",
        "zh": "改进清单",
    },
    "s.about": {
        "en": "About this report",
        "zh": "关于本报告",
    },
    "sum.headline": {
        "en": "Headline figures against the previous quarter",
        "zh": "核心指标（与上季度相比）",
    },
    "sum.risks": {
        "en": "The three largest risks",
        "zh": "三大风险",
    },
    "sum.no_risks": {
        "en": "No risk item, alert or benchmark gap stands out in this quarter.",
        "zh": "本季度没有突出的风险项、预警或对标差距。",
    },
    "sum.alerts": {
        "en": "{n} alerts were active in the quarter ({red} red); {open} are still open.",
        "zh": "本季度共有 {n} 条预警（红色 {red} 条）；仍有 {open} 条未关闭。",
    },
    "sum.improvements": {
        "en": "The improvement list holds {n} open items; {overdue} are overdue.",
        "zh": "改进清单中有 {n} 项未完成，其中 {overdue} 项已逾期。",
    },
    "sum.vital": {
        "en": ("{n} of {total} complaint categories make up 80 % of complaints; "
                       "“{top}” alone is {share} %."),
        "zh": "{total} 个投诉类别中的 {n} 个占投诉总量的 80%；仅“{top}”就占 {share}%。",
    },
    "risk.alert": {
        "en": ("{rule} — {scope}: {value} against a limit of {limit} from "
                       "{opened} ({level}, response level {response}, led by the "
                       "{lead}); {outcome}"),
        "zh": ("{rule}（{scope}）：自 {opened} 起为 "
                       "{value}，限值 {limit}（{level}，响应级别 "
                       "{response}，由{lead}牵头）；{outcome}"),
    },
    "risk.alert.open": {
        "en": "still open.",
        "zh": "仍未关闭。",
    },
    "risk.alert.resolved": {
        "en": "resolved on {resolved}; {recovery}",
        "zh": "已于 {resolved} 解除；{recovery}",
    },
    "risk.item": {
        "en": ("{label} is the highest-scoring item on the risk matrix "
                       "({quadrant}): probability {p}, impact {i} of 5, {affected} "
                       "customers affected; main driver: {driver}."),
        "zh": ("{label} 是风险矩阵中风险值最高的项（{quadrant}）：可能性 "
                       "{p}，影响 {i}（满分 5），受影响客户 {affected} "
                       "名；主要驱动因素：{driver}。"),
    },
    "risk.item.next": {
        "en": ("{label} follows on the risk matrix ({quadrant}): probability "
                       "{p}, impact {i} of 5, {affected} customers affected."),
        "zh": "{label} 紧随其后（{quadrant}）：可能性 {p}，影响 {i}（满分 5），受影响客户 {affected} 名。",
    },
    "risk.gap": {
        "en": ("{metric}{at}: ours {ours} against {competitor} {theirs} ({gap} "
                       "%), a strategic weakness."),
        "zh": "{metric}{at}：我方 {ours}，{competitor} 为 {theirs}（差距 {gap}%），属于战略短板。",
    },
    "risk.gap.at": {
        "en": " at {touchpoint}",
        "zh": "（{touchpoint}）",
    },
    "risk.kpi": {
        "en": "{metric} moved from {before} to {after} against the previous quarter.",
        "zh": "{metric} 由上季度的 {before} 变为 {after}。",
    },
    "recovered.yes": {
        "en": "satisfaction recovered to its pre-incident level.",
        "zh": "满意度已恢复到事件前水平。",
    },
    "recovered.no": {
        "en": "satisfaction has not recovered to its pre-incident level.",
        "zh": "满意度尚未恢复到事件前水平。",
    },
    "recovered.unknown": {
        "en": "recovery to the pre-incident level is not known yet.",
        "zh": "是否恢复到事件前水平尚不可知。",
    },
    "kpi.metric": {
        "en": "Metric",
        "zh": "指标",
    },
    "kpi.value": {
        "en": "{quarter}",
        "zh": "{quarter}",
    },
    "kpi.previous": {
        "en": "Previous quarter ({quarter})",
        "zh": "上季度（{quarter}）",
    },
    "kpi.year_ago": {
        "en": "Same quarter last year ({quarter})",
        "zh": "去年同期（{quarter}）",
    },
    "kpi.delta": {
        "en": "Change",
        "zh": "变化",
    },
    "kpi.n": {
        "en": "n",
        "zh": "样本数",
    },
    "kpi.note": {
        "en": ("Changes are this quarter minus the compared quarter; green is "
                       "better, red worse. “—”: no data. The complaint rate is per "
                       "1,000 {basis}; it is compared only on the same basis."),
        "zh": "变化 = 本季度减去对比季度；绿色表示改善，红色表示变差。“—”：无数据。投诉率为每千{basis}，仅在相同口径下比较。",
    },
    "basis.orders": {
        "en": "orders",
        "zh": "订单",
    },
    "basis.active_customers_30d": {
        "en": "active customers",
        "zh": "活跃客户",
    },
    "kpi.trend": {
        "en": "Composite index, NPS and CSAT by month (the report's quarter shaded)",
        "zh": "综合指数、NPS 与满意度月度走势（阴影为本报告季度）",
    },
    "chart.month": {
        "en": "Month",
        "zh": "月份",
    },
    "risk.picture": {
        "en": ("Every risk item (touchpoint, complaint category or touchpoint × "
                       "region) sits in the cell of its probability and impact band; "
                       "each cell shows how many items it holds and the ranks (#) of "
                       "the top items in the table below. Quadrants: act now (high "
                       "probability, high impact), prepare contingency plans (low, "
                       "high), automate and iterate (high, low), watch (low, low)."),
        "zh": ("每个风险项（触点、投诉类别或触点 × 区域）按其可能性和影响等级落在对应单元格；"
                       "单元格显示其中的风险项数量以及下表中排名靠前项的排名（#）。象限：立即行动（高可"
                       "能性、高影响）、制定应急预案（低、高）、自动化并持续改进（高、低）、持续观察（低"
                       "、低）。"),
    },
    "risk.top": {
        "en": "Top {n} items by score (probability × impact)",
        "zh": "风险值（可能性 × 影响）最高的 {n} 项",
    },
    "risk.rank": {
        "en": "#",
        "zh": "排名",
    },
    "risk.label": {
        "en": "Item",
        "zh": "风险项",
    },
    "risk.type": {
        "en": "Type",
        "zh": "类型",
    },
    "risk.probability": {
        "en": "Probability",
        "zh": "可能性",
    },
    "risk.impact": {
        "en": "Impact (1–5)",
        "zh": "影响（1–5）",
    },
    "risk.score": {
        "en": "Score",
        "zh": "风险值",
    },
    "risk.quadrant": {
        "en": "Quadrant",
        "zh": "象限",
    },
    "risk.affected": {
        "en": "Affected customers",
        "zh": "受影响客户",
    },
    "risk.drivers": {
        "en": "Drivers",
        "zh": "驱动因素",
    },
    "risk.owner": {
        "en": "Owner",
        "zh": "负责人",
    },
    "risk.status": {
        "en": "Mitigation",
        "zh": "缓解状态",
    },
    "risk.axis.probability": {
        "en": "Probability (1 rare … 5 frequent)",
        "zh": "可能性（1 罕见 … 5 频繁）",
    },
    "risk.axis.impact": {
        "en": "Impact (1 minor … 5 severe)",
        "zh": "影响（1 轻微 … 5 严重）",
    },
    "type.touchpoint": {
        "en": "touchpoint",
        "zh": "触点",
    },
    "type.category": {
        "en": "complaint category",
        "zh": "投诉类别",
    },
    "type.touchpoint_region": {
        "en": "touchpoint × region",
        "zh": "触点 × 区域",
    },
    "quadrant.act_now": {
        "en": "act now",
        "zh": "立即行动",
    },
    "quadrant.prepare": {
        "en": "prepare contingency plans",
        "zh": "制定应急预案",
    },
    "quadrant.automate": {
        "en": "automate and iterate",
        "zh": "自动化并持续改进",
    },
    "quadrant.watch": {
        "en": "watch",
        "zh": "持续观察",
    },
    "mitigation.open": {
        "en": "open",
        "zh": "待处理",
    },
    "mitigation.in_progress": {
        "en": "in progress",
        "zh": "处理中",
    },
    "mitigation.mitigated": {
        "en": "mitigated",
        "zh": "已缓解",
    },
    "mitigation.accepted": {
        "en": "accepted",
        "zh": "已接受",
    },
    "alerts.caption": {
        "en": ("Alerts active at any time in the quarter. The clock is the "
                       "first task of the response level (from the alert or its "
                       "escalation); time to acknowledge is measured against it. Times "
                       "in {zone}."),
        "zh": "本季度内任何时间处于活动状态的预警。时限为响应级别的第一项任务（自预警或升级时起算）；确认用时与之比较。时间为 {zone}。",
    },
    "alerts.stats": {
        "en": ("{n} alerts; acknowledged within the clock: {met} of {n}; "
                       "resolved: {resolved}; median time to resolve {median}; "
                       "recovered to baseline: {recovered} of {resolved}."),
        "zh": ("共 {n} 条预警；在时限内确认：{met}/{n}；已解除：{resolved"
                       "}；解除用时中位数 "
                       "{median}；恢复到基线：{recovered}/{resolved}。"),
    },
    "alerts.timeline": {
        "en": ("Alerts over the quarter (bar: opened → resolved, or to the end "
                       "of the quarter while open)"),
        "zh": "本季度预警时间线（条形：触发 → 解除；未解除的延至季度末）",
    },
    "a.id": {
        "en": "ID",
        "zh": "编号",
    },
    "a.rule": {
        "en": "Rule",
        "zh": "规则",
    },
    "a.scope": {
        "en": "Scope",
        "zh": "范围",
    },
    "a.level": {
        "en": "Level",
        "zh": "级别",
    },
    "a.response": {
        "en": "Response",
        "zh": "响应级别",
    },
    "a.opened": {
        "en": "Opened",
        "zh": "触发时间",
    },
    "a.clock": {
        "en": "Clock",
        "zh": "时限",
    },
    "a.ack": {
        "en": "Acknowledged after",
        "zh": "确认用时",
    },
    "a.ack_ok": {
        "en": "Within clock",
        "zh": "是否在时限内",
    },
    "a.resolved": {
        "en": "Resolved after",
        "zh": "解除用时",
    },
    "a.recovered": {
        "en": "Recovered",
        "zh": "已恢复",
    },
    "a.state": {
        "en": "State",
        "zh": "状态",
    },
    "level.red": {
        "en": "red",
        "zh": "红色",
    },
    "level.yellow": {
        "en": "yellow",
        "zh": "黄色",
    },
    "state.firing": {
        "en": "firing",
        "zh": "触发中",
    },
    "state.acknowledged": {
        "en": "acknowledged",
        "zh": "已确认",
    },
    "state.resolved": {
        "en": "resolved",
        "zh": "已解除",
    },
    "yes": {
        "en": "yes",
        "zh": "是",
    },
    "no": {
        "en": "no",
        "zh": "否",
    },
    "not_acknowledged": {
        "en": "not acknowledged",
        "zh": "未确认",
    },
    "still_open": {
        "en": "open",
        "zh": "未解除",
    },
    "lead.IV": {
        "en": "service team",
        "zh": "客服团队",
    },
    "lead.III": {
        "en": "department head",
        "zh": "部门负责人",
    },
    "lead.II": {
        "en": "incident group",
        "zh": "事件处置小组",
    },
    "lead.I": {
        "en": "chief executive",
        "zh": "最高管理者",
    },
    "b.caption": {
        "en": ("Our value in the quarter against each competitor's and the "
                       "industry's average over its months. Gap: how far we are behind "
                       "(−) or ahead (+) of the best competitor, in % of their value; "
                       "the band is the industry mean ± 1.5 σ in the quarter's last "
                       "month."),
        "zh": ("本季度我方数值与各竞争对手及行业在该季度各月平均值的对比。差距：落后（−）或领先"
                       "（+）最佳竞争对手的幅度，以对方数值的百分比表示；区间为该季度最后一个月的行业均"
                       "值 ± 1.5σ。"),
    },
    "b.metric": {
        "en": "Metric",
        "zh": "指标",
    },
    "b.touchpoint": {
        "en": "Touchpoint",
        "zh": "触点",
    },
    "b.ours": {
        "en": "Ours",
        "zh": "我方",
    },
    "b.best": {
        "en": "Best competitor",
        "zh": "最佳竞争对手",
    },
    "b.best_value": {
        "en": "Their value",
        "zh": "对方数值",
    },
    "b.gap_best": {
        "en": "Gap to best %",
        "zh": "与最佳差距 %",
    },
    "b.industry": {
        "en": "Industry",
        "zh": "行业",
    },
    "b.gap_industry": {
        "en": "Gap to industry %",
        "zh": "与行业差距 %",
    },
    "b.band": {
        "en": "Industry band",
        "zh": "行业区间",
    },
    "b.competitor": {
        "en": "Competitor",
        "zh": "竞争对手",
    },
    "b.theirs": {
        "en": "Their value",
        "zh": "对方数值",
    },
    "b.gap": {
        "en": "Gap %",
        "zh": "差距 %",
    },
    "b.overall": {
        "en": "overall",
        "zh": "整体",
    },
    "b.chart": {
        "en": ("Gap to the best competitor per metric and touchpoint (below −15 "
                       "%: strategic weakness)"),
        "zh": "各指标与触点相对最佳竞争对手的差距（低于 −15% 为战略短板）",
    },
    "b.none": {
        "en": "No benchmark data covers this quarter.",
        "zh": "没有覆盖本季度的对标数据。",
    },
    "p.caption": {
        "en": ("{n} of {total} categories (marked ●) make up 80 % of the "
                       "quarter's {count} complaints."),
        "zh": "{total} 个类别中的 {n} 个（标记 ●）占本季度 {count} 件投诉的 80%。",
    },
    "p.category": {
        "en": "Category",
        "zh": "类别",
    },
    "p.complaints": {
        "en": "Complaints",
        "zh": "投诉数",
    },
    "p.share": {
        "en": "Share %",
        "zh": "占比 %",
    },
    "p.cumulative": {
        "en": "Cumulative %",
        "zh": "累计 %",
    },
    "p.vital": {
        "en": "Vital few",
        "zh": "关键少数",
    },
    "i.caption": {
        "en": ("Open items, and items finished or dropped since the quarter "
                       "began. Affected customers and complaints are counted in each "
                       "item's window; expected gain is complaints avoided per month if "
                       "the item fell back to its baseline. Overdue items (due date "
                       "passed, not done) are marked."),
        "zh": ("未完成的项目，以及本季度开始后完成或放弃的项目。受影响客户与投诉数按各项目的时间"
                       "窗口统计；预期收益为回落到基线后每月可减少的投诉数。已逾期（超过截止日期且未完成"
                       "）的项目已标出。"),
    },
    "i.title": {
        "en": "Item",
        "zh": "改进项",
    },
    "i.source": {
        "en": "Source",
        "zh": "来源",
    },
    "i.window": {
        "en": "Window",
        "zh": "时间窗口",
    },
    "i.affected": {
        "en": "Affected customers",
        "zh": "受影响客户",
    },
    "i.complaints": {
        "en": "Complaints",
        "zh": "投诉数",
    },
    "i.gain": {
        "en": "Expected gain / month",
        "zh": "预期收益/月",
    },
    "i.owner": {
        "en": "Owner",
        "zh": "负责人",
    },
    "i.due": {
        "en": "Due",
        "zh": "截止日期",
    },
    "i.status": {
        "en": "Status",
        "zh": "状态",
    },
    "i.note": {
        "en": "Note",
        "zh": "备注",
    },
    "i.overdue": {
        "en": "overdue",
        "zh": "已逾期",
    },
    "i.none": {
        "en": "The improvement list is empty for this scope.",
        "zh": "此范围内的改进清单为空。",
    },
    "status.open": {
        "en": "open",
        "zh": "待处理",
    },
    "status.in_progress": {
        "en": "in progress",
        "zh": "进行中",
    },
    "status.done": {
        "en": "done",
        "zh": "已完成",
    },
    "status.dropped": {
        "en": "dropped",
        "zh": "已放弃",
    },
    "source.category": {
        "en": "complaint category",
        "zh": "投诉类别",
    },
    "source.risk_item": {
        "en": "risk item",
        "zh": "风险项",
    },
    "source.alert": {
        "en": "alert",
        "zh": "预警",
    },
    "source.manual": {
        "en": "by hand",
        "zh": "手动",
    },
    "about.text": {
        "en": ("Every figure comes from the product's query API for this "
                       "quarter and scope, the same figures the dashboard shows for "
                       "these dates. Dates are calendar days in UTC. The report was "
                       "generated from data version {version}."),
        "zh": "所有数字均来自产品查询接口在本季度和本范围下的结果，与仪表板在相同日期下显示的数字一致。日期为 UTC 日历日。本报告基于数据版本 {version} 生成。",
    },
    "dim.channel": {
        "en": "channel",
        "zh": "渠道",
    },
    "dim.region": {
        "en": "region",
        "zh": "区域",
    },
    "dim.product": {
        "en": "product",
        "zh": "产品",
    },
    "dim.touchpoint": {
        "en": "touchpoint",
        "zh": "触点",
    },
    "dim.all": {
        "en": "whole company",
        "zh": "全公司",
    },
    "x.about": {
        "en": "About",
        "zh": "说明",
    },
    "x.key": {
        "en": "Item",
        "zh": "项目",
    },
    "x.value": {
        "en": "Value",
        "zh": "值",
    },
    "x.quarter": {
        "en": "Quarter",
        "zh": "季度",
    },
    "x.scope": {
        "en": "Scope",
        "zh": "范围",
    },
    "x.generated": {
        "en": "Generated (UTC)",
        "zh": "生成时间（UTC）",
    },
    "x.version": {
        "en": "Data version",
        "zh": "数据版本",
    },
    "x.lang": {
        "en": "Language",
        "zh": "语言",
    },
    "x.as_of": {
        "en": "Data as of (UTC)",
        "zh": "数据截至（UTC）",
    },
    "x.summary": {
        "en": "Summary",
        "zh": "摘要",
    },
    "x.line": {
        "en": "Text",
        "zh": "内容",
    },
    "x.metric_key": {
        "en": "Metric key",
        "zh": "指标代码",
    },
    "x.opened_utc": {
        "en": "Opened (UTC)",
        "zh": "触发时间（UTC）",
    },
    "x.due_utc": {
        "en": "Clock due (UTC)",
        "zh": "时限（UTC）",
    },
    "x.ack_utc": {
        "en": "Acknowledged (UTC)",
        "zh": "确认时间（UTC）",
    },
    "x.resolved_utc": {
        "en": "Resolved (UTC)",
        "zh": "解除时间（UTC）",
    },
    "x.ack_hours": {
        "en": "Hours to acknowledge",
        "zh": "确认用时（小时）",
    },
    "x.resolve_hours": {
        "en": "Hours to resolve",
        "zh": "解除用时（小时）",
    },
    "x.clock_hours": {
        "en": "Clock (hours)",
        "zh": "时限（小时）",
    },
    "x.band_low": {
        "en": "Band low",
        "zh": "区间下限",
    },
    "x.band_high": {
        "en": "Band high",
        "zh": "区间上限",
    },
    "x.weakness": {
        "en": "Strategic weakness",
        "zh": "战略短板",
    },
    "x.window_start": {
        "en": "Window start",
        "zh": "窗口开始",
    },
    "x.window_end": {
        "en": "Window end",
        "zh": "窗口结束",
    },
    "x.gain_computed": {
        "en": "Computed gain / month",
        "zh": "计算收益/月",
    },
    "x.overdue": {
        "en": "Overdue",
        "zh": "已逾期",
    },
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
    chosen = TEXT[key]["zh" if lang == "zh" else "en"]
    return chosen.format(**kw) if kw else chosen
