-- Targets that receive the quarterly risk report by mail on its schedule (the PDF attached):
-- none until an admin says so (`notify add … --quarterly-report`, or the Settings form).
alter table notify_targets add column if not exists quarterly_report boolean default false;
