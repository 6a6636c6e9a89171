import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { z } from "zod";

/** Where the embedded default keeps its SQLite file and generated secret. */
export const DATA_DIRECTORY = path.resolve(process.cwd(), "data");
const DEFAULT_DATABASE_URL = `file:${path.join(DATA_DIRECTORY, "accord.db")}`;

const booleanFlag = z
  .enum(["true", "false", "1", "0"])
  .transform((value) => value === "true" || value === "1");

const environmentSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    ACCORD_LISTEN_HOST: z.string().min(1).default("0.0.0.0"),
    DATABASE_URL: z
      .string()
      .default(DEFAULT_DATABASE_URL)
      .refine((url) => /^(file:|postgres(ql)?:\/\/)/.test(url), "must start with file: or postgresql://"),
    /** The longest any one PostgreSQL query may take (server- and client-side) before it fails. */
    ACCORD_DATABASE_TIMEOUT_SECONDS: z.coerce.number().positive().max(600).default(15),
    REDIS_URL: z.string().url().optional(),
    NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    NEXTAUTH_URL: z.string().url().optional(),
    /** How many reverse proxies in front of Accord to trust for X-Forwarded-* headers (0: none, use the socket and Host). */
    ACCORD_TRUSTED_PROXIES: z.coerce.number().int().min(0).max(10).default(0),
    ACCORD_DEMO_DATA: booleanFlag.optional(),
    ACCORD_SESSION_HOURS: z.coerce.number().positive().max(24 * 30).default(12),
    ACCORD_ALLOWED_ORIGINS: z
      .string()
      .optional()
      .transform((value) => (value ? value.split(",").map((origin) => origin.trim()).filter(Boolean) : [])),
    /** Largest websocket message a client may send; a bigger one closes that socket (1009). */
    ACCORD_COLLAB_MAX_MESSAGE_BYTES: z.coerce.number().int().min(64 * 1024).max(64 * 1024 * 1024).default(8 * 1024 * 1024),
    /** How often open collaboration sockets re-check their session, account and access. */
    ACCORD_COLLAB_RECHECK_SECONDS: z.coerce.number().positive().max(60).default(30),
    /** Awareness (carets) is sent to each editor at most once per this window, merged; 0: once per event-loop turn. */
    ACCORD_COLLAB_AWARENESS_WINDOW_MS: z.coerce.number().int().min(0).max(1000).default(50),
    /** Caret states one document may send per second over all its connections; beyond it carets move less often. */
    ACCORD_COLLAB_CARET_STATES_PER_SECOND: z.coerce.number().int().min(1000).default(80_000),
    /** PostgreSQL: how many group commits of the update log may be under way at once (SQLite: always one). */
    ACCORD_COLLAB_COMMITS_IN_FLIGHT: z.coerce.number().int().min(1).max(8).default(4),
    /** SMTP server for email (smtp://user:pass@host:587 or smtps://…); unset keeps messages on the outbox page only. */
    SMTP_URL: z.string().url().refine((url) => /^smtps?:\/\//.test(url), "must start with smtp:// or smtps://").optional(),
    /** Sender of every email, and the ORGANIZER of meeting invitations (the RCC secretariat's address). */
    MAIL_FROM: z.string().min(3).max(200).default("RCC Secretariat <accord@localhost>"),
    /** How often each instance looks for emails to send and reminders that are due. */
    ACCORD_MAIL_POLL_SECONDS: z.coerce.number().positive().max(3600).default(5),
    OIDC_ISSUER: z.string().url().optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    OIDC_NAME: z.string().min(1).default("National eID"),
  })
  .refine(
    (env) => !env.OIDC_ISSUER || (env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET),
    "OIDC_ISSUER needs OIDC_CLIENT_ID and OIDC_CLIENT_SECRET",
  );

export type Environment = z.infer<typeof environmentSchema> & {
  databaseKind: "sqlite" | "postgresql";
  isDemo: boolean;
  NEXTAUTH_SECRET: string;
};

let cached: Environment | undefined;

/** The validated configuration; exits with a readable message on a bad value. */
export function env(): Environment {
  if (cached) return cached;
  const parsed = environmentSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join(".") || "env"}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${problems.join("\n")}`);
  }
  const databaseKind = parsed.data.DATABASE_URL.startsWith("file:") ? "sqlite" : "postgresql";
  // Demo data is on by default only for the embedded database, so a production PostgreSQL never gets demo passwords.
  const isDemo = parsed.data.ACCORD_DEMO_DATA ?? databaseKind === "sqlite";
  cached = {
    ...parsed.data,
    databaseKind,
    isDemo,
    NEXTAUTH_SECRET: parsed.data.NEXTAUTH_SECRET ?? embeddedSecret(parsed.data.NODE_ENV, databaseKind),
  };
  return cached;
}

/**
 * The embedded default generates its signing secret once and keeps it beside the database,
 * so `npm start` works with no configuration and sessions survive restarts.
 */
function embeddedSecret(nodeEnv: string, databaseKind: string): string {
  if (databaseKind === "postgresql" && nodeEnv === "production") {
    throw new Error("Invalid configuration:\n  NEXTAUTH_SECRET: required when DATABASE_URL points at PostgreSQL");
  }
  const file = path.join(DATA_DIRECTORY, "nextauth-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(DATA_DIRECTORY, { recursive: true });
    const secret = crypto.randomBytes(32).toString("base64url");
    fs.writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
    return secret;
  }
}
