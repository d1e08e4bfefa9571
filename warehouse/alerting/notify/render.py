"""Notification messages in the target's language: what breached, where, by how much, the clock, a link."""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from warehouse.config import app_settings

TEXT = {
    "en": {
        "opened": "{level} alert", "escalated": "Escalated to {level}", "resolved": "Resolved",
        "overdue": "Overdue: {task}", "assigned": "Assigned to you", "test": "Test message",
        "red": "RED", "yellow": "YELLOW",
        "what": "What: {rule}", "where": "Where: {scope}",
        "value": "Value {value} against the {level} limit {limit}: {side} by {diff}{pct}.",
        "over": "over", "under": "under",
        "value_only": "Value {value}.",
        "response": "Response level {code} ({name}, led by {lead}):",
        "clock_due": "  - {task}: due {due} ({left})",
        "left_in": "in {span}", "left_over": "overdue by {span}",
        "opened_at": "Opened {at}.", "resolved_at": "Back inside since {at}.",
        "recovered": "Back at the pre-incident level.",
        "not_recovered": "Not yet back at the pre-incident level.",
        "acked": "Acknowledged by {user} at {at}.", "not_acked": "Nobody has acknowledged it yet.",
        "link": "Open in the app: {url}", "times": "Times in {zone}.",
        "assignment": "Owner: {owner}. Due: {due}. Note: {note}. Assigned by {by}.",
        "company": "company-wide", "none": "—",
        "digest_title": "Alert digest {day}: {open} open ({red} red)",
        "digest_open": "Open alerts ({n}):", "digest_none_open": "No open alerts.",
        "digest_changed": "Changed in the last 24 h:", "digest_no_change": "Nothing changed in the last 24 h.",
        "digest_line": "  - [{level}] #{id} {rule} · {scope} · opened {at} · level {code}, {due}",
        "digest_change": "  - {event}: #{id} {rule} · {scope} ({at})",
        "ev_opened": "opened", "ev_escalated": "escalated", "ev_resolved": "resolved",
        "test_body": "This is a test from CX Risk Monitor for the target {name}. If you read "
                     "this, alerts will reach you here.",
        "report": "Quarterly risk report {quarter}",
        "report_body": "The quarterly risk report for {quarter} ({scope}) is attached as a PDF: "
                       "the executive summary, key figures against the previous quarter and a "
                       "year before, the risk matrix, the quarter's alerts, benchmark gaps and "
                       "the improvement list.",
        "report_company": "the whole company", "report_scope": "the scope of {user}",
        "improvement_overdue": "Overdue improvement: {title}",
        "improvement_body": "The improvement item #{id} \u201c{title}\u201d was due on {due} and is "
                            "{status}. Owner: {owner}.",
        "improvement_status_open": "still open", "improvement_status_in_progress": "in progress",
    },
    "zh": {
        "opened": "{level}预警", "escalated": "升级为{level}预警", "resolved": "预警解除",
        "overdue": "超时提醒：{task}", "assigned": "预警已指派给您", "test": "测试消息",
        "red": "红色", "yellow": "黄色",
        "what": "预警规则：{rule}", "where": "范围：{scope}",
        "value": "当前值 {value}，{level}阈值 {limit}：{side} {diff}{pct}。",
        "over": "超出", "under": "低于阈值",
        "value_only": "当前值 {value}。",
        "response": "响应等级 {code}（{name}，由{lead}牵头）：",
        "clock_due": "  - {task}：截止 {due}（{left}）",
        "left_in": "剩余 {span}", "left_over": "已超时 {span}",
        "opened_at": "触发时间 {at}。", "resolved_at": "自 {at} 起恢复正常。",
        "recovered": "已恢复到事发前水平。", "not_recovered": "尚未恢复到事发前水平。",
        "acked": "{user} 已于 {at} 确认。", "not_acked": "尚无人确认。",
        "link": "在系统中查看：{url}", "times": "时间为 {zone} 时区。",
        "assignment": "负责人：{owner}。截止：{due}。说明：{note}。指派人：{by}。",
        "company": "全公司", "none": "—",
        "digest_title": "预警日报 {day}：未关闭 {open} 条（红色 {red} 条）",
        "digest_open": "未关闭预警（{n} 条）：", "digest_none_open": "没有未关闭的预警。",
        "digest_changed": "过去24小时的变化：", "digest_no_change": "过去24小时没有变化。",
        "digest_line": "  - [{level}] #{id} {rule} · {scope} · 触发于 {at} · {code}级，{due}",
        "digest_change": "  - {event}：#{id} {rule} · {scope}（{at}）",
        "ev_opened": "触发", "ev_escalated": "升级", "ev_resolved": "解除",
        "test_body": "这是 CX Risk Monitor 发给通知目标 {name} 的测试消息。收到即表示预警可以送达。",
        "report": "{quarter} 季度风险报告",
        "report_body": "附件为 {quarter} 季度风险报告（{scope}，PDF）：管理摘要、与上季度及去年同期对比的"
                       "关键指标、风险矩阵、本季度预警、竞品差距与改进清单。",
        "report_company": "全公司", "report_scope": "{user} 的负责范围",
        "improvement_overdue": "改进项已逾期：{title}",
        "improvement_body": "改进项 #{id}「{title}」的截止日期为 {due}，目前{status}。负责人：{owner}。",
        "improvement_status_open": "仍未开始", "improvement_status_in_progress": "仍在进行中",
    },
}
RESPONSE_NAMES = {
    "en": {"I": ("critical", "the chief executive"), "II": ("serious", "the incident group"),
           "III": ("major", "the department head"), "IV": ("general", "the service team")},
    "zh": {"I": ("特别重大", "首席执行官"), "II": ("重大", "事件处置小组"),
           "III": ("较大", "部门负责人"), "IV": ("一般", "服务团队")},
}
TASKS_ZH = {
    "first contact with the customer": "首次联系客户",
    "cause and plan": "查明原因并提交整改计划",
    "incident meeting": "召开事件会议",
    "first measures public": "公布首批措施",
    "regulator informed": "报告监管机构",
}
DIMS_ZH = {"product": "产品", "channel": "渠道", "region": "区域", "touchpoint": "触点"}


