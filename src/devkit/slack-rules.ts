/**
 * What Slack refuses, checked the way the real Web API does (reference/slack-platform.md B3): the
 * fake answers `ok:false` with Slack's error code and `response_metadata.messages` naming the place.
 */

export interface Refusal {
  error: string;
  messages: string[];
}

type Json = Record<string, unknown>;

const MESSAGE_TEXT_LIMIT = 40_000;
const MESSAGE_BLOCK_LIMIT = 50;
const VIEW_BLOCK_LIMIT = 100;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const textOf = (v: unknown): string | undefined => (isObject(v) && typeof v.text === 'string' ? v.text : undefined);

const BLOCK_TYPES = new Set([
  'section', 'header', 'context', 'actions', 'divider', 'image', 'input', 'rich_text', 'markdown', 'file', 'video', 'table',
]);

/** Collects "[ERROR] … [json-pointer:/blocks/0/text/text]" lines like Slack's own. */
class Problems {
  readonly list: string[] = [];
  add(pointer: string, message: string): void {
    this.list.push(`[ERROR] ${message} [json-pointer:${pointer}]`);
  }
  maxLength(pointer: string, value: string | undefined, max: number, min = 0): void {
    if (value === undefined) return;
    if (value.length > max) this.add(pointer, `must be less than ${max + 1} characters`);
    if (value.length < min) this.add(pointer, `must be more than ${min - 1} characters`);
  }
}

function checkText(p: Problems, at: string, value: unknown, max: number, opts: { plainOnly?: boolean; required?: boolean } = {}): void {
  if (value === undefined) {
    if (opts.required) p.add(at, 'must provide an object');
    return;
  }
  if (!isObject(value) || (value.type !== 'plain_text' && value.type !== 'mrkdwn') || typeof value.text !== 'string') {
    p.add(at, 'must be a text object with type plain_text or mrkdwn');
    return;
  }
  if (opts.plainOnly && value.type !== 'plain_text') p.add(`${at}/type`, 'must be plain_text');
  p.maxLength(`${at}/text`, value.text, max, 1);
}

function checkConfirm(p: Problems, at: string, confirm: unknown): void {
  if (confirm === undefined) return;
  if (!isObject(confirm)) return p.add(at, 'must provide an object');
  checkText(p, `${at}/title`, confirm.title, 100, { plainOnly: true, required: true });
  checkText(p, `${at}/text`, confirm.text, 300, { required: true });
  checkText(p, `${at}/confirm`, confirm.confirm, 30, { plainOnly: true, required: true });
  checkText(p, `${at}/deny`, confirm.deny, 30, { plainOnly: true, required: true });
}

function checkOptions(p: Problems, at: string, options: unknown, max: number): void {
  if (options === undefined) return;
  if (!Array.isArray(options)) return p.add(at, 'must provide an array');
  if (options.length > max) p.add(at, `must provide an array with no more than ${max} items`);
  options.forEach((o: unknown, i) => {
    if (!isObject(o)) return p.add(`${at}/${i}`, 'must provide an object');
    checkText(p, `${at}/${i}/text`, o.text, 75, { required: true });
    p.maxLength(`${at}/${i}/value`, typeof o.value === 'string' ? o.value : undefined, 150);
  });
}

function checkElement(p: Problems, at: string, el: unknown, actionIds: Set<string>): void {
  if (!isObject(el)) return p.add(at, 'must provide an object');
  if (typeof el.action_id === 'string') {
    p.maxLength(`${at}/action_id`, el.action_id, 255, 1);
    if (actionIds.has(el.action_id)) p.add(`${at}/action_id`, `action_id "${el.action_id}" already exists`);
    actionIds.add(el.action_id);
  }
  switch (el.type) {
    case 'button':
      checkText(p, `${at}/text`, el.text, 75, { plainOnly: true, required: true });
      p.maxLength(`${at}/value`, typeof el.value === 'string' ? el.value : undefined, 2000);
      p.maxLength(`${at}/url`, typeof el.url === 'string' ? el.url : undefined, 3000);
      if (el.style !== undefined && el.style !== 'primary' && el.style !== 'danger') p.add(`${at}/style`, 'must be primary or danger');
      break;
    case 'overflow':
      checkOptions(p, `${at}/options`, el.options, 5);
      break;
    case 'static_select':
    case 'multi_static_select':
      checkOptions(p, `${at}/options`, el.options, 100);
      break;
    case 'plain_text_input':
      p.maxLength(`${at}/initial_value`, typeof el.initial_value === 'string' ? el.initial_value : undefined, 3000);
      break;
    default:
      break;
  }
  checkConfirm(p, `${at}/confirm`, el.confirm);
}

