/**
 * What a "More" or "Share in channel" button carries: the command text and the page, as compact JSON.
 * Parsed with zod when it comes back (a button value is Slack payload input). One limit both ways:
 * whatever fits in a button value (buttonValueFits) is put on a button and read back.
 */
import { z } from 'zod';
import { buttonValueFits } from '../blocks/kit.js';

const answerRefSchema = z.object({ c: z.string(), p: z.number().int().min(1).max(1000) });

export interface AnswerRef {
  commandText: string;
  page: number;
}

export function encodeAnswerRef(ref: AnswerRef): string {
  return JSON.stringify({ c: ref.commandText, p: ref.page });
}

export function decodeAnswerRef(value: string | undefined): AnswerRef | undefined {
  if (!value || !buttonValueFits(value)) return undefined;
  try {
    const parsed = answerRefSchema.safeParse(JSON.parse(value));
    return parsed.success ? { commandText: parsed.data.c, page: parsed.data.p } : undefined;
  } catch {
    return undefined;
  }
}