def renderers(con, now: datetime) -> dict[str, Renderer]:
    """A Renderer per message language, with the display zone and app address of the settings."""
    zone = app_settings.read(con, "timezone")
    base = app_settings.read(con, "app_base_url")
    return {lang: Renderer(lang, zone, base, now) for lang in TEXT}


class Renderer:
    """Writes messages for one language, display zone and app address."""

    def __init__(self, lang: str, zone: str, base_url: str, now: datetime) -> None:
        self.lang = lang if lang in TEXT else "en"
        self.text = TEXT[self.lang]
        self.zone_name = zone
        self.zone = ZoneInfo(zone)
        self.base_url = base_url.rstrip("/")
        self.now = now

    def t(self, key: str, **values) -> str:
        return self.text[key].format(**values)

    def time(self, at) -> str:
        if at is None:
            return self.text["none"]
        if isinstance(at, str):
            at = datetime.fromisoformat(at)
        return at.replace(tzinfo=UTC).astimezone(self.zone).strftime("%Y-%m-%d %H:%M")

    def span(self, delta: timedelta) -> str:
        minutes = int(abs(delta.total_seconds()) // 60)
        days, rest = divmod(minutes, 1440)
        hours, mins = divmod(rest, 60)
        units = (("d", "h", "min") if self.lang == "en" else ("天", "小时", "分钟"))
        parts = [f"{n} {u}" if self.lang == "en" else f"{n}{u}"
                 for n, u in zip((days, hours, mins), units, strict=True) if n]
        return (" " if self.lang == "en" else "").join(parts[:2]) or (
            "0 min" if self.lang == "en" else "0分钟")

    def scope(self, alert: dict) -> str:
        if alert.get("scope") in (None, "all") or not alert.get("scope_dim"):
            return self.text["company"]
        dim = alert["scope_dim"]
        if self.lang == "zh":
            dim = DIMS_ZH.get(dim, dim)
        return f"{dim} = {alert.get('scope_value')}"

    def rule(self, alert: dict) -> str:
        name = alert.get("rule_name_zh" if self.lang == "zh" else "rule_name_en")
        return name or alert.get("rule_id") or "?"

    def link(self, alert_id: int) -> str:
        lang = "zh-CN" if self.lang == "zh" else "en"
        return f"{self.base_url}/alerts?{urlencode({'alert': int(alert_id), 'lang': lang})}"

    def task(self, task: str) -> str:
        return TASKS_ZH.get(task, task) if self.lang == "zh" else task

    # ------------------------------------------------------------ pieces

    def breach(self, alert: dict, value=None, level=None) -> str:
        value = alert.get("value") if value is None else value
        limit = alert.get("limit_value")
        level = level or alert.get("level")
        if _missing(value):
            return ""
        if _missing(limit):
            return self.t("value_only", value=_num(value))
        diff = float(value) - float(limit)
        below = alert.get("direction") == "below" and diff <= 0
        share = "" if float(limit) == 0 else f"{abs(diff) / abs(float(limit)):.0%}"
        pct = "" if not share else (f"（{share}）" if self.lang == "zh" else f" ({share})")
        return self.t("value", value=_num(value), limit=_num(limit),
                      level=self.text.get(level, level or "").lower() if self.lang == "en"
                      else self.text.get(level, level or ""),
                      side=self.text["under" if below else "over"], diff=_num(abs(diff)), pct=pct)

    def clocks(self, alert: dict) -> list[str]:
        code = alert.get("response_level")
        if not code:
            return []
        name, lead = RESPONSE_NAMES[self.lang].get(code, (code, "?"))
        lines = [self.t("response", code=code, name=name, lead=lead)]
        for clock in clock_list(alert):
            due = _as_dt(clock["due_at"])
            left = due - self.now
            lines.append(self.t("clock_due", task=self.task(clock["task"]), due=self.time(due),
                                left=self.t("left_in" if left.total_seconds() >= 0
                                            else "left_over", span=self.span(left))))
        return lines

    def footer(self, alert_id: int | None) -> list[str]:
        lines = [] if alert_id is None else [self.t("link", url=self.link(alert_id))]
        return [*lines, self.t("times", zone=self.zone_name)]

    # ------------------------------------------------------------ messages

    def alert_message(self, kind: str, alert: dict, *, event_level=None, event_value=None,
                      task: str | None = None, assignment: dict | None = None) -> tuple[str, str]:
        """(title, body) of an opened / escalated / overdue / resolved / assigned message."""
        level = event_level or alert.get("level")
        level_word = self.text.get(level, level or "")
        head = {
            "opened": self.t("opened", level=level_word),
            "escalated": self.t("escalated", level=level_word),
            "resolved": self.t("resolved"),
            "overdue": self.t("overdue", task=self.task(task or "")),
            "assigned": self.t("assigned"),
        }[kind]
        bracket = ("[{}] " if self.lang == "en" else "【{}】").format(head)
        title = f"{bracket}{self.rule(alert)} · {self.scope(alert)} (#{alert['alert_id']})"
        body = [self.t("what", rule=self.rule(alert)), self.t("where", scope=self.scope(alert))]
        breach = self.breach(alert, event_value, level)
        if breach:
            body.append(breach)
        if assignment:
            body.append(self.t("assignment", owner=assignment["owner"],
                               due=self.time(assignment.get("due_at")),
                               note=assignment.get("note") or self.text["none"],
                               by=assignment["assigned_by"]))
        body.append(self.t("opened_at", at=self.time(alert.get("opened_at"))))
        if kind == "resolved":
            body.append(self.t("resolved_at", at=self.time(alert.get("resolved_at"))))
            if alert.get("recovered") is not None:
                body.append(self.text["recovered" if alert["recovered"] else "not_recovered"])
        else:
            body.extend(self.clocks(alert))
            if alert.get("acknowledged_by"):
                body.append(self.t("acked", user=alert["acknowledged_by"],
                                   at=self.time(alert.get("acknowledged_at"))))
            else:
                body.append(self.text["not_acked"])
        body.extend(self.footer(alert["alert_id"]))
        return title, "\n".join(body)

    def digest(self, day: str, open_alerts: list[dict], changes: list[dict]) -> tuple[str, str]:
        red = sum(1 for a in open_alerts if a.get("level") == "red")
        title = self.t("digest_title", day=day, open=len(open_alerts), red=red)
        body = [self.t("digest_open", n=len(open_alerts)) if open_alerts
                else self.text["digest_none_open"]]
        for alert in open_alerts:
            first = next(iter(clock_list(alert)), None)
            due = self.text["none"]
            if first:
                left = _as_dt(first["due_at"]) - self.now
                due = self.t("left_in" if left.total_seconds() >= 0 else "left_over",
                             span=self.span(left))
            body.append(self.t("digest_line", level=self.text.get(alert["level"], ""),
                               id=alert["alert_id"], rule=self.rule(alert),
                               scope=self.scope(alert), at=self.time(alert.get("opened_at")),
                               code=alert.get("response_level") or "?", due=due))
        body.append(self.text["digest_changed"] if changes else self.text["digest_no_change"])
        for change in changes:
            body.append(self.t("digest_change", event=self.text["ev_" + change["event"]],
                               id=change["alert_id"], rule=self.rule(change),
                               scope=self.scope(change), at=self.time(change["recorded_at"])))
        body.append(self.t("link", url=f"{self.base_url}/alerts"))
        body.append(self.t("times", zone=self.zone_name))
        return title, "\n".join(body)

    def report(self, quarter: str, scope_user: str | None) -> tuple[str, str]:
        scope = (self.t("report_scope", user=scope_user) if scope_user
                 else self.t("report_company"))
        title = self.t("report", quarter=quarter)
        return title, "\n".join([self.t("report_body", quarter=quarter, scope=scope),
                                 self.t("link", url=self.base_url)])

    def improvement_overdue(self, item: dict) -> tuple[str, str]:
        """A reminder to an improvement item's owner that its due date has passed."""
        status = self.text.get(f"improvement_status_{item['status']}", item["status"])
        body = self.t("improvement_body", id=item["item_id"], title=item["title"],
                      due=item["due_date"].isoformat(), status=status, owner=item["owner"])
        lang = "zh-CN" if self.lang == "zh" else "en"
        return self.t("improvement_overdue", title=item["title"]), "\n".join(
            [body, self.t("link", url=f"{self.base_url}/improvements?lang={lang}")])

    def test(self, name: str) -> tuple[str, str]:
        title = ("[{}] CX Risk Monitor" if self.lang == "en" else "【{}】CX Risk Monitor").format(
            self.text["test"])
        return title, "\n".join([self.t("test_body", name=name),
                                 self.t("link", url=self.base_url)])


def clock_list(alert: dict) -> list[dict]:
    """The alert's response clocks [{task, due_at}] as the lifecycle stored them."""
    clocks = alert.get("clocks")
    if isinstance(clocks, str):
        clocks = json.loads(clocks)
    return [c for c in (clocks or []) if c.get("due_at")]


def _as_dt(value) -> datetime:
    return datetime.fromisoformat(value) if isinstance(value, str) else value


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _num(value) -> str:
    value = float(value)
    if value.is_integer() and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,.2f}" if abs(value) < 1000 else f"{value:,.0f}"
