import { Server } from "@hocuspocus/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect, finish, newTraffic } from "./connection";
import { LightClient } from "./light-client";
import { Probe } from "./probe";
import { Writer } from "./writer";
import { HOCUSPOCUS_DOC_PARAM, hocuspocusDialect } from "./wire";

describe("the load's Hocuspocus dialect, against a real Hocuspocus 3 server", () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = new Server({ port: 0, quiet: true, stopOnSignals: false });
    await server.listen();
    url = `ws://127.0.0.1:${server.address.port}/?${HOCUSPOCUS_DOC_PARAM}=bench-doc`;
  });
  afterAll(async () => {
    await server.destroy();
  });

  it("prefixes the document name and strips it from what arrives", () => {
    const dialect = hocuspocusDialect(url)!;
    expect(dialect.socketUrl).not.toContain(HOCUSPOCUS_DOC_PARAM);
    const wrapped = dialect.wrap(Uint8Array.of(0, 0, 1, 0));
    expect([...dialect.unwrap(wrapped)]).toEqual([0, 0, 1, 0]);
    expect(hocuspocusDialect("ws://127.0.0.1:1/board?token=x")).toBeNull();
  });

  it("syncs light clients and relays a writer's update to a probe", async () => {
    const traffic = newTraffic();
    const writer = new Writer(2_000_000, "note");
    const probe = new Probe(3_000_000, new Set([writer.clientId]));
    const light = await connect(url, new LightClient(), traffic, 10_000);
    const w = await connect(url, writer, traffic, 10_000);
    const p = await connect(url, probe, traffic, 10_000);
    writer.write(Date.now());
    for (let i = 0; i < 100 && probe.seen.count(writer.clientId, 1) < 1; i++) await new Promise((r) => setTimeout(r, 20));
    expect(probe.seen.count(writer.clientId, 1)).toBe(1);
    for (const c of [light, w, p]) finish(c.ws, traffic);
  });
});
