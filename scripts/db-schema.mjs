// Derives prisma/postgres/schema.prisma from prisma/schema.prisma (only the provider and the
// client's output differ) and generates both Prisma clients. Runs on `npm install`.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

/** The PostgreSQL variant of a SQLite datamodel. */
export function toPostgresSchema(source) {
  return (
    "// GENERATED from prisma/schema.prisma by scripts/db-schema.mjs; edit that file instead.\n" +
    source
      .replace('provider = "sqlite"', 'provider = "postgresql"')
      // The URL is read from the environment by name only: Accord connects through driver adapters
      // (lib/db.ts), and a literal address here would be written into the generated client.
      .replace(/url\s*=\s*"file:[^"]*"/, 'url      = env("DATABASE_URL")')
      .replace(/output(\s*)= "\.\.\/generated\/sqlite"/, 'output$1= "../../generated/postgres"')
  );
}

export function writePostgresSchema() {
  const source = fs.readFileSync(path.join(root, "prisma", "schema.prisma"), "utf8");
  fs.mkdirSync(path.join(root, "prisma", "postgres"), { recursive: true });
  fs.writeFileSync(path.join(root, "prisma", "postgres", "schema.prisma"), toPostgresSchema(source));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writePostgresSchema();
  for (const schema of ["prisma/schema.prisma", "prisma/postgres/schema.prisma"]) {
    execFileSync("npx", ["prisma", "generate", "--no-hints", "--schema", schema], { cwd: root, stdio: "inherit" });
  }
}
