"""The results gallery: topics and results, their pictures, and what people said about them.

Reading is shaped for the gallery's promise to stay fast with hundreds of results and tens of
thousands of contributions: the cards come from three queries in all (results with topics, their
pictures, and one aggregate count), never one query per card.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from tortoise.functions import Count
from tortoise.queryset import QuerySet

from core.bus import Publication, Signal, bus
from core.errors import NotFound, ServiceError
from core.media import StoredImage, check_upload_size, discard, media_url, store_image_async
from core.signals import register_kind
from core.text_input import clean_text, raw_limit
from features.moderation.audit import record
from features.staff.service import require_role
from models.contribution import Contribution, Kind, Status
from models.event import AgendaItem, Event
from models.moderation import ModerationLogEntry
from models.result import (
    ALT_TEXT_MAX_LENGTH,
    RESULT_SUMMARY_MAX_LENGTH,
    RESULT_TITLE_MAX_LENGTH,
    TOPIC_NAME_MAX_LENGTH,
    Result,
    ResultImage,
    Topic,
)
from models.staff import Role, StaffAccount

# a topic, result or picture was added, changed or deleted (ids: result_id or topic_id; none after a
# gap on the bus: anything of the event's results may have changed)
RESULTS = "results"
# what the audit log calls each change below: topics and pictures carry no timestamp of their own,
# and a deleted row none at all, but every change writes one of these in its transaction
RESULT_ACTIONS = (
    "topic_create", "topic_edit", "topic_delete", "topic_move", "result_create", "result_edit", "result_delete",
    "result_move", "image_add", "image_alt", "image_delete", "image_move",
)
SEARCH_MAX_LENGTH = 100
RESULT_BODY_MAX_LENGTH = 20_000  # a long workshop text; the column itself has no limit
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
    alt_en: str = ""


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
    # the English versions (empty: the German shows, marked lang="de"; components.i18n decides)
    title_en: str = ""
    summary_en: str = ""
    topic_en: str = ""


@dataclass(frozen=True)
class ResultDetail:
    result: Result
    topic: Topic
    pictures: list[Picture]
    agenda_title: str | None
    event: Event
    agenda_title_en: str = ""


def _picture(image: ResultImage) -> Picture:
    return Picture(
        url=media_url(image.file_name), thumb_url=media_url(image.thumb_name), width=image.width,
        height=image.height, thumb_width=image.thumb_width, thumb_height=image.thumb_height, alt=image.alt,
        alt_en=image.alt_en,
    )


# --- organisers: what is shown ------------------------------------------------------------------
# Every change below is organiser-only (checked here, with the account as stored now), written in
# one transaction with its audit entry, and announced on the bus. New topics, results and pictures
# go to the end of their list; organisers move them up or down one place at a time.
#
# A topic that still has results is never deleted: the organiser first moves each result to another
# topic (or deletes it). Deleting a topic with everything in it would be one click away from losing
# a whole theme table's work, comments included.


async def _organiser(actor: StaffAccount | None) -> StaffAccount:
    return await require_role(actor, Role.ORGANISER)


def _topic_fields(name: str, colour: str) -> tuple[str, str]:
    name = clean_text(name, multiline=False)
    if not name or len(name) > TOPIC_NAME_MAX_LENGTH:
        raise ServiceError("topic.bad_name", limit=TOPIC_NAME_MAX_LENGTH)
    colour = colour.strip()
    if not _COLOUR.fullmatch(colour):
        raise ServiceError("topic.bad_colour")
    return name, colour.lower()


def _english(text: str, *, key: str, limit: int, multiline: bool = False) -> str:
    """An English version: cleaned like the German and as long at most, but optional (empty: the
    German shows)."""
    text = clean_text(text or "", multiline=multiline)
    if len(text) > limit:
        raise ServiceError(key, limit=limit)
    return text


def _english_result_fields(title_en: str, summary_en: str, body_en: str) -> tuple[str, str, str]:
    return (
        _english(title_en, key="result.title_en_too_long", limit=RESULT_TITLE_MAX_LENGTH),
        _english(summary_en, key="result.summary_en_too_long", limit=RESULT_SUMMARY_MAX_LENGTH, multiline=True),
        _english(body_en, key="result.body_en_too_long", limit=RESULT_BODY_MAX_LENGTH, multiline=True),
    )


def _result_fields(title: str, summary: str, body: str) -> tuple[str, str, str]:
    title = clean_text(title, multiline=False)
    summary = clean_text(summary)
    body = clean_text(body)
    if not title or len(title) > RESULT_TITLE_MAX_LENGTH:
        raise ServiceError("result.bad_title", limit=RESULT_TITLE_MAX_LENGTH)
    if len(summary) > RESULT_SUMMARY_MAX_LENGTH:
        raise ServiceError("result.summary_too_long", limit=RESULT_SUMMARY_MAX_LENGTH)
    if len(body) > RESULT_BODY_MAX_LENGTH:
        raise ServiceError("result.body_too_long", limit=RESULT_BODY_MAX_LENGTH)
    return title, summary, body


def _alt_text(alt: str) -> str:
    alt = clean_text(alt, multiline=False)
    if not alt or len(alt) > ALT_TEXT_MAX_LENGTH:
        raise ServiceError("image.bad_alt", limit=ALT_TEXT_MAX_LENGTH)
    return alt


def _alt_text_en(alt_en: str) -> str:
    return _english(alt_en, key="image.alt_en_too_long", limit=ALT_TEXT_MAX_LENGTH)


async def _end_of(rows: QuerySet) -> int:
    """The position after the last one, so a new row goes to the end of its list."""
    highest = await rows.order_by("-position").values_list("position", flat=True)
    return int(highest[0]) + 1 if highest else 0  # type: ignore[call-overload]


async def _move(rows: list, pk: int, direction: int) -> bool:
    """Swap the row `pk` with its neighbour (direction < 0: up) and number the list 0, 1, 2, ...

    Renumbering heals positions that were equal (older data, the demo): "up" always means one
    place up as the list is shown. Returns False at either end (nothing changes then).
    """
    index = next((number for number, row in enumerate(rows) if row.id == pk), None)
    if index is None:
        raise NotFound()
    target = index + (-1 if direction < 0 else 1)
    if not 0 <= target < len(rows):
        return False
    rows[index], rows[target] = rows[target], rows[index]
    for position, row in enumerate(rows):
        if row.position != position:
            await type(row).filter(id=row.id).update(position=position)
            row.position = position
    return True


async def _move_logged(
    publication: Publication, staff: StaffAccount, event_id: int, rows: list, pk: int, direction: int, *,
    what: str, shown_in: dict[str, int],
) -> bool:
    """Move `pk` among `rows`; when it moved, log `<what>_move` and announce what shows it (`shown_in`)."""
    moved = await _move(rows, pk, direction)
    if moved:
        await record(staff, event_id, f"{what}_move", detail=f"{what} #{pk} {'up' if direction < 0 else 'down'}")
        await publication.publish(Signal(RESULTS, event_id, shown_in))
    return moved


async def _topic_of_event(topic_id: int, event_id: int | None = None) -> Topic:
    topic = await Topic.get_or_none(id=topic_id)
    if topic is None or (event_id is not None and topic.event_id != event_id):
        raise NotFound("topic_not_found")
    return topic


async def _result_with_topic(result_id: int) -> Result:
    result = await Result.get_or_none(id=result_id).select_related("topic")
    if result is None:
        raise NotFound("result_not_found")
    return result


async def _image_with_event(image_id: int) -> tuple[ResultImage, int]:
    image = await ResultImage.get_or_none(id=image_id).select_related("result__topic")
    if image is None:
        raise NotFound("image_not_found")
    return image, image.result.topic.event_id


async def create_topic(
    actor: StaffAccount | None, event_id: int, name: str, colour: str = "#1e3a8a", *, name_en: str = ""
) -> Topic:
    staff = await _organiser(actor)
    name, colour = _topic_fields(name, colour)
    name_en = _english(name_en, key="topic.name_en_too_long", limit=TOPIC_NAME_MAX_LENGTH)
    async with bus().transaction() as publication:
        if not await Event.exists(id=event_id):
            raise NotFound("event_not_found")
        position = await _end_of(Topic.filter(event_id=event_id))
        topic = await Topic.create(event_id=event_id, name=name, name_en=name_en, colour=colour, position=position)
        await record(staff, event_id, "topic_create", detail=f"topic #{topic.id}")
        await publication.publish(Signal(RESULTS, event_id, {"topic_id": topic.id}))
    return topic


async def update_topic(
    actor: StaffAccount | None, topic_id: int, name: str, colour: str, *, name_en: str | None = None
) -> Topic:
    """`name_en` None keeps the English name as it is."""
    staff = await _organiser(actor)
    name, colour = _topic_fields(name, colour)
    english = None if name_en is None else _english(name_en, key="topic.name_en_too_long", limit=TOPIC_NAME_MAX_LENGTH)
    async with bus().transaction() as publication:
        topic = await _topic_of_event(topic_id)
        topic.name, topic.colour = name, colour
        if english is not None:
            topic.name_en = english
        await topic.save(update_fields=["name", "name_en", "colour"])
        await record(staff, topic.event_id, "topic_edit", detail=f"topic #{topic.id}")
        await publication.publish(Signal(RESULTS, topic.event_id, {"topic_id": topic.id}))
    return topic


async def delete_topic(actor: StaffAccount | None, topic_id: int) -> None:
    """Refused while the topic has results: move them to another topic first (see above)."""
    staff = await _organiser(actor)
    async with bus().transaction() as publication:
        topic = await _topic_of_event(topic_id)
        remaining = await Result.filter(topic_id=topic_id).count()
        if remaining:
            raise ServiceError("topic.has_results", count=remaining)
        event_id = topic.event_id
        await topic.delete()
        await record(staff, event_id, "topic_delete", detail=f"topic #{topic_id}")
        await publication.publish(Signal(RESULTS, event_id, {"topic_id": topic_id}))


async def move_topic(actor: StaffAccount | None, topic_id: int, direction: int) -> bool:
    """One place up (direction < 0) or down in the gallery; False when it is already at that end."""
    staff = await _organiser(actor)
    async with bus().transaction() as publication:
        event_id = (await _topic_of_event(topic_id)).event_id
        topics = list(await Topic.filter(event_id=event_id).select_for_update().order_by("position", "id"))
        return await _move_logged(
            publication, staff, event_id, topics, topic_id, direction, what="topic", shown_in={"topic_id": topic_id}
        )


async def create_result(
    actor: StaffAccount | None, topic_id: int, title: str, *, summary: str = "", body: str = "",
    agenda_item_id: int | None = None, title_en: str = "", summary_en: str = "", body_en: str = "",
) -> Result:
    """A result of a theme table; `agenda_item_id` is where it was shown (wall posts follow it)."""
    staff = await _organiser(actor)
    title, summary, body = _result_fields(title, summary, body)
    title_en, summary_en, body_en = _english_result_fields(title_en, summary_en, body_en)
    async with bus().transaction() as publication:
        topic = await _topic_of_event(topic_id)
        event_id = topic.event_id
        if agenda_item_id is not None and not await AgendaItem.exists(id=agenda_item_id, event_id=event_id):
            raise NotFound("agenda_item_not_found")
        result = await Result.create(
            topic=topic, title=title, summary=summary, body=body, agenda_item_id=agenda_item_id,
            title_en=title_en, summary_en=summary_en, body_en=body_en,
            position=await _end_of(Result.filter(topic_id=topic_id)),
        )
        await record(staff, event_id, "result_create", detail=f"result #{result.id}")
        await publication.publish(Signal(RESULTS, event_id, {"result_id": result.id}))
    return result


async def update_result(
    actor: StaffAccount | None, result_id: int, *, topic_id: int, title: str, summary: str = "", body: str = "",
    agenda_item_id: int | None = None, title_en: str | None = None, summary_en: str | None = None,
    body_en: str | None = None,
) -> Result:
    """Change a result's texts, its programme item, or its topic (of the same event: it then goes
    to the end of that topic's list). An English text given as None stays as it is."""
    staff = await _organiser(actor)
    title, summary, body = _result_fields(title, summary, body)
    given = {"title_en": title_en, "summary_en": summary_en, "body_en": body_en}
    cleaned = _english_result_fields(title_en or "", summary_en or "", body_en or "")
    english = {name: text for (name, typed), text in zip(given.items(), cleaned, strict=True) if typed is not None}
    async with bus().transaction() as publication:
        result = await _result_with_topic(result_id)
        event_id = result.topic.event_id
        if topic_id != result.topic.id:
            await _topic_of_event(topic_id, event_id)
            result.position = await _end_of(Result.filter(topic_id=topic_id))
            result.topic_id = topic_id
        if agenda_item_id is not None and not await AgendaItem.exists(id=agenda_item_id, event_id=event_id):
            raise NotFound("agenda_item_not_found")
        result.title, result.summary, result.body = title, summary, body
        for name, text in english.items():
            setattr(result, name, text)
        result.agenda_item_id = agenda_item_id
        await result.save(
            update_fields=["topic_id", "position", "title", "summary", "body", *english, "agenda_item_id", "updated_at"]
        )
        await record(staff, event_id, "result_edit", detail=f"result #{result.id}")
        await publication.publish(Signal(RESULTS, event_id, {"result_id": result.id}))
    return result


