import { randomUUID } from 'node:crypto';
import { ActivityTypes, CardFactory, TurnContext } from 'botbuilder';
import { durationWords, placesCard, signalFormCard, signalReceiptCard, signalSentCard, signalStartCard, signalStatusCard, talkStartCard } from './signal-cards';
import { emergencyPlaces, placesForTopic, seededSocialeKaart, type SocialeKaartRepository } from '../kaart';
import type { FollowUpService } from './follow-up';
import type { SignalService } from './signal-service';
import { type Category, LOKET, type Organisation, RIJK } from '../../shared/signal-vocabulary';
import { format, type Locale } from '../../platform/i18n/locale';
import type { Logger } from '../../platform/logging/logger';
import type { SignalCardTokens } from './signal-card-tokens';
import type { RateLimit, RateLimits } from '../../platform/limits/rate-limits';
import type { CardSubmit } from './card-actions';
import { sendCard } from '../../platform/teams/send-card';
import { limitSubjectOf } from '../../platform/limits/turn-limits';
import { type SignalStrings } from './strings';
import { clockOf, type DeskTerms, termsOf } from '../../shared/desk-terms';
import { dayOf } from '../../shared/dates';

/** Guessing codes is limited per conversation: this many look-ups an hour, counted by every replica together. */
export const CODE_LOOKUP_LIMIT: RateLimit = { scope: 'case-code-lookup', hits: 10, windowSeconds: 3600 };

/**
 * Signal forms one person may open in an hour, counted by every replica together. Counted when the form is shown,
 * not when it is sent: sending an anonymous form must write nothing that names the person.
 */
export const signalLimit = (hits: number): RateLimit => ({ scope: 'signal-form', hits, windowSeconds: 3600 });

export interface SignalFlowDependencies {
  signals: SignalService;
  followUp: FollowUpService;
  kaart: SocialeKaartRepository;
  tokens: SignalCardTokens;
  rateLimits: RateLimits;
  /** The signal limit (`signalLimit`), the same object retention purges. */
  signalLimit: RateLimit;
  logger: Logger;
  clock?: () => Date;
}

/**
 * Iets aankaarten, in at most three cards: (1) organisation and "is there acute danger?",
 * (2) what, what you want, anonymity and an optional description, (3) the receipt with the case code
 * and where to go. Acute danger leaves the flow at once for 112, 113 and the organisation's own desk.
 * Also Met iemand praten: topic and organisation in, the places for them out.
 */
export class SignalFlow {
  constructor(private readonly deps: SignalFlowDependencies) {}

  /** A step a signal's or a talk's card sent (a personal chat only: the caller checks). */
  async step(context: TurnContext, t: SignalStrings, locale: Locale, submit: CardSubmit): Promise<void> {
    switch (submit.action) {
      case 'signal.danger':
        return this.danger(context, t, locale, submit.organisation);
      case 'signal.form':
        return this.form(context, t, submit.organisation, submit.description);
      case 'signal.submit':
        return this.submit(context, t, locale, submit);
      case 'signal.cancel':
        return this.cancel(context, t);
      case 'signal.reply':
        return this.reply(context, t, submit);
      case 'talk.show':
        return this.talkShow(context, t, locale, submit.topic, submit.organisation);
      default:
        return undefined;
    }
  }

  /** `description`: a story the person typed, carried on to the form for them to see (never stored here). */
  async start(context: TurnContext, t: SignalStrings, locale: Locale, description?: string): Promise<void> {
    await sendCard(context, signalStartCard(t, locale, await this.deps.kaart.organisations(), description));
  }

  async danger(context: TurnContext, t: SignalStrings, locale: Locale, organisation: Organisation | undefined): Promise<void> {
    this.deps.logger.info({ event: 'signal.danger' }, 'acute danger path');
    // 112 and 113 never depend on the database: if the sociale kaart cannot be read, the built-in ones show.
    const directory = await this.deps.kaart.referrals().catch((error: Error) => {
      this.deps.logger.error({ event: 'signal.danger.kaart-unavailable', error: error.name }, 'emergency card from built-in numbers');
      return seededSocialeKaart().referrals.filter((r) => r.organisation === RIJK);
    });
    const places = emergencyPlaces(directory, organisation);
    await sendCard(context, placesCard(t, locale, { title: t.signal.emergencyTitle, intro: t.signal.emergencyIntro, places, urgent: true }));
  }

