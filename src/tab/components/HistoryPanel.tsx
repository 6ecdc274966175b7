import { useEffect, useState } from 'react';
import { Button, Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { HistoryResponse } from '../../web/routes/tab/wire';
import type { Api } from '../api';
import { when } from '../labels';

const useStyles = makeStyles({
  wide: { '@media (max-width: 640px)': { display: 'none' } },
  refused: { color: tokens.colorPaletteRedForeground1 },
  more: { marginTop: tokens.spacingVerticalM }
});

/** The company's history (its audit trail), newest first; older entries a page at a time. */
export function HistoryPanel(props: { api: Api; companyId: string }) {
  const styles = useStyles();
  const [entries, setEntries] = useState<HistoryResponse['entries']>([]);
  const [next, setNext] = useState<string>();
  const [token, setToken] = useState<string>();
  const [loading, setLoading] = useState(true);
  const [failure, setFailure] = useState<string>();

  useEffect(() => {
    setLoading(true);
    const params = token ? `?continuationToken=${encodeURIComponent(token)}` : '';
    props.api
      .get<HistoryResponse>(`/api/tab/companies/${encodeURIComponent(props.companyId)}/history${params}`)
      .then((page) => {
        setEntries((shown) => (token ? [...shown, ...page.entries] : page.entries));
        setNext(page.continuationToken);
      })
      .catch((error: unknown) => setFailure(error instanceof Error ? error.message : String(error)))
      .finally(() => setLoading(false));
  }, [props.api, props.companyId, token]);

  return (
    <section aria-label="History">
      {failure && <Text role="alert">{failure}</Text>}
      {entries.length > 0 && (
        <Table aria-label="History, newest first" size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>When</TableHeaderCell>
              <TableHeaderCell className={styles.wide}>Who</TableHeaderCell>
              <TableHeaderCell>What</TableHeaderCell>
              <TableHeaderCell className={styles.wide}>Details</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {entries.map((entry, index) => (
              <TableRow key={`${entry.at}-${index}`}>
                <TableCell>{when(entry.at)}</TableCell>
                <TableCell className={styles.wide}>{entry.who}</TableCell>
                <TableCell>
                  {entry.actionLabel}: {entry.target}
                  {entry.result !== 'done' && <Text className={styles.refused}> ({entry.result})</Text>}
                </TableCell>
                <TableCell className={styles.wide}>{entry.detail ?? ''}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {!loading && !failure && entries.length === 0 && <Text>Nothing has happened yet.</Text>}
      {loading && <Spinner size="small" label="Loading history…" />}
      {next && !loading && (
        <Button className={styles.more} onClick={() => setToken(next)}>
          Older entries
        </Button>
      )}
    </section>
  );
}
