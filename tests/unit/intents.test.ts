import { intentOf, isStory, normalise } from '../../bot/src/wiring/intents';

describe('typed intents', () => {
  it.each([
    ['hallo', 'menu'],
    ['Hallo!', 'menu'],
    ['  HELP ', 'help'],
    ['hulp', 'help'],
    ['menu', 'menu'],
    ['Iets   aankaarten', 'capability.signal'],
    ['melden', 'capability.signal'],
    ['signaal', 'capability.signal'],
    ['Met iemand praten', 'capability.talk'],
    ['workshop plannen', 'capability.planWorkshop'],
    ['plan workshop', 'capability.planWorkshop'],
    ['Workshops', 'capability.workshops'],
    ['Mijn gegevens', 'capability.myData'],
    ['my data', 'capability.myData'],
  ])('%j asks for %s', (text, action) => {
    expect(intentOf(text)).toBe(action);
  });

  it.each(['', 'ik wil iets melden over mijn leidinggevende', 'hallo daar', 'wat is dit?', undefined])(
    'free text %j is not a command',
    (text) => {
      expect(intentOf(text)).toBeUndefined();
    },
  );

  it.each(['mijn leidinggevende schreeuwt tegen me', 'Ik word al maanden buitengesloten door mijn team.', 'ik weet niet waar ik moet beginnen'])(
    '%j reads as a story',
    (text) => expect(isStory(text)).toBe(true),
  );

  it.each(['', 'hoi daar', 'wat is dit?', 'dank je wel', '!!! ??? ...', undefined])('%j does not read as a story', (text) => {
    expect(isStory(text)).toBe(false);
  });

  it('normalises accents, case and punctuation', () => {
    expect(normalise('Coördinatór, HÉ!')).toBe('coordinator he');
  });
});
