import { Card, Field, Input, Link, Select, Text, Title3 } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { Api } from './api';
import { Options } from './Options';
import { useSharedStyles } from './styles';
import type { Referral } from '../../bot/src/shared/api/kaart';
import type { MyWorkshopParticipants } from '../../bot/src/shared/workshop-views';
import { SendPlace } from './SendPlace';
import { fill, type TabLocale, type TabStrings } from './strings';

/** Doorverwijzen: the sociale kaart, searchable by words, topic and organisation, with ways to reach each place now. */
export function ReferralsPage({ api, t, locale }: { api: Api; t: TabStrings; locale: TabLocale }) {
  const [q, setQ] = useState('');
  const [topic, setTopic] = useState('');
  const [organisation, setOrganisation] = useState('');
  const [found, setFound] = useState<Referral[]>();
  const [problem, setProblem] = useState<string>();
  const [myWorkshops, setMyWorkshops] = useState<MyWorkshopParticipants[]>([]);
  const s = t.referrals;
  const shared = useSharedStyles();

  // Facilitators may send a place to a participant of their workshops; for anyone else this is refused and nothing shows.
  useEffect(() => {
    api.get<{ workshops: MyWorkshopParticipants[] }>('/api/planning/participants').then(
      (r) => setMyWorkshops(r.workshops.filter((w) => w.participants.length > 0)),
      () => setMyWorkshops([]),
    );
  }, [api]);

  useEffect(() => {
    const query = new URLSearchParams({ ...(q.trim() ? { q: q.trim() } : {}), ...(topic ? { topic } : {}), ...(organisation ? { organisation } : {}) });
    // A slower answer to an earlier query must not replace the answer to this one.
    let superseded = false;
    const timer = setTimeout(() => {
      api.get<{ referrals: Referral[] }>(`/api/referrals?${query}`).then(
        (r) => {
          if (superseded) return;
          setFound(r.referrals);
          setProblem(undefined);
        },
        (e: Error) => {
          if (superseded) return;
          // The earlier places and their count would read as this query's answer.
          setFound(undefined);
          setProblem(fill(t.error, { message: e.message }));
        },
      );
    }, 200);
    return () => {
      superseded = true;
      clearTimeout(timer);
    };
  }, [api, q, topic, organisation, t]);

  return (
    <>
      <form role="search" aria-label={s.search} style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }} onSubmit={(e) => e.preventDefault()}>
        <Field label={s.search} className={shared.field}>
          <Input type="search" value={q} maxLength={100} onChange={(_, d) => setQ(d.value)} />
        </Field>
        <Field label={s.topic} className={shared.field}>
          <Select value={topic} onChange={(_, d) => setTopic(d.value)}>
            <option value="">{s.any}</option>
            <Options labels={t.topics} />
          </Select>
        </Field>
        <Field label={s.organisation} className={shared.field}>
          <Select value={organisation} onChange={(_, d) => setOrganisation(d.value)}>
            <option value="">{s.any}</option>
            <Options labels={t.organisations} />
          </Select>
        </Field>
      </form>
      {problem && <Text block as="p">{problem}</Text>}
      {found && (
        <Text block as="p" aria-live="polite">
          {found.length === 0 ? s.none : fill(found.length === 1 ? s.result : s.results, { count: found.length })}
        </Text>
      )}
      {/* One column, as wide as the page and no wider: a long link on a card wraps instead of widening it. */}
      <ul style={{ listStyle: 'none', padding: 0, display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gap: 12 }}>
        {(found ?? []).map((r) => (
          <li key={r.id}>
            {/* Everything on the card but the labels was typed by a coordinator. */}
            <Card className={shared.typed}>
              <Title3 as="h3">{r.name[locale]}</Title3>
              <Text block as="p">{r.description[locale]}</Text>
              <Text block as="p">
                <strong>{s.hours}:</strong> {r.hours[locale]}
              </Text>
              <Text block as="p">
                <strong>{s.confidentiality}:</strong> {r.confidentiality[locale]}
              </Text>
              <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
                {r.contact.phone && <Link href={`tel:${r.contact.phone.replace(/\s/g, '')}`}>{fill(s.call, { phone: r.contact.phone })}</Link>}
                {r.contact.teamsChat && (
                  <Link href={`https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(r.contact.teamsChat)}`} target="_blank">
                    {s.chat}
                  </Link>
                )}
                {r.contact.mail && <Link href={`mailto:${r.contact.mail}`}>{s.mail}</Link>}
                {r.contact.site && (
                  <Link href={r.contact.site} target="_blank">
                    {s.site}
                  </Link>
                )}
              </div>
              {myWorkshops.length > 0 && <SendPlace api={api} t={t} locale={locale} placeId={r.id} placeName={r.name[locale]} workshops={myWorkshops} />}
            </Card>
          </li>
        ))}
      </ul>
    </>
  );
}
