"""The emulator's OAuth2 authorization code grant, as Discord documents it (topics/oauth2):
the consent screen, the code exchange, Bearer tokens on /users/@me and /users/@me/guilds, and
every refusal a sign-in must handle."""

from __future__ import annotations

import base64
import re
from urllib.parse import parse_qs, urlencode, urlsplit

import aiohttp
import pytest

from bot.sandbox.permissions import Perm
from bot.sandbox.server import Emulator

CALLBACK = "http://127.0.0.1:9/callback"


def _authorize_query(emulator: Emulator, **over: str) -> str:
    params = {
        "response_type": "code",
        "client_id": str(emulator.state.application_id),
        "scope": "identify guilds",
        "state": "s-123",
        "redirect_uri": CALLBACK,
        "prompt": "consent",
    }
    return urlencode({**params, **over})


def _basic(emulator: Emulator, secret: str | None = None) -> str:
    raw = f"{emulator.state.application_id}:{secret or emulator.oauth2.client_secret}"
    return "Basic " + base64.b64encode(raw.encode()).decode()


@pytest.fixture
def seeded(emulator: Emulator):
    guild = emulator.add_guild("Shop", locale="fr")
    mod = emulator.add_role(guild.id, "mods", permissions=Perm.MANAGE_GUILD)
    member = emulator.add_member(guild.id, "Zoé", roles=[mod.id], locale="fr")
    emulator.add_guild("Other")
    emulator.oauth2.redirect_uris.add(CALLBACK)
    return guild, member


async def _sign_in(emulator: Emulator, http: aiohttp.ClientSession, user_id: int) -> str:
    url = f"{emulator.url}/oauth2/authorize"
    async with http.get(f"{url}?{_authorize_query(emulator)}") as response:
        assert response.status == 200
        page = await response.text()
    assert f'value="{user_id}"' in page
    first_person = page.split("oauth-people")[1].split("</li>")[0]
    form = dict(re.findall(r'name="(\w+)" value="([^"]*)"', first_person))
    form.update(user_id=str(user_id), decision="authorize")
    async with http.post(url, data=form, allow_redirects=False) as response:
        assert response.status == 302, await response.text()
        location = urlsplit(response.headers["Location"])
    query = parse_qs(location.query)
    assert f"{location.scheme}://{location.netloc}{location.path}" == CALLBACK
    assert query["state"] == ["s-123"]
    return query["code"][0]


async def _token(emulator: Emulator, http: aiohttp.ClientSession, data: dict[str, str], **kw):
    async with http.post(f"{emulator.api_url}/oauth2/token", data=data, **kw) as response:
        return response.status, await response.json()


async def test_code_exchange_and_bearer_routes(emulator: Emulator, seeded) -> None:
    guild, member = seeded
    async with aiohttp.ClientSession() as http:
        code = await _sign_in(emulator, http, member.user.id)
        grant = {"grant_type": "authorization_code", "code": code, "redirect_uri": CALLBACK}
        status, token = await _token(
            emulator, http, grant, headers={"Authorization": _basic(emulator)}
        )
        assert status == 200, token
        assert token["token_type"] == "Bearer" and token["scope"] == "guilds identify"
        bearer = {"Authorization": f"Bearer {token['access_token']}"}
        async with http.get(f"{emulator.api_url}/users/@me", headers=bearer) as response:
            me = await response.json()
        assert me["id"] == str(member.user.id) and me["locale"] == "fr"
        async with http.get(f"{emulator.api_url}/users/@me/guilds", headers=bearer) as response:
            guilds = await response.json()
        # Only the member's server, with the permissions their roles give.
        assert [g["id"] for g in guilds] == [str(guild.id)]
        assert int(guilds[0]["permissions"]) & Perm.MANAGE_GUILD and not guilds[0]["owner"]
        # A Bearer token opens nothing else.
        url = f"{emulator.api_url}/guilds/{guild.id}"
        async with http.get(url, headers=bearer) as response:
            assert response.status == 401
        # The code was single use.
        status, body = await _token(
            emulator, http, grant, headers={"Authorization": _basic(emulator)}
        )
        assert (status, body["error"]) == (400, "invalid_grant")
        # Revoked, the token is refused.
        form = {"token": token["access_token"], "client_id": str(emulator.state.application_id)}
        form["client_secret"] = emulator.oauth2.client_secret
        async with http.post(f"{emulator.api_url}/oauth2/token/revoke", data=form) as response:
            assert response.status == 200
        async with http.get(f"{emulator.api_url}/users/@me", headers=bearer) as response:
            assert response.status == 401


async def test_refusals(emulator: Emulator, seeded) -> None:
    _, member = seeded
    url = f"{emulator.url}/oauth2/authorize"
    async with aiohttp.ClientSession() as http:
        # An unregistered redirect_uri is an error page, never a redirect.
        query = _authorize_query(emulator, redirect_uri="https://evil.example/cb")
        async with http.get(f"{url}?{query}", allow_redirects=False) as response:
            assert response.status == 400
            assert "redirect_uri" in await response.text()
        async with http.get(f"{url}?{_authorize_query(emulator, scope='email')}") as response:
            assert response.status == 400
        # Another site cannot post a consent: the form's token is missing.
        form = {k: v[0] for k, v in parse_qs(_authorize_query(emulator)).items()}
        form.update(user_id=str(member.user.id), decision="authorize")
        async with http.post(url, data=form, allow_redirects=False) as response:
            assert response.status == 403
        # Cancel goes back with access_denied and the state.
        async with http.get(f"{url}?{_authorize_query(emulator)}") as response:
            cancel_form = (await response.text()).rsplit("<form", 1)[1]
        form = dict(re.findall(r'name="(\w+)" value="([^"]*)"', cancel_form), decision="cancel")
        async with http.post(url, data=form, allow_redirects=False) as response:
            location = parse_qs(urlsplit(response.headers["Location"]).query)
        assert location["error"] == ["access_denied"] and location["state"] == ["s-123"]

        code = await _sign_in(emulator, http, member.user.id)
        grant = {"grant_type": "authorization_code", "code": code, "redirect_uri": CALLBACK}
        # A wrong secret, JSON instead of a form, another redirect_uri: refused.
        status, body = await _token(
            emulator, http, grant, headers={"Authorization": _basic(emulator, "nope")}
        )
        assert (status, body["error"]) == (401, "invalid_client")
        async with http.post(
            f"{emulator.api_url}/oauth2/token",
            json=grant,
            headers={"Authorization": _basic(emulator)},
        ) as response:
            assert response.status == 400
        other = {**grant, "redirect_uri": CALLBACK + "/x"}
        status, body = await _token(
            emulator, http, other, headers={"Authorization": _basic(emulator)}
        )
        assert (status, body["error"]) == (400, "invalid_grant")
