import type { Referral, RoutingRule } from '../../bot/src/shared/api/kaart';
import {
  emergencyPlaces,
  placesForTopic,
  route,
  RoutingError,
  ruleFor,
  type StaffedInbox,
  unstaffedRules,
} from '../../bot/src/features/kaart/routing';
import { warnUnstaffedInboxes } from '../../bot/src/features/kaart/unstaffed-warning';
import type { Organisation, ReferralRole } from '../../bot/src/shared/signal-vocabulary';

const place = (organisation: Organisation | 'rijk', role: ReferralRole): Referral => ({
  id: `${organisation}-${role}`,
  organisation,
  role,
  name: { nl: `${role} ${organisation}`, en: `${role} ${organisation}` },
  description: { nl: 'x', en: 'x' },
  contact: { mail: `${role}@example.org` },
  hours: { nl: 'x', en: 'x' },
  confidentiality: { nl: 'x', en: 'x' },
  languages: ['nl'],
});

const directory: Referral[] = [
  place('bzk', 'vertrouwenspersoon-ongewenst-gedrag'),
  place('bzk', 'vertrouwenspersoon-integriteit'),
  place('bzk', 'integriteitsloket'),
  place('bzk', 'meldpunt-misstanden'),
  place('bzk', 'bedrijfsarts'),
  place('bzk', 'bedrijfsmaatschappelijk-werk'),
  place('bzk', 'noodcontact'),
  place('ubr', 'vertrouwenspersoon-ongewenst-gedrag'),
  place('ubr', 'noodcontact'),
  place('rijk', 'huis-voor-klokkenluiders'),
  place('rijk', 'bedrijfsarts'),
  place('rijk', 'centrum-seksueel-geweld'),
  place('rijk', 'alarmnummer-112'),
  place('rijk', 'zelfmoordpreventie-113'),
];

const rules: RoutingRule[] = [
  { category: 'seksuele-intimidatie', wish: '*', roles: ['vertrouwenspersoon-ongewenst-gedrag', 'centrum-seksueel-geweld'], urgency: 'snel' },
  { category: 'intimidatie-agressie', wish: '*', roles: ['vertrouwenspersoon-ongewenst-gedrag', 'bedrijfsmaatschappelijk-werk'], urgency: 'snel' },
  { category: 'integriteit', wish: '*', roles: ['vertrouwenspersoon-integriteit', 'integriteitsloket'], urgency: 'normaal' },
  { category: 'integriteit', wish: 'formeel-melden', roles: ['integriteitsloket', 'vertrouwenspersoon-integriteit'], urgency: 'normaal' },
  { category: 'misstand', wish: '*', roles: ['meldpunt-misstanden', 'huis-voor-klokkenluiders', 'vertrouwenspersoon-integriteit'], urgency: 'normaal' },
  { category: 'werkdruk-spanning', wish: '*', roles: ['bedrijfsarts'], urgency: 'normaal' },
  { category: 'werkdruk-spanning', wish: 'gesprek', roles: ['bedrijfsmaatschappelijk-werk', 'bedrijfsarts', 'vertrouwenspersoon-ongewenst-gedrag'], urgency: 'normaal' },
];

/** The confidential advisers read their inboxes; nobody reads the integrity desk's, the social worker's or the doctor's. */
const staffed: StaffedInbox[] = [
  { organisation: 'bzk', role: 'vertrouwenspersoon-ongewenst-gedrag' },
  { organisation: 'bzk', role: 'vertrouwenspersoon-integriteit' },
  { organisation: 'ubr', role: 'vertrouwenspersoon-ongewenst-gedrag' },
];

