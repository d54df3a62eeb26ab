"""/admin?tab=export with a simulated browser: a click downloads the file, progress is shown with
the buttons disabled meanwhile, participant markup stays text, and a lost role stops the export."""

from __future__ import annotations

import asyncio
import io
import json

import pytest
from nicegui import ui
from nicegui.testing import User
from pypdf import PdfReader

from features.contributions.service import post_contribution
from features.exports import admin_tab as admin_export
from models.event import Event
from models.moderation import ModerationLogEntry
from models.staff import Role, StaffAccount
from tests.support.staff import sign_in
from tests.support.user import eventually, marked
from tests.support.xss import XSS_CORPUS

pytestmark = pytest.mark.usefixtures("no_sign_in_delay")


async def open_export_tab(user: User) -> Event:
    await sign_in(user, "Orga", Role.ORGANISER)
    await user.open("/admin?tab=export")
    await user.should_see("Export für die Dokumentation")
    assert next(iter(user.find(ui.tab_panels).elements)).value == "export"  # the tab the address names is open
    return await Event.first()


async def test_csv_click_downloads_the_file_and_markup_stays_text(user: User) -> None:
    event = await Event.first()
    for number, text in enumerate(XSS_CORPUS):
        await post_contribution(event.id, f"xss-browser-{number}", text, nickname=f"xss{number}")
    await open_export_tab(user)
    user.find(marker="export-csv").click()
    response = await user.download.next(timeout=10)
    content = response.content
    assert content.startswith(b"\xef\xbb\xbf") and content.decode("utf-8-sig").startswith("Nr.;Erstellt;Art;")
    decoded = content.decode("utf-8-sig")
    for text in XSS_CORPUS:
        assert text.replace('"', '""') in decoded  # csv doubles quotes inside a quoted cell
    assert b"xss-browser-" not in content  # browser ids never leave the app
    assert await eventually(lambda: "Fertig:" in marked(user, "export-status").text, 2)
    assert all(button.enabled for button in user.find(ui.button).elements if button.text.startswith(("CSV", "JSON")))
    entry = await ModerationLogEntry.get(action="export")
    assert entry.staff_name == "Orga" and entry.detail.startswith("csv (admin")


async def test_json_and_pdf_downloads(user: User) -> None:
    event = await open_export_tab(user)
    await post_contribution(event.id, "pdf-browser", "Grüße aus der Nordstadt – „mehr Grün“", nickname="Änne")
    user.find(marker="export-json").click()
    document = json.loads((await user.download.next(timeout=10)).content)
    assert document["event"]["title"] == event.title
    assert any(item["text"] == "Grüße aus der Nordstadt – „mehr Grün“" for item in document["contributions"])
    user.find(marker="export-pdf").click()
    pdf = (await user.download.next(timeout=30)).content
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())
    assert "Dokumentation der Beteiligung" in text and "Grüße aus der Nordstadt – „mehr Grün“" in text


async def test_progress_is_shown_and_the_buttons_wait(user: User, monkeypatch) -> None:
    release = asyncio.Event()
    real_export = admin_export.export_event

    async def slow_export(staff, event_id, fmt, *, language, progress):
        progress(0.3, "collect")
        await release.wait()
        return await real_export(staff, event_id, fmt, language=language, progress=progress)

    monkeypatch.setattr(admin_export, "export_event", slow_export)
    await open_export_tab(user)
    bar = marked(user, "export-progress")
    assert not bar.visible and bar.props["aria-label"] == "Fortschritt des Exports"
    user.find(marker="export-json").click()
    assert await eventually(lambda: bar.visible and bar.value == 0.3)
    assert bar.props["aria-valuetext"] == "30 %"
    assert marked(user, "export-status").text == "Beiträge werden gelesen … (30 %)"
    assert marked(user, "export-status").props["role"] == "status"
    assert not any(marked(user, f"export-{fmt}").enabled for fmt in ("csv", "json", "pdf"))
    release.set()
    await user.download.next(timeout=10)
    assert await eventually(lambda: all(marked(user, f"export-{fmt}").enabled for fmt in ("csv", "json", "pdf")))
    assert bar.value == 1.0 and bar.props["aria-valuetext"] == "100 %"


async def test_an_organiser_who_lost_the_role_gets_a_clear_message_and_no_file(user: User) -> None:
    await open_export_tab(user)
    await StaffAccount.filter(name="Orga").update(role=Role.MODERATOR)
    user.find(marker="export-csv").click()
    await user.should_see("Dafür fehlt Ihnen die Berechtigung.")
    error = marked(user, "export-error")
    assert error.visible and error.props["role"] == "alert"
    await asyncio.sleep(0.2)
    assert user.download.http_responses == []
    assert not await ModerationLogEntry.exists(action="export")
    assert marked(user, "export-csv").enabled


async def test_english_interface_gives_english_headers(user: User) -> None:
    await sign_in(user, "Orga", Role.ORGANISER)
    await user.open("/lang/en?next=/admin?tab=export")
    await user.open("/admin?tab=export")
    await user.should_see("Export for the record")
    user.find(marker="export-csv").click()
    content = (await user.download.next(timeout=10)).content
    assert content.decode("utf-8-sig").startswith("No.;Created;Kind;Status;")
