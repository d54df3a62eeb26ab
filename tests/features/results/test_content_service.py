"""English versions of topics, results and alt texts in the results service: optional, cleaned
and limited like the German, kept when an update does not name them, refused with nothing
changed when too long, and found by the search."""

from __future__ import annotations

import pytest

from core.errors import ServiceError
from features.results import service
from models.result import Result, ResultImage, Topic
from tests.support.factories import a_result, organiser, png_bytes


async def test_topic_names_carry_an_english_version(db) -> None:
    event, _, _ = await a_result()
    orga = await organiser()
    topic = await service.create_topic(orga, event.id, "Grün", "#15803d", name_en="  Green\u202e ")
    assert (await Topic.get(id=topic.id)).name_en == "Green"
    await service.update_topic(orga, topic.id, "Grün und Blau", "#15803d")  # English not named: kept
    assert (await Topic.get(id=topic.id)).name_en == "Green"
    await service.update_topic(orga, topic.id, "Grün", "#15803d", name_en="")
    assert (await Topic.get(id=topic.id)).name_en == ""
    with pytest.raises(ServiceError) as refused:
        await service.update_topic(orga, topic.id, "Anders", "#15803d", name_en="x" * 121)
    assert refused.value.key == "topic.name_en_too_long"
    assert (await Topic.get(id=topic.id)).name == "Grün"


async def test_results_carry_english_texts_and_the_search_finds_them(db) -> None:
    event, _, result = await a_result()
    orga = await organiser()
    await service.update_result(
        orga, result.id, topic_id=result.topic_id, title=result.title, summary="Kurz", body="Radweg",
        title_en="The Wall as a boulevard", summary_en="Short", body_en="Cycle lane\r\nand trees",
    )
    stored = await Result.get(id=result.id)
    assert (stored.title_en, stored.summary_en, stored.body_en) == (
        "The Wall as a boulevard", "Short", "Cycle lane\nand trees"
    )
    assert await service.search_result_ids(event.id, "boulevard trees") == [result.id]
    await service.update_result(orga, result.id, topic_id=result.topic_id, title="Neu")  # English kept
    assert (await Result.get(id=result.id)).title_en == "The Wall as a boulevard"
    created = await service.create_result(orga, result.topic_id, "Zweites", title_en="Second")
    assert (await Result.get(id=created.id)).title_en == "Second"


@pytest.mark.parametrize(("change", "key"), [
    ({"title_en": "x" * 201}, "result.title_en_too_long"),
    ({"summary_en": "x" * 501}, "result.summary_en_too_long"),
    ({"body_en": "x" * (service.RESULT_BODY_MAX_LENGTH + 1)}, "result.body_en_too_long"),
])
async def test_too_long_english_result_texts_are_refused_and_nothing_changes(db, change, key) -> None:
    _, _, result = await a_result()
    with pytest.raises(ServiceError) as refused:
        await service.update_result(await organiser(), result.id, topic_id=result.topic_id, title="Geändert",
                                    **change)
    assert refused.value.key == key
    assert (await Result.get(id=result.id)).title == "Der Wall als Boulevard"


async def test_pictures_carry_an_english_alt_text(db) -> None:
    _, _, result = await a_result()
    orga = await organiser()
    image = await service.add_result_image(orga, result.id, png_bytes(), "Skizze", alt_en=" Sketch ")
    assert (await ResultImage.get(id=image.id)).alt_en == "Sketch"
    await service.update_image_alt(orga, image.id, "Skizze vom Wall")  # English not named: kept
    assert (await ResultImage.get(id=image.id)).alt_en == "Sketch"
    await service.update_image_alt(orga, image.id, "Skizze", alt_en="Sketch of the Wall")
    detail = await service.load_result(result.id)
    assert detail is not None and detail.pictures[0].alt_en == "Sketch of the Wall"
    with pytest.raises(ServiceError) as refused:
        await service.update_image_alt(orga, image.id, "Neu", alt_en="x" * 301)
    assert refused.value.key == "image.alt_en_too_long"
    assert (await ResultImage.get(id=image.id)).alt == "Skizze"
    with pytest.raises(ServiceError):
        await service.add_result_image(orga, result.id, png_bytes(), "Zweites", alt_en="x" * 301)
    assert await ResultImage.filter(result_id=result.id).count() == 1
