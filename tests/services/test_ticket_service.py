"""TicketService against a real SQLite database and an in-memory fake of the Discord port."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta

import pytest

from bot.config.specs import OnClose, Style
from bot.domain import access, bot_permissions
from bot.domain.access import Actor, TargetType
from bot.domain.custom_ids import Action, encode
from bot.domain.tickets import CreationState, Refusal, TicketStatus
from bot.i18n import Catalog
from bot.services.port import PortErrorKind
from bot.services.tickets import Done, Opened, Prompt, Refused, TicketService
from bot.storage import NewTicket, Owner, ProcessRepository, TicketRepository

from .conftest import (
    CATEGORY,
    GUILD,
    HANDLER_ROLE,
    MEMBER,
    OTHER_MEMBER,
    PARENT_CHANNEL,
    STAFF,
    STAFF_ROLE,
    FakeClock,
    make_server,
)
from .fakes import BOT_ID, FakePort

SERVER = make_server()
OPENER = Actor(MEMBER, name="Zoé Martin")
STAFF_ACTOR = Actor(STAFF, role_ids=frozenset({HANDLER_ROLE}), name="Staff")
ANSWERS = (("order", "FR-2024-0001"), ("details", "It was charged twice"))


async def open_billing(
    service: TicketService,
    *,
    key: str = "interaction-1",
    locale: str = "en-US",
    server=SERVER,
    opener: Actor = OPENER,
    opened_by: Actor | None = None,
):
    return await service.open_ticket(
        server,
        "support",
        "billing",
        opener,
        locale=locale,
        request_key=key,
        reason="Refund please",
        answers=ANSWERS,
        opened_by=opened_by,
    )


async def count_rows(repo: TicketRepository) -> int:
    """Every row, pending ones included (the repository's own counts skip those)."""
    return int(await repo._db.fetch_value("SELECT count(*) FROM tickets"))


# --- opening -----------------------------------------------------------------------------


async def test_open_channel_style_creates_channel_with_overwrites_inline(
    service: TicketService, port: FakePort, repo: TicketRepository
) -> None:
    result = await open_billing(service)

    assert isinstance(result, Opened)
    assert port.methods() == ["create_text_channel", "send_message"]
    guild, name, parent, overwrites, topic = port.calls[0].args
    assert (guild, parent) == (GUILD, CATEGORY)
    assert name == "facturation-1"  # "{topic}-{number}", topic label in the server's locale (fr)
    assert topic == "Ticket #1 · Billing"
    by_target = {o.target_id: o for o in overwrites}
    assert by_target[GUILD].deny == access.VIEW_CHANNEL
    assert by_target[GUILD].target_type is TargetType.ROLE
    assert by_target[MEMBER].allow & access.SEND_MESSAGES
    assert by_target[MEMBER].target_type is TargetType.MEMBER
    assert by_target[HANDLER_ROLE].allow & access.MANAGE_MESSAGES
    assert STAFF_ROLE not in by_target  # the system names its own handlers
    assert by_target[BOT_ID].allow & access.MANAGE_CHANNELS
    assert not by_target[BOT_ID].allow & access.MANAGE_ROLES

    channel_id = result.channel_id
    assert port.calls[1].args[0] == channel_id
    stored = await repo.get(result.ticket.id)
    assert stored is not None
    assert stored.creation is CreationState.ACTIVE
    assert stored.channel_id == channel_id
    assert stored.locale == "en-US"
    assert result.reply.ephemeral
    assert result.reply.content == f"Your ticket is ready: <#{channel_id}>"
    first = port.channels[channel_id].messages[0]
    assert {b.custom_id for b in first.buttons} == {
        encode(Action.CLOSE, stored.id),
        encode(Action.CLAIM, stored.id),
    }


async def test_open_reply_in_french(service: TicketService) -> None:
    result = await open_billing(service, locale="fr")
    assert isinstance(result, Opened)
    assert result.reply.content == f"Votre ticket est prêt\u00a0: <#{result.channel_id}>"


async def test_open_thread_style_invites_opener_and_mentions_handlers(
    service: TicketService, port: FakePort
) -> None:
    result = await service.open_ticket(
        SERVER, "partners", "partnership", OPENER, locale="fr", request_key="k"
    )

    assert isinstance(result, Opened)
    assert port.methods() == ["create_private_thread", "add_thread_member", "send_message"]
    assert port.calls[0].args == (PARENT_CHANNEL, "partner-zoé-martin")
    thread = port.channels[result.channel_id]
    assert thread.thread and MEMBER in thread.members
    first = thread.messages[0]
    # No handlers of its own: the server's staff roles, mentioned silently (mention_handlers off)
    assert first.allowed_mentions.roles == (STAFF_ROLE,)
    assert first.allowed_mentions.users == (MEMBER,)
    assert f"<@&{STAFF_ROLE}>" in (first.content or "")
    assert first.silent


async def test_same_request_key_twice_makes_one_channel(
    service: TicketService, port: FakePort, repo: TicketRepository
) -> None:
    first = await open_billing(service, key="same")
    second = await open_billing(service, key="same")

    assert isinstance(first, Opened)
    assert isinstance(second, Opened)
    assert second.existing and not first.existing
    assert second.channel_id == first.channel_id
    assert len(port.calls_of("create_text_channel")) == 1
    assert await count_rows(repo) == 1


async def test_limit_reached_links_the_open_ticket(
    service: TicketService, port: FakePort, repo: TicketRepository
) -> None:
    first = await open_billing(service, key="a")
    assert isinstance(first, Opened)

    second = await open_billing(service, key="b", locale="fr")

    assert isinstance(second, Refused)
    assert second.reason == Refusal.TOO_MANY_OPEN
    assert f"<#{first.channel_id}>" in (second.reply.content or "")
    assert second.reply.content.startswith("Vous avez déjà un ticket ouvert")
    assert len(port.calls_of("create_text_channel")) == 1
    assert await count_rows(repo) == 1


async def test_cooldown_says_when_with_a_discord_timestamp(
    service: TicketService, clock: FakeClock
) -> None:
    server = make_server(cooldown_seconds=600, max_open_per_member=0)
    first = await open_billing(service, key="a", server=server)
    assert isinstance(first, Opened)
    clock.advance(seconds=100)

    second = await open_billing(service, key="b", server=server)

    assert isinstance(second, Refused)
    assert second.reason == Refusal.COOLDOWN
    expected = int((clock() + timedelta(seconds=500)).timestamp())
    # The member's open ticket is linked...
    assert second.reply.content == (
        f"You've just opened a ticket: <#{first.channel_id}>. "
        f"You can open another one <t:{expected}:R>."
    )
    # ...and once it is closed, only the time is left to say.
    closed = await service.close(server, first.ticket.id, OPENER, locale="en-US", reason="ok")
    assert isinstance(closed, Done)
    third = await open_billing(service, key="c", server=server)
    assert isinstance(third, Refused)
    assert third.reply.content == (
        f"You've just opened a ticket. You can open another one <t:{expected}:R>."
    )


async def test_too_many_also_says_when_a_cooldown_applies(
    service: TicketService, clock: FakeClock
) -> None:
    server = make_server(cooldown_seconds=600, max_open_per_member=1)
    first = await open_billing(service, key="a", server=server)
    assert isinstance(first, Opened)
    clock.advance(seconds=60)

    second = await open_billing(service, key="b", server=server)

    assert isinstance(second, Refused)
    assert second.reason == Refusal.TOO_MANY_OPEN
    expected = int((clock() + timedelta(seconds=540)).timestamp())
    assert second.reply.content == (
        f"You already have an open ticket: <#{first.channel_id}>. "
        f"Close it first; you can open another one <t:{expected}:R>."
    )
    clock.advance(seconds=600)  # the cooldown is over: the plain answer
    third = await open_billing(service, key="c", server=server)
    assert isinstance(third, Refused)
    assert "<t:" not in (third.reply.content or "")


async def test_staff_open_for_a_member_skips_limits_and_speaks_server_locale(
    service: TicketService, port: FakePort
) -> None:
    assert isinstance(await open_billing(service, key="a"), Opened)

    result = await open_billing(service, key="b", opened_by=STAFF_ACTOR)

    assert isinstance(result, Opened)
    assert result.ticket.opened_by_id == STAFF
    assert result.ticket.locale == "fr"  # the server's
    first = port.channels[result.channel_id].messages[0]
    assert f"<@{STAFF}> a ouvert ce ticket pour vous." in (first.embeds[0].description or "")
    assert result.reply.content == f"Ticket <#{result.channel_id}> is open for <@{MEMBER}>."


async def test_member_cannot_open_for_another(service: TicketService, port: FakePort) -> None:
    result = await open_billing(service, opener=Actor(OTHER_MEMBER), opened_by=OPENER)
    assert isinstance(result, Refused)
    assert result.reason == "not-allowed"
    assert port.calls == []


@pytest.mark.parametrize(
    ("system_id", "topic_id", "changes", "reason", "text"),
    [
        ("support", "nope", {}, "unknown-topic", "This topic no longer exists."),
        ("nope", "billing", {}, "unknown-topic", "This topic no longer exists."),
        ("support", "billing", {"enabled": False}, "disabled", "This ticket system is closed"),
    ],
)
async def test_unknown_topic_and_disabled_system(
    service: TicketService,
    port: FakePort,
    system_id: str,
    topic_id: str,
    changes: dict,
    reason: str,
    text: str,
) -> None:
    server = make_server(**changes)
    result = await service.open_ticket(
        server, system_id, topic_id, OPENER, locale="en-US", request_key="k"
    )
    assert isinstance(result, Refused)
    assert result.reason == reason
    assert (result.reply.content or "").startswith(text)
    assert port.calls == []


async def test_missing_bot_permissions_are_named_before_any_write(
    service: TicketService, port: FakePort, repo: TicketRepository
) -> None:
    everything = bot_permissions.NEEDED[Style.CHANNEL][0][1]
    port.held = everything & ~(access.MANAGE_ROLES | access.MANAGE_MESSAGES)
    port.held_in[CATEGORY] = everything & ~access.MANAGE_CHANNELS  # denied in the category
    result = await open_billing(service, locale="fr")

    assert isinstance(result, Refused)
    assert result.reason == "missing-bot-permissions"
    assert (
        "Gérer les messages et Gérer les rôles dans les permissions de serveur de mon rôle et "
        f"Gérer les salons dans la catégorie <#{CATEGORY}>."
    ) in (result.reply.content or "")
    assert port.calls == []
    assert await count_rows(repo) == 0


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        (PortErrorKind.CATEGORY_FULL, "The ticket category is full"),
        (PortErrorKind.GUILD_FULL, "This server has reached Discord's channel limit"),
        (PortErrorKind.SERVER_ERROR, "Discord didn't answer as expected"),
        (PortErrorKind.MISSING_PERMISSIONS, "I'm missing permissions to create tickets here"),
    ],
)
async def test_channel_create_failure_leaves_no_row(
    service: TicketService, port: FakePort, repo: TicketRepository, kind, text
) -> None:
    port.fail("create_text_channel", kind)

    result = await open_billing(service)

    assert isinstance(result, Refused)
    assert (result.reply.content or "").startswith(text)
    assert await count_rows(repo) == 0
    assert port.channels == {}


