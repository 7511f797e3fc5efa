import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import type { App } from '@slack/bolt';
import { COMMAND, globalShortcutCallbackIds } from '../../src/listeners/ids.js';
import { registerListeners } from '../../src/listeners/index.js';
import { fakeDeps } from '../listeners/fakes.js';

// No YAML parser is installed; the manifest is plain enough to read by line.
const manifest = readFileSync(new URL('../../manifest.yml', import.meta.url), 'utf8');
const values = (key: string) => [...manifest.matchAll(new RegExp(`^\\s*-?\\s*${key}:\\s*(.+?)\\s*$`, 'gm'))].map((m) => (m[1] ?? '').replace(/^"|"$/g, ''));
const listUnder = (key: string) => {
  const start = manifest.indexOf(`${key}:`);
  const lines = manifest.slice(start).split('\n').slice(1);
  const items: string[] = [];
  for (const line of lines) {
    const item = /^\s+-\s+(\S+)\s*$/.exec(line);
    if (!item) break;
    items.push(item[1] ?? '');
  }
  return items;
};

/** What the code registers, captured from a fake App. */
function registered() {
  const seen = { commands: [] as string[], shortcuts: [] as string[], events: [] as string[] };
  const app = {
    command: vi.fn((id: string) => seen.commands.push(id)),
    shortcut: vi.fn((id: string) => seen.shortcuts.push(id)),
    event: vi.fn((id: string) => seen.events.push(id)),
    action: vi.fn(),
    view: vi.fn(),
    options: vi.fn(),
  };
  registerListeners(app as unknown as App, fakeDeps().deps);
  return seen;
}

describe('manifest.yml', () => {
  it('declares exactly the slash command the code registers, with a usage hint', () => {
    expect(values('command')).toEqual([COMMAND]);
    expect(registered().commands).toEqual([COMMAND]);
    expect(values('usage_hint')[0]).toContain('find');
  });

  it('declares every global shortcut the code registers, and no other', () => {
    const declared = values('callback_id').sort();
    expect(declared).toEqual([...globalShortcutCallbackIds].sort());
    expect(registered().shortcuts.sort()).toEqual(declared);
  });

  it('asks for the scopes the app uses and subscribes to the events it handles', () => {
    expect(listUnder('bot')).toEqual(expect.arrayContaining(['commands', 'chat:write', 'users:read', 'users:read.email', 'im:write']));
    const events = listUnder('bot_events');
    expect(events).toContain('app_home_opened');
    for (const event of registered().events) expect(events).toContain(event);
  });

  it('turns on Socket Mode, interactivity and the App Home', () => {
    expect(values('socket_mode_enabled')).toEqual(['true']);
    expect(manifest).toMatch(/interactivity:\s*\n\s+is_enabled: true/);
    expect(values('home_tab_enabled')).toEqual(['true']);
  });
});