  async form(context: TurnContext, t: SignalStrings, organisation: Organisation | undefined, description?: string): Promise<void> {
    if (!organisation) {
      await context.sendActivity(t.signal.organisationRequired);
      return;
    }
    if (!(await this.knownOrganisation(context, t, organisation))) return;
    if (!(await this.deps.rateLimits.take(this.deps.signalLimit, limitSubjectOf(context.activity)))) {
      this.deps.logger.warn({ event: 'signal.limited' }, 'too many signal forms from one person');
      await context.sendActivity(`${format(t.limits.signals, { count: this.deps.signalLimit.hits })} ${t.welcome.urgent}`);
      return;
    }
    // The form proves itself (a keyed token for this chat and moment): nothing about it is stored while it is open.
    const submissionId = randomUUID();
    const issuedAt = this.now().getTime();
    const formToken = this.deps.tokens.form(submissionId, context.activity.conversation.id, issuedAt);
    const loket = (await this.deps.kaart.staffedInboxes()).some((s) => s.organisation === organisation && s.role === LOKET);
    await sendCard(context, signalFormCard(t, organisation, { submissionId, issuedAt, formToken }, description, loket));
  }

  async submit(context: TurnContext, t: SignalStrings, locale: Locale, submit: Extract<CardSubmit, { action: 'signal.submit' }>): Promise<void> {
    const { action: _action, issuedAt, formToken, ...submission } = submit;
    const proof = this.deps.tokens.checkForm({ formId: submit.submissionId, issuedAt, token: formToken }, context.activity.conversation.id, this.now().getTime());
    if (proof !== 'valid') {
      this.deps.logger.info({ event: proof === 'expired' ? 'signal.stale' : 'submit.invalid', problem: 'signal-form' }, 'form refused');
      await context.sendActivity(proof === 'expired' ? t.signal.staleForm : t.errors.invalidSubmit);
      return;
    }
    if (!(await this.knownOrganisation(context, t, submit.organisation))) return;
    let result;
    try {
      result = await this.deps.signals.submit(submission, {
        aadObjectId: context.activity.from?.aadObjectId,
        name: context.activity.from?.name,
        replyRoute: replyRouteOf(context),
      });
    } catch (error) {
      // Nothing was committed: say so plainly, so nobody waits for an answer that will not come.
      this.deps.logger.error({ event: 'signal.not-saved', error: (error as Error).name }, 'signal not saved');
      await context.sendActivity(t.signal.notSaved);
      return;
    }
    if (result.outcome === 'already-submitted') {
      // A second press, or a repeat: one answer, with the code in case the receipt never arrived.
      this.deps.logger.info({ event: 'signal.repeated' }, 'form sent before');
      await context.sendActivity(result.caseCode ? format(t.signal.alreadySubmittedCode, { code: result.caseCode }) : t.signal.alreadySubmitted);
      return;
    }
    // The event alone: its exact time beside category and wish would undo the signal's keeping only its day.
    this.deps.logger.info({ event: 'signal.stored' }, 'signal stored');
    await sendCard(context, signalReceiptCard(t, locale, result, await this.termsOf(submission.organisation)));
    await this.replaceForm(context, t);
  }

  /** The sent form becomes a short notice in place, so there is no button left to press twice. Best effort. */
  private async replaceForm(context: TurnContext, t: SignalStrings): Promise<void> {
    const id = context.activity.replyToId;
    if (!id) return;
    await context
      .updateActivity({ id, type: ActivityTypes.Message, attachments: [CardFactory.adaptiveCard(signalSentCard(t))] })
      .catch((error: Error) => this.deps.logger.info({ event: 'signal.form-not-replaced', error: error.name }, 'form left as it was'));
  }

