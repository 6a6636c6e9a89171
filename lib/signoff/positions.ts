/** The positions an economy can take on a version; shared by the server and the forms. */
export const SIGN_OFF_POSITIONS = ["APPROVE", "APPROVE_AD_REFERENDUM", "APPROVE_WITH_RESERVATION", "NOT_READY"] as const;
export type SignOffPosition = (typeof SIGN_OFF_POSITIONS)[number];

export const POSITION_LABEL: Record<SignOffPosition, string> = {
  APPROVE: "Approves",
  APPROVE_AD_REFERENDUM: "Approves ad referendum",
  APPROVE_WITH_RESERVATION: "Approves with reservation",
  NOT_READY: "Not ready",
};

export const POSITION_HINT: Record<SignOffPosition, string> = {
  APPROVE: "The economy approves this exact text.",
  APPROVE_AD_REFERENDUM: "Approval pending the economy's domestic procedure.",
  APPROVE_WITH_RESERVATION: "Approval subject to a reservation, which you must state.",
  NOT_READY: "The economy cannot take a position yet; you may say why.",
};

/** Badge tone per position, matching the design system's badge modifiers. */
export const POSITION_TONE: Record<SignOffPosition, "success" | "info" | "warning" | "danger"> = {
  APPROVE: "success",
  APPROVE_AD_REFERENDUM: "info",
  APPROVE_WITH_RESERVATION: "warning",
  NOT_READY: "danger",
};
