-- CreateTable
CREATE TABLE "Suggestion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "documentId" TEXT NOT NULL,
    "organisationCode" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "authorName" TEXT NOT NULL,
    "inserted" TEXT NOT NULL,
    "deleted" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "decidedById" TEXT NOT NULL,
    "decidedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "Suggestion_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Document" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workingGroupId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "yjsState" BLOB,
    "compactedUpdateId" INTEGER NOT NULL DEFAULT 0,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "lastEditedAt" DATETIME,
    "lastEditedById" TEXT,
    "draftingRule" TEXT NOT NULL DEFAULT 'OPEN',
    CONSTRAINT "Document_workingGroupId_fkey" FOREIGN KEY ("workingGroupId") REFERENCES "WorkingGroup" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Document_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Document_lastEditedById_fkey" FOREIGN KEY ("lastEditedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Document" ("compactedUpdateId", "createdAt", "createdById", "id", "kind", "lastEditedAt", "lastEditedById", "title", "updatedAt", "workingGroupId", "yjsState") SELECT "compactedUpdateId", "createdAt", "createdById", "id", "kind", "lastEditedAt", "lastEditedById", "title", "updatedAt", "workingGroupId", "yjsState" FROM "Document";
DROP TABLE "Document";
ALTER TABLE "new_Document" RENAME TO "Document";
CREATE INDEX "Document_workingGroupId_kind_idx" ON "Document"("workingGroupId", "kind");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Suggestion_documentId_status_idx" ON "Suggestion"("documentId", "status");

-- CreateIndex
CREATE INDEX "Suggestion_organisationCode_status_idx" ON "Suggestion"("organisationCode", "status");

