"""The markup every text field must show as text: one corpus for every form's tests.

Each string would run script, load something or change the page if any part of the app rendered
it as HTML, Markdown or a Vue template. Tests put each through a field and check that it comes
back as the same characters and that no dialog opened (browser tests listen for `dialog`).
"""

from __future__ import annotations

XSS_CORPUS: tuple[str, ...] = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    '"><svg onload=alert(3)>',
    "'><iframe src=javascript:alert(4)>",
    "[klick](javascript:alert(5))",
    "{{ constructor.constructor('alert(6)')() }}",
    "<a href=\"javascript:alert(7)\">link</a>",
    "javascript:alert(8)",
    "&lt;b&gt;fett&lt;/b&gt; &amp; <b>fett</b>",
    "</textarea><style>body{display:none}</style>",
)

# One line that carries several of them, for fields too short for the whole corpus.
XSS_SHORT = "<img src=x onerror=alert(9)>"
