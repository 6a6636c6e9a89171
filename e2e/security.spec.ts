import { type APIRequestContext, type Page } from "@playwright/test";
import { expect, test } from "./fixtures/test";
import { DEMO, DEMO_PASSWORD, signIn, signInWithRequest } from "./fixtures/accounts";
import { daysFromToday } from "./fixtures/dates";
import { createTestDocument, focusEndOfDocument, saveStatus, uniqueTitle } from "./fixtures/editor";

// The Playwright server runs with ACCORD_TRUSTED_PROXIES=1 (see playwright.config.ts): a test plays the
// proxy by sending X-Forwarded-For, so its sign-in attempts spend the budget of an address of its own.

/** One credentials sign-in attempt as a browser-less client; answers next-auth's error message, or "" on success. */
async function attemptSignIn(request: APIRequestContext, { email, password, forwardedFor, csrfToken }: { email: string; password: string; forwardedFor: string; csrfToken?: string }): Promise<string> {
  csrfToken ??= await csrfTokenOf(request);
  const response = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true" },
    headers: { "X-Forwarded-For": forwardedFor },
    maxRedirects: 0,
  });
  expect(response.status()).toBeLessThan(500);
  const { url } = (await response.json()) as { url: string };
  return new URL(url).searchParams.get("error") ?? "";
}

/** next-auth's CSRF token; each fetch sets a new cookie, so parallel attempts share one. */
async function csrfTokenOf(request: APIRequestContext): Promise<string> {
  return ((await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string }).csrfToken;
}

async function inviteSomeone(request: APIRequestContext): Promise<{ email: string; userId: string }> {
  const email = `security-${Date.now()}-${Math.random().toString(36).slice(2, 7)}@example.org`;
  const invited = await request.post("/api/people", { data: { name: "Security Test", email, role: "DELEGATE", organisationCode: "ME" } });
  expect(invited.status(), await invited.text()).toBe(200);
  const { userId } = await invited.json();
  return { email, userId };
}

test.describe("sign-in limits over HTTP", () => {
  // Accounts of their own, so no demo account is held for the other specs.
  test("rotating X-Forwarded-For does not get past the per-account limit", async ({ playwright, baseURL, request: secretariat }) => {
    await signInWithRequest(secretariat, DEMO.secretariat);
    const { email } = await inviteSomeone(secretariat);
    const request = await playwright.request.newContext({ baseURL });
    const messages: string[] = [];
    for (let attempt = 0; attempt < 12; attempt++) {
      messages.push(await attemptSignIn(request, { email, password: `guess-${attempt}`, forwardedFor: `203.0.113.${attempt + 1}` }));
    }
    expect(messages.slice(0, 10)).toEqual(Array(10).fill("Email or password is not correct."));
    expect(messages.slice(10)).toEqual(Array(2).fill("Too many sign-in attempts. Please wait 15 minutes and try again."));
    await request.dispose();
  });

  test("of 20 parallel wrong attempts, at most the limit reach the password check", async ({ playwright, baseURL, request: secretariat }) => {
    await signInWithRequest(secretariat, DEMO.secretariat);
    const { email } = await inviteSomeone(secretariat);
    const request = await playwright.request.newContext({ baseURL });
    const csrfToken = await csrfTokenOf(request);
    const messages = await Promise.all(
      Array.from({ length: 20 }, (_, attempt) => attemptSignIn(request, { email, password: `parallel-${attempt}`, forwardedFor: "198.51.100.20", csrfToken })),
    );
    expect(messages.filter((message) => message === "Email or password is not correct.").length).toBeLessThanOrEqual(10);
    expect(messages.filter((message) => /Too many sign-in attempts/.test(message)).length).toBeGreaterThanOrEqual(10);
    await request.dispose();
  });
});

