import bcrypt from "bcryptjs";
import { z } from "zod";

const COST = 11;

export const newPasswordSchema = z
  .string()
  .min(12, "Use at least 12 characters.")
  .max(200, "Use at most 200 characters.");

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

// Compared against when the email is unknown, so a wrong email costs the same time as a wrong password.
const DECOY_HASH = bcrypt.hashSync("accord-decoy-password", COST);
export function spendPasswordCheck(password: string): Promise<boolean> {
  return bcrypt.compare(password, DECOY_HASH);
}
