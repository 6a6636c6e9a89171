import { RateLimiterRes } from "rate-limiter-flexible";
import { z } from "zod";
import { db } from "@/lib/db";
import { AppError, wellFormedText } from "@/lib/errors";
import { rateLimiter } from "@/lib/rate-limit";
import { spendPasswordCheck, verifyPassword } from "@/lib/people/passwords";

export const credentialsSchema = z.object({
  email: wellFormedText().max(320).trim().toLowerCase().email("Enter your email address."),
  password: wellFormedText().min(1, "Enter your password.").max(200),
});

export const SIGN_IN_FAILED = "Email or password is not correct.";
export const SIGN_IN_RATE_LIMITED = "Too many sign-in attempts. Please wait 15 minutes and try again.";

/** Attempts per account (from any address) and per client address in a 15-minute window. */
export const SIGN_IN_LIMITS = { perAccount: 10, perAddress: 50, windowSeconds: 15 * 60 } as const;

/**
 * Checks an email and password. Each attempt first spends one point of the account's budget (from
 * any address, so rotating addresses does not help) and one of the client address's budget
 * (so one address cannot try many accounts). Spending is atomic and happens before the password is
 * checked, so parallel attempts cannot all slip past the limit. A successful sign-in gives the
 * points back, so people who type their password right are never held up by their own attempts.
 */
export async function verifyCredentials({ email, password, clientAddress }: {
  email: string;
  password: string;
  clientAddress: string;
}): Promise<{ userId: string }> {
  const perAccount = rateLimiter("sign-in-account", { points: SIGN_IN_LIMITS.perAccount, durationSeconds: SIGN_IN_LIMITS.windowSeconds });
  const perAddress = rateLimiter("sign-in-address", { points: SIGN_IN_LIMITS.perAddress, durationSeconds: SIGN_IN_LIMITS.windowSeconds });

  const [account, address] = await Promise.allSettled([perAccount.consume(email), perAddress.consume(clientAddress)]);
  for (const result of [account, address]) {
    if (result.status === "rejected") {
      if (result.reason instanceof RateLimiterRes) throw new AppError("RATE_LIMITED", SIGN_IN_RATE_LIMITED);
      throw result.reason;
    }
  }

  const user = await db().user.findUnique({ where: { email }, select: { id: true, passwordHash: true, isActive: true } });
  const isValid = user?.passwordHash ? await verifyPassword(password, user.passwordHash) : await spendPasswordCheck(password);

  if (!user || !isValid) throw new AppError("UNAUTHENTICATED", SIGN_IN_FAILED);
  if (!user.isActive) throw new AppError("FORBIDDEN", "This account has been deactivated. Contact the RCC secretariat.");
  await Promise.all([perAccount.delete(email), perAddress.reward(clientAddress, 1)]);
  return { userId: user.id };
}
