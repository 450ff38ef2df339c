from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from bot.config.specs import Style
from bot.domain.tickets import (
    CHANNEL_NAME_MAX,
    TRANSITIONS,
    OpenLimits,
    Priority,
    Refusal,
    Ticket,
    TicketError,
    TicketStatus,
    can_open,
    check_claim,
    check_close,
    check_delete,
    check_open_limits,
    check_priority_change,
    check_reopen,
    check_status_change,
    check_unclaim,
    cooldown_remaining,
    render_channel_name,
    sanitize_channel_name,
)

NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
TICKET = Ticket(
    id=1,
    guild_id=1,
    number=7,
    system_id="support",
    topic_id="billing",
    opener_id=10,
    style=Style.CHANNEL,
    locale="fr",
    request_key="k",
    created_at=NOW,
)
S = TicketStatus
ALLOWED = {
    (S.OPEN, S.IN_PROGRESS),
    (S.OPEN, S.ON_HOLD),
    (S.OPEN, S.CLOSED),
    (S.IN_PROGRESS, S.OPEN),
    (S.IN_PROGRESS, S.ON_HOLD),
    (S.IN_PROGRESS, S.CLOSED),
    (S.ON_HOLD, S.OPEN),
    (S.ON_HOLD, S.IN_PROGRESS),
    (S.ON_HOLD, S.CLOSED),
}


def _refusal(check, *args) -> Refusal | None:
    try:
        check(*args)
    except TicketError as error:
        return error.code
    return None


def test_transition_table_matches_the_rules() -> None:
    table = {(a, b) for a, targets in TRANSITIONS.items() for b in targets}
    assert table == ALLOWED


@pytest.mark.parametrize("current", list(S))
@pytest.mark.parametrize("target", list(S))
def test_status_changes(current: TicketStatus, target: TicketStatus) -> None:
    ticket = replace(TICKET, status=current)
    refusal = _refusal(check_status_change, ticket, target)
    if (current, target) in ALLOWED:
        assert refusal is None
    elif current is S.CLOSED:
        assert refusal is Refusal.CLOSED  # reopen first
    else:
        assert refusal is Refusal.UNCHANGED
    deleted = replace(ticket, deleted_at=NOW)
    assert _refusal(check_status_change, deleted, target) is Refusal.DELETED


@pytest.mark.parametrize(
    ("status", "deleted", "close", "reopen", "delete"),
    [
        (S.OPEN, False, None, Refusal.NOT_CLOSED, None),
        (S.IN_PROGRESS, False, None, Refusal.NOT_CLOSED, None),
        (S.ON_HOLD, False, None, Refusal.NOT_CLOSED, None),
        (S.CLOSED, False, Refusal.CLOSED, None, None),
        (S.CLOSED, True, Refusal.DELETED, Refusal.DELETED, Refusal.DELETED),
        (S.OPEN, True, Refusal.DELETED, Refusal.DELETED, Refusal.DELETED),
    ],
)
def test_close_reopen_delete(status, deleted, close, reopen, delete) -> None:
    ticket = replace(TICKET, status=status, deleted_at=NOW if deleted else None)
    assert _refusal(check_close, ticket) is close
    assert _refusal(check_reopen, ticket) is reopen
    assert _refusal(check_delete, ticket) is delete
    assert ticket.is_open is (status is not S.CLOSED and not deleted)


def test_priority_changes() -> None:
    assert _refusal(check_priority_change, TICKET, Priority.HIGH) is None
    assert _refusal(check_priority_change, TICKET, Priority.NORMAL) is Refusal.UNCHANGED
    closed = replace(TICKET, status=S.CLOSED)
    assert _refusal(check_priority_change, closed, Priority.HIGH) is Refusal.CLOSED


def test_claims() -> None:
    assert _refusal(check_claim, TICKET, 5) is None
    assert _refusal(check_unclaim, TICKET) is Refusal.NOT_CLAIMED
    claimed = replace(TICKET, claimed_by=5)
    assert _refusal(check_claim, claimed, 5) is Refusal.ALREADY_CLAIMED
    with pytest.raises(TicketError) as caught:
        check_claim(claimed, 6)
    assert caught.value.code is Refusal.CLAIMED_BY_OTHER
    assert caught.value.details == {"claimed_by": 5}
    assert _refusal(check_unclaim, claimed) is None
    assert _refusal(check_claim, replace(TICKET, status=S.CLOSED), 5) is Refusal.CLOSED


