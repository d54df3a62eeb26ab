"""Security headers on every HTTP response (issue 19): Content-Security-Policy, X-Content-Type-Options,
Referrer-Policy.

The policy allows this site only, plus, on a page that shows a livestream, the one host its player
loads from (the YouTube no-cookie embed, or the host of a video file and its captions track):
`components.livestream` names that source while the page is built (`allow_stream_source`), and the
policy of that response includes it. A stream an organiser changes while a tab is open plays there
after a reload.

NiceGUI needs `'unsafe-inline'` and `'unsafe-eval'` in script-src: every page starts with an inline
script that creates the Vue app, and Vue compiles the elements' templates in the browser (with
`new Function`); Quasar sets inline styles. What keeps scripts out is the escaping of everything
people type (components.text), not the policy; the policy still forbids every foreign script,
style, frame, connection and form target, and `frame-ancestors` decides who may embed the site
(`FRAME_ANCESTORS`, default: only this site).

Pure ASGI (no BaseHTTPMiddleware): the page is built in the same context as the middleware's call,
so what the page names reaches the header of its own response.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from contextvars import ContextVar
from typing import Any
from urllib.parse import urlparse

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# (directive, origin) pairs the page being built allows beyond this site, e.g. ("frame-src", "https://…")
_stream_sources: ContextVar[set[tuple[str, str]] | None] = ContextVar("stream_sources", default=None)


def origin_of(url: str) -> str | None:
    parsed = urlparse(url)
    if parsed.scheme != "https" or not parsed.hostname:
        return None
    return f"https://{parsed.netloc.rsplit('@', 1)[-1]}"


def allow_stream_source(directive: str, url: str) -> None:
    """The response to the page being built may load `url`'s host for `directive` (frame-src, media-src)."""
    sources = _stream_sources.get()
    origin = origin_of(url)
    if sources is not None and origin is not None and directive in ("frame-src", "media-src"):
        sources.add((directive, origin))


def content_security_policy(frame_ancestors: str, sources: set[tuple[str, str]] = frozenset()) -> str:  # type: ignore[assignment]
    def extra(directive: str) -> str:
        return "".join(f" {origin}" for name, origin in sorted(sources) if name == directive)

    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            f"media-src 'self' blob:{extra('media-src')}",
            f"frame-src 'self'{extra('frame-src')}",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            f"frame-ancestors {frame_ancestors}",
        ]
    )


class SecurityHeaders:
    """Adds the headers to every HTTP response that does not set them itself."""

    def __init__(self, app: ASGIApp, frame_ancestors: str = "'self'") -> None:
        self.app = app
        self.frame_ancestors = frame_ancestors

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        sources: set[tuple[str, str]] = set()
        token = _stream_sources.set(sources)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                for name, value in (
                    (b"content-security-policy", content_security_policy(self.frame_ancestors, sources)),
                    (b"x-content-type-options", "nosniff"),
                    (b"referrer-policy", "strict-origin-when-cross-origin"),
                ):
                    if name not in present:
                        headers.append((name, value.encode("latin-1")))
                message["headers"] = headers
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        finally:
            _stream_sources.reset(token)
