import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Served by server/index.ts, which also hosts the collaboration websocket on the same port.
  poweredByHeader: false,
  serverExternalPackages: ["@libsql/client", "libsql", "@prisma/adapter-libsql", "@prisma/adapter-pg", "pg", "ioredis", "bcryptjs"],
  outputFileTracingIncludes: { "/**": ["./generated/**/*", "./prisma/migrations/**/*"] },
  typedRoutes: false,
};

export default nextConfig;
