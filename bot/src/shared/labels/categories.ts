import type { Category } from '../signal-vocabulary';

/**
 * The signal categories in the people's own words (PRODUCT.md §1), in one place: the bot's cards and the tab
 * (its Inzicht and Sociale kaart) show the same names, and a new category cannot miss its label in either
 * language. Kept apart from the rest of the strings so the tab bundles only these (the import above is a type).
 */
export const categoryLabels = {
  nl: {
    pesten: 'Pesten',
    'intimidatie-agressie': "Intimidatie of agressie door collega's",
    'agressie-burgers-klanten': 'Agressie of bedreiging door burgers of klanten',
    'seksuele-intimidatie': 'Seksuele intimidatie',
    discriminatie: 'Discriminatie, ook leeftijd',
    uitsluiting: 'Uitsluiting / er niet bij horen',
    'leidinggevende-hierarchie': 'Gedrag van een leidinggevende / hiërarchie',
    integriteit: 'Integriteit',
    misstand: 'Misstand (klokkenluiden)',
    'werkdruk-spanning': 'Werkdruk of spanning',
    'iets-anders': 'Iets anders',
  },
  en: {
    pesten: 'Bullying',
    'intimidatie-agressie': 'Intimidation or aggression by colleagues',
    'agressie-burgers-klanten': 'Aggression or threats from citizens or clients',
    'seksuele-intimidatie': 'Sexual harassment',
    discriminatie: 'Discrimination, including age',
    uitsluiting: 'Exclusion / not belonging',
    'leidinggevende-hierarchie': "A manager's behaviour / hierarchy",
    integriteit: 'Integrity',
    misstand: 'Wrongdoing (whistleblowing)',
    'werkdruk-spanning': 'Workload or stress',
    'iets-anders': 'Something else',
  },
} satisfies Record<'nl' | 'en', Record<Category, string>>;