describe('routing, the sociaal loket', () => {
  it('sends sexual intimidation to the vertrouwenspersoon of the organisation, quickly, with a place for acute need', () => {
    const advice = route({ category: 'seksuele-intimidatie', wish: 'advies', organisation: 'bzk' }, rules, directory, staffed);
    expect(advice.places.map((p) => p.id)).toEqual(['bzk-vertrouwenspersoon-ongewenst-gedrag', 'rijk-centrum-seksueel-geweld']);
    expect(advice).toMatchObject({ urgency: 'snel', inboxRole: 'vertrouwenspersoon-ongewenst-gedrag', hasInbox: true });
  });

  it('prefers the exact wish rule over the category default', () => {
    expect(ruleFor(rules, 'integriteit', 'formeel-melden').roles[0]).toBe('integriteitsloket');
    expect(ruleFor(rules, 'integriteit', 'gesprek').roles[0]).toBe('vertrouwenspersoon-integriteit');
  });

  it('names every place of the rule, in its order: a third place is not dropped', () => {
    const advice = route({ category: 'misstand', wish: 'formeel-melden', organisation: 'bzk' }, rules, directory, staffed);
    expect(advice.places.map((p) => p.id)).toEqual(['bzk-meldpunt-misstanden', 'rijk-huis-voor-klokkenluiders', 'bzk-vertrouwenspersoon-integriteit']);
  });

  it('sends the signal to the first place someone staffs, which need not be the first one named', () => {
    // The meldpunt leads the rule but nobody reads its inbox; the vertrouwenspersoon integriteit does.
    const advice = route({ category: 'misstand', wish: 'gesprek', organisation: 'bzk' }, rules, directory, staffed);
    expect(advice).toMatchObject({ inboxRole: 'vertrouwenspersoon-integriteit', hasInbox: true });
    const talk = route({ category: 'werkdruk-spanning', wish: 'gesprek', organisation: 'bzk' }, rules, directory, staffed);
    expect(talk.places[0]!.role).toBe('bedrijfsmaatschappelijk-werk');
    expect(talk).toMatchObject({ inboxRole: 'vertrouwenspersoon-ongewenst-gedrag', hasInbox: true });
  });

  it('sends "laten lezen" without a rule of its own to the desk that would talk, not to the category default', () => {
    const read = route({ category: 'werkdruk-spanning', wish: 'laten-lezen', organisation: 'bzk' }, rules, directory, staffed);
    const talk = route({ category: 'werkdruk-spanning', wish: 'gesprek', organisation: 'bzk' }, rules, directory, staffed);
    expect(read).toEqual(talk);
    // The category default (bedrijfsarts only, nobody staffs it) would have left it unread.
    expect(route({ category: 'werkdruk-spanning', wish: 'advies', organisation: 'bzk' }, rules, directory, staffed).hasInbox).toBe(false);
    // A rule of its own wins.
    const own = [...rules, { category: 'werkdruk-spanning' as const, wish: 'laten-lezen' as const, roles: ['bedrijfsarts' as const], urgency: 'normaal' as const }];
    expect(route({ category: 'werkdruk-spanning', wish: 'laten-lezen', organisation: 'bzk' }, own, directory, staffed).places.map((p) => p.role)).toEqual(['bedrijfsarts']);
  });

  it('gives "laten lezen" only to a vertrouwenspersoon: never to a desk that records and may investigate', () => {
    const onlyTheDesk: StaffedInbox[] = [{ organisation: 'bzk', role: 'integriteitsloket' }];
    expect(route({ category: 'integriteit', wish: 'gesprek', organisation: 'bzk' }, rules, directory, onlyTheDesk)).toMatchObject({ inboxRole: 'integriteitsloket', hasInbox: true });
    const read = route({ category: 'integriteit', wish: 'laten-lezen', organisation: 'bzk' }, rules, directory, onlyTheDesk);
    expect(read.hasInbox).toBe(false);
    expect(route({ category: 'integriteit', wish: 'laten-lezen', organisation: 'bzk' }, rules, directory, staffed)).toMatchObject({ inboxRole: 'vertrouwenspersoon-integriteit', hasInbox: true });
  });

  it("gives every signal to the organisation's sociaal loket first when someone staffs it, except \"laten lezen\", which a vertrouwenspersoon reads; the advice stays the same", () => {
    const withLoket: StaffedInbox[] = [...staffed, { organisation: 'bzk', role: 'sociaal-loket' }];
    const talk = route({ category: 'werkdruk-spanning', wish: 'gesprek', organisation: 'bzk' }, rules, directory, withLoket);
    expect(talk).toMatchObject({ inboxRole: 'sociaal-loket', hasInbox: true });
    // The places the person is told of are the rule's, as without a loket.
    expect(talk.places).toEqual(route({ category: 'werkdruk-spanning', wish: 'gesprek', organisation: 'bzk' }, rules, directory, staffed).places);
    expect(route({ category: 'integriteit', wish: 'laten-lezen', organisation: 'bzk' }, rules, directory, withLoket)).toMatchObject({ inboxRole: 'vertrouwenspersoon-integriteit', hasInbox: true });
    // A misstand goes to a desk that reads it (its receipt is confirmed within 7 days), as does an urgent concern.
    expect(route({ category: 'misstand', wish: 'gesprek', organisation: 'bzk' }, rules, directory, withLoket).inboxRole).toBe('vertrouwenspersoon-integriteit');
    const urgent = [...rules.filter((r) => r.category !== 'werkdruk-spanning'), { ...rules.find((r) => r.category === 'werkdruk-spanning' && r.wish === 'gesprek')!, urgency: 'direct' as const }];
    expect(route({ category: 'werkdruk-spanning', wish: 'gesprek', organisation: 'bzk' }, urgent, directory, withLoket).inboxRole).toBe('vertrouwenspersoon-ongewenst-gedrag');
    // With no desk that reads it staffed, the loket does not take it: it would wait there for ever.
    expect(route({ category: 'werkdruk-spanning', wish: 'gesprek', organisation: 'bzk' }, rules, directory, [{ organisation: 'bzk', role: 'sociaal-loket' }]).hasInbox).toBe(false);
    // Another organisation's loket is not this one's.
    expect(route({ category: 'werkdruk-spanning', wish: 'gesprek', organisation: 'bzk' }, rules, directory, [...staffed, { organisation: 'jenv', role: 'sociaal-loket' }]).inboxRole).toBe('vertrouwenspersoon-ongewenst-gedrag');
  });

  it('has no inbox when nobody staffs a place of the rule, even though the places exist', () => {
    const advice = route({ category: 'werkdruk-spanning', wish: 'advies', organisation: 'bzk' }, rules, directory, staffed);
    expect(advice.places.map((p) => p.id)).toEqual(['bzk-bedrijfsarts']);
    expect(advice.hasInbox).toBe(false);
    // The same concern with a counsellor for the doctor's inbox does reach it.
    expect(route({ category: 'werkdruk-spanning', wish: 'advies', organisation: 'bzk' }, rules, directory, [...staffed, { organisation: 'bzk', role: 'bedrijfsarts' }]).hasInbox).toBe(true);
  });

  it("counts a counsellor only for their own organisation's place, never for a Rijk-wide one", () => {
    const otherOrganisation = route({ category: 'integriteit', wish: 'advies', organisation: 'bzk' }, rules, directory, [{ organisation: 'ubr', role: 'vertrouwenspersoon-integriteit' }]);
    expect(otherOrganisation.hasInbox).toBe(false);
    const rijkWide = route({ category: 'werkdruk-spanning', wish: 'advies', organisation: 'ubr' }, rules, directory, [{ organisation: 'ubr', role: 'bedrijfsarts' }]);
    expect(rijkWide.places.map((p) => p.id)).toEqual(['rijk-bedrijfsarts']);
    expect(rijkWide.hasInbox).toBe(false);
  });

  it("adds the organisation's emergency desk to an urgent concern whose rule names no place for acute need", () => {
    const advice = route({ category: 'intimidatie-agressie', wish: 'gesprek', organisation: 'ubr' }, rules, directory, staffed);
    expect(advice.places.map((p) => p.id)).toEqual(['ubr-vertrouwenspersoon-ongewenst-gedrag', 'ubr-noodcontact']);
    // A rule that names one (here the Centrum Seksueel Geweld) gets no second; a normal rule gets none.
    expect(route({ category: 'seksuele-intimidatie', wish: 'gesprek', organisation: 'ubr' }, rules, directory, staffed).places.map((p) => p.role)).not.toContain('noodcontact');
    expect(route({ category: 'integriteit', wish: 'gesprek', organisation: 'bzk' }, rules, directory, staffed).places.map((p) => p.role)).not.toContain('noodcontact');
  });

  it('falls back to the Rijk-wide place when the organisation has none, and skips roles nobody fills', () => {
    const advice = route({ category: 'werkdruk-spanning', wish: 'advies', organisation: 'ubr' }, rules, directory, staffed);
    expect(advice.places.map((p) => p.id)).toEqual(['rijk-bedrijfsarts']);
    const misstand = route({ category: 'misstand', wish: 'advies', organisation: 'ubr' }, rules, directory, staffed);
    expect(misstand.places.map((p) => p.id)).toEqual(['rijk-huis-voor-klokkenluiders']);
  });

  it('fails loudly when the rules or the directory leave a concern without a place', () => {
    expect(() => route({ category: 'pesten', wish: 'advies', organisation: 'bzk' }, rules, directory, staffed)).toThrow(RoutingError);
    expect(() => route({ category: 'integriteit', wish: 'advies', organisation: 'ubr' }, rules, directory, staffed)).toThrow(RoutingError);
  });

  it("gives acute danger 112, 113 and only the person's own organisation's desk, or no desk at all", () => {
    expect(emergencyPlaces(directory, 'ubr').map((p) => p.id)).toEqual(['rijk-alarmnummer-112', 'rijk-zelfmoordpreventie-113', 'ubr-noodcontact']);
    expect(emergencyPlaces(directory, undefined).map((p) => p.id)).toEqual(['rijk-alarmnummer-112', 'rijk-zelfmoordpreventie-113']);
    expect(emergencyPlaces(directory, 'financien').map((p) => p.id)).toEqual(['rijk-alarmnummer-112', 'rijk-zelfmoordpreventie-113']);
  });

  it('lists every place for a topic once, the places for a conversation first', () => {
    expect(placesForTopic(directory, rules, 'integriteit', 'bzk').map((p) => p.id)).toEqual(['bzk-vertrouwenspersoon-integriteit', 'bzk-integriteitsloket']);
    expect(placesForTopic(directory, rules, 'werkdruk-spanning', 'bzk').map((p) => p.id)).toEqual([
      'bzk-bedrijfsmaatschappelijk-werk',
      'bzk-bedrijfsarts',
      'bzk-vertrouwenspersoon-ongewenst-gedrag',
    ]);
    expect(placesForTopic(directory, rules, 'pesten', 'bzk')).toEqual([]);
  });
});

