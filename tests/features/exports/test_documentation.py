"""Publishing the documentation: the service, the export tab's buttons, and /dokumentation.pdf
before publishing, while published and after withdrawing."""

from __future__ import annotations

import asyncio
import io
from datetime import UTC, datetime

import pytest
from nicegui.testing import User
from pypdf import PdfReader

from core.clock import frozen_at
from core.errors import NotFound, ServiceError
from features.contributions.service import post_contribution
from features.exports import admin_tab
from features.exports.documentation import (
    documentation_path,
    publish_documentation,
    published_documentation,
    withdraw_documentation,
)
from models.event import Event
from models.moderation import ModerationLogEntry
from models.staff import Role, StaffAccount
from tests.support.factories import open_event, organiser
from tests.support.staff import sign_in
from tests.support.user import eventually, marked

pytestmark = pytest.mark.usefixtures("no_sign_in_delay")
MOMENT = datetime(2026, 10, 1, 9, 30, tzinfo=UTC)


async def test_publishing_stores_the_german_report_and_withdrawing_removes_it(db) -> None:
    event, _ = await open_event()
    event.title = "Stadtgespräch Hörde"
    await event.save()
    await post_contribution(event.id, "browser-1", "Mehr Bäume am Wall")
    orga = await organiser()
    with frozen_at(MOMENT):
        published = await publish_documentation(orga, event.id)
    assert published.report_published_at == MOMENT
    assert (await Event.get(id=event.id)).report_published_at == MOMENT
    stored = documentation_path(event.id)
    text = " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(stored.read_bytes())).pages)
    assert "Dokumentation der Beteiligung" in text and "Mehr Bäume am Wall" in text
    assert not list(stored.parent.glob(".*"))  # written atomically: no part file left
    documentation = await published_documentation()
    assert documentation is not None and documentation.filename == "stadtgespraech-hoerde-dokumentation.pdf"
    assert await ModerationLogEntry.exists(action="report_publish", staff_name="Orga", event_id=event.id)
    assert (await ModerationLogEntry.get(action="export")).detail.startswith("pdf (publish")

    withdrawn = await withdraw_documentation(orga, event.id)
    assert withdrawn.report_published_at is None and not stored.exists()
    assert await published_documentation() is None
    assert await ModerationLogEntry.exists(action="report_withdraw", staff_name="Orga")


async def test_only_organisers_publish(db) -> None:
    event, _ = await open_event()
    moderator, _ = await StaffAccount.get_or_create(
        name="Mira", defaults={"role": Role.MODERATOR, "password_hash": "-"}
    )
    for action in (publish_documentation, withdraw_documentation):
        with pytest.raises(ServiceError) as refused:
            await action(moderator, event.id)
        assert refused.value.key == "forbidden"
    with pytest.raises(ServiceError):
        await publish_documentation(None, event.id)
    assert not documentation_path(event.id).exists() and (await Event.get(id=event.id)).report_published_at is None
    with pytest.raises(NotFound):
        await publish_documentation(await organiser(), 999)


async def test_a_file_without_the_flag_is_never_served(db) -> None:
    event, _ = await open_event()
    documentation_path(event.id).parent.mkdir(parents=True)
    documentation_path(event.id).write_bytes(b"%PDF-1.4 left over")
    assert await published_documentation() is None


async def test_the_route_before_while_and_after_publishing(user: User) -> None:
    event = await Event.first()
    before = await user.http_client.get("/dokumentation.pdf")
    assert before.status_code == 404 and "Diese Seite gibt es nicht." in before.text  # the friendly page
    orga = await organiser()
    await publish_documentation(orga, event.id)
    response = await user.http_client.get("/dokumentation.pdf")
    assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"].startswith('inline; filename="')
    assert response.headers["content-disposition"].endswith('-dokumentation.pdf"')
    assert response.content.startswith(b"%PDF")
    await withdraw_documentation(orga, event.id)
    after = await user.http_client.get("/dokumentation.pdf")
    assert after.status_code == 404 and "Diese Seite gibt es nicht." in after.text


async def open_export_tab(user: User) -> Event:
    await sign_in(user, "Orga", Role.ORGANISER)
    await user.open("/admin?tab=export")
    await user.should_see("Dokumentation veröffentlichen")
    return await Event.first()


async def test_the_tab_publishes_and_withdraws(user: User) -> None:
    event = await open_export_tab(user)
    await user.should_see("Noch nicht veröffentlicht.")
    assert not marked(user, "documentation-withdraw").visible and not marked(user, "documentation-link").visible
    user.find(marker="documentation-publish").click()
    assert await eventually(lambda: marked(user, "export-status").text == "Die Dokumentation ist veröffentlicht.", 30)
    assert marked(user, "documentation-state").text.startswith("Veröffentlicht am ")
    assert marked(user, "documentation-link").visible and marked(user, "documentation-link").props["href"] == (
        "/dokumentation.pdf"
    )
    assert (await Event.get(id=event.id)).report_published_at is not None
    assert (await user.http_client.get("/dokumentation.pdf")).status_code == 200
    assert (await ModerationLogEntry.get(action="report_publish")).staff_name == "Orga"

    user.find(marker="documentation-withdraw").click()
    withdrawn = "Die Dokumentation ist nicht mehr öffentlich."
    assert await eventually(lambda: marked(user, "export-status").text == withdrawn)
    assert marked(user, "documentation-state").text == "Noch nicht veröffentlicht."
    assert not marked(user, "documentation-withdraw").visible
    assert (await user.http_client.get("/dokumentation.pdf")).status_code == 404


async def test_progress_is_shown_while_the_report_renders(user: User, monkeypatch) -> None:
    release = asyncio.Event()
    real_publish = admin_tab.publish_documentation

    async def slow_publish(staff, event_id, *, progress):
        progress(0.4, "collect")
        await release.wait()
        return await real_publish(staff, event_id, progress=progress)

    monkeypatch.setattr(admin_tab, "publish_documentation", slow_publish)
    await open_export_tab(user)
    user.find(marker="documentation-publish").click()
    bar = marked(user, "export-progress")
    assert await eventually(lambda: bar.visible and bar.value == 0.4)
    assert marked(user, "export-status").text == "Beiträge werden gelesen … (40 %)"
    assert not marked(user, "documentation-publish").enabled and not marked(user, "export-pdf").enabled
    release.set()
    assert await eventually(lambda: marked(user, "documentation-publish").enabled, 30)
    assert bar.value == 1.0


async def test_an_organiser_who_lost_the_role_publishes_nothing(user: User) -> None:
    event = await open_export_tab(user)
    await StaffAccount.filter(name="Orga").update(role=Role.MODERATOR)
    user.find(marker="documentation-publish").click()
    await user.should_see("Dafür fehlt Ihnen die Berechtigung.")
    assert (await Event.get(id=event.id)).report_published_at is None
    assert not documentation_path(event.id).exists()
    assert marked(user, "documentation-state").text == "Noch nicht veröffentlicht."
