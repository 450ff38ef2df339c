"""``guichet validate`` speaks the admin's language: every diagnostic comes from Fluent."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from bot.cli import main
from bot.config import load_servers
from bot.config.diagnostics import BOT_LOCALES
from bot.config.yaml_loader import parse
from bot.i18n import Catalog

from .conftest import BASE, WriteServer, variant
from .test_invalid_files import CASES

BY_ID = {case[0]: case[1:] for case in CASES}
NBSP = "\u00a0"

# Words of the English messages that a French line must not contain.
ENGLISH = re.compile(
    r"\b(must|unknown|expected|missing|got|allowed|not|the|with|holds|duplicate|"
    r"error|found|mean|file|key|least|most|one of|such as)\b",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def bot_catalog() -> Catalog:
    # Strict: a missing id or an argument the message lacks fails the test.
    return Catalog.load(BOT_LOCALES, strict=True)


@pytest.fixture
def french(project: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    return project


def test_the_english_detector_works() -> None:
    assert _english_words('x: must be one of "a" (got "b")') == ["must", "one of", "got"]
    assert _english_words('clé « missing » inconnue (trouvé : "unknown")') == []


def _english_words(text: str) -> list[str]:
    # Values quoted from the file ("...", «...») and paths are the admin's words, not ours.
    unquoted = re.sub(r'"[^"]*"|«[^»]*»|\S+/\S+', "", text)
    return ENGLISH.findall(unquoted)


# (case of test_invalid_files, the French message expected at its line and column)
FRENCH = [
    ("enum", f"""doit valoir l'une des valeurs "channel", "thread" (trouvé{NBSP}: "chanel")"""),
    ("unknown-key", f"clé inconnue (vouliez-vous dire «{NBSP}color{NBSP}»{NBSP}?)"),
    (
        "guild-too-short",
        (
            f"doit être un identifiant Discord{NBSP}: un entier ou une chaîne de 17 à 20 chiffres "
            f"(trouvé{NBSP}: 12345)"
        ),
    ),
    ("guild-over-64-bits", f"n'est pas un identifiant Discord{NBSP}: dépasse 64 bits"),
    ("unknown-system", f'système "nope" inconnu (systèmes{NBSP}: "help")'),
    (
        "select-over-25",
        f"un menu déroulant contient au plus 25 sujets{NBSP}; ce panneau en a 26",
    ),
    ("buttons-over-25", f"au plus 25 boutons (5 rangées de 5){NBSP}; celui-ci en a 26"),
    ("duration-words", "doit être une durée comme 30s, 10m, 1h30m ou 2d"),
    (
        "unknown-fluent-id",
        (
            f"message Fluent «{NBSP}topic-missing{NBSP}» introuvable pour la langue fr "
            "(locales/fr/servers/srv.ftl)"
        ),
    ),
    ("yaml-syntax", f"erreur de syntaxe YAML{NBSP}: une paire clé{NBSP}: valeur"),
    ("missing-required-top", f"clé obligatoire «{NBSP}locale{NBSP}» absente"),
    (
        "manual-without-reception",
        f'clé «{NBSP}reception{NBSP}» absente (obligatoire avec approval "manual")',
    ),
    ("length-above-4000", f"doit valoir au plus 4000 (trouvé{NBSP}: 5000)"),
    ("no-staff-role", "doit contenir au moins 1 élément"),
    ("duplicate-key", 'clé "style" en double (déjà définie ligne 6)'),
    ("name-placeholder", f"variable {{user}} inconnue (permises{NBSP}: {{member}}, {{number}}"),
]