async def delete_result(actor: StaffAccount | None, result_id: int) -> None:
    """The result and its pictures go; what people wrote about it stays (its link is set to NULL by
    the database), so the moderation record and exports still have every contribution."""
    staff = await _organiser(actor)
    async with bus().transaction() as publication:
        result = await _result_with_topic(result_id)
        event_id = result.topic.event_id
        images = list(await ResultImage.filter(result_id=result_id))
        await result.delete()
        await record(staff, event_id, "result_delete", detail=f"result #{result_id}")
        await publication.publish(Signal(RESULTS, event_id, {"result_id": result_id}))
    for image in images:  # only once the rows are gone for good
        discard(stored_image(image))


async def move_result(actor: StaffAccount | None, result_id: int, direction: int) -> bool:
    """One place up (direction < 0) or down within its topic; False at that end."""
    staff = await _organiser(actor)
    async with bus().transaction() as publication:
        result = await _result_with_topic(result_id)
        event_id = result.topic.event_id
        siblings = list(
            await Result.filter(topic_id=result.topic.id).select_for_update().order_by("position", "id")
        )
        return await _move_logged(
            publication, staff, event_id, siblings, result_id, direction,
            what="result", shown_in={"result_id": result_id},
        )


async def add_result_image(
    actor: StaffAccount | None, result_id: int, data: bytes, alt: str, *, alt_en: str = ""
) -> ResultImage:
    """Check and re-encode a picture, store it with its alt text (required: it is the picture for
    everyone who cannot see it). Nothing is stored when anything is wrong: the alt text and the
    result are checked before the picture is decoded, and written files go again if the row fails."""
    staff = await _organiser(actor)
    alt = _alt_text(alt)
    alt_en = _alt_text_en(alt_en)
    check_upload_size(len(data))
    await _result_with_topic(result_id)
    stored = await store_image_async(data)
    try:
        async with bus().transaction() as publication:
            result = await _result_with_topic(result_id)  # it may have gone while the picture was decoded
            event_id = result.topic.event_id
            image = await ResultImage.create(
                result_id=result_id, position=await _end_of(ResultImage.filter(result_id=result_id)), alt=alt,
                alt_en=alt_en, **stored.__dict__,
            )
            await record(staff, event_id, "image_add", detail=f"image #{image.id} result #{result_id}")
            await publication.publish(Signal(RESULTS, event_id, {"result_id": result_id}))
    except BaseException:
        discard(stored)
        raise
    return image


