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

/** Who a bijeenkomst is for (seed 004): roles from several organisations. */
export const meetingAudienceLabels = {
  nl: {
    leidinggevenden: 'Leidinggevenden',
    coordinatoren: 'Coördinatoren',
    vertrouwenspersonen: 'Vertrouwenspersonen',
    'compliance-officers': 'Compliance officers',
  },
  en: {
    leidinggevenden: 'Managers',
    coordinatoren: 'Coordinators',
    vertrouwenspersonen: 'Confidential advisers',
    'compliance-officers': 'Compliance officers',
  },
};
