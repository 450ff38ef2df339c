"""Discord's REST rate-limit figures, in one place, each with its source.

Discord publishes the mechanism and the global figure, never per-route figures ("rate limits
should not be hard coded into your app"): the others are observed behaviour, cited, or a
stand-in said to be one. `bot.sandbox.rate_limits` applies them.
"""

from __future__ import annotations

from dataclasses import dataclass

DOCS = "discord-api-docs developers/topics/rate-limits.mdx"


@dataclass(frozen=True, slots=True)
class Limit:
    """`requests` per window of `per` seconds, and where the figure comes from."""

    requests: int
    per: float
    source: str


# --- the numbers ---------------------------------------------------------------------------

GLOBAL = Limit(
    50,
    1.0,
    f"documented ({DOCS}, Global Rate Limit): 'All bots can make up to 50 requests per second "
    "to our API'; 'Interaction endpoints are not bound to the bot's Global Rate Limit'",
)
ROUTE_DEFAULT = Limit(
    5,
    5.0,
    "stand-in: no published or observed figure for the route; 5 per 5 s is the shape Discord "
    "reports for most channel routes (discord-api-docs issues 5646 and 8161)",
)
MESSAGE_CREATE = Limit(
    5,
    5.0,
    "observed per channel: discord-api-docs issue 5646 (POST /channels/{id}/messages answers "
    "limit 5, reset-after 5.588 when exhausted) and issue 2761 (message create and edit: 5/5)",
)
MESSAGE_EDIT = Limit(
    5,
    5.0,
    "observed per channel: discord-api-docs issue 2761 (edit reports the 5/5 bucket of create) "
    "and issue 8073 (create and edit are distinct internal buckets)",
)
CHANNEL_EDIT = Limit(
    10,
    15.0,
    "observed per channel: discord-api-docs issue 2208 ('any changes except name or topic => "
    "10 every 15 seconds') and issue 2761 ('the default 10/15 bucket')",
)
CHANNEL_NAME_TOPIC = Limit(
    2,
    600.0,
    "observed per channel: discord-api-docs issue 1900 (a third rename in 10 minutes is a 429 "
    "whose headers still show the 10/15 route bucket), issue 2208 (name and topic edits share "
    "it), discord.py issue 9073 (Rapptz: 'Channel name and topic edits have a 2/10 minutes')",
)
INTERACTION_WEBHOOK = Limit(
    5,
    2.0,
    "observed per webhook id + token: discord-api-docs issue 6753 quoting the webhooks guide "
    "('5 requests per 2 seconds per webhook'); interaction follow-ups are webhooks of the "
    "application with the interaction's token",
)
# Routes Discord answers without any rate-limit header and never limits: the interaction
# callback. Observed: hikari's route table marks POST /interactions/{id}/{token}/callback (like
# the OAuth2 token routes) `has_ratelimits=False` and logs an error asking to be told if a bucket
# header ever shows up there; an interaction is answered once anyway, and the route is not bound
# by the global limit (documented, see GLOBAL).
UNBUCKETED_ROUTES = frozenset(
    {("POST", "/interactions/{interaction_id}/{interaction_token}/callback")}
)


@dataclass(frozen=True, slots=True)
class RouteLimit:
    bucket: str  # the name behind X-RateLimit-Bucket; routes naming the same bucket share it
    limit: Limit


# (method, route template without /api/v10) -> its bucket. Other routes get ROUTE_DEFAULT in
# a bucket of their own.
ROUTE_LIMITS: dict[tuple[str, str], RouteLimit] = {
    ("POST", "/channels/{channel_id}/messages"): RouteLimit("message-create", MESSAGE_CREATE),
    ("PATCH", "/channels/{channel_id}/messages/{message_id}"): RouteLimit(
        "message-edit", MESSAGE_EDIT
    ),
    ("PATCH", "/channels/{channel_id}"): RouteLimit("channel-edit", CHANNEL_EDIT),
    **{
        (method, f"/webhooks/{{webhook_id}}/{{webhook_token}}{tail}"): RouteLimit(
            "interaction-webhook", INTERACTION_WEBHOOK
        )
        for method, tail in (
            ("POST", ""),
            ("GET", "/messages/@original"),
            ("PATCH", "/messages/@original"),
            ("DELETE", "/messages/@original"),
            ("GET", "/messages/{message_id}"),
            ("PATCH", "/messages/{message_id}"),
            ("DELETE", "/messages/{message_id}"),
        )
    },
}
# A sub-limit inside a route's bucket: PATCH /channels/{id} carrying one of these fields.
NAME_TOPIC_FIELDS = frozenset({"name", "topic"})
NAME_TOPIC_BUCKET = "channel-name-topic"

# Top-level resources: "currently limited to channels (channel_id), guilds (guild_id), and
# webhooks (webhook_id or webhook_id + webhook_token)" (documented, DOCS). Interaction ids
# stand in for the webhook they are.
MAJOR_PARAMETERS = (
    ("channel_id",),
    ("guild_id",),
    ("webhook_id", "webhook_token"),
    ("interaction_id", "interaction_token"),
)
INTERACTION_PREFIXES = ("/interactions/", "/webhooks/")
