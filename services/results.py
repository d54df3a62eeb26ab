"""The results gallery: topics and results, their pictures, and what people said about them.

Reading is shaped for the gallery's promise to stay fast with hundreds of results and tens of
thousands of contributions: the cards come from three queries in all (results with topics, their
pictures, and one aggregate count), never one query per card.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tortoise.functions import Count

from models.contribution import Contribution, Kind, Status
from models.event import AgendaItem, Event
from models.result import (
    ALT_TEXT_MAX_LENGTH,
    RESULT_SUMMARY_MAX_LENGTH,
    RESULT_TITLE_MAX_LENGTH,
    TOPIC_NAME_MAX_LENGTH,
    Result,
    ResultImage,
    Topic,
)
from services.errors import NotFound, ServiceError
from services.live import LiveEvent, bus
from services.media import discard, media_url, store_image_async
from services.text_input import clean_text

RESULTS = "results"  # a topic, result or picture was added or changed (ids: result_id / topic_id)
SEARCH_MAX_LENGTH = 100
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True)
class Picture:
    url: str
    thumb_url: str
    width: int
    height: int
    thumb_width: int
    thumb_height: int
    alt: str


@dataclass(frozen=True)
class ResultCard:
    """One card of the gallery, sent to the browser as it is."""

    id: int
    title: str
    summary: str
    topic_id: int
    topic: str
    colour: str
    thumb: Picture | None
    comments: int
    proposals: int


@dataclass(frozen=True)
class ResultDetail:
    result: Result
    topic: Topic
    pictures: list[Picture]
    agenda_title: str | None
    event: Event


def _picture(image: ResultImage) -> Picture:
    return Picture(
        url=media_url(image.file_name), thumb_url=media_url(image.thumb_name), width=image.width,
        height=image.height, thumb_width=image.thumb_width, thumb_height=image.thumb_height, alt=image.alt,
    )


# --- organisers: what is shown ------------------------------------------------------------------
async def create_topic(event_id: int, name: str, colour: str = "#1e3a8a", position: int = 0) -> Topic:
    name = clean_text(name, multiline=False)
    if not name or len(name) > TOPIC_NAME_MAX_LENGTH:
        raise ServiceError("topic.bad_name", limit=TOPIC_NAME_MAX_LENGTH)
    if not _COLOUR.fullmatch(colour):
        raise ServiceError("topic.bad_colour")
    async with bus().transaction() as publication:
        if not await Event.exists(id=event_id):
            raise NotFound("event_not_found")
        topic = await Topic.create(event_id=event_id, name=name, colour=colour, position=position)
        await publication.publish(LiveEvent(RESULTS, event_id, {"topic_id": topic.id}))
    return topic


async def create_result(
    topic_id: int, title: str, *, summary: str = "", body: str = "", agenda_item_id: int | None = None,
    position: int = 0,
) -> Result:
    """A result of a theme table; `agenda_item_id` is where it was shown (wall posts follow it)."""
    title = clean_text(title, multiline=False)
    summary = clean_text(summary)
    body = clean_text(body)
    if not title or len(title) > RESULT_TITLE_MAX_LENGTH:
        raise ServiceError("result.bad_title", limit=RESULT_TITLE_MAX_LENGTH)
    if len(summary) > RESULT_SUMMARY_MAX_LENGTH:
        raise ServiceError("result.summary_too_long", limit=RESULT_SUMMARY_MAX_LENGTH)
    async with bus().transaction() as publication:
        topic = await Topic.get_or_none(id=topic_id)
        if topic is None:
            raise NotFound("topic_not_found")
        event_id = topic.event_id  # type: ignore[attr-defined]
        if agenda_item_id is not None and not await AgendaItem.exists(id=agenda_item_id, event_id=event_id):
            raise NotFound("agenda_item_not_found")
        result = await Result.create(
            topic=topic, title=title, summary=summary, body=body, agenda_item_id=agenda_item_id, position=position
        )
        await publication.publish(LiveEvent(RESULTS, event_id, {"result_id": result.id}))
    return result


async def add_result_image(result_id: int, data: bytes, alt: str, position: int = 0) -> ResultImage:
    """Check and re-encode a picture, store it with its alt text (required: it is the picture for
    everyone who cannot see it)."""
    alt = clean_text(alt, multiline=False)
    if not alt or len(alt) > ALT_TEXT_MAX_LENGTH:
        raise ServiceError("image.bad_alt", limit=ALT_TEXT_MAX_LENGTH)
    result = await Result.get_or_none(id=result_id).select_related("topic")
    if result is None:
        raise NotFound("result_not_found")
    stored = await store_image_async(data)
    try:
        async with bus().transaction() as publication:
            image = await ResultImage.create(result_id=result_id, position=position, alt=alt, **stored.__dict__)
            await publication.publish(
                LiveEvent(RESULTS, result.topic.event_id, {"result_id": result_id})  # type: ignore[attr-defined]
            )
    except Exception:
        discard(stored)
        raise
    return image


# --- everyone: what is read ---------------------------------------------------------------------
async def list_topics(event_id: int) -> list[Topic]:
    return list(await Topic.filter(event_id=event_id).order_by("position", "id"))


async def gallery(event_id: int) -> list[ResultCard]:
    """Every result of the event as a card, in topic order, with counts from one aggregate query."""
    results = await Result.filter(topic__event_id=event_id).select_related("topic").order_by(
        "topic__position", "topic_id", "position", "id"
    )
    first_pictures: dict[int, ResultImage] = {}
    for image in await ResultImage.filter(result__topic__event_id=event_id).order_by("-position", "-id"):
        first_pictures[image.result_id] = image  # type: ignore[attr-defined]  # the lowest position wins
    counts = await contribution_counts(event_id)
    return [
        ResultCard(
            id=result.id, title=result.title, summary=result.summary, topic_id=result.topic.id,
            topic=result.topic.name, colour=result.topic.colour,
            thumb=_picture(first_pictures[result.id]) if result.id in first_pictures else None,
            comments=counts.get((result.id, "comments"), 0), proposals=counts.get((result.id, "proposals"), 0),
        )
        for result in results
    ]


async def contribution_counts(event_id: int) -> dict[tuple[int, str], int]:
    """(result id, "comments" | "proposals") → published count, in one GROUP BY query.

    Comments count replies and wall posts assigned to the result; wall posts that only share the
    programme item are not counted, they belong to every result shown in that slot.
    """
    rows = await (
        Contribution.filter(event_id=event_id, status=Status.PUBLISHED, result_id__not_isnull=True)
        .annotate(count=Count("id"))
        .group_by("result_id", "kind")
        .values("result_id", "kind", "count")
    )
    counts: dict[tuple[int, str], int] = {}
    for row in rows:
        bucket = "proposals" if row["kind"] == Kind.PROPOSAL else "comments"
        key = (int(row["result_id"]), bucket)
        counts[key] = counts.get(key, 0) + int(row["count"])
    return counts


async def search_result_ids(event_id: int, query: str) -> list[int]:
    """Results whose title, summary or text contain every word of `query`, ignoring case.

    Matched here rather than with SQL LIKE: SQLite folds only ASCII, and "Bäume" must find "BÄUME".
    An event has a few hundred results at most, so reading their texts once per search is cheap.
    """
    words = clean_text(query, multiline=False)[:SEARCH_MAX_LENGTH].casefold().split()
    rows = await Result.filter(topic__event_id=event_id).order_by("id").values_list("id", "title", "summary", "body")
    found = []
    for pk, *texts in rows:
        haystack = " ".join(str(text) for text in texts).casefold()
        if all(word in haystack for word in words):
            found.append(int(pk))
    return found


async def load_result(result_id: int) -> ResultDetail | None:
    result = await Result.get_or_none(id=result_id).select_related("topic", "agenda_item")
    if result is None:
        return None
    event = await Event.get(id=result.topic.event_id)  # type: ignore[attr-defined]
    images = await ResultImage.filter(result_id=result_id).order_by("position", "id")
    agenda_item = result.agenda_item
    return ResultDetail(
        result=result, topic=result.topic, pictures=[_picture(image) for image in images],
        agenda_title=agenda_item.title if agenda_item is not None else None, event=event,
    )

