"""The file-based GX project (services/quality/gx), built from code with add_or_update.

The data source's connection string is `${QUALITY_GX_CONNECTION_STRING}`,
substituted from the environment at validation time, so no credential is ever
committed. The run to validate travels on that connection as the Postgres
setting `tvr.run_id`, which every query asset filters on: a batch holds the
run's rows only, and the committed project stays the same for every run.

`python -m tvr_quality.gx_project` rewrites the committed project from code.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

import great_expectations as gx
from great_expectations.checkpoint import UpdateDataDocsAction
from great_expectations.core.batch_definition import BatchDefinition
from great_expectations.core.expectation_suite import ExpectationSuite
from great_expectations.data_context import FileDataContext
from great_expectations.data_context.types.base import ProgressBarsConfig
from great_expectations.exceptions import DataContextError
from great_expectations.expectations.expectation import Expectation

from .config import PostgresTarget
from .suites import SuiteSpec, suite_specs

GX_PROJECT_ROOT = Path(__file__).resolve().parents[2]
DATA_SOURCE = "tvr_postgres"
CHECKPOINT = "run_quality"
DATA_DOCS_SITE = "run_data_docs"
CONNECTION_ENV = "QUALITY_GX_CONNECTION_STRING"
DATA_DOCS_ENV = "QUALITY_DATA_DOCS_DIR"

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")


def connection_string(target: PostgresTarget, run_id: str) -> str:
    """SQLAlchemy URL whose sessions carry `tvr.run_id` (never logged: it may hold the password)."""
    auth = quote(target.user, safe="")
    if target.password:
        auth += ":" + quote(target.password, safe="")
    options = quote(f"-c tvr.run_id={run_id}", safe="")
    return f"postgresql+psycopg2://{auth}@{target.host}:{target.port}/{quote(target.dbname, safe='')}?options={options}"


def open_context() -> FileDataContext:
    context = gx.get_context(mode="file", project_root_dir=GX_PROJECT_ROOT)
    assert isinstance(context, FileDataContext)
    return context


def _ensure_data_docs_site(context: FileDataContext) -> None:
    site = {
        "class_name": "SiteBuilder",
        "show_how_to_buttons": False,
        "store_backend": {
            "class_name": "TupleFilesystemStoreBackend",
            "base_directory": "${" + DATA_DOCS_ENV + "}",
        },
        "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
    }
    variables = context.variables
    if variables.data_docs_sites != {DATA_DOCS_SITE: site} or variables.analytics_enabled is not False:
        variables.data_docs_sites = {DATA_DOCS_SITE: site}
        variables.analytics_enabled = False
        variables.progress_bars = ProgressBarsConfig(globally=False)
        variables.save()


def _shape(expectations: list[Expectation]) -> list[tuple[str, str, str]]:
    return sorted(
        (e.type, json.dumps(e.kwargs, sort_keys=True, default=str), json.dumps(e.meta, sort_keys=True))
        for e in (x.configuration for x in expectations)
    )


def _ensure_suite(context: FileDataContext, spec: SuiteSpec) -> ExpectationSuite:
    """The suite as the code defines it; left untouched (ids and all) when it already matches."""
    try:
        existing = context.suites.get(spec.name)
    except DataContextError:
        existing = None
    if existing is not None and _shape(existing.expectations) == _shape(list(spec.expectations)):
        return existing
    return context.suites.add_or_update(ExpectationSuite(name=spec.name, expectations=list(spec.expectations)))


def _ensure_validation_definition(
    context: FileDataContext, batch: BatchDefinition[Any], suite: ExpectationSuite
) -> gx.ValidationDefinition:
    try:
        existing = context.validation_definitions.get(suite.name)
    except DataContextError:
        existing = None
    if existing is not None and existing.suite.id == suite.id and existing.batch_definition.id == batch.id:
        return existing
    return context.validation_definitions.add_or_update(
        gx.ValidationDefinition(name=suite.name, data=batch, suite=suite)
    )


def ensure_project(context: FileDataContext) -> None:
    """Data source, one query asset, suite and validation definition per suite, the checkpoint.

    Idempotent: what already matches the code is left as it is, so running it
    again (every validation does) leaves the committed project unchanged.
    """
    _ensure_data_docs_site(context)
    connection = "${" + CONNECTION_ENV + "}"
    source = next((d for d in context.data_sources.all().values() if d.name == DATA_SOURCE), None)
    if source is None or str(getattr(source, "connection_string", "")) != connection:
        source = context.data_sources.add_or_update_postgres(name=DATA_SOURCE, connection_string=connection)
    validation_definitions = []
    for spec in suite_specs():
        existing = {asset.name: asset for asset in source.assets}
        if spec.asset in existing and getattr(existing[spec.asset], "query", None) != spec.query:
            source.delete_asset(spec.asset)
            existing.pop(spec.asset)
        asset = existing.get(spec.asset) or source.add_query_asset(name=spec.asset, query=spec.query)
        batch = next(
            (b for b in asset.batch_definitions if b.name == "run"), None
        ) or asset.add_batch_definition_whole_table("run")
        suite = _ensure_suite(context, spec)
        validation_definitions.append(_ensure_validation_definition(context, batch, suite))
    try:
        checkpoint = context.checkpoints.get(CHECKPOINT)
        current = [v.id for v in checkpoint.validation_definitions]
    except DataContextError:
        current = None
    if current != [v.id for v in validation_definitions]:
        context.checkpoints.add_or_update(
            gx.Checkpoint(
                name=CHECKPOINT,
                validation_definitions=validation_definitions,
                actions=[UpdateDataDocsAction(name="update_data_docs", site_names=[DATA_DOCS_SITE])],
                result_format={"result_format": "SUMMARY", "partial_unexpected_count": 10},
            )
        )


if __name__ == "__main__":
    os.environ.setdefault(CONNECTION_ENV, "postgresql+psycopg2://postgres@127.0.0.1:5432/tv_ratings")
    os.environ.setdefault(DATA_DOCS_ENV, str(GX_PROJECT_ROOT / "gx" / "uncommitted" / "data_docs"))
    ensure_project(open_context())
    print(f"GX project written to {GX_PROJECT_ROOT / 'gx'}")
