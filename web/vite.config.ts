// `npm run build -w web`: the client into web/dist, which the gateway serves (with the WebSocket at /ws).
// `npm run dev -w web` serves it with hot reload and proxies /ws to a gateway on SLIPSTREAM_GATEWAY (:8777).
import { defineConfig } from "vite";
import { tracksPlugin } from "./build/tracks.ts";

const gateway = process.env.SLIPSTREAM_GATEWAY ?? "http://127.0.0.1:8777";

export default defineConfig({
  // Relative asset paths: the gateway may serve the client under any path.
  base: "./",
  plugins: [tracksPlugin()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    chunkSizeWarningLimit: 900,
    rolldownOptions: { input: { main: "index.html", bench: "bench.html" } },
  },
  server: { proxy: { "/ws": { target: gateway, ws: true } } },
});
