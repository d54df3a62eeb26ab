"""Everything by keyboard alone, in real Chromium: post, support, flag, reply, propose, switch
the language, sign in and every moderation action.

The tests press keys only (`page.keyboard`: Tab, Shift+Tab, Enter, Space, arrows, Escape and
typing): no click, no fill, no focus(). Locators only find elements and check what happened.
Every element the Tab key stops at must show a visible focus ring (`assert_focus_visible`).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

import pytest
from playwright.sync_api import expect

from features.agenda.service import current_event, load_programme
from features.contributions.service import post_comment, post_contribution
from features.staff.service import create_account
from models.contribution import Contribution, Status
from models.event import AgendaItem, Event, ModerationMode, ScreenMode
from models.moderation import Flag, ModerationLogEntry
from models.result import Result
from models.staff import Role
from tests.support.browser import connected

PASSWORD = "tastatur-geht-immer-7"
CARD = "li.sg-card"
MODERATION_CARD = "li.sg-mod-card"
TAB_LIMIT = 80
T = TypeVar("T")

# The focused element (or the Quasar frame that shows its focus) must wear an outline or a ring
# (box-shadow without blur) of at least 2 px whose colour has a contrast of 3:1 or more with the
# background behind it (WCAG 1.4.11). Colours are read through a canvas, so Tailwind's oklch()
# values count like rgb().
FOCUS_CHECK = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return {ok: false, detail: 'nothing has focus'};
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 1;
  const ctx = canvas.getContext('2d', {willReadFrequently: true});
  const rgba = (colour) => {
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = 'rgba(0, 0, 0, 0)';
    ctx.fillStyle = colour;
    ctx.fillRect(0, 0, 1, 1);
    const d = ctx.getImageData(0, 0, 1, 1).data;
    return [d[0], d[1], d[2], d[3] / 255];
  };
  const luminance = ([r, g, b]) => {
    const lin = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  const contrast = (a, b) => {
    const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const background = (node) => {
    for (; node && node.nodeType === 1; node = node.parentElement) {
      const colour = rgba(getComputedStyle(node).backgroundColor);
      if (colour[3] > 0.5) return colour;
    }
    return [255, 255, 255, 1];
  };
  const splitTop = (text) => {
    const parts = []; let depth = 0; let current = '';
    for (const ch of text) {
      if (ch === '(') depth++;
      if (ch === ')') depth--;
      if (ch === ',' && depth === 0) { parts.push(current.trim()); current = ''; } else current += ch;
    }
    if (current.trim()) parts.push(current.trim());
    return parts;
  };
  const field = el.closest('.q-field');
  const candidates = [el, field && field.querySelector('.q-field__control'), el.closest('.q-btn, .q-tab')]
    .filter((node, index, all) => node && all.indexOf(node) === index);
  const rings = [];
  for (const node of candidates) {
    const style = getComputedStyle(node);
    const behind = background(node.parentElement);
    if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) {
      const colour = rgba(style.outlineColor);
      const against = parseFloat(style.outlineOffset) >= 0 ? behind : background(node);
      if (colour[3] > 0.5) rings.push({kind: 'outline', contrast: contrast(colour, against)});
    }
    if (style.boxShadow && style.boxShadow !== 'none') {
      for (const shadow of splitTop(style.boxShadow)) {
        if (shadow.includes('inset')) continue;
        const colourMatch = shadow.match(/^(\\w+\\([^)]*\\)|#[0-9a-f]+|[a-z]+)/i);
        const lengths = shadow.replace(colourMatch ? colourMatch[0] : '', '').trim().split(/\\s+/).map(parseFloat);
        const [x, y, blur, spread] = [...lengths, 0, 0, 0, 0];
        if (!colourMatch || x !== 0 || y !== 0 || blur > 1 || spread < 2) continue;
        const colour = rgba(colourMatch[0]);
        if (colour[3] > 0.5) rings.push({kind: 'ring', contrast: contrast(colour, behind)});
      }
    }
  }
  const best = rings.reduce((max, ring) => Math.max(max, ring.contrast), 0);
  const label = (el.getAttribute('aria-label') || el.innerText || el.value || el.name || '').trim().slice(0, 50);
  return {ok: best >= 3, detail: `${el.tagName.toLowerCase()} "${label}": best contrast ${best.toFixed(2)} of ` +
    JSON.stringify(rings)};
}"""

