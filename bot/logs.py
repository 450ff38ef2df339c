"""Structured logging set-up shared by every command of the CLI.

A redaction filter masks the token wherever it would appear (discord.py or aiohttp may
format request details into messages), so the token never reaches a log sink.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime

_REDACTED = "********"


class RedactFilter(logging.Filter):
    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self._secrets = [s for s in secrets if s]

    def filter(self, record: logging.LogRecord) -> bool:
        if not self._secrets:
            return True
        message = record.getMessage()
        redacted = message
        for secret in self._secrets:
            redacted = redacted.replace(secret, _REDACTED)
        if redacted != message:
            record.msg, record.args = redacted, None
        for key, value in _extras(record).items():
            if isinstance(value, str) and any(secret in value for secret in self._secrets):
                setattr(record, key, _REDACTED)
        return True


_STANDARD = frozenset(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


def _extras(record: logging.LogRecord) -> dict[str, object]:
    """What a call passed with ``extra=`` (ids, error kinds): the structured part of a line."""
    return {k: v for k, v in vars(record).items() if k not in _STANDARD and k[0] != "_"}


class TextFormatter(logging.Formatter):
    """``time level logger: message key=value ...``: extras stay visible in the text format."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)-7s %(name)s: %(message)s", "%H:%M:%S")

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        extras = _extras(record)
        if not extras:
            return line
        pairs = " ".join(f"{k}={v}" for k, v in extras.items())
        head, newline, tail = line.partition("\n")  # keep tracebacks after the pairs
        return f"{head} {pairs}{newline}{tail}"


class JsonFormatter(logging.Formatter):
    """One JSON object per line; extra attributes passed with ``extra=`` are kept."""

    def format(self, record: logging.LogRecord) -> str:
        payload: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        payload.update(_extras(record))
        if record.exc_info:
            payload["exception"] = self.formatException(record.exc_info)
        return json.dumps(payload, default=str, ensure_ascii=False)


_json_lines = False  # set by setup_logging: whether stderr speaks JSON only
_cli = logging.getLogger("guichet.cli")


def setup_logging(level: str = "INFO", fmt: str = "text", secrets: list[str] | None = None) -> None:
    """Every log record to stderr, one line each. In ``json``, every line is JSON: discord.py's
    and aiohttp's records, warnings (through ``py.warnings``), uncaught exceptions, and the
    CLI's own messages (:func:`say`)."""
    global _json_lines
    handler = logging.StreamHandler(sys.stderr)
    if fmt == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(TextFormatter())
    handler.addFilter(RedactFilter(secrets or []))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    _json_lines = fmt == "json"
    logging.captureWarnings(_json_lines)
    if _json_lines:
        sys.excepthook = _log_uncaught


def _log_uncaught(kind: type[BaseException], error: BaseException, trace: object) -> None:
    logging.getLogger("guichet").critical("uncaught exception", exc_info=(kind, error, trace))  # type: ignore[arg-type]


def say(line: str, *, level: int = logging.INFO) -> None:
    """A message of the CLI for the admin on stderr: plain, or a JSON line in ``json``."""
    if _json_lines:
        _cli.log(level, line)
    else:
        sys.stderr.write(line + "\n")
