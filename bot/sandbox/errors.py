"""Discord's error responses: HTTP status, JSON error code, message, and the nested `errors` tree
of 400 Invalid Form Body (`{"field": {"0": {"_errors": [{"code", "message"}]}}}`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


class DiscordError(Exception):
    """Raised by emulator handlers; the HTTP layer turns it into Discord's JSON error body."""

    def __init__(
        self, status: int, code: int, message: str, errors: dict[str, Any] | None = None
    ) -> None:
        super().__init__(f"{status} {code} {message}")
        self.status = status
        self.code = code
        self.message = message
        self.errors = errors

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"message": self.message, "code": self.code}
        if self.errors:
            body["errors"] = self.errors
        return body


# JSON error codes (developer docs, "Opcodes and Status Codes").
GENERAL = 0
UNKNOWN_CHANNEL = 10003
UNKNOWN_GUILD = 10004
UNKNOWN_MEMBER = 10007
UNKNOWN_MESSAGE = 10008
UNKNOWN_OVERWRITE = 10009
UNKNOWN_ROLE = 10011
UNKNOWN_USER = 10013
UNKNOWN_WEBHOOK = 10015
UNKNOWN_INTERACTION = 10062
UNKNOWN_COMMAND = 10063
MAX_GUILD_CHANNELS = 30013
MAX_PINS = 30003
MAX_APPLICATION_COMMANDS = 30032
UNAUTHORIZED = 40001
ALREADY_ACKNOWLEDGED = 40060
MISSING_ACCESS = 50001
CANNOT_EDIT_OTHERS_MESSAGE = 50005
EMPTY_MESSAGE = 50006
CANNOT_SEND_TO_USER = 50007
MISSING_PERMISSIONS = 50013
INVALID_WEBHOOK_TOKEN = 50027
INVALID_FORM_BODY = 50035
THREAD_ARCHIVED = 50083
THREAD_LOCKED = 160005
MAX_ACTIVE_THREADS = 160006


class FormErrors:
    """Collects field errors under their JSON paths and builds Discord's `errors` tree."""

    def __init__(self) -> None:
        self._tree: dict[str, Any] = {}

    def add(self, path: Sequence[str | int], code: str, message: str) -> None:
        node = self._tree
        for part in path:
            node = node.setdefault(str(part), {})
        node.setdefault("_errors", []).append({"code": code, "message": message})

    def __bool__(self) -> bool:
        return bool(self._tree)

    @property
    def tree(self) -> dict[str, Any]:
        return self._tree

    def raise_if_any(self) -> None:
        if self._tree:
            raise invalid_form_body(self._tree)


def invalid_form_body(errors: dict[str, Any]) -> DiscordError:
    return DiscordError(400, INVALID_FORM_BODY, "Invalid Form Body", errors)


def form_error(path: Sequence[str | int], code: str, message: str) -> DiscordError:
    errors = FormErrors()
    errors.add(path, code, message)
    return invalid_form_body(errors.tree)


# The form-error code and text Discord answers for a channel or thread name its word filter
# refuses (community servers in Server Discovery). Field error codes are strings in Discord's
# answers, although the OpenAPI `Error` schema types `code` as an integer.
NAME_NOT_ALLOWED_CODE = "INVALID_COMMUNITY_PROPERTY_NAME"
NAME_NOT_ALLOWED_MESSAGE = "Contains words not allowed for servers in Server Discovery."


def name_not_allowed(path: Sequence[str | int] = ("name",)) -> DiscordError:
    return form_error(path, NAME_NOT_ALLOWED_CODE, NAME_NOT_ALLOWED_MESSAGE)


def unauthorized() -> DiscordError:
    return DiscordError(401, GENERAL, "401: Unauthorized")


def not_found_route() -> DiscordError:
    return DiscordError(404, GENERAL, "404: Not Found")


def unknown_channel() -> DiscordError:
    return DiscordError(404, UNKNOWN_CHANNEL, "Unknown Channel")


def unknown_guild() -> DiscordError:
    return DiscordError(404, UNKNOWN_GUILD, "Unknown Guild")


def unknown_member() -> DiscordError:
    return DiscordError(404, UNKNOWN_MEMBER, "Unknown Member")


def unknown_message() -> DiscordError:
    return DiscordError(404, UNKNOWN_MESSAGE, "Unknown Message")


def unknown_overwrite() -> DiscordError:
    return DiscordError(404, UNKNOWN_OVERWRITE, "Unknown Overwrite")


def unknown_role() -> DiscordError:
    return DiscordError(404, UNKNOWN_ROLE, "Unknown Role")


def unknown_user() -> DiscordError:
    return DiscordError(404, UNKNOWN_USER, "Unknown User")


def unknown_webhook() -> DiscordError:
    return DiscordError(404, UNKNOWN_WEBHOOK, "Unknown Webhook")


def invalid_webhook_token() -> DiscordError:
    return DiscordError(401, INVALID_WEBHOOK_TOKEN, "Invalid Webhook Token")


def unknown_interaction() -> DiscordError:
    return DiscordError(404, UNKNOWN_INTERACTION, "Unknown interaction")


def unknown_command() -> DiscordError:
    return DiscordError(404, UNKNOWN_COMMAND, "Unknown application command")


def already_acknowledged() -> DiscordError:
    return DiscordError(400, ALREADY_ACKNOWLEDGED, "Interaction has already been acknowledged.")


def missing_access() -> DiscordError:
    return DiscordError(403, MISSING_ACCESS, "Missing Access")


def missing_permissions() -> DiscordError:
    return DiscordError(403, MISSING_PERMISSIONS, "Missing Permissions")


def cannot_send_to_user() -> DiscordError:
    return DiscordError(403, CANNOT_SEND_TO_USER, "Cannot send messages to this user")


def cannot_edit_others_message() -> DiscordError:
    return DiscordError(
        403, CANNOT_EDIT_OTHERS_MESSAGE, "Cannot edit a message authored by another user"
    )


def empty_message() -> DiscordError:
    return DiscordError(400, EMPTY_MESSAGE, "Cannot send an empty message")


def max_guild_channels() -> DiscordError:
    return DiscordError(400, MAX_GUILD_CHANNELS, "Maximum number of guild channels reached (500)")


def max_application_commands() -> DiscordError:
    return DiscordError(
        400, MAX_APPLICATION_COMMANDS, "Maximum number of application commands reached"
    )


def max_active_threads() -> DiscordError:
    return DiscordError(400, MAX_ACTIVE_THREADS, "Maximum number of active threads reached")


def thread_archived() -> DiscordError:
    return DiscordError(400, THREAD_ARCHIVED, "Thread is archived")


def thread_locked() -> DiscordError:
    return DiscordError(403, THREAD_LOCKED, "Thread is locked")


def max_pins() -> DiscordError:
    return DiscordError(400, MAX_PINS, "Maximum number of pins reached for the channel (50)")
