import type { nl } from './nl';

export const en: typeof nl = {
  reminder: {
    titleSoon: 'A term ends soon',
    titleLate: 'A term has ended',
    kinds: {
      bevestigen: 'Confirm by {day} that you received a report of wrongdoing (misstand). The Whistleblowers Protection Act asks this.',
      terugkoppelen: 'Tell the reporter of wrongdoing by {day} what happens with the report.',
      afhandelen: 'Handle a report about integrity by {day}.',
      'eerste-reactie': 'React by {day} to a signal about {topic}.',
    },
    received: 'The signal came in on {day}. You find it under Signals in the Sociaal Veilig tab.',
    atLoket: 'Pass it on to the place that fits. They react then.',
    cannotAnswer: 'Cannot answer? Then take it on or close it.',
  },
  handover: {
    movedMeanwhile: 'This signal was just passed on to another place. Your answer was not sent.',
    notUnstaffed: 'This is only possible from an inbox nobody reads any more, to a place someone reads. Nothing was changed.',
    atLoket: 'The sociaal loket does not read or answer signals. Pass the signal on to the place that fits. Nothing was changed.',
    notOpen: 'This signal was already closed or passed on. Nothing was changed.',
    notHere: 'This signal cannot go to that place: it is closed, already passed on, or nobody reads there. Nothing was changed.',
  },
};
