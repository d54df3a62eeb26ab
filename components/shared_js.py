"""The browser code several components share (components/client/*.js), served once by NiceGUI.

A component names `CLIENT_JS` as its `dependencies`; NiceGUI then lists every file in the page's
import map under its name (`sg-forms`, `sg-items`), so a component's .js imports it as
`import { newKey } from "sg-forms"`. The files come from this server (no external host), and
their address carries a hash of the newest file's time: NiceGUI lets browsers cache them for a
year, so a changed file must get a new address.
"""

from __future__ import annotations

from pathlib import Path

CLIENT_JS: list[str | Path] = [Path(__file__).resolve().parent / "client" / "*.js"]

# The style sheet of what sg-items.js draws (support button, pending note, delete), for share_css.
ITEMS_CSS = Path(__file__).resolve().parent / "client" / "sg-items.css"
