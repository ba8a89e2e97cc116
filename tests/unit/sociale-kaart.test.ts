import kaart from '../../bot/src/storage/seeds/sociale-kaart.json';
import { referralSchema, socialeKaartSchema } from '../../bot/src/domain/referrals/referral';
import { emergencyPlaces, route } from '../../bot/src/domain/referrals/routing';
import {
  CATEGORIES,
  ORGANISATION_ROLES as ORGANISATION_ROLE_LIST,
  PUBLIC_ROLES,
  type ReferralRole,
  WISHES,
} from '../../bot/src/domain/signals/vocabulary';

const parsed = socialeKaartSchema.parse(kaart);
const { organisations, referrals, routingRules } = parsed;

const ORGANISATION_ROLES: readonly ReferralRole[] = ORGANISATION_ROLE_LIST;
const RIJK_ROLES: readonly ReferralRole[] = PUBLIC_ROLES;

const rijkEntry = (role: ReferralRole) => {
  const found = referrals.filter((r) => r.organisation === 'rijk' && r.role === role);
  expect(found).toHaveLength(1);
  return found[0]!;
};
const ruleFor = (category: string, wish: string) =>
  routingRules.find((r) => r.category === category && r.wish === wish);
/** What the router would pick: the exact wish, else the "*" rule. */
const routeFor = (category: string, wish: string) => ruleFor(category, wish) ?? ruleFor(category, '*');
const hostOf = (value: string) => (value.includes('@') ? value.split('@')[1]! : new URL(value).hostname);

/** The organisations of the pilot's facilitator pool (seed 001), which the seed must cover. */
const ORGANISATIONS = ['belastingdienst', 'bzk', 'financien', 'jenv', 'ubr'];

