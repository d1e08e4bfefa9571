-- provides: an expression (a select-list item): the value of a complaint `c` a rule splits by
-- needs: no other CTE; parameter $dim ('' for company-wide, product, channel, region, touchpoint, category)
        case $dim
            when 'product' then c.product
            when 'channel' then c.channel
            when 'region' then c.region
            when 'touchpoint' then c.touchpoint
            when 'category' then c.category
            else ''
        end as scope_value
