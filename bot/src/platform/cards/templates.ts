import channelHelp from './templates/channel-help.json';
import myData from './templates/my-data.json';
import notice from './templates/notice.json';
import places from './templates/places.json';
import signalForm from './templates/signal-form.json';
import signalReceipt from './templates/signal-receipt.json';
import signalAnswer from './templates/signal-answer.json';
import signalStart from './templates/signal-start.json';
import signalStatus from './templates/signal-status.json';
import story from './templates/story.json';
import talkStart from './templates/talk-start.json';
import welcome from './templates/welcome.json';
import workshopCard from './templates/workshop-card.json';
import workshopList from './templates/workshop-list.json';
import workshopPlanForm from './templates/workshop-plan-form.json';
import workshopPlanStart from './templates/workshop-plan-start.json';

/** Every card template, by file name, so tests can check each one. */
export const templates = {
  welcome,
  'channel-help': channelHelp,
  notice,
  places,
  'signal-start': signalStart,
  'signal-form': signalForm,
  'signal-receipt': signalReceipt,
  'talk-start': talkStart,
  'signal-status': signalStatus,
  'my-data': myData,
  'signal-answer': signalAnswer,
  story,
  'workshop-plan-start': workshopPlanStart,
  'workshop-plan-form': workshopPlanForm,
  'workshop-card': workshopCard,
  'workshop-list': workshopList,
} as const;
