"""The open poll at the top of the wall (/wall and /live, for the hall and the stream alike): a
real form (a fieldset with the question as its legend and native inputs) and, as the poll's
setting allows, its results (components.poll_results).

One answer per browser (components.browser_id), changeable until the poll closes: the own answer
is shown checked. Every open box follows the polls of its event (components.live.Followers): a
poll the moderator opens appears without reload, a closed one says so, results update live. The
question is read once per signal for all tabs; only a tab that gets a new poll asks for its own
answer.

The browser keeps what the form needs on its own (no server round trip while choosing): the
maximum of a multiple choice is enforced there as well as on the server, and a ranking is
reordered with "nach oben"/"nach unten" buttons that keep the keyboard focus.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from nicegui import ui
from nicegui.events import GenericEventArguments

from components.i18n import error_text, localized, t
from components.live import SKIP, Followers
from components.poll_results import PollResultsView
from components.text import Text, content, heading
from core.bus import Signal
from core.errors import ServiceError
from features.polls.service import (
    POLL_RESULTS,
    POLLS,
    OwnAnswer,
    PollResults,
    answer_poll,
    get_poll,
    own_answer,
    poll_to_show,
    results_of,
    results_visible,
)
from models.contribution import Channel
from models.poll import WORDS_MAX_LENGTH, Poll, PollKind, PollState, ResultsVisibility

INPUT_CLASSES = "w-6 h-6 shrink-0 accent-blue-900"
# the form's answer, collected in the browser on submit (the ranking: the options in their order)
SUBMIT_JS = """(event) => {
  event.preventDefault();
  const form = event.target, data = new FormData(form);
  emit({
    choices: data.getAll("choice").map(Number),
    order: [...form.querySelectorAll("[data-option]")].map((item) => Number(item.dataset.option)),
    value: data.get("value"),
    words: data.get("words") || "",
  });
}"""


def _at_most_js(most: int, message: str) -> str:
    """A multiple choice: a tick beyond the maximum is taken back, and the form says why."""
    return f"""(event) => {{
  const box = event.target;
  if (box.type !== "checkbox" || !box.checked) return;
  const ticked = event.currentTarget.querySelectorAll('input[type="checkbox"]:checked').length;
  if (ticked > {most}) {{
    box.checked = false;
    event.currentTarget.closest("form").querySelector(".sg-poll-status").textContent = {json.dumps(message)};
  }}
}}"""


def _move_js(template: str) -> str:
    """A ranking: move the option of the pressed button up or down, keep the focus on the button,
    and say the new place in the live region."""
    return f"""(event) => {{
  const button = event.target.closest("button[data-move]");
  if (!button) return;
  event.preventDefault();
  const item = button.closest("li"), list = item.parentNode;
  if (button.dataset.move === "up" && item.previousElementSibling) list.insertBefore(item, item.previousElementSibling);
  else if (button.dataset.move === "down" && item.nextElementSibling) list.insertBefore(item.nextElementSibling, item);
  button.focus();
  const place = [...list.children].indexOf(item) + 1;
  list.parentNode.querySelector(".sg-poll-moved").textContent = {json.dumps(template)}
    .replace("{{option}}", item.dataset.label).replace("{{place}}", place).replace("{{count}}", list.children.length);
}}"""


def _numbers(raw: object) -> list[int]:
    """Option ids from the browser; anything else is not an option of this poll."""
    if not isinstance(raw, list):
        return []
    if not all(isinstance(item, int) and not isinstance(item, bool) for item in raw):
        raise ServiceError("poll.foreign_option")
    return list(raw)


def _point(raw: object) -> int | None:
    text = str(raw).strip() if raw is not None else ""
    return int(text) if text.lstrip("-").isdigit() else None


class PollBox:
    """The poll of one event in one tab: the open one, else the one closed last with results for
    everyone (features.polls.service.poll_to_show), or nothing until a moderator opens one."""

    def __init__(self, event_id: int, viewer: str, *, channel: Channel, address: str | None) -> None:
        self.client = ui.context.client
        self.event_id = event_id
        self.viewer = viewer
        self.channel = channel
        self.address = address
        self.poll: Poll | None = None
        self.answering = False  # the form is shown (the poll was open when it was drawn)
        self.results: PollResultsView | None = None
        self.status: Text | None = None
        self.root = ui.element("div").classes("w-full").mark("poll-box")

    async def build(self) -> None:
        poll = await poll_to_show(self.event_id)
        if poll is not None:
            results = await results_of(poll) if results_visible(poll) else None
            await self._draw(poll, results, await own_answer(poll.id, self.viewer))
        _boxes.add(self.event_id, self)

    # --- drawing -----------------------------------------------------------------------------
    async def _draw(self, poll: Poll, results: PollResults | None, own: OwnAnswer | None) -> None:
        self.poll = poll
        self.answering = poll.state is PollState.OPEN
        self.root.clear()
        with (
            self.root,
            ui.element("section")
            .props("aria-labelledby=poll-heading")
            .classes("block bg-white rounded shadow-sm p-4 space-y-3 mb-6")
            .mark("poll-section"),
        ):
            heading(t("poll.box.heading"), 2).props("id=poll-heading")
            if self.answering:
                self._form(poll, own)
            else:
                content("p", localized(poll, "question")).classes("font-semibold m-0").mark("poll-question")
                ui.label(t("poll.box.closed")).classes("font-semibold").mark("poll-closed")
                self.status = None
            heading(t("poll.box.results_heading"), 3)
            self.results = PollResultsView("wall")
        self._show_results(poll, results)

    def _form(self, poll: Poll, own: OwnAnswer | None) -> None:
        kind = poll.kind
        form = ui.element("form").classes("space-y-3").mark("poll-form")
        form.on("submit", self._submitted, js_handler=SUBMIT_JS)
        with form:
            fieldset = ui.element("fieldset").classes("space-y-2 border-0 p-0 m-0 min-w-0")
            with fieldset:
                content("legend", localized(poll, "question")).classes("font-semibold text-lg mb-2").mark(
                    "poll-question"
                )
                hint = self._hint(poll)
                if hint:
                    Text("p", hint).classes("m-0 text-sm").props("id=poll-hint")
                    fieldset.props["aria-describedby"] = "poll-hint"
                if kind in (PollKind.SINGLE, PollKind.MULTIPLE):
                    self._choices(poll, own)
                    if kind is PollKind.MULTIPLE:
                        fieldset.on(
                            "change",
                            js_handler=_at_most_js(poll.max_choices, t("error.poll.too_many", most=poll.max_choices)),
                        )
                elif kind is PollKind.SCALE:
                    self._scale(poll, own)
                elif kind is PollKind.RANKING:
                    self._ranking(poll, own)
                else:
                    self._words(own)
            with (
                ui.element("button")
                .props("type=submit")
                .classes("bg-blue-900 text-white font-semibold rounded px-4 py-2 min-h-[44px]")
                .mark("poll-send")
            ):
                Text("span", t("poll.box.send"))
            self.status = (
                Text("p", t("poll.box.saved") if own else "")
                .props("role=status aria-live=polite aria-atomic=true")
                .classes("sg-poll-status m-0 font-semibold")
                .mark("poll-status")
            )

    def _hint(self, poll: Poll) -> str:
        if poll.kind is PollKind.MULTIPLE:
            return t("poll.box.hint_multiple", most=poll.max_choices)
        if poll.kind is PollKind.RANKING:
            return t("poll.box.hint_ranking")
        if poll.kind is PollKind.WORDS:
            return t("poll.box.hint_words", limit=WORDS_MAX_LENGTH)
        return ""

    @staticmethod
    def _input(kind: str, name: str, value: object, *, checked: bool) -> ui.element:
        box = ui.element("input").classes(INPUT_CLASSES)
        box.props["type"], box.props["name"], box.props["value"] = kind, name, str(value)
        if checked:
            box.props["checked"] = True
        return box

    def _choices(self, poll: Poll, own: OwnAnswer | None) -> None:
        kind = "radio" if poll.kind is PollKind.SINGLE else "checkbox"
        chosen = set(own.choices) if own else set()
        for option in poll.options:
            with ui.element("label").classes("flex items-center gap-3 cursor-pointer min-h-[44px]"):
                self._input(kind, "choice", option.id, checked=option.id in chosen)
                content("span", localized(option, "label"))

    def _scale(self, poll: Poll, own: OwnAnswer | None) -> None:
        ends = {
            poll.scale_min: localized(poll, "scale_min_label").text,
            poll.scale_max: localized(poll, "scale_max_label").text,
        }
        with ui.element("div").classes("flex flex-wrap gap-x-6 gap-y-2"):
            for point in range(poll.scale_min, poll.scale_max + 1):
                with ui.element("label").classes("flex items-center gap-2 cursor-pointer min-h-[44px]"):
                    self._input("radio", "value", point, checked=own is not None and own.value == point)
                    end = ends.get(point, "")
                    Text("span", f"{point} – {end}" if end else str(point))

    def _ranking(self, poll: Poll, own: OwnAnswer | None) -> None:
        by_id = {option.id: option for option in poll.options}
        order = [by_id[choice] for choice in (own.choices if own else ()) if choice in by_id]
        order += [option for option in poll.options if option not in order]
        with ui.element("div"):
            ranking = ui.element("ol").classes("list-decimal pl-8 space-y-2 m-0").mark("poll-ranking")
            ranking.on("click", js_handler=_move_js(t("poll.box.moved")))
            with ranking:
                for option in order:
                    label = localized(option, "label")
                    item = ui.element("li").classes("pl-1")
                    item.props["data-option"], item.props["data-label"] = str(option.id), label.text
                    with item, ui.element("div").classes("flex flex-wrap items-center gap-2"):
                        content("span", label).classes("grow")
                        for move in ("up", "down"):
                            button = ui.element("button").classes(
                                "border border-blue-900 text-blue-900 rounded px-3 min-h-[44px]"
                            )
                            button.props["type"], button.props["data-move"] = "button", move
                            button.props["aria-label"] = t(f"poll.box.{move}_named", option=label.text)
                            with button:
                                Text("span", t(f"poll.box.{move}"))
            Text("p").classes("sg-poll-moved sr-only").props("aria-live=polite")

    def _words(self, own: OwnAnswer | None) -> None:
        with ui.element("label").classes("block space-y-1"):
            Text("span", t("poll.box.words_label")).classes("block")
            field_ = ui.element("input").classes("border border-slate-500 rounded px-3 py-2 w-full max-w-md")
            field_.props.update(type="text", name="words", maxlength=str(WORDS_MAX_LENGTH), autocomplete="off")
            if own and own.words:
                field_.props["value"] = own.words
            field_.mark("poll-words")

    def _show_results(self, poll: Poll, results: PollResults | None) -> None:
        if self.results is None:
            return
        if results is not None and results_visible(poll):
            self.results.show(poll, results)
        elif poll.results_visibility is ResultsVisibility.AFTER_CLOSING:
            self.results.hide(t("poll.box.results_after_closing"))
        else:
            self.results.hide(t("poll.box.results_moderators"))

    # --- answering ---------------------------------------------------------------------------
    async def _submitted(self, event: GenericEventArguments) -> None:
        await self.answer(event.args if isinstance(event.args, dict) else {})

    async def answer(self, payload: dict[str, Any]) -> tuple[bool, str]:
        """What the browser's form sends: store it, and say so (or why not) in the form."""
        poll = self.poll
        if poll is None or not self.answering:
            return False, ""
        try:
            if poll.kind is PollKind.SCALE:
                await answer_poll(
                    poll.id, self.viewer, value=_point(payload.get("value")), channel=self.channel, address=self.address
                )
            elif poll.kind is PollKind.WORDS:
                await answer_poll(
                    poll.id,
                    self.viewer,
                    words=str(payload.get("words") or ""),
                    channel=self.channel,
                    address=self.address,
                )
            else:
                chosen = payload.get("order" if poll.kind is PollKind.RANKING else "choices")
                await answer_poll(
                    poll.id, self.viewer, choices=_numbers(chosen), channel=self.channel, address=self.address
                )
        except ServiceError as error:
            return False, self._say(error_text(error))
        return True, self._say(t("poll.box.saved"))

    def _say(self, message: str) -> str:
        if self.status is not None:
            self.status.set_text(message)
        return message

    # --- following ---------------------------------------------------------------------------
    async def follow(self, answer: _Answer) -> None:
        """The polls changed: a new open poll is drawn with this browser's answer; the one shown
        says it closed (with its results, if they are visible now); when it was deleted, the poll
        to show now takes its place (or nothing)."""
        current = answer.current
        shown = answer.polls.get(self.poll.id) if self.poll is not None else None
        newly_open = current is not None and current.state is PollState.OPEN
        if newly_open and (shown is None or shown.id != current.id or not self.answering):
            await self._draw(current, answer.results.get(current.id), await own_answer(current.id, self.viewer))
            return
        if shown is None:
            if current is not None:
                await self._draw(current, answer.results.get(current.id), None)
            elif self.poll is not None:
                self.poll, self.results, self.status, self.answering = None, None, None, False
                self.root.clear()
        elif self.answering and shown.state is not PollState.OPEN:
            await self._draw(shown, answer.results.get(shown.id), None)
        else:
            self.poll = shown
            self._show_results(shown, answer.results.get(shown.id))

    def refresh_results(self, poll: Poll, results: PollResults | None) -> None:
        if self.poll is not None and self.poll.id == poll.id:
            self._show_results(poll, results)


