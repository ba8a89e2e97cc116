import { Button, Field, Input, Select, Text, Title3 } from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import type { NetworkCoordinator } from '../../bot/src/shared/api/network';
import type { Api } from './api';
import { BusyButton } from './InFlight';
import { useKeptList } from './kept-list';
import { RemoveTwice } from './RemoveTwice';
import { Options } from './Options';
import { useSharedStyles } from './styles';
import { Notice, TableSection } from './TableSection';
import { fill, labelOf, type TabStrings } from './strings';

const EMPTY: NetworkCoordinator = { aadObjectId: '', displayName: '', organisation: 'bzk' };

/**
 * Who coordinates which network (coordinator): the person sees Cijfers netwerk of that organisation with its parts,
 * once the tenant's admins gave them the app role NetworkCoordinator too. Every change is recorded.
 */
export function NetworkCoordinatorsSection({ api, t }: { api: Api; t: TabStrings }) {
  const s = t.networkCoordinators;
  const [list, setList] = useState<NetworkCoordinator[]>();
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<string>();
  // `load` is read when an action ends, after it is defined below.
  const { act, busy, problems, setProblems, notice, setNotice } = useKeptList(t, () => load());
  const shared = useSharedStyles();

  const load = useCallback(
    () =>
      api
        .get<{ networkCoordinators: NetworkCoordinator[] }>('/api/network-coordinators')
        .then((r) => setList(r.networkCoordinators), (e: Error) => setNotice(fill(t.error, { message: e.message }))),
    [api, t],
  );
  useEffect(() => void load(), [load]);

  const keyOf = (c: NetworkCoordinator) => `${c.aadObjectId}:${c.organisation}`;

  if (!list) return <Text block as="p">{t.loading}</Text>;
  return (
    <section aria-labelledby="network-coordinators-heading">
      <Title3 as="h3" id="network-coordinators-heading">
        {s.heading}
      </Title3>
      <Text block as="p">{s.intro}</Text>
      <Notice text={notice} />
      {adding ? (
        <NetworkCoordinatorForm
          t={t}
          problems={problems}
          busy={busy('save') !== undefined}
          onSave={(c) =>
            act(
              'save',
              () => api.send('PUT', `/api/network-coordinators/${encodeURIComponent(c.aadObjectId)}`, c).then(() => setAdding(false)),
              fill(s.saved, { name: c.displayName, organisation: labelOf(t.organisations, c.organisation) }),
            )
          }
          onCancel={() => setAdding(false)}
        />
      ) : (
        <Button
          appearance="primary"
          style={{ alignSelf: 'flex-start' }}
          onClick={() => {
            setProblems({});
            setAdding(true);
          }}
        >
          {s.add}
        </Button>
      )}
      <TableSection
        id="network-coordinator-list"
        heading={s.listHeading}
        emptyText={s.none}
        headers={[s.name, s.organisation, s.actions]}
        rows={list.map((c) => ({
          key: keyOf(c),
          cells: [
            c.displayName,
            labelOf(t.organisations, c.organisation),
            <RemoveTwice
              key="remove"
              armed={removing === keyOf(c)}
              words={s}
              label={(armed) => fill(armed ? s.removeConfirmLabel : s.removeLabel, { name: c.displayName })}
              busy={busy(`remove:${keyOf(c)}`) !== undefined}
              busyText={t.busy}
              onArm={() => setRemoving(keyOf(c))}
              onRemove={() =>
                act(
                  `remove:${keyOf(c)}`,
                  () => api.send('DELETE', `/api/network-coordinators/${encodeURIComponent(c.aadObjectId)}?organisation=${c.organisation}`),
                  fill(s.removed, { name: c.displayName }),
                )
              }
            />,
          ],
        }))}
      />
      <Text block as="p" className={shared.field}>
        {t.counsellors.audited}
      </Text>
    </section>
  );
}

function NetworkCoordinatorForm(props: { t: TabStrings; problems: Record<string, string>; busy: boolean; onSave: (c: NetworkCoordinator) => unknown; onCancel: () => void }) {
  const { t, problems, busy, onSave, onCancel } = props;
  const s = t.networkCoordinators;
  const [c, setC] = useState(EMPTY);
  const shared = useSharedStyles();
  return (
    <form
      aria-labelledby="network-coordinator-form-heading"
      onSubmit={(e) => {
        e.preventDefault();
        onSave({ ...c, displayName: c.displayName.trim(), aadObjectId: c.aadObjectId.trim() });
      }}
    >
      <Title3 as="h4" id="network-coordinator-form-heading">
        {s.addHeading}
      </Title3>
      <Field label={t.counsellors.aadObjectId} hint={t.counsellors.aadObjectIdHint} required validationMessage={problems.aadObjectId} className={shared.field}>
        <Input value={c.aadObjectId} onChange={(_, d) => setC({ ...c, aadObjectId: d.value })} />
      </Field>
      <Field label={s.name} required validationMessage={problems.displayName} className={shared.field}>
        <Input value={c.displayName} onChange={(_, d) => setC({ ...c, displayName: d.value })} />
      </Field>
      <Field label={s.organisation} hint={s.organisationHint} required validationMessage={problems.organisation} className={shared.field}>
        <Select value={c.organisation} onChange={(_, d) => setC({ ...c, organisation: d.value })}>
          <Options labels={t.organisations} />
        </Select>
      </Field>
      <div style={{ display: 'flex', gap: 8, marginTop: 8 }}>
        <BusyButton type="submit" appearance="primary" busy={busy} busyText={t.busy}>
          {t.counsellors.save}
        </BusyButton>
        <Button onClick={onCancel}>{t.counsellors.cancel}</Button>
      </div>
    </form>
  );
}
