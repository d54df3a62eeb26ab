"""`/leichte-sprache` in the simulated browser: the built-in explanation while organisers wrote
none (German and English, with the event's date), their text as paragraphs once they did, the
German standing in (lang="de") for a missing English text, markup as text, and the link to it
on every page."""

from __future__ import annotations

import pytest
from nicegui import ui
from nicegui.testing import User

from models.event import Event
from tests.support.user import element, marked, see
from tests.support.xss import XSS_CORPUS

PATH = "/leichte-sprache"


def paragraphs(user: User) -> list[tuple[str, str | None]]:
    return [(p.text, p.props.get("lang")) for p in marked(user, "easy-text").default_slot.children]


async def write(german: str, english: str = "") -> None:
    await Event.filter(is_demo=True).update(easy_language_text=german, easy_language_text_en=english)


async def test_without_organiser_text_the_built_in_explanation_shows_in_both_languages(user: User) -> None:
    await user.open(PATH)
    await see(user, "In Leichter Sprache")
    shown = paragraphs(user)
    assert shown[0][0].startswith("Auf dieser Seite steht:") and len(shown) > 5
    assert all(lang is None for _, lang in shown)
    assert any(text.startswith("Die Konferenz ist am ") and " Uhr." in text for text, _ in shown)
    await user.open(f"/lang/en?next={PATH}")
    await see(user, "In easy-read language")
    shown = paragraphs(user)
    assert shown[0][0].startswith("This page tells you:") and all(lang is None for _, lang in shown)


async def test_the_organisers_text_shows_as_paragraphs_and_the_german_stands_in_for_english(user: User) -> None:
    await write("Das ist ein Treffen.\nIm Rathaus.\n\nSie können mitmachen.")
    await user.open(PATH)
    await see(user, "Sie können mitmachen.")
    assert paragraphs(user) == [("Das ist ein Treffen.\nIm Rathaus.", None), ("Sie können mitmachen.", None)]
    await user.open(f"/lang/en?next={PATH}")
    await see(user, "Sie können mitmachen.")
    assert paragraphs(user) == [("Das ist ein Treffen.\nIm Rathaus.", "de"), ("Sie können mitmachen.", "de")]
    await write("Das ist ein Treffen.", "This is a meeting.\n\nYou can take part.")
    await user.open(PATH)
    await see(user, "This is a meeting.")
    assert paragraphs(user) == [("This is a meeting.", None), ("You can take part.", None)]
    await user.open("/lang/de?next=/leichte-sprache")
    await see(user, "Das ist ein Treffen.")
    assert paragraphs(user) == [("Das ist ein Treffen.", None)]


async def test_only_english_text_leaves_german_readers_the_built_in_explanation(user: User) -> None:
    await write("", "This is a meeting.")
    await user.open(PATH)
    assert paragraphs(user)[0][0].startswith("Auf dieser Seite steht:")


async def test_markup_in_the_text_is_shown_as_text(user: User) -> None:
    await write("\n\n".join(XSS_CORPUS), XSS_CORPUS[0])
    await user.open(PATH)
    await see(user, XSS_CORPUS[1])
    assert [text for text, _ in paragraphs(user)] == list(XSS_CORPUS)
    assert not [e for e in user.client.elements.values() if isinstance(e, ui.html | ui.markdown)]
    await user.open(f"/lang/en?next={PATH}")
    assert paragraphs(user) == [(XSS_CORPUS[0], None)]


@pytest.mark.parametrize("path", ["/", "/agenda", "/results", "/wall", PATH, "/login"])
async def test_every_page_links_to_it(user: User, path: str) -> None:
    await user.open(path)
    await see(user, marker="easy-language-link")
    link = element(user, "easy-language-link")
    assert (link.text, link.props["href"]) == ("Leichte Sprache", PATH)  # type: ignore[attr-defined]


async def test_without_an_event_the_page_says_so(user: User) -> None:
    await Event.all().delete()
    await user.open(PATH)
    await see(user, "Es ist noch keine Veranstaltung angelegt.")
