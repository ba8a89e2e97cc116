/** What the network figures say in words: the refusals of their routes, and the pro-active advice card. */
export const nl = {
  advice: {
    title: "Meer signalen bij het onderwerp '{topic}'",
    text: "Bij {organisation} kwamen in het laatste afgesloten kwartaal {factor} keer zoveel signalen binnen over '{topic}' als in het kwartaal ervoor.",
    invite: 'Dat kan ook betekenen dat mensen de weg beter vinden. Wil je er samen met de vertrouwenspersoon naar kijken?',
    organisation: 'Organisatie',
    topic: 'Onderwerp',
    quarter: 'Kwartaal {quarter} {year}',
    where: 'Je ziet alleen aantallen, niet wie een signaal gaf. Meer cijfers vind je in het tabblad Sociaal Veilig, onder Cijfers netwerk.',
    open: 'Cijfers netwerk openen',
  },
  network: {
    noScope: 'Er is geen organisatie voor jou als netwerkcoördinator vastgelegd, of je vroeg om een organisatie die niet bij jou hoort. Vraag de coördinator om je toe te voegen.',
    yearOpen: 'Dat jaar is nog niet afgesloten. Het jaarverslag komt twee weken na het einde van het jaar.',
  },
};
