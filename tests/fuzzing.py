"""Fuzzing ``guichet validate`` with mutated copies of the real server file and its .ftl texts.

Two kinds of mutation, drawn by hypothesis: *structure* (the example's YAML data with
subtrees replaced, deleted or duplicated by odd values, then dumped back; Fluent entries
with placeables, references, selectors and calls spliced in) and *bytes* (insertions,
deletions, overwrites and spliced chunks, biased towards each syntax's special characters).
Each case writes a servers/ + locales/ tree and runs the CLI's ``main`` in this process, with
an alarm standing for "hangs": the outcome is its exit code, whether it raised (a
traceback), hung, and whether every error line names a file.

``tests/config/test_fuzz.py`` runs a few dozen cases; ``bench/fuzz_config.py`` ten thousand.
"""

from __future__ import annotations

import contextlib
import io
import shutil
import signal
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from hypothesis import strategies as st
from ruamel.yaml import YAML

REPO = Path(__file__).resolve().parents[1]
SERVER = REPO / "servers" / "example.yaml"
TEXTS = {loc: REPO / "locales" / loc / "servers" / "example.ftl" for loc in ("en-US", "fr")}
HANG_SECONDS = 5  # CPU seconds: "a couple of seconds" is the bound; past this, it hung
WALL_SECONDS = 60  # and whatever the machine's load, a case never runs longer than this


@dataclass(frozen=True, slots=True)
class Case:
    kind: str  # what was mutated: "yaml-structure", "yaml-bytes", "ftl-structure", "ftl-bytes"
    server: bytes
    texts: dict[str, bytes]


@dataclass(frozen=True, slots=True)
class Outcome:
    exit_code: int | None  # None: raised or hung
    traceback: str | None  # the exception, when main() raised
    hung: bool
    seconds: float  # wall time
    cpu_seconds: float  # this process's CPU time: what the input costs, whatever the load
    unnamed: tuple[str, ...]  # error lines that name no file

    @property
    def ok(self) -> bool:
        return self.exit_code in (0, 1) and not self.unnamed


# --- strategies ---------------------------------------------------------------------------

_YAML_SPECIAL = [
    b"&a ",
    b"*a",
    b"<<: *a",
    b"!!int ",
    b"!!binary ",
    b"!x ",
    b"{",
    b"}",
    b"[",
    b"]",
    b": ",
    b"- ",
    b"\t",
    b"'",
    b'"',
    b"#",
    b"|",
    b">",
    b"---\n",
    b"%YAML 1.2\n",
    b"?",
    b"\xff",
    b"\x00",
    b"\xe2\x80\xae",
    b"9" * 30,
    b"2024-13-45",
    b".nan",
    b"~",
]
_FTL_SPECIAL = [
    b"{",
    b"}",
    b"{ $x }",
    b"{ -t }",
    b"{ other }",
    b"{ NUMBER($n) }",
    b"->",
    b"*[",
    b"[one]",
    b"\n    ",
    b"= ",
    b".attr = ",
    b"#",
    b'"',
    b"\\u",
    b"\n",
    b"-t = ",
    b"\xff",
    b"\x00",
    b"\xe2\x80\xae",
]

_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=60),
    st.sampled_from(
        [
            "",
            "{number}",
            "{topic}-{member}",
            "support",
            "fr",
            "en-US",
            "1h30m",
            "0s",
            "<:x:123456789012345678>",
            "💳",
            "channel",
            "thread",
            "manual",
            "delete",
        ]
    ),
    st.integers(min_value=10**16, max_value=10**19),  # snowflake-like
)
_values = st.recursive(
    _scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.one_of(st.text(max_size=12), st.integers(), st.booleans()), inner, max_size=4
        ),
    ),
    max_leaves=12,
)


@cache
def _example_data() -> Any:
    return YAML(typ="safe").load(SERVER.read_text(encoding="utf-8"))


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*prefix, index))
    return found


