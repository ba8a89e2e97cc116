import { randomUUID } from 'node:crypto';
import { type Activity, CardFactory, type TurnContext } from 'botbuilder';
import { noticeCard } from '../../platform/cards/cards';
import type { AdaptiveCardJson } from '../../platform/cards/render';
import { planFormCard, planStartCard, seriesCard, type WorkshopCardContext, workshopCard, workshopListCard } from './workshop-cards';
import { locationOf, type PlanInput, planInputSchema } from './planning';
import { wallClockOf } from './local-time';
import type { Person, Workshop, WorkshopHome } from './workshop';
import type { SeenByPerson, WorkshopService } from './workshop-service';
import { format, type Locale } from '../../platform/i18n/locale';
import type { Logger } from '../../platform/logging/logger';
import type { WorkshopTokens } from './workshop-tokens';
import type { SocialeKaartRepository } from '../kaart';
import { scopeOf } from '../../platform/teams/conversation-scope';
import type { ActionReply } from '../../platform/teams/invoke-answers';
import { sendCard } from '../../platform/teams/send-card';
import type { WorkshopAction } from './workshop-actions';
import { type WorkshopStrings } from './strings';
import type { ProgrammeFlow } from './programme-flow';

export interface WorkshopFlowDependencies {
  workshops: WorkshopService;
  kaart: SocialeKaartRepository;
  tokens: WorkshopTokens;
  timeZone: string;
  /** The service's public address, for calendar links; without it no link is offered. */
  publicBaseUrl?: string;
  logger: Logger;
  /** Bijeenkomsten: their verbs are workshop verbs, their cards answered by their own flow. */
  programmes: ProgrammeFlow;
  clock?: () => Date;
}

/**
 * Workshops in Teams: a manager plans one in a channel (the form only they see), the invitation card
 * with each viewer's own status, registration and the waiting list, the facilitators' answers, changes.
 */
export class WorkshopFlow {
  constructor(private readonly deps: WorkshopFlowDependencies) {}

  private now(): Date {
    return (this.deps.clock ?? (() => new Date()))();
  }

  /** "workshop plannen": in a channel a shared card whose form only the organiser sees; in personal chat the form. */
  async startPlanning(context: TurnContext, t: WorkshopStrings, locale: Locale): Promise<void> {
    const organiser = personOf(context);
    if (!organiser) {
      await context.sendActivity(t.errors.invalidSubmit);
      return;
    }
    const formId = randomUUID();
    const token = this.deps.tokens.planFormToken(formId, organiser.aadObjectId);
    this.deps.logger.info({ event: 'workshop.planning.start', scope: scopeOf(context.activity) }, 'planning started');
    if (scopeOf(context.activity) === 'personal') await sendCard(context, await this.planForm(t, locale, formId, token));
    else await sendCard(context, planStartCard(t, { formId, token }));
  }

  /** "bijeenkomst plannen": a programme with rounds of sessions, planned like a workshop. */
  async startPlanningProgramme(context: TurnContext, t: WorkshopStrings, locale: Locale): Promise<void> {
    const organiser = personOf(context);
    if (!organiser) {
      await context.sendActivity(t.errors.invalidSubmit);
      return;
    }
    await this.deps.programmes.startPlanning(context, t, locale, organiser);
  }

  /** "workshops" in personal chat: my registrations and the open Rijk-wide workshops. */
  async list(context: TurnContext, t: WorkshopStrings, locale: Locale): Promise<void> {
    const me = context.activity.from?.aadObjectId;
    const [mine, open, programmes] = await Promise.all([
      me ? this.deps.workshops.mine(me) : Promise.resolve([]),
      this.deps.workshops.openRijksbreed(),
      this.deps.programmes.openRijksbreed(),
    ]);
    await sendCard(context, workshopListCard(this.cardContext(t, locale), mine, open, programmes));
  }

