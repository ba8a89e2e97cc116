import { Button, Checkbox, Field, Input, Select, Text, Title3 } from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import type { Counsellor, UnstaffedInbox } from '../../bot/src/shared/api/counsellors';
import { ORGANISATION_ROLES } from '../../bot/src/shared/signal-vocabulary';
import type { Api } from './api';
import { BusyButton } from './InFlight';
import { useKeptList } from './kept-list';
import { RemoveTwice } from './RemoveTwice';
import { Options } from './Options';
import { useSharedStyles } from './styles';
import { Notice, TableSection } from './TableSection';
import { fill, labelOf, type TabStrings } from './strings';

type Role = Counsellor['roles'][number];
const EMPTY: Counsellor = { aadObjectId: '', displayName: '', organisation: 'bzk', roles: [] };

/**
 * Who reads which inbox (coordinator): the counsellors and their desks, kept here instead of in seed files, and the
 * inboxes where signals wait that nobody reads any more (someone left), to hand on to a staffed desk. The coordinator
 * never sees a signal here: only that some wait.
 */
export function CounsellorsSection({ api, t }: { api: Api; t: TabStrings }) {
  const s = t.counsellors;
  const [list, setList] = useState<{ counsellors: Counsellor[]; unstaffed: UnstaffedInbox[] }>();
  const [editing, setEditing] = useState<Counsellor>();
  const [removing, setRemoving] = useState<string>();
  // `load` is read when an action ends, after it is defined below.
  const { act, run, busy, problems, setProblems, notice, setNotice } = useKeptList(t, () => load());
  const shared = useSharedStyles();

  const load = useCallback(
    () =>
      api
        .get<{ counsellors: Counsellor[]; unstaffed: UnstaffedInbox[] }>('/api/counsellors')
        .then(setList, (e: Error) => setNotice(fill(t.error, { message: e.message }))),
    [api, t],
  );
  useEffect(() => void load(), [load]);

  const role = (r: string) => labelOf(t.kaart.roles, r);
  const organisation = (o: string) => labelOf(t.organisations, o);
  const keyOf = (c: Counsellor) => `${c.aadObjectId}:${c.organisation}`;

  if (!list)
    return (
      <Text block as="p">
        {t.loading}
      </Text>
    );
  const staffedIn = (org: string) => [...new Set(list.counsellors.filter((c) => c.organisation === org).flatMap((c) => c.roles))];

  return (
    <section aria-labelledby="counsellors-heading">
      <Title3 as="h3" id="counsellors-heading">
        {s.heading}
      </Title3>
      <Text block as="p">
        {s.intro}
      </Text>
      <Notice text={notice} />
      {list.unstaffed.map((inbox) => (
        <HandOn
          key={`${inbox.organisation}:${inbox.role}`}
          t={t}
          inbox={inbox}
          targets={staffedIn(inbox.organisation)}
          role={role}
          organisation={organisation}
          busy={busy(`hand-on:${inbox.organisation}:${inbox.role}`) !== undefined}
          onHandOn={(to) =>
            run(`hand-on:${inbox.organisation}:${inbox.role}`, 'hand-on', () =>
              api.send<{ handedOn: boolean }>('POST', '/api/inboxes/hand-on', { organisation: inbox.organisation, from: inbox.role, to }).then(
                async () => {
                  await load();
                  setNotice(fill(s.handedOn, { place: role(to) }));
                },
                (e: Error) => setNotice(fill(t.error, { message: e.message })),
              ),
            )
          }
        />
      ))}
      <Button
        appearance="primary"
        style={{ alignSelf: 'flex-start' }}
        onClick={() => {
          setProblems({});
          setEditing(EMPTY);
        }}
      >
        {s.add}
      </Button>
      {editing && (
        <CounsellorForm
          key={keyOf(editing)}
          t={t}
          initial={editing}
          problems={problems}
          busy={busy('save') !== undefined}
          onSave={(c) =>
            act(
              'save',
              () => api.send('PUT', `/api/counsellors/${encodeURIComponent(c.aadObjectId)}`, c).then(() => setEditing(undefined)),
              fill(s.saved, { name: c.displayName }),
            )
          }
          onCancel={() => setEditing(undefined)}
        />
      )}
      <TableSection
        id="counsellor-list-heading"
        heading={s.listHeading}
        emptyText={s.none}
        headers={[s.name, s.organisation, s.desks, s.actions]}
        rows={list.counsellors.map((c) => ({
          key: keyOf(c),
          cells: [
            c.displayName,
            organisation(c.organisation),
            c.roles.map(role).join(', '),
            <div key="actions" style={{ display: 'flex', gap: 8 }}>
              <Button
                size="small"
                aria-label={fill(s.editLabel, { name: c.displayName })}
                onClick={() => {
                  setProblems({});
                  setEditing(c);
                }}
              >
                {s.edit}
              </Button>
              <RemoveTwice
                armed={removing === keyOf(c)}
                words={s}
                label={(armed) => fill(armed ? s.removeConfirmLabel : s.removeLabel, { name: c.displayName })}
                busy={busy(`remove:${keyOf(c)}`) !== undefined}
                busyText={t.busy}
                onArm={() => setRemoving(keyOf(c))}
                onRemove={() =>
                  act(
                    `remove:${keyOf(c)}`,
                    () => api.send('DELETE', `/api/counsellors/${encodeURIComponent(c.aadObjectId)}?organisation=${c.organisation}`),
                    fill(s.removed, { name: c.displayName }),
                  )
                }
              />
            </div>,
          ],
        }))}
      />
      <Text block as="p" className={shared.field}>
        {s.audited}
      </Text>
    </section>
  );
}

