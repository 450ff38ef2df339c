"""The Discord side of the member's summary and rating: the summary's port (a DM with files,
buttons and an enforced nonce), the persistent 1-5 buttons, and their comment dialog.

The buttons are ``DynamicItem``s whose custom_id says the ticket and the stars
(``guichet:rate:<ticket>:<stars>``), and the dialog is routed by its custom_id
(``guichet:rate-modal:<ticket>:<stars>``) from ``GuichetBot.on_interaction``: both work after
a restart. A click in a DM has no guild; the ticket's row says which server it is.
"""

from __future__ import annotations

import io
import json
import logging
import re
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

import discord
from discord.http import Route

from bot.discord_app.guard import guarded
from bot.discord_app.http_errors import within
from bot.discord_app.modals import submitted_values
from bot.discord_app.replies import ALREADY_HANDLED, answer
from bot.discord_app.ticket_port import DiscordTicketPort
from bot.discord_app.transcript_port import DiscordTranscriptPort
from bot.domain.custom_ids import PREFIX, Action, decode
from bot.domain.ratings import MAX_COMMENT
from bot.domain.ticket_messages import OutgoingMessage
from bot.services.close_summary import KIND as SUMMARY
from bot.services.close_summary import CloseSummaryService, SummaryContext
from bot.services.feedback import Ask, FeedbackService, Rated
from bot.storage import TranscriptRepository
from bot.storage.ratings import RatingRepository, SummaryRepository

if TYPE_CHECKING:
    from bot.discord_app.bot import GuichetBot

log = logging.getLogger(__name__)

COMMENT_INPUT = "_comment"
DMS_KEPT = 4096  # DM channels remembered (a member's summaries after the first cost less)


class DiscordSummaryPort:
    """:class:`bot.services.close_summary.SummaryPort` over discord.py."""

    def __init__(
        self, client: discord.Client, tickets: DiscordTicketPort, names: DiscordTranscriptPort
    ) -> None:
        self._client = client
        self._tickets = tickets
        self._names = names
        self._dms: OrderedDict[int, int] = OrderedDict()  # member -> DM channel

    async def open_dm(self, user_id: int) -> int:
        """A DM channel's id never changes: asked once per member (while remembered)."""
        known = self._dms.get(user_id)
        if known is not None:
            self._dms.move_to_end(user_id)
            return known
        data = await self._within(self._client.http.start_private_message(user_id))
        self._dms[user_id] = int(data["id"])
        while len(self._dms) > DMS_KEPT:
            self._dms.popitem(last=False)
        return int(data["id"])

    async def post(
        self, channel_id: int, message: OutgoingMessage, files: Sequence[tuple[str, bytes]]
    ) -> int:
        if not files:
            return await self._tickets.send_message(channel_id, message)
        # One multipart Create Message: the JSON body exactly as built (buttons, mentions,
        # nonce), the files beside it, as discord.py's own send does.
        payload = message.to_payload()
        payload["attachments"] = [{"id": i, "filename": name} for i, (name, _) in enumerate(files)]
        uploads = [discord.File(io.BytesIO(data), filename=name) for name, data in files]
        form: list[dict[str, Any]] = [{"name": "payload_json", "value": json.dumps(payload)}]
        form += [
            {
                "name": f"files[{i}]",
                "value": upload.fp,
                "filename": upload.filename,
                "content_type": "application/octet-stream",
            }
            for i, upload in enumerate(uploads)
        ]
        route = Route("POST", "/channels/{channel_id}/messages", channel_id=channel_id)
        try:
            data = await self._within(self._client.http.request(route, form=form, files=uploads))
        finally:
            for upload in uploads:
                upload.close()
        return int(data["id"])

    async def _within(self, call: Awaitable[Any]) -> Any:
        """``call`` with the ticket port's deadline for Discord's answer to each request (a
        hung Discord is a retry later, not a summary task waiting forever; waiting for a
        turn under the rate limits is not counted); failures become :class:`PortError`."""
        return await within(self._tickets.deadline, lambda: call)

    async def guild_name(self, guild_id: int) -> str:
        return await self._names.guild_name(guild_id)

    async def archive_thread(self, thread_id: int, *, locked: bool = True) -> None:
        await self._tickets.archive_thread(thread_id, locked=locked)


def _feedback_ui(interaction: discord.Interaction) -> FeedbackInteractions:
    return interaction.client.feedback_ui  # type: ignore[attr-defined]


class RateButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=rf"{re.escape(PREFIX)}:{Action.RATE.value}:(?P<ticket>[0-9]{{1,20}}):(?P<stars>[1-5])",
):
    """One of a summary's five rating buttons."""

    def __init__(self, item: discord.ui.Button[Any], ticket_id: int, stars: int) -> None:
        super().__init__(item)
        self.ticket_id, self.stars = ticket_id, stars

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction,  # noqa: ARG003 (discord.py's signature)
        item: discord.ui.Item[Any],
        match: re.Match[str],
    ) -> RateButton:
        return cls(item, int(match["ticket"]), int(match["stars"]))  # type: ignore[arg-type]

    async def callback(self, interaction: discord.Interaction) -> None:
        await _feedback_ui(interaction).rate_clicked(interaction, self.ticket_id, self.stars)


class FeedbackInteractions:
    def __init__(self, host: GuichetBot) -> None:
        self._host = host

    @guarded
    async def rate_clicked(
        self, interaction: discord.Interaction, ticket_id: int, stars: int
    ) -> None:
        """A rating button: the comment dialog (the first answer, as Discord requires), or a
        one-line refusal (not the opener, already rated)."""
        result = await self._host.feedback.clicked(
            ticket_id, stars, interaction.user.id, locale=interaction.locale.value
        )
        if not isinstance(result, Ask):
            await answer(interaction, result.reply)
            return
        modal = discord.ui.Modal(title=result.title, custom_id=result.custom_id, timeout=None)
        modal.add_item(
            discord.ui.TextInput(
                label=result.label,
                custom_id=COMMENT_INPUT,
                style=discord.TextStyle.paragraph,
                placeholder=result.placeholder,
                required=False,
                max_length=MAX_COMMENT,
            )
        )
        modal.stop()
        await interaction.response.send_modal(modal)

    async def on_modal_submit(self, interaction: discord.Interaction) -> bool:
        """Route a MODAL_SUBMIT by its custom_id; False when it is not a rating's."""
        parsed = decode(str((interaction.data or {}).get("custom_id", "")))
        if (
            parsed is None
            or parsed.action is not Action.RATE_MODAL
            or len(parsed.parts) != 2
            or not all(p.isdigit() for p in parsed.parts)
        ):
            return False
        await self.rate_submitted(interaction, int(parsed.parts[0]), int(parsed.parts[1]))
        return True

    @guarded
    async def rate_submitted(
        self, interaction: discord.Interaction, ticket_id: int, stars: int
    ) -> None:
        """The dialog sent: in a DM the summary's buttons give way to the thanks (one edit,
        the answer itself); in the ticket (DMs closed) the thanks is for the opener alone."""
        comment = submitted_values(interaction.data).get(COMMENT_INPUT)
        result = await self._host.feedback.submitted(
            ticket_id, stars, interaction.user.id, comment, locale=interaction.locale.value
        )
        if not isinstance(result, Rated):
            await answer(interaction, result.reply)
            return
        if interaction.guild_id is None and interaction.message is not None:
            try:
                # Embeds and files stay as they are: only the text and the buttons change.
                await interaction.response.edit_message(content=result.thanks, view=None)
            except discord.HTTPException as exc:
                if exc.code not in ALREADY_HANDLED:
                    raise
            return
        await answer(interaction, OutgoingMessage(content=result.thanks, ephemeral=True))


def wire_feedback(host: GuichetBot, *, clock: Callable[[], datetime]) -> None:
    """Give the client its summary and rating services (called once the timers, the log
    queue and the ticket and staff services exist): the close hook, the timer's handler,
    ``/ticket info``'s extra fields and the persistent rating buttons."""
    summaries, ratings = SummaryRepository(host.db), RatingRepository(host.db)
    host.feedback = FeedbackService(
        host.ticket_repo,
        ratings,
        summaries,
        host._translate,
        server_for=lambda guild: host.runtime.server_for(guild),  # noqa: PLW0108 - reload
        queue=host.log_queue,
    )
    host.staff.info_extra = host.feedback.info
    host.close_summary = CloseSummaryService(
        SummaryContext(
            timers=host.timers,
            scheduler=host.scheduler,
            tickets=host.ticket_repo,
            transcripts=TranscriptRepository(host.db),
            summaries=summaries,
            ratings=ratings,
            port=DiscordSummaryPort(host, host.ticket_port, host.transcript_port),
            translate=host._translate,
            queue=host.log_queue,
            server_for=lambda guild: host.runtime.server_for(guild),  # noqa: PLW0108
            clock=clock,
        )
    )
    host.scheduler.register(SUMMARY, host.close_summary.run)
    host.tickets.on_closed = host.close_summary.closed
    host.feedback_ui = FeedbackInteractions(host)
    host.add_dynamic_items(RateButton)
