"""axe-core (the npm package's engine, as shipped in axe-playwright-python) on every page, in
German and in English, on a phone (390 px) and a laptop (1366 px): no violation of WCAG 2.2 A and
AA nor of axe's best-practice rules (tests/support/accessibility.py)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from features.results.service import gallery
from features.staff.service import create_account
from locales import translate
from models.staff import Role
from tests.support.accessibility import serious_violations
from tests.support.browser import connected, wait_until_still
from tests.support.staff import sign_in_tab

PAGES = [
    "/", "/agenda", "/results", "/results/{result}", "/wall", "/screen", "/login",
    "/meine-beitraege", "/folgen/{token}", "/gibt-es-nicht",
]
ADMIN_TABS = ["event", "agenda", "results", "polls", "answers", "accounts", "export", "privacy", "ready"]
STAFF_PASSWORD = "barrierefrei-geprueft-7"


@pytest.mark.parametrize("width", [390, 1366])
@pytest.mark.parametrize("language", ["de", "en"])
def test_public_pages_pass_axe(live_app, new_tab, language, width) -> None:
    first_result = live_app.call(gallery(live_app.call(_event_id())))[0].id
    token = live_app.call(_follow_token(f"axe-{language}-{width}"))
    tab = new_tab(width, 900)
    tab.goto(f"{live_app.url}/lang/{language}?next=/")
    found: dict[str, list[str]] = {}
    for path in PAGES:
        tab.goto(live_app.url + path.format(result=first_result, token=token))
        connected(tab)
        wait_until_still(tab)
        if violations := serious_violations(tab):
            found[path] = violations
    # the moderation console and every tab of /admin, signed in as an organiser (who sees every section)
    name = f"Prüferin-{language}-{width}"
    live_app.call(create_account(name, STAFF_PASSWORD, Role.ORGANISER))
    sign_in_tab(tab, live_app.url, name, STAFF_PASSWORD, "/moderation")
    wait_until_still(tab)
    if violations := serious_violations(tab):
        found["/moderation"] = violations
    tab.goto(f"{live_app.url}/account")
    connected(tab)
    wait_until_still(tab)
    if violations := serious_violations(tab):
        found["/account"] = violations
    for name in ADMIN_TABS:
        tab.goto(f"{live_app.url}/admin?tab={name}")
        connected(tab)
        expect(tab.get_by_role("tab", selected=True)).to_have_text(translate(language, f"admin.tab.{name}"))
        wait_until_still(tab)
        if violations := serious_violations(tab):
            found[f"/admin?tab={name}"] = violations
    assert found == {}, "\n".join(f"{path}: {violation}" for path, items in found.items() for violation in items)


async def _event_id() -> int:
    from features.agenda.service import current_event

    event = await current_event()
    assert event is not None
    return event.id


async def _follow_token(author: str) -> str:
    """A private follow link of a browser that wrote one post (features/follow)."""
    from features.contributions.service import post_contribution
    from features.follow.service import make_link

    event_id = await _event_id()
    await post_contribution(event_id, author, "Ein Beitrag, dem jemand folgt")
    return await make_link(author)
