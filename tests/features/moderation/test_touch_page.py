"""The console on a tablet, in simulated browsers (issue 15): the "Rückgängig" notice after a hide
or a rejection (and its refusal after 10 seconds), the queue badge on /moderation and /admin in
German and English, and what each waiting card needs to say how long it has waited."""

from __future__ import annotations

from datetime import timedelta

import pytest
from nicegui.testing import User

from core.bus import CONTRIBUTION, Signal, bus
from core.clock import frozen_at, utcnow
from features.moderation.undo import UNDO_WINDOW
from models.contribution import Contribution, Status
from models.event import Event, ModerationMode
from models.moderation import ModerationLogEntry
from models.staff import Role
from tests.support.factories import post
from tests.support.staff import sign_in
from tests.support.user import act, console_lists, element, eventually, ids_in, marked, see, see_no

pytestmark = pytest.mark.usefixtures("no_sign_in_delay")


async def pre_moderated() -> Event:
    event = await Event.first()
    assert event is not None
    event.moderation_mode = ModerationMode.PRE
    await event.save()
    return event


async def waiting_since(days: int, *texts: str) -> list[Contribution]:
    """Posts in the queue that came in `days` ago. Backdated after they were announced, so one more
    signal tells open badges (their reads of the announcements may have come before the change)."""
    posts = [await post(text) for text in texts]
    await Contribution.filter(id__in=[item.id for item in posts]).update(created_at=utcnow() - timedelta(days=days))
    await bus().publish(Signal(CONTRIBUTION, posts[-1].event_id, {"contribution_id": posts[-1].id}))
    return posts


async def status_of(pk: int) -> Status:
    return (await Contribution.get(id=pk)).status


async def test_a_hide_offers_undo_and_the_undo_puts_the_post_back(user: User) -> None:
    await sign_in(user, "Mira")
    await user.open("/moderation")
    shown = await post("Versehentlich ausgeblendet")
    assert await eventually(lambda: shown.id in ids_in(user, "published"))
    await act(user, "published", "hide", shown.id)
    await see(user, f"Beitrag #{shown.id} ausgeblendet.")
    assert await status_of(shown.id) == Status.HIDDEN
    user.find(marker="undo").click()
    await see(user, f"Rückgängig gemacht: Beitrag #{shown.id} ist wieder auf der Wand.")
    assert await status_of(shown.id) == Status.PUBLISHED
    assert await eventually(lambda: shown.id in ids_in(user, "published") and shown.id not in ids_in(user, "off"))
    await see_no(user, f"Beitrag #{shown.id} ausgeblendet.")  # the notice went with the undo
    actions = await ModerationLogEntry.filter(contribution_id=shown.id).order_by("id").values_list("action", flat=True)
    assert actions == ["hide", "undo_hide"]


async def test_a_rejection_offers_undo_in_english_too(user: User) -> None:
    await pre_moderated()
    await sign_in(user, "Mira")
    await user.open("/lang/en?next=/moderation")
    waiting = await post("Doch keine Werbung")
    assert await eventually(lambda: waiting.id in ids_in(user, "queue"))
    await act(user, "queue", "reject", waiting.id, "advertising")
    await see(user, f"Post #{waiting.id} rejected.")
    undo = element(user, "undo")
    assert undo.props["aria-label"] == f"Undo (#{waiting.id})"
    user.find(marker="undo").click()
    await see(user, f"Undone: post #{waiting.id} is waiting in the queue again.")
    assert await status_of(waiting.id) == Status.PENDING
    assert await eventually(lambda: waiting.id in ids_in(user, "queue"))


