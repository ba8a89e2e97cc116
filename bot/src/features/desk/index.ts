/** What the desk feature offers the wiring and the other features; the rest of its folder is its own. */
export { type CounsellorSeed, counsellorSeedSchema, seedCounsellors, seededCounsellors } from './seed-counsellors';
export { DatabaseSignalDeskStore } from './signal-desk-store';
export { type DeskAccess, type DeskSealing, SignalDesk } from './signal-desk';
