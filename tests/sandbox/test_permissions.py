"""Discord's permission algorithm (developer docs, "Permissions" page), rule by rule."""

from __future__ import annotations

import discord
import pytest

from bot.sandbox.permissions import (
    ALL,
    MEMBER,
    ROLE,
    Overwrite,
    Perm,
    apply_overwrites,
    base_permissions,
    channel_permissions,
    has,
    missing,
    thread_permissions,
)

GUILD = 1000
OWNER = 1
ALICE = 2
BOT = 3
STAFF = 2001
HELPER = 2002
MUTED = 2003
ADMIN_ROLE = 2004
BOT_ROLE = 2005

TEXT_BASICS = Perm.VIEW_CHANNEL | Perm.SEND_MESSAGES | Perm.READ_MESSAGE_HISTORY
SEND_EXTRAS = Perm.EMBED_LINKS | Perm.ATTACH_FILES | Perm.MENTION_EVERYONE | Perm.SEND_TTS_MESSAGES

ROLES = {
    GUILD: int(TEXT_BASICS | Perm.ADD_REACTIONS | Perm.EMBED_LINKS | Perm.ATTACH_FILES),
    STAFF: int(Perm.MANAGE_MESSAGES | Perm.KICK_MEMBERS),
    HELPER: int(Perm.MANAGE_THREADS),
    MUTED: 0,
    ADMIN_ROLE: int(Perm.ADMINISTRATOR),
    BOT_ROLE: int(Perm.MANAGE_ROLES | Perm.SEND_MESSAGES_IN_THREADS),
}


def perms_in(member: int, roles: list[int], overwrites: list[Overwrite], **kw) -> int:
    return channel_permissions(
        guild_id=GUILD,
        owner_id=OWNER,
        member_id=member,
        member_roles=roles,
        role_permissions=ROLES,
        overwrites=overwrites,
        **kw,
    )


def everyone(allow: int = 0, deny: int = 0) -> Overwrite:
    return Overwrite(id=GUILD, type=ROLE, allow=int(allow), deny=int(deny))


def role(role_id: int, allow: int = 0, deny: int = 0) -> Overwrite:
    return Overwrite(id=role_id, type=ROLE, allow=int(allow), deny=int(deny))


def member(member_id: int, allow: int = 0, deny: int = 0) -> Overwrite:
    return Overwrite(id=member_id, type=MEMBER, allow=int(allow), deny=int(deny))


# --- the bit values -------------------------------------------------------------------------


def test_bits_match_discord_py_flags() -> None:
    for name, value in discord.Permissions.VALID_FLAGS.items():
        assert Perm[_DISCORD_PY_NAMES.get(name, name.upper())] == value, name
    assert discord.Permissions.all().value == ALL


_DISCORD_PY_NAMES = {  # discord.py aliases and renamed flags
    "read_messages": "VIEW_CHANNEL",
    "external_emojis": "USE_EXTERNAL_EMOJIS",
    "external_stickers": "USE_EXTERNAL_STICKERS",
    "use_voice_activation": "USE_VAD",
    "manage_permissions": "MANAGE_ROLES",
    "manage_expressions": "MANAGE_GUILD_EXPRESSIONS",
    "manage_emojis": "MANAGE_GUILD_EXPRESSIONS",
    "manage_emojis_and_stickers": "MANAGE_GUILD_EXPRESSIONS",
    "create_expressions": "CREATE_GUILD_EXPRESSIONS",
    "create_polls": "SEND_POLLS",
}


def test_documented_bit_positions() -> None:
    assert Perm.ADMINISTRATOR == 1 << 3
    assert Perm.MANAGE_CHANNELS == 1 << 4
    assert Perm.VIEW_CHANNEL == 1 << 10
    assert Perm.SEND_MESSAGES == 1 << 11
    assert Perm.MANAGE_ROLES == 1 << 28
    assert Perm.MANAGE_THREADS == 1 << 34
    assert Perm.SEND_MESSAGES_IN_THREADS == 1 << 38
    assert Perm.BYPASS_SLOWMODE == 1 << 52


# --- base permissions -----------------------------------------------------------------------


def test_owner_has_all_permissions_even_without_roles() -> None:
    roles = {GUILD: 0}
    base = base_permissions(
        guild_id=GUILD, owner_id=OWNER, member_id=OWNER, member_roles=[], role_permissions=roles
    )
    assert base == ALL


