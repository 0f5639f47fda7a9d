import { readFileSync } from "node:fs";
import path from "node:path";
import type { SitePagePlan } from "../catalog/types.ts";
import { hash53 } from "../random.ts";
import type { SiteKnobs } from "../runtime/knobs.ts";

export type Delivery = "html" | "js_only" | "blocked";

export interface PageDelivery {
  delivery: Delivery;
  /** Served in a layout no parser knows (sites.unparseableShare). */
  unparseable: boolean;
}

/**
 * How a page is served under the current knobs. Each page has fixed rolls, so raising one
 * share only adds pages to that kind: js_only takes the lowest rolls, blocked the highest.
 * Contested pages (another series' candidates reach them first) are never unparseable, so a
 * scraper can always read and reject them.
 */
export function deliveryOf(plan: SitePagePlan<string, unknown>, sites: SiteKnobs): PageDelivery {
  const delivery: Delivery =
    plan.deliveryRoll < sites.jsOnlyShare
      ? "js_only"
      : plan.deliveryRoll >= 1 - sites.blockedShare
        ? "blocked"
        : "html";
  return { delivery, unparseable: !plan.contested && plan.unparseableRoll < sites.unparseableShare };
}

export const CLEARANCE_COOKIE = "tvr_clearance";

/** The cookie value the bot wall's script sets; one per sandbox seed. */
export function clearanceToken(seed: number): string {
  return hash53(`${seed}\u241f${CLEARANCE_COOKIE}`).toString(36).padStart(11, "0");
}

/** True when the Cookie header carries the clearance cookie with the right value. */
export function hasClearance(cookieHeader: string | undefined, token: string): boolean {
  if (!cookieHeader) return false;
  return cookieHeader.split(";").some((pair) => {
    const [name, ...value] = pair.split("=");
    return name?.trim() === CLEARANCE_COOKIE && value.join("=").trim() === token;
  });
}

export const VARNISH_403_FIXTURE = path.join("metacritic", "metacritic_403_forbidden_varnish_2018.html");

/** Used when the fixtures are absent: the same Varnish error page, as Varnish's default template writes it. */
const GENERATED_VARNISH_403 = `<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN"
 "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html>
  <head>
    <title>403 Forbidden</title>
  </head>
  <body>
    <h1>Error 403 Forbidden</h1>
    <p>Forbidden</p>
    <h3>Guru Meditation:</h3>
    <p>XID: 1170741093</p>
    <hr>
    <p>Varnish cache server</p>
  </body>
</html>
`;

/** The recorded Metacritic 403 page (generated stand-in without fixtures). */
export function varnish403Page(fixturesDir: string | null): string {
  if (fixturesDir === null) return GENERATED_VARNISH_403;
  try {
    return readFileSync(path.join(fixturesDir, VARNISH_403_FIXTURE), "utf8");
  } catch {
    return GENERATED_VARNISH_403;
  }
}

/**
 * The bot wall: the 403 page plus an inline script that sets the clearance cookie and
 * reloads. A browser runs it and comes back with the cookie; a plain HTTP client never does
 * (no Set-Cookie header is sent).
 */
export function blockPage(base403: string, token: string): string {
  const script = `<script>document.cookie = "${CLEARANCE_COOKIE}=${token}; path=/"; location.reload();</script>\n`;
  const at = base403.lastIndexOf("</body>");
  return at < 0 ? `${base403}${script}` : `${base403.slice(0, at)}  ${script}${base403.slice(at)}`;
}
