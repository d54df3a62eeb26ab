"""Errors a service raises for a person to read: the key names a catalogue text, never a traceback."""

from __future__ import annotations


class ServiceError(Exception):
    """A refused request. `key` is a text key in locales/, `params` fill its placeholders."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


class NotFound(ServiceError):
    def __init__(self, what: str = "not_found") -> None:
        super().__init__(what)


def one_line(error: BaseException, limit: int = 300) -> str:
    """An unexpected error as one short line for a log or a terminal: its text with the line
    breaks folded (a driver's multi-line message would break the layout), or its type's name."""
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= limit else f"{text[: limit - 1]}…"
