"""Privacy with simulated browsers: only the author's browser gets "Löschen", a deleted post leaves
every open wall live, a deleted comment with replies stays as a placeholder, and the organisers'
retention date and purge in /admin."""

from __future__ import annotations

from datetime import timedelta

import pytest
from nicegui.testing import User

from features.contributions.service import post_contribution, post_reply
from features.privacy.service import local_today
from features.results.result_thread import ResultThread
from models.contribution import Contribution, Kind, Status
from models.event import Event
from models.moderation import ModerationLogEntry
from models.result import Result
from models.staff import Role
from settings import get_settings
from tests.support.staff import sign_in
from tests.support.user import eventually, the_list
from tests.support.xss import XSS_CORPUS

pytestmark = pytest.mark.usefixtures("no_sign_in_delay")


def thread(user: User, marker: str) -> ResultThread:
    return next(iter(user.find(marker=marker).elements))


async def emit(user: User, element, kind: str, args) -> None:
    """What a click in the browser's component does: call its listener for `kind`."""
    listener = next(item for item in element._event_listeners.values() if item.type == kind)
    with user:
        await listener.handler(type("Event", (), {"args": args})())


async def notified(user: User, text: str, *others: User) -> bool:
    """The handler runs as a background task: wait until its message arrived.

    NiceGUI's User patches the one global `ui.notify` to whichever simulated user was touched
    last, so with several users open a message may land in another one's list: look in all."""
    def arrived() -> bool:
        return any(bool(who.notify.messages) and who.notify.messages[-1] == text for who in (user, *others))

    return await eventually(arrived, timeout=5)


async def send(user: User, payload: dict) -> tuple[bool, str]:
    from components.post_form import PostForm

    with user:
        return await next(iter(user.find(PostForm).elements)).send(payload)


async def test_only_the_author_gets_the_button_and_another_browser_is_refused(user: User, create_user) -> None:
    other = create_user()
    await user.open("/wall")
    await other.open("/wall")
    assert the_list(user)._props["canWithdraw"]
    ok, _ = await send(user, {"text": "Meine Adresse ist Südwall 2", "nickname": "Ana"})
    assert ok
    post = await Contribution.get(text="Meine Adresse ist Südwall 2")
    assert await eventually(lambda: the_list(user).shown.get(post.id, {}).get("mine") is True)
    with other:
        assert await eventually(lambda: post.id in the_list(other).shown)
        assert not the_list(other).shown[post.id].get("mine")
    # a fresh page marks the author's own post, and no one else's
    await user.open("/wall")
    assert the_list(user).shown[post.id]["mine"] is True
    await other.open("/wall")
    assert "mine" not in the_list(other).shown[post.id]
    # another browser that sends the event anyway is refused, with a clear message
    await emit(other, the_list(other), "withdraw", post.id)
    refusal = "Sie können nur Ihre eigenen Beiträge löschen, und nur in dem Browser, in dem Sie sie geschrieben haben."
    assert await notified(other, refusal, user)
    assert (await Contribution.get(id=post.id)).status == Status.PUBLISHED


async def test_the_author_deletes_and_it_leaves_every_open_wall(user: User, create_user) -> None:
    event = await Event.first()
    other = create_user()
    await user.open("/wall")
    mine = await post_contribution(event.id, the_list(user).viewer_id, "Bitte wieder weg")
    await other.open("/wall")
    with other:
        assert mine.id in the_list(other).shown
    await emit(user, the_list(user), "withdraw", mine.id)
    assert await notified(user, "Ihr Beitrag wurde gelöscht.", other)
    assert await eventually(lambda: mine.id not in the_list(user).shown)
    with other:
        assert await eventually(lambda: mine.id not in the_list(other).shown)
    await other.open("/wall")
    assert mine.id not in the_list(other).shown
    await emit(user, the_list(user), "withdraw", mine.id)  # twice: a clear message
    assert await notified(user, "Dieser Beitrag wurde schon gelöscht.", other)
    await emit(user, the_list(user), "withdraw", 999999)
    assert await notified(user, "Diesen Beitrag gibt es nicht (mehr).", other)


