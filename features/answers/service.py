"""The city's official answers: an organiser gives a wall post, comment or proposal a status
(in review, adopted, partly adopted, not adopted, already done) and a text that explains it.

Why a status and not only a text: a participant who comes back after three weeks wants to see at
a glance whether their idea was taken up, and the council report counts the statuses. The answer
is stored on the contribution, so every place that shows a contribution (wall, result thread,
the hall screen, one's own posts, the exports) shows it from the same row, and it is announced
like any other change: every open wall follows within a second. Every change is logged.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.bus import CONTRIBUTION, Signal, bus
from core.clock import utcnow
from core.errors import NotFound, ServiceError
from core.text_input import clean_within
from features.moderation.audit import record
from features.staff.service import require_role
from models.contribution import OFFICIAL_ANSWER_MAX_LENGTH, Contribution, Kind, OfficialStatus, Status
from models.staff import Role, StaffAccount

ANSWER_ACTION = "official_answer"  # the log's action; its detail is the status given
STATUSES: tuple[OfficialStatus, ...] = tuple(OfficialStatus)
PAGE_SIZE = 50


@dataclass(frozen=True)
class AnswerQuery:
    """Which contributions the answers list shows: only those still without an answer, by kind."""

    open_only: bool = True
    kind: Kind | None = None
    offset: int = 0


async def give_answer(
    actor: StaffAccount | None, contribution_id: int, status: OfficialStatus | str, text: str
) -> Contribution:
    """Store the city's answer to a published contribution, log it and announce it.

    "In Prüfung" may come without a text (it says the city is on it); every other status needs a
    sentence, because "nicht aufgenommen" without a reason is exactly the void this is against.
    """
    staff = await require_role(actor, Role.ORGANISER)
    try:
        chosen = OfficialStatus(status)
    except ValueError:
        raise ServiceError("answers.bad_status") from None
    cleaned = clean_within(text, OFFICIAL_ANSWER_MAX_LENGTH, "answers.too_long")
    if not cleaned and chosen != OfficialStatus.IN_REVIEW:
        raise ServiceError("answers.text_required")
    async with bus().transaction() as publication:
        contribution = await _published(contribution_id)
        if contribution.official_status == chosen and contribution.official_text == cleaned:
            return contribution  # nothing changed: no log entry, no signal
        contribution.official_status = chosen
        contribution.official_text = cleaned
        contribution.official_at = utcnow()
        await contribution.save(update_fields=["official_status", "official_text", "official_at", "updated_at"])
        await record(staff, contribution.event_id, ANSWER_ACTION, contribution_id=contribution.id, detail=chosen.value)
        await publication.publish(Signal(CONTRIBUTION, contribution.event_id, {"contribution_id": contribution.id}))
    return contribution


async def answer_list(actor: StaffAccount | None, event_id: int, query: AnswerQuery) -> tuple[list[Contribution], int]:
    """One page of the published contributions to answer, oldest first, and how many match in
    all: a department works through one list from the top."""
    await require_role(actor, Role.ORGANISER)
    matching = Contribution.filter(event_id=event_id, status=Status.PUBLISHED)
    if query.open_only:
        matching = matching.filter(official_status__isnull=True)
    if query.kind is not None:
        matching = matching.filter(kind=query.kind)
    total = await matching.count()
    page = await matching.order_by("id").offset(max(0, query.offset)).limit(PAGE_SIZE)
    return list(page), total


async def _published(contribution_id: int) -> Contribution:
    """Only a published contribution gets an answer: a hidden or withdrawn one is seen by nobody
    (and a withdrawn one has lost its text), so an answer to it would answer nothing."""
    contribution = await Contribution.get_or_none(id=contribution_id).select_for_update()
    if contribution is None:
        raise NotFound("contribution_not_found")
    if contribution.status != Status.PUBLISHED:
        raise ServiceError("answers.not_published")
    return contribution
