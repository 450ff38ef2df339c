"""discord.py's HTTP exceptions, translated once into the ports' plain :class:`PortError`."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator
from typing import Any, TypeVar

import discord

from bot.domain.port_errors import PortError, PortErrorKind

INVALID_FORM_BODY = 50035
# The form-error code Discord puts under ``parent_id`` when the category holds 50 channels.
CATEGORY_FULL_CODE = "CHANNEL_PARENT_MAX_CHANNELS"

T = TypeVar("T")


async def within(deadline: float | None, call: Callable[[], Awaitable[T]]) -> T:
    """Await ``call()`` (one discord.py call) within ``deadline`` seconds (``None``: no
    deadline of ours); every way it fails becomes a :class:`PortError`, so no port lets a
    discord.py exception escape to the services or the reconcilers.

    - no answer by the deadline (429 waits and 5xx retries included): TIMEOUT;
    - ``discord.RateLimited``: a 429 whose ``retry_after`` is past the client's
      ``max_ratelimit_timeout`` (the bot sets 30 s), raised instead of slept through, and not
      an ``HTTPException``: RATE_LIMITED, with the wait Discord asked for;
    - any other HTTP error: its kind (:func:`port_error`).
    """
    try:
        async with asyncio.timeout(deadline):
            return await call()
    except TimeoutError:
        raise PortError(PortErrorKind.TIMEOUT) from None
    except discord.RateLimited as exc:
        raise PortError(
            PortErrorKind.RATE_LIMITED, status=429, retry_after=exc.retry_after
        ) from exc
    except discord.HTTPException as exc:
        raise port_error(exc) from exc


def port_error(exc: discord.HTTPException) -> PortError:
    """Every port's view of a failed Discord call (status and JSON code kept).

    Most kinds follow from the status and JSON code; 50035 (invalid form body) needs the
    field errors: a full category is reported under ``parent_id``, a refused name under
    ``name``.
    """
    code = exc.code or None
    if code == INVALID_FORM_BODY:
        fields = dict(_form_errors(getattr(exc, "_errors", None) or {}))
        kind = None
        if CATEGORY_FULL_CODE in fields.get("parent_id", ()):
            kind = PortErrorKind.CATEGORY_FULL
        elif "name" in fields:
            kind = PortErrorKind.NAME_REFUSED
        if kind is not None:
            return PortError(kind, status=exc.status, code=code)
    return PortError.from_http(exc.status, code)


def _form_errors(tree: dict[str, Any], path: str = "") -> Iterator[tuple[str, tuple[str, ...]]]:
    """(dotted field path, error codes) for each field of Discord's nested ``errors`` tree.

    discord.py keeps the raw tree only on a private attribute (``_errors``), so this reads it
    defensively: anything unexpected yields nothing and the caller falls back to the code.
    """
    for key, value in tree.items():
        if not isinstance(value, dict):
            continue
        where = f"{path}.{key}" if path else key
        errors = value.get("_errors")
        if isinstance(errors, list):
            yield where, tuple(str(e.get("code", "")) for e in errors if isinstance(e, dict))
        else:
            yield from _form_errors(value, where)
