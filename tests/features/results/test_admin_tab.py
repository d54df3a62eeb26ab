"""/admin, tab "Ergebnisse", with a simulated organiser: topics, results and pictures are created,
edited, moved and deleted; uploads are checked on the server; every text comes back as text."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from io import BytesIO

import pytest
from nicegui import ui
from nicegui.elements.upload_files import SmallFileUpload
from nicegui.testing import User
from PIL import Image

import features.results.service as results_service
from core import media
from features.contributions.service import post_comment
from features.results.results_gallery import ResultsGallery
from models.contribution import Contribution
from models.result import Result, ResultImage, Topic
from models.staff import Role, StaffAccount, StaffSession
from tests.support.staff import sign_in
from tests.support.user import element
from tests.support.xss import XSS_CORPUS

pytestmark = pytest.mark.usefixtures("no_sign_in_delay")

MAX_MB = media.MAX_UPLOAD_BYTES // (1024 * 1024)


def picture(image_format: str = "PNG", size: tuple[int, int] = (900, 600)) -> bytes:
    buffer = BytesIO()
    Image.new("RGB", size, "orange").save(buffer, image_format)
    return buffer.getvalue()


async def until(check: Callable[[], Awaitable[bool] | bool], timeout: float = 3.0) -> bool:
    """True as soon as `check` holds (click handlers run as tasks of their own)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        outcome = check()
        if isinstance(outcome, Awaitable):
            outcome = await outcome
        if outcome or loop.time() > deadline:
            return bool(outcome)
        await asyncio.sleep(0.02)


async def gone(model: type, pk: int) -> bool:
    return not await model.exists(id=pk)


async def open_tab(user: User) -> None:
    await sign_in(user, "Orga", Role.ORGANISER)
    await user.open("/admin?tab=results")
    await user.should_see(marker="admin-results")


def texts(user: User, marker: str) -> list[str]:
    return [item.text for item in sorted(user.find(marker=marker).elements, key=lambda e: e.id)]


def alert(user: User, marker: str = "admin-results-alert") -> str:
    return element(user, marker).text


def fill(user: User, marker: str, value: str) -> None:
    field = element(user, marker)
    with user:
        field.set_value(value)


def media_images(user: User) -> list[ui.element]:
    return [e for e in user.client.elements.values() if e.tag == "img" and e.props.get("src", "").startswith("/media/")]


async def gallery_cards(user: User) -> list[dict]:
    await user.open("/results")
    return next(iter(user.find(ResultsGallery).elements))._props["cards"]


async def first_result(topic_name: str = "Mobilität") -> Result:
    return await Result.filter(topic__name=topic_name).order_by("position", "id").first()


async def test_topics_are_added_edited_moved_and_deleted(user: User) -> None:
    await open_tab(user)
    assert len(texts(user, "topic-name")) == 6  # the demo's theme tables
    fill(user, "new-topic-name", "  Klima  ")
    fill(user, "new-topic-colour", "#0F766E")
    user.find(marker="create-topic").click()
    assert await until(lambda: Topic.exists(name="Klima"))
    topic = await Topic.get(name="Klima")
    assert topic.colour == "#0f766e" and topic.position == 6
    assert await until(lambda: texts(user, "topic-name")[-1] == "Klima")
    assert element(user, f"topic-{topic.id}-down").enabled is False
    user.find(marker=f"topic-{topic.id}-up").click()
    assert await until(lambda: texts(user, "topic-name")[-2:] == ["Klima", "Kultur und Freizeit"])
    user.find(marker=f"topic-{topic.id}-edit").click()
    await user.should_see("Thema bearbeiten")
    fill(user, "topic-name-input", "")
    user.find(marker="dialog-confirm").click()
    assert await until(lambda: alert(user, "dialog-alert") == "Der Name des Themas muss 1 bis 120 Zeichen lang sein.")
    assert (await Topic.get(id=topic.id)).name == "Klima"
    fill(user, "topic-name-input", "Klima und Hitze")
    user.find(marker="dialog-confirm").click()
    assert await until(lambda: "Klima und Hitze" in texts(user, "topic-name"))
    user.find(marker=f"topic-{topic.id}-delete").click()
    await user.should_see("Thema „Klima und Hitze“ löschen?")
    user.find(marker="dialog-confirm").click()
    assert await until(lambda: gone(Topic, topic.id))
    assert await until(lambda: "Klima und Hitze" not in texts(user, "topic-name"))
    await user.should_see("„Klima und Hitze“ ist gelöscht.")


