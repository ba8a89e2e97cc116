import { renderCard } from '../../bot/src/platform/cards/render';
import { userText, userTextRun } from '../../bot/src/platform/cards/user-text';

describe('user text in cards', () => {
  it('removes control, bidirectional and invisible characters', () => {
    expect(userText('a\u0000b\u0007c')).toBe('abc');
    expect(userText('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(userText('zero\u200Bwidth\uFEFF')).toBe('zerowidth');
  });

  it('keeps ordinary text, line breaks, accents and emoji (with joiners) intact', () => {
    const text = 'Coördinator zei:\n"dat is niet jouw zaak" 👩‍💻';
    expect(userText(text)).toBe(text);
  });

  it('normalises line endings and trims runs of empty lines', () => {
    expect(userText('a\r\nb\r\n\r\n\r\n\r\nc')).toBe('a\nb\n\nc');
  });

  it('bounds the length by characters, not bytes, and marks the cut', () => {
    const cut = userText('😀'.repeat(30), 10);
    expect(Array.from(cut)).toHaveLength(10);
    expect(cut.endsWith('…')).toBe(true);
    expect(userText('x'.repeat(10), 10)).toBe('x'.repeat(10));
  });

  it('gives an empty string for anything that is not a string', () => {
    expect(userText(undefined)).toBe('');
    expect(userText({ toString: () => 'x' })).toBe('');
  });

  it('puts the text in a TextRun, which Teams renders without markdown', () => {
    expect(userTextRun('**vet** [klik](https://evil.example)')).toEqual({
      type: 'TextRun',
      text: '**vet** [klik](https://evil.example)',
    });
  });

  it('is substituted by the template engine, never evaluated', () => {
    const card = renderCard(
      { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: '${userNote}' }] }] },
      { userNote: userText("${string('x')} ${join(createArray(1,2), '-')} @{x}") },
    );
    expect((card.body as any)[0].inlines[0].text).toBe("${string('x')} ${join(createArray(1,2), '-')} @{x}");
  });
});

describe('renderCard', () => {
  it('gives independent cards when one template is rendered twice (the parsed template is reused)', () => {
    const template = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: '${title}' }] };
    const first = renderCard(template, { title: 'een' });
    const second = renderCard(template, { title: 'twee' });
    expect((first.body as any)[0].text).toBe('een');
    expect((second.body as any)[0].text).toBe('twee');
    (first.body as any)[0].text = 'changed';
    expect((renderCard(template, { title: 'drie' }).body as any)[0].text).toBe('drie');
    expect(template.body[0]!.text).toBe('${title}');
  });
});
