import type { SeatCount } from '../../shared/workshop-views';
import { SUPPRESS_BELOW } from '../insights';

/**
 * How many people registered or wait for one workshop, as someone outside it may see it. A workshop names its
 * audience (managers, new employees), so a count of 1 to 4 could point at people: it shows as "< 5". Its
 * organiser and its duo need their own seats and see them exactly; a channel member sees only the free seats.
 */
export function seatCountFor(count: number, insider: boolean): SeatCount {
  return insider || count === 0 || count >= SUPPRESS_BELOW ? count : '< 5';
}
