"""Issue 16 end to end: tags (canned replies) from servers/example.yaml. Staff find them by
their label in their own language; the text is posted in the ticket as the bot, in the
opener's language, pinging nobody; members may neither list nor post them."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.sandbox.actors import Actor
from bot.sandbox.state import Channel
from tests.e2e.conftest import Guichet, StartGuichet
from tests.e2e.staff_helpers import cast, run
from tests.e2e.tickets_helpers import bot_messages, opened, start_tickets, t

pytestmark = pytest.mark.e2e


def _server_text(g: Guichet, msg_id: str, locale: str, **args: object) -> str:
    return g.runtime.catalog.translate(msg_id, locale, server="example", server_locale="fr", **args)


async def _own_ticket(g: Guichet, member: Actor, locale: str) -> Channel:
    """A ticket the member opens themselves: it speaks their language."""
    options = {"topic": "support:other"}
    return await opened(g, await member.slash("ticket", "open", options=options, locale=locale))


@pytest.mark.parametrize(("opener_locale", "staff_locale"), [("en-US", "fr"), ("fr", "en-US")])
async def test_a_tag_is_posted_in_the_opener_s_language_without_pings(
    start_guichet: StartGuichet, workspace: Path, opener_locale: str, staff_locale: str
) -> None:
    g = await start_tickets(start_guichet, workspace)
    people = cast(g)
    member = g.member(opener_locale)
    channel = await _own_ticket(g, member, opener_locale)

    # Suggestions: the labels in the staff member's language, the ids as values.
    typed = await people.handler.autocomplete(
        "ticket", "tag", option="name", value="", channel=channel, locale=staff_locale
    )
    refund_label = _server_text(g, "tag-refund-label", staff_locale)
    assert await typed.shown_choices() == [refund_label, "screenshots"]
    assert [c["value"] for c in await typed.wait_choices()] == ["refund", "screenshots"]
    narrowed = await people.handler.autocomplete(
        "ticket",
        "tag",
        option="name",
        value=refund_label[:4].upper(),
        channel=channel,
        locale=staff_locale,
    )
    assert await narrowed.shown_choices() == [refund_label]

    before = len(bot_messages(g, channel))
    answer = await run(people.handler, channel, "tag", staff_locale, name="refund")
    assert answer.content == t(g, "tags-posted", staff_locale, tag=refund_label, number=1)
    posted = bot_messages(g, channel)[before:]
    assert len(posted) == 1
    mention = f"<@{member.user_id}>"
    assert posted[0].content == _server_text(
        g, "tag-refund", opener_locale, member=mention, number=1
    )
    assert mention in posted[0].content and not posted[0].mentions  # named, not pinged
    assert not posted[0].ephemeral

    # Typed by its label rather than picked: found too.
    await run(people.handler, channel, "tag", staff_locale, name=refund_label.lower())
    unknown = await run(people.handler, channel, "tag", staff_locale, name="**nope**")
    assert unknown.content == t(g, "tags-unknown", staff_locale, name=r"\*\*nope\*\*")
    assert len(bot_messages(g, channel)) == before + 2


@pytest.mark.parametrize("locale", ["en-US", "fr"])
async def test_members_get_no_suggestions_and_may_not_post_tags(
    start_guichet: StartGuichet, workspace: Path, locale: str
) -> None:
    g = await start_tickets(start_guichet, workspace)
    people = cast(g)
    member = g.member(locale)
    channel = await _own_ticket(g, member, locale)
    typed = await member.autocomplete(
        "ticket", "tag", option="name", value="", channel=channel, locale=locale
    )
    assert await typed.wait_choices() == []
    before = len(bot_messages(g, channel))
    refused = await run(member, channel, "tag", locale, name="refund")
    assert refused.content == t(g, "tickets-staff-only", locale)
    assert len(bot_messages(g, channel)) == before
    outside = await run(people.handler, 777777777777777777, "tag", locale, name="refund")
    assert outside.content == t(g, "tickets-not-a-ticket", locale)