def _dump(data: Any) -> bytes:
    out = io.StringIO()
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.dump(data, out)
    return out.getvalue().encode("utf-8", "surrogatepass")


@st.composite
def yaml_structure(draw: st.DrawFn) -> bytes:
    import copy

    data = copy.deepcopy(_example_data())
    for _ in range(draw(st.integers(1, 4))):
        paths = _paths(data)
        path = draw(st.sampled_from(paths))
        action = draw(st.sampled_from(["replace", "delete", "duplicate", "rename"]))
        if not path:
            data = draw(_values) if action == "replace" else data
            continue
        parent: Any = data
        for part in path[:-1]:
            parent = parent[part]
        last = path[-1]
        if action == "replace":
            parent[last] = draw(_values)
        elif action == "delete":
            del parent[last]
        elif action == "duplicate" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[last]))
        elif action == "rename" and isinstance(parent, dict):
            parent[draw(st.text(max_size=12))] = parent.pop(last)
    try:
        return _dump(data)
    except Exception:
        return SERVER.read_bytes()


@st.composite
def byte_mutation(draw: st.DrawFn, original: bytes, special: list[bytes]) -> bytes:
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["insert", "delete", "overwrite", "splice", "repeat"]))
        chunk = draw(st.one_of(st.sampled_from(special), st.binary(min_size=1, max_size=8)))
        if action == "insert":
            data[at:at] = chunk
        elif action == "delete":
            del data[at : at + draw(st.integers(1, 40))]
        elif action == "overwrite":
            data[at : at + len(chunk)] = chunk
        elif action == "splice" and data:
            start = draw(st.integers(0, len(data) - 1))
            data[at:at] = data[start : start + draw(st.integers(1, 200))]
        else:
            data[at:at] = chunk * draw(st.integers(2, 64))
    return bytes(data)


@st.composite
def ftl_structure(draw: st.DrawFn, original: bytes) -> bytes:
    lines = original.decode("utf-8").splitlines()
    names = [line.split(" =", 1)[0] for line in lines if " = " in line and not line.startswith(" ")]
    name = st.sampled_from(names or ["x"])
    piece = st.one_of(
        name.map(lambda n: f"{{ {n} }}"),
        name.map(lambda n: f"{{ {n}.title }}"),
        st.just("{ $count }"),
        st.just("{ -brand }"),
        st.just("{ NUMBER($n, useGrouping: 0) }"),
        st.just("{ $n ->\n    [one] a\n   *[other] b\n}"),
        st.just("{ { { x } } }"),
        st.text(max_size=20),
    )
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(lines)))
        if draw(st.booleans()) or not names:
            lines.insert(at, f"{draw(name)} = {draw(piece)}")  # a duplicate, or a reference
        else:
            lines.insert(at, f"fz{at} = {draw(piece)}{draw(piece)}")
    return ("\n".join(lines) + "\n").encode("utf-8", "surrogatepass")


@st.composite
def cases(draw: st.DrawFn) -> Case:
    server = SERVER.read_bytes()
    texts = {loc: path.read_bytes() for loc, path in TEXTS.items()}
    kind = draw(st.sampled_from(["yaml-structure", "yaml-bytes", "ftl-structure", "ftl-bytes"]))
    locale = draw(st.sampled_from(sorted(texts)))
    if kind == "yaml-structure":
        server = draw(yaml_structure())
    elif kind == "yaml-bytes":
        server = draw(byte_mutation(server, _YAML_SPECIAL))
    elif kind == "ftl-structure":
        texts[locale] = draw(ftl_structure(texts[locale]))
    else:
        texts[locale] = draw(byte_mutation(texts[locale], _FTL_SPECIAL))
    return Case(kind, server, texts)


# --- running a case -----------------------------------------------------------------------


class _Hang(BaseException):
    pass


