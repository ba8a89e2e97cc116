import type { Activity } from 'botbuilder';
import type { InstallationScope } from './installations';

/** Teams calls a team's conversation "channel"; our installation records call the scope "team". */
export function scopeOf(activity: Pick<Activity, 'conversation'>): InstallationScope {
  switch (activity.conversation?.conversationType) {
    case 'channel':
      return 'team';
    case 'groupChat':
      return 'groupChat';
    default:
      return 'personal';
  }
}