async def update_image_alt(
    actor: StaffAccount | None, image_id: int, alt: str, *, alt_en: str | None = None
) -> ResultImage:
    """`alt_en` None keeps the English alt text as it is."""
    staff = await _organiser(actor)
    alt = _alt_text(alt)
    english = None if alt_en is None else _alt_text_en(alt_en)
    async with bus().transaction() as publication:
        image, event_id = await _image_with_event(image_id)
        image.alt = alt
        if english is not None:
            image.alt_en = english
        await image.save(update_fields=["alt", "alt_en"])
        await record(staff, event_id, "image_alt", detail=f"image #{image_id}")
        await publication.publish(Signal(RESULTS, event_id, {"result_id": image.result.id}))
    return image


async def delete_image(actor: StaffAccount | None, image_id: int) -> None:
    staff = await _organiser(actor)
    async with bus().transaction() as publication:
        image, event_id = await _image_with_event(image_id)
        await image.delete()
        await record(staff, event_id, "image_delete", detail=f"image #{image_id}")
        await publication.publish(Signal(RESULTS, event_id, {"result_id": image.result.id}))
    discard(stored_image(image))


async def move_image(actor: StaffAccount | None, image_id: int, direction: int) -> bool:
    """One place earlier (direction < 0) or later; the first picture is the gallery's thumbnail."""
    staff = await _organiser(actor)
    async with bus().transaction() as publication:
        image, event_id = await _image_with_event(image_id)
        result_id = image.result.id
        siblings = list(await ResultImage.filter(result_id=result_id).select_for_update().order_by("position", "id"))
        return await _move_logged(
            publication, staff, event_id, siblings, image_id, direction, what="image", shown_in={"result_id": result_id}
        )


