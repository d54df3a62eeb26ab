"""`/agenda` in the simulated browser: the running item, live updates, time zone, .ics, text as text."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from nicegui.testing import User

from features.agenda.service import load_programme, set_current_agenda_item
from models.event import AgendaItem, Event
from tests.support.user import eventually


async def demo_items() -> list[AgendaItem]:
    programme = await load_programme()
    return programme.items


def badge_visible(user: User, item_id: int) -> bool:
    card = user.find(marker=f"agenda-item-{item_id}").elements.pop()
    badge = next(element for element in card.descendants() if "now-badge" in element._markers)
    return badge.visible


async def test_agenda_lists_the_programme_and_marks_the_running_item(user: User) -> None:
    await user.open("/agenda")
    items = await demo_items()
    for item in items:
        await user.should_see(item.title)
    assert [badge_visible(user, item.id) for item in items] == [False, True, False, False, False, False]
    card = user.find(marker=f"agenda-item-{items[1].id}").elements.pop()
    assert card.props.get("aria-current") == "true"


async def test_agenda_follows_the_moderators_choice_on_every_open_page(user: User, create_user) -> None:
    other = create_user()
    await user.open("/agenda")
    await other.open("/")
    items = await demo_items()
    event = await Event.first()
    await set_current_agenda_item(event.id, items[3].id)
    assert await eventually(lambda: badge_visible(user, items[3].id) and not badge_visible(user, items[1].id))
    with other:
        assert await eventually(
            lambda: other.find(marker="now-title").elements.pop().text == items[3].title
        )
    await set_current_agenda_item(event.id, None)  # back to the clock
    assert await eventually(lambda: badge_visible(user, items[1].id) and not badge_visible(user, items[3].id))


async def test_times_are_shown_in_the_event_time_zone(user: User) -> None:
    items = await demo_items()
    local = items[0].starts_at.astimezone(ZoneInfo("Europe/Berlin"))
    await user.open("/agenda")
    await user.should_see(f"{local:%H:%M}–{items[0].ends_at.astimezone(ZoneInfo('Europe/Berlin')):%H:%M} Uhr")
    await user.should_see("Alle Zeiten in der Zeitzone Europe/Berlin.")


async def test_programme_downloads_as_ics(user: User) -> None:
    await user.open("/agenda")
    await user.should_see("Programm als Kalenderdatei (.ics)")
    response = await user.http_client.get("/agenda.ics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    assert "attachment" in response.headers["content-disposition"]
    assert response.text.count("BEGIN:VEVENT") == 6


async def test_text_from_organisers_is_shown_as_text(user: User) -> None:
    items = await demo_items()
    items[0].title = "<img src=x onerror=alert(1)> **fett**"
    await items[0].save()
    await user.open("/agenda")
    await user.should_see("<img src=x onerror=alert(1)> **fett**")
    assert not any(element.tag == "img" for element in user.client.elements.values())