def test_owner_ignores_channel_overwrites() -> None:
    assert perms_in(OWNER, [], [member(OWNER, deny=Perm.VIEW_CHANNEL)]) == ALL


def test_everyone_role_alone_gives_base_permissions() -> None:
    base = base_permissions(
        guild_id=GUILD, owner_id=OWNER, member_id=ALICE, member_roles=[], role_permissions=ROLES
    )
    assert base == ROLES[GUILD]


def test_roles_are_ored_with_everyone() -> None:
    base = base_permissions(
        guild_id=GUILD,
        owner_id=OWNER,
        member_id=ALICE,
        member_roles=[STAFF, HELPER],
        role_permissions=ROLES,
    )
    assert base == ROLES[GUILD] | ROLES[STAFF] | ROLES[HELPER]


def test_unknown_role_id_contributes_nothing() -> None:
    base = base_permissions(
        guild_id=GUILD, owner_id=OWNER, member_id=ALICE, member_roles=[999], role_permissions=ROLES
    )
    assert base == ROLES[GUILD]


def test_administrator_role_grants_all() -> None:
    base = base_permissions(
        guild_id=GUILD,
        owner_id=OWNER,
        member_id=ALICE,
        member_roles=[ADMIN_ROLE],
        role_permissions=ROLES,
    )
    assert base == ALL


def test_administrator_ignores_overwrites() -> None:
    overwrites = [
        everyone(deny=Perm.VIEW_CHANNEL),
        role(ADMIN_ROLE, deny=Perm.SEND_MESSAGES),
        member(ALICE, deny=ALL),
    ]
    assert perms_in(ALICE, [ADMIN_ROLE], overwrites) == ALL
    # The Administrator bit alone, as a base, expands to everything despite the overwrites...
    assert (
        apply_overwrites(
            int(Perm.ADMINISTRATOR),
            guild_id=GUILD,
            member_id=ALICE,
            member_roles=[ADMIN_ROLE],
            overwrites=overwrites,
        )
        == ALL
    )
    # ...while the same overwrites strip a non-administrator of everything.
    assert (
        apply_overwrites(
            ALL & ~Perm.ADMINISTRATOR,
            guild_id=GUILD,
            member_id=ALICE,
            member_roles=[ADMIN_ROLE],
            overwrites=overwrites,
        )
        == 0
    )


# --- overwrites -----------------------------------------------------------------------------


def test_everyone_overwrite_deny_removes_permission() -> None:
    perms = perms_in(ALICE, [], [everyone(deny=Perm.ADD_REACTIONS)])
    assert not has(perms, Perm.ADD_REACTIONS)
    assert has(perms, Perm.VIEW_CHANNEL, Perm.SEND_MESSAGES)


def test_everyone_overwrite_allow_adds_permission() -> None:
    perms = perms_in(ALICE, [], [everyone(allow=Perm.MANAGE_MESSAGES)])
    assert has(perms, Perm.MANAGE_MESSAGES)


def test_role_overwrite_allow_beats_everyone_deny() -> None:
    overwrites = [everyone(deny=Perm.VIEW_CHANNEL), role(STAFF, allow=Perm.VIEW_CHANNEL)]
    assert not has(perms_in(ALICE, [], overwrites), Perm.VIEW_CHANNEL)
    assert has(perms_in(ALICE, [STAFF], overwrites), Perm.VIEW_CHANNEL)


def test_role_allow_wins_over_deny_on_another_role() -> None:
    # Role A denies, role B allows: allow wins whatever the role positions (docs' #coolstuff case).
    overwrites = [role(MUTED, deny=Perm.SEND_MESSAGES), role(STAFF, allow=Perm.SEND_MESSAGES)]
    assert has(perms_in(ALICE, [MUTED, STAFF], overwrites), Perm.SEND_MESSAGES)
    assert has(perms_in(ALICE, [STAFF, MUTED], list(reversed(overwrites))), Perm.SEND_MESSAGES)
    assert not has(perms_in(ALICE, [MUTED], overwrites), Perm.SEND_MESSAGES)


def test_role_deny_beats_everyone_allow() -> None:
    overwrites = [everyone(allow=Perm.ADD_REACTIONS), role(MUTED, deny=Perm.ADD_REACTIONS)]
    assert not has(perms_in(ALICE, [MUTED], overwrites), Perm.ADD_REACTIONS)


