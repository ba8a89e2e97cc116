import { type Strings, stringsFor } from '../../bot/src/wiring/strings';

/** Every word the bot says, per language, as the tests compare answers with them. */
export const nl = stringsFor('nl');
export const en = stringsFor('en');
export type { Strings };
