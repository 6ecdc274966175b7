import { useMemo, useState } from 'react';
import { Button, Checkbox, Label, Link, makeStyles, Spinner, Switch, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, tokens, useId } from '@fluentui/react-components';
import type { CsvHeldInput, CsvImportResponse, CsvRowResult } from '../../web/routes/tab/wire';
import type { Api } from '../api';
import { newKey } from '../config';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '32rem' },
  file: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  result: { marginTop: tokens.spacingVerticalL },
  held: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, marginTop: tokens.spacingVerticalM, maxWidth: '48rem' }
});

function base64(bytes: ArrayBuffer): string {
  let binary = '';
  const view = new Uint8Array(bytes);
  for (let i = 0; i < view.length; i += 0x8000) binary += String.fromCharCode(...view.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * CSV upload (name, email, phone, role): every skipped or failed row comes back with its number and
 * reason. Rows that are possibly people the company has are held: listed with "Create anyway", none
 * ticked; the ticked ones are created by a second request, which the server checks again.
 */
export function CsvImportPanel(props: { api: Api; companyId: string; onDone(result: CsvImportResponse): void }) {
  const styles = useStyles();
  const [file, setFile] = useState<File>();
  const [invite, setInvite] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<CsvImportResponse>();
  const [failure, setFailure] = useState<string>();
  const [createAnyway, setCreateAnyway] = useState<ReadonlySet<number>>(new Set());
  // One key per chosen file: uploading the same choice twice creates nobody twice.
  const key = useMemo(newKey, [file]);
  const fileId = useId('csv-file');

  function answered(answer: CsvImportResponse) {
    setResult(answer);
    setCreateAnyway(new Set());
    props.onDone(answer);
  }

  async function createHeld() {
    if (!result?.summary || createAnyway.size === 0) return;
    setBusy(true);
    setFailure(undefined);
    try {
      answered(
        await props.api.act<CsvImportResponse>(`/api/tab/companies/${encodeURIComponent(props.companyId)}/imports/csv/held`, {
          reportToken: result.summary.reportToken,
          rows: [...createAnyway],
          key: newKey()
        } satisfies CsvHeldInput)
      );
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  }

  async function upload() {
    if (!file) return;
    setBusy(true);
    setFailure(undefined);
    try {
      const answer = await props.api.act<CsvImportResponse>(`/api/tab/companies/${encodeURIComponent(props.companyId)}/imports/csv`, {
        fileName: file.name,
        contentBase64: base64(await file.arrayBuffer()),
        invite,
        key
      });
      answered(answer);
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  }

  const rows: (CsvRowResult & { outcome: string })[] = result?.summary
    ? [
        ...result.summary.skipped.map((r) => ({ ...r, outcome: 'Skipped' })),
        ...result.summary.failed.map((r) => ({ ...r, outcome: 'Failed' })),
        ...result.summary.notInvited.map((r) => ({ ...r, outcome: 'Not invited' }))
      ].sort((a, b) => a.rowNumber - b.rowNumber)
    : [];
  return (
    <section aria-label="Import from CSV">
      <div className={styles.form}>
        <Text>
          Columns: name, email, phone, role. <Link href="/templates/portal-users.csv">Download the template</Link>.
        </Text>
        <div className={styles.file}>
          <Label htmlFor={fileId}>CSV file (up to 700 KB)</Label>
          <input id={fileId} type="file" accept=".csv,text/csv" onChange={(event) => setFile(event.target.files?.[0])} />
        </div>
        <Switch checked={invite} onChange={(_, d) => setInvite(d.checked)} label="Send invitations to the people created" />
        <Button appearance="primary" disabled={!file || busy} onClick={() => void upload()}>
          Import
        </Button>
        {busy && <Spinner size="small" label="Importing…" />}
        {failure && <Text role="alert">{failure}</Text>}
      </div>
      {result && (
        <div className={styles.result} role="status">
          <Text block weight="semibold">
            {result.message}
          </Text>
          {result.summary && (
            <Link href={result.summary.reportUrl} target="_blank">
              Full report (CSV)
            </Link>
          )}
          {result.summary && result.summary.heldCount > 0 && (
            <section className={styles.held} aria-label="Possible matches held">
              <Text block weight="semibold">
                Possible matches held ({result.summary.heldCount}): not created
              </Text>
              <Text block>These rows look like people the company already has (or an earlier row of the file). Tick those who are someone else, then create them.</Text>
              {result.summary.held.map((row) => (
                <Checkbox
                  key={row.rowNumber}
                  checked={createAnyway.has(row.rowNumber)}
                  onChange={(_, d) => {
                    const next = new Set(createAnyway);
                    if (d.checked) next.add(row.rowNumber);
                    else next.delete(row.rowNumber);
                    setCreateAnyway(next);
                  }}
                  label={`Row ${row.rowNumber}: ${row.name ?? ''} (${row.email ?? ''}). ${row.reason}`}
                />
              ))}
              {result.summary.heldCount > result.summary.held.length && (
                <Text block>{heldMoreText(result.summary.heldCount - result.summary.held.length)}</Text>
              )}
              <Button appearance="primary" disabled={busy || createAnyway.size === 0} onClick={() => void createHeld()}>
                Create the ticked people
              </Button>
            </section>
          )}
          {rows.length > 0 && (
            <Table aria-label="Rows not imported" size="small">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>Row</TableHeaderCell>
                  <TableHeaderCell>Outcome</TableHeaderCell>
                  <TableHeaderCell>Email</TableHeaderCell>
                  <TableHeaderCell>Reason</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {rows.map((row) => (
                  <TableRow key={`${row.outcome}-${row.rowNumber}`}>
                    <TableCell>{row.rowNumber}</TableCell>
                    <TableCell>{row.outcome}</TableCell>
                    <TableCell>{row.email ?? ''}</TableCell>
                    <TableCell>{row.reason}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </div>
      )}
    </section>
  );
}

/** The held rows not listed (as the bot's result card says it). */
function heldMoreText(more: number): string {
  return `${more} more ${more === 1 ? 'possible match is' : 'possible matches are'} held but not listed here: see the full report, and send those rows again in a smaller file to choose.`;
}
