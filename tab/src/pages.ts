import type { ComponentType } from 'react';
import type { Api } from './api';
import { InsightsPage } from './InsightsPage';
import { KaartPage } from './KaartPage';
import { MaterialsPage } from './MaterialsPage';
import { NetworkPage } from './NetworkPage';
import { PlanningPage } from './PlanningPage';
import { PoolPage } from './PoolPage';
import { ReferralsPage } from './ReferralsPage';
import { SignalsPage } from './SignalsPage';
import type { TabLocale, TabStrings } from './strings';

/** What every page of the tab is given. */
export interface PageProps {
  api: Api;
  t: TabStrings;
  locale: TabLocale;
}

/** The tab's pages, in the order of its tab bar; `path` is the address after `#/`. The first is the start page. */
export const PAGES = [
  { path: 'planning', label: (t) => t.nav.planning, heading: (t) => t.planning.heading, Page: PlanningPage },
  { path: 'doorverwijzen', label: (t) => t.nav.referrals, heading: (t) => t.referrals.heading, Page: ReferralsPage },
  { path: 'signalen', label: (t) => t.nav.signals, heading: (t) => t.signals.heading, Page: SignalsPage },
  { path: 'pool', label: (t) => t.nav.pool, heading: (t) => t.pool.heading, Page: PoolPage },
  { path: 'kaart', label: (t) => t.nav.kaart, heading: (t) => t.kaart.heading, Page: KaartPage },
  { path: 'materiaal', label: (t) => t.nav.materials, heading: (t) => t.materials.heading, Page: MaterialsPage },
  { path: 'inzicht', label: (t) => t.nav.insights, heading: (t) => t.insights.heading, Page: InsightsPage },
  { path: 'netwerk', label: (t) => t.nav.network, heading: (t) => t.network.heading, Page: NetworkPage },
] as const satisfies ReadonlyArray<{ path: string; label: (t: TabStrings) => string; heading: (t: TabStrings) => string; Page: ComponentType<PageProps> }>;

/** The page the address names, or the start page. */
export const pageFor = (hash: string) => PAGES.find((p) => hash === `#/${p.path}`) ?? PAGES[0];
