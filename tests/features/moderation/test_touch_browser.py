"""The console on a 1024×768 tablet in real Chromium (issue 15): every visible control of the
console is at least 44×44 CSS px, and no destructive action (Ausblenden, Ablehnen, Löschen) is
within 16 px of a frequent one (Freigeben, Auf die Leinwand) in the same card or row.

Generic on purpose: it measures whatever buttons, fields, toggles, tabs, links and summaries the
console has (as an organiser, who sees all of it: stage, modes, lists, the undo notice, polls,
blocked words, the log's pagination), so a control added later is measured too.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from core.clock import utcnow
from features.agenda.service import current_event
from features.contributions.service import post_contribution
from features.staff.service import create_account
from models.contribution import Contribution
from models.event import Event, ModerationMode
from models.staff import Role
from tests.support.accessibility import serious_violations
from tests.support.browser import wait_until_still
from tests.support.staff import PASSWORD, sign_in_tab

pytestmark = pytest.mark.browser

MINIMUM = 44
APART = 16
DESTRUCTIVE = ["Ausblenden", "Ablehnen", "Löschen", "Aus der Wolke entfernen"]
FREQUENT = ["Freigeben", "Auf die Leinwand", "Von der Leinwand", "Alle freigeben", "Ausgewählte freigeben"]

# Every control a finger may have to hit, inside the page's main and the undo notices; a native
# input inside a Quasar field (or a label around a checkbox) is hit through that wrapper, which
# is what is measured. Controls that are not rendered (no box) are skipped.
CONTROLS = """(within) => {
  const SELECTOR = 'button, select, input:not([type=hidden]), textarea, summary, a[href], [role=button], '
    + '[role=tab], [role=checkbox], [role=switch], [role=radio], [role=combobox], [tabindex]:not([tabindex="-1"])';
  const seen = new Set();
  const found = [];
  for (const element of document.querySelectorAll(SELECTOR)) {
    if (!element.closest(within)) continue;
    const target = element.closest('label, .q-field, .q-checkbox, .q-toggle, .q-radio, .q-btn') || element;
    if (seen.has(target)) continue;
    seen.add(target);
    const box = target.getBoundingClientRect();
    const style = getComputedStyle(target);
    const hidden = style.visibility === 'hidden' || target.closest('[aria-hidden=true]');
    if (box.width === 0 || box.height === 0 || hidden) continue;
    const name = (target.getAttribute('aria-label') || target.innerText || target.outerHTML).trim().slice(0, 60);
    found.push({name, width: box.width, height: box.height, tag: target.tagName.toLowerCase()});
  }
  return found;
}"""

# Destructive and frequent buttons that share a card (li) or, outside cards, a row of controls:
# their distance (0 when they touch), with their names.
GAPS = """([destructive, frequent]) => {
  const named = (element, names) => names.includes((element.innerText || '').trim());
  const buttons = [...document.querySelectorAll('#main button, #main [role=button]')]
    .filter((element) => element.getBoundingClientRect().width > 0);
  const pairs = [];
  for (const danger of buttons.filter((element) => named(element, destructive))) {
    const group = danger.closest('li') || danger.parentElement.closest('div');
    for (const other of buttons.filter((element) => named(element, frequent) && group.contains(element))) {
      const a = danger.getBoundingClientRect(), b = other.getBoundingClientRect();
      const dx = Math.max(0, Math.max(a.left, b.left) - Math.min(a.right, b.right));
      const dy = Math.max(0, Math.max(a.top, b.top) - Math.min(a.bottom, b.bottom));
      const after = other.compareDocumentPosition(danger) & Node.DOCUMENT_POSITION_FOLLOWING;
      pairs.push({danger: danger.innerText.trim(), other: other.innerText.trim(), gap: Math.hypot(dx, dy),
                  last: Boolean(after)});
    }
  }
  return pairs;
}"""


async def _set_the_scene(event_id: int) -> None:
    """Published posts, one hidden, and two waiting (one since three days): every list has cards."""
    for number in range(3):
        await post_contribution(event_id, f"touch-{number}", f"Veröffentlicht {number}")
    hidden = await post_contribution(event_id, "touch-hidden", "Schon ausgeblendet")
    await Contribution.filter(id=hidden.id).update(status="hidden")
    await Event.filter(id=event_id).update(moderation_mode=ModerationMode.PRE)
    old = await post_contribution(event_id, "touch-old", "Wartet schon lange")
    await Contribution.filter(id=old.id).update(created_at=utcnow() - timedelta(days=3))
    await post_contribution(event_id, "touch-new", "Wartet erst kurz")


def test_every_console_control_is_big_enough_and_destructive_ones_stand_apart(live_app, new_tab) -> None:
    event = live_app.call(current_event())
    live_app.call(create_account("Olaf", PASSWORD, Role.ORGANISER))
    live_app.call(_set_the_scene(event.id))
    tab = new_tab(1024, 768)
    sign_in_tab(tab, live_app.url, "Olaf")
    tab.locator("li.sg-mod-card", has_text="Wartet schon lange").wait_for()
    assert tab.locator("li.sg-mod-card", has_text="Wartet schon lange").get_by_text("wartet seit 3 Tagen").count() == 1
    tab.get_by_text("2 Beiträge warten seit 3 Tagen").wait_for()
    tab.get_by_text("Ausgeblendet und abgelehnt").click()  # open the folded list of what is off the wall
    tab.locator("li.sg-mod-card", has_text="Schon ausgeblendet").get_by_role("button").first.wait_for()
    tab.locator("li.sg-mod-card", has_text="Veröffentlicht 0").get_by_role("button", name="Ausblenden").click()
    tab.get_by_role("button", name="Rückgängig").wait_for()  # the notice is measured too
    wait_until_still(tab)

    controls = tab.evaluate(CONTROLS, "#main, .sg-undo-region")
    assert len(controls) > 30, controls  # the console was there (lists, stage, polls, log)
    assert too_small(controls) == [], "\n".join(too_small(controls))
    assert serious_violations(tab) == []  # with the badge and the undo notice showing

    pairs = tab.evaluate(GAPS, [DESTRUCTIVE, FREQUENT])
    assert {pair["danger"] for pair in pairs} >= {"Ausblenden", "Ablehnen"}, pairs  # both kinds of card measured
    close = [f"{pair['danger']} – {pair['other']}: {pair['gap']:.0f} px" for pair in pairs if pair["gap"] < APART]
    assert close == [], "\n".join(close)
    assert all(pair["last"] for pair in pairs), pairs  # destructive after the frequent actions

    tab.get_by_role("button", name="Neue Umfrage").click()  # a dialog: Quasar puts it outside the main
    dialog = tab.locator(".q-dialog")
    dialog.get_by_role("button", name="Umfrage speichern").wait_for()
    wait_until_still(tab)
    in_dialog = tab.evaluate(CONTROLS, ".q-dialog")
    assert len(in_dialog) > 5, in_dialog
    assert too_small(in_dialog) == [], "\n".join(too_small(in_dialog))


def too_small(controls: list[dict]) -> list[str]:
    return [
        f"{item['tag']} “{item['name']}”: {item['width']:.0f}×{item['height']:.0f}"
        for item in controls
        if item["width"] < MINIMUM - 0.5 or item["height"] < MINIMUM - 0.5
    ]
