"""/admin tab "results": topics, their results and the results' pictures.

Organisers are few, so after each change the overview is simply built again from the database
(results_by_topic: three queries). Every action re-reads who is signed in NOW and goes through
features.results.service, which checks the role again and writes the audit entry.

Keyboard first: every button has a text (and an aria-label naming what it acts on, since many
rows have the same buttons), editing happens in dialogs that keep the focus, and every refusal
is shown as text in a role=alert element next to the form (components.staff_gate).
"""

from __future__ import annotations

import html
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from nicegui import events, ui

from components.admin_panel import AdminPanel
from components.i18n import local_time, t
from components.staff_gate import AlertLabel, as_staff, show_refusal
from components.text import Text, heading
from core.errors import ServiceError
from core.media import MAX_UPLOAD_BYTES, check_upload_size, media_url
from features.agenda.service import Programme
from features.results import service
from models.result import (
    ALT_TEXT_MAX_LENGTH,
    RESULT_SUMMARY_MAX_LENGTH,
    RESULT_TITLE_MAX_LENGTH,
    TOPIC_NAME_MAX_LENGTH,
    Result,
    Topic,
)
from models.staff import StaffAccount

T = TypeVar("T")
ACCEPT = ".jpg,.jpeg,.png,.webp,image/jpeg,image/png,image/webp"  # a hint for the file picker only
NO_AGENDA_ITEM = 0
BUTTON = "no-caps outline color=blue-10"
DANGER = "no-caps outline color=red-10"


def _aria(element: ui.element, label: str) -> ui.element:
    """An accessible name set as data, never parsed from a props string (titles contain quotes)."""
    element.props["aria-label"] = label
    return element


def _button(text: str, on_click: Callable[[], Any], *, label: str, marker: str, danger: bool = False) -> ui.button:
    button = ui.button(text, on_click=on_click).props(DANGER if danger else BUTTON).mark(marker)
    _aria(button, label)
    return button