DESCRIBE_FOCUS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return '(nothing)';
  const label = (el.getAttribute('aria-label') || el.innerText || el.value || el.name || '').trim();
  return `${el.tagName.toLowerCase()} "${label.slice(0, 40).replace(/\\s+/g, ' ')}"`;
}"""


def assert_focus_visible(tab: Any) -> None:
    """What has focus shows it: an outline or ring of enough contrast (see FOCUS_CHECK)."""
    found = tab.evaluate(FOCUS_CHECK)
    assert found["ok"], f"no visible focus indicator: {found['detail']}"


def is_focused(target: Any) -> bool:
    return bool(target.evaluate("(el) => el === document.activeElement || el.contains(document.activeElement)"))


def tab_to(tab: Any, target: Any, *, backwards: bool = False, limit: int = TAB_LIMIT) -> None:
    """Press Tab (or Shift+Tab) until `target` has focus; every stop on the way must show it."""
    expect(target).to_be_attached()
    seen: list[str] = []
    for _ in range(limit):
        if is_focused(target):
            assert_focus_visible(tab)
            return
        tab.keyboard.press("Shift+Tab" if backwards else "Tab")
        seen.append(tab.evaluate(DESCRIBE_FOCUS))
        if seen[-1] != "(nothing)":
            assert_focus_visible(tab)
    pytest.fail(f"{target} got no focus after {limit} presses of Tab; focus went to: " + ", ".join(seen))


def press_on(tab: Any, target: Any, key: str = "Enter", *, backwards: bool = False) -> None:
    tab_to(tab, target, backwards=backwards)
    tab.keyboard.press(key)


def menu_gone(tab: Any) -> None:
    """Wait until a closed Quasar menu has left the page, not only the screen: Quasar gives the
    focus back to the select when it removes the menu, after its 300 ms fade, so a Tab pressed
    before that would be undone (seen on CI: the focus went from "Pause" back to the picker)."""
    expect(tab.locator(".q-menu")).to_be_hidden()
    expect(tab.locator("[id^='q-portal--menu']")).to_have_count(0)


def type_into(tab: Any, target: Any, text: str) -> None:
    tab_to(tab, target)
    tab.keyboard.type(text)


def eventually(live_app: Any, read: Callable[[], Coroutine[Any, Any, T]], expected: T, *, timeout: float = 10) -> None:
    """Read the database (on the server's loop) until it shows `expected`; fail with what it showed."""
    deadline = time.monotonic() + timeout
    while (value := live_app.call(read())) != expected and time.monotonic() < deadline:
        time.sleep(0.1)
    assert value == expected


def stored(live_app: Any, text: str) -> Contribution:
    """The contribution with this text, once the server has stored it."""
    eventually(live_app, lambda: contribution_exists(text), True)
    return live_app.call(contribution(text))


async def contribution_exists(text: str) -> bool:
    return await Contribution.filter(text=text).exists()


async def contribution(text: str) -> Contribution | None:
    return await Contribution.get_or_none(text=text)


# --- the wall ----------------------------------------------------------------------------------------


def open_wall(tab: Any, url: str) -> None:
    tab.goto(f"{url}/wall")
    connected(tab)


def test_a_post_is_written_and_sent_by_keyboard(live_app, page) -> None:
    open_wall(page, live_app.url)
    type_into(page, page.get_by_label("Ihr Beitrag"), "Mit der Tastatur geschrieben")
    type_into(page, page.get_by_label("Name oder Spitzname (freiwillig)"), "Tastatur-Tina")
    press_on(page, page.get_by_role("button", name="Absenden"))
    expect(page.get_by_text("Danke! Ihr Beitrag ist veröffentlicht.")).to_be_visible()
    expect(page.get_by_role("button", name="Absenden")).to_be_focused()  # not dropped while sending
    assert stored(live_app, "Mit der Tastatur geschrieben").nickname == "Tastatur-Tina"
    expect(page.locator(CARD, has_text="Mit der Tastatur geschrieben")).to_be_visible()


async def vote_count(contribution_id: int) -> int:
    return (await Contribution.get(id=contribution_id)).vote_count


async def flag_count(contribution_id: int) -> int:
    return await Flag.filter(contribution_id=contribution_id).count()


def test_support_undo_and_flag_by_keyboard(live_app, page) -> None:
    event = live_app.call(current_event())
    post = live_app.call(post_contribution(event.id, "someone", "Bitte mehr Sitzbänke"))
    open_wall(page, live_app.url)
    card = page.locator(CARD, has_text="Bitte mehr Sitzbänke")
    vote = card.locator("button.sg-vote")
    press_on(page, vote)
    expect(vote).to_have_attribute("aria-pressed", "true")
    eventually(live_app, lambda: vote_count(post.id), 1)
    page.keyboard.press("Space")  # focus stays on the button: Space takes the support back
    expect(vote).to_have_attribute("aria-pressed", "false")
    eventually(live_app, lambda: vote_count(post.id), 0)

    flag = card.get_by_role("button", name="Melden")
    press_on(page, flag)
    expect(card.get_by_role("button", name="Gemeldet")).to_be_visible()
    eventually(live_app, lambda: flag_count(post.id), 1)
    assert is_focused(card.get_by_role("button", name="Gemeldet"))  # focus is not lost to the page
    page.keyboard.press("Enter")  # a second flag from the same browser changes nothing
    page.wait_for_timeout(300)
    assert live_app.call(flag_count(post.id)) == 1


async def first_agenda_item() -> AgendaItem:
    return await AgendaItem.all().order_by("starts_at", "position").first()  # type: ignore[return-value]


def test_the_wall_is_sorted_and_filtered_by_keyboard(live_app, page) -> None:
    event = live_app.call(current_event())
    item = live_app.call(first_agenda_item())
    live_app.call(post_contribution(event.id, "someone", "Zum ersten Punkt", agenda_item_id=item.id))
    live_app.call(post_contribution(event.id, "someone", "Ohne Programmpunkt"))
    open_wall(page, live_app.url)
    press_on(page, page.get_by_role("button", name="Meiste Unterstützung"))
    expect(page.get_by_role("button", name="Meiste Unterstützung")).to_have_attribute("aria-pressed", "true")
    # the agenda filter, the browser's own select: back to it with Shift+Tab, the arrow keys choose
    chooser = page.get_by_label("Programmpunkt", exact=True)
    tab_to(page, chooser, backwards=True)
    expect(page.locator(CARD)).to_have_count(2)
    page.keyboard.press("ArrowDown")
    expect(page.locator(CARD)).to_have_count(1)
    expect(page.locator(CARD, has_text="Zum ersten Punkt")).to_be_visible()
    assert is_focused(chooser)
    page.keyboard.press("ArrowUp")  # back to every programme item
    expect(page.locator(CARD)).to_have_count(2)


# --- a result's page ---------------------------------------------------------------------------------


async def boulevard() -> Result:
    return await Result.get(title="Der Wall als Boulevard")


def open_result(tab: Any, url: str, result_id: int) -> None:
    tab.goto(f"{url}/results/{result_id}")
    connected(tab)


def test_comment_reply_and_proposal_by_keyboard(live_app, page) -> None:
    result = live_app.call(boulevard())
    first = live_app.call(post_comment(result.id, "someone", "Der Boulevard braucht Schatten"))
    open_result(page, live_app.url, result.id)
    comments = page.locator("section", has=page.get_by_role("heading", name="Kommentare"))

    type_into(page, page.get_by_label("Ihr Kommentar"), "Kommentar per Tastatur")
    press_on(page, page.get_by_role("button", name="Kommentieren"))
    expect(comments.locator(CARD, has_text="Kommentar per Tastatur")).to_be_visible()
    stored(live_app, "Kommentar per Tastatur")

    card = comments.locator(CARD, has_text="Der Boulevard braucht Schatten")
    reply = card.get_by_role("button", name="Antworten")
    press_on(page, reply)
    expect(reply).to_have_attribute("aria-expanded", "true")
    reply_box = card.get_by_label("Ihre Antwort")
    expect(reply_box).to_be_focused()  # the form opens with the focus in it
    page.keyboard.press("Escape")  # Escape closes it, the focus goes back to the button
    expect(reply_box).to_have_count(0)
    expect(reply).to_be_focused()
    page.keyboard.press("Enter")
    expect(reply_box).to_be_focused()
    page.keyboard.type("Und Bänke im Schatten")
    press_on(page, card.get_by_role("button", name="Antwort senden"))
    expect(card.locator(".sg-reply-card", has_text="Und Bänke im Schatten")).to_be_visible()
    assert stored(live_app, "Und Bänke im Schatten").parent_id == first.id
    expect(reply).to_be_focused()  # the sent form is gone, the focus is back where it started
    assert_focus_visible(page)

    proposals = page.locator("section", has=page.get_by_role("heading", name="Weiterentwicklung"))
    type_into(page, page.get_by_label("Titel Ihres Vorschlags"), "Schattenbäume")
    type_into(page, page.get_by_label("Was soll ergänzt oder geändert werden?"), "Platanen entlang des Walls")
    press_on(page, page.get_by_role("button", name="Vorschlag senden"))
    expect(proposals.locator(CARD, has_text="Schattenbäume")).to_be_visible()
    assert stored(live_app, "Platanen entlang des Walls").title == "Schattenbäume"


def test_the_picture_opens_and_closes_by_keyboard(live_app, page) -> None:
    result = live_app.call(boulevard())
    open_result(page, live_app.url, result.id)
    opener = page.get_by_role("button", name="Bild vergrößern").first
    press_on(page, opener)
    dialog = page.get_by_role("dialog")
    expect(dialog.locator("img")).to_be_visible()
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    expect(opener).to_be_focused()  # back where the reader was
    page.keyboard.press("Enter")
    expect(dialog.locator("img")).to_be_visible()
    press_on(page, dialog.get_by_role("button", name="Schließen"))
    expect(dialog).to_have_count(0)
    expect(opener).to_be_focused()


# --- the language ------------------------------------------------------------------------------------


def test_the_language_is_switched_by_keyboard(live_app, page) -> None:
    open_wall(page, live_app.url)
    press_on(page, page.get_by_role("link", name="Switch to English"))
    expect(page.locator("html")).to_have_attribute("lang", "en-GB")
    expect(page).to_have_url(f"{live_app.url}/wall")
    connected(page)
    press_on(page, page.get_by_role("link", name="Auf Deutsch umschalten"))
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page.get_by_role("button", name="Absenden")).to_be_visible()


