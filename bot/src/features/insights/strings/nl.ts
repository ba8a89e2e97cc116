/** What the network figures say in words: the refusals of their routes. */
export const nl = {
  network: {
    noScope: 'Er is geen organisatie voor jou als netwerkcoördinator vastgelegd, of je vroeg om een organisatie die niet bij jou hoort. Vraag de coördinator om je toe te voegen.',
    yearOpen: 'Dat jaar is nog niet afgesloten. Het jaarverslag komt twee weken na het einde van het jaar.',
  },
};
