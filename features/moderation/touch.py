"""The console is used from tablets: every control at least 44×44 CSS px (WCAG 2.5.5), and the
destructive actions (Ausblenden, Ablehnen, Löschen) apart from the frequent ones (Freigeben,
Auf die Leinwand): last in a card, in a group of their own, at least 16 px away.

`touch_friendly()` gives the page's body the class the rules hang on (Quasar moves dialogs and
menus out of the main element, to the body), so controls the console gains later (Quasar's
buttons, toggles, selects, tabs, a table's pagination, a dialog's fields) are covered too;
tests/features/moderation/test_touch_browser.py measures every one at 1024×768.
"""

from __future__ import annotations

from nicegui import ui

from components.shared_css import share_css

TOUCH_CSS = """
.sg-touch .q-btn, .sg-touch .q-btn.q-btn--dense { min-height: 44px; min-width: 44px; }
.sg-touch .q-btn-group > .q-btn-item { min-height: 44px; }
.sg-touch .q-field--dense .q-field__control, .sg-touch .q-field--dense .q-field__marginal,
.sg-touch .q-field--dense .q-field__native { min-height: 44px; }
.sg-touch .q-field--dense .q-field__control { height: auto; }
.sg-touch .q-checkbox, .sg-touch .q-toggle, .sg-touch .q-radio { min-height: 44px; min-width: 44px; }
.sg-touch .q-tab { min-height: 44px; min-width: 44px; }
.sg-touch summary { min-height: 44px; padding-block: 6px; }
.sg-touch #main a.nicegui-link { display: inline-flex; align-items: center; min-height: 44px; min-width: 44px; }
.sg-touch .sg-mod-btn { min-height: 44px; min-width: 44px; padding: 8px 14px; }
.sg-touch .sg-mod-select { min-height: 44px; min-width: 44px; padding: 8px 6px; }
.sg-touch .sg-mod-check { min-height: 44px; min-width: 44px; padding-right: 8px; cursor: pointer; }
.sg-touch .sg-mod-check input { width: 24px; height: 24px; }
.sg-mod-actions { display: flex; flex-wrap: wrap; align-items: center; column-gap: 8px; row-gap: 16px; }
.sg-mod-group { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; }
.sg-mod-destructive { margin-left: auto; padding-left: 24px; }
.sg-mod-danger { border-color: #991b1b; color: #991b1b; }
.sg-mod-waiting { color: #334155; }
"""


def touch_friendly() -> None:
    """Lay out this page for fingers (see the module's doc)."""
    share_css("touch", TOUCH_CSS)
    ui.query("body").classes("sg-touch")
