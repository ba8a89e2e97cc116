import { Switch, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, Title3 } from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import { type Api, ApiError } from './api';
import { fill, type TabLocale, type TabStrings } from './strings';

interface Facilitator {
  id: string;
  displayName: string;
  organisation: string;
  experience: 'lijn' | 'begeleiding' | 'beide';
  languages: string[];
  active: boolean;
  workload: number;
  availablePeriods: number;
}
interface WorkshopRow {
  id: string;
  startsAt: string;
  status: 'gepland' | 'bevestigd' | 'geannuleerd';
  organisation: string | null;
  seats: number;
  registered: number;
  waiting: number;
  duo: Array<{ name: string; status: string }>;
}

/** Pool & workshops (coordinator): the facilitators with their load and active flag, and every workshop's state. */
export function PoolPage({ api, t, locale }: { api: Api; t: TabStrings; locale: TabLocale }) {
  const s = t.pool;
  const [pool, setPool] = useState<Facilitator[]>();
  const [workshops, setWorkshops] = useState<WorkshopRow[]>([]);
  const [problem, setProblem] = useState<string>();
  const load = useCallback(() => {
    Promise.all([api.get<{ facilitators: Facilitator[] }>('/api/pool'), api.get<{ workshops: WorkshopRow[] }>('/api/workshops')]).then(
      ([p, w]) => {
        setPool(p.facilitators);
        setWorkshops(w.workshops);
      },
      (e: ApiError) => setProblem(e.status === 403 ? s.notCoordinator : fill(t.error, { message: e.message })),
    );
  }, [api, s, t]);
  useEffect(load, [load]);

  if (problem) return <Text block as="p">{problem}</Text>;
  if (!pool) return <Text block as="p">{t.loading}</Text>;
  const day = new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { timeZone: 'Europe/Amsterdam', dateStyle: 'medium', timeStyle: 'short' });
  const org = (o: string | null) => (o ? (t.organisations[o as keyof typeof t.organisations] ?? o) : t.planning.rijksbreed);
  return (
    <>
      <section aria-labelledby="pool-heading">
        <Title3 as="h3" id="pool-heading">
          {s.facilitators}
        </Title3>
        <Table aria-labelledby="pool-heading">
          <TableHeader>
            <TableRow>
              {[s.name, s.organisation, s.experience, s.languages, s.workload, s.periods, s.active].map((h) => (
                <TableHeaderCell key={h}>{h}</TableHeaderCell>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {pool.map((f) => (
              <TableRow key={f.id}>
                <TableCell>{f.displayName}</TableCell>
                <TableCell>{org(f.organisation)}</TableCell>
                <TableCell>{s.experiences[f.experience]}</TableCell>
                <TableCell>{f.languages.join(', ')}</TableCell>
                <TableCell>{f.workload}</TableCell>
                <TableCell>{f.availablePeriods}</TableCell>
                <TableCell>
                  <Switch
                    checked={f.active}
                    aria-label={fill(s.activeLabel, { name: f.displayName })}
                    onChange={(_, d) => api.send('POST', `/api/pool/${f.id}`, { active: d.checked }).then(load, load)}
                  />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </section>
      <section aria-labelledby="workshops-heading">
        <Title3 as="h3" id="workshops-heading">
          {s.workshops}
        </Title3>
        {workshops.length === 0 ? (
          <Text block as="p">{s.noWorkshops}</Text>
        ) : (
          <Table aria-labelledby="workshops-heading">
            <TableHeader>
              <TableRow>
                {[s.when, s.organisation, s.state, s.seats, s.duo].map((h) => (
                  <TableHeaderCell key={h}>{h}</TableHeaderCell>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>
              {workshops.map((w) => (
                <TableRow key={w.id}>
                  <TableCell>{day.format(new Date(w.startsAt))}</TableCell>
                  <TableCell>{org(w.organisation)}</TableCell>
                  <TableCell>{s.states[w.status]}</TableCell>
                  <TableCell>{fill(s.seatsValue, { registered: w.registered, seats: w.seats, waiting: w.waiting })}</TableCell>
                  <TableCell>{w.duo.map((d) => d.name).join(', ') || '–'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </section>
    </>
  );
}
