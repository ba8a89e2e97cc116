import { Button, Checkbox, Field, Input, Select, Text, Title3 } from '@fluentui/react-components';
import { useCallback, useEffect, useRef, useState } from 'react';
import { type Api, ApiError } from './api';
import { BusyButton, useInFlight } from './InFlight';
import { CounsellorsSection } from './CounsellorsSection';
import { Options } from './Options';
import { useSharedStyles } from './styles';
import { Notice, TableSection } from './TableSection';
import type { Referral, RoutingRule } from '../../bot/src/shared/api/kaart';
import type { ReferralRole, Urgency } from '../../bot/src/shared/signal-vocabulary';
import { fill, labelOf, organisationName, type TabLocale, type TabStrings } from './strings';

type Place = Referral;
type Rule = RoutingRule;

const EMPTY: Omit<Place, 'id'> = {
  organisation: 'rijk',
  role: 'vertrouwenspersoon-ongewenst-gedrag',
  name: { nl: '', en: '' },
  description: { nl: '', en: '' },
  contact: {},
  hours: { nl: '', en: '' },
  confidentiality: { nl: '', en: '' },
  languages: ['nl'],
};

/** Only filled contact fields leave the form: the service refuses an empty e-mail address, not a missing one. */
const withoutEmpty = (place: Omit<Place, 'id'>) => ({
  ...place,
  contact: Object.fromEntries(Object.entries(place.contact).filter(([, v]) => typeof v === 'string' && v.trim() !== '')),
});

/** What the service said was wrong, by the path of the field in the body sent ("contact.phone"). */
type Problems = Readonly<Record<string, string>>;

/**
 * Where each path the service may name shows in a form (the path itself, or a field that stands for it); a
 * problem with a path the form has no field for is said in the notice instead.
 */
const PLACE_FIELDS: Readonly<Record<string, string>> = {
  ...Object.fromEntries(
    ['organisation', 'role', 'languages', 'contact.phone', 'contact.mail', 'contact.teamsChat', 'contact.site'].concat(
      (['name', 'description', 'hours', 'confidentiality'] as const).flatMap((f) => [`${f}.nl`, `${f}.en`]),
    ).map((p) => [p, p]),
  ),
  // No way to reach the place at all: said at the first way there is.
  contact: 'contact.phone',
};
const RULE_FIELDS: Readonly<Record<string, string>> = { roles: 'roles', urgency: 'urgency' };

/** The problems placed at the form's fields, and the reasons of the rest, for the notice. */
function place(fields: Readonly<Record<string, string>>, problems: ApiError['fields']): { atFields: Problems; elsewhere: string[] } {
  const atFields: Record<string, string> = {};
  const elsewhere: string[] = [];
  for (const { path, reason } of problems) {
    const at = fields[path];
    if (at && !(at in atFields)) atFields[at] = reason;
    else elsewhere.push(reason);
  }
  return { atFields, elsewhere };
}

