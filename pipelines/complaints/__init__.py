"""The complaints export kind: schema and staging/merge SQL in this folder."""
