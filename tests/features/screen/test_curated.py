"""The hall screen the moderators curate, with simulated browsers: the console's preview names
what the screen shows and follows every change at once, the "Auf die Leinwand" list drives the
screen, the focus post is never shown twice, "highlight" without a highlight shows the wall,
the pause shows the organisers' text and the QR code, support counts on request."""

from __future__ import annotations

import pytest
from nicegui import ui
from nicegui.testing import User

from components.contribution_list import ContributionList
from features.moderation.service import set_highlight
from features.screen import service as screen
from models.event import Event, ScreenMode, ScreenSource
from models.moderation import ModerationLogEntry
from tests.support.factories import organiser, post
from tests.support.staff import sign_in
from tests.support.user import element, eventually, marked

pytestmark = pytest.mark.usefixtures("no_sign_in_delay")


def root(user: User) -> ui.element:
    return next(item for item in user.client.elements.values() if "screen" in item._markers)


def posts_list(user: User) -> ContributionList:
    return next(item for item in user.client.elements.values() if isinstance(item, ContributionList))


def picked_on_screen(user: User) -> list[str]:
    """The picked list's texts as the screen shows them, in order."""
    area = marked(user, "screen-picks")
    return [item.text for item in area.descendants() if "sg-text" in item.classes]


async def open_console(user: User, name: str = "Mira") -> None:
    await sign_in(user, name)
    await user.open("/moderation")
    await user.should_see("Die Leinwand jetzt")


def preview_text(user: User) -> str:
    return marked(user, "screen-preview-mode").text


async def test_the_console_names_what_the_screen_shows_and_follows_a_mode_change_at_once(
    user: User, create_user
) -> None:
    projector = create_user()
    await projector.open("/screen")
    await open_console(user)
    assert preview_text(user) == "Die Leinwand zeigt die Wand: alle freigegebenen Beiträge."
    frame = marked(user, "screen-preview-frame")
    assert frame.tag == "iframe" and frame.props["src"] == "/screen" and frame.props["title"]
    with user:
        element(user, "screen-mode").value = "qr"
    assert await eventually(lambda: preview_text(user) == "Die Leinwand zeigt nur den QR-Code.")
    with projector:
        assert await eventually(lambda: "sg-mode-qr" in root(projector).classes)
    with user:
        element(user, "screen-mode").value = "poll"
    assert await eventually(lambda: preview_text(user) == "Die Leinwand zeigt das Umfrageergebnis.")


async def test_highlight_mode_without_a_highlight_shows_the_wall_and_the_console_warns(user: User, create_user) -> None:
    chosen = await post("Bitte mehr Bänke")
    event = await Event.first()
    projector = create_user()
    await projector.open("/screen")
    await open_console(user)
    assert not marked(user, "screen-preview-warning").visible
    with user:
        element(user, "screen-mode").value = "highlight"
    assert await eventually(lambda: marked(user, "screen-preview-warning").visible)
    assert preview_text(user).startswith("Die Leinwand zeigt die Wand")
    await user.should_see("Kein Beitrag ist hervorgehoben")
    with projector:
        assert await eventually(lambda: "sg-mode-highlight" in root(projector).classes)
        assert "sg-has-highlight" not in root(projector).classes  # so the list stays (screen_modes.css)
    await set_highlight(event.id, chosen.id)
    assert await eventually(lambda: not marked(user, "screen-preview-warning").visible)
    assert preview_text(user) == "Die Leinwand zeigt nur den hervorgehobenen Beitrag."
    with projector:
        assert await eventually(lambda: "sg-has-highlight" in root(projector).classes)


async def test_the_focus_post_is_not_repeated_in_the_screen_list(user: User) -> None:
    first = await post("Erster Beitrag")
    second = await post("Zweiter Beitrag")
    event = await Event.first()
    await user.open("/screen")
    assert set(posts_list(user).shown) == {first.id, second.id}
    await set_highlight(event.id, second.id)
    assert await eventually(lambda: set(posts_list(user).shown) == {first.id})
    assert marked(user, "screen-highlight-text").text == "Zweiter Beitrag"
    await set_highlight(event.id, None)
    assert await eventually(lambda: set(posts_list(user).shown) == {first.id, second.id})


async def test_a_screen_opened_with_a_focus_post_lists_it_only_once(user: User) -> None:
    first = await post("Erster Beitrag")
    second = await post("Im Fokus")
    await set_highlight(first.event_id, second.id)
    await user.open("/screen")
    assert set(posts_list(user).shown) == {first.id}
    assert all(view["id"] != second.id for view in posts_list(user).props["items"])


