"""Rows the tests start from: events with a programme, an event open for participation, a result
on a topic, a picture, posts on the current event, and one every-kind-of-contribution scene.

One place for them, so a test module never imports another test module: each factory builds
through the same services the app uses where that matters (topics, results, contributions) and
writes models directly only where the service's checks are not what the test is about.
"""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from io import BytesIO

from PIL import Image

from features.agenda.service import utcnow
from features.contributions.flags import flag_contribution
from features.contributions.service import post_comment, post_contribution, post_proposal, post_reply, toggle_vote
from features.moderation import service as moderation
from features.results.service import add_result_image, create_result, create_topic
from features.staff.service import create_account
from models.contribution import Channel, Contribution, Status
from models.event import AgendaItem, Event, ModerationMode
from models.result import Result
from models.staff import Role, StaffAccount
from tests.support.staff import PASSWORD

START = datetime(2026, 5, 4, 8, 0, tzinfo=UTC)
# a participation phase that opened yesterday and stays open for a month
OPENS = utcnow().replace(microsecond=0) - timedelta(days=1)
CLOSES = OPENS + timedelta(days=30)
_authors = itertools.count()


async def make_event(title: str = "Stadtkonferenz", start: datetime = START) -> tuple[Event, list[AgendaItem]]:
    """An event of two hours with four items of 30 minutes ("Punkt 1" to "Punkt 4")."""
    event = await Event.create(title=title, starts_at=start, ends_at=start + timedelta(hours=2))
    items = [
        await AgendaItem.create(event=event, position=i, title=f"Punkt {i + 1}",
                                starts_at=start + timedelta(minutes=30 * i),
                                ends_at=start + timedelta(minutes=30 * (i + 1)))
        for i in range(4)
    ]
    return event, items


async def open_event(mode: ModerationMode = ModerationMode.POST) -> tuple[Event, list[AgendaItem]]:
    """An event that started 40 minutes ago (the second item runs) and takes contributions."""
    now = utcnow()
    event, items = await make_event(start=now - timedelta(minutes=40))
    event.moderation_mode = mode
    event.participation_opens_at = now - timedelta(hours=1)
    event.participation_closes_at = now + timedelta(days=30)
    await event.save()
    return event, items


async def organiser(name: str = "Orga") -> StaffAccount:
    """An organiser account, without the slow password hash: services only ask for the role."""
    account, _ = await StaffAccount.get_or_create(name=name, defaults={"role": Role.ORGANISER, "password_hash": "-"})
    return account


async def a_result(mode: ModerationMode = ModerationMode.POST) -> tuple[Event, list[AgendaItem], Result]:
    """"Der Wall als Boulevard" on the topic "Mobilität", linked to the second item, open from
    OPENS to CLOSES. The conference itself (two hours from OPENS) is over, and the organisers
    keep the wall open after it, so wall posts can be written now as well."""
    event, items = await make_event(start=OPENS)
    event.participation_opens_at, event.participation_closes_at = OPENS, CLOSES
    event.wall_open_after_event = True
    event.moderation_mode = mode
    await event.save()
    orga = await organiser()
    topic = await create_topic(orga, event.id, "Mobilität", "#1d4ed8")
    result = await create_result(orga, topic.id, "Der Wall als Boulevard", summary="Kurz", body="Radweg und Bäume",
                                 agenda_item_id=items[1].id)
    return event, items, result


def png_bytes(size: tuple[int, int] = (800, 500), mode: str = "RGBA") -> bytes:
    buffer = BytesIO()
    Image.new(mode, size, (200, 30, 30, 128) if mode == "RGBA" else "red").save(buffer, "PNG")
    return buffer.getvalue()


async def post(text: str, **kwargs: object) -> Contribution:
    """A wall post on the first event (the demo event in page tests), each by another browser
    unless `author` says who."""
    event = await Event.first()
    assert event is not None
    author = str(kwargs.pop("author", f"test-author-{next(_authors)}"))
    return await post_contribution(event.id, author, text, **kwargs)  # type: ignore[arg-type]


async def participation(moderator: StaffAccount) -> dict[str, object]:
    """A small event with every kind of contribution and every status, by browsers with secret ids
    (for the exports: none of them may leave the server)."""
    event, items, result = await a_result()
    event.title = "Stadtgespräch Hörde: Straßen & Plätze"
    event.venue = "Rathaus"
    await event.save()
    organiser_account = await StaffAccount.filter(role=Role.ORGANISER).first() or await create_account(
        "Bilder", PASSWORD, Role.ORGANISER
    )
    await add_result_image(organiser_account, result.id, png_bytes(), "Skizze: Bäume am Wall")
    wall = await post_contribution(
        event.id, "browser-secret-1", "Grüße aus Hörde – „Straßenbäume“ für alle", nickname="Änne",
        agenda_item_id=items[1].id, channel=Channel.HALL, address="203.0.113.7", client_key="draft-key-1",
    )
    comment = await post_comment(result.id, "browser-secret-2", "Mehr Radwege, bitte", nickname="Jo")
    reply = await post_reply(result.id, comment.id, "browser-secret-3", "Und sichere Kreuzungen", nickname="Kim")
    proposal = await post_proposal(result.id, "browser-secret-4", "Bäume pflanzen", "Hundert neue Bäume am Wall")
    formula = await post_contribution(event.id, "browser-secret-5", '=HYPERLINK("http://evil.example","klick")',
                                      nickname="@admin")
    hidden = await post_contribution(event.id, "browser-secret-6", "Das wird ausgeblendet")
    withdrawn = await post_contribution(event.id, "browser-secret-7", "Das habe ich selbst gelöscht", nickname="Weg")
    await toggle_vote(proposal.id, "voter-secret-1")
    await toggle_vote(proposal.id, "voter-secret-2")
    await toggle_vote(wall.id, "voter-secret-3")
    await flag_contribution(hidden.id, "flagger-secret-1")
    await moderation.hide(moderator, hidden.id, "insult")
    await moderation.mark_answered(moderator, wall.id)
    await Contribution.filter(id=withdrawn.id).update(status=Status.WITHDRAWN)  # text left on purpose
    return {"event": event, "items": items, "result": result, "wall": wall, "comment": comment, "reply": reply,
            "proposal": proposal, "formula": formula, "hidden": hidden, "withdrawn": withdrawn}
