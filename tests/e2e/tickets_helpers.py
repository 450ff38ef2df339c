"""Shared steps of the ticket end-to-end tests: configure the example server, open tickets the
way members do (select, button, modal, slash command) and read back what Discord holds."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable, Mapping
from pathlib import Path
from typing import Any

from bot.domain.custom_ids import Action, encode
from bot.sandbox.actors import Actor, Exchange
from bot.sandbox.state import Channel, Message
from tests.e2e.conftest import Guichet, StartGuichet

GUILD = 123456789012345678
STAFF_ROLE = 222222222222222222
HANDLER_ROLE = 888888888888888888
CATEGORY = 555555555555555555
THREAD_PARENT = 999999999999999999
SUPPORT_PANEL = 777777777777777777
PARTNERS_PANEL = 121212121212121212
PICK_SUPPORT = encode(Action.PICK, "support")
OPEN_PARTNERSHIP = encode(Action.OPEN, "partners", "partnership")
BILLING_ANSWERS = {"order": "FR-2024-0001", "details": "Charged twice"}

_CHANNEL_MENTION = re.compile(r"<#(\d+)>")


def edit_server(workspace: Path, *replacements: tuple[str, str]) -> None:
    path = workspace / "servers" / "example.yaml"
    text = path.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, f"{old!r} not in example.yaml"
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")


# The example as shipped routes support requests through manual approval (another feature)
# and has long cooldowns; most tests open tickets directly and more than once.
AUTOMATIC = ("approval: manual", "approval: automatic")
NO_SUPPORT_COOLDOWN = ("cooldown: 1h30m", "cooldown: 0s")
NO_PARTNERS_COOLDOWN = ("cooldown: 2d", "cooldown: 0s")


async def start_tickets(
    start_guichet: StartGuichet,
    workspace: Path,
    *replacements: tuple[str, str],
    defaults: bool = True,
    prepare: Callable[[Guichet], Any] | None = None,
    **start: Any,
) -> Guichet:
    """``start``: more of ``start_guichet``'s options (``clock=``)."""
    chosen = (AUTOMATIC, NO_SUPPORT_COOLDOWN, NO_PARTNERS_COOLDOWN) if defaults else ()
    edit_server(workspace, *chosen, *replacements)
    return await start_guichet(prepare=prepare, **start)


def panel(g: Guichet, channel_id: int) -> Message:
    [message] = g.emulator.sent_by_bot(channel_id)
    return message


async def pick(
    g: Guichet,
    member: Actor,
    topic: str = "billing",
    answers: Mapping[str, str] | None = None,
) -> Exchange:
    """Choose ``topic`` in the support select panel, answering its modal if one opens."""
    exchange = await member.select(panel(g, SUPPORT_PANEL), PICK_SUPPORT, [topic])
    if answers is not None:
        return await member.submit_modal(exchange, answers)
    return exchange


async def click_partnership(g: Guichet, member: Actor) -> Exchange:
    return await member.click(panel(g, PARTNERS_PANEL), OPEN_PARTNERSHIP)


# Deadlines in these helpers are for a machine running the whole suite on every core: they only
# bound how long a failing test waits, so they are generous.
async def reply_text(exchange: Exchange, timeout: float = 10.0) -> str:  # noqa: ASYNC109
    message = await exchange.reply(timeout=timeout)
    return message.content


async def opened(g: Guichet, exchange: Exchange) -> Channel:
    """The ticket channel (or thread) the ephemeral answer links to."""
    text = await reply_text(exchange)
    found = _CHANNEL_MENTION.search(text)
    assert found, f"no channel link in {text!r}"
    return g.emulator.state.channels[int(found.group(1))]


def bot_messages(g: Guichet, channel: Channel | int) -> list[Message]:
    channel_id = channel.id if isinstance(channel, Channel) else channel
    return sorted(g.emulator.sent_by_bot(channel_id), key=lambda m: m.id)


def buttons(message: Message) -> list[dict[str, Any]]:
    return [c for row in message.components for c in row.get("components", [])]


def ticket_channels(g: Guichet) -> list[Channel]:
    """Every ticket channel in the support category and thread under the partners channel."""
    return [
        c
        for c in g.emulator.state.channels.values()
        if c.parent_id in (CATEGORY, THREAD_PARENT) and c.guild_id == GUILD
    ]


def t(g: Guichet, msg_id: str, locale: str, **args: Any) -> str:
    """A bot text as the catalog renders it (tests compare whole, localized answers)."""
    return g.runtime.catalog.translate(msg_id, locale, server_locale="fr", **args)


async def eventually(check: Callable[[], Awaitable[Any]], timeout: float = 10.0) -> Any:  # noqa: ASYNC109
    """Poll an async ``check`` (a database read) until it returns something truthy."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not (result := await check()):
        if loop.time() > deadline:
            raise TimeoutError("condition not met")
        await asyncio.sleep(0.01)
    return result


async def deleted_ticket(g: Guichet, channel: Channel) -> Any:
    """The ticket of ``channel`` once the bot has recorded it deleted."""
    from bot.storage import TicketRepository

    repo = TicketRepository(g.db)

    async def check() -> Any:
        ticket = await repo.get_by_channel(channel.id)
        return ticket if ticket is not None and ticket.is_deleted else None

    return await eventually(check)


CLOSE_CONFIRM_PREFIX = "guichet:close-confirm:"


async def ask_close(
    actor: Actor, channel: Channel | int, reason: str | None = None, *, locale: str | None = None
) -> Message:
    """``/ticket close [reason]``: the ephemeral confirmation prompt it answers with."""
    options = {"reason": reason} if reason is not None else {}
    asked = await actor.slash("ticket", "close", options=options, channel=channel, locale=locale)
    return await asked.reply()


def confirm_id(prompt: Message) -> str:
    [found] = [
        b["custom_id"] for b in buttons(prompt) if b["custom_id"].startswith(CLOSE_CONFIRM_PREFIX)
    ]
    return found


async def close_by_command(
    actor: Actor, channel: Channel | int, reason: str | None = None, *, locale: str | None = None
) -> Exchange:
    """``/ticket close [reason]`` then Confirm in its prompt; the Confirm click's exchange."""
    prompt = await ask_close(actor, channel, reason, locale=locale)
    return await actor.click(prompt, confirm_id(prompt), locale=locale)


async def outcome(g: Guichet, exchange: Exchange) -> str:
    """What a Confirm click ended with: the prompt it sat on, edited (buttons gone)."""
    prompt = g.emulator.state.find_message(
        exchange.interaction.channel_id, exchange.interaction.message_id or 0
    )
    assert prompt is not None
    await g.emulator.wait_for(lambda: not prompt.components, timeout=10)
    return prompt.content
