"""What organisers do with topics, results and pictures: edit, delete, reorder, upload, and the
refusals (role, bad pictures, missing alt text) that leave everything as it was."""

from __future__ import annotations

import re
from io import BytesIO

import pytest
from PIL import Image

import features.results.service as results_service
from core import media
from core.errors import NotFound, ServiceError
from core.media import media_dir, stored_path
from features.contributions.service import post_comment
from features.results.service import (
    RESULT_BODY_MAX_LENGTH,
    add_result_image,
    create_result,
    create_topic,
    delete_image,
    delete_result,
    delete_topic,
    gallery,
    load_result,
    move_image,
    move_result,
    move_topic,
    results_by_topic,
    update_image_alt,
    update_result,
    update_topic,
)
from models.contribution import Contribution
from models.moderation import ModerationLogEntry
from models.result import ALT_TEXT_MAX_LENGTH, Result, ResultImage, Topic
from models.staff import Role, StaffAccount
from tests.support.database import ROOT
from tests.support.factories import a_result, make_event, organiser, png_bytes

GPS = 0x8825


def image_bytes(image_format: str, size: tuple[int, int] = (640, 400), **options: object) -> bytes:
    buffer = BytesIO()
    Image.new("RGB", size, "teal").save(buffer, image_format, **options)
    return buffer.getvalue()


def jpeg_with_gps() -> bytes:
    """A camera photo as it comes from a phone: where it was taken, the camera, and a comment."""
    exif = Image.Exif()
    exif[0x010F] = "Telefonhersteller"
    exif[0x0110] = "Telefon 12"
    exif[GPS] = {1: "N", 2: (51.0, 30.0, 51.0), 3: "E", 4: (7.0, 27.0, 54.0)}
    data = image_bytes("JPEG", exif=exif.tobytes(), comment=b"Wohnung von Frau M.")
    with Image.open(BytesIO(data)) as check:  # the test picture really carries it
        assert check.getexif().get_ifd(GPS)[2] == (51.0, 30.0, 51.0) and check.info["comment"]
    return data


def media_files() -> set[str]:
    return {path.name for path in media_dir().iterdir()}


async def actions() -> list[str]:
    return list(await ModerationLogEntry.all().order_by("id").values_list("action", flat=True))


async def test_topics_are_added_at_the_end_edited_and_moved_one_place(db) -> None:
    event, _, _ = await a_result()
    orga = await organiser()
    first = await Topic.get(name="Mobilität")
    second = await create_topic(orga, event.id, "Wohnen", "#9A3412")
    third = await create_topic(orga, event.id, "Grün", "#166534")
    assert (second.position, third.position, second.colour) == (1, 2, "#9a3412")
    assert await move_topic(orga, third.id, -1)
    assert [t.name for t in await Topic.all().order_by("position")] == ["Mobilität", "Grün", "Wohnen"]
    assert not await move_topic(orga, first.id, -1)  # already first: nothing changes
    assert not await move_topic(orga, second.id, +1)
    assert await move_topic(orga, first.id, +1)
    assert [t.name for t in await Topic.all().order_by("position")] == ["Grün", "Mobilität", "Wohnen"]
    changed = await update_topic(orga, second.id, "  Wohnen im Quartier ", "#1D4ED8")
    assert (changed.name, changed.colour) == ("Wohnen im Quartier", "#1d4ed8")
    for name, colour, key in (("", "#123456", "topic.bad_name"), ("x" * 121, "#123456", "topic.bad_name"),
                              ("Gut", "red", "topic.bad_colour"), ("Gut", "#12345g", "topic.bad_colour")):
        with pytest.raises(ServiceError) as refused:
            await update_topic(orga, second.id, name, colour)
        assert refused.value.key == key
    assert (await Topic.get(id=second.id)).name == "Wohnen im Quartier"
    assert await actions() == ["topic_create", "result_create", "topic_create", "topic_create", "topic_move",
                               "topic_move", "topic_edit"]
    entry = await ModerationLogEntry.filter(action="topic_edit").first()
    assert entry.staff_name == "Orga" and entry.detail == f"topic #{second.id}"


