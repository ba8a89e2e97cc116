import type { nl } from './nl';

export const en: typeof nl = {
  appName: 'Sociaal Veilig',
  menu: 'Back to the menu',
  welcome: {
    intro: 'Here you raise something and find who you can turn to. You can also sign up for workshops on social safety at work.',
    privacy: 'You can stay anonymous: whoever handles your signal then does not see who you are. What you type is stored encrypted and as briefly as possible.',
    urgent: 'Acute danger? Call 112. Thinking about suicide? Call 113 or 0800-0113 for free, day and night.',
    helpTitle: 'What you can type here',
    helpItems: [
      'your code (it starts with SV-): you see where your signal stands and read the answers;',
      '"raise something": let something be known, anonymously if you like;',
      '"talk to someone": who you can turn to;',
      '"workshops": what you registered for, and open workshops across the central government;',
      '"plan workshop": plan an online workshop open to the whole central government (for your team, do it in your team\'s channel);',
      '"plan an event": plan an event with a plenary part and rounds of sessions;',
      '"my data": what I keep about you, and deleting it all;',
      '"menu": the buttons below.',
    ],
    actions: {
      signal: 'Raise something',
      talk: 'Talk to someone',
      workshops: 'Workshops',
      myData: 'My data',
    },
  },
  channelHelp: {
    title: 'Sociaal Veilig in this channel',
    intro: 'Type @Sociaal Veilig in your message to ask something. In a channel I can:',
    items: [
      'plan a social-safety workshop for your team or management-team day: type "@Sociaal Veilig plan workshop";',
      'plan an event with rounds of sessions: type "@Sociaal Veilig plan an event";',
      'explain what I do: type "@Sociaal Veilig help".',
    ],
    personal:
      'Want to raise something or talk to someone? Do it in a personal chat with me: nobody in this channel sees it.',
  },
  api: {
    unauthenticated: 'You are not (or no longer) signed in. Open the tab again in Teams.',
    forbidden: 'Your role does not allow you to see or do this. Nothing was changed.',
    invalid: 'This request is not valid. Nothing was changed.',
    notFound: 'Not found.',
    internal: 'Something went wrong on our side. Nothing was changed; please try again shortly.',
    placeSent: 'Queued: the bot sends this place to the participant in a personal chat.',
    tooMany: 'You are making many requests in a short time. Nothing was changed; please try again in {seconds} seconds.',
    tooLarge: 'This request is too large. Nothing was changed.',
  },
  fieldReasons: {
    required: 'Fill this in.',
    tooLong: 'This is too long. Use at most {maximum} characters.',
    chooseOne: 'Choose at least one.',
    choice: 'Choose one of the options.',
    email: 'Enter an e-mail address, with an @ and a domain.',
    url: 'Enter a full web address that starts with https://.',
    startsWith: 'This must start with {prefix}.',
    phone: 'Use only digits, spaces and + ( ) -. That is 3 to 20 characters.',
    contact: 'Fill in at least one way to reach this place.',
    other: 'This is not right.',
  },
  limits: {
    turns: 'You are sending me many messages in a short time. I am not acting on this one: please wait a minute and try again.',
    signals:
      'You have opened a form {count} times in the past hour. No more for now: please try again in an hour. Nothing was stored.',
  },
  errors: {
    notUnderstood: "I didn't understand that. Choose below what you would like to do.",
    invalidSubmit: 'This button or form is not valid (any more). Nothing was changed. Type "menu" to start again.',
    internal: 'Something went wrong on our side. Did you just send something? Then first type your code to see whether it arrived.',
    unavailable: 'This is not working right now. Nothing was stored or changed. Please try again in a few minutes.',
  },
};
