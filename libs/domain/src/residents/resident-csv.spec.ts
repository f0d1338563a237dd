import { columnOfPath, parseCsv, readResidentRows, RESIDENT_CSV_COLUMNS } from './resident-csv';

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

describe(`${parseCsv.name} edge cases`, () => {
  it('drops a byte-order mark, so the first header is not “\\uFEFFtechnopark”', () => {
    const { records } = parseCsv('\uFEFFtechnopark,name\r\nMinsk Park,Firm\r\n');
    expect(records).toEqual([
      { line: 1, fields: ['technopark', 'name'] },
      { line: 2, fields: ['Minsk Park', 'Firm'] },
    ]);
    const { rows, problems } = readResidentRows(
      `\uFEFF${HEADER}\r\nMinsk Park,Firm,BY-MI,100000007,12,25.62,,a@firm.example,,`,
      technoparkIdOf,
    );
    expect(problems).toEqual([]);
    expect(rows[0].input?.name).toBe('Firm');
  });

  it('reads CRLF line ends without leaving a carriage return in the last field, and counts lines', () => {
    const { records } = parseCsv('a,b\r\n1,2\r\n3,4');
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
      { line: 3, fields: ['3', '4'] },
    ]);
  });

  it('keeps commas, semicolons and CRLF inside quoted fields, and the next record’s line right after them', () => {
    const { records } = parseCsv('a,b\r\n"Mogilev Metal, Ltd","x;y\r\nz"\r\nlast,row\r\n');
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['Mogilev Metal, Ltd', 'x;y\r\nz'] },
      { line: 4, fields: ['last', 'row'] },
    ]);
  });

  it('ignores an empty trailing line (or several), and blank lines in between', () => {
    expect(parseCsv('a,b\n1,2\n').records).toHaveLength(2);
    expect(parseCsv('a,b\r\n1,2\r\n\r\n\r\n').records).toHaveLength(2);
    expect(parseCsv('a,b\n\n1,2').records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 3, fields: ['1', '2'] },
    ]);
  });

  it('keeps empty fields, including a trailing one', () => {
    expect(parseCsv('a,b,c\n1,,\n').records[1].fields).toEqual(['1', '', '']);
  });

  it('reports a row with the wrong number of fields on its own line', () => {
    const { rows } = readResidentRows(`${HEADER}\nMinsk Park,Firm,BY-MI`, technoparkIdOf);
    expect(rows[0].problems[0]).toEqual({ line: 2, column: '', message: 'expected 10 fields, found 3' });
  });
});
