import {
  type Activity,
  type InvokeResponse,
  TeamsActivityHandler,
  TurnContext,
} from 'botbuilder';
import { channelHelpCard, welcomeCard, type MenuAction } from '../platform/cards/cards';
import { type MenuActionName as CardAction, type CardSubmit, MAX_DESCRIPTION_LENGTH, MENU_ACTIONS, parseCardSubmit, parseCaseCode, type SignalFlow, storyCard } from '../features/signals';
import { chooseLocale, languageTagOf, type Locale, type LocaleSetting } from '../platform/i18n/locale';
import { stringsFor, type Strings } from './strings';
import type { Logger } from '../platform/logging/logger';
import { installationOf, type Installations } from '../platform/teams/installations';
import { type ActionReply, invokeAnswer } from '../platform/teams/invoke-answers';
import { sendCard } from '../platform/teams/send-card';
import type { MyDataFlow } from '../features/my-data';
import { executeActionOf, parseWorkshopAction, type WorkshopFlow } from '../features/workshops';
import { scopeOf } from '../platform/teams/conversation-scope';
import { intentOf, isStory } from './intents';

export interface BotDependencies {
  installations: Installations;
  signalFlow: SignalFlow;
  myDataFlow: MyDataFlow;
  workshopFlow: WorkshopFlow;
  locale: LocaleSetting;
  logger: Logger;
}

