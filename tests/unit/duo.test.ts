import { type Candidate, fitsTogether, proposeDuo, proposePartner } from '../../bot/src/features/workshops/duo';

const at = (iso: string) => new Date(iso);
const WORKSHOP = { startsAt: at('2026-12-01T09:00:00Z'), endsAt: at('2026-12-01T11:00:00Z'), language: 'nl' as const };
const ALL_DAY = [{ startsAt: at('2026-12-01T07:00:00Z'), endsAt: at('2026-12-01T16:00:00Z') }];

function candidate(id: string, organisation: string, experience: Candidate['experience'], extra: Partial<Candidate> = {}): Candidate {
  return { id, organisation, experience, languages: ['nl'], active: true, availability: ALL_DAY, busy: [], recentWorkshops: 0, ...extra };
}

const ids = (pair: readonly Candidate[] | undefined) => pair?.map((c) => c.id).sort();

describe('proposeDuo', () => {
  it.each<[string, Candidate[], { teamOrganisation?: string; exclude?: string[]; language?: 'nl' | 'en' }, string[] | undefined]>([
    ['mixes line and facilitation experience', [candidate('a', 'bzk', 'lijn'), candidate('b', 'jenv', 'lijn'), candidate('c', 'ubr', 'begeleiding')], {}, ['a', 'c']],
    ['lets "beide" partner anyone', [candidate('a', 'bzk', 'lijn'), candidate('b', 'jenv', 'beide')], {}, ['a', 'b']],
    ['never pairs two from one organisation', [candidate('a', 'ubr', 'lijn'), candidate('b', 'ubr', 'begeleiding')], {}, undefined],
    ['never pairs two of only line experience', [candidate('a', 'bzk', 'lijn'), candidate('b', 'jenv', 'lijn')], {}, undefined],
    [
      'prefers nobody from the team\'s own organisation',
      [candidate('a', 'bzk', 'lijn'), candidate('b', 'jenv', 'begeleiding'), candidate('c', 'ubr', 'lijn')],
      { teamOrganisation: 'bzk' },
      ['b', 'c'],
    ],
    [
      'still takes one from the own organisation when nobody else fits',
      [candidate('a', 'bzk', 'lijn'), candidate('b', 'jenv', 'begeleiding')],
      { teamOrganisation: 'bzk' },
      ['a', 'b'],
    ],
    [
      'puts the fewest recent workshops first',
      [candidate('a', 'bzk', 'lijn', { recentWorkshops: 3 }), candidate('b', 'jenv', 'lijn', { recentWorkshops: 0 }), candidate('c', 'ubr', 'begeleiding', { recentWorkshops: 1 })],
      {},
      ['b', 'c'],
    ],
    [
      'skips the inactive',
      [candidate('a', 'bzk', 'lijn', { active: false }), candidate('b', 'jenv', 'lijn'), candidate('c', 'ubr', 'begeleiding')],
      {},
      ['b', 'c'],
    ],
    [
      'skips who is not available for the whole workshop',
      [
        candidate('a', 'bzk', 'lijn', { availability: [{ startsAt: at('2026-12-01T10:00:00Z'), endsAt: at('2026-12-01T16:00:00Z') }] }),
        candidate('b', 'jenv', 'lijn'),
        candidate('c', 'ubr', 'begeleiding'),
      ],
      {},
      ['b', 'c'],
    ],
    [
      'skips who holds another workshop then',
      [candidate('a', 'bzk', 'lijn', { busy: [{ startsAt: at('2026-12-01T10:30:00Z'), endsAt: at('2026-12-01T12:30:00Z') }] }), candidate('b', 'jenv', 'lijn'), candidate('c', 'ubr', 'begeleiding')],
      {},
      ['b', 'c'],
    ],
    [
      'counts a workshop that ends as this one starts as no clash',
      [candidate('a', 'bzk', 'lijn', { busy: [{ startsAt: at('2026-12-01T07:00:00Z'), endsAt: at('2026-12-01T09:00:00Z') }] }), candidate('c', 'ubr', 'begeleiding')],
      {},
      ['a', 'c'],
    ],
    ['never asks someone again who was asked before', [candidate('a', 'bzk', 'lijn'), candidate('b', 'jenv', 'lijn'), candidate('c', 'ubr', 'begeleiding')], { exclude: ['a'] }, ['b', 'c']],
    ['proposes nobody from an empty pool', [], {}, undefined],
    [
      'takes only who speaks the workshop\'s language',
      [candidate('a', 'bzk', 'lijn'), candidate('b', 'jenv', 'lijn', { languages: ['nl', 'en'] }), candidate('c', 'ubr', 'begeleiding', { languages: ['en'] })],
      { language: 'en' },
      ['b', 'c'],
    ],
  ])('%s', (_rule, pool, request, expected) => {
    expect(ids(proposeDuo(pool, { ...WORKSHOP, ...request }))).toEqual(expected);
  });

  it('gives the same duo for the same pool in any order', () => {
    const pool = [candidate('a', 'bzk', 'lijn'), candidate('b', 'jenv', 'lijn'), candidate('c', 'ubr', 'begeleiding'), candidate('d', 'financien', 'begeleiding')];
    const first = ids(proposeDuo(pool, WORKSHOP));
    expect(ids(proposeDuo([...pool].reverse(), WORKSHOP))).toEqual(first);
  });
});

describe('proposePartner', () => {
  it('finds the next facilitator who fits beside the one who stays', () => {
    const stays = candidate('a', 'bzk', 'lijn');
    const pool = [stays, candidate('b', 'bzk', 'begeleiding'), candidate('c', 'jenv', 'lijn'), candidate('d', 'ubr', 'begeleiding', { recentWorkshops: 2 }), candidate('e', 'financien', 'beide')];
    // b: same organisation; c: line beside line; of d and e, e has fewer recent workshops.
    expect(proposePartner(pool, stays, { ...WORKSHOP, exclude: [] })?.id).toBe('e');
    expect(proposePartner(pool, stays, { ...WORKSHOP, exclude: ['e'] })?.id).toBe('d');
    expect(proposePartner(pool, stays, { ...WORKSHOP, exclude: ['e', 'd'] })).toBeUndefined();
  });

  it('checks the pair rule both ways', () => {
    expect(fitsTogether(candidate('a', 'bzk', 'begeleiding'), candidate('b', 'jenv', 'lijn'))).toBe(true);
    expect(fitsTogether(candidate('a', 'bzk', 'begeleiding'), candidate('b', 'jenv', 'begeleiding'))).toBe(false);
    expect(fitsTogether(candidate('a', 'bzk', 'beide'), candidate('b', 'bzk', 'lijn'))).toBe(false);
  });
});
