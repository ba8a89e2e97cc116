import type { nl } from './nl';

export const en: typeof nl = {
  myData: {
    title: 'My data',
    intro: 'This is what Sociaal Veilig keeps about you:',
    installations: 'Chats in which I can reach you',
    confidentialSignals: 'Signals with your name',
    registrations: 'Workshop registrations',
    organised: 'Workshops and events you organise',
    signalsHeading: 'Your signals with your name:',
    signalLine: '{date}: {category} ({state})',
    anonymousNote: 'Anonymous signals are kept without your name. That is why they are not listed here and count in the figures without you.',
    deleteLabel: 'Delete my data',
    deleteConfirmText:
      'This deletes your signals with your name, your registrations and your message address. After that nobody can reach you through me. What you organise stays until a month after it ends.',
    deleteConfirm: 'Yes, delete everything',
    deleted: 'Deleted: {signals}, {registrations} and your message address. Anonymous signals count without you.',
    deletedSignals: { one: '1 signal with your name', other: '{count} signals with your name' },
    deletedRegistrations: { one: '1 workshop registration', other: '{count} workshop registrations' },
    unknownUser: 'I cannot see who you are in this chat, so nothing about you is kept.',
  },
};
