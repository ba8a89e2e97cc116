/** What the network figures say in words: the refusals of their routes, and the pro-active advice card. */
export const nl = {
  advice: {
    title: 'Meer signalen over {topic}',
    text: 'Bij {organisation} kwamen {factor} keer zoveel signalen over {topic} binnen als het kwartaal ervoor. Misschien is het goed om daar samen naar te kijken.',
    organisation: 'Organisatie',
    topic: 'Onderwerp',
    quarter: 'Kwartaal {quarter} {year}',
    where: 'Dit zijn alleen aantallen, nooit wie een signaal deed. Meer cijfers vind je in het tabblad Sociaal Veilig, onder Cijfers netwerk.',
    open: 'Cijfers netwerk openen',
  },
  network: {
    noScope: 'Er is geen organisatie voor jou als netwerkcoördinator vastgelegd, of je vroeg om een organisatie die niet bij jou hoort. Vraag de coördinator om je toe te voegen.',
    yearOpen: 'Dat jaar is nog niet afgesloten. Het jaarverslag komt twee weken na het einde van het jaar.',
  },
};