async def test_a_topic_with_results_is_kept_until_they_moved_elsewhere(db) -> None:
    event, _, result = await a_result()
    orga = await organiser()
    topic = await Topic.get(name="Mobilität")
    with pytest.raises(ServiceError) as refused:
        await delete_topic(orga, topic.id)
    assert (refused.value.key, refused.value.params) == ("topic.has_results", {"count": 1})
    assert await Result.exists(id=result.id) and await Topic.exists(id=topic.id)
    other = await create_topic(orga, event.id, "Verkehr")
    await update_result(orga, result.id, topic_id=other.id, title=result.title)
    await delete_topic(orga, topic.id)
    assert not await Topic.exists(id=topic.id)
    assert (await Result.get(id=result.id)).topic_id == other.id
    assert "topic_delete" in await actions()
    with pytest.raises(NotFound):
        await delete_topic(orga, topic.id)


async def test_results_are_edited_moved_to_another_topic_and_reordered(db) -> None:
    event, items, first = await a_result()
    orga = await organiser()
    topic = await Topic.get(name="Mobilität")
    second = await create_result(orga, topic.id, "Zweites")
    third = await create_result(orga, topic.id, "Drittes")
    assert (first.position, second.position, third.position) == (0, 1, 2)
    assert await move_result(orga, third.id, -1)
    assert [r.title for r in (await results_by_topic(event.id))[0].results] == [
        "Der Wall als Boulevard", "Drittes", "Zweites"
    ]
    assert not await move_result(orga, first.id, -1)
    changed = await update_result(orga, first.id, topic_id=topic.id, title=" Neu ", summary="Kurz\nund gut",
                                  body="Lang", agenda_item_id=items[2].id)
    assert (changed.title, changed.summary, changed.body, changed.agenda_item_id) == (
        "Neu", "Kurz\nund gut", "Lang", items[2].id)
    other = await create_topic(orga, event.id, "Wohnen")
    moved = await update_result(orga, second.id, topic_id=other.id, title="Zweites")
    assert (moved.topic_id, moved.position) == (other.id, 0)
    overview = await results_by_topic(event.id)
    assert [[r.title for r in group.results] for group in overview] == [["Neu", "Drittes"], ["Zweites"]]
    refusals = (
        ({"title": ""}, ServiceError, "result.bad_title"),
        ({"title": "x" * 201}, ServiceError, "result.bad_title"),
        ({"title": "T", "summary": "x" * 501}, ServiceError, "result.summary_too_long"),
        ({"title": "T", "body": "x" * (RESULT_BODY_MAX_LENGTH + 1)}, ServiceError, "result.body_too_long"),
        ({"title": "T", "agenda_item_id": 999_999}, NotFound, "agenda_item_not_found"),
    )
    for fields, kind, key in refusals:
        with pytest.raises(kind) as refused:
            await update_result(orga, first.id, topic_id=topic.id, **fields)
        assert refused.value.key == key
    elsewhere = await Topic.create(event=await a_second_event(), name="Fremd")
    with pytest.raises(NotFound):
        await update_result(orga, first.id, topic_id=elsewhere.id, title="T")
    assert (await Result.get(id=first.id)).title == "Neu"


async def a_second_event():
    event, _ = await make_event("Andere Konferenz")
    return event


async def test_deleting_a_result_keeps_what_people_wrote_and_removes_its_picture_files(db) -> None:
    event, _, result = await a_result()
    orga = await organiser()
    comment = await post_comment(result.id, "a", "Gute Idee")
    image = await add_result_image(orga, result.id, png_bytes(), "Eine rote Fläche")
    assert stored_path(image.file_name) and stored_path(image.thumb_name)
    await delete_result(orga, result.id)
    assert not await Result.exists(id=result.id) and not await ResultImage.exists(id=image.id)
    kept = await Contribution.get(id=comment.id)
    assert kept.result_id is None and kept.text == "Gute Idee"
    assert media_files() == set()
    assert await load_result(result.id) is None and await gallery(event.id) == []
    assert (await actions())[-1] == "result_delete"


