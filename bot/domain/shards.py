"""Which servers a process serves, from Discord's sharding formula (pure).

Discord routes a guild's Gateway events and interactions to shard
``(guild_id >> 22) % shard_count``. A process runs some shards (``shard_ids``) of a fleet of
``shard_count``; the work that belongs to a server (applying its panels, recovering its
half-made openings, its clean-up queue, later its timers) is done by the process whose shard
holds it, so two processes never do it twice. Global work (the application's slash
commands) is done by the process that runs shard 0, which also receives events without a
guild (direct messages). An unsharded process (``shard_count`` None) serves everything.
"""

from __future__ import annotations

from dataclasses import dataclass


class ShardError(ValueError):
    """Shard settings that name no valid set of shards (the message says which rule).

    ``problem`` names the rule and ``args_`` its details, so the CLI can say it in the
    admin's language (locales/*/settings.ftl); the message is the English for logs."""

    def __init__(self, message: str, problem: str, **args: object) -> None:
        super().__init__(message)
        self.problem = problem
        self.args_ = args


def shard_of(guild_id: int, shard_count: int) -> int:
    return (guild_id >> 22) % shard_count


@dataclass(frozen=True, slots=True)
class ShardPlan:
    shard_ids: tuple[int, ...] | None = None  # None: every shard of the fleet
    shard_count: int | None = None  # None: unsharded (or as many as Discord recommends)

    def __post_init__(self) -> None:
        if self.shard_ids is None:
            return
        if self.shard_count is None:
            raise ShardError("shard ids need a shard count", "ids-need-count")
        if not self.shard_ids:
            raise ShardError("at least one shard id is needed", "no-ids")
        if len(set(self.shard_ids)) != len(self.shard_ids):
            raise ShardError("a shard id is listed twice", "id-twice")
        if any(not 0 <= s < self.shard_count for s in self.shard_ids):
            last = self.shard_count - 1
            raise ShardError(f"shard ids go from 0 to {last}", "id-range", last=last)

    @classmethod
    def parse(cls, shard_ids: str | None, shard_count: str | int | None) -> ShardPlan:
        """From settings: ``"0,1"`` and ``"4"`` (either may be missing)."""
        count = None
        if shard_count not in (None, ""):
            try:
                count = int(shard_count)  # type: ignore[arg-type]
            except ValueError:
                raise ShardError(
                    "the shard count must be a whole number", "count-not-number"
                ) from None
            if count < 1:
                raise ShardError("the shard count must be 1 or more", "count-below-one")
        ids = None
        if shard_ids not in (None, ""):
            try:
                ids = tuple(sorted(int(p) for p in str(shard_ids).split(",") if p.strip()))
            except ValueError:
                raise ShardError(
                    "shard ids are whole numbers separated by commas", "ids-not-numbers"
                ) from None
        return cls(ids, count)

    @property
    def sharded(self) -> bool:
        return self.shard_count is not None

    @property
    def serves(self) -> tuple[int, ...]:
        """The shards this process runs (all of them when it was given none)."""
        if self.shard_ids is not None:
            return self.shard_ids
        return tuple(range(self.shard_count or 1))

    def owns(self, guild_id: int) -> bool:
        """Whether this process serves the guild (so does its work)."""
        if self.shard_count is None:
            return True
        return shard_of(guild_id, self.shard_count) in self.serves

    @property
    def does_global_work(self) -> bool:
        """Global slash-command sync: the process that runs shard 0, and only it."""
        return 0 in self.serves

    def describe(self) -> str:
        if self.shard_count is None:
            return "all"
        return f"{','.join(map(str, self.serves))} of {self.shard_count}"
