"""Who may open tickets: staff's blocks (``/ticket block|unblock|blocks``) and the roles a
system lets open (``open_roles``, ``blocked_roles`` in YAML).

:meth:`BlockService.opening_refusal` is the gate :class:`~bot.services.tickets.TicketService`
and the approvals run before a member opens (or asks for) a ticket for themselves; staff
opening for a member decide for themselves and are not stopped by it. A block belongs to
the server (every system), expires by itself when it has an end, and is told to the member
in their language with staff's reason.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from bot.config.build import parse_duration
from bot.config.specs import ServerSpec, SystemSpec
from bot.domain import access
from bot.domain import block_messages as bm
from bot.domain import ticket_messages as tm
from bot.domain.access import Actor
from bot.domain.ticket_messages import OutgoingMessage, Translate
from bot.i18n.ids import MessageId, message_id
from bot.services.log_queue import LineQueue
from bot.services.port import PortError, TicketPort
from bot.services.staff import Shown
from bot.services.tickets import Refused
from bot.storage import Block, BlockRepository
from bot.storage.database import utc_now

log = logging.getLogger(__name__)

LIST_SIZE = 25
# Discord's timestamps and Python's datetimes both end somewhere: a block longer than this
# is a block until lifted, said plainly.
LONGEST_BLOCK = timedelta(days=3650)


def is_server_staff(actor: Actor, server: ServerSpec) -> bool:
    """Staff of any of the server's systems (or its managers): blocks span every system."""
    return any(access.is_staff(actor, server, s) for s in server.systems)


class BlockService:
    def __init__(
        self,
        blocks: BlockRepository,
        port: TicketPort,
        translate: Translate,
        *,
        clock: Callable[[], datetime] = utc_now,
        queue: LineQueue | None = None,
    ) -> None:
        self._blocks = blocks
        self._port = port
        self._translate = translate
        self._clock = clock
        # The bot's queue of log lines: posted after the answer, in order with the others.
        self._queue = queue

    # --- the gate --------------------------------------------------------------------

    async def opening_refusal(
        self, server: ServerSpec, system: SystemSpec, member: Actor, *, locale: str
    ) -> Refused | None:
        """``None`` when ``member`` may open a ticket of ``system`` for themselves."""
        block = await self._blocks.active(server.guild, member.user_id)
        if block is not None:
            _log("ticket.open_blocked", server, member_id=member.user_id)
            return Refused(bm.member_refusal(self._translate, locale, server, block), "blocked")
        blocked = [r for r in system.blocked_roles if r in member.role_ids]
        if blocked:
            text = message_id("blocks-role-blocked")
            role = tm.role_mention(blocked[0])
            return self._refused(locale, server, "role-blocked", text, role=role)
        if system.open_roles and member.role_ids.isdisjoint(system.open_roles):
            roles = ", ".join(tm.role_mention(r) for r in system.open_roles)
            text = message_id("blocks-role-required")
            return self._refused(locale, server, "role-required", text, roles=roles)
        return None

    async def active_block(self, guild_id: int, member_id: int) -> Block | None:
        """For ``/ticket info``: the block of a ticket's opener, if any."""
        return await self._blocks.active(guild_id, member_id)

    # --- staff commands --------------------------------------------------------------

    async def block(
        self,
        server: ServerSpec,
        actor: Actor,
        member: Actor,
        reason: str,
        duration: str | None,
        *,
        locale: str,
    ) -> Shown | Refused:
        if not is_server_staff(actor, server):
            return self._refused(locale, server, "not-allowed", message_id("tickets-staff-only"))
        mention = tm.user_mention(member.user_id)
        if member.user_id == self._port.bot_user_id:
            return self._refused(locale, server, "bot", message_id("blocks-cannot-block-bot"))
        if is_server_staff(member, server):
            text = message_id("blocks-cannot-block-staff")
            return self._refused(locale, server, "staff", text, member=mention)
        body = reason.strip()
        if not body:
            return self._refused(locale, server, "empty", message_id("blocks-reason-empty"))
        expires_at = None
        if duration is not None and duration.strip():
            length = _duration(duration.strip())
            if length is None:
                text = message_id("blocks-bad-duration")
                shown = tm.escape_markdown(tm.fit(duration.strip(), 40))
                return self._refused(locale, server, "bad-duration", text, duration=shown)
            if length < LONGEST_BLOCK:
                expires_at = self._clock() + length
        block, new = await self._blocks.put(
            server.guild,
            member.user_id,
            reason=body,
            blocked_by=actor.user_id,
            expires_at=expires_at,
        )
        _log("ticket.member_blocked", server, member_id=member.user_id, actor_id=actor.user_id)
        await self._post_log(
            server,
            bm.log_line(self._translate, server, block, actor_id=actor.user_id, lifted=False),
        )
        return Shown(bm.blocked_reply(self._translate, locale, server, block, again=not new))

    async def unblock(
        self, server: ServerSpec, actor: Actor, member_id: int, *, locale: str
    ) -> Shown | Refused:
        if not is_server_staff(actor, server):
            return self._refused(locale, server, "not-allowed", message_id("tickets-staff-only"))
        mention = tm.user_mention(member_id)
        lifted = await self._blocks.remove(server.guild, member_id)
        if lifted is None:
            text = message_id("blocks-not-blocked")
            return self._refused(locale, server, "not-blocked", text, member=mention)
        _log("ticket.member_unblocked", server, member_id=member_id, actor_id=actor.user_id)
        await self._post_log(
            server,
            bm.log_line(self._translate, server, lifted, actor_id=actor.user_id, lifted=True),
        )
        text = message_id("blocks-unblocked-reply")
        return Shown(tm.reply(self._translate, locale, server, text, member=mention))

    async def list_blocks(
        self, server: ServerSpec, actor: Actor, *, locale: str
    ) -> Shown | Refused:
        if not is_server_staff(actor, server):
            return self._refused(locale, server, "not-allowed", message_id("tickets-staff-only"))
        blocks = await self._blocks.list_active(server.guild, limit=LIST_SIZE)
        total = (
            await self._blocks.count_active(server.guild)
            if len(blocks) == LIST_SIZE
            else len(blocks)
        )
        return Shown(bm.block_list(self._translate, locale, server, blocks, total=total))

    # --- helpers ---------------------------------------------------------------------

    async def _post_log(self, server: ServerSpec, line: OutgoingMessage) -> None:
        """A side effect of a block that already stands: a failure is logged, not shown."""
        if server.log_channel is None:
            return
        if self._queue is not None and line.content is not None:
            try:
                await self._queue.put(server.guild, server.log_channel, line.content)
            except Exception:  # storing the line must not undo the block either
                _log("blocks.log_failed", server, kind="queue", code=None)
            return
        try:
            await self._port.send_message(server.log_channel, line)
        except PortError as error:
            _log("blocks.log_failed", server, kind=error.kind.value, code=error.code)

    def _refused(
        self, locale: str, server: ServerSpec, reason: str, msg_id: MessageId, **args: str
    ) -> Refused:
        return Refused(tm.reply(self._translate, locale, server, msg_id, **args), reason)


def _duration(text: str) -> timedelta | None:
    """``30m``, ``12h``, ``7d``, ``1d12h`` (the YAML's durations); ``None`` for anything else
    or for zero."""
    try:
        seconds = parse_duration(text.lower())
    except ValueError:
        return None
    return timedelta(seconds=seconds) if seconds > 0 else None


def _log(event: str, server: ServerSpec, **ids: object) -> None:
    """Ids only: staff's reason stays out of the process logs."""
    log.info(event, extra={"event": event, "guild_id": server.guild, **ids})
