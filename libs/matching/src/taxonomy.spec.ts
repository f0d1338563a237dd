import type { Taxonomy } from './matching.types';
import { Ancestry, taxonomyFromParents } from './taxonomy';
import { TAXONOMY_ENTRIES, taxonomy } from './testing/matching-fixtures';

describe(taxonomyFromParents.name, () => {
  it('answers the parent of a known code', () => {
    expect(taxonomy.parentOf('25.62.cnc-milling-5axis')).toBe('25.62');
    expect(taxonomy.parentOf('25.62')).toBe('25.6');
    expect(taxonomy.parentOf('25')).toBe('C');
  });

  it('answers null for a root and for an unknown code', () => {
    expect(taxonomy.parentOf('C')).toBeNull();
    expect(taxonomy.parentOf('99.99')).toBeNull();
  });

  it('reads any iterable, e.g. a generator over database rows', () => {
    function* rows() {
      yield* TAXONOMY_ENTRIES;
    }
    expect(taxonomyFromParents(rows()).parentOf('26.12')).toBe('26.1');
  });
});

describe(Ancestry.name, () => {
  const countingTaxonomy = (inner: Taxonomy) => {
    const counter = { calls: 0 };
    const counted: Taxonomy = {
      parentOf: (code) => {
        counter.calls += 1;
        return inner.parentOf(code);
      },
    };
    return { counted, counter };
  };

  it('lists proper ancestors nearest first', () => {
    expect(new Ancestry(taxonomy).ancestorsOf('25.62.cnc-milling-5axis')).toEqual(['25.62', '25.6', '25', 'C']);
    expect(new Ancestry(taxonomy).ancestorsOf('C')).toEqual([]);
    expect(new Ancestry(taxonomy).ancestorsOf('unknown')).toEqual([]);
  });

  it('walks each chain once however often it is asked', () => {
    const { counted, counter } = countingTaxonomy(taxonomy);
    const ancestry = new Ancestry(counted);
    ancestry.ancestorsOf('25.62.cnc-milling-5axis');
    const afterFirstWalk = counter.calls;
    ancestry.ancestorsOf('25.62.cnc-milling-5axis');
    ancestry.ancestorsOf('25.62.cnc-milling-5axis');
    expect(afterFirstWalk).toBe(5); // four ancestors, then null above 'C'
    expect(counter.calls).toBe(afterFirstWalk);
  });

  it('stops at a cycle in corrupt reference data instead of looping forever', () => {
    const cyclic = taxonomyFromParents([
      { code: 'a', parentCode: 'b' },
      { code: 'b', parentCode: 'c' },
      { code: 'c', parentCode: 'a' },
    ]);
    expect(new Ancestry(cyclic).ancestorsOf('a')).toEqual(['b', 'c']);
  });
});
