-- Places taken twice before this constraint (two additions racing) are renumbered 1..n in their
-- current order (place, then id), so the unique index can be created on an existing database.
UPDATE "AgendaItem" AS "item" SET "position" = "ranked"."place"
  FROM (SELECT "id", ROW_NUMBER() OVER (PARTITION BY "meetingId" ORDER BY "position", "id") AS "place" FROM "AgendaItem") AS "ranked"
  WHERE "ranked"."id" = "item"."id" AND "item"."position" <> "ranked"."place";

UPDATE "Decision" AS "item" SET "position" = "ranked"."place"
  FROM (SELECT "id", ROW_NUMBER() OVER (PARTITION BY "meetingId" ORDER BY "position", "id") AS "place" FROM "Decision") AS "ranked"
  WHERE "ranked"."id" = "item"."id" AND "item"."position" <> "ranked"."place";

-- DropIndex
DROP INDEX "AgendaItem_meetingId_position_idx";

-- DropIndex
DROP INDEX "Decision_meetingId_position_idx";

-- CreateIndex
CREATE UNIQUE INDEX "AgendaItem_meetingId_position_key" ON "AgendaItem"("meetingId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Decision_meetingId_position_key" ON "Decision"("meetingId", "position");

