import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { z } from "zod";
import { ConfigError, loadConfig } from "../config";

/**
 * No Docker engine runs here or in CI, so the deployment files are checked by
 * reading them: the compose file parses, every variable it gives a Quadrant
 * container is one the config schema reads and accepts, health checks exist,
 * and the ports of compose, Caddyfile and Dockerfile agree.
 */
const root = path.resolve(import.meta.dirname, "../../../..");
const read = (relative: string): string => readFileSync(path.join(root, relative), "utf8");

const HealthCheck = z.object({ test: z.array(z.string()).min(2) });
const Service = z.object({
  image: z.string().optional(),
  build: z.object({ context: z.string(), dockerfile: z.string() }).optional(),
  environment: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  ports: z.array(z.string()).optional(),
  expose: z.array(z.string()).optional(),
  volumes: z.array(z.string()).optional(),
  healthcheck: HealthCheck.optional(),
  depends_on: z.record(z.string(), z.object({ condition: z.string() })).optional(),
  profiles: z.array(z.string()).optional(),
});
const Compose = z.object({
  services: z.record(z.string(), Service),
  volumes: z.record(z.string(), z.null()).optional(),
});

const compose = Compose.parse(parse(read("docker-compose.yml"), { merge: true }));
const services = Object.entries(compose.services);
const quadrants = services.filter(([, service]) => service.build?.dockerfile === "apps/server/Dockerfile");

/** `${VAR:-default}` as compose resolves it with VAR unset. */
function interpolate(value: string | number): string {
  return String(value).replace(/\$\{[A-Z_]+:-([^}]*)\}/g, "$1");
}

function envOf(service: z.infer<typeof Service>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(service.environment ?? {}).map(([key, value]) => [key, interpolate(value)]),
  );
}

describe("docker-compose.yml", () => {
  it("has the multi-instance topology: postgres, redis, two Quadrant instances, a proxy", () => {
    expect(Object.keys(compose.services)).toEqual(
      expect.arrayContaining(["postgres", "redis", "quadrant-1", "quadrant-2", "proxy"]),
    );
    const defaults = quadrants.filter(([, service]) => !service.profiles);
    expect(defaults.map(([name]) => name)).toEqual(["quadrant-1", "quadrant-2"]);
    expect(existsSync(path.join(root, "apps/server/Dockerfile"))).toBe(true);
  });

  it.each(quadrants.map(([name, service]) => [name, service] as const))(
    "%s: every variable is read and accepted by the config schema",
    (_name, service) => {
      const env = envOf(service);
      expect(() => loadConfig(env)).not.toThrow();
      for (const variable of Object.keys(env)) {
        const without = { ...env };
        delete without[variable];
        const changesConfig = (() => {
          try {
            return JSON.stringify(loadConfig(without)) !== JSON.stringify(loadConfig(env));
          } catch {
            return true; // required by another setting (e.g. DATABASE_URL for STORAGE=postgres)
          }
        })();
        const validated = (() => {
          try {
            loadConfig({ ...env, [variable]: "%% not a valid value %%" });
            return false;
          } catch (error) {
            return error instanceof ConfigError && error.variable === variable;
          }
        })();
        // Either form proves the schema reads it; a typo would do neither.
        expect({ variable, read: changesConfig || validated }).toEqual({ variable, read: true });
      }
    },
  );

  it("gives shared instances Postgres and Redis from the same file", () => {
    for (const [name, service] of quadrants.filter(([, s]) => !s.profiles)) {
      const config = loadConfig(envOf(service));
      expect({ name, storage: config.storage }).toEqual({ name, storage: "postgres" });
      expect(new URL(config.databaseUrl ?? "").hostname).toBe("postgres");
      expect(new URL(config.redisUrl ?? "").hostname).toBe("redis");
      expect(Object.keys(service.depends_on ?? {})).toEqual(expect.arrayContaining(["postgres", "redis"]));
    }
  });

  it("has a health check on every service; Quadrant's hit /readyz or /healthz on its port", () => {
    for (const [name, service] of services) {
      expect({ name, health: Boolean(service.healthcheck) }).toEqual({ name, health: true });
    }
    for (const [, service] of quadrants) {
      const port = loadConfig(envOf(service)).port;
      const probe = service.healthcheck?.test.join(" ") ?? "";
      expect(probe).toMatch(new RegExp(`127\\.0\\.0\\.1:${port}/(readyz|healthz)`));
    }
  });

  it("depends only on services that exist, and waits for them to be healthy", () => {
    for (const [, service] of services) {
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        expect(Object.keys(compose.services)).toContain(dependency);
        expect(condition).toBe("service_healthy");
      }
    }
  });

  it("lines up the ports of the proxy, the Caddyfile, the instances and the Dockerfile", () => {
    const proxy = compose.services.proxy;
    const caddyMount = proxy?.volumes?.find((volume) => volume.endsWith(":/etc/caddy/Caddyfile:ro"));
    expect(caddyMount).toBeDefined();
    const caddyfile = read(path.normalize(caddyMount?.split(":")[0] ?? ""));

    const [published, target] = (proxy?.ports?.[0] ?? "").split(":");
    expect(published).toBe("8080");
    expect(caddyfile).toMatch(new RegExp(`^:${target} \\{`, "m"));

    const upstreams = [...caddyfile.matchAll(/\b(quadrant-\d+):(\d+)\b/g)].map((m) => [m[1], Number(m[2])]);
    expect(upstreams.map(([name]) => name).sort()).toEqual(["quadrant-1", "quadrant-2"]);
    for (const [name, port] of upstreams) {
      const service = compose.services[String(name)];
      expect(service).toBeDefined();
      if (!service) continue;
      expect(loadConfig(envOf(service)).port).toBe(port);
      expect(service.expose).toContain(String(port));
    }
    expect(caddyfile).toContain("health_uri /healthz");

    const dockerfile = read("apps/server/Dockerfile");
    expect(dockerfile).toMatch(/^EXPOSE 8080$/m);
    expect(dockerfile).toMatch(/^\s*PORT=8080/m);
    // The image runs the compiled build (compiled-server.test.ts starts it for real).
    expect(dockerfile).toContain("RUN pnpm --filter @quadrant/server build");
    expect(dockerfile).toContain('CMD ["node", "dist/server.js"]');
    expect(read("apps/server/build.mjs")).toContain('server: "src/server.ts"');
  });

  it("declares every named volume it mounts", () => {
    for (const [, service] of services) {
      for (const volume of service.volumes ?? []) {
        const source = volume.split(":")[0] ?? "";
        if (source.startsWith(".")) expect(existsSync(path.join(root, source))).toBe(true);
        else expect(Object.keys(compose.volumes ?? {})).toContain(source);
      }
    }
  });
});
