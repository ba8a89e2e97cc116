/** The words of the desk's reminders to a counsellor, in Dutch (the first language). English must have exactly these keys. */
export const nl = {
  reminder: {
    titleSoon: 'Een termijn loopt bijna af',
    titleLate: 'Een termijn is voorbij',
    kinds: {
      bevestigen: 'Bevestig uiterlijk {day} dat je een melding over een misstand hebt ontvangen. Dat vraagt de Wet bescherming klokkenluiders.',
      terugkoppelen: 'Laat de melder van een misstand uiterlijk {day} weten wat er met de melding gebeurt.',
      afhandelen: 'Handel een melding over integriteit uiterlijk {day} af.',
      'eerste-reactie': 'Reageer uiterlijk {day} op een signaal over {topic}.',
    },
    received: 'Het signaal kwam binnen op {day}. Je vindt het bij Signalen in de tab van Sociaal Veilig.',
    atLoket: 'Zet het door naar de plek die erbij past. Die reageert dan.',
    cannotAnswer: 'Kun je niet antwoorden? Neem het dan in behandeling of sluit het af.',
  },
  handover: {
    movedMeanwhile: 'Dit signaal is net doorgezet naar een andere plek. Je antwoord is niet verstuurd.',
    notUnstaffed: 'Dit kan alleen van een inbox die niemand meer leest, naar een plek die wel iemand leest. Er is niets veranderd.',
    atLoket: 'Het sociaal loket leest signalen niet en beantwoordt ze niet. Zet het signaal door naar de plek die erbij past. Er is niets veranderd.',
    notOpen: 'Dit signaal is al gesloten of doorgezet. Er is niets veranderd.',
    notHere: 'Dit signaal kan niet naar die plek: het is gesloten, al doorgezet, of niemand leest daar. Er is niets veranderd.',
  },
};