async def test_a_topic_with_results_is_not_deleted_and_the_page_says_why(user: User) -> None:
    await open_tab(user)
    topic = await Topic.get(name="Mobilität")
    count = await Result.filter(topic=topic).count()
    user.find(marker=f"topic-{topic.id}-delete").click()
    message = (f"Dieses Thema hat noch Ergebnisse ({count}). "
               "Ordnen Sie sie zuerst einem anderen Thema zu oder löschen Sie sie.")
    assert await until(lambda: alert(user) == message)
    assert await Topic.exists(id=topic.id) and await Result.filter(topic=topic).count() == count


async def test_results_are_added_edited_moved_and_deleted_and_comments_stay(user: User) -> None:
    await open_tab(user)
    topic = await Topic.get(name="Mobilität")
    fill(user, f"topic-{topic.id}-new-result", "Die Seilbahn")
    user.find(marker=f"topic-{topic.id}-create-result").click()
    assert await until(lambda: Result.exists(title="Die Seilbahn"))
    result = await Result.get(title="Die Seilbahn")
    assert await until(lambda: texts(user, "result-title").count("Die Seilbahn") == 1)
    user.find(marker=f"result-{result.id}-up").click()
    assert await until(lambda: _titles_of(topic.id, "Die Seilbahn"))
    other = await Topic.get(name="Wohnen und Quartiere")
    user.find(marker=f"result-{result.id}-edit").click()
    await user.should_see("Ergebnis bearbeiten")
    fill(user, "result-title-input", "Die Seilbahn über den Hafen")
    fill(user, "result-summary-input", "Kurz gesagt")
    fill(user, "result-body-input", "Erste Zeile\nZweite Zeile")
    fill(user, "result-topic-input", other.id)
    user.find(marker="dialog-confirm").click()
    assert await until(lambda: Result.exists(title="Die Seilbahn über den Hafen", topic_id=other.id))
    assert await until(lambda: "Die Seilbahn über den Hafen" in texts(user, "result-title"))  # the list is rebuilt
    changed = await Result.get(id=result.id)
    assert (changed.summary, changed.body) == ("Kurz gesagt", "Erste Zeile\nZweite Zeile")
    comment = await post_comment(result.id, "besucherin", "Toll!")
    user.find(marker=f"result-{result.id}-delete").click()
    await user.should_see("Ergebnis „Die Seilbahn über den Hafen“ löschen?")
    user.find(marker="dialog-cancel").click()
    assert await Result.exists(id=result.id)
    user.find(marker=f"result-{result.id}-delete").click()
    user.find(marker="dialog-confirm").click()
    assert await until(lambda: gone(Result, result.id))
    kept = await Contribution.get(id=comment.id)
    assert kept.result_id is None and kept.text == "Toll!"
    assert await until(lambda: "Die Seilbahn über den Hafen" not in texts(user, "result-title"))


async def _titles_of(topic_id: int, title: str) -> bool:
    titles = [r.title for r in await Result.filter(topic_id=topic_id).order_by("position", "id")]
    return titles[-2] == title


async def open_pictures(user: User, result: Result) -> None:
    user.find(marker=f"result-{result.id}-pictures").click()
    await user.should_see(f"Bilder von „{result.title}“")


async def upload(user: User, data: bytes, name: str = "foto.jpg", content_type: str = "image/jpeg") -> None:
    """What the browser's upload does: the file reaches the panel's handler (as NiceGUI's own tests)."""
    uploader = next(iter(user.find(ui.upload).elements))
    with user:
        await uploader.handle_uploads([SmallFileUpload(name, content_type, data)])


