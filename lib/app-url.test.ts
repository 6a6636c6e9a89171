import { afterEach, describe, expect, it, vi } from "vitest";

/** lib/env.ts reads the environment once per module instance, so each case loads a fresh copy. */
async function appUrlWith(environment: Record<string, string | undefined>, requestHeaders: Record<string, string>): Promise<string> {
  for (const [name, value] of Object.entries(environment)) vi.stubEnv(name, value);
  vi.resetModules();
  const { appUrlFromHeaders } = await import("@/lib/app-url");
  return appUrlFromHeaders(new Headers(requestHeaders));
}

const base = { NEXTAUTH_SECRET: "app-url-test-secret-app-url-test-secret", PORT: "3999" };

afterEach(() => vi.unstubAllEnvs());

describe("the public base URL of absolute links", () => {
  it("is NEXTAUTH_URL when set, whatever the request says", async () => {
    expect(await appUrlWith({ ...base, NEXTAUTH_URL: "https://accord.rcc.int/" }, { host: "10.0.0.5:3000", "x-forwarded-host": "evil.example" })).toBe("https://accord.rcc.int");
  });

  it("is the request's Host, not the server's own localhost, when NEXTAUTH_URL is unset", async () => {
    expect(await appUrlWith({ ...base, NEXTAUTH_URL: undefined }, { host: "accord.example.org:8080" })).toBe("http://accord.example.org:8080");
  });

  it("ignores X-Forwarded-* unless a proxy is trusted, then takes the nearest proxy's values", async () => {
    const forwarded = { host: "10.0.0.5:3000", "x-forwarded-host": "evil.example, accord.rcc.int", "x-forwarded-proto": "http, https" };
    expect(await appUrlWith({ ...base, NEXTAUTH_URL: undefined, ACCORD_TRUSTED_PROXIES: "0" }, forwarded)).toBe("http://10.0.0.5:3000");
    expect(await appUrlWith({ ...base, NEXTAUTH_URL: undefined, ACCORD_TRUSTED_PROXIES: "1" }, forwarded)).toBe("https://accord.rcc.int");
  });

  it("never writes a malformed host into a link", async () => {
    expect(await appUrlWith({ ...base, NEXTAUTH_URL: undefined, ACCORD_TRUSTED_PROXIES: "1" }, { host: "accord.example.org", "x-forwarded-host": "a b/evil?x" })).toBe("http://accord.example.org");
    expect(await appUrlWith({ ...base, NEXTAUTH_URL: undefined }, { host: "bad host\"" })).toBe("http://localhost:3999");
  });
});
