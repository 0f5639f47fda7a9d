import type { Database } from "@tvr/db";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { Facets, SeriesIdParams, SeriesList, SeriesListQuery, SeriesProfile } from "../catalog/schemas.ts";
import { listSeries } from "../catalog/series-list.ts";
import { catalogFacets, seriesProfile } from "../catalog/series-profile.ts";
import { MARTS } from "../catalog/sources.ts";
import { requireMartColumns } from "../marts/catalog.ts";
import { ErrorBody, errorResponses } from "../schemas.ts";

export interface SeriesRoutesOptions {
  db: Database;
  martsSchema: string;
}

const martsMissing = { 503: ErrorBody.describe("the dbt marts are not built yet") };

export const seriesRoutes: FastifyPluginAsyncZod<SeriesRoutesOptions> = async (app, deps) => {
  const compositeReady = async () => {
    await requireMartColumns(deps.db, deps.martsSchema, MARTS.series);
    await requireMartColumns(deps.db, deps.martsSchema, MARTS.facts);
  };

  app.get(
    "/series",
    {
      schema: {
        summary: "Series with their latest scores: search, filters, sort, cursor paging",
        tags: ["series"],
        querystring: SeriesListQuery,
        response: { 200: SeriesList, ...martsMissing, ...errorResponses },
      },
    },
    async (request) => {
      await compositeReady();
      return listSeries(deps, request.query);
    },
  );

  app.get(
    "/series/:id",
    {
      schema: {
        summary: "A series' profile, every source's latest score and its history across runs",
        tags: ["series"],
        params: SeriesIdParams,
        response: { 200: SeriesProfile, ...martsMissing, ...errorResponses },
      },
    },
    async (request, reply) => {
      await compositeReady();
      const profile = await seriesProfile(deps, request.params.id);
      return (
        profile ?? reply.code(404).send({ error: "Not Found", message: `no series ${request.params.id}` })
      );
    },
  );

  app.get(
    "/facets",
    {
      schema: {
        summary: "Genres, networks and first-air years to filter series by",
        tags: ["series"],
        response: { 200: Facets, ...errorResponses },
      },
    },
    async () => catalogFacets(deps),
  );
};