@contextlib.contextmanager
def _alarm(cpu_seconds: float, wall_seconds: float) -> Iterator[None]:
    """Interrupt the case past ``cpu_seconds`` of CPU (a loaded machine does not make an
    input look slow) or ``wall_seconds`` of wall time."""

    def ring(_signum: int, _frame: object) -> None:
        raise _Hang

    previous = {sig: signal.signal(sig, ring) for sig in (signal.SIGPROF, signal.SIGALRM)}
    signal.setitimer(signal.ITIMER_PROF, cpu_seconds)
    signal.setitimer(signal.ITIMER_REAL, wall_seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.setitimer(signal.ITIMER_REAL, 0)
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@contextlib.contextmanager
def _bot_files_parsed_once() -> Iterator[None]:
    """The bot's own .ftl files never change between cases: parse them once (a case's
    server texts still go through the real parser)."""
    from bot.i18n import catalog as catalog_module
    from bot.resources import BOT_LOCALES

    real = catalog_module.parse_ftl_file
    root = BOT_LOCALES.resolve()
    memo: dict[Path, Any] = {}

    def parse(path: Path) -> Any:
        if root not in path.resolve().parents:
            return real(path)
        if path not in memo:
            memo[path] = real(path)
        return memo[path]

    catalog_module.parse_ftl_file = parse  # type: ignore[assignment]
    try:
        yield
    finally:
        catalog_module.parse_ftl_file = real


class Runner:
    """Runs cases in one scratch tree (rewritten per case), the bot's files parsed once."""

    def __init__(self) -> None:
        self._stack = contextlib.ExitStack()
        self.root = Path(self._stack.enter_context(tempfile.TemporaryDirectory()))
        self._stack.enter_context(_bot_files_parsed_once())

    def close(self) -> None:
        self._stack.close()

    def __enter__(self) -> Runner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def run(self, case: Case) -> Outcome:
        from bot.cli import main

        shutil.rmtree(self.root / "servers", ignore_errors=True)
        shutil.rmtree(self.root / "locales", ignore_errors=True)
        (self.root / "servers").mkdir()
        (self.root / "servers" / "example.yaml").write_bytes(case.server)
        for locale, data in case.texts.items():
            folder = self.root / "locales" / locale / "servers"
            folder.mkdir(parents=True)
            (folder / "example.ftl").write_bytes(data)
        out, err = io.StringIO(), io.StringIO()
        started, cpu_started = time.monotonic(), time.process_time()
        code: int | None = None
        raised: str | None = None
        hung = False
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                with _alarm(HANG_SECONDS, WALL_SECONDS):
                    code = main(
                        [
                            "validate",
                            str(self.root / "servers"),
                            "--locales",
                            str(self.root / "locales"),
                        ]
                    )
            except _Hang:
                hung = True
            except BaseException as exc:
                raised = f"{type(exc).__name__}: {exc}"[:500]
        seconds = time.monotonic() - started
        cpu_seconds = time.process_time() - cpu_started
        unnamed = tuple(
            line
            for line in err.getvalue().splitlines()
            if code == 1 and not _names_a_file(line, self.root)
        )
        return Outcome(code, raised, hung, seconds, cpu_seconds, unnamed)


def _names_a_file(line: str, root: Path) -> bool:
    """An error line names the file at fault; the CLI's closing summary names counts."""
    if "example.yaml" in line or "example.ftl" in line or str(root) in line:
        return True
    return _is_summary(line)


def _is_summary(line: str) -> bool:
    from bot.cli import _bot_texts

    texts = _bot_texts()
    summaries = _summaries(texts.locale)
    return any(line.startswith(prefix) for prefix in summaries)


@cache
def _summaries(locale: str) -> tuple[str, ...]:
    """The first words of the CLI's summary and framing lines, which name no single file."""
    from bot.cli import _bot_texts

    texts = _bot_texts()
    lines = [
        texts("cli-validate-failed", errors=1, failed=1, files=1),
        texts("cli-locales-invalid", path="~"),
        texts("cli-warning", diagnostic="~"),
    ]
    return tuple(line.split("1", 1)[0].split("~", 1)[0][:12] for line in lines)
