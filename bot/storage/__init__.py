"""Persistence: one aiosqlite connection, numbered migrations, small repositories.

Repositories take a :class:`Database` and return frozen domain dataclasses, never rows,
so a PostgreSQL backend can implement the same classes later.
"""

from bot.storage.approvals import ApprovalRepository, NewApproval
from bot.storage.command_sync import CommandSyncRepository
from bot.storage.cooldowns import CooldownRepository
from bot.storage.counters import CounterRepository
from bot.storage.database import Database
from bot.storage.held_reasons import HeldReason, HeldReasonRepository
from bot.storage.panels import PanelRepository
from bot.storage.schema import MigrationError, SchemaTooNewError
from bot.storage.tickets import NewTicket, Reservation, TicketFilter, TicketRepository
from bot.storage.transcripts import TranscriptRepository

__all__ = [
    "ApprovalRepository",
    "CommandSyncRepository",
    "CooldownRepository",
    "CounterRepository",
    "Database",
    "HeldReason",
    "HeldReasonRepository",
    "MigrationError",
    "NewApproval",
    "NewTicket",
    "PanelRepository",
    "Reservation",
    "SchemaTooNewError",
    "TicketFilter",
    "TicketRepository",
    "TranscriptRepository",
]
