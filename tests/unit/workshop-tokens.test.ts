import { KeyRing } from '../../bot/src/platform/crypto/signal-keys';
import { TOKEN_PATTERN, WorkshopTokens } from '../../bot/src/features/workshops/workshop-tokens';

const OLD = Buffer.alloc(32, 7);
const NEW = Buffer.alloc(32, 9);
const WORKSHOP = '3f0c2a9e-4b1d-4c6e-9a7b-1d2e3f4a5b6c';
const PERSON = { aadObjectId: '0b7c8d9e-1f2a-4b3c-8d4e-5f6a7b8c9d0e' };

describe('workshop tokens', () => {
  it('are 32 base64url characters and bind one workshop to one person', () => {
    const tokens = new WorkshopTokens(new KeyRing(NEW));
    const token = tokens.calendarToken(WORKSHOP, PERSON.aadObjectId);
    expect(token).toMatch(TOKEN_PATTERN);
    expect(tokens.calendarMatches(WORKSHOP, token, [PERSON])).toBe(true);
    expect(tokens.calendarMatches(WORKSHOP, token, [{ aadObjectId: '1b7c8d9e-1f2a-4b3c-8d4e-5f6a7b8c9d0e' }])).toBe(false);
    expect(tokens.calendarMatches('4f0c2a9e-4b1d-4c6e-9a7b-1d2e3f4a5b6c', token, [PERSON])).toBe(false);
    // A calendar token is no planning-form token for the same ids.
    expect(tokens.planFormMatches(WORKSHOP, token, PERSON.aadObjectId)).toBe(false);
  });

  it('made before a key rotation still match while the old key is listed as previous, and no longer once it is removed', () => {
    const before = new WorkshopTokens(new KeyRing(OLD));
    const calendar = before.calendarToken(WORKSHOP, PERSON.aadObjectId);
    const form = before.planFormToken('form-1', PERSON.aadObjectId);

    const rotated = new WorkshopTokens(new KeyRing(NEW, [OLD]));
    expect(rotated.calendarMatches(WORKSHOP, calendar, [PERSON])).toBe(true);
    expect(rotated.planFormMatches('form-1', form, PERSON.aadObjectId)).toBe(true);
    // New tokens are made under the new key.
    expect(rotated.calendarToken(WORKSHOP, PERSON.aadObjectId)).not.toBe(calendar);

    const retired = new WorkshopTokens(new KeyRing(NEW));
    expect(retired.calendarMatches(WORKSHOP, calendar, [PERSON])).toBe(false);
    expect(retired.planFormMatches('form-1', form, PERSON.aadObjectId)).toBe(false);
  });
});
