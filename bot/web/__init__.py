"""Shared pieces of Guichet's web pages (the sandbox page now, the staff dashboard later).

- :mod:`bot.web.templating`: a Jinja2 environment with autoescape on, and every word through
  Fluent in the viewer's language;
- :mod:`bot.web.security`: Content-Security-Policy (a nonce per response, no inline handlers),
  the other protective headers, and a Host check against DNS rebinding;
- :mod:`bot.web.sessions`: a signed, HTTP-only, SameSite cookie session and CSRF tokens on every
  request that changes state;
- :mod:`bot.web.live`: server-sent events telling pages that something changed;
- ``static/live.js``: the browser side of live updates (keyed region refresh).

Nothing here knows about Discord, the sandbox or storage: pages pass in what they show.
"""

from pathlib import Path

from bot.web.live import ChangeFeed, stream_changes
from bot.web.security import security_middleware
from bot.web.sessions import CSRF_FIELD, CSRF_HEADER, Session, SessionCodec, session_middleware
from bot.web.templating import PageText, make_environment, render, viewer_locale

STATIC_DIR = Path(__file__).parent / "static"
TEMPLATES_DIR = Path(__file__).parent / "templates"

__all__ = [
    "CSRF_FIELD",
    "CSRF_HEADER",
    "STATIC_DIR",
    "TEMPLATES_DIR",
    "ChangeFeed",
    "PageText",
    "Session",
    "SessionCodec",
    "make_environment",
    "render",
    "security_middleware",
    "session_middleware",
    "stream_changes",
    "viewer_locale",
]
