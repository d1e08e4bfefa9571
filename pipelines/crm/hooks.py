"""CRM loads: a profile may recode the status words (e.g. Churn Yes → churned)."""

from __future__ import annotations

from pipelines.hooks import KindHooks


class CrmHooks(KindHooks):
    def stage_params(self, stager, con, head, profile):
        values = (profile.get("values") or {}).get("status") or {}
        return {"status_from": list(values), "status_to": [str(v) for v in values.values()]}


HOOKS = CrmHooks()
