import type { RetentionPolicy } from '../../shared/policies';

export interface RetentionResult {
  textsDropped: number;
  countedDeleted: number;
  closedDeleted: number;
  openIdleDeleted: number;
  /** Sealed relations of quarters that ended longer ago than a counted signal is kept. */
  relationsDeleted: number;
}

export interface SignalRetentionStore {
  enforce(policy: RetentionPolicy): Promise<RetentionResult>;
}
