"""Issue 11: a file read without positions gives every diagnostic the positional reading gives.

``load_servers`` first reads a file from the parser's events (bot/config/yaml_fast.py), with
no positions, and reads it again with them when a check finds anything or asks where a value
is. ``fast=False`` takes the positional reading only, as before. Both are run here on every
bad file of the configuration tests, on odd YAML, on generated servers (some broken, some
naming the same guild), on random edits of a valid file and on the fuzzer's mutations of
servers/example.yaml (tests/fuzzing.py): the same errors and warnings
(message, arguments, file, line, column, where), the same specs, the same guilds.
"""

from __future__ import annotations

import multiprocessing
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml.nodes import ScalarNode

from bench.validate_many import generate
from bot.config import load_servers, loader_early, yaml_fast
from bot.config.loader import LoadResult
from bot.config.yaml_loader import new_yaml, parse
from bot.i18n import Catalog
from bot.resources import BOT_LOCALES
from tests import fuzzing

from . import test_invalid_files, test_resources, test_working_hours_config
from .conftest import BASE, variant
from .test_hostile_files import YAML_CASES

ROOT = Path(__file__).resolve().parents[2]

# YAML the fast reading must decline or read exactly as the walker does.
ODD = {
    "empty": "",
    "comment-only": "# nothing\n",
    "list": "- a\n- b\n",
    "scalar": "just text\n",
    "two-documents": BASE + "---\nguild: 1\n",
    "explicit-document": "---\n" + BASE + "...\n",
    "directive": "%YAML 1.2\n---\n" + BASE,
    "directive-1.1": "%YAML 1.1\n---\n" + BASE.replace("locale: fr", "locale: fr\nx: yes"),
    "tag-directive": "%TAG !e! tag:example.com,2000:\n---\n" + BASE,
    "anchor-alias": BASE.replace("locale: fr", "locale: &l fr\nx-copy: *l"),
    "merge": variant(l6="    <<: {style: channel}"),
    "merge-list": variant(l6="    <<: [{style: channel}, {style: thread}]"),
    "merge-not-mapping": variant(l6="    <<: channel"),
    "explicit-tag": variant(l2="locale: !!str fr"),
    "local-tag": variant(l2="locale: !lang fr"),
    "non-specific-tag": variant(l2="locale: ! fr"),
    "binary": variant(l2="locale: !!binary aGVsbG8="),
    "set": variant(l3="staff_roles: !!set {222222222222222222}"),
    "duplicate-key": variant(l2="locale: fr\nlocale: en-US"),
    "duplicate-nested": variant(l15="    title: panel-title\n    title: panel-text"),
    "int-key": BASE + "12: twelve\n",
    "bool-key": BASE + "true: yes\n",
    "null-key": BASE + "~: nothing\n",
    "float-key": BASE + "1.5: x\n",
    "int-and-bool-keys": BASE + "x-map: {1: a, true: b}\n",
    "complex-key": BASE + "? [a, b]\n: c\n",
    "mapping-key": BASE + "? {a: 1}\n: c\n",
    "float": variant(l7="    category: 333333333333333333\n    max_open_per_member: 2.0"),
    "float-id": variant(l1="guild: 123456789012345678.0"),
    "inf": variant(l7="    category: 333333333333333333\n    max_open_per_member: .inf"),
    "nan": variant(l7="    category: 333333333333333333\n    max_open_per_member: .nan"),
    "exponent": variant(l7="    category: 333333333333333333\n    max_open_per_member: 1e3"),
    "octal": variant(l7="    category: 333333333333333333\n    max_open_per_member: 0o7"),
    "hex": variant(l7="    category: 333333333333333333\n    max_open_per_member: 0x1f"),
    "leading-zero": variant(l7="    category: 333333333333333333\n    max_open_per_member: 007"),
    "underscores": variant(l1="guild: 123_456_789_012_345_678"),
    "signed": variant(l7="    category: 333333333333333333\n    max_open_per_member: +2"),
    "negative": variant(l7="    category: 333333333333333333\n    max_open_per_member: -2"),
    "zero": variant(l7="    category: 333333333333333333\n    max_open_per_member: 0"),
    "huge-int": variant(l1="guild: " + "9" * 5000),
    "long-int": variant(l1="guild: 1234567890123456789012345678901234567890"),
    "over-64-bits": variant(l1="guild: 99999999999999999999"),
    "quoted-id": variant(l1='guild: "123456789012345678"'),
    "yaml-1.1-bool": variant(l7="    category: 333333333333333333\n    claim_hides: yes"),
    "bools": variant(l7="    category: 333333333333333333\n    claim_hides: True"),
    "null": variant(l7="    category: 333333333333333333\n    cooldown: ~"),
    "empty-value": variant(l7="    category: 333333333333333333\n    cooldown:"),
    "timestamp": variant(l7="    category: 333333333333333333\n    cooldown: 2026-12-25"),
    "datetime": variant(l7="    category: 333333333333333333\n    cooldown: 2026-12-25 10:00:00"),
    "sexagesimal": variant(l7="    category: 333333333333333333\n    cooldown: 1:30"),
    "block-scalar": variant(l10="        label: |\n          topic-general"),
    "folded-scalar": variant(l10="        label: >-\n          topic-general"),
    "single-quoted": variant(l10="        label: 'topic-general'"),
    "flow": variant(l10="        label: topic-general\n        questions: [{id: q, label: q-a}]"),
    "tab": variant(l6="\tstyle: channel"),
    "syntax": variant(l2="locale: fr: x"),
    "unclosed-quote": variant(l2='locale: "fr'),
    "unclosed-list": variant(l3="staff_roles: [222222222222222222"),
    "bad-character": variant(l2="locale: @fr"),
    "bom": "\ufeff" + BASE,
    "crlf": BASE.replace("\n", "\r\n"),
    "unicode-key": BASE + "x-clé: valeur\n",
    "same-guild-string": variant(l1='guild: "123456789012345678"'),
}


