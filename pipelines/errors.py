"""Errors a user can cause while loading a file: each carries a message that says what to do."""

from __future__ import annotations


class IngestError(Exception):
    """The file was refused as a whole; nothing in the warehouse changed."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message
