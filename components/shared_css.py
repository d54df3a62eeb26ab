"""The one way to ship a style sheet: once per process, in the pages' shared head.

`ui.add_css` keeps a copy of the style sheet in each client's head; with a thousand open walls
that is a thousand copies of the same text. A shared sheet is added once per process (again after
NiceGUI's test reset clears the shared head, hence the check instead of a flag). Every page gets
every sheet added so far, in the order they were first needed, so a sheet's rules must touch only
its own classes (`.sg-…`) and must not depend on coming after another sheet.
"""

from __future__ import annotations

from pathlib import Path

from nicegui import Client, ui


def marker_of(name: str) -> str:
    """The comment that heads the shared sheet `name` (tests look for it)."""
    return f"/* sg:{name} */"


def share_css(name: str, css: str | Path) -> None:
    """Add `css` (the text, or a .css file) to every page's head once; `name` tags it."""
    marker = marker_of(name)
    if marker not in Client.shared_head_html:
        text = css.read_text(encoding="utf-8") if isinstance(css, Path) else css
        ui.add_css(f"{marker}\n{text}", shared=True)
