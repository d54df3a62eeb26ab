"""The polls tab of /admin: every poll of the event under its programme item, read-only."""

from __future__ import annotations

import pytest
from nicegui.testing import User

from features.agenda.service import load_programme
from features.polls import service as polls
from features.polls.service import PollDraft
from models.poll import PollKind
from models.staff import Role
from tests.support.factories import organiser
from tests.support.staff import sign_in

pytestmark = pytest.mark.usefixtures("no_sign_in_delay")


async def test_organisers_see_the_polls_under_their_programme_items(user: User) -> None:
    programme = await load_programme()
    staff = await organiser()
    item = programme.items[2]
    on_item = await polls.create_poll(
        staff,
        programme.event.id,
        PollDraft(PollKind.SINGLE, "Welcher Platz?", ("Markt", "Hafen"), agenda_item_id=item.id),
    )
    await polls.create_poll(staff, programme.event.id, PollDraft(PollKind.WORDS, "Ein Wort?"))
    await polls.open_poll(staff, on_item.id)
    await polls.answer_poll(on_item.id, "a", choices=[on_item.options[0].id])
    await sign_in(user, "Olaf", Role.ORGANISER)
    await user.open("/admin?tab=polls")
    await user.should_see("Umfragen der Veranstaltung")
    await user.should_see(item.title)
    await user.should_see("Welcher Platz?")
    await user.should_see("Einfachauswahl · Offen · Ergebnis live für alle · 1 Antworten")
    await user.should_see("Markt · Hafen")
    await user.should_see("Ohne Programmpunkt")
    await user.should_see("Wortwolke · Entwurf · Ergebnis live für alle · 0 Antworten")
