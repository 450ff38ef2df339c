"""Jinja2 for Guichet's pages: autoescape always on, every word through Fluent.

A template never holds a word of its own: it calls ``t("page-some-id", count=3)``, which the
page binds to the viewer's language for each response. Texts come back as plain strings and
Jinja2 escapes them like any other value, so a Fluent variable holding user text (a member's
name, a channel topic) is escaped too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import jinja2
from aiohttp import web

from bot.i18n.negotiation import DEFAULT_LOCALE

TEMPLATES_DIR = Path(__file__).parent / "templates"


class MessageCatalog(Protocol):
    """What a page needs of :class:`bot.i18n.Catalog`."""

    locales: tuple[str, ...]

    def negotiate(self, requested: str | None) -> str | None: ...

    def translate(self, msg_id: str, locale: str | None, **args: object) -> str: ...


@dataclass(frozen=True, slots=True)
class PageText:
    """The page's words in one language: ``t("id", **args)`` in templates and handlers."""

    catalog: MessageCatalog
    locale: str

    def __call__(self, msg_id: str, **args: object) -> str:
        return self.catalog.translate(msg_id, self.locale, **args)


def make_environment(*template_dirs: Path) -> jinja2.Environment:
    """An environment over the page's own templates, then the shared ones (``base.html``).

    Autoescape is on for every template whatever its name, and an undefined variable is an
    error rather than an empty string, so a typo cannot silently blank a value."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader([*map(str, template_dirs), str(TEMPLATES_DIR)]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        enable_async=False,
    )


def render(
    env: jinja2.Environment,
    name: str,
    request: web.Request,
    context: Mapping[str, Any],
    *,
    status: int = 200,
) -> web.Response:
    """Render ``name`` as an HTML response; the request's CSP nonce and CSRF token (set by
    :mod:`bot.web.security` and :mod:`bot.web.sessions`) are passed along."""
    from bot.web.security import NONCE_KEY
    from bot.web.sessions import csrf_token

    html = env.get_template(name).render(
        {"nonce": request.get(NONCE_KEY) or "", "csrf": csrf_token(request), **context}
    )
    return web.Response(text=html, status=status, content_type="text/html", charset="utf-8")


def parse_accept_language(header: str | None) -> list[str]:
    """Language tags of an ``Accept-Language`` header, most wanted first (q=0 dropped)."""
    if not header:
        return []
    weighted: list[tuple[float, int, str]] = []
    for index, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        tag = tag.strip()
        if not tag or tag == "*":
            continue
        quality = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality > 0:
            weighted.append((-quality, index, tag))
    return [tag for _, _, tag in sorted(weighted)]


def viewer_locale(
    catalog: MessageCatalog, preferred: Iterable[str | None] = (), *, accept: str | None = None
) -> str:
    """The shipped locale a page speaks: the first of ``preferred`` (an explicit choice, a
    Discord client language) that negotiates, then the browser's languages, then en-US."""
    candidates: Sequence[str | None] = [*preferred, *parse_accept_language(accept)]
    for candidate in candidates:
        found = catalog.negotiate(candidate)
        if found is not None:
            return found
    return DEFAULT_LOCALE
