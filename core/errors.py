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
