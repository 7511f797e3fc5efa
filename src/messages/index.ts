/**
 * Every sentence a user reads comes from here (design rule 7). English now; German will follow as a
 * second catalogue of the same shape (`Messages`), chosen by the Slack user's locale.
 */
import { en } from './en/index.js';

export type Messages = typeof en;
export const messages: Messages = en;