async def test_a_deleted_highlighted_post_leaves_the_screen_and_the_moderation_console(
    user: User, create_user
) -> None:
    from features.moderation.service import set_highlight
    from features.privacy.service import withdraw_own
    from tests.support.user import highlight, ids_in

    event = await Event.first()
    post = await post_contribution(event.id, "browser-a", "Groß auf der Leinwand")
    await set_highlight(event.id, post.id)
    screen, moderator = create_user(), create_user()
    await screen.open("/screen")
    with screen:
        # in focus, and not repeated in the list below it (issue 15)
        assert highlight(screen) == (True, "Groß auf der Leinwand") and post.id not in the_list(screen).shown
    await sign_in(moderator, "Mira", Role.MODERATOR)
    await moderator.open("/moderation")
    with moderator:
        assert post.id in ids_in(moderator, "published")
    await withdraw_own("browser-a", post.id)
    with screen:
        assert await eventually(lambda: not highlight(screen)[0] and post.id not in the_list(screen).shown)
    with moderator:
        assert await eventually(lambda: post.id not in ids_in(moderator, "published"))
        assert post.id not in ids_in(moderator, "off") and post.id not in ids_in(moderator, "queue")


async def test_a_deleted_comment_with_replies_stays_as_a_placeholder(user: User, create_user) -> None:
    result = await Result.get(title="Der Wall als Boulevard")
    reader = create_user()
    await user.open(f"/results/{result.id}")
    with user:
        ok, _ = await thread(user, "comments").send({"text": "Ich heiße Ana Beispiel", "nickname": "Ana", "key": "k"})
    assert ok
    comment = await Contribution.get(text="Ich heiße Ana Beispiel")
    assert await eventually(lambda: thread(user, "comments").shown.get(comment.id, {}).get("mine") is True)
    reply = await post_reply(result.id, comment.id, "someone-else", "Danke, Ana!")
    await reader.open(f"/results/{result.id}")
    with reader:
        assert reply.id in thread(reader, "comments").shown
        assert not thread(reader, "comments").shown[comment.id].get("mine")
        assert thread(reader, "comments")._props["labels"]["withdrawn"] == (
            "Beitrag wurde von der verfassenden Person gelöscht")
    await emit(user, thread(user, "comments"), "withdraw", comment.id)
    assert await notified(user, "Ihr Beitrag wurde gelöscht.", reader)
    with reader:
        shown = thread(reader, "comments").shown
        assert await eventually(lambda: shown[comment.id]["status"] == "withdrawn")
        assert (shown[comment.id]["text"], shown[comment.id]["nickname"]) == ("", "")
        assert shown[reply.id]["text"] == "Danke, Ana!"
    await reader.open(f"/results/{result.id}")  # a fresh page: the same placeholder, the reply under it
    shown = thread(reader, "comments").shown
    assert shown[comment.id]["status"] == "withdrawn" and shown[reply.id]["parent_id"] == comment.id
    assert "Ich heiße Ana Beispiel" not in str(thread(reader, "comments")._props)


async def test_a_deleted_comment_without_replies_vanishes_from_every_result_page(user: User, create_user) -> None:
    result = await Result.get(title="Der Wall als Boulevard")
    reader = create_user()
    await user.open(f"/results/{result.id}")
    with user:
        ok, _ = await thread(user, "proposals").send({"title": "Bäume", "text": "Mehr Bäume", "key": "p"})
    assert ok
    proposal = await Contribution.get(title="Bäume", kind=Kind.PROPOSAL)
    await reader.open(f"/results/{result.id}")
    with reader:
        assert proposal.id in thread(reader, "proposals").shown
    await emit(user, thread(user, "proposals"), "withdraw", proposal.id)
    with reader:
        assert await eventually(lambda: proposal.id not in thread(reader, "proposals").shown)
    await reader.open(f"/results/{result.id}")
    assert proposal.id not in thread(reader, "proposals").shown


# --- /admin: retention date and purge ----------------------------------------------------------

async def open_privacy(user: User) -> None:
    await sign_in(user, "Orga", Role.ORGANISER)
    await user.open("/admin?tab=privacy")


async def test_the_address_opens_the_privacy_tab(user: User) -> None:
    from nicegui import ui

    await open_privacy(user)
    tabs = next(iter(user.find(ui.tabs).elements))
    panels = next(iter(user.find(ui.tab_panels).elements))
    assert tabs.value == panels.value == "privacy"  # not an empty page with no tab chosen


