import { makeStyles, tokens } from '@fluentui/react-components';
import type { Shown } from '../../bot/src/shared/api/insights';
import type { TabStrings } from './strings';

/**
 * A figure as the service sends it: a number, or the marker of a count held back (small, or enough to work a small
 * one out). Anything that is not a number is drawn as held back (Hidden below), never as a number.
 */
export type Figure = Shown;
export const isShown = (v: Figure): v is number => typeof v === 'number';

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
  lineChart: { maxWidth: '32rem', height: 'auto', display: 'block' },
});

/** A held-back figure: the one place that says how one looks (and is read out: in words, not as a symbol). */
export function Hidden({ t }: { t: TabStrings }) {
  return <span data-hidden-figure>{t.insights.hidden}</span>;
}

/**
 * A bar per topic for its total. A topic whose total is held back, or whose counts are all held back (its total of
 * shown counts is then 0, though it had signals), is drawn as held back: a hatched stub and its words, never as 0.
 */
export function Bars({ labels, totals, cells, caption, number, t }: { labels: string[]; totals: Figure[]; cells: Figure[][]; caption: string; number: Intl.NumberFormat; t: TabStrings }) {
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

/**
 * A line over time, drawn for the eye only: the table beside it (the caller's) is what a screen reader reads, so the
 * drawing is hidden from it. A point held back or missing (null) breaks the line there and is drawn as nothing.
 */
export function LineChart({ labels, values, caption }: { labels: string[]; values: Array<number | null>; caption: string }) {
  const styles = useStyles();
  const width = 320;
  const height = 120;
  const pad = 24;
  const max = Math.max(1, ...values.map((v) => v ?? 0));
  const x = (i: number) => pad + (labels.length < 2 ? 0 : (i * (width - 2 * pad)) / (labels.length - 1));
  const y = (v: number) => height - pad - (v * (height - 2 * pad)) / max;
  // Runs of shown points, each drawn as its own line.
  const runs: Array<Array<[number, number]>> = [];
  values.forEach((v, i) => {
    if (v === null) return runs.push([]);
    if (runs.length === 0) runs.push([]);
    runs[runs.length - 1]!.push([x(i), y(v)]);
  });
  return (
    <figure aria-label={caption} style={{ margin: 0 }}>
      <svg aria-hidden="true" data-chart="line" viewBox={`0 0 ${width} ${height}`} className={styles.lineChart}>
        <line x1={pad} y1={height - pad} x2={width - pad} y2={height - pad} stroke={tokens.colorNeutralStroke1} />
        {runs
          .filter((r) => r.length > 1)
          .map((run, i) => (
            <polyline key={i} points={run.map(([px, py]) => `${px},${py}`).join(' ')} fill="none" stroke={tokens.colorBrandForeground1} strokeWidth={2} />
          ))}
        {values.map((v, i) => (v === null ? null : <circle key={`p${i}`} cx={x(i)} cy={y(v)} r={3} fill={tokens.colorBrandForeground1} />))}
        {labels.map((label, i) => (
          // The outer labels lean inwards, so none reaches past the drawing's edge.
          <text key={label} x={x(i)} y={height - 6} textAnchor={i === 0 ? 'start' : i === labels.length - 1 ? 'end' : 'middle'} fontSize="10" fill={tokens.colorNeutralForeground1}>
            {label}
          </text>
        ))}
      </svg>
    </figure>
  );
}
