import { useCallback, useEffect, useMemo, useState } from 'react';
import { Button, Field, Link, makeStyles, SearchBox, Select, Spinner, Switch, Text, tokens, useAnnounce } from '@fluentui/react-components';
import type { EntraImportInput, EntraImportResponse, LinkChoicesResponse, WireImportPage, WireImportRow, WireJob } from '../../web/routes/tab/wire';
import type { Api } from '../api';
import { newKey } from '../config';
import { ImportRows, type RowDecision } from './ImportRows';
import { ImportLinkDialog } from './ImportLinkDialog';

const useStyles = makeStyles({
  bar: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'end', margin: `${tokens.spacingVerticalM} 0` },
  muted: { color: tokens.colorNeutralForeground3 },
  error: { color: tokens.colorPaletteRedForeground1 }
});

const SKIPPED = (skipped: Record<string, number>) => Object.values(skipped).reduce((a, b) => a + b, 0);

/**
 * An import page: the import engine's page (services/imports/view.ts) as the tab shows it, here the
 * company's own Microsoft Entra ID a page at a time with each person's link status, picks that survive
 * paging and search, an email for people without one, one role for everyone, invite now or later.
 * Small imports finish at once; large ones are followed until done.
 */
export function ImportPanel(props: { api: Api; companyId: string; onDone(message: string): void }) {
  const { api, companyId, onDone } = props;
  const styles = useStyles();
  const [page, setPage] = useState<WireImportPage>();
  const [notice, setNotice] = useState<string>();
  const [picks, setPicks] = useState<Record<string, boolean>>({});
  const [emails, setEmails] = useState<Record<string, string>>({});
  const [choices, setChoices] = useState<{ role?: string; invite: boolean; allUnlinked: boolean; useSignInNames: boolean }>({ invite: false, allUnlinked: false, useSignInNames: false });
  const [search, setSearch] = useState('');
  const [job, setJob] = useState<WireJob>();
  const [busy, setBusy] = useState(true);
  const [session, setSession] = useState(0);
  /** The row whose "Link to…" dialog is open, with the page's inputs as they were when it opened. */
  const [linking, setLinking] = useState<{ row: WireImportRow; path: string; inputs: EntraImportInput }>();
  const key = useMemo(newKey, [page?.sessionId]);
  const base = `/api/tab/companies/${encodeURIComponent(companyId)}`;
  const { announce } = useAnnounce();

  const take = useCallback((answer: EntraImportResponse) => {
    if (answer.kind === 'page' && answer.page) {
      const shown = answer.page;
      setPage(shown);
      setPicks(Object.fromEntries(shown.rows.map((row) => [row.id, row.picked])));
      setEmails(Object.fromEntries(shown.rows.filter((row) => row.needsEmail).map((row) => [row.id, row.emailValue])));
      setChoices({ role: shown.role, invite: shown.invite ?? false, allUnlinked: shown.allUnlinked, useSignInNames: shown.useSignInNames });
      setNotice(undefined);
    } else if (answer.kind === 'job' && answer.job) {
      setJob(answer.job);
    } else {
      setNotice(answer.message ?? 'The import is not possible now.');
    }
  }, []);

  useEffect(() => {
    setBusy(true);
    setJob(undefined);
    api
      .post<EntraImportResponse>(`${base}/entra-import`, {})
      .then(take, (error: unknown) => setNotice(error instanceof Error ? error.message : String(error)))
      .finally(() => setBusy(false));
  }, [api, base, take, session]);

  // A background import: follow it until it ends.
  useEffect(() => {
    if (!job || job.inline || job.state === 'done' || job.state === 'failed') return;
    const timer = setTimeout(() => {
      api.get<WireJob>(`${base}/jobs/${encodeURIComponent(job.id)}`).then(setJob, () => undefined);
    }, 2000);
    return () => clearTimeout(timer);
  }, [api, base, job]);
  useEffect(() => {
    if (job && (job.state === 'done' || job.state === 'failed')) onDone(job.message ?? `Import ${job.state === 'done' ? 'finished' : 'stopped'}: ${job.progress.created} created, ${job.progress.linked} linked.`);
  }, [job, onDone]);

  function inputs(move: EntraImportInput['move']): EntraImportInput {
    const rows = page?.rows ?? [];
    return { move, rowIds: rows.map((r) => r.id), autoPicked: rows.filter((r) => r.autoPicked).map((r) => r.id), picks, emails, ...choices, search };
  }

  async function send(path: string, body: EntraImportInput) {
    setBusy(true);
    try {
      // A refusal of the page's content (422) carries its message, shown above the page.
      take(await api.post<EntraImportResponse>(path, body));
    } catch (error) {
      setNotice(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  }

  const rowPath = (rowId: string) => `${base}/entra-import/${encodeURIComponent(page?.sessionId ?? '')}/rows/${encodeURIComponent(rowId)}`;

  /**
   * A row's decision, sent with the page's ticks and typed emails (kept, whatever the answer). The page
   * comes back with the row's new status, which is announced; a refusal is answered with its reason.
   */
  async function decide(row: WireImportRow, decision: RowDecision, body = inputs('stay')): Promise<string | undefined> {
    setBusy(true);
    try {
      const answer = await api.post<EntraImportResponse>(rowPath(row.id), { ...body, ...decision });
      if (answer.kind === 'refused') return answer.message ?? 'That is not possible now.';
      take(answer);
      const now = answer.page?.rows.find((r) => r.id === row.id);
      if (now) announce(`${row.name}: ${now.statusText}`, { polite: true });
      return undefined;
    } finally {
      setBusy(false);
    }
  }

  function decideOnRow(row: WireImportRow, decision: RowDecision) {
    decide(row, decision).then(
      (refused) => refused && setNotice(refused),
      (error: unknown) => setNotice(error instanceof Error ? error.message : String(error))
    );
  }

  // Stable while the dialog is open: its searches send the page's inputs as they were when it opened.
  const loadChoices = useCallback((text: string) => api.post<LinkChoicesResponse>(`${linking?.path}/link-choices`, { ...linking?.inputs, search: text }), [api, linking]);

  if (job) {
    const p = job.progress;
    return (
      <section aria-label="Import from Microsoft Entra ID" role="status">
        <Text block weight="semibold">
          {job.state === 'done' ? 'Import finished' : job.state === 'failed' ? 'Import stopped' : `Importing… ${p.done}${p.total ? ` of ${p.total}` : ''}`}
        </Text>
        <Text block>{`${p.created} created, ${p.linked} linked, ${p.updated} updated, ${p.unchanged} unchanged, ${p.invited} invited, ${SKIPPED(p.skipped)} skipped, ${p.failed} failed.`}</Text>
        {job.message && <Text block>{job.message}</Text>}
        {job.reportUrl && (
          <Link href={job.reportUrl} target="_blank">
            Every person and reason (CSV)
          </Link>
        )}{' '}
        {(job.state === 'done' || job.state === 'failed') && <Button onClick={() => setSession((n) => n + 1)}>Import more people</Button>}
        {job.state !== 'done' && job.state !== 'failed' && <Spinner size="tiny" />}
      </section>
    );
  }

  return (
    <section aria-label="Import from Microsoft Entra ID">
      {notice && (
        <Text block role="alert" className={styles.error}>
          {notice}
        </Text>
      )}
      {page && (
        <>
          <div className={styles.bar}>
            <SearchBox value={search} onChange={(_, d) => setSearch(d.value)} aria-label="Search the directory by name or email" placeholder="Search the directory" />
            <Button onClick={() => void send(`${base}/entra-import/${page.sessionId}`, inputs('search'))}>Search</Button>
            <Text className={styles.muted}>{page.total !== undefined ? `${page.total} people in ${page.companyName}'s directory` : ''}</Text>
          </div>
          <ImportRows
            page={page}
            picks={picks}
            emails={emails}
            busy={busy}
            onPick={(rowId, on) => setPicks({ ...picks, [rowId]: on })}
            onEmail={(rowId, value) => setEmails({ ...emails, [rowId]: value })}
            onDecide={decideOnRow}
            onLinkTo={(row) => setLinking({ row, path: rowPath(row.id), inputs: inputs('stay') })}
          />
          <div className={styles.bar}>
            {page.hasPrevious && <Button onClick={() => void send(`${base}/entra-import/${page.sessionId}`, inputs('previous'))}>Previous page</Button>}
            {page.hasNext && <Button onClick={() => void send(`${base}/entra-import/${page.sessionId}`, inputs('next'))}>Next page</Button>}
          </div>
          <div className={styles.bar}>
            <Switch checked={choices.allUnlinked} onChange={(_, d) => setChoices({ ...choices, allUnlinked: d.checked })} label="Select every member not linked yet" />
            <Switch
              checked={choices.useSignInNames}
              onChange={(_, d) => setChoices({ ...choices, useSignInNames: d.checked })}
              label="People without a mailbox: use their sign-in name as their email"
            />
            <Field label="Role for everyone imported">
              <Select value={choices.role ?? ''} onChange={(_, d) => setChoices({ ...choices, role: d.value })}>
                {page.roles.map((role) => (
                  <option key={role.value} value={role.value}>
                    {role.title}
                  </option>
                ))}
              </Select>
            </Field>
            <Switch checked={choices.invite} onChange={(_, d) => setChoices({ ...choices, invite: d.checked })} label="Send invitations now" />
            <Button appearance="primary" disabled={busy} onClick={() => void send(`${base}/entra-import/${page.sessionId}/start`, { ...inputs('stay'), key })}>
              Import
            </Button>
          </div>
        </>
      )}
      {busy && <Spinner size="small" label="Reading the directory…" />}
      {linking && (
        <ImportLinkDialog
          row={linking.row}
          load={loadChoices}
          link={async (userId) => {
            const refused = await decide(linking.row, { resolve: 'link', userId }, linking.inputs);
            if (refused === undefined) setLinking(undefined);
            return refused;
          }}
          onClose={() => setLinking(undefined)}
        />
      )}
    </section>
  );
}
