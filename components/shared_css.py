"""CSS every tab of a kind gets, sent once in the pages' shared head instead of kept per tab.

`ui.add_css` keeps a copy of the style sheet in each client's head; with a thousand open walls
that is a thousand copies of the same text. A shared sheet is added once per process (again after
NiceGUI's test reset clears the shared head, hence the check instead of a flag).
"""

from __future__ import annotations

from nicegui import Client, ui


def share_css(name: str, css: str) -> None:
    """Add `css` to every page's head once; `name` tags it so it is recognised later."""
    marker = f"/* sg:{name} */"
    if marker not in Client.shared_head_html:
        ui.add_css(f"{marker}\n{css}", shared=True)
