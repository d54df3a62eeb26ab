"""`/moderation` with simulated browsers: the sign-in gate, the live console, two moderators at
once, participants' walls following the decisions, and the role walk-through."""

from __future__ import annotations

import asyncio

import pytest
from nicegui.testing import User

from components.contribution_list import ContributionList
from core.bus import EVENT_SETTINGS, Signal, bus
from core.clock import frozen_at, utcnow
from features.contributions.service import list_for_result, post_comment
from features.contributions.standing import ESTABLISHED_AFTER
from features.moderation import console as console_module
from features.moderation.service import reject
from features.staff.service import create_account
from models.contribution import Contribution, Kind, Status
from models.event import Event, ModerationMode, ScreenMode
from models.moderation import ModerationLogEntry
from models.result import Result
from models.staff import Role, StaffSession
from settings import get_settings
from tests.support.factories import post
from tests.support.staff import PASSWORD, sign_in
from tests.support.user import act, console_lists, eventually, ids_in

pytestmark = pytest.mark.usefixtures("no_sign_in_delay")


def wall_ids(user: User) -> set[int]:
    return set(next(iter(user.find(ContributionList).elements)).shown)


async def test_anonymous_visitors_are_sent_to_the_sign_in(user: User) -> None:
    await user.open("/moderation")
    await user.should_see("Anmeldung für das Team")
    await user.should_not_see("Warteschlange")
    response = await user.http_client.get("/moderation", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/login?next=/moderation"


async def test_queue_approve_reaches_every_open_wall_and_reject_tells_the_author_why(user: User, create_user) -> None:
    author = create_user()
    event = await Event.first()
    event.moderation_mode = ModerationMode.PRE
    await event.save()
    await author.open("/wall")
    await sign_in(user, "Mira")
    await user.open("/moderation")
    author_id = next(iter(author.find(ContributionList).elements)).viewer_id
    first = await post("Bitte mehr Bänke")
    second = await post("Kauft bei Müller!", author=author_id)
    assert await eventually(lambda: ids_in(user, "queue") == {first.id, second.id})
    await act(user, "queue", "approve", first.id)
    await act(user, "queue", "reject", second.id, "advertising")
    assert await eventually(lambda: ids_in(user, "queue") == set())
    assert await eventually(lambda: first.id in ids_in(user, "published") and second.id in ids_in(user, "off"))
    with author:
        assert await eventually(lambda: first.id in wall_ids(author))
        the_wall = next(iter(author.find(ContributionList).elements))
        assert await eventually(lambda: the_wall.shown.get(second.id, {}).get("reason") == "advertising")
        assert the_wall.props["labels"]["reasons"]["advertising"] == "Werbung"
    assert (await Contribution.get(id=second.id)).status == Status.REJECTED


async def open_console(user: User, name: str, role: Role = Role.MODERATOR) -> None:
    await sign_in(user, name, role)
    await user.open("/moderation")
    await user.should_see(f"Angemeldet als {name}")


async def test_two_moderators_see_each_others_actions_at_once(user: User, create_user) -> None:
    other = create_user()
    shown = await post("Wer räumt den Park auf?")
    await open_console(user, "Mira")
    await open_console(other, "Nils")
    assert shown.id in ids_in(user, "published")
    await act(user, "published", "hide", shown.id)
    with other:
        assert await eventually(lambda: shown.id not in ids_in(other, "published"))
        assert await eventually(lambda: shown.id in ids_in(other, "off"))
        assert console_lists(other)["off"].shown[shown.id]["status"] == "hidden"
    await act(other, "off", "restore", shown.id)
    assert await eventually(lambda: shown.id in ids_in(user, "published"))
    await act(other, "published", "highlight", shown.id, True)
    assert await eventually(lambda: console_lists(user)["published"].shown[shown.id]["highlighted"] is True)
    await act(user, "published", "answered", shown.id, True)
    with other:
        assert await eventually(lambda: console_lists(other)["published"].shown[shown.id]["answered"] is True)
    with other:
        toggle = next(iter(other.find(marker="moderation-mode").elements))
        toggle.value = "pre"
    assert await eventually(lambda: next(iter(user.find(marker="moderation-mode").elements)).value == "pre")
    assert (await Event.first()).moderation_mode == ModerationMode.PRE


async def test_a_hidden_post_disappears_from_open_walls_and_screens(user: User, create_user) -> None:
    participant = create_user()
    projector = create_user()
    chosen = await post("Gleich weg")
    kept = await post("Bleibt stehen")
    await participant.open("/wall")
    await projector.open("/screen")
    await open_console(user, "Mira")
    with participant:
        assert wall_ids(participant) == {chosen.id, kept.id}
    await act(user, "published", "hide", chosen.id)
    with participant:
        assert await eventually(lambda: wall_ids(participant) == {kept.id})
    with projector:
        assert await eventually(lambda: wall_ids(projector) == {kept.id})
    assert (await Contribution.get(id=chosen.id)).text == "Gleich weg"  # hidden, not deleted


async def test_moderators_get_no_organiser_sections_and_an_ended_session_changes_nothing(user: User) -> None:
    chosen = await post("Unangetastet")
    await open_console(user, "Mira")
    await user.should_see("Warteschlange")
    await user.should_not_see("Gesperrte Wörter")
    await user.should_not_see("Protokoll")
    handlers = {
        variant: next(item for item in element._event_listeners.values() if item.type == "act").handler
        for variant, element in console_lists(user).items()
    }
    page = user.client
    await StaffSession.all().delete()  # expired or signed out elsewhere, while the tab stays open
    for variant, action, value in (
        ("published", "hide", None), ("published", "highlight", True), ("published", "answered", True),
        ("published", "assign", None), ("queue", "approve", None), ("queue", "reject", "insult"),
        ("off", "restore", None), ("queue", "approve_many", [chosen.id]),
    ):
        with page:
            await handlers[variant](type("Event", (), {"args": {"action": action, "id": chosen.id, "value": value}})())
        await user.should_see("Bitte melden Sie sich an.")  # sent to the sign-in page
    stored = await Contribution.get(id=chosen.id)
    assert (stored.status, stored.highlighted, stored.answered) == (Status.PUBLISHED, False, False)
    assert stored.agenda_item_id is not None
    assert (await Event.first()).screen_mode == ScreenMode.WALL


async def test_organisers_edit_blocked_words_and_read_the_log(user: User) -> None:
    chosen = await post("Für das Protokoll")
    await open_console(user, "Olaf", Role.ORGANISER)
    await user.should_see("Gesperrte Wörter")
    await act(user, "published", "hide", chosen.id)
    log = next(iter(user.find(marker="audit-log").elements))
    assert await eventually(lambda: any(row["what"] == "ausgeblendet" and row["post"] == f"#{chosen.id}"
                                        and row["who"] == "Olaf" for row in log.rows))
    words = next(iter(user.find(marker="blocked-words").elements))
    assert "arschloch" in words.value.split("\n")
    words.value = "Baustelle"
    user.find(marker="blocked-words-save").click()
    assert await eventually(lambda: any(row["what"] == "gesperrte Wörter geändert" for row in log.rows))
    assert (await Event.first()).blocked_words == "baustelle"
    assert (await post("Die Baustelle nervt")).status == Status.PENDING


async def test_post_markup_is_text_in_the_queue(user: User) -> None:
    event = await Event.first()
    event.moderation_mode = ModerationMode.PRE
    await event.save()
    chosen = await post("<img src=x onerror=alert(1)>")
    await open_console(user, "Mira")
    assert console_lists(user)["queue"].shown[chosen.id]["text"] == "<img src=x onerror=alert(1)>"
    assert not any(element.tag in ("img", "q-markdown") or "html" in type(element).__name__.lower()
                   for element in user.client.elements.values())


async def test_flags_from_three_browsers_take_a_post_off_the_wall_into_the_queue(user: User, create_user) -> None:
    get_settings().flag_hide_addresses = 1  # the simulated browsers share one address
    flaggers = [user, create_user(), create_user()]
    moderator = create_user()
    chosen = await post("Ziemlich daneben")
    with frozen_at(utcnow() - ESTABLISHED_AFTER):  # their walls are open for half a minute: established
        for flagger in flaggers:
            await flagger.open("/wall")
    await open_console(moderator, "Mira")
    for number, flagger in enumerate(flaggers):
        the_wall = next(iter(flagger.find(ContributionList).elements))
        listener = next(item for item in the_wall._event_listeners.values() if item.type == "flag")
        with flagger:
            await listener.handler(type("Event", (), {"args": chosen.id})())
            if number == 0:
                await listener.handler(type("Event", (), {"args": chosen.id})())  # a second click counts once
                assert the_wall.props["flagged"] == [chosen.id]
    with user:
        assert await eventually(lambda: chosen.id not in wall_ids(user))
    with moderator:
        assert await eventually(lambda: chosen.id in ids_in(moderator, "queue"))
        assert console_lists(moderator)["queue"].shown[chosen.id]["flags"] == 3
        assert console_lists(moderator)["queue"].shown[chosen.id]["flags_established"] == 3


async def test_screen_mode_and_now_marker_follow_the_console_live(user: User, create_user) -> None:
    projector = create_user()
    await projector.open("/screen")
    await open_console(user, "Mira")
    with user:
        next(iter(user.find(marker="screen-mode").elements)).value = "pause"
    with projector:
        screen = next(element for element in projector.client.elements.values() if "screen" in element._markers)
        assert await eventually(lambda: "sg-mode-pause" in screen.classes)
        await projector.should_see("Gleich geht es weiter.")
    items = (await Event.first().prefetch_related("agenda_items")).agenda_items
    ordered = sorted(items, key=lambda item: (item.starts_at, item.position, item.id))
    user.find(marker="now-next").click()
    with projector:
        assert await eventually(
            lambda: next(iter(projector.find(marker="screen-now-title").elements)).text == ordered[2].title
        )
    user.find(marker="now-clock").click()
    label = next(iter(user.find(marker="now-label").elements))
    assert await eventually(lambda: label.text.endswith("(folgt der Uhr)"))
    assert (await Event.first()).current_agenda_item_id is None


async def test_the_author_still_reads_the_reason_after_a_reload(user: User) -> None:
    await user.open("/wall")
    author_id = next(iter(user.find(ContributionList).elements)).viewer_id
    event = await Event.first()
    event.moderation_mode = ModerationMode.PRE
    await event.save()
    chosen = await post("Kauft bei Müller!", author=author_id)
    someone_else = await post("Auch Werbung")
    moderator = await create_account("Mira", PASSWORD)
    await reject(moderator, chosen.id, "advertising")
    await reject(moderator, someone_else.id, "advertising")
    await user.open("/wall")
    shown = next(iter(user.find(ContributionList).elements)).shown
    assert shown[chosen.id]["status"] == "rejected" and shown[chosen.id]["reason"] == "advertising"
    assert someone_else.id not in shown  # only its author sees a rejected post


async def test_a_wall_post_filed_under_a_result_shows_on_that_result_and_is_logged(user: User) -> None:
    result = await Result.filter(topic__event_id=(await Event.first()).id).order_by("id").first()
    chosen = await post("Gehört zum Bild vom Hafen")
    await open_console(user, "Mira")
    await act(user, "published", "assign_result", chosen.id, result.id)
    await chosen.refresh_from_db()
    assert chosen.result_id == result.id
    entry = await ModerationLogEntry.get(action="assign_result", contribution_id=chosen.id)
    assert entry.detail == str(result.id)
    assert chosen.id in {item.id for item in await list_for_result(result, kinds=(Kind.WALL,))}
    # a comment was written on its result and stays there
    comment = await post_comment(result.id, "mod-test-c", "Ein Kommentar")
    await act(user, "published", "assign_result", comment.id, None)
    await comment.refresh_from_db()
    assert comment.result_id == result.id


async def test_long_lists_load_the_next_page_until_every_post_is_reachable(user: User) -> None:
    event = await Event.first()
    await Contribution.bulk_create([
        Contribution(event_id=event.id, text=f"Beitrag {number}", author_id=f"bulk-{number}") for number in range(130)
    ])
    await open_console(user, "Mira")
    published = console_lists(user)["published"]
    assert len(published.shown) == 100 and published.props["more"] is True
    newest_first = sorted(published.shown, reverse=True)
    listener = next(item for item in published._event_listeners.values() if item.type == "more")
    with user:
        await listener.handler(type("Event", (), {"args": None})())
    everyone = {c.id for c in await Contribution.filter(event_id=event.id, status=Status.PUBLISHED)}
    assert set(published.shown) == everyone and published.props["more"] is False
    assert min(newest_first) > max(everyone - set(newest_first))  # the first page was the newest


class GatedReads:
    """Stands in for `Event` in the console's reloads. The first read waits and then returns what
    the database held before (a slow read, or one taken just before the latest change); with
    `release_on_next` the next read, from the database, lets it return right after its own."""

    def __init__(self, stale: Event, *, release_on_next: bool = False) -> None:
        self.stale, self.release_on_next = stale, release_on_next
        self.gate = asyncio.Event()
        self.calls = self.finished = 0

    async def get_or_none(self, **kwargs: object) -> Event | None:
        self.calls += 1
        if self.calls == 1:
            await self.gate.wait()
            self.finished += 1
            return self.stale
        event = await Event.get_or_none(**kwargs)
        if self.release_on_next:
            self.gate.set()
        self.finished += 1
        return event


async def screen_decisions() -> list[str]:
    return [entry.detail for entry in await ModerationLogEntry.filter(action="screen").order_by("id")]


async def test_a_reload_read_before_a_press_does_not_undo_the_press(user: User, monkeypatch) -> None:
    """A bus echo's reload that read the event just before a moderator pressed "Pause", and
    comes back in the same moment as the press, shows that old mode for a moment; it must not
    count as a press of its own (it wrote "wall" back and the hall screen stayed on the wall)."""
    await open_console(user, "Mira")
    event = await Event.first()
    reads = GatedReads(await Event.get(id=event.id))
    monkeypatch.setattr(console_module, "Event", reads)
    bus().receive(Signal(EVENT_SETTINGS, event.id))  # an echo: its reload reads "wall" and waits
    assert await eventually(lambda: reads.calls == 1)
    toggle = next(iter(user.find(marker="screen-mode").elements))
    with user:
        reads.gate.set()  # the read comes back ...
        toggle.value = "pause"  # ... as the press arrives
    assert await eventually(lambda: toggle.value == "pause" and reads.finished >= 2, timeout=3)
    assert (await Event.get(id=event.id)).screen_mode == ScreenMode.PAUSE
    assert await screen_decisions() == ["pause"]


async def test_an_older_read_never_ends_after_a_newer_one(user: User, monkeypatch) -> None:
    """Two echoes: the console reads the event once per signal, in the order the signals came,
    so the read taken before a change (held back here) cannot return after the read taken after
    it and leave the console on a mode the event no longer has."""
    await open_console(user, "Mira")
    event = await Event.first()
    reads = GatedReads(await Event.get(id=event.id))  # "post", as it was
    await Event.filter(id=event.id).update(moderation_mode=ModerationMode.PRE)
    monkeypatch.setattr(console_module, "Event", reads)
    toggle = next(iter(user.find(marker="moderation-mode").elements))
    bus().receive(Signal(EVENT_SETTINGS, event.id))  # read before the change, held back
    assert await eventually(lambda: reads.calls == 1)
    bus().receive(Signal(EVENT_SETTINGS, event.id))  # read after it: waits for the first to be shown
    assert reads.calls == 1
    reads.gate.set()
    assert await eventually(lambda: reads.finished >= 2, timeout=3), (reads.calls, reads.finished)
    assert await eventually(lambda: toggle.value == "pre")
    assert (await Event.get(id=event.id)).moderation_mode == ModerationMode.PRE
