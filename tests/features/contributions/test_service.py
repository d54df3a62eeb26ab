"""Posting and supporting: validation, moderation mode, phase, rate limits, one vote per browser."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from core.clock import utcnow
from core.errors import NotFound, ServiceError
from features.agenda.service import set_current_agenda_item
from features.contributions.service import list_contributions, post_contribution, toggle_vote
from models.contribution import Channel, Contribution, Status
from models.event import ModerationMode
from tests.support.factories import open_event


async def test_post_is_published_and_linked_to_the_running_item(db) -> None:
    event, items = await open_event()
    post = await post_contribution(event.id, "browser-a", "  Mehr Bänke am Phoenix-See!  ", nickname=" Ana ")
    assert (post.text, post.nickname, post.status) == ("Mehr Bänke am Phoenix-See!", "Ana", Status.PUBLISHED)
    assert post.agenda_item_id == items[1].id  # 40 minutes in: the second 30-minute slot
    assert post.channel == Channel.ONLINE and post.vote_count == 0


async def test_visitor_can_pick_another_item_and_the_hall_channel(db) -> None:
    event, items = await open_event()
    post = await post_contribution(event.id, "b", "Frage zu Punkt 1", agenda_item_id=items[0].id, channel=Channel.HALL)
    assert (post.agenda_item_id, post.channel) == (items[0].id, Channel.HALL)
    with pytest.raises(NotFound):
        await post_contribution(event.id, "b", "x", agenda_item_id=9999)


async def test_moderators_choice_decides_the_item_of_new_posts(db) -> None:
    event, items = await open_event()
    await set_current_agenda_item(event.id, items[3].id)
    assert (await post_contribution(event.id, "b", "Jetzt")).agenda_item_id == items[3].id


@pytest.mark.parametrize(
    ("text", "key"),
    [("", "contribution.empty"), ("   \n\t ", "contribution.empty"), ("\x00\x07", "contribution.empty"),
     ("x" * 501, "contribution.too_long")],
)
async def test_bad_text_is_refused_and_nothing_is_stored(db, text, key) -> None:
    event, _ = await open_event()
    with pytest.raises(ServiceError) as error:
        await post_contribution(event.id, "b", text)
    assert error.value.key == key
    assert await Contribution.all().count() == 0


async def test_exactly_the_limit_is_accepted_and_control_characters_are_stripped(db) -> None:
    event, _ = await open_event()
    post = await post_contribution(event.id, "b", "a\x00b\u202ec\r\nd" + "x" * 494)
    assert post.text.startswith("abc\nd") and len(post.text) == 499
    assert len((await post_contribution(event.id, "c", "y" * 500)).text) == 500


async def test_nickname_longer_than_40_is_refused(db) -> None:
    event, _ = await open_event()
    with pytest.raises(ServiceError) as error:
        await post_contribution(event.id, "b", "Hallo", nickname="n" * 41)
    assert error.value.key == "nickname.too_long"


async def test_markup_is_stored_as_typed(db) -> None:
    event, _ = await open_event()
    post = await post_contribution(event.id, "b", "<img src=x onerror=alert(1)> **fett** [link](https://x.example)")
    assert post.text == "<img src=x onerror=alert(1)> **fett** [link](https://x.example)"


async def test_pre_moderation_keeps_posts_pending_and_only_the_author_sees_them(db) -> None:
    event, _ = await open_event(ModerationMode.PRE)
    post = await post_contribution(event.id, "author", "Bitte prüfen")
    assert post.status == Status.PENDING
    assert [c.id for c in await list_contributions(event.id, viewer_id="author")] == [post.id]
    assert await list_contributions(event.id, viewer_id="someone-else") == []
    assert await list_contributions(event.id) == []


@pytest.mark.parametrize(("opens", "closes", "key"), [
    (timedelta(seconds=1), timedelta(days=1), "wall.not_open"),  # live, but the wall opens with participation
    (-timedelta(days=30), -timedelta(seconds=1), "participation.closed"),
])
async def test_closed_phase_refuses_posts(db, opens, closes, key) -> None:
    event, _ = await open_event()
    now = utcnow()
    event.participation_opens_at, event.participation_closes_at = now + opens, now + closes
    await event.save()
    with pytest.raises(ServiceError) as error:
        await post_contribution(event.id, "b", "zu spät oder zu früh", now=now)
    assert error.value.key == key
    assert await Contribution.all().count() == 0


async def test_flood_from_one_browser_is_cut_off_with_a_time_to_wait(db) -> None:
    event, _ = await open_event()
    for number in range(3):
        await post_contribution(event.id, "flooder", f"Beitrag {number}")
    with pytest.raises(ServiceError) as error:
        await post_contribution(event.id, "flooder", "noch einer")
    assert error.value.key == "rate_limited" and 0 < error.value.params["seconds"] <= 60
    await post_contribution(event.id, "someone-else", "ich darf noch")  # others are not affected
    assert await Contribution.filter(author_id="flooder").count() == 3


async def test_a_burst_sent_at_once_is_cut_at_the_limit_and_nobody_else_loses_a_post(db) -> None:
    """All at once, as a script would send them: the check must not let the whole burst through."""
    event, _ = await open_event()
    flood = [post_contribution(event.id, "flooder", f"Spam {n}", address="10.0.0.1") for n in range(40)]
    others = [post_contribution(event.id, f"person-{n}", f"Mein Beitrag {n}", address="10.0.0.1") for n in range(15)]
    outcomes = await asyncio.gather(*flood, *others, return_exceptions=True)
    refused = [item for item in outcomes[:40] if isinstance(item, ServiceError)]
    assert len(refused) == 37 and {error.key for error in refused} == {"rate_limited"}
    assert all(isinstance(item, Contribution) for item in outcomes[40:])  # the hall behind one address posts on
    assert await Contribution.filter(author_id="flooder").count() == 3
    assert await Contribution.filter(author_id__startswith="person-").count() == 15


async def test_a_refused_post_does_not_count_against_its_author(db) -> None:
    event, _ = await open_event()
    for _ in range(5):
        with pytest.raises(ServiceError):
            await post_contribution(event.id, "typo", "   ")  # empty: refused before it counts
    with pytest.raises(NotFound):
        await post_contribution(event.id, "typo", "Richtig", agenda_item_id=999_999)
    for number in range(3):
        await post_contribution(event.id, "typo", f"Beitrag {number}")


async def test_one_vote_per_browser_and_toggle(db) -> None:
    event, _ = await open_event()
    post = await post_contribution(event.id, "author", "Unterstützenswert")
    assert await toggle_vote(post.id, "v1") == (True, 1)
    assert await toggle_vote(post.id, "v2") == (True, 2)
    assert await toggle_vote(post.id, "v1") == (False, 1)
    assert (await Contribution.get(id=post.id)).vote_count == 1


async def test_nobody_supports_or_flags_their_own_post(db) -> None:
    from features.contributions.flags import flag_contribution
    from models.contribution import Vote
    from models.moderation import Flag

    event, _ = await open_event()
    post = await post_contribution(event.id, "author", "Mein eigener Vorschlag")
    with pytest.raises(ServiceError) as refused:
        await toggle_vote(post.id, "author")
    assert refused.value.key == "contribution.own_vote"
    with pytest.raises(ServiceError) as refused:
        await flag_contribution(post.id, "author")
    assert refused.value.key == "contribution.own_flag"
    stored = await Contribution.get(id=post.id)
    assert (stored.vote_count, stored.status) == (0, Status.PUBLISHED)  # nothing changed
    assert await Vote.filter(contribution_id=post.id).count() == 0
    assert await Flag.filter(contribution_id=post.id).count() == 0
    assert await toggle_vote(post.id, "someone-else") == (True, 1)  # everyone else still may
    assert await flag_contribution(post.id, "someone-else") is True


async def test_votes_only_for_published_posts(db) -> None:
    event, _ = await open_event(ModerationMode.PRE)
    post = await post_contribution(event.id, "author", "noch nicht freigegeben")
    with pytest.raises(NotFound):
        await toggle_vote(post.id, "v1")
    with pytest.raises(NotFound):
        await toggle_vote(99999, "v1")


async def test_sorting_by_support_and_paging_older(db) -> None:
    event, _ = await open_event()
    posts = [await post_contribution(event.id, f"a{i}", f"Beitrag {i}") for i in range(5)]
    await toggle_vote(posts[1].id, "v")
    newest = await list_contributions(event.id, limit=2)
    assert [c.id for c in newest] == [posts[4].id, posts[3].id]
    older = await list_contributions(event.id, before_id=posts[3].id, limit=10)
    assert [c.id for c in older] == [posts[2].id, posts[1].id, posts[0].id]
    top = await list_contributions(event.id, sort="top", limit=1)
    assert top[0].id == posts[1].id
    since = await list_contributions(event.id, after_id=posts[2].id)
    assert {c.id for c in since} == {posts[3].id, posts[4].id}


async def test_a_resent_draft_is_stored_once(db) -> None:
    event, _ = await open_event()
    first = await post_contribution(event.id, "b", "Nach dem Funkloch", client_key="draft-1")
    again = await post_contribution(event.id, "b", "Nach dem Funkloch", client_key="draft-1")
    other = await post_contribution(event.id, "c", "Gleicher Schlüssel, anderer Browser", client_key="draft-1")
    assert again.id == first.id and other.id != first.id
    assert await Contribution.all().count() == 2
