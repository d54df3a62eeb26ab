"""`/wall` with simulated browsers: posting, live arrival elsewhere, votes, filters, paging, phases."""

from __future__ import annotations

from datetime import timedelta

import pytest
from nicegui.testing import User

import locales
from components.contribution_list import ContributionList
from components.post_form import PostForm
from core.clock import utcnow
from core.errors import ServiceError
from features.agenda.service import load_programme
from features.contributions.service import post_contribution, toggle_vote
from models.contribution import Contribution, Status
from models.event import Event, ModerationMode
from settings import get_settings
from tests.support.user import eventually, the_list


def the_form(user: User) -> PostForm:
    return next(iter(user.find(PostForm).elements))


async def send(user: User, payload: dict) -> tuple[bool, str]:
    """What the browser's form does on submit, inside this user's tab."""
    with user:
        return await the_form(user).send(payload)


async def emit(user: User, contribution_list: ContributionList, kind: str, args) -> None:
    """What a click in the browser's list does: call the list's listener for `kind`."""
    listener = next(item for item in contribution_list._event_listeners.values() if item.type == kind)
    with user:
        await listener.handler(type("Event", (), {"args": args})())


def texts(user: User) -> list[str]:
    return [view["text"] for view in sorted(the_list(user).shown.values(), key=lambda v: -v["id"])]


async def test_post_appears_for_the_author_and_on_every_other_open_wall(user: User, create_user) -> None:
    other = create_user()
    await user.open("/wall")
    await other.open("/wall")
    ok, message = await send(user, {"text": "Mehr Grün in der Nordstadt!", "nickname": "Ana"})
    assert ok and message == "Danke! Ihr Beitrag ist veröffentlicht."
    assert await eventually(lambda: texts(user) == ["Mehr Grün in der Nordstadt!"])
    with other:
        assert await eventually(lambda: texts(other) == ["Mehr Grün in der Nordstadt!"])
    stored = await Contribution.get(text="Mehr Grün in der Nordstadt!")
    programme = await load_programme()
    assert stored.agenda_item_id == programme.items[1].id  # the item on stage
    assert stored.nickname == "Ana"


async def test_bad_input_gets_a_message_and_changes_nothing(user: User) -> None:
    await user.open("/wall")
    before = await Contribution.all().count()
    assert await send(user, {"text": "   "}) == (False, "Bitte schreiben Sie einen Text.")
    assert await send(user, {"text": "x" * 501}) == (False, "Ihr Beitrag ist 501 Zeichen lang; erlaubt sind 500.")
    assert await send(user, {"text": "ok", "nickname": "n" * 41}) == (
        False, "Der Name darf höchstens 40 Zeichen lang sein.")
    assert await send(user, {"text": "ok", "agenda_item_id": 99999}) == (
        False, "Diesen Programmpunkt gibt es nicht.")
    assert await Contribution.all().count() == before


async def test_flood_is_cut_off_with_when_to_try_again(user: User) -> None:
    await user.open("/wall")
    for number in range(3):
        assert (await send(user, {"text": f"Beitrag {number}"}))[0]
    ok, message = await send(user, {"text": "einer zu viel"})
    assert not ok and message.startswith("Sie haben gerade viele Beiträge geschickt. Bitte versuchen Sie es in")
    assert await Contribution.filter(text__startswith="Beitrag ").count() == 3
    assert await Contribution.filter(text="einer zu viel").count() == 0


async def test_pre_moderation_only_the_author_sees_the_post_marked_pending(user: User, create_user) -> None:
    event = await Event.first()
    event.moderation_mode = ModerationMode.PRE
    await event.save()
    other = create_user()
    await user.open("/wall")
    await other.open("/wall")
    ok, message = await send(user, {"text": "Bitte freischalten"})
    assert ok and message == "Danke! Ihr Beitrag wird geprüft und erscheint nach der Freigabe."
    assert await eventually(lambda: [v["status"] for v in the_list(user).shown.values()] == ["pending"])
    with other:
        assert the_list(other).shown == {}
    await other.open("/wall")  # a fresh page of someone else does not show it either
    assert the_list(other).shown == {}


async def test_vote_toggles_and_counts_reach_other_walls(user: User, create_user) -> None:
    post = await post_contribution((await Event.first()).id, "author", "Unterstützen Sie mich")
    other = create_user()
    await user.open("/wall")
    await other.open("/wall")
    wall = the_list(user)
    await emit(user, wall, "vote", post.id)
    assert wall._props["voted"] == [post.id]
    with other:
        assert await eventually(lambda: the_list(other).shown[post.id]["votes"] == 1)
    await emit(user, wall, "vote", post.id)
    assert wall._props["voted"] == []
    with other:
        assert await eventually(lambda: the_list(other).shown[post.id]["votes"] == 0)


