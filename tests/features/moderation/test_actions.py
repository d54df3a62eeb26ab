"""Moderators' decisions: role checks, statuses, the audit log, blocked words, flags, and one
announcement per change that reaches walls and screens only after it committed."""

from __future__ import annotations

import pytest

from core.bus import CONTRIBUTION, EVENT_SETTINGS, Signal, bus
from core.errors import NotFound, ServiceError
from features.contributions.flags import flag_contribution, flagged_ids
from features.contributions.service import post_contribution
from features.contributions.standing import NEWCOMER_LIMITS
from features.moderation import service as moderation
from features.moderation.audit import recent_entries
from features.moderation.filters import DEFAULT_BLOCKED_WORDS, blocked_word_in, parse_words, set_blocked_words
from models.contribution import Contribution, Status
from models.event import Event, ModerationMode, ScreenMode
from models.moderation import Flag, ModerationLogEntry
from tests.support.factories import open_event
from tests.support.signals import all_delivered
from tests.support.standing import establish


async def status_of(contribution_id: int) -> Status:
    return (await Contribution.get(id=contribution_id)).status


async def log_of(event_id: int) -> list[tuple[str, str, int | None, str]]:
    rows = await ModerationLogEntry.filter(event_id=event_id).order_by("id").values_list(
        "staff_name", "action", "contribution_id", "reason"
    )
    return [tuple(row) for row in rows]


async def test_queue_approve_and_reject_with_a_reason(team) -> None:
    moderator, _ = team
    event, _ = await open_event(ModerationMode.PRE)
    first = await post_contribution(event.id, "a", "Bitte freigeben")
    second = await post_contribution(event.id, "b", "Werbung für meinen Laden")
    queue = await moderation.list_for_console(moderator, event.id, moderation.QUEUE)
    assert [item.id for item in queue] == [first.id, second.id]  # oldest first
    await moderation.approve(moderator, first.id)
    await moderation.reject(moderator, second.id, "advertising")
    assert (await status_of(first.id), await status_of(second.id)) == (Status.PUBLISHED, Status.REJECTED)
    assert await log_of(event.id) == [("Mira", "approve", first.id, ""), ("Mira", "reject", second.id, "advertising")]
    with pytest.raises(ServiceError) as refused:  # decided already: a second moderator's click changes nothing
        await moderation.approve(moderator, second.id)
    assert refused.value.key == "moderation.already_decided"
    with pytest.raises(ServiceError) as refused:
        await moderation.reject(moderator, first.id, "weil ich es sage")
    assert refused.value.key == "moderation.bad_reason"
    rejected = await moderation.rejected_of_author(event.id, "b")
    assert [(item.id, reason) for item, reason in rejected] == [(second.id, "advertising")]


async def test_bulk_approve_skips_what_was_decided_meanwhile(team) -> None:
    moderator, _ = team
    event, _ = await open_event(ModerationMode.PRE)
    posts = [await post_contribution(event.id, f"p{n}", f"Beitrag {n}") for n in range(4)]
    await moderation.reject(moderator, posts[0].id, "duplicate")
    assert await moderation.approve_many(moderator, event.id, [post.id for post in posts]) == 3
    assert [await status_of(post.id) for post in posts] == [Status.REJECTED] + [Status.PUBLISHED] * 3


async def test_hide_and_restore_delete_nothing(team) -> None:
    moderator, _ = team
    event, _ = await open_event()
    post = await post_contribution(event.id, "a", "Gleich ausgeblendet")
    await moderation.highlight(moderator, event.id, post.id)
    await moderation.hide(moderator, post.id, "insult")
    stored = await Contribution.get(id=post.id)
    assert (stored.status, stored.highlighted, stored.text) == (Status.HIDDEN, False, "Gleich ausgeblendet")
    await moderation.restore(moderator, post.id)
    assert await status_of(post.id) == Status.PUBLISHED
    assert [row[1] for row in await log_of(event.id)] == ["highlight", "hide", "restore"]
    assert await Contribution.filter(event_id=event.id).count() == 1


async def test_one_highlight_at_a_time_through_the_console(team) -> None:
    moderator, _ = team
    event, _ = await open_event()
    first = await post_contribution(event.id, "a", "Erster")
    second = await post_contribution(event.id, "b", "Zweiter")
    await moderation.highlight(moderator, event.id, first.id)
    await moderation.highlight(moderator, event.id, second.id)
    flags = dict(await Contribution.filter(event_id=event.id).values_list("id", "highlighted"))
    assert flags == {first.id: False, second.id: True}
    await moderation.highlight(moderator, event.id, None)
    assert not await Contribution.filter(event_id=event.id, highlighted=True).exists()
    assert [row[1] for row in await log_of(event.id)] == ["highlight", "highlight", "unhighlight"]


