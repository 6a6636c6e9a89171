import { signOffRoundSelect } from "@/lib/signoff/find-matrix";
import { db } from "@/lib/db";
import { ECONOMY_CODES, isEconomy } from "@/lib/organisations/catalogue";
import { isoDateOf, todayIsoDate } from "@/lib/meetings/time";
import { authorize, type Actor } from "@/lib/policy";
import type { SignOffPosition } from "@/lib/signoff/positions";
import { countSuggestionsByEconomy } from "@/lib/suggestions/count-suggestions";
import { describeActivity, type ActivityEntry } from "@/lib/progress/describe-activity";
import { countThreadsByEconomy, type ThreadCounts, type ThreadGroup } from "@/lib/progress/find-thread-counts";

const RECENT_ACTIVITY = 5;
const OVERDUE_LISTED = 8;

/** `organisationCode` null gathers items owned by the secretariat, observers or nobody. */
export type ActionItemCounts = { organisationCode: string | null; open: number; overdue: number };

export type EconomyPosition = {
  organisationCode: string;
  position: SignOffPosition;
  reservation: string | null;
  reason: string | null;
  onBehalfReason: string | null;
  versionDigest: string;
  recordedAt: Date;
  recordedBy: { name: string; organisationCode: string };
};

export type LatestRound = {
  id: string;
  /** 1 for the MoU's first round. */
  number: number;
  status: "OPEN" | "CLOSED";
  openedAt: Date;
  openedByName: string;
  closedAt: Date | null;
  version: { id: string; number: number; name: string; digest: string };
  /** One row per economy, in the catalogue's order; null where no position is recorded. */
  positions: { organisationCode: string; signOff: EconomyPosition | null }[];
  tally: Record<SignOffPosition | "NONE", number>;
};

export type MilestoneKind = "meeting" | "upcomingMeeting" | "version" | "roundOpened" | "roundClosed" | "minutesApproved" | "approvedByAll";
export type Milestone = { key: string; at: Date; kind: MilestoneKind; label: string; href: string };

export type ProgressReport = Awaited<ReturnType<typeof findProgress>>;

/** Overdue means the due date has passed in the group's zone, as on the action items page. */
function isOverdue(dueDate: Date | null, today: string): boolean {
  return dueDate !== null && isoDateOf(dueDate) < today;
}

/**
 * Everything the progress page, its printable brief and its CSV export show, loaded in one round
 * of a fixed number of indexed queries, whatever the size of the group's history. "The MoU" is the
 * working group's first Memorandum, as on the home page.
 */
