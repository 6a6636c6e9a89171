import { describe, expect, it } from "vitest";
import { AppError, parseInput } from "@/lib/errors";
import { MAX_JSON_BODY_BYTES, apiRoute, readJsonBody } from "@/lib/http";
import type { Actor } from "@/lib/policy";
import { z } from "zod";

process.env.NEXTAUTH_SECRET ??= "unit-test-secret-unit-test-secret-0123";

const delegate: Actor = { id: "u1", name: "Delegate", email: "al@test.example", role: "DELEGATE", organisationCode: "AL", isActive: true };
const observer: Actor = { ...delegate, id: "u2", role: "OBSERVER", organisationCode: "EC" };

/** A route that records whether its handler ran. */
function probeRoute() {
  const calls: string[] = [];
  const route = apiRoute(async (request: Request) => {
    calls.push(request.method);
    return { ok: true };
  });
  return { route, calls };
}

function post(headers: Record<string, string>, body?: string, method = "POST") {
  return new Request("http://accord.example/api/documents", { method, headers: { host: "accord.example", ...headers }, body });
}

describe("cross-site request forgery", () => {
  it.each([
    ["a text/plain cross-site form", { "content-type": "text/plain", origin: "http://evil.example" }, "{}", 415],
    ["an urlencoded same-site form", { "content-type": "application/x-www-form-urlencoded", origin: "http://accord.example" }, "title=x", 415],
    ["a body without Content-Type", { origin: "http://accord.example", "content-length": "2" }, "{}", 415],
    ["JSON from another origin", { "content-type": "application/json", origin: "http://evil.example" }, "{}", 403],
    ["JSON from a sibling subdomain", { "content-type": "application/json", origin: "http://docs.accord.example" }, "{}", 403],
    ["an opaque origin", { "content-type": "application/json", origin: "null" }, "{}", 403],
    ["a bodiless no-cors fetch from another site", { origin: "http://evil.example" }, undefined, 403],
    ["no Origin but a cross-site fetch", { "content-type": "application/json", "sec-fetch-site": "same-site" }, "{}", 403],
  ])("refuses %s before the handler runs", async (_label, headers, body, status) => {
    const { route, calls } = probeRoute();
    for (const method of ["POST", "PATCH", "PUT", "DELETE"]) {
      const response = await route(post(headers, body, method), {});
      expect(response.status).toBe(status);
    }
    expect(calls).toEqual([]);
  });

  it("lets same-origin JSON, bodiless same-origin posts and non-browser clients through", async () => {
    const { route, calls } = probeRoute();
    expect((await route(post({ "content-type": "application/json; charset=utf-8", origin: "http://accord.example" }, "{}"), {})).status).toBe(200);
    expect((await route(post({ origin: "http://accord.example", "sec-fetch-site": "same-origin" }), {})).status).toBe(200);
    expect((await route(post({ "content-type": "application/json" }, "{}"), {})).status).toBe(200);
    // Reads are never refused for their origin.
    expect((await route(new Request("http://accord.example/api/documents", { headers: { origin: "http://evil.example" } }), {})).status).toBe(200);
    expect(calls).toEqual(["POST", "POST", "POST", "GET"]);
  });
});

describe("request bodies", () => {
  it("refuses a body past the limit with 413 while streaming, without a Content-Length", async () => {
    let pulled = 0;
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(chunk);
      },
    });
    const request = new Request("http://accord.example/x", { method: "POST", body: stream, duplex: "half" } as RequestInit);
    await expect(readJsonBody(request, delegate)).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE", status: 413 });
    // It stopped reading just past the limit instead of draining an endless body.
    expect(pulled).toBeLessThanOrEqual(MAX_JSON_BODY_BYTES / chunk.byteLength + 2);
  });

  it("refuses a declared oversize body before reading it", async () => {
    const request = new Request("http://accord.example/x", { method: "POST", headers: { "content-length": String(100 * 1024 * 1024) }, body: "{}" });
    await expect(readJsonBody(request, delegate)).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
  });

  it("refuses an observer before reading a single byte", async () => {
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(1024 * 1024));
      },
    });
    const request = new Request("http://accord.example/x", { method: "POST", body: stream, duplex: "half" } as RequestInit);
    await expect(readJsonBody(request, observer)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(pulled).toBeLessThanOrEqual(1); // A stream may pre-fill one chunk on creation; nothing is read.
  });

  it("answers 400 for bodies that are not a JSON object, invalid UTF-8 or nested absurdly deep", async () => {
    for (const body of ["[1]", "nope", "", new Uint8Array([0x7b, 0xff, 0x7d]), `{"a":${"[".repeat(5000)}${"]".repeat(5000)}}`]) {
      const request = new Request("http://accord.example/x", { method: "POST", body });
      await expect(readJsonBody(request, delegate)).rejects.toMatchObject({ code: "INVALID_INPUT" });
    }
  });
});

describe("ill-formed Unicode", () => {
  it("refuses a lone surrogate anywhere in a JSON body with a field message", async () => {
    const request = new Request("http://accord.example/x", { method: "POST", body: '{"thread":{"body":"ok \\ud800 then"}}' });
    const error = await readJsonBody(request, delegate).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "INVALID_INPUT", fieldErrors: { "thread.body": [expect.stringContaining("surrogate")] } });
  });

  it("refuses it at parseInput, which every lib verb and server action goes through", () => {
    expect(() => parseInput(z.object({ title: z.string() }), { title: "MoU \udc00" })).toThrow(expect.objectContaining({ code: "INVALID_INPUT", status: 400 }));
    expect(parseInput(z.object({ title: z.string() }), { title: "MoU 🇦🇱 ąčšž" })).toEqual({ title: "MoU 🇦🇱 ąčšž" });
  });
});
