// HEALTHCHECK of the Node images (and of their compose services): exits 0 when
// the process answers 200 on HEALTH_PORT (the service's metrics or API port).
const url = `http://127.0.0.1:${process.env.HEALTH_PORT}${process.env.HEALTH_PATH ?? "/healthz"}`;
fetch(url, { signal: AbortSignal.timeout(4_000) }).then(
  (response) => process.exit(response.ok ? 0 : 1),
  () => process.exit(1),
);
