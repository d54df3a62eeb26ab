"""Cleaning what participants type, before anything is checked or stored.

Cleaning looks at every character, so it is the expensive part of taking a text: a text that
cannot fit its limit however it is cleaned is refused first, by its length alone
(`clean_within`), before any of that work.
"""

from __future__ import annotations

import re
import unicodedata

from core.errors import ServiceError

# Bidirectional overrides can make a post read differently from what it contains.
_BIDI_CONTROLS = {chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]}
_MANY_BLANK_LINES = re.compile(r"\n{3,}")
# Cleaning can shorten a text a lot only where it was padded: Windows line breaks (two characters
# for one), control characters, blank lines and white space around it. Twice the limit and a
# little leaves room for all of that in a text a person typed or pasted.
RAW_SLACK = 64


def raw_limit(limit: int) -> int:
    """The longest raw text that may still clean down to `limit` characters."""
    return 2 * limit + RAW_SLACK


def clean_text(raw: str, *, multiline: bool = True) -> str:
    """Strip control characters (keeping line breaks where allowed) and surrounding white space."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    kept = []
    for char in text:
        if char == "\n":
            kept.append("\n" if multiline else " ")
        elif unicodedata.category(char) == "Cc" or char in _BIDI_CONTROLS:
            continue
        else:
            kept.append(char)
    return _MANY_BLANK_LINES.sub("\n\n", "".join(kept)).strip()


def clean_within(raw: str, limit: int, too_long: str, *, multiline: bool = True) -> str:
    """The cleaned text, or ServiceError(`too_long`, limit=…, length=…) when it is longer than `limit`.

    A raw text beyond `raw_limit(limit)` is refused by its length alone, without being looked at:
    a message of a megabyte costs the server no more than one of the right size.
    """
    if len(raw) > raw_limit(limit):
        raise ServiceError(too_long, limit=limit, length=len(raw))
    text = clean_text(raw, multiline=multiline)
    if len(text) > limit:
        raise ServiceError(too_long, limit=limit, length=len(text))
    return text
