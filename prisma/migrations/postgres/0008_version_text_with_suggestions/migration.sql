-- AlterTable
ALTER TABLE "DocumentVersion" ADD COLUMN     "contentWithSuggestions" TEXT,
ADD COLUMN     "digestWithSuggestions" TEXT;