  /** A workshop card's button: validated already; answers with the card that replaces the clicked one. */
  async act(context: TurnContext, t: WorkshopStrings, locale: Locale, action: WorkshopAction): Promise<ActionReply> {
    const person = personOf(context);
    if (!person) return { text: t.errors.invalidSubmit };
    this.deps.logger.info({ event: 'workshop.action', verb: action.verb }, 'workshop action');
    const w = t.workshop;
    if (isProgrammeAction(action)) return this.deps.programmes.act(context, this.cardContext(t, locale), person, action);
    switch (action.verb) {
      case 'workshop.openForm':
        if (!this.isPlanner(action.data, person)) return { text: w.onlyOrganiser };
        return { card: await this.planForm(t, locale, action.data.formId, action.data.token) };
      case 'workshop.planView':
        // Every viewer's client asks (refresh): the organiser gets the form, anyone else the shared card as it is.
        if (!this.isPlanner(action.data, person)) return { card: planStartCard(t, action.data) };
        return { card: await this.planForm(t, locale, action.data.formId, action.data.token) };
      case 'workshop.planCancel':
        if (!this.isPlanner(action.data, person)) return { text: w.onlyOrganiser };
        return { card: noticeCard(t, { title: w.planStartTitle, text: w.planningStopped }) };
      case 'workshop.plan':
        return this.plan(context, t, locale, person, action.data);
      case 'workshop.refresh':
        return this.personalCard(t, locale, action.data.workshopId, person);
      case 'workshop.register': {
        const result = await this.deps.workshops.register(action.data.workshopId, person, action.data.version);
        this.deps.logger.info({ event: 'workshop.register', outcome: result.outcome }, 'registration');
        const text = 'position' in result ? format(w.outcomes[result.outcome], { position: result.position }) : w.outcomes[result.outcome];
        return this.afterChange(this.personalCard(t, locale, action.data.workshopId, person, text, result.seen), text);
      }
      case 'workshop.unregister': {
        const result = await this.deps.workshops.unregister(action.data.workshopId, person);
        this.deps.logger.info({ event: 'workshop.unregister', outcome: result.outcome, promoted: result.outcome === 'afgemeld' && Boolean(result.promoted) }, 'cancellation');
        return this.afterChange(this.personalCard(t, locale, action.data.workshopId, person, w.outcomes[result.outcome], result.seen), w.outcomes[result.outcome]);
      }
      case 'workshop.change': {
        const workshop = await this.deps.workshops.find(action.data.workshopId);
        if (!workshop) return { text: w.outcomes.onbekend };
        if (workshop.session) return this.personalCard(t, locale, workshop.id, person, w.outcomes.onbekend);
        if (workshop.organiser.aadObjectId !== person.aadObjectId) return this.personalCard(t, locale, workshop.id, person, w.onlyOrganiser);
        return { card: await this.changeForm(t, locale, person, { values: valuesOf(workshop, this.deps.timeZone), change: { workshopId: workshop.id, version: workshop.version } }) };
      }
      case 'workshop.move':
        return this.move(t, locale, person, action.data);
      case 'workshop.repeat': {
        const workshop = await this.deps.workshops.find(action.data.workshopId);
        if (!workshop) return { text: w.outcomes.onbekend };
        if (workshop.organiser.aadObjectId !== person.aadObjectId || workshop.session) return this.personalCard(t, locale, workshop.id, person, w.onlyOrganiser);
        // A team's workshop is planned again in its channel, a Rijk-wide one in personal chat: where its people find it.
        if ((scopeOf(context.activity) === 'personal') !== workshop.rijksbreed) return this.personalCard(t, locale, workshop.id, person, w.repeatElsewhere);
        // The same plan on a day still to choose; a new form, so a second click plans one more, never the same twice.
        const formId = randomUUID();
        const values = { ...valuesOf(workshop, this.deps.timeZone), date: undefined };
        return { card: await this.planForm(t, locale, formId, this.deps.tokens.planFormToken(formId, person.aadObjectId), { values, repeatOf: workshop.id }) };
      }
      case 'workshop.series': {
        const series = await this.deps.workshops.series(action.data.workshopId, person);
        if (!series) return this.personalCard(t, locale, action.data.workshopId, person, w.onlyOrganiser);
        return { card: seriesCard(this.cardContext(t, locale), series.workshop, series.entries) };
      }
      case 'workshop.cancel': {
        const workshop = await this.deps.workshops.find(action.data.workshopId);
        if (!workshop) return { text: w.outcomes.onbekend };
        if (workshop.session) return this.personalCard(t, locale, workshop.id, person, w.outcomes.onbekend);
        if (workshop.organiser.aadObjectId !== person.aadObjectId) return this.personalCard(t, locale, workshop.id, person, w.onlyOrganiser);
        const status = await this.deps.workshops.statusOf(workshop.id, person.aadObjectId);
        return { card: workshopCard(this.cardContext(t, locale), workshop, { kind: 'personal', status, isOrganiser: true, confirmCancel: true }) };
      }
      case 'workshop.cancelConfirmed': {
        const result = await this.deps.workshops.cancel(action.data.workshopId, person, action.data.version);
        this.deps.logger.info({ event: 'workshop.cancel', outcome: result.outcome }, 'workshop cancel');
        const text = result.outcome === 'niet-organisator' ? w.onlyOrganiser : result.outcome === 'te-weinig-plaatsen' ? w.notChanged : w.outcomes[result.outcome];
        return this.personalCard(t, locale, action.data.workshopId, person, text);
      }
      case 'duo.accept':
      case 'duo.decline':
        return this.answerRequest(t, locale, person, action.verb === 'duo.accept', action.data);
      case 'workshop.evaluate': {
        const result = await this.deps.workshops.evaluate(action.data.workshopId, person, action.data.rating, action.data.takeaway);
        this.deps.logger.info({ event: 'workshop.evaluate', outcome: result }, 'evaluation');
        return { card: noticeCard(t, { title: w.invitationTitle, text: w.evaluated[result] }) };
      }
      case 'workshop.aftercare': {
        const result = await this.deps.workshops.askAftercare(action.data.workshopId, { ...person, name: context.activity.from?.name ?? '' });
        this.deps.logger.info({ event: 'workshop.aftercare', outcome: result }, 'aftercare asked');
        return { text: result === 'gevraagd' ? w.aftercareAsked : result === 'geen-begeleiders' ? w.aftercareNobody : w.aftercareNotParticipant };
      }
      case 'workshop.sendFollowUp': {
        const result = await this.deps.workshops.sendFollowUp(action.data.workshopId, person);
        this.deps.logger.info({ event: 'workshop.follow-up', outcome: result }, 'follow-up');
        return { text: result === 'verstuurd' ? w.followUpSent : w.followUpNotFacilitator };
      }
    }
  }

