import { useState } from 'react';
import type { ApiError } from './api';
import { useInFlight } from './InFlight';
import { fill, type TabStrings } from './strings';

/**
 * The actions of a list a page keeps (counsellors, network coordinators, material): a change is said once the list
 * shows it (`reload`, called after the change); a refused form keeps what was typed and says at each field what is
 * wrong. A button stays busy until then, so a double click sends one request.
 */
export function useKeptList(t: TabStrings, reload: () => Promise<unknown>) {
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string>();
  const { run, busy } = useInFlight();
  const act = (key: string, work: () => Promise<unknown>, done: string) =>
    run(key, key, () => {
      setProblems({});
      return work().then(
        async () => {
          await reload();
          setNotice(done);
        },
        (e: ApiError) => {
          setProblems(Object.fromEntries(e.fields.map((f) => [f.path.split('.')[0]!, f.reason])));
          setNotice(e.fields.length > 0 ? t.kaart.fixFields : fill(t.error, { message: e.message }));
        },
      );
    });
  return { act, run, busy, problems, setProblems, notice, setNotice };
}