async def test_first_message_failure_deletes_the_channel_and_the_row(
    service: TicketService, port: FakePort, repo: TicketRepository
) -> None:
    port.fail("send_message", PortErrorKind.MISSING_PERMISSIONS)

    result = await open_billing(service)

    assert isinstance(result, Refused)
    created = port.calls_of("create_text_channel")
    assert len(created) == 1
    channel_ids = [c.args[0] for c in port.calls_of("delete_channel")]
    assert len(channel_ids) == 1
    assert port.channels == {}
    assert await count_rows(repo) == 0
    # The member is free to try again at once.
    assert isinstance(await open_billing(service, key="retry"), Opened)


async def test_thread_invite_failure_deletes_the_thread(
    service: TicketService, port: FakePort, repo: TicketRepository
) -> None:
    port.fail("add_thread_member", PortErrorKind.SERVER_ERROR)
    result = await service.open_ticket(
        SERVER, "partners", "partnership", OPENER, locale="en-US", request_key="k"
    )
    assert isinstance(result, Refused)
    assert result.reason == "server_error"
    assert port.channels == {}
    assert await count_rows(repo) == 0


async def test_refused_name_retries_once_with_the_fallback(
    service: TicketService, port: FakePort
) -> None:
    port.fail("create_text_channel", PortErrorKind.NAME_REFUSED)

    result = await open_billing(service)

    assert isinstance(result, Opened)
    names = [c.args[1] for c in port.calls_of("create_text_channel")]
    assert names == ["facturation-1", "ticket-1"]
    assert port.channels[result.channel_id].name == "ticket-1"


