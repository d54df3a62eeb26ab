"""`/screen` (the hall projector) and `/j` (its QR code's target) with simulated browsers."""

from __future__ import annotations

from nicegui.testing import User

from core.bus import CONTRIBUTION, Signal, bus
from features.agenda.service import load_programme, set_current_agenda_item
from features.moderation.service import set_highlight
from features.screen.join import qr_data_uri
from models.contribution import Contribution, Status
from models.event import Event, ModerationMode
from tests.support.factories import post
from tests.support.user import eventually, highlight, shown_texts, the_list


async def test_screen_shows_the_item_on_stage_and_follows_it(user: User) -> None:
    programme = await load_programme()
    await user.open("/screen")
    await user.should_see("Jetzt auf der Bühne")
    await user.should_see(programme.items[1].title, marker="screen-now-title")
    await user.should_see(programme.event.title)
    await set_current_agenda_item(programme.event.id, programme.items[4].id)
    assert await eventually(
        lambda: next(iter(user.find(marker="screen-now-title").elements)).text == programme.items[4].title
    )


async def test_screen_shows_published_posts_newest_first_and_new_ones_live(user: User) -> None:
    for number in range(8):
        await post(f"Beitrag {number}")
    await user.open("/screen")
    assert shown_texts(user) == [f"Beitrag {number}" for number in range(7, 1, -1)]  # the newest six
    assert the_list(user).props["variant"] == "screen"
    await post("Ganz neu", nickname="Ana")
    assert await eventually(lambda: shown_texts(user)[0] == "Ganz neu")
    assert len(the_list(user).shown) == 6


async def test_screen_without_posts_invites_to_the_first(user: User) -> None:
    await user.open("/screen")
    assert the_list(user).props["labels"]["empty"] == (
        "Noch keine Beiträge – scannen Sie den QR-Code und schreiben Sie den ersten!")
    assert shown_texts(user) == []


async def test_screen_never_shows_pending_or_hidden_posts(user: User) -> None:
    visible = await post("Schon freigegeben")
    event = await Event.first()
    event.moderation_mode = ModerationMode.PRE
    await event.save()
    await post("Wartet noch")
    await user.open("/screen")
    assert shown_texts(user) == ["Schon freigegeben"]
    await post("Wartet auch noch")
    await Contribution.filter(id=visible.id).update(status=Status.HIDDEN)  # what a moderator's hide does
    await bus().publish(Signal(CONTRIBUTION, event.id, {"contribution_id": visible.id}))
    assert await eventually(lambda: shown_texts(user) == [])
    await user.should_not_see("Wartet")


async def test_highlight_appears_large_and_goes_away(user: User, create_user) -> None:
    other = create_user()
    first = await post("Bitte mehr Radwege", nickname="Ben")
    second = await post("Was kostet das?")
    event = await Event.first()
    await set_highlight(event.id, first.id)
    await user.open("/screen")
    assert highlight(user) == (True, "Bitte mehr Radwege")
    await user.should_see("Im Fokus")
    await other.open("/screen")
    await set_highlight(event.id, second.id)
    assert await eventually(lambda: highlight(user) == (True, "Was kostet das?"))
    with other:
        assert await eventually(lambda: highlight(other) == (True, "Was kostet das?"))
    await set_highlight(event.id, None)
    assert await eventually(lambda: not highlight(user)[0])


async def test_highlight_goes_away_when_the_post_is_hidden(user: User) -> None:
    chosen = await post("Gleich nicht mehr sichtbar")
    event = await Event.first()
    await set_highlight(event.id, chosen.id)
    await user.open("/screen")
    assert highlight(user)[0]
    await Contribution.filter(id=chosen.id).update(status=Status.HIDDEN)
    await bus().publish(Signal(CONTRIBUTION, event.id, {"contribution_id": chosen.id}))
    assert await eventually(lambda: not highlight(user)[0])


async def test_no_highlight_area_without_a_highlight(user: User) -> None:
    await post("Nur ein Beitrag")
    await user.open("/screen")
    assert not highlight(user)[0]


async def test_screen_shows_the_qr_code_and_the_short_address(user: User) -> None:
    await user.open("/screen")
    await user.should_see("Mitdiskutieren:")
    await user.should_see("http://localhost:8080/j", marker="screen-join-url")
    qr = next(iter(user.find(marker="screen-qr").elements))
    assert qr.props["src"] == qr_data_uri("http://localhost:8080/j")
    assert qr.props["src"].startswith("data:image/svg+xml")


async def test_post_text_is_shown_as_text_on_the_screen(user: User) -> None:
    chosen = await post("<img src=x onerror=alert(1)> **fett**")
    await set_highlight((await Event.first()).id, chosen.id)
    await user.open("/screen")
    assert highlight(user) == (True, "<img src=x onerror=alert(1)> **fett**")
    assert not any(element.tag in ("img", "q-markdown") for element in user.client.elements.values())


async def test_join_link_marks_the_browser_as_in_the_hall_and_goes_to_the_wall(user: User) -> None:
    response = await user.http_client.get("/j", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/wall"
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("sg_channel=hall;")
    assert "Max-Age=86400" in cookie
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie
