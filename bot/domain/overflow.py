"""Which category a new ticket channel goes to: a system's ``category``, then its
``overflow_categories`` in order, skipping those Discord's 50-channel limit has filled."""

from __future__ import annotations

from collections.abc import Callable

from bot.config.specs import Style, SystemSpec

CATEGORY_CHANNELS_MAX = 50  # Discord: channels in one category


def ticket_categories(system: SystemSpec) -> tuple[int, ...]:
    """Every category of a channel-style system, in the order they fill (ids only: a bound
    spec's references are ids)."""
    if system.style is not Style.CHANNEL:
        return ()
    found = (system.category, *system.overflow_categories)
    return tuple(c for c in found if isinstance(c, int))


def categories_to_try(
    system: SystemSpec, channels_in: Callable[[int], int | None]
) -> tuple[int, ...]:
    """The categories a new channel may go to, in order: those not known to be full.
    ``channels_in``: how many channels a category holds (the client's cache; ``None``
    when not known, which counts as room)."""
    return tuple(
        c
        for c in ticket_categories(system)
        if (count := channels_in(c)) is None or count < CATEGORY_CHANNELS_MAX
    )
