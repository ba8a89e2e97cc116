/** Dutch is the first language of the app; every other language must have exactly these keys. */
export const nl = {
  appName: 'Sociaal Veilig',
  menu: 'Naar het menu',
  welcome: {
    intro:
      'Hier kaart je laagdrempelig iets aan, vind je bij wie je terechtkunt en meld je je aan voor workshops over sociale veiligheid op het werk.',
    privacy: 'Privacy: je kunt altijd anoniem blijven. Wat je typt, bewaren we versleuteld en zo kort als mogelijk.',
    urgent: 'Acuut gevaar? Bel 112. Denk je aan zelfdoding? Bel 113 of 0800-0113 (gratis, dag en nacht).',
    actions: {
      signal: 'Iets aankaarten',
      talk: 'Met iemand praten',
      workshops: 'Workshops',
      myData: 'Mijn gegevens',
    },
  },
  channelHelp: {
    title: 'Sociaal Veilig in dit kanaal',
    intro: 'Noem mij met @Sociaal Veilig om iets te vragen. In een kanaal kan ik:',
    items: [
      'een workshop sociale veiligheid plannen voor jullie team of MT-dag: typ "@Sociaal Veilig workshop plannen";',
      'uitleggen wat ik doe: typ "@Sociaal Veilig help".',
    ],
    personal:
      'Wil je iets aankaarten of met iemand praten? Doe dat in een persoonlijke chat met mij: niemand in dit kanaal ziet dat.',
  },
  comingSoon: {
    title: 'Nog niet beschikbaar',
    text: '"{capability}" bouwen we nog. Deze knop doet nu nog niets: er is niets opgeslagen of verstuurd.',
    signalSafety:
      'Wil je nu iets kwijt? Praat met een vertrouwenspersoon van je organisatie. Bij acuut gevaar: bel 112. Denk je aan zelfdoding: bel 113 of 0800-0113.',
  },
  errors: {
    notUnderstood: 'Dat begreep ik niet. Kies hieronder wat je wilt doen.',
    invalidSubmit: 'Deze knop of dit formulier is niet (meer) geldig. Er is niets veranderd. Typ "menu" om opnieuw te beginnen.',
    internal: 'Er ging iets mis aan onze kant. Er is niets opgeslagen. Probeer het later nog eens.',
  },
};

export type Strings = typeof nl;
