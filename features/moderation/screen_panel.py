"""The hall screen in the moderation console: what it shows now, in words and as a live miniature
(the /screen page itself, scaled down in a frame, so it is exactly what the hall sees and follows
the same signals), a warning when the "highlight" mode has nothing highlighted, and the controls
of the curated screen: every published post or only the picked ones, the "Auf die Leinwand" list
in order, support counts on the cards, the pause text.

Every button calls one function of features.screen.service as whoever is signed in now
(components.staff_gate). What another moderator changed arrives as a follower of
components.live: the event, the highlight and the picks read once per signal for every console.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from nicegui import ui

from components.i18n import t
from components.live import SKIP, Followers
from components.shared_css import share_css
from components.staff_gate import as_staff
from components.text import heading
from core.bus import CONTRIBUTION, CONTRIBUTIONS_PURGED, EVENT_SETTINGS, Signal
from features.moderation.service import highlighted_contribution
from features.screen import service as screen
from features.screen.service import ScreenState, current_state
from models.event import ScreenMode, ScreenSource

PREVIEW_CSS = """
.sg-screen-preview { position: relative; width: 480px; max-width: 100%; aspect-ratio: 16 / 9;
  overflow: hidden; border: 2px solid #0f172a; border-radius: .375rem; background: #0b1220; }
.sg-screen-preview iframe { position: absolute; left: 0; top: 0; width: 1920px; height: 1080px; border: 0;
  transform: scale(0.25); transform-origin: 0 0; pointer-events: none; }
.sg-screen-warning { border-left: 6px solid #b45309; background: #fffbeb; color: #78350f;
  padding: .5rem .75rem; font-weight: 600; }
.sg-picks li { min-height: 44px; }
.sg-screen-support { min-height: 44px; }
/* Quasar's switch wears "no-outline" (an !important in its own layer): a ring like the buttons' instead */
.sg-screen-support:focus-visible { box-shadow: 0 0 0 2px #fff, 0 0 0 5px #b45309; border-radius: .25rem; }
"""
EXCERPT = 80


def excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT else f"{text[: EXCERPT - 1]}…"


@dataclass(frozen=True)
class PanelState:
    screen: ScreenState
    highlighted: bool
    picks: list[dict[str, Any]]
    candidates: list[dict[str, Any]]


async def read_state(event_id: int) -> PanelState | None:
    state = await current_state(event_id)
    if state is None:
        return None
    picks = [{"id": item.id, "text": item.text} for item in await screen.picked_contributions(event_id)]
    candidates = [{"id": item.id, "text": item.text} for item in await screen.pick_candidates(event_id)]
    return PanelState(state, await highlighted_contribution(event_id) is not None, picks, candidates)


def described(state: PanelState) -> str:
    """What the hall screen shows now, in words."""
    mode = state.screen.mode
    listed = t(f"screen.preview.source.{state.screen.source.value}")
    if mode == ScreenMode.WALL or (mode == ScreenMode.HIGHLIGHT and not state.highlighted):
        return t("screen.preview.now.wall", source=listed)
    if mode == ScreenMode.PAUSE:
        return t("screen.preview.now.pause", text=state.screen.pause_text or t("screen.pause_text"))
    return t(f"screen.preview.now.{mode.value}")


class ScreenPanel:
    def __init__(self, event_id: int) -> None:
        share_css("screen-preview", PREVIEW_CSS)
        self.client = ui.context.client
        self.event_id = event_id
        self.state: PanelState | None = None
        self._showing = False  # showing the stored settings is no moderator's choice: no on_change

    async def build(self) -> None:
        with (
            ui.element("section")
            .props("aria-labelledby=screen-panel-heading")
            .classes("block bg-white rounded shadow-sm p-4 space-y-3")
            .mark("screen-panel")
        ):
            heading(t("screen.preview.heading"), 2).props("id=screen-panel-heading")
            with ui.element("div").classes("flex flex-wrap gap-6 items-start"):
                with ui.element("div").classes("space-y-2"):
                    self.now = (
                        ui.label().classes("text-base font-semibold").props("role=status").mark("screen-preview-mode")
                    )
                    self.warning = (
                        ui.label(t("screen.preview.no_highlight"))
                        .classes("sg-screen-warning")
                        .props("role=alert")
                        .mark("screen-preview-warning")
                    )
                    with ui.element("div").classes("sg-screen-preview"):
                        ui.element("iframe").props(
                            f'src=/screen title="{t("screen.preview.frame")}" tabindex=-1 loading=eager'
                        ).mark("screen-preview-frame")
                with ui.element("div").classes("space-y-3 min-w-72 flex-1"):
                    self.source = (
                        ui.toggle(
                            {source.value: t(f"screen.source.{source.value}") for source in ScreenSource},
                            value=ScreenSource.PICKED.value,
                            on_change=lambda e: None if self._showing else self.set_source(e.value),
                        )
                        .props(f'no-caps toggle-color=blue-10 aria-label="{t("screen.source")}"')
                        .mark("screen-source")
                    )
                    self.support = (
                        ui.switch(
                            t("screen.show_support"),
                            on_change=lambda e: None if self._showing else self.set_support(bool(e.value)),
                        )
                        .classes("sg-screen-support")
                        .mark("screen-support")
                    )
                    with ui.row().classes("gap-2 items-end flex-wrap"):
                        self.pause_text = (
                            ui.input(t("screen.pause_text_label"), placeholder=t("screen.pause_text_placeholder"))
                            .props(f"outlined maxlength={screen.PAUSE_TEXT_MAX_LENGTH}")
                            .classes("min-w-72")
                            .mark("screen-pause-input")
                        )
                        ui.button(t("screen.pause_text_save"), on_click=self.save_pause_text).props(
                            "no-caps color=blue-10"
                        ).classes("min-h-[44px]").mark("screen-pause-save")
                    heading(t("screen.picks"), 3)
                    ui.label(t("screen.picks_hint")).classes("text-sm text-slate-700 max-w-prose")
                    self.picks = (
                        ui.element("ol").classes("sg-picks list-decimal pl-6 space-y-2").mark("screen-picks-list")
                    )
                    self.no_picks = ui.label(t("screen.picks_none")).classes("text-slate-700").mark("screen-picks-none")
                    self.add = (
                        ui.select(
                            {},
                            label=t("screen.pick_add"),
                            with_input=True,
                            on_change=lambda e: None if self._showing or e.value is None else self.pick(int(e.value)),
                        )
                        .props("outlined clearable")
                        .classes("w-full max-w-xl")
                        .mark("screen-pick-add")
                    )
        state = await read_state(self.event_id)
        if state is not None:
            self.show(state)
        _panels.add(self.event_id, self)

    # --- what the hall sees now ---------------------------------------------------------------
    def show(self, state: PanelState) -> None:
        """Show what changed since the last state (a new post changes only the offered posts)."""
        before = self.state
        if state == before:
            return
        self.state = state
        self.now.set_text(described(state))
        self.warning.set_visibility(state.screen.mode == ScreenMode.HIGHLIGHT and not state.highlighted)
        self._showing = True
        try:
            self.source.value = state.screen.source.value
            self.support.value = state.screen.show_support
            if before is None:
                self.pause_text.value = state.screen.pause_text
            if before is None or before.candidates != state.candidates:
                self.add.set_options({item["id"]: excerpt(item["text"]) for item in state.candidates}, value=None)
        finally:
            self._showing = False
        if before is None or before.picks != state.picks:
            self._show_picks(state.picks)

    def _show_picks(self, picks: list[dict[str, Any]]) -> None:
        self.picks.clear()
        self.no_picks.set_visibility(not picks)
        with self.picks:
            for index, item in enumerate(picks):
                short = excerpt(item["text"])
                with (
                    ui.element("li").mark("screen-pick"),
                    ui.element("div").classes("flex flex-wrap items-center gap-3"),
                ):
                    ui.label(short).classes("flex-1 min-w-48")
                    with ui.row().classes("gap-3 items-center"):
                        pk = item["id"]
                        self._button(
                            "arrow_upward",
                            t("screen.pick_up", text=short),
                            index == 0,
                            lambda pk=pk: self.move(pk, -1),
                            "screen-pick-up",
                            pk,
                        )
                        self._button(
                            "arrow_downward",
                            t("screen.pick_down", text=short),
                            index == len(picks) - 1,
                            lambda pk=pk: self.move(pk, 1),
                            "screen-pick-down",
                            pk,
                        )
                        # apart from the arrows: taking a post off is not pressed by mistake
                        ui.button(t("screen.pick_remove"), on_click=lambda pk=pk: self.unpick(pk)).props(
                            f'no-caps outline color=red-10 aria-label="{t("screen.pick_remove_of", text=short)}"'
                        ).classes("min-h-[44px] ml-4").mark("screen-pick-remove", f"screen-pick-remove-{pk}")

    @staticmethod
    def _button(icon: str, label: str, disabled: bool, action: Any, mark: str, pk: int) -> None:
        button = (
            ui.button(icon=icon, on_click=action)
            .props(f'flat round color=blue-10 aria-label="{label}"')
            .classes("min-w-[44px] min-h-[44px]")
            .mark(mark, f"{mark}-{pk}")
        )
        button.tooltip(label)
        if disabled:
            button.disable()

    # --- actions -------------------------------------------------------------------------------
    async def call(self, action: Any) -> Any:
        return await as_staff(action, here="/moderation")

    async def set_source(self, value: str) -> None:
        await self.call(lambda staff: screen.set_screen_source(staff, self.event_id, ScreenSource(value)))

    async def set_support(self, shown: bool) -> None:
        await self.call(lambda staff: screen.set_screen_support(staff, self.event_id, shown))

    async def save_pause_text(self) -> None:
        text = await self.call(lambda staff: screen.set_pause_text(staff, self.event_id, self.pause_text.value or ""))
        if text is not None:
            self.pause_text.value = text
            ui.notify(t("screen.pause_text_saved"))

    async def pick(self, contribution_id: int) -> None:
        await self.call(lambda staff: screen.pick(staff, contribution_id))

    async def unpick(self, contribution_id: int) -> None:
        await self.call(lambda staff: screen.unpick(staff, contribution_id))

    async def move(self, contribution_id: int, offset: int) -> None:
        await self.call(lambda staff: screen.move_pick(staff, contribution_id, offset))


async def _read(signal: Signal, _panels: list[ScreenPanel]) -> PanelState:
    state = await read_state(signal.event_id)
    return SKIP if state is None else state


def _show(panel: ScreenPanel, state: PanelState, _signal: Signal) -> None:
    panel.show(state)


_panels: Followers[ScreenPanel, PanelState] = Followers(
    "screen-panel",
    (EVENT_SETTINGS, CONTRIBUTION, CONTRIBUTIONS_PURGED),
    _read,
    _show,
    again=lambda event_id: Signal(EVENT_SETTINGS, event_id),
)
