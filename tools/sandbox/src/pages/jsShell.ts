import { esc, scriptJson } from "./html.ts";
import type { PageParts } from "./types.ts";

/**
 * A client-rendered version of a page: the server sends only the <head> metadata, an
 * empty app root and an inline script that, after `delayMs`, writes the layout's score
 * markup and structured data into the DOM. Plain HTTP fetching sees no scores; a browser
 * that waits for the script sees exactly the layout the parts came from.
 */
export function jsShellOf(parts: PageParts, delayMs: number): string {
  const markup = `${parts.data}\n${parts.body}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(parts.title)}</title>
${parts.meta}
</head>
<body>
<div id="app"></div>
<noscript>Please enable JavaScript to view this page.</noscript>
<script>
(function () {
  var markup = ${scriptJson(markup)};
  window.setTimeout(function () {
    document.getElementById("app").innerHTML = markup;
  }, ${Math.max(0, Math.round(delayMs))});
})();
</script>
</body>
</html>
`;
}
