import type { SiteName } from "../catalog/types.ts";
import type { CannedResponse } from "../runtime/upstream.ts";

const HTML = "text/html; charset=utf-8";

const RT_NOT_FOUND = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex">
<title>404 - Not Found | Rotten Tomatoes</title>
</head>
<body class="body no-touch">
<div id="header_and_leaderboard"><nav id="navbar" class="navbar navbar-rt"><a href="/" class="navbar-brand">Rotten Tomatoes</a></nav></div>
<div id="main_container" class="container">
  <div class="col-full-xs error-page">
    <h1 class="center">404 - Not Found</h1>
    <p class="center">We're sorry, but the page you requested could not be found. It may have been moved or removed,
    or the address may be mistyped. Try searching for the movie or TV show you were looking for, or head back to the
    <a href="/">Rotten Tomatoes home page</a> for the latest reviews, ratings and trailers.</p>
  </div>
</div>
</body>
</html>
`;

const MC_NOT_FOUND = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex">
<title>404 Page Not Found - Metacritic</title>
</head>
<body>
<div id="__nuxt"><div id="__layout"><div class="c-layoutDefault_page">
  <div class="c-errorPage g-grid-container">
    <h1 class="c-errorPage_title">404</h1>
    <h2 class="c-errorPage_subtitle">Page Not Found</h2>
    <p class="c-errorPage_text">The page you are looking for does not exist. It may have been moved, or the link you
    followed may be broken. Use the search above to find a game, movie, TV show or album, or go back to the
    <a href="/">Metacritic home page</a>.</p>
  </div>
</div></div></div>
</body>
</html>
`;

export function notFoundPage(site: SiteName): string {
  return site === "rt" ? RT_NOT_FOUND : MC_NOT_FOUND;
}

const errorPage = (status: number, reason: string, server: string) => `<!DOCTYPE html>
<html>
<head><title>${status} ${reason}</title></head>
<body>
<center><h1>${status} ${reason}</h1></center>
<hr><center>${server}</center>
</body>
</html>
`;

/** What the sites' front ends send on a server error or overload. */
export function siteFaultResponses(site: SiteName): Record<"http500" | "http503", CannedResponse> {
  const server = site === "rt" ? "nginx" : "Apache";
  return {
    http500: { status: 500, contentType: HTML, body: errorPage(500, "Internal Server Error", server) },
    http503: {
      status: 503,
      contentType: HTML,
      body: errorPage(503, "Service Temporarily Unavailable", server),
    },
  };
}
