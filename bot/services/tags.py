"""Tags: canned replies declared per server in YAML (``tags:``), texts in the server's Fluent
files. ``/ticket tag name:`` posts one in the ticket as the bot, in the ticket opener's
language, pinging nobody; its suggestions speak the staff member's language.
"""

from __future__ import annotations

import logging

from bot.config.specs import ServerSpec, TagSpec
from bot.domain import ticket_messages as tm
from bot.domain.access import Actor
from bot.domain.ticket_messages import OutgoingMessage, Translate
from bot.i18n.ids import message_id
from bot.services.blocks import is_server_staff
from bot.services.port import PortError, TicketPort
from bot.services.staff import StaffService
from bot.services.tickets import Done, Refused

log = logging.getLogger(__name__)

MAX_SUGGESTIONS = 25  # Discord: choices in an autocomplete answer
CHOICE_MAX = 100  # Discord: a choice's name


class TagService:
    def __init__(self, staff: StaffService, port: TicketPort, translate: Translate) -> None:
        self._staff = staff
        self._port = port
        self._translate = translate

    def label(self, server: ServerSpec, tag: TagSpec, locale: str) -> str:
        if tag.label is None:
            return tag.id
        return self._translate(tag.label, locale, server=server.name, server_locale=server.locale)

    def suggestions(
        self, server: ServerSpec, actor: Actor, typed: str, *, locale: str
    ) -> list[tuple[str, str]]:
        """(label in ``locale``, tag id) of the tags whose label or id contains ``typed``;
        nothing for members (the list itself is staff's business)."""
        if not is_server_staff(actor, server):
            return []
        wanted = typed.strip().casefold()
        found = []
        for tag in server.tags:
            label = self.label(server, tag, locale)
            if wanted in label.casefold() or wanted in tag.id.casefold():
                found.append((tm.fit(label, CHOICE_MAX), tag.id))
        return found[:MAX_SUGGESTIONS]

    def find(self, server: ServerSpec, typed: str, locale: str) -> TagSpec | None:
        """The tag picked (its id) or typed (its id or label, any case)."""
        wanted = typed.strip().casefold()
        for tag in server.tags:
            if wanted in (tag.id.casefold(), self.label(server, tag, locale).casefold()):
                return tag
        return None

    async def post(
        self, server: ServerSpec, ticket_id: int, actor: Actor, typed: str, *, locale: str
    ) -> Done | Refused:
        found = await self._staff.staff_ticket(server, ticket_id, actor, locale=locale)
        if isinstance(found, Refused):
            return found
        ticket, _ = found
        tag = self.find(server, typed, locale)
        if tag is None:
            shown = tm.escape_markdown(tm.fit(" ".join(typed.split()), 100))
            text = message_id("tags-unknown")
            reply = tm.reply(self._translate, locale, server, text, name=shown)
            return Refused(reply, "unknown-tag")
        body = self._translate(
            tag.text,
            ticket.locale,  # the opener's language, like every message inside the ticket
            server=server.name,
            server_locale=server.locale,
            member=tm.user_mention(ticket.opener_id),
            staff=tm.user_mention(actor.user_id),
            number=ticket.number,
        )
        # allowed_mentions: nobody, whatever the text says (NO_MENTIONS is the default).
        message = OutgoingMessage(content=tm.fit(body, tm.MAX_CONTENT))
        if ticket.channel_id is None:
            text = message_id("tickets-retry-later")
            return Refused(tm.reply(self._translate, locale, server, text), "no-channel")
        try:
            await self._port.send_message(ticket.channel_id, message)
        except PortError as error:
            log.warning(
                "ticket.tag_failed",
                extra={"guild_id": server.guild, "ticket_id": ticket.id, "kind": error.kind.value},
            )
            text = message_id("staff-channel-failed")
            return Refused(
                tm.reply(self._translate, locale, server, text, number=ticket.number),
                error.kind.value,
            )
        log.info(
            "ticket.tag_posted",
            extra={"guild_id": server.guild, "ticket_id": ticket.id, "tag": tag.id},
        )
        label = tm.escape_markdown(self.label(server, tag, locale))
        text = message_id("tags-posted")
        return Done(
            ticket, tm.reply(self._translate, locale, server, text, tag=label, number=ticket.number)
        )
