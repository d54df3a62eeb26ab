"""Established browsers for tests: ids that held a page open long enough, without waiting for it
(the page is opened on the app's clock put back by more than ESTABLISHED_AFTER)."""

from __future__ import annotations

from datetime import timedelta

from core.clock import frozen_at, utcnow
from features.contributions.standing import ESTABLISHED_AFTER, page_opened


def establish(*browser_ids: str) -> None:
    """These browser ids count as established from now on (their page is still open)."""
    with frozen_at(utcnow() - ESTABLISHED_AFTER - timedelta(seconds=1)):
        for browser_id in browser_ids:
            page_opened(browser_id, f"test-page-{browser_id}")