async def test_pictures_go_to_the_end_get_new_alt_text_move_and_are_deleted_with_their_files(db) -> None:
    event, _, result = await a_result()
    orga = await organiser()
    first = await add_result_image(orga, result.id, png_bytes(), "Erstes Bild")
    second = await add_result_image(orga, result.id, image_bytes("WEBP"), "Zweites Bild")
    third = await add_result_image(orga, result.id, image_bytes("JPEG"), "Drittes Bild")
    assert (first.position, second.position, third.position) == (0, 1, 2)
    assert (await gallery(event.id))[0].thumb.alt == "Erstes Bild"
    assert await move_image(orga, third.id, -1) and await move_image(orga, third.id, -1)
    assert not await move_image(orga, third.id, -1)
    detail = await load_result(result.id)
    assert [p.alt for p in detail.pictures] == ["Drittes Bild", "Erstes Bild", "Zweites Bild"]
    assert (await gallery(event.id))[0].thumb.alt == "Drittes Bild"  # the first picture is the thumbnail
    await update_image_alt(orga, first.id, "  Ein roter Platz  ")
    assert (await ResultImage.get(id=first.id)).alt == "Ein roter Platz"
    for alt in ("", "   ", "x" * (ALT_TEXT_MAX_LENGTH + 1)):
        with pytest.raises(ServiceError) as refused:
            await update_image_alt(orga, first.id, alt)
        assert refused.value.key == "image.bad_alt"
    assert (await ResultImage.get(id=first.id)).alt == "Ein roter Platz"
    await delete_image(orga, third.id)
    assert stored_path(third.file_name) is None and stored_path(third.thumb_name) is None
    assert stored_path(first.file_name) is not None
    assert [p.alt for p in (await load_result(result.id)).pictures] == ["Ein roter Platz", "Zweites Bild"]
    with pytest.raises(NotFound):
        await delete_image(orga, third.id)
    assert [a for a in await actions() if a.startswith("image")] == [
        "image_add", "image_add", "image_add", "image_move", "image_move", "image_alt", "image_delete"
    ]


async def test_a_phone_photo_loses_its_location_and_every_other_metadata(db) -> None:
    _, _, result = await a_result()
    image = await add_result_image(await organiser(), result.id, jpeg_with_gps(), "Ein Foto")
    for name in (image.file_name, image.thumb_name):
        with Image.open(stored_path(name)) as stored:
            assert stored.format == "JPEG"
            assert len(stored.getexif()) == 0 and stored.getexif().get_ifd(GPS) == {}
            assert "exif" not in stored.info and "comment" not in stored.info
            raw = stored_path(name).read_bytes()
            assert b"Telefon" not in raw and b"Frau M." not in raw


@pytest.mark.parametrize(
    ("data", "alt", "key"),
    [
        (b"Das ist nur Text, auch wenn die Datei foto.jpg heisst.", "Ein Foto", "image.not_an_image"),
        (image_bytes("JPEG")[:400], "Ein Foto", "image.not_an_image"),  # cut off in the middle
        (image_bytes("GIF"), "Ein Foto", "image.unsupported"),
        (image_bytes("BMP"), "Ein Foto", "image.unsupported"),
        (image_bytes("TIFF"), "Ein Foto", "image.unsupported"),
        (png_bytes(), "", "image.bad_alt"),
        (png_bytes(), " \n\t ", "image.bad_alt"),
        (png_bytes(), "x" * (ALT_TEXT_MAX_LENGTH + 1), "image.bad_alt"),
    ],
    ids=["text-named-jpg", "truncated-jpeg", "gif", "bmp", "tiff", "no-alt", "blank-alt", "alt-too-long"],
)
async def test_bad_pictures_and_missing_alt_text_store_nothing(db, data: bytes, alt: str, key: str) -> None:
    _, _, result = await a_result()
    with pytest.raises(ServiceError) as refused:
        await add_result_image(await organiser(), result.id, data, alt)
    assert refused.value.key == key
    assert await ResultImage.all().count() == 0 and media_files() == set()
    assert "image_add" not in await actions()


