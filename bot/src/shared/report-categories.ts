import type { ReportCategory } from './api/network';
import type { Category } from './signal-vocabulary';

/**
 * Our categories in the groups counsellors use in their annual reports. Excluding someone counts as bullying (the
 * Arboportaal names "negeren of sociaal isoleren" among its forms); a misstand is an integrity matter.
 */
export const REPORT_GROUPS: Readonly<Record<ReportCategory, readonly Category[]>> = {
  pesten: ['pesten', 'uitsluiting'],
  'seksuele-intimidatie': ['seksuele-intimidatie'],
  'agressie-en-geweld': ['intimidatie-agressie', 'agressie-burgers-klanten'],
  discriminatie: ['discriminatie'],
  integriteit: ['integriteit', 'misstand'],
  overig: ['leidinggevende-hierarchie', 'werkdruk-spanning', 'iets-anders'],
};