def stored_image(image: ResultImage) -> StoredImage:
    """The files of a stored picture, as core.media.discard takes them."""
    return StoredImage(
        image.file_name, image.thumb_name, image.width, image.height, image.thumb_width, image.thumb_height
    )


# --- organisers: what the results tab lists -------------------------------------------------------
@dataclass(frozen=True)
class TopicResults:
    topic: Topic
    results: list[Result]
    picture_counts: dict[int, int]


async def results_by_topic(event_id: int) -> list[TopicResults]:
    """Every topic of the event with its results in order, and how many pictures each has (three
    queries in all)."""
    topics = await Topic.filter(event_id=event_id).order_by("position", "id")
    results = await Result.filter(topic__event_id=event_id).order_by("position", "id")
    rows = await (
        ResultImage.filter(result__topic__event_id=event_id)
        .annotate(count=Count("id")).group_by("result_id").values("result_id", "count")
    )
    counts = {int(row["result_id"]): int(row["count"]) for row in rows}
    by_topic: dict[int, list[Result]] = {topic.id: [] for topic in topics}
    for result in results:
        by_topic.setdefault(result.topic_id, []).append(result)
    return [
        TopicResults(topic, by_topic[topic.id], {result.id: counts.get(result.id, 0) for result in by_topic[topic.id]})
        for topic in topics
    ]


