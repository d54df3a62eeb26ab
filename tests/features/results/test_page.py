"""`/results` and `/results/{id}` with simulated browsers: gallery, search, comments, replies and
proposals arriving live in other tabs, support, phases, and unknown ids."""

from __future__ import annotations

from datetime import timedelta

import pytest
from nicegui.testing import User

import locales
from components.contribution_list import ContributionList
from core.clock import utcnow
from features.contributions.service import post_contribution
from features.results.result_thread import ResultThread
from features.results.results_gallery import ResultsGallery
from models.contribution import Contribution, Kind
from models.event import Event
from models.result import Result
from settings import get_settings
from tests.support.user import eventually


def thread(user: User, marker: str) -> ResultThread:
    return next(iter(user.find(marker=marker).elements))


async def send(user: User, marker: str, payload: dict) -> tuple[bool, str]:
    """What the browser's form in a thread does on submit, inside this user's tab."""
    with user:
        return await thread(user, marker).send(payload)


async def emit(user: User, element, kind: str, args) -> None:
    listener = next(item for item in element._event_listeners.values() if item.type == kind)
    with user:
        await listener.handler(type("Event", (), {"args": args})())


def texts(user: User, marker: str) -> list[str]:
    return [view["text"] for view in sorted(thread(user, marker).shown.values(), key=lambda v: -v["id"])]


async def wall_result() -> Result:
    return await Result.get(title="Der Wall als Boulevard")


async def test_gallery_shows_every_demo_result_with_counts_topics_and_lazy_thumbnails(user: User) -> None:
    await user.open("/results")
    await user.should_see("Ergebnisse")
    gallery = next(iter(user.find(ResultsGallery).elements))
    cards = gallery._props["cards"]
    assert len(cards) == 9 and len(gallery._props["topics"]) == 6
    by_title = {card["title"]: card for card in cards}
    assert (by_title["Der Wall als Boulevard"]["comments"], by_title["Der Wall als Boulevard"]["proposals"]) == (1, 1)
    assert by_title["Bezahlbar wohnen in der Nordstadt"]["comments"] == 3  # two comments and a reply
    assert all(card["thumb"]["thumb_url"].startswith("/media/") and card["thumb"]["alt"] for card in cards)
    response = await user.http_client.get(cards[0]["thumb"]["thumb_url"])
    assert response.status_code == 200 and response.headers["content-type"] == "image/jpeg"


async def test_gallery_search_and_topic_from_the_address(user: User) -> None:
    await user.open("/results?q=radweg")
    gallery = next(iter(user.find(ResultsGallery).elements))
    matches = gallery._props["initialMatches"]
    found = {card["title"] for card in gallery._props["cards"] if card["id"] in matches}
    assert found == {"Der Wall als Boulevard", "Stadtbahn und Rad bis an den Stadtrand"}
    with user:
        assert await gallery.search("") is None  # an empty search shows everything again
        assert len(await gallery.search("Emscher Regenwasser")) == 1
    await user.open("/results?topic=2&q=")
    gallery = next(iter(user.find(ResultsGallery).elements))
    assert gallery._props["initialTopic"] == 2 and gallery._props["initialMatches"] is None


async def test_a_comment_reaches_every_open_page_of_that_result_and_not_the_wall(user: User, create_user) -> None:
    result = await wall_result()
    other, wall_viewer = create_user(), create_user()
    await user.open(f"/results/{result.id}")
    await other.open(f"/results/{result.id}")
    await wall_viewer.open("/wall")
    await user.should_see("Der Wall als Boulevard")
    ok, message = await send(user, "comments", {"text": "Bitte mit Bäumen!", "nickname": "Ana", "key": "k1"})
    assert ok and message == "Danke! Ihr Beitrag ist veröffentlicht."
    with other:
        assert await eventually(lambda: texts(other, "comments")[0] == "Bitte mit Bäumen!")
    assert "Bitte mit Bäumen!" not in texts(other, "proposals")
    with wall_viewer:
        wall = next(iter(wall_viewer.find(ContributionList).elements))
        assert all(view["text"] != "Bitte mit Bäumen!" for view in wall.shown.values())
    stored = await Contribution.get(text="Bitte mit Bäumen!")
    assert (stored.kind, stored.result_id, stored.nickname) == (Kind.COMMENT, result.id, "Ana")


async def test_replies_nest_once_and_a_reply_to_a_reply_is_refused(user: User, create_user) -> None:
    result = await wall_result()
    other = create_user()
    await user.open(f"/results/{result.id}")
    await other.open(f"/results/{result.id}")
    comment = await Contribution.get(result_id=result.id, kind=Kind.COMMENT)
    ok, _ = await send(user, "comments", {"text": "Sehe ich genauso", "parent_id": comment.id})
    assert ok
    reply = await Contribution.get(text="Sehe ich genauso")
    assert reply.parent_id == comment.id
    with other:
        shown = thread(other, "comments").shown
        assert await eventually(lambda: shown.get(reply.id, {}).get("parent_id") == comment.id)
    assert await send(other, "comments", {"text": "Und ich?", "parent_id": reply.id}) == (
        False, "Auf Antworten kann nicht weiter geantwortet werden. Antworten Sie bitte auf den Kommentar.")


