/** Inzicht's answer (GET /api/insights), as the service sends it and the tab reads it: figures of closed periods only. */

/** What stands in a cell that is not shown: a count below 5, or one hidden so that no other can be worked out. */
export const HIDDEN = 'hidden';

export type Shown = number | typeof HIDDEN;

export interface SuppressedTable {
  rows: string[];
  columns: string[];
  cells: Shown[][];
  /** Over the shown cells only. */
  rowTotals: Shown[];
  columnTotals: Shown[];
  total: Shown;
}

export interface WorkshopFigures {
  held: number;
  participants: Shown;
  /** Only when both the managers and the others number 0 or at least 5: a share times the total gives a count back. */
  managerShare: number | null;
  /** Only over at least 5 evaluations. */
  averageRating: number | null;
  evaluations: Shown;
}

/** What the coordinator's Inzicht shows: the last twelve closed months, and the last closed quarter. */
export interface Insights {
  months: string[];
  /** Categories (rows) × the closed months (columns). */
  signalsByMonth: SuppressedTable;
  quarter: string;
  signalsByOrganisation: SuppressedTable;
  workshops: WorkshopFigures;
}
