"""The discord.py TicketPort against the emulator: every Protocol method exists, and the
calls the ticket flows do not exercise (role overwrites, DMs, member checks) behave."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from bot.discord_app.ticket_port import DiscordTicketPort
from bot.domain.ticket_messages import OutgoingMessage
from bot.services.port import PortError, PortErrorKind, TicketPort
from tests.e2e.conftest import StartGuichet
from tests.e2e.tickets_helpers import GUILD, STAFF_ROLE, SUPPORT_PANEL, start_tickets

pytestmark = pytest.mark.e2e


def test_every_protocol_method_is_implemented() -> None:
    wanted = {n for n, _ in inspect.getmembers(TicketPort) if not n.startswith("_")}
    missing = {n for n in wanted if not hasattr(DiscordTicketPort, n)}
    assert not missing


async def test_role_overwrite_dm_and_member_checks(
    start_guichet: StartGuichet, workspace: Path
) -> None:
    g = await start_tickets(start_guichet, workspace)
    assert g.bot is not None
    port: DiscordTicketPort = g.bot.ticket_port
    member = g.member("fr")

    await port.set_role_overwrite(SUPPORT_PANEL, STAFF_ROLE, 1024, 2048)
    overwrite = g.emulator.state.channels[SUPPORT_PANEL].overwrites[STAFF_ROLE]
    assert (overwrite.type, overwrite.allow, overwrite.deny) == (0, 1024, 2048)

    await port.send_dm(member.user_id, OutgoingMessage(content="hello"))
    [dm] = [d for d in g.emulator.state.dm_channels.values() if d.recipient.id == member.user_id]
    assert [m.content for m in g.emulator.state.messages_in(dm.id).values()] == ["hello"]
    g.emulator.close_dms(member.user_id)
    with pytest.raises(PortError) as refused:
        await port.send_dm(member.user_id, OutgoingMessage(content="again"))
    assert refused.value.kind is PortErrorKind.DM_CLOSED

    assert await port.member_exists(GUILD, member.user_id)
    await member.leave_guild()
    assert not await port.member_exists(GUILD, member.user_id)
