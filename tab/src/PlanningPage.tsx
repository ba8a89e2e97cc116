import { Button, Checkbox, Field, Input, Text, Title3 } from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import type { FacilitatorPlanning as Planning } from '../../bot/src/shared/workshop-views';
import type { Material } from '../../bot/src/shared/api/materials';
import { periodText } from '../../bot/src/shared/dates';
import { type Api, ApiError } from './api';
import { BusyButton, useInFlight } from './InFlight';
import { useSharedStyles } from './styles';
import { Notice, TableSection } from './TableSection';
import { fill, labelOf, type TabLocale, type TabStrings, workshopTeam } from './strings';

// An availability period may run for days; a workshop never does, and then the day is said once.
const period = (locale: TabLocale, from: string, to: string) => periodText(new Date(from), new Date(to), locale);

/** Mijn planning: my workshops, requests waiting for my answer, my availability, my count this year. */
export function PlanningPage({ api, t, locale }: { api: Api; t: TabStrings; locale: TabLocale }) {
  const [planning, setPlanning] = useState<Planning>();
  const [problem, setProblem] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [from, setFrom] = useState('');
  const [until, setUntil] = useState('');
  // Choosing material for one workshop: which, the library, and what is ticked.
  const [choosing, setChoosing] = useState<{ workshopId: string; when: string }>();
  const [library, setLibrary] = useState<Material[]>();
  const [ticked, setTicked] = useState<string[]>([]);
  const s = t.planning;
  const { run, busy } = useInFlight();
  const shared = useSharedStyles();

  const load = useCallback(
    () =>
      api.get<Planning>('/api/planning').then(setPlanning, (e: ApiError) => {
        if (e.status !== 404 && e.status !== 403) return setProblem(fill(t.error, { message: e.message }));
        // Not in the pool: told whom to ask, unless they are that person (the coordinator).
        return api.get<{ roles: string[] }>('/api/me').then(
          (me) => setProblem(me.roles.includes('coordinator') ? s.notFacilitatorCoordinator : s.notFacilitator),
          () => setProblem(s.notFacilitator),
        );
      }),
    [api, s, t],
  );
  useEffect(() => void load(), [load]);

  // A notice is about the last thing done: success takes an earlier one away (or `done` says something new).
  // The button stays busy until the page shows the outcome: clicked again in between, it would ask twice.
  const act = (key: string, action: string, work: () => Promise<unknown>, done?: (v: unknown) => void) =>
    run(key, action, () =>
      work().then(
        (v) => {
          setNotice(undefined);
          done?.(v);
          return load();
        },
        (e: ApiError) => {
          setNotice(fill(t.error, { message: e.message }));
          // Already answered, lapsed or gone: what the page shows is stale, so show what there is now.
          if (e.status === 409 || e.status === 404) return load();
        },
      ),
    );

  if (problem) return <Text block as="p">{problem}</Text>;
  if (!planning) return <Text block as="p">{t.loading}</Text>;

  return (
    <>
      <Text block as="p">{fill(s.thisYear, { count: planning.workshopsThisYear })}</Text>
      <Notice text={notice} />
      <TableSection
        id="pending-heading"
        heading={s.pending}
        emptyText={s.noPending}
        headers={[s.when, s.team, s.where, s.audience, s.actions]}
        rows={planning.pending.map((p) => ({
          key: p.workshopId,
          cells: [
            period(locale, p.startsAt, p.endsAt),
            workshopTeam(t, p),
            p.place ?? s.online,
            labelOf(s.audiences, p.audience),
            // One answer per request: while either is on its way, neither button takes a click.
            (['accept', 'decline'] as const).map((answer) => (
              <BusyButton
                key={answer}
                appearance={answer === 'accept' ? 'primary' : 'secondary'}
                style={{ marginRight: 8 }}
                busy={busy(p.workshopId) === answer}
                blocked={busy(p.workshopId) !== undefined}
                busyText={t.busy}
                onClick={() =>
                  act(p.workshopId, answer, () => api.send<{ message: string }>('POST', `/api/planning/requests/${p.workshopId}`, { answer }), (v) =>
                    setNotice(fill(s.answered, { message: (v as { message: string }).message })),
                  )
                }
              >
                {s[answer]}
              </BusyButton>
            )),
          ],
        }))}
      />
      <TableSection
        id="upcoming-heading"
        heading={s.upcoming}
        emptyText={s.noUpcoming}
        headers={[s.when, s.team, s.coFacilitator, s.registered, s.material]}
        rows={planning.upcoming.map((u) => ({
          key: u.workshopId,
          cells: [
            period(locale, u.startsAt, u.endsAt),
            workshopTeam(t, u),
            <span className={shared.typed}>
              {u.coFacilitator.status === 'accepted' ? u.coFacilitator.name : u.coFacilitator.status === 'asked' ? s.coAsked : s.coNone}
            </span>,
            fill(s.registeredValue, { registered: u.registered, seats: u.seats }),
            <span key="material" style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
              {fill(s.materialCount, { count: u.materialIds.length })}
              <BusyButton
                size="small"
                aria-label={fill(s.chooseMaterialLabel, { when: period(locale, u.startsAt, u.endsAt) })}
                busy={busy(`library:${u.workshopId}`) !== undefined}
                busyText={t.busy}
                onClick={() =>
                  run(`library:${u.workshopId}`, 'open', () =>
                    api.get<{ materials: Material[] }>('/api/materials').then(
                      (r) => {
                        setLibrary(r.materials);
                        setTicked(u.materialIds);
                        setChoosing({ workshopId: u.workshopId, when: period(locale, u.startsAt, u.endsAt) });
                      },
                      (e: ApiError) => setNotice(fill(t.error, { message: e.message })),
                    ),
                  )
                }
              >
                {s.chooseMaterial}
              </BusyButton>
            </span>,
          ],
        }))}
      />
      {choosing && library ? (
        <form
          aria-labelledby="material-choice-heading"
          onSubmit={(e) => {
            e.preventDefault();
            act('material', 'save', () => api.send('PUT', `/api/planning/workshops/${choosing.workshopId}/materials`, { materialIds: ticked }), () => {
              setNotice(fill(s.materialSaved, { when: choosing.when }));
              setChoosing(undefined);
            });
          }}
        >
          <Title3 as="h3" id="material-choice-heading">
            {fill(s.materialHeading, { when: choosing.when })}
          </Title3>
          <Text block as="p">{library.length === 0 ? s.noMaterial : s.materialIntro}</Text>
          {library.map((m) => (
            <Checkbox
              key={m.id}
              label={`${m.title} (${labelOf(t.materials.kinds, m.kind)})`}
              checked={ticked.includes(m.id)}
              onChange={(_, d) => setTicked(d.checked ? [...ticked, m.id] : ticked.filter((id) => id !== m.id))}
            />
          ))}
          <div style={{ display: 'flex', gap: 8, marginTop: 8 }}>
            {library.length > 0 ? (
              <BusyButton type="submit" appearance="primary" busy={busy('material') !== undefined} busyText={t.busy}>
                {s.saveMaterial}
              </BusyButton>
            ) : null}
            <Button onClick={() => setChoosing(undefined)}>{s.close}</Button>
          </div>
        </form>
      ) : null}

      <section aria-labelledby="availability-heading">
        <Title3 as="h3" id="availability-heading">
          {s.availability}
        </Title3>
        <form
          style={{ display: 'flex', gap: 12, alignItems: 'end', flexWrap: 'wrap' }}
          onSubmit={(e) => {
            e.preventDefault();
            if (!from || !until || new Date(until) <= new Date(from)) {
              setNotice(s.periodInvalid);
              return;
            }
            act('availability', 'add', () => api.send('POST', '/api/planning/availability', { startsAt: new Date(from).toISOString(), endsAt: new Date(until).toISOString() }), () => {
              setFrom('');
              setUntil('');
            });
          }}
        >
          <Field label={s.from}>
            <Input type="datetime-local" value={from} onChange={(_, d) => setFrom(d.value)} />
          </Field>
          <Field label={s.until}>
            <Input type="datetime-local" value={until} onChange={(_, d) => setUntil(d.value)} />
          </Field>
          <BusyButton type="submit" busy={busy('availability') !== undefined} busyText={t.busy}>
            {s.add}
          </BusyButton>
        </form>
        {planning.availability.length === 0 ? (
          <Text block as="p">{s.noAvailability}</Text>
        ) : (
          <ul aria-labelledby="availability-heading">
            {planning.availability.slice(0, 30).map((a) => {
              const text = period(locale, a.startsAt, a.endsAt);
              return (
                <li key={a.id}>
                  {text}{' '}
                  <BusyButton
                    size="small"
                    appearance="subtle"
                    aria-label={fill(s.removeLabel, { period: text })}
                    busy={busy(a.id) !== undefined}
                    busyText={t.busy}
                    onClick={() => act(a.id, 'remove', () => api.send('DELETE', `/api/planning/availability/${a.id}`))}
                  >
                    {s.remove}
                  </BusyButton>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </>
  );
}
