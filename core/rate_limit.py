"""Floods stop at a limit per browser (and per network address), with a time to try again.

Kept in memory only: nothing about a participant's address is ever written down.
"""

from __future__ import annotations

import math
import time
from collections import defaultdict, deque
from collections.abc import Iterator
from contextlib import contextmanager

from core.errors import ServiceError


class RateLimiter:
    def __init__(self, limit: int, window_seconds: float = 60.0) -> None:
        self.limit = limit
        self.window = window_seconds
        self._hits: dict[str, deque[float]] = defaultdict(deque)

    def retry_after(self, *keys: str, now: float | None = None) -> int:
        """Seconds to wait before the next action is allowed for every key; 0 means go ahead."""
        now = time.monotonic() if now is None else now
        wait = 0.0
        for key in keys:
            hits = self._hits[key]
            while hits and hits[0] <= now - self.window:
                hits.popleft()
            if len(hits) >= self.limit:
                wait = max(wait, hits[0] + self.window - now)
        return math.ceil(wait) if wait > 0 else 0

    def record(self, *keys: str, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        for key in keys:
            self._hits[key].append(now)

    def give_back(self, *keys: str) -> None:
        """Forget the latest action of each key: it was refused after its place was taken."""
        for key in keys:
            if self._hits[key]:
                self._hits[key].pop()

    def reset(self) -> None:
        self._hits.clear()


# People in the hall share the venue's one public address (NAT), and behind the proxy so may many
# viewers: the limit per address must be far higher than the limit per browser.
ADDRESS_FACTOR = 20


class Throttle:
    """A limit per browser and a twenty-fold one per network address, checked together."""

    def __init__(self, per_browser: int, window_seconds: float = 60.0) -> None:
        self.limit = per_browser
        self._browsers = RateLimiter(per_browser, window_seconds)
        self._addresses = RateLimiter(per_browser * ADDRESS_FACTOR, window_seconds)

    def retry_after(self, browser_id: str, address: str | None, now: float | None = None) -> int:
        wait = self._browsers.retry_after(browser_id, now=now)
        if address:
            wait = max(wait, self._addresses.retry_after(address, now=now))
        return wait

    def check(self, browser_id: str, address: str | None) -> None:
        """Refuse at once when the limit is reached, taking no place: the cheap first look before
        any work on a request (the place itself is taken with `slot`)."""
        if wait := self.retry_after(browser_id, address):
            raise ServiceError("rate_limited", seconds=wait)

    def record(self, browser_id: str, address: str | None, now: float | None = None) -> None:
        self._browsers.record(browser_id, now=now)
        if address:
            self._addresses.record(address, now=now)

    @contextmanager
    def slot(self, browser_id: str, address: str | None) -> Iterator[None]:
        """Take the action's place in the window at once, before the action awaits anything.

        Checking first and counting after the database write let a burst sent in one go pass the
        check together; taking the place first closes that gap. An action that fails inside gives
        its place back, so a refused post does not count against its author.
        """
        self.check(browser_id, address)
        self.record(browser_id, address)
        try:
            yield
        except BaseException:
            self._browsers.give_back(browser_id)
            if address:
                self._addresses.give_back(address)
            raise

    def reset(self) -> None:
        self._browsers.reset()
        self._addresses.reset()


# One throttle per kind of action (posts, votes, flags), shared by every page of this process.
_throttles: dict[str, Throttle] = {}


def throttle(action: str, per_browser: int) -> Throttle:
    """The throttle of one kind of action; a changed limit (settings in tests) starts a new one."""
    existing = _throttles.get(action)
    if existing is None or existing.limit != per_browser:
        existing = _throttles[action] = Throttle(per_browser)
    return existing


def reset_all() -> None:
    for each in _throttles.values():
        each.reset()