test.describe("security headers", () => {
  test("pages and API answers carry them; HSTS only over HTTPS", async ({ page, request }) => {
    await signIn(page, DEMO.al);
    const pageResponse = await page.request.get("/documents");
    const pageHeaders = pageResponse.headers();
    expect(pageHeaders["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(pageHeaders["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(pageHeaders["content-security-policy"]).toContain("object-src 'none'");
    // A fresh nonce for every response.
    const again = (await page.request.get("/documents")).headers()["content-security-policy"];
    expect(again).not.toBe(pageHeaders["content-security-policy"]);

    for (const headers of [pageHeaders, (await request.get("/api/health")).headers()]) {
      expect(headers["x-content-type-options"]).toBe("nosniff");
      expect(headers["referrer-policy"]).toBe("same-origin");
      expect(headers["x-frame-options"]).toBe("DENY");
      expect(headers["strict-transport-security"]).toBeUndefined();
    }
    expect((await request.get("/api/health")).headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");

    // Behind the (one) trusted proxy that terminated TLS.
    const overHttps = await request.get("/api/health", { headers: { "X-Forwarded-Proto": "https" } });
    expect(overHttps.headers()["strict-transport-security"]).toBe("max-age=31536000");
    const pageOverHttps = await page.request.get("/login", { headers: { "X-Forwarded-Proto": "https" } });
    expect(pageOverHttps.headers()["strict-transport-security"]).toBe("max-age=31536000");
  });
});

/** Collects CSP violations from the console and from `securitypolicyviolation` events. */
async function watchContentSecurityPolicy(page: Page): Promise<() => Promise<string[]>> {
  const fromConsole: string[] = [];
  page.on("console", (message) => {
    if (/content.security.policy/i.test(message.text())) fromConsole.push(message.text());
  });
  await page.addInitScript(() => {
    const store = window as unknown as { cspViolations: string[] };
    store.cspViolations = [];
    document.addEventListener("securitypolicyviolation", (event) => {
      store.cspViolations.push(`${event.effectiveDirective} blocked ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}`);
    });
  });
  return async () => [...fromConsole, ...(await page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? []))];
}

test("the editor (websocket), progress charts and a meeting run with no CSP violations", async ({ page }) => {
  test.slow(); // Three pages, a document and a meeting of its own.
  const documentId = await createTestDocument(page.request, { title: uniqueTitle("CSP check") });
  const meetingDay = daysFromToday(40);
  const meeting = await page.request.post("/api/meetings", {
    data: { title: uniqueTitle("CSP meeting"), startsAt: `${meetingDay}T10:00`, endsAt: `${meetingDay}T12:00`, format: "ONLINE", onlineUrl: "https://meet.example.org/csp" },
  });
  expect(meeting.status()).toBe(200);
  const { id: meetingId } = await meeting.json();
  const violations = await watchContentSecurityPolicy(page);

  const editor = await page.goto(`/documents/${documentId}`);
  expect(editor?.headers()["content-security-policy"]).toContain("'nonce-");
  await focusEndOfDocument(page);
  await page.keyboard.type("Typed under a strict policy.");
  // "Saved" comes back over the collaboration websocket: scripts ran and the socket connected.
  await expect(saveStatus(page)).toHaveText(/Saved/);

  await page.goto("/progress");
  await expect(page.locator(".recharts-surface").first()).toBeVisible();

  await page.goto(`/meetings/${meetingId}`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  // A client-side navigation too: the router's fetches and scripts are under the same policy.
  await page.getByRole("link", { name: "Documents" }).first().click();
  await expect(page).toHaveURL(/\/documents$/);

  expect(await violations()).toEqual([]);
});

test.describe("cross-site requests", () => {
  // Same site (cookies travel: ports do not separate sites) but another origin, like a sibling subdomain.
  const attackerOrigin = () => `http://localhost:${Number(process.env.E2E_PORT) + 1}`;

  async function openAttackerPage(page: Page, html: string): Promise<void> {
    await page.route(`${attackerOrigin()}/**`, (route) => route.fulfill({ contentType: "text/html", body: html }));
    await page.goto(`${attackerOrigin()}/attack.html`);
  }

  test("a text/plain form and a no-cors fetch from another origin are refused and change nothing", async ({ page, baseURL }) => {
    const documentId = await createTestDocument(page.request, { title: uniqueTitle("CSRF target") });
    const { userId } = await inviteSomeone(page.request);
    const threadsBefore = (await (await page.request.get(`/api/documents/${documentId}/threads`)).json()).threads.length;

    await openAttackerPage(page, "<!doctype html><title>Prize</title><p>Hello</p>");
    // A no-cors answer is opaque to the page (and to Playwright's response events): wait for the fetch to settle,
    // then check below that the person is still active.
    const settled = await page.evaluate(
      (url) => fetch(url, { method: "POST", mode: "no-cors", credentials: "include" }).then((response) => response.type, (error: unknown) => String(error)),
      `${baseURL}/api/people/${userId}/deactivate`,
    );
    // Chromium may also refuse the request outright ("Failed to fetch"); either way the server must change nothing.
    expect(["opaque", "TypeError: Failed to fetch"]).toContain(settled);

    const thread = page.waitForResponse((response) => response.url().endsWith(`/api/documents/${documentId}/threads`) && response.request().method() === "POST");
    await page.evaluate((action) => {
      const form = document.createElement("form");
      form.method = "POST";
      form.action = action;
      form.enctype = "text/plain";
      const field = document.createElement("input");
      field.name = '{"kind":"REMARK","quote":"Article","body":"forged","padding":"';
      field.value = '"}';
      form.append(field);
      document.body.append(form);
      form.submit();
    }, `${baseURL}/api/documents/${documentId}/threads`);
    expect((await thread).status()).toBe(415);

    const people = (await (await page.request.get("/api/people")).json()).people as { id: string; isActive: boolean }[];
    expect(people.find((person) => person.id === userId)?.isActive).toBe(true);
    expect((await (await page.request.get(`/api/documents/${documentId}/threads`)).json()).threads.length).toBe(threadsBefore);
  });

  test("a server action form replayed from another origin is refused by Next.js and changes nothing", async ({ page, baseURL }) => {
    await signIn(page, DEMO.secretariat);
    await page.goto("/people");
    const inviteForm = page.locator("form", { has: page.getByRole("button", { name: "Invite", exact: true }) });
    // The form as rendered, hidden action fields included, re-hosted on the attacker's page.
    const formHtml = await inviteForm.evaluate((form) => form.outerHTML);
    const email = `csrf-${Date.now()}@example.org`;
    await openAttackerPage(page, `<!doctype html><title>Prize</title>${formHtml}`);
    await page.evaluate(
      ({ action, email }) => {
        const form = document.querySelector("form")!;
        form.action = action;
        form.method = "POST";
        form.enctype = "multipart/form-data";
        (form.querySelector('[name="name"]') as HTMLInputElement).value = "Forged Person";
        (form.querySelector('[name="email"]') as HTMLInputElement).value = email;
        (form.querySelector('[name="role"]') as HTMLSelectElement).value = "OBSERVER";
        const organisation = form.querySelector('[name="organisationCode"]') as HTMLSelectElement;
        organisation.value = "EC";
        HTMLFormElement.prototype.submit.call(form);
      },
      { action: `${baseURL}/people`, email },
    );
    await page.waitForURL(`${baseURL}/people`);
    const people = (await (await page.request.get("/api/people")).json()).people as { email: string }[];
    expect(people.map((person) => person.email)).not.toContain(email);
  });
});

test("after sign-in, only same-origin callback paths are followed", async ({ page, baseURL }) => {
  for (const callbackUrl of ["//evil.example/steal", "/\\evil.example", "https://evil.example/", "/meetings"]) {
    await page.context().clearCookies();
    await page.goto(`/login?callbackUrl=${encodeURIComponent(callbackUrl)}`);
    await page.getByLabel("Email").fill(DEMO.ba);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`^${baseURL}${callbackUrl === "/meetings" ? "/meetings" : "/"}$`));
  }
  // next-auth's own redirect (used by single sign-on) applies the same rule.
  await signInWithRequest(page.request, DEMO.ba);
  const { csrfToken } = await (await page.request.get("/api/auth/csrf")).json();
  const signOut = await page.request.post("/api/auth/signout", { form: { csrfToken, callbackUrl: "https://evil.example/", json: "true" }, maxRedirects: 0 });
  expect((await signOut.json()).url).toBe(`${baseURL}/`);
});

test("request bodies: too large is 413, an observer's is refused unread, a lone surrogate is 400; nothing is stored", async ({ playwright, baseURL, request: secretariat }) => {
  const documentId = await createTestDocument(secretariat, { title: uniqueTitle("Body limits") });
  const threadsUrl = `/api/documents/${documentId}/threads`;
  const count = async () => ((await (await secretariat.get(threadsUrl)).json()) as { threads: unknown[] }).threads.length;
  const delegate = await playwright.request.newContext({ baseURL });
  await signInWithRequest(delegate, DEMO.al);
  const observer = await playwright.request.newContext({ baseURL });
  await signInWithRequest(observer, DEMO.ec);
  const headers = { "Content-Type": "application/json" };

  const huge = JSON.stringify({ kind: "REMARK", quote: "Article 1", body: "x".repeat(2 * 1024 * 1024) });
  const tooLarge = await delegate.post(threadsUrl, { headers, data: huge });
  expect(tooLarge.status()).toBe(413);
  expect((await tooLarge.json()).error.message).toMatch(/larger than 256 KB/);
  expect((await observer.post(threadsUrl, { headers, data: huge })).status()).toBe(403);

  const surrogate = await delegate.post(threadsUrl, { headers, data: '{"kind":"REMARK","quote":"Article 1","body":"broken \\ud800 text"}' });
  expect(surrogate.status()).toBe(400);
  expect((await surrogate.json()).error.fieldErrors.body[0]).toMatch(/surrogate/);

  expect(await count()).toBe(0);
  await delegate.dispose();
  await observer.dispose();
});
