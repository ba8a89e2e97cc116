import { en, nl } from '../support/strings';
import kaart from '../../bot/src/samples/sociale-kaart.json';
import { MAX_PLACES, referralSchema, socialeKaartSchema } from '../../bot/src/shared/api/kaart';
import { emergencyPlaces, isStaffed, placesForTopic, route, unstaffedRules } from '../../bot/src/features/kaart/routing';
import {
  CATEGORIES,
  LOKET,
  type Category,
  EMERGENCY_ROLES,
  ORGANISATION_ROLES as ORGANISATION_ROLE_LIST,
  PUBLIC_ROLES,
  type ReferralRole,
  type Wish,
  WISHES,
} from '../../bot/src/shared/signal-vocabulary';
import { signalReceiptCard } from '../../bot/src/features/signals/signal-cards';
import { seededCounsellors } from '../../bot/src/features/desk/seed-counsellors';

const parsed = socialeKaartSchema.parse(kaart);
const { organisations, referrals, routingRules } = parsed;

const ORGANISATION_ROLES: readonly ReferralRole[] = ORGANISATION_ROLE_LIST;
const RIJK_ROLES: readonly ReferralRole[] = PUBLIC_ROLES;

/** The inboxes the sample counsellors read, as the database gives them to routing. */
const staffed = seededCounsellors().counsellors.flatMap((c) => c.roles.map((role) => ({ organisation: c.organisation, role })));

const rijkEntry = (role: ReferralRole) => {
  const found = referrals.filter((r) => r.organisation === 'rijk' && r.role === role);
  expect(found).toHaveLength(1);
  return found[0]!;
};
const hostOf = (value: string) => (value.includes('@') ? value.split('@')[1]! : new URL(value).hostname);

/** The organisations of the pilot's facilitator pool (seed 001), which the seed must cover. */
const ORGANISATIONS = ['belastingdienst', 'bzk', 'financien', 'jenv', 'ubr'];
const everyConcern = ORGANISATIONS.flatMap((organisation) => CATEGORIES.flatMap((category) => WISHES.map((wish) => ({ organisation, category, wish }))));
const rolesFor = (category: Category, wish: Wish, organisation = 'bzk') => route({ category, wish, organisation }, routingRules, referrals, staffed).places.map((p) => p.role);

/**
 * Whether a phone could ring anywhere when dialled from the Netherlands: a Dutch number (0 and nine digits not
 * starting with 0), a service or short number, or an international one ("00" or "+" and a country code, which
 * never starts with 0).
 */
