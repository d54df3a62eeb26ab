"""Issue 19, hardening, against the running app as deployed under https (PUBLIC_URL https://…, a
city site that embeds the wall): every cookie the app sets is `Secure` (before, the session cookie
that carries the participant's browser id, the language and the hall cookies were not), and
frame-ancestors names the embedding site from FRAME_ANCESTORS.
"""

from __future__ import annotations

import httpx
import pytest

from tests.support.browser import LiveApp

EMBEDDING_SITE = "https://www.stadt.example"


@pytest.fixture
def live_app_env() -> dict[str, str]:
    return {"PUBLIC_URL": "https://beteiligung.stadt.example", "FRAME_ANCESTORS": f"'self' {EMBEDDING_SITE}"}


def set_cookies(response: httpx.Response) -> list[str]:
    return response.headers.get_list("set-cookie")


def test_every_cookie_is_secure_and_the_embedding_site_may_frame_the_app(live_app: LiveApp) -> None:
    for path in ("/wall", "/lang/en", "/j"):
        cookies = set_cookies(httpx.get(f"{live_app.url}{path}", timeout=10))
        assert cookies, f"{path} set no cookie"
        for cookie in cookies:
            assert "secure" in [part.strip().lower() for part in cookie.split(";")], cookie
    policy = httpx.get(f"{live_app.url}/wall", timeout=10).headers["content-security-policy"]
    assert f"frame-ancestors 'self' {EMBEDDING_SITE}" in policy
