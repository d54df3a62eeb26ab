"""The export tab in a real Chromium: the PDF arrives as a download, the progress bar is an
accessible progressbar, and axe finds no serious WCAG 2.1 AA violation, also at 360 px."""

from __future__ import annotations

from features.staff.service import create_account
from models.staff import Role
from tests.support.accessibility import serious_violations
from tests.support.staff import sign_in_tab

PASSWORD = "export-geprueft-42"


def test_the_pdf_report_downloads_in_a_browser(live_app, new_tab) -> None:
    live_app.call(create_account("Orga", PASSWORD, Role.ORGANISER))
    tab = new_tab(360, 800)
    sign_in_tab(tab, live_app.url, "Orga", PASSWORD, "/admin?tab=export")
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