describe('rules whose inbox nobody staffs', () => {
  it('are listed per organisation, and only those', () => {
    const listed = unstaffedRules(rules, directory, staffed, ['bzk', 'ubr']).map((r) => `${r.organisation} ${r.category}/${r.wish}`);
    expect(listed).toEqual([
      'bzk werkdruk-spanning/*',
      'ubr integriteit/*',
      'ubr integriteit/formeel-melden',
      'ubr misstand/*',
      'ubr werkdruk-spanning/*',
    ]);
  });

  it('are logged at start with organisation codes and rule keys, and nothing about who staffs what', async () => {
    const warnings: Array<[object, string]> = [];
    const kaart = {
      organisations: async () => [{ code: 'bzk', name: { nl: 'BZK', en: 'BZK' } }],
      referrals: async () => directory,
      routingRules: async () => rules,
      staffedInboxes: async () => staffed,
    };
    const listed = await warnUnstaffedInboxes(kaart, { warn: (fields: object, message: string) => warnings.push([fields, message]) } as never);
    expect(listed).toEqual([{ organisation: 'bzk', category: 'werkdruk-spanning', wish: '*' }]);
    expect(warnings).toEqual([[{ event: 'routing.unstaffed', count: 1, rules: ['bzk werkdruk-spanning/*'] }, expect.stringContaining('no counsellor')]]);
    // Fully staffed: nothing to say.
    warnings.length = 0;
    await warnUnstaffedInboxes({ ...kaart, staffedInboxes: async () => [...staffed, { organisation: 'bzk', role: 'bedrijfsarts' }] }, { warn: (f: object, m: string) => warnings.push([f, m]) } as never);
    expect(warnings).toEqual([]);
  });

  it('does not stop the start when the kaart cannot be read, and says so by the error name only', async () => {
    const warnings: Array<[object, string]> = [];
    const broken = {
      organisations: async () => [],
      referrals: async () => Promise.reject(Object.assign(new Error('row 7: entry.contact invalid for vp@minbzk.example'), { name: 'ZodError' })),
      routingRules: async () => rules,
      staffedInboxes: async () => staffed,
    };
    await expect(warnUnstaffedInboxes(broken, { warn: (f: object, m: string) => warnings.push([f, m]) } as never)).resolves.toEqual([]);
    expect(warnings).toEqual([[{ event: 'routing.check-failed', error: 'ZodError' }, expect.any(String)]]);
  });
});
