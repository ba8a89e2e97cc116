import fc from 'fast-check';
import { checkProgramme, choiceChange, programmeInputSchema, type RoundChoice } from '../../bot/src/features/workshops/programme';
import { placeFor, promoted } from '../../bot/src/features/workshops/seats';

const ZONE = 'Europe/Amsterdam';
const NOW = new Date('2026-11-24T12:00:00Z');

/** The network meeting of seed 004: theatre in the plenary part, then two rounds of workshops. */
const meeting = (extra: Record<string, string> = {}) =>
  programmeInputSchema.parse({
    title: 'Netwerkbijeenkomst veilig werk- en meldklimaat',
    date: '2026-12-10',
    location: 'Utrecht, Jaarbeurs',
    audiences: 'leidinggevenden,coordinatoren,vertrouwenspersonen,compliance-officers',
    language: 'nl',
    plenaryTitle: 'Regietheater',
    plenaryFrom: '13:00',
    plenaryTo: '14:00',
    r1From: '14:15',
    r1To: '15:15',
    r1s1Title: 'Eén sociaal loket',
    r1s1Host: 'Politie',
    r1s1Seats: '30',
    r1s2Title: 'Met andere ogen',
    r1s2Room: 'Zaal 2',
    r1s2Seats: '12',
    r2From: '15:30',
    r2To: '16:30',
    r2s1Title: 'Grensoverschrijdend gedrag: het onderzoek',
    r2s1Seats: '40',
    ...extra,
  });

const problems = (extra: Record<string, string>) => {
  const check = checkProgramme(meeting(extra), NOW, ZONE);
  return check.ok ? [] : check.problems;
};