async def test_refused_name_twice_gives_up(service: TicketService, port: FakePort, repo) -> None:
    port.fail("create_text_channel", PortErrorKind.NAME_REFUSED, times=2)
    result = await open_billing(service)
    assert isinstance(result, Refused)
    assert len(port.calls_of("create_text_channel")) == 2
    assert await count_rows(repo) == 0


# --- closing -----------------------------------------------------------------------------


async def _opened(service: TicketService, server=SERVER) -> Opened:
    result = await open_billing(service, server=server)
    assert isinstance(result, Opened)
    return result


async def test_request_close_asks_for_confirmation(service: TicketService) -> None:
    opened = await _opened(service)
    prompt = await service.request_close(SERVER, opened.ticket.id, OPENER, locale="fr")
    assert isinstance(prompt, Prompt)
    assert prompt.reply.ephemeral
    assert prompt.reply.content == "Fermer le ticket nº 1\u00a0?"
    assert [b.custom_id for b in prompt.reply.buttons] == [
        encode(Action.CLOSE_CONFIRM, opened.ticket.id),
        encode(Action.CLOSE_MODAL, opened.ticket.id),
    ]


async def test_close_command_reason_waits_for_confirm_and_is_used_once(
    service: TicketService, repo: TicketRepository, clock: FakeClock
) -> None:
    opened = await _opened(service)
    ticket_id = opened.ticket.id
    prompt = await service.request_close(
        SERVER, ticket_id, OPENER, locale="en-US", reason="  Fixed <@&1> @everyone  "
    )
    assert isinstance(prompt, Prompt)
    assert (await repo.get(ticket_id)).status is TicketStatus.OPEN  # nothing closed yet
    confirm, with_reason = prompt.reply.buttons
    assert with_reason.custom_id == encode(Action.CLOSE_MODAL, ticket_id)
    _, _, ticket_part, held = confirm.custom_id.split(":")
    assert ticket_part == str(ticket_id)
    assert prompt.reply.content == (
        "Close ticket #1 with this reason?\n> Fixed \\<\\@&1\\> \\@everyone"
    )
    # Only the member who asked may use it.
    stolen = await service.confirm_close(
        SERVER, ticket_id, STAFF_ACTOR, locale="en-US", held=int(held)
    )
    assert isinstance(stolen, Refused) and stolen.reason == "prompt-expired"

    done = await service.confirm_close(SERVER, ticket_id, OPENER, locale="en-US", held=int(held))
    assert isinstance(done, Done)
    assert done.ticket.close_reason == "Fixed <@&1> @everyone"


