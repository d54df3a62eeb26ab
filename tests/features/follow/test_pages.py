"""/meine-beitraege and /folgen/{token} with simulated browsers: the link is offered once after a
contribution, opens the same list on another device, can be renewed and ended, and what people
wrote stays text."""

from __future__ import annotations

from nicegui.testing import User

from features.contributions.service import post_contribution
from features.follow.service import author_of
from models.event import Event
from tests.support.user import marked, the_list
from tests.support.xss import XSS_SHORT

OWN = "/meine-beitraege"


async def write_in(user: User, text: str) -> str:
    """Post `text` as this simulated browser; its anonymous id."""
    event = await Event.first()
    await user.open("/wall")
    viewer = the_list(user).viewer_id
    await post_contribution(event.id, viewer, text)
    return viewer


def token_shown(user: User) -> str:
    return marked(user, "follow-url").text.rsplit("/", 1)[-1]


async def test_a_browser_without_contributions_is_told_so_and_gets_no_link(user: User) -> None:
    await user.open(OWN)
    await user.should_see("Aus diesem Browser gibt es noch keine Beiträge.")
    await user.should_not_see(marker="follow-link-box")
    await user.should_not_see(marker="follow-controls")


async def test_every_page_links_to_ones_own_contributions(user: User) -> None:
    await user.open("/")
    assert marked(user, "footer-own").props["href"] == OWN


async def test_the_link_is_shown_once_and_opens_the_list_on_another_device(user: User, create_user) -> None:
    viewer = await write_in(user, f"Mehr Bänke {XSS_SHORT}")
    await user.open(OWN)
    await user.should_see("Ihr persönlicher Link")
    url = marked(user, "follow-url").text
    assert "/folgen/" in url
    assert marked(user, "follow-qr").props["alt"] == "QR-Code mit Ihrem persönlichen Link"
    assert marked(user, "follow-qr").source.startswith("data:image/svg+xml")  # made here, no request outside
    token = token_shown(user)
    assert await author_of(token) == viewer
    await user.should_see(f"Mehr Bänke {XSS_SHORT}")  # as text
    await user.should_see("Veröffentlicht.")

    await user.open(OWN)  # once: the page does not show it again
    await user.should_not_see(marker="follow-link-box")
    await user.should_see(marker="follow-valid-since")

    phone = create_user()
    await phone.open(f"/folgen/{token}")
    await phone.should_see("Beiträge verfolgen")
    await phone.should_see(f"Mehr Bänke {XSS_SHORT}")
    await phone.should_see("Unterstützt von 0")


async def test_a_new_link_replaces_the_old_one(user: User, create_user) -> None:
    await write_in(user, "Mehr Bänke")
    await user.open(OWN)
    old = token_shown(user)
    user.find(marker="follow-new").click()
    await user.should_see("Ein neuer Link ist erstellt. Der bisherige gilt nicht mehr.")
    new = token_shown(user)
    assert new != old
    phone = create_user()
    await phone.open(f"/folgen/{old}")
    await phone.should_see("Dieser Link gilt nicht (mehr).", marker="follow-invalid")
    await phone.should_not_see("Mehr Bänke")


async def test_the_link_is_ended_from_the_page_it_opens(user: User, create_user) -> None:
    await write_in(user, "Mehr Bänke")
    await user.open(OWN)
    token = token_shown(user)
    phone = create_user()
    await phone.open(f"/folgen/{token}")
    await phone.should_see("Mehr Bänke")
    phone.find(marker="follow-end").click()
    await phone.should_see("Diesen Link für immer ungültig machen?")
    phone.find(marker="follow-end-confirm").click()
    await phone.should_see("Sie haben den Link ungültig gemacht.")
    assert await author_of(token) is None
    await phone.open(f"/folgen/{token}")
    await phone.should_see("Dieser Link gilt nicht (mehr).")
    await user.open(OWN)  # the browser itself still sees its contributions, and no new link appears
    await user.should_see("Mehr Bänke")
    await user.should_see(marker="follow-no-link")
    await user.should_not_see(marker="follow-link-box")


async def test_the_browser_ends_its_own_link(user: User) -> None:
    await write_in(user, "Mehr Bänke")
    await user.open(OWN)
    token = token_shown(user)
    user.find(marker="follow-end-own").click()
    await user.should_see("Ihr Link gilt nicht mehr.")
    assert await author_of(token) is None


async def test_an_unknown_link_says_so_plainly(user: User) -> None:
    await user.open("/folgen/abcdefghijklmnopqrstuvwx")
    await user.should_see("Dieser Link gilt nicht (mehr).")
    await user.should_see("Zu „Meine Beiträge“ in diesem Browser")


async def test_after_the_first_post_the_wall_says_where_to_follow_it(user: User) -> None:
    await user.open("/wall")
    await user.should_not_see(marker="follow-hint")
    form = marked(user, "post-form")
    with user:
        ok, _ = await form.send({"text": "Mehr Bänke am Hafen"})  # type: ignore[attr-defined]
    assert ok
    await user.should_see(marker="follow-hint")
    assert marked(user, "follow-hint").default_slot.children[-1].props["href"] == OWN
