import fc from 'fast-check';
import { addDays, addMonths, addWorkingDays, clockOf, type ClockFacts, daysBetween, DEFAULT_TERMS } from '../../bot/src/shared/desk-terms';
import { type OpenSignalClock, remindersDue } from '../../bot/src/features/desk/desk-reminders';

const facts = (over: Partial<ClockFacts>): ClockFacts => ({ category: 'pesten', status: 'nieuw', receivedOn: '2026-12-07', acknowledgedOn: null, ...over });

describe('the desk clocks', () => {
  it('a misstand: its receipt confirmed within 7 days, then feedback within 3 calendar months of the confirmation', () => {
    expect(clockOf(facts({ category: 'misstand' }), DEFAULT_TERMS, '2026-12-07')).toEqual({ kind: 'bevestigen', dueOn: '2026-12-14', state: 'op-tijd' });
    expect(clockOf(facts({ category: 'misstand', status: 'in-behandeling', acknowledgedOn: '2026-12-09' }), DEFAULT_TERMS, '2026-12-09')).toEqual({
      kind: 'terugkoppelen',
      dueOn: '2027-03-09',
      state: 'op-tijd',
    });
    // Confirmed late: the three months still run from the seventh day (EU directive 2019/1937, art. 9(1)(f)).
    expect(clockOf(facts({ category: 'misstand', status: 'in-behandeling', acknowledgedOn: '2026-12-20' }), DEFAULT_TERMS, '2026-12-20')).toMatchObject({ kind: 'terugkoppelen', dueOn: '2027-03-14' });
  });

  it('an integrity report: the organisation\'s term from receipt, 12 weeks unless it sets another', () => {
    expect(clockOf(facts({ category: 'integriteit' }), DEFAULT_TERMS, '2026-12-07')).toMatchObject({ kind: 'afhandelen', dueOn: '2027-03-01' });
    expect(clockOf(facts({ category: 'integriteit', acknowledgedOn: '2026-12-08' }), { ...DEFAULT_TERMS, integrityWeeks: 8 }, '2026-12-07')).toMatchObject({ kind: 'afhandelen', dueOn: '2027-02-01' });
  });

  it('anything else: a first reaction within the organisation\'s working days, and no clock once a handler reacted', () => {
    // Monday 7 December + 5 working days: Monday 14 December; from a Friday, the weekend is skipped.
    expect(clockOf(facts({}), DEFAULT_TERMS, '2026-12-07')).toEqual({ kind: 'eerste-reactie', dueOn: '2026-12-14', state: 'op-tijd' });
    expect(clockOf(facts({ receivedOn: '2026-12-11' }), { ...DEFAULT_TERMS, firstReactionWorkingDays: 1 }, '2026-12-11')).toMatchObject({ dueOn: '2026-12-14' });
    expect(clockOf(facts({ status: 'in-behandeling', acknowledgedOn: '2026-12-08' }), DEFAULT_TERMS, '2026-12-08')).toBeNull();
  });

  it('says when the end is near (two days for a short term, two weeks for a long one) and when it has passed', () => {
    const misstand = facts({ category: 'misstand' });
    expect(clockOf(misstand, DEFAULT_TERMS, '2026-12-11')?.state).toBe('op-tijd');
    expect(clockOf(misstand, DEFAULT_TERMS, '2026-12-12')?.state).toBe('bijna');
    expect(clockOf(misstand, DEFAULT_TERMS, '2026-12-14')?.state).toBe('bijna');
    expect(clockOf(misstand, DEFAULT_TERMS, '2026-12-15')?.state).toBe('te-laat');
    const integrity = facts({ category: 'integriteit' });
    expect(clockOf(integrity, DEFAULT_TERMS, '2027-02-14')?.state).toBe('op-tijd');
    expect(clockOf(integrity, DEFAULT_TERMS, '2027-02-15')?.state).toBe('bijna');
  });

  it('runs no clock for a closed signal or one that was only counted', () => {
    expect(clockOf(facts({ category: 'misstand', status: 'gesloten' }), DEFAULT_TERMS, '2027-06-01')).toBeNull();
    expect(clockOf(facts({ status: 'geteld' }), DEFAULT_TERMS, '2027-06-01')).toBeNull();
  });

  it('counts months as the law does: a day the month lacks becomes its last day', () => {
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2027-11-30', 3)).toBe('2028-02-29');
    expect(addMonths('2026-12-31', 3)).toBe('2027-03-31');
    expect(addMonths('2026-10-31', 1)).toBe('2026-11-30');
  });

  it('working days: never ends on a weekend, and counts exactly that many weekdays', () => {
    const day = fc.integer({ min: 0, max: 3650 }).map((n) => addDays('2026-01-01', n));
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 30 }), (from, days) => {
        const due = addWorkingDays(from, days);
        const weekdays = Array.from({ length: daysBetween(from, due) }, (_, i) => new Date(`${addDays(from, i + 1)}T00:00:00Z`).getUTCDay()).filter((d) => d !== 0 && d !== 6);
        expect(weekdays).toHaveLength(days);
        expect([0, 6]).not.toContain(new Date(`${due}T00:00:00Z`).getUTCDay());
      }),
    );
  });
});

describe('the desk reminders due', () => {
  const open = (over: Partial<OpenSignalClock>): OpenSignalClock => ({ ...facts({ category: 'misstand' }), id: 's1', terms: DEFAULT_TERMS, counsellors: ['c1', 'c2'], ...over });

  it('reminds every counsellor of the inbox of a term that ends soon or has ended, naming the term and its state', () => {
    expect(remindersDue([open({})], '2026-12-11')).toEqual([]);
    expect(remindersDue([open({})], '2026-12-12')).toEqual([{ signalId: 's1', notice: 'bevestigen:bijna', counsellors: ['c1', 'c2'] }]);
    expect(remindersDue([open({}), open({ id: 's2', category: 'pesten' })], '2026-12-15')).toEqual([
      { signalId: 's1', notice: 'bevestigen:te-laat', counsellors: ['c1', 'c2'] },
      { signalId: 's2', notice: 'eerste-reactie:te-laat', counsellors: ['c1', 'c2'] },
    ]);
  });

  it('reminds nobody of a confirmed or closed signal, or of an inbox nobody staffs', () => {
    expect(remindersDue([open({ category: 'pesten', acknowledgedOn: '2026-12-08', status: 'in-behandeling' })], '2027-01-15')).toEqual([]);
    expect(remindersDue([open({ status: 'gesloten' })], '2027-01-15')).toEqual([]);
    expect(remindersDue([open({ counsellors: [] })], '2027-01-15')).toEqual([]);
  });
});
