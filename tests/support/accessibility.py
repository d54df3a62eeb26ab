"""What browser tests measure accessibility with: axe-core (as shipped in axe-playwright-python)
for WCAG 2.1 A and AA, and the reflow check (WCAG 1.4.10: nothing scrolls sideways)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import axe_playwright_python

AXE = Path(axe_playwright_python.__file__).parent / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# how far the page reaches past the right edge of the viewport (0 or less: it fits)
OVERFLOW = "document.documentElement.scrollWidth - window.innerWidth"
# for the failure message: the elements reaching furthest right
WIDEST = """() => [...document.querySelectorAll('body *')]
  .map(element => [element, element.getBoundingClientRect().right])
  .filter(([, right]) => right > window.innerWidth)
  .sort((a, b) => b[1] - a[1]).slice(0, 5)
  .map(([element, right]) =>
    `${Math.round(right)}px <${element.tagName.toLowerCase()} class="${element.getAttribute('class') || ''}">`)"""


def serious_violations(tab: Any) -> list[str]:
    """axe on the whole page: every violation of impact serious or critical, with where it is."""
    tab.add_script_tag(path=str(AXE))
    result = tab.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_21_AA
    )
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + "; ".join(node["html"][:160] for node in violation["nodes"][:3])
        for violation in result["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
