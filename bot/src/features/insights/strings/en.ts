import type { nl } from './nl';

export const en: typeof nl = {
  network: {
    noScope: 'No organisation is kept for you as a network coordinator, or you asked for one that is not yours. Ask the coordinator to add you.',
    yearOpen: 'That year has not closed yet. The year report comes two weeks after the end of the year.',
  },
};
