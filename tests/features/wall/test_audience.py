"""The audience at a glance: counting per process (people, not tabs), the other processes' numbers
and when they go stale (with the app's clock, never a sleep), and the line on /wall and
/moderation with simulated browsers (hall and online, a tab that closes)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from nicegui.testing import User

from core.bus import Bus, Signal
from core.clock import frozen_at
from features.wall.presence import PRESENCE, STALE_AFTER, Counts, Presence, presence
from models.contribution import Channel
from tests.support.staff import sign_in
from tests.support.user import element, see

T0 = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)


class RecordingBus(Bus):
    """A bus that keeps what is published instead of sending it anywhere."""

    def __init__(self) -> None:
        super().__init__()
        self.published: list[Signal] = []
        self.received: list[Signal] = []

    async def publish(self, signal: Signal) -> None:
        self.published.append(signal)

    def receive(self, signal: Signal) -> None:
        self.received.append(signal)


def numbers(process: int, event_id: int, online: int, hall: int) -> Signal:
    return Signal(PRESENCE, event_id, {"process": process, "online": online, "hall": hall})


def test_a_process_counts_browsers_per_channel_not_tabs() -> None:
    tally = Presence(bus_of=RecordingBus, token=1)
    tally.opened("tab-1", 7, Channel.ONLINE, "browser-a")
    tally.opened("tab-2", 7, Channel.ONLINE, "browser-a")  # a second tab of the same browser
    tally.opened("tab-3", 7, Channel.ONLINE, "browser-b")
    tally.opened("tab-4", 7, Channel.HALL, "browser-c")
    tally.opened("tab-4", 7, Channel.HALL, "browser-c")  # a reconnect of the same tab
    tally.opened("tab-5", 8, Channel.HALL, "browser-d")  # another event
    assert tally.local() == {7: Counts(online=2, hall=1), 8: Counts(hall=1)}
    tally.closed("tab-1")
    assert tally.totals(7) == Counts(online=2, hall=1)  # browser-a still has a tab
    tally.closed("tab-2")
    tally.closed("never-opened")
    assert tally.totals(7) == Counts(online=1, hall=1)


def test_other_processes_are_added_until_they_go_quiet() -> None:
    tally = Presence(bus_of=RecordingBus, token=1)
    tally.opened("tab", 7, Channel.HALL, "browser-a")
    with frozen_at(T0):
        tally.heard(numbers(2, 7, online=3, hall=4))
        tally.heard(numbers(3, 7, online=1, hall=0))
        tally.heard(numbers(1, 7, online=99, hall=99))  # its own echo: the local count is newer
        tally.heard(numbers(4, 8, online=5, hall=5))  # another event
        tally.heard(Signal(PRESENCE, 7, {"process": 5, "online": None, "hall": 2}))
        assert tally.totals(7) == Counts(online=4, hall=7)
    with frozen_at(T0 + timedelta(seconds=10)):
        tally.heard(numbers(2, 7, online=2, hall=4))  # process 2 renewed, process 3 and 5 did not
    with frozen_at(T0 + STALE_AFTER + timedelta(seconds=1)):
        assert tally.totals(7) == Counts(online=2, hall=5)  # 3 and 5 dropped, 2 still fresh
    with frozen_at(T0 + timedelta(seconds=10) + STALE_AFTER + timedelta(seconds=1)):
        assert tally.totals(7) == Counts(hall=1)  # only this process is left
        assert tally.totals(8) == Counts()


async def test_the_timer_publishes_this_processs_numbers_and_the_drop_to_nobody_once() -> None:
    recorder = RecordingBus()
    tally = Presence(bus_of=lambda: recorder, token=1)
    await tally.tick()
    assert recorder.published == []  # nobody here, nothing said before: nothing to say
    tally.opened("tab", 7, Channel.ONLINE, "browser-a")
    await tally.tick()
    await tally.tick()  # renewed every tick, so the others do not drop this process
    assert recorder.published == [numbers(1, 7, online=1, hall=0)] * 2
    tally.closed("tab")
    await tally.tick()
    await tally.tick()
    assert recorder.published[2:] == [numbers(1, 7, online=0, hall=0)]  # once, then quiet


async def test_a_process_going_stale_refreshes_the_displays_of_this_process() -> None:
    recorder = RecordingBus()
    tally = Presence(bus_of=lambda: recorder, token=1)
    with frozen_at(T0):
        tally.heard(numbers(2, 7, online=3, hall=0))
    with frozen_at(T0 + STALE_AFTER + timedelta(seconds=1)):
        await tally.tick()
    assert recorder.published == []
    assert [(signal.kind, signal.event_id) for signal in recorder.received] == [(PRESENCE, 7)]
    assert tally.totals(7) == Counts()


@pytest.mark.parametrize("bad", [{"process": "x", "online": 1}, {"process": 2, "online": "viele"}])
def test_malformed_numbers_are_ignored(bad) -> None:
    tally = Presence(bus_of=RecordingBus, token=1)
    tally.heard(Signal(PRESENCE, 7, bad))
    assert tally.totals(7) == Counts()


def audience(user: User) -> str:
    with user:
        return element(user, "audience").text


async def test_wall_and_console_show_online_and_hall_and_a_closed_tab_drops_out(user: User, create_user) -> None:
    hall, online, second_online = create_user(), create_user(), create_user()
    hall.http_client.cookies.set("sg_channel", "hall")
    await hall.open("/wall")
    await online.open("/wall")
    await second_online.open("/wall")
    await online.open("/wall")  # the same browser again: one person
    await sign_in(user, "Mira")
    await user.open("/moderation")
    await presence().tick()  # what the timer does every few seconds
    await see(user, "Jetzt verbunden: 2 online, 1 im Saal", marker="audience")
    for wall in (hall, online, second_online):
        await see(wall, "Jetzt verbunden: 2 online, 1 im Saal", marker="audience")
    hall.client.delete()  # the hall tab is closed (NiceGUI deletes it after the reconnect timeout)
    await presence().tick()
    await see(user, "Jetzt verbunden: 2 online, 0 im Saal", marker="audience")
    await see(online, "Jetzt verbunden: 2 online, 0 im Saal", marker="audience")


async def test_the_line_speaks_the_visitors_language(user: User) -> None:
    user.http_client.cookies.set("lang", "en")
    await user.open("/wall")
    await presence().tick()
    await see(user, "Connected now: 1 online, 0 in the hall", marker="audience")
