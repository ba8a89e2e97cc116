import type { nl } from './nl';

export const en: typeof nl = {
  place: {
    hours: 'Available',
    confidentiality: 'Confidentiality',
    call: 'Call {phone}',
    phone: 'Phone',
    mail: 'Mail',
    chat: 'Chat in Teams',
    site: 'Website',
  },
};
