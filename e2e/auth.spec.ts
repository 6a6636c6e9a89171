import { expect, test } from "./fixtures/test";
import { DEMO, DEMO_PASSWORD, signIn, signInWithRequest } from "./fixtures/accounts";

async function signInThroughForm(page: import("@playwright/test").Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

const NAVIGATION = {
  secretariat: ["Home", "Documents", "Meetings", "Progress", "People"],
  delegate: ["Home", "Documents", "Meetings", "Progress"],
  observer: ["Home", "Documents", "Meetings", "Progress"],
};

test.describe("sign-in and navigation per role", () => {
  // Observers land on the progress report; everyone else on their home page.
  for (const [label, email, expected, identity, landing] of [
    ["secretariat", DEMO.secretariat, NAVIGATION.secretariat, "RCC secretariat · RCC", "/"],
    ["Albanian delegate", DEMO.al, NAVIGATION.delegate, "Delegate · Albania", "/"],
    ["Kosovo* delegate", DEMO.xk, NAVIGATION.delegate, "Delegate · Kosovo*", "/"],
    ["EC observer", DEMO.ec, NAVIGATION.observer, "Observer · EC", "/progress"],
    ["ReSPA observer", DEMO.respa, NAVIGATION.observer, "Observer · ReSPA", "/progress"],
  ] as const) {
    test(`${label} signs in and sees the right navigation`, async ({ page }) => {
      // Observers go straight to the progress report: a detour through the home page showed an empty page first.
      const homeRequests: string[] = [];
      page.on("request", (request) => {
        // The navigation's Home link may be prefetched; what must not happen is loading the home page itself.
        if (new URL(request.url()).pathname === "/" && !request.headers()["next-router-prefetch"]) homeRequests.push(request.url());
      });
      await signInThroughForm(page, email);
      await expect(page).toHaveURL(landing);
      if (landing !== "/") expect(homeRequests).toEqual([]);
      const navigation = page.getByRole("navigation", { name: "Main" });
      await expect(navigation.getByRole("link")).toHaveText([...expected]);
      await expect(page.getByTestId("user-menu")).toContainText(identity);
    });
  }

  test("every demo account signs in and sees its own identity", async ({ browser }) => {
    const expected: Record<string, string> = {
      [DEMO.secretariat]: "RCC secretariat · RCC",
      [DEMO.al]: "Delegate · Albania",
      [DEMO.ba]: "Delegate · Bosnia and Herzegovina",
      [DEMO.xk]: "Delegate · Kosovo*",
      [DEMO.me]: "Delegate · Montenegro",
      [DEMO.mk]: "Delegate · North Macedonia",
      [DEMO.rs]: "Delegate · Serbia",
      [DEMO.ec]: "Observer · EC",
      [DEMO.cefta]: "Observer · CEFTA",
      [DEMO.respa]: "Observer · ReSPA",
    };
    for (const [email, identity] of Object.entries(expected)) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await signIn(page, email);
      await page.goto("/documents");
      await expect(page.getByTestId("user-menu")).toContainText(identity);
      await context.close();
    }
  });

  test("a wrong password is refused with a clear message", async ({ page }) => {
    await signInThroughForm(page, DEMO.me, "not-the-password");
    await expect(page.getByTestId("sign-in-error")).toHaveText("Email or password is not correct.");
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/");
    await expect(page).toHaveURL(/\/login/);
  });

  test("signing out ends the session", async ({ page }) => {
    await signInThroughForm(page, DEMO.ba);
    await expect(page.getByTestId("user-menu")).toContainText("Bosnia and Herzegovina");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/documents");
    await expect(page).toHaveURL(/\/login/);
  });

  test("health reports app and database status", async ({ request }) => {
    const response = await request.get("/api/health");
    expect(response.status()).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", app: { status: "ok" }, database: { status: "ok", kind: "sqlite" } });
  });
});

test.describe("observers can never write", () => {
  test("an observer sees no edit controls", async ({ page }) => {
    await signIn(page, DEMO.cefta);
    await page.goto("/documents");
    await expect(page.getByRole("link", { name: /MoU on Regional Interoperability/ })).toBeVisible();
    await expect(page.getByRole("button", { name: "Create document" })).toHaveCount(0);
    await expect(page.getByRole("heading", { name: "New document" })).toHaveCount(0);
    await page.goto("/people");
    await expect(page.getByRole("heading", { name: "People" })).toHaveCount(0);
  });

  test("every write an observer attempts answers 403 and changes nothing", async ({ page }) => {
    await signIn(page, DEMO.ec);
    const before = (await (await page.request.get("/api/documents")).json()).documents.length;
    const attempts = [
      // A forged actor in the body must not override the session's.
      page.request.post("/api/documents", {
        data: { title: "Observer's document", actor: { id: "x", role: "SECRETARIAT", organisationCode: "RCC", isActive: true } },
      }),
      page.request.post("/api/people", { data: { name: "Intruder", email: "intruder@example.org", role: "OBSERVER", organisationCode: "EC" } }),
      page.request.post(`/api/people/any-user/deactivate`),
    ];
    for (const response of await Promise.all(attempts)) {
      expect([403, 404]).toContain(response.status());
    }
    expect((await attempts[0]).status()).toBe(403);
    expect((await attempts[1]).status()).toBe(403);
    expect((await (await page.request.get("/api/documents")).json()).documents.length).toBe(before);
  });

  test("a signed-out client gets 401 from writes", async ({ request }) => {
    const response = await request.post("/api/documents", { data: { title: "Anonymous" } });
    expect(response.status()).toBe(401);
  });
});

