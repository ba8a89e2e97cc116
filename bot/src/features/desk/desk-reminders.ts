import type { DeskReminderNotice } from '../../shared/notices';
import { type ClockFacts, clockOf, type DeskTerms } from '../../shared/desk-terms';
import { dayOf } from '../../shared/dates';

/** An open signal at a desk, with what decides its clock and who staffs its inbox. */
export interface OpenSignalClock extends ClockFacts {
  id: string;
  terms: DeskTerms;
  counsellors: string[];
}

export interface DeskReminderStore {
  openClocks(): Promise<OpenSignalClock[]>;
  /**
   * Queues the reminder for each counsellor, once per signal, term and state: false when it was queued before.
   * The mark and the messages are one transaction.
   */
  remind(signalId: string, notice: DeskReminderNotice, counsellors: string[]): Promise<boolean>;
}

/** Which reminders are due: a term that ends within its warning time, or has ended, for a signal someone staffs. */
export function remindersDue(signals: OpenSignalClock[], today: string): Array<{ signalId: string; notice: DeskReminderNotice; counsellors: string[] }> {
  return signals.flatMap((signal) => {
    const clock = clockOf(signal, signal.terms, today);
    if (!clock || clock.state === 'op-tijd' || signal.counsellors.length === 0) return [];
    return [{ signalId: signal.id, notice: `${clock.kind}:${clock.state}` as const, counsellors: signal.counsellors }];
  });
}

/**
 * The counsellors of a desk get a card in their chat with the bot before a term ends, and once more when it has
 * ended. Run every hour; a reminder already queued is not queued again.
 */
export class DeskReminders {
  constructor(
    private readonly store: DeskReminderStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async run(): Promise<number> {
    let queued = 0;
    for (const due of remindersDue(await this.store.openClocks(), dayOf(this.now()))) {
      if (await this.store.remind(due.signalId, due.notice, due.counsellors)) queued += 1;
    }
    return queued;
  }
}
