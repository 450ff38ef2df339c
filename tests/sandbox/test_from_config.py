"""Seeding an emulated guild from a server file."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config.specs import Approval, PanelSpec, ServerSpec, Style, SystemSpec, TopicSpec
from bot.sandbox.from_config import seed_from_server
from bot.sandbox.server import Emulator
from bot.sandbox.state import ChannelType

SPEC = ServerSpec(
    name="demo",
    source=Path("servers/demo.yaml"),
    guild=123456789012345678,
    locale="fr",
    staff_roles=(222222222222222222,),
    log_channel=333333333333333333,
    systems=(
        SystemSpec(
            id="support",
            style=Style.CHANNEL,
            category=555555555555555555,
            approval=Approval.MANUAL,
            reception=666666666666666666,
            handlers=(888888888888888888,),
            topics=(TopicSpec(id="billing", label="topic-billing"),),
        ),
        SystemSpec(id="partners", style=Style.THREAD, channel=999999999999999999, topics=()),
    ),
    panels=(
        PanelSpec(
            id="support-panel", channel=777777777777777777, system="support", title="t", text="x"
        ),
    ),
)


@pytest.fixture
def seeded(emulator: Emulator):
    return seed_from_server(emulator, SPEC)


def test_every_id_in_the_spec_exists(emulator: Emulator, seeded) -> None:
    guild = emulator.state.guilds[SPEC.guild]
    assert guild.preferred_locale == "fr"
    assert {222222222222222222, 888888888888888888} <= set(guild.roles)
    for channel_id in (
        333333333333333333,
        555555555555555555,
        666666666666666666,
        777777777777777777,
        999999999999999999,
    ):
        assert channel_id in guild.channels
    assert guild.channels[555555555555555555].type == ChannelType.GUILD_CATEGORY
    assert {m.locale for m in seeded.members.values()} == {"en-US", "fr"}


def test_staff_only_channels_are_hidden_from_members(emulator: Emulator, seeded) -> None:
    member = emulator.actor(seeded.member("fr").id)
    staff = emulator.actor(seeded.staff[0].id)
    assert not member.can_view(333333333333333333)
    assert staff.can_view(333333333333333333)
    assert member.can_view(777777777777777777)
    assert emulator.state.can_view(
        emulator.state.channels[333333333333333333], emulator.state.bot_user.id
    )
