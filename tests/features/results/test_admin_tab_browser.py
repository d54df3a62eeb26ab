"""The results tab in real Chromium: an organiser picks a picture with the keyboard, it is uploaded
and stored with its alt text; a file over the limit is refused by the browser with a message."""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from core import media
from features.staff.service import create_account
from models.result import Result, ResultImage
from models.staff import Role
from tests.support.accessibility import AXE, WCAG_21_AA, serious_violations
from tests.support.browser import connected, wait_until_still
from tests.support.staff import PASSWORD


def sign_in_to_results(tab, url: str, name: str) -> None:
    tab.goto(f"{url}/admin")
    tab.get_by_role("button", name="Anmelden").wait_for()
    tab.get_by_label("Name").fill(name)
    tab.get_by_label("Passwort").fill(PASSWORD)
    tab.get_by_role("button", name="Anmelden").click()
    tab.get_by_text(f"Angemeldet als {name}").wait_for()
    connected(tab)
    tab.get_by_role("tab", name="Ergebnisse").click()


async def first_result() -> Result:
    return await Result.filter(topic__name="Mobilität").order_by("position", "id").first()


async def alts(result_id: int) -> list[str]:
    return list(await ResultImage.filter(result_id=result_id).order_by("position", "id").values_list("alt", flat=True))


def test_a_picture_is_chosen_with_the_keyboard_and_stored_with_its_alt_text(live_app, page, tmp_path: Path) -> None:
    live_app.call(create_account("Orga", PASSWORD, Role.ORGANISER))
    result = live_app.call(first_result())
    before = live_app.call(alts(result.id))
    photo = tmp_path / "foto.jpg"
    Image.new("RGB", (1200, 800), "purple").save(photo, "JPEG")
    sign_in_to_results(page, live_app.url, "Orga")
    page.get_by_role("button", name=f"Bilder von „{result.title}“ verwalten").click()
    dialog = page.get_by_role("dialog")
    # the dialog takes the focus once it is open (Quasar): only then does the keyboard walk start
    page.wait_for_function("document.activeElement && document.activeElement.closest('.q-dialog')")
    dialog.get_by_label("Alternativtext des neuen Bildes").fill("Ein lila Platz")
    page.keyboard.press("Tab")  # the next stop after the alt text is its optional English version,
    assert dialog.get_by_label("Auf Englisch (freiwillig)").evaluate("input => document.activeElement === input")
    page.keyboard.press("Tab")  # and the one after that picks the file
    pick = dialog.get_by_label("Bilddatei")
    assert pick.evaluate("input => document.activeElement === input && input.type === 'file'")
    chooser = open_chooser_by_keyboard(page, pick)
    chooser.set_files(str(photo))
    page.get_by_text("Das Bild ist gespeichert.").first.wait_for(timeout=10_000)
    assert live_app.call(alts(result.id)) == [*before, "Ein lila Platz"]
    dialog.get_by_role("img", name="Ein lila Platz").wait_for()

    big = tmp_path / "riesig.jpg"
    big.write_bytes(b"\xff\xd8\xff" + bytes(media.MAX_UPLOAD_BYTES))  # 3 bytes over the limit
    dialog.get_by_label("Alternativtext des neuen Bildes").fill("Zu groß")
    with page.expect_file_chooser() as chooser:
        pick.click()
    chooser.value.set_files(str(big))
    dialog.get_by_role("alert").filter(has_text="Diese Datei wurde nicht angenommen").wait_for(timeout=5000)
    assert live_app.call(alts(result.id)) == [*before, "Ein lila Platz"]


def open_chooser_by_keyboard(tab, pick):
    """Space on the focused file input, as a keyboard user opens the picker. Headless Chromium now
    and then drops that first activation (it ran green on SQLite and timed out once on PostgreSQL
    in CI): press again, still by keyboard, while the input keeps the focus."""
    for _ in range(3):
        assert pick.evaluate("input => document.activeElement === input")
        try:
            with tab.expect_file_chooser(timeout=5000) as chooser:
                tab.keyboard.press("Space")
            return chooser.value
        except PlaywrightTimeoutError:
            continue
    raise AssertionError("Space on the focused file input opened no file chooser")


def violations_in_dialog(tab) -> list[str]:
    """axe on the open dialog only: behind its backdrop the page is dimmed on purpose.

    Without color-contrast: inside a Quasar dialog axe measures every button against the backdrop
    (#999999), even "Speichern" whose own background is opaque blue-10 under white text; the
    same buttons pass on the page itself (the tab check above), and the colours are the same.
    """
    tab.add_script_tag(path=str(AXE))
    result = tab.evaluate(
        "async (tags) => await axe.run('.q-dialog', {runOnly: {type: 'tag', values: tags},"
        " rules: {'color-contrast': {enabled: false}}})", WCAG_21_AA
    )
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + "; ".join(node["html"][:160] for node in violation["nodes"][:3])
        for violation in result["violations"] if violation["impact"] in ("serious", "critical")
    ]


def test_the_results_tab_and_its_dialogs_pass_axe_also_at_360_px(live_app, new_tab) -> None:
    live_app.call(create_account("Orga", PASSWORD, Role.ORGANISER))
    result = live_app.call(first_result())
    found: dict[str, list[str]] = {}
    for width in (1280, 360):
        # tall, so the whole dialog is on screen: axe measures what scrolled out of a dialog against
        # the backdrop, not the dialog's white card
        tab = new_tab(width, 2000)
        sign_in_to_results(tab, live_app.url, "Orga")
        tab.get_by_role("button", name="Thema anlegen").wait_for()
        wait_until_still(tab)
        found[f"{width} tab"] = serious_violations(tab)
        assert tab.evaluate("document.documentElement.scrollWidth") <= width  # nothing sticks out sideways
        dialogs = (("Bilder von „{}“ verwalten", "Bilder von", "Schließen"),
                   ("„{}“ bearbeiten", "Ergebnis bearbeiten", "Abbrechen"))
        for opener, title, close in dialogs:
            tab.get_by_role("button", name=opener.format(result.title)).click()
            tab.get_by_role("dialog").get_by_text(title).first.wait_for()
            wait_until_still(tab)
            found[f"{width} {title}"] = violations_in_dialog(tab)
            tab.get_by_role("dialog").get_by_role("button", name=close).click()
            tab.get_by_role("dialog").wait_for(state="detached")
    found = {key: value for key, value in found.items() if value}
    assert found == {}, "\n".join(f"{key}: {violation}" for key, items in found.items() for violation in items)
