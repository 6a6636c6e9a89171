import { getOrganisation, KOSOVO_FOOTNOTE } from "@/lib/organisations/catalogue";
import type { ProgressReport } from "@/lib/progress/find-progress";

/** One figure of the progress report: long ("tidy") form, so a spreadsheet can pivot it any way. */
export type ProgressFigure = { section: string; economyCode: string; measure: string; value: string | number };

export const CSV_COLUMNS = ["section", "economy_code", "economy", "measure", "value"] as const;

const OTHER_OWNERS = "OTHER";

/** The figures the progress page shows, in the order it shows them. */
export function progressFigures(report: ProgressReport): ProgressFigure[] {
  const figures: ProgressFigure[] = [];
  const add = (section: string, economyCode: string, measure: string, value: string | number | null | undefined) =>
    figures.push({ section, economyCode, measure, value: value ?? "" });

  add("report", "", "generated_at", report.generatedAt.toISOString());
  const memorandum = report.memorandum;
  if (memorandum) {
    add("memorandum", "", "title", memorandum.title);
    add("memorandum", "", "current_version", memorandum.currentVersion?.number);
    add("memorandum", "", "current_version_name", memorandum.currentVersion?.name);
    add("memorandum", "", "current_version_digest", memorandum.currentVersion?.digest);
    add("memorandum", "", "versions_saved", memorandum.versionCount);
    add("memorandum", "", "last_edited_at", memorandum.lastEditedAt?.toISOString());
  }

  const round = report.latestRound;
  if (round) {
    add("sign_off", "", "round", round.number);
    add("sign_off", "", "round_status", round.status);
    add("sign_off", "", "version", round.version.number);
    add("sign_off", "", "version_digest", round.version.digest);
    for (const { organisationCode, signOff } of round.positions) {
      add("sign_off", organisationCode, "position", signOff?.position ?? "NONE");
      add("sign_off", organisationCode, "recorded_by", signOff?.recordedBy.name);
      add("sign_off", organisationCode, "recorded_at", signOff?.recordedAt.toISOString());
      add("sign_off", organisationCode, "reservation", signOff?.reservation);
      add("sign_off", organisationCode, "signed_digest", signOff?.versionDigest);
    }
  }

  for (const row of report.threads.byEconomy) {
    add("comment_threads", row.organisationCode, "open", row.open);
    add("comment_threads", row.organisationCode, "answered", row.answered);
    add("comment_threads", row.organisationCode, "resolved", row.resolved);
  }
  add("comment_threads", "ALL", "open", report.threads.totals.open);
  add("comment_threads", "ALL", "answered", report.threads.totals.answered);
  add("comment_threads", "ALL", "resolved", report.threads.totals.resolved);

  for (const row of report.actionItems.byOwner) {
    add("action_items", row.organisationCode ?? OTHER_OWNERS, "open", row.open);
    add("action_items", row.organisationCode ?? OTHER_OWNERS, "overdue", row.overdue);
  }
  add("action_items", "ALL", "open", report.actionItems.totals.open);
  add("action_items", "ALL", "overdue", report.actionItems.totals.overdue);

  if (report.nextMeeting) {
    add("meetings", "", "next_meeting", report.nextMeeting.title);
    add("meetings", "", "next_meeting_starts_at", report.nextMeeting.startsAt.toISOString());
  }
  if (report.lastMeeting) {
    add("meetings", "", "last_meeting", report.lastMeeting.title);
    add("meetings", "", "last_meeting_decisions", report.lastMeeting.decisions.length);
  }
  add("note", "XK", "footnote", KOSOVO_FOOTNOTE);
  return figures;
}

function economyName(code: string): string {
  if (code === "" || code === "ALL") return code === "ALL" ? "All economies" : "";
  if (code === OTHER_OWNERS) return "Secretariat, observers and unassigned";
  return getOrganisation(code).name;
}

/**
 * RFC 4180 quoting, and a leading apostrophe for text a spreadsheet would run as a formula
 * (titles and reservations are typed by people; CSV injection is an old trick).
 */
function cell(value: string | number): string {
  if (typeof value === "number") return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The progress figures as CSV (UTF-8 with a byte-order mark, so spreadsheets read "Kovačević" correctly). */
export function progressCsv(report: ProgressReport): string {
  const lines = [
    CSV_COLUMNS.join(","),
    ...progressFigures(report).map((figure) =>
      [figure.section, figure.economyCode, economyName(figure.economyCode), figure.measure, figure.value].map(cell).join(","),
    ),
  ];
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/**
 * The same figures as one wide table per section, for reading in Excel: a title line, a header
 * line and one row per economy (or a single row for figures of the group as a whole), sections
 * separated by an empty line. Pivoted from `progressFigures`, so both files always agree.
 */
export function progressWideCsv(report: ProgressReport): string {
  const groups = new Map<string, ProgressFigure[]>();
  for (const figure of progressFigures(report)) {
    const key = `${figure.section}${figure.economyCode === "" ? "" : ":by_economy"}`;
    groups.set(key, [...(groups.get(key) ?? []), figure]);
  }
  const blocks = [...groups].map(([key, figures]) => {
    const measures = [...new Set(figures.map((figure) => figure.measure))];
    const isByEconomy = key.endsWith(":by_economy");
    const rowKeys = isByEconomy ? [...new Set(figures.map((figure) => figure.economyCode))] : [""];
    const valueOf = (economyCode: string, measure: string) =>
      figures.find((figure) => figure.economyCode === economyCode && figure.measure === measure)?.value ?? "";
    const title = `${SECTION_TITLE[figures[0].section] ?? figures[0].section}${isByEconomy && figures[0].section !== "note" ? " by economy" : ""}`;
    const header = [...(isByEconomy ? ["Economy code", "Economy"] : []), ...measures.map(readable)];
    const rows = rowKeys.map((economyCode) => [
      ...(isByEconomy ? [economyCode, economyName(economyCode)] : []),
      ...measures.map((measure) => valueOf(economyCode, measure)),
    ]);
    return [[title], header, ...rows].map((row) => row.map(cell).join(",")).join("\r\n");
  });
  return `\uFEFF${blocks.join("\r\n\r\n")}\r\n`;
}

const SECTION_TITLE: Record<string, string> = {
  report: "Report",
  memorandum: "Memorandum of Understanding",
  sign_off: "Latest sign-off round",
  comment_threads: "Comment threads",
  action_items: "Open action items",
  meetings: "Meetings",
  note: "Note",
};

/** "next_meeting_starts_at" → "Next meeting starts at". */
function readable(measure: string): string {
  const words = measure.replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function progressCsvFilename(report: ProgressReport, layout: "long" | "wide" = "long"): string {
  return `accord-progress-${report.today}${layout === "wide" ? "-by-section" : ""}.csv`;
}
