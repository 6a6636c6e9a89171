import { describe, expect, it } from "vitest";
import { resolveClientAddress, resolveClientProtocol } from "@/lib/client-address";

describe("client address", () => {
  it("is the socket's address by default, whatever X-Forwarded-For claims", () => {
    expect(resolveClientAddress({ socketAddress: "::ffff:203.0.113.7", forwardedFor: "1.2.3.4", trustedProxies: 0 })).toBe("203.0.113.7");
  });

  it("behind N trusted proxies is the Nth entry from the right, so a forged left part is ignored", () => {
    const forwardedFor = "6.6.6.6, 7.7.7.7, 198.51.100.4, 10.0.0.2";
    expect(resolveClientAddress({ socketAddress: "10.0.0.1", forwardedFor, trustedProxies: 1 })).toBe("10.0.0.2");
    expect(resolveClientAddress({ socketAddress: "10.0.0.1", forwardedFor, trustedProxies: 2 })).toBe("198.51.100.4");
    // Repeated headers are one list.
    expect(resolveClientAddress({ socketAddress: "10.0.0.1", forwardedFor: ["6.6.6.6", "198.51.100.4"], trustedProxies: 1 })).toBe("198.51.100.4");
  });

  it("falls back to the socket without a header, and drops values that are not addresses", () => {
    expect(resolveClientAddress({ socketAddress: "10.0.0.1", forwardedFor: undefined, trustedProxies: 1 })).toBe("10.0.0.1");
    expect(resolveClientAddress({ socketAddress: "10.0.0.1", forwardedFor: "<script>, 198.51.100.4", trustedProxies: 2 })).toBe("198.51.100.4");
  });

  it("takes the protocol from a trusted proxy only", () => {
    expect(resolveClientProtocol({ isEncrypted: false, forwardedProto: "https", trustedProxies: 0 })).toBe("http");
    expect(resolveClientProtocol({ isEncrypted: false, forwardedProto: "https", trustedProxies: 1 })).toBe("https");
    expect(resolveClientProtocol({ isEncrypted: true, forwardedProto: undefined, trustedProxies: 0 })).toBe("https");
  });
});
