"""Reference checks across a bundle: loops and over-long chains, never a shared target."""

from __future__ import annotations

from pathlib import Path

from bot.i18n.ftl import parse_ftl
from bot.i18n.ftl_limits import check_references

PATH = Path("x.ftl")


def flagged(source: str, other: str = "") -> dict[str, str | None]:
    files = [parse_ftl(source, PATH)] + ([parse_ftl(other, Path("y.ftl"))] if other else [])
    return {dict(d.args)["id"]: d.msg_id for d in check_references(files)}  # type: ignore[misc]


def test_shared_targets_and_attributes_are_fine() -> None:
    diamond = "a = { b } { c }\nb = { d }\nc = { d.title }\nd = x\n    .title = y\n"
    assert flagged(diamond) == {}


def test_loops_and_what_leads_into_them_are_flagged() -> None:
    source = "a = { b }\nb = { c }\nc = { b }\nfree = x\n-t = { t-user }\nt-user = { -t }\n"
    assert flagged(source) == dict.fromkeys(
        ["a", "b", "c", "-t", "t-user"], "ftl-limit-reference-cycle"
    )


def test_loops_across_files_and_through_selectors() -> None:
    source = "a = { $n -> \n    [one] { b }\n   *[other] x\n}\n"
    assert flagged(source, "b = { a }\n") == dict.fromkeys(["a"], "ftl-limit-reference-cycle") | {
        "b": "ftl-limit-reference-cycle"
    }


def test_chains_longer_than_the_limit() -> None:
    chain = "".join(f"m{i} = {{ m{i + 1} }}\n" for i in range(11)) + "m11 = end\n"
    assert flagged(chain) == {"m0": "ftl-limit-reference-depth", "m1": "ftl-limit-reference-depth"}
