"""axe-core (the npm package's engine, as shipped in axe-playwright-python) on every public page,
in German and in English: no violation of impact serious or critical for WCAG 2.1 A and AA."""

from __future__ import annotations

from pathlib import Path

import axe_playwright_python
import pytest
from playwright.sync_api import expect

from features.results.service import gallery
from features.staff.service import create_account
from locales import translate
from models.staff import Role
from tests.support.browser import wait_until_still

AXE = Path(axe_playwright_python.__file__).parent / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PAGES = ["/", "/agenda", "/results", "/results/{result}", "/wall", "/screen", "/login"]
ADMIN_TABS = ["event", "agenda", "results", "accounts", "export", "privacy"]
STAFF_PASSWORD = "barrierefrei-geprueft-7"


def serious_violations(tab) -> list[str]:
    tab.add_script_tag(path=str(AXE))
    result = tab.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_21_AA
    )
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + "; ".join(node["html"][:160] for node in violation["nodes"][:3])
        for violation in result["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("language", ["de", "en"])
def test_public_pages_pass_axe(live_app, new_tab, language) -> None:
    first_result = live_app.call(gallery(live_app.call(_event_id())))[0].id
    tab = new_tab(1366, 900)
    tab.goto(f"{live_app.url}/lang/{language}?next=/")
    found: dict[str, list[str]] = {}
    for path in PAGES:
        tab.goto(live_app.url + path.format(result=first_result))
        tab.wait_for_function("window.socket && window.socket.connected && window.did_handshake")
        wait_until_still(tab)
        if violations := serious_violations(tab):
            found[path] = violations
    # the moderation console and every tab of /admin, signed in as an organiser (who sees every section)
    live_app.call(create_account(f"Prüferin-{language}", STAFF_PASSWORD, Role.ORGANISER))
    tab.goto(f"{live_app.url}/login?next=/moderation")
    tab.locator("input[name=name]").fill(f"Prüferin-{language}")
    tab.locator("input[name=password]").fill(STAFF_PASSWORD)
    tab.locator("button[type=submit]").click()
    tab.wait_for_url("**/moderation")
    tab.wait_for_function("window.socket && window.socket.connected && window.did_handshake")
    wait_until_still(tab)
    if violations := serious_violations(tab):
        found["/moderation"] = violations
    for name in ADMIN_TABS:
        tab.goto(f"{live_app.url}/admin?tab={name}")
        tab.wait_for_function("window.socket && window.socket.connected && window.did_handshake")
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
