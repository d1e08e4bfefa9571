"""The metrics people read: KPIs, composite index, complaint views, customers, benchmarks, SPC."""
