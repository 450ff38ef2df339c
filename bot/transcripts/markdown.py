"""Discord's message markdown, rendered to safe HTML (and mentions resolved for plain text).

No generic Markdown library follows Discord's dialect (single-line ``>`` quotes,
``__underline__``, ``||spoilers||``, ``<@id>`` mentions, no paragraphs, no raw HTML),
so this is a small rule-based scanner in the spirit of simple-markdown, which
Discord's client uses: at each position the first matching rule wins, plain text
runs up to the next character that could start a rule. Every piece of input
text leaves through :func:`markupsafe.escape`; only http(s) URLs become links.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from markupsafe import Markup, escape

from bot.transcripts.display import LocaleFormats, safe_url

# Nesting beyond this is rendered as text: bounded recursion whatever members type.
MAX_DEPTH = 8

_USER = re.compile(r"<@!?(\d{1,20})>")
_ROLE = re.compile(r"<@&(\d{1,20})>")
_CHANNEL = re.compile(r"<#(\d{1,20})>")
_EMOJI = re.compile(r"<(a?):(\w{1,32}):(\d{1,20})>")
_TIMESTAMP = re.compile(r"<t:(-?\d{1,13})(?::([tTdDfFR]))?>")
_COMMAND = re.compile(r"</([\w\- ]{1,100}):(\d{1,20})>")
# Any of the above, for the plain-text version (each is then matched again on its own).
_ANY_TOKEN = re.compile(r"</?[@#:at!&\w\- ]{1,120}?>")

_CODE_BLOCK = re.compile(r"```(?:[\w+\-.#]*\n)?([\s\S]+?)```")
_INLINE_CODE = re.compile(r"(`+)([\s\S]*?[^`])\1(?!`)")
_ESCAPE = re.compile(r"\\([^0-9A-Za-z\s])")
_AUTOLINK = re.compile(r"<(https?://[^\s>]+)>")
_URL = re.compile(r"https?://[^\s<]+[^<.,:;\"')\]\s]")
_MASKED_LINK = re.compile(r"\[([^\[\]\n]+)\]\(\s*<?(https?://[^\s()<>]+)>?\s*\)")
_SPOILER = re.compile(r"\|\|([\s\S]+?)\|\|")
_STRONG = re.compile(r"\*\*([\s\S]+?)\*\*(?!\*)")
_UNDERLINE = re.compile(r"__([\s\S]+?)__(?!_)")
# simple-markdown's emphasis: an inner ``**`` does not close ``*...*``.
_EM_STAR = re.compile(
    r"\*(?=\S)((?:\*\*|\\[\s\S]|\s+(?:\\[\s\S]|[^\s*\\]|\*\*)|[^\s*\\])+?)\*(?!\*)"
)
_EM_UNDERSCORE = re.compile(r"(?<!\w)_((?:__|\\[\s\S]|[^\\_])+?)_(?!\w)")
_STRIKE = re.compile(r"~~([\s\S]+?)~~")
# Line-start blocks: ">>> " quotes the rest, "> " lines quote one line each.
_QUOTE_REST = re.compile(r" *>>> ([\s\S]*)")
_QUOTE_LINES = re.compile(r" *> [^\n]*(?:\n *> [^\n]*)*\n?")
_QUOTE_PREFIX = re.compile(r"^ *> ", re.MULTILINE)
_HEADING = re.compile(r"(#{1,3}) +([^\n]+)\n?")
_SUBTEXT = re.compile(r"-# +([^\n]+)\n?")
_TEXT = re.compile(r"(?:[^\\<\[`|*_~>#\-\nh]|h(?!ttps?://))+")


@dataclass(frozen=True, slots=True)
class MentionContext:
    """How mentions read: known names, the words for unknown ones, the dates' locale."""

    users: Mapping[int, str]
    roles: Mapping[int, str]
    channels: Mapping[int, str]
    unknown_user: str
    unknown_role: str
    unknown_channel: str
    formats: LocaleFormats

    def user(self, match: re.Match[str]) -> str:
        return "@" + self.users.get(int(match.group(1)), self.unknown_user)

    def role(self, match: re.Match[str]) -> str:
        return "@" + self.roles.get(int(match.group(1)), self.unknown_role)

    def channel(self, match: re.Match[str]) -> str:
        return "#" + self.channels.get(int(match.group(1)), self.unknown_channel)

    def timestamp(self, match: re.Match[str]) -> str | None:
        try:
            when = datetime.fromtimestamp(int(match.group(1)), tz=UTC)
        except (OverflowError, ValueError, OSError):
            return None
        return self.formats.date_time(when) + " UTC"


