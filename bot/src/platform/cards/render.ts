import { Template } from 'adaptivecards-templating';

/** A filled Adaptive Card, ready to be sent as an attachment. */
export interface AdaptiveCardJson {
  type: 'AdaptiveCard';
  version: string;
  body?: unknown[];
  actions?: unknown[];
  [key: string]: unknown;
}

/** Teams refuses a card over 28 KB; keep the limit in one place so a test can hold every card to it. */
export const MAX_CARD_BYTES = 28 * 1024;

/** Parsing a template costs ten times more than expanding it, so each template is parsed once. */
const parsed = new WeakMap<object, Template>();

/**
 * Binds a template to plain data. Data values are substituted, never evaluated, so text a user typed
 * cannot run template expressions; it must still go through `userText` and into a TextRun.
 */
export function renderCard(template: object, data: object): AdaptiveCardJson {
  let compiled = parsed.get(template);
  if (!compiled) {
    compiled = new Template(template);
    parsed.set(template, compiled);
  }
  const card = compiled.expand({ $root: data }) as AdaptiveCardJson;
  delete card.$schema;
  return card;
}
