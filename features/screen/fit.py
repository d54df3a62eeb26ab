"""Shrinks the type of the post in focus until it fits its place on the hall screen, instead of
cutting it off: a long question is read in full (fit.js does the measuring, in the browser)."""

from __future__ import annotations

from nicegui import ui


class FitFocusText(ui.element, component="fit.js"):
    """Watches `.sg-screen-highlight-text` inside `.sg-screen-highlight`: on every new text, mode
    or window size its font size starts from the style sheet's and shrinks while the box overflows."""

    def __init__(self) -> None:
        super().__init__()
        self._props.update(box=".sg-screen-highlight", text=".sg-screen-highlight-text", minimum=12)