  private async plan(
    context: TurnContext,
    t: WorkshopStrings,
    locale: Locale,
    person: Person,
    data: WorkshopAction & { verb: 'workshop.plan' } extends { data: infer D } ? D : never,
  ): Promise<ActionReply> {
    if (!this.isPlanner(data, person)) return { text: t.workshop.onlyOrganiser };
    // Repeating joins the earlier workshop's series: only its own organiser may, where the earlier one lives.
    const earlier = data.repeatOf ? await this.deps.workshops.find(data.repeatOf) : undefined;
    if (data.repeatOf && earlier?.organiser.aadObjectId !== person.aadObjectId) return { text: t.workshop.onlyOrganiser };
    if (earlier && (scopeOf(context.activity) === 'personal') !== earlier.rijksbreed) return { text: t.workshop.repeatElsewhere };
    const values = typedValues(data);
    const input = planInputSchema.safeParse(data);
    const organisationKnown = !data.organisation || (await this.deps.kaart.hasOrganisation(data.organisation));
    if (!input.success || !organisationKnown) {
      return { card: await this.planForm(t, locale, data.formId, data.token, { values, repeatOf: data.repeatOf, problem: { text: t.errors.invalidSubmit } }) };
    }
    const home = homeOf(context.activity);
    let result;
    try {
      result = await this.deps.workshops.plan(data.formId, input.data, person, {
        ...home,
        // The form of a repeat was opened on the earlier workshop's invitation: that message stays the earlier one's.
        invitationActivityId: earlier ? undefined : context.activity.replyToId,
        organisation: earlier ? earlier.organisation : data.organisation,
      }, data.repeatOf);
    } catch (error) {
      this.deps.logger.error({ event: 'workshop.not-saved', error: (error as Error).name }, 'workshop not saved');
      return { card: await this.planForm(t, locale, data.formId, data.token, { values, repeatOf: data.repeatOf, problem: { text: t.workshop.notSaved } }) };
    }
    if (!('outcome' in result)) {
      const problem = 'warning' in result ? { seatsWarning: seatsWarningFor(input.data.location) } : { problems: result.problems };
      return { card: await this.planForm(t, locale, data.formId, data.token, { values, repeatOf: data.repeatOf, problem }) };
    }
    this.deps.logger.info({ event: 'workshop.planned', audience: input.data.audience, seats: input.data.seats, duo: result.workshop.duo.length }, 'workshop planned');
    if (earlier && !home.rijksbreed) await this.postInvitation(context, t, locale, result.workshop);
    return this.personalCard(t, locale, result.workshop.id, person);
  }