  /** A typed case code: where the signal stands, or one answer for "unknown" and "not yours". */
  async lookUp(context: TurnContext, t: SignalStrings, locale: Locale, caseCode: string): Promise<void> {
    if (!(await this.deps.rateLimits.take(CODE_LOOKUP_LIMIT, context.activity.conversation.id))) {
      this.deps.logger.warn({ event: 'signal.lookup.limited' }, 'too many code look-ups');
      await context.sendActivity(t.status.tooMany);
      return;
    }
    const found = await this.deps.signals.lookUp(caseCode, {
      aadObjectId: context.activity.from?.aadObjectId,
      conversationId: context.activity.conversation.id,
    });
    this.deps.logger.info({ event: 'signal.lookup', found: Boolean(found) }, 'case code look-up');
    if (!found) {
      await context.sendActivity(t.status.notFound);
      return;
    }
    const waiting = found.waitingRoute !== undefined;
    const messages = waiting ? [] : await this.deps.followUp.conversation(found.id, true);
    const facts = { ...found, receivedOn: dayOf(found.createdAt), acknowledgedOn: found.takenOnAt && dayOf(found.takenOnAt) };
    const clock = clockOf(facts, await this.termsOf(found.organisation), dayOf(this.now()));
    await sendCard(context, signalStatusCard(t, locale, caseCode, found, messages, waiting ? this.deps.followUp.replyDelayMs : undefined, clock));
  }

  /** The desk's terms of the organisation the signal is for: what its receipt and status promise. */
  private async termsOf(organisation: Organisation): Promise<DeskTerms> {
    return termsOf((await this.deps.kaart.organisations()).find((o) => o.code === organisation)?.terms);
  }

  /** The reporter writes back on an answer card; only from the conversation the answer went to. */
  async reply(context: TurnContext, t: SignalStrings, submit: Extract<CardSubmit, { action: 'signal.reply' }>): Promise<void> {
    const conversationId = context.activity.conversation.id;
    if (!this.deps.tokens.replyMatches({ signalId: submit.signalId, replyFormId: submit.replyFormId, token: submit.replyToken }, conversationId)) {
      this.deps.logger.info({ event: 'submit.invalid', problem: 'reply-card' }, 'card submit rejected');
      await context.sendActivity(t.errors.invalidSubmit);
      return;
    }
    const result = await this.deps.followUp.replyFromReporter(
      submit.signalId,
      submit.reply,
      { conversationId, aadObjectId: context.activity.from?.aadObjectId },
      submit.replyFormId,
    );
    this.deps.logger.info({ event: 'signal.reply', result }, 'reporter reply');
    const within = durationWords(t, this.deps.followUp.replyDelayMs);
    const answers = {
      stored: t.followUp.replyStored,
      'on-its-way': format(t.followUp.replyOnItsWay, { within }),
      repeat: t.followUp.replyRepeat,
      closed: t.followUp.closed,
      'not-yours': t.errors.invalidSubmit,
    };
    await context.sendActivity(answers[result]);
  }

  /** A code that is not in the organisations table (a forged or outdated card) is refused with a message. */
  private async knownOrganisation(context: TurnContext, t: SignalStrings, organisation: Organisation): Promise<boolean> {
    if (await this.deps.kaart.hasOrganisation(organisation)) return true;
    this.deps.logger.info({ event: 'submit.invalid', problem: 'unknown-organisation' }, 'card submit rejected');
    await context.sendActivity(t.errors.invalidSubmit);
    return false;
  }

  async cancel(context: TurnContext, t: SignalStrings): Promise<void> {
    await context.sendActivity(t.signal.cancelled);
  }

  async talkStart(context: TurnContext, t: SignalStrings, locale: Locale): Promise<void> {
    await sendCard(context, talkStartCard(t, locale, await this.deps.kaart.organisations()));
  }

  async talkShow(context: TurnContext, t: SignalStrings, locale: Locale, topic: Category, organisation: Organisation): Promise<void> {
    if (!(await this.knownOrganisation(context, t, organisation))) return;
    const places = placesForTopic(await this.deps.kaart.referrals(), await this.deps.kaart.routingRules(), topic, organisation);
    await sendCard(
      context,
      placesCard(t, locale, {
        title: t.talk.resultTitle,
        intro: format(t.talk.resultIntro, { topic: t.signal.categories[topic] }),
        places,
        footnote: t.welcome.urgent,
      }),
    );
  }

  private now(): Date {
    return this.deps.clock?.() ?? new Date();
  }
}

/** Where an answer can reach this person later: the conversation and the service, not who they are. */
function replyRouteOf(context: TurnContext): object {
  const { serviceUrl, channelId, bot, locale } = TurnContext.getConversationReference(context.activity);
  const { conversation } = context.activity;
  return {
    conversation: { id: conversation.id, tenantId: conversation.tenantId, conversationType: conversation.conversationType },
    serviceUrl,
    channelId,
    bot: bot && { id: bot.id },
    locale,
  };
}
