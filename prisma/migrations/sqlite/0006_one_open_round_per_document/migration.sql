-- Written by hand: Prisma 6's schema language cannot express a partial index, so `prisma migrate diff`
-- neither creates nor drops it. At most one OPEN sign-off round per document, whatever writes the row.
CREATE UNIQUE INDEX "SignOffRound_one_open_per_document" ON "SignOffRound"("documentId") WHERE "status" = 'OPEN';
