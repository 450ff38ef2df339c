"""bot/web's protections on a tiny page: CSP with a fresh nonce, the Host check, the signed
session cookie, CSRF tokens on every state-changing request, escaped Fluent words."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.i18n import Catalog
from bot.web import (
    CSRF_HEADER,
    PageText,
    SessionCodec,
    make_environment,
    render,
    security_middleware,
    session_middleware,
    viewer_locale,
)
from bot.web.sessions import session_of
from bot.web.templating import parse_accept_language

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog.load(REPO / "locales", strict=True)


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    (tmp_path / "hello.html").write_text(
        '{% extends "base.html" %}{% block body %}<p id="name">{{ t("sandbox-used-command", '
        'who=name, command="/x") }}</p><form method="post"><input name="csrf" value="{{ csrf }}">'
        '</form><script nonce="{{ nonce }}" type="application/json">{}</script>{% endblock %}',
        encoding="utf-8",
    )
    return tmp_path


@pytest.fixture
async def client(templates: Path, catalog: Catalog) -> AsyncIterator[TestClient]:
    env = make_environment(templates)
    codec = SessionCodec(b"k" * 32, path="/")

    async def hello(request: web.Request) -> web.Response:
        text = PageText(
            catalog, viewer_locale(catalog, accept=request.headers.get("Accept-Language"))
        )
        name = request.query.get("name", "")
        return render(env, "hello.html", request, {"t": text, "lang": text.locale, "name": name})

    async def change(request: web.Request) -> web.Response:
        session_of(request).set("changed", True)
        return web.Response(text="changed")

    app = web.Application(middlewares=[security_middleware(), session_middleware(codec)])
    app.router.add_get("/", hello)
    app.router.add_post("/change", change)
    async with TestClient(TestServer(app, host="127.0.0.1")) as test_client:
        yield test_client


async def test_every_page_has_a_csp_with_a_fresh_nonce_and_no_inline_scripts(client) -> None:
    first, second = await client.get("/"), await client.get("/")
    policy = first.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert policy != second.headers["Content-Security-Policy"]  # a nonce per response
    nonce = policy.split("'nonce-", 1)[1].split("'", 1)[0]
    assert f'nonce="{nonce}"' in await first.text()
    assert first.headers["X-Content-Type-Options"] == "nosniff"
    missing = await client.get("/nowhere")
    assert missing.status == 404 and "Content-Security-Policy" in missing.headers


async def test_unknown_hosts_are_refused(client) -> None:
    """A loopback page reached through DNS rebinding (another site's name) answers nothing."""
    refused = await client.get("/", headers={"Host": "evil.example:8080"})
    assert refused.status == 421
    assert (await client.get("/", headers={"Host": "localhost:1234"})).status == 200


async def test_session_cookie_is_signed_http_only_and_same_site(client) -> None:
    response = await client.get("/")
    cookie = response.cookies["guichet_session"]
    assert cookie["httponly"] and cookie["samesite"] == "Strict" and cookie["path"] == "/"
    codec = SessionCodec(b"k" * 32)
    assert codec.load(cookie.value).sid  # signed with the page's secret...
    tampered = cookie.value[:-2] + ("AA" if not cookie.value.endswith("AA") else "BB")
    assert codec.load(tampered).new  # ...and a changed byte starts a new session
    assert SessionCodec(b"x" * 32).load(cookie.value).new  # another secret: not ours


async def _token(client) -> str:
    html = await (await client.get("/")).text()
    return html.split('name="csrf" value="', 1)[1].split('"', 1)[0]


async def test_state_changes_need_the_sessions_csrf_token(client) -> None:
    token = await _token(client)
    assert (await client.post("/change")).status == 403
    assert (await client.post("/change", data={"csrf": "forged"})).status == 403
    assert (await client.post("/change", data={"csrf": token})).status == 200
    assert (await client.post("/change", headers={CSRF_HEADER: token})).status == 200
    # The same token with another session (a fresh browser) is refused.
    client.session.cookie_jar.clear()
    assert (await client.post("/change", headers={CSRF_HEADER: token})).status == 403


async def test_words_come_from_fluent_in_the_viewers_language_and_escaped(client) -> None:
    hostile = '<script>alert("x")</script>'
    fr = await client.get(
        "/", params={"name": hostile}, headers={"Accept-Language": "fr-CA,en;q=0.5"}
    )
    html = await fr.text()
    assert '<html lang="fr"' in html and "a utilisé /x" in html
    assert hostile not in html and "&lt;script&gt;" in html
    en = await client.get("/", params={"name": "Ann"}, headers={"Accept-Language": "pt-BR"})
    assert "Ann used /x" in await en.text()  # not shipped: en-US


def test_accept_language_is_read_by_quality(catalog: Catalog) -> None:
    assert parse_accept_language("de;q=0.5, fr-CA, en;q=0.8, *;q=0.1, es;q=0") == [
        "fr-CA",
        "en",
        "de",
    ]
    # An explicit choice (a Discord client language) comes first when it is shipped.
    assert viewer_locale(catalog, ["de", "en-GB"], accept="fr") == "en-US"
    assert viewer_locale(catalog, ["de"], accept="fr-FR,en;q=0.1") == "fr"
    assert viewer_locale(catalog, [None], accept=None) == "en-US"