_Rule = tuple[re.Pattern[str], Callable[["DiscordMarkdown", re.Match[str], int], str]]


class DiscordMarkdown:
    """Discord message text to HTML (:meth:`html`) or to readable plain text (:meth:`plain`)."""

    def __init__(self, mentions: MentionContext) -> None:
        self.mentions = mentions
        self._plain_rules: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str | None]], ...]
        self._plain_rules = (
            (_USER, mentions.user),
            (_ROLE, mentions.role),
            (_CHANNEL, mentions.channel),
            (_EMOJI, lambda m: f":{m.group(2)}:"),
            (_COMMAND, lambda m: "/" + m.group(1)),
            (_TIMESTAMP, mentions.timestamp),
        )

    # -- plain text: markdown kept as typed, tokens made readable ---------------------------

    def plain(self, text: str) -> str:
        return _ANY_TOKEN.sub(self._plain_token, text)

    def _plain_token(self, match: re.Match[str]) -> str:
        token = match.group(0)
        for pattern, render in self._plain_rules:
            found = pattern.fullmatch(token)
            if found is not None:
                return render(found) or token
        return token

    # -- HTML ------------------------------------------------------------------------------

    def html(self, text: str) -> Markup:
        return Markup(self._inline(text, 0, links=True, blocks=True))  # noqa: S704 - built escaped

    def _inline(self, text: str, depth: int, *, links: bool, blocks: bool) -> str:
        if depth > MAX_DEPTH:
            return str(escape(text))
        out: list[str] = []
        pos, end = 0, len(text)
        while pos < end:
            first = text[pos]
            rendered = None
            at_line_start = pos == 0 or text[pos - 1] == "\n"
            for pattern, render in _RULES.get(first, ()):
                if pattern in _LINE_START and not (blocks and at_line_start):
                    continue
                if pattern in _LINKS and not links:
                    continue
                match = pattern.match(text, pos)
                if match is None:
                    continue
                rendered = render(self, match, depth)
                if rendered is not None:
                    pos = match.end()
                    break
            if rendered is None:
                match = _TEXT.match(text, pos)
                stop = match.end() if match else pos + 1
                rendered = str(escape(text[pos:stop]))
                pos = stop
            out.append(rendered)
        return "".join(out)

    def _children(self, text: str, depth: int, *, links: bool = True) -> str:
        return self._inline(text, depth + 1, links=links, blocks=False)

    def _wrap(self, tag: str, match: re.Match[str], depth: int, attrs: str = "") -> str:
        return f"<{tag}{attrs}>{self._children(match.group(1), depth)}</{tag}>"

    def _code_block(self, match: re.Match[str], _depth: int) -> str:
        code = match.group(1).removeprefix("\n").removesuffix("\n")
        return f'<pre class="code-block"><code>{escape(code)}</code></pre>'

    def _inline_code(self, match: re.Match[str], _depth: int) -> str:
        return f'<code class="inline">{escape(match.group(2))}</code>'

    def _escape(self, match: re.Match[str], _depth: int) -> str:
        return str(escape(match.group(1)))

    def _link(self, url: str, label: str) -> str | None:
        href = safe_url(url)
        if href is None:
            return None
        return f'<a href="{escape(href)}" rel="noopener noreferrer nofollow">{label}</a>'

    def _autolink(self, match: re.Match[str], _depth: int) -> str | None:
        return self._link(match.group(1), str(escape(match.group(1))))

    def _url(self, match: re.Match[str], _depth: int) -> str | None:
        return self._link(match.group(0), str(escape(match.group(0))))

    def _masked_link(self, match: re.Match[str], depth: int) -> str | None:
        return self._link(match.group(2), self._children(match.group(1), depth, links=False))

    def _mention(self, css: str, text: str) -> str:
        return f'<span class="{css}">{escape(text)}</span>'

    def _user(self, match: re.Match[str], _depth: int) -> str:
        return self._mention("mention", self.mentions.user(match))

    def _role(self, match: re.Match[str], _depth: int) -> str:
        return self._mention("mention", self.mentions.role(match))

    def _channel(self, match: re.Match[str], _depth: int) -> str:
        return self._mention("mention", self.mentions.channel(match))

    def _command(self, match: re.Match[str], _depth: int) -> str:
        return self._mention("mention", "/" + match.group(1))

    def _emoji(self, match: re.Match[str], _depth: int) -> str:
        return self._mention("emoji", f":{match.group(2)}:")

    def _timestamp(self, match: re.Match[str], _depth: int) -> str | None:
        text = self.mentions.timestamp(match)
        return None if text is None else self._mention("timestamp", text)

    def _spoiler(self, match: re.Match[str], depth: int) -> str:
        # Revealed on hover or keyboard focus by CSS: the page carries no script.
        return self._wrap("span", match, depth, ' class="spoiler" tabindex="0"')

    def _strong(self, match: re.Match[str], depth: int) -> str:
        return self._wrap("strong", match, depth)

    def _underline(self, match: re.Match[str], depth: int) -> str:
        return self._wrap("u", match, depth)

    def _em(self, match: re.Match[str], depth: int) -> str:
        return self._wrap("em", match, depth)

    def _strike(self, match: re.Match[str], depth: int) -> str:
        return self._wrap("s", match, depth)

    def _quote_rest(self, match: re.Match[str], depth: int) -> str:
        return f"<blockquote>{self._children(match.group(1), depth)}</blockquote>"

    def _quote_lines(self, match: re.Match[str], depth: int) -> str:
        inner = _QUOTE_PREFIX.sub("", match.group(0).removesuffix("\n"))
        return f"<blockquote>{self._children(inner, depth)}</blockquote>"

    def _heading(self, match: re.Match[str], depth: int) -> str:
        level = len(match.group(1))
        inner = self._inline(match.group(2), depth + 1, links=True, blocks=False)
        return f'<div class="heading h{level}">{inner}</div>'

    def _subtext(self, match: re.Match[str], depth: int) -> str:
        inner = self._inline(match.group(1), depth + 1, links=True, blocks=False)
        return f'<div class="subtext">{inner}</div>'


