import { Button, Field, Select, Text, Title3 } from '@fluentui/react-components';
import { type ReactNode, useEffect, useState } from 'react';
import type { Shown } from '../../bot/src/shared/api/insights';
import type { Breakdown, BreakdownDimension, NetworkFigures, YearReport } from '../../bot/src/shared/api/network';
import { type Api, ApiError } from './api';
import { Bars, isShown, LineChart } from './Charts';
import { csvOf } from './csv';
import { NetworkCoordinatorsSection } from './NetworkCoordinatorsSection';
import { download } from './download';
import { TableSection } from './TableSection';
import { fill, intlTag, labelOf, organisationName, type TabLocale, type TabStrings } from './strings';

/** How each figure reads, in words and numbers of the locale; the table, its CSV and its chart all use these. */
function wordsFor(t: TabStrings, locale: TabLocale) {
  const s = t.network;
  const number = new Intl.NumberFormat(intlTag(locale));
  return {
    count: (v: Shown) => (isShown(v) ? number.format(v) : t.insights.hidden),
    days: (v: number | null) => (v === null ? s.tooFew : number.format(v)),
    rating: (v: number | null) => (v === null ? s.tooFew : number.format(v)),
    quarter: (key: string) => fill(s.quarter, { quarter: key.slice(-1), year: key.slice(0, 4) }),
    scope: (code: string) => (code === 'all' ? s.all : organisationName(t, code)),
    value: (dimension: BreakdownDimension, code: string) =>
      labelOf({ wish: t.signals.wishes, anonymity: s.anonymities, relation: s.relations, outcome: s.outcomes }[dimension], code),
    number,
  };
}

/**
 * A table of figures with its CSV: the file holds, cell for cell, the text the table shows (so what is held back in
 * the tab is held back in the file too).
 */
function FigureTable({ id, heading, headers, rows, chart, t }: { id: string; heading: string; headers: string[]; rows: Array<{ key: string; cells: string[] }>; chart?: ReactNode; t: TabStrings }) {
  return (
    <>
      <TableSection id={id} heading={heading} headers={headers} rows={rows} chart={chart} />
      <Button
        size="small"
        aria-label={fill(t.network.csvLabel, { table: heading })}
        onClick={() => download(`${id}.csv`, csvOf([headers, ...rows.map((r) => r.cells)]))}
      >
        {t.network.csv}
      </Button>
    </>
  );
}

const breakdownRows = (b: Breakdown, words: ReturnType<typeof wordsFor>) =>
  b.values.map((value, v) => ({ key: value, cells: [words.value(b.dimension, value), ...b.cells[v]!.map(words.count)] }));

/** Cijfers netwerk: a network coordinator's organisation (with its parts), or any or all for the coordinator. */
export function NetworkPage({ api, t, locale }: { api: Api; t: TabStrings; locale: TabLocale }) {
  const s = t.network;
  const [scope, setScope] = useState<string>();
  const [data, setData] = useState<NetworkFigures>();
  const [problem, setProblem] = useState<string>();
  const [year, setYear] = useState(false);
  useEffect(() => {
    const query = scope ? `?scope=${encodeURIComponent(scope)}` : '';
    api.get<NetworkFigures>(`/api/network/figures${query}`).then(setData, (e: ApiError) => setProblem(e.status === 403 ? s.noScope : fill(t.error, { message: e.message })));
  }, [api, scope, s, t]);
  if (problem) return <Text block as="p">{problem}</Text>;
  if (!data) return <Text block as="p">{t.loading}</Text>;
  const words = wordsFor(t, locale);
  if (year) return <YearReportView api={api} t={t} locale={locale} scope={data.scope} onBack={() => setYear(false)} />;

  const quarters = data.quarters.map(words.quarter);
  const last = data.quarters.length - 1;
  const c = data.categories;
  const topic = (code: string) => labelOf(t.topics, code);
  return (
    <>
      {data.scopes.length > 1 && (
        <Field label={s.scope}>
          <Select value={data.scope} onChange={(_, d) => setScope(d.value)}>
            {data.scopes.map((code) => (
              <option key={code} value={code}>
                {words.scope(code)}
              </option>
            ))}
          </Select>
        </Field>
      )}
      {data.organisations.length > 1 && data.scope !== 'all' && (
        <Text block as="p">
          {fill(s.withParts, { name: words.scope(data.scope), parts: data.organisations.filter((o) => o !== data.scope).map((o) => organisationName(t, o)).join(', ') })}
        </Text>
      )}
      <Text block as="p">{s.intro}</Text>
      <Button appearance="primary" onClick={() => setYear(true)}>
        {s.yearReport}
      </Button>

      <FigureTable
        t={t}
        id="signals-per-quarter"
        heading={s.perQuarter}
        chart={<LineChart caption={s.perQuarter} labels={quarters} values={c.columnTotals.map((v) => (isShown(v) ? v : null))} />}
        headers={[s.period, s.signalsCount]}
        rows={quarters.map((q, i) => ({ key: q, cells: [q, words.count(c.columnTotals[i]!)] }))}
      />

      <FigureTable
        t={t}
        id="signals-by-topic"
        heading={s.byCategory}
        chart={<Bars caption={fill(s.latest, { quarter: quarters[last]! })} labels={c.rows.map(topic)} totals={c.cells.map((row) => row[last]!)} cells={c.cells.map((row) => [row[last]!])} number={words.number} t={t} />}
        headers={[s.topic, ...quarters, s.total]}
        rows={c.rows.map((code, r) => ({ key: code, cells: [topic(code), ...c.cells[r]!.map(words.count), words.count(c.rowTotals[r]!)] }))}
      />

      {data.breakdowns.map((b) => (
        <FigureTable key={b.dimension} t={t} id={`breakdown-${b.dimension}`} heading={s.breakdowns[b.dimension]} headers={[s.value, ...quarters]} rows={breakdownRows(b, words)} />
      ))}

      <FigureTable
        t={t}
        id="first-reaction-days"
        heading={s.firstReaction}
        chart={<LineChart caption={s.firstReaction} labels={quarters} values={data.firstReactionDays} />}
        headers={[s.period, s.days]} rows={quarters.map((q, i) => ({ key: q, cells: [q, words.days(data.firstReactionDays[i]!)] }))} />

      <FigureTable
        t={t}
        id="workshops-per-quarter"
        heading={s.workshops}
        headers={[s.period, s.held, s.participants, s.rating]}
        rows={quarters.map((q, i) => {
          const w = data.workshops[i]!;
          return { key: q, cells: [q, words.number.format(w.held), words.count(w.participants), words.rating(w.averageRating)] };
        })}
      />
      {/* Only the coordinator may choose all organisations, and only the coordinator keeps who sees which. */}
      {data.scopes.includes('all') && <NetworkCoordinatorsSection api={api} t={t} />}
    </>
  );
}

