// One section per area; each file is owned by the area that uses it. Add a section here when a new area needs words.
import { leihs } from './leihs.js';
import { approvals } from './approvals.js';
import { common } from './common.js';
import { commands } from './commands.js';
import { find, findModal } from './find.js';
import { directory } from './directory.js';
import { ops } from './ops.js';
import { consoleWords } from './console.js';
import { sim } from './sim.js';
import { startup } from './startup.js';

export const en = {
  leihs,
  approvals,
  common,
  commands,
  find,
  findModal,
  directory,
  ops,
  console: consoleWords,
  sim,
  startup,
};
