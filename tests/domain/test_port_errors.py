"""One PortError for every port: the reconciler's and the services' names are the same type."""

from __future__ import annotations

import pytest

from bot.domain.port_errors import GONE, PortError, PortErrorKind
from bot.reconcile import port as panel_port
from bot.services import port as ticket_port


def test_both_ports_re_export_the_one_error_type() -> None:
    assert panel_port.PortError is ticket_port.PortError is PortError
    assert panel_port.PortErrorKind is ticket_port.PortErrorKind is PortErrorKind
    assert panel_port.GONE is GONE


@pytest.mark.parametrize(
    ("status", "code", "kind"),
    [
        (403, 50013, PortErrorKind.MISSING_PERMISSIONS),
        (403, 50001, PortErrorKind.MISSING_ACCESS),
        (404, 10003, PortErrorKind.UNKNOWN_CHANNEL),
        (404, 10008, PortErrorKind.UNKNOWN_MESSAGE),  # once only the reconciler's
        (404, 10007, PortErrorKind.UNKNOWN_MEMBER),  # once only the services'
        (403, 50007, PortErrorKind.DM_CLOSED),
        (400, 30013, PortErrorKind.GUILD_FULL),
        (400, 160006, PortErrorKind.THREAD_LIMIT),
        (429, None, PortErrorKind.RATE_LIMITED),
        (502, None, PortErrorKind.SERVER_ERROR),
        (400, 50035, PortErrorKind.OTHER),  # the field decides: see http_errors
    ],
)
def test_from_http(status: int, code: int | None, kind: PortErrorKind) -> None:
    error = PortError.from_http(status, code)
    assert (error.kind, error.status, error.code) == (kind, status, code)
