import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SignIn } from '../../tab/src/SignIn';
import { strings, type TabLocale } from '../../tab/src/strings';
import { renderInTheme } from './render';

/** The development sign-in (devSignIn in tab/src/api.ts) calls fetch itself; this stands in for the service. */
const serviceAnswering = (status: number, body: unknown) =>
  jest.fn(async (_url: string, _init: { method: string; headers: Record<string, string>; body: string }) => ({ ok: status < 300, status, json: async () => body }));

const show = (locale: TabLocale = 'nl') => {
  const onSignedIn = jest.fn();
  renderInTheme(<SignIn t={strings[locale]} onSignedIn={onSignedIn} />);
  return onSignedIn;
};

describe('SignIn', () => {
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
    sessionStorage.clear();
  });

  it('offers the fictional people by name (nl)', () => {
    show();

    const form = screen.getByRole('form', { name: 'Aanmelden (ontwikkelmodus)' });
    const persona = within(form).getByRole('combobox', { name: 'Persoon' }) as HTMLSelectElement;
    expect(within(persona).getAllByRole('option').map((o) => o.textContent)).toEqual(['Workshopbegeleider (Henk Jansen, Belastingdienst)', 'Workshopbegeleider (Anouk Verbeek, BZK)', 'Vertrouwenspersoon (Erik Mulder, J&V)', 'Coördinator', 'Netwerkcoördinator (Noor Hendriks, Financiën)', 'Medewerker']);
    expect(persona.value).toBe('facilitator');
    expect(within(form).getByRole('button', { name: 'Aanmelden' })).toBeTruthy();
  });

  it('signs in as the chosen person: POSTs the persona, keeps the token and says it is done', async () => {
    const fetch = serviceAnswering(200, { token: 'dev-token-counsellor' });
    globalThis.fetch = fetch as unknown as typeof globalThis.fetch;
    const onSignedIn = show('en');

    const persona = screen.getByRole('combobox', { name: 'Person' });
    await userEvent.selectOptions(persona, within(persona).getByRole('option', { name: 'Confidential adviser (Erik Mulder, J&V)' }));
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    await waitFor(() => expect(onSignedIn).toHaveBeenCalledTimes(1));
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('/api/dev/sign-in');
    expect(init.method).toBe('POST');
    expect(init.headers['content-type']).toBe('application/json');
    expect(JSON.parse(init.body)).toEqual({ persona: 'counsellor' });
    expect(sessionStorage.getItem('sociaal-veilig.dev-token')).toBe('dev-token-counsellor');
  });

  it.each([
    ['nl', 'Aanmelden', 'Aanmelden lukte niet.'],
    ['en', 'Sign in', 'Signing in did not work.'],
  ] as const)('says when signing in did not work (%s)', async (locale, submit, failed) => {
    globalThis.fetch = serviceAnswering(404, { error: 'not-found', message: 'Niet gevonden.' }) as unknown as typeof globalThis.fetch;
    const onSignedIn = show(locale);

    await userEvent.click(screen.getByRole('button', { name: submit }));

    expect(await screen.findByText(failed)).toBeTruthy();
    // Said as the field's validation message, so a screen reader reads it with the field.
    expect(screen.getByRole('combobox', { description: failed })).toBeTruthy();
    expect(onSignedIn).not.toHaveBeenCalled();
    expect(sessionStorage.getItem('sociaal-veilig.dev-token')).toBeNull();
  });
});
