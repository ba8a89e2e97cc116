import { z } from 'zod';
import { organisationSchema } from '../signal-vocabulary';
import { typedText } from '../typed-text';
import type { Shown, SuppressedTable, WorkshopFigures } from './insights';

/**
 * A network coordinator (GET/PUT/DELETE /api/network-coordinators), as the coordinator keeps them in the tab: a person
 * and the organisation whose figures they see (with its parts).
 */
export const networkCoordinatorSchema = z
  .object({
    aadObjectId: z.string().uuid(),
    displayName: typedText().trim().min(1).max(100),
    organisation: organisationSchema,
  })
  .strict();
export type NetworkCoordinator = z.infer<typeof networkCoordinatorSchema>;

/** The breakdowns beside the topics: what people wanted, how anonymous, who the other was, how it ended. */
export const BREAKDOWNS = ['wish', 'anonymity', 'relation', 'outcome'] as const;
export type BreakdownDimension = (typeof BREAKDOWNS)[number];

/**
 * One breakdown's counts per closed quarter (or year), held back as a whole where any count would be 1 to 4
 * (features/insights/network-figures.ts says when else).
 */
export interface Breakdown {
  dimension: BreakdownDimension;
  values: string[];
  /** Values (rows) × periods (columns). */
  cells: Shown[][];
}

/** The answer of GET /api/network/figures: one organisation (with its parts) or, for the coordinator, all. */
export interface NetworkFigures {
  /** What the caller may choose: organisation codes, and "all" for the coordinator. */
  scopes: string[];
  scope: string;
  /** The organisations counted: the chosen one and its parts. */
  organisations: string[];
  /** The last closed quarters, oldest first. */
  quarters: string[];
  /** Categories (rows) × quarters (columns): the coordinator's quarter tables, the scope's rows added up. */
  categories: SuppressedTable;
  breakdowns: Breakdown[];
  /**
   * Per quarter: the median of calendar days from a signal's day to its first reaction, when every organisation of
   * the scope had at least 5 first reactions; else null.
   */
  firstReactionDays: Array<number | null>;
  /** Per quarter, for the whole Rijk (workshops are not counted per organisation). */
  workshops: WorkshopFigures[];
}

/** The categories counsellors use in their annual reports, each a group of our categories. */
export const REPORT_CATEGORIES = ['pesten', 'seksuele-intimidatie', 'agressie-en-geweld', 'discriminatie', 'integriteit', 'overig'] as const;
export type ReportCategory = (typeof REPORT_CATEGORIES)[number];

/** The printable year report (GET /api/network/year-report): a closed calendar year of one scope. */
export interface YearReport {
  scopes: string[];
  scope: string;
  organisations: string[];
  year: number;
  /** Report categories (rows) × the year's quarters and the year (columns). */
  categories: SuppressedTable;
  /** Over the whole year: how signals ended (with "doorverwezen", the referrals), and what people wanted. */
  breakdowns: Breakdown[];
  firstReactionDays: number | null;
  workshops: { held: number; participants: Shown; averageRating: number | null };
}