/** Sociale kaart (coordinator): the places people are sent to, and which places each topic and wish names. */
export function KaartPage({ api, t, locale }: { api: Api; t: TabStrings; locale: TabLocale }) {
  const s = t.kaart;
  const [places, setPlaces] = useState<Place[]>();
  const [rules, setRules] = useState<Rule[]>([]);
  const [problem, setProblem] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [editing, setEditing] = useState<{ id?: string; place: Omit<Place, 'id'> }>();
  const [rule, setRule] = useState<Rule>();
  // Teams blocks window.confirm in tabs, so removing asks a second click on the same row.
  const [removing, setRemoving] = useState<string>();
  const [problems, setProblems] = useState<Problems>({});
  const { run, busy } = useInFlight();
  const shared = useSharedStyles();

  const load = useCallback(
    () =>
      Promise.all([api.get<{ referrals: Place[] }>('/api/referrals'), api.get<{ rules: Rule[] }>('/api/routing-rules')]).then(
        ([p, r]) => {
          setPlaces(p.referrals);
          setRules(r.rules);
        },
        (e: ApiError) => setProblem(e.status === 403 ? s.notCoordinator : fill(t.error, { message: e.message })),
      ),
    [api, s, t],
  );
  useEffect(() => void load(), [load]);

  // The message comes once the lists show the change; the button stays busy until then. A refused form keeps
  // what was typed and says, at each wrong field, what is wrong.
  const act = (key: string, work: () => Promise<unknown>, done: string, after?: () => void, fields: Readonly<Record<string, string>> = {}) =>
    run(key, key, () => {
      // The reasons of an earlier try go; the service says again what is still wrong (and focus goes there again).
      setProblems({});
      return work().then(
        async () => {
          after?.();
          await load();
          setNotice(done);
        },
        (e: ApiError) => {
          const { atFields, elsewhere } = place(fields, e.fields);
          setProblems(atFields);
          setNotice(e.fields.length > 0 ? [s.fixFields, ...elsewhere].join(' ') : fill(t.error, { message: e.message }));
        },
      );
    });
  /** Opens a form; problems said for the one before do not belong to it. */
  const edit = <T,>(open: (v: T) => void) => (v: T) => {
    setProblems({});
    open(v);
  };

  if (problem) return <Text block as="p">{problem}</Text>;
  if (!places) return <Text block as="p">{t.loading}</Text>;
  const role = (r: string) => labelOf(s.roles, r);

  return (
    <>
      <Notice text={notice} />
      <Button appearance="primary" style={{ alignSelf: 'flex-start' }} onClick={() => edit(setEditing)({ place: EMPTY })}>
        {s.add}
      </Button>
      {editing && (
        // Keyed by place: the form holds its own copy, which must start over when another place (or a new one) is chosen.
        <PlaceForm
          key={editing.id ?? ''}
          t={t}
          initial={editing.place}
          isNew={!editing.id}
          busy={busy('place') !== undefined}
          problems={problems}
          onEdited={(path) => setProblems(({ [path]: _gone, ...rest }) => rest)}
          onCancel={() => edit(setEditing)(undefined)}
          onSave={(entry) =>
            act(
              'place',
              () => (editing.id ? api.send('PUT', `/api/referrals/${editing.id}`, { id: editing.id, ...withoutEmpty(entry) }) : api.send('POST', '/api/referrals', withoutEmpty(entry))),
              s.saved,
              () => setEditing(undefined),
              PLACE_FIELDS,
            )
          }
        />
      )}
      <TableSection
        id="places-heading"
        heading={s.places}
        emptyText={s.noPlaces}
        headers={[s.name, s.organisation, s.role, s.contact, s.actions]}
        rows={places.map((p) => ({
          key: p.id,
          cells: [
            <span className={shared.typed}>{p.name[locale]}</span>,
            organisationName(t, p.organisation),
            role(p.role),
            // Long addresses break anywhere rather than run under the buttons beside them.
            <span style={{ overflowWrap: 'anywhere' }}>{[p.contact.phone, p.contact.mail, p.contact.teamsChat, p.contact.site].filter(Boolean).join(' · ')}</span>,
            <span style={{ display: 'flex', gap: 8 }}>
              <Button size="small" aria-label={fill(s.editLabel, { name: p.name[locale] })} onClick={() => edit(setEditing)({ id: p.id, place: p })}>
                {s.edit}
              </Button>
              {removing === p.id ? (
                <BusyButton
                  size="small"
                  appearance="primary"
                  aria-label={fill(s.removeConfirm, { name: p.name[locale] })}
                  busy={busy(`remove:${p.id}`) !== undefined}
                  busyText={t.busy}
                  onClick={() => act(`remove:${p.id}`, () => api.send('DELETE', `/api/referrals/${p.id}`), s.removed, () => setRemoving(undefined))}
                >
                  {s.removeSure}
                </BusyButton>
              ) : (
                // A BusyButton too: the same component in the same place stays the same element, and keeps focus.
                <BusyButton size="small" appearance="subtle" aria-label={fill(s.removeLabel, { name: p.name[locale] })} busy={false} busyText={t.busy} onClick={() => setRemoving(p.id)}>
                  {s.remove}
                </BusyButton>
              )}
            </span>,
          ],
        }))}
      />
      {rule && (
        // Keyed by rule, for the same reason as the place form.
        <RuleForm
          key={`${rule.category}|${rule.wish}`}
          t={t}
          rule={rule}
          busy={busy('rule') !== undefined}
          problems={problems}
          onCancel={() => edit(setRule)(undefined)}
          onSave={(changed) => act('rule', () => api.send('PUT', '/api/routing-rules', changed), s.saved, () => setRule(undefined), RULE_FIELDS)}
        />
      )}
      <TableSection
        id="rules-heading"
        heading={s.rules}
        headers={[s.topic, s.wish, s.namedPlaces, s.urgency, s.actions]}
        rows={rules.map((r) => {
          const [topic, wish] = ruleLabels(t, r);
          return {
            key: `${r.category}|${r.wish}`,
            cells: [
              topic,
              wish,
              r.roles.map(role).join(' → '),
              labelOf(t.signals.urgencies, r.urgency),
              <Button size="small" aria-label={fill(s.editLabel, { name: `${topic}, ${wish}` })} onClick={() => edit(setRule)(r)}>
                {s.edit}
              </Button>,
            ],
          };
        })}
      />
      <CounsellorsSection api={api} t={t} />
    </>
  );
}