async def test_proposal_needs_a_title_and_support_counts_reach_others(user: User, create_user) -> None:
    result = await wall_result()
    other = create_user()
    await user.open(f"/results/{result.id}")
    await other.open(f"/results/{result.id}")
    assert await send(user, "proposals", {"title": " ", "text": "Ohne Titel"}) == (
        False, "Bitte geben Sie Ihrem Vorschlag einen Titel.")
    assert (await send(user, "proposals", {"title": "Trinkbrunnen", "text": "Am Wall alle 500 m"}))[0]
    proposal = await Contribution.get(title="Trinkbrunnen")
    with other:
        assert await eventually(lambda: proposal.id in thread(other, "proposals").shown)
    board = thread(other, "proposals")
    await emit(other, board, "vote", proposal.id)
    assert board._props["voted"] == [proposal.id]
    with user:
        assert await eventually(lambda: thread(user, "proposals").shown[proposal.id]["votes"] == 1)
    await emit(other, board, "vote", proposal.id)  # the same browser again: takes it back
    with user:
        assert await eventually(lambda: thread(user, "proposals").shown[proposal.id]["votes"] == 0)


async def test_wall_posts_from_the_results_slot_show_on_the_result_live(user: User) -> None:
    result = await wall_result()
    await user.open(f"/results/{result.id}")
    event = await Event.first()
    post = await post_contribution(event.id, "hall", "Aus dem Saal zu den Thementischen",
                                   agenda_item_id=result.agenda_item_id)
    with user:
        assert await eventually(lambda: post.id in thread(user, "comments").shown)
        assert thread(user, "comments").shown[post.id]["kind"] == "wall"


async def test_after_the_phase_everything_stays_readable_and_nothing_is_accepted(user: User) -> None:
    event = await Event.first()
    event.participation_closes_at = utcnow() - timedelta(seconds=1)
    await event.save()
    result = await wall_result()
    await user.open(f"/results/{result.id}")
    closed_on = locales.format_date("de", event.participation_closes_at, get_settings().timezone)
    closed = f"Die Beteiligung ist seit {closed_on} beendet."
    await user.should_see(closed, marker="phase-message")
    assert thread(user, "comments")._props["open"] is False
    assert texts(user, "comments")  # the demo comment is still there
    assert await send(user, "comments", {"text": "zu spät"}) == (False, closed)
    assert await send(user, "proposals", {"title": "zu spät", "text": "zu spät"}) == (False, closed)


async def test_before_the_phase_the_page_says_from_when(user: User) -> None:
    event = await Event.first()
    event.participation_opens_at = utcnow().replace(microsecond=0) + timedelta(days=2)
    await event.save()
    result = await wall_result()
    await user.open(f"/results/{result.id}")
    await user.should_see("Kommentieren ab", marker="phase-message")
    assert thread(user, "proposals")._props["open"] is False
    assert await send(user, "comments", {"text": "zu früh"}) == (False, "Beiträge sind noch nicht möglich.")


@pytest.mark.parametrize("path", ["/results/99999", "/results/abc", "/results/-1", "/results/1e3"])
async def test_unknown_or_malformed_ids_get_the_friendly_404(user: User, path: str) -> None:
    response = await user.http_client.get(path)
    assert response.status_code == 404
    assert "Diese Seite gibt es nicht." in response.text


async def test_media_serves_only_generated_pictures(user: User) -> None:
    for path in ("/media/..%2Fstorage_secret", "/media/storage_secret", "/media/" + "0" * 32 + ".jpg"):
        assert (await user.http_client.get(path)).status_code == 404


async def test_open_gallery_and_result_pages_show_organisers_changes(user: User, create_user) -> None:
    """RESULTS is followed: the gallery gets the current cards, the result page its new title
    with a status line, and a deleted result leaves a notice with a link to the gallery."""
    from features.results.service import delete_result, update_result
    from features.staff.service import create_account
    from models.staff import Role

    organiser = await create_account("Olga", "richtig-geheim-42", Role.ORGANISER)
    result = await wall_result()
    reader = create_user()
    await user.open("/results")
    await reader.open(f"/results/{result.id}")
    gallery = next(iter(user.find(ResultsGallery).elements))
    await update_result(organiser, result.id, topic_id=result.topic_id, title="Der Wall als Park")
    assert await eventually(lambda: "Der Wall als Park" in [card["title"] for card in gallery._props["cards"]])
    await reader.should_see("Der Wall als Park", marker="result-title")
    await reader.should_see("eben geändert", marker="result-status")
    await delete_result(organiser, result.id)
    assert await eventually(lambda: len(gallery._props["cards"]) == 8)
    await reader.should_see("entfernt", marker="result-status")
    await reader.should_see(marker="result-gone")
