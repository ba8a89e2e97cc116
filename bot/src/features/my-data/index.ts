/** What the my-data feature offers the wiring and the other features; the rest of its folder is its own. */
export { MyDataFlow } from './my-data-flow';
export { PersonalData } from './personal-data';
export { myDataStrings, type MyDataStrings } from './strings';
