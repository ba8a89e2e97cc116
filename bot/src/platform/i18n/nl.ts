/** The app's own words: the menu, the welcome, the channel help and the answers every feature shares, in Dutch (the first language). English must have exactly these keys. */
export const nl = {
  appName: 'Sociaal Veilig',
  menu: 'Naar het menu',
  welcome: {
    intro: 'Hier kaart je iets aan en vind je bij wie je terechtkunt. Ook meld je je hier aan voor workshops over sociale veiligheid.',
    privacy: 'Je kunt anoniem blijven: wie je signaal behandelt, ziet dan niet wie je bent. Wat je typt, bewaren we versleuteld en zo kort mogelijk.',
    urgent: 'Acuut gevaar? Bel 112. Denk je aan zelfdoding? Bel 113 of gratis 0800-0113, dag en nacht.',
    helpTitle: 'Dit kun je hier typen',
    helpItems: [
      'je code (die begint met SV-): je ziet hoe het met je signaal staat en leest de antwoorden;',
      '"iets aankaarten": iets laten weten, anoniem als je wilt;',
      '"met iemand praten": bij wie je terechtkunt;',
      '"workshops": waar je voor bent aangemeld, en open rijksbrede workshops;',
      '"workshop plannen": een rijksbrede online workshop plannen (voor je team doe je dat in het kanaal van je team);',
      '"bijeenkomst plannen": een bijeenkomst plannen met een plenair deel en rondes met sessies;',
      '"mijn gegevens": wat ik van je bewaar, en alles verwijderen;',
      '"menu": de knoppen hieronder.',
    ],
    actions: {
      signal: 'Iets aankaarten',
      talk: 'Met iemand praten',
      workshops: 'Workshops',
      myData: 'Mijn gegevens',
    },
  },
  channelHelp: {
    title: 'Sociaal Veilig in dit kanaal',
    intro: 'Typ @Sociaal Veilig in je bericht om iets te vragen. In een kanaal kan ik:',
    items: [
      'een workshop sociale veiligheid plannen voor jullie team of MT-dag: typ "@Sociaal Veilig workshop plannen";',
      'een bijeenkomst met rondes en sessies plannen: typ "@Sociaal Veilig bijeenkomst plannen";',
      'uitleggen wat ik doe: typ "@Sociaal Veilig help".',
    ],
    personal:
      'Wil je iets aankaarten of met iemand praten? Doe dat in een persoonlijke chat met mij: niemand in dit kanaal ziet dat.',
  },
  api: {
    unauthenticated: 'Je bent niet (meer) aangemeld. Open het tabblad opnieuw in Teams.',
    forbidden: 'Dit mag je met je rol niet zien of doen. Er is niets veranderd.',
    invalid: 'Dit verzoek klopt niet. Er is niets veranderd.',
    notFound: 'Niet gevonden.',
    internal: 'Er ging iets mis aan onze kant. Er is niets veranderd; probeer het zo nog eens.',
    placeSent: 'Staat klaar: de bot stuurt deze plek in een persoonlijke chat naar de deelnemer.',
    tooMany: 'Je doet veel verzoeken kort na elkaar. Er is niets veranderd; probeer het over {seconds} seconden opnieuw.',
    tooLarge: 'Dit verzoek is te groot. Er is niets veranderd.',
  },
  /** Why a field of a tab form was refused, said next to that field (bot/src/platform/http/field-problems.ts). */
  fieldReasons: {
    required: 'Vul dit in.',
    tooLong: 'Dit is te lang. Gebruik hoogstens {maximum} tekens.',
    chooseOne: 'Kies er minstens één.',
    choice: 'Kies een van de mogelijkheden.',
    email: 'Vul een e-mailadres in, met een @ en een domein.',
    url: 'Vul een volledig webadres in dat begint met https://.',
    startsWith: 'Dit moet beginnen met {prefix}.',
    phone: 'Gebruik alleen cijfers, spaties en + ( ) -. Dat zijn 3 tot 20 tekens.',
    contact: 'Vul minstens één manier in om deze plek te bereiken.',
    other: 'Dit klopt niet.',
  },
  limits: {
    turns: 'Je stuurt me veel berichten kort na elkaar. Ik doe hier nu niets mee: wacht een minuut en probeer het dan opnieuw.',
    signals:
      'Je hebt het afgelopen uur al {count} keer een formulier geopend. Meer kan nu niet: probeer het over een uur opnieuw. Er is niets opgeslagen.',
  },
  errors: {
    notUnderstood: 'Dat begreep ik niet. Kies hieronder wat je wilt doen.',
    invalidSubmit: 'Deze knop of dit formulier is niet (meer) geldig. Er is niets veranderd. Typ "menu" om opnieuw te beginnen.',
    internal: 'Er ging iets mis aan onze kant. Had je net iets verstuurd? Typ dan eerst je code om te zien of het is aangekomen.',
    unavailable: 'Het lukt nu even niet. Er is niets opgeslagen of veranderd. Probeer het over een paar minuten opnieuw.',
  },
};
