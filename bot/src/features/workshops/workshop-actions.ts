import { z } from 'zod';
import { WORKSHOP_VERBS, type WorkshopVerb } from './workshop-cards';
import { numberInput, optionalInput } from '../../platform/form-input';
import { typedText } from '../../shared/typed-text';
import { MAX_NOTE_LENGTH } from './planning';
import { TOKEN_PATTERN } from './workshop-tokens';
import { MAX_ROUNDS } from '../../shared/workshop-vocabulary';
import { NO_SESSION, roundInput } from './programme-cards';

/**
 * The data of every workshop card action, as Teams delivers it (the card's data with the inputs merged
 * in), one schema per verb. Extra keys are dropped; anything else that does not fit is refused.
 */
const workshopRef = { workshopId: z.string().uuid(), version: numberInput(z.number().int().min(1).max(1_000_000)) };
const programmeRef = { programmeId: z.string().uuid(), version: workshopRef.version };
const planningRef = { formId: z.string().uuid(), token: z.string().regex(TOKEN_PATTERN) };

export const workshopActionSchemas = {
  'workshop.openForm': z.object(planningRef),
  'workshop.planView': z.object(planningRef),
  'workshop.plan': z.object({ ...planningRef, organisation: optionalInput(z.string().max(40)), repeatOf: z.string().uuid().optional() }).passthrough(),
  'workshop.planCancel': z.object(planningRef),
  'workshop.refresh': z.object({ workshopId: workshopRef.workshopId }),
  'workshop.register': z.object(workshopRef),
  'workshop.unregister': z.object(workshopRef),
  'workshop.change': z.object(workshopRef),
  'workshop.move': z.object(workshopRef).passthrough(),
  'workshop.cancel': z.object(workshopRef),
  'workshop.cancelConfirmed': z.object(workshopRef),
  'workshop.evaluate': z.object({
    workshopId: workshopRef.workshopId,
    rating: numberInput(z.number().int().min(1).max(5)),
    takeaway: optionalInput(typedText().max(MAX_NOTE_LENGTH)),
  }),
  'workshop.aftercare': z.object({ workshopId: workshopRef.workshopId }),
  'workshop.sendFollowUp': z.object({ workshopId: workshopRef.workshopId }),
  'workshop.repeat': z.object({ workshopId: workshopRef.workshopId }),
  'workshop.series': z.object({ workshopId: workshopRef.workshopId }),
  'duo.accept': z.object({ workshopId: workshopRef.workshopId, facilitatorId: z.string().regex(/^[a-z0-9-]{1,60}$/) }),
  'duo.decline': z.object({ workshopId: workshopRef.workshopId, facilitatorId: z.string().regex(/^[a-z0-9-]{1,60}$/) }),
  'programme.openForm': z.object(planningRef),
  'programme.planView': z.object(planningRef),
  'programme.plan': z.object(planningRef).passthrough(),
  'programme.planCancel': z.object(planningRef),
  'programme.refresh': z.object({ programmeId: z.string().uuid() }),
  'programme.choose': z.object({
    ...programmeRef,
    // A dialogue's role: checked against the programme's roles in the store.
    role: optionalInput(typedText().max(40)),
    // Each round's list sends the chosen session's id, or "geen" for none; a round the card did not show is absent.
    ...Object.fromEntries(Array.from({ length: MAX_ROUNDS }, (_, i) => [roundInput(i + 1), z.union([z.literal(NO_SESSION), z.string().uuid()]).optional()])),
  }),
  'programme.participants': z.object({ programmeId: z.string().uuid() }),
  'programme.cancel': z.object(programmeRef),
  'programme.cancelConfirmed': z.object(programmeRef),
} satisfies Record<WorkshopVerb, z.ZodTypeAny>;

export type WorkshopAction = { [V in WorkshopVerb]: { verb: V; data: z.infer<(typeof workshopActionSchemas)[V]> } }[WorkshopVerb];

export function isWorkshopVerb(verb: unknown): verb is WorkshopVerb {
  return typeof verb === 'string' && (WORKSHOP_VERBS as readonly string[]).includes(verb);
}

/** The action, or undefined when the verb is unknown or its data does not fit. */
export function parseWorkshopAction(verb: unknown, data: unknown): WorkshopAction | undefined {
  if (!isWorkshopVerb(verb)) return undefined;
  const parsed = workshopActionSchemas[verb].safeParse(data ?? {});
  return parsed.success ? ({ verb, data: parsed.data } as WorkshopAction) : undefined;
}

const executeSchema = z.object({ action: z.object({ type: z.literal('Action.Execute'), verb: z.unknown(), data: z.unknown() }) });

/** The verb and data of an `adaptiveCard/action` invoke's Action.Execute, unchecked; undefined for a value of any other shape. */
export function executeActionOf(value: unknown): { verb: unknown; data: unknown } | undefined {
  const parsed = executeSchema.safeParse(value);
  return parsed.success ? parsed.data.action : undefined;
}
