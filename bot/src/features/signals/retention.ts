import type { RetentionPolicy } from '../../shared/policies';

export interface RetentionResult {
  textsDropped: number;
  countedDeleted: number;
  closedDeleted: number;
  openIdleDeleted: number;
}

export interface SignalRetentionStore {
  enforce(policy: RetentionPolicy): Promise<RetentionResult>;
}
