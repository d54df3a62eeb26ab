"""The "Umfragen" section of /moderation, on the polls service (features.polls.service): prepare
polls (create, edit drafts, reorder, delete) and run them live (open, close, put on the screen),
with the live results of the open poll and of the one on the screen, and for a word cloud the
words to take out of it.

Every button goes through components.staff_gate.as_staff (the session read again). Other
moderators' clicks and the answers arrive as followers of components.live: POLLS re-reads the
event's polls once per signal for every console, POLL_RESULTS (coalesced by the service) the
results of that one poll. Staff always see the results, whatever the poll's visibility.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypeVar

from nicegui import ui

from components.i18n import localized, t
from components.live import SKIP, Followers
from components.poll_results import PollResultsView
from components.staff_gate import as_staff
from components.text import Text, content, heading
from core.bus import Signal
from features.polls import service as polls
from features.polls.service import POLL_RESULTS, POLLS, PollDraft, PollResults
from models.event import AgendaItem
from models.poll import (
    MAX_OPTIONS,
    OPTION_MAX_LENGTH,
    QUESTION_MAX_LENGTH,
    SCALE_LABEL_MAX_LENGTH,
    Poll,
    PollKind,
    PollState,
    ResultsVisibility,
)
from models.staff import StaffAccount

HERE = "/moderation"
BUTTON = "no-caps outline dense color=blue-10"


M = TypeVar("M", bound=Callable[..., Awaitable[None]])


def in_tab(method: M) -> M:
    """Run a button's handler in its tab, not in the button's slot: the list is laid out anew when
    a poll changes (often by this very click, heard back from the bus), which deletes the button."""

    @wraps(method)
    async def handler(self: Any, *args: Any, **kwargs: Any) -> None:
        with self.client:
            await method(self, *args, **kwargs)

    return handler  # type: ignore[return-value]


def _live(poll: Poll) -> bool:
    """A poll whose results the console shows: the open one and the one on the screen."""
    return poll.state is PollState.OPEN or poll.on_screen


def _shape(poll: Poll) -> tuple[object, ...]:
    """What the list shows of a poll: a re-announcement that changes none of it rebuilds nothing."""
    return (
        poll.id,
        poll.position,
        poll.state,
        poll.on_screen,
        poll.question,
        poll.question_en,
        poll.kind,
        poll.agenda_item_id,
        poll.results_visibility,
        tuple((o.label, o.label_en) for o in poll.options),
    )


class PollForm:
    """The dialog to create a poll or edit a draft: one form, the fields of the chosen kind shown."""

    def __init__(self, panel: PollPanel) -> None:
        self.panel = panel
        self.client = panel.client
        self.editing: Poll | None = None
        with (
            ui.dialog().props("aria-labelledby=poll-form-heading") as self.dialog,
            ui.card().classes("w-full max-w-2xl").mark("poll-form"),
        ):
            self.heading = heading("", 2).props("id=poll-form-heading")
            self.kind = (
                ui.select(
                    {kind.value: t(f"poll.kind.{kind.value}") for kind in PollKind},
                    value=PollKind.SINGLE.value,
                    label=t("poll.console.kind"),
                    on_change=lambda _: self._show_fields(),
                )
                .props("outlined")
                .classes("w-full")
                .mark("poll-kind")
            )
            self.question = self._input("poll.console.question", QUESTION_MAX_LENGTH, "poll-question")
            self.question_en = self._input("poll.console.question_en", QUESTION_MAX_LENGTH, "poll-question-en")
            with ui.element("fieldset").classes("w-full border border-slate-300 rounded p-2") as self.options_box:
                Text("legend", t("poll.console.options", most=MAX_OPTIONS)).classes("px-1 text-sm")
                self.options: list[tuple[ui.input, ui.input]] = []
                for number in range(1, MAX_OPTIONS + 1):
                    with ui.element("div").classes("grid gap-2 sm:grid-cols-2 w-full"):
                        self.options.append(
                            (
                                self._input(
                                    "poll.console.option", OPTION_MAX_LENGTH, f"poll-option-{number}", number=number
                                ),
                                self._input(
                                    "poll.console.option_en",
                                    OPTION_MAX_LENGTH,
                                    f"poll-option-en-{number}",
                                    number=number,
                                ),
                            )
                        )
            self.max_choices = (
                ui.number(t("poll.console.max_choices"), value=2, min=1, max=MAX_OPTIONS, precision=0)
                .props("outlined")
                .mark("poll-max-choices")
            )
            with ui.element("div").classes("grid gap-2 sm:grid-cols-2 w-full") as self.scale_box:
                self.scale_min = (
                    ui.number(t("poll.console.scale_min"), value=1, min=0, max=10, precision=0)
                    .props("outlined")
                    .mark("poll-scale-min")
                )
                self.scale_max = (
                    ui.number(t("poll.console.scale_max"), value=5, min=0, max=10, precision=0)
                    .props("outlined")
                    .mark("poll-scale-max")
                )
                self.scale_labels = {
                    name: self._input(f"poll.console.{name}", SCALE_LABEL_MAX_LENGTH, f"poll-{name.replace('_', '-')}")
                    for name in ("scale_min_label", "scale_max_label", "scale_min_label_en", "scale_max_label_en")
                }
            self.visibility = (
                ui.select(
                    {value.value: t(f"poll.visibility.{value.value}") for value in ResultsVisibility},
                    value=ResultsVisibility.LIVE.value,
                    label=t("poll.console.visibility"),
                )
                .props("outlined")
                .classes("w-full")
                .mark("poll-visibility")
            )
            self.agenda_item = (
                ui.select({}, label=t("poll.console.agenda_item"))
                .props("outlined")
                .classes("w-full")
                .mark("poll-agenda-item")
            )
            self.alert = ui.label().mark("poll-form-error")
            self.alert.set_visibility(False)
            # a long form scrolls inside the dialog: its buttons stay in view, on the card's white
            with ui.row().classes("justify-end w-full gap-2 sticky bottom-0 bg-white py-2 z-10"):
                ui.button(t("poll.console.cancel"), on_click=self.dialog.close).props(
                    "no-caps flat color=blue-10"
                ).mark("poll-cancel")
                ui.button(t("poll.console.save"), on_click=self.save).props("no-caps color=blue-10").mark("poll-save")

    @staticmethod
    def _input(key: str, limit: int, marker: str, **params: object) -> ui.input:
        return ui.input(t(key, **params)).props(f"outlined dense maxlength={limit}").classes("w-full").mark(marker)

    def _show_fields(self) -> None:
        kind = PollKind(self.kind.value)
        self.options_box.set_visibility(kind in polls.KINDS_WITH_OPTIONS)
        self.max_choices.set_visibility(kind is PollKind.MULTIPLE)
        self.scale_box.set_visibility(kind is PollKind.SCALE)

    def open(self, poll: Poll | None, agenda_items: list[AgendaItem]) -> None:
        """Empty for a new poll (on the item on stage, if any), or the draft's values."""
        self.editing = poll
        self.alert.set_text("")
        self.alert.set_visibility(False)
        items: dict[int | None, str] = {None: t("poll.console.no_item")}
        items |= {item.id: item.title for item in agenda_items}
        self.agenda_item.set_options(items, value=poll.agenda_item_id if poll else self.panel.running)
        labels = [(o.label, o.label_en) for o in poll.options] if poll else []
        for index, (german, english) in enumerate(self.options):
            german.value, english.value = labels[index] if index < len(labels) else ("", "")
        self.kind.value = (poll.kind if poll else PollKind.SINGLE).value
        self.question.value = poll.question if poll else ""
        self.question_en.value = poll.question_en if poll else ""
        self.max_choices.value = poll.max_choices if poll and poll.kind is PollKind.MULTIPLE else 2
        self.scale_min.value = poll.scale_min if poll else 1
        self.scale_max.value = poll.scale_max if poll else 5
        for name, field in self.scale_labels.items():
            field.value = getattr(poll, name) if poll else ""
        self.visibility.value = (poll.results_visibility if poll else ResultsVisibility.LIVE).value
        self.heading.set_text(t("poll.console.new_heading" if poll is None else "poll.console.edit_heading"))
        self._show_fields()
        self.dialog.open()

    def draft(self) -> PollDraft:
        def number(field: ui.number, default: int) -> int:
            return int(field.value) if isinstance(field.value, int | float) else default

        return PollDraft(
            kind=PollKind(self.kind.value),
            question=str(self.question.value or ""),
            question_en=str(self.question_en.value or ""),
            options=tuple(str(german.value or "") for german, _ in self.options),
            options_en=tuple(str(english.value or "") for _, english in self.options),
            max_choices=number(self.max_choices, 1),
            scale_min=number(self.scale_min, 1),
            scale_max=number(self.scale_max, 5),
            **{name: str(field.value or "") for name, field in self.scale_labels.items()},  # type: ignore[arg-type]
            results_visibility=ResultsVisibility(self.visibility.value),
            agenda_item_id=self.agenda_item.value if isinstance(self.agenda_item.value, int) else None,
        )

    @in_tab
    async def save(self) -> None:
        editing, panel = self.editing, self.panel
        # Only the German options that were filled count; their English labels must stay beside them.
        draft = self.draft()
        kept = [index for index, label in enumerate(draft.options) if label.strip()]
        draft = PollDraft(
            **{
                **draft.__dict__,
                "options": tuple(draft.options[i] for i in kept),
                "options_en": tuple(draft.options_en[i] for i in kept),
            }
        )

        async def save(staff: StaffAccount) -> Poll:
            if editing is None:
                return await polls.create_poll(staff, panel.event_id, draft)
            return await polls.update_poll(staff, editing.id, draft)

        poll = await as_staff(save, here=HERE, alert=self.alert)
        if poll is not None:
            self.dialog.close()
            ui.notify(t("poll.console.saved"), type="positive")
            await panel.reload(focus=f"poll-edit-{poll.id}")


