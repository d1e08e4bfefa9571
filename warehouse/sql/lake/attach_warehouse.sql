-- The warehouse file, read-only, beside the marts (storage/db.py, serving from marts).
attach $path as warehouse (read_only)
