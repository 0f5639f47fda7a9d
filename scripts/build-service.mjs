// Builds one service for plain `node`: `src/main.ts` -> `dist/main.js` (ESM, Node 20).
// Run from the service's folder (its `build` script). The workspace packages
// (@tvr/*, TypeScript sources) are bundled in; npm packages stay external and
// come from the deployable folder's node_modules (`pnpm deploy --prod`).
import { build } from "esbuild";

const workspacePackage = /^@tvr\//;

await build({
  entryPoints: ["src/main.ts"],
  outfile: "dist/main.js",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  logLevel: "warning",
  plugins: [
    {
      name: "npm-packages-external",
      setup(builder) {
        builder.onResolve({ filter: /^[^./]/ }, (args) =>
          workspacePackage.test(args.path) ? undefined : { path: args.path, external: true },
        );
      },
    },
  ],
});
