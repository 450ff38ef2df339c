"""discord.py's table of rate-limit buckets, swept in amortised constant time.

discord.py keeps one ``Ratelimit`` per key (the route's bucket hash and its major parameters:
channel, guild, webhook) in ``HTTPClient._buckets``. Once the table holds 256 keys,
``HTTPClient.get_ratelimit`` scans *all* of them for inactive ones (idle 300 s, nothing
pending) each time it creates a key. A burst of openings creates a key per new channel and
route (its welcome message, its thread members, its log lines...) while none is 300 s old,
so every new key pays a full scan that frees nothing: quadratic work on the event loop
(issue 11 measured a fifth of the bot's busy time in it under 1,000 openings).

:class:`SweptHTTPClient` keeps discord.py's rule (inactive buckets go, active ones stay) and
its floor of 256, but scans only once the table has doubled since the last scan: amortised
O(1) per new key, and the table never holds more than twice what the last scan kept (or
256). discord.py offers no setting for this; the subclass overrides the one private method,
pinned by the ``discord.py>=2.7.1,<2.8`` requirement and by tests/discord_app/test_rate_buckets.py.
"""

from __future__ import annotations

import discord
from discord.http import HTTPClient

# discord.py's own threshold: below it, nothing is ever scanned.
SWEEP_FLOOR = 256


class SweptHTTPClient(HTTPClient):
    """discord.py's HTTP client whose bucket table is swept when it doubles."""

    _guichet_sweep_at: int = SWEEP_FLOOR

    def _try_clear_expired_ratelimits(self) -> None:
        if len(self._buckets) < self._guichet_sweep_at:
            return
        for key in [key for key, bucket in self._buckets.items() if bucket.is_inactive()]:
            del self._buckets[key]
        self._guichet_sweep_at = max(SWEEP_FLOOR, 2 * len(self._buckets))


def sweep_buckets_amortised(client: discord.Client) -> None:
    """Give ``client`` the amortised sweep (before or after login: only the method changes).

    The client's ``HTTPClient`` is made a :class:`SweptHTTPClient` in place: the connection
    state, the webhook adapter and the pacer all hold this very object, so replacing it with
    a new one would leave them on the old."""
    http = client.http
    if not isinstance(http, SweptHTTPClient):
        http.__class__ = SweptHTTPClient
