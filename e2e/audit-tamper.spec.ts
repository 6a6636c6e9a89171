import path from "node:path";
import { createClient } from "@libsql/client";
import { expect, test } from "./fixtures/test";
import { DEMO, openAs } from "./fixtures/accounts";
import { signedDocument } from "./fixtures/signed-document";

// Alters a row of the shared E2E database from another process. It runs in a Playwright project of
// its own after every other test (playwright.config.ts): another process's write can meet the
// server's in SQLite, and while the row is altered the audit chain fails verification for everyone.
test.describe("audit log, tampered with", () => {
  test.describe.configure({ timeout: process.env.E2E_MODE === "dev" ? 480_000 : 60_000 });
  test("a position altered in the database is named on /audit and marked in the sign-off matrix", async ({ browser, playwright, baseURL }) => {
    const { documentId, roundId, signOffId } = await signedDocument(playwright, baseURL!, "Audit tamper");
    // Someone with the database file turns Albania's approval into "not ready", then it is put back.
    // Like the server, it waits (SQLite's busy timeout) for the other process's write rather than failing.
    const database = createClient({ url: `file:${path.join(process.env.E2E_DATA_DIR!, "e2e.db")}`, timeout: 5_000 });
    await database.execute({ sql: `UPDATE "SignOff" SET "position" = 'NOT_READY' WHERE "id" = ?`, args: [signOffId] });
    try {
      const page = await openAs(browser, DEMO.ec, "/audit");
      await expect(page.getByTestId("audit-verdict")).toContainText("Verification FAILED");
      await expect(page.getByTestId("audit-problems")).toContainText(`Position of AL in sign-off round ${roundId} of document ${documentId} (row ${signOffId}): altered since audit entry #`);

      await page.goto(`/documents/${documentId}/sign-off`);
      await expect(page.getByTestId("matrix-integrity-problems")).toContainText("fails verification against the audit log");
      const albania = page.getByTestId("sign-off-matrix").locator('td[data-economy="AL"]');
      await expect(albania).toHaveAttribute("data-integrity", "broken");
      await expect(albania.getByTestId("position-integrity-problem")).toContainText("Fails verification: do not rely on what follows.");
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.screenshot({ path: path.join(test.info().outputDir, "signoff-tampered-desktop.png"), fullPage: true });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.screenshot({ path: path.join(test.info().outputDir, "signoff-tampered-phone.png"), fullPage: true });
      await page.context().close();
    } finally {
      await database.execute({ sql: `UPDATE "SignOff" SET "position" = 'APPROVE' WHERE "id" = ?`, args: [signOffId] });
      database.close();
    }
  });
});