def _bad_files() -> dict[str, str]:
    """Every file text the configuration tests write, by a name of its own."""
    cases = {f"invalid-{case[0]}": case[1] for case in test_invalid_files.CASES}
    cases |= {
        f"resources-{case[0]}": test_resources._with(case[1]) for case in test_resources.CASES
    }
    cases["resources-base"] = test_resources._with(test_resources.BASE_RESOURCES)
    cases["resources-declared"] = test_resources.DECLARED
    hours = test_working_hours_config._with
    cases["hours-good"] = hours(test_working_hours_config.GOOD)
    cases["hours-bad"] = hours(test_working_hours_config.BAD)
    cases |= {f"hostile-{name}": case[0] for name, case in YAML_CASES.items()}
    cases |= {f"odd-{name}": text for name, text in ODD.items()}
    cases["base"] = BASE
    for path in sorted((ROOT / "servers").glob("*.yaml")):
        cases[f"repository-{path.stem}"] = path.read_text(encoding="utf-8")
    return cases


BAD_FILES = _bad_files()


def _children() -> set[int]:
    """This process's live children (forked readers must all be gone once done)."""
    return {child.pid for child in multiprocessing.active_children() if child.pid}


def _both(paths: list[Path], catalog: Catalog | None, workers: int = 1) -> LoadResult:
    fast = load_servers(paths, catalog, workers=workers)
    positional = load_servers(paths, catalog, workers=workers, fast=False)
    assert fast.errors == positional.errors
    assert fast.warnings == positional.warnings
    assert [str(d) for d in fast.errors + fast.warnings] == [
        str(d) for d in positional.errors + positional.warnings
    ]
    assert fast.servers == positional.servers
    assert fast.file_guilds == positional.file_guilds
    assert fast == positional
    return fast


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_every_fixture_reads_the_same_either_way(
    tmp_path: Path, catalog: Catalog, name: str
) -> None:
    path = tmp_path / "servers" / "srv.yaml"  # its texts: fixtures/locales/*/servers/srv.ftl
    path.parent.mkdir()
    path.write_text(BAD_FILES[name], encoding="utf-8")
    _both([path], catalog)
    _both([path], None)


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_a_document_read_fast_is_the_walkers_own(name: str) -> None:
    text = BAD_FILES[name]
    yaml = new_yaml()
    data = yaml_fast.load(text, yaml)
    if data is None:
        return
    parsed, problems = parse(Path("srv.yaml"), text, yaml)
    assert problems == [] and parsed is not None
    assert repr(parsed.data) == repr(data)  # 1, True and 1.0 told apart
    assert parsed.data == data


