import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseAllDocuments } from "yaml";
import { repoPath } from "./paths.ts";
import { run, tool } from "./tools.ts";

export const OVERLAYS = ["local", "production"] as const;
export type Overlay = (typeof OVERLAYS)[number];

export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; [key: string]: unknown };
  // biome-ignore lint/suspicious/noExplicitAny: rendered manifests are checked by the schema tests, read loosely here
  spec?: any;
  [key: string]: unknown;
}

/**
 * Renders an overlay with `kubectl kustomize` from a copy of deploy/k8s, so the
 * production overlay's secrets.env (never committed) can come from its example.
 */
export function renderOverlay(overlay: Overlay): { yaml: string; manifests: Manifest[] } {
  const dir = mkdtempSync(path.join(tmpdir(), "tvr-k8s-"));
  try {
    cpSync(repoPath("deploy", "k8s"), dir, { recursive: true });
    const overlayDir = path.join(dir, "overlays", overlay);
    const example = path.join(overlayDir, "secrets.env.example");
    if (existsSync(example)) cpSync(example, path.join(overlayDir, "secrets.env"));
    const rendered = run(tool("kubectl"), ["kustomize", overlayDir]);
    if (rendered.code !== 0) throw new Error(`kubectl kustomize ${overlay} failed:\n${rendered.output}`);
    const manifests = parseAllDocuments(rendered.output).map((doc) => doc.toJS() as Manifest);
    return { yaml: rendered.output, manifests };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const byKind = (manifests: Manifest[], kind: string) => manifests.filter((m) => m.kind === kind);
