"""The test volumes: the seed (the Chinese edition of three cases, as shipped in shared/),
the English edition of TRANSFORM written from the fixture's English with the layout's
furniture put in, and three cases of our own in each layout with a real volume's variations."""

from pathlib import Path

FOLDER = Path(__file__).parent / "volumes"


def volume_lines(name):
    return (FOLDER / name).read_text(encoding="utf-8").splitlines()


def volume_bytes(name):
    return (FOLDER / name).read_bytes()