/**
 * Moves focus to the first field the service refused, once its reason shows, so a keyboard or screen reader user
 * lands on it (Fluent's Field marks it aria-invalid and describes it with the reason).
 */
function useFocusFirstProblem(problems: Problems) {
  const form = useRef<HTMLFormElement>(null);
  const before = useRef<Problems>({});
  useEffect(() => {
    // Only for a new answer of the service, not when a reason goes because its field was changed.
    const arrived = Object.keys(problems).some((path) => !(path in before.current));
    before.current = problems;
    if (arrived) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [problems]);
  return form;
}

function PlaceForm(props: {
  t: TabStrings;
  initial: Omit<Place, 'id'>;
  isNew: boolean;
  busy: boolean;
  problems: Problems;
  onEdited: (path: string) => void;
  onSave: (p: Omit<Place, 'id'>) => void;
  onCancel: () => void;
}) {
  const { t, isNew, busy, problems, onEdited, onSave, onCancel } = props;
  const s = t.kaart;
  const [place, setPlace] = useState(props.initial);
  const form = useFocusFirstProblem(problems);
  /** A change to a field: its reason no longer applies. */
  const change = (path: string, next: Omit<Place, 'id'>) => {
    setPlace(next);
    if (path in problems) onEdited(path);
  };
  const text = (field: 'name' | 'description' | 'hours' | 'confidentiality', lang: 'nl' | 'en') => (
    <Field label={`${s.fields[field]} (${lang === 'nl' ? 'Nederlands' : 'English'})`} required validationMessage={problems[`${field}.${lang}`]}>
      <Input value={place[field][lang]} maxLength={500} onChange={(_, d) => change(`${field}.${lang}`, { ...place, [field]: { ...place[field], [lang]: d.value } })} />
    </Field>
  );
  const contact = (field: keyof Place['contact'], type: 'tel' | 'email' | 'url') => (
    <Field label={s.fields[field]} validationMessage={problems[`contact.${field}`]}>
      <Input type={type} value={place.contact[field] ?? ''} maxLength={200} onChange={(_, d) => change(`contact.${field}`, { ...place, contact: { ...place.contact, [field]: d.value } })} />
    </Field>
  );
  return (
    <section aria-labelledby="place-form-heading">
      <Title3 as="h3" id="place-form-heading">
        {isNew ? s.addHeading : s.editHeading}
      </Title3>
      <form
        ref={form}
        // The service checks the fields and says what is wrong in the user's language, beside each field; the
        // browser's own checks would stop the form first, in the browser's language, and only at one field.
        noValidate
        style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(16rem, 100%), 1fr))', gap: 12 }}
        onSubmit={(e) => {
          e.preventDefault();
          onSave(place);
        }}
      >
        <Field label={s.organisation} validationMessage={problems.organisation}>
          <Select value={place.organisation} onChange={(_, d) => change('organisation', { ...place, organisation: d.value })}>
            <Options labels={{ rijk: s.rijk, ...t.organisations }} />
          </Select>
        </Field>
        <Field label={s.role} validationMessage={problems.role}>
          {/* The options are the keys of the roles' labels (shared/labels/roles.ts): a chosen value is a role. */}
          <Select value={place.role} onChange={(_, d) => change('role', { ...place, role: d.value as ReferralRole })}>
            <Options labels={s.roles} />
          </Select>
        </Field>
        {text('name', 'nl')}
        {text('name', 'en')}
        {text('description', 'nl')}
        {text('description', 'en')}
        {text('hours', 'nl')}
        {text('hours', 'en')}
        {text('confidentiality', 'nl')}
        {text('confidentiality', 'en')}
        {contact('phone', 'tel')}
        {contact('mail', 'email')}
        {contact('teamsChat', 'email')}
        {contact('site', 'url')}
        <fieldset style={{ border: 'none', padding: 0, margin: 0 }} aria-describedby={problems.languages ? 'place-languages-problem' : undefined}>
          <legend>{s.fields.languages}</legend>
          {(['nl', 'en'] as const).map((lang) => (
            <Checkbox
              key={lang}
              label={lang === 'nl' ? 'Nederlands' : 'English'}
              checked={place.languages.includes(lang)}
              onChange={(_, d) => change('languages', { ...place, languages: d.checked ? [...new Set([...place.languages, lang])] : place.languages.filter((l) => l !== lang) })}
            />
          ))}
          {problems.languages && (
            <Text block id="place-languages-problem">
              {problems.languages}
            </Text>
          )}
        </fieldset>
        <div style={{ display: 'flex', gap: 8, alignItems: 'end' }}>
          <BusyButton type="submit" appearance="primary" busy={busy} busyText={t.busy}>
            {s.save}
          </BusyButton>
          <Button onClick={onCancel}>{s.cancel}</Button>
        </div>
      </form>
    </section>
  );
}

