import type { nl } from './nl';

export const en: typeof nl = {
  advice: {
    title: 'More signals about {topic}',
    text: '{organisation} received {factor} times as many signals about {topic} as in the quarter before. It may help to look at this together.',
    organisation: 'Organisation',
    topic: 'Topic',
    quarter: 'Quarter {quarter} {year}',
    where: 'These are counts only, never who raised a signal. You find more figures in the Sociaal Veilig tab, under Network figures.',
    open: 'Open network figures',
  },
  network: {
    noScope: 'No organisation is kept for you as a network coordinator, or you asked for one that is not yours. Ask the coordinator to add you.',
    yearOpen: 'That year has not closed yet. The year report comes two weeks after the end of the year.',
  },
};
