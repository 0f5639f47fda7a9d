import { createServer, type IncomingHttpHeaders, type Server } from "node:http";

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Send nothing at all, so the client's timeout fires. */
  hang?: boolean;
}

export interface SeenRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
}

/**
 * A loopback HTTP server for contract tests: real sockets, real fetch.
 * Tests set `respond` to decide each reply; every request is recorded.
 */
export async function startServer() {
  const requests: SeenRequest[] = [];
  const state: { respond: (request: SeenRequest) => Reply } = {
    respond: () => ({ status: 500, body: "no reply configured" }),
  };

  const server = createServer((req, res) => {
    const seen: SeenRequest = {
      method: req.method ?? "",
      url: new URL(req.url ?? "/", "http://127.0.0.1"),
      headers: req.headers,
    };
    requests.push(seen);
    const reply = state.respond(seen);
    if (reply.hang) return;
    res.writeHead(reply.status ?? 200, {
      "content-type": "application/json; charset=utf-8",
      ...reply.headers,
    });
    res.end(reply.body ?? "");
  });
  const port = await listen(server);

  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    set respond(fn: (request: SeenRequest) => Reply) {
      state.respond = fn;
    },
    /** The most recent request; fails the test when none was made. */
    lastRequest(): SeenRequest {
      const last = requests.at(-1);
      if (!last) throw new Error("no request reached the server");
      return last;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}

export type TestServer = Awaited<ReturnType<typeof startServer>>;

/** A port nobody listens on: bind one, then release it. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  const port = await listen(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Collects `observe` calls. */
export function observer() {
  const calls: Array<{ source: string; status: string; seconds: number }> = [];
  return {
    calls,
    observe: (source: string, status: string, seconds: number) => {
      calls.push({ source, status, seconds });
    },
  };
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("server has no TCP address");
  return address.port;
}
