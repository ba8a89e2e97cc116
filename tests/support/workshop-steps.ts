import { wallClockOf } from '../../bot/src/features/workshops/local-time';
import { type ActivityOptions, cardAction, mention, message } from './activities';
import type { useBotHarness } from './bot-harness';
import { eventually } from './eventually';

type Harness = ReturnType<typeof useBotHarness>;

export interface InvokeReply {
  status: number;
  statusCode?: number;
  type?: string;
  /** The card that replaces the clicked one, or a message text. */
  value?: any;
}

/** A workshop moment in Dutch time: the first Tuesday at least `days` ahead, at `time`. */
export function nextTuesday(time = '10:00', days = 3): { date: string; time: string } {
  return { date: nextWeekday(2, days), time };
}

/**
 * The first date on the given weekday (0 is Sunday) at least `days` ahead, in Dutch time. Counted at noon UTC, so
 * the Dutch date is the UTC date at any hour the test runs (late at night UTC is already the next day in Amsterdam).
 */
export function nextWeekday(weekday: number, days: number): string {
  const d = new Date(Date.now() + days * 24 * 60 * 60 * 1000);
  d.setUTCHours(12, 0, 0, 0);
  while (d.getUTCDay() !== weekday) d.setUTCDate(d.getUTCDate() + 1);
  return wallClockOf(d, 'Europe/Amsterdam').date;
}