_LINE_START = frozenset({_QUOTE_REST, _QUOTE_LINES, _HEADING, _SUBTEXT})
_LINKS = frozenset({_AUTOLINK, _URL, _MASKED_LINK})
# Rules by the character they start with, in priority order.
_RULES: dict[str, tuple[_Rule, ...]] = {
    "`": ((_CODE_BLOCK, DiscordMarkdown._code_block), (_INLINE_CODE, DiscordMarkdown._inline_code)),
    "\\": ((_ESCAPE, DiscordMarkdown._escape),),
    "<": (
        (_AUTOLINK, DiscordMarkdown._autolink),
        (_USER, DiscordMarkdown._user),
        (_ROLE, DiscordMarkdown._role),
        (_CHANNEL, DiscordMarkdown._channel),
        (_EMOJI, DiscordMarkdown._emoji),
        (_TIMESTAMP, DiscordMarkdown._timestamp),
        (_COMMAND, DiscordMarkdown._command),
    ),
    "h": ((_URL, DiscordMarkdown._url),),
    "[": ((_MASKED_LINK, DiscordMarkdown._masked_link),),
    "|": ((_SPOILER, DiscordMarkdown._spoiler),),
    "*": ((_STRONG, DiscordMarkdown._strong), (_EM_STAR, DiscordMarkdown._em)),
    "_": ((_UNDERLINE, DiscordMarkdown._underline), (_EM_UNDERSCORE, DiscordMarkdown._em)),
    "~": ((_STRIKE, DiscordMarkdown._strike),),
    ">": ((_QUOTE_REST, DiscordMarkdown._quote_rest), (_QUOTE_LINES, DiscordMarkdown._quote_lines)),
    " ": ((_QUOTE_REST, DiscordMarkdown._quote_rest), (_QUOTE_LINES, DiscordMarkdown._quote_lines)),
    "#": ((_HEADING, DiscordMarkdown._heading),),
    "-": ((_SUBTEXT, DiscordMarkdown._subtext),),
}
