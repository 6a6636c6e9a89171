import type { NextConfig } from "next";
import { API_CONTENT_SECURITY_POLICY, STATIC_SECURITY_HEADERS, STRICT_TRANSPORT_SECURITY } from "./lib/security-headers";
import { CLIENT_PROTOCOL_HEADER } from "./lib/client-address";

const nextConfig: NextConfig = {
  // Served by server/index.ts, which also hosts the collaboration websocket on the same port.
  poweredByHeader: false,
  // yjs is loaded from node_modules, once for every page bundle, and server/one-yjs.ts hands the pages the
  // copy the collaboration server uses: Yjs warns, and its constructor checks fail, when two copies meet.
  // Only yjs: an external y-tiptap would load a second ProseMirror beside the bundled one.
  serverExternalPackages: ["yjs", "@libsql/client", "libsql", "@prisma/adapter-libsql", "@prisma/adapter-pg", "pg", "ioredis", "bcryptjs"],
  typedRoutes: false,
  // Pages get their nonce-based Content-Security-Policy from proxy.ts.
  async headers() {
    return [
      { source: "/:path*", headers: STATIC_SECURITY_HEADERS },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: API_CONTENT_SECURITY_POLICY }] },
      // The process's own server sets this header from the socket or a trusted proxy, never from the client.
      { source: "/:path*", has: [{ type: "header", key: CLIENT_PROTOCOL_HEADER, value: "https" }], headers: [STRICT_TRANSPORT_SECURITY] },
    ];
  },
};

export default nextConfig;