test("the secretariat invites a person who sets a password and signs in", async ({ page, browser }) => {
  const email = `invitee-${Date.now()}@example.org`;
  await signIn(page, DEMO.secretariat);
  await page.goto("/people");
  await page.getByLabel("Full name").fill("Ilir Gashi");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Role").selectOption("DELEGATE");
  await page.getByLabel("Economy").selectOption("XK");
  await page.getByRole("button", { name: "Invite" }).click();
  const link = await page.getByTestId("invitation-link").inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]+$/);
  await expect(page.getByTestId("people").locator(`tr[data-email="${email}"]`)).toContainText("Invited");
  // The whole link is visible (it wraps, nothing is cut off) and "Copy link" puts it on the clipboard.
  const field = page.getByTestId("invitation-link");
  expect(await field.evaluate((element) => element.scrollWidth <= element.clientWidth && element.scrollHeight <= element.clientHeight)).toBe(true);
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.getByRole("button", { name: "Copy link" }).click();
  await expect(page.getByTestId("copy-status")).toHaveText("Copied to the clipboard.");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);

  const invitee = await (await browser.newContext()).newPage();
  await invitee.goto(new URL(link).pathname);
  await expect(invitee.getByRole("heading", { name: "Welcome to Accord, Ilir Gashi" })).toBeVisible();
  await invitee.getByLabel("New password").fill("short");
  await invitee.getByLabel("Repeat the password").fill("short");
  await invitee.getByRole("button", { name: "Set password" }).click();
  await expect(invitee.getByText("Use at least 12 characters.")).toBeVisible();
  await invitee.getByLabel("New password").fill("a long enough password");
  await invitee.getByLabel("Repeat the password").fill("a long enough password");
  await invitee.getByRole("button", { name: "Set password" }).click();
  // Setting the password signs the person in: no second trip through the sign-in form.
  await expect(invitee.getByRole("heading", { name: "Welcome, Ilir" })).toBeVisible();
  await expect(invitee).toHaveURL(/\/$/);
  await expect(invitee.getByTestId("user-menu")).toContainText("Ilir Gashi");
  await expect(invitee.getByTestId("user-menu")).toContainText("Delegate · Kosovo*");

  // The password works on the sign-in form too.
  await invitee.getByRole("button", { name: "Sign out" }).click();
  await expect(invitee).toHaveURL(/\/login/);
  await signInThroughForm(invitee, email, "a long enough password");
  await expect(invitee.getByTestId("user-menu")).toContainText("Ilir Gashi");

  // The link is spent.
  await invitee.goto(new URL(link).pathname);
  await expect(invitee.getByRole("heading", { name: "This link no longer works" })).toBeVisible();
});

test("the secretariat deactivates a person, whose session ends at once", async ({ page, browser }) => {
  const email = `leaving-${Date.now()}@example.org`;
  await signIn(page, DEMO.secretariat);
  const invited = await page.request.post("/api/people", { data: { name: "Leaving Delegate", email, role: "DELEGATE", organisationCode: "ME" } });
  expect(invited.status()).toBe(200);
  const { invitationPath, userId } = await invited.json();

  const leaver = await (await browser.newContext()).newPage();
  await leaver.goto(invitationPath);
  await leaver.getByLabel("New password").fill("another long password");
  await leaver.getByLabel("Repeat the password").fill("another long password");
  await leaver.getByRole("button", { name: "Set password" }).click();
  // Setting the password signs the person in.
  await expect(leaver).toHaveURL(/\/$/);
  await signInWithRequest(leaver.request, email, "another long password");
  await leaver.goto("/documents");
  await expect(leaver.getByRole("heading", { name: "Documents", level: 1 })).toBeVisible();

  expect((await page.request.post(`/api/people/${userId}/deactivate`)).status()).toBe(200);
  await leaver.goto("/documents");
  await expect(leaver).toHaveURL(/\/login/);
  await signInThroughForm(leaver, email, "another long password");
  await expect(leaver.getByTestId("sign-in-error")).toContainText("deactivated");
});