async def test_answered_programme_item_modes_and_now_marker(team) -> None:
    moderator, _ = team
    event, items = await open_event()
    post = await post_contribution(event.id, "a", "Frage an das Podium")
    await moderation.mark_answered(moderator, post.id)
    await moderation.assign_agenda_item(moderator, post.id, items[3].id)
    stored = await Contribution.get(id=post.id)
    assert (stored.answered, stored.agenda_item_id) == (True, items[3].id)
    with pytest.raises(NotFound):
        await moderation.assign_agenda_item(moderator, post.id, 999999)
    await moderation.set_moderation_mode(moderator, event.id, ModerationMode.PRE)
    await moderation.set_screen_mode(moderator, event.id, ScreenMode.PAUSE)
    assert await moderation.move_now_marker(moderator, event.id, items[2].id) == items[2].id
    stored_event = await Event.get(id=event.id)
    assert (stored_event.moderation_mode, stored_event.screen_mode) == (ModerationMode.PRE, ScreenMode.PAUSE)
    assert stored_event.current_agenda_item_id == items[2].id
    assert (await post_contribution(event.id, "b", "Jetzt wartet es")).status == Status.PENDING
    await moderation.move_now_marker(moderator, event.id, None)
    assert [row[1] for row in await log_of(event.id)] == ["answered", "assign", "mode", "screen", "now", "now"]


async def test_every_action_refuses_without_a_role_and_organiser_things_refuse_moderators(team) -> None:
    moderator, organiser = team
    event, items = await open_event(ModerationMode.PRE)
    post = await post_contribution(event.id, "a", "Unangetastet")
    actions = [
        lambda actor: moderation.approve(actor, post.id),
        lambda actor: moderation.reject(actor, post.id, "insult"),
        lambda actor: moderation.hide(actor, post.id),
        lambda actor: moderation.restore(actor, post.id),
        lambda actor: moderation.approve_many(actor, event.id, [post.id]),
        lambda actor: moderation.highlight(actor, event.id, None),
        lambda actor: moderation.mark_answered(actor, post.id),
        lambda actor: moderation.assign_agenda_item(actor, post.id, items[0].id),
        lambda actor: moderation.assign_result(actor, post.id, None),
        lambda actor: moderation.set_moderation_mode(actor, event.id, ModerationMode.POST),
        lambda actor: moderation.set_screen_mode(actor, event.id, ScreenMode.QR),
        lambda actor: moderation.move_now_marker(actor, event.id, items[0].id),
        lambda actor: moderation.list_for_console(actor, event.id, moderation.QUEUE),
        lambda actor: set_blocked_words(actor, event.id, "x"),
        lambda actor: recent_entries(actor, event.id),
    ]
    for action in actions:
        with pytest.raises(ServiceError) as refused:
            await action(None)
        assert refused.value.key == "forbidden"
    for organiser_only in actions[-2:]:
        with pytest.raises(ServiceError) as refused:
            await organiser_only(moderator)
        assert refused.value.key == "forbidden"
        await organiser_only(organiser)
    stored = await Contribution.get(id=post.id)
    assert (stored.status, stored.answered, stored.agenda_item_id) == (Status.PENDING, False, items[1].id)
    assert [row[1] for row in await log_of(event.id)] == ["blocked_words"]


async def test_blocked_words_send_posts_to_the_queue_never_away(team) -> None:
    _, organiser = team
    event, _ = await open_event()
    held = await post_contribution(event.id, "a", "Du bist ein ARSCHLOCH.")
    fine = await post_contribution(event.id, "b", "Die Kastanien am Arschbergweg sind schön.")
    assert (held.status, fine.status) == (Status.PENDING, Status.PUBLISHED)
    assert blocked_word_in("What the f*ck, fucking hell", list(DEFAULT_BLOCKED_WORDS)) == "fuck"
    assert blocked_word_in("Schraubstock", ["arsch"]) is None  # the start of a word, not any substring
    words = await set_blocked_words(organiser, event.id, "Kastanie\n  kastanie \n\nBau stelle, Lärm")
    assert words == ["kastanie", "bau stelle", "lärm"] == parse_words("Kastanie, Bau stelle\nLärm")
    assert (await post_contribution(event.id, "c", "Kastanienallee retten")).status == Status.PENDING
    assert (await post_contribution(event.id, "d", "Arschloch")).status == Status.PUBLISHED  # no longer listed
    notes = await moderation.notes_for(await Event.get(id=event.id), [held])
    assert notes[held.id].blocked_word is None  # measured against the current list
    assert (await Event.get(id=event.id)).blocked_words == "kastanie\nbau stelle\nlärm"