describe('sociale kaart seed', () => {
  it('parses with socialeKaartSchema', () => {
    expect(socialeKaartSchema.safeParse(kaart).success).toBe(true);
  });

  it('lists the five organisations of the pilot exactly once, with a Dutch and English name', () => {
    expect(organisations.map((o) => o.code).sort()).toEqual([...ORGANISATIONS].sort());
    expect(organisations.find((o) => o.code === 'bzk')?.name).toEqual({
      nl: 'Ministerie van Binnenlandse Zaken en Koninkrijksrelaties',
      en: 'Ministry of the Interior and Kingdom Relations',
    });
  });

  it('has unique referral ids', () => {
    const ids = referrals.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives every organisation every organisation-level role', () => {
    for (const organisation of ORGANISATIONS) {
      for (const role of ORGANISATION_ROLES) {
        const found = referrals.filter((r) => r.organisation === organisation && r.role === role);
        expect({ organisation, role, present: found.length >= 1 }).toEqual({ organisation, role, present: true });
      }
    }
  });

  it('has each public service once, Rijk-wide', () => {
    for (const role of RIJK_ROLES) rijkEntry(role);
  });

  it('uses the real public numbers and sites exactly', () => {
    expect(rijkEntry('alarmnummer-112').contact).toEqual({ phone: '112' });
    const zmp = rijkEntry('zelfmoordpreventie-113');
    expect(zmp.contact).toEqual({ phone: '0800-0113', site: 'https://www.113.nl' });
    expect(zmp.description.nl).toContain('of bel 113');
    expect(rijkEntry('huis-voor-klokkenluiders').contact).toEqual({
      phone: '088 133 1000',
      site: 'https://www.huisvoorklokkenluiders.nl',
    });
    expect(rijkEntry('college-rechten-van-de-mens').contact).toEqual({ site: 'https://www.mensenrechten.nl' });
  });

  it('keeps every fictional contact on example.org; anything else belongs to the "rijk" organisation', () => {
    for (const r of referrals) {
      const { teamsChat, mail, site } = r.contact;
      for (const value of [teamsChat, mail, site]) {
        if (value === undefined) continue;
        if (hostOf(value) !== 'example.org') expect({ id: r.id, organisation: r.organisation }).toEqual({ id: r.id, organisation: 'rijk' });
      }
    }
  });

  it('gives organisation entries only obviously fictional, unique phone numbers', () => {
    const phones = referrals.filter((r) => r.organisation !== 'rijk').flatMap((r) => (r.contact.phone ? [r.contact.phone] : []));
    expect(phones.length).toBeGreaterThan(0);
    for (const phone of phones) expect(phone).toMatch(/^088 000 \d{4}$/);
    expect(new Set(phones).size).toBe(phones.length);
  });

  it('gives the emergency desk of every organisation a phone number', () => {
    for (const organisation of ORGANISATIONS) {
      const desk = referrals.find((r) => r.organisation === organisation && r.role === 'noodcontact');
      expect(desk?.contact.phone).toBeDefined();
    }
  });

  it('routes only to roles that every organisation, or the Rijk, can name', () => {
    const rijkRoles = new Set(referrals.filter((r) => r.organisation === 'rijk').map((r) => r.role));
    for (const rule of routingRules) {
      for (const role of rule.roles) {
        const everywhere = ORGANISATIONS.every((o) => referrals.some((r) => r.organisation === o && r.role === role));
        expect({ role, reachable: everywhere || rijkRoles.has(role) }).toEqual({ role, reachable: true });
      }
    }
  });

  it('has a "*" rule for every category', () => {
    for (const category of CATEGORIES) expect({ category, rule: ruleFor(category, '*') !== undefined }).toEqual({ category, rule: true });
  });

  it('never has the same (category, wish) twice, nor a role twice in one rule', () => {
    const keys = routingRules.map((r) => `${r.category}/${r.wish}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const rule of routingRules) expect(new Set(rule.roles).size).toBe(rule.roles.length);
  });

  it('routes as the product asks', () => {
    const first = (category: string, wish: string) => routeFor(category, wish)!.roles[0];
    const named = (category: string, wish: string) => routeFor(category, wish)!.roles;
    for (const wish of WISHES) {
      expect(first('seksuele-intimidatie', wish)).toBe('vertrouwenspersoon-ongewenst-gedrag');
      for (const category of ['pesten', 'intimidatie-agressie', 'uitsluiting', 'discriminatie', 'iets-anders']) {
        expect(first(category, wish)).toBe('vertrouwenspersoon-ongewenst-gedrag');
      }
    }
    expect(named('integriteit', 'advies').slice(0, 2)).toEqual(['vertrouwenspersoon-integriteit', 'integriteitsloket']);
    expect(first('integriteit', 'formeel-melden')).toBe('integriteitsloket');
    expect(named('misstand', 'formeel-melden').slice(0, 2)).toEqual(['meldpunt-misstanden', 'huis-voor-klokkenluiders']);
    expect(first('misstand', 'advies')).toBe('vertrouwenspersoon-integriteit');
    // Just letting it be known is not a formal report: the signal goes to the counsellor, not the formal channel.
    expect(first('misstand', 'alleen-laten-weten')).toBe('vertrouwenspersoon-integriteit');
    expect(named('misstand', 'advies')).toContain('huis-voor-klokkenluiders');
    expect(named('werkdruk-spanning', 'advies')).toEqual(['bedrijfsarts', 'bedrijfsmaatschappelijk-werk']);
    expect(named('discriminatie', 'formeel-melden')).toContain('college-rechten-van-de-mens');
    for (const category of ['pesten', 'intimidatie-agressie', 'uitsluiting']) {
      expect(named(category, 'gesprek').slice(0, 2)).toEqual(['vertrouwenspersoon-ongewenst-gedrag', 'mediation']);
    }
    expect(first('leidinggevende-hierarchie', 'advies')).toBe('vertrouwenspersoon-ongewenst-gedrag');
    expect(first('leidinggevende-hierarchie', 'formeel-melden')).toBe('hr-adviseur');
    expect(named('iets-anders', 'advies')).toEqual(['vertrouwenspersoon-ongewenst-gedrag', 'bedrijfsmaatschappelijk-werk']);
  });

  it('lets the router name one or two places for every organisation, category and wish', () => {
    for (const organisation of ORGANISATIONS) {
      for (const category of CATEGORIES) {
        for (const wish of WISHES) {
          const advice = route({ category, wish, organisation }, routingRules, referrals);
          expect(advice.places.length).toBeGreaterThanOrEqual(1);
          expect(advice.places.length).toBeLessThanOrEqual(2);
          for (const place of advice.places) expect(['rijk', organisation]).toContain(place.organisation);
        }
      }
    }
  });

  it('gives acute danger 112, 113 and the organisation\'s own emergency desk', () => {
    for (const organisation of ORGANISATIONS) {
      expect(emergencyPlaces(referrals, organisation).map((p) => p.id)).toEqual([
        'rijk-alarmnummer-112',
        'rijk-zelfmoordpreventie-113',
        `${organisation}-noodcontact`,
      ]);
    }
  });

  it('is "snel" for sexual harassment and intimidation or aggression, "normaal" otherwise; never "direct"', () => {
    for (const rule of routingRules) {
      const snel = rule.category === 'seksuele-intimidatie' || rule.category === 'intimidatie-agressie';
      expect({ rule: `${rule.category}/${rule.wish}`, urgency: rule.urgency }).toEqual({
        rule: `${rule.category}/${rule.wish}`,
        urgency: snel ? 'snel' : 'normaal',
      });
    }
  });

  it('speaks Dutch everywhere', () => {
    for (const r of referrals) expect(r.languages).toContain('nl');
  });

  describe('the schema rejects a broken entry', () => {
    const good = referrals.find((r) => r.id === 'bzk-vertrouwenspersoon-ongewenst-gedrag')!;

    it('accepts the good entry it starts from', () => {
      expect(referralSchema.safeParse(good).success).toBe(true);
    });

    it('rejects a referral without any way to reach them', () => {
      expect(referralSchema.safeParse({ ...good, contact: {} }).success).toBe(false);
    });

    it('rejects a plain-http site, a bad phone, a missing English text and an unknown role', () => {
      expect(referralSchema.safeParse({ ...good, contact: { site: 'http://example.org/x' } }).success).toBe(false);
      expect(referralSchema.safeParse({ ...good, contact: { phone: 'bel ons' } }).success).toBe(false);
      expect(referralSchema.safeParse({ ...good, hours: { nl: 'Ma–vr' } }).success).toBe(false);
      expect(referralSchema.safeParse({ ...good, role: 'helpdesk' }).success).toBe(false);
    });

    it('rejects a routing rule naming more than three places', () => {
      const rule = { ...routingRules[0]!, roles: ['hr-adviseur', 'mediation', 'bedrijfsarts', 'noodcontact'] };
      expect(socialeKaartSchema.safeParse({ ...kaart, routingRules: [rule] }).success).toBe(false);
    });
  });
});