def test_member_overwrite_deny_beats_role_allow() -> None:
    overwrites = [role(STAFF, allow=Perm.MANAGE_CHANNELS), member(ALICE, deny=Perm.MANAGE_CHANNELS)]
    assert not has(perms_in(ALICE, [STAFF], overwrites), Perm.MANAGE_CHANNELS)


def test_member_overwrite_allow_beats_role_deny() -> None:
    overwrites = [
        everyone(deny=Perm.VIEW_CHANNEL),
        role(MUTED, deny=Perm.VIEW_CHANNEL),
        member(ALICE, allow=Perm.VIEW_CHANNEL),
    ]
    assert has(perms_in(ALICE, [MUTED], overwrites), Perm.VIEW_CHANNEL)


def test_overwrite_for_role_member_lacks_is_ignored() -> None:
    overwrites = [role(STAFF, deny=Perm.SEND_MESSAGES, allow=Perm.MANAGE_MESSAGES)]
    perms = perms_in(ALICE, [HELPER], overwrites)
    assert has(perms, Perm.SEND_MESSAGES)
    assert not has(perms, Perm.MANAGE_MESSAGES)


def test_member_overwrite_for_someone_else_is_ignored() -> None:
    assert has(perms_in(ALICE, [], [member(BOT, deny=Perm.VIEW_CHANNEL)]), Perm.VIEW_CHANNEL)


def test_member_type_overwrite_with_role_id_is_not_a_role_overwrite() -> None:
    # An overwrite's `type` decides what its id names: a member overwrite never matches a role.
    overwrites = [Overwrite(id=STAFF, type=MEMBER, deny=int(Perm.VIEW_CHANNEL))]
    assert has(perms_in(ALICE, [STAFF], overwrites), Perm.VIEW_CHANNEL)


def test_ticket_channel_overwrites_hide_from_everyone_show_to_opener_and_staff() -> None:
    # The shape a ticket channel is created with: one request, no window where it is public.
    overwrites = [
        everyone(deny=Perm.VIEW_CHANNEL),
        role(STAFF, allow=TEXT_BASICS),
        member(ALICE, allow=TEXT_BASICS | Perm.ATTACH_FILES),
    ]
    assert perms_in(BOT + 1, [], overwrites) == 0
    assert has(perms_in(ALICE, [], overwrites), Perm.VIEW_CHANNEL, Perm.SEND_MESSAGES)
    assert has(perms_in(BOT + 1, [STAFF], overwrites), Perm.VIEW_CHANNEL, Perm.MANAGE_MESSAGES)


# --- implicit permissions -------------------------------------------------------------------


def test_view_channel_denied_means_no_permissions_at_all() -> None:
    perms = perms_in(ALICE, [STAFF], [everyone(deny=Perm.VIEW_CHANNEL)])
    assert perms == 0
    assert missing(perms, Perm.SEND_MESSAGES, Perm.MANAGE_MESSAGES) == [
        Perm.SEND_MESSAGES,
        Perm.MANAGE_MESSAGES,
    ]


def test_send_messages_denied_drops_embed_attach_tts_mention_everyone() -> None:
    overwrites = [
        everyone(
            allow=Perm.MENTION_EVERYONE | Perm.SEND_TTS_MESSAGES,
            deny=Perm.SEND_MESSAGES,
        )
    ]
    perms = perms_in(ALICE, [], overwrites)
    assert missing(perms, *SEND_EXTRAS) == sorted(SEND_EXTRAS, key=lambda p: p.value)
    assert has(perms, Perm.VIEW_CHANNEL, Perm.READ_MESSAGE_HISTORY, Perm.ADD_REACTIONS)


def test_implicit_rules_can_be_skipped_for_thread_parents() -> None:
    perms = perms_in(ALICE, [], [everyone(deny=Perm.SEND_MESSAGES)], implicit=False)
    assert has(perms, Perm.EMBED_LINKS, Perm.ATTACH_FILES)


def test_synced_channel_uses_category_overwrites_only_when_it_has_none() -> None:
    category = [everyone(deny=Perm.VIEW_CHANNEL)]
    synced = channel_permissions(
        guild_id=GUILD,
        owner_id=OWNER,
        member_id=ALICE,
        member_roles=[],
        role_permissions=ROLES,
        overwrites=None,
        parent_overwrites=category,
    )
    own = perms_in(ALICE, [], [], parent_overwrites=category)
    assert synced == 0
    assert has(own, Perm.VIEW_CHANNEL)


