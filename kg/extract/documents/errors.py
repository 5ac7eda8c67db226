"""The error of a document that cannot be read: file, where in it, and why."""
from __future__ import annotations

from kg.extract.text import PlanParseError


class DocumentError(PlanParseError):
    """A plan document that cannot be read into lines (wrong type, too large, broken, no text).

    `location` is where in the document ("p.3", "l.41", "word/document.xml"), or "" for the
    whole file; `line` is 0: no line of text was read."""

    def __init__(self, file: str, location: str, reason: str):
        ValueError.__init__(self, f"{file}{' ' + location if location else ''}: {reason}")
        self.file, self.line, self.location, self.reason = file, 0, location, reason
