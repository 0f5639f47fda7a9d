"""Both workbooks to Tableau Server/Cloud with tableauserverclient (personal access token sign-in)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import tableauserverclient as TSC

from .config import PublishSettings, Settings
from .errors import TableauError


@dataclass(frozen=True)
class Published:
    name: str
    id: str
    project: str


def publish(settings: PublishSettings, workbooks: list[Path], database: Settings) -> list[Published]:
    server = TSC.Server(settings.server_url, use_server_version=True)
    auth = TSC.PersonalAccessTokenAuth(settings.token_name, settings.token_secret, site_id=settings.site)
    published: list[Published] = []
    try:
        with server.auth.sign_in(auth):
            project = find_project(server, settings.project)
            for path in workbooks:
                item = TSC.WorkbookItem(project_id=project.id, name=path.stem, show_tabs=True)
                connections = live_connections(settings, database) if path.suffix == ".twb" else None
                result = server.workbooks.publish(
                    item,
                    str(path),
                    TSC.Server.PublishMode.Overwrite,
                    connections=connections,
                    as_job=False,
                    skip_connection_check=False,
                )
                published.append(Published(result.name or path.stem, result.id or "", project.name or ""))
    except TSC.ServerResponseError as error:
        # Code and summary only: the detail can echo the request.
        raise TableauError(f"Tableau Server refused the request: {error.code} {error.summary}") from None
    except OSError as error:
        raise TableauError(f"cannot reach Tableau Server at TABLEAU_SERVER_URL: {type(error).__name__}") from None
    return published


def find_project(server: TSC.Server, name: str) -> TSC.ProjectItem:
    options = TSC.RequestOptions()
    options.filter.add(TSC.Filter(TSC.RequestOptions.Field.Name, TSC.RequestOptions.Operator.Equals, name))
    projects, _ = server.projects.get(options)
    match = next((p for p in projects if p.name == name), None)
    if match is None:
        raise TableauError(f"project {name!r} (TABLEAU_PROJECT) does not exist on the site")
    return match


def live_connections(settings: PublishSettings, database: Settings) -> list[TSC.ConnectionItem] | None:
    """The live workbook's database password, embedded on the server only when TABLEAU_DB_PASSWORD is set."""
    if settings.db_password is None:
        return None
    connection = TSC.ConnectionItem()
    connection.server_address = database.workbook_connection.server
    connection.server_port = str(database.workbook_connection.port)
    connection.connection_credentials = TSC.ConnectionCredentials(
        database.workbook_connection.username, settings.db_password, embed=True
    )
    return [connection]
