-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "rowDigest" TEXT;

