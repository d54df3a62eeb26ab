"""One result as people read it: its pictures (a click shows the full picture), topic and text.

Everything here is organisers' text, still shown only through escaping elements.
"""

from __future__ import annotations

from nicegui import ui

from components.i18n import t
from components.text import Text, heading
from features.results.service import Picture, ResultDetail


def result_view(detail: ResultDetail) -> None:
    result, topic = detail.result, detail.topic
    with ui.element("div").classes("grid gap-6 md:grid-cols-2 items-start"):
        with ui.element("div").classes("flex flex-col gap-3"):
            for picture in detail.pictures:
                _zoomable(picture)
        with ui.element("div").classes("flex flex-col gap-3"):
            ui.label(topic.name).classes("font-semibold").style(f"color: {topic.colour}").mark("result-topic")
            heading(result.title)
            if result.summary:
                Text("p", result.summary).classes("m-0 text-lg font-semibold")
            if result.body:
                Text("p", result.body).classes("m-0 whitespace-pre-line break-words max-w-prose").mark("result-body")
            if detail.agenda_title:
                ui.label(t("results.shown_at", title=detail.agenda_title)).classes("text-slate-700")


def _zoomable(picture: Picture) -> None:
    """The picture large; a click (or Enter) opens the full picture with its alt text below."""
    with ui.dialog() as dialog, ui.card().classes("max-w-none w-auto p-2 items-center"):
        _image(picture).classes("max-w-[92vw] max-h-[80vh] w-auto h-auto object-contain").mark("full-picture")
        ui.label(picture.alt).classes("text-sm text-slate-700 max-w-prose")
        ui.button(t("results.close"), on_click=dialog.close).props("flat no-caps color=blue-10")
    opener = ui.element("button").classes("block w-full p-0 border-0 bg-transparent cursor-zoom-in")
    # set as data, never parsed as a props string: alt texts contain spaces and quotes
    opener._props.update({"type": "button", "aria-haspopup": "dialog",
                          "aria-label": t("results.enlarge", alt=picture.alt)})
    opener.on("click", dialog.open).mark("picture")
    with opener:
        _image(picture).classes("w-full h-auto rounded shadow-sm bg-slate-200")


def _image(picture: Picture) -> ui.element:
    image = ui.element("img")
    image._props.update(src=picture.url, alt=picture.alt, width=picture.width, height=picture.height)
    return image