describe('planning a bijeenkomst', () => {
  it('reads the plenary part and the rounds, each session with its own seats, and spans the day', () => {
    const check = checkProgramme(meeting(), NOW, ZONE);
    if (!check.ok) throw new Error(JSON.stringify(check.problems));
    const p = check.plan;
    expect(p.audiences).toEqual(['leidinggevenden', 'coordinatoren', 'vertrouwenspersonen', 'compliance-officers']);
    expect(p.plenary?.startsAt.toISOString()).toBe('2026-12-10T12:00:00.000Z');
    expect(p.rounds.map((r) => r.sessions.map((s) => [s.title, s.seats]))).toEqual([
      [
        ['Eén sociaal loket', 30],
        ['Met andere ogen', 12],
      ],
      [['Grensoverschrijdend gedrag: het onderzoek', 40]],
    ]);
    expect(p.rounds[0]!.sessions[0]!.host).toBe('Politie');
    expect(p.rounds[0]!.sessions[1]!.room).toBe('Zaal 2');
    expect([p.startsAt.toISOString(), p.endsAt.toISOString()]).toEqual(['2026-12-10T12:00:00.000Z', '2026-12-10T15:30:00.000Z']);
  });

  it('numbers the rounds as people read them: a blank round 2 makes round 3 the second', () => {
    const check = checkProgramme(meeting({ r2From: '', r2To: '', r2s1Title: '', r2s1Seats: '', r3From: '15:30', r3To: '16:30', r3s1Title: 'Kijkje in de keuken', r3s1Seats: '25' }), NOW, ZONE);
    expect(check.ok && check.plan.rounds.map((r) => r.round)).toEqual([1, 2]);
  });

  it('skips the sessions left blank, whose seats field the form fills in', () => {
    const blanks = Object.fromEntries([1, 2, 3].flatMap((r) => [1, 2, 3, 4].map((n) => [`r${r}s${n}Seats`, '20'])));
    const check = checkProgramme(meeting({ ...blanks, r1s1Seats: '30', r1s2Seats: '12', r2s1Seats: '40' }), NOW, ZONE);
    expect(check.ok && check.plan.rounds.map((r) => r.sessions.length)).toEqual([2, 1]);
  });

  it('needs no plenary part', () => {
    expect(checkProgramme(meeting({ plenaryTitle: '', plenaryFrom: '', plenaryTo: '' }), NOW, ZONE).ok).toBe(true);
  });

  it.each([
    ['a day that has passed', { date: '2026-11-20' }, [{ code: 'date-in-the-past' }]],
    ['a link that is not https', { location: 'http://example.org/meet' }, [{ code: 'link-not-https' }]],
    ['a plenary part without an end', { plenaryTo: '' }, [{ code: 'plenary-time' }]],
    ['a round that ends before it starts', { r2To: '15:00' }, [{ code: 'round-time', round: 2 }]],
    ['a session without a title', { r1s3Host: 'Iemand', r1s3Seats: '10' }, [{ code: 'session-without-title', round: 1, session: 3 }]],
    ['a session of one seat', { r1s2Seats: '1' }, [{ code: 'seats-out-of-bounds', round: 1, session: 2 }]],
    ['a session of 201 seats', { r2s1Seats: '201' }, [{ code: 'seats-out-of-bounds', round: 2, session: 1 }]],
    ['a round without sessions', { r2s1Title: '', r2s1Seats: '' }, [{ code: 'round-without-sessions', round: 2 }]],
    ['a round during the plenary part', { r1From: '13:30' }, [{ code: 'overlap' }]],
    ['round 2 before round 1', { r2From: '10:00', r2To: '11:00' }, [{ code: 'overlap' }]],
    ['no round at all', { r1From: '', r1To: '', r1s1Title: '', r1s1Host: '', r1s1Seats: '', r1s2Title: '', r1s2Room: '', r1s2Seats: '', r2From: '', r2To: '', r2s1Title: '', r2s1Seats: '' }, [{ code: 'no-rounds' }]],
  ])('refuses %s, saying where', (_name, extra, expected) => {
    expect(problems(extra)).toEqual(expected);
  });

  it('refuses a round whose time today has passed', () => {
    expect(problems({ date: '2026-11-24', plenaryTitle: '', plenaryFrom: '', plenaryTo: '', r1From: '12:00', r1To: '14:00', r2From: '14:30', r2To: '15:00' })).toEqual([
      { code: 'round-in-the-past', round: 1 },
    ]);
  });

  it('refuses a plenary part whose time today has passed: the programme would be closed before anyone chose', () => {
    expect(problems({ date: '2026-11-24', plenaryFrom: '12:30', plenaryTo: '13:30', r1From: '14:15', r1To: '15:15', r2From: '15:30', r2To: '16:30' })).toEqual([{ code: 'plenary-in-the-past' }]);
  });

  it('reads a dialogue in mixed groups, and refuses a mix that cannot be kept', () => {
    const dialogue = { r1s2Mixed: 'true', mixRoles: 'vertrouwenspersoon, leidinggevende, vertrouwenspersoon', mixGroupSize: '6', mixMinPercent: '33', mixAnnounceHours: '24' };
    const check = checkProgramme(meeting(dialogue), NOW, ZONE);
    if (!check.ok) throw new Error(JSON.stringify(check.problems));
    expect(check.plan.mix).toEqual({ roles: ['vertrouwenspersoon', 'leidinggevende'], groupSize: 6, minPercent: 33, announceHours: 24 });
    expect(check.plan.rounds[0]!.sessions.map((s) => s.mixed)).toEqual([false, true]);
    expect(problems({ ...dialogue, mixRoles: 'alleen' })).toEqual([{ code: 'mix-roles' }]);
    expect(problems({ ...dialogue, mixGroupSize: '13' })).toEqual([{ code: 'mix-numbers' }]);
    // 12 seats in groups of 6 at half each need 6 of each: possible. 3 seats cannot hold 2 of each role.
    expect(problems({ ...dialogue, mixMinPercent: '50' })).toEqual([]);
    expect(problems({ ...dialogue, r1s2Seats: '3' })).toEqual([{ code: 'mix-impossible', round: 1, session: 2 }]);
    // Said beside the session it is about, also when two sessions share a title.
    expect(problems({ ...dialogue, r1s1Title: 'Met andere ogen', r1s1Mixed: 'true', r1s1Seats: '30', r1s2Seats: '3' })).toEqual([{ code: 'mix-impossible', round: 1, session: 2 }]);
    // Announced 24 hours before a round that starts in less: too late.
    expect(problems({ ...dialogue, date: '2026-11-25', mixAnnounceHours: '48' })).toEqual([{ code: 'groups-too-late', round: 1, session: 2 }]);
  });

  it('refuses an audience not on the list, and no audience', () => {
    expect(() => meeting({ audiences: 'leidinggevenden,iedereen' })).toThrow();
    expect(() => meeting({ audiences: '' })).toThrow();
  });
});

