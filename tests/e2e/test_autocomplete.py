"""Typing in ``/ticket open topic:``: the bot suggests the example server's topics, labelled and
filtered in the member's own language, and never a topic of a disabled system."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.sandbox.actors import Actor, Exchange
from bot.storage import TicketRepository
from tests.e2e.conftest import Guichet, StartGuichet
from tests.e2e.tickets_helpers import SUPPORT_PANEL, opened, start_tickets

pytestmark = pytest.mark.e2e

DISABLE_SUPPORT = ("enabled: true", "enabled: false")  # support's is the file's first
DISABLE_PARTNERS = (
    "transcripts: false\n    enabled: true",
    "transcripts: false\n    enabled: false",
)
LABELS = {
    "support:billing": "topic-billing",
    "support:bug": "topic-bug",
    "support:other": "topic-other",
    "partners:partnership": "topic-partnership",
}
# What a member types, per language, and the topics that should then be suggested: substrings
# of the labels in any case; another language's label matches nothing.
TYPED = {
    "en-US": {"ing": ["support:billing", "support:other"], "REPORT": ["support:bug"]},
    "fr": {"ACTU": ["support:billing"], "un b": ["support:bug"]},
}
FOREIGN = {"en-US": "Facturation", "fr": "Billing"}


def _label(g: Guichet, value: str, locale: str) -> str:
    return g.runtime.catalog.translate(LABELS[value], locale, server="example", server_locale="fr")


def _expected(g: Guichet, values: list[str], locale: str) -> list[dict[str, str]]:
    return [{"name": _label(g, v, locale), "value": v} for v in values]


async def _type(member: Actor, typed: str) -> Exchange:
    return await member.autocomplete(
        "ticket", "open", option="topic", value=typed, channel=SUPPORT_PANEL
    )


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_topics_are_suggested_in_the_members_language_and_filtered(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g = await start_tickets(start_guichet, workspace, DISABLE_PARTNERS)
    member = g.member(locale)

    everything = await _type(member, "")
    support = ["support:billing", "support:bug", "support:other"]  # not the disabled partners
    assert await everything.wait_choices() == _expected(g, support, locale)
    assert await everything.shown_choices() == [_label(g, v, locale) for v in support]

    for typed, values in TYPED[locale].items():
        assert await (await _type(member, typed)).wait_choices() == _expected(g, values, locale)
    assert await (await _type(member, FOREIGN[locale])).wait_choices() == []

    # A suggestion's value is what the command then receives, and it opens that topic.
    typed = _label(g, "support:other", locale).upper()
    [other] = await (await _type(member, typed)).wait_choices()
    ran = await member.slash("ticket", "open", options={"topic": other["value"]})
    ticket = await TicketRepository(g.db).get_by_channel((await opened(g, ran)).id)
    assert ticket is not None
    assert (ticket.system_id, ticket.topic_id) == ("support", "other")


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_a_disabled_system_is_never_suggested(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g = await start_tickets(start_guichet, workspace, DISABLE_SUPPORT)
    member = g.member(locale)

    choices = await (await _type(member, "")).wait_choices()
    assert choices == _expected(g, ["partners:partnership"], locale)
    # Even typing a disabled topic's own label suggests nothing.
    billing = _label(g, "support:billing", locale)
    assert await (await _type(member, billing)).wait_choices() == []
