"""/admin tab "answers": the city answers every published contribution from one list.

A department works from the top: the list shows what still has no answer (or everything), by
kind, oldest first; each card has the status, the answer text and one button. What is saved is
announced like any change, so the wall, the result's thread and the hall screen show it at once.
"""

from __future__ import annotations

from nicegui import ui

from components.admin_panel import AdminPanel
from components.i18n import local_time, t
from components.staff_gate import as_staff
from components.text import heading
from features.answers.service import PAGE_SIZE, STATUSES, AnswerQuery, answer_list, give_answer
from models.contribution import OFFICIAL_ANSWER_MAX_LENGTH, Contribution, Kind
from models.staff import StaffAccount

HERE = "/admin?tab=answers"
KINDS = ("", *(kind.value for kind in Kind))  # "": every kind


class AnswersPanel(AdminPanel):
    async def build(self) -> None:
        if self.without_event("answers.no_event", "answers-no-event"):
            return
        self.offset = 0
        with ui.element("section").props("aria-labelledby=answers-heading").classes("block w-full space-y-3"):
            heading(t("answers.heading"), 2).props("id=answers-heading")
            ui.label(t("answers.intro")).classes("text-slate-700")
            with ui.row().classes("items-end gap-4 flex-wrap"):
                self.open_only = ui.switch(t("answers.open_only"), value=True, on_change=self.first_page).mark(
                    "answers-open-only"
                )
                self.kind = (
                    ui.select(
                        {kind: t(f"answers.kind.{kind or 'all'}") for kind in KINDS},
                        value="",
                        label=t("answers.kind_label"),
                        on_change=self.first_page,
                    )
                    .props("outlined dense")
                    .classes("min-w-48")
                    .mark("answers-kind")
                )
            self.count = ui.label().props("role=status").mark("answers-count")
            self.box = ui.element("div").classes("w-full")
            with ui.row().classes("gap-2"):
                self.previous = (
                    ui.button(t("answers.previous"), on_click=lambda: self.turn(-PAGE_SIZE))
                    .props("no-caps outline color=blue-10")
                    .mark("answers-previous")
                )
                self.next = (
                    ui.button(t("answers.next"), on_click=lambda: self.turn(PAGE_SIZE))
                    .props("no-caps outline color=blue-10")
                    .mark("answers-next")
                )
        await self.refresh()

    def query(self) -> AnswerQuery:
        kind = Kind(self.kind.value) if self.kind.value else None
        return AnswerQuery(open_only=bool(self.open_only.value), kind=kind, offset=self.offset)

    async def first_page(self) -> None:
        self.offset = 0
        await self.refresh()

    async def turn(self, by: int) -> None:
        self.offset = max(0, self.offset + by)
        await self.refresh()

    async def refresh(self) -> None:
        query = self.query()
        found = await as_staff(lambda staff: answer_list(staff, self.event_id, query), here=HERE)
        if found is None:
            return
        contributions, total = found
        self.count.set_text(t("answers.count", count=total))
        self.previous.set_visibility(self.offset > 0)
        self.next.set_visibility(self.offset + PAGE_SIZE < total)
        self.box.clear()
        with self.box:
            if not contributions:
                ui.label(t("answers.empty")).mark("answers-empty")
                return
            with (
                ui.element("ol")
                .props(f'aria-label="{t("answers.list")}"')
                .classes("flex flex-col gap-3 list-none p-0 m-0")
            ):
                for contribution in contributions:
                    self._card(contribution)

    def _card(self, contribution: Contribution) -> None:
        with (
            ui.element("li")
            .classes("bg-white rounded shadow-sm p-3 flex flex-col gap-2")
            .mark(f"answer-item-{contribution.id}")
        ):
            meta = [
                t(f"answers.kind.{contribution.kind}"),
                local_time(contribution.created_at),
                contribution.nickname or t("wall.anonymous"),
            ]
            ui.label(" · ".join(meta)).classes("text-sm text-slate-700")
            if contribution.title:
                ui.label(contribution.title).classes("font-semibold")
            ui.label(contribution.text).classes("whitespace-pre-line break-words")
            status = (
                ui.select(
                    {status.value: t(f"answers.status.{status.value}") for status in STATUSES},
                    value=str(contribution.official_status) if contribution.official_status else None,
                    label=t("answers.status_label"),
                )
                .props("outlined dense")
                .classes("max-w-sm")
                .mark(f"answer-status-{contribution.id}")
            )
            text = (
                ui.textarea(t("answers.text_label"), value=contribution.official_text)
                .props(f"outlined autogrow counter maxlength={OFFICIAL_ANSWER_MAX_LENGTH}")
                .classes("w-full")
                .mark(f"answer-text-{contribution.id}")
            )
            alert = ui.label().mark(f"answer-error-{contribution.id}")
            alert.set_visibility(False)
            done = ui.label().classes("text-green-900").props("role=status").mark(f"answer-saved-{contribution.id}")

            async def save() -> None:
                async def answer(staff: StaffAccount) -> Contribution:
                    return await give_answer(staff, contribution.id, status.value or "", text.value or "")

                if await as_staff(answer, here=HERE, alert=alert) is not None:
                    done.set_text(t("answers.saved"))

            ui.button(t("answers.save"), on_click=save).props("no-caps color=blue-10").classes("self-start").mark(
                f"answer-save-{contribution.id}"
            )