async def test_an_uploaded_picture_appears_in_the_gallery_and_on_the_result_page_with_its_alt_text(
    user: User,
) -> None:
    await open_tab(user)
    result = await first_result()
    before = await ResultImage.filter(result=result).count()
    await open_pictures(user, result)
    uploader = next(iter(user.find(ui.upload).elements))
    assert uploader.props["max-file-size"] == media.MAX_UPLOAD_BYTES  # the browser refuses larger files too
    assert "image/webp" in uploader.props["accept"]
    fill(user, "new-picture-alt", "Skizze: eine Seilbahn über dem Hafen")
    # through the real upload route, as a browser sends it
    response = await user.http_client.post(
        uploader.props["url"], files={"file": ("seilbahn.png", picture(), "image/png")}
    )
    assert response.status_code == 200
    assert await until(lambda: ResultImage.exists(alt="Skizze: eine Seilbahn über dem Hafen"))
    image = await ResultImage.get(alt="Skizze: eine Seilbahn über dem Hafen")
    assert image.position == before and image.result_id == result.id
    await user.should_see("Das Bild ist gespeichert.")
    assert await until(lambda: element(user, "new-picture-alt").value == "")
    await user.should_see(marker=f"picture-{image.id}")
    # make it the first picture: it becomes the gallery's thumbnail
    for _ in range(before):
        user.find(marker=f"picture-{image.id}-up").click()
        await asyncio.sleep(0.2)
    assert await until(lambda: _is_first(image))
    cards = await gallery_cards(user)
    card = next(card for card in cards if card["id"] == result.id)
    assert card["thumb"]["alt"] == "Skizze: eine Seilbahn über dem Hafen"
    assert card["thumb"]["thumb_url"] == f"/media/{image.thumb_name}"
    await user.open(f"/results/{result.id}")
    pictures = sorted(user.find(marker="picture").elements, key=lambda e: e.id)
    assert pictures[0].props["aria-label"].endswith("Skizze: eine Seilbahn über dem Hafen")
    shown = [e for e in media_images(user) if e.props["src"] == f"/media/{image.file_name}"]
    assert shown and all(e.props["alt"] == "Skizze: eine Seilbahn über dem Hafen" for e in shown)
    response = await user.http_client.get(f"/media/{image.file_name}")
    assert response.status_code == 200 and response.headers["content-type"] == "image/jpeg"


async def _is_first(image: ResultImage) -> bool:
    first = await ResultImage.filter(result_id=image.result_id).order_by("position", "id").first()
    return first.id == image.id


@pytest.mark.parametrize(
    ("data", "name", "alt", "message"),
    [
        (b"Nur Text, kein Bild.", "foto.jpg", "Ein Foto",
         "Diese Datei ist kein lesbares Bild (vielleicht nur umbenannt oder beschädigt). "
         "Bitte laden Sie ein JPEG-, PNG- oder WebP-Bild hoch."),
        (picture("GIF"), "bild.gif", "Ein Bild",
         "Dieses Bildformat wird nicht angenommen. Bitte laden Sie ein JPEG-, PNG- oder WebP-Bild hoch."),
        (picture("BMP"), "bild.png", "Ein Bild",
         "Dieses Bildformat wird nicht angenommen. Bitte laden Sie ein JPEG-, PNG- oder WebP-Bild hoch."),
        (picture(), "bild.png", "   ", "Bitte beschreiben Sie das Bild in 1 bis 300 Zeichen (Alternativtext)."),
        (picture(), "bild.png", "x" * 301, "Bitte beschreiben Sie das Bild in 1 bis 300 Zeichen (Alternativtext)."),
    ],
    ids=["text-named-jpg", "gif", "bmp-named-png", "no-alt", "alt-too-long"],
)
async def test_bad_uploads_are_explained_and_store_nothing(
    user: User, data: bytes, name: str, alt: str, message: str
) -> None:
    await open_tab(user)
    result = await first_result()
    images, files = await ResultImage.all().count(), set(media.media_dir().iterdir())
    await open_pictures(user, result)
    fill(user, "new-picture-alt", alt)
    await upload(user, data, name)
    assert await until(lambda: alert(user, "dialog-alert") == message)
    assert await ResultImage.all().count() == images and set(media.media_dir().iterdir()) == files


