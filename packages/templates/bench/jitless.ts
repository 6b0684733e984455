import { z } from "zod";

// Imported first by the benchmark: zod decides at schema construction whether to compile its
// object fast path, and the browser never does (the server's CSP allows no eval), so the
// benchmark measures the path the browser runs.
z.config({ jitless: true });
