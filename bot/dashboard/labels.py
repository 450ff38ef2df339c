"""Status, priority, topic and question names in the viewer's language, for the templates."""

from __future__ import annotations

from dataclasses import dataclass

from bot.config.specs import ServerSpec
from bot.domain.staff_texts import PRIORITY_NAMES, STATUS_NAMES
from bot.domain.tickets import Priority, Ticket, TicketStatus
from bot.web import PageText


@dataclass(frozen=True, slots=True)
class Labels:
    """Status, priority and topic names in the viewer's language, for the templates."""

    text: PageText
    server: ServerSpec

    def status(self, status: TicketStatus | str) -> str:
        return self.text(STATUS_NAMES[TicketStatus(status)], server_locale=self.server.locale)

    def priority(self, priority: Priority | str) -> str:
        return self.text(PRIORITY_NAMES[Priority(priority)], server_locale=self.server.locale)

    def topic(self, system_id: str, topic_id: str) -> str:
        system = self.server.system(system_id)
        topic = system.topic(topic_id) if system is not None else None
        if topic is None:
            return topic_id
        return self.text.catalog.translate(
            topic.label, self.text.locale, server=self.server.name, server_locale=self.server.locale
        )

    def question(self, ticket: Ticket, question_id: str) -> str:
        """A question's label as the member saw it (its id once the configuration lost it)."""
        system = self.server.system(ticket.system_id)
        topic = system.topic(ticket.topic_id) if system is not None else None
        found = next((q for q in topic.questions if q.id == question_id), None) if topic else None
        if found is None:
            return question_id
        return self.text.catalog.translate(
            found.label, self.text.locale, server=self.server.name, server_locale=self.server.locale
        )

    def topics(self) -> list[tuple[str, str]]:
        """(value, label) of every system and topic, for the filter."""
        out = []
        for system in self.server.systems:
            out.append((system.id, system.id))
            out += [(f"{system.id}:{t.id}", self.topic(system.id, t.id)) for t in system.topics]
        return out
