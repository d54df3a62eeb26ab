"""Following without an account: one private link per browser, stored only as a hash, renewed or
ended by its owner, never made again behind their back; and the list behind it, which tells the
author the status, the reason, replies, support, the city's answer and the report of each of their
own contributions, and nothing of anybody else's."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest

from core.clock import utcnow
from core.errors import ServiceError
from features.answers.service import give_answer
from features.contributions.service import post_comment, post_contribution, post_reply, toggle_vote
from features.follow.service import (
    LINKS_PER_HOUR,
    author_of,
    first_link,
    followed,
    link_made_at,
    make_link,
    revoke_link,
    revoke_links_of,
)
from features.moderation import service as moderation
from features.privacy.service import purge_event, withdraw_own
from models.contribution import Kind, OfficialStatus, Status
from models.event import Event, ModerationMode
from models.follow import FollowLink
from settings import get_settings
from tests.support.factories import a_result, open_event
from tests.support.xss import XSS_CORPUS


async def test_a_browser_that_wrote_nothing_gets_no_link(db) -> None:
    await open_event()
    assert await first_link("nobody") is None
    with pytest.raises(ServiceError) as refused:
        await make_link("nobody")
    assert refused.value.key == "follow.nothing_yet"
    assert await FollowLink.all().count() == 0


async def test_the_first_link_is_made_once_and_only_its_hash_is_stored(db) -> None:
    event, _ = await open_event()
    await post_contribution(event.id, "browser-a", "Mehr Bänke")
    token = await first_link("browser-a")
    assert token is not None and len(token) >= 24
    assert await author_of(token) == "browser-a"
    assert await first_link("browser-a") is None  # once: reopening the page makes no second one
    stored = await FollowLink.get(author_id="browser-a")
    assert stored.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(await FollowLink.all().values())
    assert await link_made_at("browser-a") is not None


async def test_tokens_are_random_per_link(db) -> None:
    event, _ = await open_event()
    tokens = set()
    for number in range(30):
        await post_contribution(event.id, f"browser-{number}", "Hallo")
        tokens.add(await make_link(f"browser-{number}"))
    assert len(tokens) == 30


async def test_a_new_link_ends_the_old_one(db) -> None:
    event, _ = await open_event()
    await post_contribution(event.id, "browser-a", "Mehr Bänke")
    old = await make_link("browser-a")
    new = await make_link("browser-a")
    assert await author_of(old) is None and await author_of(new) == "browser-a"
    assert await FollowLink.filter(author_id="browser-a", revoked_at=None).count() == 1


async def test_an_ended_link_stays_ended_and_is_not_made_again(db) -> None:
    event, _ = await open_event()
    await post_contribution(event.id, "browser-a", "Mehr Bänke")
    token = await first_link("browser-a")
    assert token is not None
    await revoke_link(token)
    assert await author_of(token) is None
    with pytest.raises(ServiceError) as twice:
        await revoke_link(token)
    assert twice.value.key == "follow.invalid"
    assert await first_link("browser-a") is None  # the owner ended it: no new one behind their back
    assert await link_made_at("browser-a") is None
    renewed = await make_link("browser-a")  # ...unless they ask
    assert await revoke_links_of("browser-a") is True and await author_of(renewed) is None
    assert await revoke_links_of("browser-a") is False


@pytest.mark.parametrize("token", ["", "kurz", "x" * 65, "../../etc/passwd", *XSS_CORPUS])
async def test_unknown_or_malformed_tokens_open_nothing(db, token: str) -> None:
    event, _ = await open_event()
    await post_contribution(event.id, "browser-a", "Mehr Bänke")
    await make_link("browser-a")
    assert await author_of(token) is None
    with pytest.raises(ServiceError) as refused:
        await revoke_link(token)
    assert refused.value.key == "follow.invalid"
    assert await FollowLink.filter(revoked_at=None).count() == 1


async def test_making_links_is_rate_limited(db) -> None:
    event, _ = await open_event()
    await post_contribution(event.id, "browser-a", "Mehr Bänke")
    for _ in range(LINKS_PER_HOUR):
        await make_link("browser-a")
    with pytest.raises(ServiceError) as refused:
        await make_link("browser-a")
    assert refused.value.key == "rate_limited"
    assert await FollowLink.filter(author_id="browser-a", revoked_at=None).count() == 1


async def test_the_list_tells_the_author_what_became_of_each_contribution(team, monkeypatch) -> None:
    monkeypatch.setattr(get_settings(), "post_rate_limit", 20)  # one author writes six things at once
    moderator, organiser = team
    event, items, result = await a_result(ModerationMode.PRE)
    waiting = await post_contribution(event.id, "me", "Wartet noch", agenda_item_id=items[1].id)
    rejected = await post_contribution(event.id, "me", "Wird abgelehnt")
    hidden = await post_contribution(event.id, "me", "Wird ausgeblendet")
    gone = await post_contribution(event.id, "me", "Selbst gelöscht")
    await moderation.reject(moderator, rejected.id, "off_topic")
    await moderation.approve(moderator, hidden.id)
    await moderation.hide(moderator, hidden.id, "insult")
    await withdraw_own("me", gone.id)
    comment = await post_comment(result.id, "me", "Mehr Schatten", nickname="Ich")
    await moderation.approve(moderator, comment.id)
    answer = await post_reply(result.id, comment.id, "someone", "Ja, Bäume!", nickname="Kim")
    await post_reply(result.id, comment.id, "someone-else", "Noch nicht frei")  # pending: not shown
    await moderation.approve(moderator, answer.id)
    await toggle_vote(comment.id, "voter-1")
    await toggle_vote(comment.id, "voter-2")
    await give_answer(organiser, comment.id, OfficialStatus.ADOPTED, "Kommt 2027.")
    await post_contribution(event.id, "not-me", "Fremder Beitrag")

    mine = {item.id: item for item in await followed("me")}
    assert list(mine) == [comment.id, hidden.id, rejected.id, waiting.id]  # newest first, withdrawn left out
    assert (mine[waiting.id].status, mine[waiting.id].agenda_item.id) == (Status.PENDING, items[1].id)
    assert (mine[rejected.id].status, mine[rejected.id].reason) == (Status.REJECTED, "off_topic")
    assert (mine[hidden.id].status, mine[hidden.id].reason) == (Status.HIDDEN, "insult")
    shown = mine[comment.id]
    assert (shown.kind, shown.result.id, shown.vote_count) == (Kind.COMMENT, result.id, 2)
    assert [(reply.nickname, reply.text) for reply in shown.replies] == [("Kim", "Ja, Bäume!")]
    assert (shown.official_status, shown.official_text) == (OfficialStatus.ADOPTED, "Kommt 2027.")
    assert not any(item.in_report for item in mine.values())

    await Event.filter(id=event.id).update(report_published_at=utcnow())
    mine = {item.id: item for item in await followed("me")}
    assert mine[comment.id].in_report and not mine[waiting.id].in_report and not mine[hidden.id].in_report


async def test_the_purge_takes_the_links_of_browsers_with_nothing_left(team) -> None:
    _moderator, organiser = team
    event, _ = await open_event()
    other, _ = await open_event()
    await post_contribution(event.id, "only-here", "Weg nach der Frist")
    await post_contribution(event.id, "also-elsewhere", "Weg nach der Frist")
    await post_contribution(other.id, "also-elsewhere", "Bleibt")
    gone, kept = await make_link("only-here"), await make_link("also-elsewhere")
    yesterday = (utcnow() - timedelta(days=1)).date()
    await Event.filter(id=event.id).update(retention_until=yesterday)
    await purge_event(organiser, event.id, "LÖSCHEN")
    assert await author_of(gone) is None and await FollowLink.filter(author_id="only-here").count() == 0
    assert await author_of(kept) == "also-elsewhere"