async def test_a_file_over_the_limit_is_refused_on_the_server_before_it_is_read(user: User, monkeypatch) -> None:
    await open_tab(user)
    result = await first_result()
    images, files = await ResultImage.all().count(), set(media.media_dir().iterdir())
    await open_pictures(user, result)
    data = picture()
    monkeypatch.setattr(media, "MAX_UPLOAD_BYTES", len(data) - 1)
    read = []

    class Watched(SmallFileUpload):
        async def read(self) -> bytes:
            read.append(True)
            return await super().read()

    fill(user, "new-picture-alt", "Ein Bild")
    uploader = next(iter(user.find(ui.upload).elements))
    with user:
        await uploader.handle_uploads([Watched("gross.jpg", "image/jpeg", data)])
    limit = (len(data) - 1) // (1024 * 1024)
    assert await until(lambda: alert(user, "dialog-alert") == f"Das Bild ist zu groß (höchstens {limit} MB).")
    assert read == []
    assert await ResultImage.all().count() == images and set(media.media_dir().iterdir()) == files


async def test_a_spinner_shows_while_the_picture_is_processed(user: User, monkeypatch) -> None:
    await open_tab(user)
    result = await first_result()
    await open_pictures(user, result)
    release = asyncio.Event()
    real = results_service.store_image_async

    async def slow(data: bytes) -> media.StoredImage:
        await release.wait()
        return await real(data)

    monkeypatch.setattr(results_service, "store_image_async", slow)
    fill(user, "new-picture-alt", "Ein großes Foto")
    uploader = next(iter(user.find(ui.upload).elements))
    with user:
        await uploader.handle_uploads([SmallFileUpload("gross.jpg", "image/jpeg", picture("JPEG", (3000, 2000)))])
    await user.should_see("Das Bild wird geprüft und verkleinert …")
    release.set()
    assert await until(lambda: element(user, "admin-results-status").text == "Das Bild ist gespeichert.", 10)
    await user.should_not_see("Das Bild wird geprüft und verkleinert …")
    assert await ResultImage.exists(alt="Ein großes Foto")


async def test_a_file_the_browser_refused_is_explained(user: User) -> None:
    await open_tab(user)
    await open_pictures(user, await first_result())
    user.find(ui.upload).trigger("rejected")
    expected = (f"Diese Datei wurde nicht angenommen: Sie ist größer als {MAX_MB} MB "
                "oder kein JPEG-, PNG- oder WebP-Bild.")
    assert await until(lambda: alert(user, "dialog-alert") == expected)


async def test_an_upload_that_did_not_arrive_is_explained(user: User) -> None:
    await open_tab(user)
    await open_pictures(user, await first_result())
    user.find(ui.upload).trigger("failed")
    expected = ("Das Bild ist nicht angekommen (Verbindung unterbrochen oder Datei zu groß). "
                "Bitte versuchen Sie es noch einmal.")
    assert await until(lambda: alert(user, "dialog-alert") == expected)


async def test_alt_text_is_edited_pictures_are_moved_and_deleted(user: User) -> None:
    await open_tab(user)
    result = await first_result()
    image = await ResultImage.filter(result=result).first()
    await open_pictures(user, result)
    fill(user, f"picture-{image.id}-alt", "")
    user.find(marker=f"picture-{image.id}-save").click()
    assert await until(lambda: alert(user, "dialog-alert").startswith("Bitte beschreiben Sie das Bild"))
    fill(user, f"picture-{image.id}-alt", "Neuer Alternativtext")
    user.find(marker=f"picture-{image.id}-save").click()
    assert await until(lambda: _alt_is(image.id, "Neuer Alternativtext"))
    assert element(user, f"picture-{image.id}-up").enabled is False
    user.find(marker=f"picture-{image.id}-delete").click()
    assert await until(lambda: gone(ResultImage, image.id))
    assert media.stored_path(image.file_name) is None
    await user.should_see(marker="no-pictures")


