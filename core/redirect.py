"""Where a redirect after a form may go: only paths on this site.

An open redirect (`?next=//evil.example`) would let others borrow the city's address for their
pages; sign-in and the language switch both send people on, so both ask here.
"""

from __future__ import annotations


def local_path(target: str) -> str:
    """`target` if it is a path on this site, else "/"."""
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target