# --- moderation ----------------------------------------------------------------------------------------


def sign_in_by_keyboard(tab: Any, url: str, name: str, page: str = "/moderation") -> None:
    """The sign-in form by keys: name, password, then Enter on the button sends the form."""
    tab.goto(f"{url}{page}")
    expect(tab).to_have_url(f"{url}/login?next={page}")
    connected(tab)
    type_into(tab, tab.get_by_label("Name"), name)
    type_into(tab, tab.get_by_label("Passwort"), PASSWORD)
    press_on(tab, tab.get_by_role("button", name="Anmelden"))
    expect(tab.get_by_text(f"Angemeldet als {name}")).to_be_visible()
    expect(tab).to_have_url(f"{url}{page}")
    connected(tab)


async def set_mode(event_id: int, mode: ModerationMode) -> None:
    await Event.filter(id=event_id).update(moderation_mode=mode)


async def status_of(contribution_id: int) -> Status:
    return (await Contribution.get(id=contribution_id)).status


async def rejection_reason(contribution_id: int) -> str:
    entry = await ModerationLogEntry.filter(contribution_id=contribution_id, action="reject").first()
    return entry.reason if entry is not None else ""


def test_the_queue_is_moderated_by_keyboard(live_app, page) -> None:
    event = live_app.call(current_event())
    live_app.call(set_mode(event.id, ModerationMode.PRE))
    live_app.call(create_account("Mira", PASSWORD, Role.MODERATOR))
    posts = [live_app.call(post_contribution(event.id, f"p{n}", f"Wartender Beitrag {n}")) for n in range(5)]
    sign_in_by_keyboard(page, live_app.url, "Mira")
    queue = page.locator("section", has=page.get_by_role("heading", name="Warteschlange"))
    card = lambda n: queue.locator(MODERATION_CARD, has_text=f"Wartender Beitrag {n}")  # noqa: E731

    # approve: the next post's approve button then has the focus, so Enter approves on down the list
    press_on(page, card(0).get_by_role("button", name="Freigeben"))
    eventually(live_app, lambda: status_of(posts[0].id), Status.PUBLISHED)
    expect(card(0)).to_have_count(0)
    expect(card(1).get_by_role("button", name="Freigeben")).to_be_focused()
    assert_focus_visible(page)

    # reject with a reason chosen from the list by the arrow keys
    reason = card(1).get_by_role("combobox", name=f"Grund #{posts[1].id}")
    tab_to(page, reason)
    page.keyboard.press("ArrowDown")  # the second reason: insulting
    expect(reason).to_have_value("insult")
    press_on(page, card(1).get_by_role("button", name="Ablehnen"))
    eventually(live_app, lambda: status_of(posts[1].id), Status.REJECTED)
    assert live_app.call(rejection_reason(posts[1].id)) == "insult"
    expect(card(2).get_by_role("button", name="Ablehnen")).to_be_focused()

    # bulk: Space ticks two posts, then back up to "approve selected"
    press_on(page, card(2).get_by_role("checkbox"), "Space", backwards=True)
    press_on(page, card(3).get_by_role("checkbox"), "Space")
    bulk = queue.get_by_role("button", name="Ausgewählte freigeben (2)")
    press_on(page, bulk, backwards=True)
    for post in posts[2:4]:
        eventually(live_app, lambda post=post: status_of(post.id), Status.PUBLISHED)
    expect(queue.locator(MODERATION_CARD)).to_have_count(1)
    assert live_app.call(status_of(posts[4].id)) == Status.PENDING

    # approve all: the queue empties and the focus lands on its "nothing here" note, not the page
    press_on(page, queue.get_by_role("button", name="Alle freigeben"))
    eventually(live_app, lambda: status_of(posts[4].id), Status.PUBLISHED)
    expect(queue.get_by_text("Hier ist gerade nichts.")).to_be_focused()


