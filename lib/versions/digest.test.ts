import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, installDatabase } from "@/lib/db";
import type { ProseMirrorJson } from "@/lib/documents/content";
import { yjsStateFromJson } from "@/lib/documents/content";
import { createDocument } from "@/lib/documents/create-document";
import type { Actor } from "@/lib/policy";
import { createTestActor } from "@/lib/testing/actors";
import { createPostgresTestDatabase, createSqliteTestDatabase, isPostgresAvailable, type TestDatabase } from "@/lib/testing/database";
import { canonicalContentFromJson, canonicalJson, digestOfContent } from "@/lib/versions/canonical-content";
import { createVersion } from "@/lib/versions/create-version";
import { getVersion } from "@/lib/versions/find-versions";
import { getLiveText } from "@/lib/versions/get-live-text";

// A small text exercising attributes, marks, lists, a hard break and non-ASCII characters.
const SAMPLE: ProseMirrorJson = {
  type: "doc",
  content: [
    { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Article 3 — Mutual recognition" }] },
    {
      type: "paragraph",
      content: [
        { type: "text", text: "Kosovo* and Crna Gora " },
        { type: "text", marks: [{ type: "italic" }, { type: "bold" }], text: "shall" },
        { type: "hardBreak" },
        { type: "text", text: "recognise “qualified” services; Ђорђе, Šćepan." },
      ],
    },
    { type: "orderedList", attrs: { start: 1 }, content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "First item" }] }] }] },
  ],
};

/**
 * The digest of SAMPLE, pinned: if this changes, every stored version would fail verification or
 * two installations would disagree, so a change to the canonical form must be deliberate.
 * (Changed once, deliberately, when headings gained `article` and paragraphs `numbered`: the
 * canonical form writes every attribute with its default. Stored versions still verify, because
 * verification does not re-apply the schema.)
 */
const SAMPLE_DIGEST = "4d7680132d5bbef9a9687767582631c987c434ee587452d43a3ebad154b9b79f";

describe("canonical content", () => {
  it("sorts keys at every level and writes no whitespace", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: null, y: "é" }], c: true } })).toBe('{"a":{"c":true,"d":[3,{"y":"é","z":null}]},"b":1}');
  });

  it("normalises what the schema makes equivalent: key order, defaults, unknown attributes, split text, mark order", () => {
    const tidy = canonicalContentFromJson(SAMPLE);
    const messy: ProseMirrorJson = JSON.parse(JSON.stringify(SAMPLE));
    messy.content![0].attrs = { level: 2, colour: "red" };
    const paragraph = messy.content![1];
    paragraph.content!.splice(0, 1, { text: "Kosovo* and ", type: "text" }, { type: "text", text: "Crna Gora " });
    paragraph.content![2].marks = [{ type: "bold" }, { type: "italic" }];
    messy.content![2].attrs = {};
    expect(canonicalContentFromJson(messy)).toBe(tidy);
    expect(digestOfContent(canonicalContentFromJson(messy))).toBe(digestOfContent(tidy));
  });

  it("has a pinned digest for a fixed text", () => {
    expect(digestOfContent(canonicalContentFromJson(SAMPLE))).toBe(SAMPLE_DIGEST);
  });

  it("ignores comment anchors: commenting on a passage does not change the digest", () => {
    const commented: ProseMirrorJson = JSON.parse(JSON.stringify(SAMPLE));
    const paragraph = commented.content![1].content!;
    paragraph[0] = { type: "text", text: "Kosovo* and Crna Gora ", marks: [{ type: "comment", attrs: { threadId: "t1" } }] };
    paragraph[1].marks!.push({ type: "comment", attrs: { threadId: "t2" } });
    expect(digestOfContent(canonicalContentFromJson(commented))).toBe(SAMPLE_DIGEST);
  });

  it("changes the digest when any single character changes", () => {
    const paragraphText = "recognise “qualified” services; Ђорђе, Šćepan.";
    const original = digestOfContent(canonicalContentFromJson(SAMPLE));
    const seen = new Set([original]);
    for (let index = 0; index < paragraphText.length; index++) {
      const changed: ProseMirrorJson = JSON.parse(JSON.stringify(SAMPLE));
      const replacement = paragraphText[index] === "x" ? "y" : "x";
      changed.content![1].content![3].text = paragraphText.slice(0, index) + replacement + paragraphText.slice(index + 1);
      seen.add(digestOfContent(canonicalContentFromJson(changed)));
    }
    // One new digest per changed character, none equal to the original.
    expect(seen.size).toBe(paragraphText.length + 1);

    const spaced: ProseMirrorJson = JSON.parse(JSON.stringify(SAMPLE));
    spaced.content![2].content![0].content![0].content![0].text = "First  item";
    expect(digestOfContent(canonicalContentFromJson(spaced))).not.toBe(original);
    const relevelled: ProseMirrorJson = JSON.parse(JSON.stringify(SAMPLE));
    relevelled.content![0].attrs = { level: 3 };
    expect(digestOfContent(canonicalContentFromJson(relevelled))).not.toBe(original);
    const unbolded: ProseMirrorJson = JSON.parse(JSON.stringify(SAMPLE));
    unbolded.content![1].content![1].marks = [{ type: "italic" }];
    expect(digestOfContent(canonicalContentFromJson(unbolded))).not.toBe(original);
  });
});

