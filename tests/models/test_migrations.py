"""The schema comes from Tortoise migrations alone, on SQLite and on PostgreSQL."""

from __future__ import annotations

import uuid
from datetime import timedelta

import asyncpg
from tortoise import connections

from models.database import close_database, open_database
from models.event import AgendaItem, Event
from tests.support.database import POSTGRES_ADMIN_URL
from tests.support.factories import START


async def _exercise_schema() -> None:
    event = await Event.create(title="Probe", starts_at=START, ends_at=START + timedelta(hours=4))
    item = await AgendaItem.create(event=event, title="Begrüßung", starts_at=START, ends_at=START + timedelta(hours=1))
    event.current_agenda_item = item
    await event.save()
    loaded = await Event.get(id=event.id).prefetch_related("agenda_items")
    assert [i.title for i in loaded.agenda_items] == ["Begrüßung"]
    assert loaded.current_agenda_item_id == item.id
    await item.delete()  # the "now" choice falls back to the clock, the event stays
    assert (await Event.get(id=event.id)).current_agenda_item_id is None


async def test_fresh_sqlite_database_is_built_from_migrations_alone() -> None:
    await open_database("sqlite://:memory:")
    try:
        _, rows = await connections.get("default").execute_query(
            "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"
        )
        tables = {row["name"] for row in rows}
        assert {"event", "agenda_item"} <= tables
        await _exercise_schema()
    finally:
        await close_database()


async def test_migrations_are_applied_once_per_database(tmp_path) -> None:
    url = f"sqlite://{tmp_path / 'twice.sqlite3'}"
    await open_database(url)
    await Event.create(title="bleibt", starts_at=START, ends_at=START)
    await close_database()
    await open_database(url)  # a restart applies nothing twice and keeps the data
    try:
        assert await Event.filter(title="bleibt").count() == 1
    finally:
        await close_database()


async def test_migrations_postgres_build_the_schema() -> None:
    """Needs the local PostgreSQL server (see README); fails, never skips, when it is missing."""
    name = f"sg_migrations_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(POSTGRES_ADMIN_URL)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
        base = POSTGRES_ADMIN_URL.rsplit("/", 1)[0]
        await open_database(f"{base}/{name}")
        try:
            await _exercise_schema()
        finally:
            await close_database()
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


async def test_models_have_no_changes_without_a_migration(db) -> None:
    """A model change that nobody turned into a migration file fails here (`tortoise makemigrations`)."""
    from tortoise import Tortoise
    from tortoise.migrations.autodetector import MigrationAutodetector

    from models.database import tortoise_config

    apps = tortoise_config("sqlite://:memory:")["apps"]
    writers = await MigrationAutodetector(Tortoise.apps, apps).changes()
    assert writers == []


async def test_database_reachable_tells_the_truth() -> None:
    from models.database import database_reachable

    await open_database("sqlite://:memory:")
    assert await database_reachable() is True
    await close_database()
    assert await database_reachable() is False


async def test_flags_stored_before_the_rename_survive_migration_0006(tmp_path) -> None:
    """0006 renames Report to Flag in the code only: the rows in contribution_report stay, unchanged."""
    from tortoise import Tortoise
    from tortoise.migrations.executor import MigrationExecutor, MigrationTarget

    from models.contribution import Contribution
    from models.database import tortoise_config
    from models.moderation import Flag

    url = f"sqlite://{tmp_path / 'before_flags.sqlite3'}"
    config = tortoise_config(url)
    await Tortoise.init(config=config, _enable_global_fallback=True)
    await MigrationExecutor(connections.get("default"), config["apps"]).migrate(
        [MigrationTarget(app_label="models", name="0005_retention_and_links")]
    )
    _, tables = await connections.get("default").execute_query("SELECT name FROM sqlite_master WHERE type='table'")
    # The event table as 0005 left it (the Event model of today has columns 0007 adds).
    await connections.get("default").execute_query(
        "INSERT INTO event (title, description, venue, address, starts_at, ends_at, livestream_url,"
        " moderation_mode, is_demo, created_at, updated_at) VALUES (?, '', '', '', ?, ?, '', 'post', 0, ?, ?)",
        ["vorher", START, START, START, START],
    )
    _, rows = await connections.get("default").execute_query("SELECT id FROM event")
    # the contribution table as 0005 left it, too (the model of today has columns 0011 adds)
    await connections.get("default").execute_query(
        "INSERT INTO contribution (event_id, text, nickname, channel, status, highlighted, answered,"
        " vote_count, author_id, created_at, updated_at)"
        " VALUES (?, 'gemeldet', '', 'online', 'published', 0, 0, 0, 'author', ?, ?)",
        [rows[0]["id"], START, START],
    )
    _, posts = await connections.get("default").execute_query("SELECT id FROM contribution")
    post_id = posts[0]["id"]
    await connections.get("default").execute_query(
        "INSERT INTO contribution_report (contribution_id, reporter_id, reviewed, created_at) VALUES (?, ?, ?, ?)",
        [post_id, "browser-1", False, START],
    )
    await close_database()
    await open_database(url)  # applies 0006
    try:
        post = await Contribution.get(id=post_id)
        assert "contribution_report" in {row["name"] for row in tables}
        assert await Flag.filter(contribution_id=post.id).values_list("flagger_id", flat=True) == ["browser-1"]
        assert [flag.flagger_id for flag in await post.flags.all()] == ["browser-1"]
    finally:
        await close_database()


async def test_events_stored_before_0011_keep_listing_every_post_and_new_ones_list_only_picks(tmp_path) -> None:
    """0011: an event stored before the curated screen keeps showing the whole wall, as before; a new
    event lists only the moderators' picks, nothing is picked yet, and the pause has the default text."""
    from tortoise import Tortoise
    from tortoise.migrations.executor import MigrationExecutor, MigrationTarget

    from models.database import tortoise_config
    from models.event import ScreenSource

    url = f"sqlite://{tmp_path / 'before_picks.sqlite3'}"
    config = tortoise_config(url)
    await Tortoise.init(config=config, _enable_global_fallback=True)
    await MigrationExecutor(connections.get("default"), config["apps"]).migrate(
        [MigrationTarget(app_label="models", name="0010_signin_attempts")]
    )
    await connections.get("default").execute_query(
        "INSERT INTO event (title, description, venue, address, starts_at, ends_at, livestream_url,"
        " moderation_mode, is_demo, created_at, updated_at) VALUES (?, '', '', '', ?, ?, '', 'post', 0, ?, ?)",
        ["vorher", START, START, START, START],
    )
    await close_database()
    await open_database(url)  # applies 0011
    try:
        before = await Event.get(title="vorher")
        assert (before.screen_source, before.screen_pause_text, before.screen_show_support) == (
            ScreenSource.ALL, "", False)
        new = await Event.create(title="neu", starts_at=START, ends_at=START)
        assert (await Event.get(id=new.id)).screen_source == ScreenSource.PICKED
    finally:
        await close_database()
