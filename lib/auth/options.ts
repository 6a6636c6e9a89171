import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { db } from "@/lib/db";
import { env, type Environment } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { credentialsSchema, verifyCredentials } from "@/lib/people/sign-in";
import { createAuthSession, revokeAuthSession } from "@/lib/auth/session";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { CLIENT_ADDRESS_HEADER } from "@/lib/client-address";

/** The client as the process's HTTP server resolved it (see lib/client-address.ts); never a header the client chose. */
function clientAddressOf(headers: Record<string, unknown> | undefined): string {
  const address = headers?.[CLIENT_ADDRESS_HEADER];
  return typeof address === "string" && address ? address : "unknown";
}

type OpenIdSettings = Pick<Environment, "OIDC_ISSUER" | "OIDC_CLIENT_ID" | "OIDC_CLIENT_SECRET" | "OIDC_NAME">;

/** Optional single sign-on (national eID, EU Login): only people the secretariat invited may use it. */
export function openIdProviders(config: OpenIdSettings): NextAuthOptions["providers"] {
  if (!config.OIDC_ISSUER) return [];
  return [
    {
      id: "oidc",
      name: config.OIDC_NAME,
      type: "oauth",
      wellKnown: `${config.OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
      clientId: config.OIDC_CLIENT_ID,
      clientSecret: config.OIDC_CLIENT_SECRET,
      idToken: true,
      checks: ["pkce", "state"],
      authorization: { params: { scope: "openid email profile" } },
      profile(profile: { sub: string; email?: string; name?: string }) {
        return { id: profile.sub, email: profile.email?.toLowerCase() ?? null, name: profile.name ?? null };
      },
    },
  ];
}

/** next-auth configuration: the JWT carries only the id of a server-side AuthSession row. */
export function authOptions(): NextAuthOptions {
  const config = env();
  return {
    secret: config.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: config.ACCORD_SESSION_HOURS * 3600 },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, request) {
          const parsed = credentialsSchema.safeParse(credentials ?? {});
          if (!parsed.success) throw new Error(parsed.error.issues[0].message);
          try {
            const { userId } = await verifyCredentials({ ...parsed.data, clientAddress: clientAddressOf(request?.headers) });
            return { id: userId };
          } catch (error) {
            // next-auth shows the thrown message to the user; only expected errors carry one.
            if (error instanceof AppError) throw new Error(error.message);
            throw error;
          }
        },
      }),
      ...openIdProviders(config),
    ],
    callbacks: {
      // Only paths on this site: a crafted callbackUrl must not send a person elsewhere after sign-in.
      redirect({ url, baseUrl }) {
        return `${baseUrl}${safeCallbackPath(url, baseUrl)}`;
      },
      async signIn({ user, account }) {
        if (account?.provider !== "oidc") return true;
        const email = user.email?.toLowerCase();
        if (!email) return false;
        const known = await db().user.findUnique({ where: { email }, select: { isActive: true } });
        return known?.isActive === true;
      },
      async jwt({ token, user, account }) {
        if (!user) return token;
        const userId =
          account?.provider === "oidc"
            ? (await db().user.findUniqueOrThrow({ where: { email: user.email!.toLowerCase() }, select: { id: true } })).id
            : user.id;
        const session = await createAuthSession(userId);
        return { sessionId: session.id };
      },
      async session({ session }) {
        // The browser gets no identity from here; pages render it from the server-side session.
        return { expires: session.expires };
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sessionId === "string") await revokeAuthSession(token.sessionId);
      },
    },
  };
}
