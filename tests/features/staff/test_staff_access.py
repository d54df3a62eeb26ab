"""Every staff page and every staff service function refuses whoever may not use it: anonymous
visitors everything, moderators (and deactivated organisers) what is for organisers only.

The functions are listed by hand, and a last test checks the list is complete: a new service
function that takes an `actor` must be added here, with the role it needs.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from datetime import timedelta
from pathlib import Path

import pytest
from nicegui.testing import User

from core.errors import ServiceError
from features.admin import event_setup
from features.admin.event_setup import AgendaDetails, EventDetails
from features.answers import service as answers
from features.contributions.service import post_contribution
from features.exports import documentation
from features.exports import service as exports
from features.moderation import audit, filters, overview, undo
from features.moderation import service as moderation
from features.polls import service as polls
from features.polls.service import PollDraft
from features.privacy import service as privacy
from features.results import service as results
from features.screen import service as screen
from features.staff import accounts as staff_admin
from features.staff import service as staff_service
from features.staff.service import create_account, login
from features.system import demo
from features.system.demo import seed_demo
from models.contribution import Contribution
from models.event import AgendaItem, Event, ModerationMode, ScreenMode, ScreenSource
from models.poll import Poll, PollKind
from models.staff import Role, StaffAccount
from tests.support.staff import PASSWORD, sign_in, snapshot

pytestmark = pytest.mark.usefixtures("no_sign_in_delay")

STAFF_PAGES = {"/moderation": Role.MODERATOR, "/account": Role.MODERATOR, "/admin": Role.ORGANISER}


async def status_of(user: User, path: str) -> tuple[int, str]:
    response = await user.http_client.get(path, follow_redirects=False)
    return response.status_code, response.headers.get("location", "")


async def test_every_staff_page_refuses_anonymous_visitors(user: User) -> None:
    for path in STAFF_PAGES:
        assert await status_of(user, path) == (303, f"/login?next={path}"), path


async def test_organiser_pages_refuse_moderators(user: User) -> None:
    await sign_in(user, "Mo", Role.MODERATOR)
    for path, role in STAFF_PAGES.items():
        expected = (200, "") if role == Role.MODERATOR else (303, f"/login?next={path}")
        assert await status_of(user, path) == expected, path


async def test_every_staff_page_refuses_a_deactivated_account_and_organisers_open_all(user: User) -> None:
    await sign_in(user, "Orga", Role.ORGANISER)
    for path in STAFF_PAGES:
        assert await status_of(user, path) == (200, ""), path
    await StaffAccount.filter(name="Orga").update(active=False)
    for path in STAFF_PAGES:
        assert await status_of(user, path) == (303, f"/login?next={path}"), path


# --- services --------------------------------------------------------------------------------------


def moderator_calls(actor, event: Event, post: Contribution, item: AgendaItem, poll: Poll) -> dict[str, object]:
    """Each function a moderator may use, called with a real event, post, agenda item and poll."""
    draft = PollDraft(PollKind.SINGLE, "Gekapert?", ("ja", "nein"))
    return {
        "polls.create_poll": polls.create_poll(actor, event.id, draft),
        "polls.update_poll": polls.update_poll(actor, poll.id, draft),
        "polls.delete_poll": polls.delete_poll(actor, poll.id),
        "polls.move_poll": polls.move_poll(actor, poll.id, 1),
        "polls.open_poll": polls.open_poll(actor, poll.id),
        "polls.close_poll": polls.close_poll(actor, poll.id),
        "polls.show_on_screen": polls.show_on_screen(actor, poll.id),
        "polls.remove_word": polls.remove_word(actor, poll.id, "wort"),
        "moderation.approve": moderation.approve(actor, post.id),
        "moderation.reject": moderation.reject(actor, post.id, "insult"),
        "moderation.hide": moderation.hide(actor, post.id),
        "moderation.restore": moderation.restore(actor, post.id),
        "moderation.approve_many": moderation.approve_many(actor, event.id, [post.id]),
        "moderation.highlight": moderation.highlight(actor, event.id, post.id),
        "moderation.mark_answered": moderation.mark_answered(actor, post.id),
        "moderation.assign_agenda_item": moderation.assign_agenda_item(actor, post.id, item.id),
        "moderation.assign_result": moderation.assign_result(actor, post.id, None),
        "moderation.set_moderation_mode": moderation.set_moderation_mode(actor, event.id, ModerationMode.PRE),
        "moderation.set_screen_mode": moderation.set_screen_mode(actor, event.id, ScreenMode.PAUSE),
        "moderation.move_now_marker": moderation.move_now_marker(actor, event.id, item.id),
        "moderation.save_event_setting": moderation.save_event_setting(
            actor, event.id, "screen_mode", ScreenMode.PAUSE, action="screen", detail="pause"
        ),
        "moderation.list_for_console": moderation.list_for_console(actor, event.id, moderation.STATUSES_OF["queue"]),
        "overview.list_filtered": overview.list_filtered(actor, event.id, moderation.QUEUE, overview.ListQuery()),
        "screen.pick": screen.pick(actor, post.id),
        "screen.unpick": screen.unpick(actor, post.id),
        "screen.move_pick": screen.move_pick(actor, post.id, 1),
        "screen.set_screen_source": screen.set_screen_source(actor, event.id, ScreenSource.PICKED),
        "screen.set_screen_support": screen.set_screen_support(actor, event.id, True),
        "screen.set_pause_text": screen.set_pause_text(actor, event.id, "Gekapert"),
        "undo.undo_decision": undo.undo_decision(actor, post.id),
        "staff_admin.change_own_password": staff_admin.change_own_password(
            actor, PASSWORD, "ganz-neues-passwort", "ganz-neues-passwort"
        ),
    }


def organiser_calls(actor, event: Event, target: StaffAccount) -> dict[str, object]:
    """Each function only an organiser may use (the ids of results and pictures need not exist:
    the role is checked first, so a refusal says "forbidden" whatever they point at)."""
    now = event.starts_at
    item = AgendaDetails("Neu", now, now + timedelta(hours=1))
    return {
        "event_setup.add_agenda_item": event_setup.add_agenda_item(actor, event.id, item),
        "event_setup.create_next_event": event_setup.create_next_event(
            actor, "Nächste", now + timedelta(days=30), now + timedelta(days=30, hours=4)
        ),
        "event_setup.delete_agenda_item": event_setup.delete_agenda_item(actor, 1),
        "event_setup.move_agenda_item": event_setup.move_agenda_item(actor, 1, 1),
        "event_setup.update_agenda_item": event_setup.update_agenda_item(actor, 1, item),
        "event_setup.update_event": event_setup.update_event(actor, event.id, EventDetails("Gekapert", now, now)),
        "exports.collect_export": exports.collect_export(actor, event.id),
        "exports.export_event": exports.export_event(actor, event.id, "csv"),
        "documentation.publish_documentation": documentation.publish_documentation(actor, event.id),
        "documentation.withdraw_documentation": documentation.withdraw_documentation(actor, event.id),
        "privacy.purge_event": privacy.purge_event(actor, event.id, "LÖSCHEN"),
        "privacy.set_retention": privacy.set_retention(actor, event.id, None),
        "privacy.stored_count": privacy.stored_count(actor, event.id),
        "results.add_result_image": results.add_result_image(actor, 1, b"", "Bild"),
        "results.create_result": results.create_result(actor, 1, "Neu"),
        "results.create_topic": results.create_topic(actor, event.id, "Neu"),
        "results.delete_image": results.delete_image(actor, 1),
        "results.delete_result": results.delete_result(actor, 1),
        "results.delete_topic": results.delete_topic(actor, 1),
        "results.move_image": results.move_image(actor, 1, 1),
        "results.move_result": results.move_result(actor, 1, 1),
        "results.move_topic": results.move_topic(actor, 1, 1),
        "results.update_image_alt": results.update_image_alt(actor, 1, "Neu"),
        "results.update_result": results.update_result(actor, 1, topic_id=1, title="Neu"),
        "results.update_topic": results.update_topic(actor, 1, "Neu", "#000000"),
        "audit.recent_entries": audit.recent_entries(actor, event.id),
        "filters.set_blocked_words": filters.set_blocked_words(actor, event.id, "baustelle"),
        "staff_admin.list_accounts": staff_admin.list_accounts(actor),
        "staff_admin.add_account": staff_admin.add_account(actor, "Eindringling", Role.ORGANISER),
        "staff_admin.change_role": staff_admin.change_role(actor, target.id, Role.ORGANISER),
        "staff_admin.set_active": staff_admin.set_active(actor, target.id, False),
        "staff_admin.reset_password": staff_admin.reset_password(actor, target.id),
        "staff_admin.unlock": staff_admin.unlock(actor, target.id),
        "demo.remove_demo": demo.remove_demo(actor),
        "answers.give_answer": answers.give_answer(actor, 1, "adopted", "Gekapert"),
        "answers.answer_list": answers.answer_list(actor, event.id, answers.AnswerQuery()),
    }


ENUMERATED = {
    "polls.create_poll", "polls.update_poll", "polls.delete_poll", "polls.move_poll", "polls.open_poll",
    "polls.close_poll", "polls.show_on_screen", "polls.remove_word",
    "event_setup.add_agenda_item", "event_setup.create_next_event", "event_setup.delete_agenda_item",
    "event_setup.move_agenda_item", "event_setup.update_agenda_item", "event_setup.update_event",
    "exports.collect_export", "exports.export_event", "documentation.publish_documentation",
    "documentation.withdraw_documentation", "privacy.purge_event", "privacy.set_retention",
    "privacy.stored_count", "moderation.assign_result", "demo.remove_demo",
    "results.add_result_image", "results.create_result", "results.create_topic", "results.delete_image",
    "results.delete_result", "results.delete_topic", "results.move_image", "results.move_result",
    "results.move_topic", "results.update_image_alt", "results.update_result", "results.update_topic",
    "moderation.approve", "moderation.reject", "moderation.hide", "moderation.restore", "moderation.approve_many",
    "moderation.highlight", "moderation.mark_answered", "moderation.assign_agenda_item",
    "moderation.set_moderation_mode", "moderation.set_screen_mode", "moderation.move_now_marker",
    "moderation.save_event_setting",
    "moderation.list_for_console", "staff_admin.change_own_password",
    "screen.pick", "screen.unpick", "screen.move_pick", "screen.set_screen_source", "screen.set_screen_support",
    "screen.set_pause_text", "audit.recent_entries",
    "overview.list_filtered",
    "filters.set_blocked_words", "staff_admin.list_accounts", "staff_admin.add_account", "staff_admin.change_role",
    "staff_admin.set_active", "staff_admin.reset_password", "staff_admin.unlock",
    "undo.undo_decision", "answers.give_answer", "answers.answer_list",
}


@pytest.fixture
async def scene(db):
    event = await seed_demo()
    item = await AgendaItem.filter(event_id=event.id).order_by("-id").first()
    post = await post_contribution(event.id, "access-test", "Bitte unverändert lassen")
    moderator = await create_account("Mira", PASSWORD, Role.MODERATOR)
    await create_account("Olaf", PASSWORD, Role.ORGANISER)
    poll = await Poll.create(event=event, agenda_item=item, kind=PollKind.WORDS, question="Bleibt?", position=99)
    return event, post, item, moderator, poll


async def assert_refused(calls: dict[str, object]) -> None:
    for name, call in calls.items():
        with pytest.raises(ServiceError) as refused:
            await call  # type: ignore[misc]
        assert refused.value.key == "forbidden", name


async def test_anonymous_callers_are_refused_by_every_staff_function(scene) -> None:
    event, post, item, moderator, poll = scene
    before = await snapshot(event, post)
    calls = moderator_calls(None, event, post, item, poll) | organiser_calls(None, event, moderator)
    assert set(calls) == ENUMERATED
    await assert_refused(calls)
    assert await snapshot(event, post) == before


async def test_moderators_are_refused_by_every_organiser_function(scene) -> None:
    event, post, _item, moderator, _poll = scene
    olaf = await StaffAccount.get(name="Olaf")
    before = await snapshot(event, post)
    await assert_refused(organiser_calls(moderator, event, olaf))
    assert await snapshot(event, post) == before
    assert await login("Olaf", PASSWORD)


async def test_a_deactivated_account_is_refused_by_every_staff_function(scene) -> None:
    event, post, item, moderator, poll = scene
    olaf = await StaffAccount.get(name="Olaf")
    await StaffAccount.filter(id__in=[olaf.id, moderator.id]).update(active=False)
    before = await snapshot(event, post)
    await assert_refused(moderator_calls(moderator, event, post, item, poll) | organiser_calls(olaf, event, moderator))
    assert await snapshot(event, post) == before


def shows_pages(module_info: pkgutil.ModuleInfo) -> bool:
    """A UI module (it imports NiceGUI): staff functions live in service modules only."""
    spec = module_info.module_finder.find_spec(module_info.name, None)  # type: ignore[call-arg]
    if spec is None or spec.origin is None or not spec.origin.endswith(".py"):
        return False
    tree = ast.parse(Path(spec.origin).read_text())
    for node in ast.walk(tree):
        names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else (
            [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
        if any(name.split(".")[0] in {"nicegui", "components"} for name in names):
            return True
    return False


def test_the_list_names_every_staff_function() -> None:
    """Every public service function whose first parameter is `actor` is a staff function."""
    found = set()
    short_names = {exports: "exports", documentation: "documentation", moderation: "moderation",
                   privacy: "privacy", results: "results", staff_admin: "staff_admin", staff_service: "staff",
                   polls: "polls", event_setup: "event_setup", audit: "audit", filters: "filters",
                   demo: "demo", screen: "screen", undo: "undo", overview: "overview", answers: "answers"}
    import core
    import features

    for package in (core, features):
        for module_info in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
            if shows_pages(module_info):
                continue  # importing a page module here would register its routes outside the app
            module = importlib.import_module(module_info.name)
            for name, function in inspect.getmembers(module, inspect.iscoroutinefunction):
                if name.startswith("_") or function.__module__ != module.__name__:
                    continue
                parameters = list(inspect.signature(function).parameters)
                if parameters and parameters[0] == "actor":
                    found.add(f"{short_names.get(module, module.__name__)}.{name}")
    assert found - {"staff.require_role"} == ENUMERATED  # require_role is the check itself
