import type { ScrapeSite } from "@tvr/queues";

/**
 * The one place that knows where a site lives. Everything the scraper requests, by plain
 * HTTP or from the browser, goes through `allows`: only the site's own origin, under its
 * base path. Redirect targets are mapped back with `sitePathOf` and refused when that fails.
 */
export interface SiteUrls {
  site: ScrapeSite;
  origin: string;
  /** "https://www.rottentomatoes.com" + "/tv/the_office" */
  urlFor(path: string): string;
  /** The site-relative path ("/tv/x") of an absolute URL on this site, or null when it is elsewhere. */
  sitePathOf(url: string | URL): string | null;
  allows(url: string | URL): boolean;
}

export function createSiteUrls(site: ScrapeSite, baseUrl: string): SiteUrls {
  const base = new URL(baseUrl);
  if (base.protocol !== "http:" && base.protocol !== "https:") {
    throw new Error(`${site} base URL must be http(s): ${baseUrl}`);
  }
  const basePath = base.pathname.replace(/\/+$/, "");
  const sitePathOf = (input: string | URL): string | null => {
    let url: URL;
    try {
      url = new URL(String(input));
    } catch {
      return null;
    }
    if (url.origin !== base.origin || url.username || url.password) return null;
    if (basePath && url.pathname !== basePath && !url.pathname.startsWith(`${basePath}/`)) return null;
    const path = url.pathname.slice(basePath.length) || "/";
    return `${path}${url.search}`;
  };
  return {
    site,
    origin: base.origin,
    urlFor(path) {
      if (!path.startsWith("/") || path.startsWith("//"))
        throw new Error(`not a site-relative path: ${path}`);
      return `${base.origin}${basePath}${path}`;
    },
    sitePathOf,
    allows: (url) => sitePathOf(url) !== null,
  };
}
