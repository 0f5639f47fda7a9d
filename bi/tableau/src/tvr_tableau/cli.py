"""tvr-tableau build | extract | package | check | publish | all"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from . import spec
from .check import check_workbook, spec_problems
from .config import Settings, load_publish_settings, load_settings
from .errors import TableauError, WorkbookCheckError
from .extract import write_extract
from .marts import Marts, connect, read_marts
from .package import EXTRACT_MEMBER, atomic_output, write_twbx
from .publish import publish
from .twb import build_workbook

LIVE = "tv_ratings.twb"
PACKAGED = "tv_ratings.twbx"
EXTRACT = "tv_ratings_marts.hyper"


def load_marts(settings: Settings) -> Marts:
    with connect(settings.database_url) as conn:
        return read_marts(conn, list(spec.MARTS))


def checked_workbook(marts: Marts, connection: spec.Connection) -> bytes:
    problems = spec_problems(marts)
    if problems:
        raise WorkbookCheckError(problems)
    twb = build_workbook(marts, connection)
    check_workbook(twb, marts)
    return twb


def build(settings: Settings) -> Path:
    """The live workbook (.twb), pointing at the database of DATABASE_URL (or TABLEAU_DB_*)."""
    twb = checked_workbook(load_marts(settings), settings.workbook_connection)
    path = settings.dist / LIVE
    with atomic_output(path) as temporary:
        temporary.write_bytes(twb)
    return path


def extract(settings: Settings) -> Path:
    """The marts as a Hyper file (what the packaged workbook carries)."""
    path = settings.dist / EXTRACT
    with connect(settings.database_url) as conn:
        marts = read_marts(conn, list(spec.MARTS))
        with atomic_output(path) as temporary:
            temporary.unlink()  # Hyper creates the file itself
            write_extract(conn, marts, temporary)
    return path


def package(settings: Settings) -> Path:
    """The packaged workbook (.twbx): the workbook on a fresh Hyper extract of the marts."""
    with connect(settings.database_url) as conn, tempfile.TemporaryDirectory() as scratch:
        marts = read_marts(conn, list(spec.MARTS))
        hyper_file = Path(scratch) / EXTRACT
        write_extract(conn, marts, hyper_file)
        twb = checked_workbook(marts, spec.Connection("hyper", hyper_path=EXTRACT_MEMBER))
        path = settings.dist / PACKAGED
        write_twbx(path, LIVE, twb, hyper_file)
    return path


def check(settings: Settings, workbook: Path) -> None:
    check_workbook(workbook.read_bytes(), load_marts(settings))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tvr-tableau", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("build", help="the live .twb (PostgreSQL) into the dist directory")
    commands.add_parser("extract", help="the marts as a Hyper file into the dist directory")
    commands.add_parser("package", help="the .twbx with a Hyper extract into the dist directory")
    commands.add_parser("all", help="build and package")
    check_parser = commands.add_parser("check", help="a built workbook against the current marts")
    check_parser.add_argument("workbook", type=Path, nargs="?")
    commands.add_parser("publish", help="publish the built .twb and .twbx (TABLEAU_* variables)")
    args = parser.parse_args(argv)
    try:
        settings = load_settings()
        if args.command in ("build", "all"):
            print(f"workbook: {build(settings)}")
        if args.command in ("package", "all"):
            print(f"packaged workbook: {package(settings)}")
        if args.command == "extract":
            print(f"extract: {extract(settings)}")
        if args.command == "check":
            workbook = args.workbook or settings.dist / LIVE
            check(settings, workbook)
            print(f"{workbook}: matches the marts")
        if args.command == "publish":
            publish_settings = load_publish_settings()
            files = [settings.dist / LIVE, settings.dist / PACKAGED]
            missing = [str(p) for p in files if not p.is_file()]
            if missing:
                raise TableauError(f"not built yet: {', '.join(missing)} (run `tvr-tableau all` first)")
            for item in publish(publish_settings, files, settings):
                print(f"published {item.name} to project {item.project} ({item.id})")
    except TableauError as error:
        print(f"tvr-tableau {args.command}: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
