"""The programme as an iCalendar file (RFC 5545), so people can put the sessions in their calendar."""

from __future__ import annotations

from datetime import UTC, datetime

from features.agenda.service import Programme

_MAX_LINE_OCTETS = 75


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
        .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")
    )


def _fold(line: str) -> list[str]:
    """Split a content line into chunks of at most 75 octets without cutting a UTF-8 character."""
    chunks: list[str] = []
    current = ""
    limit = _MAX_LINE_OCTETS
    for char in line:
        if len((current + char).encode("utf-8")) > limit:
            chunks.append(current)
            current = char
            limit = _MAX_LINE_OCTETS - 1  # continuation lines start with a space
        else:
            current += char
    chunks.append(current)
    return [chunks[0], *(" " + chunk for chunk in chunks[1:])]


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def programme_to_ics(programme: Programme, host: str, now: datetime) -> str:
    event = programme.event
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//stadtgespraech//Programm//DE",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape(event.title)}",
    ]
    place = ", ".join(part for part in (event.venue, event.address) if part)
    for item in programme.items:
        location = ", ".join(part for part in (item.location, place) if part)
        description = "\n".join(part for part in (item.description, item.speakers) if part)
        lines += [
            "BEGIN:VEVENT",
            f"UID:agenda-{item.id}@{host}",
            f"DTSTAMP:{_utc(now)}",
            f"DTSTART:{_utc(item.starts_at)}",
            f"DTEND:{_utc(item.ends_at)}",
            f"SUMMARY:{_escape(item.title)}",
            f"DESCRIPTION:{_escape(description)}",
            f"LOCATION:{_escape(location)}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(chunk + "\r\n" for line in lines for chunk in _fold(line))
