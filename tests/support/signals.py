"""Signal kinds only tests publish: registered like every kind (publishing an unregistered one is
an error), with no catch-up since nothing stores them."""

from __future__ import annotations

from core.signals import register_kind

PROBE = register_kind("probe", no_catch_up_because="a test signal: nothing stores it")
X = register_kind("x", no_catch_up_because="a test signal: nothing stores it")
