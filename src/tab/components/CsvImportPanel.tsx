import { useMemo, useState } from 'react';
import { Button, Label, Link, makeStyles, Spinner, Switch, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, tokens, useId } from '@fluentui/react-components';
import type { CsvImportResponse, CsvRowResult } from '../../web/routes/tab/wire';
import type { Api } from '../api';
import { newKey } from '../config';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '32rem' },
  file: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  result: { marginTop: tokens.spacingVerticalL }
});

function base64(bytes: ArrayBuffer): string {
  let binary = '';
  const view = new Uint8Array(bytes);
  for (let i = 0; i < view.length; i += 0x8000) binary += String.fromCharCode(...view.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** CSV upload (name, email, phone, role): every skipped or failed row comes back with its number and reason. */
export function CsvImportPanel(props: { api: Api; companyId: string; onDone(result: CsvImportResponse): void }) {
  const styles = useStyles();
  const [file, setFile] = useState<File>();
  const [invite, setInvite] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<CsvImportResponse>();
  const [failure, setFailure] = useState<string>();
  // One key per chosen file: uploading the same choice twice creates nobody twice.
  const key = useMemo(newKey, [file]);
  const fileId = useId('csv-file');

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
      setResult(answer);
      props.onDone(answer);
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
