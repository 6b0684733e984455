import { defineConfig } from "vitest/config";

// Unit tests run in Node: the collab core imports neither the DOM nor Excalidraw.
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
  },
});
