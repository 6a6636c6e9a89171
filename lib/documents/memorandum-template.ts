import type { ProseMirrorJson } from "@/lib/documents/content";

const text = (value: string): ProseMirrorJson => ({ type: "text", text: value });
const paragraph = (value: string): ProseMirrorJson => ({ type: "paragraph", content: [text(value)] });
const heading = (level: 1 | 2 | 3, value: string): ProseMirrorJson => ({ type: "heading", attrs: { level }, content: [text(value)] });
const orderedList = (items: string[]): ProseMirrorJson => ({
  type: "orderedList",
  attrs: { start: 1 },
  content: items.map((item) => ({ type: "listItem", content: [paragraph(item)] })),
});
// Article headings carry `article: true` and are numbered by the stylesheet ("Article 1 — Purpose"),
// like the paragraphs of an article that has more than one; the Preamble stays unnumbered.
const article = (title: string, ...body: ProseMirrorJson[]): ProseMirrorJson[] => {
  const paragraphs = body.filter((block) => block.type === "paragraph").length;
  return [
    { type: "heading", attrs: { level: 2, article: true }, content: [text(title)] },
    ...body.map((block) => (block.type === "paragraph" && paragraphs > 1 ? { ...block, attrs: { numbered: true } } : block)),
  ];
};

/** The MoU as first proposed by Albania, before the group's first meeting. */
export function memorandumDraft(): ProseMirrorJson {
  return {
    type: "doc",
    content: [
      heading(1, "Memorandum of Understanding on Regional Interoperability and Trust Services in the Western Balkans"),
      paragraph("Draft proposed by Albania for discussion in the RCC Working Group on interoperability and trust services."),
      heading(2, "Preamble"),
      paragraph(
        "The Participants, Albania, Bosnia and Herzegovina, Kosovo*, Montenegro, North Macedonia and Serbia (hereinafter \"the Participants\"),",
      ),
      paragraph(
        "Recognising the commitment of the Western Balkan leaders to the Regional Economic Area and to the Digital Agenda for the Western Balkans,",
      ),
      paragraph(
        "Acknowledging that the cross-border use of electronic identification and trust services is essential for citizens and businesses in the region and for the Participants' integration into the European Union's Digital Single Market,",
      ),
      paragraph(
        "Taking into account Regulation (EU) No 910/2014 on electronic identification and trust services for electronic transactions in the internal market (eIDAS) and the European Interoperability Framework,",
      ),
      paragraph("Have reached the following understanding:"),
      ...article(
        "Purpose",
        paragraph(
          "This Memorandum establishes a framework for cooperation among the Participants to achieve interoperability of their public electronic services and the mutual recognition of qualified trust services provided in their territories.",
        ),
      ),
      ...article(
        "Definitions",
        paragraph("For the purposes of this Memorandum:"),
        orderedList([
          "\"Trust service\" means an electronic service for the creation, verification and validation of electronic signatures, electronic seals, electronic time stamps, electronic registered delivery services and certificates related to those services, or website authentication certificates.",
          "\"Qualified trust service\" means a trust service that meets the applicable requirements laid down in the Participants' legislation aligned with Regulation (EU) No 910/2014.",
          "\"Interoperability\" means the ability of organisations to interact towards mutually beneficial goals, involving the sharing of information and knowledge between these organisations through the business processes they support, by means of the exchange of data between their ICT systems.",
          "\"Trusted list\" means the list published by each Participant's supervisory body of the qualified trust service providers it supervises and the qualified trust services they provide.",
        ]),
      ),
      ...article(
        "Mutual recognition of trust services",
        paragraph(
          "Each Participant shall recognise qualified trust services provided by a qualified trust service provider established in the territory of another Participant as legally equivalent to qualified trust services provided by qualified trust service providers established in its own territory, provided that the provider is included in the trusted list of that Participant.",
        ),
        paragraph(
          "The Participants shall publish their trusted lists in a machine-readable format compatible with ETSI TS 119 612 and notify each other of any change without delay.",
        ),
      ),
      ...article(
        "Interoperability framework",
        paragraph(
          "The Participants shall align their national interoperability frameworks with the European Interoperability Framework, covering its legal, organisational, semantic and technical layers.",
        ),
        paragraph(
          "The Participants shall work towards the exchange of data between base registries, starting with pilot services agreed by the Working Group.",
        ),
      ),
      ...article(
        "Governance",
        paragraph(
          "The Working Group on interoperability and trust services, composed of representatives of the Participants' competent ministries and supported by the Regional Cooperation Council Secretariat, shall oversee the implementation of this Memorandum.",
        ),
        paragraph(
          "The European Commission, the CEFTA Secretariat and the Regional School of Public Administration may take part in the Working Group as observers.",
        ),
        paragraph("The Working Group shall meet at least twice a year and shall adopt its rules of procedure at its first meeting."),
      ),
      ...article(
        "Final provisions",
        paragraph("This Memorandum does not create any legally binding obligations under international law."),
        paragraph(
          "This Memorandum shall take effect on the date of the last signature and may be amended by mutual written consent of the Participants.",
        ),
      ),
      paragraph(
        "*This designation is without prejudice to positions on status, and is in line with UNSCR 1244/1999 and the ICJ Opinion on the Kosovo declaration of independence.",
      ),
    ],
  };
}