async def flags(contribution_id: int) -> tuple[bool, bool, int | None, Status]:
    post = await Contribution.get(id=contribution_id)
    return post.highlighted, post.answered, post.agenda_item_id, post.status


def test_published_posts_are_moderated_by_keyboard(live_app, page) -> None:
    programme = live_app.call(load_programme())
    event, items = programme.event, [item.id for item in programme.items]
    live_app.call(create_account("Mira", PASSWORD, Role.MODERATOR))
    live_app.call(post_contribution(event.id, "p2", "Noch ein Beitrag"))  # older: the next one down the list
    post = live_app.call(post_contribution(event.id, "p1", "Veröffentlichter Beitrag", agenda_item_id=items[0]))
    sign_in_by_keyboard(page, live_app.url, "Mira")
    published = page.locator("section", has=page.get_by_role("heading", name="Veröffentlicht"))
    card = published.locator(MODERATION_CARD, has_text="Veröffentlichter Beitrag")

    highlight = card.get_by_role("button", name="Auf die Leinwand")
    press_on(page, highlight)
    eventually(live_app, lambda: flags(post.id), (True, False, items[0], Status.PUBLISHED))
    unhighlight = card.get_by_role("button", name="Von der Leinwand")
    expect(unhighlight).to_be_focused()  # the same button, now saying what it will do next
    page.keyboard.press("Enter")
    eventually(live_app, lambda: flags(post.id), (False, False, items[0], Status.PUBLISHED))

    press_on(page, card.get_by_role("button", name="Beantwortet"))
    eventually(live_app, lambda: flags(post.id), (False, True, items[0], Status.PUBLISHED))
    expect(card.get_by_role("button", name="Beantwortet")).to_have_attribute("aria-pressed", "true")

    assign = card.get_by_role("combobox", name=f"Programmpunkt #{post.id}")
    tab_to(page, assign)
    page.keyboard.press("ArrowDown")  # from its programme item to the next one
    eventually(live_app, lambda: flags(post.id), (False, True, items[1], Status.PUBLISHED))

    press_on(page, card.get_by_role("button", name="Ausblenden"))  # last in the card, apart (touch, issue 15)
    eventually(live_app, lambda: status_of(post.id), Status.HIDDEN)
    expect(card).to_have_count(0)
    # the focus moved on to the other post's "hide" button instead of falling back to the page
    expect(
        published.locator(MODERATION_CARD, has_text="Noch ein Beitrag").get_by_role("button", name="Ausblenden")
    ).to_be_focused()

    off = page.locator("details", has_text="Ausgeblendet und abgelehnt")
    press_on(page, off.locator("summary"))  # Enter opens the folded list
    expect(off).to_have_attribute("open", "")
    press_on(
        page,
        off.locator(MODERATION_CARD, has_text="Veröffentlichter Beitrag").get_by_role(
            "button", name="Wiederherstellen"
        ),
    )
    eventually(live_app, lambda: status_of(post.id), Status.PUBLISHED)
    expect(published.locator(MODERATION_CARD, has_text="Veröffentlichter Beitrag")).to_be_visible()