async def test_a_picture_over_the_limit_is_refused_before_it_is_decoded(db, monkeypatch) -> None:
    _, _, result = await a_result()
    data = png_bytes()
    monkeypatch.setattr(media, "MAX_UPLOAD_BYTES", len(data) - 1)
    decoded = []
    monkeypatch.setattr(media, "store_image", lambda data: decoded.append(data))
    with pytest.raises(ServiceError) as refused:
        await add_result_image(await organiser(), result.id, data, "Ein Bild")
    assert refused.value.key == "image.too_large" and decoded == []
    with pytest.raises(ServiceError) as refused:
        media.check_upload_size(len(data))
    assert refused.value.key == "image.too_large"
    media.check_upload_size(len(data) - 1)
    assert await ResultImage.all().count() == 0 and media_files() == set()


async def test_a_picture_with_too_many_pixels_is_refused(db) -> None:
    _, _, result = await a_result()
    huge = image_bytes("PNG", (8000, 5001))  # one colour: a small file, 40 million pixels
    with pytest.raises(ServiceError) as refused:
        await add_result_image(await organiser(), result.id, huge, "Riesig")
    assert refused.value.key == "image.too_many_pixels"
    assert media_files() == set()


async def test_a_picture_for_a_result_deleted_meanwhile_leaves_no_files(db, monkeypatch) -> None:
    _, _, result = await a_result()
    orga = await organiser()
    original = results_service.store_image_async

    async def decoded_while_the_result_goes(data: bytes) -> media.StoredImage:
        stored = await original(data)
        assert stored_path(stored.file_name) is not None
        await Result.filter(id=result.id).delete()
        return stored

    monkeypatch.setattr(results_service, "store_image_async", decoded_while_the_result_goes)
    with pytest.raises(NotFound):
        await add_result_image(orga, result.id, png_bytes(), "Ein Bild")
    assert media_files() == set() and await ResultImage.all().count() == 0


@pytest.mark.parametrize("role", [None, Role.MODERATOR, "inactive organiser"])
async def test_only_organisers_change_results(db, role) -> None:
    event, _, result = await a_result()
    orga = await organiser()
    image = await add_result_image(orga, result.id, png_bytes(), "Ein Bild")
    topic = await Topic.get(name="Mobilität")
    if role is None:
        actor = None
    elif role == Role.MODERATOR:
        actor = await StaffAccount.create(name="Mo", role=Role.MODERATOR, password_hash="-")
    else:  # an organiser whose account was switched off after the page was opened
        actor = await organiser("Ex")
        await StaffAccount.filter(id=actor.id).update(active=False)
    before = (await actions(), media_files())
    attempts = (
        lambda: create_topic(actor, event.id, "Neu"),
        lambda: update_topic(actor, topic.id, "Anders", "#000000"),
        lambda: delete_topic(actor, topic.id),
        lambda: move_topic(actor, topic.id, 1),
        lambda: create_result(actor, topic.id, "Neu"),
        lambda: update_result(actor, result.id, topic_id=topic.id, title="Anders"),
        lambda: delete_result(actor, result.id),
        lambda: move_result(actor, result.id, 1),
        lambda: add_result_image(actor, result.id, png_bytes(), "Noch eins"),
        lambda: update_image_alt(actor, image.id, "Anders"),
        lambda: move_image(actor, image.id, 1),
        lambda: delete_image(actor, image.id),
    )
    for attempt in attempts:
        with pytest.raises(ServiceError) as refused:
            await attempt()
        assert refused.value.key == "forbidden"
    assert (await actions(), media_files()) == before
    assert [t.name for t in await Topic.all()] == ["Mobilität"]
    assert [r.title for r in await Result.all()] == ["Der Wall als Boulevard"]
    assert [i.alt for i in await ResultImage.all()] == ["Ein Bild"]


def test_the_proxy_lets_a_picture_at_the_limit_through() -> None:
    """nginx answers 413 before the app can explain anything: its limit must be above the app's."""
    config = (ROOT / "deploy" / "nginx.conf").read_text()
    megabytes = int(re.search(r"client_max_body_size (\d+)m;", config).group(1))
    assert megabytes * 1024 * 1024 > media.MAX_UPLOAD_BYTES
