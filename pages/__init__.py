"""Every public route, in one list: importing `register_all` registers the pages of every feature.

The pages themselves live in their feature's folder (`features/<feature>/page.py`); this package
only knows which ones exist, so main.py stays the entry point and nothing else.
"""

from __future__ import annotations

import importlib

PAGE_MODULES = (
    "features.home.page",
    "features.agenda.page",
    "features.wall.page",
    "features.live.page",
    "features.results.page",
    "features.easy_language.page",
    "features.follow.page",
    "features.screen.page",
    "features.moderation.page",
    "features.admin.page",
    "features.staff.login_page",
    "features.staff.account_page",
    "features.exports.page",
    "features.system.page",
)


def register_all() -> None:
    """Import every page module (importing one registers its routes), then the system routes.

    A module of plain routes (no ui.page) adds them in its `register()`, called here each time."""
    for name in PAGE_MODULES:
        module = importlib.import_module(name)
        if name != "features.system.page" and hasattr(module, "register"):
            module.register()
    from features.system import page as system

    system.register()
