"""Sign in with Discord: the authorization code grant, client side (developer docs,
topics/oauth2). Only ``identify`` and ``guilds`` are asked for; the access token is used at
sign-in to read who the person is and which servers they are in, then dropped (the dashboard
asks the bot, not the person's token, whether they are staff at each request)."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import aiohttp

SCOPES = ("identify", "guilds")
TIMEOUT = aiohttp.ClientTimeout(total=15)


class OAuthError(Exception):
    """Discord refused or could not be reached; ``kind`` names which step (never a secret)."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


@dataclass(frozen=True, slots=True)
class SignedInUser:
    user_id: int
    name: str
    locale: str | None
    guild_ids: tuple[int, ...]


class DiscordOAuth:
    def __init__(
        self,
        *,
        client_id: str,
        client_secret: str,
        api_base: str,
        authorize_url: str,
        redirect_uri: str,
    ) -> None:
        self._client_id = client_id
        self._client_secret = client_secret
        self._api = api_base.rstrip("/")
        self._authorize = authorize_url
        self.redirect_uri = redirect_uri

    def authorize_url(self, state: str) -> str:
        query = {
            "response_type": "code",
            "client_id": self._client_id,
            "scope": " ".join(SCOPES),
            "state": state,
            "redirect_uri": self.redirect_uri,
            "prompt": "none",  # no second consent screen for someone who already agreed
        }
        return f"{self._authorize}?{urlencode(query)}"

    def _basic(self) -> dict[str, str]:
        raw = f"{self._client_id}:{self._client_secret}".encode()
        return {"Authorization": "Basic " + base64.b64encode(raw).decode()}

    async def sign_in(self, code: str) -> SignedInUser:
        async with aiohttp.ClientSession(timeout=TIMEOUT) as http:
            token = await self._exchange(http, code)
            bearer = {"Authorization": f"Bearer {token}"}
            me = await self._get(http, "/users/@me", bearer, "me")
            guilds = await self._get(http, "/users/@me/guilds", bearer, "guilds")
            await self._revoke(http, token)
        try:
            user_id = int(me["id"])
            name = str(me.get("global_name") or me.get("username") or user_id)
            guild_ids = tuple(int(g["id"]) for g in guilds)
        except (KeyError, TypeError, ValueError):
            raise OAuthError("bad-answer") from None
        locale = me.get("locale") if isinstance(me.get("locale"), str) else None
        return SignedInUser(user_id, name, locale, guild_ids)

    async def _exchange(self, http: aiohttp.ClientSession, code: str) -> str:
        form = {"grant_type": "authorization_code", "code": code, "redirect_uri": self.redirect_uri}
        try:
            async with http.post(
                f"{self._api}/oauth2/token",
                data=form,
                headers=self._basic(),
            ) as response:
                body: Any = await response.json(content_type=None)
                if response.status != 200 or not isinstance(body, dict):
                    raise OAuthError("token")
        except (aiohttp.ClientError, TimeoutError, ValueError):
            raise OAuthError("unreachable") from None
        token = body.get("access_token")
        if not isinstance(token, str):
            raise OAuthError("token")
        return token

    async def _get(
        self, http: aiohttp.ClientSession, path: str, headers: dict[str, str], kind: str
    ) -> Any:
        try:
            async with http.get(self._api + path, headers=headers) as response:
                if response.status != 200:
                    raise OAuthError(kind)
                return await response.json(content_type=None)
        except (aiohttp.ClientError, TimeoutError, ValueError):
            raise OAuthError("unreachable") from None

    async def _revoke(self, http: aiohttp.ClientSession, token: str) -> None:
        """The token is not kept, so it should not stay valid either; a failure is harmless."""
        try:
            async with http.post(
                f"{self._api}/oauth2/token/revoke",
                data={"token": token, "token_type_hint": "access_token"},
                headers=self._basic(),
            ):
                pass
        except (aiohttp.ClientError, TimeoutError):
            pass
