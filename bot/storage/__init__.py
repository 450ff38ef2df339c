"""Persistence: SQLite (aiosqlite, the default) or PostgreSQL (asyncpg), one numbered
migration sequence, small repositories.

Repositories take a :class:`Database` and return frozen domain dataclasses, never rows;
their SQL runs unchanged on both engines (see :mod:`bot.storage.database`).
"""

from bot.storage.approvals import ApprovalRepository, NewApproval
from bot.storage.command_sync import CommandSyncRepository
from bot.storage.cooldowns import CooldownRepository
from bot.storage.counters import CounterRepository
from bot.storage.database import ConnectOptions, Database
from bot.storage.errors import (
    DatabaseUnreachableError,
    DatabaseUnusableError,
    IntegrityError,
    StorageError,
)
from bot.storage.held_reasons import HeldReason, HeldReasonRepository
from bot.storage.panels import PanelRepository
from bot.storage.schema import MigrationError, SchemaTooNewError
from bot.storage.targets import DatabaseTarget, Engine, TargetError, parse_target
from bot.storage.tickets import NewTicket, Reservation, TicketFilter, TicketRepository
from bot.storage.transcripts import TranscriptRepository

__all__ = [
    "ApprovalRepository",
    "CommandSyncRepository",
    "ConnectOptions",
    "CooldownRepository",
    "CounterRepository",
    "Database",
    "DatabaseTarget",
    "DatabaseUnreachableError",
    "DatabaseUnusableError",
    "Engine",
    "HeldReason",
    "HeldReasonRepository",
    "IntegrityError",
    "MigrationError",
    "NewApproval",
    "NewTicket",
    "PanelRepository",
    "Reservation",
    "SchemaTooNewError",
    "StorageError",
    "TargetError",
    "TicketFilter",
    "TicketRepository",
    "TranscriptRepository",
    "parse_target",
]
