"""The one staff gate, through every UI that acts as a staff member (simulated browsers).

Each page is opened by a signed-in organiser; then the session ends (or the role is taken away)
while the tab stays open, and one action is tried. The same rules must hold everywhere: an
ended session leads to the sign-in page, which leads back to the tab and says why; a refusal is
shown with the catalogue text; and in both cases nothing in the database changes.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from nicegui import ui
from nicegui.testing import User

from features.agenda.service import load_programme
from features.contributions.service import post_contribution
from models.contribution import Contribution
from models.event import Event
from models.moderation import ModerationLogEntry
from models.staff import Role, StaffAccount, StaffSession
from tests.support.staff import PASSWORD, sign_in, snapshot
from tests.support.user import eventually

pytestmark = pytest.mark.usefixtures("no_sign_in_delay")

FORBIDDEN = "Dafür fehlt Ihnen die Berechtigung."
EXPIRED = "Bitte melden Sie sich an. Ihre Sitzung ist abgelaufen"


def element(user: User, marker: str) -> ui.element:
    return next(item for item in user.client.elements.values() if marker in item._markers)


def fill(user: User, values: dict[str, str]) -> None:
    with user:
        for marker, value in values.items():
            element(user, marker).value = value


NEW_PASSWORD = "ganz-neues-passwort"


@dataclass(frozen=True)
class StaffUI:
    """One UI that acts as staff: the page, what is typed, the button, and where a refusal shows."""

    path: str  # the page opened, and where the sign-in leads back to
    fields: dict[str, str]  # typed in before the click
    button: str  # its marker; "{item}" stands for the id of the programme's second item
    refusal_marker: str | None  # where a refusal is shown; None: as a notification

    def __str__(self) -> str:
        return self.path

    async def act(self, user: User) -> None:
        """One action that needs an organiser (or, on /account, any staff member)."""
        fill(user, self.fields)
        marker = self.button
        if "{item}" in marker:
            programme = await load_programme()
            assert programme is not None and len(programme.items) > 1
            marker = marker.format(item=programme.items[1].id)
        user.find(marker=marker).click()  # the handler runs as a task of its own: callers wait for its effect


ORGANISER_UIS = [
    StaffUI("/admin?tab=event", {"edit-title": "Gekapert"}, "event-save", "event-error"),
    StaffUI("/admin?tab=agenda", {}, "agenda-up-{item}", None),
    StaffUI("/admin?tab=results", {"new-topic-name": "Heimlich"}, "create-topic", "admin-results-alert"),
    StaffUI("/admin?tab=accounts", {"account-name": "Eindringling"}, "account-create", "account-error"),
    StaffUI("/admin?tab=export", {}, "export-csv", "export-error"),
    StaffUI("/admin?tab=privacy", {"retention-date": "2099-12-31"}, "retention-save", "retention-message"),
    StaffUI("/moderation", {"blocked-words": "baustelle"}, "blocked-words-save", None),
]
OWN_PASSWORD = {"account-current": PASSWORD, "account-new": NEW_PASSWORD, "account-repeat": NEW_PASSWORD}
EVERY_UI = [*ORGANISER_UIS, StaffUI("/account", OWN_PASSWORD, "account-submit", "account-alert")]


async def open_as_organiser(user: User, ui_: StaffUI) -> tuple:
    """The page open for Orga, and what the database holds before the action."""
    await sign_in(user, "Orga", Role.ORGANISER)
    event = await Event.first()
    post = await post_contribution(event.id, "gate-test", "Bitte unverändert lassen")
    await user.open(ui_.path)
    logged = await ModerationLogEntry.all().count()
    return event, post, await snapshot(event, post), logged


async def unchanged(event: Event, post: Contribution, before: tuple, logged: int) -> bool:
    return await snapshot(event, post) == before and await ModerationLogEntry.all().count() == logged


@pytest.mark.parametrize("staff_ui", EVERY_UI, ids=str)
async def test_an_ended_session_leads_to_the_sign_in_and_changes_nothing(user: User, staff_ui: StaffUI) -> None:
    event, post, before, logged = await open_as_organiser(user, staff_ui)
    await StaffSession.all().delete()  # expired or signed out elsewhere, while the tab stays open
    await staff_ui.act(user)
    expected = f"/login?next={staff_ui.path}&error=expired"
    assert await eventually(lambda: user.back_history[-1] == expected), user.back_history
    await user.should_see(EXPIRED)
    assert await unchanged(event, post, before, logged)
    assert user.download.http_responses == []


@pytest.mark.parametrize("staff_ui", ORGANISER_UIS, ids=str)
async def test_a_moderator_is_refused_an_organiser_action_and_sees_why(user: User, staff_ui: StaffUI) -> None:
    event, post, _, logged = await open_as_organiser(user, staff_ui)
    await StaffAccount.filter(name="Orga").update(role=Role.MODERATOR)  # the page is still open
    before = await snapshot(event, post)
    await staff_ui.act(user)
    if staff_ui.refusal_marker is None:
        assert await eventually(lambda: FORBIDDEN in user.notify.messages), user.notify.messages
    else:
        shown = element(user, staff_ui.refusal_marker)
        assert await eventually(lambda: FORBIDDEN in shown.text and shown.visible), shown.text
        assert shown.props["role"] == "alert"
        assert FORBIDDEN not in user.notify.messages  # shown once, where the form is
    assert user.back_history[-1] == staff_ui.path  # still on the page: a refusal is no sign-out
    assert await unchanged(event, post, before, logged)
    assert user.download.http_responses == []
