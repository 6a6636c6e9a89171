-- CreateEnum
CREATE TYPE "DraftingRule" AS ENUM ('OPEN', 'NEGOTIATION');

-- CreateEnum
CREATE TYPE "SuggestionStatus" AS ENUM ('ACCEPTED', 'REJECTED', 'WITHDRAWN');

-- AlterTable
ALTER TABLE "Document" ADD COLUMN     "draftingRule" "DraftingRule" NOT NULL DEFAULT 'OPEN';

-- CreateTable
CREATE TABLE "Suggestion" (
    "id" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "organisationCode" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "authorName" TEXT NOT NULL,
    "inserted" TEXT NOT NULL,
    "deleted" TEXT NOT NULL,
    "status" "SuggestionStatus" NOT NULL,
    "decidedById" TEXT NOT NULL,
    "decidedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Suggestion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Suggestion_documentId_status_idx" ON "Suggestion"("documentId", "status");

-- CreateIndex
CREATE INDEX "Suggestion_organisationCode_status_idx" ON "Suggestion"("organisationCode", "status");

-- AddForeignKey
ALTER TABLE "Suggestion" ADD CONSTRAINT "Suggestion_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

