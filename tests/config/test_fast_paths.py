"""Issue 11: the fast paths of ``guichet validate`` answer as the slow ones would.

- ``yaml_limits.within_bounds``: a text it passes never crosses the depth or value limits on
  the event stream (so skipping that second read changes no diagnostic);
- the schema check: jsonschema-rs says "valid" only where jsonschema finds no error;
- the forked loader: the same result as one process, diagnostics and specs alike;
- how many workers: the cores nothing else runs on at this instant.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.config import load_servers, schema_check, yaml_limits
from bot.config.yaml_limits import LIMITS, LimitExceeded, YamlLimits
from bot.config.yaml_loader import new_yaml, parse

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "servers" / "example.yaml"

PIECES = [
    "a:",
    " b:",
    "  - c",
    "- d",
    "[",
    "]",
    "{",
    "}",
    "e: [f, {g: h}]",
    "- - - i",
    "? j",
    "  ",
    "k: l",
    "  # note: - [x",
    "m: |",
    "   # text: [",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40), st.integers(min_value=2, max_value=8))
def test_within_bounds_never_hides_a_limit(pieces: list[str], depth: int) -> None:
    limits = YamlLimits(max_depth=depth, max_values=60)
    text = "\n".join(pieces) + "\n"
    if not yaml_limits.within_bounds(text, limits):
        return
    depth_seen = values = 0
    try:
        for event in new_yaml().parse(text):
            name = type(event).__name__
            if name in ("MappingStartEvent", "SequenceStartEvent"):
                depth_seen += 1
                values += 1
                assert depth_seen <= limits.max_depth, text
            elif name in ("MappingEndEvent", "SequenceEndEvent"):
                depth_seen -= 1
            elif name in ("ScalarEvent", "AliasEvent"):
                values += 1
            assert values <= limits.max_values, text
    except Exception as exc:  # a syntax error: the composer reports it, as before
        assert not isinstance(exc, LimitExceeded | AssertionError), exc


def test_the_example_takes_the_fast_paths() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert yaml_limits.within_bounds(text, LIMITS)
    parsed, problems = parse(EXAMPLE, text, new_yaml())
    assert parsed is not None and not problems
    assert schema_check._fast() is not None
    assert schema_check._fast().is_valid(parsed.data)
    assert schema_check.check(EXAMPLE, parsed.data, parsed.positions) == []


def test_floats_and_errors_go_to_jsonschema() -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        "max_open_per_member: 2", "max_open_per_member: 2.0"
    )
    parsed, _ = parse(EXAMPLE, text, new_yaml())
    assert parsed is not None
    # jsonschema-rs would take 2.0 for an integer; the file is refused all the same.
    assert schema_check.check(EXAMPLE, parsed.data, parsed.positions) != []


def test_forked_workers_give_the_single_process_result(tmp_path: Path) -> None:
    from bot.config import loader

    text = EXAMPLE.read_text(encoding="utf-8")
    servers = tmp_path / "servers"
    servers.mkdir()
    for index in range(2 * loader.PARALLEL_FROM):
        guild = str(123456789012345678 + (index % 150))  # some guilds twice: an error each
        body = text.replace("123456789012345678", guild)
        if index % 7 == 0:
            body = body.replace("style: thread", "style: thred")
        (servers / f"s{index:03d}.yaml").write_text(body, encoding="utf-8")
    one = load_servers([servers], None, workers=1)
    two = load_servers([servers], None, workers=2)
    assert one.errors and one.servers
    assert one == two


def test_workers_are_the_cores_nothing_else_runs_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from bot.config import loader

    cpus = len(os.sched_getaffinity(0))
    loadavg = tmp_path / "loadavg"
    monkeypatch.setattr(loader, "_LOADAVG", loadavg)
    # The run queue counts this process: 1 running is an idle machine, whatever the average.
    loadavg.write_text("3.50 2.00 1.00 1/180 4242\n", encoding="ascii")
    assert loader.default_workers() == cpus
    loadavg.write_text("0.00 0.00 0.00 2/180 4242\n", encoding="ascii")
    assert loader.default_workers() == max(1, cpus - 1)
    loadavg.write_text("0.00 0.00 0.00 9/180 4242\n", encoding="ascii")
    assert loader.default_workers() == 1
    loadavg.unlink()  # no such file: the load average
    monkeypatch.setattr(os, "getloadavg", lambda: (0.2, 0.0, 0.0))
    assert loader.default_workers() == cpus


def test_without_specs_the_valid_files_are_those_with_a_spec(tmp_path: Path) -> None:
    """``guichet validate`` keeps no spec (its workers send none back): which files are valid
    is the same, one process or two."""
    from bot.config import loader

    text = EXAMPLE.read_text(encoding="utf-8")
    servers = tmp_path / "servers"
    servers.mkdir()
    for index in range(2 * loader.PARALLEL_FROM):
        body = text.replace("123456789012345678", str(123456789012345678 + (index % 150)))
        if index % 7 == 0:
            body = body.replace("style: thread", "style: thred")
        (servers / f"s{index:03d}.yaml").write_text(body, encoding="utf-8")
    full = load_servers([servers], None, workers=1)
    assert full.servers and full.valid_files == tuple(s.source for s in full.servers)
    for workers in (1, 2):
        bare = load_servers([servers], None, workers=workers, specs=False)
        assert bare.servers == ()
        assert bare.valid_files == full.valid_files
        assert (bare.errors, bare.warnings, bare.file_guilds) == (
            full.errors,
            full.warnings,
            full.file_guilds,
        )
