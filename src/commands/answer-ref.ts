/**
 * What a "More" or "Share in channel" button carries: the command text and the page, as compact JSON.
 * Parsed with zod when it comes back (a button value is Slack payload input).
 */
import { z } from 'zod';

const answerRefSchema = z.object({ c: z.string().max(1900), p: z.number().int().min(1).max(1000) });

export interface AnswerRef {
  commandText: string;
  page: number;
}

export function encodeAnswerRef(ref: AnswerRef): string {
  return JSON.stringify({ c: ref.commandText, p: ref.page });
}

export function decodeAnswerRef(value: string | undefined): AnswerRef | undefined {
  if (!value) return undefined;
  try {
    const parsed = answerRefSchema.safeParse(JSON.parse(value));
    return parsed.success ? { commandText: parsed.data.c, page: parsed.data.p } : undefined;
  } catch {
    return undefined;
  }
}
