import { z } from 'zod';

/**
 * The words of a workshop (PRODUCT.md §3, seed 001). Codes are stored in the database; labels live in i18n.
 */
export const AUDIENCES = ['mt-leidinggevenden', 'medewerkers', 'professionals', 'nieuwe-medewerkers', 'gemengd'] as const;
export const audienceSchema = z.enum(AUDIENCES);
export type Audience = z.infer<typeof audienceSchema>;

/** What a facilitator brings: line (management) experience, facilitation experience, or both. */
export const EXPERIENCES = ['lijn', 'begeleiding', 'beide'] as const;
export const experienceSchema = z.enum(EXPERIENCES);
export type Experience = z.infer<typeof experienceSchema>;

export const WORKSHOP_LANGUAGES = ['nl', 'en'] as const;
export const workshopLanguageSchema = z.enum(WORKSHOP_LANGUAGES);
export type WorkshopLanguage = z.infer<typeof workshopLanguageSchema>;

/**
 * gepland: planned, the duo not yet complete; bevestigd: both facilitators accepted;
 * geannuleerd: cancelled by the organiser. A workshop whose end has passed is "afgelopen" by its time.
 */
export const WORKSHOP_STATUSES = ['gepland', 'bevestigd', 'geannuleerd'] as const;
export type WorkshopStatus = (typeof WORKSHOP_STATUSES)[number];

/** What a facilitator answered to a request to facilitate. */
export type AssignmentStatus = 'gevraagd' | 'geaccepteerd' | 'afgewezen' | 'verlopen' | 'vervallen';

/** The pilot: online, 4 to 8 participants works best; below and above the conversation suffers. */
export const SEATS_ADVISED = { min: 4, max: 8 } as const;
/** Beyond these nobody can plan: two is the least for a conversation, twenty the most a duo can hold. */
export const SEATS_ALLOWED = { min: 2, max: 20 } as const;
export const DEFAULT_SEATS = 8;
export const DEFAULT_LENGTH_MINUTES = 120;
export const LENGTH_MINUTES = { min: 30, max: 8 * 60 } as const;

/**
 * A bijeenkomst (seed 004): a plenary part and rounds of parallel sessions, for people of several organisations.
 * Each session is a workshop of its own (its seats, waiting list, reminders), led by its host instead of a duo.
 */
export const MEETING_AUDIENCES = ['leidinggevenden', 'coordinatoren', 'vertrouwenspersonen', 'compliance-officers'] as const;
export const meetingAudienceSchema = z.enum(MEETING_AUDIENCES);
export type MeetingAudience = z.infer<typeof meetingAudienceSchema>;
/** A session in a room of a conference centre can hold many more than a workshop's duo can. */
export const SESSION_SEATS = { min: 2, max: 200 } as const;
/** What one planning card can hold: a morning or afternoon programme, within Teams' card size. */
export const MAX_ROUNDS = 3;
export const MAX_SESSIONS_PER_ROUND = 4;
