-- Mirrors contract 4 (the quality result tables) until branch i9a's migration
-- (db/migrations/0002_*) is on main; tests apply it after the real migrations.
create table if not exists quality_validations (
  run_id uuid not null references pipeline_runs (id) on delete cascade,
  suite text not null,
  success boolean not null,
  evaluated integer not null,
  failed integer not null,
  critical_failed integer not null,
  validated_at timestamptz not null default now(),
  data_docs_path text,
  primary key (run_id, suite)
);
create table if not exists quality_expectation_results (
  run_id uuid not null references pipeline_runs (id) on delete cascade,
  suite text not null,
  expectation_id text not null,
  expectation_type text not null,
  column_name text,
  severity text not null check (severity in ('critical', 'warning')),
  success boolean not null,
  observed_value jsonb,
  unexpected_share double precision,
  details jsonb,
  primary key (run_id, suite, expectation_id)
);
create table if not exists transform_results (
  run_id uuid not null references pipeline_runs (id) on delete cascade,
  node text not null,
  resource_type text not null,
  status text not null,
  message text,
  rows_affected bigint,
  execution_seconds double precision,
  finished_at timestamptz not null default now(),
  primary key (run_id, node)
);