/** The steps of the workshop capability, through the real HTTP endpoint as Teams would call it. */
export function workshopSteps(h: Harness) {
  // Each planned workshop gets its own week, so the pool's facilitators are never all booked.
  let planned = 0;
  const steps = {
    /** The data (form id and token) of the last planning form sent. */
    lastPlanForm: undefined as Record<string, unknown> | undefined,

    async invoke(chat: ActivityOptions, verb: string, data: Record<string, unknown>, replyToId = 'invitation-1'): Promise<InvokeReply> {
      const res = await h.service.post(cardAction(chat, verb, data, replyToId));
      const text = await res.text();
      const body = text ? JSON.parse(text) : {};
      return { status: res.status, ...body };
    },

    /** @mention "workshop plannen", open the form, send it: returns the planned workshop's id and the organiser's card. */
    async plan(channel: ActivityOptions, form: Record<string, unknown> = {}, replyToId = `invitation-${Math.random()}`) {
      const start = await h.turn(mention(channel, 'workshop plannen'));
      const openForm = (start.activity.attachments![0]!.content as any).actions[0];
      const formCard = await steps.invoke(channel, openForm.verb, openForm.data, replyToId);
      const submit = formCard.value.actions.find((a: any) => a.verb === 'workshop.plan');
      const moment = nextTuesday('10:00', 3 + 7 * planned++);
      steps.lastPlanForm = submit.data;
      const reply = await steps.invoke(
        channel,
        'workshop.plan',
        { ...submit.data, ...moment, lengthMinutes: '120', location: 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_test', audience: 'mt-leidinggevenden', seats: '8', language: 'nl', organisation: 'bzk', note: '', ...form },
        replyToId,
      );
      const register = reply.value?.actions?.find((a: any) => a.data?.workshopId);
      return { reply, workshopId: register?.data?.workshopId as string | undefined, replyToId };
    },

    /**
     * @mention "bijeenkomst plannen", open the form, send it: by default the network meeting of seed 004, a plenary part
     * and two rounds (two small sessions, then one). Returns the programme, its sessions in order, and what was sent.
     */
    async planProgramme(channel: ActivityOptions, fields: Record<string, string> = {}, replyToId = `invitation-${Math.random()}`) {
      const start = await h.turn(channel.conversationType === 'personal' ? message(channel, 'bijeenkomst plannen') : mention(channel, 'bijeenkomst plannen'));
      const startCard = start.activity.attachments![0]!.content as any;
      // In personal chat the form comes at once; in a channel, behind the button only the organiser can use.
      const personal = channel.conversationType === 'personal';
      const form = personal ? { value: startCard } : await steps.invoke(channel, startCard.actions[0].verb, startCard.actions[0].data, replyToId);
      const submit = form.value.actions.find((a: any) => a.verb === 'programme.plan');
      // As the form sends it: every session's seats field holds its default, typed into or not.
      const seatDefaults = Object.fromEntries([1, 2, 3].flatMap((r) => [1, 2, 3, 4].map((n) => [`r${r}s${n}Seats`, '20'])));
      const body: Record<string, string> = {
        ...submit.data,
        ...seatDefaults,
        title: 'Netwerkbijeenkomst veilig werk- en meldklimaat',
        date: nextTuesday('10:00', 3 + 7 * planned++).date,
        location: 'Utrecht, Jaarbeurs',
        audiences: 'leidinggevenden,vertrouwenspersonen',
        language: 'nl',
        plenaryTitle: 'Regietheater',
        plenaryFrom: '13:00',
        plenaryTo: '14:00',
        r1From: '14:15',
        r1To: '15:15',
        r1s1Title: 'Eén sociaal loket',
        r1s1Host: 'Politie',
        r1s1Seats: '2',
        r1s2Title: 'Met andere ogen',
        r1s2Room: 'Zaal 2',
        r1s2Seats: '3',
        r2From: '15:30',
        r2To: '16:30',
        r2s1Title: 'Een kijkje in de keuken',
        r2s1Seats: '20',
        ...fields,
      };
      const reply = await steps.invoke(channel, 'programme.plan', body, replyToId);
      const programmeId = reply.value?.actions?.find((a: any) => a.verb === 'programme.choose')?.data?.programmeId as string | undefined;
      const sessions = programmeId
        ? (await h.service.app.db.query<{ id: string }>('SELECT id FROM workshops WHERE programme_id = $1 ORDER BY round, session_number', [programmeId])).rows.map((r) => r.id)
        : [];
      return { startCard, form, submit, body, reply, replyToId, programmeId, sessions };
    },

    /** A channel of its own, with its organiser (a manager of their own, so nothing of another test's is theirs). */
    channel(): ActivityOptions {
      return {
        serviceUrl: h.connector.serviceUrl,
        conversationId: `19:channel-${Math.random()}@thread.tacv2`,
        conversationType: 'channel',
        userId: `29:manager-${Math.random()}`,
        aadObjectId: `aad-manager-${Math.random()}`,
        name: 'Fictieve Manager',
      };
    },

    person(channel: ActivityOptions, n: number): ActivityOptions {
      return { ...channel, userId: `29:colleague-${n}`, aadObjectId: `aad-colleague-${n}`, name: `Collega ${n}` };
    },

    /** The facilitators asked for a workshop, in the order they were asked, with their answer. */
    async duo(workshopId: string) {
      const { rows } = await h.service.app.db.query<{ facilitator_id: string; aad_object_id: string; status: string }>(
        `SELECT x.facilitator_id, f.aad_object_id, x.status FROM workshop_assignments x JOIN facilitators f ON f.id = x.facilitator_id
         WHERE x.workshop_id = $1 ORDER BY x.asked_at, f.id`,
        [workshopId],
      );
      return rows;
    },

    /** A facilitator in their personal chat with the bot, where their requests arrive. */
    facilitator(aadObjectId: string): ActivityOptions {
      return { serviceUrl: h.connector.serviceUrl, conversationType: 'personal', conversationId: `a:${aadObjectId}`, aadObjectId, userId: `29:${aadObjectId}` };
    },

    /** Waits until everything queued for the workshop was sent: what arrived then is all that will. */
    allSent(workshopId: string) {
      return eventually(async () => expect((await h.service.app.db.query('SELECT 1 FROM outbox WHERE workshop_id = $1', [workshopId])).rows).toEqual([]), 15_000);
    },

    async registrations(workshopId: string) {
      const { rows } = await h.service.app.db.query<{ aad_object_id: string; status: string }>(
        'SELECT aad_object_id, status FROM registrations WHERE workshop_id = $1 ORDER BY queue_order',
        [workshopId],
      );
      return rows;
    },
  };
  return steps;
}
