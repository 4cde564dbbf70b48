import { describe, expect, it } from 'vitest';
import { budgetCategories } from '../../src-shared/budget-categories';
import { FUNNEL_STAGES, stageKeys } from '../../src-shared/funnel-stages';
import { handleProviders } from '../../src-shared/providers';
import { DEFAULT_ACTION_MAP } from '../../src-main/core/db/seed';
import { developers } from '../../src-main/core/imports/formats/developers';

describe('the lists every process shares', () => {
  it('gives the developers template a handle column for each handle provider', () => {
    const columns = developers.fields.map((field) => field.name);
    for (const provider of handleProviders) expect(columns).toContain(provider);
  });

  it('keeps the shipped stages in funnel order, and maps the default actions to them', () => {
    expect(FUNNEL_STAGES.map((stage) => stage.orderNo)).toEqual([1, 2, 3, 4]);
    expect(stageKeys).toEqual(['awareness', 'engagement', 'adoption', 'advocacy']);
    expect(new Set(Object.values(DEFAULT_ACTION_MAP))).toEqual(new Set(stageKeys));
  });

  it('names each budget category once, in lower case as the import stores it', () => {
    expect(new Set(budgetCategories).size).toBe(budgetCategories.length);
    for (const category of budgetCategories) expect(category).toBe(category.normalize('NFKC').toLowerCase());
  });
});
