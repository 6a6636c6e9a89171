import type { z } from "zod";

/** An audit entry's `data` read back through a schema; null when it is not what the schema expects. */
export function parseAuditData<T extends z.ZodType>(schema: T, data: string): z.infer<T> | null {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
