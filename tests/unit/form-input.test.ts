import { z } from 'zod';
import { numberInput } from '../../bot/src/platform/form-input';
import { typedText } from '../../bot/src/shared/typed-text';

describe('card and form inputs', () => {
  const version = numberInput(z.number().int().min(1).max(1_000_000));

  it('reads a number as a card sends it: a JSON number, or the text of an Input.Number', () => {
    for (const [input, value] of [[3, 3], ['3', 3], [' 120 ', 120], ['-60', -60], ['4.5', 4.5]] as const) {
      expect(numberInput(z.number()).parse(input)).toBe(value);
    }
    expect(version.parse('7')).toBe(7);
  });

  it('refuses what z.coerce would have read as a number', () => {
    for (const input of [true, false, null, [1], ['1'], {}, '0x1', '0b1', '1e3', '1_0', 'NaN', 'Infinity', '', ' ', '٣', '1 2']) {
      expect(version.safeParse(input).success).toBe(false);
    }
    expect(version.safeParse('0').success).toBe(false);
    expect(version.safeParse(1.5).success).toBe(false);
  });

  it('takes typed text, emoji and every script, but no NUL and no lone surrogate', () => {
    const text = typedText().max(20);
    for (const ok of ['Zaal 1', 'Coördinator', '👩‍💻 中文', 'a\u200bb', '\u202eabc']) expect(text.safeParse(ok).success).toBe(true);
    for (const bad of ['a\u0000b', '\u0000', '\ud800', 'x\udfffy', '\ud83d']) expect(text.safeParse(bad).success).toBe(false);
    expect(text.safeParse('😀'.repeat(20)).success).toBe(true);
    expect(text.safeParse('x'.repeat(21)).success).toBe(false);
  });
});
