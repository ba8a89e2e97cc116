import { Text, Title3 } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { Insights } from '../../bot/src/shared/api/insights';
import { type Api, ApiError } from './api';
import { Bars, type Figure, Hidden, isShown } from './Charts';
import { TableSection } from './TableSection';
import { fill, intlTag, labelOf, organisationName, type TabLocale, type TabStrings } from './strings';

/** Inzicht (coordinator): aggregate figures of closed periods; what the server held back arrives as 'hidden'. */
export function InsightsPage({ api, t, locale }: { api: Api; t: TabStrings; locale: TabLocale }) {
  const s = t.insights;
  const [data, setData] = useState<Insights>();
  const [problem, setProblem] = useState<string>();
  useEffect(() => {
    api.get<Insights>('/api/insights').then(setData, (e: ApiError) => setProblem(e.status === 403 ? s.notCoordinator : fill(t.error, { message: e.message })));
  }, [api, s, t]);
  if (problem) return <Text block as="p">{problem}</Text>;
  if (!data) return <Text block as="p">{t.loading}</Text>;
  const topic = (c: string) => labelOf(t.topics, c);
  // Numbers as the locale writes them (nl: 7,8 and 1.250); a held-back count says so in words.
  const tag = intlTag(locale);
  const number = new Intl.NumberFormat(tag);
  const share = new Intl.NumberFormat(tag, { style: 'percent' });
  const shown = (v: Figure) => (isShown(v) ? number.format(v) : <Hidden t={t} />);
  const quarter = fill(s.quarter, { quarter: data.quarter.slice(-1), year: data.quarter.slice(0, 4) });
  const w = data.workshops;
  const byOrg = data.signalsByOrganisation;
  return (
    <>
      <Text block as="p">{s.suppressed}</Text>
      <section aria-labelledby="by-category">
        <Title3 as="h3" id="by-category">
          {s.byCategory}
        </Title3>
        <Bars caption={s.byCategory} labels={data.signalsByMonth.rows.map(topic)} totals={data.signalsByMonth.rowTotals} cells={data.signalsByMonth.cells} number={number} t={t} />
      </section>
      <TableSection
        id="by-organisation"
        heading={fill(s.byOrganisation, { quarter })}
        headers={[s.organisation, ...byOrg.columns.map(topic), s.total]}
        rows={byOrg.rows.map((r, i) => ({ key: r, cells: [organisationName(t, r), ...byOrg.cells[i]!.map(shown), shown(byOrg.rowTotals[i]!)] }))}
      />
      <section aria-labelledby="workshop-figures">
        <Title3 as="h3" id="workshop-figures">
          {fill(s.workshops, { quarter })}
        </Title3>
        <dl>
          <dt>{s.held}</dt>
          <dd>{shown(w.held)}</dd>
          <dt>{s.participants}</dt>
          <dd>{shown(w.participants)}</dd>
          <dt>{s.managerShare}</dt>
          <dd>{w.managerShare === null ? s.tooFew : share.format(w.managerShare)}</dd>
          <dt>{s.rating}</dt>
          <dd>{w.averageRating === null ? s.tooFew : shown(w.averageRating)}</dd>
          <dt>{s.evaluations}</dt>
          <dd>{shown(w.evaluations)}</dd>
        </dl>
      </section>
    </>
  );
}
