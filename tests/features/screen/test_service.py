"""The curated hall screen's service: picks in the moderators' order, the screen's settings,
every change checked, logged and announced (features.screen.service)."""

from __future__ import annotations

import pytest

from core.bus import CONTRIBUTION, EVENT_SETTINGS, Signal, bus
from core.errors import ServiceError
from features.moderation.service import hide
from features.screen import service as screen
from features.system.demo import seed_demo
from models.contribution import Contribution, Status
from models.event import Event, ScreenSource
from models.moderation import ModerationLogEntry
from tests.support.factories import open_event, organiser, post
from tests.support.user import eventually


@pytest.fixture
async def mira(db):
    """An event that takes posts, and a member of staff (organisers moderate too)."""
    await open_event()
    return await organiser("Mira")


class Heard:
    def __init__(self) -> None:
        self.signals: list[Signal] = []
        self._off = [bus().subscribe(kind, self.signals.append) for kind in (CONTRIBUTION, EVENT_SETTINGS)]

    def close(self) -> None:
        for off in self._off:
            off()


async def picked_texts(event_id: int) -> list[str]:
    return [item.text for item in await screen.picked_contributions(event_id)]


async def test_picks_keep_the_moderators_order_and_can_be_moved_and_removed(db, mira) -> None:
    first, second, third = [await post(text) for text in ("Eins", "Zwei", "Drei")]
    event = await Event.first()
    for item in (second, first, third):
        await screen.pick(mira, item.id)
    assert await picked_texts(event.id) == ["Zwei", "Eins", "Drei"]
    await screen.pick(mira, first.id)  # picked twice: stays where it is
    assert await picked_texts(event.id) == ["Zwei", "Eins", "Drei"]
    await screen.move_pick(mira, third.id, -2)
    assert await picked_texts(event.id) == ["Drei", "Zwei", "Eins"]
    await screen.move_pick(mira, third.id, -1)  # at the top already
    assert await picked_texts(event.id) == ["Drei", "Zwei", "Eins"]
    await screen.unpick(mira, second.id)
    assert await picked_texts(event.id) == ["Drei", "Eins"]
    assert [c.text for c in await screen.pick_candidates(event.id)] == ["Zwei"]
    actions = await ModerationLogEntry.filter(event_id=event.id).order_by("id").values_list("action", flat=True)
    assert actions == ["pick", "pick", "pick", "pick_move", "unpick"]
    assert await ModerationLogEntry.filter(action="pick").values_list("staff_name", flat=True) == ["Mira"] * 3


async def test_only_published_posts_can_be_picked_and_a_hidden_pick_leaves_the_screen(db, mira) -> None:
    waiting = await post("Wartet")
    await Contribution.filter(id=waiting.id).update(status=Status.PENDING)
    with pytest.raises(ServiceError) as refused:
        await screen.pick(mira, waiting.id)
    assert refused.value.key == "screen.not_published"
    shown = await post("Gezeigt")
    await screen.pick(mira, shown.id)
    await hide(mira, shown.id)
    assert await picked_texts(shown.event_id) == []


async def test_a_pick_announces_the_post_so_every_screen_reads_its_list_again(db, mira) -> None:
    heard = Heard()
    try:
        chosen = await post("Auf die Leinwand")
        assert await eventually(lambda: len(heard.signals) == 1)  # the post itself
        heard.signals.clear()
        await screen.pick(mira, chosen.id)
        assert await eventually(lambda: len(heard.signals) == 1)
    finally:
        heard.close()
    assert [(s.kind, s.ids) for s in heard.signals] == [(CONTRIBUTION, {"contribution_id": chosen.id})]


async def test_screen_settings_are_stored_logged_and_announced(db, mira) -> None:
    event = await Event.first()
    heard = Heard()
    try:
        await screen.set_screen_source(mira, event.id, ScreenSource.ALL)
        await screen.set_screen_support(mira, event.id, True)
        text = await screen.set_pause_text(mira, event.id, "  Mittagspause – weiter um 13:00\n")
        assert await eventually(lambda: len(heard.signals) == 3)
    finally:
        heard.close()
    signals = heard.signals
    assert text == "Mittagspause – weiter um 13:00"
    stored = await Event.get(id=event.id)
    assert (stored.screen_source, stored.screen_show_support, stored.screen_pause_text) == (
        ScreenSource.ALL,
        True,
        "Mittagspause – weiter um 13:00",
    )
    assert [s.kind for s in signals] == [EVENT_SETTINGS] * 3
    entries = await ModerationLogEntry.filter(event_id=event.id).order_by("id").values_list("action", "detail")
    assert entries == [
        ("screen_source", "all"),
        ("screen_support", "on"),
        ("pause_text", "Mittagspause – weiter um 13:00"),
    ]
    with pytest.raises(ServiceError) as refused:
        await screen.set_pause_text(mira, event.id, "x" * 201)
    assert refused.value.key == "screen.pause_text_too_long"


async def test_a_new_event_lists_only_picked_posts_and_the_demo_the_whole_wall(db, mira) -> None:
    assert (await Event.first()).screen_source == ScreenSource.PICKED  # a new event (the factory's)
    await Event.all().delete()
    demo = await seed_demo()
    assert demo.screen_source == ScreenSource.ALL  # the demo: whoever tries it sees their post on the screen
