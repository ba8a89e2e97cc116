/** The words of a place on the sociale kaart, in Dutch (the first language). English must have exactly these keys. */
export const nl = {
  place: {
    hours: 'Bereikbaar',
    confidentiality: 'Vertrouwelijkheid',
    call: 'Bel {phone}',
    phone: 'Tel.',
    mail: 'Mail',
    chat: 'Chat in Teams',
    site: 'Website',
  },
};
