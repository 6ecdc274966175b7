import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  Button,
  Checkbox,
  Field,
  Input,
  Link,
  makeStyles,
  SearchBox,
  Select,
  Spinner,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens
} from '@fluentui/react-components';
import type { EntraImportInput, EntraImportResponse, WireImportPage, WireJob } from '../../web/routes/tab/wire';
import type { Api } from '../api';
import { newKey } from '../config';

const NARROW = '@media (max-width: 640px)';
const useStyles = makeStyles({
  bar: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'end', margin: `${tokens.spacingVerticalM} 0` },
  wide: { [NARROW]: { display: 'none' } },
  muted: { color: tokens.colorNeutralForeground3 },
  wrap: { overflowWrap: 'anywhere' },
  error: { color: tokens.colorPaletteRedForeground1 },
  pickColumn: { width: '4.5rem' },
  emailColumn: { width: '30%' }
});

const SKIPPED = (skipped: Record<string, number>) => Object.values(skipped).reduce((a, b) => a + b, 0);

/**
 * Import from the company's own Microsoft Entra ID: the directory a page at a time with each person's
 * link status, picks that survive paging and search, an email for people without one, one role for
 * everyone, invite now or later. Small imports finish at once; large ones are followed until done.
 */
export function EntraImportPanel(props: { api: Api; companyId: string; onDone(message: string): void }) {
  const { api, companyId, onDone } = props;
  const styles = useStyles();
  const [page, setPage] = useState<WireImportPage>();
  const [notice, setNotice] = useState<string>();
  const [picks, setPicks] = useState<Record<string, boolean>>({});
  const [emails, setEmails] = useState<Record<string, string>>({});
  const [choices, setChoices] = useState<{ role?: string; invite: boolean; allUnlinked: boolean }>({ invite: false, allUnlinked: false });
  const [search, setSearch] = useState('');
  const [job, setJob] = useState<WireJob>();
  const [busy, setBusy] = useState(true);
  const [session, setSession] = useState(0);
  const key = useMemo(newKey, [page?.sessionId]);
  const base = `/api/tab/companies/${encodeURIComponent(companyId)}`;

  const take = useCallback((answer: EntraImportResponse) => {
    if (answer.kind === 'page' && answer.page) {
      const shown = answer.page;
      setPage(shown);
      setPicks(Object.fromEntries(shown.rows.map((row) => [row.id, row.picked])));
      setEmails(Object.fromEntries(shown.rows.filter((row) => row.needsEmail).map((row) => [row.id, row.emailValue])));
      setChoices({ role: shown.role, invite: shown.invite, allUnlinked: shown.allUnlinked });
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
          <Table aria-label={`People in ${page.companyName}'s Microsoft Entra ID`} size="small">
            <TableHeader>
              <TableRow>
                <TableHeaderCell className={styles.pickColumn}>Import</TableHeaderCell>
                <TableHeaderCell>Name</TableHeaderCell>
                <TableHeaderCell className={`${styles.wide} ${styles.emailColumn}`}>Email</TableHeaderCell>
                <TableHeaderCell className={styles.wide}>Job title</TableHeaderCell>
                <TableHeaderCell>Status</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {page.rows.map((row) => (
                <TableRow key={row.id}>
                  <TableCell>
                    <Checkbox aria-label={`Import ${row.name}`} checked={picks[row.id] ?? false} disabled={!row.pickable || row.status === 'linked'} onChange={(_, d) => setPicks({ ...picks, [row.id]: d.checked === true })} />
                  </TableCell>
                  <TableCell>{row.name}</TableCell>
                  <TableCell className={`${styles.wide} ${styles.wrap}`}>
                    {row.needsEmail ? (
                      <Field validationMessage={row.emailError} validationState={row.emailError ? 'error' : 'none'}>
                        <Input aria-label={`Email for ${row.name}`} value={emails[row.id] ?? ''} onChange={(_, d) => setEmails({ ...emails, [row.id]: d.value })} />
                      </Field>
                    ) : (
                      row.email
                    )}
                  </TableCell>
                  <TableCell className={styles.wide}>{row.jobTitle ?? ''}</TableCell>
                  <TableCell>
                    {row.statusText}
                    {row.marks.length > 0 && <Text className={styles.muted}>{` · ${row.marks.join(', ')}`}</Text>}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <div className={styles.bar}>
            {page.hasPrevious && <Button onClick={() => void send(`${base}/entra-import/${page.sessionId}`, inputs('previous'))}>Previous page</Button>}
            {page.hasNext && <Button onClick={() => void send(`${base}/entra-import/${page.sessionId}`, inputs('next'))}>Next page</Button>}
          </div>
          <div className={styles.bar}>
            <Switch checked={choices.allUnlinked} onChange={(_, d) => setChoices({ ...choices, allUnlinked: d.checked })} label="Select every member not linked yet" />
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
    </section>
  );
}
