import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Served by server/index.ts, which also hosts the collaboration websocket on the same port.
  poweredByHeader: false,
  // yjs stays external so the pages and the collaboration server share one copy in the process
  // (two copies break Yjs' constructor checks).
  serverExternalPackages: ["yjs", "y-protocols", "@tiptap/y-tiptap", "@libsql/client", "libsql", "@prisma/adapter-libsql", "@prisma/adapter-pg", "pg", "ioredis", "bcryptjs"],
  outputFileTracingIncludes: { "/**": ["./generated/**/*", "./prisma/migrations/**/*"] },
  typedRoutes: false,
};

export default nextConfig;
