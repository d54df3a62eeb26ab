"""The console's overview on /moderation with simulated browsers: live counts, support counts on
the cards, sort, filters and search (live posts filtered alike), posts per minute with the
numbers as text (the log in words is features/moderation/log_words.py, tested with the page)."""

from __future__ import annotations

import pytest
from nicegui.testing import User

from features.moderation.overview_panel import ActivityChart
from models.contribution import Channel, Contribution
from models.event import AgendaItem, Event, ModerationMode
from models.staff import Role
from tests.support.factories import post
from tests.support.staff import sign_in
from tests.support.user import act, console_lists, element, eventually, ids_in

pytestmark = pytest.mark.usefixtures("no_sign_in_delay")


async def open_console(user: User, role: Role = Role.MODERATOR, language: str = "de") -> None:
    await sign_in(user, "Mira", role)
    if language != "de":
        await user.open(f"/lang/{language}?next=/moderation")
    await user.open("/moderation")
    await user.should_see("Mira")
    assert await eventually(lambda: set(console_lists(user)) == {"queue", "published", "off"}, timeout=5)


def count(user: User, variant: str) -> str:
    return (
        element(user, f"count-{variant}").text
        if variant != "off"
        else next(item for item in user.client.elements.values() if "count-off" in item._markers).text
    )


async def start_counts(user: User) -> tuple[int, int]:
    return await Contribution.filter(status="pending").count(), await Contribution.filter(status="published").count()


async def test_each_list_shows_its_count_and_follows_decisions(user: User) -> None:
    event = await Event.first()
    event.moderation_mode = ModerationMode.PRE
    await event.save()
    await open_console(user)
    queue, published = await start_counts(user)
    assert count(user, "queue") == f"({queue})" and count(user, "published") == f"({published})"
    waiting = await post("Bitte mehr Schatten")
    assert await eventually(lambda: count(user, "queue") == f"({queue + 1})")
    await act(user, "queue", "approve", waiting.id)
    assert await eventually(
        lambda: count(user, "queue") == f"({queue})" and count(user, "published") == f"({published + 1})"
    )
    await act(user, "published", "hide", waiting.id)
    assert await eventually(lambda: count(user, "published") == f"({published})" and count(user, "off") != "(0)")


async def test_cards_carry_their_support_count(user: User) -> None:
    wanted = await post("Mehr Trinkbrunnen")
    await Contribution.filter(id=wanted.id).update(vote_count=7)
    await open_console(user)
    published = console_lists(user)["published"]
    assert published.shown[wanted.id]["votes"] == 7
    assert published.props["labels"]["support_count"] == "Unterstützt von {count}"


def choose(user: User, marker: str, value: object) -> None:
    element(user, marker).set_value(value)


def order(user: User, variant: str) -> list[int]:
    return [view["id"] for view in console_lists(user)[variant].props["items"]]


async def test_sorting_by_support_and_by_unanswered(user: User) -> None:
    done, high, low = await post("Erledigt"), await post("Viel"), await post("Wenig")
    await Contribution.filter(id=high.id).update(vote_count=30)
    await Contribution.filter(id=done.id).update(vote_count=50, answered=True)
    await Contribution.filter(id=low.id).update(vote_count=1)
    await open_console(user)
    choose(user, "list-sort", "supported")
    assert await eventually(lambda: order(user, "published")[:3] == [done.id, high.id, low.id])
    assert console_lists(user)["published"].props["sort"] == "supported"
    choose(user, "list-sort", "unanswered")
    assert await eventually(lambda: console_lists(user)["published"].props["sort"] == "unanswered")
    answered = [view["answered"] for view in console_lists(user)["published"].props["items"]]
    assert answered == sorted(answered) and answered[-1] and order(user, "published")[-1] == done.id


async def test_filters_keep_following_live_posts_that_match(user: User) -> None:
    event = await Event.first()
    item = await AgendaItem.filter(event_id=event.id).order_by("id").first()
    await open_console(user)
    choose(user, "list-channel", "hall")
    assert await eventually(lambda: console_lists(user)["published"].query.channel == Channel.HALL)
    from_hall = await post("Aus dem Saal", channel=Channel.HALL)
    online = await post("Von zu Hause")
    assert await eventually(lambda: from_hall.id in ids_in(user, "published"))
    assert online.id not in ids_in(user, "published")
    assert all(view["channel"] == "hall" for view in console_lists(user)["published"].shown.values())
    choose(user, "list-channel", "all")
    choose(user, "list-item", str(item.id))
    assert await eventually(lambda: console_lists(user)["published"].query.agenda_item_id == item.id)
    assert await eventually(
        lambda: all(view["agenda_item_id"] == item.id for view in console_lists(user)["published"].shown.values())
    )
    filed = await post("Zum ersten Punkt", agenda_item_id=item.id)
    elsewhere = await post("Zu einem anderen Punkt", agenda_item_id=None)
    await Contribution.filter(id=elsewhere.id).update(agenda_item_id=None)
    assert await eventually(lambda: filed.id in ids_in(user, "published"))
    assert elsewhere.id not in ids_in(user, "published")


async def test_search_finds_posts_in_every_list(user: User) -> None:
    needle, other = await post("Der Brunnen am Rathaus"), await post("Etwas ganz anderes")
    await open_console(user)
    element(user, "list-search").set_value("brunnen")
    assert await eventually(lambda: ids_in(user, "published") == {needle.id})
    later = await post("Noch ein Brunnen")
    unrelated = await post("Kein Treffer")
    assert await eventually(lambda: later.id in ids_in(user, "published"))
    assert unrelated.id not in ids_in(user, "published") and other.id not in ids_in(user, "published")
    element(user, "list-search").set_value("")
    assert await eventually(lambda: {other.id, unrelated.id} <= ids_in(user, "published"))


def chart(user: User) -> ActivityChart:
    return next(item for item in user.client.elements.values() if "activity-chart" in item._markers)


async def test_posts_per_minute_as_a_chart_and_as_text(user: User) -> None:
    await open_console(user)
    await post("Eins")
    await post("Zwei")
    table = element(user, "activity-table")
    assert await eventually(lambda: bool(table.rows) and table.rows[-1]["posts"] >= 2)
    echart = chart(user)
    assert echart.options["series"][0]["data"][-1] == table.rows[-1]["posts"]
    assert len(echart.options["series"][0]["data"]) == 10 == len(table.rows)
    assert echart.props["aria-hidden"] == "true"
    await user.should_see("Beiträge pro Minute")
    await user.should_see("in den letzten 10 Minuten")
