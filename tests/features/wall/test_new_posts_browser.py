"""The wall a phone can follow, in real Chromium at 390 px: new posts that arrive while the viewer
has scrolled down or is writing wait behind a pill "2 neue Beiträge" instead of moving the page,
screen readers hear one hint, the pill shows them by keyboard; the programme item and "Beantwortet"
on the cards; no support or report button on one's own card. axe-clean with the pill, de and en."""

from __future__ import annotations

import itertools

from features.agenda.service import current_event
from features.contributions.service import post_contribution
from features.moderation.service import mark_answered
from tests.support.accessibility import serious_violations
from tests.support.browser import connected, wait_until_still
from tests.support.factories import organiser

CARD = "li.sg-card"
PILL = "button.sg-new-posts"
_authors = itertools.count()

# every text the pill's live region was given, recorded as the browser changes it
RECORD_ANNOUNCEMENTS = """() => {
  window.__announced = [];
  const region = document.querySelector('[data-sg-announce]');
  new MutationObserver(() => {
    const text = region.textContent.trim();
    if (text) window.__announced.push(text);
  }).observe(region, {childList: true, characterData: true, subtree: true});
}"""
LOOKS = """(chip, text) => Object.fromEntries([['chip', chip], ['text', text]].map(([name, element]) => {
  const style = getComputedStyle(element);
  return [name, [style.borderTopWidth, style.borderTopStyle, style.fontSize].join(' ')];
}))"""
AWAY = "() => document.querySelector('ol.sg-list').getBoundingClientRect().top < -100"


def publish(live_app, text: str, **options) -> int:
    """A post of someone else, written on the server (as another browser's would be)."""
    event = live_app.call(current_event())
    return live_app.call(post_contribution(event.id, f"elsewhere-{next(_authors)}", text, **options)).id


def open_wall(tab, url: str) -> None:
    tab.goto(f"{url}/wall")
    connected(tab)
    tab.locator("button.sg-send").wait_for()


def test_new_posts_wait_behind_one_pill_while_scrolled_down_and_the_keyboard_shows_them(
    live_app, new_tab
) -> None:
    for number in range(8):
        publish(live_app, f"Ältere Meinung Nummer {number} " + "mit etwas mehr Text, damit die Wand lang wird. " * 3)
    tab = new_tab(390, 844)
    open_wall(tab, live_app.url)
    tab.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    tab.wait_for_function(AWAY)
    tab.evaluate(RECORD_ANNOUNCEMENTS)
    scrolled = tab.evaluate("window.scrollY")

    first = publish(live_app, "Neu: Erster frischer Beitrag")
    second = publish(live_app, "Neu: Zweiter frischer Beitrag")
    pill = tab.get_by_role("button", name="2 neue Beiträge")
    pill.wait_for(timeout=3000)
    assert tab.locator(CARD, has_text="Neu:").count() == 0  # held back: nothing pushed the page
    assert tab.evaluate("window.scrollY") == scrolled
    assert tab.evaluate("window.__announced") == ["Neue Beiträge sind da. Die Schaltfläche über der Liste zeigt sie."]
    assert pill.is_visible()  # stuck to the top of what the viewer sees
    wait_until_still(tab)
    assert serious_violations(tab) == []

    pill.focus()
    tab.keyboard.press("Enter")
    newest = tab.locator(f'{CARD}[data-id="{second}"]')
    newest.wait_for()
    tab.wait_for_function(f"document.activeElement && document.activeElement.dataset.id === '{second}'")
    assert tab.locator(CARD, has_text="Neu: Erster frischer Beitrag").count() == 1
    assert tab.locator(PILL).count() == 0
    box = newest.bounding_box()
    assert box is not None and 0 <= box["y"] < 844  # scrolled to them
    assert tab.evaluate("window.__announced").__len__() == 1  # still the one hint, nothing per post
    assert tab.locator(f'{CARD}[data-id="{first}"]').count() == 1

    # back at the top and not writing: new posts appear as before, no pill
    tab.evaluate("window.scrollTo(0, 0)")
    tab.evaluate("document.activeElement.blur()")
    publish(live_app, "Neu: Oben sofort sichtbar")
    tab.locator(CARD, has_text="Neu: Oben sofort sichtbar").wait_for(timeout=3000)
    assert tab.locator(PILL).count() == 0


def test_while_writing_new_posts_wait_and_the_cards_say_item_answered_and_own_in_english(live_app, new_tab) -> None:
    event = live_app.call(current_event())
    tab = new_tab(390, 844)
    tab.goto(f"{live_app.url}/lang/en?next=/wall")
    connected(tab)
    tab.locator("button.sg-send").wait_for()

    # one's own post: no support or report button on its card, the count only
    tab.get_by_label("Your post").fill("My own idea for the square")
    tab.locator("button.sg-send").click()
    own = tab.locator(CARD, has_text="My own idea for the square")
    own.wait_for(timeout=3000)
    assert own.locator(".sg-vote").count() == 0 and own.locator(".sg-flag").count() == 0
    assert own.locator(".sg-own-votes").inner_text().strip().endswith("0")

    tab.evaluate(RECORD_ANNOUNCEMENTS)
    tab.get_by_label("Your post").focus()  # writing the next one
    question = publish(live_app, "When will the cycle lane come?")
    pill = tab.get_by_role("button", name="1 new post")
    pill.wait_for(timeout=3000)
    assert tab.locator(CARD, has_text="When will the cycle lane come?").count() == 0
    assert tab.evaluate("document.activeElement.name") == "text"  # the form keeps the focus
    publish(live_app, "And the trees?")
    tab.get_by_role("button", name="2 new posts").wait_for(timeout=3000)
    assert tab.evaluate("window.__announced") == ["New posts have arrived. The button above the list shows them."]
    wait_until_still(tab)
    assert serious_violations(tab) == []

    pill = tab.get_by_role("button", name="2 new posts")
    pill.focus()
    tab.keyboard.press("Enter")
    card = tab.locator(CARD, has_text="When will the cycle lane come?")
    card.wait_for()
    # someone else's card: the programme item as a labelled chip apart from the text, and buttons
    about = card.locator(".sg-about")
    assert about.inner_text().startswith("On: ")
    assert about.locator(".sg-about-label").inner_text() == "On:"
    looks = about.evaluate(LOOKS, card.locator(".sg-text").element_handle())
    assert looks["chip"] != looks["text"], looks  # framed, smaller: not the text's style, not only colour
    assert card.locator(".sg-vote").count() == 1 and card.locator(".sg-flag").count() == 1
    assert card.locator(".sg-answered").count() == 0
    live_app.call(mark_answered(live_app.call(organiser()), question))
    card.locator(".sg-answered", has_text="Answered").wait_for(timeout=3000)
    card.scroll_into_view_if_needed()
    tab.screenshot(path="/tmp/wallux-card.png")
    assert event.id
    wait_until_still(tab)
    assert serious_violations(tab) == []
