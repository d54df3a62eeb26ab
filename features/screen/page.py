"""`/screen`: the wall on the hall's projector; `/j`: the short address its QR code points to.

Thin on purpose: the layout and its parts. The posts arrive through the live list
(components.contribution_list), the stage through the bus, the highlight and what the screen
shows (wall, highlight, QR code, pause, a poll's results) from the moderators
(features.moderation.service, features.polls.service); nothing here changes state.
"""

from __future__ import annotations

from pathlib import Path

from fastapi.responses import RedirectResponse
from nicegui import app, ui

from components.contribution_feed import follow as follow_contributions
from components.contribution_list import ContributionList
from components.frame import one_main_landmark
from components.i18n import localized, t
from components.official_answer import official_labels
from components.shared_css import share_css
from components.text import Text, content
from core.clock import utcnow
from features.agenda.service import load_programme, running_item_id
from features.contributions.service import list_contributions, view_of
from features.screen.fit import FitFocusText
from features.screen.highlight import ScreenHighlight, current_view
from features.screen.highlight import follow as follow_highlight
from features.screen.join import JoinBox
from features.screen.join_link import join_url
from features.screen.mode import ScreenModeSwitch
from features.screen.mode import follow as follow_mode
from features.screen.picks import ScreenPicks
from features.screen.picks import current_views as picked_views
from features.screen.picks import follow as follow_picks
from features.screen.poll import ScreenPoll
from features.screen.poll import current as poll_on_screen
from features.screen.poll import follow as follow_poll
from features.screen.service import ScreenState
from features.screen.stage import ScreenStage
from models.event import ScreenSource
from settings import get_settings

SCREEN_CSS = Path(__file__).resolve().parent / "screen.css"
SCREEN_POSTS = 6  # what a projector can show at a readable size; older ones scroll away

# Set by /j: the wall can tell posts from the hall (they came through the screen's QR code).
CHANNEL_COOKIE = "sg_channel"
ONE_DAY = 24 * 3600


@ui.page("/screen", dark=True)
async def screen_page() -> None:
    ui.page_title(t("screen.title"))
    one_main_landmark()
    share_css("screen", SCREEN_CSS)
    programme = await load_programme()
    with ui.element("div").classes("sg-screen").mark("screen") as root:
        if programme is None:
            Text("h1", t("home.no_event")).classes("sg-screen-stage-title")
            return
        event = programme.event
        mode = ScreenModeSwitch(root, ScreenState.of(event))
        follow_mode(event.id, mode)
        agenda_titles = {item.id: item.title for item in programme.items}
        with ui.element("header").classes("sg-screen-top"):
            ScreenStage(programme, running_item_id(programme, utcnow()))
            # the page's one h1: the event it shows
            content("h1", localized(event, "title")).classes("sg-screen-event").mark("screen-event-title")
        with ui.element("div").classes("sg-screen-body"):
            with ui.element("main").classes("sg-screen-main"):
                highlight = ScreenHighlight(None, agenda_titles=agenda_titles, root=root)
                follow_highlight(event.id, highlight)  # before reading, so no change falls in between
                highlight.show(await current_view(event.id))
                FitFocusText()
                # every published post, the one in focus left out (it is shown large above) ...
                views = [view_of(c).as_dict() for c in await list_contributions(event.id, limit=SCREEN_POSTS + 1)]
                views = [view for view in views if not view["highlighted"]][:SCREEN_POSTS]
                posts = ContributionList(
                    views, labels=_list_labels(), agenda_titles=agenda_titles, variant="screen", limit=SCREEN_POSTS
                ).mark("screen-list")
                follow_contributions(event.id, posts)
                # ... or only those the moderators picked, in their order
                picks = ScreenPicks([], agenda_titles=agenda_titles, limit=SCREEN_POSTS)
                follow_picks(event.id, picks)
                picks.show(await picked_views(event.id))

                def show_source(source: ScreenSource) -> None:
                    posts.set_visibility(source == ScreenSource.ALL)
                    picks.area.set_visibility(source == ScreenSource.PICKED)

                mode.on_source = show_source
                show_source(ScreenSource(event.screen_source))
                poll = ScreenPoll()  # shown in the "poll" mode instead of the highlight and the posts
                follow_poll(event.id, poll)
                poll.show(await poll_on_screen(event.id))
            mode.pause_slide()  # in place of the posts, beside the QR code
            JoinBox(join_url(event))


def _list_labels() -> dict[str, object]:
    return {
        "list": t("wall.list_label"),
        "anonymous": t("wall.anonymous"),
        "hall": t("wall.hall"),
        "pending": t("wall.pending"),
        "vote": t("wall.vote"),
        "older": t("wall.older"),
        "empty": t("screen.empty"),
        "supporters": t("screen.supporters", count="{count}"),  # the browser puts the number in
        "official": official_labels(),
    }


@app.get("/j", include_in_schema=False)
async def join_from_the_hall() -> RedirectResponse:
    """The QR code's target: short enough to type, and it marks this browser as being in the hall."""
    response = RedirectResponse("/wall", status_code=303)
    response.set_cookie(
        CHANNEL_COOKIE, "hall", max_age=ONE_DAY, samesite="lax", httponly=True, secure=get_settings().secure_cookies
    )
    return response
