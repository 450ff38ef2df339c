"""discord.py's HTTP exceptions, translated once into the ports' plain :class:`PortError`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import discord

from bot.domain.port_errors import PortError, PortErrorKind

INVALID_FORM_BODY = 50035
# The form-error code Discord puts under ``parent_id`` when the category holds 50 channels.
CATEGORY_FULL_CODE = "CHANNEL_PARENT_MAX_CHANNELS"


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
