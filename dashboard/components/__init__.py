"""The parts pages are built from: cached reads of the warehouse (data.py), filters, tables, charts, editors."""
