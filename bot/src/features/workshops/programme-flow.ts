import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import { noticeCard } from '../../platform/cards/cards';
import { format, type Locale } from '../../platform/i18n/locale';
import type { Logger } from '../../platform/logging/logger';
import { scopeOf } from '../../platform/teams/conversation-scope';
import type { ActionReply } from '../../platform/teams/invoke-answers';
import { sendCard } from '../../platform/teams/send-card';
import { type Programme, programmeInputSchema } from './programme';
import { NO_SESSION, participantsCard, programmeCard, programmeFormCard, roundInput } from './programme-cards';
import type { ChooseResult, ProgrammeService } from './programme-service';
import type { WorkshopStrings } from './strings';
import type { Person } from './workshop';
import type { WorkshopAction } from './workshop-actions';
import { planStartCard, type WorkshopCardContext } from './workshop-cards';
import { homeOf } from './workshop-flow';
import type { WorkshopTokens } from './workshop-tokens';

type ProgrammeAction = Extract<WorkshopAction, { verb: `programme.${string}` }>;

export interface ProgrammeFlowDependencies {
  programmes: ProgrammeService;
  tokens: WorkshopTokens;
  /** The service's public address, for calendar links; without it no link is offered. */
  publicBaseUrl?: string;
  logger: Logger;
}

/**
 * Bijeenkomsten in Teams: an organiser plans one (in a channel the form only they see), the invitation with each
 * viewer's own choices per round, changing a choice, the organiser's list of names, and cancelling.
 */
export class ProgrammeFlow {
  constructor(private readonly deps: ProgrammeFlowDependencies) {}

  /** "bijeenkomst plannen": in a channel a shared card whose form only the organiser sees; in personal chat the form. */
  async startPlanning(context: TurnContext, t: WorkshopStrings, locale: Locale, organiser: Person): Promise<void> {
    const formId = randomUUID();
    const token = this.deps.tokens.planFormToken(formId, organiser.aadObjectId);
    this.deps.logger.info({ event: 'programme.planning.start', scope: scopeOf(context.activity) }, 'planning started');
    if (scopeOf(context.activity) === 'personal') await sendCard(context, programmeFormCard(t, locale, { formId, token }));
    else await sendCard(context, planStartCard(t, { formId, token }, 'programme'));
  }

  async act(context: TurnContext, c: WorkshopCardContext, person: Person, action: ProgrammeAction): Promise<ActionReply> {
    const { t, locale } = c;
    const p = t.programme;
    switch (action.verb) {
      case 'programme.openForm':
      case 'programme.planView':
        // Every viewer's client asks (refresh): the organiser gets the form, anyone else the shared card as it is.
        if (!this.isPlanner(action.data, person)) return action.verb === 'programme.openForm' ? { text: p.onlyOrganiser } : { card: planStartCard(t, action.data, 'programme') };
        return { card: programmeFormCard(t, locale, action.data) };
      case 'programme.planCancel':
        if (!this.isPlanner(action.data, person)) return { text: p.onlyOrganiser };
        return { card: noticeCard(t, { title: p.planStartTitle, text: p.planningStopped }) };
      case 'programme.plan':
        return this.plan(context, c, person, action.data);
      case 'programme.refresh':
        return this.personalCard(c, action.data.programmeId, person);
      case 'programme.choose': {
        const programme = await this.deps.programmes.find(action.data.programmeId);
        if (!programme) return { text: p.outcomes.onbekend };
        const data = action.data as Record<string, unknown>;
        // Only the rounds the card showed are sent; each one's list says a session or none.
        const choices = programme.rounds
          .filter((r) => typeof data[roundInput(r.round)] === 'string')
          .map((r) => ({ round: r.round, sessionId: data[roundInput(r.round)] === NO_SESSION ? null : (data[roundInput(r.round)] as string) }));
        const result = await this.deps.programmes.choose(programme.id, person, choices, action.data.version, action.data.role);
        this.deps.logger.info({ event: 'programme.choose', outcome: result.outcome }, 'sessions chosen');
        const dialogues = new Set(programme.rounds.flatMap((r) => r.sessions.filter((x) => x.mixed).map((x) => x.id)));
        return this.personalCard(c, programme.id, person, outcomeText(t, result, dialogues));
      }
      case 'programme.participants': {
        const programme = await this.deps.programmes.find(action.data.programmeId);
        if (!programme) return { text: p.outcomes.onbekend };
        const list = await this.deps.programmes.participants(programme.id, person);
        if (!list) return this.personalCard(c, programme.id, person, p.onlyOrganiser);
        return { card: participantsCard(c, programme, list) };
      }
      case 'programme.cancel': {
        const programme = await this.deps.programmes.find(action.data.programmeId);
        if (!programme) return { text: p.outcomes.onbekend };
        if (programme.organiser.aadObjectId !== person.aadObjectId) return this.personalCard(c, programme.id, person, p.onlyOrganiser);
        return this.personalCard(c, programme.id, person, undefined, true);
      }
      case 'programme.cancelConfirmed': {
        const result = await this.deps.programmes.cancel(action.data.programmeId, person, action.data.version);
        this.deps.logger.info({ event: 'programme.cancel', outcome: result }, 'programme cancel');
        return this.personalCard(c, action.data.programmeId, person, result === 'niet-organisator' ? p.onlyOrganiser : p.outcomes[result]);
      }
    }
  }

