"""Requests waiting for staff in a ``manual`` system's reception channel."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.tickets import ApprovalRequest, ApprovalStatus, Refusal, TicketError
from bot.storage.codec import (
    answers_from_db,
    answers_to_db,
    optional_time_from_db,
    time_from_db,
    time_to_db,
)
from bot.storage.database import Database, Row

_COLUMNS = (
    "id, guild_id, system_id, topic_id, member_id, locale, reason, answers, "
    "reception_message_id, status, created_at, decided_by, decided_at, refuse_reason, "
    "ticket_id, request_key"
)
_SELECT = f"SELECT {_COLUMNS} FROM approval_requests"  # noqa: S608


@dataclass(frozen=True, slots=True)
class NewApproval:
    guild_id: int
    system_id: str
    topic_id: str
    member_id: int
    locale: str
    request_key: str
    reason: str | None = None
    answers: tuple[tuple[str, str], ...] = ()


def _request(row: Row) -> ApprovalRequest:
    return ApprovalRequest(
        id=row["id"],
        guild_id=row["guild_id"],
        system_id=row["system_id"],
        topic_id=row["topic_id"],
        member_id=row["member_id"],
        locale=row["locale"],
        request_key=row["request_key"],
        created_at=time_from_db(row["created_at"]),
        status=ApprovalStatus(row["status"]),
        reason=row["reason"],
        answers=answers_from_db(row["answers"]),
        reception_message_id=row["reception_message_id"],
        decided_by=row["decided_by"],
        decided_at=optional_time_from_db(row["decided_at"]),
        refuse_reason=row["refuse_reason"],
        ticket_id=row["ticket_id"],
    )


class ApprovalRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def create(self, new: NewApproval) -> tuple[ApprovalRequest, bool]:
        """Insert once per ``request_key``; returns (request, created).

        One statement decides: of two deliveries racing (even in two processes), the
        unique ``request_key`` lets one insert and the other find that row."""
        request_id = await self._db.fetch_value(
            "INSERT INTO approval_requests (guild_id, system_id, topic_id, member_id, "
            "locale, reason, answers, created_at, request_key) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (request_key) DO NOTHING RETURNING id",
            (
                new.guild_id,
                new.system_id,
                new.topic_id,
                new.member_id,
                new.locale,
                new.reason,
                answers_to_db(new.answers),
                time_to_db(self._db.now()),
                new.request_key,
            ),
        )
        if request_id is not None:
            return await self._require(request_id), True
        row = await self._db.fetch_one(f"{_SELECT} WHERE request_key = ?", (new.request_key,))
        if row is None:  # pragma: no cover - the conflicting row was deleted meanwhile
            raise TicketError(Refusal.NOT_FOUND, request_key=new.request_key)
        return _request(row), False

    async def get(self, request_id: int) -> ApprovalRequest | None:
        row = await self._db.fetch_one(f"{_SELECT} WHERE id = ?", (request_id,))
        return None if row is None else _request(row)

    async def get_by_message(self, message_id: int) -> ApprovalRequest | None:
        row = await self._db.fetch_one(f"{_SELECT} WHERE reception_message_id = ?", (message_id,))
        return None if row is None else _request(row)

    async def set_message(self, request_id: int, message_id: int) -> None:
        await self._db.execute(
            "UPDATE approval_requests SET reception_message_id = ? WHERE id = ?",
            (message_id, request_id),
        )

    async def list_pending(
        self, guild_id: int, system_id: str | None = None, *, limit: int = 25
    ) -> list[ApprovalRequest]:
        """Oldest first: the order staff should handle them in."""
        sql = f"{_SELECT} WHERE guild_id = ? AND status = 'pending'"
        params: list[object] = [guild_id]
        if system_id is not None:
            sql += " AND system_id = ?"
            params.append(system_id)
        rows = await self._db.fetch_all(f"{sql} ORDER BY id LIMIT ?", (*params, limit))
        return [_request(r) for r in rows]

    async def count_pending_for_member(self, guild_id: int, system_id: str, member_id: int) -> int:
        value = await self._db.fetch_value(
            "SELECT count(*) FROM approval_requests WHERE guild_id = ? AND system_id = ? "
            "AND member_id = ? AND status = 'pending'",
            (guild_id, system_id, member_id),
        )
        return int(value)

    async def accept(self, request_id: int, staff_id: int) -> ApprovalRequest:
        return await self._decide(request_id, ApprovalStatus.ACCEPTED, staff_id, None)

    async def refuse(
        self, request_id: int, staff_id: int, reason: str | None = None
    ) -> ApprovalRequest:
        return await self._decide(request_id, ApprovalStatus.REFUSED, staff_id, reason)

    async def set_ticket(self, request_id: int, ticket_id: int) -> None:
        """Link an accepted request to the ticket it became."""
        await self._db.execute(
            "UPDATE approval_requests SET ticket_id = ? WHERE id = ?", (ticket_id, request_id)
        )

    async def discard(self, request_id: int) -> bool:
        """Delete a pending request that never reached the reception channel (posting it
        failed), so the member may ask again. False if it was posted or decided."""
        changed = await self._db.execute(
            "DELETE FROM approval_requests WHERE id = ? AND status = 'pending' "
            "AND reception_message_id IS NULL",
            (request_id,),
        )
        return changed > 0

    async def _decide(
        self, request_id: int, status: ApprovalStatus, staff_id: int, reason: str | None
    ) -> ApprovalRequest:
        # Conditional UPDATE: of two staff clicking at once, exactly one decides.
        async with self._db.transaction():
            changed = await self._db.execute(
                "UPDATE approval_requests SET status = ?, decided_by = ?, decided_at = ?, "
                "refuse_reason = ? WHERE id = ? AND status = 'pending'",
                (status.value, staff_id, time_to_db(self._db.now()), reason, request_id),
            )
            request = await self._require(request_id)
            if not changed:
                raise TicketError(
                    Refusal.ALREADY_DECIDED,
                    status=request.status.value,
                    decided_by=request.decided_by,
                )
            return request

    async def _require(self, request_id: int) -> ApprovalRequest:
        request = await self.get(request_id)
        if request is None:
            raise TicketError(Refusal.NOT_FOUND, request_id=request_id)
        return request