/** Printing shows the year report alone, without the tab bar and the buttons. */
const PRINT_CSS = `@media print {
  body * { visibility: hidden; }
  [data-year-report], [data-year-report] * { visibility: visible; }
  [data-year-report] { position: absolute; inset: 0 auto auto 0; width: 100%; }
  [data-year-report] button { display: none; }
}`;

/** The year report: a page that prints well (to paper or to a pdf from the browser's print dialog). */
function YearReportView({ api, t, locale, scope, onBack }: { api: Api; t: TabStrings; locale: TabLocale; scope: string; onBack: () => void }) {
  const s = t.network;
  const [report, setReport] = useState<YearReport>();
  const [problem, setProblem] = useState<string>();
  useEffect(() => {
    api.get<YearReport>(`/api/network/year-report?scope=${encodeURIComponent(scope)}`).then(setReport, (e: ApiError) =>
      setProblem(e.status === 409 ? s.yearOpen : e.status === 403 ? s.noScope : fill(t.error, { message: e.message })),
    );
  }, [api, scope, s, t]);
  const back = <Button onClick={onBack}>{s.back}</Button>;
  if (problem) return (<>{back}<Text block as="p">{problem}</Text></>);
  if (!report) return <Text block as="p">{t.loading}</Text>;
  const words = wordsFor(t, locale);
  const c = report.categories;
  const quarters = c.columns.map(words.quarter);
  return (
    <article data-year-report aria-labelledby="year-report">
      <style>{PRINT_CSS}</style>
      {back}
      <Button appearance="primary" onClick={() => window.print()} style={{ marginLeft: 8 }}>
        {s.print}
      </Button>
      <Title3 as="h3" id="year-report">
        {fill(s.yearHeading, { year: report.year, scope: words.scope(report.scope) })}
      </Title3>
      {report.organisations.length > 1 && report.scope !== 'all' && (
        <Text block as="p">
          {fill(s.withParts, { name: words.scope(report.scope), parts: report.organisations.filter((o) => o !== report.scope).map((o) => organisationName(t, o)).join(', ') })}
        </Text>
      )}
      <Text block as="p">{s.yearIntro}</Text>
      <FigureTable
        t={t}
        id={`year-${report.year}-topics`}
        heading={s.byCategory}
        headers={[s.topic, ...quarters, s.yearTotal]}
        rows={c.rows.map((code, r) => ({ key: code, cells: [labelOf(s.reportCategories, code), ...c.cells[r]!.map(words.count), words.count(c.rowTotals[r]!)] }))}
      />
      {report.breakdowns.map((b) => (
        <FigureTable key={b.dimension} t={t} id={`year-${report.year}-${b.dimension}`} heading={s.breakdowns[b.dimension]} headers={[s.value, s.yearTotal]} rows={breakdownRows(b, words)} />
      ))}
      <dl>
        <dt>{s.firstReaction}</dt>
        <dd>{words.days(report.firstReactionDays)}</dd>
        <dt>{s.held}</dt>
        <dd>{words.number.format(report.workshops.held)}</dd>
        <dt>{s.participants}</dt>
        <dd>{words.count(report.workshops.participants)}</dd>
        <dt>{s.rating}</dt>
        <dd>{words.rating(report.workshops.averageRating)}</dd>
      </dl>
    </article>
  );
}
