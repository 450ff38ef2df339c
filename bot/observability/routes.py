"""Discord API paths as bounded route labels: ids, tokens and emoji become placeholders."""

from __future__ import annotations

import re

_API = re.compile(r"^/api/v\d+")
_TOKENED = re.compile(r"^/(interactions|webhooks)/(\{id\})/[^/]+")
_REACTION = re.compile(r"/reactions/[^/]+")
_SNOWFLAKE = re.compile(r"/\d{15,21}(?=/|$)")


def route_of(path: str) -> str:
    """``/api/v10/channels/123…/messages/456…`` → ``/channels/{id}/messages/{id}``."""
    route = _API.sub("", path.split("?", 1)[0]) or "/"
    route = _SNOWFLAKE.sub("/{id}", route)
    route = _TOKENED.sub(r"/\1/\2/{token}", route)
    return _REACTION.sub("/reactions/{emoji}", route)


_CALLBACK = re.compile(r"^/api/v\d+/interactions/(\d{15,21})/[^/]+/callback")


def interaction_callback(path: str) -> int | None:
    """The interaction id of ``POST /interactions/{id}/{token}/callback``, else None."""
    found = _CALLBACK.match(path)
    return int(found.group(1)) if found else None
