/**
 * Block Kit as readable text, for the console and for test assertions. Interactive elements are
 * numbered (`[1] Approve  [2] Reject`) and returned as controls, so typing the number can click them.
 */

type Json = Record<string, unknown>;

export interface Control {
  /** The number shown in brackets. */
  n: number;
  type: string;
  actionId: string;
  blockId?: string;
  label: string;
  value?: string;
  url?: string;
  style?: string;
  /** The confirm dialog Slack would show before sending the click. */
  confirm?: { title: string; text: string; confirm: string; deny: string };
  /** For selects and overflow menus. */
  options?: { label: string; value: string }[];
}

export interface Rendered {
  text: string;
  controls: Control[];
}

export interface RenderOptions {
  /** The first button number (default 1), so several messages can share one numbering. */
  firstNumber?: number;
  /** Turns `<@U…>` into `@name`. */
  userName?: (id: string) => string | undefined;
  /** Turns `<#C…>` into `#name`. */
  channelName?: (id: string) => string | undefined;
}

type Names = Pick<RenderOptions, 'userName' | 'channelName'>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Slack's escapes and links as a person reads them. */
export function plainMrkdwn(text: string, names: Names = {}): string {
  return text
    .replace(/<@([UW][A-Z0-9]+)(?:\|([^>]+))?>/g, (_m, id: string, label?: string) => `@${label ?? names.userName?.(id) ?? id}`)
    .replace(/<#([CGD][A-Z0-9]+)(?:\|([^>]*))?>/g, (_m, id: string, label?: string) => `#${label || names.channelName?.(id) || id}`)
    .replace(/<!subteam\^([A-Z0-9]+)(?:\|([^>]+))?>/g, (_m, id: string, label?: string) => label ?? `@${id}`)
    .replace(/<!(here|channel|everyone)>/g, '@$1')
    .replace(/<!date\^\d+\^[^|>]*\|([^>]+)>/g, '$1')
    .replace(/<([a-z]+:[^|>]+)\|([^>]+)>/g, '$2 ($1)')
    .replace(/<([a-z]+:[^>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

export function renderBlocks(blocks: unknown, options: RenderOptions = {}): Rendered {
  const lines: string[] = [];
  const controls: Control[] = [];
  let next = options.firstNumber ?? 1;
  const text = (t: unknown): string => {
    const raw = isObject(t) ? str(t.text) ?? '' : str(t) ?? '';
    return plainMrkdwn(raw, options);
  };

  const control = (el: Json, blockId: string | undefined): string | undefined => {
    const type = str(el.type) ?? '';
    if (!['button', 'static_select', 'overflow', 'users_select', 'conversations_select', 'channels_select', 'datepicker', 'radio_buttons', 'checkboxes'].includes(type)) {
      return undefined;
    }
    const options = Array.isArray(el.options)
      ? el.options.filter(isObject).map((o) => ({ label: text(o.text), value: str(o.value) ?? '' }))
      : undefined;
    const label = type === 'button' ? text(el.text) : text(el.placeholder) || (type === 'overflow' ? '…' : type);
    const confirm = isObject(el.confirm)
      ? { title: text(el.confirm.title), text: text(el.confirm.text), confirm: text(el.confirm.confirm) || 'Yes', deny: text(el.confirm.deny) || 'Cancel' }
      : undefined;
    const c: Control = { n: next++, type, actionId: str(el.action_id) ?? '', label };
    if (blockId !== undefined) c.blockId = blockId;
    if (str(el.value) !== undefined) c.value = str(el.value);
    if (str(el.url) !== undefined) c.url = str(el.url);
    if (str(el.style) !== undefined) c.style = str(el.style);
    if (confirm) c.confirm = confirm;
    if (options) c.options = options;
    controls.push(c);
    const marker = type === 'button' ? '' : ' ▾';
    return `[${c.n}] ${label}${marker}`;
  };

  for (const block of Array.isArray(blocks) ? blocks : []) {
    if (!isObject(block)) continue;
    const blockId = str(block.block_id);
    switch (block.type) {
      case 'header':
        lines.push(`== ${text(block.text)} ==`);
        break;
      case 'section': {
        const parts: string[] = [];
        if (block.text !== undefined) parts.push(text(block.text));
        if (Array.isArray(block.fields)) parts.push(block.fields.map((f) => `  ${text(f).replace(/\n/g, ' ')}`).join('\n'));
        const accessory = isObject(block.accessory) ? control(block.accessory, blockId) : undefined;
        if (accessory) parts.push(`  ${accessory}`);
        lines.push(parts.join('\n'));
        break;
      }
      case 'context':
        lines.push(
          `  ${(Array.isArray(block.elements) ? block.elements : [])
            .map((el) => (isObject(el) && el.type === 'image' ? `[${str(el.alt_text) ?? 'image'}]` : text(el)))
            .join(' · ')}`,
        );
        break;
      case 'actions': {
        const shown = (Array.isArray(block.elements) ? block.elements : [])
          .filter(isObject)
          .map((el) => control(el, blockId))
          .filter((s): s is string => s !== undefined);
        lines.push(shown.join('  '));
        break;
      }
      case 'divider':
        lines.push('────────');
        break;
      case 'image':
        lines.push(`[image: ${str(block.alt_text) ?? ''}]`);
        break;
      case 'input': {
        const el = isObject(block.element) ? block.element : {};
        const initial = str(el.initial_value) ?? '';
        lines.push(`${text(block.label)}${block.optional === true ? ' (optional)' : ''}: ${initial ? `[${initial}]` : '____'}`);
        break;
      }
      case 'rich_text':
      case 'markdown':
        lines.push(text(block.text) || collectRichText(block));
        break;
      default:
        lines.push(`[${str(block.type) ?? 'block'}]`);
    }
  }
  return { text: lines.join('\n'), controls };
}

function collectRichText(node: unknown): string {
  if (!isObject(node)) return '';
  if (typeof node.text === 'string') return node.text;
  return Array.isArray(node.elements) ? node.elements.map(collectRichText).join('') : '';
}

/** A message's blocks as text, or its `text` fallback when it has no blocks. */
export function renderMessage(message: { text: string; blocks: unknown[] }, options: RenderOptions = {}): Rendered {
  if (message.blocks.length === 0) return { text: plainMrkdwn(message.text, options), controls: [] };
  return renderBlocks(message.blocks, options);
}

/** A modal or home tab: title line, then its blocks, then submit/close. */
export function renderView(view: Json, options: RenderOptions = {}): Rendered {
  const body = renderBlocks(view.blocks, options);
  const title = isObject(view.title) ? str(view.title.text) : undefined;
  const head = title ? `┌ ${title} ┐\n` : '';
  const submit = isObject(view.submit) ? str(view.submit.text) : undefined;
  const foot = submit ? `\n(${submit})` : '';
  return { text: `${head}${body.text}${foot}`, controls: body.controls };
}
