import { useEffect, useState } from 'react';
import { Dropdown, Field, Option, Spinner, Text } from '@fluentui/react-components';
import type { CompaniesResponse } from '../../web/routes/tab/wire';
import type { Api } from '../api';

/** MSP staff (the MSP app's tab): the client company to work on. */
export function CompanyPicker(props: { api: Api; value?: string; onChange(companyId: string): void }) {
  const [companies, setCompanies] = useState<CompaniesResponse['items']>();
  const [failure, setFailure] = useState<string>();
  useEffect(() => {
    props.api
      .get<CompaniesResponse>('/api/tab/companies')
      .then((page) => setCompanies(page.items.filter((c) => c.can.users)))
      .catch((error: unknown) => setFailure(error instanceof Error ? error.message : String(error)));
  }, [props.api]);
  if (failure) return <Text role="alert">{failure}</Text>;
  if (!companies) return <Spinner size="small" label="Loading companies…" />;
  const selected = companies.find((c) => c.id === props.value);
  return (
    <Field label="Company">
      <Dropdown placeholder="Choose a company" value={selected?.name ?? ''} selectedOptions={props.value ? [props.value] : []} onOptionSelect={(_, d) => d.optionValue && props.onChange(d.optionValue)}>
        {companies.map((c) => (
          <Option key={c.id} value={c.id} text={c.name}>
            {`${c.name} (${c.portalUsers} with access)`}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}
