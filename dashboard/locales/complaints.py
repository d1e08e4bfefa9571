"""UI text of the Complaints page."""

STRINGS = {
    "complaints.title": {"en": "Complaints", "zh-CN": "投诉分析"},
    "complaints.caption": {
        "en": "Service levels, escalations, repeat complaints and the few causes behind most of them.",
        "zh-CN": "服务时效、升级、重复投诉，以及造成大多数投诉的少数原因。",
    },
    "complaints.sla": {"en": "SLA compliance by severity", "zh-CN": "各严重度的 SLA 达成率"},
    "complaints.sla_first": {"en": "First contact in time", "zh-CN": "首次响应及时"},
    "complaints.sla_resolution": {"en": "Resolved in time", "zh-CN": "按时解决"},
    "complaints.sla_axis": {"en": "Share of tickets (%)", "zh-CN": "工单占比（%）"},
    "complaints.severity": {"en": "Severity", "zh-CN": "严重度"},
    "complaints.escalation_rate": {"en": "Escalation rate", "zh-CN": "升级率"},
    "complaints.fcr_rate": {"en": "First-contact resolution", "zh-CN": "首次接触解决率"},
    "complaints.repeat_rate": {"en": "Repeat complaints (30 days)", "zh-CN": "重复投诉（30 天）"},
    "complaints.total": {"en": "Complaints", "zh-CN": "投诉量"},
    "complaints.escalations": {"en": "Escalations and first-contact resolution by channel",
                               "zh-CN": "各渠道升级率与首次接触解决率"},
    "complaints.repeat": {"en": "Repeat complaints", "zh-CN": "重复投诉"},
    "complaints.repeat_help": {
        "en": "Same customer, same category, within 30 days of an earlier complaint.",
        "zh-CN": "同一客户、同一类别、在上一次投诉后 30 天内再次投诉。",
    },
    "complaints.pareto": {"en": "Pareto of complaint categories", "zh-CN": "投诉类别帕累托图"},
    "complaints.pareto_count": {"en": "Complaints", "zh-CN": "投诉量"},
    "complaints.pareto_unknown": {"en": "unknown", "zh-CN": "未知"},
    "complaints.pareto_cum": {"en": "Cumulative share (%)", "zh-CN": "累计占比（%）"},
    "complaints.pareto_80": {"en": "80 %", "zh-CN": "80%"},
    "complaints.pareto_vital": {
        "en": "{n} of {total} categories cause 80 % of complaints.",
        "zh-CN": "{total} 个类别中的 {n} 个造成了 80% 的投诉。",
    },
    "complaints.search": {"en": "Search complaint text", "zh-CN": "搜索投诉内容"},
    "complaints.open": {"en": "Open tickets and their SLA clock", "zh-CN": "未结工单及其 SLA 时钟"},
    "complaints.open_help": {
        "en": "Until the first answer the response clock runs (shorter for urgent tickets), then "
        "the resolution clock (longer for complex or escalated ones), from the data's newest "
        "time. Sort by any column; the download holds every open ticket in scope.",
        "zh-CN": "首次响应前计响应时钟（紧急工单更短），之后计解决时钟（复杂或已升级工单更长），"
        "以数据最新时间为准。可按任一列排序；下载包含权限范围内的全部未结工单。",
    },
    "complaints.open_none": {"en": "No open tickets in these filters.", "zh-CN": "筛选范围内没有未结工单。"},
    "complaints.open_count": {
        "en": "Showing {shown} of {total} open tickets, most urgent first; {overdue} overdue.",
        "zh-CN": "显示 {total} 张未结工单中的 {shown} 张（最紧急在前）；已超时 {overdue} 张。",
    },
    "complaints.clock_response": {"en": "First response", "zh-CN": "首次响应"},
    "complaints.clock_resolution": {"en": "Resolution", "zh-CN": "解决"},
    "complaints.overdue_by": {"en": "overdue by {d}", "zh-CN": "已超时 {d}"},
    "complaints.due_in": {"en": "{d} left", "zh-CN": "剩余 {d}"},
    "complaints.search_placeholder": {
        "en": "a word in the description, a ticket or customer id…",
        "zh-CN": "描述中的词语、工单号或客户编号…",
    },
    "complaints.search_count": {
        "en": "Showing {n} of {total} complaints, newest first; the download holds all {total}.",
        "zh-CN": "显示 {total} 条投诉中的 {n} 条（最新在前）；下载包含全部 {total} 条。",
    },
    "complaints.none": {
        "en": "No complaints match these filters. Widen the date range or clear a filter.",
        "zh-CN": "没有符合筛选条件的投诉。请扩大日期范围或清除筛选。",
    },
    "complaints.unavailable": {
        "en": "Complaint figures are not available yet; load complaint tickets on the Data page.",
        "zh-CN": "暂无投诉数据；请在「数据」页面上传投诉工单。",
    },
}
