"""Discord's own OpenAPI description of the HTTP API v10, as the emulator's referee.

The emulator runs every JSON body the bot sends through `OpenApiValidator.request_errors`, so a
payload real Discord would refuse with 400 / 50035 fails the tests too; every response it sends
through `response_errors` and every Gateway payload through `gateway_events`, so a shape real
Discord would never send (a field missing, a wrong type) fails them as well.

- `validator`: loading, path matching, request/response/named-schema validation, caches;
- `transform`: the request-side leniencies and the speed rewrites, applied at load;
- `explain`: readable errors (`RequestError`, `format_path`);
- `gateway_events`: which schema each Gateway payload is checked against.
"""

from __future__ import annotations

from bot.sandbox.openapi.explain import RequestError, format_path
from bot.sandbox.openapi.validator import (
    API_PREFIX,
    ENV_VAR,
    NO_BODY,
    OpenApiValidator,
    Operation,
    find_spec,
)

__all__ = [
    "API_PREFIX",
    "ENV_VAR",
    "NO_BODY",
    "OpenApiValidator",
    "Operation",
    "RequestError",
    "find_spec",
    "format_path",
]
