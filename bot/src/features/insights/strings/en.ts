import type { nl } from './nl';

export const en: typeof nl = {
  advice: {
    title: "More signals on the topic '{topic}'",
    text: "In the last closed quarter, {organisation} received {factor} times as many signals on '{topic}' as in the quarter before.",
    invite: 'This can also mean people find their way more easily. Would you like to look at it together with the confidential counsellor?',
    organisation: 'Organisation',
    topic: 'Topic',
    quarter: 'Quarter {quarter} {year}',
    where: 'You only see counts, not who raised a signal. You find more figures in the Sociaal Veilig tab, under Network figures.',
    open: 'Open network figures',
  },
  network: {
    noScope: 'No organisation is linked to you as a network coordinator, or you asked for one that is not yours. Ask the coordinator to add you.',
    yearOpen: 'That year has not closed yet. The year report comes two weeks after the end of the year.',
  },
};
