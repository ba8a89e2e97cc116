// The UMD build: the package's ESM entry cannot be loaded by Node's module resolver.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js');

/**
 * Parses a card with the official Adaptive Cards parser for schema 1.5 (the most Teams renders)
 * and returns every problem it reports: parse events and property validation failures.
 */
export function adaptiveCardProblems(card: unknown): string[] {
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  parsed.parse(card, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(`parse: ${context.getEventAt(i).message}`);
  const results = parsed.validateProperties();
  for (const event of results.validationEvents) problems.push(`validate: ${event.message}`);
  return problems;
}

export function versionOf(card: { version?: string }): number {
  const [major, minor] = String(card.version ?? '').split('.').map(Number);
  return (major ?? 0) + (minor ?? 0) / 10;
}
