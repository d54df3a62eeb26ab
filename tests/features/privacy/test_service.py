"""Privacy: an author deletes their own contribution (and nobody else's), replies to it stay under
a placeholder, and organisers delete every contribution after the retention date."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta

import pytest

from core.bus import CONTRIBUTION, CONTRIBUTIONS_PURGED, Signal, bus
from core.errors import ServiceError
from core.signals import catch_up_since as events_since
from features.agenda.service import utcnow
from features.contributions.flags import flag_contribution
from features.contributions.service import (
    list_contributions,
    list_for_result,
    post_comment,
    post_contribution,
    post_reply,
    toggle_vote,
    view_of,
)
from features.moderation import service as moderation
from features.privacy import service as privacy
from features.privacy.service import local_today, purge_event, set_retention, withdraw_own
from features.staff.service import create_account
from models.contribution import Contribution, Kind, Status, Vote
from models.event import Event, ModerationMode
from models.moderation import Flag, ModerationLogEntry
from models.staff import Role
from tests.features.contributions.test_service import open_event
from tests.features.results.test_service import a_result

PASSWORD = "richtig-geheim-42"


@pytest.fixture
async def team(db):
    moderator = await create_account("Mira", PASSWORD, Role.MODERATOR)
    organiser = await create_account("Olaf", PASSWORD, Role.ORGANISER)
    return moderator, organiser


class Heard:
    """Every bus event of `kinds` while the test runs."""

    def __init__(self, *kinds: str) -> None:
        self.events: list[Signal] = []
        self._stops = [bus().subscribe(kind, self.events.append) for kind in kinds]

    async def settle(self) -> list[Signal]:
        for _ in range(20):
            await asyncio.sleep(0.01)
        return self.events

    def stop(self) -> None:
        for stop in self._stops:
            stop()


async def test_the_author_deletes_their_post_text_name_votes_and_flags_are_gone(team) -> None:
    event, _ = await open_event()
    post = await post_contribution(event.id, "browser-a", "Meine Telefonnummer ist 0231 12345", nickname="Ana")
    await toggle_vote(post.id, "browser-b")
    await flag_contribution(post.id, "browser-c")
    heard = Heard(CONTRIBUTION)
    try:
        withdrawn = await withdraw_own("browser-a", post.id)
        events = await heard.settle()
    finally:
        heard.stop()
    assert withdrawn.status == Status.WITHDRAWN
    assert (withdrawn.text, withdrawn.title, withdrawn.nickname, withdrawn.author_id) == ("", "", "", "")
    assert withdrawn.vote_count == 0 and withdrawn.client_key is None
    assert not await Vote.filter(contribution_id=post.id).exists()
    assert not await Flag.filter(contribution_id=post.id).exists()
    assert Signal(CONTRIBUTION, event.id, {"contribution_id": post.id}) in events
    assert await list_contributions(event.id, viewer_id="browser-a") == []
    # the log says it happened, with no text and no name
    entry = await ModerationLogEntry.get(action="withdrawn")
    assert (entry.contribution_id, entry.staff_name, entry.detail) == (post.id, "", "")


async def test_another_browser_cannot_delete_it_and_nothing_changes(db) -> None:
    event, _ = await open_event()
    post = await post_contribution(event.id, "browser-a", "Bleibt stehen")
    for stranger in ("browser-b", ""):
        with pytest.raises(ServiceError) as refused:
            await withdraw_own(stranger, post.id)
        assert refused.value.key == "privacy.not_author"
    stored = await Contribution.get(id=post.id)
    assert (stored.status, stored.text, stored.author_id) == (Status.PUBLISHED, "Bleibt stehen", "browser-a")


async def test_unknown_id_and_a_second_delete_get_clear_messages(db) -> None:
    event, _ = await open_event()
    with pytest.raises(ServiceError) as refused:
        await withdraw_own("browser-a", 99999)
    assert refused.value.key == "privacy.not_found"
    post = await post_contribution(event.id, "browser-a", "Weg damit")
    await withdraw_own("browser-a", post.id)
    with pytest.raises(ServiceError) as refused:
        await withdraw_own("browser-a", post.id)
    assert refused.value.key == "privacy.already_withdrawn"


async def test_pending_and_rejected_own_posts_can_be_deleted(team) -> None:
    moderator, _ = team
    event, _ = await open_event(ModerationMode.PRE)
    waiting = await post_contribution(event.id, "browser-a", "Wartet noch")
    rejected = await post_contribution(event.id, "browser-a", "Wird abgelehnt")
    await moderation.reject(moderator, rejected.id, "off_topic")
    assert (await withdraw_own("browser-a", waiting.id)).status == Status.WITHDRAWN
    assert (await withdraw_own("browser-a", rejected.id)).status == Status.WITHDRAWN
    queue = await moderation.list_for_console(moderator, event.id, moderation.QUEUE)
    off = await moderation.list_for_console(moderator, event.id, moderation.OFF_THE_WALL)
    assert queue == [] and off == []
    assert await moderation.rejected_of_author(event.id, "browser-a") == []


async def test_deleting_the_highlighted_post_clears_the_screen(team) -> None:
    moderator, _ = team
    event, _ = await open_event()
    post = await post_contribution(event.id, "browser-a", "Auf die Leinwand")
    await moderation.highlight(moderator, event.id, post.id)
    assert (await moderation.highlighted_contribution(event.id)).id == post.id
    await withdraw_own("browser-a", post.id)
    assert await moderation.highlighted_contribution(event.id) is None
    assert not (await Contribution.get(id=post.id)).highlighted


async def test_replies_by_others_stay_under_a_placeholder_and_a_lone_withdrawn_comment_vanishes(db) -> None:
    _, _, result = await a_result()
    answered = await post_comment(result.id, "browser-a", "Ich wohne in der Nordstraße 5", nickname="Ana")
    reply = await post_reply(result.id, answered.id, "browser-b", "Danke für den Hinweis")
    lonely = await post_comment(result.id, "browser-a", "Ohne Antwort")
    await withdraw_own("browser-a", answered.id)
    await withdraw_own("browser-a", lonely.id)
    shown = await list_for_result(result, kinds=(Kind.COMMENT, Kind.WALL), viewer_id="browser-c")
    assert [item.id for item in shown] == [answered.id, reply.id]
    placeholder = view_of(shown[0])
    assert (placeholder.status, placeholder.text, placeholder.nickname) == ("withdrawn", "", "")
    assert shown[1].text == "Danke für den Hinweis"
    # a withdrawn reply simply goes, and then its withdrawn parent goes too
    await withdraw_own("browser-b", reply.id)
    assert await list_for_result(result, kinds=(Kind.COMMENT, Kind.WALL), viewer_id="browser-c") == []
    # and nobody can answer a deleted comment
    with pytest.raises(ServiceError):
        await post_reply(result.id, answered.id, "browser-b", "Noch eine Antwort")


async def test_a_deleted_proposal_leaves_the_proposals(db) -> None:
    _, _, result = await a_result()
    from features.contributions.service import post_proposal

    proposal = await post_proposal(result.id, "browser-a", "Mehr Bäume", "Auf dem ganzen Wall")
    await withdraw_own("browser-a", proposal.id)
    assert await list_for_result(result, kinds=(Kind.PROPOSAL,)) == []


async def test_catch_up_announces_a_withdrawal_by_id_only_and_a_purge_as_a_whole(team) -> None:
    _, organiser = team
    event, _ = await open_event()
    before = utcnow() - timedelta(seconds=1)
    post = await post_contribution(event.id, "browser-a", "Geheimer Text")
    await withdraw_own("browser-a", post.id)
    events = await events_since(before)
    assert Signal(CONTRIBUTION, event.id, {"contribution_id": post.id}) in events
    assert "Geheimer Text" not in repr(events)
    await Event.filter(id=event.id).update(retention_until=local_today() - timedelta(days=1))
    await purge_event(organiser, event.id, "LÖSCHEN")
    assert Signal(CONTRIBUTIONS_PURGED, event.id, {}) in await events_since(before)


# --- retention date and purge ------------------------------------------------------------------

async def test_retention_date_is_organisers_only_and_not_before_the_phase_ends(team) -> None:
    moderator, organiser = team
    event, _ = await open_event()  # the phase closes in 30 days
    closes = event.participation_closes_at.astimezone(privacy.get_settings().timezone).date()
    with pytest.raises(ServiceError) as refused:
        await set_retention(moderator, event.id, closes + timedelta(days=10))
    assert refused.value.key == "forbidden"
    with pytest.raises(ServiceError) as refused:
        await set_retention(organiser, event.id, closes - timedelta(days=1))
    assert refused.value.key == "privacy.before_phase_end"
    assert refused.value.params == {"date": closes.strftime("%d.%m.%Y")}
    with pytest.raises(ServiceError) as refused:
        await set_retention(organiser, event.id, "31.02.2026")
    assert refused.value.key == "privacy.bad_date"
    assert (await Event.get(id=event.id)).retention_until is None
    assert await set_retention(organiser, event.id, closes.isoformat()) == closes
    assert (await Event.get(id=event.id)).retention_until == closes
    entry = await ModerationLogEntry.get(action="retention")
    assert (entry.staff_name, entry.detail) == ("Olaf", closes.isoformat())


async def test_without_a_phase_end_any_date_is_fine(team) -> None:
    _, organiser = team
    event, _ = await open_event()
    event.participation_closes_at = None
    await event.save()
    assert await set_retention(organiser, event.id, date(2020, 1, 1)) == date(2020, 1, 1)


async def _event_with_contributions() -> tuple[Event, list[Contribution]]:
    event, _, result = await a_result()
    wall = await post_contribution(event.id, "browser-a", "Auf der Wand", nickname="Ana")
    comment = await post_comment(result.id, "browser-b", "Ein Kommentar")
    reply = await post_reply(result.id, comment.id, "browser-c", "Eine Antwort")
    await toggle_vote(wall.id, "browser-d")
    await flag_contribution(comment.id, "browser-e")
    return event, [wall, comment, reply]


async def test_purge_is_refused_before_and_on_the_date_and_without_a_date(team) -> None:
    _, organiser = team
    event, posts = await _event_with_contributions()
    with pytest.raises(ServiceError) as refused:
        await purge_event(organiser, event.id, "LÖSCHEN")
    assert refused.value.key == "privacy.no_retention"
    today = local_today()
    for retention in (today, today + timedelta(days=3)):
        await Event.filter(id=event.id).update(retention_until=retention)
        with pytest.raises(ServiceError) as refused:
            await purge_event(organiser, event.id, "LÖSCHEN")
        assert refused.value.key == "privacy.too_early"
        assert refused.value.params == {"date": retention.strftime("%d.%m.%Y")}
    assert await Contribution.filter(event_id=event.id).count() == len(posts)
    assert not await ModerationLogEntry.filter(action="purge").exists()


async def test_purge_is_refused_to_moderators_and_without_the_confirmation_word(team) -> None:
    moderator, organiser = team
    event, posts = await _event_with_contributions()
    await Event.filter(id=event.id).update(retention_until=local_today() - timedelta(days=1))
    with pytest.raises(ServiceError) as refused:
        await purge_event(moderator, event.id, "LÖSCHEN")
    assert refused.value.key == "forbidden"
    for word in ("", "löschen", "JA", "LÖSCHEN!"):
        with pytest.raises(ServiceError) as refused:
            await purge_event(organiser, event.id, word)
        assert refused.value.key == "privacy.confirm_word"
    assert await Contribution.filter(event_id=event.id).count() == len(posts)


async def test_purge_after_the_date_deletes_everything_logs_the_count_and_announces_it(team) -> None:
    moderator, organiser = team
    event, posts = await _event_with_contributions()
    other, _ = await open_event()  # another event's posts stay
    kept = await post_contribution(other.id, "browser-a", "Andere Veranstaltung")
    await moderation.hide(moderator, posts[0].id)  # a log entry that names a contribution
    await Event.filter(id=event.id).update(retention_until=local_today() - timedelta(days=1))
    heard = Heard(CONTRIBUTIONS_PURGED)
    try:
        assert await purge_event(organiser, event.id, " LÖSCHEN ") == 3
        events = await heard.settle()
    finally:
        heard.stop()
    assert events == [Signal(CONTRIBUTIONS_PURGED, event.id, {"count": 3})]
    assert not await Contribution.filter(event_id=event.id).exists()
    assert await Contribution.filter(id=kept.id).exists()
    assert not await Vote.all().exists() and not await Flag.all().exists()
    entry = await ModerationLogEntry.get(action="purge")
    assert (entry.staff_name, entry.detail, entry.contribution_id) == ("Olaf", "3", None)
    hide = await ModerationLogEntry.get(action="hide")
    assert hide.contribution_id is None  # the log keeps the decision, not a link to a deleted post
    # the log never held contribution text: nothing of the deleted posts is left anywhere in it
    texts = " ".join(f"{e.action} {e.reason} {e.detail} {e.staff_name}" for e in await ModerationLogEntry.all())
    assert all(post.text not in texts and (post.nickname or "Ana") not in texts for post in posts)
    assert await purge_event(organiser, event.id, "DELETE") == 0  # again: nothing left, still fine


async def test_no_table_has_a_column_for_a_network_address(db) -> None:
    """Rate limits count addresses in memory only (core/rate_limit.py): no model stores one."""
    from tortoise import Tortoise

    suspicious = {"ip", "addr", "address", "host", "remote", "forwarded", "agent"}
    columns = [
        f"{model.__name__}.{name}"
        for model in Tortoise.apps["models"].values()
        for name in model._meta.fields_map
        if suspicious & set(name.lower().split("_"))
    ]
    assert columns == ["Event.address"]  # the venue's street address, not a participant's