class ResultsPanel(AdminPanel):
    def __init__(self, programme: Programme | None, staff: StaffAccount) -> None:
        super().__init__(programme, staff)
        self.groups: list[service.TopicResults] = []
        self.pictures: PicturesEditor | None = None

    async def build(self) -> None:
        if self.without_event("admin_results.no_event", "admin-results-no-event"):
            return
        with ui.column().classes("w-full gap-4 max-w-4xl").mark("admin-results"):
            Text("p", t("admin_results.intro")).classes("m-0 max-w-prose text-slate-700")
            self.alert = ui.label("").props("role=alert").mark("admin-results-alert")
            self.status = ui.label("").props("role=status aria-live=polite").classes("text-green-900").mark(
                "admin-results-status"
            )
            self._new_topic_form()
            self.overview = ui.column().classes("w-full gap-4").mark("admin-results-overview")
        self.dialog = ui.dialog().mark("admin-results-dialog")
        await self.show()

    # --- running an action ----------------------------------------------------------------------
    async def call(
        self, action: Callable[[StaffAccount], Awaitable[T | None]], *, alert: ui.label | None = None,
        done: str = "",
    ) -> T | bool | None:
        """Run one action as whoever is signed in now (components.staff_gate): its outcome (True when
        it returns nothing), or None when it did not run. A refusal is shown in `alert` (the panel's own
        by default); nothing else changes then."""

        async def run(staff: StaffAccount) -> T | bool:
            outcome = await action(staff)
            return True if outcome is None else outcome

        outcome = await as_staff(run, here="/admin?tab=results", alert=alert or self.alert)
        if outcome is not None:
            AlertLabel(self.alert).clear()
            if done:
                self.status.set_text(done)
                ui.notify(done, type="positive")
        return outcome

    # --- the overview ---------------------------------------------------------------------------
    async def show(self) -> None:
        self.groups = await service.results_by_topic(self.event_id)
        self.overview.clear()
        with self.overview:
            if not self.groups:
                ui.label(t("admin_results.no_topics")).mark("admin-results-empty")
            for index, group in enumerate(self.groups):
                self._topic_card(group, first=index == 0, last=index == len(self.groups) - 1)

    def _new_topic_form(self) -> None:
        with ui.card().classes("w-full").mark("new-topic"):
            heading(t("admin_results.new_topic"), 2)
            with ui.row().classes("w-full items-end gap-2 flex-wrap"):
                name = ui.input(t("admin_results.topic_name")).props(
                    f"outlined maxlength={TOPIC_NAME_MAX_LENGTH}"
                ).classes("grow min-w-[12rem]").mark("new-topic-name")
                colour = self._colour_input("#1e3a8a").mark("new-topic-colour")

                async def create() -> None:
                    topic = await self.call(
                        lambda staff: service.create_topic(staff, self.event_id, name.value or "", colour.value or ""),
                        done=t("admin_results.topic_created"),
                    )
                    if topic is not None:
                        name.set_value("")
                        await self.show()

                ui.button(t("admin_results.create_topic"), on_click=create).props(
                    "no-caps unelevated color=blue-10"
                ).mark("create-topic")

    @staticmethod
    def _colour_input(value: str) -> ui.input:
        return ui.input(t("admin_results.topic_colour"), value=value).props("outlined stack-label type=color").classes(
            "w-36"
        )

    def _topic_card(self, group: service.TopicResults, *, first: bool, last: bool) -> None:
        topic = group.topic
        with ui.card().classes("w-full gap-3").mark(f"topic-{topic.id}"):
            with ui.row().classes("w-full items-center gap-2 flex-wrap"):
                ui.element("span").classes("inline-block w-5 h-5 rounded border border-slate-400").style(
                    f"background: {topic.colour}"
                )
                heading(topic.name, 2).classes("grow").mark("topic-name")
                up = _button(t("admin_results.up"), lambda: self.move_topic(topic, -1),
                             label=t("admin_results.up_label", name=topic.name), marker=f"topic-{topic.id}-up")
                down = _button(t("admin_results.down"), lambda: self.move_topic(topic, 1),
                               label=t("admin_results.down_label", name=topic.name), marker=f"topic-{topic.id}-down")
                up.set_enabled(not first)
                down.set_enabled(not last)
                _button(t("admin_results.edit"), lambda: self.edit_topic(topic),
                        label=t("admin_results.edit_label", name=topic.name), marker=f"topic-{topic.id}-edit")
                _button(t("admin_results.delete"), lambda: self.confirm_delete_topic(group),
                        label=t("admin_results.delete_label", name=topic.name), marker=f"topic-{topic.id}-delete",
                        danger=True)
            if not group.results:
                ui.label(t("admin_results.no_results")).classes("text-slate-700")
            with ui.column().classes("w-full gap-0 divide-y divide-slate-200"):
                for index, result in enumerate(group.results):
                    self._result_row(result, group.picture_counts.get(result.id, 0),
                                     first=index == 0, last=index == len(group.results) - 1)
            with ui.row().classes("w-full items-end gap-2 flex-wrap"):
                title = ui.input(t("admin_results.new_result", topic=topic.name)).props(
                    f"outlined dense maxlength={RESULT_TITLE_MAX_LENGTH}"
                ).classes("grow min-w-[12rem]").mark(f"topic-{topic.id}-new-result")

                async def create() -> None:
                    result = await self.call(
                        lambda staff: service.create_result(staff, topic.id, title.value or ""),
                        done=t("admin_results.result_created"),
                    )
                    if result is not None:
                        await self.show()

                _aria(ui.button(t("admin_results.create_result"), on_click=create).props(
                    "no-caps unelevated color=blue-10"
                ).mark(f"topic-{topic.id}-create-result"), t("admin_results.create_result_label", topic=topic.name))

    def _result_row(self, result: Result, pictures: int, *, first: bool, last: bool) -> None:
        with ui.column().classes("w-full gap-2 py-2").mark(f"result-{result.id}"), ui.row().classes(
            "w-full items-center gap-2 flex-wrap"
        ):
            with ui.column().classes("w-full gap-0"):
                ui.label(result.title).classes("font-semibold break-words").mark("result-title")
                ui.label(t("admin_results.picture_count", count=pictures)).classes("text-sm text-slate-700")
            name = result.title
            _aria(ui.link(t("admin_results.view"), f"/results/{result.id}").classes("text-blue-900 underline"),
                  t("admin_results.view_label", name=name))
            up = _button(t("admin_results.up"), lambda: self.move_result(result, -1),
                         label=t("admin_results.up_label", name=name), marker=f"result-{result.id}-up")
            down = _button(t("admin_results.down"), lambda: self.move_result(result, 1),
                           label=t("admin_results.down_label", name=name), marker=f"result-{result.id}-down")
            up.set_enabled(not first)
            down.set_enabled(not last)
            _button(t("admin_results.edit"), lambda: self.edit_result(result),
                    label=t("admin_results.edit_label", name=name), marker=f"result-{result.id}-edit")
            _button(t("admin_results.pictures"), lambda: self.edit_pictures(result),
                    label=t("admin_results.pictures_label", name=name), marker=f"result-{result.id}-pictures")
            _button(t("admin_results.delete"), lambda: self.confirm_delete_result(result),
                    label=t("admin_results.delete_label", name=name), marker=f"result-{result.id}-delete",
                    danger=True)

    # --- dialogs --------------------------------------------------------------------------------
    def _open_dialog(self, title: str) -> tuple[ui.column, ui.label]:
        """Empty the one dialog of the panel and give it a heading; returns its body and alert."""
        self.dialog.clear()
        with self.dialog, ui.card().classes("w-[min(48rem,96vw)] max-w-none gap-3"):
            heading(title, 2).mark("dialog-title")
            body = ui.column().classes("w-full gap-3")
            alert = ui.label("").props("role=alert").mark("dialog-alert")
        self.dialog.open()
        return body, alert

    def _dialog_buttons(self, confirm: str, on_confirm: Callable[[], Awaitable[None]], *, danger: bool = False,
                        marker: str = "dialog-confirm") -> None:
        with ui.row().classes("w-full justify-end gap-2"):
            ui.button(t("admin_results.cancel"), on_click=self.dialog.close).props(BUTTON).mark("dialog-cancel")
            ui.button(confirm, on_click=on_confirm).props(
                f"no-caps unelevated color={'red-10' if danger else 'blue-10'}"
            ).mark(marker)

    async def _after_change(self) -> None:
        self.dialog.close()
        await self.show()

    # --- topics ---------------------------------------------------------------------------------
    async def move_topic(self, topic: Topic, direction: int) -> None:
        if await self.call(lambda staff: service.move_topic(staff, topic.id, direction),
                           done=t("admin_results.moved", name=topic.name)) is not None:
            await self.show()

    def edit_topic(self, topic: Topic) -> None:
        body, alert = self._open_dialog(t("admin_results.edit_topic"))
        with body:
            name = ui.input(t("admin_results.topic_name"), value=topic.name).props(
                f"outlined maxlength={TOPIC_NAME_MAX_LENGTH}"
            ).classes("w-full").mark("topic-name-input")
            name_en = ui.input(t("admin_results.topic_name_en"), value=topic.name_en).props(
                f"outlined maxlength={TOPIC_NAME_MAX_LENGTH}"
            ).classes("w-full").mark("topic-name-en-input")
            name_en.props["hint"] = t("content.en_hint")
            colour = self._colour_input(topic.colour).mark("topic-colour-input")

            async def save() -> None:
                if await self.call(
                    lambda staff: service.update_topic(
                        staff, topic.id, name.value or "", colour.value or "", name_en=name_en.value or ""
                    ),
                    alert=alert, done=t("admin_results.saved"),
                ) is not None:
                    await self._after_change()

            self._dialog_buttons(t("admin_results.save"), save)

    def confirm_delete_topic(self, group: service.TopicResults) -> None:
        topic = group.topic
        if group.results:  # refused by the service anyway; say why at once instead of asking first
            show_refusal(ServiceError("topic.has_results", count=len(group.results)), self.alert)
            return
        body, alert = self._open_dialog(t("admin_results.delete_topic_title", name=topic.name))
        with body:

            async def delete() -> None:
                if await self.call(lambda staff: service.delete_topic(staff, topic.id), alert=alert,
                                   done=t("admin_results.deleted", name=topic.name)) is not None:
                    await self._after_change()

            self._dialog_buttons(t("admin_results.delete"), delete, danger=True)

    # --- results --------------------------------------------------------------------------------
    async def move_result(self, result: Result, direction: int) -> None:
        if await self.call(lambda staff: service.move_result(staff, result.id, direction),
                           done=t("admin_results.moved", name=result.title)) is not None:
            await self.show()

    def edit_result(self, result: Result) -> None:
        assert self.programme is not None
        body, alert = self._open_dialog(t("admin_results.edit_result"))
        topics = {group.topic.id: group.topic.name for group in self.groups}
        items = {NO_AGENDA_ITEM: t("admin_results.no_agenda_item")} | {
            item.id: f"{local_time(item.starts_at)} {item.title}" for item in self.programme.items
        }
        with body:
            topic = ui.select(topics, value=result.topic_id, label=t("admin_results.topic")).props(
                "outlined"
            ).classes("w-full").mark("result-topic-input")
            title = ui.input(t("admin_results.title"), value=result.title).props(
                f"outlined maxlength={RESULT_TITLE_MAX_LENGTH}"
            ).classes("w-full").mark("result-title-input")
            summary = ui.textarea(t("admin_results.summary"), value=result.summary).props(
                f"outlined autogrow maxlength={RESULT_SUMMARY_MAX_LENGTH} counter"
            ).classes("w-full").mark("result-summary-input")
            text = ui.textarea(t("admin_results.body"), value=result.body).props(
                f"outlined autogrow maxlength={service.RESULT_BODY_MAX_LENGTH}"
            ).classes("w-full").mark("result-body-input")
            english = self._english_result_inputs(result)
            current = result.agenda_item_id
            agenda = ui.select(items, value=current if current in items else NO_AGENDA_ITEM,
                               label=t("admin_results.agenda_item")).props("outlined").classes("w-full").mark(
                "result-agenda-input"
            )

            async def save() -> None:
                chosen = agenda.value if agenda.value != NO_AGENDA_ITEM else None
                if await self.call(
                    lambda staff: service.update_result(
                        staff, result.id, topic_id=int(topic.value), title=title.value or "",
                        summary=summary.value or "", body=text.value or "", agenda_item_id=chosen,
                        **{name: field.value or "" for name, field in english.items()},
                    ),
                    alert=alert, done=t("admin_results.saved"),
                ) is not None:
                    await self._after_change()

            self._dialog_buttons(t("admin_results.save"), save)

    @staticmethod
    def _english_result_inputs(result: Result) -> dict[str, ui.input]:
        """The English title, summary and text, under their German fields (empty: the German shows)."""
        with ui.element("fieldset").classes("border border-slate-300 rounded p-3 w-full flex flex-col gap-3"):
            Text("legend", t("admin_results.english")).classes("px-1 font-semibold")
            ui.label(t("content.en_hint")).classes("text-sm text-slate-700")
            return {
                "title_en": ui.input(t("admin_results.title_en"), value=result.title_en).props(
                    f"outlined maxlength={RESULT_TITLE_MAX_LENGTH}"
                ).classes("w-full").mark("result-title-en-input"),
                "summary_en": ui.textarea(t("admin_results.summary_en"), value=result.summary_en).props(
                    f"outlined autogrow maxlength={RESULT_SUMMARY_MAX_LENGTH} counter"
                ).classes("w-full").mark("result-summary-en-input"),
                "body_en": ui.textarea(t("admin_results.body_en"), value=result.body_en).props(
                    f"outlined autogrow maxlength={service.RESULT_BODY_MAX_LENGTH}"
                ).classes("w-full").mark("result-body-en-input"),
            }

    def confirm_delete_result(self, result: Result) -> None:
        body, alert = self._open_dialog(t("admin_results.delete_result_title", name=result.title))
        with body:
            Text("p", t("admin_results.delete_result_text")).classes("m-0 max-w-prose")

            async def delete() -> None:
                if await self.call(lambda staff: service.delete_result(staff, result.id), alert=alert,
                                   done=t("admin_results.deleted", name=result.title)) is not None:
                    await self._after_change()

            self._dialog_buttons(t("admin_results.delete"), delete, danger=True)

    # --- pictures -------------------------------------------------------------------------------
    async def edit_pictures(self, result: Result) -> None:
        body, alert = self._open_dialog(t("admin_results.pictures_of", name=result.title))
        self.pictures = PicturesEditor(self, result, body, alert)
        await self.pictures.show()


