import { Text, Title3, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { Insights, Shown } from '../../bot/src/shared/api/insights';
import { type Api, ApiError } from './api';
import { TableSection } from './TableSection';
import { fill, intlTag, labelOf, organisationName, type TabLocale, type TabStrings } from './strings';

/**
 * A figure as the service sends it: a number, or the marker of a count held back (small, or enough to work a small
 * one out). Anything that is not a number is drawn as held back (Hidden below), never as a number.
 */
type Figure = Shown;
const isShown = (v: Figure): v is number => typeof v === 'number';

const useStyles = makeStyles({
  figure: { margin: 0, display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXXS },
  // Label, bar, figure: the label column takes at most 16rem and never less than its longest word.
  line: { display: 'grid', gridTemplateColumns: 'minmax(min-content, min(16rem, 40%)) minmax(0, 1fr) 4rem', alignItems: 'center', columnGap: tokens.spacingHorizontalS },
  bar: { height: '12px', backgroundColor: tokens.colorBrandBackground },
  // Held back: a hatched, outlined stub, told apart from a bar by its pattern and its text, not by colour alone.
  hiddenBar: {
    height: '12px',
    width: '2rem',
    boxSizing: 'border-box',
    border: `${tokens.strokeWidthThin} dashed ${tokens.colorNeutralForeground1}`,
    backgroundImage: `repeating-linear-gradient(135deg, ${tokens.colorNeutralForeground1} 0 1px, transparent 1px 5px)`,
  },
  value: { whiteSpace: 'nowrap' },
});

/** A held-back figure: the one place that says how one looks (and is read out: in words, not as a symbol). */
function Hidden({ t }: { t: TabStrings }) {
  return <span data-hidden-figure>{t.insights.hidden}</span>;
}

/**
 * A bar per topic for its total. A topic whose total is held back, or whose counts are all held back (its total of
 * shown counts is then 0, though it had signals), is drawn as held back: a hatched stub and its words, never as 0.
 */
function Bars({ labels, totals, cells, caption, number, t }: { labels: string[]; totals: Figure[]; cells: Figure[][]; caption: string; number: Intl.NumberFormat; t: TabStrings }) {
  const styles = useStyles();
  // The total to draw, or undefined for one held back.
  const drawn = totals.map((total, i) => (isShown(total) && !(total === 0 && (cells[i] ?? []).some((c) => !isShown(c))) ? total : undefined));
  const max = Math.max(1, ...drawn.map((v) => v ?? 0));
  return (
    <figure aria-label={caption} className={styles.figure}>
      {labels.map((label, i) => {
        const total = drawn[i];
        return (
          <div key={label} className={styles.line}>
            <span>{label}</span>
            {total === undefined ? (
              <span aria-hidden="true" data-mark="hidden" className={styles.hiddenBar} />
            ) : (
              <span aria-hidden="true" data-mark="bar" className={styles.bar} style={{ width: `${(100 * total) / max}%` }} />
            )}
            <span className={styles.value}>{total === undefined ? <Hidden t={t} /> : number.format(total)}</span>
          </div>
        );
      })}
    </figure>
  );
}

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