function CounsellorForm(props: {
  t: TabStrings;
  initial: Counsellor;
  problems: Record<string, string>;
  busy: boolean;
  onSave: (c: Counsellor) => unknown;
  onCancel: () => void;
}) {
  const { t, initial, problems, busy, onSave, onCancel } = props;
  const s = t.counsellors;
  const [c, setC] = useState(initial);
  const shared = useSharedStyles();
  const toggle = (r: Role, on: boolean) => setC({ ...c, roles: on ? [...c.roles, r] : c.roles.filter((x) => x !== r) });
  return (
    <form
      aria-labelledby="counsellor-form-heading"
      onSubmit={(e) => {
        e.preventDefault();
        onSave({ ...c, displayName: c.displayName.trim(), aadObjectId: c.aadObjectId.trim() });
      }}
    >
      <Title3 as="h4" id="counsellor-form-heading">
        {initial.aadObjectId ? fill(s.editHeading, { name: initial.displayName }) : s.addHeading}
      </Title3>
      <Field label={s.aadObjectId} hint={s.aadObjectIdHint} required validationMessage={problems.aadObjectId} className={shared.field}>
        <Input value={c.aadObjectId} disabled={initial.aadObjectId !== ''} onChange={(_, d) => setC({ ...c, aadObjectId: d.value })} />
      </Field>
      <Field label={s.name} required validationMessage={problems.displayName} className={shared.field}>
        <Input value={c.displayName} onChange={(_, d) => setC({ ...c, displayName: d.value })} />
      </Field>
      <Field label={s.organisation} required validationMessage={problems.organisation} className={shared.field}>
        <Select value={c.organisation} disabled={initial.aadObjectId !== ''} onChange={(_, d) => setC({ ...c, organisation: d.value })}>
          <Options labels={t.organisations} />
        </Select>
      </Field>
      <fieldset className={shared.field}>
        <legend>{s.desks}</legend>
        {ORGANISATION_ROLES.map((r) => (
          <Checkbox key={r} label={labelOf(t.kaart.roles, r)} checked={c.roles.includes(r)} onChange={(_, d) => toggle(r, d.checked === true)} />
        ))}
        {problems.roles && (
          <Text block role="alert">
            {problems.roles}
          </Text>
        )}
      </fieldset>
      <div style={{ display: 'flex', gap: 8, marginTop: 8 }}>
        <BusyButton type="submit" appearance="primary" busy={busy} busyText={t.busy}>
          {s.save}
        </BusyButton>
        <Button onClick={onCancel}>{s.cancel}</Button>
      </div>
    </form>
  );
}

/** One inbox nobody reads any more: its waiting signals go to a staffed desk of the same organisation, each reporter told. */
function HandOn(props: {
  t: TabStrings;
  inbox: UnstaffedInbox;
  targets: Role[];
  role: (r: string) => string;
  organisation: (o: string) => string;
  busy: boolean;
  onHandOn: (to: Role) => unknown;
}) {
  const { t, inbox, targets, role, organisation, busy, onHandOn } = props;
  const s = t.counsellors;
  const [to, setTo] = useState<Role | ''>('');
  const shared = useSharedStyles();
  const id = `hand-on-${inbox.organisation}-${inbox.role}`;
  return (
    <div role="group" aria-labelledby={id} style={{ marginBottom: 12 }}>
      <Text block as="p" id={id}>
        <strong>{fill(s.unstaffed, { place: role(inbox.role), organisation: organisation(inbox.organisation) })}</strong>
      </Text>
      {targets.length === 0 ? (
        <Text block as="p">
          {s.noTarget}
        </Text>
      ) : (
        <div style={{ display: 'flex', gap: 8, alignItems: 'end', flexWrap: 'wrap' }}>
          <Field label={s.handOnTo} className={shared.field}>
            {/* The options are desks of this organisation someone staffs: a chosen value is one of them. */}
            <Select value={to} onChange={(_, d) => setTo(d.value as Role | '')}>
              <option value="" disabled>
                {s.choose}
              </option>
              {targets.map((r) => (
                <option key={r} value={r}>
                  {role(r)}
                </option>
              ))}
            </Select>
          </Field>
          <BusyButton disabled={to === ''} busy={busy} busyText={t.busy} onClick={() => to !== '' && onHandOn(to)}>
            {s.handOn}
          </BusyButton>
        </div>
      )}
    </div>
  );
}
