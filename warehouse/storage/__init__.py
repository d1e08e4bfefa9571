"""The DuckDB file: connections, the cross-process writer lock, migrations, derived tables, SQL files."""
