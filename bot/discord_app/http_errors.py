"""discord.py's HTTP exceptions, translated once into the ports' plain :class:`PortError`."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, TypeVar

import aiohttp
import discord

from bot.domain.port_errors import PortError, PortErrorKind
from bot.services import urgency

INVALID_FORM_BODY = 50035
# The form-error code Discord puts under ``parent_id`` when the category holds 50 channels.
CATEGORY_FULL_CODE = "CHANNEL_PARENT_MAX_CHANNELS"

T = TypeVar("T")


@dataclass
class _Call:
    """The current `within` call: the "Discord did not answer" deadline of its requests, and
    whether one is waiting for its turn in the pacer (so not sent yet)."""

    deadline: float | None
    held: bool = False


_CALL: ContextVar[_Call | None] = ContextVar("guichet_port_call", default=None)


def holding(held: bool) -> None:
    """The pacer says the current call's request waits for its turn (True) or has it."""
    call = _CALL.get()
    if call is not None:
        call.held = held


async def within(
    deadline: float | None, call: Callable[[], Awaitable[T]], *, background: bool = False
) -> T:
    """Await ``call()`` (one discord.py call) with Discord given ``deadline`` seconds to
    answer each of its requests (``None``: no deadline of ours); every way it fails becomes
    a :class:`PortError`, so no port lets a discord.py exception escape to the services or
    the reconcilers.

    The deadline starts when a request leaves, not when it is asked for: waiting for its
    turn under the rate limits (the bot's global pacer, discord.py's wait for a route's
    bucket) is no failure of Discord's, and in a burst it alone takes a minute or more. Each
    attempt gets the whole deadline (see :func:`answer_within_deadline`); discord.py's sleep
    after a 429 between two attempts is bounded by the client's ``max_ratelimit_timeout``
    (the bot sets 30 s, past which it raises instead). What bounds the whole of an
    operation, queueing included, is its own deadline (``bot.services.urgency.bounded``: an
    opening's), enforced here too.

    - no answer by the deadline, or the operation out of time once its request had left the
      pacer: TIMEOUT (Discord may have done it);
    - the operation out of time while its request still waited for its turn in the pacer:
      RATE_LIMITED, since it was never sent (nothing to look for afterwards);
    - ``discord.RateLimited``: a 429 whose ``retry_after`` is past the client's
      ``max_ratelimit_timeout``, raised instead of slept through, and not an
      ``HTTPException``: RATE_LIMITED, with the wait Discord asked for;
    - the connection lost before Discord's answer (a reset, the server disconnecting, no
      route to it: aiohttp's ``ClientConnectionError``, which discord.py retries only for a
      reset it recognises by errno): TIMEOUT too, for the same reason: Discord may have done
      it, or not;
    - any other HTTP error: its kind (:func:`port_error`).
    """
    state = _Call(deadline)
    token = _CALL.set(state)
    try:
        with urgency.background() if background else contextlib.nullcontext():
            async with asyncio.timeout(urgency.remaining()):
                return await call()
    except TimeoutError:
        if state.held:
            raise PortError(PortErrorKind.RATE_LIMITED) from None
        raise PortError(PortErrorKind.TIMEOUT) from None
    except discord.RateLimited as exc:
        raise PortError(
            PortErrorKind.RATE_LIMITED, status=429, retry_after=exc.retry_after
        ) from exc
    except discord.HTTPException as exc:
        raise port_error(exc) from exc
    except aiohttp.ClientConnectionError as exc:
        raise PortError(PortErrorKind.TIMEOUT) from exc
    finally:
        _CALL.reset(token)


def answer_within_deadline(request: Callable[..., Awaitable[T]]) -> Callable[..., Awaitable[T]]:
    """`request` (discord.py's ``HTTPClient.request``, once the pacer let it go) with the
    current :func:`within` deadline as aiohttp's timeout: discord.py hands its keyword
    arguments to each ``ClientSession.request`` attempt, so the clock runs from the moment
    the request is sent (after discord.py's bucket wait) until Discord's answer is read, and
    a timeout raises ``TimeoutError`` out of discord.py's retry loop."""

    async def bounded(*args: Any, **kwargs: Any) -> T:
        call = _CALL.get()
        if call is not None and call.deadline is not None and "timeout" not in kwargs:
            kwargs["timeout"] = aiohttp.ClientTimeout(total=call.deadline)
        return await request(*args, **kwargs)

    return bounded


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