async def test_a_held_close_reason_expires(
    service: TicketService, repo: TicketRepository, clock: FakeClock
) -> None:
    opened = await _opened(service)
    prompt = await service.request_close(
        SERVER, opened.ticket.id, OPENER, locale="fr", reason="done"
    )
    assert isinstance(prompt, Prompt)
    held = int(prompt.reply.buttons[0].custom_id.rsplit(":", 1)[1])
    clock.advance(minutes=16)

    late = await service.confirm_close(SERVER, opened.ticket.id, OPENER, locale="fr", held=held)

    assert isinstance(late, Refused)
    assert late.reply.content == "Cette confirmation a expiré. Veuillez relancer la commande."
    assert (await repo.get(opened.ticket.id)).status is TicketStatus.OPEN


async def test_open_reason_required_only_by_require_open_reason(
    service: TicketService, port: FakePort
) -> None:
    closing_only = make_server(require_reason=True)
    result = await service.open_ticket(
        closing_only, "support", "billing", OPENER, locale="en-US", request_key="a"
    )
    assert isinstance(result, Opened)  # require_reason is about closing
    opening = make_server(require_open_reason=True, max_open_per_member=5)
    for opened_by in (None, STAFF_ACTOR):  # every opening path, staff's too
        refused = await service.open_ticket(
            opening,
            "support",
            "billing",
            OPENER,
            locale="fr",
            request_key=f"b-{opened_by}",
            reason="   ",
            opened_by=opened_by,
        )
        assert isinstance(refused, Refused) and refused.reason == "reason-required"
        assert refused.reply.content == "Indiquez un motif pour ouvrir un ticket."
    assert len(port.calls_of("create_text_channel")) == 1


