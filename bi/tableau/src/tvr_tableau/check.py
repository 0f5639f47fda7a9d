"""What Tableau's schema doesn't check: the workbook's references hold together and match the marts."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from . import spec
from .errors import WorkbookCheckError
from .marts import Marts
from .twb import DATASOURCE, datasource_columns
from .types import mapping, supported

_REFERENCE = re.compile(r"\[" + re.escape(DATASOURCE) + r"\]\.\[([^\]]+)\]")


def spec_problems(marts: Marts) -> list[str]:
    """Fields the workbook's design uses that the marts don't have (before any XML is written)."""
    columns = datasource_columns(marts)
    problems = [f"mart {m!r} does not exist" for m in spec.MARTS if m not in marts]
    for used in spec.used_fields():
        if used.mart in marts and used not in columns:
            problems.append(f"field {used.mart}.{used.column} used by the workbook is not a column of mart {used.mart}")
    return problems


def _local_name(instance: str) -> str:
    """`avg:composite_score:qk` → `composite_score`; a plain column name stays as it is."""
    parts = instance.split(":")
    return ":".join(parts[1:-1]) if len(parts) >= 3 else instance


def workbook_problems(root: ET.Element, marts: Marts) -> list[str]:
    problems: list[str] = []
    datasource = root.find(f"./datasources/datasource[@name='{DATASOURCE}']")
    if datasource is None:
        return [f"data source {DATASOURCE} is missing"]

    # The data source's columns match the marts' columns and types, both ways.
    records = {r.findtext("local-name", "").strip("[]"): r for r in datasource.iter("metadata-record")}
    seen: set[tuple[str, str]] = set()
    for local, record in records.items():
        mart, remote = record.findtext("parent-name", "").strip("[]"), record.findtext("remote-name", "")
        seen.add((mart, remote))
        column = next((c for c in marts.get(mart, []) if c.name == remote), None)
        if column is None:
            problems.append(f"field {mart}.{remote} ({local}) is in the workbook's data source but not in the marts")
            continue
        expected = mapping(column.pg_type).tableau
        if record.findtext("local-type") != expected:
            problems.append(
                f"field {mart}.{remote} is {record.findtext('local-type')} in the workbook "
                f"but {column.pg_type} ({expected}) in the marts"
            )
    for mart in spec.MARTS:
        for column in marts.get(mart, []):
            if supported(column.pg_type) and (mart, column.name) not in seen:
                problems.append(f"field {mart}.{column.name} of the marts is missing from the workbook's data source")
    declared = {c.get("name", "").strip("[]"): c for c in datasource.findall("column")}
    for local in records:
        if local not in declared:
            problems.append(f"field {local} has no column in the data source")

    def known(reference_text: str, where: str) -> None:
        for instance in _REFERENCE.findall(reference_text):
            local = _local_name(instance)
            if local not in records:
                mart_hint = next(
                    (
                        f"{r.findtext('parent-name', '').strip('[]')}.{r.findtext('remote-name')}"
                        for r in records.values()
                        if r.findtext("remote-name") == local
                    ),
                    local,
                )
                problems.append(f"{where} uses field {mart_hint or local}, which is not in the data source")

    # Every field a sheet uses exists in the data source.
    worksheets = {w.get("name", ""): w for w in root.iter("worksheet") if w.find("table") is not None}
    for name, worksheet in worksheets.items():
        for instance in worksheet.iter("column-instance"):
            if instance.get("column", "").strip("[]") not in records:
                problems.append(f"sheet {name!r} uses field {instance.get('column')}, which is not in the data source")
        for element in worksheet.iter():
            for attribute in ("column", "level"):
                known(element.get(attribute, ""), f"sheet {name!r}")
            if element.tag in ("rows", "cols", "run"):
                known(element.text or "", f"sheet {name!r}")

    # Filters (shared and on sheets) target existing fields.
    for shared in root.iter("shared-view"):
        for flt in shared.iter("filter"):
            known(flt.get("column", ""), "the shared filter")

    # Every sheet placed on a dashboard exists; filter cards name an existing sheet and field.
    dashboards = {d.get("name", ""): d for d in root.iter("dashboard")}
    for name, dashboard in dashboards.items():
        for zone in dashboard.iter("zone"):
            sheet = zone.get("name")
            if sheet is not None and sheet not in worksheets:
                problems.append(f"dashboard {name!r} places sheet {sheet!r}, which does not exist")
            if zone.get("type-v2") == "filter":
                known(zone.get("param", ""), f"a filter card on dashboard {name!r}")
    filtered = " ".join(element.get("column") or "" for element in root.iter("filter"))
    for wanted in spec.GLOBAL_FILTERS:
        if f":{wanted.column}" not in filtered:
            problems.append(f"filter on {wanted.mart}.{wanted.column} is missing")

    # Actions start on an existing sheet of an existing dashboard and target existing dashboards and fields.
    for action in root.iter("action"):
        label = f"action {action.get('caption')!r}"
        source = action.find("source")
        if source is not None:
            if source.get("dashboard") not in dashboards:
                problems.append(f"{label} starts on dashboard {source.get('dashboard')!r}, which does not exist")
            if source.get("worksheet") not in worksheets:
                problems.append(f"{label} starts on sheet {source.get('worksheet')!r}, which does not exist")
        for param in action.iter("param"):
            if param.get("name") == "target" and param.get("value") not in dashboards:
                problems.append(f"{label} targets {param.get('value')!r}, which does not exist")
        for link in action.iter("link"):
            known(link.get("expression", ""), label)
    return problems


def check_workbook(twb: bytes, marts: Marts) -> None:
    problems = spec_problems(marts) + workbook_problems(ET.fromstring(twb), marts)  # noqa: S314 - our own file
    if problems:
        raise WorkbookCheckError(problems)
