"""The poll on the hall screen (its "poll" mode): the question and its results, large, or a clear
text when the results are not to be shown (yet) or no poll is on the screen.

The screen shows only what everyone may see (features.polls.service.results_visible): a poll
with results "after closing" says so until it closes, one "only for moderators" never shows its
numbers here. As with the highlight, this process reads once per signal for every screen of the
event (components.live.Followers): POLLS (another poll put on the screen, opened, closed) and
POLL_RESULTS of the poll on the screen (coalesced by the service, a few per second at most).
"""

from __future__ import annotations

from dataclasses import dataclass

from nicegui import ui

from components.i18n import localized, t
from components.live import SKIP, Followers
from components.poll_results import PollResultsView
from components.text import Text, show_content
from core.bus import Signal
from features.polls.service import POLL_RESULTS, POLLS, PollResults, poll_on_screen, results_of, results_visible
from models.poll import Poll, ResultsVisibility


@dataclass(frozen=True)
class OnScreen:
    poll: Poll | None
    results: PollResults | None  # None: not to be shown on the screen now


class ScreenPoll:
    """One screen's poll area (shown by the mode's CSS only in the "poll" mode)."""

    def __init__(self) -> None:
        self.client = ui.context.client
        with ui.element("section").classes("sg-screen-poll").mark("screen-poll"):
            ui.label(t("poll.screen.label")).classes("sg-screen-poll-label")
            self._question = Text("h2").classes("sg-screen-poll-question").mark("screen-poll-question")
            self.results = PollResultsView("screen")

    def show(self, shown: OnScreen) -> None:
        poll = shown.poll
        if poll is None:
            self._question.set_visibility(False)
            self.results.hide(t("poll.screen.none"))
            return
        show_content(self._question, localized(poll, "question"))
        self._question.set_visibility(True)
        if shown.results is not None:
            self.results.show(poll, shown.results)
        elif poll.results_visibility is ResultsVisibility.MODERATORS:
            self.results.hide(t("poll.screen.moderators"))
        else:
            self.results.hide(t("poll.screen.after_closing"))


async def current(event_id: int) -> OnScreen:
    poll = await poll_on_screen(event_id)
    if poll is None:
        return OnScreen(None, None)
    return OnScreen(poll, await results_of(poll) if results_visible(poll) else None)


async def _read(signal: Signal, _screens: list[ScreenPoll]) -> OnScreen:
    shown = await current(signal.event_id)
    if signal.kind == POLL_RESULTS and (shown.poll is None or shown.poll.id != signal.ids.get("poll_id")):
        return SKIP  # answers to a poll that is not on the screen
    return shown


def _show(screen: ScreenPoll, shown: OnScreen, _signal: Signal) -> None:
    screen.show(shown)


_screens: Followers[ScreenPoll, OnScreen] = Followers(
    "screen-poll", (POLLS, POLL_RESULTS), _read, _show, again=lambda event_id: Signal(POLLS, event_id)
)


def follow(event_id: int, screen: ScreenPoll) -> None:
    """Keep `screen` up to date until its tab closes."""
    _screens.add(event_id, screen)
