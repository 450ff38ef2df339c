"""Panels planned from their records when nothing they are rendered from has changed.

Rendering a panel formats its texts through Fluent, so it needs the server's bundle, and
so a parse of the server's ``.ftl`` files: at 1,000 servers a start or a no-op reload spent
most of its time (and memory) rendering 2,000 panels only to find every hash unchanged.

After an apply, each guild whose panels were rendered and all applied gets a digest of what
they were rendered from: the code (``code``: a new Guichet version renders everything
again), the server's name, locale, panels and their topics as loaded from its file, every
text a panel can read (:meth:`bot.i18n.Catalog.texts_digest`: the bot's files and the
server's in each locale of the fallback chain), and the guild's panel records as written
then. While a guild's digest matches, its desired panels are read back from those records
(the JSON last sent), which the planner then finds unchanged, exactly as a render would: a
record that does not read back to its own hash, a guild whose render cut a text (the cut is
reported with the render) or a refresh render instead. Any change in the inputs, such as a
text edited, a panel moved or a record touched by another path, changes the digest, so that
guild renders and its changed panel is one edit, as before.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import Protocol

from bot.config.specs import ServerSpec
from bot.domain.records import PanelRecord
from bot.reconcile.apply import ApplyReport
from bot.reconcile.desired import desired_panels
from bot.reconcile.panels import PanelMessage, Translate
from bot.reconcile.plan import DesiredPanel

# (server name, locale) -> a digest of the texts translate() can read for that server there.
TextsDigest = Callable[[str, str], str]


class PanelInputsStore(Protocol):
    async def digests(self, guild_ids: Iterable[int]) -> dict[int, str]: ...

    async def put(self, guild_id: int, digest: str | None) -> None: ...


class RecordStore(Protocol):
    async def list_for_guild(self, guild_id: int) -> list[PanelRecord]: ...


class PanelInputs:
    def __init__(self, store: PanelInputsStore, texts: TextsDigest, *, code: str) -> None:
        self._store = store
        self._texts = texts
        self._code = code
        self._rendered: dict[int, bool] = {}  # guild -> whether a text was cut

    def digest(self, server: ServerSpec, records: Sequence[PanelRecord]) -> str:
        panels = [(p, server.panel_topics(p)) for p in server.panels]
        recorded = sorted(
            (r.panel_id, r.channel_id, r.message_id, r.content_hash, r.content) for r in records
        )
        parts = [self._code, server.name, server.locale, self._texts(server.name, server.locale)]
        text = json.dumps([*parts, repr(panels), recorded], separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()

    async def desired(
        self, servers: Sequence[ServerSpec], records: Iterable[PanelRecord], translate: Translate
    ) -> tuple[DesiredPanel, ...]:
        """Every server's desired panels: from its records while its digest matches, else
        rendered (and remembered, for :meth:`remember`)."""
        by_guild: dict[int, list[PanelRecord]] = defaultdict(list)
        for record in records:
            by_guild[record.guild_id].append(record)
        stored = await self._store.digests(s.guild for s in servers)
        found: list[DesiredPanel] = []
        for server in servers:
            recorded = by_guild.get(server.guild, [])
            if stored.get(server.guild) == self.digest(server, recorded):
                read_back = recorded_panels(server, recorded)
                if read_back is not None:
                    found += read_back
                    continue
            rendered = desired_panels([server], translate)
            self._rendered[server.guild] = any(p.message.truncations for p in rendered)
            found += rendered
        return tuple(found)

    async def remember(
        self, servers: Sequence[ServerSpec], report: ApplyReport, records: RecordStore
    ) -> None:
        """After an apply: the digest of each rendered guild whose changes all succeeded,
        over its records as now stored; a guild whose render cut a text is forgotten."""
        failed = {f.change.guild_id for f in report.failed}
        for server in servers:
            cut = self._rendered.pop(server.guild, None)
            if cut is None or server.guild in failed:
                continue
            digest = (
                None if cut else self.digest(server, await records.list_for_guild(server.guild))
            )
            await self._store.put(server.guild, digest)


def recorded_panels(
    server: ServerSpec, records: Sequence[PanelRecord]
) -> list[DesiredPanel] | None:
    """The server's panels as their records say they were sent; None unless each panel has a
    record in its channel whose JSON reads back to the recorded hash."""
    by_panel = {r.panel_id: r for r in records}
    found = []
    for panel in server.panels:
        record = by_panel.get(panel.id)
        if record is None or record.content is None or record.channel_id != panel.channel:
            return None
        try:
            message = PanelMessage.from_discord_payload(json.loads(record.content))
        except (ValueError, KeyError, TypeError, IndexError):
            return None
        if message.content_hash != record.content_hash:
            return None
        message = replace(message, locale=server.locale)
        found.append(DesiredPanel(server.guild, panel.id, panel.channel, message))
    return found if len(found) == len(records) else None