@pytest.mark.parametrize(("case", "words"), FRENCH, ids=[c for c, _ in FRENCH])
def test_validate_reports_in_french(
    french: Path, capsys: pytest.CaptureFixture[str], case: str, words: str
) -> None:
    text, line, column, where, _english = BY_ID[case]
    (french / "servers" / "srv.yaml").write_text(text, encoding="utf-8")

    assert main(["validate"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    *problems, summary = err.splitlines()
    prefix = f"servers/srv.yaml:{line}:{column}: " + (f"{where}: " if where else "")
    assert any(p.startswith(prefix) and words in p for p in problems), err
    assert summary.startswith(f"{len(problems)} erreur")
    assert summary.endswith("dans 1 fichier (sur 1 fichier vérifié).")
    assert _english_words(err) == [], err


def test_duplicate_guild_in_french(french: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (french / "servers" / "srv.yaml").write_text(BASE, encoding="utf-8")
    (french / "servers" / "other.yaml").write_text("# encore\n" + BASE, encoding="utf-8")
    # other.yaml names no texts of its own: only the guild lines concern this test
    assert main(["validate"]) == 1
    err = capsys.readouterr().err
    guild_lines = [line for line in err.splitlines() if ": guild: " in line]
    also = "guild: le serveur Discord 123456789012345678 est aussi configuré dans"
    assert guild_lines == [
        f"servers/other.yaml:2:8: {also} servers/srv.yaml:1:8",
        f"servers/srv.yaml:1:8: {also} servers/other.yaml:2:8",
    ]
    assert err.splitlines()[-1].endswith("dans 2 fichiers (sur 2 fichiers vérifiés).")
    assert _english_words(err) == [], err


def test_warnings_in_french(french: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (french / "servers" / "srv.yaml").write_text(
        variant(l10="        label: only-in-fr"), encoding="utf-8"
    )
    assert main(["validate"]) == 0
    out, err = capsys.readouterr()
    assert out == "1 fichier de serveur est valide, avec 1 avertissement.\n"
    assert err == (
        f"avertissement : servers/srv.yaml:10:16: systems.help.topics.general.label: "
        f"message Fluent «{NBSP}only-in-fr{NBSP}» absent de la langue en-US "
        "(locales/en-US/servers/srv.ftl)\n"
    )


def test_the_same_diagnostic_stays_english_for_logs(
    write_server: WriteServer, catalog: Catalog, bot_catalog: Catalog
) -> None:
    (error,) = load_servers([write_server(variant(l6="    style: chanel"))], catalog).errors
    english = 'systems.help.style: must be one of "channel", "thread" (got "chanel")'
    assert str(error).endswith(english)
    assert error.render(bot_catalog.translate, "en-US") == str(error)
    assert error.render(bot_catalog.translate, "fr").endswith(
        f"""systems.help.style: doit valoir l'une des valeurs "channel", "thread" """
        f"""(trouvé{NBSP}: "chanel")"""
    )


@pytest.mark.parametrize("locale", ["en-US", "fr"])
def test_every_invalid_case_renders_strictly(
    write_server: WriteServer, catalog: Catalog, bot_catalog: Catalog, locale: str
) -> None:
    """Each message exists with the arguments it uses, and French lines hold no English."""
    for case_id, text, *_ in CASES:
        result = load_servers([write_server(text, name="srv", folder=case_id)], catalog)
        for found in (*result.errors, *result.warnings):
            line = found.text(bot_catalog.translate, locale)
            assert line and not line.startswith("config-"), (case_id, line)
            if locale == "fr":
                assert _english_words(line) == [], (case_id, line)


# Broken YAML of each kind, as both parsers word it differently: the same message comes out.
SYNTAX = [
    ("a: [1, 2\n", "config-yaml-unclosed-list"),
    ("a: {x: 1\n", "config-yaml-unclosed-mapping"),
    ('a: "abc\n', "config-yaml-unclosed-quote"),
    ("a: *nope\n", "config-yaml-undefined-alias"),
    ("a: @x\n", "config-yaml-bad-character"),
    ("a:\n  b: 1\n c: 2\n", "config-yaml-indentation"),
    ("a: b\n- c\n", "config-yaml-indentation"),
    ("a: b: c\n", "config-yaml-colon-in-value"),
    ("key: {\n", "config-yaml-missing-value"),
]


@pytest.mark.parametrize("pure", [False, True], ids=["libyaml", "pure-python"])
@pytest.mark.parametrize(("text", "msg_id"), SYNTAX)
def test_yaml_syntax_errors_have_plain_messages(pure: bool, text: str, msg_id: str) -> None:
    parsed, (problem,) = parse(Path("x.yaml"), text, YAML(typ="safe", pure=pure))
    assert parsed is None
    assert problem.msg_id == msg_id
    assert problem.line >= 1


def test_a_choice_of_types_is_worded_per_locale(bot_catalog: Catalog) -> None:
    # The shipped schema has no type lists yet; a rule with one must still read naturally.
    from jsonschema import Draft202012Validator

    from bot.config.diagnostics import Diagnostic
    from bot.config.schema_check import _message

    (error,) = Draft202012Validator({"type": ["string", "integer"]}).iter_errors(True)
    msg_id, args = _message(error)
    found = Diagnostic.at(Path("x.yaml"), (1, 1), "k", msg_id, **args)
    assert found.text(bot_catalog.translate, "en-US") == "must be a string or an integer (got true)"
    assert found.text(bot_catalog.translate, "fr") == (
        f"doit être une chaîne de caractères ou un entier (trouvé{NBSP}: true)"
    )
