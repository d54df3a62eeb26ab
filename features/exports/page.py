"""`/dokumentation.pdf`: the published documentation (the council report) for everyone.

While organisers have published it (features.exports.documentation) the stored PDF is served
inline, so a browser shows it, under a file name from the event's title; otherwise, and after
they withdrew it, the friendly 404 page of every route.

A plain route rather than a ui.page, so it is added by `register()` (pages.register_all) on
every start, like the system routes: a module without a ui.page is imported only once.
"""

from __future__ import annotations

import asyncio

from fastapi import HTTPException
from fastapi.responses import Response
from nicegui import app

from features.exports.documentation import DOCUMENTATION_ROUTE, published_documentation


async def documentation_pdf() -> Response:
    documentation = await published_documentation()
    if documentation is None:
        raise HTTPException(status_code=404)
    try:  # read whole: withdrawing may remove the file while it is being sent
        data = await asyncio.to_thread(documentation.path.read_bytes)
    except FileNotFoundError:
        raise HTTPException(status_code=404) from None
    return Response(data, media_type="application/pdf", headers={
        "Content-Disposition": f'inline; filename="{documentation.filename}"',
        "Cache-Control": "no-cache",  # a withdrawn report must not live on in a cache
        "X-Content-Type-Options": "nosniff",
    })


def register() -> None:
    app.get(DOCUMENTATION_ROUTE, include_in_schema=False)(documentation_pdf)
