import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ENTRY_TIMEOUT_MS = 30_000;

/** Runs `npm start`'s entry (tsx src/main.ts) with no Slack or leihs settings, the script piped in. */
async function pipeIntoNpmStart(script: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'leihs-console-'));
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  // Empty values count as unset and keep a developer's .env from switching to Slack mode.
  for (const name of ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_API_URL', 'LEIHS_URL', 'LEIHS_TOKEN', 'DATABASE_URL']) env[name] = '';
  try {
    return await new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: process.cwd(), env, stdio: ['pipe', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`npm start did not end within ${ENTRY_TIMEOUT_MS} ms; output so far:\n${stdout}\n${stderr}`));
      }, ENTRY_TIMEOUT_MS);
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr });
      });
      child.stdin.end(script);
    });
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

describe('the console through npm start', () => {
  it('plays find, a group request approved with :as, and status from a piped script, then exits', async () => {
    const script = ['/leihs find tripod', '/leihs group create "Film Students"', ':as marco', '1', '/leihs group "Film Students"', '/leihs status', ''].join('\n');
    const { code, stdout, stderr } = await pipeIntoNpmStart(script);
    expect(stderr).toBe('');
    expect(code).toBe(0);

    const turns = stdout.split(/^(?=\w+ › )/m);
    const [banner = '', find = '', request = '', switchUser = '', approve = '', group = '', status = ''] = turns;
    expect(banner).toContain('built-in demo leihs');
    expect(banner).toContain('You are Anna Schmid (anna) in #general.');

    expect(find).toMatch(/^anna › \/leihs find tripod\n\[leihs · in #general · only Anna Schmid sees this\]\n/);
    expect(find).toMatch(/Tripod/);
    expect(find).toMatch(/Fotostudio: \*\d+\* in stock/);

    expect(request).toContain('Sent for approval in #leihs-approvals');
    expect(request).toMatch(/\[leihs · in #leihs-approvals\]\n== Group change request ==\n@anna.schmid: Create the group \*“Film Students”\*/);
    expect(request).toContain('[1] Approve  [2] Reject');

    expect(switchUser).toBe('anna › :as marco\nYou are now Marco Bernasconi (marco).\n');
    expect(approve).toMatch(/^marco › 1\n\[leihs · in #leihs-approvals · updated\]\n/);
    expect(approve).toContain('Approved by @marco.bernasconi');
    expect(approve).toMatch(/\[leihs · DM with Anna Schmid\]\nYour request was approved by @marco.bernasconi and is done in leihs: Create the group “Film Students”/);

    expect(group).toContain('== Film Students ==');
    expect(status).toContain('leihs is healthy');
  });
});
