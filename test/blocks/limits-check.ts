/** Lists every way a message breaks Slack's limits (empty when it fits). */
import { LIMITS } from '../../src/blocks/limits.js';

type AnyBlock = Record<string, unknown> & { type: string };

export function limitViolations(message: { text: string; blocks: unknown[] }, maxBlocks: number = LIMITS.blocksPerMessage): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
  };
  check(message.text.length > 0 && message.text.length <= LIMITS.fallbackText, `text length ${message.text.length}`);
  check(message.blocks.length <= maxBlocks, `${message.blocks.length} blocks`);
  for (const [i, raw] of message.blocks.entries()) {
    const block = raw as AnyBlock;
    const text = (block.text as { text?: string } | undefined)?.text;
    if (block.type === 'section') {
      const fields = (block.fields as { text: string }[] | undefined) ?? [];
      check(text !== undefined || fields.length > 0, `section ${i} empty`);
      if (text !== undefined) check(text.length >= 1 && text.length <= LIMITS.sectionText, `section ${i} text ${text.length}`);
      check(fields.length <= LIMITS.sectionFields, `section ${i} has ${fields.length} fields`);
      for (const f of fields) check(f.text.length >= 1 && f.text.length <= LIMITS.fieldText, `section ${i} field ${f.text.length}`);
    }
    if (block.type === 'header') check(text !== undefined && text.length >= 1 && text.length <= LIMITS.headerText, `header ${i} ${text?.length}`);
    if (block.type === 'context') {
      const elements = block.elements as { text: string }[];
      check(elements.length >= 1 && elements.length <= LIMITS.contextElements, `context ${i} elements`);
      for (const e of elements) check(e.text.length >= 1 && e.text.length <= LIMITS.contextText, `context ${i} text ${e.text.length}`);
    }
    if (block.type === 'actions') {
      const elements = block.elements as { text: { text: string }; value?: string; action_id: string }[];
      check(elements.length >= 1 && elements.length <= LIMITS.actionsElements, `actions ${i} elements`);
      for (const e of elements) {
        check(e.text.text.length <= LIMITS.buttonText, `button label ${e.text.text.length}`);
        check((e.value ?? '').length <= LIMITS.buttonValue, `button value ${(e.value ?? '').length}`);
        check(e.action_id.length <= LIMITS.actionId, 'action_id');
      }
    }
  }
  return problems;
}
