import { en, nl } from '../support/strings';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { channelHelpCard, noticeCard, welcomeCard } from '../../bot/src/platform/cards/cards';
import { MAX_CARD_BYTES, renderCard } from '../../bot/src/platform/cards/render';
import { menuActions } from '../../bot/src/wiring/sociaal-veilig-bot';
import { placeElement } from '../../bot/src/features/kaart/place-element';
import { durationWords, placesCard, signalAnswerCard, signalFormCard, signalReceiptCard, signalSentCard, signalStartCard, signalStatusCard, storyCard, talkStartCard } from '../../bot/src/features/signals/signal-cards';
import { emergencyPlaces, placesForTopic, route } from '../../bot/src/features/kaart/routing';
import { seededSocialeKaart } from '../../bot/src/features/kaart/seed-sociale-kaart';
import { seededCounsellors } from '../../bot/src/features/desk/seed-counsellors';
import { CATEGORIES, RELATIONS, WISHES } from '../../bot/src/shared/signal-vocabulary';
import type { SignalSubmission, SignalSummary } from '../../bot/src/features/signals/signal-service';
import { format } from '../../bot/src/platform/i18n/locale';

const kaart = seededSocialeKaart();
const staffed = seededCounsellors().counsellors.flatMap((c) => c.roles.map((role) => ({ organisation: c.organisation, role })));
const bzkPlaces = kaart.referrals.filter((r) => r.organisation === 'bzk');
const choice = (keys: readonly string[]) => keys.map((k) => ({ title: k, value: k }));
import { adaptiveCardProblems, versionOf } from '../support/card-validation';

const SRC = path.join(__dirname, '../../bot/src');

/** Every card template: the JSON files in a `templates/` folder of the platform or of a feature, by file name. */
function templateFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return templateFiles(full);
    return path.basename(dir) === 'templates' && entry.name.endsWith('.json') ? [full] : [];
  });
}
const templatePaths = templateFiles(SRC);
const templates: Record<string, object> = Object.fromEntries(templatePaths.map((file) => [path.basename(file, '.json'), JSON.parse(readFileSync(file, 'utf8')) as object]));

