/**
 * How long workshops keep their people. Some time after the end the registrations and the organiser go
 * (only the number of participants stays, for the figures); the workshop itself goes later.
 */
export interface WorkshopRetentionPolicy {
  /** Days after the end that registrations and the organiser's ids are kept (evaluations, aftercare). */
  peopleDays: number;
  /** Days after the end that the workshop is kept at all, with its evaluations, for the figures. */
  days: number;
}

export interface WorkshopRetentionResult {
  workshopsForgotten: number;
  workshopsDeleted: number;
}