/** A routing rule's topic and wish as people read them ("any wish" for the rule of every wish). */
function ruleLabels(t: TabStrings, rule: Rule): [topic: string, wish: string] {
  return [labelOf(t.topics, rule.category), rule.wish === '*' ? t.kaart.anyWish : labelOf(t.signals.wishes, rule.wish)];
}

function RuleForm(props: { t: TabStrings; rule: Rule; busy: boolean; problems: Problems; onSave: (r: Rule) => void; onCancel: () => void }) {
  const { t, busy, problems, onSave, onCancel } = props;
  const form = useFocusFirstProblem(problems);
  const s = t.kaart;
  const shared = useSharedStyles();
  const [roles, setRoles] = useState<Array<ReferralRole | ''>>([props.rule.roles[0] ?? '', props.rule.roles[1] ?? '', props.rule.roles[2] ?? '']);
  const [urgency, setUrgency] = useState(props.rule.urgency);
  const heading = ruleLabels(t, props.rule).join(', ');
  return (
    <section aria-labelledby="rule-form-heading">
      <Title3 as="h3" id="rule-form-heading">
        {fill(s.ruleHeading, { rule: heading })}
      </Title3>
      <form
        ref={form}
        style={{ display: 'flex', gap: 12, alignItems: 'end', flexWrap: 'wrap' }}
        onSubmit={(e) => {
          e.preventDefault();
          onSave({ ...props.rule, roles: [...new Set(roles.filter((r): r is ReferralRole => r !== ''))], urgency });
        }}
      >
        {roles.map((value, i) => (
          // A rule that names no place at all: said at the first place.
          <Field key={i} label={fill(s.placeN, { n: i + 1 })} validationMessage={i === 0 ? problems.roles : undefined} className={shared.field}>
            <Select value={value} onChange={(_, d) => setRoles(roles.map((r, j) => (j === i ? (d.value as ReferralRole | '') : r)))}>
              <option value="">{s.none}</option>
              <Options labels={s.roles} />
            </Select>
          </Field>
        ))}
        <Field label={s.urgency} validationMessage={problems.urgency} className={shared.field}>
          <Select value={urgency} onChange={(_, d) => setUrgency(d.value as Urgency)}>
            <Options labels={t.signals.urgencies} />
          </Select>
        </Field>
        <BusyButton type="submit" appearance="primary" busy={busy} busyText={t.busy}>
          {s.save}
        </BusyButton>
        <Button onClick={onCancel}>{s.cancel}</Button>
      </form>
    </section>
  );
}
