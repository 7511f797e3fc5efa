/** Small Block Kit constructors; every string passes through limits.ts here so builders cannot forget. */
import type { ActionsBlock, Button, ContextBlock, HeaderBlock, KnownBlock, SectionBlock } from '@slack/types';
import { LIMITS, ellipsis, fits, requireFits } from './limits.js';

/** A message: the notification text plus blocks. What every builder returns and every listener sends. */
export interface Reply {
  text: string;
  blocks: KnownBlock[];
}

export function header(text: string): HeaderBlock {
  return { type: 'header', text: { type: 'plain_text', text: ellipsis(text, LIMITS.headerText), emoji: true } };
}

export function section(markdown: string, accessory?: Button): SectionBlock {
  const block: SectionBlock = { type: 'section', text: { type: 'mrkdwn', text: ellipsis(markdown, LIMITS.sectionText) } };
  if (accessory) block.accessory = accessory;
  return block;
}

export function fieldsSection(fields: string[]): SectionBlock {
  return {
    type: 'section',
    fields: fields.slice(0, LIMITS.sectionFields).map((f) => ({ type: 'mrkdwn', text: ellipsis(f, LIMITS.fieldText) })),
  };
}

export function context(...markdown: string[]): ContextBlock {
  return {
    type: 'context',
    elements: markdown.slice(0, LIMITS.contextElements).map((m) => ({ type: 'mrkdwn', text: ellipsis(m, LIMITS.contextText) })),
  };
}

export function divider(): KnownBlock {
  return { type: 'divider' };
}

export interface ButtonSpec {
  text: string;
  actionId: string;
  value?: string;
  style?: 'primary' | 'danger';
}

/** A button; throws LimitError when its action_id or value would not fit (see buttonValueFits). */
export function button(spec: ButtonSpec): Button {
  const b: Button = {
    type: 'button',
    text: { type: 'plain_text', text: ellipsis(spec.text, LIMITS.buttonText), emoji: true },
    action_id: requireFits(spec.actionId, LIMITS.actionId, 'action_id'),
  };
  if (spec.value !== undefined) b.value = requireFits(spec.value, LIMITS.buttonValue, 'button value');
  if (spec.style) b.style = spec.style;
  return b;
}

export const buttonValueFits = (value: string): boolean => fits(value, LIMITS.buttonValue);

export function actions(blockId: string, elements: Button[]): ActionsBlock {
  return {
    type: 'actions',
    block_id: requireFits(blockId, LIMITS.blockId, 'block_id'),
    elements: elements.slice(0, LIMITS.actionsElements),
  };
}

/** Keeps a message within 50 blocks: drops blocks from the end, keeping the last `keepTail` (e.g. buttons). */
export function capBlocks(blocks: KnownBlock[], keepTail = 0, max: number = LIMITS.blocksPerMessage): KnownBlock[] {
  if (blocks.length <= max) return blocks;
  const tail = keepTail > 0 ? blocks.slice(-keepTail) : [];
  return [...blocks.slice(0, max - tail.length), ...tail];
}

export function reply(text: string, blocks: KnownBlock[]): Reply {
  return { text: ellipsis(text, LIMITS.fallbackText), blocks: capBlocks(blocks) };
}

/** A one-sentence answer (errors, "not found", "not linked"). */
export function sentence(text: string): Reply {
  return reply(text, [section(text)]);
}
