/** What the workshops feature offers the wiring and the other features; the rest of its folder is its own. */
export { mountCalendarRoute } from './calendar-route';
export { seatCountFor } from './seat-counts';
export { executeActionOf, parseWorkshopAction } from './workshop-actions';
export { personOf, WorkshopFlow } from './workshop-flow';
export { WorkshopJobs } from './workshop-jobs';
export { WorkshopNoticeDeliverer } from './workshop-notice-deliverer';
export { enforceWorkshopRetention } from './workshop-retention';
export { KeyRingWorkshopSealing, noteBinding, takeawayBinding } from './workshop-sealing';
export { publishedEvaluation, WorkshopService } from './workshop-service';
export { DatabaseWorkshopStore } from './workshop-store';
export { WorkshopTokens } from './workshop-tokens';
export { lacksDuo } from './workshop';
export { workshopStrings, type WorkshopStrings } from './strings';
export { DatabaseProgrammeStore } from './programme-store';
export { ProgrammeService } from './programme-service';
export { ProgrammeFlow } from './programme-flow';
