"""The benchmarks export kind: schema and staging/merge SQL in this folder."""
