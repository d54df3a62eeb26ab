"""The team finds /login from any page: a discreet link in the footer, beside the legal links (issue 20)."""

from __future__ import annotations

from nicegui.testing import User

from tests.support.user import element


async def test_every_page_links_to_the_sign_in(user: User) -> None:
    for path in ("/", "/agenda", "/wall"):
        await user.open(path)
        link = element(user, "footer-sign-in")
        assert link.props["href"] == "/login" and link.text == "Anmelden"