def test_valid_files_take_the_fast_reading() -> None:
    """Guards the comparisons above: the fast reading is not always declined."""
    yaml = new_yaml()
    for name in ("base", "repository-example", "hours-good", "resources-declared"):
        assert yaml_fast.load(BAD_FILES[name], yaml) is not None, name
    for name in ("odd-anchor-alias", "odd-duplicate-key", "odd-float", "odd-directive"):
        assert yaml_fast.load(BAD_FILES[name], yaml) is None, name


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Catalog]:
    """Generated servers as the benchmark writes them: 20 of 240 broken, and three files that
    name a guild another file names (reported in both, at the ``guild:`` of each)."""
    root = tmp_path_factory.mktemp("many")
    servers = generate(root, 240, broken=20)
    # Valid but for its ids: a locale Guichet does not ship, an id only the French file has.
    german = (servers / "server-00030.yaml").read_text(encoding="utf-8")
    (servers / "server-00030.yaml").write_text(german.replace("locale: en-US", "locale: de"))
    texts = root / "locales" / "en-US" / "servers" / "server-00032.ftl"
    texts.write_text(texts.read_text(encoding="utf-8").replace("topic-other =", "topic-autre ="))
    for index, source in ((300, 3), (301, 50), (302, 50)):
        text = (servers / f"server-{source:05d}.yaml").read_text(encoding="utf-8")
        (servers / f"server-{index:05d}.yaml").write_text("# again\n" + text, encoding="utf-8")
        for locale in ("en-US", "fr"):
            texts = root / "locales" / locale / "servers"
            shutil.copy(texts / f"server-{source:05d}.ftl", texts / f"server-{index:05d}.ftl")
    return servers, Catalog.load(BOT_LOCALES, server_texts=root / "locales")


@pytest.mark.parametrize("specs", [True, False])
@pytest.mark.parametrize("workers", [1, 2, 3])
def test_read_while_the_catalog_loads_is_read_the_same(
    generated: tuple[Path, Catalog], workers: int, specs: bool
) -> None:
    """guichet validate starts reading before the catalog is there (bot/config/loader_early.py):
    ids looked up afterwards, files with any problem read again, as load_servers reads them."""
    servers, catalog = generated
    before = _children()
    pending = loader_early.start([servers], workers=workers, specs=specs)
    assert (pending.pool is not None) == (workers > 1)
    early = pending.finish(catalog)
    assert pending.pool is None and _children() == before
    positional = load_servers([servers], catalog, workers=workers, fast=False, specs=specs)
    assert early == positional
    assert [str(d) for d in early.errors + early.warnings] == [
        str(d) for d in positional.errors + positional.warnings
    ]
    assert early.valid_files and len(early.servers) == (len(early.valid_files) if specs else 0)
    without = loader_early.start([servers], workers=workers).finish(None)
    assert without == load_servers([servers], None, workers=workers, fast=False)
    # A file named twice (its folder, then itself) is read twice, and said to be so.
    twice = [servers, servers / "server-00200.yaml"]
    early = loader_early.start(twice, workers=workers, specs=specs).finish(catalog)
    assert early == load_servers(twice, catalog, workers=workers, fast=False, specs=specs)
    assert any(e.msg_id == "config-name-elsewhere" for e in early.errors)


def test_reading_early_is_stopped_when_the_catalog_fails(
    generated: tuple[Path, Catalog],
) -> None:
    servers, _ = generated
    before = _children()
    pending = loader_early.start([servers], workers=2)
    assert pending.pool is not None
    pending.cancel()
    assert pending.pool is None and _children() == before
    pending.cancel()  # twice: nothing more


@pytest.mark.parametrize("workers", [1, 2])
def test_generated_servers_read_the_same_either_way(
    generated: tuple[Path, Catalog], workers: int
) -> None:
    servers, catalog = generated
    result = _both([servers], catalog, workers=workers)
    # The broken ones, the German one, the one missing an id, and those sharing a guild.
    assert len(result.servers) == 243 - 20 - 2 - 4
    assert {e.path.name for e in result.errors if e.where == "guild"} == {
        "server-00003.yaml",
        "server-00050.yaml",
        "server-00300.yaml",
        "server-00301.yaml",
        "server-00302.yaml",
    }


