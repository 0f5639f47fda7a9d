import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ScaledObject } from "@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { byKind, type Manifest, OVERLAYS, renderOverlay } from "../src/kustomize.ts";
import { repoPath } from "../src/paths.ts";
import { run, tool } from "../src/tools.ts";

const KEDA_KINDS = new Set(["ScaledObject", "TriggerAuthentication"]);
/** The oldest Kubernetes the manifests promise to work on, and the newest the validator knows. */
const KUBERNETES_VERSIONS = ["1.30.0", "1.37.0"];

function kubernetesValidate(manifests: Manifest[], version: string) {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "tvr-kv-")), "manifests.yaml");
  writeFileSync(file, manifests.map((m) => stringify(m, { version: "1.1" })).join("---\n"));
  return run(tool("kubernetes-validate"), ["--strict", "-k", version, file]);
}

/** Fields the KEDA models declare for a ScaledObject's spec (the models don't reject unknown ones). */
const scaledObjectSpecFields = new Set(
  [
    ...readFileSync(
      repoPath("tests/deploy/node_modules/@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObjectSpec.d.ts"),
      "utf8",
    ).matchAll(/^\s+"(\w+)"\??:/gm),
  ].map((m) => m[1]),
);

describe.each(OVERLAYS)("overlay %s", (overlay) => {
  const { manifests } = renderOverlay(overlay);
  const deployments = byKind(manifests, "Deployment");
  const configMap = byKind(manifests, "ConfigMap").find((m) => m.metadata.name.startsWith("tvr-config"));
  const config = (configMap?.data ?? {}) as Record<string, string>;

  it.each(KUBERNETES_VERSIONS)(
    "every Kubernetes manifest passes kubernetes-validate --strict for %s",
    (version) => {
      const core = manifests.filter((m) => !KEDA_KINDS.has(m.kind));
      const result = kubernetesValidate(core, version);
      expect(result.code, result.output).toBe(0);
      expect(result.output.match(/ passed for resource /g)?.length).toBe(core.length);
    },
  );

  it("every ScaledObject passes KEDA's schema and uses only the fields it declares", () => {
    const scaledObjects = byKind(manifests, "ScaledObject");
    expect(scaledObjects.map((s) => s.spec.scaleTargetRef.name).sort()).toEqual(["omdb-enricher", "scraper"]);
    for (const object of scaledObjects) {
      expect(() => new ScaledObject(object as never).validate()).not.toThrow();
      expect(Object.keys(object.spec).filter((key) => !scaledObjectSpecFields.has(key))).toEqual([]);
      expect(object.spec.minReplicaCount).toBeLessThanOrEqual(object.spec.maxReplicaCount);
      expect(deployments.map((d) => d.metadata.name)).toContain(object.spec.scaleTargetRef.name);
    }
  });

  it("every Deployment has /readyz and /healthz probes, requests and limits, and a grace period longer than its shutdown timeout", () => {
    expect(deployments.map((d) => d.metadata.name)).toEqual(
      expect.arrayContaining(["api", "ingestor", "omdb-enricher", "scraper", "loader", "quality"]),
    );
    for (const deployment of deployments) {
      const pod = deployment.spec.template.spec;
      const [container] = pod.containers;
      if (deployment.metadata.name !== "sandbox") {
        expect(container.readinessProbe?.httpGet?.path, deployment.metadata.name).toBe("/readyz");
        expect(container.livenessProbe?.httpGet?.path, deployment.metadata.name).toBe("/healthz");
      }
      for (const kind of ["requests", "limits"]) expect(container.resources?.[kind]?.memory).toBeTruthy();
      const ownTimeout = container.env?.find(
        (e: { name: string }) => e.name === "SHUTDOWN_TIMEOUT_MS",
      )?.value;
      const shutdownMs = Number(ownTimeout ?? config.SHUTDOWN_TIMEOUT_MS);
      expect(pod.terminationGracePeriodSeconds * 1000, deployment.metadata.name).toBeGreaterThan(shutdownMs);
    }
  });

  it("every pod runs non-root with a read-only root filesystem and no service-account token", () => {
    for (const workload of [
      ...deployments,
      ...byKind(manifests, "StatefulSet"),
      ...byKind(manifests, "Job"),
    ]) {
      const pod = workload.spec.template.spec;
      expect(pod.securityContext?.runAsNonRoot, workload.metadata.name).toBe(true);
      expect(pod.automountServiceAccountToken).toBe(false);
      for (const container of pod.containers) {
        expect(container.securityContext?.readOnlyRootFilesystem, workload.metadata.name).toBe(true);
        expect(container.securityContext?.allowPrivilegeEscalation).toBe(false);
      }
    }
  });

  it("Redis keeps an append-only file fsynced every second and never evicts", () => {
    const redis = byKind(manifests, "StatefulSet").find((s) => s.metadata.name === "redis");
    const args: string[] = redis?.spec.template.spec.containers[0].args ?? [];
    const flag = (name: string) => args[args.indexOf(name) + 1];
    expect(flag("--appendonly")).toBe("yes");
    expect(flag("--appendfsync")).toBe("everysec");
    expect(flag("--maxmemory-policy")).toBe("noeviction");
  });

  it("has a disruption budget for every Deployment, default-deny ingress, and secrets only in Secrets", () => {
    const budgets = byKind(manifests, "PodDisruptionBudget").map(
      (p) => p.spec.selector.matchLabels["app.kubernetes.io/name"],
    );
    for (const d of deployments.filter((d) => d.metadata.name !== "sandbox"))
      expect(budgets).toContain(d.metadata.name);
    const deny = byKind(manifests, "NetworkPolicy").find((p) => p.metadata.name === "default-deny-ingress");
    expect(deny?.spec).toEqual({ podSelector: {}, policyTypes: ["Ingress"] });
    for (const key of ["TMDB_READ_TOKEN", "TMDB_API_KEY", "OMDB_API_KEY", "API_TOKEN", "DATABASE_URL"]) {
      expect(Object.keys(config)).not.toContain(key);
    }
    expect(byKind(manifests, "Secret").map((s) => s.metadata.name.replace(/-[a-z0-9]{10}$/, ""))).toEqual([
      "tvr-secrets",
    ]);
  });
});

describe("the checks can fail", () => {
  it("kubernetes-validate --strict rejects a misspelt field", () => {
    const [deployment] = byKind(renderOverlay("local").manifests, "Deployment");
    if (!deployment) throw new Error("no Deployment rendered");
    deployment.spec.template.spec.terminationGracePeriod = 45;
    const result = kubernetesValidate([deployment], "1.37.0");
    expect(result.code).not.toBe(0);
    expect(result.output).toContain("terminationGracePeriod");
  });

  it("KEDA's schema rejects a replica count that isn't a number", () => {
    const [object] = byKind(renderOverlay("local").manifests, "ScaledObject");
    expect(() =>
      new ScaledObject({
        ...object,
        spec: { ...object?.spec, maxReplicaCount: "eight" },
      } as never).validate(),
    ).toThrow(/maxReplicaCount/);
  });
});
