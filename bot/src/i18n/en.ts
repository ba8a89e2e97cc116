import type { Strings } from './nl';

export const en: Strings = {
  appName: 'Sociaal Veilig',
  menu: 'Back to the menu',
  welcome: {
    intro:
      'Raise something at a low threshold, find out who you can talk to, and sign up for workshops on social safety at work.',
    privacy: 'Privacy: you can always stay anonymous. What you type is stored encrypted, and for as short as possible.',
    urgent: 'Acute danger? Call 112. Thinking about suicide? Call 113 or 0800-0113 (free, day and night).',
    actions: {
      signal: 'Raise something',
      talk: 'Talk to someone',
      workshops: 'Workshops',
      myData: 'My data',
    },
  },
  channelHelp: {
    title: 'Sociaal Veilig in this channel',
    intro: 'Mention me with @Sociaal Veilig to ask something. In a channel I can:',
    items: [
      'plan a social-safety workshop for your team or management-team day: type "@Sociaal Veilig plan workshop";',
      'explain what I do: type "@Sociaal Veilig help".',
    ],
    personal:
      'Want to raise something or talk to someone? Do it in a personal chat with me: nobody in this channel sees it.',
  },
  comingSoon: {
    title: 'Not available yet',
    text: '"{capability}" is still being built. This button does nothing yet: nothing was stored or sent.',
    signalSafety:
      'Need to talk now? Contact a confidential counsellor in your organisation. In acute danger: call 112. Thinking about suicide: call 113 or 0800-0113.',
  },
  errors: {
    notUnderstood: "I didn't understand that. Choose below what you would like to do.",
    invalidSubmit: 'This button or form is not valid (any more). Nothing was changed. Type "menu" to start again.',
    internal: 'Something went wrong on our side. Nothing was stored. Please try again later.',
  },
};
