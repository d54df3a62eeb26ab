"""Issue 19, finding 1, against the running app with raw socket.io clients: cookie-less page
loads mint a new browser id each, and those ids must not add up to taking a post off the wall or
to stuffing its support. Every tab here comes from one address (127.0.0.1), as one person's
script would. "Half a minute later" is the app's clock moved with `frozen_at`, never a sleep;
the tests wait for each tab's answer (the app's notification, or the stored count).
"""

from __future__ import annotations

import asyncio
from datetime import timedelta

from components.contribution_list import ContributionList
from core.clock import frozen_at, utcnow
from features.agenda.service import current_event
from features.contributions.service import post_contribution
from features.contributions.standing import ESTABLISHED_AFTER, NEWCOMER_LIMITS
from locales import CATALOGUES
from models.contribution import Contribution, Status
from models.moderation import Flag
from tests.support.browser import LiveApp
from tests.support.raw_socket import RawTab, listener, on_server, open_tab, server_side, until

THANKS = CATALOGUES["de"]["wall.flag_thanks"]
WAIT = CATALOGUES["de"]["error.silence.newcomer_wait"].split("{")[0]
LATER = timedelta(seconds=ESTABLISHED_AFTER.total_seconds() + 5)


def a_post(live_app: LiveApp, text: str) -> Contribution:
    event = live_app.call(current_event())
    assert event is not None
    return live_app.call(post_contribution(event.id, "author-of-the-post", text))


def status(live_app: LiveApp, pk: int) -> Status:
    async def read() -> Status:
        return (await Contribution.get(id=pk)).status

    return live_app.call(read())


async def tabs(live_app: LiveApp, count: int) -> list[RawTab]:
    return [await open_tab(live_app.url) for _ in range(count)]


async def press(live_app: LiveApp, tab: RawTab, event: str, pk: int) -> None:
    element_id, listener_id = await asyncio.to_thread(listener, live_app, tab.client_id, ContributionList, event)
    await tab.emit(element_id, listener_id, pk)


async def answered(found: list[RawTab], count: int = 1) -> bool:
    return all(len(tab.notes) >= count for tab in found)


async def close(found: list[RawTab]) -> None:
    for tab in found:
        await tab.close()


def test_cookieless_tabs_of_one_address_cannot_take_a_post_off_the_wall(live_app: LiveApp) -> None:
    """Before: three cookie-less page loads that each flagged a post took it off the wall (and 30
    tabs emptied a wall of ten posts in 1.5 s)."""
    target = a_post(live_app, "Ein Beitrag, der manchen nicht passt")

    async def attack() -> list[str]:
        with frozen_at(utcnow()):
            fresh = await tabs(live_app, NEWCOMER_LIMITS["flag"] + 1)
            for tab in fresh:
                await press(live_app, tab, "flag", target.id)
            assert await until(lambda: answered(fresh))
            await close(fresh)
        return [tab.notes[0] for tab in fresh]

    notes = asyncio.run(attack())  # the tabs' flags are handled side by side: any one of them may be the sixth
    assert notes.count(THANKS) == NEWCOMER_LIMITS["flag"]  # stored for the moderators ...
    assert next(note for note in notes if note != THANKS).startswith(WAIT)  # ... then the allowance is used up
    assert status(live_app, target.id) == Status.PUBLISHED  # still on the wall


def test_tabs_held_open_at_one_address_only_mark_a_post_for_the_moderators(live_app: LiveApp) -> None:
    """Holding tabs open for half a minute makes their flags count, but one address never hides."""
    target = a_post(live_app, "Noch ein Beitrag")
    start = utcnow()

    async def attack() -> None:
        with frozen_at(start):
            held = await tabs(live_app, 4)
        with frozen_at(start + LATER):
            for tab in held:
                await press(live_app, tab, "flag", target.id)
            assert await until(lambda: answered(held))
        await close(held)

    asyncio.run(attack())
    counted = live_app.call(server_side(lambda: Flag.filter(contribution_id=target.id, established=True).count()))
    assert counted == 4  # above the threshold of three ...
    assert status(live_app, target.id) == Status.PUBLISHED  # ... and still on the wall


def test_cookieless_tabs_cannot_stuff_the_support_of_a_post(live_app: LiveApp) -> None:
    """Before: 40 cookie-less tabs added 40 votes in 0.8 s."""
    target = a_post(live_app, "Mehr Bäume am Wall")
    voters = 40

    async def attack() -> None:
        with frozen_at(utcnow()):
            fresh = await tabs(live_app, voters)
            for tab in fresh:
                await press(live_app, tab, "vote", target.id)

            async def all_handled() -> bool:  # every vote beyond the allowance was refused in its tab
                refused = sum(1 for tab in fresh if tab.notes)
                votes = (await on_server(lambda: Contribution.get(id=target.id))).vote_count
                return refused + votes == voters

            assert await until(all_handled)
            await close(fresh)

    asyncio.run(attack())
    assert live_app.call(server_side(lambda: Contribution.get(id=target.id))).vote_count == NEWCOMER_LIMITS["vote"]
