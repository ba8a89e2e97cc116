import type { Referral } from '../../shared/api/kaart';
import { format, type Locale } from '../../platform/i18n/locale';
import { type KaartStrings } from './strings';

const callLink = (phone: string, t: KaartStrings) => ({ title: format(t.place.call, { phone }), url: `tel:${phone.replace(/[^0-9+]/g, '')}` });
const linkActions = (links: Array<{ title: string; url: string }>) => ({ type: 'ActionSet', actions: links.map((l) => ({ type: 'Action.OpenUrl', title: l.title, url: l.url })) });

/** One place of the sociale kaart as a card Container: who, what, when, how confidential, and how to reach them. */
export function placeElement(place: Referral, t: KaartStrings, locale: Locale): Record<string, unknown> {
  const links: Array<{ title: string; url: string }> = [];
  const { phone, mail, teamsChat, site } = place.contact;
  if (phone) links.push(callLink(phone, t));
  if (teamsChat) links.push({ title: t.place.chat, url: `https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(teamsChat)}` });
  if (mail) links.push({ title: t.place.mail, url: `mailto:${mail}` });
  if (site) links.push({ title: t.place.site, url: site });
  return {
    type: 'Container',
    separator: true,
    spacing: 'Medium',
    items: [
      { type: 'TextBlock', text: place.name[locale], weight: 'Bolder', wrap: true },
      { type: 'TextBlock', text: place.description[locale], wrap: true, spacing: 'Small' },
      {
        type: 'FactSet',
        facts: [
          ...(phone ? [{ title: t.place.phone, value: phone }] : []),
          { title: t.place.hours, value: place.hours[locale] },
          { title: t.place.confidentiality, value: place.confidentiality[locale] },
        ],
      },
      linkActions(links),
    ],
  };
}

/**
 * A place on the emergency card: its name, its number and one line (when it answers), nothing that could
 * make someone in danger hesitate to call. A place without a number keeps its site.
 */
export function dangerPlaceElement(place: Referral, t: KaartStrings, locale: Locale): Record<string, unknown> {
  const { phone, site } = place.contact;
  return {
    type: 'Container',
    separator: true,
    spacing: 'Medium',
    items: [
      { type: 'TextBlock', text: phone ? `${place.name[locale]}: ${phone}` : place.name[locale], weight: 'Bolder', wrap: true },
      { type: 'TextBlock', text: place.hours[locale], wrap: true, spacing: 'None' },
      linkActions(phone ? [callLink(phone, t)] : site ? [{ title: t.place.site, url: site }] : []),
    ],
  };
}
