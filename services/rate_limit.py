"""Floods stop at a limit per browser (and per network address), with a time to try again.

Kept in memory only: nothing about a participant's address is ever written down.
"""

from __future__ import annotations

import math
import time
from collections import defaultdict, deque


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

    def reset(self) -> None:
        self._hits.clear()
