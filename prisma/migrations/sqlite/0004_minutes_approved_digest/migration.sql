-- AlterTable
ALTER TABLE "Meeting" ADD COLUMN "minutesApprovedDigest" TEXT;

