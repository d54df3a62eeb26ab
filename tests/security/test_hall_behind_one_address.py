"""Issue 19, point 1 (b): the rule against minted browser ids must leave real people alone. A hall
of 300 people behind the venue's one NAT address supports posts as people do; its flags reach the
moderators (marked in the console, with why), and flags from a second address take a post off
the wall. The moderators read why a post was flagged or hidden.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from nicegui.testing import User

from core.clock import frozen_at, utcnow
from core.errors import ServiceError
from features.contributions.flags import flag_contribution, tallies
from features.contributions.service import post_contribution, toggle_vote
from features.contributions.standing import ESTABLISHED_AFTER, NEWCOMER_LIMITS, is_established
from features.moderation.service import console_views
from locales import CATALOGUES
from models.contribution import Contribution, Status
from models.event import Event
from tests.support.factories import open_event, post
from tests.support.staff import sign_in
from tests.support.standing import establish
from tests.support.user import console_lists, eventually, the_list

NAT = "198.51.100.20"  # the venue's one public address
HALL = [f"hall-{number}" for number in range(300)]


async def test_a_hall_of_300_behind_one_address_supports_as_people_do(db) -> None:
    event, _ = await open_event()
    proposal = await post_contribution(event.id, "speaker", "Mehr Sitzbänke am Wall", address=NAT)
    establish(*HALL)  # everyone has had the wall open for half a minute
    for person in HALL:
        supported, _ = await toggle_vote(proposal.id, person, address=NAT)
        assert supported
    assert (await Contribution.get(id=proposal.id)).vote_count == 300


async def test_a_newcomer_in_the_hall_votes_from_a_small_allowance_until_their_page_was_open_a_while(db) -> None:
    event, _ = await open_event()
    posts = [await post_contribution(event.id, f"author-{n}", f"Post {n}") for n in range(NEWCOMER_LIMITS["vote"] + 1)]
    for number, item in enumerate(posts[:-1]):
        await toggle_vote(item.id, f"just-arrived-{number}", address=NAT)
    with pytest.raises(ServiceError) as refused:
        await toggle_vote(posts[-1].id, "just-arrived-late", address=NAT)
    assert refused.value.key == "silence.newcomer_wait" and refused.value.params["seconds"] > 0
    establish("just-arrived-late")
    assert (await toggle_vote(posts[-1].id, "just-arrived-late", address=NAT))[0] is True


async def test_flags_of_one_address_mark_a_post_and_a_second_address_takes_it_off_the_wall(db) -> None:
    event, _ = await open_event()
    target = await post_contribution(event.id, "author", "Unverschämt!")
    establish(*HALL[:30], "at-home")
    for person in HALL[:30]:  # a tenth of the hall flags it
        assert await flag_contribution(target.id, person, address=NAT) is True
    assert (await Contribution.get(id=target.id)).status == Status.PUBLISHED  # marked only
    tally = (await tallies([target.id]))[target.id]
    assert (tally.flags, tally.established, tally.addresses) == (30, 30, 1)
    assert await flag_contribution(target.id, "at-home", address="192.0.2.44") is True  # a viewer at home
    assert (await Contribution.get(id=target.id)).status == Status.PENDING  # off the wall, in the queue


async def test_a_post_of_its_own_on_the_wall_establishes_a_browser(db) -> None:
    event, _ = await open_event()
    assert not await is_established("writer")
    await post_contribution(event.id, "writer", "Ich war schon da")
    assert await is_established("writer")


async def test_the_addresses_are_stored_only_as_a_keyed_hash_per_post(db) -> None:
    from models.moderation import Flag

    event, _ = await open_event()
    first = await post_contribution(event.id, "a", "Eins")
    second = await post_contribution(event.id, "b", "Zwei")
    establish("someone")
    await flag_contribution(first.id, "someone", address=NAT)
    await flag_contribution(second.id, "someone", address=NAT)
    origins = await Flag.filter(flagger_id="someone").order_by("id").values_list("origin", flat=True)
    assert len(set(origins)) == 2 and all(len(origin) == 16 and NAT not in origin for origin in origins)


async def test_a_wall_held_open_for_half_a_minute_establishes_its_browser(user: User) -> None:
    start = utcnow()
    with frozen_at(start):
        await user.open("/wall")
    viewer = the_list(user).viewer_id
    with frozen_at(start + ESTABLISHED_AFTER - timedelta(seconds=1)):
        assert not await is_established(viewer)
    with frozen_at(start + ESTABLISHED_AFTER):
        assert await is_established(viewer)


async def test_moderators_read_why_a_post_was_flagged(user: User) -> None:
    marked, held = await post("Nur markiert"), await post("Von der Wand")
    event = await Event.get(id=marked.event_id)
    establish("p1", "p2", "p3")
    for person in ("p1", "p2", "p3"):
        await flag_contribution(marked.id, person, address=NAT)
        await flag_contribution(held.id, person, address=NAT if person != "p3" else "192.0.2.44")
    await flag_contribution(marked.id, "minted", address=NAT)  # a brand-new id: shown, not counted
    stored = list(await Contribution.filter(id__in=[marked.id, held.id]))
    views = {view["id"]: view for view in await console_views(event.id, stored)}
    assert (views[marked.id]["flags"], views[marked.id]["flags_established"], views[marked.id]["flag_addresses"]) == (
        4, 3, 1,
    )
    assert (views[held.id]["status"], views[held.id]["flag_addresses"]) == ("pending", 2)
    await sign_in(user, "Mira")
    await user.open("/moderation")
    with user:
        assert await eventually(lambda: marked.id in console_lists(user)["published"].shown)
        published = console_lists(user)["published"]
        assert published.shown[marked.id]["flags_established"] == 3
        assert published.props["labels"]["flags_kept"] == CATALOGUES["de"]["silence.flags_kept"]
        assert console_lists(user)["queue"].shown[held.id]["flags"] == 3
        assert published.props["labels"]["flags_held"] == CATALOGUES["de"]["silence.flags_held"]


async def test_a_decision_on_the_post_erases_the_address_hashes_of_its_flags(team) -> None:
    from features.moderation import service as moderation
    from models.moderation import Flag

    moderator, _ = team
    event, _ = await open_event()
    target = await post_contribution(event.id, "author", "Strittig")
    establish("x1", "x2", "x3")
    for person, address in (("x1", NAT), ("x2", NAT), ("x3", "192.0.2.44")):
        await flag_contribution(target.id, person, address=address)
    assert (await Contribution.get(id=target.id)).status == Status.PENDING
    await moderation.approve(moderator, target.id)
    assert set(await Flag.filter(contribution_id=target.id).values_list("origin", flat=True)) == {""}
