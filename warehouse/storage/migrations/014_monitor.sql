-- Live monitoring: alerts judged on a department head's scope (their audience) beside the
-- company's. audience '' = the company; otherwise the head's channels/regions, lower-case.
alter table alerts add column audience varchar default '';
alter table alerts add column audience_channels varchar[] default [];
alter table alerts add column audience_regions varchar[] default [];
update alerts set audience = '', audience_channels = [], audience_regions = [];
