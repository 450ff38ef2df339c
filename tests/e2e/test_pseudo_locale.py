"""Every word the bot shows comes from Fluent: the bot runs in a pseudo-locale (en-US accented,
bracketed and lengthened, generated here, never shipped) and every text it sends Discord is
read back. Once the bracketed Fluent texts, mentions, timestamps, numbers and what members
typed are taken out, no word may be left: a word left is a text some code wrote itself."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import babel

from bot.domain.custom_ids import Action, encode
from bot.i18n.pseudo import accent, write_pseudo_locale
from bot.resources import BOT_LOCALES
from bot.sandbox.recorder import RecordedRequest
from tests.e2e.conftest import Guichet, StartGuichet
from tests.e2e.staff_helpers import run
from tests.e2e.tickets_helpers import (
    AUTOMATIC,
    BILLING_ANSWERS,
    NO_SUPPORT_COOLDOWN,
    bot_messages,
    edit_server,
    opened,
    pick,
    reply_text,
)

PSEUDO = "de"  # a Discord locale Guichet does not ship: the pseudo-locale stands in for it
REASON = "1234 5678"
TYPED = (*BILLING_ANSWERS.values(), REASON)  # what members typed, shown as they typed it

_FLUENT = re.compile(r"⟦[^⟦⟧]*⟧")  # innermost first: a message may hold another one
_NOT_WORDS = re.compile(
    r"<(@[!&]?|#)\d+>|<t:\d+(:[a-zA-Z])?>|<a?:\w+:\d+>|https?://\S+"  # mentions, times, links
)
_WORD = re.compile(r"[^\W\d_]+")


@cache
def _cldr_words(code: str) -> frozenset[str]:
    """Words of dates Babel formats from CLDR (month and day names): localized, not Fluent."""
    locale = babel.Locale.parse(code, sep="-")
    names = [
        *locale.months["format"]["wide"].values(),
        *locale.months["format"]["abbreviated"].values(),
    ]
    names += [
        *locale.days["format"]["wide"].values(),
        *locale.days["format"]["abbreviated"].values(),
    ]
    return frozenset(w for name in names for w in _WORD.findall(name)) | {"UTC"}


def leftover_words(text: str) -> list[str]:
    text = text.replace("\\", "")  # what members typed arrives markdown-escaped
    for typed in TYPED:
        text = text.replace(typed, "")
    while True:
        stripped = _FLUENT.sub("", text)
        if stripped == text:
            break
        text = stripped
    words = _WORD.findall(_NOT_WORDS.sub("", text))
    return [w for w in words if w not in _cldr_words(PSEUDO)]


def _message_texts(body: dict[str, Any]) -> Iterator[str]:
    """The visible texts of a message, an interaction answer or a modal."""
    yield from (body.get(k) for k in ("content", "title") if isinstance(body.get(k), str))
    for embed in body.get("embeds") or ():
        yield from (embed.get(k) or "" for k in ("title", "description"))
        yield (embed.get("footer") or {}).get("text") or ""
        yield (embed.get("author") or {}).get("name") or ""
        for field in embed.get("fields") or ():
            yield from (field.get("name") or "", field.get("value") or "")
    yield from _component_texts(body.get("components") or ())


def _component_texts(components: Any) -> Iterator[str]:
    for component in components:
        yield from (component.get(k) or "" for k in ("label", "placeholder"))
        for option in component.get("options") or ():
            yield from (option.get("label") or "", option.get("description") or "")
        yield from _component_texts(component.get("components") or ())
        if isinstance(component.get("component"), dict):  # a label wrapping its input
            yield from _component_texts([component["component"]])


def visible_texts(request: RecordedRequest) -> Iterator[str]:
    body = request.body
    if not isinstance(body, dict):
        return
    if request.route.endswith("/callback"):
        yield from _message_texts(body.get("data") or {})
        for choice in (body.get("data") or {}).get("choices") or ():
            yield choice.get("name") or ""
    elif "/messages" in request.route or request.route.startswith("/webhooks/"):
        yield from _message_texts(body)
    elif request.route.endswith("/channels") and body.get("topic"):
        yield body["topic"]


def _pseudo_catalog(workspace: Path, tmp_path: Path) -> Path:
    bot_locales = tmp_path / "bot-locales"
    shutil.copytree(BOT_LOCALES, bot_locales, ignore=shutil.ignore_patterns("servers"))
    write_pseudo_locale(BOT_LOCALES / "en-US", bot_locales / PSEUDO)
    shutil.rmtree(bot_locales / PSEUDO / "servers", ignore_errors=True)
    write_pseudo_locale(workspace / "locales" / "en-US", workspace / "locales" / PSEUDO)
    return bot_locales


async def test_every_text_a_member_or_staff_sees_comes_from_fluent(
    start_guichet: StartGuichet, workspace: Path, tmp_path: Path
) -> None:
    bot_locales = _pseudo_catalog(workspace, tmp_path)
    members: dict[str, Any] = {}

    def add_member(g: Guichet) -> None:
        members["de"] = g.emulator.add_member(g.server().guild.id, "member-de", locale=PSEUDO)

    edit_server(
        workspace,
        AUTOMATIC,
        NO_SUPPORT_COOLDOWN,
        ("locale: fr", f"locale: {PSEUDO}"),  # panels, logs, staff: the pseudo-locale too
    )
    g = await start_guichet(prepare=add_member, bot_locales=bot_locales)
    member = g.actor(members["de"].user.id)
    staff = g.actor(g.server().staff[0].user.id)

    # A ticket with questions, claimed by staff, closed with a reason by its member.
    channel = await opened(g, await pick(g, member, "billing", answers=BILLING_ANSWERS))
    await run(staff, channel, "claim")
    await run(staff, channel, "info")
    first = bot_messages(g, channel)[0]
    prompt = await (await member.click(first, encode(Action.CLOSE, 1))).reply()
    ask = await member.click(prompt, encode(Action.CLOSE_MODAL, 1))
    await reply_text(await member.submit_modal(ask, {"_reason": REASON}))
    # Two more, then one too many; staff list them.
    await opened(g, await pick(g, member, "other"))
    await opened(g, await pick(g, member, "other"))
    await reply_text(await pick(g, member, "other"))
    await run(staff, channel, "list")

    checked, offending = 0, []
    for request in g.emulator.recorder.requests:
        for text in visible_texts(request):
            checked += 1
            words = leftover_words(text)
            if words:
                offending.append(f"{request.method} {request.route}: {words} in {text!r}")
    assert checked > 40, checked
    assert offending == [], "\n".join(offending)

    # The slash commands are localized for the pseudo-locale too (names accented only).
    synced = [
        r
        for r in g.emulator.recorder.requests
        if r.method == "PUT" and r.route.endswith("/commands")
    ]
    (command,) = [c for c in synced[-1].body if c["name"] == "ticket"]
    assert command["name_localizations"][PSEUDO] == accent("ticket")
    assert leftover_words(command["description_localizations"][PSEUDO]) == []


def test_the_check_catches_a_text_written_by_code() -> None:
    assert leftover_words("⟦Ţíçķéţ ñº 1 ƀý <@123456789012345678>⟧ <t:1700000000:R>") == []
    assert leftover_words("⟦Ţíçķéţ⟧ 1. Dezember 2026, 09:32 UTC, FR\\-2024\\-0001") == []
    assert leftover_words("⟦Ţíçķéţ⟧ · closed") == ["closed"]
    assert leftover_words("⟦Óúţéŕ ⟦íññéŕ⟧ ţéxţ⟧ — Claimed") == ["Claimed"]
