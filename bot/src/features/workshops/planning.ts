import { z } from 'zod';
import { blankAsUndefined, numberInput, optionalInput } from '../../platform/form-input';
import { typedText } from '../../shared/typed-text';
import { instantOf, wallClockOf } from './local-time';
import {
  audienceSchema,
  DEFAULT_LENGTH_MINUTES,
  DEFAULT_SEATS,
  LENGTH_MINUTES,
  SEATS_ADVISED,
  SEATS_ALLOWED,
  workshopLanguageSchema,
} from '../../shared/workshop-vocabulary';

export const MAX_NOTE_LENGTH = 500;
export const MAX_PLACE_LENGTH = 200;

/** Teams sends numbers as text. */
const wholeNumber = (fallback: number) => z.preprocess(blankAsUndefined, numberInput(z.number().int()).default(fallback));

/** The planning form as it arrives; checked for shape here, for sense in `checkPlan`. */
export const planInputSchema = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  time: z.string().regex(/^\d{2}:\d{2}$/),
  lengthMinutes: wholeNumber(DEFAULT_LENGTH_MINUTES),
  location: typedText().trim().min(1).max(MAX_PLACE_LENGTH),
  audience: audienceSchema,
  seats: wholeNumber(DEFAULT_SEATS),
  language: workshopLanguageSchema,
  note: optionalInput(typedText().max(MAX_NOTE_LENGTH)),
  /** The organiser saw the advice about 4–8 seats and keeps their number. */
  seatsConfirmed: z.preprocess((v) => v === true || v === 'true', z.boolean()),
});
export type PlanInput = z.infer<typeof planInputSchema>;

export type WorkshopLocation = { kind: 'online'; url: string } | { kind: 'place'; text: string };

/** A plan that makes sense: in the future, a sensible length and number of seats. */
export interface WorkshopPlan {
  startsAt: Date;
  endsAt: Date;
  location: WorkshopLocation;
  audience: PlanInput['audience'];
  seats: number;
  language: PlanInput['language'];
  note?: string;
}

/** What is wrong with a plan; `date-in-the-past` is a day before today, `in-the-past` a time today that has passed. */
export type PlanProblem = 'no-such-time' | 'date-in-the-past' | 'in-the-past' | 'length-out-of-bounds' | 'seats-out-of-bounds' | 'link-not-https';

export type PlanCheck =
  | { ok: true; plan: WorkshopPlan }
  | { ok: false; problems: PlanProblem[] }
  /** Allowed, but outside the pilot's advice: the organiser is asked to confirm. */
  | { ok: false; warning: 'seats-outside-advice'; problems: [] };

/** Checks a planning form for sense; `now` and the time zone come from the caller so tests can fix them. */
export function checkPlan(input: PlanInput, now: Date, timeZone: string): PlanCheck {
  const problems: PlanProblem[] = [];
  const startsAt = instantOf(input.date, input.time, timeZone);
  if (!startsAt) problems.push('no-such-time');
  else if (startsAt.getTime() <= now.getTime()) problems.push(input.date < wallClockOf(now, timeZone).date ? 'date-in-the-past' : 'in-the-past');
  if (input.lengthMinutes < LENGTH_MINUTES.min || input.lengthMinutes > LENGTH_MINUTES.max) problems.push('length-out-of-bounds');
  if (input.seats < SEATS_ALLOWED.min || input.seats > SEATS_ALLOWED.max) problems.push('seats-out-of-bounds');
  const location = locationOf(input.location);
  if (!location) problems.push('link-not-https');
  if (problems.length > 0 || !startsAt || !location) return { ok: false, problems };

  const advised = input.seats >= SEATS_ADVISED.min && input.seats <= SEATS_ADVISED.max;
  if (!advised && !input.seatsConfirmed) return { ok: false, warning: 'seats-outside-advice', problems: [] };
  return {
    ok: true,
    plan: {
      startsAt,
      endsAt: new Date(startsAt.getTime() + input.lengthMinutes * 60_000),
      location,
      audience: input.audience,
      seats: input.seats,
      language: input.language,
      note: input.note,
    },
  };
}

/** A link is an online workshop and must be https; anything else is a place. */
export function locationOf(text: string): WorkshopLocation | undefined {
  const trimmed = text.trim();
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) return { kind: 'place', text: trimmed };
  try {
    const url = new URL(trimmed);
    return url.protocol === 'https:' ? { kind: 'online', url: url.toString() } : undefined;
  } catch {
    return undefined;
  }
}
