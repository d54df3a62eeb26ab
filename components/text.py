"""Text in semantic tags (headings, paragraphs), always escaped like ui.label: never HTML."""

from __future__ import annotations

from typing import TypeVar

from nicegui import ui
from nicegui.elements.mixins.text_element import TextElement

from components.i18n import Localized

E = TypeVar("E", bound=ui.element)


class Text(TextElement):
    """A text element with a chosen tag, e.g. Text('h1', 'Programm')."""

    def __init__(self, tag: str, text: str = "") -> None:
        super().__init__(tag=tag, text=text)


def heading(text: str | Localized, level: int = 1) -> Text:
    """A heading; an organiser's text (Localized) carries its language."""
    sizes = {1: "text-3xl font-bold", 2: "text-xl font-semibold", 3: "text-lg font-semibold"}
    if isinstance(text, Localized):
        return in_language(Text(f"h{level}", text.text), text).classes(f"{sizes.get(level, '')} m-0")
    return Text(f"h{level}", text).classes(f"{sizes.get(level, '')} m-0")


def in_language(element: E, value: Localized) -> E:
    """Mark `element` lang="de" when it shows German to an English reader (and unmark it when a
    live update brings the English); the one way organisers' content says its language."""
    if value.lang:
        element.props["lang"] = value.lang
    else:
        element.props(remove="lang")
    return element


def show_content(element: TextElement, value: Localized) -> None:
    """Put an organiser's text into an existing text element (a live update), with its language."""
    element.set_text(value.text)
    in_language(element, value)


def content(tag: str, value: Localized) -> Text:
    """An organiser's text (title, description, ...) in a `tag`, escaped, with its language."""
    return in_language(Text(tag, value.text), value)


def paragraphs(value: Localized, *, classes: str = "m-0 max-w-prose") -> list[Text]:
    """A longer organiser's text as `<p>`s, one per block between blank lines (never HTML)."""
    blocks = [block.strip() for block in value.text.replace("\r\n", "\n").split("\n\n")]
    return [
        content("p", Localized(block, value.fell_back)).classes(f"{classes} whitespace-pre-line break-words")
        for block in blocks if block
    ]
