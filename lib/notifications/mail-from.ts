import { env } from "@/lib/env";

/** MAIL_FROM split into a display name and an address ("RCC Secretariat <rcc@example.org>" or a bare address). */
export function mailSender(): { name: string; address: string } {
  const from = env().MAIL_FROM.trim();
  const match = /^(.*)<([^<>\s]+@[^<>\s]+)>$/.exec(from);
  if (match) return { name: match[1].trim().replace(/^"|"$/g, "") || "RCC Secretariat", address: match[2] };
  return { name: "RCC Secretariat", address: from };
}
