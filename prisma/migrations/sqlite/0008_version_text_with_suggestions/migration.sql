-- AlterTable
ALTER TABLE "DocumentVersion" ADD COLUMN "contentWithSuggestions" TEXT;
ALTER TABLE "DocumentVersion" ADD COLUMN "digestWithSuggestions" TEXT;

