"""Persistence: SQLite (aiosqlite, the default) or PostgreSQL (asyncpg), one numbered
migration sequence, small repositories.

Repositories take a :class:`Database` and return frozen domain dataclasses, never rows;
their SQL runs unchanged on both engines (see :mod:`bot.storage.database`).
"""

from bot.storage.approvals import ApprovalRepository, NewApproval
from bot.storage.blocks import Block, BlockRepository
from bot.storage.cleanups import Cleanup, CleanupRepository
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
from bot.storage.openings import Opening, OpeningRepository
from bot.storage.panels import PanelRepository
from bot.storage.processes import Owner, ProcessRepository
from bot.storage.renames import RenameRepository
from bot.storage.resources import ResourceRepository
from bot.storage.schema import MigrationError, SchemaTooNewError
from bot.storage.targets import DatabaseTarget, Engine, TargetError, parse_target
from bot.storage.tickets import NewTicket, Reservation, TicketFilter, TicketRepository
from bot.storage.transcripts import TranscriptRepository

__all__ = [
    "ApprovalRepository",
    "Block",
    "BlockRepository",
    "Cleanup",
    "CleanupRepository",
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
    "Opening",
    "OpeningRepository",
    "Owner",
    "PanelRepository",
    "ProcessRepository",
    "RenameRepository",
    "Reservation",
    "ResourceRepository",
    "SchemaTooNewError",
    "StorageError",
    "TargetError",
    "TicketFilter",
    "TicketRepository",
    "TranscriptRepository",
    "parse_target",
]
