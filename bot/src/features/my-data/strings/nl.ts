/** The words of "mijn gegevens", in Dutch (the first language). English must have exactly these keys. */
export const nl = {
  myData: {
    title: 'Mijn gegevens',
    intro: 'Dit bewaart Sociaal Veilig over jou:',
    installations: 'Chats waarin ik je kan bereiken',
    confidentialSignals: 'Signalen met je naam',
    registrations: 'Aanmeldingen voor workshops',
    organised: 'Workshops en bijeenkomsten die je organiseert',
    signalsHeading: 'Je signalen met naam:',
    signalLine: '{date}: {category} ({state})',
    anonymousNote: 'Anonieme signalen bewaren we zonder je naam. Daarom staan ze hier niet en tellen ze zonder jou mee in de cijfers.',
    deleteLabel: 'Verwijder mijn gegevens',
    deleteConfirmText:
      'Dit verwijdert je signalen met naam, je aanmeldingen en je adres voor berichten. Daarna kan niemand je via mij bereiken. Wat je organiseert, blijft staan tot een maand na afloop.',
    deleteConfirm: 'Ja, verwijder alles',
    deleted: 'Verwijderd: {signals}, {registrations} en je adres voor berichten. Anonieme signalen tellen zonder jou mee.',
    deletedSignals: { one: '1 signaal met je naam', other: '{count} signalen met je naam' },
    deletedRegistrations: { one: '1 aanmelding voor een workshop', other: '{count} aanmeldingen voor workshops' },
    unknownUser: 'Ik kan niet zien wie je bent in deze chat, dus er is niets over jou bewaard.',
  },
};
