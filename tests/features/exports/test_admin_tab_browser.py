"""The export tab in a real Chromium: the PDF arrives as a download, the progress bar is an
accessible progressbar, and axe finds no serious WCAG 2.1 AA violation, also at 360 px."""

from __future__ import annotations

from features.staff.service import create_account
from models.staff import Role
from tests.site.test_accessibility_browser import serious_violations

PASSWORD = "export-geprueft-42"


def test_the_pdf_report_downloads_in_a_browser(live_app, new_tab) -> None:
    live_app.call(create_account("Orga", PASSWORD, Role.ORGANISER))
    tab = new_tab(360, 800)
    tab.goto(f"{live_app.url}/login?next=/admin?tab=export")
    tab.locator("input[name=name]").fill("Orga")
    tab.locator("input[name=password]").fill(PASSWORD)
    tab.locator("button[type=submit]").click()
    tab.wait_for_url("**/admin?tab=export")
    tab.wait_for_function("window.socket && window.socket.connected && window.did_handshake")
    button = tab.get_by_role("button", name="PDF-Bericht")
    button.wait_for()
    assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth")  # nothing sideways at 360 px
    with tab.expect_download(timeout=60_000) as download:
        button.click()
    assert download.value.suggested_filename.endswith(".pdf")
    with open(download.value.path(), "rb") as report:
        assert report.read(5) == b"%PDF-"
    bar = tab.get_by_role("progressbar", name="Fortschritt des Exports")
    assert bar.get_attribute("aria-valuenow") == "1" and bar.get_attribute("aria-valuetext") == "100 %"
    status = tab.locator("[role=status]", has_text="Fertig:")
    status.wait_for()
    assert serious_violations(tab) == []
