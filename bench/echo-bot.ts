import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import restify from 'restify';

/**
 * The baseline: a bare botbuilder echo bot on restify, no storage, no middleware. Our turns are
 * measured beside it on the same machine, so the ratio says what our own work costs.
 */
const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const bot = new ActivityHandler();
bot.onMessage(async (context, next) => {
  await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
  await next();
});

const server = restify.createServer();
server.use(restify.plugins.bodyParser());
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, (context) => bot.run(context));
});
server.get('/healthz', (_req, res, next) => {
  res.json(200, { status: 'ok' });
  return next();
});
server.listen(Number(process.env.PORT), () => undefined);
process.once('SIGTERM', () => server.close(() => process.exit(0)));
