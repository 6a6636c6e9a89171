import { DateTime } from "luxon";
import type { Transaction } from "@/lib/db";
import { appendAuditEvent } from "@/lib/audit/record";
import { yjsStateFromJson } from "@/lib/documents/content";
import { describeMeetingTime } from "@/lib/meetings/describe-time";
import { minutesFromAgenda } from "@/lib/meetings/minutes-content";
import { getOrganisation } from "@/lib/organisations/catalogue";

const belgrade = (iso: string) => DateTime.fromISO(iso, { zone: "Europe/Belgrade" }).toJSDate();
const day = (isoDate: string) => new Date(`${isoDate}T00:00:00.000Z`);

type AgendaSeed = { title: string; minutes?: number; presenter?: string; isPerson?: boolean; isMemorandum?: boolean; notes: string[] };
type ActionSeed = { text: string; owner: string; isPerson?: boolean; due: string; doneOn?: string };
type MeetingSeed = {
  title: string;
  startsAt: Date;
  endsAt: Date;
  format: "IN_PERSON" | "ONLINE";
  venue?: string;
  onlineUrl?: string;
  agenda: AgendaSeed[];
  attendance: Record<string, { status: "ATTENDED" | "APOLOGIES" | "ABSENT"; participants?: string }>;
  decisions: string[];
  actions: ActionSeed[];
};

const PARTICIPANTS: Record<string, string> = {
  AL: "Elira Hoxha",
  BA: "Amir Hadžić",
  XK: "Blerta Krasniqi",
  ME: "Marko Vuković",
  MK: "Elena Stojanovska",
  RS: "Nikola Petrović",
  EC: "Claire Dubois",
  CEFTA: "Jonas Weber",
  RESPA: "Maria Rossi",
};
const attended = (codes: string[]) => Object.fromEntries(codes.map((code) => [code, { status: "ATTENDED" as const, participants: PARTICIPANTS[code] }]));

/**
 * What is known of the group's first two meetings: Albania proposed the MoU, the group discussed
 * it in February (in Sarajevo) and May 2020 (online, during the pandemic), and consultations in
 * the economies continue. Agendas, attendance, minutes, decisions and action items follow that.
 */
const MEETINGS: MeetingSeed[] = [
  {
    title: "1st meeting of the Working Group on interoperability and trust services",
    startsAt: belgrade("2020-02-20T10:00"),
    endsAt: belgrade("2020-02-20T16:00"),
    format: "IN_PERSON",
    venue: "Regional Cooperation Council, Sarajevo",
    agenda: [
      { title: "Opening and adoption of the agenda", minutes: 15, presenter: "RCC", notes: ["The RCC secretariat opened the meeting and the agenda was adopted without changes."] },
      {
        title: "Tour de table: interoperability and trust services in the economies",
        minutes: 90,
        notes: ["Each delegation presented its legal framework for electronic identification and trust services and its plans to align with eIDAS."],
      },
      {
        title: "Presentation of the draft Memorandum of Understanding",
        minutes: 60,
        presenter: "AL",
        isMemorandum: true,
        notes: [
          "Albania presented its draft Memorandum of Understanding on regional interoperability and trust services: mutual recognition of qualified trust services, alignment with the European Interoperability Framework, and the governance of the Working Group.",
        ],
      },
      {
        title: "Discussion of the draft MoU",
        minutes: 90,
        isMemorandum: true,
        notes: [
          "Delegations welcomed the initiative. Several economies said they need national consultations before taking a position on the text; the secretariat invited written comments.",
        ],
      },
      { title: "The EU perspective: eIDAS and the European Interoperability Framework", minutes: 30, presenter: "EC", notes: ["The European Commission outlined the revision of eIDAS and the support available to the region."] },
      { title: "Next steps and any other business", minutes: 15, presenter: "RCC", notes: ["The next meeting is planned for May 2020."] },
    ],
    attendance: { ...attended(["AL", "BA", "XK", "ME", "MK", "RS", "EC", "RESPA"]), CEFTA: { status: "APOLOGIES" } },
    decisions: [
      "The Working Group took note of the draft Memorandum of Understanding proposed by Albania and agreed to use it as the basis for its discussions.",
      "Economies send written comments on the draft MoU to the RCC secretariat, which circulates a consolidated version before the next meeting.",
    ],
    actions: [
      { text: "Nominate a contact point for trust services to the RCC secretariat", owner: "XK", due: "2020-03-20", doneOn: "2020-03-12" },
      { text: "Send written comments on the draft MoU to the RCC secretariat", owner: "BA", due: "2020-04-15", doneOn: "2020-04-09" },
      { text: "Circulate a consolidated draft MoU with the comments received", owner: "RCC", isPerson: true, due: "2020-05-14", doneOn: "2020-05-11" },
    ],
  },
  {
    title: "2nd meeting of the Working Group on interoperability and trust services",
    startsAt: belgrade("2020-05-28T10:00"),
    endsAt: belgrade("2020-05-28T12:30"),
    format: "ONLINE",
    onlineUrl: "https://meet.example.org/rcc-wg-interoperability",
    agenda: [
      { title: "Opening and adoption of the agenda", minutes: 10, presenter: "RCC", notes: ["The meeting was held online. The agenda was adopted."] },
      {
        title: "Consolidated draft MoU: comments received",
        minutes: 60,
        presenter: "AL",
        isPerson: true,
        isMemorandum: true,
        notes: ["Albania walked through the consolidated draft and the comments received from the economies, article by article."],
      },
      {
        title: "Consultations in the economies: state of play",
        minutes: 45,
        notes: ["Delegations reported on their national consultations on the draft MoU. The consultations continue; the Working Group will return to the text once they are completed."],
      },
      { title: "Trusted lists and mutual recognition of qualified trust services", minutes: 20, presenter: "EC", notes: ["The European Commission presented the format of EU trusted lists (ETSI TS 119 612)."] },
      { title: "Next steps", minutes: 15, presenter: "RCC", notes: ["The Working Group continues to meet online until in-person meetings can resume."] },
    ],
    attendance: { ...attended(["AL", "BA", "XK", "ME", "MK", "RS", "EC", "CEFTA"]), RESPA: { status: "APOLOGIES" } },
    decisions: [
      "The Working Group discussed the draft MoU proposed by Albania, as consolidated with the comments received; consultations within the economies continue.",
      "The Working Group continues to meet online until in-person meetings can resume.",
    ],
    actions: [
      { text: "Publish the national trusted list in machine-readable form (ETSI TS 119 612)", owner: "MK", due: "2020-07-31", doneOn: "2020-07-20" },
      { text: "Complete national consultations on the draft MoU and inform the RCC secretariat of the outcome", owner: "ME", due: "2020-09-30" },
    ],
  },
];

