"""Cleaning what participants type, before anything is checked or stored."""

from __future__ import annotations

import re
import unicodedata

# Bidirectional overrides can make a post read differently from what it contains.
_BIDI_CONTROLS = {chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]}
_MANY_BLANK_LINES = re.compile(r"\n{3,}")


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
