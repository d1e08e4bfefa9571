-- Live monitoring: alerts judged on a department head's scope (their audience) beside the
-- company's. audience '' = the company; otherwise the head's channels/regions, lower-case.
alter table alerts add column if not exists audience varchar default '';
alter table alerts add column if not exists audience_channels varchar[] default [];
alter table alerts add column if not exists audience_regions varchar[] default [];
update alerts set audience = '', audience_channels = [], audience_regions = [] where audience is null;
