"""/admin tabs "Veranstaltung" and "Programm" in the simulated browser: editing, every refusal
shown and nothing stored, markup shown as text on / and /agenda, reordering, deleting after a
confirmation, the next event, and the event's links in the footer and the hall's QR code."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

import pytest
from nicegui import ui
from nicegui.testing import User

from features.admin.event_setup import local_input_value
from features.agenda.service import current_event, load_programme
from features.contributions.service import post_contribution
from features.screen.join import qr_data_uri
from models.contribution import Contribution
from models.event import AgendaItem, Event, ModerationMode
from models.moderation import ModerationLogEntry
from models.staff import Role, StaffAccount, StaffSession
from tests.features.agenda.test_home_and_agenda_pages import eventually
from tests.features.moderation.test_page import no_sign_in_delay, sign_in  # noqa: F401
from tests.support.xss import XSS_CORPUS, XSS_SHORT


async def until(check: Callable[[], Awaitable[bool]], timeout: float = 2.0) -> bool:
    """True as soon as the async `check` holds (a click's handler runs as a task)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        if await check():
            return True
        await asyncio.sleep(0.02)
    return await check()


def element(user: User, marker: str) -> ui.element:
    found = user.find(marker=marker).elements
    assert len(found) == 1, f"{marker}: {len(found)} elements"
    return next(iter(found))


def fill(user: User, values: dict[str, str]) -> None:
    with user:
        for marker, value in values.items():
            element(user, marker).value = value  # type: ignore[attr-defined]


def has_marker(user: User, marker: str) -> bool:
    return any(marker in e._markers for e in user.client.elements.values())


async def open_admin(user: User, tab: str = "event") -> Event:
    await sign_in(user, "Orga", Role.ORGANISER)
    await user.open(f"/admin?tab={tab}")
    event = await current_event()
    assert event is not None
    return event


async def stored(event_id: int) -> dict:
    return (await Event.filter(id=event_id).values())[0]


def shown_as_text(user: User, text: str) -> None:
    """Every element that shows `text` is a plain text element (or a form field holding it)."""
    holders = [e for e in user.client.elements.values() if text in str(getattr(e, "text", ""))]
    assert holders, f"{text!r} is not shown"
    for holder in holders:
        assert not isinstance(holder, ui.html | ui.markdown), holder
    assert not [e for e in user.client.elements.values() if isinstance(e, ui.html | ui.markdown)]


# --- the event --------------------------------------------------------------------------------

async def test_organiser_edits_every_field_of_the_event(user: User) -> None:
    event = await open_admin(user)
    await user.should_see("Veranstaltung bearbeiten")
    assert element(user, "edit-starts_at").value == local_input_value(event.starts_at)  # type: ignore[attr-defined]
    fill(user, {
        "edit-title": "Zweite Stadtkonferenz",
        "edit-description": "Mit allen.\nIm Saal und online.",
        "edit-venue": "Rathaus",
        "edit-address": "Friedensplatz 1, 44135 Dortmund",
        "edit-starts_at": "2026-06-01T10:00",
        "edit-ends_at": "2026-06-01T16:30",
        "edit-livestream_url": "https://youtu.be/abcDEF_1234",
        "edit-participation_opens_at": "2026-05-20T08:00",
        "edit-participation_closes_at": "2026-07-01T00:00",
        "event-moderation-mode": "pre",
        "edit-public_url": "https://stadtgespraech.example/",
        "edit-imprint_url": "https://stadt.example/impressum",
        "edit-privacy_url": "https://stadt.example/datenschutz",
    })
    user.find(marker="event-save").click()
    await user.should_see("Die Veranstaltung ist gespeichert.")
    saved = await Event.get(id=event.id)
    assert (saved.title, saved.description, saved.venue, saved.address) == (
        "Zweite Stadtkonferenz", "Mit allen.\nIm Saal und online.", "Rathaus", "Friedensplatz 1, 44135 Dortmund"
    )
    assert (saved.starts_at, saved.ends_at) == (
        datetime(2026, 6, 1, 8, 0, tzinfo=UTC), datetime(2026, 6, 1, 14, 30, tzinfo=UTC)  # Berlin is UTC+2
    )
    assert (saved.participation_opens_at, saved.participation_closes_at) == (
        datetime(2026, 5, 20, 6, 0, tzinfo=UTC), datetime(2026, 6, 30, 22, 0, tzinfo=UTC)
    )
    assert saved.livestream_url == "https://youtu.be/abcDEF_1234"
    assert saved.moderation_mode == ModerationMode.PRE
    assert (saved.public_url, saved.imprint_url, saved.privacy_url) == (
        "https://stadtgespraech.example", "https://stadt.example/impressum", "https://stadt.example/datenschutz"
    )
    assert element(user, "edit-public_url").value == "https://stadtgespraech.example"  # type: ignore[attr-defined]
    actions = await ModerationLogEntry.filter(event_id=event.id).values_list("staff_name", "action")
    assert sorted(actions) == [("Orga", "event"), ("Orga", "mode")]  # type: ignore[type-var]


async def test_the_phase_can_be_left_open_ended(user: User) -> None:
    event = await open_admin(user)
    fill(user, {"edit-participation_opens_at": "", "edit-participation_closes_at": ""})
    user.find(marker="event-save").click()
    await user.should_see("Die Veranstaltung ist gespeichert.")
    saved = await Event.get(id=event.id)
    assert saved.participation_opens_at is None and saved.participation_closes_at is None


EVENT_ERRORS = [
    ({"edit-title": "   "}, "Bitte geben Sie einen Titel an."),
    ({"edit-title": "x" * 201}, "Der Titel darf höchstens 200 Zeichen lang sein (jetzt 201)."),
    ({"edit-description": "x" * 5001}, "Die Beschreibung darf höchstens 5000 Zeichen lang sein (jetzt 5001)."),
    ({"edit-venue": "x" * 201}, "Der Ort darf höchstens 200 Zeichen lang sein (jetzt 201)."),
    ({"edit-address": "x" * 301}, "Die Adresse darf höchstens 300 Zeichen lang sein (jetzt 301)."),
    ({"edit-starts_at": ""}, "Bitte geben Sie Datum und Uhrzeit an."),
    ({"edit-ends_at": "morgen"}, "Bitte geben Sie Datum und Uhrzeit vollständig an"),
    ({"edit-starts_at": "2026-03-29T02:30"}, "wegen der Umstellung auf Sommerzeit nicht"),
    ({"edit-starts_at": "2026-06-01T12:00", "edit-ends_at": "2026-06-01T12:00"},
     "Das Ende muss nach dem Beginn liegen."),
    ({"edit-livestream_url": "http://stream.example/live"}, "Die Livestream-Adresse muss mit https:// beginnen"),
    ({"edit-livestream_url": "https://www.youtube.com/watch?v=%22x"}, "Die Livestream-Adresse muss mit https://"),
    ({"edit-participation_opens_at": "2026-06-01T12:00", "edit-participation_closes_at": "2026-06-01T11:00"},
     "Das Ende der Beteiligungsphase muss nach ihrem Beginn liegen."),
    ({"edit-public_url": "javascript:alert(1)"}, "Die öffentliche Adresse muss eine vollständige Adresse"),
    ({"edit-imprint_url": "stadt.example/impressum"}, "Die Adresse des Impressums muss"),
    ({"edit-privacy_url": "ftp://stadt.example/datenschutz"}, "Die Adresse der Datenschutzerklärung muss"),
]


@pytest.mark.parametrize(("values", "message"), EVENT_ERRORS)
async def test_every_refusal_is_shown_and_nothing_is_saved(user: User, values, message) -> None:
    event = await open_admin(user)
    before = await stored(event.id)
    fill(user, {"edit-venue": "Ein neuer Ort", "event-moderation-mode": "pre", **values})
    user.find(marker="event-save").click()
    await user.should_see(message, marker="event-error")
    field = element(user, list(values)[-1])  # the field the message is about, marked invalid
    assert message in field.error  # type: ignore[attr-defined]  # Quasar shows it there with role=alert
    assert await stored(event.id) == before
    assert not await ModerationLogEntry.filter(event_id=event.id).exists()


async def test_an_expired_session_saves_nothing(user: User) -> None:
    event = await open_admin(user)
    before = await stored(event.id)
    await StaffSession.all().delete()
    fill(user, {"edit-title": "Gekapert"})
    user.find(marker="event-save").click()
    await user.should_see("Anmeldung für das Team")
    assert await stored(event.id) == before


async def test_an_organiser_demoted_meanwhile_is_refused_by_the_service(user: User) -> None:
    event = await open_admin(user)
    before = await stored(event.id)
    await StaffAccount.filter(name="Orga").update(role=Role.MODERATOR)  # the page is still open
    fill(user, {"edit-title": "Gekapert"})
    user.find(marker="event-save").click()
    await user.should_see("Dafür fehlt Ihnen die Berechtigung.", marker="event-error")
    assert element(user, "event-error").props["role"] == "alert"  # no single field to blame
    assert await stored(event.id) == before
    programme = await load_programme()
    assert programme is not None
    user.find(marker=f"agenda-delete-{programme.items[0].id}").click()
    user.find(marker="agenda-delete-confirm").click()
    await user.should_see("Dafür fehlt Ihnen die Berechtigung.")
    assert await AgendaItem.exists(id=programme.items[0].id)


async def test_markup_in_the_event_is_shown_as_text_on_the_home_page(user: User) -> None:
    await open_admin(user)
    fill(user, {
        "edit-title": XSS_CORPUS[1], "edit-description": "\n".join(XSS_CORPUS),
        "edit-venue": XSS_CORPUS[2], "edit-address": XSS_CORPUS[3],
    })
    user.find(marker="event-save").click()
    await user.should_see("Die Veranstaltung ist gespeichert.")
    await user.open("/")
    for text in (XSS_CORPUS[1], XSS_CORPUS[2], XSS_CORPUS[3], *XSS_CORPUS):
        shown_as_text(user, text)
    assert element(user, "event-title").text == XSS_CORPUS[1]  # type: ignore[attr-defined]


# --- links --------------------------------------------------------------------------------------

async def test_footer_and_qr_code_use_the_events_links_or_the_settings(user: User, monkeypatch) -> None:
    from settings import get_settings

    monkeypatch.setattr(get_settings(), "imprint_url", "https://settings.example/impressum")
    await user.open("/")
    assert element(user, "footer-imprint").props["href"] == "https://settings.example/impressum"
    await user.should_not_see(marker="footer-privacy")
    await user.open("/screen")
    await user.should_see("http://localhost:8080/j", marker="screen-join-url")

    await open_admin(user)
    fill(user, {"edit-public_url": "https://beteiligung.example", "edit-privacy_url": "https://stadt.example/ds"})
    user.find(marker="event-save").click()
    await user.should_see("Die Veranstaltung ist gespeichert.")
    for path in ("/", "/agenda", "/wall"):
        await user.open(path)
        assert element(user, "footer-privacy").props["href"] == "https://stadt.example/ds"
        assert element(user, "footer-imprint").props["href"] == "https://settings.example/impressum"
    await user.open("/screen")
    await user.should_see("https://beteiligung.example/j", marker="screen-join-url")
    assert element(user, "screen-qr").props["src"] == qr_data_uri("https://beteiligung.example/j")


# --- the next event -------------------------------------------------------------------------------

async def test_the_next_event_is_created_after_a_confirmation_and_becomes_current(user: User) -> None:
    event = await open_admin(user)
    start = local_input_value(event.starts_at + timedelta(days=60))
    end = local_input_value(event.starts_at + timedelta(days=60, hours=4))
    fill(user, {"next-title": "2. Stadtkonferenz", "next-starts_at": start, "next-ends_at": end})
    user.find(marker="next-create").click()
    await user.should_see("„2. Stadtkonferenz“ anlegen?", marker="next-confirm-text")
    user.find(marker="next-cancel").click()
    await asyncio.sleep(0.1)
    assert await Event.all().count() == 1  # cancelled: nothing created
    user.find(marker="next-create").click()
    user.find(marker="next-confirm").click()
    assert await until(lambda: Event.filter(title="2. Stadtkonferenz").exists())
    current = await current_event()
    assert current is not None and current.title == "2. Stadtkonferenz"
    await user.open("/")
    await user.should_see("2. Stadtkonferenz", marker="edit-title")


async def test_a_next_event_that_would_not_become_current_is_refused(user: User) -> None:
    event = await open_admin(user)
    start = local_input_value(event.starts_at - timedelta(days=1))
    fill(user, {"next-title": "Zu früh", "next-starts_at": start,
                "next-ends_at": local_input_value(event.starts_at)})
    user.find(marker="next-create").click()
    user.find(marker="next-confirm").click()
    await user.should_see("muss nach dem Beginn der aktuellen beginnen", marker="next-error")
    assert "Zu früh" not in [e.title for e in await Event.all()]
    assert await Event.all().count() == 1


# --- the programme ------------------------------------------------------------------------------

async def titles() -> list[str]:
    programme = await load_programme()
    assert programme is not None
    return [item.title for item in programme.items]


async def test_programme_lists_items_in_order_with_time_speakers_and_place(user: User) -> None:
    await open_admin(user, "agenda")
    programme = await load_programme()
    assert programme is not None
    for item in programme.items:
        card = element(user, f"admin-agenda-item-{item.id}")
        texts = " ".join(str(getattr(e, "text", "")) for e in card.descendants())
        assert item.title in texts and (not item.speakers or item.speakers in texts)
        assert (not item.location or item.location in texts)
    first, last = programme.items[0], programme.items[-1]
    assert not element(user, f"agenda-up-{first.id}").enabled  # type: ignore[attr-defined]
    assert not element(user, f"agenda-down-{last.id}").enabled  # type: ignore[attr-defined]
    assert element(user, f"agenda-delete-{first.id}").props["aria-label"] == f"Löschen: „{first.title}“"


async def test_organiser_adds_an_item_and_open_agenda_pages_show_it(user: User, create_user) -> None:
    visitor = create_user()
    await visitor.open("/agenda")
    await open_admin(user, "agenda")
    user.find(marker="agenda-add").click()
    await user.should_see("Neuer Programmpunkt")
    fill(user, {
        "agenda-title": "Abschlussrunde", "agenda-speakers": "Ana, Ben", "agenda-location": "Saal 2",
        "agenda-description": "Was bleibt?", "agenda-starts_at": "2026-05-04T21:00",
        "agenda-ends_at": "2026-05-04T21:45",
    })
    user.find(marker="agenda-save").click()
    await user.should_see("Der Programmpunkt ist gespeichert.")
    item = await AgendaItem.get(title="Abschlussrunde")
    assert (item.speakers, item.location, item.description) == ("Ana, Ben", "Saal 2", "Was bleibt?")
    assert item.starts_at == datetime(2026, 5, 4, 19, 0, tzinfo=UTC)
    await user.should_see("Abschlussrunde", marker="admin-agenda-title")
    with visitor:
        assert await eventually(lambda: has_marker(visitor, f"agenda-item-{item.id}"), timeout=2)


async def test_organiser_edits_an_item_and_the_home_page_follows(user: User, create_user) -> None:
    visitor = create_user()
    await visitor.open("/")
    programme = await load_programme()
    assert programme is not None
    running = next(i for i in programme.items if i.title in visitor.find(marker="now-title").elements.pop().text)
    await open_admin(user, "agenda")
    user.find(marker=f"agenda-edit-{running.id}").click()
    await user.should_see("Programmpunkt bearbeiten")
    assert element(user, "agenda-title").value == running.title  # type: ignore[attr-defined]
    fill(user, {"agenda-title": "Neu auf der Bühne"})
    user.find(marker="agenda-save").click()
    await user.should_see("Der Programmpunkt ist gespeichert.")
    assert (await AgendaItem.get(id=running.id)).title == "Neu auf der Bühne"
    with visitor:
        assert await eventually(
            lambda: visitor.find(marker="now-title").elements.pop().text == "Neu auf der Bühne", timeout=2
        )


AGENDA_ERRORS = [
    ({"agenda-title": ""}, "Bitte geben Sie dem Programmpunkt einen Titel."),
    ({"agenda-title": "x" * 201}, "Der Titel darf höchstens 200 Zeichen lang sein"),
    ({"agenda-description": "x" * 2001}, "Die Beschreibung darf höchstens 2000 Zeichen lang sein"),
    ({"agenda-speakers": "x" * 501}, "Die Mitwirkenden dürfen höchstens 500 Zeichen lang sein"),
    ({"agenda-location": "x" * 201}, "Der Raum darf höchstens 200 Zeichen lang sein"),
    ({"agenda-starts_at": "2026-05-04T20:00", "agenda-ends_at": "2026-05-04T19:00"},
     "Das Ende muss nach dem Beginn liegen."),
    ({"agenda-ends_at": ""}, "Bitte geben Sie Datum und Uhrzeit an."),
    ({"agenda-starts_at": "2026-05-04T20:00", "agenda-ends_at": "2026-05-06T20:00"},
     "höchstens 24 Stunden dauern"),
]


@pytest.mark.parametrize(("values", "message"), AGENDA_ERRORS)
async def test_every_item_refusal_is_shown_and_nothing_is_saved(user: User, values, message) -> None:
    await open_admin(user, "agenda")
    before = await titles()
    programme = await load_programme()
    assert programme is not None
    first = programme.items[0]
    user.find(marker=f"agenda-edit-{first.id}").click()
    fill(user, {"agenda-location": "Anderswo", **values})
    user.find(marker="agenda-save").click()
    await user.should_see(message, marker="agenda-error")
    assert element(user, list(values)[-1]).error is not None  # type: ignore[attr-defined]
    again = await AgendaItem.get(id=first.id)
    assert (again.title, again.location, again.starts_at, again.ends_at) == (
        first.title, first.location, first.starts_at, first.ends_at
    )
    user.find(marker="agenda-cancel").click()
    user.find(marker="agenda-add").click()
    fill(user, {"agenda-title": "Neu", **values})
    user.find(marker="agenda-save").click()
    await user.should_see(message, marker="agenda-error")
    assert await titles() == before


async def test_move_up_and_down_reorders_and_keeps_durations(user: User, create_user) -> None:
    visitor = create_user()
    await visitor.open("/agenda")
    await open_admin(user, "agenda")
    programme = await load_programme()
    assert programme is not None
    a, b = programme.items[2], programme.items[3]
    lengths = {a.id: a.ends_at - a.starts_at, b.id: b.ends_at - b.starts_at}
    user.find(marker=f"agenda-up-{b.id}").click()
    assert await until(lambda: titles_are(programme.items, swap=(2, 3)))
    moved = {item.id: item for item in await AgendaItem.filter(id__in=[a.id, b.id])}
    assert moved[b.id].starts_at == a.starts_at
    assert {pk: item.ends_at - item.starts_at for pk, item in moved.items()} == lengths
    with visitor:
        assert await eventually(lambda: agenda_order(visitor)[2:4] == [b.id, a.id], timeout=2)
    await user.should_see(marker=f"admin-agenda-item-{b.id}")
    user.find(marker=f"agenda-down-{b.id}").click()
    assert await until(lambda: titles_are(programme.items, swap=None))


def agenda_order(visitor: User) -> list[int]:
    """The item ids as /agenda lists them (elements are created in the order they are shown)."""
    cards = [e for e in visitor.client.elements.values() if any(m.startswith("agenda-item-") for m in e._markers)]
    return [int(m.rsplit("-", 1)[1]) for e in sorted(cards, key=lambda e: e.id) for m in e._markers
            if m.startswith("agenda-item-")]


async def titles_are(items: list[AgendaItem], swap: tuple[int, int] | None) -> bool:
    expected = [item.title for item in items]
    if swap is not None:
        expected[swap[0]], expected[swap[1]] = expected[swap[1]], expected[swap[0]]
    return await titles() == expected


async def test_delete_asks_first_keeps_contributions_and_resets_the_now_marker(user: User, create_user) -> None:
    visitor = create_user()
    await visitor.open("/agenda")
    event = await open_admin(user, "agenda")
    programme = await load_programme()
    assert programme is not None
    item = programme.items[3]
    post = await post_contribution(event.id, "browser-a", "Frage zum Podium", agenda_item_id=item.id)
    event.current_agenda_item_id = item.id
    await event.save()
    user.find(marker=f"agenda-delete-{item.id}").click()
    await user.should_see(f"„{item.title}“ aus dem Programm löschen?", marker="agenda-delete-text")
    user.find(marker="agenda-delete-cancel").click()
    await asyncio.sleep(0.1)
    assert await AgendaItem.exists(id=item.id)
    user.find(marker=f"agenda-delete-{item.id}").click()
    user.find(marker="agenda-delete-confirm").click()
    assert await until(lambda: _gone(item.id))
    assert (await Contribution.get(id=post.id)).agenda_item_id is None
    assert (await Event.get(id=event.id)).current_agenda_item_id is None
    await user.should_not_see(marker=f"admin-agenda-item-{item.id}")
    with visitor:
        assert await eventually(lambda: not has_marker(visitor, f"agenda-item-{item.id}"), timeout=2)


async def _gone(item_id: int) -> bool:
    return not await AgendaItem.exists(id=item_id)


async def test_markup_in_items_is_shown_as_text_on_the_agenda(user: User) -> None:
    await open_admin(user, "agenda")
    for index, text in enumerate(XSS_CORPUS):
        user.find(marker="agenda-add").click()
        fill(user, {
            "agenda-title": text, "agenda-description": text, "agenda-speakers": XSS_SHORT,
            "agenda-location": text, "agenda-starts_at": f"2026-05-05T{10 + index:02d}:00",
            "agenda-ends_at": f"2026-05-05T{10 + index:02d}:30",
        })
        user.find(marker="agenda-save").click()
        assert await until(lambda text=text: AgendaItem.exists(title=text))
    await user.open("/agenda")
    for text in (*XSS_CORPUS, XSS_SHORT):
        shown_as_text(user, text)
    await user.open("/admin?tab=agenda")
    for text in XSS_CORPUS:
        shown_as_text(user, text)


async def test_open_moderation_consoles_offer_the_edited_programme(user: User, create_user) -> None:
    moderator = create_user()
    await sign_in(moderator, "Mo", Role.MODERATOR)
    await moderator.open("/moderation")
    await open_admin(user, "agenda")
    user.find(marker="agenda-add").click()
    fill(user, {"agenda-title": "Nachtrag zur Diskussion"})
    user.find(marker="agenda-save").click()
    await user.should_see("Der Programmpunkt ist gespeichert.")
    with moderator:
        pick = element(moderator, "now-pick")
        assert await eventually(
            lambda: any("Nachtrag zur Diskussion" in str(label) for label in pick.options.values()),  # type: ignore[attr-defined]
            timeout=2,
        )
