// One section per area; each file is owned by the area that uses it. Add a section here when a new area needs words.
import { leihs } from './leihs.js';
import { common } from './common.js';

export const en = {
  leihs,
  common,
};
