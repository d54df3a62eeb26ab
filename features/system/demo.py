"""The demo conference, so the app is alive on first start and every live feature can be tried.

It keeps the shape and four-hour length of a real Stadtkonferenz (10–14 Uhr) but is shifted so
that the second item is on stage when it is seeded. Seeding is idempotent: it only ever fills
an empty database.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from tortoise.transactions import in_transaction

from core.clock import utcnow
from core.errors import ServiceError
from core.media import discard
from features.results.service import stored_image
from features.staff.service import require_role
from features.system.demo_results import seed_results
from models.event import AgendaItem, Event, ModerationMode, ScreenSource
from models.poll import Poll, PollKind, PollOption, PollState, ResultsVisibility
from models.result import ResultImage
from models.staff import Role, StaffAccount

DEMO_TITLE = "Dortmunder Stadtgespräch – 1. Stadtkonferenz"
PARTICIPATION_PHASE = timedelta(days=30)
# The item where the theme tables present their results: wall posts written then show on them.
RESULTS_ITEM = 2
# How far the second item has got when the demo starts.
MINUTES_INTO_SECOND_ITEM = 10

# (minutes after 10:00, duration in minutes, title, description, speakers, location)
PROGRAMME: list[tuple[int, int, str, str, str, str]] = [
    (
        0,
        20,
        "Begrüßung durch den Oberbürgermeister",
        "Warum Dortmund eine gemeinsame Stadtstrategie braucht und was heute mit Ihren Beiträgen geschieht.",
        "Oberbürgermeister der Stadt Dortmund",
        "Bühne",
    ),
    (
        20,
        40,
        "Präsentation der bisherigen Ergebnisse",
        "Was Bürgerinnen und Bürger in den Stadtteilwerkstätten seit dem Frühjahr erarbeitet haben: "
        "ein Überblick über Themen, Fragen und erste Leitgedanken.",
        "Projektteam Stadtstrategie, Amt für Stadtentwicklung",
        "Bühne",
    ),
    (
        60,
        75,
        "Ausgangsbilder an Thementischen",
        "Sechs Thementische stellen ihre Ausgangsbilder vor: wie die Stadt heute ist und wohin sie "
        "sich entwickeln könnte. Im Saal und im Livestream kommentieren.",
        "Moderation an den Thementischen",
        "Thementische im Saal",
    ),
    (
        135,
        25,
        "Mittagsimbiss und Galerierundgang",
        "Zeit für Gespräche und einen Rundgang durch die Ausgangsbilder.",
        "",
        "Foyer",
    ),
    (
        160,
        60,
        "Offener Austausch",
        "Fragen und Anregungen aus dem Saal und aus dem Livestream, beantwortet von Fachleuten der Stadtverwaltung.",
        "Dezernentinnen und Dezernenten der Stadt Dortmund",
        "Bühne",
    ),
    (
        220,
        20,
        "Ausblick und nächste Schritte",
        "Wie es nach der Konferenz weitergeht: vier Wochen Online-Beteiligung, Auswertung und Beratung im Rat.",
        "Projektteam Stadtstrategie",
        "Bühne",
    ),
]


# One poll of each kind, prepared for the programme: (item, kind, question, question_en, options as
# (German, English), extra fields). The one for the item on stage (the second) is open at the start,
# so a newcomer answers one at once.
POLLS: list[tuple[int, PollKind, str, str, list[tuple[str, str]], dict[str, object]]] = [
    (
        0,
        PollKind.SCALE,
        "Wie zufrieden sind Sie mit dem Radverkehr in der Innenstadt?",
        "How satisfied are you with cycling in the city centre?",
        [],
        {
            "scale_min": 1,
            "scale_max": 5,
            "scale_min_label": "gar nicht zufrieden",
            "scale_max_label": "sehr zufrieden",
            "scale_min_label_en": "not satisfied at all",
            "scale_max_label_en": "very satisfied",
        },
    ),
    (
        1,
        PollKind.SINGLE,
        "Welches Thema ist Ihnen für die Stadtstrategie am wichtigsten?",
        "Which topic matters most to you for the city strategy?",
        [
            ("Wohnen", "Housing"),
            ("Mobilität", "Mobility"),
            ("Klima und Grün", "Climate and green spaces"),
            ("Arbeit und Wirtschaft", "Work and economy"),
            ("Bildung", "Education"),
            ("Zusammenleben in den Quartieren", "Living together in the neighbourhoods"),
        ],
        {},
    ),
    (
        2,
        PollKind.MULTIPLE,
        "Welche Thementische möchten Sie besuchen?",
        "Which theme tables would you like to visit?",
        [
            ("Wohnen", "Housing"),
            ("Mobilität", "Mobility"),
            ("Klima und Grün", "Climate and green spaces"),
            ("Arbeit und Wirtschaft", "Work and economy"),
            ("Bildung", "Education"),
            ("Kultur und Sport", "Culture and sport"),
        ],
        {"max_choices": 2},
    ),
    (
        4,
        PollKind.WORDS,
        "Dortmund 2040 in einem Wort: Wie soll die Stadt dann sein?",
        "Dortmund in 2040 in one word: what should the city be like?",
        [],
        {},
    ),
    (
        5,
        PollKind.RANKING,
        "Was soll der Rat zuerst angehen? Bitte in Ihre Reihenfolge bringen.",
        "What should the council tackle first? Please put them in your order.",
        [
            ("Bezahlbarer Wohnraum", "Affordable housing"),
            ("Sichere Radwege", "Safe cycle lanes"),
            ("Mehr Bäume und Schatten", "More trees and shade"),
            ("Lebendige Innenstadt", "A lively city centre"),
        ],
        {"results_visibility": ResultsVisibility.AFTER_CLOSING},
    ),
]
OPEN_POLL_ITEM = 1


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
            # the demo has no posts to pick: whoever tries it sees their post reach the screen
            # (a new event of organisers lists only the moderators' picks, models.event)
            screen_source=ScreenSource.ALL,
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
        await seed_polls(event, items, now)
    return event


async def seed_polls(event: Event, items: list[AgendaItem], now: datetime) -> None:
    """The demo's polls in programme order; the one of the item on stage is open."""
    for position, (item, kind, question, question_en, options, extra) in enumerate(POLLS):
        opened = item == OPEN_POLL_ITEM
        poll = await Poll.create(
            event=event,
            agenda_item=items[item],
            position=position,
            kind=kind,
            question=question,
            question_en=question_en,
            state=PollState.OPEN if opened else PollState.DRAFT,
            opened_at=now if opened else None,
            **extra,
        )
        for index, (label, label_en) in enumerate(options):
            await PollOption.create(poll=poll, position=index, label=label, label_en=label_en)


async def remove_demo(actor: StaffAccount | None) -> int:
    """Delete the demo event with everything in it (programme, posts, results and their pictures,
    polls, its log), so a city's real event does not share the database with Dortmund's: the
    "start over" of the README without stopping the app. Staff accounts stay. Returns how many
    demo events went; none left is a clear refusal, not a silent success."""
    await require_role(actor, Role.ORGANISER)
    async with in_transaction():
        demo_ids = list(await Event.filter(is_demo=True).values_list("id", flat=True))
        if not demo_ids:
            raise ServiceError("demo.none")
        pictures = await ResultImage.filter(result__topic__event_id__in=demo_ids)
        await Event.filter(id__in=demo_ids).delete()  # the database cascades to what belongs to it
    for picture in pictures:  # after the commit: a refused delete keeps its pictures
        discard(stored_image(picture))
    return len(demo_ids)
