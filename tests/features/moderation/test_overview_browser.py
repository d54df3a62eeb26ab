"""The console's overview in real Chromium on a 1024×768 tablet: the support count on a card, the
sort control reordering the list, the posts-per-minute chart drawn beside its table, axe clean."""

from __future__ import annotations

import pytest

from features.agenda.service import current_event
from features.contributions.service import post_contribution
from features.staff.service import create_account
from models.contribution import Contribution
from models.staff import Role
from tests.support.accessibility import serious_violations
from tests.support.browser import connected, wait_until_still
from tests.support.staff import PASSWORD, sign_in_tab

pytestmark = pytest.mark.browser


async def _supported(event_id: int) -> tuple[int, int]:
    little = await post_contribution(event_id, "browser-a", "Kaum gewollt")
    wanted = await post_contribution(event_id, "browser-b", "Sehr gewollt")
    await Contribution.filter(id=little.id).update(vote_count=1)
    await Contribution.filter(id=wanted.id).update(vote_count=0)
    newest = await post_contribution(event_id, "browser-c", "Am meisten gewollt")
    await Contribution.filter(id=newest.id).update(vote_count=0)
    await Contribution.filter(id=wanted.id).update(vote_count=42)
    return little.id, wanted.id


def test_overview_on_a_tablet(live_app, new_tab) -> None:
    event = live_app.call(current_event())
    _little, wanted = live_app.call(_supported(event.id))
    live_app.call(create_account("Tabea", PASSWORD, Role.ORGANISER))
    tab = new_tab(1024, 768)
    sign_in_tab(tab, live_app.url, "Tabea")
    connected(tab)
    published = tab.locator("[data-id]", has_text="Sehr gewollt")
    published.get_by_text("Unterstützt von 42").wait_for()
    tab.get_by_role("combobox", name="Sortieren").click()
    tab.get_by_role("option", name="Meiste Unterstützung").click()
    first = tab.locator("section[aria-labelledby=published-heading] li[data-id]").first
    first.get_by_text("Sehr gewollt").wait_for()
    assert first.get_attribute("data-id") == str(wanted)
    tab.locator("section[aria-labelledby=activity-heading] canvas").first.wait_for()
    tab.get_by_text("Die Zahlen als Tabelle").click()
    assert tab.locator("section[aria-labelledby=activity-heading] tbody tr").count() == 10
    wait_until_still(tab)
    assert serious_violations(tab) == []
