-- Places taken twice before this constraint (two additions racing) are renumbered 1..n in their
-- current order (place, then id), so the unique index can be created on an existing database.
CREATE TEMP TABLE "renumbered_AgendaItem" AS
  SELECT "id", ROW_NUMBER() OVER (PARTITION BY "meetingId" ORDER BY "position", "id") AS "place" FROM "AgendaItem";
UPDATE "AgendaItem" SET "position" = (SELECT "place" FROM "renumbered_AgendaItem" WHERE "renumbered_AgendaItem"."id" = "AgendaItem"."id");
DROP TABLE "renumbered_AgendaItem";

CREATE TEMP TABLE "renumbered_Decision" AS
  SELECT "id", ROW_NUMBER() OVER (PARTITION BY "meetingId" ORDER BY "position", "id") AS "place" FROM "Decision";
UPDATE "Decision" SET "position" = (SELECT "place" FROM "renumbered_Decision" WHERE "renumbered_Decision"."id" = "Decision"."id");
DROP TABLE "renumbered_Decision";

-- DropIndex
DROP INDEX "AgendaItem_meetingId_position_idx";

-- DropIndex
DROP INDEX "Decision_meetingId_position_idx";

-- CreateIndex
CREATE UNIQUE INDEX "AgendaItem_meetingId_position_key" ON "AgendaItem"("meetingId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Decision_meetingId_position_key" ON "Decision"("meetingId", "position");

