"""Refuse plans that delete too much of what exists, unless forced (as octoDNS does)."""

from __future__ import annotations

from bot.reconcile.plan import ChangeAction, Plan


class UnsafePlanError(Exception):
    """The plan deletes more than the allowed share of existing panels.

    Carries counts only; the CLI renders it through Fluent (``plan-unsafe``).
    """

    def __init__(self, deletes: int, existing: int, max_delete_ratio: float) -> None:
        super().__init__(deletes, existing, max_delete_ratio)
        self.deletes = deletes
        self.existing = existing
        self.max_delete_ratio = max_delete_ratio


def counted_deletes(plan: Plan) -> int:
    """Deletes that lose a panel; the delete half of a channel move replaces it, so it is free."""
    return sum(1 for c in plan.changes if c.action is ChangeAction.DELETE and not c.is_move)


def check_safety(
    plan: Plan,
    existing_count: int,
    *,
    max_delete_ratio: float = 0.5,
    min_existing: int = 4,
    force: bool = False,
) -> None:
    """Raise :class:`UnsafePlanError` when ``plan`` deletes too large a share of the panels.

    Below ``min_existing`` existing panels the check is off: removing 2 of 3 panels is a normal
    edit, removing 40 of 60 is more likely a broken or missing server file.
    """
    if force or existing_count < min_existing:
        return
    deletes = counted_deletes(plan)
    if deletes > existing_count * max_delete_ratio:
        raise UnsafePlanError(deletes, existing_count, max_delete_ratio)
