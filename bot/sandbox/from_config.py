"""Build an emulated guild from a server spec (servers/*.yaml): the guild id, a role per staff
or handler role id, a channel for every channel id the file uses, an owner, demo members in en-US
and fr, and the bot with the permissions a ticket bot needs. Used by `guichet sandbox`, previews
and end-to-end tests.

Declared resources (``resources:``) are not seeded: the server starts without them, as a new
server would, and the bot's apply creates them. A demo staff member stands for each declared
staff or handler role and is given it as soon as the bot has made it (an admin would)."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.config.resource_specs import Ref
from bot.config.specs import ServerSpec, Style
from bot.sandbox.permissions import Overwrite, Perm
from bot.sandbox.seeding import TICKET_BOT_PERMISSIONS
from bot.sandbox.server import Emulator
from bot.sandbox.state import Channel, ChannelType, Guild, Member, Role

STAFF_PERMISSIONS = (
    Perm.VIEW_CHANNEL
    | Perm.SEND_MESSAGES
    | Perm.SEND_MESSAGES_IN_THREADS
    | Perm.READ_MESSAGE_HISTORY
    | Perm.EMBED_LINKS
    | Perm.ATTACH_FILES
    | Perm.MANAGE_MESSAGES
    | Perm.USE_APPLICATION_COMMANDS
)


@dataclass
class SeededServer:
    guild: Guild
    owner: Member
    staff: list[Member] = field(default_factory=list)  # one member per staff/handler role
    members: dict[str, Member] = field(default_factory=dict)  # demo members by locale
    channels: dict[int, Channel] = field(default_factory=dict)  # every channel the spec names

    def member(self, locale: str) -> Member:
        return self.members[locale]


def seed_from_server(
    emulator: Emulator,
    spec: ServerSpec,
    *,
    demo_locales: tuple[str, ...] = ("en-US", "fr"),
    bot_permissions: int = TICKET_BOT_PERMISSIONS,
) -> SeededServer:
    guild = emulator.add_guild(
        f"{spec.name} (sandbox)",
        guild_id=spec.guild,
        locale=spec.locale,
        bot_permissions=bot_permissions,
    )
    owner = guild.members[guild.owner_id]
    role_ids: list[int] = list(spec.staff_roles)
    for system in spec.systems:
        role_ids += [r for r in system.handlers if r not in role_ids]
    for index, role_id in enumerate(role_ids):
        name = "staff" if role_id in spec.staff_roles else f"handlers-{index}"
        emulator.add_role(
            guild.id, name, permissions=STAFF_PERMISSIONS, role_id=role_id, mentionable=True
        )

    seeded = SeededServer(guild=guild, owner=owner)
    staff_only = [Overwrite(id=guild.id, type=0, deny=Perm.VIEW_CHANNEL)] + [
        Overwrite(id=r, type=0, allow=Perm.VIEW_CHANNEL) for r in role_ids
    ]
    bot_role = emulator.bot_role(guild.id)
    staff_only.append(Overwrite(id=bot_role.id, type=0, allow=Perm.VIEW_CHANNEL))

    def channel(
        channel_id: int | None,
        name: str,
        *,
        kind: int = ChannelType.GUILD_TEXT,
        private: bool = False,
    ) -> None:
        if channel_id is None or channel_id in seeded.channels:
            return
        seeded.channels[channel_id] = emulator.add_channel(
            guild.id,
            name,
            type=kind,
            channel_id=channel_id,
            overwrites=staff_only if private else (),
        )

    channel(spec.log_channel, "ticket-log", private=True)
    channel(spec.transcript_channel, "transcripts", private=True)
    for system in spec.systems:
        if system.style is Style.CHANNEL:
            # Ticket channels carry their own overwrites; the category itself is staff-only.
            for index, category in enumerate((system.category, *system.overflow_categories)):
                channel(
                    category,
                    f"{system.id} tickets" + (f" {index + 1}" if index else ""),
                    kind=ChannelType.GUILD_CATEGORY,
                    private=True,
                )
        else:
            channel(system.channel, f"{system.id}-tickets")
        channel(system.reception, f"{system.id}-reception", private=True)
    for panel in spec.panels:
        channel(panel.channel, f"{panel.id}")

    for index, role_id in enumerate(role_ids):
        seeded.staff.append(
            emulator.add_member(guild.id, f"staff-{index}", roles=[role_id], locale=spec.locale)
        )
    _staff_for_declared_roles(emulator, spec, seeded)
    for locale in demo_locales:
        seeded.members[locale] = emulator.add_member(
            guild.id, f"member-{locale.lower()}", locale=locale
        )
    return seeded


def _staff_for_declared_roles(emulator: Emulator, spec: ServerSpec, seeded: SeededServer) -> None:
    """A demo staff member per declared staff or handler role, given the role once the bot
    has created it (the listener matches the declared name in this guild)."""
    written = spec.unbound or spec
    keys: list[str] = []
    for value in (*written.staff_roles, *(r for s in written.systems for r in s.handlers)):
        if isinstance(value, Ref) and value.key not in keys:
            keys.append(value.key)
    waiting: dict[str, Member] = {}
    for key in keys:
        declared = written.resources.get(key)
        if declared is None:
            continue
        member = emulator.add_member(seeded.guild.id, f"staff-{key}"[:32], locale=spec.locale)
        seeded.staff.append(member)
        waiting[declared.name] = member
    if not waiting:
        return

    def grant(guild: Guild, role: Role) -> None:
        member = waiting.get(role.name) if guild.id == seeded.guild.id else None
        if member is not None and role.id not in member.roles:
            member.roles.append(role.id)
            emulator.member_updated(guild, member)

    emulator.role_listeners.append(grant)
