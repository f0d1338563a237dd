import { z } from 'zod';
import type { FieldError } from '../common/domain-errors';
import { LANGUAGES, NOTIFICATION_MODES } from './resident.entity';
import type { CreateResidentInput } from './residents.service';

/** The import file's columns, in the order of the template. */
export const RESIDENT_CSV_COLUMNS = [
  'technopark',
  'name',
  'region',
  'legal_id',
  'headcount',
  'capabilities',
  'certifications',
  'emails',
  'language',
  'notification_mode',
] as const;
export type ResidentCsvColumn = (typeof RESIDENT_CSV_COLUMNS)[number];
const OPTIONAL_COLUMNS: readonly ResidentCsvColumn[] = ['certifications', 'language', 'notification_mode'];

/** One problem of the file, where a spreadsheet user finds it: 1-based line, column name. */
export interface CsvProblem {
  line: number;
  column: string;
  message: string;
}

/** One record of the file: the line it starts on and its fields. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/**
 * RFC 4180 records: comma or semicolon separated (whichever the header uses), double-quoted fields
 * with `""` escapes and line breaks inside quotes; blank lines are skipped.
 */
export function parseCsv(text: string): { records: CsvRecord[]; problems: CsvProblem[] } {
  const source = text.replace(/^\uFEFF/, '');
  const firstLine = source.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = firstLine.includes(',') || !firstLine.includes(';') ? ',' : ';';
  const records: CsvRecord[] = [];
  const problems: CsvProblem[] = [];
  let line = 1;
  let index = 0;
  while (index < source.length) {
    const start = line;
    const fields: string[] = [];
    let field = '';
    let quoted = false;
    let ended = false;
    while (index < source.length && !ended) {
      const character = source[index];
      if (quoted) {
        if (character === '"' && source[index + 1] === '"') {
          field += '"';
          index += 2;
          continue;
        }
        if (character === '"') {
          quoted = false;
        } else {
          if (character === '\n') {
            line += 1;
          }
          field += character;
        }
        index += 1;
        continue;
      }
      if (character === '"' && field === '') {
        quoted = true;
      } else if (character === delimiter) {
        fields.push(field);
        field = '';
      } else if (character === '\n' || character === '\r') {
        if (character === '\r' && source[index + 1] === '\n') {
          index += 1;
        }
        line += 1;
        ended = true;
      } else {
        field += character;
      }
      index += 1;
    }
    if (quoted) {
      problems.push({ line: start, column: '', message: 'a quoted field is not closed' });
    }
    fields.push(field);
    if (fields.length > 1 || fields[0].trim() !== '') {
      records.push({ line: start, fields });
    }
  }
  return { records, problems };
}

const list = (value: string) =>
  value
    .split(';')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);

/** The same bounds as the REST API's resident schema, per column. */
const COLUMN_SCHEMAS: Partial<Record<ResidentCsvColumn, z.ZodType>> = {
  name: z.string().trim().min(1).max(300),
  region: z
    .string()
    .trim()
    .regex(/^[A-Z]{2}-[A-Z0-9]{1,3}$/, { error: 'must be an ISO 3166-2 region code' }),
  legal_id: z.string().trim().min(1).max(20),
  headcount: z.coerce.number().int().min(1).max(1_000_000),
  capabilities: z
    .string()
    .transform(list)
    .pipe(z.array(z.string().max(64)).min(1).max(100)),
  certifications: z
    .string()
    .transform(list)
    .pipe(z.array(z.string().max(100)).max(50)),
  emails: z
    .string()
    .transform(list)
    .pipe(z.array(z.email().max(320)).min(1).max(10)),
  language: z.union([z.literal(''), z.enum(LANGUAGES)]),
  notification_mode: z.union([z.literal(''), z.enum(NOTIFICATION_MODES)]),
};

/** One data row of the file, and the resident it would create when it has no problems. */
export interface ResidentCsvRow {
  line: number;
  values: Record<ResidentCsvColumn, string>;
  input: CreateResidentInput | null;
  problems: CsvProblem[];
}

/**
 * Reads the file's rows into create inputs. `technoparkIdOf` resolves the technopark column (a name
 * or an id) among the technoparks the importer may use; the domain rules run later, in the service.
 */
export function readResidentRows(
  text: string,
  technoparkIdOf: (nameOrId: string) => string | null,
): { rows: ResidentCsvRow[]; problems: CsvProblem[] } {
  const { records, problems } = parseCsv(text);
  const [header, ...data] = records;
  if (!header) {
    return { rows: [], problems: [...problems, { line: 1, column: '', message: 'the file is empty' }] };
  }
  const names = header.fields.map((name) => name.trim().toLowerCase());
  for (const column of RESIDENT_CSV_COLUMNS) {
    if (!names.includes(column) && !OPTIONAL_COLUMNS.includes(column)) {
      problems.push({ line: header.line, column, message: 'this column is missing from the header' });
    }
  }
  for (const name of names) {
    if (!(RESIDENT_CSV_COLUMNS as readonly string[]).includes(name)) {
      problems.push({ line: header.line, column: name, message: 'unknown column' });
    }
  }
  if (problems.length > 0) {
    return { rows: [], problems };
  }
  const rows = data.map((record) => {
    const values = Object.fromEntries(
      RESIDENT_CSV_COLUMNS.map((column) => {
        const position = names.indexOf(column);
        return [column, position >= 0 ? (record.fields[position] ?? '').trim() : ''];
      }),
    ) as Record<ResidentCsvColumn, string>;
    const rowProblems: CsvProblem[] = [];
    if (record.fields.length !== names.length) {
      rowProblems.push({
        line: record.line,
        column: '',
        message: `expected ${names.length} fields, found ${record.fields.length}`,
      });
    }
    const parsed: Partial<Record<ResidentCsvColumn, unknown>> = {};
    for (const [column, schema] of Object.entries(COLUMN_SCHEMAS) as [ResidentCsvColumn, z.ZodType][]) {
      const result = schema.safeParse(values[column]);
      if (result.success) {
        parsed[column] = result.data;
      } else {
        for (const issue of result.error.issues) {
          rowProblems.push({ line: record.line, column, message: issue.message });
        }
      }
    }
    const technoparkId = technoparkIdOf(values.technopark);
    if (!technoparkId) {
      rowProblems.push({
        line: record.line,
        column: 'technopark',
        message: `unknown technopark “${values.technopark}”, or not one you manage`,
      });
    }
    const input: CreateResidentInput | null =
      rowProblems.length === 0 && technoparkId
        ? {
            technoparkId,
            name: parsed.name as string,
            regionCode: parsed.region as string,
            legalId: parsed.legal_id as string,
            headcount: parsed.headcount as number,
            capabilities: parsed.capabilities as string[],
            certifications: parsed.certifications as string[],
            emails: parsed.emails as string[],
            language: (parsed.language as CreateResidentInput['language'] | '') || undefined,
            notificationMode: (parsed.notification_mode as CreateResidentInput['notificationMode'] | '') || undefined,
          }
        : null;
    return { line: record.line, values, input, problems: rowProblems };
  });
  return { rows, problems };
}

/** The file column a service error's path (`legalId`, `capabilities[2]`) refers to. */
export function columnOfPath(error: FieldError): string {
  const field = error.path.replace(/\[\d+\]$/, '');
  const columns: Record<string, ResidentCsvColumn> = {
    technoparkId: 'technopark',
    regionCode: 'region',
    region: 'region',
    legalId: 'legal_id',
    notificationMode: 'notification_mode',
  };
  return columns[field] ?? field;
}
