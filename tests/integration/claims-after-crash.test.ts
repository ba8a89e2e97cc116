import { PROCESS_ALIVE_SECONDS } from '../../bot/src/platform/teams/handled-activities';
import { message } from '../support/activities';
import type { ServiceProcess } from '../support/service-process';
import { useTwoProcesses } from '../support/two-processes';
import { postgresDescribe } from '../support/storages';

jest.setTimeout(120_000);

/**
 * A turn writes its activity claim and nothing after it: the claim holds while the process that made it lives.
 * Two real service processes on one PostgreSQL: Teams repeats a delivery to the other replica while the first is
 * still in the turn, and after the first died in it. Needs PostgreSQL (PGlite is one process's database).
 */
const describeWithPostgres = postgresDescribe('Claims after a crash');

describeWithPostgres('a replica killed mid-turn, and Teams repeating the delivery to the other', () => {
  const race = useTwoProcesses();

  it('ignores the repeat while the first replica lives, and handles it once after that replica died', async () => {
    const [a, b] = race.services as [ServiceProcess, ServiceProcess];
    const { connector } = race;
    const chat = { serviceUrl: connector.serviceUrl, conversationId: `a:crash-${Date.now()}`, userId: '29:crash', aadObjectId: 'aad-crash' };
    const welcomes = () => connector.received.filter((r) => r.conversationId === chat.conversationId).length;
    // A's replies to the Bot Connector are held: A is in the middle of the turn, its claim committed.
    connector.hanging.set(chat.conversationId, { requests: 10, ms: 60_000, then: 'drop' });
    const activity = message(chat, 'hallo');
    const first = race.post(a.port, activity).catch(() => 'cut off');
    await connector.until(() => connector.log.some((l) => l.conversationId === chat.conversationId && l.held));

    // The repeat reaches B while A lives: not handled (B answers Teams, and sends nothing).
    expect((await race.post(b.port, activity)).status).toBe(200);
    expect(welcomes()).toBe(0);

    // A dies mid-turn. Teams keeps repeating; B takes the claim over once A has stopped saying it is alive.
    await a.stop('SIGKILL');
    const killedAt = Date.now();
    connector.hanging.delete(chat.conversationId);
    expect(await first).toBe('cut off');
    let repeats = 0;
    while (welcomes() === 0) {
      // A's row lapses 15 s after its last renewal, which came before the kill: well within Teams' repeats.
      expect(Date.now() - killedAt).toBeLessThan(2 * PROCESS_ALIVE_SECONDS * 1000);
      repeats++;
      expect((await race.post(b.port, activity)).status).toBe(200);
      if (welcomes() === 0) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(welcomes()).toBe(1);
    // Handled now: a further repeat changes nothing.
    expect((await race.post(b.port, activity)).status).toBe(200);
    expect(welcomes()).toBe(1);
    process.stdout.write(`claims after a crash: the repeat handled by the other replica after ${repeats} repeats\n`);
  });
});
