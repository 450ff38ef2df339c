"""Route labels stay bounded: ids, tokens and emoji never become label values."""

from __future__ import annotations

import pytest

from bot.observability.routes import interaction_callback, route_of

ID = "123456789012345678"


@pytest.mark.parametrize(
    ("path", "route"),
    [
        (f"/api/v10/channels/{ID}/messages", "/channels/{id}/messages"),
        (f"/api/v10/channels/{ID}/messages/{ID}", "/channels/{id}/messages/{id}"),
        (
            f"/api/v10/interactions/{ID}/aW50ZXJhY3Rpb246dG9rZW4/callback",
            "/interactions/{id}/{token}/callback",
        ),
        (
            f"/api/v10/webhooks/{ID}/aW50ZXJhY3Rpb246dG9rZW4/messages/@original",
            "/webhooks/{id}/{token}/messages/@original",
        ),
        (
            f"/api/v10/channels/{ID}/messages/{ID}/reactions/%F0%9F%91%8D/@me",
            "/channels/{id}/messages/{id}/reactions/{emoji}/@me",
        ),
        ("/api/v10/users/@me?with_counts=true", "/users/@me"),
    ],
)
def test_routes(path: str, route: str) -> None:
    assert route_of(path) == route


def test_interaction_callbacks_are_recognised() -> None:
    assert interaction_callback(f"/api/v10/interactions/{ID}/tok/callback") == int(ID)
    assert interaction_callback(f"/api/v10/webhooks/{ID}/tok") is None
