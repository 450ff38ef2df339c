"""Discord's markdown dialect rendered to HTML, and mentions made readable in plain text."""

from __future__ import annotations

import pytest

from bot.transcripts import markdown
from bot.transcripts.display import LocaleFormats
from bot.transcripts.markdown import DiscordMarkdown, MentionContext

from .conftest import Page


def renderer(locale: str = "en-US") -> DiscordMarkdown:
    return DiscordMarkdown(
        MentionContext(
            users={10: "Alice", 11: "<Eve>"},
            roles={20: "Support"},
            channels={30: "faq"},
            unknown_user="unknown-user",
            unknown_role="deleted-role",
            unknown_channel="deleted-channel",
            formats=LocaleFormats(locale),
        )
    )


def html(text: str) -> str:
    return str(renderer().html(text))


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("plain text", "plain text"),
        ("**bold**", "<strong>bold</strong>"),
        ("*italic* and _also_", "<em>italic</em> and <em>also</em>"),
        ("__underline__", "<u>underline</u>"),
        ("~~gone~~", "<s>gone</s>"),
        ("***both***", "<strong><em>both</em></strong>"),
        ("__*mixed*__", "<u><em>mixed</em></u>"),
        ("*a **b** c*", "<em>a <strong>b</strong> c</em>"),
        ("snake_case_name stays", "snake_case_name stays"),
        ("2 * 3 * 4", "2 * 3 * 4"),
        ("**unclosed", "**unclosed"),
        (r"\*not italic\*", "*not italic*"),
        ("||secret||", '<span class="spoiler" tabindex="0">secret</span>'),
        ("`a *b* <c>`", '<code class="inline">a *b* &lt;c&gt;</code>'),
        ("``has ` tick``", '<code class="inline">has ` tick</code>'),
        ("line one\nline two", "line one\nline two"),
    ],
)
def test_inline_styles(source: str, expected: str) -> None:
    assert html(source) == expected


def test_code_block_keeps_its_text_raw_and_escaped() -> None:
    source = "before\n```py\nif a < b and **c**:\n    print('<x>')\n```after"
    assert html(source) == (
        "before\n"
        '<pre class="code-block"><code>if a &lt; b and **c**:\n'
        "    print(&#39;&lt;x&gt;&#39;)</code></pre>after"
    )


def test_code_block_without_language() -> None:
    assert html("```one line```") == '<pre class="code-block"><code>one line</code></pre>'


def test_block_quotes() -> None:
    assert html("> quoted **line**\n> second\nafter") == (
        "<blockquote>quoted <strong>line</strong>\nsecond</blockquote>after"
    )
    assert html("intro\n>>> all\nof this") == "intro\n<blockquote>all\nof this</blockquote>"
    # Only at the start of a line, and only with a space after ">".
    assert html("a > b") == "a &gt; b"
    assert html(">no space") == "&gt;no space"


def test_headings_and_subtext_only_at_line_start() -> None:
    assert html("# Title\ntext") == '<div class="heading h1">Title</div>text'
    assert html("-# small") == '<div class="subtext">small</div>'
    assert html("not # a title") == "not # a title"


def test_urls_become_links_but_trailing_punctuation_does_not() -> None:
    assert html("see https://example.org/a?b=1&c=2.") == (
        'see <a href="https://example.org/a?b=1&amp;c=2" rel="noopener noreferrer nofollow">'
        "https://example.org/a?b=1&amp;c=2</a>."
    )
    assert html("<https://example.org>") == (
        '<a href="https://example.org" rel="noopener noreferrer nofollow">https://example.org</a>'
    )


def test_masked_links_only_for_http_urls() -> None:
    assert html("[the **docs**](https://example.org/docs)") == (
        '<a href="https://example.org/docs" rel="noopener noreferrer nofollow">'
        "the <strong>docs</strong></a>"
    )
    assert html("[click](javascript:alert(1))") == "[click](javascript:alert(1))"
    assert "<a" not in html("javascript:alert(1) data:text/html,<b>x</b> ftp://example.org")


def test_mentions_resolved_with_names_escaped() -> None:
    assert html("<@10> <@!10> <@11> <@99>") == (
        '<span class="mention">@Alice</span> <span class="mention">@Alice</span> '
        '<span class="mention">@&lt;Eve&gt;</span> <span class="mention">@unknown-user</span>'
    )
    assert html("<@&20> <@&21> <#30> <#31>") == (
        '<span class="mention">@Support</span> <span class="mention">@deleted-role</span> '
        '<span class="mention">#faq</span> <span class="mention">#deleted-channel</span>'
    )


def test_custom_emoji_and_commands() -> None:
    assert html("<:party:123> <a:dance:456>") == (
        '<span class="emoji">:party:</span> <span class="emoji">:dance:</span>'
    )
    assert html("</ticket close:789>") == '<span class="mention">/ticket close</span>'


def test_discord_timestamps_are_formatted_in_the_locale() -> None:
    stamp = "<t:1795343460:R>"  # 2026-11-22 10:31 UTC
    # CLDR puts a narrow no-break space before AM.
    assert html(stamp) == '<span class="timestamp">Nov 22, 2026, 10:31\u202fAM UTC</span>'
    assert str(renderer("fr").html(stamp)) == (
        '<span class="timestamp">22 nov. 2026, 10:31 UTC</span>'
    )
    assert html("<t:99999999999999:f>") == "&lt;t:99999999999999:f&gt;"  # out of range: as typed


def test_raw_html_is_text() -> None:
    source = '<script>alert(1)</script> "><img src=x onerror=alert(1)> <b>&amp;</b>'
    assert html(source) == (
        "&lt;script&gt;alert(1)&lt;/script&gt; &#34;&gt;&lt;img src=x onerror=alert(1)&gt; "
        "&lt;b&gt;&amp;amp;&lt;/b&gt;"
    )


def test_markup_inside_link_urls_cannot_break_the_attribute() -> None:
    page = Page.parse(html('https://example.org/"onmouseover="alert(1)'))
    (link,) = page.find("a")
    assert link.attrs == {
        "href": 'https://example.org/"onmouseover="alert(1',
        "rel": "noopener noreferrer nofollow",
    }


def test_nesting_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    nested = "~~__**||*x*||**__~~"
    assert html(nested) == (
        '<s><u><strong><span class="spoiler" tabindex="0"><em>x</em></span></strong></u></s>'
    )
    monkeypatch.setattr(markdown, "MAX_DEPTH", 2)
    assert html(nested) == "<s><u><strong>||*x*||</strong></u></s>"


@pytest.mark.parametrize("char", ["*", "_", "~", "|", "`", ">", "<", "[", "\\"])
def test_long_runs_of_markup_characters_render(char: str) -> None:
    # Catastrophic regex backtracking would hang here; the output must still hold the text.
    text = (char * 2000) + " end " + (char + " ") * 1000
    assert "end" in html(text)


def test_plain_text_keeps_markdown_and_reads_tokens() -> None:
    plain = renderer().plain("**hi** <@10> <@&20> <#31> <:party:1> </help:2> <t:1795343460:f> <x>")
    assert plain == (
        "**hi** @Alice @Support #deleted-channel :party: /help Nov 22, 2026, 10:31\u202fAM UTC <x>"
    )