async def _alt_is(image_id: int, alt: str) -> bool:
    return (await ResultImage.get(id=image_id)).alt == alt


async def test_every_text_field_comes_back_as_text_in_the_gallery_and_on_the_result_page(user: User) -> None:
    await open_tab(user)
    for number, text in enumerate(XSS_CORPUS):
        fill(user, "new-topic-name", text)
        user.find(marker="create-topic").click()
        assert await until(lambda text=text: Topic.exists(name=text.strip()))
        topic = await Topic.get(name=text.strip())
        await user.should_see(marker=f"topic-{topic.id}")
        fill(user, f"topic-{topic.id}-new-result", f"Ergebnis {number}")
        user.find(marker=f"topic-{topic.id}-create-result").click()
        assert await until(lambda number=number: Result.exists(title=f"Ergebnis {number}"))
        result = await Result.get(title=f"Ergebnis {number}")
        await user.should_see(marker=f"result-{result.id}")
        user.find(marker=f"result-{result.id}-edit").click()
        await user.should_see(marker="result-title-input")
        fill(user, "result-title-input", text)
        fill(user, "result-summary-input", text)
        fill(user, "result-body-input", text)
        user.find(marker="dialog-confirm").click()
        assert await until(lambda result=result, text=text: _title_is(result.id, text.strip()))
        assert await until(lambda text=text: text.strip() in texts(user, "result-title"))  # the list is rebuilt
        await open_pictures(user, await Result.get(id=result.id))
        fill(user, "new-picture-alt", text)
        await upload(user, picture(size=(40, 30)))
        assert await until(lambda result=result: ResultImage.exists(result_id=result.id))
        user.find(marker="dialog-cancel").click()
    assert await user.http_client.get("/results")  # the app still answers
    cards = {card["id"]: card for card in await gallery_cards(user)}
    assert not [e for e in user.client.elements.values() if e.tag in ("html", "markdown")]
    for text in XSS_CORPUS:
        result = await Result.get(title=text.strip()).select_related("topic")
        card = cards[result.id]
        assert (card["title"], card["summary"], card["topic"], card["thumb"]["alt"]) == (text.strip(),) * 4
        await user.open(f"/results/{result.id}")
        await user.should_see(marker="result-body")
        assert texts(user, "result-body") == [text.strip()]
        assert texts(user, "result-topic") == [text.strip()]
        assert [p.props["aria-label"] for p in user.find(marker="picture").elements] == [
            f"Bild vergrößern: {text.strip()}"
        ]
        images = media_images(user)
        assert images and {e.props["alt"] for e in images} == {text.strip()}
        assert not [e for e in user.client.elements.values() if e.tag in ("html", "markdown")]


async def _title_is(result_id: int, title: str) -> bool:
    return (await Result.get(id=result_id)).title == title


async def test_a_signed_out_or_demoted_organiser_changes_nothing(user: User) -> None:
    await open_tab(user)
    topics = await Topic.all().count()
    await StaffAccount.filter(name="Orga").update(role=Role.MODERATOR)
    fill(user, "new-topic-name", "Heimlich")
    user.find(marker="create-topic").click()
    assert await until(lambda: alert(user) == "Dafür fehlt Ihnen die Berechtigung.")
    await StaffAccount.filter(name="Orga").update(role=Role.ORGANISER)
    await StaffSession.all().delete()
    user.find(marker="create-topic").click()
    await user.should_see("Anmeldung für das Team")
    assert await Topic.all().count() == topics and not await Topic.exists(name="Heimlich")