/** Sample data for every template, at realistic worst-case sizes. A new template needs an entry here. */
const samples: Record<string, object[]> = {
  welcome: [
    { appName: nl.appName, notice: '', intro: nl.welcome.intro, helpTitle: nl.welcome.helpTitle, helpItems: nl.welcome.helpItems, privacy: nl.welcome.privacy, urgent: nl.welcome.urgent, actions: menuActions(nl) },
    { appName: en.appName, notice: en.errors.notUnderstood, intro: en.welcome.intro, helpTitle: '', helpItems: [], privacy: en.welcome.privacy, urgent: en.welcome.urgent, actions: menuActions(en) },
  ],
  'channel-help': [nl.channelHelp, en.channelHelp],
  'signal-start': [
    { ...nl.signal, organisation: '', organisations: kaart.organisations.map((o) => ({ title: o.name.nl, value: o.code })), userDescription: '' },
    { ...en.signal, organisation: 'ubr', organisations: kaart.organisations.map((o) => ({ title: o.name.en, value: o.code })), userDescription: 'x'.repeat(2000) },
  ],
  'signal-form': [
    { ...nl.signal, organisation: 'bzk', submissionId: '6f1c1a52-8d0e-4a4f-9f57-0c9a0b6b1e11', issuedAt: 1_733_500_000_000, formToken: 'A'.repeat(32), categories: choice(CATEGORIES), wishes: choice(WISHES), anonymityChoices: choice(['anoniem', 'volledig-anoniem', 'vertrouwelijk']), relations: choice(RELATIONS), userDescription: 'x'.repeat(2000) },
  ],
  'signal-receipt': [
    {
      ...nl.signal,
      caseCode: 'SV-ABCD-2345',
      codeNote: nl.signal.codeOnlyHere,
      next: nl.signal.next.gesprek,
      fullyAnonymous: nl.signal.nextFullyAnonymous,
      reportingDuty: nl.signal.reportingDuty,
      urgentAdvice: nl.signal.urgentAdvice,
      places: bzkPlaces.slice(0, 2).map((p) => placeElement(p, nl, 'nl')),
      urgent: nl.welcome.urgent,
      menuLabel: nl.menu,
    },
  ],
  places: [
    { title: nl.signal.emergencyTitle, titleColor: 'Attention', intro: nl.signal.emergencyIntro, places: kaart.referrals.filter((r) => r.organisation === 'rijk' || r.role === 'noodcontact').map((p) => placeElement(p, nl, 'nl')), hasMore: false, morePlaces: [], moreLabel: nl.talk.more, footnote: '', menuLabel: nl.menu },
    { title: en.talk.resultTitle, titleColor: 'Default', intro: en.talk.resultIntro, places: bzkPlaces.slice(0, 2).map((p) => placeElement(p, en, 'en')), hasMore: true, morePlaces: bzkPlaces.slice(2, 12).map((p) => placeElement(p, en, 'en')), moreLabel: en.talk.more, footnote: en.welcome.urgent, menuLabel: en.menu },
  ],
  story: [
    { ...nl.story, text: nl.story.text, urgent: nl.welcome.urgent, signalLabel: nl.story.signal, userDescription: 'x'.repeat(2000), talkLabel: nl.welcome.actions.talk, menuLabel: nl.menu },
    { ...en.story, text: en.story.tooLong, urgent: en.welcome.urgent, signalLabel: en.story.signal, userDescription: '', talkLabel: en.welcome.actions.talk, menuLabel: en.menu },
  ],
  'signal-status': [
    {
      title: 'Je signaal SV-ABCD-2345',
      facts: [{ title: nl.status.state, value: nl.status.states.nieuw }],
      expectation: '',
      messagesHeading: nl.followUp.messagesHeading,
      messages: [{ type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: 'Vertrouwenspersoon: ', weight: 'Bolder' }, { type: 'TextRun', text: 'Hallo' }] }],
      explanation: nl.status.explanation,
      menuLabel: nl.menu,
    },
  ],
  'my-data': [
    { ...nl.myData, facts: [{ title: nl.myData.installations, value: '1' }], signals: ['ma 23 nov 2026: Pesten (Opgepakt)'], menuLabel: nl.menu },
    { ...en.myData, facts: [{ title: en.myData.installations, value: '0' }], signals: [], menuLabel: en.menu },
  ],
  'signal-answer': [
    { ...nl.followUp, answerIntro: nl.followUp.answerIntroUnnamed, answerAbout: 'Over je signaal SV-ABCD-2345', userAnswer: '**Niet vet** [geen link](https://example.org)', signalId: '6f1c1a52-8d0e-4a4f-9f57-0c9a0b6b1e11', replyFormId: '7f1c1a52-8d0e-4a4f-9f57-0c9a0b6b1e11', replyToken: 'A'.repeat(32) },
    { ...en.followUp, answerIntro: 'Vertrouwenspersoon integriteit BZK writes:', answerAbout: '', userAnswer: 'x'.repeat(4000), signalId: '6f1c1a52-8d0e-4a4f-9f57-0c9a0b6b1e11', replyFormId: '7f1c1a52-8d0e-4a4f-9f57-0c9a0b6b1e11', replyToken: 'A'.repeat(32) },
  ],
  'talk-start': [
    { ...nl.talk, organisationLabel: nl.signal.organisationLabel, organisationRequired: nl.signal.organisationRequired, topics: choice(CATEGORIES), organisations: choice(['bzk', 'ubr']) },
  ],
  'workshop-plan-start': [
    { title: nl.workshop.planStartTitle, text: nl.workshop.planStartText, actions: [{ title: nl.workshop.openForm, verb: 'workshop.openForm', data: { formId: 'f' }, fallbackData: { formId: 'f', verb: 'workshop.openForm' } }] },
  ],
  'workshop-plan-form': [
    {
      ...nl.workshop,
      problem: nl.workshop.formProblem,
      whenProblem: nl.workshop.problems['date-in-the-past'],
      lengthProblem: nl.workshop.problems['length-out-of-bounds'],
      locationProblem: nl.workshop.problems['link-not-https'],
      seatsProblem: nl.workshop.seatsWarnings.place,
      date: '2026-12-01',
      time: '10:00',
      lengthMinutes: 120,
      inputLocation: 'Zaal 4.12, Turfmarkt 147, Den Haag',
      audience: 'gemengd',
      audiences: choice(['gemengd', 'medewerkers']),
      seats: 12,
      askSeatsConfirm: true,
      language: 'nl',
      languages: choice(['nl', 'en']),
      organisation: 'bzk',
      organisations: choice(['bzk', 'ubr']),
      inputNote: 'x'.repeat(500),
      actions: [{ title: nl.workshop.plan, verb: 'workshop.plan', data: { formId: 'f' }, associatedInputs: 'Auto', fallbackData: { formId: 'f', verb: 'workshop.plan' } }],
    },
  ],
  'programme-plan-form': [
    {
      ...nl.programme,
      problem: nl.programme.formProblem,
      dateProblem: nl.programme.problems.overlap,
      locationProblem: nl.programme.problems['link-not-https'],
      plenaryProblem: nl.programme.problems['plenary-time'],
      mixProblem: nl.programme.problems['mix-numbers'],
      inputMixRoles: 'x'.repeat(200),
      mixGroupSize: 8,
      mixMinPercent: 33,
      mixAnnounceHours: 24,
      inputTitle: 'x'.repeat(120),
      date: '2026-12-01',
      inputLocation: 'x'.repeat(200),
      audiences: 'leidinggevenden,vertrouwenspersonen',
      audienceChoices: choice(['leidinggevenden', 'coordinatoren', 'vertrouwenspersonen', 'compliance-officers']),
      language: 'nl',
      languages: choice(['nl', 'en']),
      inputPlenaryTitle: 'x'.repeat(120),
      plenaryFrom: '13:00',
      plenaryTo: '14:00',
      rounds: [1, 2, 3].map((r) => ({
        heading: `Ronde ${r}`,
        fromId: `r${r}From`,
        toId: `r${r}To`,
        fromLabel: nl.programme.fromLabel,
        toLabel: nl.programme.toLabel,
        from: '14:00',
        to: '15:00',
        problem: nl.programme.problems['round-time'],
        sessions: [1, 2, 3, 4].map((n) => ({
          heading: `Sessie ${n}`,
          titleId: `r${r}s${n}Title`,
          hostId: `r${r}s${n}Host`,
          roomId: `r${r}s${n}Room`,
          seatsId: `r${r}s${n}Seats`,
          titleLabel: nl.programme.sessionTitleLabel,
          hostLabel: nl.programme.hostLabel,
          roomLabel: nl.programme.roomLabel,
          seatsLabel: nl.programme.seatsLabel,
          inputTitle: 'x'.repeat(120),
          inputHost: 'x'.repeat(120),
          inputRoom: 'x'.repeat(80),
          seats: 200,
          mixedId: `r${r}s${n}Mixed`,
          mixedLabel: nl.programme.mixedLabel,
          mixed: 'true',
          problem: nl.programme.problems['mix-impossible'],
        })),
      })),
      actions: [{ title: nl.programme.plan, verb: 'programme.plan', data: { formId: 'f' }, associatedInputs: 'Auto', fallbackData: { formId: 'f', verb: 'programme.plan' } }],
    },
  ],
  'programme-card': [
    {
      kindTitle: nl.programme.invitationTitle,
      userTitle: 'x'.repeat(120),
      banner: nl.programme.outcomes.wachtlijst,
      bannerColor: 'Good',
      facts: [{ title: nl.programme.when, value: 'vr 10 nov 2028, 13:00–17:30' }],
      whereLabel: nl.programme.where,
      userWhere: 'x'.repeat(300),
      hasPlenary: true,
      plenaryLine: 'Plenair 13:00–14:00',
      userPlenary: 'x'.repeat(120),
      rounds: [1, 2, 3].map((r) => ({
        line: `Ronde ${r}: 14:00–15:00`,
        sessions: [1, 2, 3, 4].map(() => ({ userTitle: 'x'.repeat(120), hasDetails: true, userDetails: 'x'.repeat(260), seatsLine: nl.programme.seatsFull })),
        hasChoice: true,
        inputId: `round${r}`,
        chooseLabel: `Jouw keuze in ronde ${r}`,
        current: 'geen',
        choices: [{ userChoice: nl.programme.noSession, value: 'geen' }, ...[1, 2, 3, 4].map((n) => ({ userChoice: 'x'.repeat(160), value: `s${n}` }))],
      })),
      mine: [1, 2, 3].map(() => ({ userLine: 'x'.repeat(300) })),
      hasRole: true,
      roleLabel: nl.programme.roleLabel,
      currentRole: 'vertrouwenspersoon',
      roles: ['vertrouwenspersoon', 'leidinggevende'].map((r) => ({ userChoice: r, value: r })),
      myNone: '',
      hint: nl.programme.personalHint,
      actions: [{ title: nl.programme.save, verb: 'programme.choose', data: { programmeId: 'p', version: 1 }, associatedInputs: 'Auto', fallbackData: { verb: 'programme.choose' } }],
      links: [{ title: nl.workshop.calendar, url: 'https://sociaalveilig.example.nl/api/programmes/p/calendar.ics?t=x' }],
    },
  ],
  'programme-participants': [
    {
      title: nl.programme.participantsTitle,
      userProgramme: 'x'.repeat(120),
      intro: nl.programme.participantsIntro,
      waitingLabel: nl.programme.waitingNames,
      sessions: [1, 2, 3, 4, 5, 6, 7, 8].map(() => ({ round: 'Ronde 1', userTitle: 'x'.repeat(120), counts: '20 aangemeld · 3 op de wachtlijst', userRegistered: 'Voornaam Achternaam, '.repeat(20), hasWaiting: true, userWaiting: 'Voornaam Achternaam, '.repeat(3), groups: [1, 2, 3].map((n) => ({ label: `Groep ${n}`, userNames: 'Voornaam Achternaam (vertrouwenspersoon), '.repeat(8) })) })),
      actions: [{ title: nl.programme.back, verb: 'programme.refresh', data: { programmeId: 'p' }, associatedInputs: 'None', fallbackData: { verb: 'programme.refresh' } }],
    },
  ],
  'workshop-card': [
    {
      title: nl.workshop.invitationTitle,
      hasSession: true,
      userSession: 'x'.repeat(400),
      banner: nl.workshop.outcomes.wachtlijst,
      bannerColor: 'Good',
      facts: [{ title: nl.workshop.when, value: 'di 1 dec 2026, 10:00–12:00' }],
      whereLabel: nl.workshop.where,
      userWhere: 'Online: https://teams.microsoft.com/l/meetup-join/abc',
      noteLabel: nl.workshop.noteLabel,
      userNote: 'x'.repeat(500),
      hasNote: true,
      myStatus: nl.workshop.myStatus.aangemeld,
      hint: nl.workshop.baseHint,
      ratings: choice(['1', '2', '3', '4', '5']),
      ratingLabel: nl.workshop.ratingLabel,
      ratingRequired: nl.workshop.ratingRequired,
      takeawayLabel: nl.workshop.takeawayLabel,
      actions: [{ title: nl.workshop.register, verb: 'workshop.register', data: { workshopId: 'w', version: 1 }, fallbackData: { verb: 'workshop.register' } }],
      links: [{ title: nl.workshop.calendar, url: 'https://sociaalveilig.example.nl/api/workshops/w/calendar.ics?t=x' }],
    },
  ],
  'workshop-series': [
    {
      title: nl.workshop.seriesTitle,
      intro: nl.workshop.seriesIntro,
      facts: Array.from({ length: 24 }, () => ({ title: 'di 1 dec 2026, 10:00–12:00', value: '12 deelnemers · gemiddeld 4,2 (11 beoordelingen)' })),
      actions: [{ title: nl.workshop.cancelBack, verb: 'workshop.refresh', data: { workshopId: 'w' }, associatedInputs: 'None', fallbackData: { verb: 'workshop.refresh' } }],
    },
  ],
  'workshop-list': [
    {
      title: en.workshop.listTitle,
      mineHeading: en.workshop.mine,
      noneMine: en.workshop.noneMine,
      mine: [{ userLine: 'Tue 1 Dec 2026, 10:00–12:00 · Round 1: x (by y): You are registered.' }],
      programmesHeading: en.programme.listHeading,
      programmes: [{ userTitle: 'x'.repeat(120), line: 'Thu 10 Dec 2026, 13:00–17:30 · Managers, Coordinators', viewLabel: en.programme.view, data: { programmeId: 'p' }, fallbackData: { programmeId: 'p', verb: 'programme.refresh' } }],
      openHeading: en.workshop.openRijksbreed,
      noneOpen: en.workshop.noneOpen,
      open: [{ line: 'Tue 1 Dec 2026, 10:00–12:00 · Mixed · 3 of 8 free', registerLabel: en.workshop.register, data: { workshopId: 'w', version: 1 }, fallbackData: { verb: 'workshop.register' } }],
      planHint: en.workshop.planHint,
      menuLabel: en.menu,
    },
  ],
  notice: [
    { title: nl.workshop.planStartTitle, text: nl.workshop.planningStopped, footnote: nl.welcome.urgent, menuLabel: nl.menu },
    { title: en.workshop.planStartTitle, text: 'x'.repeat(4000), footnote: '', menuLabel: en.menu },
  ],
  'signal-referred': [
    { title: nl.followUp.answerTitle, text: nl.followUp.referredNotice, how: nl.followUp.referredHow, places: bzkPlaces.slice(0, 1).map((p) => placeElement(p, nl, 'nl')), urgent: nl.welcome.urgent, menuLabel: nl.menu },
    { title: en.followUp.answerTitle, text: en.followUp.referredNotice, how: en.followUp.referredHow, places: [], urgent: en.welcome.urgent, menuLabel: en.menu },
  ],
  'network-advice': [
    {
      title: nl.advice.title.replace('{topic}', 'pesten'),
      text: nl.advice.text,
      invite: nl.advice.invite,
      organisationLabel: nl.advice.organisation,
      organisation: 'Uitvoeringsorganisatie Bedrijfsvoering Rijk (UBR)',
      topicLabel: nl.advice.topic,
      topic: nl.signal.categories['agressie-burgers-klanten'],
      previousQuarter: 'Kwartaal 2 2030',
      before: '5',
      quarter: 'Kwartaal 3 2030',
      now: '11',
      where: nl.advice.where,
      openLabel: nl.advice.open,
      link: 'https://teams.microsoft.com/l/entity/00000000-0000-4000-8000-00000000a990/planning?context=%7B%22subEntityId%22%3A%22netwerk%22%7D',
      menuLabel: nl.menu,
    },
    { title: en.advice.title, text: en.advice.text, invite: en.advice.invite, organisationLabel: en.advice.organisation, organisation: 'BZK', topicLabel: en.advice.topic, topic: 'x', previousQuarter: 'Q2', before: '5', quarter: 'Q3', now: '8', where: en.advice.where, openLabel: en.advice.open, link: '', menuLabel: en.menu },
  ],
};

