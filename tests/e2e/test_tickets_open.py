"""Issue 5 end to end: members open tickets from panels, modals and slash commands, in en-US
and fr, and Discord ends up holding the right channel, overwrites and first message."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.domain.custom_ids import Action, encode
from bot.sandbox.permissions import Perm, has
from bot.sandbox.state import ChannelType
from bot.storage import TicketRepository
from tests.e2e.conftest import StartGuichet
from tests.e2e.staff_helpers import LOG_CHANNEL, logged
from tests.e2e.tickets_helpers import (
    AUTOMATIC,
    BILLING_ANSWERS,
    CATEGORY,
    GUILD,
    HANDLER_ROLE,
    STAFF_ROLE,
    THREAD_PARENT,
    bot_messages,
    buttons,
    click_partnership,
    close_by_command,
    opened,
    outcome,
    pick,
    reply_text,
    start_tickets,
    t,
    ticket_channels,
)

pytestmark = pytest.mark.e2e

MESSAGES = "/channels/{channel_id}/messages"


@pytest.mark.parametrize(
    ("locale", "title", "order_label", "close_label"),
    [
        ("en-US", "Ticket #1 · Billing", "Order number", "Close"),
        ("fr", "Ticket nº 1 · Facturation", "Numéro de commande", "Fermer"),
    ],
)
async def test_select_panel_with_questions_opens_a_private_channel(
    start_guichet: StartGuichet,
    workspace: Path,
    locale: str,
    title: str,
    order_label: str,
    close_label: str,
) -> None:
    g = await start_tickets(start_guichet, workspace)
    member = g.member(locale)

    exchange = await pick(g, member, "billing")
    modal = await exchange.wait_modal()
    # The questions, in the member's language, with the configured limits.
    inputs = [
        c for row in modal["components"] for c in row.get("components", [row.get("component")])
    ]
    by_id = {c["custom_id"]: c for c in inputs if c}
    assert set(by_id) == {"order", "details"}
    assert by_id["order"]["label"] == order_label
    assert by_id["order"]["min_length"] == 5 and by_id["order"]["max_length"] == 20
    assert by_id["order"]["required"] is True
    assert by_id["details"]["style"] == 2 and by_id["details"]["required"] is False

    submitted = await member.submit_modal(exchange, BILLING_ANSWERS)
    channel = await opened(g, submitted)

    reply = await submitted.reply()
    assert reply.ephemeral and reply.visible_to == member.user_id
    assert reply.content == t(g, "tickets-created", locale, channel=f"<#{channel.id}>")
    assert channel.parent_id == CATEGORY and channel.type == ChannelType.GUILD_TEXT
    assert channel.name == "facturation-1"  # channel names follow the server's locale (fr)
    [first] = bot_messages(g, channel)
    embed = first.embeds[0]
    assert embed["title"] == title
    fields = {f["name"]: f["value"] for f in embed["fields"]}
    assert fields[order_label] == "> FR\\-2024\\-0001"
    assert [b["label"] for b in buttons(first)] == [
        close_label,
        t(g, "tickets-button-claim", locale),
    ]
    assert [b["custom_id"] for b in buttons(first)] == [
        encode(Action.CLOSE, 1),
        encode(Action.CLAIM, 1),
    ]
    assert first.mentions == [member.user_id]
    assert set(first.mention_roles) == {STAFF_ROLE, HANDLER_ROLE}

    [ticket] = await TicketRepository(g.db).find(GUILD)
    assert ticket.channel_id == channel.id and ticket.locale == locale
    assert ticket.answers == (("order", "FR-2024-0001"), ("details", "Charged twice"))


async def test_ticket_channel_overwrites_decide_who_sees_it(
    start_guichet: StartGuichet, workspace: Path
) -> None:
    g = await start_tickets(start_guichet, workspace)
    member, other = g.member("en-US"), g.member("fr")
    channel = await opened(g, await pick(g, member, "other"))  # no questions: no modal

    assert member.can_send(channel)
    assert not other.can_view(channel)
    for staff in g.server().staff:  # both handler roles of the support system
        assert g.actor(staff.user.id).can_send(channel)
    bot_id = g.emulator.state.bot_user.id
    assert has(g.emulator.state.permissions_in(channel, bot_id), Perm.MANAGE_CHANNELS)
    everyone = channel.overwrites[GUILD]
    assert everyone.deny & Perm.VIEW_CHANNEL
    # One request made the channel with its overwrites: never visible to everyone.
    creates = g.emulator.recorder.filter(method="POST", route="/guilds/{guild_id}/channels")
    assert len(creates) == 1
    assert len(creates[0].body["permission_overwrites"]) == 5


@pytest.mark.parametrize(
    ("locale", "title", "labels"),
    [
        ("en-US", "Ticket #1 · Partnership", ["Close", "Claim"]),
        ("fr", "Ticket nº 1 · Partenariat", ["Fermer", "Prendre en charge"]),
    ],
)
async def test_button_panel_opens_a_private_thread_with_the_opener(
    start_guichet: StartGuichet, workspace: Path, locale: str, title: str, labels: list[str]
) -> None:
    g = await start_tickets(start_guichet, workspace)
    member = g.member(locale)
    other = g.member("en-US" if locale == "fr" else "fr")

    exchange = await click_partnership(g, member)
    thread = await opened(g, exchange)

    assert thread.type == ChannelType.PRIVATE_THREAD
    assert thread.parent_id == THREAD_PARENT
    assert not thread.invitable
    assert member.user_id in thread.thread_members
    assert member.can_view(thread)
    assert not other.can_view(thread)
    [first] = bot_messages(g, thread)
    assert first.embeds[0]["title"] == title
    assert first.content.startswith(t(g, "tickets-welcome-content", locale, opener="")[:7])
    assert [b["label"] for b in buttons(first)] == labels
    assert await reply_text(exchange) == t(g, "tickets-created", locale, channel=f"<#{thread.id}>")


@pytest.mark.parametrize(
    ("locale", "reason_label", "title"),
    [
        ("en-US", "Reason", "Ticket #1 · Something else"),
        ("fr", "Motif", "Ticket nº 1 · Autre chose"),
    ],
)
async def test_slash_open_with_topic_and_reason(
    start_guichet: StartGuichet, workspace: Path, locale: str, reason_label: str, title: str
) -> None:
    g = await start_tickets(start_guichet, workspace)
    member = g.member(locale)

    # Subcommand and option names are the stable English ones (the emulator's actor resolves
    # them as Discord does; the member's client shows "ouvrir", "sujet", "motif").
    exchange = await member.slash(
        "ticket", "open", options={"topic": "support:other", "reason": "Ma commande"}
    )
    channel = await opened(g, exchange)

    [first] = bot_messages(g, channel)
    fields = {f["name"]: f["value"] for f in first.embeds[0]["fields"]}
    assert fields[reason_label] == "> Ma commande"
    assert first.embeds[0]["title"] == title


async def test_slash_open_with_questions_asks_them_and_keeps_the_reason(
    start_guichet: StartGuichet, workspace: Path
) -> None:
    g = await start_tickets(start_guichet, workspace)
    member = g.member("en-US")

    exchange = await member.slash(
        "ticket", "open", options={"topic": "support:billing", "reason": "Refund"}
    )
    modal = await exchange.wait_modal()
    assert modal["custom_id"] == encode(Action.OPEN_MODAL, "support", "billing")
    submitted = await member.submit_modal(exchange, {"_reason": "Refund", **BILLING_ANSWERS})
    channel = await opened(g, submitted)

    fields = {f["name"]: f["value"] for f in bot_messages(g, channel)[0].embeds[0]["fields"]}
    assert fields["Reason"] == "> Refund"
    assert fields["Order number"] == "> FR\\-2024\\-0001"


async def test_require_reason_is_about_closing_not_opening(
    start_guichet: StartGuichet, workspace: Path
) -> None:
    g = await start_tickets(start_guichet, workspace)  # support: require_reason: true
    exchange = await g.member("fr").slash("ticket", "open", options={"topic": "support:other"})
    assert await opened(g, exchange)


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_require_open_reason_on_every_opening_path(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g = await start_tickets(
        start_guichet,
        workspace,
        ("require_open_reason: false", "require_open_reason: true"),
        ("max_open_per_member: 2", "max_open_per_member: 5"),
    )
    member = g.member(locale)
    reason_required = t(g, "tickets-open-reason-required", locale)

    # /ticket open without a reason: refused.
    refused = await member.slash("ticket", "open", options={"topic": "support:other"})
    assert await reply_text(refused) == reason_required
    # /ticket create (staff) without a reason: refused too.
    staff = g.actor(g.server().staff[0].user.id)
    created = await staff.slash(
        "ticket",
        "create",
        options={"member": member.user_id, "topic": "support:other"},
        locale=locale,
    )
    assert await reply_text(created) == reason_required
    assert ticket_channels(g) == []

    # The panel asks it in its dialog, required, even for a topic without questions.
    exchange = await pick(g, member, "other")
    modal = await exchange.wait_modal()
    [field] = [
        c for row in modal["components"] for c in row.get("components", [row.get("component")]) if c
    ]
    assert field["custom_id"] == "_reason" and field["required"] is True
    assert field["label"] == t(g, "tickets-field-reason", locale)
    channel = await opened(g, await member.submit_modal(exchange, {"_reason": "Help"}))
    fields = {f["name"]: f["value"] for f in bot_messages(g, channel)[0].embeds[0]["fields"]}
    assert fields[t(g, "tickets-field-reason", locale)] == "> Help"


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_staff_create_opens_a_ticket_for_a_member(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g = await start_tickets(start_guichet, workspace)
    member = g.member("en-US" if locale == "fr" else "fr")
    staff = g.actor(g.server().staff[0].user.id)

    exchange = await staff.slash(
        "ticket",
        "create",
        options={"member": member.user_id, "topic": "support:billing", "reason": "Phone call"},
        locale=locale,
    )
    channel = await opened(g, exchange)

    assert await reply_text(exchange) == t(
        g,
        "tickets-created-for",
        locale,
        channel=f"<#{channel.id}>",
        member=f"<@{member.user_id}>",
    )
    assert member.can_send(channel)
    [first] = bot_messages(g, channel)
    # Opened by staff: the ticket speaks the server's language and says who opened it.
    assert f"<@{staff.user_id}>" in first.embeds[0]["description"]
    [ticket] = await TicketRepository(g.db).find(GUILD)
    assert (ticket.opener_id, ticket.opened_by_id) == (member.user_id, staff.user_id)


async def test_user_text_pings_nobody(start_guichet: StartGuichet, workspace: Path) -> None:
    """Mentions a member types reach Discord as message *content* (the close reason in the
    log line) and still ping nobody: escaped, and ``allowed_mentions`` parses nothing."""
    g = await start_tickets(start_guichet, workspace)
    member, other = g.member("en-US"), g.member("fr")
    sneaky = f"@everyone look <@{other.user_id}> <@&{STAFF_ROLE}>"
    channel = await opened(g, await pick(g, member, "other"))
    mark = g.emulator.recorder.mark()

    await outcome(g, await close_by_command(member, channel, sneaky))
    await logged(g)  # log lines follow the answer

    [line] = [m for m in bot_messages(g, LOG_CHANNEL) if "🔒" in m.content]
    assert "\\@everyone" in line.content and str(other.user_id) in line.content  # escaped
    assert str(STAFF_ROLE) in line.content
    assert line.mention_everyone is False
    assert line.mentions == [] and line.mention_roles == []
    [request] = [
        r
        for r in g.emulator.recorder.filter(method="POST", route=MESSAGES, since=mark)
        if r.path == f"/channels/{LOG_CHANNEL}/messages" and "🔒" in r.body["content"]
    ]
    assert request.body["allowed_mentions"]["parse"] == []
    # The close notice in the ticket quotes the reason in an embed, pinging nobody either.
    notice = bot_messages(g, channel)[-1]
    assert notice.mention_everyone is False and notice.mentions == []
    assert notice.mention_roles == []


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_max_open_per_member(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g = await start_tickets(start_guichet, workspace)  # support: at most 2 open
    member = g.member(locale)
    first = await opened(g, await pick(g, member, "other"))
    await opened(g, await pick(g, member, "other"))

    refused = await reply_text(await pick(g, member, "other"))

    latest = max(c.id for c in ticket_channels(g))
    assert refused == t(g, "tickets-too-many", locale, max=2, channel=f"<#{latest}>")
    assert len(ticket_channels(g)) == 2
    assert first.id != latest


@pytest.mark.parametrize(("locale", "start"), [("en-US", "You've just"), ("fr", "Vous venez")])
async def test_cooldown(
    start_guichet: StartGuichet, workspace: Path, locale: str, start: str
) -> None:
    # The support system keeps its 1h30 cooldown here; a higher limit rules the limit out.
    g = await start_tickets(
        start_guichet,
        workspace,
        AUTOMATIC,
        ("max_open_per_member: 2", "max_open_per_member: 5"),
        defaults=False,
    )
    member = g.member(locale)
    await opened(g, await pick(g, member, "other"))

    refused = await reply_text(await pick(g, member, "other"))

    assert refused.startswith(start)
    assert "<t:" in refused  # a Discord timestamp each client shows in its own language
    assert len(ticket_channels(g)) == 1
