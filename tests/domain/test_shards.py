from __future__ import annotations

import pytest

from bot.domain.shards import ShardError, ShardPlan, shard_of
from bot.settings import Settings, SettingsError


def test_the_docs_formula() -> None:
    assert shard_of(41771983423143937, 1) == 0
    assert shard_of(41771983423143937, 2) == (41771983423143937 >> 22) % 2
    # Guild ids 1 << 22 apart fall on consecutive shards (what bot.sandbox.fleet relies on).
    first = shard_of(123456789012345678, 4)
    assert [shard_of(123456789012345678 + (i << 22), 4) for i in range(4)] == [
        (first + i) % 4 for i in range(4)
    ]


def test_a_process_owns_the_servers_of_its_shards_only() -> None:
    plan = ShardPlan.parse("2,0", "4")
    assert plan.serves == (0, 2) and plan.sharded and plan.does_global_work
    guilds = [123456789012345678 + (i << 22) for i in range(8)]
    owned = [g for g in guilds if plan.owns(g)]
    assert len(owned) == 4
    assert {shard_of(g, 4) for g in owned} == {0, 2}
    other = ShardPlan.parse("1,3", 4)
    assert not other.does_global_work
    assert all(other.owns(g) != plan.owns(g) for g in guilds)  # every server, exactly once


def test_unsharded_serves_everything() -> None:
    plan = ShardPlan()
    assert plan.owns(1) and plan.does_global_work and not plan.sharded
    assert ShardPlan.parse(None, "3").serves == (0, 1, 2)
    assert ShardPlan.parse("", "").describe() == "all"


@pytest.mark.parametrize(
    ("ids", "count", "why"),
    [
        ("0,1", None, "need a shard count"),
        ("0,4", "4", "from 0 to 3"),
        ("1,1", "4", "twice"),
        ("a", "4", "whole numbers"),
        ("0", "zero", "whole number"),
        ("0", "0", "1 or more"),
    ],
)
def test_bad_shard_settings_say_which_rule(ids: str, count: str | None, why: str) -> None:
    with pytest.raises(ShardError, match=why):
        ShardPlan.parse(ids, count)
    env = {"GUICHET_SHARDS": ids} | ({"GUICHET_SHARD_COUNT": count} if count else {})
    with pytest.raises(SettingsError, match="GUICHET_SHARDS"):
        Settings.from_env(env)


def test_settings_read_shards_and_discord_endpoints() -> None:
    settings = Settings.from_env(
        {
            "GUICHET_SHARDS": "0,1",
            "GUICHET_SHARD_COUNT": "4",
            "GUICHET_DISCORD_API": "http://proxy.internal:8080/api/v10/",
            "GUICHET_DISCORD_GATEWAY": "wss://gateway.example/",
        }
    )
    assert settings.shards == ShardPlan((0, 1), 4)
    assert settings.discord_api == "http://proxy.internal:8080/api/v10"
    assert settings.discord_gateway == "wss://gateway.example/"
    with pytest.raises(SettingsError, match="GUICHET_DISCORD_API"):
        Settings.from_env({"GUICHET_DISCORD_API": "ftp://x"})
