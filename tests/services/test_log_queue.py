"""The log-line queue's packing (pure) and the overwrite set it is safe to replace whole."""

from __future__ import annotations

from bot.domain.access import OverwriteSpec, TargetType
from bot.services.log_queue import pack
from bot.storage.log_queue import QueuedLine


def line(n: int, text: str, batch: int | None = None) -> QueuedLine:
    return QueuedLine(n, 1, 2, text, batch)


def test_pack_takes_the_oldest_lines_that_fit_one_message() -> None:
    lines = [line(1, "a" * 900), line(2, "b" * 900), line(3, "c" * 900)]
    assert [x.id for x in pack(lines, limit=2000)] == [1, 2]
    assert [x.id for x in pack(lines[2:], limit=2000)] == [3]
    assert pack([]) == []


def test_pack_resends_a_packed_batch_whole_and_alone() -> None:
    """After a crash the same lines go again as the same message (same nonce)."""
    lines = [line(4, "x", batch=4), line(5, "y", batch=4), line(6, "z")]
    assert [x.id for x in pack(lines)] == [4, 5]
    assert [x.id for x in pack([line(6, "z"), line(7, "w", batch=7)])] == [6]


def test_known_overwrites_trust_the_cache_only_when_it_agrees() -> None:
    from bot.discord_app.overwrites import KnownOverwrites, applied

    known = KnownOverwrites()
    cache = {1: (0, 0, 1024), 2: (1, 1024, 0)}
    assert known.whole_set(10, cache) == cache  # nothing written since start: the cache
    assert known.whole_set(10, None) is None  # not cached: one call each
    added = OverwriteSpec(3, TargetType.MEMBER, 1024, 0)
    known.changed(10, cache, put=[added])  # a PUT went out; its echo has not arrived
    assert known.whole_set(10, cache) is None  # stale: a replace-all would drop member 3
    echoed = applied(cache, [added], [])
    assert known.whole_set(10, echoed) == echoed