async def test_only_picked_posts_reach_the_screen_in_the_moderators_order(user: User, create_user) -> None:
    unchosen = await post("Bitte Mikrofon lauter")
    first = await post("Wann kommt die Radbrücke?")
    second = await post("Was kostet das Ticket?")
    projector = create_user()
    await projector.open("/screen")
    await open_console(user)
    with user:
        element(user, "screen-source").value = ScreenSource.PICKED.value
    with projector:
        assert await eventually(lambda: marked(projector, "screen-picks").visible)
        assert not posts_list(projector).visible
        assert picked_on_screen(projector) == []
    add = marked(user, "screen-pick-add")
    assert set(add.options) == {unchosen.id, first.id, second.id}
    with user:
        add.value = second.id
    assert await eventually(lambda: second.id not in marked(user, "screen-pick-add").options)
    with user:
        marked(user, "screen-pick-add").value = first.id
    with projector:
        assert await eventually(
            lambda: picked_on_screen(projector) == ["Was kostet das Ticket?", "Wann kommt die Radbrücke?"]
        )
    assert await eventually(lambda: len(list(user.find(marker="screen-pick").elements)) == 2)
    # the second pick up: the moderators' order, live on the screen
    user.find(marker=f"screen-pick-up-{first.id}").click()
    with projector:
        assert await eventually(
            lambda: picked_on_screen(projector) == ["Wann kommt die Radbrücke?", "Was kostet das Ticket?"]
        )
    user.find(marker=f"screen-pick-remove-{second.id}").click()
    with projector:
        assert await eventually(lambda: picked_on_screen(projector) == ["Wann kommt die Radbrücke?"])
        await projector.should_not_see("Bitte Mikrofon lauter")
    actions = await ModerationLogEntry.filter(action__in=["pick", "pick_move", "unpick", "screen_source"]).values_list(
        "action", flat=True
    )
    assert sorted(actions) == ["pick", "pick", "pick_move", "screen_source", "unpick"]


async def test_a_post_picked_elsewhere_appears_and_the_focus_one_is_not_repeated(user: User) -> None:
    event = await Event.first()
    staff = await organiser()
    await screen.set_screen_source(staff, event.id, ScreenSource.PICKED)
    first, second = await post("Erste Frage"), await post("Zweite Frage")
    await user.open("/screen")
    await screen.pick(staff, first.id)
    await screen.pick(staff, second.id)
    assert await eventually(lambda: picked_on_screen(user) == ["Erste Frage", "Zweite Frage"])
    await set_highlight(event.id, first.id)
    assert await eventually(lambda: picked_on_screen(user) == ["Zweite Frage"])
    assert marked(user, "screen-highlight-text").text == "Erste Frage"


async def test_pause_shows_the_organisers_text_and_the_qr_code(user: User, create_user) -> None:
    projector = create_user()
    await projector.open("/screen")
    await open_console(user)
    with user:
        marked(user, "screen-pause-input").value = "Mittagspause – weiter um 13:00"
    user.find(marker="screen-pause-save").click()
    with user:
        element(user, "screen-mode").value = ScreenMode.PAUSE.value
    assert await eventually(
        lambda: preview_text(user) == "Die Leinwand zeigt die Pause: „Mittagspause – weiter um 13:00“"
    )
    with projector:
        assert await eventually(lambda: "sg-mode-pause" in root(projector).classes)
        assert await eventually(lambda: marked(projector, "screen-pause-text").text == "Mittagspause – weiter um 13:00")
        assert marked(projector, "screen-qr").props["src"].startswith("data:image/svg+xml")
    assert (await Event.first()).screen_pause_text == "Mittagspause – weiter um 13:00"


async def test_support_counts_show_on_screen_cards_when_the_moderators_switch_them_on(user: User, create_user) -> None:
    projector = create_user()
    await post("Mehr Bäume")
    await projector.open("/screen")
    assert posts_list(projector).props["labels"]["supporters"] == "Unterstützt von {count}"
    assert "sg-show-support" not in root(projector).classes
    await open_console(user)
    with user:
        element(user, "screen-support").value = True
    with projector:
        assert await eventually(lambda: "sg-show-support" in root(projector).classes)
    assert (await Event.first()).screen_show_support