describe('choosing a session per round', () => {
  it('changes nothing for the same choice, and gives up what is held for another or none', () => {
    const held: RoundChoice = { sessionId: 'a', status: 'aangemeld' };
    expect(choiceChange(held, 'a')).toBe('unchanged');
    expect(choiceChange(undefined, null)).toBe('unchanged');
    expect(choiceChange(held, 'b')).toEqual({ leave: 'a', join: 'b' });
    expect(choiceChange(held, null)).toEqual({ leave: 'a' });
    expect(choiceChange(undefined, 'b')).toEqual({ join: 'b' });
  });

  /**
   * The store's steps for one choice, on an in-memory programme: give up what is held in the round (the first who
   * waits there moves up), then take a seat or the end of the list. Random choices by random people must keep every
   * rule: never more seated than seats, one place per person per round, no seat empty while someone waits, and the
   * waiting list in the order people joined it.
   */
  it('keeps every rule, whatever people choose in whatever order', () => {
    type Entry = { person: number; status: 'aangemeld' | 'wachtlijst'; order: number };
    const sessionsOf = (round: number) => [0, 1, 2].map((i) => `${round}-${i}`);
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 6, maxLength: 6 }),
        fc.array(fc.record({ person: fc.nat(14), round: fc.integer({ min: 1, max: 2 }), pick: fc.integer({ min: -1, max: 2 }) }), { maxLength: 120 }),
        (capacities, choices) => {
          const seats = new Map([1, 2].flatMap((r) => sessionsOf(r)).map((id, i) => [id, capacities[i]!]));
          const entries = new Map<string, Entry[]>([...seats.keys()].map((id) => [id, []]));
          let order = 0;
          for (const c of choices) {
            const round = sessionsOf(c.round);
            const currentId = round.find((id) => entries.get(id)!.some((e) => e.person === c.person));
            const current = currentId ? { sessionId: currentId, status: entries.get(currentId)!.find((e) => e.person === c.person)!.status } : undefined;
            const change = choiceChange(current, c.pick < 0 ? null : round[c.pick]!);
            if (change === 'unchanged') continue;
            if (change.leave) {
              const list = entries.get(change.leave)!;
              const gone = list.splice(list.findIndex((e) => e.person === c.person), 1)[0]!;
              if (gone.status === 'aangemeld') {
                const waiting = list.filter((e) => e.status === 'wachtlijst').map((e) => ({ e, queueOrder: BigInt(e.order) }));
                for (const up of promoted(waiting, 1)) up.e.status = 'aangemeld';
              }
            }
            if (change.join) {
              const list = entries.get(change.join)!;
              list.push({ person: c.person, status: placeFor(list.filter((e) => e.status === 'aangemeld').length, seats.get(change.join)!), order: order++ });
            }
            for (const [id, list] of entries) {
              const seated = list.filter((e) => e.status === 'aangemeld');
              const waiting = list.filter((e) => e.status === 'wachtlijst');
              expect(seated.length).toBeLessThanOrEqual(seats.get(id)!);
              if (waiting.length > 0) expect(seated.length).toBe(seats.get(id)!);
              // Everyone seated joined before everyone still waiting: the list moves up in its own order.
              if (waiting.length > 0 && seated.length > 0) expect(Math.min(...waiting.map((e) => e.order))).toBeGreaterThan(Math.min(...seated.map((e) => e.order)));
              expect(waiting.map((e) => e.order)).toEqual([...waiting.map((e) => e.order)].sort((a, b) => a - b));
            }
            for (const r of [1, 2]) {
              const people = sessionsOf(r).flatMap((id) => entries.get(id)!.map((e) => e.person));
              expect(new Set(people).size).toBe(people.length);
            }
          }
        },
      ),
    );
  });
});
