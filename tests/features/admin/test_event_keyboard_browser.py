"""/admin's event and programme tabs in real Chromium, by keyboard only: move an item down and
keep the focus on it, delete after a confirmation (Escape cancels), save the event form, and
markup typed into it shows as text on / without running anything; axe finds nothing serious."""

from __future__ import annotations

from features.agenda.service import current_event, load_programme
from features.staff.service import create_account
from models.staff import Role
from tests.support.accessibility import AXE, WCAG_21_AA
from tests.support.browser import connected
from tests.support.staff import PASSWORD
from tests.support.xss import XSS_SHORT


def serious_violations(tab, skip: tuple[str, ...] | list[str] = ()) -> list[str]:
    """As tests.support.accessibility.serious_violations, with rules to leave out."""
    tab.add_script_tag(path=str(AXE))
    result = tab.evaluate(
        # Quasar's loading bar flashes while a request runs (axe's own script): not the page's
        "async ([tags, skip]) => await axe.run({exclude: [['.q-loading-bar']]}, {runOnly: {type: 'tag', values: tags},"
        " rules: Object.fromEntries(skip.map(rule => [rule, {enabled: false}]))})",
        [WCAG_21_AA, list(skip)],
    )
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + "; ".join(node["html"][:160] for node in violation["nodes"][:3])
        for violation in result["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


def sign_in_as_organiser(tab, url: str, next_path: str) -> None:
    tab.goto(f"{url}/login?next={next_path}")
    tab.get_by_label("Name").fill("Olga")
    tab.get_by_label("Passwort").fill(PASSWORD)
    tab.get_by_label("Passwort").press("Enter")
    tab.get_by_text("Angemeldet als Olga").wait_for()
    connected(tab)


def test_programme_by_keyboard_move_and_delete_with_confirmation(live_app, page) -> None:
    live_app.call(create_account("Olga", PASSWORD, Role.ORGANISER))
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    sign_in_as_organiser(page, live_app.url, "/admin?tab=agenda")
    programme = live_app.call(load_programme())
    first, second, last = programme.items[0], programme.items[1], programme.items[-1]

    down = page.get_by_role("button", name=f"Nach unten: „{first.title}“")
    down.focus()
    page.keyboard.press("Enter")
    # The focus was on that button before Enter too, so wait for the list drawn anew with the item
    # second and the focus on its new button: a button focused before the list is drawn anew would
    # be detached, and the next Enter would go nowhere.
    page.wait_for_function(
        """label => {
            const focused = document.activeElement;
            const row = focused && focused.closest('li');
            return !!row && focused.getAttribute('aria-label') === label && row.parentElement.children[1] === row;
        }""",
        arg=f"Nach unten: „{first.title}“",
    )
    assert [item.id for item in live_app.call(load_programme()).items][:2] == [second.id, first.id]

    page.get_by_role("button", name=f"Löschen: „{last.title}“").focus()
    page.keyboard.press("Enter")
    question = page.get_by_text(f"„{last.title}“ aus dem Programm löschen?")
    question.wait_for()
    page.keyboard.press("Escape")
    question.wait_for(state="hidden")
    assert last.id in [item.id for item in live_app.call(load_programme()).items]

    page.get_by_role("button", name=f"Löschen: „{last.title}“").focus()
    page.keyboard.press("Enter")
    question.wait_for()
    page.get_by_role("button", name="Ja, löschen").focus()
    page.keyboard.press("Enter")
    page.get_by_role("button", name=f"Löschen: „{last.title}“").wait_for(state="detached")
    assert last.id not in [item.id for item in live_app.call(load_programme()).items]
    # the deleted item's buttons are gone: the focus moves to "Programmpunkt hinzufügen"
    page.wait_for_function(
        "document.activeElement && document.activeElement.textContent.trim().endsWith('Programmpunkt hinzufügen')"
    )
    assert dialogs == []


def test_event_form_by_keyboard_and_markup_stays_text(live_app, page) -> None:
    live_app.call(create_account("Olga", PASSWORD, Role.ORGANISER))
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    sign_in_as_organiser(page, live_app.url, "/admin")
    title = page.get_by_label("Titel", exact=True).first
    title.fill("")
    title.press("Tab")
    page.get_by_role("button", name="Veranstaltung speichern").focus()
    page.keyboard.press("Enter")
    page.get_by_role("alert").filter(has_text="Bitte geben Sie einen Titel an.").wait_for()  # under the field
    page.wait_for_function("document.activeElement && document.activeElement.getAttribute('aria-invalid') === 'true'")
    title.fill(f"Konferenz {XSS_SHORT}")
    page.get_by_role("button", name="Veranstaltung speichern").focus()
    page.keyboard.press("Enter")
    page.get_by_text("Die Veranstaltung ist gespeichert.").wait_for()
    assert live_app.call(current_event()).title == f"Konferenz {XSS_SHORT}"

    page.goto(live_app.url + "/")
    page.get_by_role("heading", name=f"Konferenz {XSS_SHORT}").wait_for()
    assert page.locator("main img").count() == 0
    assert dialogs == []


def test_event_and_programme_tabs_pass_axe(live_app, page) -> None:
    live_app.call(create_account("Olga", PASSWORD, Role.ORGANISER))
    sign_in_as_organiser(page, live_app.url, "/admin")
    found: dict[str, list[str]] = {}
    page.get_by_role("button", name="Veranstaltung speichern").wait_for()
    page.get_by_label("Titel", exact=True).first.fill("")
    page.get_by_role("button", name="Veranstaltung speichern").click()
    page.get_by_role("alert").filter(has_text="Bitte geben Sie einen Titel an.").wait_for()
    found["event tab with an error"] = serious_violations(page)
    page.goto(f"{live_app.url}/admin?tab=agenda")
    connected(page)
    page.get_by_role("button", name="Programmpunkt hinzufügen").wait_for()
    found["programme tab"] = serious_violations(page)
    page.get_by_role("button", name="Programmpunkt hinzufügen").click()
    page.get_by_text("Neuer Programmpunkt").wait_for()
    # axe measures colours in a Quasar dialog against its backdrop (a false 3:1 for the white
    # card's blue buttons), so colours there are the card's and the page's, checked above
    found["item dialog"] = serious_violations(page, skip=["color-contrast"])
    assert {name: items for name, items in found.items() if items} == {}
