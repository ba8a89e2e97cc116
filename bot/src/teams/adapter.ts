import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import type { Config } from '../config/config';
import { chooseLocale, stringsFor } from '../i18n/locale';
import type { Logger } from '../logging/logger';
import type { HandledActivities } from '../storage/handled-activities';
import { DeduplicateActivities } from './deduplicate-activities';

/**
 * The Bot Framework adapter. With a bot identity configured it rejects any request without a valid
 * Bot Framework token (401). Without one it accepts anonymous requests, as the Agents Playground sends
 * them: config allows that only with NODE_ENV=development, and the server then listens on loopback only.
 */
export function createAdapter(config: Pick<Config, 'bot' | 'locale'>, handled: HandledActivities, logger: Logger): CloudAdapter {
  const options: ConfigurationBotFrameworkAuthenticationOptions = config.bot
    ? {
        MicrosoftAppId: config.bot.appId,
        MicrosoftAppPassword: config.bot.password ?? '',
        MicrosoftAppType: config.bot.type,
        MicrosoftAppTenantId: config.bot.tenantId ?? '',
      }
    : {};
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(options));

  adapter.use(new DeduplicateActivities(handled, logger));

  adapter.onTurnError = async (context, error) => {
    // The error's name only: messages of connector and parser errors can quote what a person sent.
    logger.error({ event: 'turn.error', activityType: context.activity.type, error: (error as Error)?.name }, 'turn failed');
    const t = stringsFor(chooseLocale(config.locale, context.activity.locale));
    await context.sendActivity(t.errors.internal).catch(() => undefined);
  };
  return adapter;
}
