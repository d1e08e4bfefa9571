"""Strings of the Improvements and Reports pages."""

STRINGS = {
    "nav.review": {"en": "Review", "zh-CN": "评估"},
    "nav.improvements": {"en": "Improvements", "zh-CN": "改进清单"},
    "nav.reports": {"en": "Reports", "zh-CN": "报告"},
    # improvements
    "improvements.add_from_here": {"en": "Add to the improvement list",
                                   "zh-CN": "加入改进清单"},
    "improvements.open_list": {"en": "Open the improvement list", "zh-CN": "查看改进清单"},
    "improvements.pick_category": {"en": "Complaint category to improve",
                                   "zh-CN": "要改进的投诉类别"},
    "improvements.title": {"en": "Improvement list", "zh-CN": "改进清单"},
    "improvements.caption": {
        "en": "What the quarterly risk review ends with: each item's affected customers, "
              "complaints and expected gain (complaints avoided per month if it fell back to "
              "its baseline, the median of the six months before) are computed; owner, due date "
              "and status are yours. New items from a category or risk item count over the "
              "sidebar's period ({window}).",
        "zh-CN": "季度风险评估的落脚点：每项的受影响客户、投诉数和预期收益（回落到基线——前六个月"
                 "的中位数——后每月可减少的投诉数）由系统计算；负责人、截止日期和状态由您填写。"
                 "从类别或风险项新建的条目按侧边栏的时间范围（{window}）统计。",
    },
    "improvements.add": {"en": "Add an item", "zh-CN": "新增改进项"},
    "improvements.from.category": {"en": "From the Pareto", "zh-CN": "来自帕累托"},
    "improvements.from.risk_item": {"en": "From the risk matrix", "zh-CN": "来自风险矩阵"},
    "improvements.from.alert": {"en": "From an alert", "zh-CN": "来自预警"},
    "improvements.from.manual": {"en": "By hand", "zh-CN": "手动新增"},
    "improvements.pick": {"en": "Choose one", "zh-CN": "请选择"},
    "improvements.add_button": {"en": "Add to the list", "zh-CN": "加入清单"},
    "improvements.added": {"en": "Added “{title}” to the list.", "zh-CN": "已将“{title}”加入清单。"},
    "improvements.nothing": {"en": "Nothing to choose from in this period and scope.",
                             "zh-CN": "此时间范围和权限范围内没有可选项。"},
    "improvements.empty": {"en": "The list is empty. Add an item from the Pareto, the risk "
                                 "matrix or an alert above.",
                           "zh-CN": "清单为空。可从上方的帕累托、风险矩阵或预警新增。"},
    "improvements.read_only": {"en": "Your role reads the list; analysts and department heads "
                                     "edit it.",
                               "zh-CN": "您的角色只能查看清单；分析师和部门负责人可以编辑。"},
    "improvements.list": {"en": "Items ({n}, {overdue} overdue)",
                          "zh-CN": "改进项（{n} 项，{overdue} 项逾期）"},
    "improvements.item": {"en": "Item", "zh-CN": "改进项"},
    "improvements.edit": {"en": "Edit the chosen item", "zh-CN": "编辑所选改进项"},
    "improvements.save": {"en": "Save", "zh-CN": "保存"},
    "improvements.recount": {"en": "Count again", "zh-CN": "重新统计"},
    "improvements.failed": {"en": "Not saved: {reason}", "zh-CN": "未保存：{reason}"},
    "improvements.history": {"en": "History", "zh-CN": "变更历史"},
    "improvements.overdue": {"en": "overdue", "zh-CN": "已逾期"},
    "improvements.col.title": {"en": "Item", "zh-CN": "改进项"},
    "improvements.col.source": {"en": "Source", "zh-CN": "来源"},
    "improvements.col.window": {"en": "Window", "zh-CN": "时间窗口"},
    "improvements.col.affected": {"en": "Affected customers", "zh-CN": "受影响客户"},
    "improvements.col.complaints": {"en": "Complaints", "zh-CN": "投诉数"},
    "improvements.col.gain": {"en": "Expected gain / month", "zh-CN": "预期收益/月"},
    "improvements.col.owner": {"en": "Owner", "zh-CN": "负责人"},
    "improvements.col.due": {"en": "Due", "zh-CN": "截止日期"},
    "improvements.col.status": {"en": "Status", "zh-CN": "状态"},
    "improvements.col.note": {"en": "Note", "zh-CN": "备注"},
    "improvements.col.changed_by": {"en": "Changed by", "zh-CN": "修改人"},
    "improvements.col.changed_at": {"en": "When", "zh-CN": "时间"},
    "improvements.col.change": {"en": "Change", "zh-CN": "变更"},
    "improvements.status.open": {"en": "open", "zh-CN": "待处理"},
    "improvements.status.in_progress": {"en": "in progress", "zh-CN": "进行中"},
    "improvements.status.done": {"en": "done", "zh-CN": "已完成"},
    "improvements.status.dropped": {"en": "dropped", "zh-CN": "已放弃"},
    "improvements.source.category": {"en": "complaint category", "zh-CN": "投诉类别"},
    "improvements.source.risk_item": {"en": "risk item", "zh-CN": "风险项"},
    "improvements.source.alert": {"en": "alert", "zh-CN": "预警"},
    "improvements.source.manual": {"en": "by hand", "zh-CN": "手动"},
    # reports
    "reports.title": {"en": "Reports", "zh-CN": "报告"},
    "reports.caption": {
        "en": "The quarterly risk review as PDF (to forward) or XLSX (to pivot): executive "
              "summary, KPIs against the previous quarter and last year, risk matrix, alerts "
              "with their response times, benchmark gaps, Pareto and the improvement list. A "
              "department head's report holds only their scope.",
        "zh-CN": "季度风险评估报告，PDF（便于转发）或 XLSX（便于透视分析）：执行摘要、与上季度及"
                 "去年同期对比的关键指标、风险矩阵、预警及响应用时、对标差距、帕累托与改进清单。"
                 "部门负责人的报告只包含其负责范围。",
    },
    "reports.quarter": {"en": "Quarter", "zh-CN": "季度"},
    "reports.partial": {"en": "{quarter} (so far)", "zh-CN": "{quarter}（截至目前）"},
    "reports.scope": {"en": "Scope", "zh-CN": "范围"},
    "reports.company": {"en": "Whole company", "zh-CN": "全公司"},
    "reports.lang": {"en": "Language", "zh-CN": "语言"},
    "reports.format": {"en": "Format", "zh-CN": "格式"},
    "reports.generate": {"en": "Generate", "zh-CN": "生成报告"},
    "reports.generating": {"en": "Generating the {quarter} report…", "zh-CN": "正在生成 {quarter} 报告…"},
    "reports.ready": {"en": "{name} is ready ({size}, {seconds} s).",
                      "zh-CN": "{name} 已生成（{size}，{seconds} 秒）。"},
    "reports.no_data": {"en": "There is no data for {quarter} in this scope: the report says so.",
                        "zh-CN": "{quarter} 在此范围内没有数据：报告中已注明。"},
    "reports.download": {"en": "Download {name}", "zh-CN": "下载 {name}"},
    "reports.failed": {"en": "The report could not be generated: {reason}",
                       "zh-CN": "报告生成失败：{reason}"},
    "reports.past": {"en": "Reports generated so far", "zh-CN": "已生成的报告"},
    "reports.none": {"en": "No report has been generated yet.", "zh-CN": "尚未生成任何报告。"},
    "reports.pick": {"en": "Report to download", "zh-CN": "要下载的报告"},
    "reports.col.quarter": {"en": "Quarter", "zh-CN": "季度"},
    "reports.col.scope": {"en": "Scope", "zh-CN": "范围"},
    "reports.col.lang": {"en": "Language", "zh-CN": "语言"},
    "reports.col.format": {"en": "Format", "zh-CN": "格式"},
    "reports.col.version": {"en": "Data version", "zh-CN": "数据版本"},
    "reports.col.by": {"en": "Generated by", "zh-CN": "生成人"},
    "reports.col.at": {"en": "Generated at", "zh-CN": "生成时间"},
    "reports.col.size": {"en": "Size", "zh-CN": "大小"},
    "reports.col.seconds": {"en": "Seconds", "zh-CN": "耗时（秒）"},
}
