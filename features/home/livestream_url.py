"""Which livestream addresses the app accepts: the one rule for /admin's form and the embed.

A YouTube address becomes a no-cookie embed; any other https address is shown as a plain link
(features.home.livestream). So an organiser may store either, but never http, a script URL, or a
YouTube address the embed could not use.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

_YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be", "www.youtube-nocookie.com"}
_VIDEO_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")


def youtube_embed_url(url: str) -> str | None:
    """The no-cookie embed address for a YouTube link, or None if it is not one."""
    parsed = urlparse(url)
    if parsed.scheme != "https" or parsed.hostname not in _YOUTUBE_HOSTS:
        return None
    if parsed.hostname == "youtu.be":
        video = parsed.path.strip("/")
    elif parsed.path == "/watch":
        video = parse_qs(parsed.query).get("v", [""])[0]
    else:
        parts = [part for part in parsed.path.split("/") if part]
        video = parts[1] if len(parts) == 2 and parts[0] in {"embed", "live", "shorts"} else ""
    if not _VIDEO_ID.match(video):
        return None
    return f"https://www.youtube-nocookie.com/embed/{video}"


def livestream_url_allowed(url: str) -> bool:
    """Empty (no stream), a YouTube video the embed understands, or another https page."""
    if not url:
        return True
    if any(char.isspace() for char in url):
        return False
    parsed = urlparse(url)
    if parsed.scheme != "https" or not parsed.hostname or parsed.username or parsed.password:
        return False
    if parsed.hostname in _YOUTUBE_HOSTS:
        return youtube_embed_url(url) is not None
    return True