async def test_retention_date_is_set_with_an_explained_lower_limit(user: User) -> None:
    event = await Event.first()
    await open_privacy(user)
    await user.should_see("Noch kein Aufbewahrungsdatum festgelegt.")
    closes = event.participation_closes_at.astimezone(get_settings().timezone).date()
    await user.should_see(f"Frühestens der {closes:%d.%m.%Y}: das Ende der Beteiligungsphase.")
    user.find(marker="retention-date").type((closes - timedelta(days=1)).isoformat())
    user.find(marker="retention-save").click()
    await user.should_see(f"frühestens der {closes:%d.%m.%Y}", marker="retention-message")
    assert (await Event.first()).retention_until is None
    for text in XSS_CORPUS:
        user.find(marker="retention-date").clear().type(text)
        user.find(marker="retention-save").click()
        await user.should_see("Bitte geben Sie ein gültiges Datum an.", marker="retention-message")
    later = closes + timedelta(days=30)
    user.find(marker="retention-date").clear().type(later.isoformat())
    user.find(marker="retention-save").click()
    await user.should_see(f"Gespeichert: Aufbewahrung bis {later:%d.%m.%Y}.")
    assert (await Event.first()).retention_until == later
    await user.should_see(f"Aufbewahrung bis einschließlich {later:%d.%m.%Y}.")
    # before the date: the purge button is disabled, and the page says from when it is possible
    await user.should_see(f"Löschen ist ab dem {later + timedelta(days=1):%d.%m.%Y} möglich.")
    assert not next(iter(user.find(marker="purge-button").elements)).enabled


async def test_purge_after_the_date_needs_the_word_and_empties_open_walls(user: User, create_user) -> None:
    event = await Event.first()
    await Event.filter(id=event.id).update(retention_until=local_today() - timedelta(days=1))
    await post_contribution(event.id, "browser-a", "Auf der Wand")
    stored = await Contribution.filter(event_id=event.id).count()
    assert stored > 1  # the demo's comments and proposals, and the post
    viewer, reader = create_user(), create_user()
    await viewer.open("/wall")
    assert the_list(viewer).shown
    result = await Result.get(title="Der Wall als Boulevard")
    await reader.open(f"/results/{result.id}")
    assert thread(reader, "comments").shown and thread(reader, "proposals").shown
    await open_privacy(user)
    await user.should_see(f"Gespeichert sind {stored} Beiträge")
    assert next(iter(user.find(marker="purge-button").elements)).enabled
    for word in ("löschen", *XSS_CORPUS):
        user.find(marker="purge-word").clear().type(word)
        user.find(marker="purge-button").click()
        await user.should_see("Zur Bestätigung bitte genau LÖSCHEN eingeben.", marker="purge-message")
    assert await Contribution.filter(event_id=event.id).count() == stored
    user.find(marker="purge-word").clear().type("LÖSCHEN")
    user.find(marker="purge-button").click()
    await user.should_see(f"Gelöscht: {stored} Beiträge.")
    assert await Contribution.filter(event_id=event.id).count() == 0
    entry = await ModerationLogEntry.get(action="purge")
    assert (entry.staff_name, entry.detail) == ("Orga", str(stored))
    with viewer:
        assert await eventually(lambda: the_list(viewer).shown == {})
    with reader:
        assert await eventually(lambda: thread(reader, "comments").shown == thread(reader, "proposals").shown == {})
    await user.should_see("Gespeichert sind 0 Beiträge")


async def test_purge_before_the_date_is_refused_even_if_the_button_is_forced(user: User) -> None:
    event = await Event.first()
    await Event.filter(id=event.id).update(retention_until=local_today())
    await open_privacy(user)
    await user.should_see("Löschen ist ab dem")
    panel_button = next(iter(user.find(marker="purge-button").elements))
    word = next(iter(user.find(marker="purge-word").elements))
    assert not panel_button.enabled and not word.enabled
    panel_button.enabled = word.enabled = True  # a forged click: the service decides, not the button
    user.find(marker="purge-word").type("LÖSCHEN")
    user.find(marker="purge-button").click()
    await user.should_see(f"bis zum {local_today():%d.%m.%Y} aufbewahrt; löschen ist erst danach möglich",
                          marker="purge-message")
    assert await Contribution.filter(event_id=event.id).count() > 0
