import { Spinner, Switch, Text } from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import type { PoolEntry as Facilitator, PoolWorkshop as WorkshopRow } from '../../bot/src/shared/workshop-views';
import { periodText } from '../../bot/src/shared/dates';
import { type Api, ApiError } from './api';
import { useInFlight } from './InFlight';
import { useSharedStyles } from './styles';
import { Notice, TableSection } from './TableSection';
import { fill, organisationName, type TabLocale, type TabStrings, workshopTeam } from './strings';

/** Pool & workshops (coordinator): the facilitators with their load and active flag, and every workshop's state. */
export function PoolPage({ api, t, locale }: { api: Api; t: TabStrings; locale: TabLocale }) {
  const s = t.pool;
  const [pool, setPool] = useState<Facilitator[]>();
  const [workshops, setWorkshops] = useState<WorkshopRow[]>([]);
  const [problem, setProblem] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const { run, busy } = useInFlight();
  const shared = useSharedStyles();
  const load = useCallback(
    () =>
      Promise.all([api.get<{ facilitators: Facilitator[] }>('/api/pool'), api.get<{ workshops: WorkshopRow[] }>('/api/workshops')]).then(
        ([p, w]) => {
          setPool(p.facilitators);
          setWorkshops(w.workshops);
        },
        (e: ApiError) => setProblem(e.status === 403 ? s.notCoordinator : fill(t.error, { message: e.message })),
      ),
    [api, s, t],
  );
  useEffect(() => void load(), [load]);

  if (problem) return <Text block as="p">{problem}</Text>;
  if (!pool) return <Text block as="p">{t.loading}</Text>;
  return (
    <>
      <Notice text={notice} />
      <TableSection
        id="pool-heading"
        heading={s.facilitators}
        headers={[s.name, s.organisation, s.experience, s.languages, s.workload, s.periods, s.active]}
        rows={pool.map((f) => {
          const label = fill(s.activeLabel, { name: f.displayName });
          // While its change is on its way the switch takes no clicks (it stays focusable) and says it is busy.
          const changing = busy(f.id) !== undefined;
          return {
            key: f.id,
            cells: [
              <span className={shared.typed}>{f.displayName}</span>,
              organisationName(t, f.organisation),
              s.experiences[f.experience],
              f.languages.join(', '),
              f.workload,
              fill(s.periodsValue, { count: f.availablePeriods }),
              <span style={{ display: 'inline-flex', alignItems: 'center' }}>
                <Switch
                  checked={f.active}
                  aria-label={changing ? `${label} (${t.busy})` : label}
                  aria-disabled={changing || undefined}
                  aria-busy={changing || undefined}
                  onChange={(_, d) =>
                    run(f.id, 'switch', () =>
                      api
                        .send('POST', `/api/pool/${f.id}`, { active: d.checked })
                        .then(
                          () => setNotice(undefined),
                          // Say why the switch did not change, and show the pool as the service has it.
                          (e: ApiError) => setNotice(fill(t.error, { message: e.message })),
                        )
                        .then(load),
                    )
                  }
                />
                {changing && <Spinner size="extra-tiny" aria-hidden="true" />}
              </span>,
            ],
          };
        })}
      />
      <TableSection
        id="workshops-heading"
        heading={s.workshops}
        emptyText={s.noWorkshops}
        headers={[s.when, s.organisation, s.state, s.seats, s.duo]}
        rows={workshops.map((w) => ({
          key: w.id,
          cells: [
            periodText(new Date(w.startsAt), new Date(w.endsAt), locale),
            workshopTeam(t, w),
            s.states[w.status],
            fill(s.seatsValue, { registered: w.registered, seats: w.seats, waiting: w.waiting }),
            <span className={shared.typed}>{w.duo.map((d) => d.name).join(', ') || '–'}</span>,
          ],
        }))}
      />
      {workshops.length > 0 && (
        <Text block as="p">
          {s.fewPeople}
        </Text>
      )}
    </>
  );
}
