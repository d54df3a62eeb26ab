"""Which browsers are established: time held with a live connection, counted per page."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from features.contributions import standing
from features.contributions.standing import ESTABLISHED_AFTER, Presence

T0 = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)
HALF_A_MINUTE = ESTABLISHED_AFTER + timedelta(seconds=5)


def test_a_page_closed_too_early_does_not_count_and_one_held_long_enough_counts_for_good() -> None:
    presence = Presence()
    presence.opened("b", "page-1", T0)
    assert not presence.established("b", T0 + ESTABLISHED_AFTER - timedelta(seconds=1))
    presence.closed("b", "page-1", T0 + timedelta(seconds=10))  # left after ten seconds
    assert not presence.established("b", T0 + HALF_A_MINUTE)
    presence.opened("b", "page-2", T0 + timedelta(minutes=1))  # came back and stayed
    presence.closed("b", "page-2", T0 + timedelta(minutes=1) + HALF_A_MINUTE)
    assert presence.established("b", T0 + timedelta(hours=1))  # closed since, still established


def test_a_reconnect_keeps_the_time_of_the_first_connection() -> None:
    presence = Presence()
    presence.opened("b", "page", T0)
    presence.opened("b", "page", T0 + timedelta(seconds=20))  # the same page's socket, again
    assert presence.established("b", T0 + ESTABLISHED_AFTER)


def test_only_so_many_established_ids_are_remembered(monkeypatch) -> None:
    monkeypatch.setattr(standing, "REMEMBERED", 3)
    presence = Presence()
    for name in "abcd":
        presence.opened(name, "page", T0)
        presence.closed(name, "page", T0 + HALF_A_MINUTE)
    assert not presence.established("a", T0 + HALF_A_MINUTE)  # the oldest went first
    assert all(presence.established(name, T0 + HALF_A_MINUTE) for name in "bcd")
