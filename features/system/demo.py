"""The demo conference, so the app is alive on first start and every live feature can be tried.

It keeps the shape and four-hour length of a real Stadtkonferenz (10–14 Uhr) but is shifted so
that the second item is on stage when it is seeded. Seeding is idempotent: it only ever fills
an empty database.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from tortoise.transactions import in_transaction

from core.clock import utcnow
from features.system.demo_results import seed_results
from models.event import AgendaItem, Event, ModerationMode

DEMO_TITLE = "Dortmunder Stadtgespräch – 1. Stadtkonferenz"
PARTICIPATION_PHASE = timedelta(days=30)
# The item where the theme tables present their results: wall posts written then show on them.
RESULTS_ITEM = 2
# How far the second item has got when the demo starts.
MINUTES_INTO_SECOND_ITEM = 10

# (minutes after 10:00, duration in minutes, title, description, speakers, location)
PROGRAMME: list[tuple[int, int, str, str, str, str]] = [
    (0, 20, "Begrüßung durch den Oberbürgermeister",
     "Warum Dortmund eine gemeinsame Stadtstrategie braucht und was heute mit Ihren Beiträgen "
     "geschieht.", "Oberbürgermeister der Stadt Dortmund", "Bühne"),
    (20, 40, "Präsentation der bisherigen Ergebnisse",
     "Was Bürgerinnen und Bürger in den Stadtteilwerkstätten seit dem Frühjahr erarbeitet haben: "
     "ein Überblick über Themen, Fragen und erste Leitgedanken.",
     "Projektteam Stadtstrategie, Amt für Stadtentwicklung", "Bühne"),
    (60, 75, "Ausgangsbilder an Thementischen",
     "Sechs Thementische stellen ihre Ausgangsbilder vor: wie die Stadt heute ist und wohin sie "
     "sich entwickeln könnte. Im Saal und im Livestream kommentieren.",
     "Moderation an den Thementischen", "Thementische im Saal"),
    (135, 25, "Mittagsimbiss und Galerierundgang",
     "Zeit für Gespräche und einen Rundgang durch die Ausgangsbilder.", "", "Foyer"),
    (160, 60, "Offener Austausch",
     "Fragen und Anregungen aus dem Saal und aus dem Livestream, beantwortet von Fachleuten der "
     "Stadtverwaltung.", "Dezernentinnen und Dezernenten der Stadt Dortmund", "Bühne"),
    (220, 20, "Ausblick und nächste Schritte",
     "Wie es nach der Konferenz weitergeht: vier Wochen Online-Beteiligung, Auswertung und "
     "Beratung im Rat.", "Projektteam Stadtstrategie", "Bühne"),
]


def demo_start(now: datetime) -> datetime:
    """10:00 of the shifted programme: the second item began a few minutes before `now`."""
    second_item_offset = PROGRAMME[1][0]
    start = now - timedelta(minutes=second_item_offset + MINUTES_INTO_SECOND_ITEM)
    return start.replace(second=0, microsecond=0)


async def seed_demo(now: datetime | None = None) -> Event | None:
    """Create the demo event in an empty database; returns it, or None when nothing was done."""
    now = now or utcnow()
    async with in_transaction():
        if await Event.exists():
            return None
        start = demo_start(now)
        end = start + timedelta(hours=4)
        event = await Event.create(
            title=DEMO_TITLE,
            description=(
                "Dortmund entwickelt eine Stadtstrategie – gemeinsam mit allen, die hier leben und "
                "arbeiten. Auf der ersten Stadtkonferenz werden die Ergebnisse der Werkstätten "
                "vorgestellt. Diskutieren Sie mit: im Saal oder im Livestream, und danach einen "
                "Monat lang online."
            ),
            venue="Berswordt-Halle",
            address="Südwall 2–4, 44137 Dortmund",
            starts_at=start,
            ends_at=end,
            livestream_url="https://www.youtube.com/watch?v=Stadtkonf01",
            participation_opens_at=start,
            participation_closes_at=end + PARTICIPATION_PHASE,
            moderation_mode=ModerationMode.POST,
            is_demo=True,
        )
        items = []
        for position, (offset, minutes, title, description, speakers, location) in enumerate(PROGRAMME):
            item = await AgendaItem.create(
                event=event,
                position=position,
                starts_at=start + timedelta(minutes=offset),
                ends_at=start + timedelta(minutes=offset + minutes),
                title=title,
                description=description,
                speakers=speakers,
                location=location,
            )
            items.append(item)
        await seed_results(event, items[RESULTS_ITEM])
    return event
