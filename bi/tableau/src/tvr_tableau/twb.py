"""The workbook XML, generated from spec.py and the marts' columns (xml.etree, never string building)."""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from . import spec
from .marts import MartColumn, Marts
from .spec import Connection, Dim, Field, Measure, Shelf
from .types import mapping, supported

TWB_VERSION = "26.2"
SOURCE_BUILD = "2026.2.0 (20262.0.0.0) tvr-tableau"
DATASOURCE = "federated.tvr_marts"
DATASOURCE_CAPTION = "TV ratings (marts)"
NAMED_CONNECTION = "tvr_marts_connection"
USER_NS = "http://www.tableausoftware.com/xml/user"
ET.register_namespace("user", USER_NS)


@dataclass(frozen=True)
class Column:
    """One datasource column: a mart column under a unique Tableau name."""

    mart: MartColumn
    local: str  # without brackets
    caption: str
    description: str
    hidden: bool

    @property
    def name(self) -> str:
        return f"[{self.local}]"


def datasource_columns(marts: Marts) -> dict[Field, Column]:
    """Each supported mart column once; a name taken by an earlier mart gets Tableau's `name (mart)` form."""
    columns: dict[Field, Column] = {}
    taken: set[str] = set()
    for mart in spec.MARTS:
        for col in marts[mart]:
            if not supported(col.pg_type):
                continue
            first = col.name not in taken
            local = col.name if first else f"{col.name} ({mart})"
            taken.add(col.name)
            caption, description = spec.FIELD_NAMES.get(col.name, (col.name.replace("_", " ").capitalize(), ""))
            columns[Field(mart, col.name)] = Column(
                col,
                local,
                caption if first else f"{caption} ({mart})",
                description,
                hidden=not first and _is_key(col.name),
            )
    return columns


def _is_key(name: str) -> bool:
    return name in {"series_id", "period", "genre_id", "network_id"}


def stable_uuid(kind: str, name: str) -> str:
    """Same workbook, same ids: a rebuild is byte-identical when the marts are."""
    return "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"tvr-tableau:{kind}:{name}")).upper() + "}"


