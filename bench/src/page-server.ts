/**
 * Serves the saved pages on loopback for the Crawlee comparison, in its own process so its
 * CPU is not counted against the crawler: GET /<index>?copy=<n> answers page <index>.
 * Started with fork(); sends its port to the parent once listening.
 */
import { createServer } from "node:http";
import { loadRealPages } from "./pages.ts";

const pages = loadRealPages();
const server = createServer((request, response) => {
  const index = Number(new URL(request.url ?? "/", "http://localhost").pathname.slice(1));
  const page = pages[index];
  if (!page) {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page.html);
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  process.send?.({ port: address.port });
});
process.on("disconnect", () => server.close(() => process.exit(0)));
