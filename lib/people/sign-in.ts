import { z } from "zod";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { rateLimiter } from "@/lib/rate-limit";
import { spendPasswordCheck, verifyPassword } from "@/lib/people/passwords";

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter your email address."),
  password: z.string().min(1, "Enter your password.").max(200),
});

export const SIGN_IN_FAILED = "Email or password is not correct.";

/**
 * Checks an email and password. Failures are counted per email and client address, and
 * per address alone, so neither one account nor one address can be guessed at speed.
 */
export async function verifyCredentials({ email, password, clientAddress }: {
  email: string;
  password: string;
  clientAddress: string;
}): Promise<{ userId: string }> {
  const perAccount = rateLimiter("sign-in-account", { points: 5, durationSeconds: 15 * 60 });
  const perAddress = rateLimiter("sign-in-address", { points: 50, durationSeconds: 15 * 60 });
  const accountKey = `${email}|${clientAddress}`;

  const [accountState, addressState] = await Promise.all([perAccount.get(accountKey), perAddress.get(clientAddress)]);
  if ((accountState?.consumedPoints ?? 0) >= 5 || (addressState?.consumedPoints ?? 0) >= 50) {
    throw new AppError("RATE_LIMITED", "Too many failed sign-ins. Please wait 15 minutes and try again.");
  }

  const user = await db().user.findUnique({ where: { email }, select: { id: true, passwordHash: true, isActive: true } });
  const isValid = user?.passwordHash ? await verifyPassword(password, user.passwordHash) : await spendPasswordCheck(password);

  if (!user || !isValid) {
    await Promise.all([perAccount.penalty(accountKey, 1), perAddress.penalty(clientAddress, 1)]);
    throw new AppError("UNAUTHENTICATED", SIGN_IN_FAILED);
  }
  if (!user.isActive) throw new AppError("FORBIDDEN", "This account has been deactivated. Contact the RCC secretariat.");
  await perAccount.delete(accountKey);
  return { userId: user.id };
}
