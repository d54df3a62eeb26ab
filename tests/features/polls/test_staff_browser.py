"""Polls in a real Chromium, staff side: the hall screen shows an answer within a second, and
axe-core finds nothing on the console's poll section, the screen's poll mode and the polls tab
of /admin, in German and in English."""

from __future__ import annotations

import time

import pytest

from features.agenda.service import load_programme
from features.polls import service as polls
from features.polls.service import PollDraft
from features.staff.service import create_account
from models.contribution import Channel
from models.poll import Poll, PollKind
from models.staff import Role
from tests.support.accessibility import serious_violations
from tests.support.browser import connected, wait_until_still
from tests.support.factories import organiser
from tests.support.staff import sign_in_tab

PASSWORD = "umfrage-geprueft-7"


async def prepared(kind: PollKind = PollKind.SINGLE, *, show: bool = True) -> Poll:
    """A poll of the current event, open and (by default) on the screen."""
    programme = await load_programme()
    assert programme is not None
    staff = await organiser("Orga-Umfrage")
    options = ("Wohnen", "Verkehr", "Klima") if kind in polls.KINDS_WITH_OPTIONS else ()
    draft = PollDraft(
        kind,
        "Welches Thema zuerst?",
        options,
        question_en="Which topic first?",
        agenda_item_id=programme.items[0].id,
        scale_min_label="gar nicht",
        scale_max_label="sehr",
    )
    poll = await polls.create_poll(staff, programme.event.id, draft)
    await polls.open_poll(staff, poll.id)
    if show:
        await polls.show_on_screen(staff, poll.id)
    return await polls.get_poll(poll.id)  # type: ignore[return-value]


def test_the_screen_shows_an_answer_within_a_second(live_app, new_tab) -> None:
    poll = live_app.call(prepared())
    screen = new_tab(1920, 1080)
    screen.goto(f"{live_app.url}/screen")
    connected(screen)
    area = screen.locator(".sg-screen-poll")
    area.get_by_text("Welches Thema zuerst?").wait_for()
    area.get_by_text("Ergebnis in Zahlen (0 Antworten)").wait_for()
    assert screen.locator(".sg-screen-list").is_hidden()  # the poll replaces the posts
    started = time.monotonic()
    live_app.call(polls.answer_poll(poll.id, "browser-hall", choices=[poll.options[1].id], channel=Channel.HALL))
    area.get_by_text("Ergebnis in Zahlen (1 Antworten)").wait_for(timeout=1000)
    elapsed = time.monotonic() - started
    assert elapsed < 1.0
    row = area.locator("tr", has_text="Verkehr")
    assert row.locator("td").all_inner_texts() == ["1", "100 %", "1", "0"]
    size = area.locator(".sg-screen-poll-question").evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
    assert size >= 40  # readable from the back of the hall at 1920 wide
    assert screen.evaluate("document.documentElement.scrollHeight <= window.innerHeight")
    print(f"an answer reached the screen after {elapsed * 1000:.0f} ms")


@pytest.mark.parametrize("language", ["de", "en"])
def test_poll_views_of_staff_and_screen_pass_axe(live_app, new_tab, language) -> None:
    words = live_app.call(prepared(PollKind.WORDS, show=False))
    for browser, text in (("a", "Radwege"), ("b", "Mehr Grün"), ("c", "radwege")):
        live_app.call(polls.answer_poll(words.id, browser, words=text))
    single = live_app.call(prepared())  # opening it closes the word cloud; the cloud stays listed
    live_app.call(polls.answer_poll(single.id, "a", choices=[single.options[0].id]))
    tab = new_tab(1366, 900)
    tab.goto(f"{live_app.url}/lang/{language}?next=/")
    found: dict[str, list[str]] = {}
    tab.goto(f"{live_app.url}/screen")
    connected(tab)
    tab.locator(".sg-screen-poll .sg-poll-table").wait_for()
    wait_until_still(tab)
    if violations := serious_violations(tab):
        found["/screen (poll)"] = violations
    name = f"Umfrage-Prüferin-{language}"
    live_app.call(create_account(name, PASSWORD, Role.ORGANISER))
    sign_in_tab(tab, live_app.url, name, PASSWORD, "/moderation")
    tab.locator(f"section:has(#polls-heading) li >> text={'Offen' if language == 'de' else 'Open'}").first.wait_for()
    tab.locator("section:has(#polls-heading) .sg-poll-table").first.wait_for()
    wait_until_still(tab)
    if violations := serious_violations(tab):
        found["/moderation (polls)"] = violations
    tab.get_by_role("button", name="Neue Umfrage" if language == "de" else "New poll").click()
    tab.locator("#poll-form-heading").wait_for()
    # the dialog fades and scales in: axe must read it once Quasar's transition has ended
    tab.wait_for_function("""() => {
      const inner = document.querySelector('.q-dialog .q-dialog__inner');
      return inner && !/q-transition--/.test(inner.className) && getComputedStyle(inner).opacity === '1';
    }""")
    wait_until_still(tab)
    if violations := serious_violations(tab, within=".q-dialog"):  # the page behind is dimmed on purpose
        found["/moderation (poll form)"] = violations
    tab.goto(f"{live_app.url}/admin?tab=polls")
    connected(tab)
    tab.locator("#polls-admin-heading").wait_for()
    wait_until_still(tab)
    if violations := serious_violations(tab):
        found["/admin?tab=polls"] = violations
    tab.set_viewport_size({"width": 1024, "height": 768})  # the moderator's tablet
    for path, ready in (
        ("/moderation", "section:has(#polls-heading) .sg-poll-table"),
        ("/admin?tab=polls", "#polls-admin-heading"),
    ):
        tab.goto(f"{live_app.url}{path}")
        connected(tab)
        tab.locator(ready).first.wait_for()
        wait_until_still(tab)
        if violations := serious_violations(tab):
            found[f"{path} at 1024 px"] = violations
    assert found == {}, "\n".join(f"{path}: {violation}" for path, items in found.items() for violation in items)
