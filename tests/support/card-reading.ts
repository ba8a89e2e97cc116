import { CASE_CODE_PATTERN } from '../../bot/src/features/signals/case-code';
import type { RecordedActivity } from './connector-stand-in';

export const cardOf = (r: RecordedActivity | undefined) => r?.activity.attachments?.[0]?.content;

/** Every text the card shows, one per line, so assertions read like what a person sees. */
export function textsOf(card: any): string {
  const texts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if ((key === 'text' || key === 'title' || key === 'value') && typeof value === 'string') texts.push(value);
        else walk(value);
      }
    }
  };
  walk(card?.body);
  return texts.join('\n');
}

/** The data of the card's action with this `data.action`. */
export function actionData(card: any, action: string): Record<string, unknown> | undefined {
  return (card?.actions ?? []).find((a: any) => a.data?.action === action)?.data;
}

/** The case code on a receipt card, as the reporter reads it. */
export const caseCodeOn = (receipt: RecordedActivity | undefined) => textsOf(cardOf(receipt)).split('\n').find((line) => CASE_CODE_PATTERN.test(line));
