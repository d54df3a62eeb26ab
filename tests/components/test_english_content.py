"""Organisers' content in the visitor's language (components.i18n `localized`): English where
organisers wrote it, otherwise the German marked lang="de"; German visitors always read the
German, unmarked. On the home page, /agenda, now on stage, the results gallery (live, per
language), a result page with its alt texts, and the hall screen; markup stays text."""

from __future__ import annotations

from nicegui import ui
from nicegui.testing import User

from components.i18n import choose
from features.admin.event_setup import AgendaDetails, update_agenda_item
from features.results import service
from features.results.results_gallery import ResultsGallery
from models.event import AgendaItem, Event
from models.result import Result, ResultImage, Topic
from tests.support.factories import organiser
from tests.support.user import element, eventually, marked, see
from tests.support.xss import XSS_CORPUS, XSS_SHORT

RUNNING = "Präsentation der bisherigen Ergebnisse"  # the demo's item on stage


def test_the_one_rule() -> None:
    assert choose("Titel", "Title", "de") == choose("Titel", "", "de")
    assert (choose("Titel", "Title", "de").text, choose("Titel", "Title", "de").lang) == ("Titel", None)
    assert (choose("Titel", "Title", "en").text, choose("Titel", "Title", "en").lang) == ("Title", None)
    assert (choose("Titel", "  ", "en").text, choose("Titel", "  ", "en").lang) == ("Titel", "de")
    assert choose("", "", "en").lang is None  # nothing shown: nothing to mark
    assert (choose("", "Only English", "en").text, choose("", "Only English", "de").text) == ("Only English", "")


async def english(user: User, path: str) -> None:
    await user.open(f"/lang/en?next={path}")


def lang_of(user: User, marker: str) -> str | None:
    return element(user, marker).props.get("lang")


async def test_home_and_agenda_show_the_english_where_given_and_mark_the_german_fallback(user: User) -> None:
    event = await Event.get(is_demo=True)
    event.title_en = "Dortmund city conversation"
    await event.save()
    running = await AgendaItem.get(title=RUNNING)
    running.title_en, running.description_en = "Results so far", "What the workshops found."
    await running.save()

    await english(user, "/")
    await see(user, "Dortmund city conversation", marker="home-title")
    assert lang_of(user, "home-title") is None
    assert element(user, "event-title").text == "Dortmund city conversation"  # the header too
    assert lang_of(user, "event-title") is None
    description = marked(user, "home-description").default_slot.children[0]
    assert description.text.startswith("Dortmund entwickelt") and description.props["lang"] == "de"
    await see(user, "Results so far", marker="now-title")
    assert lang_of(user, "now-title") is None

    await english(user, "/agenda")
    cards = {item.id: item for item in await AgendaItem.filter(event=event)}
    titles = {e.text: e.props.get("lang") for e in user.find(marker="agenda-title").elements}
    assert titles["Results so far"] is None
    assert titles["Begrüßung durch den Oberbürgermeister"] == "de"
    assert len(titles) == len(cards)
    descriptions = {e.text: e.props.get("lang") for e in user.find(marker="agenda-description").elements}
    assert descriptions["What the workshops found."] is None
    assert {lang for text, lang in descriptions.items() if text != "What the workshops found."} == {"de"}

    await user.open("/lang/de?next=/agenda")
    titles = {e.text: e.props.get("lang") for e in user.find(marker="agenda-title").elements}
    assert titles[RUNNING] is None and "Results so far" not in titles
    await user.open("/")
    await see(user, "Dortmunder Stadtgespräch – 1. Stadtkonferenz", marker="home-title")
    assert lang_of(user, "home-title") is None and lang_of(user, "event-title") is None
    await see(user, RUNNING, marker="now-title")


async def test_now_on_stage_follows_a_renamed_item_in_its_language(user: User) -> None:
    await english(user, "/")
    await see(user, RUNNING, marker="now-title")
    assert lang_of(user, "now-title") == "de"
    running = await AgendaItem.get(title=RUNNING)
    await update_agenda_item(await organiser(), running.id, AgendaDetails(
        title=running.title, starts_at=running.starts_at, ends_at=running.ends_at, title_en="Results so far",
    ))
    assert await eventually(lambda: marked(user, "now-title").text == "Results so far", timeout=3)
    assert lang_of(user, "now-title") is None


def gallery(user: User) -> ResultsGallery:
    return next(iter(user.find(ResultsGallery).elements))


def card(user: User, pk: int) -> dict:
    return next(item for item in gallery(user)._props["cards"] if item["id"] == pk)


