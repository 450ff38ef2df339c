"""Moving the data between engines: every row arrives unchanged, ids and numbers go on from
where they were, and a copy that cannot finish leaves the target empty."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import pytest

from bot.config.specs import Style
from bot.domain.records import CommandSyncRecord, PanelRecord
from bot.domain.tickets import EventKind, Priority
from bot.storage import (
    ApprovalRepository,
    CommandSyncRepository,
    Database,
    DatabaseTarget,
    Engine,
    NewApproval,
    NewTicket,
    PanelRepository,
    TicketRepository,
    TranscriptRepository,
    parse_target,
)
from bot.storage.copy import CopyError, copy_database, dependency_order

NEW = NewTicket(
    guild_id=1234567890123456789,  # snowflakes need 64 bits
    system_id="support",
    topic_id="billing",
    opener_id=987654321098765432,
    style=Style.CHANNEL,
    locale="fr",
    request_key="k1",
    reason="commande « A-12 »",
    answers=(("order", "A-12"), ("email", "x@example.org")),
)


@pytest.fixture(
    params=[
        pytest.param("sqlite-postgresql", marks=pytest.mark.postgresql),
        pytest.param("postgresql-sqlite", marks=pytest.mark.postgresql),
        "sqlite-sqlite",
    ]
)
def pair_targets(
    request: pytest.FixtureRequest, tmp_path: Path
) -> tuple[DatabaseTarget, DatabaseTarget]:
    def make(engine: str, name: str) -> DatabaseTarget:
        if engine == "sqlite":
            return parse_target(tmp_path / f"{name}.sqlite3")
        return parse_target(request.getfixturevalue("postgres_schema_url"))  # one side at most

    source, target = request.param.split("-")
    return make(source, "source"), make(target, "target")


@pytest.fixture
async def source_and_target(
    pair_targets: tuple[DatabaseTarget, DatabaseTarget],
) -> AsyncIterator[tuple[Database, Database]]:
    source = await Database.open(pair_targets[0])
    target = await Database.open(pair_targets[1])
    yield source, target
    await source.close()
    await target.close()


async def _fill(db: Database) -> None:
    tickets = TicketRepository(db)
    first = (await tickets.reserve(NEW)).ticket
    await tickets.activate(first.id, 1111111111111111111)
    await tickets.claim(first.id, 42)
    await tickets.set_priority(first.id, Priority.URGENT, 42)
    await tickets.add_member(first.id, 77, 42)
    await tickets.add_note(first.id, 42, "note interne")
    await tickets.set_first_message(first.id, 2222222222222222222)
    await tickets.hold_close_reason(first.id, 42, "résolu", purge_before=db.now())
    await tickets.close(first.id, 42, "résolu")
    await TranscriptRepository(db).add(
        first.id, html="<p>é</p>", text="é", message_count=3, actor_id=42
    )
    pending = (await tickets.reserve(replace(NEW, request_key="k2"))).ticket
    await tickets.discard_pending(pending.id)  # an id and a number never handed out again
    await tickets.reserve(replace(NEW, request_key="k3", opener_id=5))
    await PanelRepository(db).upsert(PanelRecord(NEW.guild_id, "p", 3, 4, "h", '{"a": 1}'))
    await CommandSyncRepository(db).put(CommandSyncRecord("global", "hash"))
    await ApprovalRepository(db).create(
        NewApproval(NEW.guild_id, "apps", "staff", 50, "en-US", "a-1", answers=(("q", "r"),))
    )


async def _dump(db: Database) -> dict[str, list[tuple[object, ...]]]:
    out = {}
    for table, columns in (await db.table_columns()).items():
        if table == "schema_version":
            continue
        rows = await db.fetch_all(f"SELECT * FROM {table}")
        out[table] = sorted(
            (tuple(_comparable(row[i]) for i in range(len(columns))) for row in rows), key=repr
        )
    return out


def _comparable(value: object) -> object:
    import json

    if isinstance(value, str) and value[:1] in ("[", "{"):  # JSON: spacing differs by engine
        return json.loads(value)
    return value


async def test_every_row_arrives_and_numbering_goes_on(
    source_and_target: tuple[Database, Database],
) -> None:
    source, target = source_and_target
    await _fill(source)
    copied = await copy_database(source, target)

    assert {c.table: c.rows for c in copied}["tickets"] == 2
    assert await _dump(target) == await _dump(source)
    tickets = TicketRepository(target)
    closed = await tickets.get_by_number(NEW.guild_id, 1)
    assert closed is not None and closed.answers == NEW.answers and closed.reason == NEW.reason
    assert closed.created_at == (await TicketRepository(source).get(closed.id)).created_at
    after = (await tickets.reserve(replace(NEW, request_key="k4", opener_id=6))).ticket
    assert after.number == 4  # 1, 2 (discarded) and 3 were handed out in the source
    source_max = await source.fetch_value("SELECT max(id) FROM tickets")
    assert after.id > source_max
    event_id = await tickets.append_event(after.id, EventKind.NOTE, actor_id=1)
    assert event_id > await source.fetch_value("SELECT max(id) FROM ticket_events")


async def test_a_target_with_data_is_refused(source_and_target: tuple[Database, Database]) -> None:
    source, target = source_and_target
    await _fill(source)
    await CommandSyncRepository(target).put(CommandSyncRecord("global", "other"))
    with pytest.raises(CopyError) as caught:
        await copy_database(source, target)
    assert caught.value.code == "db-copy-target-not-empty"
    assert caught.value.details == {"tables": "command_sync"}


@pytest.mark.postgresql
async def test_a_refused_row_leaves_the_target_empty(tmp_path: Path, postgres_schema_url: str):
    source = await Database.open(tmp_path / "source.sqlite3")
    target = await Database.open(parse_target(postgres_schema_url))
    try:
        await _fill(source)
        # SQLite keeps what its column affinity cannot convert; PostgreSQL's BIGINT refuses it.
        await source.execute("UPDATE ticket_notes SET author_id = 'someone'")
        with pytest.raises(CopyError) as caught:
            await copy_database(source, target)
        assert caught.value.code == "db-copy-refused"
        assert caught.value.details["table"] == "ticket_notes"
        assert all(not rows for rows in (await _dump(target)).values())
    finally:
        await source.close()
        await target.close()


def test_tables_are_copied_after_the_ones_they_reference() -> None:
    order = dependency_order(
        {"notes": {"tickets"}, "tickets": set(), "events": {"tickets", "notes"}, "a": set()}
    )
    assert order == ["a", "tickets", "notes", "events"]
    with pytest.raises(CopyError):
        dependency_order({"x": {"y"}, "y": {"x"}})


def test_engines_are_named_in_targets() -> None:
    assert parse_target("postgresql://u:secret@db.example:5433/guichet").engine is Engine.POSTGRESQL
    shown = parse_target("postgresql://u:secret@db.example:5433/guichet").display()
    assert "secret" not in shown and shown == "postgresql://u:***@db.example:5433/guichet"
    assert parse_target("var/x.sqlite3").engine is Engine.SQLITE
