"""`/` in the simulated browser: the demo event, what is on now, the livestream only on request,
and the empty state (of `/agenda` too)."""

from __future__ import annotations

from datetime import timedelta

from nicegui.testing import User

from core.clock import frozen_at
from models.event import Event


async def test_home_shows_the_demo_event_and_what_is_on_now(user: User) -> None:
    await user.open("/")
    await user.should_see("Dortmunder Stadtgespräch – 1. Stadtkonferenz")
    await user.should_see("Berswordt-Halle, Südwall 2–4, 44137 Dortmund")
    await user.should_see("Jetzt auf der Bühne")
    await user.should_see("Präsentation der bisherigen Ergebnisse", marker="now-title")
    await user.should_see("Programm")
    await user.should_see("Ergebnisse")
    await user.should_see("Livestream und Live-Wand")


async def test_livestream_loads_only_after_the_visitor_asks(user: User) -> None:
    # before the conference (while it is live, the livestream is on the live page instead)
    event = await Event.first()
    with frozen_at(event.starts_at - timedelta(days=1)):
        await user.open("/")
    await user.should_not_see(marker="livestream-frame")
    assert "youtube" not in str([e.props for e in user.client.elements.values()]).replace("youtube.com/watch", "")
    user.find(marker="load-livestream").click()
    frame = user.find(marker="livestream-frame").elements.pop()
    assert frame.props["src"] == "https://www.youtube-nocookie.com/embed/Stadtkonf01"


async def test_empty_database_without_demo_says_so(user: User) -> None:
    # the user fixture seeded the demo; remove it to see the empty state
    await Event.all().delete()
    await user.open("/")
    await user.should_see("Es ist noch keine Veranstaltung angelegt.")
    await user.open("/agenda")
    await user.should_see("Das Programm wird noch veröffentlicht.")