  /**
   * A repeat's own invitation, a new message in the channel; claimed first, so a second click posts none. Should the
   * post fail, the claim is let go and the organiser can send the form again.
   */
  private async postInvitation(context: TurnContext, t: WorkshopStrings, locale: Locale, workshop: Workshop): Promise<void> {
    if (!(await this.deps.workshops.claimInvitation(workshop.id))) return;
    try {
      const posted = await context.sendActivity({ type: 'message', attachments: [CardFactory.adaptiveCard(workshopCard(this.cardContext(t, locale), workshop, { kind: 'shared' }))] });
      await this.deps.workshops.setInvitation(workshop.id, posted?.id ?? null);
    } catch (error) {
      await this.deps.workshops.setInvitation(workshop.id, null);
      throw error;
    }
  }

  private async move(t: WorkshopStrings, locale: Locale, person: Person, data: WorkshopAction & { verb: 'workshop.move' } extends { data: infer D } ? D : never): Promise<ActionReply> {
    const values = typedValues(data);
    const input = planInputSchema.safeParse(data);
    const change = { workshopId: data.workshopId, version: data.version };
    if (!input.success) {
      return { card: await this.changeForm(t, locale, person, { values, change, problem: { text: t.errors.invalidSubmit } }) };
    }
    const result = await this.deps.workshops.move(data.workshopId, person, data.version, input.data);
    if ('problems' in result && result.problems.length > 0) {
      return { card: await this.changeForm(t, locale, person, { values, change, problem: { problems: result.problems } }) };
    }
    if (!('outcome' in result)) return this.personalCard(t, locale, data.workshopId, person, t.workshop.outcomes.verouderd);
    this.deps.logger.info({ event: 'workshop.move', outcome: result.outcome }, 'workshop change');
    if (result.outcome === 'te-weinig-plaatsen') {
      const text = format(t.workshop.tooFewSeats, { registered: result.registered });
      return { card: await this.changeForm(t, locale, person, { values, change, problem: { text } }) };
    }
    return this.personalCard(t, locale, data.workshopId, person, result.outcome === 'niet-organisator' ? t.workshop.onlyOrganiser : t.workshop.outcomes[result.outcome]);
  }

  private async answerRequest(t: WorkshopStrings, locale: Locale, person: Person, accept: boolean, data: { workshopId: string; facilitatorId: string }): Promise<ActionReply> {
    const workshop = await this.deps.workshops.find(data.workshopId);
    // Only the facilitator asked may answer (again, after a decline too); anyone else learns nothing and changes nothing.
    if (!workshop || !(await this.deps.workshops.wasAsked(workshop.id, data.facilitatorId, person.aadObjectId))) return { text: t.errors.invalidSubmit };
    const result = await this.deps.workshops.answerRequest(data.workshopId, data.facilitatorId, accept ? 'accept' : 'decline');
    this.deps.logger.info({ event: 'workshop.duo.answer', accept, outcome: result.outcome }, 'facilitator answered');
    const fresh = (await this.deps.workshops.find(data.workshopId)) ?? workshop;
    return { card: workshopCard(this.cardContext(t, locale), fresh, { kind: 'duo-request', facilitatorId: data.facilitatorId, outcome: t.workshop.answers[result.outcome] }) };
  }

  /**
   * The card after a change that has committed; when it cannot be drawn (the workshop could not be read), the outcome
   * alone: saying "nothing changed" would be untrue.
   */
  private async afterChange(card: Promise<ActionReply>, outcome: string): Promise<ActionReply> {
    return card.catch((error: Error) => {
      this.deps.logger.warn({ event: 'workshop.card-not-drawn', error: error.name }, 'card not drawn after a change');
      return { text: outcome };
    });
  }

  /**
   * The workshop card as this person sees it, with what just happened on top: from `seen` when the action that just
   * happened read it right after its commit, else read now.
   */
  async personalCard(t: WorkshopStrings, locale: Locale, workshopId: string, person: Person, outcome?: string, seen?: SeenByPerson): Promise<ActionReply> {
    const workshop = seen?.workshop ?? (await this.deps.workshops.find(workshopId));
    if (!workshop) return { text: outcome ?? t.workshop.outcomes.onbekend };
    // A session is joined, left and seen through its programme's card, with a list per round.
    if (workshop.session) return this.deps.programmes.personalCard(this.cardContext(t, locale), workshop.session.programmeId, person, outcome);
    const status = seen?.status ?? (await this.deps.workshops.statusOf(workshopId, person.aadObjectId));
    return {
      card: workshopCard(this.cardContext(t, locale), workshop, {
        kind: 'personal',
        status,
        isOrganiser: workshop.organiser.aadObjectId === person.aadObjectId,
        calendarUrl: this.calendarUrl(workshop, person.aadObjectId),
        outcome,
      }),
    };
  }

