"""The lock files pin every requirement within its range, the same version in both, each with
hashes: a package added to requirements*.txt without `make lock` fails here."""

import re
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s\\]+)")


def requirements(name):
    found = {}
    for line in (ROOT / name).read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            requirement = Requirement(line)
            found[canonicalize_name(requirement.name)] = requirement
    return found


def pins(name):
    text = (ROOT / name).read_text()
    found = {}
    for block in re.split(r"\n(?=\S)", text):
        match = PIN.match(block)
        if match:
            found[canonicalize_name(match.group(1))] = (
                match.group(2),
                block.count("--hash=sha256:"),
            )
    return found


@pytest.mark.parametrize(
    "lock, sources",
    [
        ("requirements.lock", ["requirements.txt"]),
        ("requirements-dev.lock", ["requirements.txt", "requirements-dev.txt"]),
    ],
)
def test_lock_pins_every_requirement_within_its_range_with_hashes(lock, sources):
    pinned = pins(lock)
    for source in sources:
        for name, requirement in requirements(source).items():
            assert name in pinned, f"{name} is not in {lock}: run `make lock`"
            version, hashes = pinned[name]
            assert requirement.specifier.contains(version, prereleases=True), (
                f"{lock} pins {name}=={version}, outside {requirement.specifier}: run `make lock`"
            )
    assert all(hashes > 0 for _version, hashes in pinned.values())


def test_production_and_development_locks_agree():
    production, development = pins("requirements.lock"), pins("requirements-dev.lock")

    assert {
        name: (version, development[name][0])
        for name, (version, _hashes) in production.items()
        if development.get(name, (version,))[0] != version
    } == {}