async def test_the_gallery_sends_each_reader_the_cards_in_their_language(user: User, create_user) -> None:
    result = await Result.get(title="Der Wall als Boulevard").select_related("topic")
    topic: Topic = result.topic
    orga = await organiser()
    await service.update_topic(orga, topic.id, topic.name, topic.colour, name_en="Mobility")
    german = create_user()
    await german.open("/results")
    await english(user, "/results")
    shown = card(user, result.id)
    assert (shown["topic"], shown["topic_lang"]) == ("Mobility", None)
    assert (shown["title"], shown["title_lang"]) == ("Der Wall als Boulevard", "de")
    assert shown["thumb"]["alt_lang"] == "de"
    topics = {item["name"]: item["lang"] for item in gallery(user)._props["topics"]}
    assert topics["Mobility"] is None and {lang for name, lang in topics.items() if name != "Mobility"} == {"de"}

    await service.update_result(orga, result.id, topic_id=topic.id, title=result.title, summary="Neu und kurz",
                                body=result.body, title_en="The Wall as a boulevard")
    assert await eventually(lambda: card(user, result.id)["title"] == "The Wall as a boulevard", timeout=3)
    assert card(user, result.id)["title_lang"] is None
    assert (card(user, result.id)["summary"], card(user, result.id)["summary_lang"]) == ("Neu und kurz", "de")
    assert await eventually(lambda: card(german, result.id)["summary"] == "Neu und kurz", timeout=3)
    assert (card(german, result.id)["title"], card(german, result.id)["title_lang"]) == (result.title, None)
    assert (card(german, result.id)["topic"], card(german, result.id)["topic_lang"]) == ("Mobilität", None)
    assert "title_en" not in card(german, result.id)  # the browser gets one language


def images_with_alt(user: User, alt: str) -> list[ui.element]:
    return [e for e in user.client.elements.values() if e.tag == "img" and e.props.get("alt") == alt]


async def test_a_result_page_in_english_marks_each_german_text_it_falls_back_to(user: User) -> None:
    result = await Result.get(title="Der Wall als Boulevard").select_related("topic", "agenda_item")
    result.title_en, result.body_en = "The Wall as a boulevard", "Cycle lanes\nand trees"
    await result.save()
    image = await ResultImage.filter(result=result).first()
    assert image is not None
    await english(user, f"/results/{result.id}")
    await see(user, "The Wall as a boulevard", marker="result-title")
    assert lang_of(user, "result-title") is None
    assert (element(user, "result-body").text, lang_of(user, "result-body")) == ("Cycle lanes\nand trees", None)
    assert lang_of(user, "result-summary") == "de"  # no English summary: the German, marked
    assert lang_of(user, "result-topic") == "de"
    assert marked(user, "result-shown-at-title").props["lang"] == "de"
    pictures = images_with_alt(user, image.alt)
    assert pictures and all(e.props["lang"] == "de" for e in pictures)

    image.alt_en = "Sketch of the Wall"
    await image.save()
    await user.open(f"/results/{result.id}")
    pictures = images_with_alt(user, "Sketch of the Wall")
    assert pictures and all("lang" not in e.props for e in pictures)
    labels = [e.props.get("aria-label") for e in user.find(marker="picture").elements]
    assert "Enlarge picture: Sketch of the Wall" in labels


async def test_the_hall_screen_shows_the_english_title_when_the_screen_reads_english(user: User) -> None:
    event = await Event.get(is_demo=True)
    await english(user, "/screen")
    await see(user, event.title, marker="screen-event-title")
    assert lang_of(user, "screen-event-title") == "de"
    assert marked(user, "screen-now-title").props["lang"] == "de"


async def test_markup_in_english_texts_is_shown_as_text(user: User) -> None:
    event = await Event.get(is_demo=True)
    event.title_en, event.description_en = XSS_SHORT, "\n\n".join(XSS_CORPUS)
    await event.save()
    await AgendaItem.filter(title=RUNNING).update(title_en=XSS_CORPUS[1], description_en=XSS_CORPUS[2])
    result = await Result.get(title="Der Wall als Boulevard")
    result.title_en, result.summary_en, result.body_en = XSS_CORPUS[3], XSS_CORPUS[4], XSS_CORPUS[5]
    await result.save()
    await ResultImage.filter(result=result).update(alt_en=XSS_CORPUS[6])
    for path in ("/", "/agenda", f"/results/{result.id}"):
        await english(user, path)
        assert not [e for e in user.client.elements.values() if isinstance(e, ui.html | ui.markdown)], path
    await english(user, "/")
    await see(user, XSS_SHORT, marker="home-title")
    texts = [e.text for e in marked(user, "home-description").default_slot.children]
    assert texts == [text.strip() for text in XSS_CORPUS if text.strip()]
    await english(user, "/agenda")
    await see(user, XSS_CORPUS[1].strip(), marker="agenda-title")
    await english(user, f"/results/{result.id}")
    await see(user, XSS_CORPUS[3].strip(), marker="result-title")
    assert element(user, "result-body").text == XSS_CORPUS[5].strip()
    await english(user, "/results")
    assert card(user, result.id)["title"] == XSS_CORPUS[3].strip()
