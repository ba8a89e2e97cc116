import fc from 'fast-check';
import type { Config } from '../../bot/src/config/config';

/**
 * Random and adversarial inputs for the fuzz tests (tests/integration/fuzz-*.test.ts): strings that have
 * broken parsers, databases and renderers before, JSON values of every type, prototype-pollution keys, deep
 * nesting, and one-field-at-a-time breakages of a valid payload so a case gets past the first check. Also what
 * every fuzz property shares: the seed, the runner, the service's limits, and reading a message in an answer.
 */

/** The seed of every property: fixed, so a failure in CI can be replayed; FUZZ_SEED picks another. */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20260501);

/**
 * Runs an async property with the fixed seed, `figure` times, or FUZZ_RUNS times for a longer local run. A failure
 * names the seed and path to replay it, the error, and the case cut short: fast-check's own report prints the
 * whole case, and a nesting thousands deep overflows its printer, which hides the error.
 */
export const assertProperty = <T>(arbitrary: fc.Arbitrary<T>, figure: number, check: (value: T) => Promise<void>) =>
  fc.assert(fc.asyncProperty(arbitrary, check), {
    numRuns: Number(process.env.FUZZ_RUNS ?? figure),
    seed: FUZZ_SEED,
    reporter: (run) => {
      if (!run.failed) return;
      const error = run.errorInstance instanceof Error ? (run.errorInstance.stack ?? run.errorInstance.message) : String(run.errorInstance);
      throw new Error(
        `property failed after ${run.numRuns} runs (seed ${run.seed}, path "${run.counterexamplePath}"):\n${error}\ncase: ${preview(run.counterexample)}`,
      );
    },
  });

function preview(value: unknown): string {
  try {
    const json = JSON.stringify(value) ?? String(value);
    return json.length > 2_000 ? `${json.slice(0, 2_000)}… (${json.length} characters)` : json;
  } catch {
    return '(too deep to print)';
  }
}

/** Whether `text` says `message` (a string of bot/src/platform/i18n) somewhere, its {placeholders} filled in any way. */
export function says(text: string, message: string): boolean {
  const pattern = message
    .split(/\{\w+\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.+');
  return new RegExp(pattern, 's').test(text);
}

/**
 * The fuzz tests send thousands of requests as a few people from one address: limits far above that, so every
 * case reaches the check it is about. The limits have tests of their own.
 */
export const FUZZ_LIMITS: Pick<Config, 'limits'> = {
  limits: { turnsPerMinute: 1_000_000, signalsPerHour: 1_000_000, apiPerMinute: 1_000_000, apiPerIpPerMinute: 1_000_000 },
};

/** Keys that reach Object.prototype when code copies objects carelessly. */
const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

const NASTY_STRINGS: readonly string[] = [
  '',
  ' ',
  '\t\r\n',
  '\u0000',
  'a\u0000b',
  // Lone surrogates: valid in a JS string and in JSON text, not in UTF-8.
  '\ud800',
  '\udfff',
  'x\ud83dy',
  // Bidirectional overrides and marks, zero-width characters, the BOM, line and paragraph separators.
  '\u202egpj.exe',
  '\u200f\u200e',
  '\u200b\u200c\u200d',
  '\ufeff',
  '\u2028\u2029',
  // Combining marks stacked on one letter.
  'e\u0301\u0301\u0301\u0301',
  'Z\u0364\u0354\u0367\u0311a\u0356\u032d\u0308l\u036e\u0312\u036bo',
  '😀',
  '👩‍👩‍👧‍👦',
  '𝕏',
  // Markup and injections.
  '**vet** _schuin_ [klik](https://evil.example)',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '${$root}',
  '${$data.token}',
  '{{name}}',
  "'; DROP TABLE signals; --",
  '%s%n%x',
  '../../../etc/passwd',
  'javascript:alert(1)',
  // Names that mean something to JavaScript objects.
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  // Numbers as text: NaN and Infinity are not JSON, so they come as strings.
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '-1e309',
  '-0',
  '0x10',
  '0b11',
  '1_000',
  '٣',
  ' 1 ',
  '1.5',
  '9007199254740993',
  '-1',
  '0',
  'true',
  'null',
  'undefined',
  '[]',
  '{}',
];

/** Characters that are each a known trouble-maker, to build strings from. */
const TROUBLE_CHARS = ['\u0000', '\ud800', '\udc00', '\u202e', '\u200b', '\u0301', '<', '>', '&', '"', "'", '\\', '`', '$', '{', '}', '*', '_', '[', ']', '\n', 'é', '中', '😀'];

/**
 * A long string: over every text limit the service has (500, 2,000 and 4,000 characters). Its length counts
 * characters (code points), as the service's limits do: an emoji is one, though two UTF-16 units.
 */
export const hugeString = fc
  .tuple(fc.integer({ min: 2_001, max: 20_000 }), fc.constantFrom('x', 'é', '😀', '\u0000', '<b>', ' '))
  .map(([length, unit]) => unit.repeat(length));

export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: fc.constantFrom(...TROUBLE_CHARS), maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 1, arbitrary: hugeString },
);

/** Numbers JSON can carry, at the edges. */
const edgeNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, -0, -1, 1, 1.5, -1.5, 2 ** 31, 2 ** 53, 2 ** 53 + 2, -(2 ** 53), 1e308, -1e308, Number.MIN_VALUE, 1_000_001, 6),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);

/** An object whose keys include prototype-pollution keys as own properties, as JSON.parse makes them. */
export function withOwnKeys(base: Record<string, unknown>, extra: ReadonlyArray<[string, unknown]>): Record<string, unknown> {
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of extra) Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
  return result;
}

