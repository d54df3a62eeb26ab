"""`/results`: the gallery of workshop results; `/results/{id}`: one result with its comments and
proposals; `/media/{name}`: the pictures the app stored for them."""

from __future__ import annotations

from fastapi import HTTPException, Request
from fastapi.responses import FileResponse
from nicegui import app, ui

from components.frame import frame
from components.i18n import localized, t
from components.not_found import not_found_content
from components.phase_notice import phase_notice
from components.text import heading
from core.media import MEDIA_ROUTE, stored_path
from features.agenda.service import current_event
from features.results.result_board import ResultBoard
from features.results.result_view import result_view
from features.results.results_gallery import ResultsGallery
from features.results.results_gallery import follow as follow_gallery
from features.results.service import gallery, list_topics, load_result, search_result_ids

ONE_YEAR = 365 * 24 * 3600


@ui.page("/results")
async def results_page(topic: str = "", q: str = "") -> None:
    event = await current_event()
    with frame(t("results.heading"), event=event):
        heading(t("results.heading"))
        if event is None:
            ui.label(t("home.no_event"))
            return
        ui.label(t("results.intro")).classes("max-w-prose")
        phase_notice(event, "results")
        cards = await gallery(event.id)
        if not cards:
            ui.label(t("results.empty")).mark("results-empty")
            return
        topics = await list_topics(event.id)
        chosen = int(topic) if topic.isdigit() and any(item.id == int(topic) for item in topics) else None
        query = q.strip()

        async def search(text: str) -> list[int] | None:
            return await search_result_ids(event.id, text) if text.strip() else None

        shown = ResultsGallery(
            cards, topics=topics, topic=chosen, query=query, matches=await search(query), on_search=search,
            labels={
                "search": t("results.search"), "search_hint": t("results.search_hint"),
                "topics": t("results.topics"), "all_topics": t("results.all_topics"), "count": t("results.count"),
                "count_one": t("results.count_one"), "comments": t("results.comments"),
                "comments_one": t("results.comments_one"), "proposals": t("results.proposals"),
                "proposals_one": t("results.proposals_one"), "none": t("results.none"),
            },
        ).mark("gallery")
        follow_gallery(event.id, shown)


@ui.page("/results/{result_id}")
async def result_page(request: Request, result_id: str) -> None:
    # the id comes from the address: anything but a plain number is simply not a result
    detail = await load_result(int(result_id)) if result_id.isdigit() and len(result_id) < 10 else None
    if detail is None:
        ui.context.client.status_code = 404
        not_found_content()
        return
    with frame(localized(detail.result, "title").text, event=detail.event):
        # a link on its own line: at least 24 px tall to tap (WCAG 2.2 target size)
        ui.link(t("results.back"), "/results").classes("text-blue-900 inline-block py-1").mark("back")
        result_view(detail)
        address = request.client.host if request.client else None
        await ResultBoard(detail, address=address).build()


@app.get(f"{MEDIA_ROUTE}/{{name}}", include_in_schema=False)
async def media_file(name: str) -> FileResponse:
    """Only pictures the app wrote itself (see core.media); names never change, so cache long."""
    path = stored_path(name)
    if path is None:
        raise HTTPException(status_code=404)
    return FileResponse(
        path, media_type="image/jpeg", headers={"Cache-Control": f"public, max-age={ONE_YEAR}, immutable"}
    )
