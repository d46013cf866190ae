import { z } from "zod";

/** `YYYY-MM-DD` that is a real calendar day. */
export const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD")
  .refine(isCalendarDay, "is not a calendar day");

/**
 * One waiver: a person's decision that one finding does not block, until a
 * date. It names the finding by fingerprint; `rule` and `path` are there for
 * the reader of the file and for `jig waive list`.
 */
export const waiverSchema = z
  .object({
    fingerprint: z
      .string()
      .regex(/^[0-9a-f]{16}$/, "must be a finding fingerprint (16 hex digits)"),
    rule: z.string().min(1).optional(),
    path: z.string().min(1).optional(),
    reason: z.string().trim().min(1, "must say why the finding is waived"),
    owner: z.string().min(1).optional(),
    expires: isoDay,
    created: isoDay.optional(),
  })
  .strict();

export const waiversFileSchema = z.object({ waivers: z.array(waiverSchema).default([]) }).strict();

export type Waiver = z.output<typeof waiverSchema>;

function isCalendarDay(day: string): boolean {
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
}
