"""Results, comments, replies and proposals: phase to the second, one reply level, one support per
browser, proposals need a title, live and follow-up in one place, counts, search, pictures."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PIL import Image

from core.errors import NotFound, ServiceError
from core.media import media_dir, store_image, stored_path
from features.contributions.service import (
    list_contributions,
    list_for_result,
    post_comment,
    post_contribution,
    post_proposal,
    post_reply,
    reset_rate_limits,
    toggle_vote,
)
from features.moderation.service import assign_result
from features.results.service import (
    add_result_image,
    create_result,
    gallery,
    search_result_ids,
)
from features.staff.service import create_account
from features.system.demo import seed_demo
from models.contribution import Contribution, Kind, Status
from models.event import ModerationMode
from models.result import Result, ResultImage, Topic
from tests.support.factories import CLOSES, OPENS, a_result, organiser, png_bytes


async def test_comments_are_refused_one_second_after_the_phase_closes(db) -> None:
    _, _, result = await a_result()
    last = await post_comment(result.id, "a", "gerade noch", now=CLOSES - timedelta(seconds=1))
    assert last.kind == Kind.COMMENT and last.result_id == result.id
    for post in (
        lambda: post_comment(result.id, "b", "zu spät", now=CLOSES),
        lambda: post_comment(result.id, "b", "zu spät", now=CLOSES + timedelta(seconds=1)),
        lambda: post_proposal(result.id, "b", "Titel", "zu spät", now=CLOSES + timedelta(seconds=1)),
        lambda: post_reply(result.id, last.id, "b", "zu spät", now=CLOSES + timedelta(seconds=1)),
        lambda: toggle_vote(last.id, "b", now=CLOSES + timedelta(seconds=1)),
    ):
        with pytest.raises(ServiceError) as refused:
            await post()
        assert refused.value.key == "participation.closed"
    assert [c.id for c in await list_for_result(result, kinds=(Kind.COMMENT,))] == [last.id]  # still readable


async def test_comments_are_refused_one_second_before_the_phase_opens(db) -> None:
    _, _, result = await a_result()
    with pytest.raises(ServiceError) as refused:
        await post_comment(result.id, "a", "zu früh", now=OPENS - timedelta(seconds=1))
    assert refused.value.key == "participation.not_open" and refused.value.params["opens_at"] == OPENS
    assert (await post_comment(result.id, "a", "pünktlich", now=OPENS)).status == Status.PUBLISHED


async def test_replies_go_one_level_deep_only(db) -> None:
    _, _, result = await a_result()
    comment = await post_comment(result.id, "a", "Gute Idee")
    reply = await post_reply(result.id, comment.id, "b", "Finde ich auch")
    assert reply.parent_id == comment.id and reply.result_id == result.id
    with pytest.raises(ServiceError) as refused:
        await post_reply(result.id, reply.id, "c", "Antwort auf die Antwort")
    assert refused.value.key == "reply.too_deep"
    proposal = await post_proposal(result.id, "d", "Lieferzonen", "Feste Lieferzonen einplanen")
    with pytest.raises(ServiceError) as refused:
        await post_reply(result.id, proposal.id, "c", "Antwort auf einen Vorschlag")
    assert refused.value.key == "reply.not_to_proposal"
    with pytest.raises(NotFound):
        await post_reply(result.id, 99999, "c", "ins Leere")
    assert await Contribution.filter(parent_id=reply.id).count() == 0


async def test_a_reply_must_answer_something_on_the_same_result(db) -> None:
    _, _, result = await a_result()
    other = await create_result(await organiser(), (await Topic.first()).id, "Anderes Ergebnis")
    elsewhere = await post_comment(other.id, "a", "dort")
    with pytest.raises(NotFound):
        await post_reply(result.id, elsewhere.id, "b", "hier")


async def test_proposals_need_a_title_and_keep_the_limits(db) -> None:
    _, _, result = await a_result()
    refusals = (("", "proposal.no_title"), ("  \n ", "proposal.no_title"), ("x" * 121, "proposal.title_too_long"))
    for title, key in refusals:
        with pytest.raises(ServiceError) as refused:
            await post_proposal(result.id, "a", title, "Text")
        assert refused.value.key == key
    with pytest.raises(ServiceError) as refused:
        await post_proposal(result.id, "a", "Titel", "x" * 501)
    assert refused.value.key == "contribution.too_long"
    proposal = await post_proposal(result.id, "a", " Lieferzonen\u202e ", "Zwischen Rad- und Gehweg", nickname="Aylin")
    assert (proposal.kind, proposal.title, proposal.nickname) == (Kind.PROPOSAL, "Lieferzonen", "Aylin")


async def test_one_support_per_browser_toggles(db) -> None:
    _, _, result = await a_result()
    proposal = await post_proposal(result.id, "author", "Mehr Bäume", "Am Wall")
    assert await toggle_vote(proposal.id, "browser-1") == (True, 1)
    assert await toggle_vote(proposal.id, "browser-2") == (True, 2)
    assert await toggle_vote(proposal.id, "browser-1") == (False, 1)
    assert (await Contribution.get(id=proposal.id)).vote_count == 1


async def test_html_is_stored_as_the_text_it_is(db) -> None:
    _, _, result = await a_result()
    attack = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    comment = await post_comment(result.id, "a", attack, nickname="<b>Mallory</b>")
    proposal = await post_proposal(result.id, "a", "<i>Titel</i>", attack)
    assert (comment.text, comment.nickname) == (attack, "<b>Mallory</b>")
    assert (proposal.title, proposal.text) == ("<i>Titel</i>", attack)


async def test_pre_moderation_and_rate_limits_apply_to_comments(db) -> None:
    _, _, result = await a_result(ModerationMode.PRE)
    comment = await post_comment(result.id, "a", "Bitte prüfen")
    assert comment.status == Status.PENDING
    assert [c.id for c in await list_for_result(result, kinds=(Kind.COMMENT,), viewer_id="a")] == [comment.id]
    assert await list_for_result(result, kinds=(Kind.COMMENT,), viewer_id="b") == []
    await post_comment(result.id, "a", "zwei")
    await post_proposal(result.id, "a", "drei", "drei")
    with pytest.raises(ServiceError) as refused:
        await post_comment(result.id, "a", "vier")
    assert refused.value.key == "rate_limited"


async def test_blocked_words_send_comments_and_proposals_to_the_queue(db) -> None:
    _, _, result = await a_result()
    assert (await post_comment(result.id, "a", "Ein sachlicher Kommentar")).status == Status.PUBLISHED
    assert (await post_comment(result.id, "b", "Du Vollidiot")).status == Status.PENDING
    assert (await post_proposal(result.id, "c", "Fuck the plan", "Titel mit Schimpfwort")).status == Status.PENDING


async def test_wall_posts_of_the_results_slot_and_assigned_ones_show_on_the_result(db) -> None:
    event, items, result = await a_result()
    during = await post_contribution(event.id, "a", "Live im Saal", agenda_item_id=items[1].id)
    other_slot = await post_contribution(event.id, "b", "Zu etwas anderem", agenda_item_id=items[0].id)
    comment = await post_comment(result.id, "c", "Online danach")
    shown = await list_for_result(result, kinds=(Kind.COMMENT, Kind.WALL))
    assert [c.id for c in shown] == [comment.id, during.id]
    moderator = await create_account("Mo", "richtig-geheim-42")
    await assign_result(moderator, other_slot.id, result.id)
    shown = await list_for_result(result, kinds=(Kind.COMMENT, Kind.WALL))
    assert [c.id for c in shown] == [comment.id, other_slot.id, during.id]
    # ...while the wall itself keeps showing wall posts only
    assert {c.id for c in await list_contributions(event.id)} == {during.id, other_slot.id}


async def test_gallery_counts_comments_replies_and_proposals_in_one_query(db) -> None:
    event, _, result = await a_result()
    empty = await create_result(await organiser(), (await Topic.first()).id, "Noch ohne Beiträge")
    comment = await post_comment(result.id, "a", "eins")
    await post_reply(result.id, comment.id, "b", "zwei")
    await post_proposal(result.id, "c", "Titel", "drei")
    await Contribution.create(event=event, result=result, kind=Kind.COMMENT, text="versteckt", author_id="d",
                              status=Status.HIDDEN)
    cards, few = await counted_queries(gallery(event.id))
    by_id = {card.id: card for card in cards}
    assert (by_id[result.id].comments, by_id[result.id].proposals) == (2, 1)
    assert (by_id[empty.id].comments, by_id[empty.id].proposals) == (0, 0)
    for number in range(10):
        more = await create_result(await organiser(), (await Topic.first()).id, f"Ergebnis {number}")
        await post_comment(more.id, f"x{number}", "noch einer")
        reset_rate_limits()
    cards, many = await counted_queries(gallery(event.id))
    assert len(cards) == 12 and few == many  # never one query per card


async def counted_queries(coroutine):
    """Run `coroutine` and count the database round trips it makes (after the bus has delivered
    what was published before, so its handlers' reads are not counted)."""
    import asyncio

    from tortoise import connections

    await asyncio.sleep(0.2)

    connection = connections.get("default")
    calls = 0
    originals = {name: getattr(connection, name) for name in ("execute_query", "execute_query_dict")}

    def counting(original):
        async def wrapper(*args, **kwargs):
            nonlocal calls
            calls += 1
            return await original(*args, **kwargs)
        return wrapper

    for name, original in originals.items():
        setattr(connection, name, counting(original))
    try:
        return await coroutine, calls
    finally:
        for name, original in originals.items():
            setattr(connection, name, original)


async def test_search_finds_words_in_title_summary_and_text(db) -> None:
    event, _, result = await a_result()
    assert await search_result_ids(event.id, "boulevard") == [result.id]
    assert await search_result_ids(event.id, "radweg BÄUME") == [result.id]
    assert await search_result_ids(event.id, "Seilbahn") == []


async def test_pictures_are_re_encoded_with_thumbnail_and_alt_text(db) -> None:
    _, _, result = await a_result()
    image = await add_result_image(await organiser(), result.id, png_bytes((2400, 1500)), "Eine rote Fläche")
    assert image.file_name.endswith(".jpg") and image.thumb_name.endswith("-t.jpg")
    assert (image.width, image.height) == (1600, 1000) and image.thumb_width == 480
    with Image.open(stored_path(image.file_name)) as stored:
        assert stored.format == "JPEG" and stored.mode == "RGB"
    with pytest.raises(ServiceError) as refused:
        await add_result_image(await organiser(), result.id, png_bytes(), "   ")
    assert refused.value.key == "image.bad_alt"
    with pytest.raises(ServiceError) as refused:
        await add_result_image(await organiser(), result.id, b"<svg onload=alert(1)></svg>", "kein Bild")
    assert refused.value.key == "image.not_an_image"
    assert await ResultImage.all().count() == 1


def test_only_names_the_app_generated_are_served(app_environment) -> None:
    stored = store_image(png_bytes())
    assert stored_path(stored.file_name) is not None
    (media_dir().parent / "secret.txt").write_text("nein")
    for name in ("../secret.txt", "..%2Fsecret.txt", "secret.txt", stored.file_name.replace(".jpg", ".png"),
                 "0" * 32 + ".jpg"):
        assert stored_path(name) is None


async def test_demo_has_six_topics_with_pictures_comments_and_a_proposal(db) -> None:
    event = await seed_demo()
    topics = await Topic.filter(event=event).order_by("position")
    assert [topic.name for topic in topics] == [
        "Wohnen und Quartiere", "Mobilität", "Klima und Umwelt", "Arbeit und Wirtschaft", "Bildung und Teilhabe",
        "Kultur und Freizeit",
    ]
    results = await Result.all().prefetch_related("images", "agenda_item")
    for topic in topics:
        assert 1 <= await Result.filter(topic=topic).count() <= 2
    assert all(result.agenda_item.title == "Ausgangsbilder an Thementischen" for result in results)
    assert all(len(result.images) >= 1 and result.images[0].alt for result in results)
    assert all(stored_path(result.images[0].thumb_name) for result in results)
    assert await Contribution.filter(kind=Kind.COMMENT, parent_id__not_isnull=True).count() == 1
    assert await Contribution.filter(kind=Kind.PROPOSAL).count() == 1
    assert await seed_demo() is None and await Topic.all().count() == 6