function diallable(phone: string): boolean {
  const digits = phone.replace(/[^0-9+]/g, '');
  return /^0[1-9]\d{8}$/.test(digits) || /^0[89]00\d{4,7}$/.test(digits) || /^1\d{2,5}$/.test(digits) || /^(00|\+)[1-9]\d{6,14}$/.test(digits);
}

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

  it('gives every organisation every organisation-level role but the sociaal loket, a desk an organisation may set up, never a place the advice names', () => {
    for (const organisation of ORGANISATIONS) {
      for (const role of ORGANISATION_ROLES.filter((r) => r !== LOKET)) {
        const found = referrals.filter((r) => r.organisation === organisation && r.role === role);
        expect({ organisation, role, present: found.length >= 1 }).toEqual({ organisation, role, present: true });
      }
    }
  });

  it('has each public service once, Rijk-wide', () => {
    for (const role of RIJK_ROLES) rijkEntry(role);
  });

  it('uses the real public numbers and sites exactly (sources in docs/ROUTING.md)', () => {
    expect(rijkEntry('alarmnummer-112').contact).toEqual({ phone: '112' });
    const zmp = rijkEntry('zelfmoordpreventie-113');
    expect(zmp.contact).toEqual({ phone: '0800-0113', site: 'https://www.113.nl' });
    expect(zmp.description.nl).toContain('of bel 113');
    expect(rijkEntry('huis-voor-klokkenluiders').contact).toEqual({ phone: '088 133 1000', site: 'https://www.huisvoorklokkenluiders.nl' });
    expect(rijkEntry('vertrouwenslijn').contact).toEqual({ phone: '0800 2800 200', site: 'https://www.devertrouwenslijn.nl' });
    expect(rijkEntry('college-rechten-van-de-mens').contact).toEqual({ phone: '030 888 38 88', site: 'https://www.mensenrechten.nl' });
    expect(rijkEntry('discriminatie-nl').contact).toEqual({ site: 'https://www.discriminatie.nl' });
    expect(rijkEntry('centrum-seksueel-geweld').contact).toEqual({ phone: '0800-0188', site: 'https://www.centrumseksueelgeweld.nl' });
    expect(rijkEntry('slachtofferhulp').contact).toEqual({ phone: '0900-0101', site: 'https://www.slachtofferhulp.nl' });
    expect(rijkEntry('politie').contact).toEqual({ phone: '0900-8844', site: 'https://www.politie.nl' });
    for (const role of RIJK_ROLES) {
      const { phone } = rijkEntry(role).contact;
      if (phone) expect({ role, diallable: diallable(phone) }).toEqual({ role, diallable: true });
    }
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

  it('gives organisation entries unique sample phone numbers that cannot ring anywhere', () => {
    const phones = referrals.filter((r) => r.organisation !== 'rijk').flatMap((r) => (r.contact.phone ? [r.contact.phone] : []));
    expect(phones.length).toBeGreaterThan(0);
    for (const phone of phones) {
      expect(phone).toMatch(/^000-000 \d{4}$/);
      expect({ phone, diallable: diallable(phone) }).toEqual({ phone, diallable: false });
    }
    expect(new Set(phones).size).toBe(phones.length);
    // The check can fail: the old sample pattern looked like a real 088 company number.
    expect(diallable('088 000 1001')).toBe(true);
  });

  it('never lets a sample desk claim to answer day and night, and says its hours are an example', () => {
    const roundTheClock = /24\s*\/\s*7|24 uur|dag en nacht|day and night|24 hours|altijd bereikbaar|always available/i;
    for (const r of referrals.filter((x) => x.organisation !== 'rijk')) {
      for (const text of [r.description.nl, r.description.en, r.hours.nl, r.hours.en]) {
        expect({ id: r.id, roundTheClock: roundTheClock.test(text) }).toEqual({ id: r.id, roundTheClock: false });
      }
    }
    for (const organisation of ORGANISATIONS) {
      const desk = referrals.find((r) => r.organisation === organisation && r.role === 'noodcontact')!;
      expect(desk.contact.phone).toBeDefined();
      expect(desk.hours.nl).toMatch(/^Voorbeeld/);
      expect(desk.hours.en).toMatch(/^Sample/);
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
    for (const category of CATEGORIES) expect({ category, rule: routingRules.some((r) => r.category === category && r.wish === '*') }).toEqual({ category, rule: true });
  });

  it('never has the same (category, wish) twice, nor a role twice in one rule', () => {
    const keys = routingRules.map((r) => `${r.category}/${r.wish}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const rule of routingRules) expect(new Set(rule.roles).size).toBe(rule.roles.length);
  });

  it('speaks Dutch everywhere', () => {
    for (const r of referrals) expect(r.languages).toContain('nl');
  });
});

describe('the routing table of the sample kaart', () => {
  it('gives every category × wish × organisation a place a counsellor staffs, or the honest advice wording', () => {
    for (const concern of everyConcern) {
      const advice = route(concern, routingRules, referrals, staffed);
      expect(advice.places.length).toBeGreaterThanOrEqual(1);
      for (const place of advice.places) expect(['rijk', concern.organisation]).toContain(place.organisation);
      if (advice.hasInbox) {
        const inbox = advice.places.find((p) => p.role === advice.inboxRole)!;
        expect({ ...concern, staffed: isStaffed(staffed, concern.organisation, inbox) }).toEqual({ ...concern, staffed: true });
        continue;
      }
      // Nobody reads it: the receipt of a wished conversation promises no answer and sends the person to the places.
      const submission = { submissionId: '6f1c1a52-8d0e-4a4f-9f57-0c9a0b6b1e11', anonymity: 'anoniem' as const, ...concern };
      for (const [t, locale] of [[nl, 'nl'], [en, 'en']] as const) {
        const receipt = JSON.stringify(signalReceiptCard(t, locale, { outcome: 'stored', caseCode: 'SV-ABCD-2345', status: 'geteld', advice, submission, textKept: false, arrival: { via: 'mixer', withinMs: 86_400_000 } }));
        if (concern.wish === 'gesprek') expect(receipt).toContain(JSON.stringify(t.signal.nextNoInbox).slice(1, -1));
        expect(receipt).not.toContain(JSON.stringify(t.signal.next.gesprek.split('{place}').at(-1)).slice(1, -1));
      }
    }
  });

  it('lists the rules whose inbox nobody staffs (the same list the start-up warning logs)', () => {
    const unstaffed = unstaffedRules(routingRules, referrals, staffed, ORGANISATIONS);
    const byRule = [...new Set(unstaffed.map((r) => `${r.category}/${r.wish}`))].sort();
    expect(byRule).toEqual([
      'agressie-burgers-klanten/*',
      'agressie-burgers-klanten/formeel-melden',
      'werkdruk-spanning/*',
      'werkdruk-spanning/alleen-laten-weten',
      'werkdruk-spanning/formeel-melden',
      'werkdruk-spanning/gesprek',
    ]);
    // The sample staffs the same places in every organisation, so each rule is listed for all five.
    expect(unstaffed).toHaveLength(byRule.length * ORGANISATIONS.length);
  });

  it('never names more places than a rule may hold, plus one desk for acute need', () => {
    for (const rule of routingRules) expect(rule.roles.length).toBeLessThanOrEqual(MAX_PLACES);
    for (const concern of everyConcern) expect(route(concern, routingRules, referrals, staffed).places.length).toBeLessThanOrEqual(MAX_PLACES + 1);
  });

  it('shows a place for acute need for every urgent concern, in every organisation', () => {
    for (const concern of everyConcern) {
      const advice = route(concern, routingRules, referrals, staffed);
      if (advice.urgency === 'normaal') continue;
      const emergency = advice.places.filter((p) => (EMERGENCY_ROLES as readonly string[]).includes(p.role));
      expect({ ...concern, emergency: emergency.length > 0 }).toEqual({ ...concern, emergency: true });
    }
    expect(rolesFor('intimidatie-agressie', 'gesprek')).toContain('noodcontact');
    expect(rolesFor('seksuele-intimidatie', 'advies')).toContain('centrum-seksueel-geweld');
    expect(rolesFor('agressie-burgers-klanten', 'advies')).toContain('noodcontact');
  });

  it('is "snel" for sexual harassment, intimidation and aggression from citizens or clients, "normaal" otherwise; never "direct"', () => {
    const snel: readonly string[] = ['seksuele-intimidatie', 'intimidatie-agressie', 'agressie-burgers-klanten'];
    for (const rule of routingRules) {
      expect({ rule: `${rule.category}/${rule.wish}`, urgency: rule.urgency }).toEqual({ rule: `${rule.category}/${rule.wish}`, urgency: snel.includes(rule.category) ? 'snel' : 'normaal' });
    }
  });

  it('routes a formal complaint about ongewenste omgangsvormen to the vertrouwenspersoon and the klachtencommissie, not HR', () => {
    for (const category of ['pesten', 'intimidatie-agressie', 'seksuele-intimidatie', 'discriminatie', 'uitsluiting', 'leidinggevende-hierarchie'] as const) {
      for (const organisation of ORGANISATIONS) {
        const roles = rolesFor(category, 'formeel-melden', organisation);
        expect({ category, first: roles[0], kcoo: roles.includes('klachtencommissie-ongewenste-omgangsvormen'), hr: roles.includes('hr-adviseur') }).toEqual({
          category,
          first: 'vertrouwenspersoon-ongewenst-gedrag',
          kcoo: true,
          hr: false,
        });
      }
    }
    for (const hr of referrals.filter((r) => r.role === 'hr-adviseur')) expect(`${hr.description.nl} ${hr.description.en}`).not.toMatch(/klacht|complaint/i);
    const kcoo = referrals.find((r) => r.id === 'bzk-klachtencommissie-ongewenste-omgangsvormen')!;
    expect(kcoo.description.nl).toContain('Klachtenregeling ongewenste omgangsvormen Rijk');
    expect(kcoo.description.nl).toContain('vertrouwenspersoon kan je begeleiden');
  });

  it('keeps mediation out of concerns with a power imbalance, and offers it for other conflicts', () => {
    for (const category of ['pesten', 'intimidatie-agressie', 'seksuele-intimidatie', 'discriminatie', 'uitsluiting', 'leidinggevende-hierarchie'] as const) {
      for (const wish of WISHES) expect({ category, wish, mediation: rolesFor(category, wish).includes('mediation') }).toEqual({ category, wish, mediation: false });
    }
    expect(rolesFor('pesten', 'gesprek')).toEqual(['vertrouwenspersoon-ongewenst-gedrag', 'bedrijfsmaatschappelijk-werk']);
    expect(rolesFor('iets-anders', 'gesprek')).toContain('mediation');
  });

  it('routes aggression from citizens or clients to the incident report, the manager, the police and aftercare', () => {
    expect(rolesFor('agressie-burgers-klanten', 'advies')).toEqual(['incidentmelding-agressie', 'leidinggevende', 'bedrijfsopvangteam', 'noodcontact']);
    expect(rolesFor('agressie-burgers-klanten', 'formeel-melden').slice(0, 2)).toEqual(['incidentmelding-agressie', 'politie']);
    expect(rolesFor('agressie-burgers-klanten', 'gesprek')).toEqual(expect.arrayContaining(['bedrijfsopvangteam', 'bedrijfsmaatschappelijk-werk']));
    expect(rijkEntry('politie').description.nl).toContain('adres van je werk');
    expect(referrals.find((r) => r.id === 'ubr-incidentmelding-agressie')!.name.nl).toContain('protocol agressie en geweld');
  });

  it('names the integrity routes with their terms', () => {
    expect(rolesFor('integriteit', 'advies')).toEqual(['vertrouwenspersoon-integriteit', 'integriteitsloket', 'vertrouwenslijn']);
    expect(rolesFor('integriteit', 'formeel-melden')[0]).toBe('integriteitsloket');
    expect(rolesFor('misstand', 'formeel-melden').slice(0, 2)).toEqual(['meldpunt-misstanden', 'huis-voor-klokkenluiders']);
    // Just letting it be known is not a formal report: the signal goes to the counsellor, not the formal channel.
    expect(rolesFor('misstand', 'alleen-laten-weten')[0]).toBe('vertrouwenspersoon-integriteit');
    for (const organisation of ORGANISATIONS) {
      expect(referrals.find((r) => r.id === `${organisation}-integriteitsloket`)!.hours.nl).toContain('Binnen 12 weken');
      expect(referrals.find((r) => r.id === `${organisation}-meldpunt-misstanden`)!.confidentiality.nl).toContain('op redelijke gronden');
    }
    expect(rijkEntry('vertrouwenslijn').description.nl).toContain('anoniem');
  });

  it('names the public services for sexual intimidation and discrimination', () => {
    expect(rolesFor('seksuele-intimidatie', 'advies')).toEqual(['vertrouwenspersoon-ongewenst-gedrag', 'centrum-seksueel-geweld', 'slachtofferhulp']);
    expect(rolesFor('discriminatie', 'advies')).toEqual(['vertrouwenspersoon-ongewenst-gedrag', 'discriminatie-nl', 'college-rechten-van-de-mens']);
    expect(rolesFor('discriminatie', 'alleen-laten-weten')).toContain('discriminatie-nl');
  });

  it('offers a vertrouwenspersoon from outside and the (naasthogere) leidinggevende "als dat veilig voelt", and the OR for werkdruk', () => {
    expect(rolesFor('leidinggevende-hierarchie', 'advies')).toEqual(['vertrouwenspersoon-ongewenst-gedrag', 'vertrouwenspersoon-extern', 'leidinggevende']);
    expect(rolesFor('leidinggevende-hierarchie', 'gesprek')).toContain('vertrouwenspersoon-extern');
    const manager = referrals.find((r) => r.id === 'jenv-leidinggevende')!;
    expect(manager.description.nl).toContain('Als dat veilig voelt');
    expect(manager.description.nl).toContain('naasthogere leidinggevende');
    expect(rolesFor('werkdruk-spanning', 'alleen-laten-weten')).toEqual(['preventiemedewerker', 'ondernemingsraad', 'bedrijfsarts']);
    expect(rolesFor('werkdruk-spanning', 'gesprek')).toEqual(['bedrijfsmaatschappelijk-werk', 'bedrijfsarts']);
  });

  it('shows "Met iemand praten" the places for a conversation first', () => {
    const topic = placesForTopic(referrals, routingRules, 'pesten', 'bzk').map((p) => p.role);
    expect(topic.slice(0, 2)).toEqual(['vertrouwenspersoon-ongewenst-gedrag', 'bedrijfsmaatschappelijk-werk']);
    expect(topic).toContain('klachtencommissie-ongewenste-omgangsvormen');
  });

  it("gives acute danger 112, 113 and the organisation's own emergency desk", () => {
    for (const organisation of ORGANISATIONS) {
      expect(emergencyPlaces(referrals, organisation).map((p) => p.id)).toEqual(['rijk-alarmnummer-112', 'rijk-zelfmoordpreventie-113', `${organisation}-noodcontact`]);
    }
  });
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

  it('rejects a routing rule naming more places than the advice shows', () => {
    const rule = { ...routingRules[0]!, roles: ['hr-adviseur', 'mediation', 'bedrijfsarts', 'noodcontact'] };
    expect(rule.roles.length).toBe(MAX_PLACES + 1);
    expect(socialeKaartSchema.safeParse({ ...kaart, routingRules: [rule] }).success).toBe(false);
    expect(socialeKaartSchema.safeParse({ ...kaart, routingRules: [{ ...rule, roles: rule.roles.slice(0, MAX_PLACES) }] }).success).toBe(true);
  });
});
