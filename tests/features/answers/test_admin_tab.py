"""/admin?tab=answers with a simulated browser: an organiser answers from the list, a refusal is
shown at the card and changes nothing, the answer reaches the hall screen's highlight, and
participant markup stays text."""

from __future__ import annotations

import pytest
from nicegui import ui
from nicegui.testing import User

from features.moderation.service import set_highlight
from models.contribution import Contribution, OfficialStatus
from models.event import Event
from models.staff import Role
from tests.support.factories import post
from tests.support.staff import sign_in
from tests.support.user import eventually, marked
from tests.support.xss import XSS_SHORT

pytestmark = pytest.mark.usefixtures("no_sign_in_delay")


async def open_answers_tab(user: User) -> None:
    await sign_in(user, "Orga", Role.ORGANISER)
    await user.open("/admin?tab=answers")
    await user.should_see("Antworten der Stadt")


async def test_an_organiser_answers_from_the_list(user: User) -> None:
    idea = await post(f"Mehr Bäume {XSS_SHORT}")
    await open_answers_tab(user)
    await user.should_see(f"Mehr Bäume {XSS_SHORT}")  # as text
    user.find(marker=f"answer-status-{idea.id}").elements.pop().set_value(OfficialStatus.ADOPTED.value)
    user.find(marker=f"answer-text-{idea.id}").type("Wir pflanzen 40 Bäume.")
    user.find(marker=f"answer-save-{idea.id}").click()
    assert await eventually(lambda: marked(user, f"answer-saved-{idea.id}").text.startswith("Gespeichert"), 5)
    stored = await Contribution.get(id=idea.id)
    assert (stored.official_status, stored.official_text) == (OfficialStatus.ADOPTED, "Wir pflanzen 40 Bäume.")


async def test_a_refusal_shows_at_the_card_and_changes_nothing(user: User) -> None:
    idea = await post("Ein Radweg")
    await open_answers_tab(user)
    user.find(marker=f"answer-status-{idea.id}").elements.pop().set_value(OfficialStatus.NOT_ADOPTED.value)
    user.find(marker=f"answer-save-{idea.id}").click()  # no text: "nicht aufgenommen" needs a reason
    await user.should_see("Bitte schreiben Sie dazu, was die Stadt damit macht")
    assert (await Contribution.get(id=idea.id)).official_status is None


async def test_the_list_shows_open_ones_and_everything_on_request(user: User) -> None:
    answered = await post("Schon beantwortet")
    await post("Wartet noch")
    await Contribution.filter(id=answered.id).update(official_status=OfficialStatus.IN_REVIEW)
    await open_answers_tab(user)
    await user.should_see("Wartet noch")
    await user.should_not_see("Schon beantwortet")
    user.find(marker="answers-open-only").elements.pop().set_value(False)
    await user.should_see("Schon beantwortet")
    await user.should_see("Wartet noch")


async def test_the_hall_screen_shows_the_answer_of_the_highlighted_post(user: User) -> None:
    event = await Event.first()
    idea = await post("Ein Trinkbrunnen am Markt")
    await Contribution.filter(id=idea.id).update(
        official_status=OfficialStatus.ALREADY_DONE, official_text="Steht seit Juni."
    )
    await set_highlight(event.id, idea.id)
    await user.open("/screen")
    await user.should_see("Antwort der Stadt: Bereits umgesetzt. Steht seit Juni.")
    assert marked(user, "screen-highlight-official").visible
    assert any(isinstance(element, ui.label) for element in user.find(marker="screen-highlight-official").elements)
