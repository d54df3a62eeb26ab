"""The page frame every page shares: skip link, header with event name, navigation, language
switch, main landmark and footer with the legal links."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import quote

from nicegui import ui

import locales
from components.i18n import Localized, current_language, localized, t
from components.shared_css import share_css
from components.text import in_language
from features.admin.event_setup import event_links
from models.event import Event

NAV_ITEMS = (("/agenda", "nav.agenda"), ("/results", "nav.results"), ("/wall", "nav.wall"))
EASY_LANGUAGE_PATH = "/leichte-sprache"  # features/easy_language/page.py
OWN_CONTRIBUTIONS_PATH = "/meine-beitraege"  # features/follow/page.py


def _here() -> str:
    request = ui.context.client.request
    if request is None:
        return "/"
    return request.url.path + (f"?{request.url.query}" if request.url.query else "")


HTML_LANGUAGE = {"de": "de", "en": "en-GB"}

# Links in the content in the city-blue of the header (NiceGUI's default blue is too light on
# the page background for WCAG AA), and a focus ring that is visible on every background: a dark
# amber outline (5:1 on white) around a white inner ring (10:1 on the blue header), so one of
# the two always stands out. Quasar's buttons carry `no-outline` (an !important in a cascade
# layer, which no page rule can beat) and its fields hide the outline of their inner input: the
# button wears the same two rings as a box-shadow, the field's frame wears the outline.
# Body colours and the header's centred width are CSS here rather than elements per tab (a
# `ui.query` and a wrapping row each cost every open tab an element on the server); the sheet is
# shared by all pages instead of copied into each tab's head (docs/performance.md).
PAGE_CSS = """
body { background-color: #f8fafc; color: #0f172a; }
.sg-bar { padding-left: max(1rem, calc((100% - 64rem) / 2 + 1rem));
          padding-right: max(1rem, calc((100% - 64rem) / 2 + 1rem)); }
main a.nicegui-link, footer a.nicegui-link { color: #1e3a8a; text-decoration: underline; }
a:focus-visible, button:focus-visible, [tabindex]:focus-visible, input:focus-visible,
select:focus-visible, textarea:focus-visible, summary:focus-visible {
  outline: 3px solid #b45309; outline-offset: 2px; box-shadow: 0 0 0 2px #fff;
}
.q-btn:focus-visible { box-shadow: 0 0 0 2px #fff, 0 0 0 5px #b45309; z-index: 1; }
.q-field:focus-within .q-field__control { outline: 3px solid #b45309; outline-offset: 2px; box-shadow: 0 0 0 2px #fff; }
.q-field__label { color: #334155; }
.q-field--focused .q-field__label { color: #1e3a8a; }
"""


def _declare_language(language: str) -> None:
    """`<html lang>` and Quasar's own texts follow the visitor's choice: a screen reader then
    speaks German as German. NiceGUI reads it from the page object, so this tab gets its own copy."""
    client = ui.context.client
    page = copy.copy(client.page)
    page.language = HTML_LANGUAGE[language]  # type: ignore[assignment]
    client.page = page


def one_main_landmark() -> None:
    """Leave the page its own `<main>` as the only one, at the top level.

    NiceGUI wraps every page's content in Quasar's QPage, which renders a `<main>` of its own: the
    page's main (the skip link's target) was then nested in it, a second main landmark inside the
    first (axe: landmark-no-duplicate-main, landmark-main-is-top-level). The wrapper becomes a
    plain `<div>` with the same class, so the header and footer beside the page's main are the
    page's banner and contentinfo again. Called by every page that lays out its own main.
    """
    container = ui.context.client.page_container
    for wrapper in container.default_slot.children:
        if wrapper.tag == "q-page":
            wrapper.tag = "div"
            wrapper.classes("q-page")


@contextmanager
def frame(page_title: str, event_title: str | None = None, *, event: Event | None = None) -> Iterator[ui.element]:
    """Lay out a page; yields the main element so the page fills it.

    Pass the `event` the page shows: its title heads the page (unless `event_title` is given)
    and its imprint and privacy links, or the settings', fill the footer.
    """
    shown_title = Localized(event_title or "", fell_back=False)
    if event is not None and event_title is None:
        shown_title = localized(event, "title")
        event_title = shown_title.text
    links = event_links(event)
    language = current_language()
    other = next(code for code in locales.LANGUAGES if code != language)
    _declare_language(language)
    one_main_landmark()
    ui.page_title(f"{page_title} – {event_title}" if event_title else page_title)
    share_css("page", PAGE_CSS)
    ui.link(t("skip_to_content"), "#main").classes(
        "sr-only focus:not-sr-only focus:absolute focus:p-2 focus:bg-white focus:text-black z-50"
    )
    with ui.element("header").classes(
        "sg-bar w-full bg-blue-900 text-white flex items-center justify-between gap-2 py-3 flex-wrap"
    ):
        in_language(ui.link(event_title or t("app.name"), "/"), shown_title).classes(
            "text-white text-lg font-bold no-underline hover:underline"
        ).mark("event-title")
        with ui.element("nav").props(f'aria-label="{t("nav.label")}"').classes("flex gap-4 items-center flex-wrap"):
            for path, key in NAV_ITEMS:
                ui.link(t(key), path).classes("text-white no-underline hover:underline")
            ui.link(t("content.nav.easy_language"), EASY_LANGUAGE_PATH).classes(
                "text-white no-underline hover:underline"
            ).mark("easy-language-link")
            ui.link(t("lang.switch"), f"/lang/{other}?next={quote(_here(), safe='')}").props(
                f'lang={other} hreflang={other} aria-label="{t("lang.switch_label")}"'
            ).classes("text-white border border-white rounded px-2 no-underline").mark("language-switch")
    with ui.element("main").props('id=main tabindex=-1').classes(
        "block w-full max-w-5xl mx-auto px-4 py-6 space-y-6"
    ) as main:
        yield main
    with ui.element("footer").classes(
        "sg-bar flex flex-wrap items-baseline w-full border-t border-slate-300 mt-8 py-4 gap-6"
    ):
        # the way back to what this browser wrote (features/follow), on every page
        ui.link(t("footer.own"), OWN_CONTRIBUTIONS_PATH).classes("text-blue-900").mark("footer-own")
        with ui.element("nav").props(f'aria-label="{t("footer.label")}"').classes("flex gap-6"):
            if links.imprint_url:
                ui.link(t("footer.imprint"), links.imprint_url).classes("text-blue-900").mark("footer-imprint")
            if links.privacy_url:
                ui.link(t("footer.privacy"), links.privacy_url).classes("text-blue-900").mark("footer-privacy")
        # discreet, for the team: the way to /login from any page (issue 20)
        ui.link(t("footer.sign_in"), "/login").classes("ml-auto text-sm text-slate-700").mark("footer-sign-in")