  private async plan(context: TurnContext, c: WorkshopCardContext, person: Person, data: ProgrammeAction & { verb: 'programme.plan' } extends { data: infer D } ? D : never): Promise<ActionReply> {
    const { t, locale } = c;
    if (!this.isPlanner(data, person)) return { text: t.programme.onlyOrganiser };
    const values = typedValues(data);
    const form = { formId: data.formId, token: data.token, values };
    const input = programmeInputSchema.safeParse(data);
    if (!input.success) return { card: programmeFormCard(t, locale, { ...form, text: t.errors.invalidSubmit }) };
    const home = homeOf(context.activity);
    let result;
    try {
      // In a channel the planning card becomes the invitation; in personal chat there is none to update.
      result = await this.deps.programmes.plan(data.formId, input.data, person, { ...home, invitationActivityId: home.rijksbreed ? undefined : context.activity.replyToId });
    } catch (error) {
      this.deps.logger.error({ event: 'programme.not-saved', error: (error as Error).name }, 'programme not saved');
      return { card: programmeFormCard(t, locale, { ...form, text: t.programme.notSaved }) };
    }
    if (!('outcome' in result)) return { card: programmeFormCard(t, locale, { ...form, problems: result.problems }) };
    const p = result.programme;
    this.deps.logger.info({ event: 'programme.planned', rounds: p.rounds.length, sessions: p.rounds.reduce((n, r) => n + r.sessions.length, 0) }, 'programme planned');
    return this.personalCard(c, p.id, person);
  }

  /** The programme card as this person sees it, with what just happened on top. */
  async personalCard(c: WorkshopCardContext, programmeId: string, person: Person, outcome?: string, confirmCancel = false): Promise<ActionReply> {
    const programme = await this.deps.programmes.find(programmeId);
    if (!programme) return { text: outcome ?? c.t.programme.outcomes.onbekend };
    const choices = await this.deps.programmes.choicesOf(programmeId, person.aadObjectId);
    return {
      card: programmeCard(c, programme, {
        kind: 'personal',
        choices,
        isOrganiser: programme.organiser.aadObjectId === person.aadObjectId,
        outcome,
        confirmCancel,
        calendarUrl: this.calendarUrl(programmeId, person.aadObjectId),
      }),
    };
  }

  /** Open Rijk-wide programmes, soonest first: planned in personal chat, found in the "workshops" list. */
  openRijksbreed(): Promise<Programme[]> {
    return this.deps.programmes.openRijksbreed(5);
  }

    calendarUrl(programmeId: string, aadObjectId: string): string | undefined {
    if (!this.deps.publicBaseUrl) return undefined;
    return `${this.deps.publicBaseUrl}/api/programmes/${programmeId}/calendar.ics?t=${this.deps.tokens.calendarToken(programmeId, aadObjectId)}`;
  }

  /** Only the organiser who asked for this planning form may open, send or drop it. */
  private isPlanner(data: { formId: string; token: string }, person: Person): boolean {
    return this.deps.tokens.planFormMatches(data.formId, data.token, person.aadObjectId);
  }
}

/** What the person's choices did, a sentence per round that changed. */
function outcomeText(t: WorkshopStrings, result: ChooseResult, dialogues: ReadonlySet<string>): string {
  const o = t.programme.outcomes;
  if (result.outcome !== 'gekozen') return o[result.outcome];
  const said = result.rounds.flatMap((r) => {
    if (r.outcome === 'ongewijzigd') return [];
    // A dialogue's list is no queue: someone of another role may pass. Its place is not said.
    if (r.outcome === 'wachtlijst' && dialogues.has(r.sessionId)) return [format(r.reason === 'mix' ? o.wachtlijstMix : o.wachtlijstDialoog, { round: r.round })];
    if (r.outcome === 'wachtlijst') return [format(o.wachtlijst, { round: r.round, position: r.position })];
    return [format(o[r.outcome], { round: r.round })];
  });
  return said.length === 0 ? o.nothingChanged : said.join(' ');
}

/** What was typed, to show again with the problem: text fields only (anything else is not shown back). */
function typedValues(data: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(data).filter((e): e is [string, string] => typeof e[1] === 'string' && e[0] !== 'formId' && e[0] !== 'token' && e[1].length <= 200),
  );
}
