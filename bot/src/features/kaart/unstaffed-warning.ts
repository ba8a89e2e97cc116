import type { Logger } from '../../platform/logging/logger';
import type { OrganisationEntry, Referral, RoutingRule } from '../../shared/api/kaart';
import { type StaffedInbox, type UnstaffedRule, unstaffedRules } from './routing';

/** What the check reads of the sociale kaart (SocialeKaartRepository). */
export interface KaartForStaffing {
  organisations(): Promise<OrganisationEntry[]>;
  referrals(): Promise<Referral[]>;
  routingRules(): Promise<RoutingRule[]>;
  staffedInboxes(): Promise<StaffedInbox[]>;
}

/**
 * At start: names every rule whose places no counsellor staffs, per organisation, so the coordinator sees
 * which concerns get advice only and no reader. Organisation codes and rule keys only, never who staffs what.
 */
export async function warnUnstaffedInboxes(kaart: KaartForStaffing, logger: Pick<Logger, 'warn'>): Promise<UnstaffedRule[]> {
  const read = await Promise.all([kaart.organisations(), kaart.referrals(), kaart.routingRules(), kaart.staffedInboxes()]).catch((error: Error) => {
    // A check, not a gate: a kaart that cannot be read fails the turns that need it, each with its own message.
    logger.warn({ event: 'routing.check-failed', error: error.name }, 'could not check which inboxes are staffed');
    return undefined;
  });
  if (!read) return [];
  const [organisations, referrals, rules, staffed] = read;
  const unstaffed = unstaffedRules(rules, referrals, staffed, organisations.map((o) => o.code));
  if (unstaffed.length > 0) {
    logger.warn(
      { event: 'routing.unstaffed', count: unstaffed.length, rules: unstaffed.map((r) => `${r.organisation} ${r.category}/${r.wish}`) },
      'no counsellor staffs any place of these rules: their signals get the advice only, in no inbox',
    );
  }
  return unstaffed;
}
