"""One result as people read it: its pictures (a click shows the full picture), topic and text.

Everything here is organisers' text, still shown only through escaping elements.

An open result page follows RESULTS (components.live): when organisers change the result's
title, text, topic or pictures, the view is laid out again in place (a handful of elements, and
organisers' edits are rare) and a polite status line says so; a removed result leaves a status
notice with a link to the gallery. The result is read once per signal and process, however many
tabs show it.
"""

from __future__ import annotations

from nicegui import ui

from components.i18n import Localized, choose, localized, t
from components.live import Followers
from components.text import Text, content, heading, in_language
from core.bus import Signal
from features.results.service import RESULTS, Picture, ResultDetail, load_result


class ResultView:
    def __init__(self, detail: ResultDetail) -> None:
        self.client = ui.context.client
        self.result_id = detail.result.id
        self.topic_id = detail.topic.id
        self._shown = _what_shows(detail)
        self.status = ui.label().props("role=status").classes("text-slate-700").mark("result-status")
        self.status.set_visibility(False)
        with ui.element("div").classes("w-full") as self._box:
            _layout(detail)

    def show(self, detail: ResultDetail | None) -> None:
        """The result as it is now; nothing is sent when nothing this view shows changed."""
        if detail is None:
            self._box.clear()
            self.status.set_text(t("results.gone"))
            self.status.set_visibility(True)
            with self._box:
                ui.link(t("results.gone_link"), "/results").classes("text-blue-900").mark("result-gone")
            return
        self.topic_id = detail.topic.id
        shown = _what_shows(detail)
        if shown == self._shown:
            return
        self._shown = shown
        self._box.clear()
        with self._box:
            _layout(detail)
        ui.page_title(page_title(detail))
        self.status.set_text(t("results.updated"))
        self.status.set_visibility(True)


def page_title(detail: ResultDetail) -> str:
    """The tab's title: the result and the event, in the reader's language where there is one."""
    return f"{localized(detail.result, 'title').text} – {localized(detail.event, 'title').text}"


def _what_shows(detail: ResultDetail) -> tuple[object, ...]:
    result, topic = detail.result, detail.topic
    return (result.title, result.summary, result.body, result.title_en, result.summary_en, result.body_en,
            topic.name, topic.name_en, topic.colour, tuple(detail.pictures), detail.agenda_title,
            detail.agenda_title_en, detail.event.title, detail.event.title_en)


def _layout(detail: ResultDetail) -> None:
    result, topic = detail.result, detail.topic
    with ui.element("div").classes("grid gap-6 md:grid-cols-2 items-start"):
        with ui.element("div").classes("flex flex-col gap-3"):
            for picture in detail.pictures:
                _zoomable(picture)
        with ui.element("div").classes("flex flex-col gap-3"):
            content("div", localized(topic, "name")).classes("font-semibold").style(
                f"color: {topic.colour}"
            ).mark("result-topic")
            heading(localized(result, "title")).mark("result-title")
            summary = localized(result, "summary")
            if summary.text:
                content("p", summary).classes("m-0 text-lg font-semibold").mark("result-summary")
            body = localized(result, "body")
            if body.text:
                content("p", body).classes("m-0 whitespace-pre-line break-words max-w-prose").mark("result-body")
            if detail.agenda_title:
                _shown_at(choose(detail.agenda_title, detail.agenda_title_en))


def _shown_at(title: Localized) -> None:
    """"Vorgestellt bei: <item>", the item's title in a span of its own, so it carries its language."""
    before, _, after = t("results.shown_at", title="\0").partition("\0")
    with ui.element("p").classes("m-0 text-slate-700").mark("result-shown-at"):
        if before:
            Text("span", before)
        content("span", title).mark("result-shown-at-title")
        if after:
            Text("span", after)


def _zoomable(picture: Picture) -> None:
    """The picture large; a click (or Enter) opens the full picture with its alt text below."""
    alt = _alt(picture)
    with ui.dialog() as dialog, ui.card().classes("max-w-none w-auto p-2 items-center"):
        _image(picture).classes("max-w-[92vw] max-h-[80vh] w-auto h-auto object-contain").mark("full-picture")
        content("div", alt).classes("text-sm text-slate-700 max-w-prose")
        ui.button(t("results.close"), on_click=dialog.close).props("flat no-caps color=blue-10")
    opener = ui.element("button").classes("block w-full p-0 border-0 bg-transparent cursor-zoom-in")
    # set as data, never parsed as a props string: alt texts contain spaces and quotes
    opener._props.update({"type": "button", "aria-haspopup": "dialog",
                          "aria-label": t("results.enlarge", alt=alt.text)})
    opener.on("click", dialog.open).mark("picture")
    with opener:
        _image(picture).classes("w-full h-auto rounded shadow-sm bg-slate-200")


def _alt(picture: Picture) -> Localized:
    return localized(picture, "alt")


def _image(picture: Picture) -> ui.element:
    """The picture with its alt text; lang="de" on it where German stands in for the English alt."""
    alt = _alt(picture)
    image = ui.element("img")
    image._props.update(src=picture.url, alt=alt.text, width=picture.width, height=picture.height)
    return in_language(image, alt)


Details = dict[int, ResultDetail | None]


async def _read(signal: Signal, views: list[ResultView]) -> Details:
    """The results this signal may have changed among those the open pages show, each read once
    (a signal names one result, or one topic; none after a gap: every shown result)."""
    if (result_id := signal.ids.get("result_id")) is not None:
        wanted = {int(result_id)} & {view.result_id for view in views}
    elif (topic_id := signal.ids.get("topic_id")) is not None:
        wanted = {view.result_id for view in views if view.topic_id == topic_id}
    else:
        wanted = {view.result_id for view in views}
    return {pk: await load_result(pk) for pk in sorted(wanted)}


def _show(view: ResultView, details: Details, _signal: Signal) -> None:
    if view.result_id in details:
        view.show(details[view.result_id])


_views: Followers[ResultView, Details] = Followers(
    "result-view", (RESULTS,), _read, _show, again=lambda event_id: Signal(RESULTS, event_id),
)


def result_view(detail: ResultDetail) -> ResultView:
    """Show `detail` and keep it as organisers change it, until the tab closes."""
    view = ResultView(detail)
    _views.add(detail.event.id, view)
    return view
