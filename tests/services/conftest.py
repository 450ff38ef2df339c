from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.config.specs import OnClose, QuestionSpec, ServerSpec, Style, SystemSpec, TopicSpec
from bot.i18n import Catalog
from bot.services.tickets import TicketService
from bot.storage import Database, DatabaseTarget, TicketRepository

from .fakes import FakePort

REPO = Path(__file__).resolve().parents[2]

GUILD = 123456789012345678
STAFF_ROLE = 222222222222222222
HANDLER_ROLE = 888888888888888888
CATEGORY = 555555555555555555
PARENT_CHANNEL = 999999999999999999
MEMBER = 111111111111111111
OTHER_MEMBER = 111111111111111112
STAFF = 333333333333333333


class FakeClock:
    def __init__(self) -> None:
        self.value = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.value

    def advance(self, **kwargs: float) -> datetime:
        self.value += timedelta(**kwargs)
        return self.value


BILLING = TopicSpec(
    id="billing",
    label="topic-billing",
    welcome="topic-billing-welcome",
    emoji="💳",
    questions=(
        QuestionSpec(id="order", label="q-order"),
        QuestionSpec(id="details", label="q-details", required=False),
    ),
)
PARTNERSHIP = TopicSpec(id="partnership", label="topic-partnership")


def make_server(**system_changes: object) -> ServerSpec:
    """The example server's texts (locales/*/servers/example.ftl) with test systems."""
    support = SystemSpec(
        id="support",
        style=Style.CHANNEL,
        topics=(BILLING,),
        category=CATEGORY,
        handlers=(HANDLER_ROLE,),
        mention_handlers=True,
        max_open_per_member=1,
        cooldown_seconds=0,
        channel_name="{topic}-{number}",
        on_close=OnClose.KEEP,
    )
    support = replace(support, **system_changes)  # type: ignore[arg-type]
    partners = SystemSpec(
        id="partners",
        style=Style.THREAD,
        topics=(PARTNERSHIP,),
        channel=PARENT_CHANNEL,
        max_open_per_member=2,
        channel_name="partner-{member}",
    )
    return ServerSpec(
        name="example",
        source=REPO / "servers" / "example.yaml",
        guild=GUILD,
        locale="fr",
        systems=(support, partners),
        staff_roles=(STAFF_ROLE,),
    )


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return Catalog.load(REPO / "locales", strict=True)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
async def db(database_target: DatabaseTarget, clock: FakeClock) -> AsyncIterator[Database]:
    database = await Database.open(database_target, clock=clock)
    yield database
    await database.close()


@pytest.fixture
def repo(db: Database) -> TicketRepository:
    return TicketRepository(db)


@pytest.fixture
def port() -> FakePort:
    return FakePort()


@pytest.fixture
def service(
    repo: TicketRepository, port: FakePort, catalog: Catalog, clock: FakeClock
) -> TicketService:
    return TicketService(repo, port, catalog.translate, clock=clock)
