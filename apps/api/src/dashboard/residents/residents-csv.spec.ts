import { columnOfPath, parseCsv, readResidentRows, RESIDENT_CSV_COLUMNS } from './residents-csv';

const HEADER = RESIDENT_CSV_COLUMNS.join(',');
const PARK_ID = '3f1c2a9e-6b1d-4c55-9a7e-2f0d8e4b7c11';
const technoparkIdOf = (nameOrId: string) => (nameOrId === 'Minsk Park' ? PARK_ID : null);

describe(parseCsv.name, () => {
  it('reads quoted fields with commas, escaped quotes and line breaks, keeping each record’s first line', () => {
    const { records, problems } = parseCsv('a,b\r\n"x, y","say ""hi"""\n\n"two\nlines",z\n');
    expect(problems).toEqual([]);
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, y', 'say "hi"'] },
      { line: 4, fields: ['two\nlines', 'z'] },
    ]);
  });

  it('accepts a semicolon-separated file and reports an unclosed quote', () => {
    expect(parseCsv('a;b\n1;2').records[1].fields).toEqual(['1', '2']);
    expect(parseCsv('a,b\n"open,2').problems).toEqual([
      { line: 2, column: '', message: 'a quoted field is not closed' },
    ]);
  });
});

describe(readResidentRows.name, () => {
  it('turns a valid row into a create input, lists split on semicolons', () => {
    const { rows, problems } = readResidentRows(
      `${HEADER}\nMinsk Park,Firm,BY-MI,100000007,12,25.62;25.61,ISO 9001,a@firm.example; b@firm.example,en,`,
      technoparkIdOf,
    );
    expect(problems).toEqual([]);
    expect(rows[0].input).toEqual({
      technoparkId: PARK_ID,
      name: 'Firm',
      regionCode: 'BY-MI',
      legalId: '100000007',
      headcount: 12,
      capabilities: ['25.62', '25.61'],
      certifications: ['ISO 9001'],
      emails: ['a@firm.example', 'b@firm.example'],
      language: 'en',
      notificationMode: undefined,
    });
  });

  it('names the line and column of each bad field, and of an unknown technopark', () => {
    const { rows, problems } = readResidentRows(
      `${HEADER}\nOther Park,Firm,BY-MI,100000007,zero,25.62,,not-an-email,de,instant`,
      technoparkIdOf,
    );
    expect(problems).toEqual([]);
    expect(rows[0].input).toBeNull();
    expect(rows[0].problems.map(({ line, column }) => `${line}:${column}`)).toEqual([
      '2:headcount',
      '2:emails',
      '2:language',
      '2:technopark',
    ]);
  });

  it('refuses a header without a required column', () => {
    const { problems } = readResidentRows('technopark,name\nMinsk Park,Firm', technoparkIdOf);
    expect(problems).toContainEqual({ line: 1, column: 'legal_id', message: 'this column is missing from the header' });
  });
});

describe(columnOfPath.name, () => {
  it('maps the service’s field paths to file columns', () => {
    expect(columnOfPath({ path: 'capabilities[3]', message: '' })).toBe('capabilities');
    expect(columnOfPath({ path: 'legalId', message: '' })).toBe('legal_id');
    expect(columnOfPath({ path: 'technoparkId', message: '' })).toBe('technopark');
  });
});