# Values a random edit puts in place of a line's value.
VALUES = [
    "1",
    "0",
    "01",
    "2.0",
    "1e3",
    ".nan",
    "true",
    "yes",
    "null",
    "~",
    "",
    "2026-12-25",
    "'x'",
    '"y"',
    "&a x",
    "*a",
    "!!str 1",
    "!x y",
    "[a, b]",
    "{a: 1}",
    "[",
    "99999999999999999999",
    "123456789012345678",
    "0x1f",
    "1_000",
    "a: b",
    "|\n  text",
    "channel",
    "thread",
    "topic-general",
    "topic-missing",
    "-1",
    "'#5865F2'",
    "1h30m",
]


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    st.lists(
        st.tuples(st.integers(min_value=0, max_value=10_000), st.sampled_from(VALUES)),
        min_size=1,
        max_size=4,
    ),
    st.sampled_from(["base", "repository-example", "hours-good", "resources-declared"]),
)
def test_random_edits_read_the_same_either_way(
    tmp_path: Path, catalog: Catalog, edits: list[tuple[int, str]], start: str
) -> None:
    lines = BAD_FILES[start].splitlines()
    for where, value in edits:
        index = where % len(lines)
        key, colon, _ = lines[index].partition(": ")
        lines[index] = f"{key}: {value}" if colon else f"{lines[index]} {value}"
    path = tmp_path / "servers" / "srv.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _both([path], catalog)


def test_decimal_shortcut_is_what_the_resolver_and_constructor_give() -> None:
    yaml = new_yaml()
    int_tag = "tag:yaml.org,2002:int"
    build = yaml.constructor.yaml_constructors[int_tag]
    for digits in range(1, 31):
        for first in "123456789":
            text = first + "0123456789"[: digits - 1].ljust(digits - 1, "7")
            assert yaml_fast._DECIMAL.fullmatch(text)
            assert str(yaml.resolver.resolve(ScalarNode, text, (True, False))) == int_tag
            value = build(yaml.constructor, ScalarNode(int_tag, text, None, None))
            assert type(value) is int and value == int(text)
    assert not yaml_fast._DECIMAL.fullmatch("0" + "1" * 5)
    assert not yaml_fast._DECIMAL.fullmatch("1" * 31)


@pytest.fixture(scope="module")
def example_catalog() -> Catalog:
    return Catalog.load(BOT_LOCALES, server_texts=ROOT / "locales")


@settings(
    max_examples=200,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    st.one_of(
        fuzzing.yaml_structure(),
        fuzzing.byte_mutation(fuzzing.SERVER.read_bytes(), fuzzing._YAML_SPECIAL),
    )
)
def test_fuzzed_server_files_read_the_same_either_way(
    tmp_path: Path, example_catalog: Catalog, server: bytes
) -> None:
    """The fuzzer's mutations of servers/example.yaml (its structure, its bytes)."""
    path = tmp_path / "servers" / "example.yaml"  # its texts: locales/*/servers/example.ftl
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(server)
    _both([path], example_catalog)


def test_validate_stops_its_early_readers_when_the_texts_are_broken(
    generated: tuple[Path, Catalog],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from bot import cli

    shutil.copytree(generated[0].parent, tmp_path, dirs_exist_ok=True)
    broken = tmp_path / "locales" / "fr" / "servers" / "server-00040.ftl"
    broken.write_text("ok = fine\nbroken { oops\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setattr(cli, "default_workers", lambda: 2)
    before = _children()
    assert cli.main(["validate", "servers", "--locales", "locales"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("locales/fr/servers/server-00040.ftl:2:")
    assert err[-1] == "The translations in locales cannot be loaded; fix them first."
    assert _children() == before
    broken.unlink()  # the other texts are sound: every file is checked, early or not
    assert cli.main(["validate", "servers", "--locales", "locales"]) == 1
    assert capsys.readouterr().err.splitlines()[-1].endswith("(of 243 checked).")
    assert _children() == before
