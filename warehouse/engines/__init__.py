"""Engines that run the SQL models over a Parquet lake: DuckDB (in memory) and Spark."""