@dataclass(frozen=True)
class _Answer:
    """What one signal read for every open box of an event."""

    current: Poll | None = None
    polls: dict[int, Poll] = field(default_factory=dict)
    results: dict[int, PollResults] = field(default_factory=dict)


async def _read(signal: Signal, boxes: list[PollBox]) -> _Answer | Any:
    shown = {box.poll.id for box in boxes if box.poll is not None}
    if signal.kind == POLL_RESULTS:
        poll_id = signal.ids.get("poll_id")
        if poll_id not in shown:
            return SKIP
        poll = await get_poll(int(poll_id))
        if poll is None:
            return SKIP
        return _Answer(
            polls={poll.id: poll}, results={poll.id: await results_of(poll)} if results_visible(poll) else {}
        )
    current = await poll_to_show(signal.event_id)
    polls = {current.id: current} if current else {}
    for poll_id in shown - set(polls):
        poll = await get_poll(poll_id)
        if poll is not None and poll.event_id == signal.event_id:
            polls[poll.id] = poll
    results = {poll.id: await results_of(poll) for poll in polls.values() if results_visible(poll)}
    return _Answer(current, polls, results)


async def _show(box: PollBox, answer: _Answer, signal: Signal) -> None:
    if signal.kind == POLL_RESULTS:
        for poll in answer.polls.values():
            box.refresh_results(poll, answer.results.get(poll.id))
        return
    await box.follow(answer)


_boxes: Followers[PollBox, _Answer] = Followers(
    "poll-box", (POLLS, POLL_RESULTS), _read, _show, again=lambda event_id: Signal(POLLS, event_id)
)
