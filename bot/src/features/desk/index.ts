/** What the desk feature offers the wiring and the other features; the rest of its folder is its own. */
export { deskRoutes } from './api-routes';
export { CounsellorStore } from './counsellor-store';
export { staffRoutes } from './staff-routes';
export { type CounsellorSeed, counsellorSeedSchema, seedCounsellors, seededCounsellors } from './seed-counsellors';
export { type DeskSealing, SignalDesk } from './signal-desk';
export { DatabaseSignalDeskStore } from './signal-desk-store';
export { DeskReminderDeliverer } from './desk-reminder-deliverer';
export { DeskReminders } from './desk-reminders';
export { deskStrings, type DeskStrings } from './strings';
