"""Which livestream addresses the app accepts: the one rule for /admin's form and the player.

A YouTube address becomes a no-cookie embed; an https address of a video file (.mp4, .webm) is
played by the browser's own `<video>`; any other https address is shown as a plain link
(components.livestream). So an organiser may store any of these, but never http, a script URL,
or a YouTube address the embed could not use. The sign-language (DGS) stream follows the same
rules; a captions address is a WebVTT file (.vtt) for the `<video>` player or a live-caption page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import parse_qs, urlparse

_YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be", "www.youtube-nocookie.com"}
_VIDEO_ID = re.compile(r"[A-Za-z0-9_-]{6,20}")  # fullmatch: `$` would let a final newline (%0A) through
VIDEO_FILE_SUFFIXES = (".mp4", ".webm")
CAPTIONS_SUFFIX = ".vtt"


class StreamKind(StrEnum):
    NONE = "none"  # no stream, or an address the rules refuse
    EMBED = "embed"  # a YouTube video, played in a no-cookie iframe
    VIDEO = "video"  # a video file, played by the browser's <video>
    PAGE = "page"  # another https page: a link, opened in a new tab


@dataclass(frozen=True)
class StreamSource:
    kind: StreamKind
    src: str = ""  # what the player loads (the embed address) or the link opens


def _plain_https(url: str) -> bool:
    """https with a host, no spaces and no user name or password in it."""
    if not url or any(char.isspace() for char in url):
        return False
    parsed = urlparse(url)
    return parsed.scheme == "https" and bool(parsed.hostname) and not parsed.username and not parsed.password


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
    if not _VIDEO_ID.fullmatch(video):
        return None
    return f"https://www.youtube-nocookie.com/embed/{video}"


def livestream_url_allowed(url: str) -> bool:
    """Empty (no stream), a YouTube video the embed understands, a video file or another https page."""
    if not url:
        return True
    if not _plain_https(url):
        return False
    if urlparse(url).hostname in _YOUTUBE_HOSTS:
        return youtube_embed_url(url) is not None
    return True


def stream_source(url: str) -> StreamSource:
    """How the player shows `url` (the main stream or the DGS stream); refused addresses: NONE."""
    url = (url or "").strip()
    if not url or not livestream_url_allowed(url):
        return StreamSource(StreamKind.NONE)
    embed = youtube_embed_url(url)
    if embed is not None:
        return StreamSource(StreamKind.EMBED, embed)
    if urlparse(url).path.lower().endswith(VIDEO_FILE_SUFFIXES):
        return StreamSource(StreamKind.VIDEO, url)
    return StreamSource(StreamKind.PAGE, url)


def captions_url_allowed(url: str) -> bool:
    """Empty (no captions), or an https address: a WebVTT file or a live-caption page."""
    return not url or _plain_https(url)


def captions_track_url(url: str) -> str | None:
    """The address of a WebVTT file the `<video>` player can use as its captions track, else None."""
    url = (url or "").strip()
    if not url or not _plain_https(url) or not urlparse(url).path.lower().endswith(CAPTIONS_SUFFIX):
        return None
    return url