@pytest.mark.parametrize(
    ("kind", "problem"),
    [
        (PortErrorKind.CATEGORY_FULL, "category_full"),
        (PortErrorKind.GUILD_FULL, "guild_full"),
        (PortErrorKind.SERVER_ERROR, "server_error"),
        (PortErrorKind.MISSING_PERMISSIONS, "missing-permissions"),
    ],
)
async def test_an_opening_discord_refuses_carries_a_line_for_staff(
    service: TicketService, port: FakePort, kind: PortErrorKind, problem: str
) -> None:
    port.fail("create_text_channel", kind)
    result = await open_billing(service)
    assert isinstance(result, Refused)
    assert result.staff_log is not None
    assert result.staff_log.problem == problem
    assert (result.staff_log.member_id, result.staff_log.topic_id) == (MEMBER, "billing")


async def test_member_limits_carry_no_line_for_staff(service: TicketService) -> None:
    await _opened(service)
    refused = await open_billing(service, key="again")
    assert isinstance(refused, Refused) and refused.staff_log is None


async def test_other_member_cannot_close(service: TicketService, port: FakePort) -> None:
    opened = await _opened(service)
    result = await service.close(SERVER, opened.ticket.id, Actor(OTHER_MEMBER), locale="en-US")
    assert isinstance(result, Refused)
    assert result.reason == "not-allowed"
    prompt = await service.request_close(SERVER, opened.ticket.id, Actor(OTHER_MEMBER), locale="fr")
    assert isinstance(prompt, Refused)


