"""Threshold rules as data, their evaluation, and the alerts they open, escalate and resolve."""