async def test_after_ten_seconds_the_undo_is_refused_with_a_clear_message(user: User) -> None:
    await sign_in(user, "Mira")
    await user.open("/moderation")
    shown = await post("Bleibt ausgeblendet")
    assert await eventually(lambda: shown.id in ids_in(user, "published"))
    decided = utcnow()
    with frozen_at(decided):
        await act(user, "published", "hide", shown.id)
    await see(user, f"Beitrag #{shown.id} ausgeblendet.")
    with frozen_at(decided + UNDO_WINDOW + timedelta(seconds=1)):  # the notice is still there: the server decides
        user.find(marker="undo").click()
        await see(user, "Die 10 Sekunden zum Rückgängigmachen sind vorbei.")
    assert await status_of(shown.id) == Status.HIDDEN
    assert await ModerationLogEntry.filter(contribution_id=shown.id, action="undo_hide").count() == 0


async def test_approving_offers_no_undo(user: User) -> None:
    await pre_moderated()
    await sign_in(user, "Mira")
    await user.open("/moderation")
    waiting = await post("Freigeben ist kein Versehen")
    assert await eventually(lambda: waiting.id in ids_in(user, "queue"))
    await act(user, "queue", "approve", waiting.id)
    assert await eventually(lambda: waiting.id in ids_in(user, "published"))
    await user.should_not_see(marker="undo")


async def test_the_console_badge_counts_the_queue_and_says_since_when(user: User) -> None:
    await pre_moderated()
    await sign_in(user, "Mira")
    await user.open("/moderation")
    badge = marked(user, "queue-badge")
    assert not badge.visible  # nothing waits: no badge
    posts = await waiting_since(3, "Erster", "Zweiter")
    await see(user, "2 Beiträge warten seit 3 Tagen", marker="queue-badge")
    assert badge.props["role"] == "status"
    await act(user, "queue", "approve", posts[0].id)
    await see(user, "1 Beitrag wartet seit 3 Tagen", marker="queue-badge")
    await act(user, "queue", "reject", posts[1].id, "duplicate")
    assert await eventually(lambda: not badge.visible)


async def test_the_console_badge_in_english_with_hours(user: User) -> None:
    await pre_moderated()
    await sign_in(user, "Mira")
    first = await post("Waiting")
    await Contribution.filter(id=first.id).update(created_at=utcnow() - timedelta(hours=2, minutes=5))
    await user.open("/lang/en?next=/moderation")
    await see(user, "1 post has been waiting for 2 hours", marker="queue-badge")
    await post("Another")
    await see(user, "2 posts have been waiting for 2 hours", marker="queue-badge")


async def test_admin_shows_the_badge_in_german_and_english(user: User) -> None:
    await pre_moderated()
    await sign_in(user, "Olaf", Role.ORGANISER)
    await user.open("/admin")
    assert not marked(user, "queue-badge").visible
    await waiting_since(1, *(f"Beitrag {n}" for n in range(12)))
    await see(user, "12 Beiträge warten seit 1 Tag", marker="queue-badge")
    await user.open("/lang/en?next=/admin")
    await see(user, "12 posts have been waiting for 1 day", marker="queue-badge")


async def test_each_queue_card_gets_the_texts_and_clock_to_say_how_long_it_waited(user: User) -> None:
    await pre_moderated()
    await sign_in(user, "Mira")
    moment = utcnow()
    with frozen_at(moment):
        await user.open("/moderation")
    ages = console_lists(user)["queue"].props["ages"]
    assert ages["now"] == int(moment.timestamp() * 1000)  # the server's clock, which the card ticks on from
    assert (ages["waiting"], ages["moments"], ages["days_many"]) == (
        "wartet seit {age}",
        "weniger als einer Minute",
        "{count} Tagen",
    )
    assert "ages" not in console_lists(user)["published"].props
    await user.open("/lang/en?next=/moderation")
    ages = console_lists(user)["queue"].props["ages"]
    assert (ages["waiting"], ages["hours_one"], ages["days_many"]) == ("waiting for {age}", "1 hour", "{count} days")
    waiting = await post("Wie lange schon?")
    assert await eventually(lambda: waiting.id in ids_in(user, "queue"))
    view = console_lists(user)["queue"].shown[waiting.id]
    assert view["created_at"] == (await Contribution.get(id=waiting.id)).created_at.isoformat()
