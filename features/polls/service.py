"""Live polls: staff prepare them ahead, a moderator opens one at a time, the hall and the stream
answer together, and everyone sees the results as the poll's setting allows.

Answers are one row per browser and poll (unique), changed in place until the poll closes; the
results are counted by the database. Tabs hear of answers through one coalesced POLL_RESULTS
signal per poll (core.coalesce): a storm of a thousand answers is a few announcements a second.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from tortoise.exceptions import IntegrityError
from tortoise.functions import Count, Max, Sum

from core.bus import EVENT_SETTINGS, bus
from core.clock import utcnow
from core.coalesce import Coalescer
from core.errors import NotFound, ServiceError
from core.rate_limit import Throttle, throttle
from core.signals import Signal, register_kind
from core.text_input import clean_within
from features.moderation.audit import record
from features.moderation.filters import blocked_word_in, words_of
from features.staff.service import require_role
from models.contribution import Channel
from models.event import AgendaItem, Event, ScreenMode
from models.poll import (
    MAX_OPTIONS,
    OPTION_MAX_LENGTH,
    QUESTION_MAX_LENGTH,
    SCALE_LABEL_MAX_LENGTH,
    WORDS_MAX_LENGTH,
    Poll,
    PollAnswer,
    PollChoice,
    PollKind,
    PollOption,
    PollState,
    ResultsVisibility,
)
from models.staff import StaffAccount
from settings import get_settings

WORD_CLOUD_SIZE = 60
SCALE_RANGE = (0, 10)
KINDS_WITH_OPTIONS = (PollKind.SINGLE, PollKind.MULTIPLE, PollKind.RANKING)


async def polls_since(since: datetime) -> list[Signal]:
    """Polls created, edited, opened or closed meanwhile (a deleted one leaves nothing to find:
    announcing every event's polls once makes the tabs re-read their list)."""
    # ordered by the selected column: PostgreSQL refuses DISTINCT with the model's default ordering
    events = await Poll.filter(updated_at__gte=since).order_by("event_id").distinct().values_list("event_id", flat=True)
    latest = await Event.all().order_by("-starts_at").first()
    ids = set(events) | ({latest.id} if latest else set())
    return [Signal(POLLS, event_id) for event_id in sorted(ids)]


async def answers_since(since: datetime) -> list[Signal]:
    rows = await PollAnswer.filter(updated_at__gte=since).order_by("poll_id").distinct().values(
        "poll_id", "poll__event_id"
    )
    return [Signal(POLL_RESULTS, row["poll__event_id"], {"poll_id": row["poll_id"]}) for row in rows]


POLLS = register_kind("polls", catch_up=polls_since)  # the polls of the event changed (ids: poll_id)
POLL_RESULTS = register_kind("poll.results", catch_up=answers_since)  # answers changed (ids: poll_id), coalesced

results_announcer = Coalescer(bus().publish, interval=1.0)  # the screen: within a second


def reset_poll_state() -> None:
    """Tests: no lock of one test's event loop is reused by the next."""
    _answer_locks.clear()


# --- preparing ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class PollDraft:
    """A poll as staff type it; `options_en` empty, or one English label per option."""

    kind: PollKind
    question: str
    options: tuple[str, ...] = ()
    question_en: str = ""
    options_en: tuple[str, ...] = ()
    max_choices: int = 1
    scale_min: int = 1
    scale_max: int = 5
    scale_min_label: str = ""
    scale_max_label: str = ""
    scale_min_label_en: str = ""
    scale_max_label_en: str = ""
    results_visibility: ResultsVisibility = ResultsVisibility.LIVE
    agenda_item_id: int | None = None


@dataclass(frozen=True)
class CheckedDraft:
    fields: dict[str, object]
    options: list[tuple[str, str]] = field(default_factory=list)


def _line(raw: str, limit: int, key: str) -> str:
    return clean_within(str(raw or ""), limit, key, multiline=False)


def check_draft(draft: PollDraft) -> CheckedDraft:
    """The draft as it will be stored, or a ServiceError naming what is wrong (also used by the
    event file, features.admin.event_file). The programme item is checked where it is stored."""
    kind = PollKind(draft.kind)
    question = _line(draft.question, QUESTION_MAX_LENGTH, "poll.question_too_long")
    if not question:
        raise ServiceError("poll.question_missing")
    options: list[tuple[str, str]] = []
    if kind in KINDS_WITH_OPTIONS:
        labels = [_line(label, OPTION_MAX_LENGTH, "poll.option_too_long") for label in draft.options]
        labels = [label for label in labels if label]
        english = [_line(label, OPTION_MAX_LENGTH, "poll.option_too_long") for label in draft.options_en]
        if not 2 <= len(labels) <= MAX_OPTIONS:
            raise ServiceError("poll.option_count", most=MAX_OPTIONS)
        if len({label.casefold() for label in labels}) != len(labels):
            raise ServiceError("poll.option_twice")
        options = [(label, english[index] if index < len(english) else "") for index, label in enumerate(labels)]
    max_choices = 1
    if kind is PollKind.MULTIPLE:
        max_choices = int(draft.max_choices)
        if not 1 <= max_choices <= len(options):
            raise ServiceError("poll.max_choices", most=len(options))
    scale_min, scale_max = int(draft.scale_min), int(draft.scale_max)
    if kind is PollKind.SCALE and not (SCALE_RANGE[0] <= scale_min < scale_max <= SCALE_RANGE[1]):
        raise ServiceError("poll.scale_range", lowest=SCALE_RANGE[0], highest=SCALE_RANGE[1])
    labels = {
        name: _line(getattr(draft, name), SCALE_LABEL_MAX_LENGTH, "poll.label_too_long")
        for name in ("scale_min_label", "scale_max_label", "scale_min_label_en", "scale_max_label_en")
    }
    return CheckedDraft(
        {
            "kind": kind,
            "question": question,
            "question_en": _line(draft.question_en, QUESTION_MAX_LENGTH, "poll.question_too_long"),
            "max_choices": max_choices,
            "scale_min": scale_min,
            "scale_max": scale_max,
            "results_visibility": ResultsVisibility(draft.results_visibility),
            "agenda_item_id": draft.agenda_item_id,
            **labels,
        },
        options,
    )


async def _checked(draft: PollDraft, event_id: int) -> CheckedDraft:
    checked = check_draft(draft)
    if draft.agenda_item_id is not None and not await AgendaItem.exists(id=draft.agenda_item_id, event_id=event_id):
        raise NotFound("agenda_item_not_found")
    return checked


async def store_options(poll: Poll, options: list[tuple[str, str]]) -> None:
    """The poll's options as given (label, English label), replacing any it had."""
    await PollOption.filter(poll_id=poll.id).delete()
    await PollOption.bulk_create(
        [
            PollOption(poll_id=poll.id, position=index, label=label, label_en=label_en)
            for index, (label, label_en) in enumerate(options)
        ]
    )


async def create_poll(actor: StaffAccount | None, event_id: int, draft: PollDraft) -> Poll:
    """A new poll in draft, at the end of the list."""
    staff = await require_role(actor)
    if not await Event.exists(id=event_id):
        raise NotFound("event_not_found")
    checked = await _checked(draft, event_id)
    async with bus().transaction() as publication:
        last = await Poll.filter(event_id=event_id).order_by("-position").first()
        poll = await Poll.create(event_id=event_id, position=(last.position + 1) if last else 0, **checked.fields)
        await store_options(poll, checked.options)
        await record(staff, event_id, "poll_create", detail=poll.question)
        await publication.publish(Signal(POLLS, event_id, {"poll_id": poll.id}))
    return await _loaded(poll.id)


async def update_poll(actor: StaffAccount | None, poll_id: int, draft: PollDraft) -> Poll:
    """Edit a poll that nobody answered yet (answers refer to its options)."""
    staff = await require_role(actor)
    async with bus().transaction() as publication:
        poll = await _poll_for_update(poll_id)
        if poll.state is not PollState.DRAFT:
            raise ServiceError("poll.not_editable")
        checked = await _checked(draft, poll.event_id)
        poll.update_from_dict(checked.fields)
        await poll.save()
        await store_options(poll, checked.options)
        await record(staff, poll.event_id, "poll_edit", detail=poll.question)
        await publication.publish(Signal(POLLS, poll.event_id, {"poll_id": poll.id}))
    return await _loaded(poll_id)


async def delete_poll(actor: StaffAccount | None, poll_id: int) -> None:
    """Delete a poll with its answers; an open one is closed first, so nobody answers into nothing."""
    staff = await require_role(actor)
    async with bus().transaction() as publication:
        poll = await _poll_for_update(poll_id)
        if poll.state is PollState.OPEN:
            raise ServiceError("poll.close_first")
        await poll.delete()
        await record(staff, poll.event_id, "poll_delete", detail=poll.question)
        await publication.publish(Signal(POLLS, poll.event_id, {"poll_id": poll_id}))


async def move_poll(actor: StaffAccount | None, poll_id: int, direction: int) -> None:
    """Swap a poll with its neighbour above (direction -1) or below (+1) in the prepared order."""
    await require_role(actor)
    async with bus().transaction() as publication:
        poll = await _poll_for_update(poll_id)
        order = await Poll.filter(event_id=poll.event_id).order_by("position", "id")
        index = next(i for i, other in enumerate(order) if other.id == poll_id)
        target = index + (1 if direction > 0 else -1)
        if not 0 <= target < len(order):
            return
        order[index], order[target] = order[target], order[index]
        for position, other in enumerate(order):
            if other.position != position:
                await Poll.filter(id=other.id).update(position=position, updated_at=utcnow())
        await publication.publish(Signal(POLLS, poll.event_id, {"poll_id": poll_id}))


# --- running live ------------------------------------------------------------------------------
async def open_poll(actor: StaffAccount | None, poll_id: int) -> Poll:
    """Open a poll for answers; the one open before closes (one question at a time)."""
    staff = await require_role(actor)
    async with bus().transaction() as publication:
        poll = await _poll_for_update(poll_id)
        now = utcnow()
        for other in await Poll.filter(event_id=poll.event_id, state=PollState.OPEN).exclude(id=poll_id):
            await Poll.filter(id=other.id).update(state=PollState.CLOSED, closed_at=now, updated_at=now)
            await record(staff, poll.event_id, "poll_close", detail=other.question)
        poll.state, poll.opened_at, poll.closed_at = PollState.OPEN, now, None
        await poll.save(update_fields=["state", "opened_at", "closed_at", "updated_at"])
        await record(staff, poll.event_id, "poll_open", detail=poll.question)
        await publication.publish(Signal(POLLS, poll.event_id, {"poll_id": poll_id}))
    return await _loaded(poll_id)


async def close_poll(actor: StaffAccount | None, poll_id: int) -> Poll:
    staff = await require_role(actor)
    async with bus().transaction() as publication:
        poll = await _poll_for_update(poll_id)
        if poll.state is not PollState.OPEN:
            raise ServiceError("poll.not_open")
        poll.state, poll.closed_at = PollState.CLOSED, utcnow()
        await poll.save(update_fields=["state", "closed_at", "updated_at"])
        await record(staff, poll.event_id, "poll_close", detail=poll.question)
        await publication.publish(Signal(POLLS, poll.event_id, {"poll_id": poll_id}))
    return await _loaded(poll_id)


async def show_on_screen(actor: StaffAccount | None, poll_id: int) -> None:
    """Put this poll's results on /screen (its "poll" mode); the screen shows one poll at a time."""
    staff = await require_role(actor)
    async with bus().transaction() as publication:
        poll = await _poll_for_update(poll_id)
        await Poll.filter(event_id=poll.event_id, on_screen=True).exclude(id=poll_id).update(on_screen=False)
        poll.on_screen = True
        await poll.save(update_fields=["on_screen", "updated_at"])
        await Event.filter(id=poll.event_id).update(screen_mode=ScreenMode.POLL, updated_at=utcnow())
        await record(staff, poll.event_id, "screen", detail=f"{ScreenMode.POLL.value}: {poll.question}")
        await publication.publish(Signal(POLLS, poll.event_id, {"poll_id": poll_id}))
        await publication.publish(Signal(EVENT_SETTINGS, poll.event_id))


async def remove_word(actor: StaffAccount | None, poll_id: int, words: str) -> None:
    """Take an answer out of the word cloud (logged: the cloud is never changed silently)."""
    staff = await require_role(actor)
    key = words_key(words)
    async with bus().transaction() as publication:
        poll = await _poll_for_update(poll_id)
        if poll.kind is not PollKind.WORDS or not key:
            raise ServiceError("poll.not_words")
        if key not in poll.removed_words:
            poll.removed_words = [*poll.removed_words, key]
            await poll.save(update_fields=["removed_words", "updated_at"])
            await record(staff, poll.event_id, "poll_word_removed", detail=f"{poll.question}: {key}")
        await publication.publish(Signal(POLL_RESULTS, poll.event_id, {"poll_id": poll_id}))


# --- answering ---------------------------------------------------------------------------------
_answer_locks: dict[tuple[int, str], asyncio.Lock] = {}


def _throttle() -> Throttle:
    """POLL_RATE_LIMIT answers a minute per browser (changing one's answer included), 20× per address."""
    return throttle("poll", get_settings().poll_rate_limit)


async def answer_poll(
    poll_id: int,
    browser_id: str,
    *,
    choices: Iterable[int] = (),
    value: int | None = None,
    words: str = "",
    channel: Channel = Channel.ONLINE,
    address: str | None = None,
) -> None:
    """Store this browser's answer, replacing its earlier one; checked against the poll as it is now.

    `choices` are option ids (for a ranking in order, first = best); `value` is the point on a
    scale; `words` the short text of a word cloud."""
    chosen = [int(choice) for choice in choices]
    text = _SPACES.sub(" ", _line(words, WORDS_MAX_LENGTH, "poll.words_too_long")) if words else ""
    with _throttle().slot(browser_id, address):
        poll = await _loaded(poll_id)
        if poll.state is not PollState.OPEN:
            raise ServiceError("poll.closed" if poll.state is PollState.CLOSED else "poll.not_open")
        ranks = _ranks_for(poll, chosen, value, text)
        lock = _answer_locks.setdefault((poll_id, browser_id), asyncio.Lock())
        async with lock:
            try:
                await _store_answer(poll, browser_id, Channel(channel), ranks, value, text)
            except IntegrityError:  # another process stored this browser's first answer meanwhile
                await _store_answer(poll, browser_id, Channel(channel), ranks, value, text)
        if not lock.locked():
            _answer_locks.pop((poll_id, browser_id), None)
    results_announcer.touch(Signal(POLL_RESULTS, poll.event_id, {"poll_id": poll_id}))


def _ranks_for(poll: Poll, chosen: list[int], value: int | None, text: str) -> dict[int, int]:
    """The choice rows to store (option id: rank), or a refusal that says what is wrong."""
    if poll.kind is PollKind.SCALE:
        if value is None or not poll.scale_min <= int(value) <= poll.scale_max:
            raise ServiceError("poll.scale_value", lowest=poll.scale_min, highest=poll.scale_max)
        return {}
    if poll.kind is PollKind.WORDS:
        if not text:
            raise ServiceError("poll.words_missing")
        return {}
    known = {option.id for option in poll.options}
    if not chosen:
        raise ServiceError("poll.nothing_chosen")
    if len(set(chosen)) != len(chosen) or not set(chosen) <= known:
        raise ServiceError("poll.foreign_option")
    if poll.kind is PollKind.SINGLE and len(chosen) != 1:
        raise ServiceError("poll.too_many", most=1)
    if poll.kind is PollKind.MULTIPLE and len(chosen) > poll.max_choices:
        raise ServiceError("poll.too_many", most=poll.max_choices)
    if poll.kind is PollKind.RANKING:
        return {option_id: place for place, option_id in enumerate(chosen, start=1)}
    return dict.fromkeys(chosen, 0)


async def _store_answer(
    poll: Poll, browser_id: str, channel: Channel, ranks: dict[int, int], value: int | None, text: str
) -> None:
    async with bus().transaction():
        answer = await PollAnswer.get_or_none(poll_id=poll.id, browser_id=browser_id).select_for_update()
        fields = {
            "channel": channel,
            "value": int(value) if poll.kind is PollKind.SCALE and value is not None else None,
            "words": text,
            "words_key": words_key(text),
        }
        if answer is None:
            answer = await PollAnswer.create(poll_id=poll.id, browser_id=browser_id, **fields)
        else:
            answer.update_from_dict(fields)
            await answer.save()
            await PollChoice.filter(answer_id=answer.id).delete()
        if ranks:
            await PollChoice.bulk_create(
                [PollChoice(answer_id=answer.id, option_id=option_id, rank=rank) for option_id, rank in ranks.items()]
            )


_SPACES = re.compile(r"\s+")


def words_key(text: str) -> str:
    """How the cloud groups answers: "Mehr  Radwege" and "mehr radwege" are one entry."""
    return _SPACES.sub(" ", text).strip().casefold()[:WORDS_MAX_LENGTH]


@dataclass(frozen=True)
class OwnAnswer:
    choices: tuple[int, ...]  # option ids, for a ranking in order
    value: int | None
    words: str


async def own_answer(poll_id: int, browser_id: str) -> OwnAnswer | None:
    """What this browser answered, to show it checked (and changeable) when the page is opened again."""
    answer = await PollAnswer.get_or_none(poll_id=poll_id, browser_id=browser_id)
    if answer is None:
        return None
    rows = await PollChoice.filter(answer_id=answer.id).order_by("rank", "id").values_list("option_id", flat=True)
    return OwnAnswer(tuple(rows), answer.value, answer.words)


# --- reading -----------------------------------------------------------------------------------
async def _loaded(poll_id: int) -> Poll:
    poll = await Poll.get_or_none(id=poll_id).prefetch_related("options")
    if poll is None:
        raise NotFound("poll.not_found")
    return poll


async def _poll_for_update(poll_id: int) -> Poll:
    poll = await Poll.get_or_none(id=poll_id).select_for_update()
    if poll is None:
        raise NotFound("poll.not_found")
    return poll


async def get_poll(poll_id: int) -> Poll | None:
    return await Poll.get_or_none(id=poll_id).prefetch_related("options")


async def polls_of(event_id: int) -> list[Poll]:
    """The event's polls in their prepared order, with their options."""
    return await Poll.filter(event_id=event_id).order_by("position", "id").prefetch_related("options")


async def open_poll_of(event_id: int) -> Poll | None:
    """The poll people can answer now, if a moderator opened one."""
    return await Poll.filter(event_id=event_id, state=PollState.OPEN).prefetch_related("options").first()


async def poll_to_show(event_id: int) -> Poll | None:
    """The poll the wall shows at its top: the open one; else the one closed last whose results
    participants may see, so a tab opened after the closing still finds what the hall answered."""
    current = await open_poll_of(event_id)
    if current is not None:
        return current
    return (
        await Poll.filter(event_id=event_id, state=PollState.CLOSED)
        .exclude(results_visibility=ResultsVisibility.MODERATORS)
        .order_by("-closed_at", "-id")
        .prefetch_related("options")
        .first()
    )


async def poll_on_screen(event_id: int) -> Poll | None:
    return await Poll.filter(event_id=event_id, on_screen=True).prefetch_related("options").first()


def results_visible(poll: Poll, *, staff: bool = False) -> bool:
    """Whether the results may be shown now: staff always; others as the poll's setting says."""
    if staff or poll.results_visibility is ResultsVisibility.LIVE:
        return True
    return poll.results_visibility is ResultsVisibility.AFTER_CLOSING and poll.state is PollState.CLOSED


@dataclass(frozen=True)
class Count3:
    """A number of answers, and how many of them came from the hall and from online."""

    total: int = 0
    hall: int = 0
    online: int = 0

    def percent_of(self, whole: int) -> int:
        return round(100 * self.total / whole) if whole else 0


@dataclass(frozen=True)
class OptionResult:
    option_id: int
    label: str
    label_en: str
    count: Count3
    score: int = 0  # ranking: points (first place of n options: n points, last: 1)


@dataclass(frozen=True)
class WordResult:
    words: str
    count: int


@dataclass(frozen=True)
class PollResults:
    """The numbers of one poll, ready for a chart and for its text alternative."""

    poll_id: int
    kind: PollKind
    answers: Count3
    options: tuple[OptionResult, ...] = ()  # choice kinds: in the poll's order; ranking: best first
    scale: tuple[tuple[int, Count3], ...] = ()  # every point of the scale with its count
    mean: float | None = None  # the scale's average
    words: tuple[WordResult, ...] = ()  # the cloud, most frequent first
    held_words: tuple[WordResult, ...] = ()  # for moderators: kept out by blocked words or removed


def _count3(rows: list[dict], key: str | None = None) -> dict[object, Count3]:
    found: dict[object, dict[str, int]] = {}
    for row in rows:
        entry = found.setdefault(row[key] if key else None, {"hall": 0, "online": 0})
        entry[str(row.get("channel") or row.get("answer__channel"))] += int(row["n"])
    return {k: Count3(v["hall"] + v["online"], v["hall"], v["online"]) for k, v in found.items()}


async def results_of(poll: Poll) -> PollResults:
    """Counted by the database (GROUP BY), whatever the number of answers."""
    per_channel = (
        await PollAnswer.filter(poll_id=poll.id).group_by("channel").annotate(n=Count("id")).values("channel", "n")
    )
    answers = _count3(per_channel).get(None, Count3())
    if poll.kind in KINDS_WITH_OPTIONS:
        return await _option_results(poll, answers)
    if poll.kind is PollKind.SCALE:
        rows = (
            await PollAnswer.filter(poll_id=poll.id)
            .group_by("value", "channel")
            .annotate(n=Count("id"))
            .values("value", "channel", "n")
        )
        counts = _count3(rows, "value")
        scale = tuple((point, counts.get(point, Count3())) for point in range(poll.scale_min, poll.scale_max + 1))
        total = sum(count.total for _, count in scale)
        mean = sum(point * count.total for point, count in scale) / total if total else None
        return PollResults(poll.id, poll.kind, answers, scale=scale, mean=mean)
    return await _word_results(poll, answers)


async def _option_results(poll: Poll, answers: Count3) -> PollResults:
    rows = (
        await PollChoice.filter(answer__poll_id=poll.id)
        .group_by("option_id", "answer__channel")
        .annotate(n=Count("id"), ranks=Sum("rank"))
        .values("option_id", "answer__channel", "n", "ranks")
    )
    counts = _count3(rows, "option_id")
    points: dict[int, int] = {}
    size = len(poll.options)
    for row in rows:  # a first place among n options is worth n points, the last place 1
        points[row["option_id"]] = points.get(row["option_id"], 0) + int(row["n"]) * (size + 1) - int(row["ranks"] or 0)
    options = [
        OptionResult(
            option.id, option.label, option.label_en, counts.get(option.id, Count3()), points.get(option.id, 0)
        )
        for option in poll.options
    ]
    if poll.kind is PollKind.RANKING:
        options.sort(key=lambda option: -option.score)
    return PollResults(poll.id, poll.kind, answers, options=tuple(options))


async def _word_results(poll: Poll, answers: Count3) -> PollResults:
    rows = (
        await PollAnswer.filter(poll_id=poll.id)
        .exclude(words_key="")
        .group_by("words_key")
        .annotate(n=Count("id"), shown=Max("words"))
        .order_by("-n", "words_key")
        .values("words_key", "n", "shown")
    )
    blocked = words_of(await Event.get(id=poll.event_id))
    shown: list[WordResult] = []
    held: list[WordResult] = []
    for row in rows:
        entry = WordResult(str(row["shown"]), int(row["n"]))
        if row["words_key"] in poll.removed_words or blocked_word_in(entry.words, blocked):
            held.append(entry)
        elif len(shown) < WORD_CLOUD_SIZE:
            shown.append(entry)
    return PollResults(poll.id, poll.kind, answers, words=tuple(shown), held_words=tuple(held))