async def test_close_keep_locks_the_opener_and_posts_reopen_delete(
    service: TicketService, port: FakePort, repo: TicketRepository
) -> None:
    opened = await _opened(service)
    port.calls.clear()

    result = await service.close(
        SERVER, opened.ticket.id, OPENER, locale="en-US", reason="  solved  "
    )

    assert isinstance(result, Done)
    assert result.complete
    assert result.reply.content == "Ticket #1 is closed."
    assert port.methods() == ["set_member_overwrite", "send_message"]
    allow, deny = port.channels[opened.channel_id].overwrites[MEMBER]
    assert allow & access.VIEW_CHANNEL
    assert deny & access.SEND_MESSAGES
    notice = port.channels[opened.channel_id].messages[-1]
    assert [b.custom_id for b in notice.buttons] == [
        encode(Action.REOPEN, opened.ticket.id),
        encode(Action.DELETE, opened.ticket.id),
    ]
    assert notice.embeds[0].fields[0].value == "> solved"
    stored = await repo.get(opened.ticket.id)
    assert stored is not None
    assert stored.status is TicketStatus.CLOSED
    assert stored.close_reason == "solved"
    assert await repo.count_open(GUILD, "support", MEMBER) == 0
    again = await service.close(SERVER, opened.ticket.id, OPENER, locale="en-US")
    assert isinstance(again, Refused)
    assert again.reason == Refusal.CLOSED


async def test_close_requires_a_reason_when_the_system_does(service: TicketService) -> None:
    server = make_server(require_reason=True)
    opened = await _opened(service, server)
    result = await service.close(server, opened.ticket.id, OPENER, locale="en-US", reason=" ")
    assert isinstance(result, Refused)
    assert result.reason == "reason-required"
    prompt = await service.request_close(server, opened.ticket.id, OPENER, locale="en-US")
    assert isinstance(prompt, Prompt)
    assert [b.custom_id for b in prompt.reply.buttons] == [
        encode(Action.CLOSE_MODAL, opened.ticket.id)
    ]


async def test_close_delete_deletes_the_channel(
    service: TicketService, port: FakePort, repo: TicketRepository
) -> None:
    server = make_server(on_close=OnClose.DELETE)
    opened = await _opened(service, server)

    result = await service.close(server, opened.ticket.id, OPENER, locale="en-US")

    assert isinstance(result, Done)
    assert opened.channel_id not in port.channels
    assert result.ticket.is_deleted
    assert result.ticket.status is TicketStatus.CLOSED


@pytest.mark.parametrize(("closer", "deleted"), [(OPENER, False), (STAFF_ACTOR, True)])
async def test_close_delete_if_admin(
    service: TicketService, port: FakePort, closer: Actor, deleted: bool
) -> None:
    server = make_server(on_close=OnClose.DELETE_IF_ADMIN)
    opened = await _opened(service, server)

    result = await service.close(server, opened.ticket.id, closer, locale="en-US")

    assert isinstance(result, Done)
    assert result.ticket.is_deleted is deleted
    assert (opened.channel_id in port.channels) is not deleted


async def test_close_thread_posts_then_archives_locked(
    service: TicketService, port: FakePort
) -> None:
    opened = await service.open_ticket(
        SERVER, "partners", "partnership", OPENER, locale="en-US", request_key="k"
    )
    assert isinstance(opened, Opened)
    port.calls.clear()

    result = await service.close(SERVER, opened.ticket.id, OPENER, locale="en-US")

    assert isinstance(result, Done)
    assert result.complete
    assert port.methods() == ["send_message", "archive_thread"]
    assert port.calls[1].kwargs == {"locked": True}
    assert port.channels[opened.channel_id].locked


async def test_close_reports_an_incomplete_lock(service: TicketService, port: FakePort) -> None:
    opened = await _opened(service)
    port.fail("set_member_overwrite", PortErrorKind.MISSING_PERMISSIONS)
    result = await service.close(SERVER, opened.ticket.id, OPENER, locale="en-US")
    assert isinstance(result, Done)
    assert not result.complete
    assert result.ticket.status is TicketStatus.CLOSED
    assert "couldn't update its channel" in (result.reply.content or "")


# --- reopening and deleting --------------------------------------------------------------


