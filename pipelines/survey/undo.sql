-- Undo a survey batch: responses and ratings it wrote go; what it replaced comes back.
delete from survey_ratings where batch_id = $batch_id;

delete from survey_responses where batch_id = $batch_id;

insert into survey_responses by name
select unnest(json_transform(before_row, $structure))
from batch_history
where batch_id = $batch_id and kind = 'survey';

insert into survey_ratings by name
select unnest(json_transform(before_row, $ratings_structure))
from batch_history
where batch_id = $batch_id and kind = 'survey_ratings';
