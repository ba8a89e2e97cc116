/**
 * A table as CSV, cell for cell the text the tab shows (RFC 4180: a cell with a quote, separator or line break is
 * quoted). A cell that starts like a formula is prefixed with a quote mark, so a spreadsheet shows it, never runs it.
 */
export function csvOf(rows: ReadonlyArray<readonly string[]>): string {
  const cell = (text: string) => {
    const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
    return /[",;\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return rows.map((row) => row.map(cell).join(';')).join('\r\n') + '\r\n';
}
