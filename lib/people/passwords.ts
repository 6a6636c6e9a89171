import bcrypt from "bcryptjs";
import { dictionary } from "@zxcvbn-ts/language-common";
import { wellFormedText } from "@/lib/errors";

const COST = 11;

export const PASSWORD_MIN_LENGTH = 12;
export const COMMON_PASSWORD_MESSAGE = "This password is on a list of common or breached passwords. Choose one nobody else would.";
export const REPETITIVE_PASSWORD_MESSAGE = "Avoid repeated or sequential characters such as “aaaa” or “1234”; a few unrelated words work well.";

// About 49,000 of the passwords seen most often in public breaches, shipped in @zxcvbn-ts/language-common (MIT).
let commonPasswords: Set<string> | undefined;
function isCommonPassword(password: string): boolean {
  commonPasswords ??= new Set(dictionary["passwords-common"]);
  return commonPasswords.has(password.toLowerCase());
}

/** A password that is one short unit repeated ("aaaaaaaaaaaa", "abcabcabcabc") or a run ("123456789012", "abcdefghijkl"). */
function isRepetitiveOrSequential(password: string): boolean {
  if (/^(.{1,4})\1+$/su.test(password)) return true;
  const codes = [...password].map((character) => character.codePointAt(0)!);
  const step = codes[1] - codes[0];
  return Math.abs(step) <= 1 && codes.every((code, index) => index === 0 || code - codes[index - 1] === step);
}

/**
 * A new password, after NIST SP 800-63B: long enough, not a known common or breached password, not
 * trivially repetitive. No composition rules: length is what makes a password hard to guess.
 */
export const newPasswordSchema = wellFormedText()
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
  .max(200, "Use at most 200 characters.")
  // One message at a time: a short password is told only that it is too short.
  .refine((password) => password.length < PASSWORD_MIN_LENGTH || !isRepetitiveOrSequential(password), REPETITIVE_PASSWORD_MESSAGE)
  .refine((password) => password.length < PASSWORD_MIN_LENGTH || isRepetitiveOrSequential(password) || !isCommonPassword(password), COMMON_PASSWORD_MESSAGE);

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
