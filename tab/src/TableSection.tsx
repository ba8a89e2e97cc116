import {
  MessageBar,
  MessageBarBody,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Title3,
  makeStyles,
} from '@fluentui/react-components';
import { type ReactNode, useEffect, useRef, useState } from 'react';

const useStyles = makeStyles({
  // Wider than the window (a phone, Teams' side panel), the table scrolls by itself; the page does not widen.
  scroller: { overflowX: 'auto', maxWidth: '100%' },
  // Fluent's fixed layout gives every column the same width, whatever it holds: a long word then runs into the
  // next column. The automatic layout makes each column at least as wide as its longest word.
  table: { tableLayout: 'auto' },
});

/** Whether an element's content is wider than the element: it then scrolls, and must be reachable by keyboard. */
function useScrolls<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setScrolls(element.scrollWidth > element.clientWidth);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return [ref, scrolls] as const;
}

/**
 * A titled section with one table, named by its heading for screen readers; a sentence instead when empty. `chart`:
 * a drawing of the same figures, shown above the table (which is what a screen reader reads).
 */
export function TableSection(props: { id: string; heading: string; headers: string[]; rows: Array<{ key: string; cells: ReactNode[] }>; emptyText?: string; chart?: ReactNode }) {
  const { id, heading, headers, rows, emptyText, chart } = props;
  const styles = useStyles();
  const [scroller, scrolls] = useScrolls<HTMLDivElement>();
  return (
    <section aria-labelledby={id}>
      <Title3 as="h3" id={id}>
        {heading}
      </Title3>
      {chart}
      {rows.length === 0 && emptyText !== undefined ? (
        <Text block as="p">
          {emptyText}
        </Text>
      ) : (
        // Focusable only when it scrolls, so the arrow keys can scroll it; named by the heading, as the table is.
        <div ref={scroller} className={styles.scroller} tabIndex={scrolls ? 0 : undefined} role={scrolls ? 'group' : undefined} aria-labelledby={scrolls ? id : undefined}>
          <Table aria-labelledby={id} className={styles.table}>
            <TableHeader>
              <TableRow>
                {headers.map((h) => (
                  <TableHeaderCell key={h}>{h}</TableHeaderCell>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((row) => (
                <TableRow key={row.key}>
                  {row.cells.map((cell, i) => (
                    <TableCell key={i}>{cell}</TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </section>
  );
}

/** What just happened (or went wrong), said once at the top of the page. */
export function Notice({ text }: { text?: string }) {
  return text ? (
    <MessageBar intent="info">
      <MessageBarBody>{text}</MessageBarBody>
    </MessageBar>
  ) : null;
}