async def event_state(event_id: int) -> tuple[ModerationMode, ScreenMode, int | None]:
    event = await Event.get(id=event_id)
    return event.moderation_mode, event.screen_mode, event.current_agenda_item_id


async def put_on_stage(event_id: int, item_id: int) -> None:
    await Event.filter(id=event_id).update(current_agenda_item_id=item_id)


def test_stage_and_screen_controls_by_keyboard(live_app, page) -> None:
    programme = live_app.call(load_programme())
    event, items = programme.event, [item.id for item in programme.items]
    live_app.call(put_on_stage(event.id, items[1]))
    live_app.call(create_account("Mira", PASSWORD, Role.MODERATOR))
    sign_in_by_keyboard(page, live_app.url, "Mira")
    post, wall = ModerationMode.POST, ScreenMode.WALL

    press_on(page, page.get_by_role("button", name="Vorab prüfen"))
    eventually(live_app, lambda: event_state(event.id), (ModerationMode.PRE, wall, items[1]))
    press_on(page, page.get_by_role("button", name="Sofort veröffentlichen"))
    eventually(live_app, lambda: event_state(event.id), (post, wall, items[1]))

    press_on(page, page.get_by_role("button", name="Zurück"), backwards=True)
    eventually(live_app, lambda: event_state(event.id), (post, wall, items[0]))
    press_on(page, page.get_by_role("button", name="Weiter"))
    page.keyboard.press("Enter")  # twice: two items on
    eventually(live_app, lambda: event_state(event.id), (post, wall, items[2]))

    # pick from the list (a Quasar select): Escape closes it unchanged, arrows and Enter choose
    picker = page.get_by_role("combobox", name="Programmpunkt wählen")
    # the arrows move on from what the picker shows: wait until it shows the move, not only the database
    expect(picker).to_have_value(re.compile(f" {re.escape(programme.items[2].title)}$"))
    press_on(page, picker)
    menu = page.locator(".q-menu")
    expect(menu).to_be_visible()
    page.keyboard.press("Escape")
    menu_gone(page)
    assert is_focused(picker)
    page.keyboard.press("Enter")
    expect(menu).to_be_visible()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    menu_gone(page)
    eventually(live_app, lambda: event_state(event.id), (post, wall, items[3]))
    # and the page shows the server's answer (the picker's loopback) before the next keys go in
    expect(picker).to_have_value(re.compile(f" {re.escape(programme.items[3].title)}$"))
    assert is_focused(picker)

    # each mode's button lies before the one pressed last: Shift+Tab reaches it without a walk
    # around the whole console
    for label, mode, backwards in (
        ("Pause", ScreenMode.PAUSE, False),
        ("Nur QR-Code", ScreenMode.QR, True),
        ("Hervorgehobenen Beitrag", ScreenMode.HIGHLIGHT, True),
        ("Wand", ScreenMode.WALL, True),
    ):
        press_on(page, page.get_by_role("button", name=label, exact=True), backwards=backwards)
        eventually(live_app, lambda mode=mode: event_state(event.id), (post, mode, items[3]))


