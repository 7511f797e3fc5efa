/**
 * Slack's size limits and the one policy for meeting them (after IBM/slack-wrench): human text is
 * shortened with an ellipsis; machine ids (action_id, block_id, button value, option value) that do not
 * fit are refused, never cut, because a cut id would point at the wrong thing.
 */
export const LIMITS = {
  blocksPerMessage: 50,
  blocksPerView: 100,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  contextText: 2000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  blockId: 255,
  optionText: 75,
  optionValue: 75,
  selectOptions: 100,
  modalTitle: 24,
  privateMetadata: 3000,
  /** The top-level notification text; Slack allows more, but nobody reads more in a notification. */
  fallbackText: 3000,
  inputPlaceholder: 150,
} as const;

/** Shortens human text to at most `max` characters (UTF-16 units), ending with "…"; never splits an emoji. */
export function ellipsis(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const ch of text) {
    if (out.length + ch.length > max - 1) break;
    out += ch;
  }
  return `${out.trimEnd()}…`;
}

export class LimitError extends Error {
  override name = 'LimitError';
}

export function fits(value: string, max: number): boolean {
  return value.length > 0 && value.length <= max;
}

/** Returns the id unchanged, or throws: ids are refused, not shortened. */
export function requireFits(value: string, max: number, what: string): string {
  if (!fits(value, max)) throw new LimitError(`${what} is ${value.length} characters; the limit is ${max}`);
  return value;
}

/** Escapes the three characters Slack's mrkdwn treats as control characters in user-supplied text. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Inline code in mrkdwn: backticks inside would end it early, so they become a look-alike. */
export function code(text: string): string {
  return `\`${escapeMrkdwn(text).replace(/`/g, 'ˋ')}\``;
}
