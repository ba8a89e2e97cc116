import type { MenuActionName as CardAction } from '../features/signals';

/**
 * What a typed message asks for. Matching is on whole phrases after normalising case, accents and
 * punctuation, so "Hallo!" and "iets   aankaarten" both work, and free text is never mistaken for a command
 * because it merely contains a keyword.
 */
const PHRASES: Record<CardAction, string[]> = {
  menu: ['hallo', 'hoi', 'hi', 'hey', 'hello', 'menu', 'start', 'welkom', 'goedemorgen', 'goedemiddag'],
  help: ['help', 'hulp', 'wat kan ik typen', 'what can i type'],
  'capability.signal': ['iets aankaarten', 'aankaarten', 'melden', 'melding', 'signaal', 'raise something', 'report'],
  'capability.talk': ['met iemand praten', 'iemand spreken', 'praten', 'doorverwijzen', 'talk to someone', 'talk'],
  'capability.workshops': ['workshops', 'workshop', 'mijn workshops', 'my workshops'],
  'capability.planWorkshop': ['workshop plannen', 'plan workshop', 'plan a workshop', 'workshop organiseren', 'workshop inplannen'],
  'capability.planProgramme': ['bijeenkomst plannen', 'netwerkbijeenkomst plannen', 'plan bijeenkomst', 'plan an event', 'plan event', 'plan a meeting', 'plan a network meeting'],
  'capability.myData': ['mijn gegevens', 'gegevens', 'privacy', 'my data'],
};

export function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const LOOKUP = new Map<string, CardAction>(
  Object.entries(PHRASES).flatMap(([action, phrases]) => phrases.map((p) => [normalise(p), action as CardAction])),
);

/** Words from which a message that is no command reads as someone telling what happens ("mijn leidinggevende schreeuwt"). */
const STORY_WORDS = 4;

/** Whether an unrecognised message is someone's story rather than a stray word or greeting. */
export function isStory(text: string | undefined): boolean {
  return text !== undefined && normalise(text).split(' ').length >= STORY_WORDS;
}

/** The action a message asks for, or undefined when it is not one of our phrases. */
export function intentOf(text: string | undefined): CardAction | undefined {
  return text ? LOOKUP.get(normalise(text)) : undefined;
}