async def test_flags_once_per_browser_then_off_the_wall_for_review(team, app_environment) -> None:
    moderator, organiser = team
    assert app_environment.flag_hide_threshold == 3
    event, _ = await open_event()
    post = await post_contribution(event.id, "author", "Das stimmt doch alles nicht")
    await moderation.highlight(moderator, event.id, post.id)
    establish("r1", "r2", "r3", "r4")  # browsers of people (tests/security: invented ones do not count)
    assert await flag_contribution(post.id, "r1", address="198.51.100.1") is True
    assert await flag_contribution(post.id, "r1", address="198.51.100.1") is False  # the same browser again
    assert await flag_contribution(post.id, "r2", address="198.51.100.1") is True
    assert await status_of(post.id) == Status.PUBLISHED
    assert await flagged_ids("r1", [post.id]) == {post.id}
    assert await flag_contribution(post.id, "r3", address="198.51.100.2") is True  # a second address
    stored = await Contribution.get(id=post.id)
    assert (stored.status, stored.highlighted) == (Status.PENDING, False)  # in the queue, off the screen
    notes = await moderation.notes_for(await Event.get(id=event.id), [stored])
    assert notes[post.id].flags == 3
    assert (await log_of(event.id))[-1] == ("", "reported", post.id, "")
    with pytest.raises(NotFound):  # only what is on the wall can be flagged
        await flag_contribution(post.id, "r4")
    await moderation.approve(moderator, post.id)  # looked at: the old flags are done with
    assert await Flag.filter(contribution_id=post.id).count() == 3
    assert await flag_contribution(post.id, "r4") is True
    assert await status_of(post.id) == Status.PUBLISHED
    entries = await recent_entries(organiser, event.id)
    assert [entry.action for entry in entries][:2] == ["approve", "reported"]


async def test_threshold_is_a_setting(team, app_environment) -> None:
    app_environment.flag_hide_threshold = 1
    app_environment.flag_hide_addresses = 1
    event, _ = await open_event()
    post = await post_contribution(event.id, "author", "Einmal gemeldet reicht")
    establish("r1")
    await flag_contribution(post.id, "r1")
    assert await status_of(post.id) == Status.PENDING


async def test_a_script_inventing_browsers_cannot_flag_the_wall_empty(team, app_environment) -> None:
    app_environment.flag_hide_threshold = 1
    event, _ = await open_event()
    posts = [await post_contribution(event.id, f"author-{n}", f"Beitrag {n}") for n in range(250)]
    refused = 0
    for number, post in enumerate(posts):
        try:
            await flag_contribution(post.id, f"invented-{number}", address="203.0.113.9")
        except ServiceError as error:
            assert error.key == "silence.newcomer_wait" and error.params["seconds"] > 0
            refused += 1
    assert refused == 250 - NEWCOMER_LIMITS["flag"]  # brand-new browsers of one address share a few
    assert await Contribution.filter(event_id=event.id, status=Status.PUBLISHED).count() == 250  # none counts
    establish("one-browser")
    for post in posts[-20:-10]:
        assert await flag_contribution(post.id, "one-browser") is True  # one browser: ten a minute...
    with pytest.raises(ServiceError) as error:
        await flag_contribution(posts[-5].id, "one-browser")  # ...then it waits
    assert error.value.key == "rate_limited"


async def test_a_decision_is_announced_once_and_only_after_it_committed(team) -> None:
    moderator, _ = team
    event, _ = await open_event()
    post = await post_contribution(event.id, "a", "Wird ausgeblendet")
    await all_delivered()
    heard: list[tuple[str, Status]] = []

    async def on_event(live: Signal) -> None:
        heard.append((live.kind, await status_of(post.id)))

    unsubscribe = [bus().subscribe(CONTRIBUTION, on_event), bus().subscribe(EVENT_SETTINGS, on_event)]
    try:
        await moderation.hide(moderator, post.id)
        await moderation.set_screen_mode(moderator, event.id, ScreenMode.QR)
        with pytest.raises(NotFound):  # a failing highlight logs nothing and announces nothing
            await moderation.highlight(moderator, event.id, post.id)
        await all_delivered()
    finally:
        for stop in unsubscribe:
            stop()
    assert heard == [(CONTRIBUTION, Status.HIDDEN), (EVENT_SETTINGS, Status.HIDDEN)]
    assert [row[1] for row in await log_of(event.id)] == ["hide", "screen"]
