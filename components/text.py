"""Text in semantic tags (headings, paragraphs), always escaped like ui.label: never HTML."""

from __future__ import annotations

from nicegui.elements.mixins.text_element import TextElement


class Text(TextElement):
    """A text element with a chosen tag, e.g. Text('h1', 'Programm')."""

    def __init__(self, tag: str, text: str = "") -> None:
        super().__init__(tag=tag, text=text)


def heading(text: str, level: int = 1) -> Text:
    sizes = {1: "text-3xl font-bold", 2: "text-xl font-semibold", 3: "text-lg font-semibold"}
    return Text(f"h{level}", text).classes(f"{sizes.get(level, '')} m-0")
