"""Plan slash-command syncs: sync a scope only when its translated payload changed.

Discord rate-limits command syncs and re-registers them for every client, so the bot syncs on
purpose, comparing a canonical hash of the payload with the last one it synced.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bot.domain.records import CommandSyncRecord
from bot.reconcile.panels import canonical_hash
from bot.reconcile.plan import ChangeAction, Reason, ReasonCode

GLOBAL_SCOPE = "global"


def payload_hash(payload: Sequence[Mapping[str, Any]]) -> str:
    """Hash of a bulk-overwrite payload, independent of key order and of command order.

    Commands are sorted by (type, name): Discord does not keep their order, while the order of
    options inside a command is shown to members and so is part of the hash.
    """
    commands = sorted(payload, key=lambda c: (int(c.get("type", 1)), str(c.get("name", ""))))
    return canonical_hash({"commands": [dict(c) for c in commands]})


@dataclass(frozen=True, slots=True)
class CommandChange:
    action: ChangeAction  # create, update or unchanged
    scope: str  # "global" or a guild id
    reason: Reason
    payload_hash: str
    previous_hash: str | None = None

    @property
    def record(self) -> CommandSyncRecord:
        """What to store once the sync succeeded."""
        return CommandSyncRecord(self.scope, self.payload_hash)


def plan_commands(
    scope: str, desired_payload: Sequence[Mapping[str, Any]], stored: CommandSyncRecord | None
) -> CommandChange:
    digest = payload_hash(desired_payload)
    if stored is None:
        return CommandChange(ChangeAction.CREATE, scope, Reason.of(ReasonCode.COMMANDS_NEW), digest)
    if stored.payload_hash != digest:
        reason = Reason.of(ReasonCode.COMMANDS_CHANGED)
        return CommandChange(ChangeAction.UPDATE, scope, reason, digest, stored.payload_hash)
    reason = Reason.of(ReasonCode.COMMANDS_UP_TO_DATE)
    return CommandChange(ChangeAction.UNCHANGED, scope, reason, digest, stored.payload_hash)
