"""The city's answer in real Chromium: given while the wall and the result's page are open, it
appears on both without a reload, under the post, as text; axe finds nothing serious."""

from __future__ import annotations

from features.answers.service import give_answer
from features.contributions.service import post_comment, post_contribution
from features.staff.service import create_account
from models.contribution import OfficialStatus
from models.event import Event
from models.result import Result
from models.staff import Role, StaffAccount
from tests.support.accessibility import serious_violations
from tests.support.browser import connected
from tests.support.staff import PASSWORD
from tests.support.xss import XSS_SHORT

ANSWER = f"Kommt in den Haushalt 2027 {XSS_SHORT}"


async def scene() -> tuple[int, int, int, StaffAccount]:
    event = await Event.first()
    result = await Result.get(title="Der Wall als Boulevard")
    wall_post = await post_contribution(event.id, "answer-browser-a", "Mehr Bänke am Wall")
    comment = await post_comment(result.id, "answer-browser-b", "Schatten für den Boulevard")
    organiser = await create_account("Olga", PASSWORD, Role.ORGANISER)
    return result.id, wall_post.id, comment.id, organiser


def test_an_answer_appears_on_the_open_wall_and_result_page_as_text(live_app, page, browser) -> None:
    result_id, wall_post_id, comment_id, organiser = live_app.call(scene())
    page.goto(f"{live_app.url}/wall")
    connected(page)
    card = page.locator(f"li.sg-card[data-id='{wall_post_id}']")
    card.wait_for()
    context = browser.new_context(locale="de-DE")
    result_tab = context.new_page()
    try:
        result_tab.goto(f"{live_app.url}/results/{result_id}")
        connected(result_tab)
        comment = result_tab.locator(f"li.sg-card[data-id='{comment_id}']")
        comment.wait_for()

        live_app.call(give_answer(organiser, wall_post_id, OfficialStatus.ADOPTED, ANSWER))
        live_app.call(give_answer(organiser, comment_id, OfficialStatus.IN_REVIEW, ""))

        official = card.locator(".sg-official")
        official.wait_for(timeout=5000)
        assert official.locator(".sg-official-status").inner_text() == "Antwort der Stadt: Aufgenommen"
        assert official.locator(".sg-official-text").inner_text() == ANSWER
        assert official.locator("img").count() == 0  # the markup is text, never an element
        result_tab.locator(f"li.sg-card[data-id='{comment_id}'] .sg-official-status").filter(
            has_text="Antwort der Stadt: In Prüfung"
        ).wait_for(timeout=5000)
        assert comment.locator(".sg-official-text").count() == 0  # "in review" without a text
        assert serious_violations(page) == []
        assert serious_violations(result_tab) == []
    finally:
        context.close()
