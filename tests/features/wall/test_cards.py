"""The wall's cards with simulated browsers: the programme item apart from the text, "Beantwortet"
live, and one's own posts, which the author can neither support nor report."""

from __future__ import annotations

from nicegui.testing import User

from components.contribution_list import ContributionList
from features.agenda.service import load_programme
from features.contributions.service import post_contribution
from features.moderation.service import mark_answered
from models.contribution import Contribution, Vote
from models.event import Event
from models.moderation import Flag
from tests.support.factories import organiser
from tests.support.user import eventually, see, the_list


async def emit(user: User, contribution_list: ContributionList, kind: str, args) -> None:
    """What a click in the browser's list does: call the list's listener for `kind`."""
    listener = next(item for item in contribution_list._event_listeners.values() if item.type == kind)
    with user:
        await listener.handler(type("Event", (), {"args": args})())


async def test_cards_name_the_programme_item_with_its_own_label(user: User) -> None:
    programme = await load_programme()
    await post_contribution(programme.event.id, "a", "Zum zweiten Punkt", agenda_item_id=programme.items[1].id)
    await user.open("/wall")
    wall = the_list(user)
    labels, titles = wall._props["labels"], wall._props["agendaTitles"]
    assert labels["about"] == "Zu"  # drawn as the chip "Zu: <title>" above the text (contribution_list.js)
    (view,) = wall.shown.values()
    assert titles[str(view["agenda_item_id"])] == programme.items[1].title


async def test_answered_reaches_every_open_wall_at_once(user: User, create_user) -> None:
    event = await Event.first()
    question = await post_contribution(event.id, "a", "Wann kommt der Radweg?")
    other = create_user()
    await user.open("/wall")
    await other.open("/wall")
    assert the_list(user).shown[question.id]["answered"] is False
    assert the_list(user)._props["labels"]["answered"] == "Beantwortet"
    await mark_answered(await organiser(), question.id)
    assert await eventually(lambda: the_list(user).shown[question.id]["answered"] is True)
    with other:
        assert await eventually(lambda: the_list(other).shown[question.id]["answered"] is True)
    await mark_answered(await organiser(), question.id, answered=False)
    assert await eventually(lambda: the_list(user).shown[question.id]["answered"] is False)


async def test_only_the_authors_tab_knows_a_post_is_theirs(user: User, create_user) -> None:
    other = create_user()
    await user.open("/wall")
    await other.open("/wall")
    with user:
        author = the_list(user).viewer_id
    mine = await post_contribution((await Event.first()).id, author, "Von mir")
    assert await eventually(lambda: the_list(user).shown.get(mine.id, {}).get("mine") is True)
    with other:
        assert await eventually(lambda: mine.id in the_list(other).shown)
        assert "mine" not in the_list(other).shown[mine.id]  # nor the author's id: views never carry it
        assert author not in str(the_list(other).shown[mine.id])
    await user.open("/wall")  # built anew: marked again
    assert the_list(user).shown[mine.id]["mine"] is True


async def test_the_author_cannot_support_or_report_their_own_post(user: User) -> None:
    await user.open("/wall")
    with user:
        author = the_list(user).viewer_id
    mine = await post_contribution((await Event.first()).id, author, "Mein Beitrag")
    await user.open("/wall")
    wall = the_list(user)
    await emit(user, wall, "vote", mine.id)  # a browser that sends it anyway (the card has no button)
    await see(user, "Ihren eigenen Beitrag können Sie nicht unterstützen.")
    assert wall._props["voted"] == []
    await emit(user, wall, "flag", mine.id)
    await see(user, "Ihren eigenen Beitrag können Sie nicht melden. Sie können ihn löschen.")
    assert wall._props["flagged"] == []
    stored = await Contribution.get(id=mine.id)
    assert stored.vote_count == 0
    assert await Vote.filter(contribution_id=mine.id).count() == 0
    assert await Flag.filter(contribution_id=mine.id).count() == 0
