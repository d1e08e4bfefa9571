"""The review cycle's messages: the quarterly report goes out on its schedule (once, to the
targets that asked for it, with the PDF attached, in each target's language, kept like a report
made on the page), and an overdue improvement item reminds its owner once."""

from __future__ import annotations

import subprocess
from datetime import date, datetime, timedelta

from warehouse.access.scope import SYSTEM
from warehouse.alerting.notify import targets
from warehouse.alerting.notify.dispatcher import dispatch
from warehouse.config import app_settings
from warehouse.reports.build import list_reports


def _add(db, name, **fields):
    targets.add_target(targets.build(name, digest=False, **fields), user="test", db=db)


def test_the_quarterly_report_is_mailed_once_with_its_pdf(notify_db, mailbox, tmp_path):
    app_settings.set("report_send_time", "09:00", user="test", db=notify_db)
    _add(notify_db, "board", email="board@example.com", lang="zh", quarterly_report=True)
    _add(notify_db, "ops", email="ops@example.com")  # alerts only
    # 1 Oct 2026 is a Thursday, the first working day after 2026Q3; 00:59 UTC is 08:59 in
    # Shanghai: not yet. 01:00 UTC is 09:00: due.
    early = datetime(2026, 10, 1, 0, 59)
    dispatch(db=notify_db, now=early)
    assert mailbox.messages == []
    dispatch(db=notify_db, now=early + timedelta(minutes=1))
    dispatch(db=notify_db, now=early + timedelta(hours=2))  # a later cycle: nothing again
    [mail] = mailbox.messages
    assert mail["to"] == ["board@example.com"]
    assert "2026Q3 季度风险报告" in mail["subject"]
    assert "全公司" in mail["body"]
    [(filename, content)] = mail["attachments"]
    assert filename.endswith(".pdf") and content.startswith(b"%PDF")
    pdf = tmp_path / "got.pdf"
    pdf.write_bytes(content)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "2026" in text and "季度" in text  # the Chinese report of the quarter
    kept = list_reports(viewer=SYSTEM, db=notify_db)
    assert list(kept["generated_by"]) == ["scheduled report"]
    assert list(kept["quarter"]) == ["2026Q3"]


def test_no_report_target_no_report(notify_db, mailbox):
    _add(notify_db, "ops", email="ops@example.com")
    dispatch(db=notify_db, now=datetime(2026, 10, 1, 2, 0))
    assert mailbox.messages == []
    assert list_reports(viewer=SYSTEM, db=notify_db).empty


def test_an_overdue_improvement_reminds_its_owner_once(notify_db, webhook):
    from warehouse.reports import improvements

    _add(notify_db, "li.wei", webhook=f"{webhook.url}/li", lang="zh")
    _add(notify_db, "ops", webhook=f"{webhook.url}/ops")
    item = improvements.create_item(title="退款队列提速", owner="li.wei", due_date="2026-11-30",
                                    user="test", db=notify_db, today=date(2026, 11, 1))
    improvements.create_item(title="Not yet due", owner="li.wei", due_date="2026-12-31",
                             user="test", db=notify_db, today=date(2026, 11, 1))
    improvements.create_item(title="Done already", owner="li.wei", due_date="2026-11-01",
                             status="done", user="test", db=notify_db, today=date(2026, 11, 1))
    # 30 Nov 16:00 UTC is 1 Dec 00:00 in Shanghai: the first local day after the due date
    dispatch(db=notify_db, now=datetime(2026, 11, 30, 15, 59))
    assert webhook.posts == []
    dispatch(db=notify_db, now=datetime(2026, 11, 30, 16, 0))
    dispatch(db=notify_db, now=datetime(2026, 12, 2, 9, 0))  # still overdue: no second reminder
    [post] = webhook.posts
    assert post["path"] == "/hook/li"
    assert post["json"]["title"] == "改进项已逾期：退款队列提速"
    assert f"改进项 #{item['item_id']}「退款队列提速」的截止日期为 2026-11-30" in post["json"]["message"]
