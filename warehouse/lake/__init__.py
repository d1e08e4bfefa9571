"""The Parquet lake: the warehouse's tables exported for engines that do not read DuckDB files."""
