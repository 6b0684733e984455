// The second baseline (issue 17): Hocuspocus 3 as most users would start it: its default
// server, documents in memory, no extensions, no auth hook. Plain JavaScript so it runs
// with bare `node`, like the reference server. PORT and HOST from the environment.
import { Server } from "@hocuspocus/server";

const server = new Server({
  port: Number(process.env.PORT),
  address: process.env.HOST ?? "127.0.0.1",
  quiet: true,
});
await server.listen();
process.stdout.write(`hocuspocus listening on ${process.env.PORT}\n`);
