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
} from '@fluentui/react-components';
import type { ReactNode } from 'react';

/** A titled section with one table, named by its heading for screen readers; a sentence instead when empty. */
export function TableSection(props: { id: string; heading: string; headers: string[]; rows: Array<{ key: string; cells: ReactNode[] }>; emptyText?: string }) {
  const { id, heading, headers, rows, emptyText } = props;
  return (
    <section aria-labelledby={id}>
      <Title3 as="h3" id={id}>
        {heading}
      </Title3>
      {rows.length === 0 && emptyText !== undefined ? (
        <Text block as="p">
          {emptyText}
        </Text>
      ) : (
        <Table aria-labelledby={id}>
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
