"""`-- @when` blocks: which lines of a trusted SQL text a request keeps."""

from __future__ import annotations

import pytest

from warehouse.storage import sqlfiles

TEXT = """select 1
-- @when segments
and seg
-- @when scoped
and seg_scoped
-- @end
-- @end
-- @when not scoped
and everyone
-- @end
and always -- uses $end
"""


def _kept(params) -> list[str]:
    return [line for line in sqlfiles.render(TEXT, params).splitlines() if line]


def test_blocks_follow_the_bound_values_and_nest():
    assert _kept({"segments": [], "scoped": False}) == [
        "select 1", "and everyone", "and always -- uses $end"]
    assert _kept({"segments": ["vip"], "scoped": False}) == [
        "select 1", "and seg", "and everyone", "and always -- uses $end"]
    assert _kept({"segments": ["vip"], "scoped": True}) == [
        "select 1", "and seg", "and seg_scoped", "and always -- uses $end"]
    # an inner block is dropped with its outer one
    assert _kept({"segments": [], "scoped": True}) == ["select 1", "and always -- uses $end"]


def test_a_condition_must_be_bound_and_blocks_closed():
    with pytest.raises(KeyError, match="segments"):
        sqlfiles.render(TEXT, {"scoped": True})
    with pytest.raises(ValueError, match="without -- @end"):
        sqlfiles.render("-- @when scoped\nselect 1\n", {"scoped": True})
    with pytest.raises(ValueError, match="without -- @when"):
        sqlfiles.render("select 1\n-- @end\n", {})


def test_parameters_in_comments_are_not_used():
    assert sqlfiles.params_used("select $a -- not $b\n, $c") == {"a", "c"}


def test_every_model_renders_for_a_plain_request():
    """Each shipped model's blocks are balanced for the usual parameters."""
    from warehouse.access.scope import SYSTEM, Filters
    from warehouse.kpi.metrics import params

    bound = params(Filters(), SYSTEM, with_complaints=True, every_ticket=False)
    for path in sorted(sqlfiles.SQL_DIR.rglob("*.sql")):
        text = sqlfiles.load(str(path.relative_to(sqlfiles.SQL_DIR)))
        rendered = sqlfiles.render(text, bound).splitlines()
        assert not [line for line in rendered if line.strip().startswith(("-- @when", "-- @end"))]