class PicturesEditor:
    """The pictures of one result in the panel's dialog: alt text, order, delete, upload."""

    def __init__(self, panel: ResultsPanel, result: Result, body: ui.column, alert: ui.label) -> None:
        self.panel = panel
        self.result = result
        self.alert = alert
        with body:
            Text("p", t("admin_results.pictures_hint")).classes("m-0 max-w-prose text-slate-700")
            self.list = ui.column().classes("w-full gap-3").mark("picture-list")
            self._upload_form()
            with ui.row().classes("w-full justify-end"):
                ui.button(t("admin_results.close"), on_click=panel.dialog.close).props(BUTTON).mark("dialog-cancel")

    async def show(self) -> None:
        images = await service.result_images(self.result.id)
        self.list.clear()
        with self.list:
            if not images:
                ui.label(t("admin_results.no_pictures")).mark("no-pictures")
            for index, image in enumerate(images):
                with ui.row().classes("w-full items-start gap-3 flex-wrap").mark(f"picture-{image.id}"):
                    thumb = ui.element("img").classes("w-32 h-auto rounded bg-slate-200")
                    thumb.props.update(src=media_url(image.thumb_name), alt=image.alt,
                                       width=image.thumb_width, height=image.thumb_height)
                    with ui.column().classes("grow gap-2 min-w-[12rem]"):
                        alt = ui.input(t("admin_results.alt"), value=image.alt).props(
                            f"outlined dense maxlength={ALT_TEXT_MAX_LENGTH} counter"
                        ).classes("w-full").mark(f"picture-{image.id}-alt")
                        alt_en = ui.input(t("admin_results.alt_en"), value=image.alt_en).props(
                            f"outlined dense maxlength={ALT_TEXT_MAX_LENGTH} counter"
                        ).classes("w-full").mark(f"picture-{image.id}-alt-en")
                        with ui.row().classes("gap-2 flex-wrap"):
                            number = index + 1
                            _button(t("admin_results.save_alt"),
                                    lambda pk=image.id, field=alt, english=alt_en: self.save_alt(pk, field, english),
                                    label=t("admin_results.save_alt_label", number=number),
                                    marker=f"picture-{image.id}-save")
                            up = _button(t("admin_results.up"), lambda pk=image.id: self.move(pk, -1),
                                         label=t("admin_results.picture_up_label", number=number),
                                         marker=f"picture-{image.id}-up")
                            down = _button(t("admin_results.down"), lambda pk=image.id: self.move(pk, 1),
                                           label=t("admin_results.picture_down_label", number=number),
                                           marker=f"picture-{image.id}-down")
                            up.set_enabled(index > 0)
                            down.set_enabled(index < len(images) - 1)
                            _button(t("admin_results.delete"), lambda pk=image.id: self.delete(pk),
                                    label=t("admin_results.picture_delete_label", number=number),
                                    marker=f"picture-{image.id}-delete", danger=True)

    async def _changed(self, action: Callable[[StaffAccount], Awaitable[Any]], done: str) -> None:
        if await self.panel.call(action, alert=self.alert, done=done) is not None:
            await self.show()
            await self.panel.show()

    async def save_alt(self, image_id: int, field: ui.input, english: ui.input) -> None:
        await self._changed(
            lambda staff: service.update_image_alt(staff, image_id, field.value or "", alt_en=english.value or ""),
            t("admin_results.saved"),
        )

    async def move(self, image_id: int, direction: int) -> None:
        await self._changed(lambda staff: service.move_image(staff, image_id, direction),
                            t("admin_results.picture_moved"))

    async def delete(self, image_id: int) -> None:
        await self._changed(lambda staff: service.delete_image(staff, image_id), t("admin_results.picture_deleted"))

    def _upload_form(self) -> None:
        limit = MAX_UPLOAD_BYTES // (1024 * 1024)
        with ui.column().classes("w-full gap-2 border-t border-slate-300 pt-3").mark("new-picture"):
            heading(t("admin_results.new_picture"), 3)
            self.new_alt = ui.input(t("admin_results.new_alt")).props(
                f"outlined maxlength={ALT_TEXT_MAX_LENGTH} counter"
            ).classes("w-full").mark("new-picture-alt")
            self.new_alt_en = ui.input(t("admin_results.new_alt_en")).props(
                f"outlined maxlength={ALT_TEXT_MAX_LENGTH} counter"
            ).classes("w-full").mark("new-picture-alt-en")
            self.pick_label = Text("label", t("admin_results.pick")).classes("font-semibold")
            self.hint = ui.label(t("admin_results.upload_hint", limit=limit)).classes("text-sm text-slate-700")
            # Quasar's own picker is an icon-only button with a file input nested in it (no name, and
            # nested controls): a plain labelled file input hands the chosen file to the uploader instead.
            picker = ui.element("input").classes("block w-full text-base").mark("picture-file")
            picker.props.update(type="file", accept=ACCEPT, **{"aria-describedby": f"c{self.hint.id}"})
            self.pick_label.props["for"] = f"c{picker.id}"
            self.upload = ui.upload(
                auto_upload=True, max_file_size=MAX_UPLOAD_BYTES, max_files=1,
                on_upload=self.handle_upload, on_rejected=self.rejected,
            ).props(f'accept="{ACCEPT}" flat bordered color=grey-2 text-color=grey-10').classes("w-full").mark(
                "picture-upload"
            )
            self.upload.on("failed", self.failed)
            uploading = html.escape(t("admin_results.uploading"))
            self.upload.add_slot("header", (
                f'<div v-if="props.isUploading" role="status" class="q-pa-sm">{uploading} '
                "{{ props.uploadProgressLabel }}</div>"
            ))
            picker.on("change", js_handler=(
                f"(event) => {{ getElement({self.upload.id}).$refs.qRef.addFiles(event.target.files); "
                "event.target.value = ''; }"
            ))
            with ui.row().classes("items-center gap-2").props("role=status aria-live=polite") as self.progress:
                ui.spinner(size="1.5em", color="blue-10")
                ui.label(t("admin_results.processing")).mark("picture-processing")
            self.progress.set_visibility(False)

    async def rejected(self) -> None:
        """The browser refused the file before sending it (larger than the limit, or not an image type)."""
        message = t("admin_results.rejected", limit=MAX_UPLOAD_BYTES // (1024 * 1024))
        AlertLabel(self.alert).say(message)
        ui.notify(message, type="warning")

    async def failed(self) -> None:
        """The file did not arrive (connection lost, or a proxy refused the body)."""
        message = t("admin_results.upload_failed")
        AlertLabel(self.alert).say(message)
        ui.notify(message, type="warning")

    async def handle_upload(self, upload: events.UploadEventArguments) -> None:
        """A file arrived: the size is checked before it is read into memory, then the service checks
        the alt text and the content (in a thread) while a spinner says so."""
        self.upload.reset()
        alt, alt_en = self.new_alt.value or "", self.new_alt_en.value or ""

        async def store(staff: StaffAccount) -> Any:
            check_upload_size(upload.file.size())
            data = await upload.file.read()
            return await service.add_result_image(staff, self.result.id, data, alt, alt_en=alt_en)

        self.progress.set_visibility(True)
        try:
            image = await self.panel.call(store, alert=self.alert, done=t("admin_results.picture_added"))
        finally:
            self.progress.set_visibility(False)
        if image is not None:
            self.new_alt.set_value("")
            self.new_alt_en.set_value("")
            await self.show()
            await self.panel.show()