export async function findProgress({ actor, now = new Date() }: { actor: Actor; now?: Date }) {
  authorize(actor, "workspace.read", null);
  const database = db();
  const today = todayIsoDate(now);

  const [memorandum, threadGroups, meetings, lastMeeting, openActionItems, recentEvents] = await Promise.all([
    database.document.findFirst({
      where: { kind: "MOU" },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        title: true,
        createdAt: true,
        lastEditedAt: true,
        lastEditedBy: { select: { name: true, organisationCode: true } },
        // Checkpoints are working saves; the group's versions are the ones the secretariat names.
        versions: {
          where: { isCheckpoint: false },
          orderBy: { number: "asc" },
          select: { id: true, number: true, name: true, digest: true, createdAt: true, createdBy: { select: { name: true } } },
        },
        rounds: { orderBy: { openedAt: "asc" }, select: signOffRoundSelect },
      },
    }),
    // Grouped per document so the MoU's counts can be picked without waiting for its id.
    database.commentThread.groupBy({
      by: ["documentId", "organisationCode", "status"],
      where: { document: { kind: "MOU" } },
      _count: { _all: true },
    }),
    database.meeting.findMany({
      orderBy: { startsAt: "asc" },
      select: {
        id: true,
        title: true,
        startsAt: true,
        endsAt: true,
        format: true,
        venue: true,
        status: true,
        minutesStatus: true,
        minutesApprovedAt: true,
      },
    }),
    database.meeting.findFirst({
      where: { status: "SCHEDULED", endsAt: { lt: now } },
      orderBy: { startsAt: "desc" },
      select: {
        id: true,
        title: true,
        startsAt: true,
        minutesStatus: true,
        decisions: { orderBy: { position: "asc" }, select: { id: true, text: true } },
      },
    }),
    database.actionItem.findMany({
      where: { status: "OPEN" },
      orderBy: [{ dueDate: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }],
      select: {
        id: true,
        text: true,
        dueDate: true,
        ownerOrganisationCode: true,
        ownerUser: { select: { name: true, organisationCode: true } },
        meeting: { select: { id: true, title: true } },
      },
    }),
    database.auditEvent.findMany({
      orderBy: { id: "desc" },
      take: RECENT_ACTIVITY,
      select: { id: true, at: true, action: true, targetType: true, targetId: true, data: true, organisationCode: true, actor: { select: { name: true } } },
    }),
  ]);

  const threads = threadCountsOf(memorandum ? threadGroups.filter((group) => group.documentId === memorandum.id) : []);
  // Open suggestions live only in the shared text, so this reads the MoU's stored state.
  const suggestions = memorandum ? await countSuggestionsByEconomy(memorandum.id) : null;
  const actionItems = actionItemCountsOf(openActionItems, today);
  const rounds = memorandum?.rounds ?? [];
  const latest = rounds.at(-1);
  const upcoming = meetings.filter((meeting) => meeting.status === "SCHEDULED" && meeting.endsAt >= now);

  return {
    generatedAt: now,
    today,
    memorandum: memorandum && {
      id: memorandum.id,
      title: memorandum.title,
      createdAt: memorandum.createdAt,
      lastEditedAt: memorandum.lastEditedAt,
      lastEditedBy: memorandum.lastEditedBy,
      currentVersion: memorandum.versions.at(-1) ?? null,
      versionCount: memorandum.versions.length,
      roundCount: rounds.length,
    },
    latestRound: latest ? latestRoundOf(latest, rounds.length) : null,
    threads,
    suggestions,
    actionItems,
    nextMeeting: upcoming[0] ? { ...upcoming[0], isUnderWay: upcoming[0].startsAt <= now } : null,
    lastMeeting,
    milestones: milestonesOf({ memorandum, meetings, now }),
    // The MoU and every meeting are already loaded: enough to name what recent entries point at.
    recentActivity: recentEvents.map((event) =>
      describeActivity(event, {
        documents: new Map(memorandum ? [[memorandum.id, memorandum.title]] : []),
        meetings: new Map(meetings.map((meeting) => [meeting.id, meeting.title])),
        users: new Map(),
        threads: new Map(),
      }),
    ) satisfies ActivityEntry[],
  };
}

/** Thread counts with a total per economy, as the page's chart and table show them. */
export type EconomyThreadCounts = ThreadCounts & { total: number };

function threadCountsOf(groups: ThreadGroup[]) {
  const byEconomy: EconomyThreadCounts[] = countThreadsByEconomy(groups).map((row) => ({ ...row, total: row.open + row.answered + row.resolved }));
  const sum = (key: "open" | "answered" | "resolved" | "total") => byEconomy.reduce((total, row) => total + row[key], 0);
  return { byEconomy, totals: { open: sum("open"), answered: sum("answered"), resolved: sum("resolved"), total: sum("total") } };
}

type OpenActionItem = {
  id: string;
  text: string;
  dueDate: Date | null;
  ownerOrganisationCode: string | null;
  ownerUser: { name: string; organisationCode: string } | null;
  meeting: { id: string; title: string };
};

function actionItemCountsOf(items: OpenActionItem[], today: string) {
  // An item owned by a person counts for that person's economy, as on the action items page.
  const ownerOf = (item: OpenActionItem) => item.ownerOrganisationCode ?? item.ownerUser?.organisationCode ?? null;
  const rowFor = (organisationCode: string | null): ActionItemCounts => {
    const owned = items.filter((item) => {
      const owner = ownerOf(item);
      return organisationCode === null ? owner === null || !isEconomy(owner) : owner === organisationCode;
    });
    return { organisationCode, open: owned.length, overdue: owned.filter((item) => isOverdue(item.dueDate, today)).length };
  };
  const byOwner = [...ECONOMY_CODES.map(rowFor), rowFor(null)];
  const overdueItems = items.filter((item) => isOverdue(item.dueDate, today));
  return {
    byOwner,
    totals: { open: items.length, overdue: overdueItems.length },
    overdue: overdueItems.slice(0, OVERDUE_LISTED).map((item) => ({ ...item, owner: ownerOf(item) })),
  };
}

