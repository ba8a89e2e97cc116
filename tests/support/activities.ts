import { randomUUID } from 'node:crypto';

/** Builds Teams-shaped activities as the Bot Connector posts them to /api/messages. */
export interface ActivityOptions {
  serviceUrl: string;
  name?: string;
  conversationId?: string;
  conversationType?: 'personal' | 'channel' | 'groupChat';
  locale?: string;
  userId?: string;
  aadObjectId?: string;
}

export const BOT = { id: '28:sociaal-veilig-test-bot', name: 'Sociaal Veilig' };
export const TENANT_ID = '00000000-0000-4000-8000-00000000c0de';

export function teamsActivity(o: ActivityOptions, fields: Record<string, unknown>) {
  return {
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: o.serviceUrl,
    timestamp: new Date().toISOString(),
    locale: o.locale ?? 'nl-NL',
    from: { id: o.userId ?? '29:user-1', name: o.name ?? 'Fictieve Collega', aadObjectId: o.aadObjectId ?? 'aad-user-1' },
    recipient: BOT,
    conversation: {
      id: o.conversationId ?? `a:personal-${randomUUID()}`,
      conversationType: o.conversationType ?? 'personal',
      tenantId: TENANT_ID,
    },
    channelData: { tenant: { id: TENANT_ID } },
    ...fields,
  };
}

export const message = (o: ActivityOptions, text: string, extra: Record<string, unknown> = {}) =>
  teamsActivity(o, { type: 'message', text, ...extra });

export const submit = (o: ActivityOptions, value: unknown, extra: Record<string, unknown> = {}) => teamsActivity(o, { type: 'message', value, ...extra });

export const mention = (o: ActivityOptions, text: string) =>
  message(o, `<at>Sociaal Veilig</at> ${text}`, {
    entities: [{ type: 'mention', text: '<at>Sociaal Veilig</at>', mentioned: BOT }],
  });

/** A click on an Action.Execute button (Universal Actions): Teams sends the card's data with the inputs merged in. */
export const cardAction = (o: ActivityOptions, verb: string, data: Record<string, unknown>, replyToId = 'card-1') =>
  teamsActivity(o, { type: 'invoke', name: 'adaptiveCard/action', replyToId, value: { action: { type: 'Action.Execute', verb, data } } });

/** Teams installs the app with an installationUpdate (it carries the locale) and a conversationUpdate (it does not). */
export const botInstalled = (o: ActivityOptions) => teamsActivity(o, { type: 'installationUpdate', action: 'add' });

export const botJoined = (o: ActivityOptions) => {
  const { locale: _none, ...activity } = teamsActivity(o, { type: 'conversationUpdate', membersAdded: [BOT] });
  return activity;
};
