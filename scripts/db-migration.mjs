// Writes a new migration for both database backends from the change to prisma/schema.prisma.
//
//   npm run db:migration -- <name>
//
// `prisma migrate dev` needs a shadow database, which the offline SQLite adapter cannot provide,
// so migrations are diffed between datamodels instead: prisma/migrations/schema.snapshot.prisma
// holds the schema as of the last migration and is advanced after each new one.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { writePostgresSchema, toPostgresSchema } from "./db-schema.mjs";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:migration -- <name in snake_case>");
  process.exit(1);
}

const root = path.resolve(import.meta.dirname, "..");
const migrationsDir = path.join(root, "prisma", "migrations");
const snapshot = path.join(migrationsDir, "schema.snapshot.prisma");
const current = path.join(root, "prisma", "schema.prisma");
const temporary = fs.mkdtempSync(path.join(root, "data", "migration-"));

function diff(from, to) {
  const args = ["prisma", "migrate", "diff", "--to-schema-datamodel", to, "--script"];
  args.push(...(from ? ["--from-schema-datamodel", from] : ["--from-empty"]));
  return execFileSync("npx", args, { cwd: root, encoding: "utf8" });
}

function nextNumber(dir) {
  const existing = fs.existsSync(dir) ? fs.readdirSync(dir).filter((entry) => /^\d{4}_/.test(entry)) : [];
  return String(existing.length + 1).padStart(4, "0");
}

const hasSnapshot = fs.existsSync(snapshot);
const sources = {
  sqlite: { from: hasSnapshot ? snapshot : null, to: current },
  postgres: {
    from: hasSnapshot ? path.join(temporary, "from.prisma") : null,
    to: path.join(temporary, "to.prisma"),
  },
};
if (hasSnapshot) fs.writeFileSync(sources.postgres.from, toPostgresSchema(fs.readFileSync(snapshot, "utf8")));
fs.writeFileSync(sources.postgres.to, toPostgresSchema(fs.readFileSync(current, "utf8")));

for (const [backend, { from, to }] of Object.entries(sources)) {
  const sql = diff(from, to);
  if (!sql.trim() || /^-- This is an empty migration/.test(sql.trim())) {
    console.log(`${backend}: no change`);
    continue;
  }
  const dir = path.join(migrationsDir, backend);
  const target = path.join(dir, `${nextNumber(dir)}_${name}`);
  fs.mkdirSync(target, { recursive: true });
  fs.writeFileSync(path.join(target, "migration.sql"), sql);
  console.log(`${backend}: wrote ${path.relative(root, target)}`);
}

fs.copyFileSync(current, snapshot);
fs.rmSync(temporary, { recursive: true, force: true });
writePostgresSchema();
