"""`python -m warehouse …`: one module per command group (kpis, alerts, monitor, notify, report, lake, marts, sql, text, users, admin)."""