  calendarUrl(workshop: Workshop, aadObjectId: string): string | undefined {
    if (!this.deps.publicBaseUrl) return undefined;
    const token = this.deps.tokens.calendarToken(workshop.id, aadObjectId);
    return `${this.deps.publicBaseUrl}/api/workshops/${workshop.id}/calendar.ics?t=${token}`;
  }

  /** Only the organiser who asked for this planning form may open, send or drop it. */
  private isPlanner(data: { formId: string; token: string }, person: Person): boolean {
    return this.deps.tokens.planFormMatches(data.formId, data.token, person.aadObjectId);
  }

  /** The organiser's form to change a workshop: the workshop's version, not a form token, guards it. */
  private changeForm(t: WorkshopStrings, locale: Locale, person: Person, extra: Pick<Parameters<typeof planFormCard>[2], 'values' | 'problem' | 'change'>) {
    const formId = randomUUID();
    return this.planForm(t, locale, formId, this.deps.tokens.planFormToken(formId, person.aadObjectId), extra);
  }

  private async planForm(
    t: WorkshopStrings,
    locale: Locale,
    formId: string,
    token: string,
    extra: Pick<Parameters<typeof planFormCard>[2], 'values' | 'problem' | 'change' | 'repeatOf'> = {},
  ): Promise<AdaptiveCardJson> {
    return planFormCard(t, locale, {
      formId,
      token,
      organisations: await this.deps.kaart.organisations(),
      timeZone: this.deps.timeZone,
      now: this.now(),
      ...extra,
    });
  }

  cardContext(t: WorkshopStrings, locale: Locale): WorkshopCardContext {
    return { t, locale, timeZone: this.deps.timeZone, now: this.now() };
  }
}

const isProgrammeAction = (a: WorkshopAction): a is Extract<WorkshopAction, { verb: `programme.${string}` }> => a.verb.startsWith('programme.');

/**
 * Where what is planned from this activity lives: its channel, or, planned in personal chat, the whole Rijk (found
 * under "workshops"). The invitation's message is the caller's to say.
 */
export function homeOf(activity: Activity): Pick<WorkshopHome, 'tenantId' | 'serviceUrl' | 'channelConversationId' | 'rijksbreed'> {
  const personal = scopeOf(activity) === 'personal';
  return { tenantId: activity.conversation.tenantId, serviceUrl: activity.serviceUrl, channelConversationId: personal ? undefined : activity.conversation.id, rijksbreed: personal };
}

/** The person behind an activity: their Entra id and Teams id; undefined when Teams did not say. */
export function personOf(context: TurnContext): Person | undefined {
  const from = context.activity.from;
  return from?.aadObjectId && from.id ? { aadObjectId: from.aadObjectId, userId: from.id, ...(from.name ? { name: from.name.slice(0, 200) } : {}) } : undefined;
}

const FORM_FIELDS = ['date', 'time', 'lengthMinutes', 'location', 'audience', 'seats', 'language', 'note', 'organisation'] as const;

/** What was typed, to show again with the problem: the form's own fields, as text or numbers only (anything else is not shown back). */
function typedValues(data: Record<string, unknown>): Partial<PlanInput> & { organisation?: string } {
  return Object.fromEntries(FORM_FIELDS.filter((f) => typeof data[f] === 'string' || typeof data[f] === 'number').map((f) => [f, data[f]]));
}

/** The pilot's advice on seats was learnt online; a workshop in a room is told so. */
const seatsWarningFor = (location: string): 'online' | 'place' => (locationOf(location)?.kind === 'place' ? 'place' : 'online');

function valuesOf(w: Workshop, timeZone: string): Partial<PlanInput> & { organisation?: string } {
  const start = wallClockOf(w.startsAt, timeZone);
  return {
    date: start.date,
    time: start.time,
    lengthMinutes: Math.round((w.endsAt.getTime() - w.startsAt.getTime()) / 60_000),
    location: w.location.kind === 'online' ? w.location.url : w.location.text,
    audience: w.audience,
    seats: w.seats,
    language: w.language,
    organisation: w.organisation,
  };
}