const pollutingValue = fc.constantFrom<unknown>({ polluted: true }, { prototype: { polluted: true } }, 'polluted', [{ polluted: true }]);

/** Extra keys a payload should survive: pollution keys, Teams' own `msteams`, and random ones. */
export const junkKeys: fc.Arbitrary<Array<[string, unknown]>> = fc.array(
  fc.oneof(
    fc.tuple(fc.constantFrom(...POLLUTION_KEYS), pollutingValue),
    fc.tuple(fc.constant('msteams'), fc.constantFrom<unknown>({ tenantId: 'x' }, null, 'x')),
    fc.tuple(fc.string({ maxLength: 12 }), fc.oneof(nastyString, edgeNumber, fc.boolean())),
  ),
  { minLength: 1, maxLength: 4 },
);

/** Nesting deeper than any form has: objects and arrays inside each other. */
export const deeplyNested: fc.Arbitrary<unknown> = fc
  .tuple(fc.integer({ min: 20, max: 3_000 }), fc.boolean())
  .map(([depth, arrays]) => {
    let value: unknown = 'deep';
    for (let i = 0; i < depth; i++) value = arrays ? [value] : { a: value };
    return value;
  });

/** Any JSON value, its leaves adversarial, its objects with pollution keys now and then. */
export const nastyJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown; object: Record<string, unknown> }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    nastyString,
    edgeNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    tie('object'),
  ),
  object: fc
    .tuple(fc.dictionary(fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('action', 'verb', 'workshopId', 'id', 'text')), tie('value'), { maxKeys: 4 }), fc.option(junkKeys, { nil: undefined }))
    .map(([object, extra]) => withOwnKeys(object, extra ?? [])),
})).value;

/** A value of any JSON type but a string. */
export const notAString: fc.Arbitrary<unknown> = fc.oneof(edgeNumber, fc.boolean(), fc.constant(null), fc.array(nastyString, { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), nastyString, { maxKeys: 2 }), deeplyNested);

/** A value of any JSON type but a number or a numeric string, plus numeric strings no form sends. */
export const notANumber: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(true, false, null, [], [3], ['1'], {}, { valueOf: 3 }, 'NaN', 'Infinity', '1e309', '-1e309', '0x3', '0b1', '1_0', '٣', 'drie', '', ' ', '3;', '3 4'),
  fc.string({ maxLength: 8 }).filter((s) => !/^\s*-?\d+(\.\d+)?\s*$/.test(s)),
  deeplyNested,
);

/** A string that is not one of `allowed`: look-alikes (case, spaces, zero-width, homoglyphs) first. */
export function notOneOf(allowed: readonly string[]): fc.Arbitrary<unknown> {
  const lookalikes = fc
    .tuple(fc.constantFrom(...allowed), fc.constantFrom<(s: string) => string>((s) => s.toUpperCase(), (s) => ` ${s}`, (s) => `${s}\u200b`, (s) => `${s}\u0000`, (s) => s.replace(/e/, 'е'), (s) => s.replace(/-/g, '_'), (s) => s.slice(1), (s) => `${s}s`))
    .map(([s, change]) => change(s));
  return fc.oneof(lookalikes, nastyString, notAString).filter((v) => typeof v !== 'string' || !allowed.includes(v));
}

/** A uuid's look-alikes that are not uuids. */
export const notAUuid: fc.Arbitrary<unknown> = fc.oneof(
  fc.uuid().map((u) => u.replace(/-/g, '')),
  fc.uuid().map((u) => `${u.slice(0, -1)}g`),
  fc.uuid().map((u) => `${u} `),
  fc.uuid().map((u) => `{${u}}`),
  fc.uuid().map((u) => `${u}\u0000`),
  fc.uuid().map((u) => `${u}'; --`),
  nastyString,
  notAString,
).filter((v) => typeof v !== 'string' || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v));

/** Marks a field as left out. */
export const ABSENT = Symbol('absent');

/**
 * A valid payload with one field broken (replaced by one of its breakers, or left out when the breakers say
 * so), sometimes with junk keys added: the rest stays valid, so the case reaches the check of that field.
 */
export function oneFieldBroken(valid: Record<string, unknown>, breakers: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Record<string, unknown>> {
  const fields = Object.keys(breakers);
  return fc
    .constantFrom(...fields)
    .chain((field) => fc.tuple(fc.constant(field), breakers[field]!, fc.option(junkKeys, { nil: undefined, freq: 3 })))
    .map(([field, value, extra]) => {
      const { [field]: _dropped, ...rest } = valid;
      return withOwnKeys(value === ABSENT ? rest : { ...rest, [field]: value }, extra ?? []);
    });
}

/** Teams locales and others; the expected language of each is written out here, not taken from the service. */
const LOCALES: ReadonlyArray<{ tag: string | undefined; language: 'nl' | 'en' }> = [
  { tag: 'nl-NL', language: 'nl' },
  { tag: 'en-US', language: 'en' },
  { tag: 'en-GB', language: 'en' },
  { tag: 'nl-BE', language: 'nl' },
  { tag: 'fr-FR', language: 'nl' },
  { tag: 'EN-us', language: 'en' },
  { tag: '', language: 'nl' },
  { tag: undefined, language: 'nl' },
  { tag: '\u202een-US', language: 'nl' },
  { tag: 'x'.repeat(300), language: 'nl' },
];
export const locale = fc.constantFrom(...LOCALES);