async def test_reopen_is_staff_only_and_restores_the_opener(
    service: TicketService, port: FakePort, repo: TicketRepository
) -> None:
    opened = await _opened(service)
    await service.close(SERVER, opened.ticket.id, OPENER, locale="en-US")

    refused = await service.reopen(SERVER, opened.ticket.id, OPENER, locale="en-US")
    assert isinstance(refused, Refused)
    assert refused.reason == "not-allowed"

    result = await service.reopen(SERVER, opened.ticket.id, STAFF_ACTOR, locale="fr")
    assert isinstance(result, Done)
    assert result.reply.content == "Le ticket nº 1 est rouvert."
    assert result.ticket.status is TicketStatus.OPEN
    assert port.channels[opened.channel_id].overwrites[MEMBER] == (access.OPENER_ALLOW, 0)
    notice = port.channels[opened.channel_id].messages[-1]
    assert notice.embeds[0].title == "Ticket #1 reopened"  # the ticket's locale

    again = await service.reopen(SERVER, opened.ticket.id, STAFF_ACTOR, locale="en-US")
    assert isinstance(again, Refused)
    assert again.reason == Refusal.NOT_CLOSED


async def test_reopen_thread_unarchives(service: TicketService, port: FakePort) -> None:
    opened = await service.open_ticket(
        SERVER, "partners", "partnership", OPENER, locale="en-US", request_key="k"
    )
    assert isinstance(opened, Opened)
    await service.close(SERVER, opened.ticket.id, OPENER, locale="en-US")
    staff = Actor(STAFF, role_ids=frozenset({STAFF_ROLE}))

    result = await service.reopen(SERVER, opened.ticket.id, staff, locale="en-US")

    assert isinstance(result, Done)
    assert result.complete
    assert not port.channels[opened.channel_id].archived
    assert port.methods()[-2:] == ["unarchive_thread", "send_message"]


async def test_delete_is_staff_only(
    service: TicketService, port: FakePort, repo: TicketRepository
) -> None:
    opened = await _opened(service)

    refused = await service.delete(SERVER, opened.ticket.id, OPENER, locale="en-US")
    assert isinstance(refused, Refused)
    assert opened.channel_id in port.channels

    result = await service.delete(SERVER, opened.ticket.id, STAFF_ACTOR, locale="en-US")
    assert isinstance(result, Done)
    assert opened.channel_id not in port.channels
    stored = await repo.get(opened.ticket.id)
    assert stored is not None
    assert stored.is_deleted
    assert stored.status is TicketStatus.CLOSED
    twice = await service.delete(SERVER, opened.ticket.id, STAFF_ACTOR, locale="en-US")
    assert isinstance(twice, Refused)


async def test_delete_of_an_already_gone_channel_still_marks_deleted(
    service: TicketService, port: FakePort
) -> None:
    opened = await _opened(service)
    port.fail("delete_channel", PortErrorKind.UNKNOWN_CHANNEL)
    result = await service.delete(SERVER, opened.ticket.id, STAFF_ACTOR, locale="en-US")
    assert isinstance(result, Done)
    assert result.ticket.is_deleted


async def test_delete_failure_keeps_the_ticket(service: TicketService, port: FakePort) -> None:
    opened = await _opened(service)
    port.fail("delete_channel", PortErrorKind.MISSING_PERMISSIONS)
    result = await service.delete(SERVER, opened.ticket.id, STAFF_ACTOR, locale="en-US")
    assert isinstance(result, Done)
    assert not result.complete
    assert not result.ticket.is_deleted


async def test_channel_deleted_by_hand_frees_the_member(
    service: TicketService, repo: TicketRepository
) -> None:
    opened = await _opened(service)
    assert isinstance(await open_billing(service, key="second"), Refused)

    ticket = await service.on_channel_deleted(opened.channel_id)

    assert ticket is not None
    assert ticket.is_deleted
    # Closed first, by nobody known: its history says when it ended.
    assert ticket.status is TicketStatus.CLOSED
    assert ticket.closed_at is not None and ticket.closed_by is None
    kinds = [e.kind.value for e in await repo.list_events(ticket.id)]
    assert kinds[-2:] == ["closed", "deleted"]
    assert await service.on_channel_deleted(opened.channel_id) is None
    assert await service.on_channel_deleted(42) is None
    assert isinstance(await open_billing(service, key="third"), Opened)


