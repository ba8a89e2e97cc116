/** What the signals feature offers the wiring and the other features; the rest of its folder is its own. */
export { anonymousObjectOf } from './anonymous-turns';
export { type CardSubmit, MENU_ACTIONS, type MenuActionName, parseCardSubmit } from './card-actions';
export { parseCaseCode } from './case-code';
export { DatabaseFollowUpStore } from './follow-up-store';
export { FollowUpService, type MessageBinding, messageTextSchema, publishedReply, type SignalMessage } from './follow-up';
export { envelopeBinding, EnvelopeSealing } from './mixing/envelope-sealing';
export { type EvaluationEnvelope } from './mixing/envelope';
export { DatabaseMixStore, putEnvelope } from './mixing/mix-store';
export { Mixer, type PublishedEvaluation, type SealedEnvelope } from './mixing/mixer';
export { SignalAnswerDeliverer } from './signal-answer-deliverer';
export { SignalCardTokens } from './signal-card-tokens';
export { placesCard, storyCard, talkStartCard } from './signal-cards';
export { CODE_LOOKUP_LIMIT, SignalFlow, signalLimit } from './signal-flow';
export { DatabaseSignalRetention } from './signal-retention';
export { KeyRingSignalSealing, messageBinding, relationBinding, reporterNameBinding, signalBinding } from './signal-sealing';
export { MAX_DESCRIPTION_LENGTH, signalRecord, SignalService, type SignalSummary, wantsAnswer } from './signal-service';
export { DatabaseSignalStore } from './signal-store';
export { signalStrings, type SignalStrings } from './strings';