def test_the_admin_tabs_are_chosen_by_keyboard(live_app, page) -> None:
    live_app.call(create_account("Olga", PASSWORD, Role.ORGANISER))
    sign_in_by_keyboard(page, live_app.url, "Olga", "/admin")
    page.goto(f"{live_app.url}/admin?tab=agenda")  # a tab named in the address is the open one
    connected(page)
    selected = page.get_by_role("tab", selected=True)
    expect(selected).to_have_text("Programm")
    tab_to(page, selected)  # the tab list is one stop: the open tab
    page.keyboard.press("ArrowRight")
    results = page.get_by_role("tab", name="Ergebnisse")
    expect(results).to_be_focused()
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    expect(results).to_have_attribute("aria-selected", "true")


# --- following one's own contributions ---------------------------------------------------------------


async def valid_follow_links() -> int:
    from models.follow import FollowLink

    return await FollowLink.filter(revoked_at=None).count()


def test_ones_own_link_is_renewed_and_ended_by_keyboard(live_app, page) -> None:
    open_wall(page, live_app.url)
    type_into(page, page.get_by_label("Ihr Beitrag"), "Was wird daraus?")
    press_on(page, page.get_by_role("button", name="Absenden"))
    expect(page.get_by_text("Danke! Ihr Beitrag ist veröffentlicht.")).to_be_visible()
    press_on(page, page.get_by_role("main").get_by_role("link", name="Meine Beiträge"))  # the hint after the post
    expect(page.get_by_role("heading", name="Ihr persönlicher Link")).to_be_visible()
    first = page.locator(".sg-follow-url").inner_text()
    press_on(page, page.get_by_role("button", name="Neuen Link erstellen"))
    expect(page.get_by_text("Ein neuer Link ist erstellt. Der bisherige gilt nicht mehr.")).to_be_visible()
    assert page.locator(".sg-follow-url").inner_text() != first
    press_on(page, page.get_by_role("button", name="Link ungültig machen"))
    expect(page.get_by_text("Ihr Link gilt nicht mehr.")).to_be_visible()
    eventually(live_app, valid_follow_links, 0)
