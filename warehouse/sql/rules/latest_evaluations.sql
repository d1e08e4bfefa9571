-- Per rule, the latest evaluation run that judged any period (its per-scope latest values).
with judged as (
    select
        e.rule_id,
        e.evaluated_at,
        e.latest,
        row_number() over (partition by e.rule_id order by e.eval_id desc) as recency
    from rule_evaluations as e
    where e.status = 'ok' and e.points > 0
),
final as (
    select j.rule_id, r.name_en, r.name_zh, j.evaluated_at, j.latest
    from judged as j
    join rules as r on r.rule_id = j.rule_id
    where j.recency = 1 and r.enabled
)
select * from final order by rule_id
