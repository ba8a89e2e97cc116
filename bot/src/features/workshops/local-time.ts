/**
 * Workshops are planned in Dutch wall-clock time: a date and a time as a person types them, in one
 * time zone (Europe/Amsterdam by default), turned into an instant and back.
 */

const pad = (n: number) => String(n).padStart(2, '0');

/** The wall-clock parts of an instant in `timeZone`. */
function partsIn(instant: Date, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute') };
}

/**
 * The instant at which the clocks in `timeZone` show `date` (YYYY-MM-DD) `time` (HH:mm), or undefined
 * when that wall-clock time does not exist (the hour skipped in spring) or the text is no date.
 */
export function instantOf(date: string, time: string, timeZone: string): Date | undefined {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) return undefined;
  const [year, month, day, hour, minute] = [d[1], d[2], d[3], t[1], t[2]].map(Number) as [number, number, number, number, number];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  // Correct by the zone's offset at that moment, twice, which settles across a change of offset.
  let guess = asUtc;
  for (let i = 0; i < 2; i++) {
    const p = partsIn(new Date(guess), timeZone);
    guess += asUtc - Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
  }
  const check = partsIn(new Date(guess), timeZone);
  const same = check.year === year && check.month === month && check.day === day && check.hour === hour && check.minute === minute;
  return same ? new Date(guess) : undefined;
}

/** The date (YYYY-MM-DD) and time (HH:mm) the clocks in `timeZone` show at `instant`. */
export function wallClockOf(instant: Date, timeZone: string): { date: string; time: string } {
  const p = partsIn(instant, timeZone);
  return { date: `${p.year}-${pad(p.month)}-${pad(p.day)}`, time: `${pad(p.hour)}:${pad(p.minute)}` };
}
