import crypto from "node:crypto";
import { z } from "zod";
import { audited } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import { organisationsForRole } from "@/lib/organisations/catalogue";
import { authorize, type Actor } from "@/lib/policy";
import { hashPassword, newPasswordSchema } from "@/lib/people/passwords";

const INVITATION_DAYS = 14;

export const inviteUserInput = z
  .object({
    name: z.string().trim().min(2, "Enter the person's full name.").max(120),
    email: z.string().trim().toLowerCase().email("Enter a valid email address.").max(200),
    role: z.enum(["SECRETARIAT", "DELEGATE", "OBSERVER"], { message: "Choose a role." }),
    organisationCode: z.string().min(1, "Choose an economy or organisation."),
  })
  .refine((input) => organisationsForRole(input.role).some((entry) => entry.code === input.organisationCode), {
    message: "This organisation does not match the role: delegates represent an economy, observers an observer organisation, the secretariat the RCC.",
    path: ["organisationCode"],
  });
export type InviteUserInput = z.input<typeof inviteUserInput>;

function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

/** Creates an account without a password and a one-time link to set it; returns the link's token. */
export async function inviteUser({ actor, ...input }: { actor: Actor } & InviteUserInput): Promise<{ userId: string; token: string }> {
  authorize(actor, "user.invite", null);
  const data = parseInput(inviteUserInput, input);
  const existing = await db().user.findUnique({ where: { email: data.email }, select: { id: true } });
  if (existing) throw new AppError("CONFLICT", "Someone with this email address already has an account.", { email: ["Already has an account."] });

  const token = crypto.randomBytes(32).toString("base64url");
  const userId = await audited(async (transaction, audit) => {
    const user = await transaction.user.create({ data: { ...data, invitedById: actor.id } });
    await transaction.invitation.create({
      data: { userId: user.id, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + INVITATION_DAYS * 86_400_000) },
    });
    await audit({
      actorId: actor.id,
      organisationCode: actor.organisationCode,
      action: "user.invited",
      targetType: "user",
      targetId: user.id,
      data: { name: data.name, role: data.role, organisationCode: data.organisationCode },
    });
    return user.id;
  });
  return { userId, token };
}

const tokenSchema = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, "This invitation link is not valid.");

/** The invitation behind a link, if it is still usable. */
export async function findOpenInvitation(token: string) {
  const parsed = tokenSchema.safeParse(token);
  if (!parsed.success) return null;
  const invitation = await db().invitation.findUnique({
    where: { tokenHash: hashToken(parsed.data) },
    include: { user: { select: { id: true, name: true, email: true, isActive: true, organisationCode: true, role: true } } },
  });
  if (!invitation || invitation.usedAt || invitation.expiresAt <= new Date() || !invitation.user.isActive) return null;
  return invitation;
}

export const acceptInvitationInput = z
  .object({ token: tokenSchema, password: newPasswordSchema, confirmation: z.string() })
  .refine((input) => input.password === input.confirmation, { message: "The two passwords differ.", path: ["confirmation"] });

/** Sets the invited person's password and spends the link. */
export async function acceptInvitation(input: z.input<typeof acceptInvitationInput>): Promise<{ email: string }> {
  const data = parseInput(acceptInvitationInput, input);
  const invitation = await findOpenInvitation(data.token);
  if (!invitation) throw new AppError("NOT_FOUND", "This invitation link has expired or was already used. Ask the RCC secretariat for a new one.");
  const passwordHash = await hashPassword(data.password);
  await audited(async (transaction, audit) => {
    // The usedAt condition makes a double submit spend the link once.
    const spent = await transaction.invitation.updateMany({ where: { id: invitation.id, usedAt: null }, data: { usedAt: new Date() } });
    if (spent.count !== 1) throw new AppError("CONFLICT", "This invitation link was already used.");
    await transaction.user.update({ where: { id: invitation.userId }, data: { passwordHash } });
    await audit({
      actorId: invitation.userId,
      organisationCode: invitation.user.organisationCode,
      action: "user.activated",
      targetType: "user",
      targetId: invitation.userId,
    });
  });
  return { email: invitation.user.email };
}
