"""The metric glossary's labels live with the KPIs (warehouse/kpi/glossary.py): the report uses them too."""

from warehouse.kpi.glossary import METRICS

__all__ = ["METRICS"]
