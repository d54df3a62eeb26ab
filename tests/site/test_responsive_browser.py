"""Reflow (WCAG 1.4.10): every public page fits a 360 px wide phone and 1366 px at 200 % zoom
(emulated as a 683 px wide viewport with device scale factor 2) without horizontal scrolling."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from features.results.service import gallery
from tests.support.accessibility import OVERFLOW, WIDEST
from tests.support.browser import connected

PAGES = ["/", "/agenda", "/results", "/results/{result}", "/wall", "/login"]
# what has to be on a page before it is measured (the live lists are drawn by Vue after loading)
READY = {"/results": "a[href^='/results/']", "/results/{result}": ".sg-thread .sg-card", "/wall": "form textarea"}


@pytest.fixture
def sized_tab(browser: Any) -> Iterator[Any]:
    contexts: list[Any] = []

    def open_tab(width: int, scale: int) -> Any:
        context = browser.new_context(locale="de-DE", viewport={"width": width, "height": 800},
                                      device_scale_factor=scale)
        contexts.append(context)
        return context.new_page()

    yield open_tab
    for context in contexts:
        context.close()


@pytest.mark.parametrize(("width", "scale"), [(360, 1), (683, 2)], ids=["phone-360", "zoom-200-at-1366"])
def test_public_pages_have_no_horizontal_scrolling(live_app, sized_tab, width, scale) -> None:
    first_result = live_app.call(gallery(live_app.call(_event_id())))[0].id
    tab = sized_tab(width, scale)
    found: dict[str, str] = {}
    for path in PAGES:
        tab.goto(live_app.url + path.format(result=first_result))
        connected(tab)
        tab.wait_for_load_state("networkidle")
        if path in READY:
            tab.locator(READY[path]).first.wait_for()
        tab.evaluate("document.fonts.ready.then(() => true)")
        assert tab.evaluate("window.innerWidth") == width
        if (overflow := tab.evaluate(OVERFLOW)) > 0:
            found[path] = f"{overflow}px too wide: " + ", ".join(tab.evaluate(WIDEST))
    assert found == {}, "\n".join(f"{path}: {problem}" for path, problem in found.items())


async def _event_id() -> int:
    from features.agenda.service import current_event

    event = await current_event()
    assert event is not None
    return event.id
