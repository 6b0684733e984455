import net from "node:net";

export interface FailoverProxy {
  url: string;
  wsUrl: string;
  /** Which upstream (index) each accepted connection went to, in order. */
  readonly routed: number[];
  close(): Promise<void>;
}

/**
 * A TCP load balancer for tests: each new connection goes to the first
 * upstream that accepts it, so when an instance dies its clients' reconnects
 * land on the next one, as behind the compose file's Caddy. Bytes are piped
 * untouched (HTTP upgrades and websocket frames included). Also usable in
 * front of Redis: closing it cuts one instance off, reopening it on the same
 * `port` brings Redis back for that instance only.
 */
export async function startFailoverProxy(
  upstreamUrls: string[],
  { port = 0 }: { port?: number } = {},
): Promise<FailoverProxy> {
  const upstreams = upstreamUrls.map((url) => new URL(url));
  const routed: number[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    client.pause();
    const attempt = (index: number): void => {
      const target = upstreams[index];
      if (!target) {
        client.destroy();
        return;
      }
      const upstream = net.connect({ host: target.hostname, port: Number(target.port) });
      let connected = false;
      upstream.once("error", () => {
        // Refused: that instance is down, try the next. Failed later: drop the client.
        if (!connected) attempt(index + 1);
        else client.destroy();
      });
      upstream.once("connect", () => {
        connected = true;
        routed.push(index);
        sockets.add(upstream);
        upstream.on("close", () => {
          sockets.delete(upstream);
          client.destroy();
        });
        upstream.on("error", () => client.destroy());
        client.on("error", () => upstream.destroy());
        client.on("close", () => upstream.destroy());
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
    };
    attempt(0);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("proxy has no port");
  const url = `http://127.0.0.1:${address.port}`;
  return {
    url,
    wsUrl: `ws://127.0.0.1:${address.port}/ws`,
    routed,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