/** The two seeded meetings with agendas, attendance, approved minutes, decisions and action items. */
export async function seedMeetings(transaction: Transaction, { workingGroupId, memorandumId, users }: {
  workingGroupId: string;
  memorandumId: string;
  /** Demo user id per organisation code. */
  users: Map<string, string>;
}): Promise<void> {
  const secretariatId = users.get("RCC")!;
  const presenterName = (item: AgendaSeed) => (item.presenter ? (item.isPerson ? PARTICIPANTS[item.presenter] : getOrganisation(item.presenter).name) : null);

  for (const seed of MEETINGS) {
    const approvedAt = new Date(seed.endsAt.getTime() + 14 * 86_400_000);
    const minutes = await transaction.document.create({
      data: {
        workingGroupId,
        kind: "MINUTES",
        title: `Minutes: ${seed.title}`,
        yjsState: Buffer.from(
          yjsStateFromJson(
            minutesFromAgenda({
              title: seed.title,
              heldAt: [describeMeetingTime({ ...seed, timeZone: "Europe/Belgrade" }), seed.venue ?? "Online"].join(", "),
              agenda: seed.agenda.map((item) => ({ title: item.title, presenter: presenterName(item), notes: item.notes })),
            }),
          ),
        ),
        createdById: secretariatId,
        createdAt: seed.endsAt,
        lastEditedAt: approvedAt,
        lastEditedById: secretariatId,
      },
    });
    const meeting = await transaction.meeting.create({
      data: {
        workingGroupId,
        title: seed.title,
        startsAt: seed.startsAt,
        endsAt: seed.endsAt,
        format: seed.format,
        venue: seed.venue,
        onlineUrl: seed.onlineUrl,
        createdById: secretariatId,
        createdAt: new Date(seed.startsAt.getTime() - 30 * 86_400_000),
        minutesDocumentId: minutes.id,
        minutesStatus: "APPROVED",
        minutesApprovedById: secretariatId,
        minutesApprovedAt: approvedAt,
        documents: { create: { documentId: memorandumId } },
        agendaItems: {
          create: seed.agenda.map((item, index) => ({
            position: index + 1,
            title: item.title,
            durationMinutes: item.minutes,
            presenterOrganisationCode: item.presenter && !item.isPerson ? item.presenter : null,
            presenterUserId: item.presenter && item.isPerson ? users.get(item.presenter) : null,
            documentId: item.isMemorandum ? memorandumId : null,
          })),
        },
        attendances: {
          create: Object.entries(seed.attendance).map(([organisationCode, row]) => ({
            organisationCode,
            status: row.status,
            participants: row.participants ?? null,
            updatedById: secretariatId,
          })),
        },
        decisions: { create: seed.decisions.map((text, index) => ({ position: index + 1, text, createdAt: seed.endsAt })) },
        actionItems: {
          create: seed.actions.map((action) => ({
            text: action.text,
            ownerOrganisationCode: action.isPerson ? null : action.owner,
            ownerUserId: action.isPerson ? users.get(action.owner) : null,
            dueDate: day(action.due),
            status: action.doneOn ? ("DONE" as const) : ("OPEN" as const),
            doneAt: action.doneOn ? day(action.doneOn) : null,
            doneById: action.doneOn ? users.get(action.owner) : null,
            createdAt: seed.endsAt,
          })),
        },
      },
    });
    await appendAuditEvent(transaction, {
      actorId: secretariatId,
      organisationCode: "RCC",
      // Recorded now, from earlier records: the history says so rather than pretend it was scheduled today.
      action: "meeting.imported",
      targetType: "meeting",
      targetId: meeting.id,
      data: { title: meeting.title },
    });
  }
}
