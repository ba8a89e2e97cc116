/**
 * Who a workshop is for, in one place: the bot's cards and the tab show the same names. Kept apart from the
 * rest of the strings so the tab bundles only these.
 */
export const audienceLabels = {
  nl: {
    'mt-leidinggevenden': 'MT / leidinggevenden',
    medewerkers: 'Medewerkers',
    professionals: 'Professionals',
    'nieuwe-medewerkers': 'Nieuwe medewerkers',
    gemengd: 'Gemengd',
  },
  en: {
    'mt-leidinggevenden': 'Management team / managers',
    medewerkers: 'Employees',
    professionals: 'Professionals',
    'nieuwe-medewerkers': 'New employees',
    gemengd: 'Mixed',
  },
};
