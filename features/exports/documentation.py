"""Publishing the documentation: the council report (PDF, German) for everyone at /dokumentation.pdf.

Organisers publish it from the export tab of /admin and may withdraw it again. Publishing renders
the report as the export does (features.exports.service.export_event: organisers only, the export
is logged like any other), stores it under DATA_DIR/documentation atomically (a reader gets the
old file or the new one, never half of one) and sets `event.report_published_at`; withdrawing
clears it and removes the file. Both are written to the moderation log and announced as
EVENT_SETTINGS, so pages that link the documentation can follow.

The public route serves the file only while `report_published_at` is set: the flag decides, the
file alone never does, so a file left over from a failed publication is never shown.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from core.bus import EVENT_SETTINGS, Signal, bus
from core.clock import utcnow
from core.errors import NotFound
from features.agenda.service import current_event
from features.exports.service import Progress, export_event, slug
from features.moderation.audit import record
from features.staff.service import require_role
from models.event import Event
from models.staff import Role, StaffAccount
from settings import get_settings

DOCUMENTATION_ROUTE = "/dokumentation.pdf"
PUBLISH_ACTION = "report_publish"
WITHDRAW_ACTION = "report_withdraw"
LANGUAGE = "de"  # the documentation of a German council is German


@dataclass(frozen=True)
class Documentation:
    """The published report of an event, as the public route serves it."""

    path: Path
    filename: str
    published_at: datetime


def _ignore(_share: float, _step: str) -> None:
    return None


def documentation_path(event_id: int) -> Path:
    return get_settings().data_dir / "documentation" / f"event-{event_id}.pdf"


def documentation_filename(event: Event) -> str:
    return f"{slug(event.title)}-dokumentation.pdf"


def _store(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.part")
    partial.write_bytes(data)
    partial.replace(path)


async def publish_documentation(
    actor: StaffAccount | None, event_id: int, *, progress: Progress = _ignore
) -> Event:
    """Render the report now, store it and publish it (publishing again replaces it)."""
    staff = await require_role(actor, Role.ORGANISER)
    report = await export_event(staff, event_id, "pdf", language=LANGUAGE, progress=progress, via="publish")
    await asyncio.to_thread(_store, documentation_path(event_id), report.data)
    async with bus().transaction() as publication:
        event = await Event.get_or_none(id=event_id).select_for_update()
        if event is None:
            raise NotFound("event_not_found")
        event.report_published_at = utcnow()
        await event.save(update_fields=["report_published_at", "updated_at"])
        await record(staff, event_id, PUBLISH_ACTION, detail=f"{len(report.data)} bytes")
        await publication.publish(Signal(EVENT_SETTINGS, event_id))
    return event


async def withdraw_documentation(actor: StaffAccount | None, event_id: int) -> Event:
    """Take the report off the site again: the route answers 404 from the commit on."""
    staff = await require_role(actor, Role.ORGANISER)
    async with bus().transaction() as publication:
        event = await Event.get_or_none(id=event_id).select_for_update()
        if event is None:
            raise NotFound("event_not_found")
        event.report_published_at = None
        await event.save(update_fields=["report_published_at", "updated_at"])
        await record(staff, event_id, WITHDRAW_ACTION)
        await publication.publish(Signal(EVENT_SETTINGS, event_id))
    documentation_path(event_id).unlink(missing_ok=True)
    return event


async def published_documentation(event: Event | None = None) -> Documentation | None:
    """The documentation of the event (the shown one unless given) while it is published."""
    if event is None:
        event = await current_event()
    if event is None or event.report_published_at is None:
        return None
    path = documentation_path(event.id)
    if not path.is_file():
        return None
    return Documentation(path, documentation_filename(event), event.report_published_at)