type RoundRow = {
  id: string;
  status: "OPEN" | "CLOSED";
  openedAt: Date;
  closedAt: Date | null;
  openedBy: { name: string };
  version: { id: string; number: number; name: string; digest: string };
  signOffs: EconomyPosition[];
};

function latestRoundOf(round: RoundRow, number: number): LatestRound {
  const positions = ECONOMY_CODES.map((organisationCode) => ({
    organisationCode,
    signOff: round.signOffs.find((signOff) => signOff.organisationCode === organisationCode) ?? null,
  }));
  const tally: LatestRound["tally"] = { APPROVE: 0, APPROVE_AD_REFERENDUM: 0, APPROVE_WITH_RESERVATION: 0, NOT_READY: 0, NONE: 0 };
  for (const { signOff } of positions) tally[signOff?.position ?? "NONE"] += 1;
  return {
    id: round.id,
    number,
    status: round.status,
    openedAt: round.openedAt,
    openedByName: round.openedBy.name,
    closedAt: round.closedAt,
    version: round.version,
    positions,
    tally,
  };
}

type MemorandumRow = {
  id: string;
  versions: { id: string; number: number; name: string; createdAt: Date }[];
  rounds: RoundRow[];
} | null;
type MeetingRow = { id: string; title: string; startsAt: Date; status: "SCHEDULED" | "CANCELLED"; minutesApprovedAt: Date | null };

/** Meetings, saved versions, rounds and approvals, oldest first. Cancelled meetings are not milestones. */
function milestonesOf({ memorandum, meetings, now }: { memorandum: MemorandumRow; meetings: MeetingRow[]; now: Date }): Milestone[] {
  const milestones: Milestone[] = [];
  for (const meeting of meetings) {
    if (meeting.status === "CANCELLED") continue;
    const isUpcoming = meeting.startsAt > now;
    milestones.push({ key: `meeting-${meeting.id}`, at: meeting.startsAt, kind: isUpcoming ? "upcomingMeeting" : "meeting", label: meeting.title, href: `/meetings/${meeting.id}` });
    if (meeting.minutesApprovedAt) {
      milestones.push({ key: `minutes-${meeting.id}`, at: meeting.minutesApprovedAt, kind: "minutesApproved", label: `Minutes approved: ${meeting.title}`, href: `/meetings/${meeting.id}` });
    }
  }
  if (memorandum) {
    const base = `/documents/${memorandum.id}`;
    for (const version of memorandum.versions) {
      milestones.push({ key: `version-${version.id}`, at: version.createdAt, kind: "version", label: `Version ${version.number} saved: “${version.name}”`, href: `${base}/versions/${version.id}` });
    }
    memorandum.rounds.forEach((round, index) => {
      const name = `Sign-off round ${index + 1} on v${round.version.number}`;
      milestones.push({ key: `round-${round.id}`, at: round.openedAt, kind: "roundOpened", label: `${name} opened`, href: `${base}/sign-off` });
      const approvals = round.signOffs.filter((signOff) => signOff.position !== "NOT_READY");
      if (approvals.length === ECONOMY_CODES.length) {
        const at = new Date(Math.max(...approvals.map((signOff) => signOff.recordedAt.getTime())));
        milestones.push({ key: `approved-${round.id}`, at, kind: "approvedByAll", label: `All six economies approved v${round.version.number}`, href: `${base}/sign-off` });
      }
      if (round.closedAt) {
        milestones.push({ key: `closed-${round.id}`, at: round.closedAt, kind: "roundClosed", label: `${name} closed`, href: `${base}/sign-off` });
      }
    });
  }
  return milestones.sort((a, b) => a.at.getTime() - b.at.getTime());
}