async def test_unknown_ticket_and_other_guild(service: TicketService) -> None:
    result = await service.close(SERVER, 12345, OPENER, locale="en-US")
    assert isinstance(result, Refused)
    assert result.reason == Refusal.NOT_FOUND
    opened = await _opened(service)
    other_guild = replace(make_server(), guild=1)
    result = await service.close(other_guild, opened.ticket.id, OPENER, locale="en-US")
    assert isinstance(result, Refused)
    assert result.reason == Refusal.NOT_FOUND


# --- recovery ----------------------------------------------------------------------------


async def test_recovery_drops_openings_of_gone_processes_however_recent(
    service: TicketService, repo: TicketRepository, clock: FakeClock
) -> None:
    """Owner and epoch, not age: the previous start's opening goes at once, a live
    process's stays until its heartbeat stops."""
    processes = ProcessRepository(repo.db)
    before = await processes.start("main")
    other = await processes.start("shard-1")

    def new(key: str, owner: Owner) -> NewTicket:
        return NewTicket(
            GUILD, "support", "billing", OTHER_MEMBER, Style.CHANNEL, "fr", key, owner=owner
        )

    left = (await repo.reserve(new("left", before))).ticket
    live = (await repo.reserve(new("live", other))).ticket
    active = await _opened(service)
    service.owner = await processes.start("main")  # this process restarts a second later
    clock.advance(seconds=1)

    assert await service.recover_abandoned() == 1
    assert await repo.get(left.id) is None
    assert await repo.get(live.id) is not None  # shard-1 is alive: its opening is its own
    assert await repo.get(active.ticket.id) is not None

    clock.advance(minutes=2)  # shard-1's heartbeat stopped
    assert await service.recover_abandoned() == 1
    assert await repo.get(live.id) is None


async def test_a_request_still_being_created_is_not_created_twice(
    service: TicketService, repo: TicketRepository, port: FakePort
) -> None:
    new = NewTicket(GUILD, "support", "billing", MEMBER, Style.CHANNEL, "en-US", "dup")
    await repo.reserve(new)  # the first delivery, still creating its channel

    result = await open_billing(service, key="dup")

    assert isinstance(result, Refused)
    assert result.reason == "in-progress"
    assert port.calls == []


# --- logging -----------------------------------------------------------------------------


async def test_logs_carry_ids_not_member_text(
    service: TicketService, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO", logger="bot.services.tickets")
    opened = await _opened(service)
    records = [r for r in caplog.records if getattr(r, "event", None) == "ticket.opened"]
    assert len(records) == 1
    assert records[0].ticket_id == opened.ticket.id
    text = " ".join(f"{r.getMessage()} {vars(r)}" for r in caplog.records)
    assert "Refund please" not in text
    assert "FR-2024-0001" not in text
    assert not re.search(r"Zo[ée]", text)


def test_catalog_fixture_is_strict(catalog: Catalog) -> None:
    assert catalog.strict


async def test_a_category_discord_finds_full_passes_the_channel_to_the_next(
    service: TicketService, port: FakePort
) -> None:
    """The cache said there was room, Discord said the category was full (issue 16): the
    next overflow category is asked, once, and the opening goes through."""
    overflow = 555555555555555556
    server = make_server(overflow_categories=(overflow,))
    port.fail("create_text_channel", PortErrorKind.CATEGORY_FULL)

    result = await open_billing(service, server=server)

    assert isinstance(result, Opened)
    asked = [c.args[2] for c in port.calls_of("create_text_channel")]
    assert asked == [CATEGORY, overflow]
    assert port.channels[result.channel_id].parent_id == overflow
