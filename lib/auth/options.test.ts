import { describe, expect, it } from "vitest";
import { openIdProviders } from "@/lib/auth/options";

describe("single sign-on", () => {
  it("is off unless an issuer is configured", () => {
    expect(openIdProviders({ OIDC_NAME: "National eID" })).toEqual([]);
  });

  it("uses the issuer's discovery document, PKCE and the configured label", () => {
    const [provider] = openIdProviders({
      OIDC_ISSUER: "https://eid.example.gov.al/realms/accord/",
      OIDC_CLIENT_ID: "accord",
      OIDC_CLIENT_SECRET: "secret",
      OIDC_NAME: "e-Albania",
    });
    expect(provider).toMatchObject({
      id: "oidc",
      name: "e-Albania",
      type: "oauth",
      wellKnown: "https://eid.example.gov.al/realms/accord/.well-known/openid-configuration",
      clientId: "accord",
      checks: ["pkce", "state"],
    });
  });
});
