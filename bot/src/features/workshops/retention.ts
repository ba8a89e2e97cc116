export interface WorkshopRetentionResult {
  workshopsForgotten: number;
  workshopsDeleted: number;
}
