"""Every Fluent id the code refers to exists in en-US.

Convention (see bot/i18n/ids.py): an id is written as a string literal
- as the first argument (or ``msg_id=``) of any call named ``translate``,
- as ``key=`` of ``locale_str(...)``, or the second argument of ``fluent_str(catalog, id)``,
- inside ``message_id("...")`` wherever it is stored in a constant or a table;
and the slash commands' ids come from the declarations in bot/domain/commands.py.
An f-string id cannot be checked, so it is refused: list the ids with ``message_id``.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from bot.domain import commands
from bot.i18n import Catalog

from .conftest import REPO


@dataclass(frozen=True)
class Use:
    where: str
    msg_id: str | None  # None: not a literal (an f-string)


def _literal(node: ast.expr | None) -> tuple[bool, str | None]:
    """(is an id argument we can judge, its value); f-strings are judged and refused."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return True, node.value
    if isinstance(node, ast.JoinedStr):
        return True, None
    return False, None


def _call_name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def _id_argument(call: ast.Call) -> ast.expr | None:
    keywords = {k.arg: k.value for k in call.keywords}
    name = _call_name(call)
    # Also the thin wrappers the code uses around translate (CLI texts, renderers, services).
    if name in {"translate", "message_id", "texts", "t", "_t", "_translate"}:
        return call.args[0] if call.args else keywords.get("msg_id", keywords.get("value"))
    if name == "locale_str":
        return keywords.get("key")
    if name == "fluent_str":
        return call.args[1] if len(call.args) > 1 else keywords.get("msg_id")
    return None


def message_id_uses(source: str, filename: str) -> list[Use]:
    uses = []
    for node in ast.walk(ast.parse(source, filename=filename)):
        if not isinstance(node, ast.Call):
            continue
        judged, value = _literal(_id_argument(node))
        if judged:
            uses.append(Use(f"{filename}:{node.lineno}", value))
    return uses


def test_the_scanner_follows_the_convention() -> None:
    probe = (
        "catalog.translate('a-id', 'fr', number=1)\n"
        "self.catalog.translate(msg_id='b-id', locale=None)\n"
        "translate(variable, 'fr')\n"
        "locale_str('Open', key='c-id')\n"
        "fluent_str(catalog, 'd-id')\n"
        "TABLE = {'x': message_id('e-id')}\n"
        "catalog.translate(f'status-{s}', 'fr')\n"
        "print('not-an-id')\n"
    )
    uses = message_id_uses(probe, "probe.py")
    assert sorted((u.where, u.msg_id or "<f-string>") for u in uses) == [
        ("probe.py:1", "a-id"),
        ("probe.py:2", "b-id"),
        ("probe.py:4", "c-id"),
        ("probe.py:5", "d-id"),
        ("probe.py:6", "e-id"),
        ("probe.py:7", "<f-string>"),
    ]


def test_every_id_used_in_code_exists_in_en_us(catalog: Catalog) -> None:
    uses = [
        use
        for path in sorted((REPO / "bot").rglob("*.py"))
        for use in message_id_uses(path.read_text(encoding="utf-8"), str(path.relative_to(REPO)))
    ]
    uses += [Use("bot/domain/commands.py", i) for i in sorted(commands.message_ids())]
    dynamic = [u.where for u in uses if u.msg_id is None]
    assert not dynamic, f"f-string message ids cannot be checked, use message_id(): {dynamic}"
    missing = [f"{u.where}: {u.msg_id}" for u in uses if not catalog.has(u.msg_id, "en-US")]
    assert not missing, "ids missing from locales/en-US:\n" + "\n".join(missing)
