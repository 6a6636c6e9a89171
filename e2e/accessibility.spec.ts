import AxeBuilder from "@axe-core/playwright";
import { type Page } from "@playwright/test";
import { expect, test } from "./fixtures/test";
import { DEMO, openAs } from "./fixtures/accounts";

/**
 * axe-core over Accord's pages: no serious or critical violation of WCAG 2.1 A/AA.
 * Add a page here when it lands; `path` receives the MoU's id for document pages.
 * Covered now: progress, its brief and activity feed, documents list, the MoU's text, versions
 * and sign-off pages, meetings. Each page is checked as an observer, and the pages whose controls
 * differ by role as the secretariat and a delegate too.
 */
const PAGES: { name: string; path: (memorandumId: string) => string; accounts: string[]; ready?: (page: Page) => Promise<void> }[] = [
  {
    name: "progress",
    path: () => "/progress",
    accounts: [DEMO.ec, DEMO.secretariat],
    ready: (page) => expect(page.getByTestId("threads-chart")).toBeVisible(),
  },
  { name: "progress brief", path: () => "/progress/brief", accounts: [DEMO.ec], ready: (page) => expect(page.getByTestId("brief")).toBeVisible() },
  { name: "activity", path: () => "/progress/activity?organisation=RCC", accounts: [DEMO.ec] },
  { name: "documents", path: () => "/documents", accounts: [DEMO.ec] },
  { name: "the MoU", path: (id) => `/documents/${id}`, accounts: [DEMO.ec, DEMO.al] },
  { name: "versions of the MoU", path: (id) => `/documents/${id}/versions`, accounts: [DEMO.ec, DEMO.secretariat] },
  { name: "sign-off of the MoU", path: (id) => `/documents/${id}/sign-off`, accounts: [DEMO.ec, DEMO.secretariat, DEMO.rs] },
  { name: "meetings", path: () => "/meetings", accounts: [DEMO.ec] },
];

const BLOCKING = new Set(["serious", "critical"]);

test.describe("accessibility", () => {
  for (const entry of PAGES) {
    for (const account of entry.accounts) {
      test(`${entry.name} as ${account.split("@")[0]} has no serious or critical axe violations`, async ({ browser }) => {
        const page = await openAs(browser, account, "/progress");
        const { documents } = await (await page.request.get("/api/documents")).json();
        const memoranda = (documents as { id: string; kind: string; createdAt: string }[]).filter((document) => document.kind === "MOU");
        const [{ id }] = memoranda.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
        await page.goto(entry.path(id));
        await expect(page.locator("main")).toBeVisible();
        await entry.ready?.(page);
        const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
        const blocking = results.violations
          .filter((violation) => BLOCKING.has(violation.impact ?? ""))
          .map((violation) => `${violation.impact} ${violation.id}: ${violation.help}\n  ${violation.nodes.map((node) => node.target.join(" ")).join("\n  ")}`);
        expect(blocking, blocking.join("\n")).toEqual([]);
        await page.context().close();
      });
    }
  }
});
