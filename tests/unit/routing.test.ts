import type { Referral, RoutingRule } from '../../bot/src/domain/referrals/referral';
import { emergencyPlaces, placesForTopic, route, RoutingError, ruleFor } from '../../bot/src/domain/referrals/routing';
import type { Organisation, ReferralRole } from '../../bot/src/domain/signals/vocabulary';

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
  place('bzk', 'noodcontact'),
  place('ubr', 'vertrouwenspersoon-ongewenst-gedrag'),
  place('ubr', 'noodcontact'),
  place('rijk', 'huis-voor-klokkenluiders'),
  place('rijk', 'bedrijfsarts'),
  place('rijk', 'alarmnummer-112'),
  place('rijk', 'zelfmoordpreventie-113'),
];

const rules: RoutingRule[] = [
  { category: 'seksuele-intimidatie', wish: '*', roles: ['vertrouwenspersoon-ongewenst-gedrag'], urgency: 'snel' },
  { category: 'integriteit', wish: '*', roles: ['vertrouwenspersoon-integriteit', 'integriteitsloket'], urgency: 'normaal' },
  { category: 'integriteit', wish: 'formeel-melden', roles: ['integriteitsloket', 'vertrouwenspersoon-integriteit'], urgency: 'normaal' },
  { category: 'misstand', wish: '*', roles: ['meldpunt-misstanden', 'huis-voor-klokkenluiders', 'vertrouwenspersoon-integriteit'], urgency: 'normaal' },
  { category: 'werkdruk-spanning', wish: '*', roles: ['bedrijfsarts'], urgency: 'normaal' },
];

describe('routing, the sociaal loket', () => {
  it('sends sexual intimidation to the vertrouwenspersoon ongewenst gedrag of the organisation, quickly', () => {
    const advice = route({ category: 'seksuele-intimidatie', wish: 'advies', organisation: 'bzk' }, rules, directory);
    expect(advice.places.map((p) => p.id)).toEqual(['bzk-vertrouwenspersoon-ongewenst-gedrag']);
    expect(advice.urgency).toBe('snel');
    expect(advice.inboxRole).toBe('vertrouwenspersoon-ongewenst-gedrag');
  });

  it('prefers the exact wish rule over the category default', () => {
    expect(ruleFor(rules, 'integriteit', 'formeel-melden').roles[0]).toBe('integriteitsloket');
    expect(ruleFor(rules, 'integriteit', 'gesprek').roles[0]).toBe('vertrouwenspersoon-integriteit');
  });

  it('names at most two places, in the rule order', () => {
    const advice = route({ category: 'misstand', wish: 'formeel-melden', organisation: 'bzk' }, rules, directory);
    expect(advice.places.map((p) => p.id)).toEqual(['bzk-meldpunt-misstanden', 'rijk-huis-voor-klokkenluiders']);
  });

  it("falls back to the Rijk-wide place when the organisation has none, and skips roles nobody fills", () => {
    const advice = route({ category: 'werkdruk-spanning', wish: 'gesprek', organisation: 'ubr' }, rules, directory);
    expect(advice.places.map((p) => p.id)).toEqual(['rijk-bedrijfsarts']);
    const misstand = route({ category: 'misstand', wish: 'advies', organisation: 'ubr' }, rules, directory);
    expect(misstand.places.map((p) => p.id)).toEqual(['rijk-huis-voor-klokkenluiders']);
  });

  it('fails loudly when the rules or the directory leave a concern without a place', () => {
    expect(() => route({ category: 'pesten', wish: 'advies', organisation: 'bzk' }, rules, directory)).toThrow(RoutingError);
    expect(() => route({ category: 'integriteit', wish: 'advies', organisation: 'ubr' }, rules, directory)).toThrow(RoutingError);
  });

  it('puts 112 and 113 before the organisation emergency contact, or every contact when the organisation is unknown', () => {
    expect(emergencyPlaces(directory, 'ubr').map((p) => p.id)).toEqual(['rijk-alarmnummer-112', 'rijk-zelfmoordpreventie-113', 'ubr-noodcontact']);
    expect(emergencyPlaces(directory, undefined).map((p) => p.id)).toEqual([
      'rijk-alarmnummer-112',
      'rijk-zelfmoordpreventie-113',
      'bzk-noodcontact',
      'ubr-noodcontact',
    ]);
  });

  it('lists every place for a topic once', () => {
    expect(placesForTopic(directory, rules, 'integriteit', 'bzk').map((p) => p.id)).toEqual([
      'bzk-vertrouwenspersoon-integriteit',
      'bzk-integriteitsloket',
    ]);
  });
});
