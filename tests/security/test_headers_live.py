"""Issue 19, hardening, against the running app over HTTP: every response carries a
Content-Security-Policy (this site only; frame-ancestors 'self' unless FRAME_ANCESTORS says
otherwise), X-Content-Type-Options and Referrer-Policy. Before, none of them was sent.
(tests/security/test_headers_browser.py checks in Chromium that the pages still work under it.)
"""

from __future__ import annotations

import httpx

from tests.support.browser import LiveApp


def directives(policy: str) -> dict[str, list[str]]:
    parts = [part.split() for part in policy.split(";") if part.strip()]
    return {part[0]: part[1:] for part in parts}


PATHS = ["/", "/wall", "/agenda", "/healthz", "/gibt-es-nicht", "/_nicegui/client/nicegui.js"]


def test_every_response_carries_the_security_headers(live_app: LiveApp) -> None:
    for path in PATHS:
        response = httpx.get(f"{live_app.url}{path}", timeout=10)
        policy = directives(response.headers.get("content-security-policy", ""))
        assert policy.get("default-src") == ["'self'"], path
        assert policy["frame-ancestors"] == ["'self'"]
        assert policy["object-src"] == ["'none'"]
        assert policy["connect-src"] == ["'self'"]
        for directive in ("script-src", "style-src", "img-src", "font-src", "form-action", "base-uri"):
            assert not [source for source in policy[directive] if source.startswith(("http", "*"))], directive
        assert response.headers["x-content-type-options"] == "nosniff", path
        assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin", path


def test_only_a_page_with_the_player_allows_the_stream_host_and_no_cookie_is_secure_under_http(
    live_app: LiveApp,
) -> None:
    """The demo event streams from YouTube: /live may frame the no-cookie embed, /agenda may not.
    Without an https PUBLIC_URL (a laptop in the hall on http) a Secure cookie would never return."""
    live = directives(httpx.get(f"{live_app.url}/live", timeout=10).headers["content-security-policy"])
    agenda = directives(httpx.get(f"{live_app.url}/agenda", timeout=10).headers["content-security-policy"])
    assert live["frame-src"] == ["'self'", "https://www.youtube-nocookie.com"]
    assert agenda["frame-src"] == ["'self'"]
    response = httpx.get(f"{live_app.url}/lang/en", timeout=10)
    assert "secure" not in response.headers["set-cookie"].lower()