def test_refusal_codes_are_not_sentences() -> None:
    for code in Refusal:
        assert code.value == code.value.lower() and " " not in code.value


@pytest.mark.parametrize(
    ("open_count", "max_open", "allowed"),
    [(0, 1, True), (1, 1, False), (2, 3, True), (3, 3, False), (4, 3, False), (99, 0, True)],
)
def test_can_open(open_count: int, max_open: int, allowed: bool) -> None:
    assert can_open(open_count, max_open) is allowed


@pytest.mark.parametrize(
    ("last", "cooldown", "remaining"),
    [
        (None, timedelta(minutes=10), timedelta(0)),
        (NOW - timedelta(minutes=3), timedelta(minutes=10), timedelta(minutes=7)),
        (NOW - timedelta(minutes=10), timedelta(minutes=10), timedelta(0)),
        (NOW - timedelta(hours=2), timedelta(minutes=10), timedelta(0)),
        (NOW - timedelta(minutes=3), timedelta(0), timedelta(0)),
        # Clock moved back: never more than the cooldown itself.
        (NOW + timedelta(hours=1), timedelta(minutes=10), timedelta(minutes=10)),
    ],
)
def test_cooldown_remaining(last, cooldown, remaining) -> None:
    assert cooldown_remaining(last, NOW, cooldown) == remaining


def test_check_open_limits() -> None:
    limits = OpenLimits(max_open=2, cooldown=timedelta(seconds=30))
    check_open_limits(limits, open_count=1, last_opened_at=NOW - timedelta(minutes=1), now=NOW)
    with pytest.raises(TicketError) as caught:
        check_open_limits(limits, open_count=2, last_opened_at=None, now=NOW)
    assert caught.value.code is Refusal.TOO_MANY_OPEN
    with pytest.raises(TicketError) as caught:
        check_open_limits(
            limits, open_count=0, last_opened_at=NOW - timedelta(seconds=10.2), now=NOW
        )
    assert (caught.value.code, caught.value.details) == (Refusal.COOLDOWN, {"retry_after": 20})


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Ticket 12", "ticket-12"),
        ("  Billing / Help!!  ", "billing-help"),
        ("Café Crème", "café-crème"),  # accents kept, as Discord keeps them
        ("ÉLODIE", "élodie"),
        ("ticket_007", "ticket_007"),
        ("a---b", "a-b"),
        ("💳 paiement", "paiement"),
        ("ｆｕｌｌｗｉｄｔｈ", "fullwidth"),  # NFKC
        ("Ⅻ", "xii"),
        ("日本語 テスト", "日本語-テスト"),
        ("--_x_--", "x"),
        ("🎫🎫", ""),
        ("", ""),
    ],
)
def test_sanitize_channel_name(raw: str, expected: str) -> None:
    assert sanitize_channel_name(raw) == expected


def test_sanitized_names_respect_discord_limits() -> None:
    name = sanitize_channel_name("x" * 98 + " y" * 20)
    assert name == "x" * 98 + "-y"
    assert len(name) == CHANNEL_NAME_MAX
    assert not sanitize_channel_name("a" * 99 + "-b").endswith("-")


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("ticket-{number}", "ticket-42"),
        ("{topic}-{member}", "billing-jean-dupont"),
        ("{member} #{number}", "jean-dupont-42"),
        ("{unknown}-{number}", "unknown-42"),
        ("🎫", "ticket-42"),  # nothing usable left: fallback
        ("{topic}", "billing"),
    ],
)
def test_render_channel_name(template: str, expected: str) -> None:
    assert (
        render_channel_name(template, number=42, member="Jean Dupont", topic="Billing") == expected
    )


def test_render_does_not_reinterpret_values() -> None:
    assert render_channel_name("{member}", number=1, member="{number}", topic="t") == "number"
    assert render_channel_name("{member}", number=3, member="🙂", topic="t") == "ticket-3"
