/**
 * The signal categories in the people's own words (PRODUCT.md §1), in one place: the bot's cards and the tab
 * show the same names. Kept apart from the rest of the strings so the tab bundles only these.
 */
export const categoryLabels = {
  nl: {
    pesten: 'Pesten',
    'intimidatie-agressie': 'Intimidatie of agressie',
    'seksuele-intimidatie': 'Seksuele intimidatie',
    discriminatie: 'Discriminatie, ook leeftijd',
    uitsluiting: 'Uitsluiting / er niet bij horen',
    'leidinggevende-hierarchie': 'Gedrag van een leidinggevende / hiërarchie',
    integriteit: 'Integriteit',
    misstand: 'Misstand',
    'werkdruk-spanning': 'Werkdruk of spanning',
    'iets-anders': 'Iets anders',
  },
  en: {
    pesten: 'Bullying',
    'intimidatie-agressie': 'Intimidation or aggression',
    'seksuele-intimidatie': 'Sexual harassment',
    discriminatie: 'Discrimination, including age',
    uitsluiting: 'Exclusion / not belonging',
    'leidinggevende-hierarchie': "A manager's behaviour / hierarchy",
    integriteit: 'Integrity',
    misstand: 'Wrongdoing',
    'werkdruk-spanning': 'Workload or stress',
    'iets-anders': 'Something else',
  },
};
