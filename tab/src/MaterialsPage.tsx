import { Button, Field, Input, Link, Select, Text, Title3 } from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import { MATERIAL_KINDS, type Material, type MaterialInput } from '../../bot/src/shared/api/materials';
import type { ApiError } from './api';
import { BusyButton } from './InFlight';
import { useKeptList } from './kept-list';
import { RemoveTwice } from './RemoveTwice';
import { Options } from './Options';
import type { PageProps } from './pages';
import { useSharedStyles } from './styles';
import { Notice, TableSection } from './TableSection';
import { fill, labelOf, type TabStrings } from './strings';

const EMPTY: MaterialInput = { title: '', kind: 'handout', url: '', durationMinutes: null, language: 'nl', audience: 'gemengd' };

/**
 * Materiaal (coordinator): the library of films, exercises and handouts that facilitators choose for a workshop.
 * A refused form keeps what was typed and says at each field what is wrong; removing asks a second click.
 */
export function MaterialsPage({ api, t }: PageProps) {
  const s = t.materials;
  const [list, setList] = useState<Material[]>();
  const [problem, setProblem] = useState<string>();
  const [editing, setEditing] = useState<Material | 'new'>();
  const [removing, setRemoving] = useState<string>();
  // `load` is read when an action ends, after it is defined below.
  const { act, busy, problems, setProblems, notice, setNotice } = useKeptList(t, () => load());
  const shared = useSharedStyles();

  const load = useCallback(
    () =>
      api.get<{ materials: Material[] }>('/api/materials').then(
        (r) => setList(r.materials),
        (e: ApiError) => setProblem(e.status === 403 ? s.notCoordinator : fill(t.error, { message: e.message })),
      ),
    [api, s, t],
  );
  useEffect(() => void load(), [load]);


  if (problem) return <Text block as="p">{problem}</Text>;
  if (!list) return <Text block as="p">{t.loading}</Text>;
  return (
    <>
      <Text block as="p">{s.intro}</Text>
      <Notice text={notice} />
      {editing ? (
        <MaterialForm
          key={editing === 'new' ? 'new' : editing.id}
          t={t}
          initial={editing === 'new' ? EMPTY : editing}
          heading={editing === 'new' ? s.addHeading : s.editHeading}
          problems={problems}
          busy={busy('save') !== undefined}
          onSave={(m) =>
            act(
              'save',
              () => (editing === 'new' ? api.send('POST', '/api/materials', m) : api.send('PUT', `/api/materials/${editing.id}`, m)).then(() => setEditing(undefined)),
              fill(s.saved, { title: m.title }),
            )
          }
          onCancel={() => setEditing(undefined)}
        />
      ) : (
        <Button
          appearance="primary"
          style={{ alignSelf: 'flex-start' }}
          onClick={() => {
            setProblems({});
            setEditing('new');
          }}
        >
          {s.add}
        </Button>
      )}
      <TableSection
        id="material-list"
        heading={s.listHeading}
        emptyText={s.none}
        headers={[s.title, s.kind, s.language, s.audience, s.actions]}
        rows={list.map((m) => ({
          key: m.id,
          cells: [
            <span className={shared.typed}>
              {m.title}
              {m.durationMinutes !== null ? ` (${fill(s.minutes, { minutes: m.durationMinutes })})` : ''}
            </span>,
            labelOf(s.kinds, m.kind),
            labelOf(s.languages, m.language),
            labelOf(s.audiences, m.audience),
            <span key="actions" style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
              <Link href={m.url} target="_blank" rel="noreferrer" aria-label={fill(s.openLabel, { title: m.title })}>
                {s.open}
              </Link>
              <Button
                size="small"
                aria-label={fill(s.editLabel, { title: m.title })}
                onClick={() => {
                  setProblems({});
                  setEditing(m);
                }}
              >
                {s.edit}
              </Button>
              <RemoveTwice
                armed={removing === m.id}
                words={s}
                label={(armed) => fill(armed ? s.removeConfirmLabel : s.removeLabel, { title: m.title })}
                busy={busy(`remove:${m.id}`) !== undefined}
                busyText={t.busy}
                onArm={() => setRemoving(m.id)}
                onRemove={() => act(`remove:${m.id}`, () => api.send('DELETE', `/api/materials/${m.id}`), fill(s.removed, { title: m.title }))}
              />
            </span>,
          ],
        }))}
      />
    </>
  );
}

function MaterialForm(props: {
  t: TabStrings;
  initial: MaterialInput;
  heading: string;
  problems: Record<string, string>;
  busy: boolean;
  onSave: (m: MaterialInput) => unknown;
  onCancel: () => void;
}) {
  const { t, initial, heading, problems, busy, onSave, onCancel } = props;
  const s = t.materials;
  const [m, setM] = useState<MaterialInput>({ title: initial.title, kind: initial.kind, url: initial.url, durationMinutes: initial.durationMinutes, language: initial.language, audience: initial.audience });
  const [minutes, setMinutes] = useState(initial.durationMinutes === null ? '' : String(initial.durationMinutes));
  const shared = useSharedStyles();
  return (
    <form
      aria-labelledby="material-form-heading"
      onSubmit={(e) => {
        e.preventDefault();
        // An empty length is none; anything else goes as typed, and the service says what is wrong with it.
        onSave({ ...m, title: m.title.trim(), url: m.url.trim(), durationMinutes: minutes.trim() === '' ? null : Number(minutes) });
      }}
    >
      <Title3 as="h3" id="material-form-heading">
        {heading}
      </Title3>
      <Field label={s.title} required validationMessage={problems.title} className={shared.field}>
        <Input value={m.title} maxLength={120} onChange={(_, d) => setM({ ...m, title: d.value })} />
      </Field>
      <Field label={s.kind} required validationMessage={problems.kind} className={shared.field}>
        <Select value={m.kind} onChange={(_, d) => setM({ ...m, kind: d.value as MaterialInput['kind'] })}>
          {MATERIAL_KINDS.map((k) => (
            <option key={k} value={k}>
              {s.kinds[k]}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={s.url} hint={s.urlHint} required validationMessage={problems.url} className={shared.field}>
        <Input type="url" value={m.url} maxLength={500} onChange={(_, d) => setM({ ...m, url: d.value })} />
      </Field>
      <Field label={s.duration} validationMessage={problems.durationMinutes} className={shared.field}>
        <Input type="number" min={1} max={600} value={minutes} onChange={(_, d) => setMinutes(d.value)} />
      </Field>
      <Field label={s.language} required validationMessage={problems.language} className={shared.field}>
        <Select value={m.language} onChange={(_, d) => setM({ ...m, language: d.value as MaterialInput['language'] })}>
          <Options labels={s.languages} />
        </Select>
      </Field>
      <Field label={s.audience} required validationMessage={problems.audience} className={shared.field}>
        <Select value={m.audience} onChange={(_, d) => setM({ ...m, audience: d.value as MaterialInput['audience'] })}>
          <Options labels={s.audiences} />
        </Select>
      </Field>
      <div style={{ display: 'flex', gap: 8, marginTop: 8 }}>
        <BusyButton type="submit" appearance="primary" busy={busy} busyText={t.busy}>
          {s.save}
        </BusyButton>
        <Button onClick={onCancel}>{s.cancel}</Button>
      </div>
    </form>
  );
}