def test_timed_out_member_keeps_only_view_and_history() -> None:
    perms = perms_in(ALICE, [STAFF], [], timed_out=True)
    assert perms == Perm.VIEW_CHANNEL | Perm.READ_MESSAGE_HISTORY
    assert perms_in(ALICE, [ADMIN_ROLE], [], timed_out=True) == ALL


# --- threads --------------------------------------------------------------------------------


def test_public_thread_inherits_parent_permissions() -> None:
    parent = perms_in(ALICE, [STAFF, BOT_ROLE], [], implicit=False)
    perms = thread_permissions(parent, private=False, is_thread_member=False)
    assert has(perms, Perm.VIEW_CHANNEL, Perm.MANAGE_MESSAGES, Perm.EMBED_LINKS, Perm.SEND_MESSAGES)


def test_thread_needs_send_messages_in_threads_to_send() -> None:
    parent = perms_in(ALICE, [], [], implicit=False)  # SEND_MESSAGES but not ..._IN_THREADS
    perms = thread_permissions(parent, private=False, is_thread_member=True)
    assert has(perms, Perm.VIEW_CHANNEL, Perm.READ_MESSAGE_HISTORY)
    assert missing(perms, Perm.SEND_MESSAGES, Perm.EMBED_LINKS) == [
        Perm.SEND_MESSAGES,
        Perm.EMBED_LINKS,
    ]


def test_thread_send_permission_does_not_need_parent_send_messages() -> None:
    # Announcement-channel case: no SEND_MESSAGES in the parent, yet threads allow talking.
    overwrites = [everyone(deny=Perm.SEND_MESSAGES, allow=Perm.SEND_MESSAGES_IN_THREADS)]
    parent = perms_in(ALICE, [], overwrites, implicit=False)
    perms = thread_permissions(parent, private=False, is_thread_member=False)
    assert has(perms, Perm.SEND_MESSAGES, Perm.SEND_MESSAGES_IN_THREADS, Perm.ATTACH_FILES)


def test_private_thread_hidden_from_non_member() -> None:
    parent = perms_in(ALICE, [BOT_ROLE], [], implicit=False)
    assert thread_permissions(parent, private=True, is_thread_member=False) == 0


def test_private_thread_visible_to_thread_member() -> None:
    parent = perms_in(ALICE, [BOT_ROLE], [], implicit=False)
    perms = thread_permissions(parent, private=True, is_thread_member=True)
    assert has(perms, Perm.VIEW_CHANNEL, Perm.SEND_MESSAGES)


def test_private_thread_visible_with_manage_threads() -> None:
    parent = perms_in(ALICE, [HELPER], [], implicit=False)
    perms = thread_permissions(parent, private=True, is_thread_member=False)
    assert has(perms, Perm.VIEW_CHANNEL, Perm.MANAGE_THREADS)


def test_thread_invisible_without_parent_view_channel_even_for_members() -> None:
    parent = perms_in(ALICE, [HELPER], [member(ALICE, deny=Perm.VIEW_CHANNEL)], implicit=False)
    assert thread_permissions(parent, private=False, is_thread_member=True) == 0
    assert thread_permissions(parent, private=True, is_thread_member=True) == 0


def test_administrator_sees_every_private_thread() -> None:
    parent = perms_in(ALICE, [ADMIN_ROLE], [everyone(deny=Perm.VIEW_CHANNEL)])
    assert thread_permissions(parent, private=True, is_thread_member=False) == ALL


# --- has / missing --------------------------------------------------------------------------


def test_bot_without_manage_channels_is_told_what_is_missing() -> None:
    bot = perms_in(BOT, [BOT_ROLE], [])
    assert not has(bot, Perm.MANAGE_CHANNELS)
    assert missing(bot, Perm.MANAGE_ROLES, Perm.MANAGE_CHANNELS, Perm.VIEW_CHANNEL) == [
        Perm.MANAGE_CHANNELS
    ]


def test_missing_reports_each_flag_of_a_combined_requirement() -> None:
    assert missing(0, Perm.VIEW_CHANNEL | Perm.SEND_MESSAGES) == [
        Perm.VIEW_CHANNEL,
        Perm.SEND_MESSAGES,
    ]
    assert has(ALL, *Perm)
    assert has(0)


@pytest.mark.parametrize("flag", list(Perm))
def test_owner_holds_every_single_flag(flag: Perm) -> None:
    assert has(perms_in(OWNER, [], [everyone(deny=ALL)]), flag)