async def test_filter_by_agenda_item_and_sort_by_support(user: User) -> None:
    event = await Event.first()
    programme = await load_programme()
    first = await post_contribution(event.id, "a", "Zur Begrüßung", agenda_item_id=programme.items[0].id)
    second = await post_contribution(event.id, "b", "Zur Präsentation", agenda_item_id=programme.items[1].id)
    await user.open("/wall")
    # the filter and the order are drawn inside the list (contribution_list.js); a change in the
    # browser is the list's "choose" event with both values (0 = all programme items)
    await emit(user, the_list(user), "choose", {"agenda_item_id": programme.items[0].id, "sort": "newest"})
    assert await eventually(lambda: set(the_list(user).shown) == {first.id})
    later = await post_contribution(event.id, "c", "Noch zur Präsentation", agenda_item_id=programme.items[1].id)
    await emit(user, the_list(user), "choose", {"agenda_item_id": 0, "sort": "newest"})
    assert await eventually(lambda: set(the_list(user).shown) == {first.id, second.id, later.id})
    await toggle_vote(first.id, "someone")
    await emit(user, the_list(user), "choose", {"agenda_item_id": 0, "sort": "top"})
    assert await eventually(lambda: the_list(user)._props["sort"] == "top")
    wall = the_list(user)
    ranked = sorted(wall.shown.values(), key=lambda v: (v["votes"], v["id"]), reverse=True)
    assert ranked[0]["id"] == first.id and ranked[0]["votes"] == 1


async def test_filter_and_order_offer_the_programme_and_ignore_what_it_does_not_have(user: User) -> None:
    event = await Event.first()
    programme = await load_programme()
    post = await post_contribution(event.id, "a", "Zur Begrüßung", agenda_item_id=programme.items[0].id)
    await user.open("/wall")
    wall = the_list(user)
    choices = wall._props["choices"]
    assert [option["title"] for option in choices["filterOptions"]] == [item.title for item in programme.items]
    assert (choices["filterAll"], choices["filterLabel"]) == ("Alle Programmpunkte", "Programmpunkt")
    assert [option["value"] for option in choices["sortOptions"]] == ["newest", "top"]
    for bad in ({"agenda_item_id": 99999, "sort": "newest"}, {"agenda_item_id": 0, "sort": "oldest"},
                {"agenda_item_id": "1", "sort": "top"}, "top", None):
        await emit(user, wall, "choose", bad)
    assert set(wall.shown) == {post.id} and wall._props["sort"] == "newest" and wall.agenda_filter is None


async def test_list_is_bounded_and_older_posts_load_on_request(user: User) -> None:
    event = await Event.first()
    for number in range(35):
        await Contribution.create(event=event, text=f"Beitrag {number}", author_id=f"a{number}",
                                  status=Status.PUBLISHED)
    await user.open("/wall")
    wall = the_list(user)
    assert len(wall.shown) == 30 and wall._props["hasOlder"] is True
    oldest = min(wall.shown)
    await emit(user, wall, "load_older", oldest)
    assert len(wall.shown) == 35 and wall._props["hasOlder"] is False


async def test_closed_phase_replaces_the_form_with_the_reason(user: User) -> None:
    event = await Event.first()
    event.participation_closes_at = utcnow() - timedelta(seconds=1)
    await event.save()
    await user.open("/wall")
    closed = locales.format_date("de", event.participation_closes_at, get_settings().timezone)
    await user.should_see(f"Die Beteiligung ist seit {closed} beendet.", marker="phase-message")
    assert not any(isinstance(item, PostForm) for item in user.client.elements.values())
    with pytest.raises(ServiceError) as refused:
        await post_contribution(event.id, "late", "zu spät")
    assert refused.value.key == "participation.closed"
    assert await Contribution.filter(text="zu spät").count() == 0


async def test_people_who_came_through_the_qr_code_post_from_the_hall(user: User) -> None:
    user.http_client.cookies.set("sg_channel", "hall")
    await user.open("/wall")
    assert (await send(user, {"text": "Aus dem Saal"}))[0]
    assert (await Contribution.get(text="Aus dem Saal")).channel == "hall"


async def test_wall_says_when_the_live_connection_is_being_restored(user: User) -> None:
    from core.bus import BUS_STATE, Signal, bus

    await user.open("/wall")
    await user.should_not_see(marker="reconnecting")
    await bus().dispatch(Signal(BUS_STATE, 0, {"connected": 0}))
    await user.should_see("Live-Verbindung unterbrochen – wird wiederhergestellt. Es geht nichts verloren.")
    await bus().dispatch(Signal(BUS_STATE, 0, {"connected": 1}))
    await user.should_not_see(marker="reconnecting")


async def test_open_walls_share_one_copy_of_each_view(user: User, create_user) -> None:
    from components.contribution_list import shared_view

    event = await Event.first()
    first = await post_contribution(event.id, "a", "Schon da")
    other = create_user()
    await user.open("/wall")
    await other.open("/wall")
    assert the_list(user).shown[first.id] is the_list(other).shown[first.id]
    later = await post_contribution(event.id, "b", "Kommt dazu")
    with other:
        assert await eventually(lambda: later.id in the_list(other).shown)
    assert await eventually(lambda: later.id in the_list(user).shown)
    assert the_list(user).shown[later.id] is the_list(other).shown[later.id]
    await toggle_vote(first.id, "someone")  # a change is a new dict, never an edit of the shared one
    with other:
        assert await eventually(lambda: the_list(other).shown[first.id]["votes"] == 1)
    old = dict(the_list(user).shown[later.id])
    assert shared_view(old) is not old and shared_view(old) == old
    changed = {**old, "votes": 5}
    assert shared_view(changed) is changed and shared_view(dict(changed)) is changed