/** Saves SAMPLE as a version in the given database, then reads it back through a fresh client. */
async function saveAndReload(testDatabase: TestDatabase) {
  const secretariat: Actor = await createTestActor(testDatabase.database, { role: "SECRETARIAT", organisationCode: "RCC" });
  const { id: documentId } = await createDocument({ actor: secretariat, title: "Digest sample" });
  await testDatabase.database.document.update({ where: { id: documentId }, data: { yjsState: Buffer.from(yjsStateFromJson(SAMPLE)) } });
  const saved = await createVersion({ actor: secretariat, documentId, name: "Draft 1" });

  const reloaded = createDatabase(testDatabase.url);
  installDatabase(reloaded);
  try {
    const { version } = await getVersion({ actor: secretariat, documentId, versionId: saved.id });
    const live = await getLiveText({ actor: secretariat, documentId });
    const again = await createVersion({ actor: secretariat, documentId, name: "Draft 1 again" });
    return { saved, version, live, again };
  } finally {
    installDatabase(testDatabase.database);
    await reloaded.$disconnect();
  }
}

// With CI=true a missing PostgreSQL throws here and fails the file instead of skipping.
const hasPostgres = await isPostgresAvailable();

describe("version digests in the database", () => {
  let sqlite: TestDatabase;
  let postgres: TestDatabase | undefined;

  beforeAll(async () => {
    sqlite = await createSqliteTestDatabase();
  });
  afterAll(async () => {
    await sqlite?.drop();
    await postgres?.drop();
  });

  it("is stable across reloads on SQLite", async () => {
    installDatabase(sqlite.database);
    const { saved, version, live, again } = await saveAndReload(sqlite);
    expect(saved.digest).toBe(SAMPLE_DIGEST);
    expect(digestOfContent(version.content)).toBe(saved.digest);
    expect(version.content).toBe(canonicalContentFromJson(SAMPLE));
    expect(live.digest).toBe(saved.digest);
    expect(again.digest).toBe(saved.digest);
  });

  it.skipIf(!hasPostgres)("is the same on PostgreSQL as on SQLite", async () => {
    postgres = await createPostgresTestDatabase();
    const { saved, version, live, again } = await saveAndReload(postgres);
    expect(saved.digest).toBe(SAMPLE_DIGEST);
    expect(digestOfContent(version.content)).toBe(SAMPLE_DIGEST);
    expect(version.content).toBe(canonicalContentFromJson(SAMPLE));
    expect(live.digest).toBe(SAMPLE_DIGEST);
    expect(again.digest).toBe(SAMPLE_DIGEST);
    installDatabase(sqlite.database);
  });
});