@dataclass(frozen=True)
class PollsAnswer:
    """What one signal changed: every poll of the event (POLLS), or the results of some."""

    polls: list[Poll] | None
    results: dict[int, tuple[Poll, PollResults]]


class PollPanel:
    """The console's poll section for one tab."""

    def __init__(self, event_id: int, agenda_items: list[AgendaItem], running: int | None = None) -> None:
        self.client = ui.context.client
        self.event_id = event_id
        self.agenda_items = agenda_items
        self.running = running
        self.polls: list[Poll] = []
        self._shapes: list[tuple[object, ...]] = []
        self.views: dict[int, tuple[PollResultsView, ui.element]] = {}
        self._deleting: Poll | None = None

    async def build(self) -> None:
        with (
            ui.element("section")
            .props("aria-labelledby=polls-heading")
            .classes("block bg-white rounded shadow-sm p-4 space-y-3 w-full")
            .mark("poll-panel") as self.section
        ):
            with ui.row().classes("items-center justify-between gap-2 w-full flex-wrap"):
                heading(t("poll.console.heading"), 2).props("id=polls-heading")
                ui.button(
                    t("poll.console.add"), icon="add", on_click=lambda: self.form.open(None, self.agenda_items)
                ).props("no-caps color=blue-10").mark("poll-add")
            self.box = ui.element("div").classes("w-full")
        self.form = PollForm(self)
        self._delete_dialog()
        _followers.add(self.event_id, self)  # before reading, so no change falls in between
        await self.reload()

    # --- the list -------------------------------------------------------------------------------
    async def reload(self, focus: str | None = None, fallback: str = "poll-add") -> None:
        """Read the polls for this tab alone (when built, and after its own changes)."""
        self.show(await _read(Signal(POLLS, self.event_id), [self]))
        if focus is not None:
            self._focus(focus, fallback)

    def show(self, answer: PollsAnswer) -> None:
        if answer.polls is not None:
            shapes = [_shape(poll) for poll in answer.polls]
            if shapes != self._shapes:
                self._shapes = shapes
                self.polls = answer.polls
                self._lay_out()
        for poll, results in answer.results.values():
            self._show_results(poll, results)

    def _lay_out(self) -> None:
        self.box.clear()
        self.views = {}
        titles = {item.id: item.title for item in self.agenda_items}
        with self.box:
            if not self.polls:
                ui.label(t("poll.console.empty")).mark("poll-empty")
                return
            with (
                ui.element("ol")
                .props(f'aria-label="{t("poll.console.list")}"')
                .classes("flex flex-col gap-3 list-none p-0 m-0")
            ):
                for index, poll in enumerate(self.polls):
                    self._row(poll, titles, first=index == 0, last=index == len(self.polls) - 1)

    def _row(self, poll: Poll, titles: dict[int, str], *, first: bool, last: bool) -> None:
        state = t(f"poll.state.{poll.state.value}")
        facts = [state, t(f"poll.kind.{poll.kind.value}"), t(f"poll.visibility.{poll.results_visibility.value}")]
        if poll.on_screen:
            facts.append(t("poll.console.on_screen"))
        if poll.agenda_item_id in titles:
            facts.append(titles[poll.agenda_item_id])  # type: ignore[index]
        open_now = poll.state is PollState.OPEN
        frame = "border-blue-900 bg-blue-50" if open_now else "border-slate-300"
        with ui.element("li").classes(f"rounded border p-3 flex flex-col gap-2 {frame}").mark(f"poll-{poll.id}"):
            ui.label(" · ".join(facts)).classes("text-sm text-slate-800 font-semibold").mark(f"poll-facts-{poll.id}")
            content("h3", localized(poll, "question")).classes("text-lg font-semibold m-0")
            with ui.row().classes("gap-2 flex-wrap"):
                if open_now:
                    self._button("close", poll, lambda: self.run(poll, "close"))
                else:
                    self._button("open", poll, lambda: self.run(poll, "open"))
                if not poll.on_screen:
                    self._button("show", poll, lambda: self.run(poll, "show"))
                if poll.state is PollState.DRAFT:
                    self._button("edit", poll, lambda: self.form.open(poll, self.agenda_items))
                self._button("up", poll, lambda: self.move(poll, -1)).set_enabled(not first)
                self._button("down", poll, lambda: self.move(poll, 1)).set_enabled(not last)
                self._button("delete", poll, lambda: self.ask_delete(poll)).props("color=red-10")
            if _live(poll):
                with (
                    ui.element("div")
                    .classes("w-full space-y-2")
                    .props(f'role=group aria-label="{t("poll.console.results", question=poll.question)}"')
                ):
                    view = PollResultsView("console")
                    words = ui.element("div").classes("w-full")
                self.views[poll.id] = (view, words)

    def _button(self, action: str, poll: Poll, on_click: Callable[[], Awaitable[None] | None]) -> ui.button:
        label = t(f"poll.console.{action}")
        button = ui.button(label, on_click=on_click).props(BUTTON).classes("px-2").mark(f"poll-{action}-{poll.id}")
        button.props["aria-label"] = t("poll.console.action_label", action=label, question=poll.question)
        return button

    def _focus(self, marker: str, fallback: str) -> None:
        """Put the keyboard focus on a button of the new list (the pressed one is gone with the old)."""

        def usable(name: str) -> ui.element | None:
            found = next((element for element in self.section.descendants() if name in element._markers), None)
            return found if found is not None and getattr(found, "enabled", True) else None

        target = usable(marker) or usable(fallback) or usable("poll-add")
        if target is None:
            return
        self.client.run_javascript(f'document.getElementById("c{target.id}")?.focus()')  # an id, never text

    # --- results --------------------------------------------------------------------------------
    def _show_results(self, poll: Poll, results: PollResults) -> None:
        if poll.id not in self.views:
            return
        view, words = self.views[poll.id]
        view.show(poll, results)
        words.clear()
        if poll.kind is not PollKind.WORDS:
            return
        with words:
            if results.words:
                heading(t("poll.console.words"), 4).classes("text-base font-semibold")
                with ui.element("ul").classes("flex flex-col gap-1 list-none p-0 m-0").mark(f"poll-words-{poll.id}"):
                    for word in results.words:
                        with ui.element("li").classes("flex items-center gap-2 flex-wrap"):
                            Text("span", f"{word.words} ({word.count})")
                            button = (
                                ui.button(
                                    t("poll.console.remove_word"),
                                    on_click=lambda _, text=word.words: self.remove_word(poll, text),
                                )
                                .props(BUTTON + " color=red-10")
                                .classes("px-2")
                                .mark(f"poll-remove-word-{poll.id}")
                            )
                            button.props["aria-label"] = t("poll.console.remove_word_label", words=word.words)
            if results.held_words:
                heading(t("poll.console.held"), 4).classes("text-base font-semibold")
                with ui.element("ul").classes("list-disc pl-6 m-0").mark(f"poll-held-{poll.id}"):
                    for word in results.held_words:
                        Text("li", f"{word.words} ({word.count})")

    # --- actions --------------------------------------------------------------------------------
    @in_tab
    async def run(self, poll: Poll, action: str) -> None:
        """Öffnen, Schließen, Auf die Leinwand; the focus goes to the button that follows on."""
        calls: dict[str, Callable[[StaffAccount], Awaitable[object]]] = {
            "open": lambda staff: polls.open_poll(staff, poll.id),
            "close": lambda staff: polls.close_poll(staff, poll.id),
            "show": lambda staff: polls.show_on_screen(staff, poll.id),
        }
        if await as_staff(_ran(calls[action]), here=HERE):
            ui.notify(t(f"poll.console.{ {'open': 'opened', 'close': 'closed', 'show': 'shown'}[action] }"))
            follows = {"open": "close", "close": "open", "show": "close" if poll.state is PollState.OPEN else "open"}
            await self.reload(focus=f"poll-{follows[action]}-{poll.id}")

    @in_tab
    async def move(self, poll: Poll, direction: int) -> None:
        if await as_staff(_ran(lambda staff: polls.move_poll(staff, poll.id, direction)), here=HERE):
            await self.reload(
                focus=f"poll-{'up' if direction < 0 else 'down'}-{poll.id}",
                fallback=f"poll-{'down' if direction < 0 else 'up'}-{poll.id}",
            )

    @in_tab
    async def remove_word(self, poll: Poll, words: str) -> None:
        if await as_staff(_ran(lambda staff: polls.remove_word(staff, poll.id, words)), here=HERE):
            ui.notify(t("poll.console.word_removed", words=words))

    def _delete_dialog(self) -> None:
        with (
            ui.dialog().props("aria-labelledby=poll-delete-text") as self.delete_dialog,
            ui.card().classes("max-w-lg").mark("poll-delete-dialog"),
        ):
            self.delete_text = ui.label().props("id=poll-delete-text").classes("text-lg")
            with ui.row().classes("justify-end w-full gap-2"):
                ui.button(t("poll.console.cancel"), on_click=self.delete_dialog.close).props(
                    "no-caps flat color=blue-10"
                ).mark("poll-delete-cancel")
                ui.button(t("poll.console.delete"), on_click=self.delete).props("no-caps color=red-10").mark(
                    "poll-delete-confirm"
                )

    def ask_delete(self, poll: Poll) -> None:
        self._deleting = poll
        self.delete_text.set_text(t("poll.console.delete_confirm", question=poll.question))
        self.delete_dialog.open()

    @in_tab
    async def delete(self) -> None:
        poll = self._deleting
        if poll is None:
            return
        self.delete_dialog.close()
        if await as_staff(_ran(lambda staff: polls.delete_poll(staff, poll.id)), here=HERE):
            ui.notify(t("poll.console.deleted"))
            await self.reload(focus="poll-add")


def _ran(call: Callable[[StaffAccount], Awaitable[object]]) -> Callable[[StaffAccount], Awaitable[bool]]:
    """The action, answering True when it ran (as_staff answers None for a refusal)."""

    async def action(staff: StaffAccount) -> bool:
        await call(staff)
        return True

    return action


async def _read(signal: Signal, panels: list[PollPanel]) -> PollsAnswer:
    """Once per signal for every console of the event: the polls (POLLS), or the one poll's results."""
    if signal.kind == POLL_RESULTS:
        poll = await polls.get_poll(int(signal.ids.get("poll_id") or 0))
        if poll is None or not _live(poll):
            return SKIP
        return PollsAnswer(None, {poll.id: (poll, await polls.results_of(poll))})
    every = await polls.polls_of(signal.event_id)
    return PollsAnswer(every, {poll.id: (poll, await polls.results_of(poll)) for poll in every if _live(poll)})


def _show(panel: PollPanel, answer: PollsAnswer, _signal: Signal) -> None:
    panel.show(answer)


_followers: Followers[PollPanel, PollsAnswer] = Followers(
    "moderation-polls",
    (POLLS, POLL_RESULTS),
    _read,
    _show,
    again=lambda event_id: Signal(POLLS, event_id),
)