/** The Teams conversation: greets, shows the menu and routes each capability. */
export class SociaalVeiligBot extends TeamsActivityHandler {
  constructor(private readonly deps: BotDependencies) {
    super();
    // The greeting goes with the install event, not with the bot joining the conversation (conversationUpdate):
    // Teams, and the Agents Playground, send the client's locale with installationUpdate only, so a welcome sent
    // on conversationUpdate was Dutch for everyone under LOCALE=auto, and the next turn in the client's language.
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.deps.installations.upsert(installationOf(context.activity));
      // An upgrade ("add-upgrade") is no new install: the person saw the welcome already.
      if (context.activity.action === 'add') await this.greet(context);
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      await this.deps.installations.remove(context.activity.conversation.id);
      await next();
    });
    this.onMessage(async (context, next) => {
      await this.onMessageReceived(context);
      await next();
    });
  }

  /**
   * Universal Actions (Action.Execute) of the workshop cards arrive as the `adaptiveCard/action` invoke: the
   * answer is the card that replaces the clicked one for this person. Bad data gets a message and changes
   * nothing. The invoke is read here, not by botbuilder, whose reading throws on a value without an action
   * (a 501 to the client) and answers another action type with a 400 in English.
   */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name !== 'adaptiveCard/action') return super.onInvokeActivity(context);
    const action = executeActionOf(context.activity.value);
    const response = invokeAnswer(await this.workshopAction(context, action?.verb, action?.data));
    return { status: response.statusCode, body: response };
  }

  /** One path for Action.Execute and its Action.Submit fallback: validated, and a failure said plainly. */
  private async workshopAction(context: TurnContext, verb: unknown, data: unknown): Promise<ActionReply> {
    const t = this.stringsOf(context);
    const action = parseWorkshopAction(verb, data);
    if (!action) {
      this.deps.logger.info({ event: 'submit.invalid', problem: 'workshop-action' }, 'card action rejected');
      return { text: t.errors.invalidSubmit };
    }
    try {
      return await this.deps.workshopFlow.act(context, t, this.localeOf(context), action);
    } catch (error) {
      this.deps.logger.error({ event: 'workshop.action.failed', verb: action.verb, error: (error as Error).name }, 'workshop action failed');
      return { text: t.workshop.notChanged };
    }
  }

  private async greet(context: TurnContext): Promise<void> {
    const t = this.stringsOf(context);
    await sendCard(context, scopeOf(context.activity) === 'personal' ? welcomeCard(t, menuActions(t)) : channelHelpCard(t));
  }

  private async onMessageReceived(context: TurnContext): Promise<void> {
    const { activity } = context;
    const t = this.stringsOf(context);
    const personal = scopeOf(activity) === 'personal';
    const isSubmit = activity.value !== undefined && !activity.text;

    if (isSubmit && isWorkshopFallback(activity.value)) {
      // A client without Universal Actions sent the Action.Submit fallback: same action, the card comes as a reply.
      const reply = await this.workshopAction(context, activity.value.verb, activity.value);
      if ('card' in reply) await sendCard(context, reply.card);
      else await context.sendActivity(reply.text);
      return;
    }

    if (isSubmit) {
      const parsed = parseCardSubmit(activity.value);
      if ('problem' in parsed) {
        this.deps.logger.info({ event: 'submit.invalid', problem: parsed.problem }, 'card submit rejected');
        await context.sendActivity(parsed.problem === 'description-too-long' ? t.signal.descriptionTooLong : t.errors.invalidSubmit);
        return;
      }
      const { submit } = parsed;
      if (isMenuAction(submit.action)) await this.answer(context, t, submit.action, personal, 'description' in submit ? submit.description : undefined);
      else if (personal) await this.continueFlow(context, t, this.localeOf(context), submit);
      else await sendCard(context, channelHelpCard(t));
      return;
    }

    if (!personal && !isBotMentioned(activity)) return;
    const text = personal ? activity.text : TurnContext.removeRecipientMention(activity);
    const caseCode = personal ? parseCaseCode(text) : undefined;
    if (caseCode) return this.deps.signalFlow.lookUp(context, t, this.localeOf(context), caseCode);
    const intent = intentOf(text);
    if (intent) {
      await this.answer(context, t, intent, personal);
    } else if (personal && isStory(text)) {
      // Someone telling what happens to them: a warm answer and an offer; their text is not stored or logged.
      this.deps.logger.info({ event: 'conversation.story' }, 'free text answered with an offer');
      await sendCard(context, storyCard(t, text, MAX_DESCRIPTION_LENGTH));
    } else if (personal) {
      await sendCard(context, welcomeCard(t, menuActions(t), t.errors.notUnderstood));
    } else {
      await sendCard(context, channelHelpCard(t));
    }
  }

  private async answer(context: TurnContext, t: Strings, action: CardAction, personal: boolean, description?: string): Promise<void> {
    this.deps.logger.info({ event: 'conversation.action', action, personal }, 'action');
    // Raising something, talking to someone and one's own data are private: never in front of a channel.
    if (action === 'menu' || action === 'help' || (!personal && PERSONAL_ONLY.includes(action))) {
      // "help" in personal chat: the menu, with what can be typed here.
      await sendCard(context, personal ? welcomeCard(t, menuActions(t), '', action === 'help') : channelHelpCard(t));
      return;
    }
    const locale = this.localeOf(context);
    if (action === 'capability.planWorkshop') return this.deps.workshopFlow.startPlanning(context, t, locale);
    if (action === 'capability.planProgramme') return this.deps.workshopFlow.startPlanningProgramme(context, t, locale);
    if (action === 'capability.workshops') {
      if (personal) return this.deps.workshopFlow.list(context, t, locale);
      await sendCard(context, channelHelpCard(t));
      return;
    }
    if (action === 'capability.signal') return this.deps.signalFlow.start(context, t, locale, description);
    if (action === 'capability.talk') return this.deps.signalFlow.talkStart(context, t, locale);
    return this.deps.myDataFlow.show(context, t, locale);
  }

  /** The steps of a flow that a card started; only in a personal chat. */
  private async continueFlow(context: TurnContext, t: Strings, locale: Locale, submit: CardSubmit): Promise<void> {
    if (submit.action === 'myData.delete') return this.deps.myDataFlow.delete(context, t);
    return this.deps.signalFlow.step(context, t, locale, submit);
  }

  private localeOf(context: TurnContext): Locale {
    return chooseLocale(this.deps.locale, languageTagOf(context.activity));
  }

  private stringsOf(context: TurnContext): Strings {
    return stringsFor(this.localeOf(context));
  }
}

const PERSONAL_ONLY: CardAction[] = ['capability.signal', 'capability.talk', 'capability.myData'];

export function menuActions(t: Strings): MenuAction[] {
  return [
    { label: t.welcome.actions.signal, action: 'capability.signal' },
    { label: t.welcome.actions.talk, action: 'capability.talk' },
    { label: t.welcome.actions.workshops, action: 'capability.workshops' },
    { label: t.welcome.actions.myData, action: 'capability.myData' },
  ];
}

function isWorkshopFallback(value: unknown): value is { verb: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'verb' in value;
}

function isMenuAction(action: string): action is CardAction {
  return (MENU_ACTIONS as readonly string[]).includes(action);
}

function isBotMentioned(activity: Activity): boolean {
  return TurnContext.getMentions(activity).some((m) => m.mentioned?.id === activity.recipient.id);
}
