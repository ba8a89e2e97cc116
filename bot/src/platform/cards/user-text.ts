/**
 * Makes text that a person typed safe to show inside a card.
 *
 * Teams renders markdown in TextBlock and FactSet and offers no reliable escaping, so user text goes
 * into a RichTextBlock TextRun (which renders no markdown) — use `userTextRun`. This function also
 * strips what could disguise text there: control characters, bidirectional overrides (which can make
 * "exe.pdf" read as "fdp.exe") and invisible characters, and bounds the length.
 * Template bindings that carry user text are named `user…`; a test checks they only feed TextRuns.
 */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const BIDI_AND_INVISIBLE = /[\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

export function userText(raw: unknown, maxLength = 2000): string {
  if (typeof raw !== 'string') return '';
  const cleaned = raw
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(CONTROL, '')
    .replace(BIDI_AND_INVISIBLE, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  const codePoints = Array.from(cleaned);
  return codePoints.length <= maxLength ? cleaned : `${codePoints.slice(0, maxLength - 1).join('')}…`;
}

export function userTextRun(raw: unknown, maxLength?: number) {
  return { type: 'TextRun' as const, text: userText(raw, maxLength) };
}