function checkBlock(p: Problems, at: string, block: unknown, blockIds: Set<string>): void {
  if (!isObject(block) || typeof block.type !== 'string') return p.add(at, 'must provide an object with a type');
  if (!BLOCK_TYPES.has(block.type)) return p.add(`${at}/type`, `unsupported block type "${block.type}"`);
  if (typeof block.block_id === 'string') {
    p.maxLength(`${at}/block_id`, block.block_id, 255, 1);
    if (blockIds.has(block.block_id)) p.add(`${at}/block_id`, `block_id "${block.block_id}" already exists`);
    blockIds.add(block.block_id);
  }
  const actionIds = new Set<string>();
  switch (block.type) {
    case 'section': {
      if (block.text === undefined && block.fields === undefined) p.add(at, 'must provide either text or fields');
      checkText(p, `${at}/text`, block.text, 3000);
      if (block.fields !== undefined) {
        if (!Array.isArray(block.fields)) p.add(`${at}/fields`, 'must provide an array');
        else {
          if (block.fields.length > 10) p.add(`${at}/fields`, 'must provide an array with no more than 10 items');
          block.fields.forEach((f: unknown, i) => checkText(p, `${at}/fields/${i}`, f, 2000, { required: true }));
        }
      }
      if (block.accessory !== undefined) checkElement(p, `${at}/accessory`, block.accessory, actionIds);
      break;
    }
    case 'header':
      checkText(p, `${at}/text`, block.text, 150, { plainOnly: true, required: true });
      break;
    case 'context':
    case 'actions': {
      const max = block.type === 'context' ? 10 : 25;
      if (!Array.isArray(block.elements) || block.elements.length === 0) return p.add(`${at}/elements`, 'must provide a non-empty array');
      if (block.elements.length > max) p.add(`${at}/elements`, `must provide an array with no more than ${max} items`);
      block.elements.forEach((el: unknown, i) => {
        if (block.type === 'actions') checkElement(p, `${at}/elements/${i}`, el, actionIds);
        else if (isObject(el) && (el.type === 'plain_text' || el.type === 'mrkdwn')) p.maxLength(`${at}/elements/${i}/text`, textOf(el), 3000, 1);
      });
      break;
    }
    case 'input':
      checkText(p, `${at}/label`, block.label, 2000, { plainOnly: true, required: true });
      if (block.element === undefined) p.add(`${at}/element`, 'must provide an object');
      else checkElement(p, `${at}/element`, block.element, actionIds);
      break;
    default:
      break;
  }
}

function checkBlocks(p: Problems, at: string, blocks: unknown, max: number): void {
  if (blocks === undefined) return;
  if (!Array.isArray(blocks)) return p.add(at, 'must provide an array');
  if (blocks.length > max) p.add(at, `no more than ${max} items allowed`);
  const blockIds = new Set<string>();
  blocks.forEach((b: unknown, i) => checkBlock(p, `${at}/${i}`, b, blockIds));
}

/** chat.postMessage / postEphemeral / update and response_url bodies. */
export function checkMessage(args: { text?: unknown; blocks?: unknown }): Refusal | undefined {
  const text = typeof args.text === 'string' ? args.text : undefined;
  const hasBlocks = Array.isArray(args.blocks) && args.blocks.length > 0;
  if (!text && !hasBlocks) return { error: 'no_text', messages: [] };
  if (text !== undefined && text.length > MESSAGE_TEXT_LIMIT) return { error: 'msg_too_long', messages: [] };
  const p = new Problems();
  checkBlocks(p, '/blocks', args.blocks, MESSAGE_BLOCK_LIMIT);
  return p.list.length > 0 ? { error: 'invalid_blocks', messages: p.list } : undefined;
}

/** views.open / update / push / publish. */
export function checkView(view: unknown): Refusal | undefined {
  const p = new Problems();
  if (!isObject(view)) return { error: 'invalid_arguments', messages: ['[ERROR] must provide an object [json-pointer:/view]'] };
  if (view.type !== 'modal' && view.type !== 'home') p.add('/view/type', 'must be modal or home');
  if (view.type === 'modal') {
    checkText(p, '/view/title', view.title, 24, { plainOnly: true, required: true });
    checkText(p, '/view/submit', view.submit, 24, { plainOnly: true });
    checkText(p, '/view/close', view.close, 24, { plainOnly: true });
    const hasInput = Array.isArray(view.blocks) && view.blocks.some((b: unknown) => isObject(b) && b.type === 'input');
    if (hasInput && view.submit === undefined) p.add('/view/submit', 'must provide submit when the view has input blocks');
  }
  p.maxLength('/view/private_metadata', typeof view.private_metadata === 'string' ? view.private_metadata : undefined, 3000);
  p.maxLength('/view/callback_id', typeof view.callback_id === 'string' ? view.callback_id : undefined, 255);
  if (!Array.isArray(view.blocks)) p.add('/view/blocks', 'must provide an array');
  else checkBlocks(p, '/view/blocks', view.blocks, VIEW_BLOCK_LIMIT);
  return p.list.length > 0 ? { error: 'invalid_arguments', messages: p.list } : undefined;
}