class WorkbookBuilder:
    def __init__(self, marts: Marts, connection: Connection) -> None:
        self.marts = marts
        self.connection = connection
        self.columns = datasource_columns(marts)

    # ---- fields -------------------------------------------------------------------------
    def column(self, used: Field) -> Column:
        try:
            return self.columns[used]
        except KeyError:
            raise KeyError(f"field {used.mart}.{used.column} is not a column of the marts") from None

    def instance(self, shelf: Shelf) -> tuple[str, str, str]:
        """(instance name, derivation, type) of a field as a sheet uses it."""
        column = self.column(shelf.field)
        if isinstance(shelf, Measure):
            return f"[{shelf.aggregation}:{column.local}:qk]", shelf.aggregation.capitalize(), "quantitative"
        if shelf.discrete_number or mapping(column.mart.pg_type).tableau in ("integer", "real"):
            return f"[none:{column.local}:ok]", "None", "ordinal"
        return f"[none:{column.local}:nk]", "None", "nominal"

    def qualified(self, shelf: Shelf) -> str:
        return f"[{DATASOURCE}].{self.instance(shelf)[0]}"

    def column_element(self, parent: ET.Element, column: Column) -> ET.Element:
        m = mapping(column.mart.pg_type)
        is_measure = (
            m.tableau in ("integer", "real")
            and not _is_key(column.mart.name)
            and column.mart.name not in ("rank", "first_air_year")
        )
        attrs = {
            "caption": column.caption,
            "datatype": m.tableau,
            "name": column.name,
            "role": "measure" if is_measure else "dimension",
            "type": "quantitative" if is_measure else ("ordinal" if m.tableau in ("integer", "real") else "nominal"),
        }
        if column.hidden:
            attrs["hidden"] = "true"
        element = ET.SubElement(parent, "column", attrs)
        if column.description:
            desc = ET.SubElement(element, "desc")
            text = ET.SubElement(desc, "formatted-text")
            ET.SubElement(text, "run").text = column.description
        return element

    # ---- workbook -----------------------------------------------------------------------
    def build(self) -> ET.Element:
        root = ET.Element(
            "workbook",
            {
                "original-version": TWB_VERSION,
                "source-build": SOURCE_BUILD,
                "source-platform": "linux",
                "version": TWB_VERSION,
                "locale": "en_US",
            },
        )
        manifest = ET.SubElement(root, "document-format-change-manifest")
        ET.SubElement(manifest, "ManifestByVersion")
        prefs = ET.SubElement(root, "preferences")
        ET.SubElement(prefs, "preference", {"name": "ui.encoding.shelf.height", "value": "24"})
        datasources = ET.SubElement(root, "datasources")
        self.datasource(datasources)
        self.shared_filters(root)
        self.actions(root)
        worksheets = ET.SubElement(root, "worksheets")
        for sheet in spec.SHEETS:
            self.worksheet(worksheets, sheet)
        dashboards = ET.SubElement(root, "dashboards")
        for dashboard in spec.DASHBOARDS:
            self.dashboard(dashboards, dashboard)
        self.windows(root)
        explain = ET.SubElement(
            root, "explain-data", {"enabled-for-viewer": "true", "extreme-values-enabled-for-all": "true"}
        )
        ET.SubElement(explain, "explanation-types")
        ET.indent(root, space="  ")
        return root

    def datasource(self, parent: ET.Element) -> None:
        ds = ET.SubElement(
            parent,
            "datasource",
            {"caption": DATASOURCE_CAPTION, "inline": "true", "name": DATASOURCE, "version": TWB_VERSION},
        )
        conn = ET.SubElement(ds, "connection", {"class": "federated"})
        named = ET.SubElement(
            ET.SubElement(conn, "named-connections"),
            "named-connection",
            {"caption": self.connection_caption(), "name": NAMED_CONNECTION},
        )
        ET.SubElement(named, "connection", self.connection_attributes())
        conn.append(self.relation())
        records = ET.SubElement(conn, "metadata-records")
        for column in self.columns.values():
            self.metadata_record(records, column)
        ET.SubElement(ds, "aliases", {"enabled": "yes"})
        for column in self.columns.values():
            self.column_element(ds, column)
        name, levels = spec.HIERARCHY
        path = ET.SubElement(ET.SubElement(ds, "drill-paths"), "drill-path", {"name": name})
        for level in levels:
            ET.SubElement(path, "field").text = self.column(level).name
        ET.SubElement(
            ds, "layout", {"dim-ordering": "alphabetic", "measure-ordering": "alphabetic", "show-structure": "true"}
        )

    def connection_caption(self) -> str:
        c = self.connection
        return c.server if c.kind == "postgres" else "Hyper extract"

    def connection_attributes(self) -> dict[str, str]:
        c = self.connection
        if c.kind == "postgres":
            attrs = {
                "authentication": "username-password",
                "class": "postgres",
                "dbname": c.dbname,
                "odbc-native-protocol": "yes",
                "one-time-sql": "",
                "port": str(c.port),
                "server": c.server,
                "username": c.username,
            }
            if c.sslmode:
                attrs["sslmode"] = c.sslmode
            return attrs
        return {
            "authentication": "auth-none",
            "author-locale": "en_US",
            "class": "hyper",
            "dbname": c.hyper_path,
            "default-settings": "yes",
            "schema": c.schema,
            "sslmode": "",
            "username": "tableau_internal_user",
        }

    def table_relation(self, mart: str) -> ET.Element:
        return ET.Element(
            "relation",
            {
                "connection": NAMED_CONNECTION,
                "name": mart,
                "table": f"[{self.connection.schema}].[{mart}]",
                "type": "table",
            },
        )

    def relation(self) -> ET.Element:
        current = self.table_relation(spec.ROOT)
        for join in spec.JOINS:
            joined = ET.Element("relation", {"join": join.kind, "type": "join"})
            clause = ET.SubElement(joined, "clause", {"type": "join"})
            conditions = [ET.Element("expression", {"op": "="}) for _ in join.on]
            for condition, (left, right) in zip(conditions, join.on, strict=True):
                ET.SubElement(condition, "expression", {"op": f"[{left.mart}].[{left.column}]"})
                ET.SubElement(condition, "expression", {"op": f"[{join.mart}].[{right}]"})
            if len(conditions) == 1:
                clause.append(conditions[0])
            else:
                both = ET.SubElement(clause, "expression", {"op": "AND"})
                both.extend(conditions)
            joined.append(current)
            joined.append(self.table_relation(join.mart))
            current = joined
        return current

    def metadata_record(self, parent: ET.Element, column: Column) -> None:
        m = mapping(column.mart.pg_type)
        record = ET.SubElement(parent, "metadata-record", {"class": "column"})
        for tag, value in (
            ("remote-name", column.mart.name),
            ("remote-type", str(m.remote_type)),
            ("local-name", column.name),
            ("parent-name", f"[{column.mart.mart}]"),
            ("remote-alias", column.mart.name),
            ("ordinal", str(column.mart.ordinal)),
            ("local-type", m.tableau),
            ("aggregation", m.aggregation),
            ("contains-null", "true"),
        ):
            ET.SubElement(record, tag).text = value

    # ---- filters ------------------------------------------------------------------------
    def shared_filters(self, root: ET.Element) -> None:
        """Genre, platform and year: one filter each, applied to every sheet that uses the data source."""
        shared = ET.SubElement(ET.SubElement(root, "shared-views"), "shared-view", {"name": DATASOURCE})
        ET.SubElement(
            ET.SubElement(shared, "datasources"), "datasource", {"caption": DATASOURCE_CAPTION, "name": DATASOURCE}
        )
        self.dependencies(shared, [Dim(f) for f in spec.GLOBAL_FILTERS])
        for used in spec.GLOBAL_FILTERS:
            self.all_members_filter(shared, Dim(used))

    def all_members_filter(self, parent: ET.Element, shelf: Shelf) -> None:
        instance = self.instance(shelf)[0]
        element = ET.SubElement(parent, "filter", {"class": "categorical", "column": f"[{DATASOURCE}].{instance}"})
        ET.SubElement(
            element,
            "groupfilter",
            {
                "function": "level-members",
                "level": instance,
                f"{{{USER_NS}}}ui-enumeration": "all",
                f"{{{USER_NS}}}ui-marker": "enumerate",
            },
        )

    def exclude_null_filter(self, parent: ET.Element, used: Field) -> None:
        instance = self.instance(Dim(used))[0]
        element = ET.SubElement(parent, "filter", {"class": "categorical", "column": f"[{DATASOURCE}].{instance}"})
        outer = ET.SubElement(
            element,
            "groupfilter",
            {
                "function": "except",
                f"{{{USER_NS}}}ui-domain": "database",
                f"{{{USER_NS}}}ui-enumeration": "exclusive",
                f"{{{USER_NS}}}ui-marker": "enumerate",
            },
        )
        ET.SubElement(outer, "groupfilter", {"function": "level-members", "level": instance})
        ET.SubElement(outer, "groupfilter", {"function": "member", "level": instance, "member": "%null%"})

    def dependencies(self, parent: ET.Element, shelves: list[Shelf]) -> None:
        deps = ET.SubElement(parent, "datasource-dependencies", {"datasource": DATASOURCE})
        seen_columns: set[Field] = set()
        instances: dict[str, ET.Element] = {}
        for shelf in shelves:
            if shelf.field not in seen_columns:
                seen_columns.add(shelf.field)
                self.column_element(deps, self.column(shelf.field))
            name, derivation, kind = self.instance(shelf)
            instances.setdefault(
                name,
                ET.Element(
                    "column-instance",
                    {
                        "column": self.column(shelf.field).name,
                        "derivation": derivation,
                        "name": name,
                        "pivot": "key",
                        "type": kind,
                    },
                ),
            )
        deps.extend(instances.values())

    # ---- actions ------------------------------------------------------------------------
    def actions(self, root: ET.Element) -> None:
        actions = ET.SubElement(root, "actions")
        for action in spec.FILTER_ACTIONS:
            element = ET.SubElement(actions, "action", {"caption": action.caption, "name": action.name})
            ET.SubElement(element, "activation", {"auto-clear": "true", "type": "on-select"})
            ET.SubElement(
                element, "source", {"dashboard": action.dashboard, "type": "sheet", "worksheet": action.sheet}
            )
            target = self.qualified(Dim(action.field))
            source = self.qualified(Dim(action.source))
            ET.SubElement(
                element,
                "link",
                {
                    "caption": action.caption,
                    "delimiter": ",",
                    "escape": "\\",
                    "expression": f"tsl:{action.target}?{target}~s0=<{source}~na>",
                    "include-null": "true",
                    "multi-select": "true",
                    "url-escape": "true",
                },
            )
            command = ET.SubElement(element, "command", {"command": "tsc:tsl-filter"})
            ET.SubElement(command, "param", {"name": "exclude", "value": action.sheet})
            ET.SubElement(command, "param", {"name": "target", "value": action.target})
        for url in spec.URL_ACTIONS:
            element = ET.SubElement(actions, "action", {"caption": url.caption, "name": url.name})
            # "explicit": offered in the mark's menu rather than run on every click.
            ET.SubElement(element, "activation", {"type": "explicit"})
            ET.SubElement(element, "source", {"dashboard": url.dashboard, "type": "sheet", "worksheet": url.sheet})
            ET.SubElement(
                element,
                "link",
                {
                    "caption": url.caption,
                    "expression": url.url.format(f"<{self.qualified(Dim(url.field))}>"),
                    "url-escape": "true",
                },
            )

    # ---- worksheets ---------------------------------------------------------------------
    def worksheet(self, parent: ET.Element, sheet: spec.Sheet) -> None:
        ws = ET.SubElement(parent, "worksheet", {"name": sheet.name})
        if sheet.caption:
            options = ET.SubElement(ws, "layout-options")
            title = ET.SubElement(ET.SubElement(options, "title"), "formatted-text")
            ET.SubElement(title, "run").text = sheet.name
            caption = ET.SubElement(ET.SubElement(options, "caption"), "formatted-text")
            ET.SubElement(caption, "run").text = sheet.caption
        table = ET.SubElement(ws, "table")
        view = ET.SubElement(table, "view")
        ET.SubElement(
            ET.SubElement(view, "datasources"), "datasource", {"caption": DATASOURCE_CAPTION, "name": DATASOURCE}
        )
        shelves: list[Shelf] = [*sheet.rows, *sheet.cols, *sheet.detail, *sheet.text, *sheet.tooltip]
        if sheet.color is not None:
            shelves.append(sheet.color)
        shelves += [Dim(f) for f in sheet.exclude_null]
        self.dependencies(view, shelves)
        for used in sheet.exclude_null:
            self.exclude_null_filter(view, used)
        ET.SubElement(view, "aggregation", {"value": "true"})
        ET.SubElement(table, "style")
        pane = ET.SubElement(
            ET.SubElement(table, "panes"), "pane", {"selection-relaxation-option": "selection-relaxation-allow"}
        )
        ET.SubElement(ET.SubElement(pane, "view"), "breakdown", {"value": "auto"})
        ET.SubElement(pane, "mark", {"class": sheet.mark})
        encodings = ET.SubElement(pane, "encodings")
        if sheet.color is not None:
            ET.SubElement(encodings, "color", {"column": self.qualified(sheet.color)})
        for shelf in sheet.text:
            ET.SubElement(encodings, "text", {"column": self.qualified(shelf)})
        for shelf in sheet.detail:
            ET.SubElement(encodings, "lod", {"column": self.qualified(shelf)})
        for shelf in sheet.tooltip:
            ET.SubElement(encodings, "tooltip", {"column": self.qualified(shelf)})
        self.tooltip(pane, sheet, shelves)
        ET.SubElement(table, "rows").text = self.shelf(sheet.rows)
        ET.SubElement(table, "cols").text = self.shelf(sheet.cols)
        ET.SubElement(ws, "simple-id", {"uuid": stable_uuid("worksheet", sheet.name)})

    def tooltip(self, pane: ET.Element, sheet: spec.Sheet, shelves: list[Shelf]) -> None:
        tooltip = ET.SubElement(pane, "customized-tooltip")
        text = ET.SubElement(tooltip, "formatted-text")
        shown: set[str] = set()
        for shelf in shelves:
            if shelf.field == spec.SERIES and sheet.name != "Profile Details":
                continue
            name = self.qualified(shelf)
            if name in shown or (shelf.field in sheet.exclude_null and shelf not in (*sheet.rows, *sheet.cols)):
                continue
            shown.add(name)
            ET.SubElement(text, "run", {"fontcolor": "#787878"}).text = f"{self.column(shelf.field).caption}:\t"
            ET.SubElement(text, "run", {"bold": "true"}).text = f"<{name}>"
            ET.SubElement(text, "run").text = "\n"

    def shelf(self, shelves: tuple[Shelf, ...]) -> str:
        """Dimensions nest (`/`); several measures sit side by side (`+`)."""
        dims = [self.qualified(s) for s in shelves if isinstance(s, Dim)]
        measures = [self.qualified(s) for s in shelves if isinstance(s, Measure)]
        parts = dims + ([measures[0]] if len(measures) == 1 else [f"({' + '.join(measures)})"] if measures else [])
        if not parts:
            return ""
        return parts[0] if len(parts) == 1 else "(" + " / ".join(parts) + ")"

    # ---- dashboards ---------------------------------------------------------------------
    def dashboard(self, parent: ET.Element, dashboard: spec.Dashboard) -> None:
        element = ET.SubElement(parent, "dashboard", {"name": dashboard.name})
        options = ET.SubElement(element, "layout-options")
        title = ET.SubElement(ET.SubElement(options, "title"), "formatted-text")
        ET.SubElement(title, "run", {"bold": "true"}).text = dashboard.title
        ET.SubElement(element, "style")
        ET.SubElement(
            element,
            "size",
            {"maxheight": "900", "maxwidth": "1400", "minheight": "900", "minwidth": "1400", "sizing-mode": "fixed"},
        )
        zones = ET.SubElement(element, "zones")
        ids = iter(range(1, 1000))
        outer = ET.SubElement(
            zones,
            "zone",
            {
                "h": "100000",
                "id": str(next(ids)),
                "param": "vert",
                "type-v2": "layout-flow",
                "w": "100000",
                "x": "0",
                "y": "0",
            },
        )
        y = 0
        if dashboard.filter_cards and dashboard.sheets:
            bar = ET.SubElement(
                outer,
                "zone",
                {
                    "h": "8000",
                    "id": str(next(ids)),
                    "param": "horz",
                    "type-v2": "layout-flow",
                    "w": "100000",
                    "x": "0",
                    "y": "0",
                },
            )
            width = 100000 // len(spec.GLOBAL_FILTERS)
            for i, used in enumerate(spec.GLOBAL_FILTERS):
                ET.SubElement(
                    bar,
                    "zone",
                    {
                        "h": "8000",
                        "id": str(next(ids)),
                        "mode": "checkdropdown",
                        "name": dashboard.sheets[0],
                        "param": self.qualified(Dim(used)),
                        "type-v2": "filter",
                        "w": str(width),
                        "x": str(i * width),
                        "y": "0",
                    },
                )
            y = 8000
        if dashboard.text:
            text_zone = ET.SubElement(
                outer,
                "zone",
                {"h": str(100000 - y), "id": str(next(ids)), "type-v2": "text", "w": "100000", "x": "0", "y": str(y)},
            )
            self.data_dictionary(text_zone)
        height = (100000 - y) // max(1, len(dashboard.sheets))
        for i, name in enumerate(dashboard.sheets):
            ET.SubElement(
                outer,
                "zone",
                {
                    "h": str(height),
                    "id": str(next(ids)),
                    "name": name,
                    "w": "100000",
                    "x": "0",
                    "y": str(y + i * height),
                },
            )
        ET.SubElement(element, "simple-id", {"uuid": stable_uuid("dashboard", dashboard.name)})

    def data_dictionary(self, zone: ET.Element) -> None:
        text = ET.SubElement(zone, "formatted-text")
        ET.SubElement(text, "run", {"bold": "true", "fontsize": "14"}).text = "Data dictionary\n"
        ET.SubElement(text, "run").text = (
            "Every row is a series in a week (ISO week of the weekly run), from the dbt marts in schema marts. "
            "Scores are on a 0-100 scale; the composite is the equal-weight mean of the available sources "
            "(empty under three). Filters (Genre, Platform, Year first aired) apply to every sheet; "
            "click a series on any dashboard to open its profile.\n"
        )
        for column in self.columns.values():
            if column.hidden:
                continue
            ET.SubElement(text, "run", {"bold": "true"}).text = f"{column.caption}"
            ET.SubElement(
                text, "run"
            ).text = f" ({column.mart.mart}.{column.mart.name}): {column.description or column.caption}\n"

    def windows(self, root: ET.Element) -> None:
        # Only dashboards get tabs; the worksheets are the dashboards' parts (hidden sheets in Tableau).
        windows = ET.SubElement(root, "windows", {"source-height": "30"})
        for dashboard in spec.DASHBOARDS:
            window = ET.SubElement(windows, "window", {"class": "dashboard", "name": dashboard.name})
            ET.SubElement(window, "viewpoints")
            ET.SubElement(window, "active", {"id": "-1"})
            ET.SubElement(window, "simple-id", {"uuid": stable_uuid("window", dashboard.name)})


def build_workbook(marts: Marts, connection: Connection) -> bytes:
    root = WorkbookBuilder(marts, connection).build()
    document: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return document
