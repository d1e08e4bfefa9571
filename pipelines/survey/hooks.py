"""Survey loads: the --as-of date, CSAT/rating scales, and touchpoint ratings beside each response."""

from __future__ import annotations

from pipelines import sqlscripts
from pipelines.hooks import KindHooks


class SurveyHooks(KindHooks):
    def optional_fields(self, *, as_of):
        return ("submitted_at",) if as_of else ()

    def filled_fields(self, *, as_of):
        return ("submitted_at",) if as_of else ()

    def missing_hint(self, field):
        if field == "submitted_at":
            return " A survey export without any date column needs --as-of YYYY-MM-DD."
        return ""

    def stage_params(self, stager, con, head, profile):
        csat_scale = profile.get("csat_scale")
        if not csat_scale:
            csat_scale = 5
            if "csat" in head.plan.mapped:
                top = sqlscripts.run(con, "survey/detect_csat.sql").fetchone()[0]
                csat_scale = 10 if top and top > 5 else 5
        rating_scale = profile.get("rating_scale")
        if not rating_scale:
            rating_scale = 5
            if head.plan.ratings:
                top = sqlscripts.run(con, "survey/detect_ratings.sql").fetchone()[0]
                rating_scale = 10 if top and top > 5 else 5
        as_of = stager.as_of if "submitted_at" not in head.plan.mapped else None
        return {"csat_scale": int(csat_scale), "rating_scale": int(rating_scale),
                "zero_is_na": bool(profile.get("zero_is_na", False)), "as_of": as_of}

    def after_stage(self, con, head, params):
        script = "survey/ratings_wide.sql" if head.plan.ratings else "survey/ratings_none.sql"
        sqlscripts.run(con, script)
        sqlscripts.run(con, "survey/ratings.sql", params)

    def after_incoming(self, con):
        sqlscripts.run(con, "survey/finalise.sql")

    def after_handoff(self, con):
        sqlscripts.run(con, "survey/handoff.sql")

    def options(self, params):
        return {"csat_scale": params["csat_scale"], "rating_scale": params["rating_scale"],
                "zero_is_na": params["zero_is_na"]}

    def handoff_views(self, con):
        sqlscripts.run(con, "survey/handoff_views.sql")

    def undo_params(self, con, structure):
        return {"ratings_structure": structure(con, "survey_ratings")}


HOOKS = SurveyHooks()
