"""Atomic outputs and the packaged workbook (.twbx: the .twb next to Data/Extracts/*.hyper in a zip)."""

from __future__ import annotations

import os
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

EXTRACT_MEMBER = "Data/Extracts/tv_ratings_marts.hyper"


@contextmanager
def atomic_output(path: Path) -> Iterator[Path]:
    """A temporary path next to `path`, renamed onto it only when the block succeeds."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    os.close(fd)
    temporary = Path(name)
    try:
        yield temporary
        temporary.chmod(0o644)
        temporary.replace(path)
    finally:
        temporary.unlink(missing_ok=True)


def write_twbx(path: Path, twb_name: str, twb: bytes, hyper_file: Path) -> None:
    with atomic_output(path) as temporary, zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(twb_name, twb)
        archive.write(hyper_file, EXTRACT_MEMBER)
