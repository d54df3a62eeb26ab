"""What browser tests measure accessibility with: axe-core (as shipped in axe-playwright-python)
for WCAG 2.2 A and AA plus axe's best-practice rules, and the reflow check (WCAG 1.4.10: nothing
scrolls sideways)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import axe_playwright_python

AXE = Path(axe_playwright_python.__file__).parent / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# what the audit runs: WCAG 2.2 AA (target size, focus not obscured, …) and axe's best practice
# (one main landmark at the top level, an h1 on every page, landmarks around all content, …)
AUDIT_TAGS = [*WCAG_21_AA, "wcag22aa", "best-practice"]
# how far the page reaches past the right edge of the viewport (0 or less: it fits)
OVERFLOW = "document.documentElement.scrollWidth - window.innerWidth"
# for the failure message: the elements reaching furthest right
WIDEST = """() => [...document.querySelectorAll('body *')]
  .map(element => [element, element.getBoundingClientRect().right])
  .filter(([, right]) => right > window.innerWidth)
  .sort((a, b) => b[1] - a[1]).slice(0, 5)
  .map(([element, right]) =>
    `${Math.round(right)}px <${element.tagName.toLowerCase()} class="${element.getAttribute('class') || ''}">`)"""


def serious_violations(tab: Any, within: str | None = None) -> list[str]:
    """axe on the whole page (AUDIT_TAGS), or only `within` a CSS selector (an open dialog: the
    page behind its backdrop is dimmed on purpose), with every violation and where it is.

    Every impact counts, not only serious and critical: the best-practice rules that matter here
    (one main landmark, at the top level; an h1) are rated moderate, and a page that fails them
    is still harder to find one's way through with a screen reader.
    """
    tab.add_script_tag(path=str(AXE))
    result = tab.evaluate(
        "async ([tags, within]) => await axe.run(within ? {include: [within]} : document,"
        " {runOnly: {type: 'tag', values: tags}})",
        [AUDIT_TAGS, within],
    )
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + "; ".join(node["html"][:160] for node in violation["nodes"][:3])
        for violation in result["violations"]
    ]


def dialog_violations(tab: Any) -> list[str]:
    """axe on the open dialog alone (AUDIT_TAGS), without colour contrast: inside Quasar's dialog
    axe blends the backdrop over the page instead of using the white card (it reports #999999
    behind a button on white). The dialog's buttons use the page's colours, which the runs on
    the whole page check."""
    tab.add_script_tag(path=str(AXE))
    result = tab.evaluate(
        "async (tags) => await axe.run('.q-dialog', {runOnly: {type: 'tag', values: tags},"
        " rules: {'color-contrast': {enabled: false}}})",
        AUDIT_TAGS,
    )
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + "; ".join(node["html"][:160] for node in violation["nodes"][:3])
        for violation in result["violations"]
    ]
