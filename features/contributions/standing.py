"""Which anonymous browsers count fully for flags and support: the established ones.

A browser id costs nothing (every request without cookies gets a new one), so a script can mint
as many as it likes. An id is *established* once it has shown it is someone's browser:

- it held a wall or result page open with a live connection for `ESTABLISHED_AFTER`
  (components.browser_id tells `page_opened` / `page_closed`; once per page, not per message), or
- it wrote a post of its own that is on the wall (published).

A brand-new id may still flag and support, but its flags never take a post off the wall
(features.contributions.flags) and its flags and votes share a small allowance per network
address (`newcomer_slot`), far below what established browsers of the same address get.

Kept in process memory only, like the rate limits: no address, nothing written down. After a
restart an open page counts again from its reconnect; a post of its own counts at once.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from core.clock import utcnow
from core.errors import ServiceError
from core.rate_limit import throttle
from models.contribution import Contribution, Status

# Half a minute of reading the wall is nothing for a person and a real cost for a script that
# would have to hold every invented browser's connection open that long.
ESTABLISHED_AFTER = timedelta(seconds=25)
# Per minute and network address, for all brand-new browsers of that address together: a few
# people in a hall who vote in their first half minute; a script inventing browsers gets no more.
NEWCOMER_LIMITS = {"vote": 10, "flag": 5}
UNKNOWN_ADDRESS = "?"  # no address known (a test, a socket without a peer): all such share one allowance
REMEMBERED = 100_000  # established ids kept per process; the oldest unused are forgotten first


class Presence:
    """Open pages per browser id (since when) and the ids already established."""

    def __init__(self) -> None:
        self._open: dict[str, dict[str, datetime]] = {}
        self._established: OrderedDict[str, None] = OrderedDict()

    def opened(self, browser_id: str, page_id: str, now: datetime) -> None:
        """A page of this browser has a live connection (again): it counts from now."""
        self._open.setdefault(browser_id, {}).setdefault(page_id, now)

    def closed(self, browser_id: str, page_id: str, now: datetime) -> None:
        """The page lost its connection: time held so far counts if it was long enough, else not."""
        pages = self._open.get(browser_id, {})
        since = pages.pop(page_id, None)
        if not pages:
            self._open.pop(browser_id, None)
        if since is not None and now - since >= ESTABLISHED_AFTER:
            self._remember(browser_id)

    def established(self, browser_id: str, now: datetime) -> bool:
        if browser_id in self._established:
            self._established.move_to_end(browser_id)
            return True
        if any(now - since >= ESTABLISHED_AFTER for since in self._open.get(browser_id, {}).values()):
            self._remember(browser_id)
            return True
        return False

    def _remember(self, browser_id: str) -> None:
        self._established[browser_id] = None
        self._established.move_to_end(browser_id)
        while len(self._established) > REMEMBERED:
            self._established.popitem(last=False)

    def reset(self) -> None:
        self._open.clear()
        self._established.clear()


_presence = Presence()


def page_opened(browser_id: str, page_id: str) -> None:
    _presence.opened(browser_id, page_id, utcnow())


def page_closed(browser_id: str, page_id: str) -> None:
    _presence.closed(browser_id, page_id, utcnow())


def reset_presence() -> None:
    """Forget everything (tests: one test's open pages must not establish the next one's ids)."""
    _presence.reset()


async def is_established(browser_id: str, now: datetime | None = None) -> bool:
    """Whether this browser's flags and votes count fully (see the module's docstring)."""
    if not browser_id:
        return False
    if _presence.established(browser_id, now or utcnow()):
        return True
    return await Contribution.exists(author_id=browser_id, status=Status.PUBLISHED)


@contextmanager
def newcomer_slot(action: str, address: str | None, established: bool) -> Iterator[None]:
    """A brand-new browser's flag or vote takes a place in its address's small allowance
    (`NEWCOMER_LIMITS`); an established one's takes none. Given back if the action fails."""
    if established:
        yield
        return
    allowance = throttle(f"{action}.newcomer", NEWCOMER_LIMITS[action])
    key = address or UNKNOWN_ADDRESS
    if wait := allowance.retry_after(key, None):
        raise ServiceError("silence.newcomer_wait", seconds=wait)
    with allowance.slot(key, None):
        yield
