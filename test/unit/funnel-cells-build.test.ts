/**
 * CellsByDeveloper (derived/funnel-cells-build.ts): the whole-tenant path's
 * funnel_cells, gathered from each dim's cells as they pass in `order by
 * dim`. A developer's dims are those it has cells in, in the order the dims
 * came; a cell is its dim's index among them · 2^31 + stage · 2^16 + day,
 * in (dim, stage, day) order, as writeCells' SQL (dense_rank) gives them.
 * The equality with that SQL on real data: integration/funnel-cells-paths.
 */
import { describe, expect, it } from 'vitest';
import { CellsByDeveloper } from '../../src-main/core/derived/funnel-cells-build';

const cell = (dim: number, stage: number, day: number) => dim * 2147483648 + stage * 65536 + day;

describe('CellsByDeveloper', () => {
  it('gives each developer its own dims, in the order they came, and its cells indexed by them, each once', () => {
    const cells = new CellsByDeveloper();
    // As fb_group gives them: dims in the database's order (C: bytes), each dim's rows by (stage, day), a number repeated.
    cells.addDim([
      { dim: '', stage: 0, day: 20_000, ns: [7, 2, 7] },
      { dim: '', stage: 0, day: 20_001, ns: [2] },
      { dim: '', stage: 1, day: 20_000, ns: [2, 7] },
    ]);
    cells.addDim([{ dim: 'source:Web', stage: 1, day: 20_000, ns: [7] }]);
    cells.addDim([]);
    cells.addDim([
      { dim: 'source:web', stage: 1, day: 20_000, ns: [2, 2] },
      { dim: 'source:web', stage: 2, day: 19_999, ns: [2] },
    ]);
    cells.addDim([{ dim: 'source:東京', stage: 3, day: 20_500, ns: [70_000] }]);
    expect(cells.size).toBe(9);
    const out = [...cells.developers()].map(([n, dims, codes]) => [n, dims, [...codes]]);
    expect(out).toEqual([
      [2, ['', 'source:web'], [cell(0, 0, 20_000), cell(0, 0, 20_001), cell(0, 1, 20_000), cell(1, 1, 20_000), cell(1, 2, 19_999)]],
      [7, ['', 'source:Web'], [cell(0, 0, 20_000), cell(0, 1, 20_000), cell(1, 1, 20_000)]],
      [70_000, ['source:東京'], [cell(0, 3, 20_500)]],
    ]);
    // Given away: a second call has nothing.
    expect([...cells.developers()]).toEqual([]);
  });

  it('keeps every cell and group as its arrays grow (from 2^16 cells and 1,024 groups)', () => {
    const cells = new CellsByDeveloper();
    for (let d = 0; d < 3; d++) {
      cells.addDim(
        Array.from({ length: 500 }, (_, day) => ({ dim: `d${d}`, stage: 1, day, ns: Array.from({ length: 800 }, (_, i) => i * 3 + d) })),
      );
    }
    expect(cells.size).toBe(1_200_000);
    const out = [...cells.developers()];
    // Developers 0..2399 each reached one of the dims: 500 days each.
    expect(out.length).toBe(2400);
    const [n, dims, codes] = out[2398]!;
    expect([n, dims, codes.length, codes[0], codes[499]]).toEqual([2398, ['d1'], 500, cell(0, 1, 0), cell(0, 1, 499)]);
  });
});