async def result_images(result_id: int) -> list[ResultImage]:
    return list(await ResultImage.filter(result_id=result_id).order_by("position", "id"))


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
        first_pictures[image.result_id] = image  # the lowest position wins
    counts = await contribution_counts(event_id)
    return [
        ResultCard(
            id=result.id, title=result.title, summary=result.summary, topic_id=result.topic.id,
            topic=result.topic.name, colour=result.topic.colour,
            title_en=result.title_en, summary_en=result.summary_en, topic_en=result.topic.name_en,
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
    """Results whose title, summary or text (German or English) contain every word of `query`,
    ignoring case.

    Matched here rather than with SQL LIKE: SQLite folds only ASCII, and "Bäume" must find "BÄUME".
    An event has a few hundred results at most, so reading their texts once per search is cheap.
    """
    # cut before cleaning: a megabyte typed into the search box costs no more than a line
    words = clean_text(query[:raw_limit(SEARCH_MAX_LENGTH)], multiline=False)[:SEARCH_MAX_LENGTH].casefold().split()
    rows = await Result.filter(topic__event_id=event_id).order_by("id").values_list(
        "id", "title", "summary", "body", "title_en", "summary_en", "body_en"
    )
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
    event = await Event.get(id=result.topic.event_id)
    images = await ResultImage.filter(result_id=result_id).order_by("position", "id")
    agenda_item = result.agenda_item
    return ResultDetail(
        result=result, topic=result.topic, pictures=[_picture(image) for image in images],
        agenda_title=agenda_item.title if agenda_item is not None else None, event=event,
        agenda_title_en=agenda_item.title_en if agenda_item is not None else "",
    )



# --- after a gap on the bus (core.signals) ----------------------------------------------------
async def results_since(since: datetime) -> list[Signal]:
    """The events whose topics, results or pictures organisers changed since `since`, found by
    the audit entries every such change writes (RESULT_ACTIONS), deletions included."""
    changed = await ModerationLogEntry.filter(action__in=RESULT_ACTIONS, created_at__gte=since).order_by(
        "id"
    ).values_list("event_id", flat=True)
    return [Signal(RESULTS, int(event_id), {}) for event_id in dict.fromkeys(changed)]  # type: ignore[call-overload]


register_kind(RESULTS, catch_up=results_since)
