import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { SiteName, SitePageEntry, SitePagePlan } from "../catalog/types.ts";
import { renderJsShell, renderMcPage, renderRtPage, renderUnknownLayoutPage } from "../pages/index.ts";
import type { McLayout, McPageData, RtLayout, RtPageData } from "../pages/types.ts";
import type { SandboxContext, UpstreamModule } from "../runtime/upstream.ts";
import { blockPage, clearanceToken, deliveryOf, hasClearance, varnish403Page } from "./delivery.ts";
import { SITE_RULES } from "./rules.ts";
import { notFoundPage, siteFaultResponses } from "./static.ts";

const HTML = "text/html; charset=utf-8";

/** What a page request was answered with, counted in stats.pageOutcomes. */
export type PageOutcome = "html" | "js_only" | "blocked" | "cleared" | "unparseable" | "decoy" | "not_found";

type AnyPlan = SitePagePlan<string, unknown>;

function render(site: SiteName, layout: string, data: unknown, jsShell: boolean): string {
  if (site === "rt") {
    const page = { site, layout: layout as RtLayout, data: data as RtPageData };
    return jsShell ? renderJsShell(page) : renderRtPage(page.layout, page.data);
  }
  const page = { site, layout: layout as McLayout, data: data as McPageData };
  return jsShell ? renderJsShell(page) : renderMcPage(page.layout, page.data);
}

function renderUnknown(site: SiteName, data: unknown, jsShell: boolean): string {
  return site === "rt"
    ? renderUnknownLayoutPage({ site, data: data as RtPageData }, { jsShell })
    : renderUnknownLayoutPage({ site, data: data as McPageData }, { jsShell });
}

export interface SiteUpstreamOptions {
  /** Where the recorded 403 page is read from; null: generated stand-in. */
  fixturesDir: string | null;
}

/**
 * Rotten Tomatoes (`/rt/tv/<slug>`) or Metacritic (`/mc/tv/<slug>/`, with or without the
 * trailing slash) pages for the catalog: the series' page in its layout and delivery, decoys at
 * plain slugs, and the site's 404 page for anything else.
 */
export function createSiteUpstream(site: SiteName, options: SiteUpstreamOptions): UpstreamModule {
  const rules = SITE_RULES[site];

  function register(scope: FastifyInstance, context: SandboxContext): void {
    const pages = context.catalog.pages[site] as ReadonlyMap<string, SitePageEntry<AnyPlan>>;
    const token = clearanceToken(context.seed);
    const wall = blockPage(varnish403Page(options.fixturesDir), token);

    const send = (reply: FastifyReply, outcome: PageOutcome, status: number, body: string) => {
      context.stats.recordPageOutcome(site, outcome);
      return reply.code(status).type(HTML).send(body);
    };

    const servePage = async (request: FastifyRequest<{ Params: { slug: string } }>, reply: FastifyReply) => {
      const entry = pages.get(request.params.slug);
      if (!entry) return send(reply, "not_found", 404, notFoundPage(site));
      if (entry.kind === "decoy") {
        return send(reply, "decoy", 200, render(site, entry.decoy.layout, entry.decoy.data, false));
      }
      const { plan } = entry;
      const { delivery, unparseable } = deliveryOf(plan, context.knobs().sites);
      if (delivery === "blocked" && !hasClearance(request.headers.cookie, token)) {
        return send(reply, "blocked", 403, wall);
      }
      const jsShell = delivery === "js_only";
      if (unparseable) return send(reply, "unparseable", 200, renderUnknown(site, plan.data, jsShell));
      return send(
        reply,
        delivery === "blocked" ? "cleared" : delivery,
        200,
        render(site, plan.layout, plan.data, jsShell),
      );
    };

    const pageRoute = { config: { statsRoute: `${site}.tv_page` } };
    scope.get("/tv/:slug", pageRoute, servePage);
    scope.get("/tv/:slug/", pageRoute, servePage);
    scope.get("/*", { config: { statsRoute: `${site}.other` } }, async (_request, reply) =>
      send(reply, "not_found", 404, notFoundPage(site)),
    );
  }

  return {
    family: site,
    prefix: rules.prefix,
    faultResponses: siteFaultResponses(site),
    register,
  };
}
