"""The survey export kind: schema and staging/merge SQL in this folder."""
