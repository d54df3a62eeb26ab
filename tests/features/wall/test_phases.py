"""`/wall` in every phase and both moderation modes: the intro and the form's hint say where a
post appears (at once or after approval; on the hall screen only while live), and where the wall
takes nothing the form is replaced by the reason, from when or since when."""

from __future__ import annotations

import pytest
from nicegui.testing import User

from components.post_form import PostForm
from core.clock import frozen_at
from features.moderation.service import set_moderation_mode
from models.contribution import Contribution
from models.event import Event, ModerationMode
from tests.support.factories import organiser
from tests.support.phases import date_of, moment_in, time_of
from tests.support.user import see

HINTS = {
    ("live", ModerationMode.POST): "Ihr Beitrag erscheint sofort auf der Wand und auf der Leinwand im Saal.",
    ("live", ModerationMode.PRE):
        "Ihr Beitrag erscheint auf der Wand und auf der Leinwand im Saal, sobald die Moderation ihn freigibt.",
    ("after", ModerationMode.POST): "Ihr Beitrag erscheint sofort auf der Wand.",
    ("after", ModerationMode.PRE): "Ihr Beitrag erscheint auf der Wand, sobald die Moderation ihn freigibt.",
}


async def demo(mode: ModerationMode = ModerationMode.POST, **fields: object) -> Event:
    event = await Event.first()
    event.moderation_mode = mode
    for name, value in fields.items():
        setattr(event, name, value)
    await event.save()
    return event


def the_form(user: User) -> PostForm | None:
    return next((item for item in user.client.elements.values() if isinstance(item, PostForm)), None)


def texts_on_page(user: User) -> str:
    return " ".join(str(getattr(item, "text", "")) for item in user.client.elements.values())


async def send(user: User, text: str) -> tuple[bool, str]:
    form = the_form(user)
    assert form is not None
    with user:
        return await form.send({"text": text})


@pytest.mark.parametrize("mode", [ModerationMode.POST, ModerationMode.PRE])
async def test_live_the_hint_tells_where_a_post_appears_in_this_moderation_mode(user: User, mode) -> None:
    event = await demo(mode)
    with frozen_at(moment_in(event, "live")):
        await user.open("/wall")
        await see(user, HINTS["live", mode], marker="post-hint")
        await see(user, "Was möchten Sie zur Stadtkonferenz sagen?", marker="wall-intro")
        ok, message = await send(user, "Live dabei")
    assert ok and message == ("Danke! Ihr Beitrag ist veröffentlicht." if mode == ModerationMode.POST
                              else "Danke! Ihr Beitrag wird geprüft und erscheint nach der Freigabe.")


async def test_before_the_form_is_replaced_by_when_the_wall_opens(user: User) -> None:
    event = await demo()
    with frozen_at(moment_in(event, "before")):
        await user.open("/wall")
    opens = event.starts_at
    await see(user, f"Die Wand öffnet am {date_of(opens)} um {time_of(opens)} Uhr.", marker="phase-message")
    await see(user, "Während der Stadtkonferenz diskutieren Sie hier mit", marker="wall-intro")
    assert the_form(user) is None
    labels = next(iter(user.find(marker="contribution-list").elements))._props["labels"]
    assert labels["empty"] == "Hier sind keine Beiträge."  # no invitation to write the first one


@pytest.mark.parametrize("mode", [ModerationMode.POST, ModerationMode.PRE])
async def test_after_the_wall_is_read_only_and_points_to_the_results_until_the_closing_date(user: User, mode) -> None:
    event = await demo(mode)
    with frozen_at(moment_in(event, "after")):
        await user.open("/wall")
    closes = event.participation_closes_at
    await see(user, "Die Live-Wand ist seit dem Ende der Konferenz geschlossen. Die Ergebnisse können Sie bis "
                    f"{date_of(closes)}, {time_of(closes)} Uhr kommentieren und weiterentwickeln.",
              marker="phase-message")
    assert next(iter(user.find(marker="phase-link-results").elements)).props["href"] == "/results"
    assert the_form(user) is None
    assert "Leinwand" not in texts_on_page(user)  # no page promises the hall screen after the event


@pytest.mark.parametrize("mode", [ModerationMode.POST, ModerationMode.PRE])
async def test_after_with_the_wall_kept_open_the_form_stays_without_the_hall_screen(user: User, mode) -> None:
    event = await demo(mode, wall_open_after_event=True)
    with frozen_at(moment_in(event, "after")):
        await user.open("/wall")
        await see(user, HINTS["after", mode], marker="post-hint")
        await see(user, "Die Stadtkonferenz ist vorbei, die Wand bleibt offen", marker="wall-intro")
        assert "Leinwand" not in texts_on_page(user)
        ok, _ = await send(user, "Noch ein Gedanke")
    assert ok
    assert (await Contribution.get(text="Noch ein Gedanke")).agenda_item_id is None  # nothing on stage now


@pytest.mark.parametrize("kept_open", [False, True])
async def test_closed_every_form_is_replaced_by_since_when(user: User, kept_open) -> None:
    event = await demo(wall_open_after_event=kept_open)
    with frozen_at(moment_in(event, "closed")):
        await user.open("/wall")
    await see(user, f"Die Beteiligung ist seit {date_of(event.participation_closes_at)} beendet.",
              marker="phase-message")
    await see(user, "Die Beiträge von der Stadtkonferenz: Alle bleiben hier lesbar.", marker="wall-intro")
    assert the_form(user) is None


async def test_english_texts_tell_the_same(user: User) -> None:
    event = await demo(ModerationMode.PRE)
    user.http_client.cookies.set("lang", "en")
    with frozen_at(moment_in(event, "live")):
        await user.open("/wall")
    await see(user, "Your post appears on the wall and on the screen in the hall as soon as the moderators approve it.",
              marker="post-hint")
    with frozen_at(moment_in(event, "before")):
        await user.open("/wall")
    await see(user, f"The wall opens on {date_of(event.starts_at, 'en')} at {time_of(event.starts_at, 'en')}.",
              marker="phase-message")


async def test_open_walls_tell_the_new_truth_when_moderators_switch_to_pre_moderation(user: User, create_user) -> None:
    event = await demo()
    english = create_user()
    english.http_client.cookies.set("lang", "en")
    await user.open("/wall")
    await english.open("/wall")
    await see(user, HINTS["live", ModerationMode.POST], marker="post-hint")
    await set_moderation_mode(await organiser(), event.id, ModerationMode.PRE)
    await see(user, HINTS["live", ModerationMode.PRE], marker="post-hint")
    await see(english, "Your post appears on the wall and on the screen in the hall as soon as the moderators "
                       "approve it.", marker="post-hint")
