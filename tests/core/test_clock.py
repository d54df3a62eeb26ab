"""The app's one clock can be set: the same event is before, during and after its phase without sleeping."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from core import clock
from core.errors import ServiceError
from features.contributions.service import post_contribution
from tests.support.factories import open_event


async def test_the_phase_follows_the_clock_the_app_is_set_to(db) -> None:
    event, _items = await open_event()
    event.wall_open_after_event = True  # the wall stays open after the conference, until participation closes
    await event.save()
    assert event.participation_closes_at is not None
    with clock.frozen_at(event.participation_closes_at + timedelta(seconds=1)):
        with pytest.raises(ServiceError) as refused:
            await post_contribution(event.id, "browser-a", "Zu spät")
        assert refused.value.key == "participation.closed"
    with clock.frozen_at(event.participation_closes_at - timedelta(seconds=1)):
        assert (await post_contribution(event.id, "browser-a", "Gerade noch")).text == "Gerade noch"


def test_a_frozen_clock_stands_still_and_is_released() -> None:
    moment = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    with clock.frozen_at(moment):
        assert clock.utcnow() == moment
    assert clock.utcnow() > moment.replace(year=2026, month=11)
    assert abs(clock.utcnow() - datetime.now(UTC)) < timedelta(seconds=5)
    with pytest.raises(ValueError), clock.frozen_at(datetime(2026, 12, 1, 9, 0)):
        pass