/** Walks a card, calling `visit` for each string with the object that holds it. */
function eachString(node: unknown, visit: (text: string, holder: Record<string, unknown>) => void, holder: Record<string, unknown> = {}): void {
  if (typeof node === 'string') visit(node, holder);
  else if (Array.isArray(node)) node.forEach((n) => eachString(n, visit, holder));
  else if (node && typeof node === 'object') Object.values(node).forEach((v) => eachString(v, visit, node as Record<string, unknown>));
}

describe('card templates', () => {
  it('all have sample data, and no two share a name', () => {
    expect(Object.keys(templates)).toHaveLength(templatePaths.length);
    expect(templatePaths.length).toBeGreaterThanOrEqual(16);
    expect(Object.keys(samples).sort()).toEqual(Object.keys(templates).sort());
  });

  describe.each(Object.entries(templates))('%s', (name, template) => {
    it('declares version 1.5 at most', () => {
      expect(versionOf(template)).toBeGreaterThan(0);
      expect(versionOf(template)).toBeLessThanOrEqual(1.5);
    });

    it.each((samples[name] ?? []).map((s, i) => [i, s] as const))('sample %i fills every binding and passes the official parser', (_i, data) => {
      const card = renderCard(template, data);
      const json = JSON.stringify(card);
      expect(json).not.toContain('${');
      expect(adaptiveCardProblems(card)).toEqual([]);
      expect(Buffer.byteLength(json)).toBeLessThan(MAX_CARD_BYTES);
    });

    it('binds user text (fields named user…) only where no markdown renders: a TextRun, an input value or submit data', () => {
      eachString(template, (text, holder) => {
        // A choice's title (no type, a title and a value) is plain text in every client: no markdown renders there.
        const choice = holder.type === undefined && 'title' in holder && 'value' in holder;
        if (/\$\{\s*user/i.test(text)) expect(holder.type === 'TextRun' || holder.type === 'Input.Text' || 'action' in holder || choice).toBe(true);
      });
    });
  });

  it('the user-text guard can fail: a user binding in a TextBlock is caught', () => {
    const holders: unknown[] = [];
    eachString({ body: [{ type: 'TextBlock', text: '${userNote}' }] }, (text, holder) => {
      if (/\$\{\s*user/i.test(text)) holders.push(holder.type);
    });
    expect(holders).toEqual(['TextBlock']);
    expect(holders.every((type) => type === 'TextRun' || type === 'Input.Text')).toBe(false);
  });

  it('the parser check can fail: it reports unknown elements and a missing required property', () => {
    expect(adaptiveCardProblems({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Bogus' }] })).not.toEqual([]);
    expect(
      adaptiveCardProblems({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Input.Text' }] }),
    ).not.toEqual([]);
  });
});

describe('cards', () => {
  it('welcome names the app, offers the four capabilities and submits their actions', () => {
    const card = welcomeCard(nl, menuActions(nl));
    expect(JSON.stringify(card.body)).toContain('Sociaal Veilig');
    expect(card.actions).toEqual([
      { type: 'Action.Submit', title: 'Iets aankaarten', data: { action: 'capability.signal' } },
      { type: 'Action.Submit', title: 'Met iemand praten', data: { action: 'capability.talk' } },
      { type: 'Action.Submit', title: 'Workshops', data: { action: 'capability.workshops' } },
      { type: 'Action.Submit', title: 'Mijn gegevens', data: { action: 'capability.myData' } },
    ]);
  });

  it('welcome shows a notice only when there is one', () => {
    const texts = (c: ReturnType<typeof welcomeCard>) => (c.body as Array<{ text?: string }>).map((b) => b.text);
    expect(texts(welcomeCard(nl, menuActions(nl)))).not.toContain(nl.errors.notUnderstood);
    expect(texts(welcomeCard(nl, menuActions(nl), nl.errors.notUnderstood))).toContain(nl.errors.notUnderstood);
  });

  it('leave no binding unfilled, whichever optional parts are left out', () => {
    for (const t of [nl, en]) {
      const cards = [
        welcomeCard(t, menuActions(t)),
        welcomeCard(t, menuActions(t), t.errors.notUnderstood),
        noticeCard(t, { title: t.workshop.planStartTitle, text: t.workshop.planningStopped }),
        noticeCard(t, { title: t.workshop.planStartTitle, text: t.workshop.planningStopped, footnote: t.welcome.urgent }),
        channelHelpCard(t),
      ];
      for (const card of cards) {
        expect(JSON.stringify(card)).not.toContain('${');
        expect(adaptiveCardProblems(card)).toEqual([]);
      }
    }
  });

  it('signal cards fill every binding and pass the parser, in both languages', () => {
    for (const [t, locale] of [[nl, 'nl'], [en, 'en']] as const) {
      const advice = route({ category: 'seksuele-intimidatie', wish: 'gesprek', organisation: 'jenv' }, kaart.routingRules, kaart.referrals, staffed);
      const submission = { submissionId: '6f1c1a52-8d0e-4a4f-9f57-0c9a0b6b1e11', organisation: 'jenv', category: 'seksuele-intimidatie', wish: 'gesprek', anonymity: 'volledig-anoniem' } as const;
      const cards = [
        signalStartCard(t, locale, kaart.organisations),
        signalFormCard(t, 'jenv', { submissionId: submission.submissionId, issuedAt: 1_733_500_000_000, formToken: 'A'.repeat(32) }),
        signalReceiptCard(t, locale, {
          outcome: 'stored',
          caseCode: 'SV-ABCD-2345',
          status: 'nieuw',
          advice,
          submission,
          textKept: false,
          arrival: { via: 'mixer', withinMs: 24 * 60 * 60 * 1000 },
        }),
        talkStartCard(t, locale, kaart.organisations),
        placesCard(t, locale, { title: t.signal.emergencyTitle, intro: t.signal.emergencyIntro, places: advice.places, urgent: true }),
        signalAnswerCard(t, { signalId: submission.submissionId, caseCode: 'SV-ABCD-2345', replyFormId: submission.submissionId, replyToken: 'B'.repeat(32) }, 'Dank je.'),
        signalSentCard(t),
      ];
      for (const card of cards) {
        expect(JSON.stringify(card)).not.toContain('${');
        expect(adaptiveCardProblems(card)).toEqual([]);
      }
      expect(JSON.stringify(cards[2])).toContain('SV-ABCD-2345');
      expect(JSON.stringify(cards[2])).toContain(t.signal.nextFullyAnonymous.split('{place}')[1]!.slice(0, 40));
      // Fully anonymous with a conversation wished: no line may promise an answer in this chat.
      expect(JSON.stringify(cards[2])).not.toContain(t.signal.next.gesprek.split('.')[1]!.trim());
      // Honest about when it arrives: through the mixer, within the day it may take.
      expect(JSON.stringify(cards[2])).toContain(format(t.signal.arrivalMixed, { within: format(t.duration.hours, { n: 24 }) }));
      // The form's proof is in its button, with the time as a number; the answer names its case code.
      expect(JSON.stringify(cards[1])).toContain('"issuedAt":1733500000000');
      expect(JSON.stringify(cards[5])).toContain(format(t.followUp.answerAbout, { code: 'SV-ABCD-2345' }));
    }
  });

  it('says how long something may take in words', () => {
    expect(durationWords(nl, 24 * 3_600_000)).toBe('24 uur');
    expect(durationWords(nl, 3_600_000)).toBe('1 uur');
    expect(durationWords(nl, 90 * 60_000)).toBe('2 uur');
    expect(durationWords(nl, 60_000)).toBe('1 minuut');
    expect(durationWords(en, 5 * 60_000)).toBe('5 minutes');
    expect(durationWords(en, 0)).toBe('1 minute');
  });

  it('channel help lists what works in a channel', () => {
    expect(JSON.stringify(channelHelpCard(nl))).toContain('workshop plannen');
  });
});

/** Every text a card shows, in order (TextBlocks, facts, button titles). */
function shownTexts(card: object): string[] {
  const texts: string[] = [];
  eachString(card, (text, holder) => {
    if (holder.type === 'TextBlock' && holder.text === text) texts.push(text);
    if ('title' in holder && holder.title === text && holder.type !== undefined) texts.push(text);
    if ('value' in holder && holder.value === text && 'title' in holder && holder.type === undefined) texts.push(text);
  });
  return texts;
}

/** A form's proof and an answer's reply box, as the flows make them (their tokens are not what is tested here). */
const FORM = { submissionId: '6f1c1a52-8d0e-4a4f-9f57-0c9a0b6b1e11', issuedAt: 1_733_500_000_000, formToken: 'A'.repeat(32) };
const REPLY = { signalId: '6f1c1a52-8d0e-4a4f-9f57-0c9a0b6b1e11', replyFormId: '7f1c1a52-8d0e-4a4f-9f57-0c9a0b6b1e11', replyToken: 'A'.repeat(32) };

describe('the receipt says who does what', () => {
  const submission = (over: Partial<SignalSubmission>): SignalSubmission => ({
    submissionId: '6f1c1a52-8d0e-4a4f-9f57-0c9a0b6b1e11',
    organisation: 'bzk',
    category: 'pesten',
    wish: 'gesprek',
    anonymity: 'anoniem',
    ...over,
  });
  /** What a reporter's look-up finds: an anonymous signal of 1 March 2030, never taken on or opened. */
  const summaryOf = (over: Pick<SignalSummary, 'category' | 'wish' | 'status'>): SignalSummary => ({
    id: 'x',
    anonymity: 'anoniem',
    organisation: 'bzk',
    createdAt: new Date('2030-03-01T00:00:00Z'),
    reporterAadObjectId: null,
    replyRouteSealed: null,
    takenOnAt: null,
    firstOpenedAt: null,
    ...over,
  });
  const receipt = (s: SignalSubmission, status: 'nieuw' | 'geteld', textKept = false, t = nl) =>
    shownTexts(signalReceiptCard(t, 'nl', { outcome: 'stored', caseCode: 'SV-ABCD-2345', status, advice: route(s, kaart.routingRules, kaart.referrals, staffed), submission: s, textKept, arrival: { via: 'mixer', withinMs: 86_400_000 } }));

  it('promises no answer when nobody staffs the places, and says the person contacts them', () => {
    const s = submission({ category: 'werkdruk-spanning', description: 'Te veel werk.' });
    const texts = receipt(s, 'geteld');
    expect(texts).toContain(nl.signal.nextNoInbox);
    expect(texts).toContain(nl.signal.textNotKept);
    expect(texts.join(' ')).not.toContain('komt hier in deze chat');
    expect(texts).not.toContain(nl.signal.codeOnlyHere);
  });

  it('names the place that holds the signal, and that an anonymous code works only in this chat', () => {
    const s = submission({ category: 'agressie-burgers-klanten' });
    const texts = receipt(s, 'nieuw');
    // The aftercare team leads this rule; the vertrouwenspersoon is the first place someone staffs.
    // (the mixer's arrival time follows in the same line)
    expect(texts.some((x) => x.startsWith(format(nl.signal.next.gesprek, { place: 'Vertrouwenspersoon ongewenste omgangsvormen BZK' })))).toBe(true);
    expect(texts).toContain(nl.signal.codeOnlyHere);
    expect(texts).toContain(nl.signal.urgentAdviceHandled);
    expect(texts).not.toContain(nl.signal.urgentAdvice);
  });

  it('tells who must act on an urgent concern nobody answers here', () => {
    const texts = receipt(submission({ category: 'agressie-burgers-klanten', wish: 'advies' }), 'geteld');
    expect(texts).toContain(nl.signal.urgentAdvice);
    expect(texts).not.toContain(nl.signal.urgentAdviceHandled);
  });

  it('does not end an anonymous request for advice with "nobody contacts you", and offers the choice that answers', () => {
    const texts = receipt(submission({ wish: 'advies' }), 'geteld');
    expect(texts).toContain(nl.signal.next.advies);
    expect(nl.signal.next.advies).not.toMatch(/niemand neemt/i);
    expect(nl.signal.next.advies).toContain(nl.signal.wishes.gesprek);
  });

  it('"laten lezen": says a reader has it and nobody contacts the person, that the code alone opens it, and who acts on an urgent concern', () => {
    const texts = receipt(submission({ category: 'intimidatie-agressie', wish: 'laten-lezen' }), 'nieuw');
    expect(texts.some((x) => x.startsWith(format(nl.signal.next['laten-lezen'], { place: 'Vertrouwenspersoon ongewenste omgangsvormen BZK' })))).toBe(true);
    expect(texts).toContain(nl.signal.codeAnyone);
    expect(texts).not.toContain(nl.signal.codeOnlyHere);
    // No answer comes, so nothing to wait for: the person acts on it themselves.
    expect(texts).toContain(nl.signal.urgentAdvice);
    expect(texts).not.toContain(nl.signal.urgentAdviceHandled);
    expect(receipt(submission({ category: 'integriteit', wish: 'laten-lezen' }), 'nieuw')).toContain(nl.signal.reportingDuty);
  });

  it('"laten lezen" with nobody to read it says so plainly, without telling the person to call', () => {
    const texts = receipt(submission({ category: 'werkdruk-spanning', wish: 'laten-lezen', description: 'Te veel werk.' }), 'geteld');
    expect(texts).toContain(nl.signal.nextNoReader);
    expect(texts).not.toContain(nl.signal.nextNoInbox);
    expect(texts).toContain(nl.signal.textNotKept);
    expect(texts).not.toContain(nl.signal.codeAnyone);
  });

  it('the status of a signal says "nobody contacts you" only to whom chose "laten lezen"', () => {
    const summary = (wish: SignalSubmission['wish']) => summaryOf({ category: 'pesten', wish, status: 'geteld' });
    expect(shownTexts(signalStatusCard(nl, 'nl', 'SV-ABCD-2345', summary('laten-lezen')))).toContain(nl.status.explanationReadOnly);
    for (const wish of ['alleen-laten-weten', 'advies', 'gesprek', 'formeel-melden'] as const) {
      expect(shownTexts(signalStatusCard(nl, 'nl', 'SV-ABCD-2345', summary(wish)))).not.toContain(nl.status.explanationReadOnly);
    }
  });

  it('says when to expect what, where an answer can come back: the law\'s terms for a misstand, the organisation\'s otherwise', () => {
    const all = (s: SignalSubmission, terms?: Parameters<typeof signalReceiptCard>[3]) =>
      shownTexts(signalReceiptCard(nl, 'nl', { outcome: 'stored', caseCode: 'SV-ABCD-2345', status: 'nieuw', advice: route(s, kaart.routingRules, kaart.referrals, staffed), submission: s, textKept: true, arrival: { via: 'direct' } }, terms)).join(' ');
    expect(all(submission({ category: 'misstand' }))).toContain(nl.signal.expect.misstand);
    expect(all(submission({ category: 'integriteit' }))).toContain('Doe je een formele melding, dan hoor je binnen 12 weken wat je werkgever ermee doet.');
    expect(all(submission({ category: 'integriteit' }), { integrityWeeks: 8, firstReactionWorkingDays: 5 })).toContain('dan hoor je binnen 8 weken');
    expect(all(submission({}), { integrityWeeks: 12, firstReactionWorkingDays: 3 })).toContain('Binnen 3 werkdagen krijg je een reactie van een contactpersoon.');
    // No way back, or no answer wanted: no promise of one.
    expect(all(submission({ category: 'misstand', anonymity: 'volledig-anoniem' }))).not.toContain(nl.signal.expect.misstand);
    expect(all(submission({ wish: 'laten-lezen' }))).not.toContain('krijg je een reactie');
  });

  it('the status says when the signal was first opened and by when the next step comes, or that it is overdue', () => {
    const summary = summaryOf({ category: 'misstand', wish: 'gesprek', status: 'nieuw' });
    const card = signalStatusCard(nl, 'nl', 'SV-ABCD-2345', summary, [], undefined, { kind: 'bevestigen', dueOn: '2030-03-08', state: 'op-tijd' });
    expect(JSON.stringify(card)).toContain(JSON.stringify({ title: nl.status.opened, value: nl.status.notOpened }));
    expect(shownTexts(card)).toEqual(expect.arrayContaining(['Uiterlijk 8 maart 2030 laat een contactpersoon je weten dat je signaal binnen is.']));
    const opened = shownTexts(signalStatusCard(en, 'en', 'SV-ABCD-2345', { ...summary, firstOpenedAt: new Date('2030-03-04T09:00:00Z') }, [], undefined, { kind: 'bevestigen', dueOn: '2030-03-08', state: 'te-laat' }));
    expect(opened).toEqual(expect.arrayContaining(['By your contact person on Mon 4 Mar 2030', format(en.status.expectLate, { day: '8 March 2030' })]));
    // Still in the mixer: not at the desk yet, so nobody could have opened it.
    const inMixer = shownTexts(signalStatusCard(nl, 'nl', 'SV-ABCD-2345', summary, [], 3_600_000, null));
    expect(inMixer).toContain(format(nl.status.onItsWay, { within: '1 uur' }));
    expect(inMixer).not.toContain(nl.status.notOpened);
  });

  it('mentions the duty to report some breaches when integrity or wrongdoing is only let known', () => {
    for (const category of ['integriteit', 'misstand'] as const) expect(receipt(submission({ category, wish: 'alleen-laten-weten' }), 'geteld')).toContain(nl.signal.reportingDuty);
    expect(receipt(submission({ category: 'pesten', wish: 'alleen-laten-weten' }), 'geteld')).not.toContain(nl.signal.reportingDuty);
    expect(receipt(submission({ category: 'integriteit', wish: 'advies' }), 'geteld')).not.toContain(nl.signal.reportingDuty);
  });

  it('names the klachtencommissie for a formal complaint about pesten', () => {
    expect(receipt(submission({ wish: 'formeel-melden' }), 'geteld').join(' ')).toContain('Klachtencommissie ongewenste omgangsvormen');
  });
});

describe('the form says before what happens', () => {
  it('announces which wish keeps the text, what anonymity means and how integrity differs from wrongdoing', () => {
    const texts = shownTexts(signalFormCard(nl, 'bzk', FORM));
    expect(texts).toEqual(expect.arrayContaining([nl.signal.descriptionKept, nl.signal.anonymityNote, nl.signal.categoryHelp]));
    expect(nl.signal.categoryHelp).toMatch(/Integriteit: .*bijvoorbeeld.*Misstand: .*bijvoorbeeld/);
  });

  it("carries a story typed in the chat into the form's text box, and nowhere else on the card", () => {
    const story = 'Mijn leidinggevende schreeuwt tegen me in het teamoverleg.';
    const start = signalStartCard(nl, 'nl', kaart.organisations, story);
    expect((start.actions as Array<{ data: { action: string; description?: string } }>).find((a) => a.data.action === 'signal.form')!.data.description).toBe(story);
    const form = signalFormCard(nl, 'bzk', FORM, story);
    const inputs: unknown[] = [];
    eachString(form, (text, holder) => text === story && inputs.push(holder.type));
    expect(inputs).toEqual(['Input.Text']);
    expect(JSON.stringify(signalFormCard(nl, 'bzk', FORM))).not.toContain(story);
  });
});

describe('a story typed instead of a command', () => {
  it('gets a warm answer and a button that carries the text to the form', () => {
    const card = storyCard(nl, '  Mijn leidinggevende schreeuwt tegen me.  ', 2000);
    expect(shownTexts(card)).toEqual(expect.arrayContaining([nl.story.title, nl.story.text, nl.story.signal]));
    const signal = (card.actions as Array<{ data: { action: string; description?: string } }>)[0]!;
    expect(signal.data).toEqual({ action: 'capability.signal', description: 'Mijn leidinggevende schreeuwt tegen me.' });
    // The text is not shown back on the card: it is in the person's own message already.
    expect(shownTexts(card).join(' ')).not.toContain('schreeuwt');
  });

  it('does not carry a text longer than the form takes, and says so', () => {
    const card = storyCard(nl, 'x '.repeat(1500), 2000);
    expect(shownTexts(card)).toContain(nl.story.tooLong);
    expect((card.actions as Array<{ data: { description?: string } }>)[0]!.data.description).toBe('');
  });
});

describe('places on a card', () => {
  it('gives the danger card name, number and one line per place, and nothing that puts people off calling', () => {
    const card = placesCard(nl, 'nl', { title: nl.signal.emergencyTitle, intro: nl.signal.emergencyIntro, places: emergencyPlaces(kaart.referrals, 'ubr'), urgent: true });
    const json = JSON.stringify(card);
    expect(shownTexts(card)).toEqual(
      expect.arrayContaining(['Alarmnummer 112: 112', '113 Zelfmoordpreventie: 0800-0113', 'Beveiliging / bedrijfsnoodorganisatie UBR: 000-000 5016']),
    );
    for (const phrase of ['geen vertrouwelijk gesprek', 'leidinggevende', '24 uur', 'BZK', 'Financiën']) expect(json).not.toContain(phrase);
    for (const place of (card.body as Array<{ items?: unknown }>)[2]!.items as Array<{ items: Array<{ type: string }> }>) {
      expect(place.items.map((i) => i.type)).toEqual(['TextBlock', 'TextBlock', 'ActionSet']);
    }
  });

  it('shows "Met iemand praten" two places and the rest behind "meer"', () => {
    const places = placesForTopic(kaart.referrals, kaart.routingRules, 'intimidatie-agressie', 'bzk');
    expect(places.length).toBeGreaterThan(2);
    const card = placesCard(nl, 'nl', { title: nl.talk.resultTitle, intro: 'x', places });
    const body = card.body as Array<{ type: string; id?: string; isVisible?: boolean; items?: unknown[]; actions?: Array<{ type: string; title: string; targetElements: string[] }> }>;
    expect(body[2]!.items).toHaveLength(2);
    expect(body[3]!.actions).toEqual([{ type: 'Action.ToggleVisibility', title: nl.talk.more, targetElements: ['more-places'] }]);
    expect(body[4]).toMatchObject({ id: 'more-places', isVisible: false });
    expect(body[4]!.items).toHaveLength(places.length - 2);
    expect(adaptiveCardProblems(card)).toEqual([]);
    // Two or fewer: no button.
    const few = placesCard(nl, 'nl', { title: 't', intro: 'x', places: places.slice(0, 2) });
    expect(JSON.stringify(few)).not.toContain('Action.ToggleVisibility');
  });

  it('labels the phone in the language of the card', () => {
    const place = kaart.referrals.find((r) => r.id === 'bzk-hr-adviseur')!;
    expect(JSON.stringify(placeElement(place, en, 'en'))).toContain('"title":"Phone"');
    expect(JSON.stringify(placeElement(place, nl, 'nl'))).toContain('"title":"Tel."');
  });
});

describe('an answer to a signal', () => {
  it('says which place answers when it is known, and stays generic otherwise', () => {
    expect(shownTexts(signalAnswerCard(nl, REPLY, 'Hallo', 'Vertrouwenspersoon integriteit BZK'))).toContain('Vertrouwenspersoon integriteit BZK schrijft:');
    expect(shownTexts(signalAnswerCard(nl, REPLY, 'Hallo'))).toContain(nl.followUp.answerIntroUnnamed);
  });
});

describe('workshop cards', () => {
  const { planFormCard, planStartCard, workshopCard, workshopListCard } = jest.requireActual('../../bot/src/features/workshops/workshop-cards') as typeof import('../../bot/src/features/workshops/workshop-cards');
  const now = new Date('2026-11-24T12:00:00Z');
  const workshop = {
    id: '6f1c1a52-8d0e-4a4f-9f57-0c9a0b6b1e11',
    organiser: { aadObjectId: 'aad-org', userId: '29:org' },
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    channelConversationId: '19:abc@thread.tacv2',
    rijksbreed: false,
    startsAt: new Date('2026-12-01T09:00:00Z'),
    endsAt: new Date('2026-12-01T11:00:00Z'),
    location: { kind: 'online', url: 'https://teams.microsoft.com/l/meetup-join/x' },
    audience: 'mt-leidinggevenden',
    seats: 8,
    language: 'nl',
    status: 'gepland',
    version: 1,
    registered: 8,
    waiting: 3,
    duo: [
      { facilitatorId: 'fac-bzk-anouk', displayName: 'Anouk Verbeek', organisation: 'bzk', experience: 'lijn', status: 'geaccepteerd', aadObjectId: 'a' },
      { facilitatorId: 'fac-ubr-lotte', displayName: 'Lotte de Graaf', organisation: 'ubr', experience: 'begeleiding', status: 'gevraagd', aadObjectId: 'b' },
    ],
  } as const;
  const views = [
    { kind: 'shared' },
    { kind: 'personal', status: { status: 'wachtlijst', position: 2 }, isOrganiser: true, calendarUrl: 'http://localhost:3978/api/workshops/x/calendar.ics?t=y', outcome: 'ok' },
    { kind: 'personal', status: { status: 'aangemeld' }, isOrganiser: false, calendarUrl: 'http://localhost:3978/x.ics' },
    { kind: 'personal', status: { status: 'niet-aangemeld' }, isOrganiser: true, confirmCancel: true },
    { kind: 'notice', notice: 'evaluation' },
    { kind: 'notice', notice: 'facilitator-after' },
    { kind: 'notice', notice: 'nagesprek', name: 'Fictieve Collega' },
    { kind: 'notice', notice: 'reminder-hour', calendarUrl: 'http://localhost:3978/x.ics' },
    { kind: 'duo-request', facilitatorId: 'fac-ubr-lotte', userNote: '**geen markdown** [link](https://x)' },
  ] as const;

  it.each([['nl', nl], ['en', en]] as const)('fill every binding and pass the parser in %s, for every view', (locale, t) => {
    const c = { t, locale, timeZone: 'Europe/Amsterdam', now };
    const cards = [
      planStartCard(t, { formId: workshop.id, token: 'A'.repeat(32) }),
      planFormCard(t, locale, { formId: workshop.id, token: 'A'.repeat(32), organisations: kaart.organisations, timeZone: 'Europe/Amsterdam', now, problem: { problems: ['date-in-the-past', 'seats-out-of-bounds'], seatsWarning: 'place' } }),
      planFormCard(t, locale, { formId: workshop.id, token: 'A'.repeat(32), organisations: kaart.organisations, timeZone: 'Europe/Amsterdam', now, change: { workshopId: workshop.id, version: 2 } }),
      ...views.map((v) => workshopCard(c, workshop as never, v as never)),
      workshopListCard(c, [{ workshop: workshop as never, status: { status: 'aangemeld' } }], [workshop as never]),
      workshopListCard(c, [], []),
    ];
    for (const card of cards) {
      expect(JSON.stringify(card)).not.toContain('${');
      expect(adaptiveCardProblems(card)).toEqual([]);
      expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(MAX_CARD_BYTES);
    }
  });

  it('shows seats, the waiting list and the duo, and asks every viewer for their own view without naming anyone', () => {
    const card = workshopCard({ t: nl, locale: 'nl', timeZone: 'Europe/Amsterdam', now }, workshop as never, views[0] as never);
    const json = JSON.stringify(card);
    expect(json).toContain('0 van 8 vrij');
    expect(json).toContain('3 op de wachtlijst');
    // Only who accepted is named; the one still asked is not.
    expect(json).toContain('Anouk Verbeek; de tweede begeleider is gevraagd');
    expect(json).not.toContain('Lotte de Graaf');
    expect(json).toContain('di 1 dec 2026, 10:00–12:00');
    expect(card.refresh).toEqual({ action: { type: 'Action.Execute', verb: 'workshop.refresh', data: { workshopId: workshop.id } } });
  });

  it('says "no facilitators found" the same on the shared card, the organiser\'s and the notice, and takes no registrations', () => {
    const c = { t: nl, locale: 'nl' as const, timeZone: 'Europe/Amsterdam', now };
    const alone = { ...workshop, duo: [workshop.duo[0]] };
    const verbs = (card: ReturnType<typeof workshopCard>) => (card.actions as Array<{ verb?: string }>).map((a) => a.verb).filter(Boolean);
    const shared = workshopCard(c, alone as never, { kind: 'shared' });
    expect(JSON.stringify(shared)).toContain(nl.workshop.noDuoBanner);
    expect(JSON.stringify(shared)).toContain(nl.workshop.duoNone);
    expect(JSON.stringify(shared)).not.toContain(nl.workshop.duoPending);
    expect(verbs(shared)).toEqual(['workshop.refresh']);
    const organiser = workshopCard(c, alone as never, { kind: 'personal', status: { status: 'niet-aangemeld' }, isOrganiser: true });
    expect(JSON.stringify(organiser)).toContain(nl.workshop.noDuoOrganiser);
    expect(verbs(organiser)).toEqual(['workshop.change', 'workshop.cancel', 'workshop.repeat']);
    const notice = workshopCard(c, alone as never, { kind: 'notice', notice: 'duo-not-found' });
    expect((notice.body as Array<{ text?: string }>).map((b) => b.text)).toContain(nl.workshop.notices['duo-not-found'].replace('{date}', '1 december 2026'));
    expect(verbs(notice)).toEqual(['workshop.change']);
  });

  it('gives the organiser change and cancel, and a participant only their own buttons', () => {
    const c = { t: nl, locale: 'nl' as const, timeZone: 'Europe/Amsterdam', now };
    const verbs = (card: ReturnType<typeof workshopCard>) => (card.actions as Array<{ verb?: string }>).map((a) => a.verb).filter(Boolean);
    expect(verbs(workshopCard(c, workshop as never, views[1] as never))).toEqual(['workshop.unregister', 'workshop.change', 'workshop.cancel', 'workshop.repeat']);
    expect(verbs(workshopCard(c, workshop as never, views[2] as never))).toEqual(['workshop.unregister']);
    expect(verbs(workshopCard(c, { ...workshop, status: 'geannuleerd' } as never, views[2] as never))).toEqual([]);
    expect(verbs(workshopCard({ ...c, now: new Date('2026-12-02T00:00:00Z') }, workshop as never, views[0] as never))).toEqual([]);
  });
});
