"""Limits per browser and per address, with the seconds to wait."""

from __future__ import annotations

from core.rate_limit import ADDRESS_FACTOR, RateLimiter, Throttle


def test_window_slides_and_says_how_long_to_wait() -> None:
    limiter = RateLimiter(3, 60)
    for second in (0, 10, 20):
        assert limiter.retry_after("b", now=second) == 0
        limiter.record("b", now=second)
    assert limiter.retry_after("b", now=30) == 30
    assert limiter.retry_after("b", now=60.5) == 0  # the first hit has left the window


def test_a_hall_behind_one_address_is_not_cut_off_by_three_people() -> None:
    throttle = Throttle(3, 60)
    for person in range(ADDRESS_FACTOR):
        for _ in range(3):
            assert throttle.retry_after(f"phone-{person}", "192.0.2.1", now=1) == 0
            throttle.record(f"phone-{person}", "192.0.2.1", now=1)
    assert throttle.retry_after("one-more-phone", "192.0.2.1", now=2) == 59  # a real flood from one address
    assert throttle.retry_after("one-more-phone", "198.51.100.7", now=2) == 0
